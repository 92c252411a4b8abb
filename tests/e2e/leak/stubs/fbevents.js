// Stub of https://connect.facebook.net/en_US/fbevents.js (Meta Pixel): takes over the fbq
// queue of the base code, writes _fbp, and sends every tracked event to facebook.com/tr.
(function () {
  (window.__ran = window.__ran || []).push('fbevents');
  var fbq = window.fbq;
  if (!fbq) return;
  document.cookie = '_fbp=fb.1.' + Date.now() + '.' + Math.floor(Math.random() * 1e10) + '; path=/; max-age=7776000; SameSite=Lax';
  var pixel = null;
  function send(event) {
    new Image().src = 'https://www.facebook.com/tr/?id=' + pixel + '&ev=' + encodeURIComponent(event) + '&dl=' + encodeURIComponent(location.href) +
      '&if=false&ts=' + Date.now() + '&cb=' + Math.random().toString(36).slice(2);
  }
  fbq.callMethod = function (command, a) {
    if (command == 'init') pixel = a;
    else if (command == 'track' || command == 'trackCustom') send(a);
  };
  var queue = fbq.queue || [];
  fbq.queue = [];
  for (var i = 0; i < queue.length; i++) fbq.callMethod.apply(fbq, queue[i]);
})();
