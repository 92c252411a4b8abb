// Runs consentry with the config named by `?config=` from `window.ccConfigs` (pages/js/configs.js;
// hostile/js/configs.js on the hostile pages), `basic` unless named, unless the page has `?norun`.
// Then, on a page with a #center element and `?center`, mounts the inline preference center.
// `window.ccRun`: 'pending' → 'resolved' | 'rejected' | 'norun'.
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  if (params.has('norun')) {
    window.ccRun = 'norun';
    return;
  }
  window.ccRun = 'pending';
  var config = window.ccConfigs[params.get('config') || 'basic'](params);
  window.ccConfig = config;
  window.CookieConsent.run(config).then(
    function () {
      var center = document.getElementById('center');
      if (center && params.has('center')) window.CookieConsent.mountPreferences(center);
      window.ccRun = 'resolved';
    },
    function (e) {
      window.ccRun = 'rejected';
      window.ccError = { isError: e instanceof Error, message: String(e && e.message) };
    },
  );
})();
