// The CookieConsent facade shared by the script-tag and the ES-module builds.
//
// The engine (Rust → `consentry_bg.wasm`) decides everything and drives the page through
// `host.js`. What lives here is what must be JavaScript: loading the wasm once, reading the
// config object (functions and RegExps stay here; the engine gets handles), awaiting
// translations that are URLs or async functions, waiting for the DOM, queueing calls made
// before the engine runs, the page listeners, and carrying out the effects the engine
// returns (events, callbacks, released scripts) once it has returned.

import initWasm, { call as engineCall } from '../../pkg/consentry.js';
import { block, expand, modalElement, placeholder, release, state } from './host.js';
import { install, recheck, trust, useEngine } from './guard.js';
import { sha256 } from './sha256.js';

const LOAD_ERROR = 'consentry: the engine (consentry_bg.wasm) could not be loaded: ';
const CSP_HINT = " (if the page sends a Content-Security-Policy, its script-src must allow 'wasm-unsafe-eval')";

// Engine operations (`Op` in src/api.rs) and action codes (`Action` in src/ui/mod.rs).
const OP = {
  configure: 0, provideTranslation: 1, start: 2, act: 3, show: 4, acceptCategory: 5, acceptService: 6,
  acceptedCategory: 7, acceptedService: 8, validConsent: 9, validCookie: 10, eraseCookieNames: 11,
  setCookieData: 12, getCookie: 13, getUserPreferences: 14, languagePending: 15, applyLanguage: 16,
  currentLanguage: 17, reset: 18, classify: 19, acceptOne: 20, sync: 21, builtinPending: 22,
  provideBuiltin: 23, mountPreferences: 24, history: 25, receipt: 26, shown: 27,
};
/** Call the engine; a result starting with `!` is an error message. */
function call(op, a = '', b = '') {
  const result = engineCall(OP[op], String(a), String(b));
  if (result[0] == '!') throw new Error(result.slice(1));
  return result;
}
// Action codes (src/ui/mod.rs).
const DATA_CC = { 'accept-all': 0, 'accept-necessary': 1, 'accept-custom': 2, 'show-consentModal': 3, 'show-preferencesModal': 4 };
const ROLES = { all: 0, necessary: 1, save: 2, show: 4, close: 5 };
const CENTER_ROLES = { all: 0, necessary: 1, save: 7 };
const FOCUSABLE = 'button:not([disabled]),input:not([disabled]),a[href],[tabindex]:not([tabindex="-1"])';

/** Read a JS value for the engine: JSON in which functions, RegExps and Elements are
 * handles (`{"\0f": n}` …) into `handles`, and what can't be read is `{"\0u": 0}`. */
export function walk(value, handles) {
  // A reading budget per top-level key: at most 100 000 values under it (the README's limits
  // — 32 categories × 32 services × 20 URLs, or 700 URLs in one service — need about 25 000),
  // so one huge or cyclic value (say under an unknown key) can't make the keys after it
  // unreadable. A key over it reads as `{"\0b": 0}`: the engine's error says a budget was
  // exceeded. The depth cut-off leaves room for the marker within the parser's depth (48).
  let budget;
  const bad = { '\0u': 0 };
  const over = {};
  const go = (v, depth) => {
    if (depth < 2) {
      budget = 100000;
      try {
        return read(v, depth);
      } catch (e) {
        if (e === over) return { '\0b': 0 };
        throw e;
      }
    }
    return read(v, depth);
  };
  const read = (v, depth) => {
    if (--budget < 0) throw over;
    if (depth > 40) return bad;
    if (v == null) return null;
    const t = typeof v;
    if (t == 'string' || t == 'boolean') return v;
    if (t == 'number') return isFinite(v) ? v : { '\0i': 0 };
    if (t == 'function') return { '\0f': handles.push(v) - 1 };
    if (t != 'object') return bad;
    if (v instanceof RegExp) return { '\0r': handles.push(v) - 1 };
    if (typeof Element != 'undefined' && v instanceof Element) return { '\0n': handles.push(v) - 1 };
    try {
      if (Array.isArray(v)) {
        if (v.length > budget) throw over;
        return v.map((x) => go(x, depth + 1));
      }
      const out = {};
      for (const k of Object.keys(v)) {
        let m;
        try {
          m = v[k];
        } catch {
          m = bad; // a getter that throws: that key is unreadable, not the whole object
        }
        if (m !== undefined) out[k] = m === bad ? bad : go(m, depth + 1);
      }
      return out;
    } catch (e) {
      if (e === over) throw e;
      return bad;
    }
  };
  return JSON.stringify(go(value, 0));
}

