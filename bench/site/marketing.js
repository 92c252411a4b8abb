// Demo "marketing" script: held by every banner until marketing is accepted.
(function () {
  var b = (window.__bench = window.__bench || {});
  b.marketing = performance.now();
  document.cookie = '_demo_mk=1; path=/; SameSite=Lax';
})();
