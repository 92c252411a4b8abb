/*
 * The live consent status panel of the Stratus demo: this script fills the empty
 * <section class="status-panel"> of each page, in the page's language. It shows, for
 * analytics and marketing, whether the held demo tracker (/demo/analytics.js,
 * /demo/marketing.js) has been released, whether its inline snippet ran, which cookies
 * exist, the stored consent record, what CookieConsent.getUserPreferences() returns, and
 * the last consent events.
 *
 * It refreshes on the cc:* window events and once a second (document.cookie has no change
 * event). The held inline scripts and the demo trackers call StratusStatus.refresh().
 * It only reads: it never grants or withdraws consent itself.
 */
(function () {
  'use strict';

  var TEXT = {
    en: {
      running: 'running', blocked: 'blocked', stopped: 'stopped (consent withdrawn)', reload: 'granted again: runs on the next page load',
      pending: 'no choice yet', granted: 'granted', denied: 'not granted', ran: 'ran', notRun: 'not run',
      noCookies: 'No cookies', loading: 'loading…', ready: 'ready', failed: 'failed: ',
      missing: 'not loaded (is /dist/ built?)', noRecord: 'none yet',
      stored: 'saved in {where}, {date}', noEvents: 'No events yet', unavailable: '(not available yet)',
      title: 'Live consent status',
      intro: 'This panel is part of the demo. It shows which of the page’s demo trackers the cookie banner has released, the cookies they left behind, and what the banner reports. It refreshes on every consent event and once a second.',
      analytics: 'Analytics', marketing: 'Marketing', consent: 'Consent', inline: 'Inline snippet',
      cookies: 'Cookies on this site', record: 'Consent record', engine: 'Banner engine', prefs: 'What the banner reports:', events: 'Recent events',
      change: 'Change my choices', acceptAll: 'Accept all', rejectAll: 'Reject all'
    },
    de: {
      running: 'läuft', blocked: 'blockiert', stopped: 'gestoppt (Einwilligung widerrufen)', reload: 'erneut erteilt: läuft ab dem nächsten Seitenaufruf',
      pending: 'noch keine Auswahl', granted: 'erteilt', denied: 'nicht erteilt', ran: 'ausgeführt', notRun: 'nicht ausgeführt',
      noCookies: 'Keine Cookies', loading: 'wird geladen …', ready: 'bereit', failed: 'Fehler: ',
      missing: 'nicht geladen (wurde /dist/ gebaut?)', noRecord: 'noch keine',
      stored: 'gespeichert in {where}, {date}', noEvents: 'Noch keine Ereignisse', unavailable: '(noch nicht verfügbar)',
      title: 'Einwilligungsstatus live',
      intro: 'Dieses Feld gehört zur Demo. Es zeigt, welche Demo-Tracker dieser Seite das Cookie-Banner freigegeben hat, welche Cookies sie hinterlassen haben und was das Banner meldet. Es aktualisiert sich bei jedem Einwilligungsereignis und einmal pro Sekunde.',
      analytics: 'Statistik', marketing: 'Marketing', consent: 'Einwilligung', inline: 'Inline-Skript',
      cookies: 'Cookies dieser Website', record: 'Gespeicherte Einwilligung', engine: 'Banner-Engine', prefs: 'Was das Banner meldet:', events: 'Letzte Ereignisse',
      change: 'Auswahl ändern', acceptAll: 'Alle akzeptieren', rejectAll: 'Alle ablehnen'
    },
    es: {
      running: 'activo', blocked: 'bloqueado', stopped: 'detenido (consentimiento retirado)', reload: 'concedido de nuevo: se ejecuta al recargar la página',
      pending: 'aún sin elegir', granted: 'concedido', denied: 'no concedido', ran: 'ejecutado', notRun: 'no ejecutado',
      noCookies: 'Sin cookies', loading: 'cargando…', ready: 'listo', failed: 'error: ',
      missing: 'no cargado (¿se ha compilado /dist/?)', noRecord: 'todavía ninguno',
      stored: 'guardado en {where}, {date}', noEvents: 'Todavía no hay eventos', unavailable: '(todavía no disponible)',
      title: 'Estado del consentimiento en directo',
      intro: 'Este panel forma parte de la demo. Muestra qué rastreadores de prueba de esta página ha liberado el banner de cookies, qué cookies han dejado y qué informa el banner. Se actualiza con cada evento de consentimiento y una vez por segundo.',
      analytics: 'Analítica', marketing: 'Marketing', consent: 'Consentimiento', inline: 'Script en línea',
      cookies: 'Cookies de este sitio', record: 'Consentimiento guardado', engine: 'Motor del banner', prefs: 'Lo que informa el banner:', events: 'Eventos recientes',
      change: 'Cambiar mi elección', acceptAll: 'Aceptar todas', rejectAll: 'Rechazar todas'
    },
    fr: {
      running: 'actif', blocked: 'bloqué', stopped: 'arrêté (consentement retiré)', reload: 'de nouveau accordé\u00a0: actif au prochain chargement',
      pending: 'aucun choix pour l’instant', granted: 'accordé', denied: 'non accordé', ran: 'exécuté', notRun: 'non exécuté',
      noCookies: 'Aucun cookie', loading: 'chargement…', ready: 'prêt', failed: 'erreur\u00a0: ',
      missing: 'non chargé (/dist/ a-t-il été construit\u00a0?)', noRecord: 'aucun pour l’instant',
      stored: 'enregistré dans {where}, {date}', noEvents: 'Aucun événement pour l’instant', unavailable: '(pas encore disponible)',
      title: 'État du consentement en direct',
      intro: 'Ce panneau fait partie de la démo. Il indique quels traceurs de démonstration de cette page le bandeau a autorisés, quels cookies ils ont laissés et ce que rapporte le bandeau. Il se met à jour à chaque événement de consentement et toutes les secondes.',
      analytics: 'Mesure d’audience', marketing: 'Marketing', consent: 'Consentement', inline: 'Script en ligne',
      cookies: 'Cookies de ce site', record: 'Consentement enregistré', engine: 'Moteur du bandeau', prefs: 'Ce que rapporte le bandeau\u00a0:', events: 'Derniers événements',
      change: 'Modifier mes choix', acceptAll: 'Tout accepter', rejectAll: 'Tout refuser'
    },
    pt: {
      running: 'ativo', blocked: 'bloqueado', stopped: 'parado (consentimento retirado)', reload: 'concedido de novo: corre no próximo carregamento da página',
      pending: 'ainda sem escolha', granted: 'concedido', denied: 'não concedido', ran: 'executado', notRun: 'não executado',
      noCookies: 'Sem cookies', loading: 'a carregar…', ready: 'pronto', failed: 'erro: ',
      missing: 'não carregado (/dist/ foi compilado?)', noRecord: 'ainda nenhum',
      stored: 'guardado em {where}, {date}', noEvents: 'Ainda sem eventos', unavailable: '(ainda não disponível)',
      title: 'Estado do consentimento em direto',
      intro: 'Este painel faz parte da demonstração. Mostra que rastreadores de demonstração desta página o banner de cookies libertou, que cookies deixaram e o que o banner comunica. Atualiza-se a cada evento de consentimento e uma vez por segundo.',
      analytics: 'Análise', marketing: 'Marketing', consent: 'Consentimento', inline: 'Script em linha',
      cookies: 'Cookies deste site', record: 'Consentimento guardado', engine: 'Motor do banner', prefs: 'O que o banner comunica:', events: 'Eventos recentes',
      change: 'Alterar as minhas escolhas', acceptAll: 'Aceitar tudo', rejectAll: 'Rejeitar tudo'
    },
    th: {
      running: 'กำลังทำงาน', blocked: 'ถูกบล็อก', stopped: 'หยุดแล้ว (ถอนความยินยอม)', reload: 'ให้ความยินยอมอีกครั้ง: จะทำงานเมื่อโหลดหน้าใหม่',
      pending: 'ยังไม่ได้เลือก', granted: 'ยินยอมแล้ว', denied: 'ไม่ได้ยินยอม', ran: 'ทำงานแล้ว', notRun: 'ยังไม่ทำงาน',
      noCookies: 'ไม่มีคุกกี้', loading: 'กำลังโหลด…', ready: 'พร้อม', failed: 'ล้มเหลว: ',
      missing: 'ไม่ได้โหลด (สร้าง /dist/ แล้วหรือยัง)', noRecord: 'ยังไม่มี',
      stored: 'บันทึกไว้ใน {where} เมื่อ {date}', noEvents: 'ยังไม่มีเหตุการณ์', unavailable: '(ยังไม่พร้อมใช้งาน)',
      title: 'สถานะความยินยอมแบบสด',
      intro: 'แผงนี้เป็นส่วนหนึ่งของการสาธิต แสดงว่าแบนเนอร์คุกกี้ปล่อยตัวติดตามสาธิตใดของหน้านี้แล้ว ตัวติดตามทิ้งคุกกี้ใดไว้ และแบนเนอร์รายงานอะไร แผงจะอัปเดตทุกครั้งที่มีเหตุการณ์ด้านความยินยอมและทุกหนึ่งวินาที',
      analytics: 'การวิเคราะห์', marketing: 'การตลาด', consent: 'ความยินยอม', inline: 'สคริปต์ในหน้า',
      cookies: 'คุกกี้ของเว็บไซต์นี้', record: 'บันทึกความยินยอม', engine: 'เอนจินของแบนเนอร์', prefs: 'สิ่งที่แบนเนอร์รายงาน:', events: 'เหตุการณ์ล่าสุด',
      change: 'เปลี่ยนการเลือกของฉัน', acceptAll: 'ยอมรับทั้งหมด', rejectAll: 'ปฏิเสธทั้งหมด'
    },
    zh: {
      running: '运行中', blocked: '已拦截', stopped: '已停止（已撤回同意）', reload: '已重新同意：下次加载页面时运行',
      pending: '尚未选择', granted: '已同意', denied: '未同意', ran: '已运行', notRun: '未运行',
      noCookies: '没有 Cookie', loading: '加载中…', ready: '就绪', failed: '失败：',
      missing: '未加载（/dist/ 构建了吗？）', noRecord: '暂无',
      stored: '已保存在 {where}，{date}', noEvents: '暂无事件', unavailable: '（尚不可用）',
      title: '实时同意状态',
      intro: '此面板是演示的一部分。它显示 Cookie 横幅放行了本页哪些演示跟踪器、它们留下了哪些 Cookie，以及横幅报告的内容。每次发生同意事件时以及每秒都会刷新。',
      analytics: '分析', marketing: '营销', consent: '同意', inline: '内联脚本',
      cookies: '本网站的 Cookie', record: '同意记录', engine: '横幅引擎', prefs: '横幅报告的内容：', events: '最近的事件',
      change: '更改我的选择', acceptAll: '全部接受', rejectAll: '全部拒绝'
    },
    ms: {
      running: 'berjalan', blocked: 'disekat', stopped: 'dihentikan (persetujuan ditarik balik)', reload: 'diberikan semula: berjalan pada muatan halaman seterusnya',
      pending: 'belum ada pilihan', granted: 'diberikan', denied: 'tidak diberikan', ran: 'dijalankan', notRun: 'tidak dijalankan',
      noCookies: 'Tiada kuki', loading: 'memuatkan…', ready: 'sedia', failed: 'gagal: ',
      missing: 'tidak dimuatkan (adakah /dist/ sudah dibina?)', noRecord: 'belum ada',
      stored: 'disimpan dalam {where}, {date}', noEvents: 'Belum ada peristiwa', unavailable: '(belum tersedia)',
      title: 'Status persetujuan secara langsung',
      intro: 'Panel ini sebahagian daripada demo. Ia menunjukkan penjejak demo mana pada halaman ini yang telah dilepaskan oleh sepanduk kuki, kuki yang ditinggalkan dan apa yang dilaporkan oleh sepanduk. Ia dikemas kini pada setiap peristiwa persetujuan dan setiap saat.',
      analytics: 'Analitik', marketing: 'Pemasaran', consent: 'Persetujuan', inline: 'Skrip sebaris',
      cookies: 'Kuki di laman ini', record: 'Rekod persetujuan', engine: 'Enjin sepanduk', prefs: 'Apa yang dilaporkan oleh sepanduk:', events: 'Peristiwa terkini',
      change: 'Tukar pilihan saya', acceptAll: 'Terima semua', rejectAll: 'Tolak semua'
    }
  };

  var EVENTS = ['cc:onFirstConsent', 'cc:onConsent', 'cc:onChange', 'cc:onModalShow', 'cc:onModalHide'];
  var MAX_EVENTS = 6;

  var root = document.documentElement;
  var lang = (root.lang || 'en').slice(0, 2).toLowerCase();
  var t = TEXT[lang] || TEXT.en;

  var api = null;
  var engine = { state: 'loading', message: '', watched: null };
  var events = [];
  var prefsText = '';

  function $(selector, scope) { return (scope || document).querySelector(selector); }

  /** Writes text only when it changed, so screen readers and selection are not disturbed. */
  function setText(el, text) {
    if (el && el.textContent !== text) el.textContent = text;
  }

  function cookieNames() {
    if (!document.cookie) return [];
    return document.cookie.split(/;\s*/).map(function (pair) {
      return pair.split('=')[0];
    }).filter(Boolean).sort();
  }

  function watchEngine() {
    var ready = window.consentReady;
    if (!ready || engine.watched === ready) return;
    engine.watched = ready;
    Promise.resolve(ready).then(function () {
      engine.state = 'ready';
      render();
    }, function (err) {
      engine.state = 'failed';
      engine.message = err && err.message ? err.message : String(err);
      render();
    });
  }

  function currentApi() {
    return api || window.CookieConsent || null;
  }

  /** Calls an API function once the engine is ready; undefined when unavailable or async. */
  function ask(name, args) {
    var a = currentApi();
    if (engine.state !== 'ready' || !a || typeof a[name] !== 'function') return undefined;
    try {
      var result = a[name].apply(a, args || []);
      return result && typeof result.then === 'function' ? undefined : result;
    } catch (e) {
      return undefined;
    }
  }

  function storedRecord() {
    var cfg = window.consentConfig || {};
    var name = (cfg.cookie && cfg.cookie.name) || 'cc_cookie';
    var raw = null;
    var where = 'localStorage';
    try { raw = window.localStorage.getItem(name); } catch (e) { raw = null; }
    if (!raw) {
      var m = document.cookie.match(new RegExp('(?:^|;\\s*)' + name + '=([^;]*)'));
      if (m) { raw = decodeURIComponent(m[1]); where = 'cookie'; }
    }
    if (!raw) return t.noRecord;
    try {
      var rec = JSON.parse(raw);
      var when = rec.lastConsentTimestamp || rec.consentTimestamp;
      var date = when ? new Date(when).toLocaleString(root.lang || undefined) : '?';
      return name + ': ' + t.stored.replace('{where}', where).replace('{date}', date);
    } catch (e) {
      return name + ' (' + where + ')';
    }
  }

  function trackerState(category) {
    var mark = root.getAttribute('data-demo-' + category);
    var accepted = ask('acceptedCategory', [category]);
    // A held script runs once per page view (as in v3): granted again, it runs on the next load.
    if (mark === 'stopped') return accepted === true ? 'reload' : 'stopped';
    if (mark === 'running') return accepted === false ? 'stopped' : 'running';
    return 'blocked';
  }

  function renderTracker(card) {
    var category = card.getAttribute('data-status-category');
    var state = trackerState(category);
    var badge = $('[data-status-badge]', card);
    if (badge) {
      setText(badge, t[state]);
      badge.className = 'badge is-' + state;
    }
    var accepted = ask('acceptedCategory', [category]);
    var decided = ask('validConsent');
    setText($('[data-status-consent]', card),
      accepted === undefined ? '—' : (accepted ? t.granted : (decided === false ? t.pending : t.denied)));
    setText($('[data-status-inline]', card),
      root.getAttribute('data-demo-' + category + '-inline') === 'ran' ? t.ran : t.notRun);
  }

  function renderCookies(list) {
    var names = cookieNames();
    var key = names.join('\n') || '-';
    if (list.getAttribute('data-key') === key) return;
    list.setAttribute('data-key', key);
    list.textContent = '';
    if (!names.length) {
      var empty = document.createElement('li');
      empty.className = 'is-empty';
      empty.textContent = t.noCookies;
      list.appendChild(empty);
      return;
    }
    names.forEach(function (name) {
      var li = document.createElement('li');
      if (name.indexOf('_demo_') === 0) li.className = 'is-demo';
      li.textContent = name;
      list.appendChild(li);
    });
  }

  function renderPrefs(pre) {
    var a = currentApi();
    if (engine.state !== 'ready' || !a || typeof a.getUserPreferences !== 'function') {
      setText(pre, t.unavailable);
      return;
    }
    var result;
    try { result = a.getUserPreferences(); } catch (e) { result = { error: e.message }; }
    if (result && typeof result.then === 'function') {
      result.then(function (value) { prefsText = JSON.stringify(value, null, 2); setText(pre, prefsText); });
      setText(pre, prefsText || t.unavailable);
      return;
    }
    setText(pre, JSON.stringify(result, null, 2));
  }

  function renderEvents(list) {
    var key = events.map(function (e) { return e.time + e.name + e.summary; }).join('|') || '-';
    if (list.getAttribute('data-key') === key) return;
    list.setAttribute('data-key', key);
    list.textContent = '';
    if (!events.length) {
      var li = document.createElement('li');
      li.textContent = t.noEvents;
      list.appendChild(li);
      return;
    }
    events.forEach(function (e) {
      var item = document.createElement('li');
      var time = document.createElement('time');
      time.textContent = e.time;
      var name = document.createElement('code');
      name.textContent = e.name;
      item.appendChild(time);
      item.appendChild(name);
      if (e.summary) item.appendChild(document.createTextNode(e.summary));
      list.appendChild(item);
    });
  }

  /** A tracker's card: its category, name and file. */
  function trackerCard(category, name, file) {
    return '<div class="status-card" data-status-category="' + category + '">' +
      '<div class="status-card__head"><h3>' + t[category] + '</h3>' +
      '<span class="badge" data-status-badge aria-live="polite">—</span></div>' +
      '<p class="status-card__sub">' + name + ' · <code>' + file + '</code></p>' +
      '<dl><dt>' + t.consent + '</dt><dd data-status-consent>—</dd>' +
      '<dt>' + t.inline + '</dt><dd data-status-inline>—</dd></dl></div>';
  }

  /** The panel's markup, in the page's language (the page has the empty section). */
  function build(panel) {
    panel.innerHTML = '<div class="wrap">' +
      '<div class="section-head"><h2 id="status-title">' + t.title + '</h2><p>' + t.intro + '</p></div>' +
      '<div class="status-grid">' +
      trackerCard('analytics', 'Stratus Insights', '/demo/analytics.js') +
      trackerCard('marketing', 'AdPixel', '/demo/marketing.js') +
      '<div class="status-card status-card--wide"><h3>' + t.cookies + '</h3>' +
      '<ul class="chips" data-status-cookies><li class="is-empty">—</li></ul>' +
      '<dl class="status-meta"><dt>' + t.record + '</dt><dd data-status-record>—</dd>' +
      '<dt>' + t.engine + '</dt><dd data-status-engine>—</dd></dl></div>' +
      '<div class="status-card"><h3>' + t.prefs + ' <code>getUserPreferences()</code></h3>' +
      '<pre class="prefs-out" data-status-prefs>—</pre></div>' +
      '<div class="status-card"><h3>' + t.events + '</h3><ol class="events" data-status-events></ol></div>' +
      '</div>' +
      '<div class="status-actions">' +
      '<button type="button" class="btn btn--primary btn--small" data-cc="show-preferencesModal">' + t.change + '</button>' +
      '<button type="button" class="btn btn--ghost btn--small" data-cc="accept-all">' + t.acceptAll + '</button>' +
      '<button type="button" class="btn btn--ghost btn--small" data-cc="accept-necessary">' + t.rejectAll + '</button>' +
      '</div></div>';
  }

  function render() {
    watchEngine();
    var panel = $('.status-panel');
    if (!panel) return;
    if (!panel.firstElementChild) build(panel);

    Array.prototype.forEach.call(panel.querySelectorAll('[data-status-category]'), renderTracker);

    var cookies = $('[data-status-cookies]', panel);
    if (cookies) renderCookies(cookies);
    setText($('[data-status-record]', panel), storedRecord());

    var engineText = engine.state === 'failed'
      ? (currentApi() ? t.failed + engine.message : t.missing)
      : t[engine.state];
    setText($('[data-status-engine]', panel), engineText);

    var pre = $('[data-status-prefs]', panel);
    if (pre) renderPrefs(pre);
    var list = $('[data-status-events]', panel);
    if (list) renderEvents(list);
  }

  function summarize(name, detail) {
    if (!detail) return '';
    if (detail.modalName) return ' ' + detail.modalName;
    if (detail.changedCategories && detail.changedCategories.length) {
      return ' → ' + detail.changedCategories.join(', ');
    }
    if (detail.cookie && detail.cookie.categories) return ' → ' + detail.cookie.categories.join(', ');
    return '';
  }

  EVENTS.forEach(function (name) {
    window.addEventListener(name, function (event) {
      var now = new Date();
      events.unshift({
        time: now.toTimeString().slice(0, 8),
        name: name.replace('cc:', ''),
        summary: summarize(name, event.detail)
      });
      events.length = Math.min(events.length, MAX_EVENTS);
      render();
    });
  });

  window.StratusStatus = {
    /** For pages that import the ES module instead of using window.CookieConsent. */
    connect: function (moduleApi) { api = moduleApi; render(); },
    refresh: render
  };

  // Deferred scripts (/js/consent-init.js) run after this one but before DOMContentLoaded.
  render();
  document.addEventListener('DOMContentLoaded', render);
  window.setInterval(render, 1000);
})();
