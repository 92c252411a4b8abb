// Stub of a third-party script that no consentry service claims (report mode): records
// the host it was loaded from.
(function () {
  var src = (document.currentScript && document.currentScript.src) || '';
  (window.__ran = window.__ran || []).push('widget:' + new URL(src, location.href).hostname);
})();
