// Stub of the legacy http://www.google-analytics.com/ga.js (Classic Analytics): its
// first-party __utm* cookies.
(function () {
  (window.__ran = window.__ran || []).push('ga.js');
  var now = Math.floor(Date.now() / 1000);
  document.cookie = '__utma=1.' + Math.floor(Math.random() * 1e9) + '.' + now + '.' + now + '.' + now + '.1; path=/; max-age=63072000';
  document.cookie = '__utmz=1.' + now + '.1.1.utmcsr=(direct)|utmccn=(direct)|utmcmd=(none); path=/; max-age=15768000';
})();
