// Runs the config named by `?cfg=` (hostile/js/configs.js); `?norun` skips run(). Then, when
// the page has a #center and `?center` is set, mounts the inline preference center there.
// `window.ccRun`: 'pending' → 'resolved' | 'rejected' | 'norun' (as pages/js/boot.js).
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  if (params.has('norun')) {
    window.ccRun = 'norun';
    return;
  }
  window.ccRun = 'pending';
  var run = window.CookieConsent.run(window.hostileConfigs[params.get('cfg') || 'csp'](params));
  run.then(
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
