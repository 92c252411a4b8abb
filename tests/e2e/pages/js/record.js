// Loaded first on every test page: records consentry's window events and gives configs
// callbacks that record too, so tests can compare them. JSON-safe copies only.
(function () {
  'use strict';
  var NAMES = ['onFirstConsent', 'onConsent', 'onChange', 'onModalShow', 'onModalHide', 'onModalReady'];
  window.ran = window.ran || [];
  window.ccLog = [];
  function safe(detail) {
    return JSON.parse(
      JSON.stringify(detail === undefined ? null : detail, function (k, v) {
        return typeof Element != 'undefined' && v instanceof Element ? '[element ' + v.tagName.toLowerCase() + '.' + v.className + ']' : v;
      }),
    );
  }
  NAMES.forEach(function (name) {
    window.addEventListener('cc:' + name, function (e) {
      window.ccLog.push({ kind: 'event', name: name, detail: safe(e.detail), t: performance.now() });
    });
  });
  /** Config callbacks that record their argument. */
  window.ccCallbacks = function () {
    var out = {};
    NAMES.forEach(function (name) {
      out[name] = function (detail) {
        // What page code sees from inside the callback (v3 sites query the API here).
        var cc = window.CookieConsent;
        var seen = cc && typeof cc.acceptedCategory == 'function'
          ? { accepted: ['necessary', 'analytics', 'marketing'].filter(function (c) { return cc.acceptedCategory(c); }), valid: cc.validConsent() }
          : null;
        window.ccLog.push({ kind: 'callback', name: name, detail: safe(detail), seen: seen, t: performance.now() });
      };
    });
    return out;
  };
})();
