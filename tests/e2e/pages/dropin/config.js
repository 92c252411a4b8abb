// The drop-in pages' config (pages/js/boot.js runs it): v3's usual shape. Query parameters:
// `lazy=0`, `autoShow=0`, `mode=opt-out`, `enabled=<category>`, `store=cookie`,
// `revision=<n>`, `path=<cookie.path>`.
(function () {
  'use strict';
  function hook(name) {
    return function () { window.log('hook', name); };
  }
  window.ccConfigs = {
    basic: function (params) {
      var config = Object.assign({ hideFromBots: false }, window.dropCallbacks(), {
        revision: Number(params.get('revision') || 0),
        categories: {
          necessary: { enabled: true, readOnly: true },
          functionality: {},
          analytics: {
            autoClear: { cookies: [{ name: /^_ga/ }] },
            services: { ga: { label: 'Google Analytics', onAccept: hook('ga:onAccept'), onReject: hook('ga:onReject') }, hotjar: { label: 'Hotjar' } },
          },
          marketing: {},
        },
        language: {
          default: 'en',
          translations: {
            en: {
              consentModal: {
                title: 'We use cookies', description: 'Drop-in test page. {{revisionMessage}}', revisionMessage: 'Our policy changed.',
                acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', showPreferencesBtn: 'Manage preferences', closeIconLabel: 'Reject all and close',
              },
              preferencesModal: {
                title: 'Cookie preferences', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', savePreferencesBtn: 'Save preferences', closeIconLabel: 'Close',
                serviceCounterLabel: 'Service|Services',
                sections: [
                  { title: 'Necessary', description: 'Always on.', linkedCategory: 'necessary' },
                  { title: 'Functionality', description: 'Remembers choices.', linkedCategory: 'functionality' },
                  { title: 'Analytics', description: 'Counts visits.', linkedCategory: 'analytics' },
                  { title: 'Marketing', description: 'Ads.', linkedCategory: 'marketing' },
                ],
              },
            },
            fr: {
              consentModal: { title: 'Nous utilisons des cookies', description: 'Page de test.', acceptAllBtn: 'Tout accepter', acceptNecessaryBtn: 'Tout refuser', showPreferencesBtn: 'Gérer' },
              preferencesModal: { title: 'Préférences', acceptAllBtn: 'Tout accepter', acceptNecessaryBtn: 'Tout refuser', savePreferencesBtn: 'Enregistrer', sections: [] },
            },
          },
        },
      });
      if (params.get('lazy') === '0') config.lazyHtmlGeneration = false;
      if (params.get('autoShow') === '0') config.autoShow = false;
      if (params.has('mode')) config.mode = params.get('mode');
      if (params.has('enabled')) config.categories[params.get('enabled')].enabled = true;
      if (params.get('store') === 'cookie') config.cookie = { useLocalStorage: false };
      if (params.has('path')) config.cookie = Object.assign(config.cookie || {}, { path: params.get('path') });
      return config;
    },
  };
})();
