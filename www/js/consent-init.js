/*
 * Starts the banner with the shared configuration (/js/consent-config.js).
 * Loaded with `defer`, after /dist/consentry.js, so the page has been parsed when run() starts.
 * `window.consentReady` lets other page scripts (status panel, privacy settings page)
 * wait for the engine; run() rejects if the config is invalid or the wasm cannot load.
 */
(function () {
  'use strict';
  var api = window.CookieConsent;
  if (!api || typeof api.run !== 'function') {
    window.consentReady = Promise.reject(new Error('consentry is not loaded (was /dist/consentry.js built?)'));
  } else {
    window.consentReady = Promise.resolve(api.run(window.consentConfig));
  }
  // run() already reports its own errors on the console; keep the rejection from being "unhandled".
  window.consentReady.catch(function () {});
})();
