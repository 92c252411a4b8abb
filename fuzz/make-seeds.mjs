// Writes the committed seed corpora in fuzz/seeds/<target>/ from realistic inputs:
// the demo site's and the e2e suite's v3 configs (walked exactly as src/js/core.js walks
// them, so functions and RegExps become handles), stored records as consentry and v3 write
// them, XSS payloads, and tracker URL patterns. Run it after changing what it reads:
//   node fuzz/make-seeds.mjs
// (The fuzzers' own corpora grow in fuzz/corpus/, which git ignores.)
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const seeds = join(here, 'seeds');

/** src/js/core.js `walk`, without the DOM (no Elements here). */
function walk(value) {
  const handles = [];
  let budget = 20000;
  const bad = { '\0u': 0 };
  const go = (v, depth) => {
    if (--budget < 0 || depth > 48) return bad;
    if (v == null) return null;
    const t = typeof v;
    if (t == 'string' || t == 'boolean') return v;
    if (t == 'number') return isFinite(v) ? v : bad;
    if (t == 'function') return { '\0f': handles.push(v) - 1 };
    if (t != 'object') return bad;
    if (v instanceof RegExp || Object.prototype.toString.call(v) == '[object RegExp]') return { '\0r': handles.push(v) - 1 };
    try {
      if (Array.isArray(v)) return v.length > 5000 ? bad : v.map((x) => go(x, depth + 1));
      const out = {};
      for (const k of Object.keys(v)) if (v[k] !== undefined) out[k] = go(v[k], depth + 1);
      return out;
    } catch {
      return bad;
    }
  };
  return JSON.stringify(go(value, 0));
}

/** Run a classic config script in a sandbox with a fake window; return the window. */
function load(file) {
  const window = { ccCallbacks: () => ({ onConsent() {}, onChange() {}, onFirstConsent() {}, onModalShow() {}, onModalHide() {}, onModalReady() {} }) };
  vm.runInNewContext(readFileSync(join(root, file), 'utf8'), { window, URLSearchParams, Promise, setTimeout });
  return window;
}

const out = {};
const put = (target, name, text) => ((out[target] ||= []).push([name, text]));

