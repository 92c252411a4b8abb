// The site's consent config, loaded right after consentry.js (the placement rule). Besides
// calling CookieConsent.run(config) it sets up what the leak suite observes:
//   window.__ran  what third-party code executed (stubs push their name; stub iframes post
//                 a message, recorded as `frame:<name>`)
//   window.__cb   services' onAccept / onReject calls (`accept:ga4`, `reject:meta`, ...)
//   window.ccRun  'pending' → 'resolved' | 'rejected' (the harness's settled() waits on it)
// `?debug` turns on consentry's report mode.
(function () {
  'use strict';
  window.__ran = [];
  window.__cb = [];
  addEventListener('message', function (event) {
    if (event.data && typeof event.data.leakFrame == 'string') window.__ran.push('frame:' + event.data.leakFrame);
  });

  function service(name, label, extra) {
    var s = {
      label: label,
      onAccept: function () {
        window.__cb.push('accept:' + name);
      },
      onReject: function () {
        window.__cb.push('reject:' + name);
      },
    };
    for (var k in extra) s[k] = extra[k];
    return s;
  }

  var params = new URLSearchParams(location.search);
  var config = {
    hideFromBots: false, // the suite drives Chromium through Playwright (navigator.webdriver)
    debug: params.has('debug'),
    categories: {
      necessary: { enabled: true, readOnly: true },
      analytics: {
        autoClear: {
          // Legacy ga.js (document.write tag) cookies: declared on the category.
          cookies: [{ name: /^__utm/ }],
          // What Hotjar leaves in localStorage / sessionStorage.
          storageKeys: [/^_hj/, 'hjActiveViewportIds', 'hjViewportId'],
        },
        services: {
          ga4: service('ga4', 'Google Analytics 4', {
            urls: [
              'https://www.googletagmanager.com/gtag/js',
              'https://www.googletagmanager.com/gtm.js',
              'https://www.googletagmanager.com/ns.html',
              '*.google-analytics.com/',
            ],
            cookies: [{ name: /^_ga/ }, { name: '_gid' }],
          }),
          hotjar: service('hotjar', 'Hotjar', {
            urls: ['*.hotjar.com/', '*.hotjar.io/'],
            cookies: [{ name: /^_hj/ }],
          }),
        },
      },
      marketing: {
        services: {
          meta: service('meta', 'Meta Pixel', {
            urls: ['connect.facebook.net/', 'https://www.facebook.com/tr'],
            cookies: [{ name: '_fbp' }],
          }),
          linkedin: service('linkedin', 'LinkedIn Insight Tag', {
            urls: ['https://snap.licdn.com/', 'https://px.ads.linkedin.com/'],
            cookies: [{ name: /^li_/ }],
          }),
          gads: service('gads', 'Google Ads and Floodlight', {
            urls: ['*.doubleclick.net/', 'https://www.googleadservices.com/'],
            cookies: [{ name: /^_gcl_/ }],
          }),
        },
      },
      functionality: {
        services: {
          youtube: service('youtube', 'YouTube', { urls: ['https://www.youtube-nocookie.com/', 'https://www.youtube.com/'] }),
          maps: service('maps', 'Google Maps', { urls: ['https://www.google.com/maps/'] }),
        },
      },
    },
  };

  window.ccRun = 'pending';
  window.CookieConsent.run(config).then(
    function () {
      window.ccRun = 'resolved';
    },
    function (error) {
      window.ccRun = 'rejected';
      window.ccError = String(error && error.message);
    },
  );
})();
