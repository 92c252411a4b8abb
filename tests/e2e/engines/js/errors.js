// Loaded first on every engines page: what reached the page as an uncaught exception, an
// unhandled rejection, or a console error or warning, in `window.pageErrors` — the same
// record in every engine (WebDriver has no console API).
(function () {
  'use strict';
  var errors = (window.pageErrors = []);
  window.addEventListener('error', function (e) {
    // Only script errors (ErrorEvent): a resource that failed to load does not bubble here.
    errors.push('exception: ' + (e.error && e.error.message ? e.error.message : e.message));
  });
  window.addEventListener('unhandledrejection', function (e) {
    errors.push('unhandled rejection: ' + String(e.reason && e.reason.message ? e.reason.message : e.reason));
  });
  ['error', 'warn'].forEach(function (level) {
    var original = console[level];
    console[level] = function () {
      errors.push('console.' + level + ': ' + Array.prototype.map.call(arguments, String).join(' '));
      return original.apply(console, arguments);
    };
  });
})();
