// Page code that inserts third-party scripts, iframes and images the way tag managers and
// tracker snippets do, through every entry point auto-blocking covers. `insertAll(tag)`
// marks each URL with `?via=<entry point>&at=<tag>` and returns the list of URLs.
(function () {
  'use strict';
  var box = function () {
    var div = document.createElement('div');
    div.className = 'inserted';
    document.body.appendChild(div);
    return div;
  };
  window.images = [];
  window.insertAll = function (tag) {
    var q = function (via) {
      return '?via=' + via + '&at=' + tag;
    };
    var urls = [];
    var url = function (base, via) {
      var u = base + q(via);
      urls.push(u);
      return u;
    };
    var root = box();
    // createElement + the src property (what async loaders do)
    var s = document.createElement('script');
    s.async = true;
    s.src = url('http://analytics.test/tag.js', 'property');
    document.head.appendChild(s);
    // setAttribute('src')
    var f = document.createElement('iframe');
    f.setAttribute('src', url('http://ads.test/frame.html', 'setAttribute'));
    f.title = 'ad frame';
    root.appendChild(f);
    // new Image(): requested when src is set, never inserted (a pixel)
    var img = new Image();
    img.src = url('http://ads.test/pixel.gif', 'image');
    window.images.push(img);
    // srcset only
    var set = document.createElement('img');
    set.alt = '';
    set.srcset = url('http://analytics.test/pixel.gif', 'srcset') + ' 1x';
    root.appendChild(set);
    // HTML strings
    var inner = document.createElement('div');
    inner.innerHTML = '<img alt="" src="' + url('http://ads.test/pixel.gif', 'innerHTML') + '">';
    root.appendChild(inner);
    root.insertAdjacentHTML('beforeend', '<iframe title="video frame" src="' + url('http://video.test/frame.html', 'insertAdjacentHTML') + '"></iframe>');
    var outer = document.createElement('span');
    root.appendChild(outer);
    outer.outerHTML = '<img alt="" src="' + url('http://analytics.test/pixel.gif', 'outerHTML') + '">';
    return urls;
  };
  /** A third-party script no service claims: released as soon as the engine runs. */
  window.insertUnclaimed = function (tag) {
    var u = 'http://cdn.test/lib.js?at=' + tag;
    var s = document.createElement('script');
    s.src = u;
    document.head.appendChild(s);
    return u;
  };
  /** A single-page app rendering (README "Single-page apps"): the nodes of `html`, created by
   * the page and inserted into `into` (default #app) one by one after run(), as a framework
   * mounting a component does; returned, as the framework keeps them. */
  window.render = function (html, into) {
    var box = document.createElement('div');
    box.innerHTML = html;
    var nodes = Array.prototype.slice.call(box.childNodes);
    var parent = into || document.getElementById('app');
    nodes.forEach(function (node) {
      parent.appendChild(node);
    });
    return nodes;
  };
})();