// ---- config ------------------------------------------------------------------------------
const demo = load('www/js/consent-config.js').consentConfig;
put('config', 'demo-site', walk(demo));
put('config', 'demo-consent-json', walk(JSON.parse(readFileSync(join(root, 'www/consent.json'), 'utf8'))));
const e2e = load('tests/e2e/pages/js/configs.js').ccConfigs;
for (const q of ['', 'store=cookie', 'expiry=fn', 'xss', 'reload', 'mode=opt-out&enabled&disablePageInteraction']) {
  put('config', 'e2e-basic-' + (q.replace(/[^a-zA-Z]+/g, '-').toLowerCase() || 'plain'), walk(e2e.basic(new URLSearchParams(q))));
}
const f = () => {};
const configs = {
  empty: {},
  'necessary-only': { categories: { necessary: { readOnly: true } } },
  'v3-getting-started': {
    guiOptions: { consentModal: { layout: 'cloud inline', position: 'bottom center', equalWeightButtons: true, flipButtons: false }, preferencesModal: { layout: 'box', position: 'right', equalWeightButtons: true, flipButtons: false } },
    categories: { necessary: { readOnly: true }, functionality: {}, analytics: { services: { ga4: { label: 'Google Analytics 4', onAccept: f, onReject: f, cookies: [{ name: /^_ga/ }] }, another: { label: 'Another one' } } } },
    language: { default: 'en', autoDetect: 'browser', translations: { en: { consentModal: { title: "Hello traveller, it's cookie time!", description: 'Lorem ipsum <a href="#privacy-policy" data-cc="show-preferencesModal">Manage preferences</a>', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', showPreferencesBtn: 'Manage preferences', footer: '<a href="#link">Privacy Policy</a>\n<a href="#link">Terms and conditions</a>' }, preferencesModal: { title: 'Consent Preferences Center', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', savePreferencesBtn: 'Save preferences', closeIconLabel: 'Close modal', serviceCounterLabel: 'Service|Services', sections: [{ title: 'Your Privacy Choices', description: 'In this panel…' }, { title: 'Strictly Necessary', description: 'These cookies are essential.', linkedCategory: 'necessary' }, { title: 'Performance and Analytics', description: 'These cookies collect information.', linkedCategory: 'analytics', cookieTable: { caption: 'Cookie table', headers: { name: 'Cookie', domain: 'Domain', desc: 'Description' }, body: [{ name: '_ga', domain: 'example.com', desc: 'Description 1' }, { name: '_gid', domain: 'example.com', desc: 'Description 2' }] } }, { title: 'More information', description: 'For any queries <a class="cc__link" href="#yourdomain.com">contact me</a>.' }] } }, it: '/assets/it.json', de: f } },
  },
  'every-key': {
    root: '#app', mode: 'opt-out', autoShow: false, revision: 7, manageScriptTags: true, autoClearCookies: true, disablePageInteraction: true, hideFromBots: false, lazyHtmlGeneration: false, delay: 0, debug: true,
    cookie: { name: 'my_consent', domain: 'example.com', path: '/', sameSite: 'Strict', secure: true, expiresAfterDays: f, useLocalStorage: false },
    onFirstConsent: f, onConsent: f, onChange: f, onModalShow: f, onModalHide: f, onModalReady: f,
    googleConsentMode: { mapping: { personalization_storage: ['functionality', 'marketing'] }, waitForUpdate: 500, regions: ['DE', 'FR'], urlPassthrough: true, adsDataRedaction: true },
    gpc: { categories: ['marketing', 'analytics'] },
    consentLog: { endpoint: '/api/consent' },
    categories: {
      necessary: { enabled: true, readOnly: true },
      analytics: { enabled: true, services: { ga4: { label: 'GA4', urls: ['https://www.googletagmanager.com/gtag/js', '*.google-analytics.com/'], cookies: [{ name: '_ga', path: '/', domain: '.example.com' }] }, hotjar: { label: 'Hotjar', urls: ['*.hotjar.com/'] } }, autoClear: { cookies: [{ name: /^_ga/ }, { name: '_gid' }], reloadPage: true, storageKeys: ['amplitude_id', /^_hj/] } },
      marketing: { services: { meta: { label: 'Meta Pixel', urls: ['connect.facebook.net/'] }, youtube: { label: 'YouTube', urls: ['https://www.youtube-nocookie.com/embed/*'] } } },
      functionality: {},
    },
    language: { default: 'de', rtl: ['ar', 'he'], autoDetect: 'document', translations: {
      de: { consentModal: { label: 'Zustimmung', title: 'Cookies', description: '<p>Wir <b>nutzen</b> <i>Cookies</i>.</p>', acceptAllBtn: 'Alle', acceptNecessaryBtn: 'Keine', showPreferencesBtn: 'Einstellungen', closeIconLabel: 'X', revisionMessage: '<br><small>Neu</small>', footer: '<a href="/impressum" target="_blank">Impressum</a>', gpcNotice: 'GPC' }, preferencesModal: { title: 'E', acceptAllBtn: 'A', acceptNecessaryBtn: 'N', savePreferencesBtn: 'S', closeIconLabel: 'C', serviceCounterLabel: 'Dienst|Dienste', introTitle: 'I', introDescription: '<ul><li>a</li></ol>', moreTitle: 'M', moreDescription: '<a href="mailto:x@example.com">x</a>', gpcNotice: 'G' }, embedPlaceholder: { text: '{service} lädt', loadBtn: 'Laden', preferencesBtn: 'Einstellungen' }, preferenceCenter: { historyTitle: 'H', historyEmpty: 'leer', historyAll: 'alle', historyNecessary: 'nötig', historyCustom: 'eigene', receiptBtn: 'Beleg' }, categories: { analytics: { title: 'Statistik', description: 'Zählt' } } },
      ar: { consentModal: { title: 'نستخدم ملفات تعريف الارتباط' } },
      en: '/i18n/en.json',
    } },
  },
  'gcm-true': { googleConsentMode: true, categories: { necessary: { readOnly: true }, analytics: {}, marketing: {} } },
  'gpc-true': { gpc: true, categories: { marketing: {} } },
  'root-element': { root: { '\0n': 0 } },
  unsupported: { categories: { a: { services: { s: { label: { '\0u': 0 } } } } } },
};
for (const [name, c] of Object.entries(configs)) put('config', name, name == 'root-element' || name == 'unsupported' ? JSON.stringify(c) : walk(c));
// A few malformed ones, so the fuzzer starts next to the error paths too.
for (const [name, c] of Object.entries({
  'bad-mode': { mode: 'opt' }, 'bad-revision': { revision: -1 }, 'bad-layout': { guiOptions: { consentModal: { layout: 'modal' } } },
  'bad-url': { categories: { analytics: { services: { ga: { urls: ['a', 3] } } } } }, 'bad-translation': { language: { translations: { en: 3 } } },
  'empty-key': { categories: { '': {} } }, 'bad-cookie-name': { cookie: { name: 'a b' } }, 'bad-days': { cookie: { expiresAfterDays: 0 } },
})) put('config', name, walk(c));

