// Stub of https://script.hotjar.com/modules.<hash>.js: the first-party cookies and the
// localStorage / sessionStorage keys Hotjar writes.
(function () {
  (window.__ran = window.__ran || []).push('hotjar-modules');
  var id = (window._hjSettings && window._hjSettings.hjid) || 0;
  var now = Date.now();
  var user = btoa(JSON.stringify({ id: Math.random().toString(16).slice(2), created: now, existing: false }));
  document.cookie = '_hjSessionUser_' + id + '=' + user + '; path=/; max-age=31536000; SameSite=Lax';
  document.cookie = '_hjSession_' + id + '=' + btoa(JSON.stringify({ id: 's' + now, c: now })) + '; path=/; max-age=1800; SameSite=Lax';
  try {
    localStorage.setItem('_hjSessionUser_' + id, user);
    localStorage.setItem('hjActiveViewportIds', JSON.stringify(['vp' + now]));
    sessionStorage.setItem('hjViewportId', 'vp' + now);
    sessionStorage.setItem('_hjRecordingLastActivity', String(now));
  } catch (e) {}
  var q = (window.hj && window.hj.q) || [];
  window.hj = function () {};
  q.length = 0;
})();
