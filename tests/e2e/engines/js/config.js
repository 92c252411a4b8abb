// The config of the engines pages. Third parties are `*.test` hosts, reached through the
// test's local proxy (tests/e2e/engines/hosts.mjs), which answers every request itself.
// The page's query adds integrations: `gcm` (Google Consent Mode), `uet` (Microsoft UET
// consent mode), `log=<url>` (consentLog.endpoint).
(function () {
  'use strict';
  var query = new URLSearchParams(location.search);
  window.ran = [];
  window.ccConfig = {
    hideFromBots: false, // the pages are driven by automation (navigator.webdriver is true)
    categories: {
      necessary: { enabled: true, readOnly: true },
      functionality: { services: { video: { label: 'Video Host', urls: ['http://video.test/'] } } },
      analytics: {
        autoClear: { cookies: [{ name: /^_an/ }] },
        services: { stats: { label: 'Stats', urls: ['http://analytics.test/'] } },
      },
      marketing: { services: { ads: { label: 'Ad Network', urls: ['http://ads.test/'] } } },
    },
    language: {
      default: 'en',
      translations: {
        en: {
          consentModal: {
            title: 'We use cookies',
            description: 'This page checks consentry in three browser engines.',
            acceptAllBtn: 'Accept all',
            acceptNecessaryBtn: 'Reject all',
            showPreferencesBtn: 'Manage preferences',
          },
          preferencesModal: {
            title: 'Cookie preferences',
            acceptAllBtn: 'Accept all',
            acceptNecessaryBtn: 'Reject all',
            savePreferencesBtn: 'Save preferences',
            closeIconLabel: 'Close',
          },
        },
      },
    },
  };
  if (query.has('gcm')) window.ccConfig.googleConsentMode = {};
  if (query.has('uet')) window.ccConfig.microsoftConsentMode = true;
  if (query.has('log')) window.ccConfig.consentLog = { endpoint: query.get('log') };
})();