/** `promise`, or a rejection once it has taken 3 s: a translation (function or URL) that never
 * settles can't hold the banner back for ever; the fallback texts are used (README "Languages"). */
const settles = (promise) =>
  Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 3 s; using the fallback texts')), 3000))]);

function callSite(f, arg) {
  try {
    if (typeof f == 'function') f(arg);
  } catch (error) {
    console.error(error);
  }
}

// ---- Google Consent Mode v2 -------------------------------------------------------------

const CONSENT_TYPES = ['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage', 'functionality_storage', 'personalization_storage', 'security_storage'];

/** What gtag() does: push its `arguments` object (Google's tags ignore arrays). */
function gtag() {
  (window.dataLayer = window.dataLayer || []).push(arguments);
}

/** Consent Mode defaults, pushed synchronously while run() is called — before any Google
 * tag later in the page — with every type denied except those the mapping ties to a
 * read-only (necessary) category. The engine sends `update` on every consent. */
function consentDefaults(config) {
  const gcm = config && config.googleConsentMode;
  if (!gcm) return;
  const cats = config.categories || {};
  const necessary = Object.keys(cats).filter((c) => cats[c] && cats[c].readOnly);
  const DEFAULT = {
    ad_storage: ['marketing'], ad_user_data: ['marketing'], ad_personalization: ['marketing'], analytics_storage: ['analytics'],
    functionality_storage: necessary, personalization_storage: ['functionality'], security_storage: necessary,
  };
  const mapping = (gcm && gcm.mapping) || {};
  const state = {};
  for (const type of CONSENT_TYPES) {
    const mapped = [].concat(mapping[type] ?? DEFAULT[type]);
    state[type] = mapped.some((c) => necessary.includes(c)) ? 'granted' : 'denied';
  }
  if (gcm.waitForUpdate) state.wait_for_update = gcm.waitForUpdate;
  if (gcm.regions && gcm.regions.length) state.region = [].concat(gcm.regions);
  gtag('consent', 'default', state);
  if (gcm.urlPassthrough) gtag('set', 'url_passthrough', true);
  if (gcm.adsDataRedaction) gtag('set', 'ads_data_redaction', true);
}

// ---- consent log --------------------------------------------------------------------------

let shownHash = null; // SHA-256 of the texts shown (per language)

/** Send a consent record (`consentLog.endpoint`): sendBeacon, else fetch with keepalive.
 * A failed send never affects the page. */
async function sendLog(endpoint, record) {
  try {
    const shown = call('shown');
    if (!shownHash || shownHash[0] != shown) shownHash = [shown, sha256(shown)];
    record.textHash = shownHash[1];
  } catch {}
  record.origin = location.origin;
  record.path = location.pathname;
  const body = JSON.stringify(record);
  try {
    if (navigator.sendBeacon && navigator.sendBeacon(endpoint, new Blob([body], { type: 'application/json' }))) return;
  } catch {}
  try {
    fetch(endpoint, { method: 'POST', body, keepalive: true, headers: { 'content-type': 'application/json' }, credentials: 'omit' }).catch(() => {});
  } catch {}
}

/** Carry out the effects an engine call returned (see src/engine/effects.rs). */
function perform(effects) {
  if (!effects) return;
  for (const [kind, a, b, c, d] of JSON.parse(effects)) {
    if (kind == 'e') {
      if (d >= 0) b.modal = modalElement(d);
      if (c != null) callSite(state.handles[c], b);
      dispatchEvent(new CustomEvent(a, { detail: b }));
    } else if (kind == 'r') release(a);
    else if (kind == 'k') block(a);
    else if (kind == 'p') placeholder(a, b);
    else if (kind == 'b') recheck();
    else if (kind == 'y') broadcast();
    else if (kind == 'g') gtag('consent', 'update', a);
    else if (kind == 'o') sendLog(a, b);
    else if (kind == 'c') callSite(state.handles[a]);
    else if (kind == 'l') location.reload();
  }
}

// Other tabs of the site learn about a consent change through a BroadcastChannel (and the
// storage event, for browsers without it).
let channel = null;
const broadcast = () => channel && channel.postMessage('sync');


function syncToggles(input) {
  const pm = input.closest('#cc-main .pm, .cc-pc .pm');
  if (!pm) return;
  const services = (cat) => pm.querySelectorAll('input.service__toggle[data-category="' + CSS.escape(cat) + '"]');
  if (input.classList.contains('section__toggle')) {
    for (const s of services(input.value)) if (!s.disabled) s.checked = input.checked;
  } else if (input.classList.contains('service__toggle')) {
    const cat = pm.querySelector('input.section__toggle[value="' + CSS.escape(input.dataset.category) + '"]');
    if (cat && !cat.disabled) cat.checked = [...services(input.dataset.category)].some((s) => s.checked);
  }
}

