// Configs of the hostile pages (pages/js/boot.js picks one with `?config=`).
(function () {
  'use strict';
  function base() {
    return Object.assign({ hideFromBots: false }, window.ccCallbacks(), {
      categories: {
        necessary: { readOnly: true },
        analytics: { services: { hotjar: { label: 'Hotjar' }, ga: { label: 'Google Analytics' } } },
        marketing: { services: { youtube: { label: 'YouTube' }, ads: { label: 'Ads', urls: ['https://tracker.example/'] } } },
      },
      // No translations: the built-in English texts (inside the engine; nothing to fetch).
    });
  }
  window.ccConfigs = {
    basic: base,
    /** The same, with Google Consent Mode v2. */
    gcm: function () {
      return Object.assign(base(), { googleConsentMode: true });
    },
  };
})();