// ---- record ------------------------------------------------------------------------------
const NOW = 1_764_387_948_123; // the clock consentry::fuzz::record reads records at
const iso = (t) => new Date(t).toISOString();
const record = (o = {}) => JSON.stringify({ categories: ['necessary', 'analytics'], revision: 0, data: null, consentTimestamp: iso(NOW - 86_400_000), consentId: '0f8fad5b-d9cb-469f-a165-70867728950e', services: { necessary: [], analytics: ['ga'], marketing: [] }, languageCode: 'en', lastConsentTimestamp: iso(NOW - 60_000), expirationTime: NOW + 182 * 86_400_000, ...o });
put('record', 'consentry', record());
put('record', 'v3', '{"categories":["necessary","analytics"],"revision":0,"data":{"x":1},"consentTimestamp":"2025-11-01T10:00:00.000Z","consentId":"0f8fad5b-d9cb-469f-a165-70867728950e","services":{"necessary":[],"analytics":[]},"languageCode":"en","lastConsentTimestamp":"2025-11-01T10:00:00.000Z","expirationTime":1777370400000}');
put('record', 'with-data', record({ data: { plan: 'pro', nested: [1, 2.5, -3e-7, true, null, 'é\u2028\ud83d\ude00'] } }));
put('record', 'future', record({ lastConsentTimestamp: iso(NOW + 86_400_000) }));
put('record', 'expired', record({ expirationTime: NOW - 1 }));
put('record', 'wrong-types', record({ revision: '0', categories: 'analytics' }));
put('record', 'unknown-categories', record({ categories: ['necessary', 'tracking'], services: { tracking: ['x'] } }));
put('record', 'escapes', '{"categories":["nec\\u0065ssary","\\ud83d\\ude00"],"revision":1e0,"consentId":"0F8FAD5B-D9CB-469F-A165-70867728950E","consentTimestamp":"2025-11-28T00:00:00Z","lastConsentTimestamp":"2025-11-28T23:59:59.999Z","expirationTime":1.8e12}');
const entry = (action, cats) => ({ time: iso(NOW - 3_600_000), action, categories: cats, services: { analytics: cats.includes('analytics') ? ['ga'] : [] }, revision: 0, language: 'en', gpc: false });
put('record', 'history', JSON.stringify([entry('given', ['necessary', 'analytics']), entry('changed', ['necessary', 'analytics', 'marketing']), { ...entry('withdrawn', ['necessary']), gpc: true }]));
put('record', 'history-empty', '[]');
put('record', 'not-json', '{"categories": ["necessary", "analytics"');
put('record', 'deep', '['.repeat(60) + ']'.repeat(60));
put('record', 'numbers', '[0,-0,1e308,1e309,-1e-400,123456789012345678901234567890,0.1,1E+2,-12.5e-3]');

