/*
 * The "Privacy settings" page (/preferences.html): renders consentry's inline preference
 * center into #privacy-center. If this build has no mountPreferences() (or the engine did not
 * start), the page keeps showing the fallback: a button that opens the preferences modal.
 */
(function () {
  'use strict';
  var target = document.getElementById('privacy-center');
  var fallback = document.getElementById('privacy-center-fallback');
  var api = window.CookieConsent;
  if (!target || !api || typeof api.mountPreferences !== 'function') return;

  function showFallback(err) {
    target.hidden = true;
    if (fallback) fallback.hidden = false;
    if (err) console.warn('Privacy settings: the inline preference center is unavailable:', err);
  }

  Promise.resolve(window.consentReady)
    .then(function () {
      return api.mountPreferences(target);
    })
    .then(function () {
      target.hidden = false;
      if (fallback) fallback.hidden = true;
    }, showFallback);
})();
