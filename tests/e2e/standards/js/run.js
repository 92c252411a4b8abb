// Placed right after consentry.js in <head>: runs the config the test put (as JSON) in
// `?config=`. `window.ccRun`: 'pending' → 'resolved' | 'rejected'. Also notes how many
// dataLayer entries existed the moment run() returned (synchronous Consent Mode defaults).
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  window.ran = window.ran || [];
  window.ccEvents = [];
  ['onFirstConsent', 'onConsent', 'onChange'].forEach(function (name) {
    window.addEventListener('cc:' + name, function () {
      window.ccEvents.push(name);
    });
  });
  var config = JSON.parse(params.get('config') || '{}');
  window.ccRun = 'pending';
  var promise = window.CookieConsent.run(config);
  window.dataLayerAfterRun = (window.dataLayer || []).length;
  window.uetqAfterRun = JSON.parse(JSON.stringify(window.uetq || null)); // UET's consent default, if any
  promise.then(
    function () {
      window.ccRun = 'resolved';
    },
    function (e) {
      window.ccRun = 'rejected';
      window.ccError = String(e && e.message);
    },
  );
})();
