// The config of the paths pages (loaded right after consentry.js; early.html makes requests
// before it) and what the test reads:
//   T(name, ext)  a URL of the tracker service (https://tracker.example/p/<name>.<ext>)
//   F(name)       a first-party URL the same service claims (/paths/track/<name>)
//   C(name, ext)  a third-party URL no service claims (https://cdn.example/p/<name>.<ext>)
//   window.__ran  what tracker code ran (scripts push their name; frames post it)
//   window.__out  what each case observed (a refused request's failure, say)
//   window.ccRun  'pending' → 'resolved' | 'rejected'
(function () {
  'use strict';
  window.__ran = [];
  window.__out = window.__out || {}; // early.html fills it before this runs
  window.T = function (name, ext) {
    return 'https://tracker.example/p/' + name + '.' + ext;
  };
  window.F = function (name) {
    return location.origin + '/paths/track/' + name;
  };
  window.C = function (name, ext) {
    return 'https://cdn.example/p/' + name + '.' + ext;
  };
  addEventListener('message', function (event) {
    if (event.data && typeof event.data.ran == 'string') window.__ran.push(event.data.ran);
  });
  window.ccRun = 'pending';
  window.CookieConsent.run({
    hideFromBots: false, // driven by Playwright (navigator.webdriver)
    categories: {
      necessary: { enabled: true, readOnly: true },
      marketing: {
        services: {
          tracker: { label: 'Tracker', urls: ['https://tracker.example/', '127.0.0.1*/paths/track/'] },
        },
      },
    },
  }).then(
    function () {
      window.ccRun = 'resolved';
    },
    function (error) {
      window.ccRun = 'rejected';
      window.ccError = String(error && error.message);
    },
  );
})();
