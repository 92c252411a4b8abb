// Stub of https://www.googleadservices.com/pagead/conversion_async.js (Google Ads
// remarketing): the conversion linker's first-party cookie.
(function () {
  (window.__ran = window.__ran || []).push('gads');
  document.cookie = '_gcl_au=1.1.' + Math.floor(Math.random() * 1e9) + '.' + Math.floor(Date.now() / 1000) + '; path=/; max-age=7776000; SameSite=Lax';
})();
