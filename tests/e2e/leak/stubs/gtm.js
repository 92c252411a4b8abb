// Stub of a Google Tag Manager container (https://www.googletagmanager.com/gtm.js?id=GTM-…).
// Like a real container it fires its tags a moment after start-up (300 ms here, to prove that
// late insertions are held too), and again on custom dataLayer events:
//   - "GA4 Configuration" tag: gtag.js with its own measurement id     (script, createElement + src)
//   - "LinkedIn image pixel" (Custom Image tag)                        (new Image().src)
//   - "Floodlight counter" (iframe)                                    (insertAdjacentHTML)
//   - "Google Ads remarketing" (Custom HTML, "support document.write") (document.write of a script,
//     handled the way GTM does: document.write is replaced while the tag runs, and the written
//     HTML is injected afterwards, its scripts re-created with createElement)
(function () {
  var w = window, d = document;
  (w.__ran = w.__ran || []).push('gtm');
  w.google_tag_manager = w.google_tag_manager || {};
  w.google_tag_manager['GTM-LEAK01'] = { dataLayer: { name: 'dataLayer' } };
  var rand = function () {
    return Math.random().toString(36).slice(2);
  };

  function customHtml(html) {
    var box = d.createElement('div');
    box.innerHTML = html; // scripts parsed by innerHTML never run: GTM re-creates them
    var written = '';
    var own = Object.prototype.hasOwnProperty.call(d, 'write');
    var previous = d.write;
    d.write = function () {
      written += Array.prototype.join.call(arguments, '');
    };
    try {
      Array.prototype.forEach.call(box.querySelectorAll('script'), function (old) {
        var s = d.createElement('script');
        if (old.src) s.src = old.src;
        else s.text = old.text;
        d.body.appendChild(s);
      });
    } finally {
      if (own) d.write = previous;
      else delete d.write;
    }
    if (!written) return;
    var out = d.createElement('div');
    out.className = 'gtm-custom-html';
    out.innerHTML = written;
    Array.prototype.forEach.call(out.querySelectorAll('script'), function (old) {
      var s = d.createElement('script');
      s.async = true;
      if (old.getAttribute('src')) s.src = old.getAttribute('src');
      else s.text = old.text;
      old.parentNode.replaceChild(s, old);
    });
    d.body.appendChild(out);
  }

  function fire(trigger) {
    if (trigger == 'init') {
      var ga = d.createElement('script');
      ga.async = true;
      ga.src = 'https://www.googletagmanager.com/gtag/js?id=G-GTM00002';
      d.head.appendChild(ga);
    }
    new Image().src = 'https://px.ads.linkedin.com/collect/?pid=1234567&fmt=gif&tag=gtm-' + trigger + '&cb=' + rand();
    d.body.insertAdjacentHTML(
      'beforeend',
      '<iframe class="gtm-floodlight" src="https://8765432.fls.doubleclick.net/activityi;src=8765432;type=visit;cat=' + trigger +
        ';ord=' + rand() + '?" width="1" height="1" frameborder="0" style="display:none"></iframe>',
    );
    if (trigger == 'init') {
      customHtml('<script>document.write(\'<script async src="https://www.googleadservices.com/pagead/conversion_async.js"><\\/script>\');<\/script>');
    }
    w.__gtmFired = (w.__gtmFired || 0) + 1;
  }

  var dl = (w.dataLayer = w.dataLayer || []);
  var push = dl.push;
  dl.push = function (entry) {
    var result = push.apply(dl, arguments);
    if (entry && entry.event == 'lead') fire('lead');
    return result;
  };
  setTimeout(function () {
    fire('init');
  }, 300);
})();
