// Demo "analytics" script: held by every banner until analytics is accepted.
// It only records when it ran (ms since navigation start); it contacts nothing.
(function () {
  var b = (window.__bench = window.__bench || {});
  b.analytics = performance.now();
  document.cookie = '_demo_an=1; path=/; SameSite=Lax';
})();
