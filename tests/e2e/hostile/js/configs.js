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
    /** With a captcha a necessary service claims (README "Supported browsers": without
     * WebAssembly it loads, as what no service claims does). */
    nowasm: function () {
      var c = Object.assign(base(), { googleConsentMode: true });
      c.categories.necessary.services = { captcha: { label: 'Captcha', urls: ['captcha.example/'] } };
      return c;
    },
    /** The same, with Google Consent Mode v2. */
    gcm: function () {
      return Object.assign(base(), { googleConsentMode: true });
    },
  };
})();
