// What a shop's own scripts and a tag manager add, on a page whose visitor has no
// WebAssembly (nowasm.html): right away (before run() has settled) and at checkout.
(function () {
  'use strict';
  window.fetched = {};
  function script(src) {
    var s = document.createElement('script');
    s.src = src;
    document.body.appendChild(s);
    return s;
  }
  function get(name, url) {
    fetch(url).then(
      function () { window.fetched[name] = 'sent'; },
      function () { window.fetched[name] = 'refused'; },
    );
  }
  // At once: a tag manager's tracker and the shop's captcha, while run() is still settling.
  script('https://tracker.example/early.js');
  script('https://captcha.example/captcha.js');
  document.getElementById('checkout').addEventListener('click', function () {
    script('https://pay.example/checkout.js');
    var frame = document.createElement('iframe');
    frame.id = 'pay-frame';
    frame.src = 'https://pay.example/card-form';
    document.getElementById('pay').appendChild(frame);
    script('https://tracker.example/purchase.js');
    get('pay', 'https://pay.example/api/session');
    get('tracker', 'https://tracker.example/beacon');
  });
})();