function trapFocus(event) {
  const list = document.documentElement.classList;
  const modal = list.contains('show--preferences')
    ? modalElement(1)
    : list.contains('show--consent') && list.contains('disable--interaction') && modalElement(0);
  if (!modal) return;
  const items = [...modal.querySelectorAll(FOCUSABLE)].filter((el) => !el.closest('[hidden]'));
  const first = items[0];
  const last = items[items.length - 1];
  const active = document.activeElement;
  let target = null;
  if (!modal.contains(active)) target = first;
  else if (event.shiftKey && (active == first || !items.includes(active))) target = last; // the modal or its title
  else if (!event.shiftKey && active == last) target = first;
  if (target) {
    event.preventDefault();
    target.focus();
  }
}

// v3's defaults, for getConfig() (the engine validates and applies the same ones); like v3's
// getConfig(), disablePageInteraction is absent unless the site sets it.
const DEFAULTS = {
  mode: 'opt-in', autoShow: true, revision: 0, manageScriptTags: true, autoClearCookies: true,
  hideFromBots: true, lazyHtmlGeneration: true,
};

/** The config as run() got it, with defaults where it is silent (what v3's getConfig gives). */
function resolve(config) {
  if (!config) return config;
  const cookie = { name: 'cc_cookie', domain: location.hostname, path: '/', sameSite: 'Lax', secure: true, expiresAfterDays: 182, useLocalStorage: true, ...config.cookie };
  return { ...DEFAULTS, ...config, cookie };
}

/**
 * Build the API. `wasmUrl()` says where the wasm is when `init()` is called without input.
 * Importing this touches no browser global (safe during server-side rendering).
 */
