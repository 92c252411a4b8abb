// Loaded first on the drop-in pages: one ordered log (`window.dropLog`) of the config
// callbacks, the `cc:` events, service hooks and held scripts, each with the consent state
// page code sees at that moment (what v3 listeners observe).
(function () {
  'use strict';
  var NAMES = ['onFirstConsent', 'onConsent', 'onChange', 'onModalShow', 'onModalHide', 'onModalReady'];
  window.dropLog = [];
  /** Record `kind:name` (and the modal's name) with the state the API reports now. */
  window.log = function (kind, name, detail) {
    var cc = window.CookieConsent;
    window.dropLog.push({
      what: kind + ':' + name + (detail && detail.modalName ? ':' + detail.modalName : ''),
      valid: cc.validConsent(),
      accepted: ['necessary', 'functionality', 'analytics', 'marketing'].filter(function (c) { return cc.acceptedCategory(c); }),
      detail: detail && detail.changedServices ? { changedCategories: detail.changedCategories, changedServices: detail.changedServices } : null,
    });
  };
  NAMES.forEach(function (name) {
    window.addEventListener('cc:' + name, function (e) { window.log('event', name, e.detail); });
  });
  window.dropCallbacks = function () {
    var out = {};
    NAMES.forEach(function (name) {
      out[name] = function (detail) { window.log('callback', name, detail); };
    });
    return out;
  };
})();
