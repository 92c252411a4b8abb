// Runs consentry with the config named by `?config=` (pages/js/configs.js), unless the
// page has `?norun`. `window.ccRun`: 'pending' → 'resolved' | 'rejected' | 'norun'.
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
      window.ccRun = 'resolved';
    },
    function (e) {
      window.ccRun = 'rejected';
      window.ccError = { isError: e instanceof Error, message: String(e && e.message) };
    },
  );
})();
