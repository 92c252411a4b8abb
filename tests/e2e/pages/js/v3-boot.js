// v3 style: the config file calls CookieConsent.run() directly.
window.ccRun = 'pending';
window.v3Run().then(
  function () { window.ccRun = 'resolved'; },
  function (e) { window.ccRun = 'rejected'; window.ccError = { isError: e instanceof Error, message: String(e && e.message) }; },
);
