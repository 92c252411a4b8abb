// Stub of https://www.googletagmanager.com/gtag/js?id=G-… (the Google tag), served by the
// leak suite instead of Google's. Like the real one it reads its measurement id from its own
// URL, writes the first-party cookies (_ga, _ga_<id>, _gid), sends a page_view hit to
// google-analytics.com and one more hit for every later gtag('event', …).
(function () {
  var src = (document.currentScript && document.currentScript.src) || '';
  var id = (/[?&]id=([^&]+)/.exec(src) || [])[1] || 'G-UNKNOWN';
  (window.__ran = window.__ran || []).push('gtag:' + id);
  var now = Math.floor(Date.now() / 1000);
  var cid = Math.floor(Math.random() * 2147483647) + '.' + now;
  function set(name, value) {
    document.cookie = name + '=' + value + '; path=/; max-age=63072000; SameSite=Lax';
  }
  if (!/(^|;\s*)_ga=/.test(document.cookie)) set('_ga', 'GA1.1.' + cid);
  set('_ga_' + id.replace(/^G-/, ''), 'GS1.1.' + now + '.1.0.' + now + '.0.0.0');
  set('_gid', 'GA1.1.' + cid);
  function hit(name) {
    new Image().src = 'https://region1.google-analytics.com/g/collect?v=2&tid=' + id + '&en=' + encodeURIComponent(name) +
      '&dl=' + encodeURIComponent(location.href) + '&_z=' + Math.random().toString(36).slice(2);
  }
  hit('page_view');
  var dl = (window.dataLayer = window.dataLayer || []);
  var push = dl.push;
  dl.push = function (entry) {
    var result = push.apply(dl, arguments);
    if (entry && entry[0] == 'event' && !window['ga-disable-' + id]) hit(String(entry[1]));
    return result;
  };
})();
