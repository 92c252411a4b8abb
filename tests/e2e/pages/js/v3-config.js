// A typical vanilla-cookieconsent v3 configuration, written the way v3's documentation
// shows it (guiOptions, categories with autoClear and services, one inline translation with
// sections and a cookie table). The only addition is `hideFromBots: false`, which the test
// browser needs (it reports navigator.webdriver).
window.v3Run = function () {
  'use strict';
  window.v3Calls = [];
  var note = function (what) {
    return function (arg) {
      window.v3Calls.push({ what: what, arg: arg ? JSON.parse(JSON.stringify(arg, function (k, v) { return v instanceof Element ? 'element' : v; })) : null });
    };
  };
  return CookieConsent.run({
    hideFromBots: false,

    guiOptions: {
      consentModal: {
        layout: 'box inline',
        position: 'bottom left',
        equalWeightButtons: true,
        flipButtons: false,
      },
      preferencesModal: {
        layout: 'box',
        position: 'right',
        equalWeightButtons: true,
        flipButtons: false,
      },
    },

    onFirstConsent: note('onFirstConsent'),
    onConsent: note('onConsent'),
    onChange: note('onChange'),
    onModalReady: note('onModalReady'),

    categories: {
      necessary: {
        readOnly: true,
      },
      functionality: {},
      analytics: {
        autoClear: {
          cookies: [
            { name: /^_ga/ },
            { name: '_gid' },
          ],
        },
        services: {
          ga: {
            label: 'Google Analytics',
            onAccept: note('ga:onAccept'),
            onReject: note('ga:onReject'),
          },
          youtube: {
            label: 'Youtube Embed',
            onAccept: note('youtube:onAccept'),
            onReject: note('youtube:onReject'),
          },
        },
      },
      marketing: {},
    },

    language: {
      default: 'en',
      autoDetect: 'browser',
      translations: {
        en: {
          consentModal: {
            title: "Hello traveller, it's cookie time!",
            description: 'We use cookies to make the site work and, with your consent, to measure its use.',
            acceptAllBtn: 'Accept all',
            acceptNecessaryBtn: 'Reject all',
            showPreferencesBtn: 'Manage preferences',
            footer: '<a href="#privacy">Privacy Policy</a>\n<a href="#terms">Terms and conditions</a>',
          },
          preferencesModal: {
            title: 'Consent Preferences Center',
            acceptAllBtn: 'Accept all',
            acceptNecessaryBtn: 'Reject all',
            savePreferencesBtn: 'Save preferences',
            closeIconLabel: 'Close modal',
            serviceCounterLabel: 'Service|Services',
            sections: [
              {
                title: 'Cookie Usage',
                description: 'Choose for each category below whether you opt in or out.',
              },
              {
                title: 'Strictly Necessary Cookies <span class="pm__badge">Always Enabled</span>',
                description: 'These cookies are essential for the site to function.',
                linkedCategory: 'necessary',
              },
              {
                title: 'Functionality Cookies',
                description: 'These remember your choices.',
                linkedCategory: 'functionality',
              },
              {
                title: 'Analytics Cookies',
                description: 'These measure how the site is used.',
                linkedCategory: 'analytics',
                cookieTable: {
                  caption: 'Cookie table',
                  headers: {
                    name: 'Cookie',
                    domain: 'Domain',
                    desc: 'Description',
                  },
                  body: [
                    { name: '_ga', domain: location.hostname, desc: 'Distinguishes visitors.' },
                    { name: '_gid', domain: location.hostname, desc: 'Groups a visit.' },
                  ],
                },
              },
              {
                title: 'Advertisement Cookies',
                description: 'These show relevant ads.',
                linkedCategory: 'marketing',
              },
              {
                title: 'More information',
                description: 'For any query about our cookie policy, <a href="#contact">contact us</a>.',
              },
            ],
          },
        },
      },
    },
  });
};
