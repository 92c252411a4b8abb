// Stands in for https://www.googletagmanager.com/gtag/js (served through context.route):
// snapshots window.dataLayer the moment a Google tag would first read it.
(function () {
  'use strict';
  var dl = window.dataLayer || [];
  var snapshot = Array.prototype.map.call(dl, function (entry) {
    return {
      type: Object.prototype.toString.call(entry),
      args: Array.prototype.map.call(entry, function (v) {
        return v instanceof Date ? '[Date]' : JSON.parse(JSON.stringify(v === undefined ? null : v));
      }),
    };
  });
  (window.gtagRuns = window.gtagRuns || []).push({
    src: document.currentScript ? document.currentScript.src : null,
    engineUi: !!document.getElementById('cc-main'),
    dataLayer: snapshot,
  });
})();
