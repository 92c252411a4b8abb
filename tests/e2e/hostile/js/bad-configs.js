// Malformed configs, each with the exact message run() must reject with (hostile.test.mjs);
// `pattern` (a RegExp source) where the wording is the engine's to choose but the path and
// the point are fixed.
// `make()` builds the config in the page (functions, getters, cycles, DOM nodes, Symbols and
// BigInts can't travel as JSON). robustness.test.mjs has 9 more; none is repeated here.
(function () {
  'use strict';
  var UNSUPPORTED = 'an unsupported value (too deep, cyclic, or unreadable)';
  function base(extra) {
    var config = { hideFromBots: false, categories: { necessary: { readOnly: true }, analytics: {}, marketing: {} } };
    for (var k in extra) config[k] = extra[k];
    return config;
  }
  function cat(options) {
    return base({ categories: { necessary: { readOnly: true }, analytics: options } });
  }
  function service(options) {
    return cat({ services: { ga: options } });
  }
  function en(translation) {
    return base({ language: { default: 'en', translations: { en: translation } } });
  }
  function msg(path, expected, got) {
    return 'consentry: ' + path + ': expected ' + expected + (got ? ', got ' + got : '');
  }
  var CONFIG = 'a config object';
  var CATEGORY = 'an object ({ enabled, readOnly, services, autoClear })';
  var CATEGORIES = 'an object mapping category names to category options';
  var SERVICES = 'an object mapping service names to service options';
  var TRANSLATION = 'a translation object, a URL string, or a function returning one';

  // A service whose cookie rules hold the service itself.
  function cyclic() {
    var ga = { label: 'GA' };
    ga.cookies = [{ name: ga }];
    return service(ga);
  }
  function deep(n) {
    var o = 'leaf';
    for (var i = 0; i < n; i++) o = { nested: o };
    return o;
  }
  /** 25 000 values under a key no one reads, before everything else: the walk's budget. */
  function throwing(key) {
    var o = {};
    Object.defineProperty(o, key, { enumerable: true, get: function () { throw new Error('getter ' + key + ' threw'); } });
    return o;
  }

  window.badConfigs = [
    // ---- the config itself
    { name: 'config is null', make: function () { return null; }, message: msg('config', CONFIG, 'null') },
    { name: 'config is a string', make: function () { return 'analytics'; }, message: msg('config', CONFIG, 'a string') },
    { name: 'config is an array', make: function () { return [base({})]; }, message: msg('config', CONFIG, 'an array') },
    { name: 'config is a function', make: function () { return function () { return base({}); }; }, message: msg('config', CONFIG, 'a function') },
    // ---- wrong types
    { name: 'categories is an array', make: function () { return base({ categories: ['necessary', 'analytics'] }); }, message: msg('categories', CATEGORIES, 'an array') },
    { name: 'a category is a function', make: function () { return cat(function () {}); }, message: msg('categories.analytics', CATEGORY, 'a function') },
    { name: 'enabled is a string', make: function () { return cat({ enabled: 'yes' }); }, message: msg('categories.analytics.enabled', 'true or false', 'a string') },
    { name: 'readOnly is a number', make: function () { return cat({ readOnly: 1 }); }, message: msg('categories.analytics.readOnly', 'true or false', 'a number') },
    { name: 'services is an array', make: function () { return cat({ services: ['ga'] }); }, message: msg('categories.analytics.services', SERVICES, 'an array') },
    { name: 'a service label is a number', make: function () { return service({ label: 42 }); }, message: msg('categories.analytics.services.ga.label', 'a string', 'a number') },
    { name: 'onAccept is a string of code', make: function () { return service({ onAccept: "gtag('consent')" }); }, message: msg('categories.analytics.services.ga.onAccept', 'a function', 'a string') },
    { name: 'service cookies is a string', make: function () { return service({ cookies: '_ga' }); }, message: msg('categories.analytics.services.ga.cookies', 'an array', 'a string') },
    { name: 'a cookie rule without name', make: function () { return service({ cookies: [{ path: '/' }] }); }, message: msg('categories.analytics.services.ga.cookies[0].name', 'a cookie name (a non-empty string or a RegExp)', 'null') },
    { name: 'urls is a string', make: function () { return service({ urls: 'https://www.googletagmanager.com/' }); }, message: msg('categories.analytics.services.ga.urls', 'an array', 'a string') },
    { name: 'a url is a RegExp', make: function () { return service({ urls: [/google/] }); }, message: msg('categories.analytics.services.ga.urls[0]', 'a string', 'a RegExp') },
    { name: 'a url is blank', make: function () { return service({ urls: ['   '] }); }, pattern: '^consentry: categories\\.analytics\\.services\\.ga\\.urls\\[0\\]: expected .*(non-empty|blank|empty)' /* says what is wrong with a blank string */ },
    { name: 'storageKeys holds an empty string', make: function () { return cat({ autoClear: { storageKeys: [''] } }); }, message: msg('categories.analytics.autoClear.storageKeys[0]', 'a storage key (a non-empty string or a RegExp)', 'a blank string') },
    { name: 'reloadPage is "true"', make: function () { return cat({ autoClear: { reloadPage: 'true' } }); }, message: msg('categories.analytics.autoClear.reloadPage', 'true or false', 'a string') },
    { name: 'revision is a fraction', make: function () { return base({ revision: 1.5 }); }, message: msg('revision', 'a whole number ≥ 0', 'a number') },
    { name: 'revision is a string', make: function () { return base({ revision: '2' }); }, message: msg('revision', 'a whole number ≥ 0', 'a string') },
    { name: 'revision is a BigInt', make: function () { return base({ revision: BigInt(2) }); }, message: msg('revision', 'a whole number ≥ 0', UNSUPPORTED) },
    { name: 'autoShow is 0', make: function () { return base({ autoShow: 0 }); }, message: msg('autoShow', 'true or false', 'a number') },
    { name: 'mode is a Symbol', make: function () { return base({ mode: Symbol('opt-in') }); }, message: msg('mode', 'one of "opt-in", "opt-out"', UNSUPPORTED) },
    { name: 'mode in capitals', make: function () { return base({ mode: 'OPT-IN' }); }, message: msg('mode', 'one of "opt-in", "opt-out", got "OPT-IN"') },
    { name: 'root is a number', make: function () { return base({ root: 42 }); }, message: msg('root', 'a CSS selector or an Element', 'a number') },
    { name: 'onChange is an object', make: function () { return base({ onChange: { handleEvent: function () {} } }); }, message: msg('onChange', 'a function', 'an object') },
    // ---- cookie
    { name: 'cookie name with a space', make: function () { return base({ cookie: { name: 'my consent' } }); }, message: msg('cookie.name', 'a cookie name without spaces, quotes, commas, semicolons or equals signs') },
    { name: 'cookie path without a slash', make: function () { return base({ cookie: { path: 'blog' } }); }, message: msg('cookie.path', 'a path starting with "/"') },
    { name: 'sameSite in lower case', make: function () { return base({ cookie: { sameSite: 'lax' } }); }, message: msg('cookie.sameSite', 'one of "Lax", "Strict", "None", got "lax"') },
    { name: 'expiresAfterDays is NaN', make: function () { return base({ cookie: { expiresAfterDays: NaN } }); }, pattern: '^consentry: cookie\\.expiresAfterDays: expected a number of days \\(> 0 and ≤ 36500\\) or a function of the accept type, got (NaN|not a number|a non-finite number|NaN or an infinite number)$' /* not "too deep, cyclic, or unreadable" */ },
    { name: 'expiresAfterDays is a string', make: function () { return base({ cookie: { expiresAfterDays: '30' } }); }, message: msg('cookie.expiresAfterDays', 'a number of days (> 0 and ≤ 36500) or a function of the accept type', 'a string') },
    { name: 'expiresAfterDays is 100 000', make: function () { return base({ cookie: { expiresAfterDays: 100000 } }); }, message: msg('cookie.expiresAfterDays', 'a number of days (> 0 and ≤ 36500) or a function of the accept type', 'a number') },
    { name: 'cookie domain is a Date', make: function () { return base({ cookie: { domain: new Date() } }); }, message: msg('cookie.domain', 'a non-empty domain', 'an object') },
    { name: 'useLocalStorage is "no"', make: function () { return base({ cookie: { useLocalStorage: 'no' } }); }, message: msg('cookie.useLocalStorage', 'true or false', 'a string') },
    // ---- unknown layout names and positions
    { name: 'consent layout "Box" (case)', make: function () { return base({ guiOptions: { consentModal: { layout: 'Box' } } }); }, message: msg('guiOptions.consentModal.layout', 'one of "box", "box wide", "box inline", "cloud", "cloud inline", "bar", "bar inline", got "Box"') },
    { name: 'preferences layout "box wide"', make: function () { return base({ guiOptions: { preferencesModal: { layout: 'box wide' } } }); }, message: msg('guiOptions.preferencesModal.layout', 'one of "box", "bar", "bar wide", got "box wide"') },
    { name: 'consent position "center center"', make: function () { return base({ guiOptions: { consentModal: { position: 'center center' } } }); }, message: msg('guiOptions.consentModal.position', 'one of "top", "bottom", "middle", "top left", "top center", "top right", "middle left", "middle center", "middle right", "bottom left", "bottom center", "bottom right", got "center center"') },
    { name: 'guiOptions is a string', make: function () { return base({ guiOptions: 'box' }); }, message: msg('guiOptions', 'an object with consentModal and preferencesModal', 'a string') },
    // ---- language and translations
    { name: 'language.default is empty', make: function () { return base({ language: { default: '', translations: {} } }); }, message: msg('language.default', 'a language code such as "en"', 'a blank string') },
    { name: 'language.default is an Element', make: function () { return base({ language: { default: document.body } }); }, message: msg('language.default', 'a language code such as "en"', 'an Element') },
    { name: 'autoDetect "navigator"', make: function () { return base({ language: { autoDetect: 'navigator' } }); }, message: msg('language.autoDetect', 'one of "document", "browser", got "navigator"') },
    { name: 'rtl is a number', make: function () { return base({ language: { rtl: 5 } }); }, message: msg('language.rtl', 'a string or an array of strings', 'a number') },
    { name: 'translations is a URL string', make: function () { return base({ language: { translations: '/i18n/en.json' } }); }, message: msg('language.translations', 'an object mapping language codes to translations', 'a string') },
    { name: 'a translation is a number', make: function () { return base({ language: { translations: { fr: 42 } } }); }, message: msg('language.translations.fr', TRANSLATION, 'a number') },
    { name: 'a translation is an empty URL', make: function () { return base({ language: { translations: { fr: ' ' } } }); }, pattern: '^consentry: language\\.translations\\.fr: expected .*(non-empty|blank|empty)' /* says what is wrong with a blank string */ },
    { name: 'consentModal is a string', make: function () { return en({ consentModal: 'We use cookies' }); }, message: msg('language.translations.en.consentModal', 'an object', 'a string') },
    { name: 'a title is a function', make: function () { return en({ consentModal: { title: function () { return 'Cookies'; } } }); }, message: msg('language.translations.en.consentModal.title', 'a string', 'a function') },
    { name: 'sections is an object', make: function () { return en({ preferencesModal: { sections: { intro: {} } } }); }, message: msg('language.translations.en.preferencesModal.sections', 'an array of sections', 'an object') },
    { name: 'a cookie table without headers', make: function () { return en({ preferencesModal: { sections: [{ title: 'A', cookieTable: { body: [] } }] } }); }, message: msg('language.translations.en.preferencesModal.sections[0].cookieTable.headers', 'an object mapping column keys to header texts', 'null') },
    { name: 'linkedCategory names no category', make: function () { return en({ preferencesModal: { sections: [{ title: 'Ads', linkedCategory: 'ads' }] } }); }, message: msg('language.translations.en.preferencesModal.sections[0].linkedCategory', 'the name of a configured category, got "ads"') },
    { name: 'a section getter throws', make: function () { return en({ preferencesModal: { sections: [throwing('title')] } }); }, pattern: '^consentry: language\\.translations\\.en\\.preferencesModal\\.sections\\[0\\](\\.title)?: expected .*, got an unsupported value' /* the object, or the key whose getter threw */ },
    // ---- integrations
    { name: 'googleConsentMode is "yes"', make: function () { return base({ googleConsentMode: 'yes' }); }, message: msg('googleConsentMode', 'true or an object ({ mapping, waitForUpdate, regions, urlPassthrough, adsDataRedaction })', 'a string') },
    { name: 'a Consent Mode type that does not exist', make: function () { return base({ googleConsentMode: { mapping: { cookie_storage: ['analytics'] } } }); }, message: msg('googleConsentMode.mapping.cookie_storage', 'a key that is a Consent Mode type: ad_storage, ad_user_data, ad_personalization, analytics_storage, functionality_storage, personalization_storage, security_storage') },
    { name: 'Consent Mode mapped to an unknown category', make: function () { return base({ googleConsentMode: { mapping: { ad_storage: ['ads'] } } }); }, message: msg('googleConsentMode.mapping.ad_storage[0]', 'the name of a configured category, got "ads"') },
    { name: 'waitForUpdate is negative', make: function () { return base({ googleConsentMode: { waitForUpdate: -5 } }); }, message: msg('googleConsentMode.waitForUpdate', 'milliseconds (0 to 60000)', 'a number') },
    { name: 'gpc on a read-only category', make: function () { return base({ gpc: { categories: ['necessary'] } }); }, message: msg('gpc.categories', 'categories that can be rejected; "necessary" is readOnly') },
    { name: 'consentLog without endpoint', make: function () { return base({ consentLog: {} }); }, message: msg('consentLog.endpoint', 'a URL string', 'null') },
    // ---- cyclic, deep, huge, hostile objects
    { name: 'a cyclic service (its cookie rule names itself)', make: cyclic, message: msg('categories.analytics.services.ga.cookies[0].name', 'a cookie name (a non-empty string or a RegExp)', 'an object') },
    { name: 'an object nested 1000 deep where a string belongs', make: function () { return en({ consentModal: { title: deep(1000) } }); }, message: msg('language.translations.en.consentModal.title', 'a string', 'an object') },
    { name: 'a category nested 60 deep', make: function () { return cat({ services: { ga: { label: deep(60) } } }); }, message: msg('categories.analytics.services.ga.label', 'a string', 'an object') },
    { name: '10 000 categories', make: function () { var c = {}; for (var i = 0; i < 10000; i++) c['c' + i] = {}; return base({ categories: c }); }, message: msg('categories', 'at most 32 categories') },
    { name: '33 services in one category', make: function () { var s = {}; for (var i = 0; i < 33; i++) s['s' + i] = {}; return cat({ services: s }); }, message: msg('categories.analytics.services', 'at most 32 services') },
    { name: '100 001 urls: over the reading budget', make: function () { var u = []; for (var i = 0; i < 100001; i++) u.push('https://t' + i + '.example/'); return service({ urls: u }); }, message: msg('categories', CATEGORIES, 'more values than consentry reads (over the reading budget of 100000 values)') },
    { name: 'a Proxy whose ownKeys throws', make: function () { return base({ categories: new Proxy({}, { ownKeys: function () { throw new Error('trap'); } }) }); }, message: msg('categories', CATEGORIES, UNSUPPORTED) },
    { name: 'a category getter throws', make: function () { return base({ categories: { necessary: { readOnly: true }, analytics: throwing('services') } }); }, pattern: '^consentry: categories\\.analytics(\\.services)?: expected .*, got an unsupported value' /* the object, or the key whose getter threw */ },
    { name: 'an empty category name', make: function () { return base({ categories: { '': {} } }); }, message: msg('categories.', 'a non-empty name') },
    { name: 'googleConsentMode getter throws', make: function () { var c = base({}); Object.defineProperty(c, 'googleConsentMode', { enumerable: true, get: function () { throw new Error('getter googleConsentMode threw'); } }); return c; }, pattern: '^consentry: (config|googleConsentMode): expected ' /* and run() rejects: it doesn't throw */ },
  ];
})();
