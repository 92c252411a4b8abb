// Stub of https://snap.licdn.com/li.lms-analytics/insight.min.js (LinkedIn Insight Tag):
// first-party li_* cookies, a page-view request per partner id, and lintrk() conversions.
(function () {
  (window.__ran = window.__ran || []).push('insight');
  var ids = window._linkedin_data_partner_ids || [];
  document.cookie = 'li_sugr=' + Math.random().toString(16).slice(2) + '; path=/; max-age=7776000; SameSite=Lax';
  document.cookie = 'li_fat_id=' + Math.random().toString(16).slice(2) + '; path=/; max-age=2592000; SameSite=Lax';
  function send(pid, extra) {
    new Image().src = 'https://px.ads.linkedin.com/wa/?pid=' + pid + '&time=' + Date.now() + '&url=' + encodeURIComponent(location.href) + (extra || '');
  }
  for (var i = 0; i < ids.length; i++) send(ids[i]);
  var q = (window.lintrk && window.lintrk.q) || [];
  window.lintrk = function (action, data) {
    if (action == 'track') for (var i = 0; i < ids.length; i++) send(ids[i], '&conversionId=' + (data && data.conversion_id));
  };
  for (var j = 0; j < q.length; j++) window.lintrk(q[j][0], q[j][1]);
})();
