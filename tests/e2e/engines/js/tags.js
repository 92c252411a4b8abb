// What a tag finds: `window.tags()` returns window.dataLayer and window.uetq as plain data,
// the same in every engine. A dataLayer entry is `{ type, args }` for a gtag command (`type`
// is Object.prototype.toString of the entry: gtag pushes its `arguments` object) and
// `{ event, consentry }` for an event object.
(function () {
  'use strict';
  var copy = function (v) {
    return JSON.parse(JSON.stringify(v === undefined ? null : v));
  };
  window.tags = function () {
    var layer = window.dataLayer;
    return {
      dataLayer: layer
        ? Array.prototype.map.call(layer, function (e) {
            if (e && typeof e.event == 'string') return { event: e.event, consentry: copy(e.consentry) };
            return { type: Object.prototype.toString.call(e), args: Array.prototype.map.call(e, copy) };
          })
        : null,
      uetq: window.uetq ? copy(window.uetq) : null,
    };
  };
})();