// ---- sanitize ----------------------------------------------------------------------------
const xss = [
  'Plain text with & and < and > and "quotes"',
  'We use <b>cookies</b>. <a href="/privacy">Privacy policy</a> <a href="https://example.com" target="_blank">ext</a> <a href="mailto:a@b.c">mail</a>',
  '<p>para</p><ul><li>one<li>two</ul><ol><li><small>s</small></li></ol><span class="x">span</span><br/><em>em</em><strong>st</strong><i>i</i>',
  '<a href="#" data-cc="show-preferencesModal">Manage</a> <button data-cc="accept-all">x</button>',
  '<script>alert(1)</script>', '<SCRIPT SRC=//x.example/x.js></SCRIPT>', '<scr<script>ipt>alert(1)</script>',
  '<img src=x onerror=alert(1)>', '<svg/onload=alert(1)>', '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">x</a>', '<a href="JaVaScRiPt:alert(1)">x</a>', '<a href=" javascript:alert(1)">x</a>',
  '<a href="java&#x09;script:alert(1)">x</a>', '<a href="java\tscript:alert(1)">x</a>', '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>', '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="/ok" onclick="alert(1)">x</a>', '<b onmouseover=alert(1)>x</b>', '<span class="a" style="x:expression(alert(1))">x</span>',
  '<p/onclick=alert(1)>x</p>', '<b\nonclick=alert(1)>x</b>', '<a href=/ok" onclick="alert(1)>x</a>', "<a href='/ok' onclick='alert(1)'>x</a>",
  '<!-- <script>alert(1)</script> -->', '<![CDATA[<script>alert(1)</script>]]>', '<style>body{display:none}</style>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<b>unclosed <i>nest', '</b></i>stray closers', '<<b>>double<</b>>', '&lt;script&gt; &amp; &#x3c; &#60; &bogus &#xZZ;',
  '<a href="https://example.com/?q=<script>">q</a>', '<a title="x" href="/a">t</a>', '<a href>empty</a>', '<a href="">empty</a>',
  '<object data="x"></object><embed src="x"><form action="javascript:alert(1)"><input onfocus=alert(1) autofocus>',
  '<details open ontoggle=alert(1)>', '<body onload=alert(1)>', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
];
xss.forEach((s, i) => put('sanitize', 'xss-' + String(i).padStart(2, '0'), s));
put('sanitize', 'demo-footer', demo.language.translations.en.consentModal.footer);
put('sanitize', 'demo-more', demo.language.translations.en.preferencesModal.sections.at(-1).description);

// ---- urls --------------------------------------------------------------------------------
const pairs = [
  ['https://www.googletagmanager.com/gtag/js', 'https://www.googletagmanager.com/gtag/js?id=G-XXXXXXX'],
  ['https://www.googletagmanager.com/', 'https://www.googletagmanager.com/gtm.js?id=GTM-XXXX'],
  ['*.google-analytics.com/', 'https://region1.google-analytics.com/g/collect?v=2'],
  ['*.hotjar.com/', 'https://static.hotjar.com/c/hotjar-123.js?sv=6'],
  ['*.hotjar.com/', 'https://hotjar.com.evil.example/'],
  ['connect.facebook.net/', '//connect.facebook.net/en_US/fbevents.js'],
  ['https://www.youtube-nocookie.com/embed/*', 'https://www.youtube-nocookie.com/embed/abc?rel=0'],
  ['https://*.google.com/maps/*', 'https://www.google.com/maps/embed?pb=1'],
  ['HTTPS://Snap.Licdn.com/', 'https://snap.licdn.com/li.lms-analytics/insight.min.js'],
  ['https://a.example/', 'http://a.example/'],
  ['*', 'https://anything/'],
  ['//cdn.segment.com/analytics.js/', 'https://cdn.segment.com/analytics.js/v1/KEY/analytics.min.js'],
  ['*.doubleclick.net/', 'https://stats.g.doubleclick.net/j/collect?t=dc'],
  ['bat.bing.com/bat.js', 'http://bat.bing.com/bat.js'],
  ['*a*a*a*a*b', 'https://' + 'a'.repeat(300) + 'b'],
  ['https://*.tiktok.com/*/events.js', 'https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=X'],
  ['', 'https://x.example/'],
  ['https://ünïcødé.example/ä', 'https://ünïcødé.example/äöü'],
];
pairs.forEach(([p, u], i) => put('urls', 'pair-' + String(i).padStart(2, '0'), p + '\n' + u));

for (const [target, items] of Object.entries(out)) {
  const dir = join(seeds, target);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of items) writeFileSync(join(dir, name), text);
  console.log(`fuzz/seeds/${target}: ${items.length} inputs`);
}
