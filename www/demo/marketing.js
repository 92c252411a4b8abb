/*
 * "AdPixel": a stand-in for a marketing/conversion pixel. It only runs once the visitor has
 * accepted the marketing category (the page holds it as type="text/plain").
 * It sets one first-party cookie and marks itself as running on <html>.
 */
(function () {
  'use strict';
  var NINETY_DAYS = 60 * 60 * 24 * 90;
  document.cookie = '_demo_mk=1; path=/; max-age=' + NINETY_DAYS + '; SameSite=Lax';
  document.documentElement.setAttribute('data-demo-marketing', 'running');
  if (window.StratusStatus) window.StratusStatus.refresh();
})();