export function createApi(wasmUrl) {
  state.trust = trust;
  // consentry's own files (the wasm, the built-in locales) are fetched with fetch as it was
  // before auto-blocking wraps it (both builds create the API first): loaded from a CDN they
  // are cross-origin, and until the engine runs every cross-origin request waits for it.
  const ownFetch = typeof fetch == 'function' ? fetch : undefined;
  let loading = null; // Promise of the instantiated wasm
  let ready = false; // the wasm is instantiated
  let running = null; // Promise of the current run()
  let started = false;
  let generation = 0; // bumped by reset(): a run() still in flight is abandoned
  let queue = [];
  let userConfig;
  let listeners = null;

  function init(input) {
    if (!loading) {
      const source = input !== undefined ? input : ownFetch ? ownFetch(wasmUrl()) : wasmUrl();
      const arg = source && typeof source == 'object' && 'module_or_path' in source ? source : { module_or_path: source };
      loading = initWasm(arg).then(() => {
        ready = true;
      }, (cause) => {
        loading = null;
        const message = String((cause && cause.message) || cause);
        throw new Error(LOAD_ERROR + message + (/unsafe-eval|CompileError|Content.Security/i.test(message) ? CSP_HINT : ''));
      });
    }
    return loading;
  }

  async function translation(code) {
    const source = userConfig.language.translations[code];
    try {
      const value = await settles(
        typeof source == 'function'
          ? source()
          : fetch(source).then((response) => {
            if (!response.ok) throw new Error('HTTP ' + response.status);
            return response.json();
          }),
      );
      return walk(value, state.handles);
    } catch (cause) {
      console.warn('consentry: language.translations.' + code + ' could not be loaded:', cause);
    }
  }

  const act = (code) => perform(call('act', code));

  /** Load what a language needs: the site's translation if it is a URL or a function, then
   * consentry's built-in texts for that locale if the site's leave texts out. */
  async function loadLanguage(code, pendingTranslation) {
    if (pendingTranslation) call('provideTranslation', code, (await translation(code)) || '');
    const locale = call('builtinPending', code);
    if (!locale) return;
    let text = '';
    try {
      const response = await settles((ownFetch || fetch)(new URL('i18n/' + locale + '.json', wasmUrl())));
      if (response.ok) text = await settles(response.text());
    } catch {}
    call('provideBuiltin', locale, text);
  }

  function listen() {
    // Clicks are taken in the capture phase on document: a click that doesn't bubble, or
    // whose bubbling a page handler stops, still reaches consentry (v3 listens on the
    // elements themselves), and its effect is there when dispatchEvent returns.
    const on = {
      click(event) {
        const t = event.target;
        if (!(t instanceof Element)) return;
        let el = t.closest('[data-cc]');
        if (el) {
          if (el.dataset.cc in DATA_CC) {
            event.preventDefault();
            act(DATA_CC[el.dataset.cc]);
          }
        } else if ((el = t.closest('.cc-ph [data-role=load]'))) {
          const ph = el.closest('.cc-ph');
          perform(call('acceptOne', ph.dataset.category, ph.dataset.service || ''));
        } else if ((el = t.closest('.cc-pc [data-role]'))) {
          if (el.dataset.role == 'receipt') api.downloadReceipt();
          else if (el.dataset.role in CENTER_ROLES) act(CENTER_ROLES[el.dataset.role]);
        } else if ((el = t.closest('#cc-main [data-role]'))) {
          const code = ROLES[el.dataset.role];
          // v3: the banner's accept buttons (and close icon) close it first, then choose.
          if (code < 2 && el.closest('.cm')) act(6);
          if (code >= 0) act(code);
        } else if ((el = t.closest('#cc-main .pm__section-title, .cc-pc .pm__section-title'))) expand(el, el.getAttribute('aria-expanded') != 'true');
        else if (t.classList.contains('pm-overlay')) act(5);
      },
      keydown(event) {
        if (event.key == 'Escape' && document.documentElement.classList.contains('show--preferences')) act(5);
        // WebKitGTK reports Shift+Tab as key 'Unidentified' (code 'Tab'): match either.
        else if (event.key == 'Tab' || event.code == 'Tab') trapFocus(event);
      },
      change(event) {
        if (event.target instanceof HTMLInputElement) syncToggles(event.target);
      },
    };
    for (const type in on) document.addEventListener(type, on[type], type == 'click');
    const sync = () => perform(call('sync'));
    const name = (userConfig.cookie && userConfig.cookie.name) || 'cc_cookie';
    // The record and the history are two keys; another tab's writes to them can arrive here
    // one at a time, so either one re-reads both.
    const storage = (event) => {
      if (event.key == null || event.key == name || event.key == name + '_history') sync();
    };
    addEventListener('storage', storage);
    if (typeof BroadcastChannel == 'function') {
      channel = new BroadcastChannel('consentry');
      channel.onmessage = sync;
    }
    return () => {
      for (const type in on) document.removeEventListener(type, on[type], type == 'click');
      removeEventListener('storage', storage);
      if (channel) channel.close();
      channel = null;
    };
  }

  function run(config) {
    if (running) return running;
    const mine = ++generation;
    const stale = () => mine != generation;
    userConfig = config;
    running = (async () => {
      try {
        // Still synchronous (before the first await): Consent Mode defaults reach the
        // dataLayer, and auto-blocking is on, while run() is being called; a config that
        // throws while read rejects run() like any other bad config.
        try {
          consentDefaults(config);
        } catch {
          gtag('consent', 'default', Object.fromEntries(CONSENT_TYPES.map((t) => [t, 'denied']))); // unreadable: all denied
        }
        install();
        await init();
        if (stale()) return;
        state.handles = [];
        const pending = call('configure', walk(config, state.handles));
        useEngine((href) => +call('classify', href));
        await loadLanguage(call('currentLanguage'), pending);
        if (stale()) return;
        if (document.readyState == 'loading') {
          await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
        }
        if (stale()) return;
        const root = config.root;
        state.root = root instanceof Element ? root : (typeof root == 'string' && document.querySelector(root)) || document.body;
        listeners = listen();
        started = true;
        perform(call('start'));
      } catch (error) {
        if (!stale()) {
          reset();
          console.error(error); // logged once, here; run() also rejects with it
        }
        throw error;
      }
      const calls = queue;
      queue = [];
      for (const [name, args] of calls) api[name](...args);
    })();
    return running;
  }

  function reset(eraseCookie) {
    generation++;
    running = null;
    started = false;
    queue = [];
    useEngine(null);
    if (listeners) listeners();
    listeners = null;
    if (ready) call('reset', eraseCookie ? 1 : '');
    else if (loading) loading.then(() => call('reset', eraseCookie ? 1 : ''), () => {});
  }

  // Calls that change state wait for the engine; queries answer "nothing accepted" until it
  // runs (fail closed).
  const later = (name, body) => (...args) => (started ? body(...args) : void (running && queue.push([name, args])));
  const api = {
    run,
    init,
    reset,
    show: later('show', (create) => perform(call('show', create ? 1 : ''))),
    hide: later('hide', () => act(6)),
    showPreferences: later('showPreferences', () => act(4)),
    hidePreferences: later('hidePreferences', () => act(5)),
    acceptCategory: later('acceptCategory', (categories, excluded) =>
      perform(call('acceptCategory', JSON.stringify(categories ?? null), JSON.stringify(excluded ?? [])))),
    acceptService: later('acceptService', (services, category) => {
      // v3: false, and nothing changes, for no service, a category that is not a configured
      // one with services; otherwise undefined.
      const effects = services && typeof category == 'string' && call('acceptService', JSON.stringify(services), category);
      if (!effects) return false;
      perform(effects);
    }),
    acceptedCategory: (name) => started && !!call('acceptedCategory', name),
    acceptedService: (service, category) => started && !!call('acceptedService', service, category),
    validConsent: () => started && !!call('validConsent'),
    validCookie: (name) => started && !!call('validCookie', name),
    eraseCookies: later('eraseCookies', (cookies, path, domain) => {
      const patterns = [].concat(cookies);
      const names = document.cookie
        .split(';')
        .map((c) => c.split('=')[0].trim())
        .filter((n) => n && patterns.some((p) => (p instanceof RegExp ? ((p.lastIndex = 0), p.test(n)) : p === n)));
      call('eraseCookieNames', names.join('\n'), JSON.stringify([path || null, domain || null]));
    }),
    setCookieData(props) {
      if (!started || !props) return false;
      let value = props.value;
      if (props.mode == 'update') {
        // v3: an object's properties are merged (false when none changes); a value of
        // another type than a non-empty stored one, or the same value, is refused.
        const old = api.getCookie('data');
        if (old && typeof old == 'object' && typeof value == 'object') {
          let changed = false;
          for (const k in value) if (old[k] !== value[k]) (old[k] = value[k]), (changed = true);
          if (!changed) return false;
          value = old;
        } else if (old === value || (old && typeof old != typeof value)) return false;
      }
      return !!call('setCookieData', walk(value, []));
    },
    getCookie: (field, name) => {
      let cookie = {};
      if (name) {
        // v3: another cookie's (or, storing in localStorage, key's) JSON value.
        try {
          const local = ((userConfig && userConfig.cookie) || {}).useLocalStorage !== false;
          const raw = local ? localStorage.getItem(name) : document.cookie.split(/; */).find((c) => c.split('=')[0] == name).slice(name.length + 1);
          cookie = JSON.parse(local ? raw : decodeURIComponent(raw)) || {};
        } catch {}
      } else if (started) cookie = JSON.parse(call('getCookie'));
      return field === undefined ? cookie : cookie[field];
    },
    getConfig: (field) => {
      const resolved = resolve(userConfig);
      return field === undefined ? resolved : resolved && resolved[field];
    },
    getUserPreferences: () =>
      started
        ? JSON.parse(call('getUserPreferences'))
        : { acceptType: '', acceptedCategories: [], rejectedCategories: [], acceptedServices: {}, rejectedServices: {} },
    loadScript: (src, attributes) =>
      new Promise((resolve) => {
        if ([...document.scripts].some((s) => s.getAttribute('src') == src)) return resolve(true);
        const script = document.createElement('script');
        if (!Array.isArray(attributes)) for (const name in attributes) script.setAttribute(name, attributes[name]);
        script.onload = () => resolve(true);
        script.onerror = () => resolve(false);
        script.src = src;
        document.head.appendChild(script);
      }),
    mountPreferences: later('mountPreferences', (element) => {
      if (!(element instanceof Element)) throw new TypeError('consentry: mountPreferences(element): expected an Element');
      if (state.center && state.center.parentElement != element) state.center.remove();
      if (!state.center || !state.center.isConnected) {
        state.center = document.createElement('div');
        element.appendChild(state.center);
      }
      call('mountPreferences');
    }),
    getConsentHistory: () => (started ? JSON.parse(call('history')) : []),
    downloadReceipt() {
      const receipt = started && call('receipt');
      if (!receipt) return false;
      const data = JSON.parse(receipt);
      data.site = location.origin;
      data.downloadedAt = new Date().toISOString();
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      a.download = 'consent-receipt-' + data.consentId + '.json';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
      return true;
    },
    async setLanguage(code, force) {
      if (!running) return false;
      await running;
      if (!started || (!force && call('currentLanguage') == code)) return false;
      const pending = call('languagePending', code);
      if (pending == '2') return false;
      await loadLanguage(code, pending == '1');
      const effects = call('applyLanguage', code);
      perform(effects);
      return !!effects;
    },
  };
  return api;
}
