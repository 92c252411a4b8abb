// Runs consentry with a config built from the page's query string (see ui.test.mjs):
//   cm=<consent layout> cmpos=<position> flip eq=0 close footer revision=<n> dpi
//   pm=<preferences layout> pmpos=<left|right> lang=<default> auto=document tr=none|partial|site
//   rtl=<code> table center embed (a held 560×315 iframe of the `ads` service)
// `window.ccRun`: 'pending' → 'resolved' | 'rejected'.
(function () {
  'use strict';
  var q = new URLSearchParams(location.search);
  var categories = {
    necessary: { enabled: true, readOnly: true },
    analytics: { services: { ga: { label: 'Google Analytics' }, hotjar: { label: 'Hotjar' } } },
    marketing: { services: { ads: { label: 'Ads' } } },
  };
  var config = { hideFromBots: false, categories: categories, guiOptions: { consentModal: {}, preferencesModal: {} } };
  var cm = config.guiOptions.consentModal;
  var pm = config.guiOptions.preferencesModal;
  if (q.has('cm')) cm.layout = q.get('cm');
  if (q.has('cmpos')) cm.position = q.get('cmpos');
  if (q.has('flip')) cm.flipButtons = pm.flipButtons = true;
  if (q.get('eq') === '0') cm.equalWeightButtons = pm.equalWeightButtons = false;
  if (q.has('pm')) pm.layout = q.get('pm');
  if (q.has('pmpos')) pm.position = q.get('pmpos');
  if (q.has('revision')) config.revision = Number(q.get('revision'));
  if (q.has('dpi')) config.disablePageInteraction = true;

  var lang = q.get('lang') || 'en';
  config.language = { default: lang };
  if (q.get('auto')) config.language.autoDetect = q.get('auto');
  if (q.has('rtl')) config.language.rtl = q.get('rtl');
  var tr = q.get('tr') || 'site';
  if (tr !== 'none') {
    // A site translation that leaves most strings out: the rest is built in.
    var t = { consentModal: {}, preferencesModal: {} };
    if (q.has('close')) t.consentModal.closeIconLabel = 'Close banner';
    if (q.has('footer')) t.consentModal.footer = '<a href="/privacy">Privacy policy</a> <a href="/imprint">Imprint</a>';
    if (tr === 'partial') {
      t.consentModal.title = 'Site title ' + lang;
      t.preferencesModal.savePreferencesBtn = 'Site save ' + lang;
    }
    if (q.has('table')) {
      t.preferencesModal.sections = [
        { title: 'Intro', description: 'What we use, and why.' },
        { title: 'Strictly necessary', description: 'Always on.', linkedCategory: 'necessary' },
        {
          title: 'Analytics', description: 'Measure visits.', linkedCategory: 'analytics',
          cookieTable: {
            caption: 'Cookies of this category',
            headers: { name: 'Name', domain: 'Domain', desc: 'Purpose', exp: 'Expiry' },
            body: [
              { name: '_ga', domain: 'example.com', desc: 'Tells visits apart (Google Analytics).', exp: '2 years' },
              { name: '_hjSessionUser_123456', domain: 'example.com', desc: 'Hotjar visitor identifier.', exp: '1 year' },
            ],
          },
        },
        { title: 'Marketing', description: 'Ads.', linkedCategory: 'marketing' },
        { title: 'More information', description: 'Contact us: <a href="mailto:privacy@example.com">privacy@example.com</a>.' },
      ];
    }
    config.language.translations = {};
    config.language.translations[lang] = t;
  }
  if (q.has('embed')) {
    var frame = document.createElement('iframe');
    frame.id = 'embed';
    frame.title = 'Product video';
    frame.width = '560';
    frame.height = '315';
    frame.setAttribute('data-category', 'marketing');
    frame.setAttribute('data-service', 'ads');
    frame.setAttribute('data-src', '/ui/frame.html');
    document.getElementById('center').before(frame);
  }
  window.ccConfig = config;
  window.ccRun = 'pending';
  window.CookieConsent.run(config).then(
    function () {
      if (q.has('center')) window.CookieConsent.mountPreferences(document.getElementById('center'));
      window.ccRun = 'resolved';
    },
    function (e) {
      window.ccRun = 'rejected';
      window.ccError = String(e && e.message);
    },
  );
})();
