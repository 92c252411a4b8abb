// The configs the test pages run (pages/js/boot.js picks one with `?config=`). Each is a
// function of the page's URLSearchParams so a test can vary it from the URL.
(function () {
  'use strict';

  var EN = {
    consentModal: {
      title: 'We use cookies',
      description: 'This test site uses cookies. <a href="/privacy">Privacy policy</a>',
      acceptAllBtn: 'Accept all',
      acceptNecessaryBtn: 'Reject all',
      showPreferencesBtn: 'Manage preferences',
      revisionMessage: 'Our cookie policy changed since your last visit.',
    },
    preferencesModal: {
      title: 'Cookie preferences',
      acceptAllBtn: 'Accept all',
      acceptNecessaryBtn: 'Reject all',
      savePreferencesBtn: 'Save preferences',
      closeIconLabel: 'Close',
    },
  };
  var FR = {
    consentModal: {
      title: 'Nous utilisons des cookies',
      description: 'Ce site de test utilise des cookies.',
      acceptAllBtn: 'Tout accepter',
      acceptNecessaryBtn: 'Tout refuser',
      showPreferencesBtn: 'Gérer les préférences',
    },
    preferencesModal: {
      title: 'Préférences des cookies',
      acceptAllBtn: 'Tout accepter',
      acceptNecessaryBtn: 'Tout refuser',
      savePreferencesBtn: 'Enregistrer',
      closeIconLabel: 'Fermer',
    },
  };

  function basic(params) {
    var config = Object.assign({ hideFromBots: false }, window.ccCallbacks(), {
      revision: Number(params.get('revision') || 0),
      categories: {
        necessary: { enabled: true, readOnly: true },
        analytics: {
          autoClear: { cookies: [{ name: '_ga' }, { name: /^_ga_/ }, { name: '_gid' }], storageKeys: ['amplitude_id', /^_hj/] },
          services: {
            ga: { label: 'Google Analytics' },
            hotjar: { label: 'Hotjar', cookies: [{ name: /^_hj/ }] },
          },
        },
        marketing: { services: { ads: { label: 'Ads' } } },
      },
      language: {
        default: 'en',
        rtl: ['ar'],
        translations: {
          en: EN,
          fr: FR,
          // v3 also takes a URL and an (async) function.
          es: '/i18n/es.json',
          ar: { consentModal: { title: 'نستخدم ملفات تعريف الارتباط' } },
          de: function () {
            return new Promise(function (resolve) {
              setTimeout(function () {
                resolve({ consentModal: { title: 'Wir verwenden Cookies' }, preferencesModal: { title: 'Cookie-Einstellungen' } });
              }, 50);
            });
          },
        },
      },
    });
    if (params.get('store') === 'cookie') config.cookie = { useLocalStorage: false, secure: false };
    if (params.has('autoShow')) config.autoShow = params.get('autoShow') === 'true';
    if (params.has('mode')) config.mode = params.get('mode');
    if (params.has('enabled')) config.categories.analytics.enabled = true;
    if (params.has('disablePageInteraction')) config.disablePageInteraction = true;
    if (params.get('expiry') === 'fn') {
      config.cookie = {
        expiresAfterDays: function (acceptType) {
          return acceptType === 'all' ? 365 : 30;
        },
      };
    }
    if (params.has('xss')) {
      config.language.translations.en.consentModal.description =
        'Hostile <img src="/held/pixel.gif" onerror="window.xss = 1"> text <script>window.xss = 2</script>' +
        '<a href="javascript:window.xss = 3" id="bad-link">bad</a> <a href="/ok" onclick="window.xss = 4" id="good-link">good</a>' +
        ' <b>bold</b> <iframe src="/held/frame.html"></iframe><svg onload="window.xss = 5"></svg>';
      config.language.translations.en.consentModal.title = 'Title <em>em</em><style>body{display:none}</style>';
    }
    if (params.has('reload')) config.categories.analytics.autoClear.reloadPage = true;
    if (params.has('lazy')) config.lazyHtmlGeneration = params.get('lazy') === 'true';
    return config;
  }

  window.ccConfigs = {
    basic: basic,
    /** The same, with v3's default `hideFromBots: true` (not set). */
    bots: function (params) {
      var c = basic(params);
      delete c.hideFromBots;
      return c;
    },
  };
})();
