// Stub of https://static.hotjar.com/c/hotjar-<id>.js: Hotjar's bootstrap loads its modules
// from script.hotjar.com.
(function () {
  (window.__ran = window.__ran || []).push('hotjar');
  var s = document.createElement('script');
  s.async = true;
  s.src = 'https://script.hotjar.com/modules.8d1a7c4e2f.js';
  document.head.appendChild(s);
})();
