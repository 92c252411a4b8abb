/*
 * "Stratus Insights": a stand-in for an analytics tag. It only runs once the visitor has
 * accepted the analytics category (the page holds it as type="text/plain").
 * It sets two first-party cookies and marks itself as running on <html>.
 */
(function () {
  'use strict';
  var YEAR = 60 * 60 * 24 * 365;
  var root = document.documentElement;
  var stopped = false;

  function setCookie(name, value) {
    document.cookie = name + '=' + value + '; path=/; max-age=' + YEAR + '; SameSite=Lax';
  }

  setCookie('_demo_an', '1');
  if (!/(?:^|;\s*)_demo_an_id=/.test(document.cookie)) {
    setCookie('_demo_an_id', Math.random().toString(36).slice(2, 12));
  }
  root.setAttribute('data-demo-analytics', 'running');

  window.demoInsights = {
    // Called by the page's data-category="!analytics" script when consent is withdrawn.
    stop: function () {
      stopped = true;
      root.setAttribute('data-demo-analytics', 'stopped');
      if (window.StratusStatus) window.StratusStatus.refresh();
    },
    isRunning: function () { return !stopped; }
  };

  if (window.StratusStatus) window.StratusStatus.refresh();
})();
