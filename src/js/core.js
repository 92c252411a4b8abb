// The CookieConsent facade shared by the script-tag and the ES-module builds.
//
// The engine (Rust → wasm; the build embeds its bytes in this file) decides everything and
// drives the page through `host.js`. Codes and message shapes are `protocol.js`, generated
// from src/protocol.rs (docs/protocol.md). What lives here is what must be JavaScript:
// instantiating the engine, reading the config object (functions and RegExps stay here; the
// engine gets handles), fetching or calling what a language needs, waiting for the DOM, the
// page listeners, and carrying out the effects the engine returns once it has returned.

import { initSync, call as engineCall } from '../../pkg/consentry.js';
import { HELD, block, expand, modalElement, placeholder, release, state, tidy } from './host.js';
import { install, recheck, trust, useEngine } from './guard.js';
import { sha256 } from './sha256.js';
import {
  ACT_HIDE_CONSENT, ACT_HIDE_PREFERENCES, ACT_SHOW_PREFERENCES, DATA_CC, FX_BLOCK, FX_BROADCAST, FX_CALL, FX_DOWNLOAD, FX_EMIT, FX_GTAG, FX_LOG,
  FX_PLACEHOLDER, FX_PUSH, FX_RECHECK, FX_RELEASE, FX_RELOAD, FX_THEN, GCM_TYPES, LOAD_BUILTIN, LOAD_CALL, MODAL_CONSENT, MODAL_PREFERENCES, OP_ACCEPT_CATEGORY,
  OP_ACCEPT_SERVICE, OP_ACCEPTED_CATEGORY, OP_ACCEPTED_SERVICE, OP_ACT, OP_APPLY_LANGUAGE, OP_CLASSIFY, OP_CLICK, OP_CONFIGURE, OP_ERASE_COOKIES,
  OP_GET_CONFIG, OP_GET_COOKIE, OP_GET_USER_PREFERENCES, OP_HISTORY, OP_LANGUAGE, OP_MOUNT_PREFERENCES, OP_NEXT_LOAD, OP_PROVIDE, OP_RECEIPT,
  OP_RESET, OP_SCAN, OP_SET_COOKIE_DATA, OP_SHOW, OP_SHOWN, OP_START, OP_SYNC, OP_VALID_CONSENT, OP_VALID_COOKIE, ROLES, SCOPES, ST_OK, V_HOLD, V_PASS,
} from './protocol.js';

const LOAD_ERROR = 'consentry: the engine (consentry_bg.wasm) could not be loaded: ';
const CSP_HINT = " (if the page sends a Content-Security-Policy, its script-src must allow 'wasm-unsafe-eval')";
const FOCUSABLE = 'button:not([disabled]),input:not([disabled]),a[href],[tabindex]:not([tabindex="-1"])';

let source; // a module or bytes from init(input); else the embedded bytes
let failed = null; // why the engine can't run on this page
let loaded = false;

/** Instantiate the engine (synchronously, once); false when it cannot run here. */
function ready() {
  if (!loaded && !failed) {
    try {
      let bytes = source;
      if (!bytes) {
        // The engine's bytes, which scripts/build.mjs puts here: one character per byte, the
        // character's code being the byte's place in `order` (so the most frequent bytes are
        // one-byte characters in UTF-8).
        const [text, order] = ['__CONSENTRY_WASM__', '__CONSENTRY_BYTE_ORDER__'];
        const byte = new Uint8Array(256);
        for (let c = 0; c < 256; c++) byte[c] = order.charCodeAt(c);
        const n = text.length;
        bytes = new Uint8Array(n);
        for (let i = 0; i < n; i++) bytes[i] = byte[text.charCodeAt(i)];
      }
      initSync({ module: bytes });
      loaded = true;
    } catch (cause) {
      const message = String((cause && cause.message) || cause);
      // A CSP refusal in each engine's words: "… 'unsafe-eval' is not an allowed source …"
      // (Chromium, WebKit), "call to WebAssembly.Module() blocked by CSP" (Firefox).
      failed = new Error(LOAD_ERROR + message + (/unsafe-eval|CompileError|Content.Security|\bCSP\b/i.test(message) ? CSP_HINT : ''));
    }
  }
  return loaded;
}

/** Call the engine: the reply's payload, or `''` when there is none (before `run()` or
 * `init()` asked for it, or where it cannot run: the callers' empty values answer then). A
 * reply whose status is not OK is thrown. */
function call(op, a = '', b = '') {
  if (!loaded) return '';
  const reply = engineCall(op, String(a), String(b));
  const status = reply.charCodeAt(0) - 48;
  if (status != ST_OK) throw Object.assign(new Error(reply.slice(1)), { status });
  return reply.slice(1);
}

const json = JSON.stringify;

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

/** What gtag() does: push its `arguments` object (Google's tags ignore arrays). */
function gtag() {
  (window.dataLayer = window.dataLayer || []).push(arguments);
}

// ---- consent log --------------------------------------------------------------------------

let shownHash = null; // SHA-256 of the texts shown (per language)

/** Send a consent record (`consentLog.endpoint`) with the SHA-256 of the texts shown:
 * sendBeacon, else fetch with keepalive. The JSON goes as a string, so both send it as
 * `text/plain;charset=UTF-8`: a simple request, no CORS preflight before it (README,
 * "Consent records service", CORS). A failed send never affects the page. */
async function sendLog(endpoint, record) {
  try {
    const shown = call(OP_SHOWN);
    if (!shownHash || shownHash[0] != shown) shownHash = [shown, sha256(shown)];
    record.textHash = shownHash[1];
  } catch {}
  const body = json(record);
  try {
    if (navigator.sendBeacon && navigator.sendBeacon(endpoint, body)) return;
  } catch {}
  try {
    fetch(endpoint, { method: 'POST', body, keepalive: true, credentials: 'omit' }).catch(() => {});
  } catch {}
}

/** Offer the visitor a JSON file. */
function download(name, data) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** Carry out the effects an engine call returned (`Fx` in src/protocol.rs), in order. */
function perform(effects) {
  if (!effects) return;
  for (const [kind, a, b, c, d] of JSON.parse(effects)) {
    if (kind == FX_EMIT) {
      if (d >= 0) b.modal = modalElement(d);
      if (c != null) callSite(state.handles[c], b);
      dispatchEvent(new CustomEvent(a, { detail: b }));
    } else if (kind == FX_RELEASE) release(a);
    else if (kind == FX_BLOCK) block(a);
    else if (kind == FX_PLACEHOLDER) placeholder(a, b);
    else if (kind == FX_RECHECK) recheck();
    else if (kind == FX_BROADCAST) broadcast();
    else if (kind == FX_GTAG) gtag(...a);
    else if (kind == FX_LOG) sendLog(a, b);
    else if (kind == FX_CALL) callSite(state.handles[a]);
    else if (kind == FX_RELOAD) location.reload();
    else if (kind == FX_THEN) perform(call(OP_ACT, a));
    else if (kind == FX_DOWNLOAD) download(a, b);
    else if (kind == FX_PUSH) (window[a] = window[a] || []).push(...b);
  }
}

const act = (action) => perform(call(OP_ACT, action));

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
    ? modalElement(MODAL_PREFERENCES)
    : list.contains('show--consent') && list.contains('disable--interaction') && modalElement(MODAL_CONSENT);
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

/** Auto-blocking's verdict where the engine cannot run (no WebAssembly: README "Supported
 * browsers"), the one decision the JavaScript makes itself: a URL that a service of an
 * optional category claims (`urls`, matched as src/gate/urls.rs matches them: the cases in
 * tests/vectors/urls.json) stays held — its consent cannot be asked for — and everything else
 * loads, as the engine would let it (payment forms, captchas). A config it cannot read, or one
 * whose categories, services or `urls` the engine would refuse, holds every third party (null),
 * as the engine's refusal does. Exported for tests/unit/urls.test.mjs; the entries don't. */
export function withoutEngine(config) {
  const patterns = []; // [has a scheme, the pattern with ASCII letters in lower case]
  // Objects with names that are not blank, the null members left out (the engine's schema).
  const members = (v) =>
    v == null
      ? []
      : Object.entries(object(v)).flatMap(([name, member]) => (blank(name) ? fail() : member == null ? [] : [object(member)]));
  try {
    for (const category of members(config.categories)) {
      const readOnly = category.readOnly;
      if (readOnly != null && typeof readOnly != 'boolean') fail();
      for (const { urls } of members(category.services)) {
        if (urls != null && !Array.isArray(urls)) fail();
        for (const p of urls || []) {
          if (typeof p != 'string' || blank(p)) fail();
          const scheme = /^https?:\/\//i.test(p);
          if (!readOnly) patterns.push([scheme, lower(scheme ? p : p.replace(/^\/\//, ''))]);
        }
      }
    }
  } catch {
    return null;
  }
  return (href) => {
    const url = lower(href);
    const bare = url.replace(/^(https?:)?\/\//, '');
    return patterns.some(([scheme, p]) => globPrefix(p, scheme ? url : bare)) ? V_HOLD : V_PASS;
  };
}

const fail = () => {
  throw 0;
};
const object = (v) => (typeof v == 'object' && !Array.isArray(v) ? v : fail());
/** Only white space as Rust's `str::trim` sees it: JavaScript's `\s` but U+FEFF, and U+0085. */
const blank = (s) => /^(?:[^\S\ufeff]|\x85)*$/.test(s);
/** ASCII letters in lower case, nothing else folded (`eq_ignore_ascii_case`). */
const lower = (s) => s.replace(/[A-Z]+/g, (c) => c.toLowerCase());

/** `pattern` (`*`: any run of characters) matches a prefix of `text`. As src/gate/urls.rs's
 * `glob_prefix`: one backtrack point, the last `*`, so no pattern takes more than
 * pattern × text steps (a regular expression's backtracking grows as text^(number of `*`)). */
function globPrefix(pattern, text) {
  let p = 0;
  let t = 0;
  let star = -1;
  let from = 0;
  while (p < pattern.length) {
    if (pattern[p] == '*') {
      star = p++;
      from = t;
    } else if (pattern[p] == text[t]) {
      p++;
      t++;
    } else if (star >= 0 && from < text.length) {
      p = star + 1;
      t = ++from;
    } else return false;
  }
  return true;
}

/** The empty answers when there is no engine (before `run()`, or where WebAssembly can't
 * run): nothing accepted. */
const NOTHING = '{"acceptType":"","acceptedCategories":[],"rejectedCategories":[],"acceptedServices":{},"rejectedServices":{}}';

/**
 * Build the API. `base()` is the URL of this file (consentry's built-in locales are next to
 * it, in `i18n/`). Importing this touches no browser global (safe during server-side
 * rendering); the engine is instantiated when first needed.
 */
export function createApi(base) {
  state.trust = trust;
  // consentry's own files (the built-in locales) are fetched with fetch as it was before
  // auto-blocking wraps it (both builds create the API first): loaded from a CDN they are
  // cross-origin, and until the engine runs every cross-origin request waits for it.
  const ownFetch = typeof fetch == 'function' ? fetch : undefined;
  let running = null; // Promise of the current run()
  let userConfig; // the config run() got
  let generation = 0; // bumped by reset(): a run() still in flight is abandoned
  let listeners = null;

  /** `init(input?)`: optional. Takes what wasm-bindgen's init takes (`{ module_or_path }`: a
   * URL, a `Response`, bytes or a compiled module) for hosts that bring their own wasm;
   * without it the embedded engine is used. */
  async function init(input) {
    let own = input && typeof input == 'object' && 'module_or_path' in input ? input.module_or_path : input;
    if (own !== undefined && !loaded) {
      own = await own;
      if (typeof own == 'string' || own instanceof URL || (typeof Request == 'function' && own instanceof Request)) own = await fetch(own);
      if (typeof Response == 'function' && own instanceof Response) {
        if (!own.ok) throw new Error(LOAD_ERROR + 'HTTP ' + own.status);
        own = await own.arrayBuffer();
      }
      source = own;
      failed = null;
    }
    if (!ready()) throw failed;
  }

  /** Load what language `code` needs (`''`: the one shown), as the engine asks for it: the
   * site's translation (a URL or a function), then consentry's built-in locale. */
  async function loadLanguage(code) {
    for (let need, last; (need = call(OP_NEXT_LOAD, code)) && need != last; last = need) {
      const [kind, what, language] = JSON.parse(need);
      let text = '';
      let builtin = '';
      try {
        if (kind == LOAD_BUILTIN) builtin = new URL('i18n/' + what + '.json', base());
        if (kind == LOAD_CALL) text = walk(await settles(state.handles[what]()), state.handles);
        else {
          const response = await settles((builtin ? ownFetch || fetch : fetch)(builtin || what));
          if (!response.ok) throw new Error('HTTP ' + response.status);
          text = await settles(response.text());
        }
      } catch (cause) {
        // A built-in locale missing where the script is served from is a deployment slip
        // (README "Languages"): say so, as for a site's own translation.
        if (kind == LOAD_BUILTIN) console.warn('consentry: the built-in texts for "' + what + '" could not be loaded from ' + builtin + ' (' + ((cause && cause.message) || cause) + '); using English');
        else console.warn('consentry: language.translations.' + language + ' could not be loaded:', cause);
      }
      call(OP_PROVIDE, code, text);
    }
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
          const action = DATA_CC[el.dataset.cc];
          if (action != null) {
            event.preventDefault();
            act(action);
          }
        } else if ((el = t.closest('[data-role]'))) {
          // What a role means where it is, the engine decides (Engine::click).
          const scope = SCOPES.findIndex((selector) => el.closest(selector));
          const role = ROLES[el.dataset.role];
          const box = scope >= 0 && el.closest(SCOPES[scope]);
          if (box && role != null) perform(call(OP_CLICK, json([scope, role, box.dataset.category, box.dataset.service])));
        } else if ((el = t.closest('#cc-main .pm__section-title, .cc-pc .pm__section-title'))) expand(el, el.getAttribute('aria-expanded') != 'true');
      },
      keydown(event) {
        if (event.key == 'Escape' && document.documentElement.classList.contains('show--preferences')) act(ACT_HIDE_PREFERENCES);
        // WebKitGTK reports Shift+Tab as key 'Unidentified' (code 'Tab'): match either.
        else if (event.key == 'Tab' || event.code == 'Tab') trapFocus(event);
      },
      change(event) {
        if (event.target instanceof HTMLInputElement) syncToggles(event.target);
      },
    };
    for (const type in on) document.addEventListener(type, on[type], type == 'click');
    // Single-page apps: held markup added later (a route, a component) is decided once per
    // batch of DOM changes; a frame's placeholder leaves with its frame.
    observer = typeof MutationObserver == 'function' && new MutationObserver(changed);
    [document, ...state.roots].forEach(watch);
    // Another tab wrote to storage (the engine knows which keys matter), or told us so.
    const storage = (event) => perform(call(OP_SYNC, json(event.key)));
    addEventListener('storage', storage);
    if (typeof BroadcastChannel == 'function') {
      channel = new BroadcastChannel('consentry');
      channel.onmessage = () => perform(call(OP_SYNC));
    }
    return () => {
      if (observer) observer.disconnect();
      observer = null;
      for (const type in on) document.removeEventListener(type, on[type], type == 'click');
      removeEventListener('storage', storage);
      if (channel) channel.close();
      channel = null;
    };
  }

  let observer = null;
  const watch = (root) => observer && observer.observe(root, { childList: true, subtree: true });
  /** `scan(root?)`: decide the held markup in the page again, now. A shadow root (or a node
   * in one) is out of document.querySelectorAll's reach: it is listed, and watched, from now
   * on. */
  function scan(root) {
    const shadow = root && root.getRootNode && root.getRootNode();
    if (typeof ShadowRoot == 'function' && shadow instanceof ShadowRoot && !state.roots.includes(shadow)) {
      state.roots.push(shadow);
      watch(shadow);
    }
    perform(call(OP_SCAN));
  }
  /** The DOM changed (the observer reports a batch of changes at once): decide again if
   * held markup was added. */
  function changed(records) {
    let found = false;
    let removed = false;
    for (const r of records) {
      removed ||= r.removedNodes.length > 0;
      for (const n of r.addedNodes) found ||= n.nodeType == 1 && (n.matches(HELD) || !!n.querySelector(HELD));
    }
    if (removed) tidy(); // once per batch, not once per removal record
    if (found) perform(call(OP_SCAN));
  }

  function run(config) {
    if (running) return running;
    const mine = ++generation;
    const stale = () => mine != generation;
    const body = (async () => {
      try {
        // Synchronous, before the first await: auto-blocking is on, the engine reads the
        // config, and its Consent Mode defaults reach the dataLayer while run() is called.
        install();
        state.handles = [];
        userConfig = config;
        try {
          if (!ready()) throw failed;
          perform(call(OP_CONFIGURE, walk(config, state.handles)));
        } catch (error) {
          // No engine, or a config it refuses: every Consent Mode type denied (fail closed).
          try {
            if (config.googleConsentMode) gtag('consent', 'default', Object.fromEntries(GCM_TYPES.map((t) => [t, 'denied'])));
            if (config.microsoftConsentMode) perform(json([[FX_PUSH, 'uetq', ['consent', 'default', { ad_storage: 'denied' }]]]));
          } catch {}
          throw error;
        }
        useEngine((href) => +call(OP_CLASSIFY, href));
        await loadLanguage('');
        if (stale()) return;
        if (document.readyState == 'loading') {
          await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
        }
        if (stale()) return;
        listeners = listen();
        perform(call(OP_START));
      } catch (error) {
        if (!stale()) {
          reset();
          if (error == failed) {
            useEngine(withoutEngine(config));
            recheck(); // what waited for the engine: released, sent or refused now
          }
          console.error(error); // logged once, here; run() also rejects with it
        }
        throw error;
      }
    })();
    // A run() that failed before its first await has already reset: it is not the current one.
    if (!stale()) running = body;
    return body;
  }

  function reset(eraseCookie) {
    generation++;
    running = null;
    useEngine(null);
    state.roots = [];
    if (listeners) listeners();
    listeners = null;
    call(OP_RESET, eraseCookie ? 1 : '');
  }

  const api = {
    run,
    init,
    reset,
    scan: (root) => void scan(root),
    show: (create) => perform(call(OP_SHOW, create ? 1 : '')),
    hide: () => act(ACT_HIDE_CONSENT),
    showPreferences: () => act(ACT_SHOW_PREFERENCES),
    hidePreferences: () => act(ACT_HIDE_PREFERENCES),
    acceptCategory: (categories, excluded) => perform(call(OP_ACCEPT_CATEGORY, json(categories ?? null), json(excluded ?? []))),
    acceptService(services, category) {
      // v3: false, and nothing changes, when the engine refuses; otherwise undefined.
      const effects = call(OP_ACCEPT_SERVICE, json(services ?? null), json(category ?? null));
      if (!effects) return false;
      perform(effects);
    },
    acceptedCategory: (name) => !!call(OP_ACCEPTED_CATEGORY, name),
    acceptedService: (service, category) => !!call(OP_ACCEPTED_SERVICE, service, category),
    validConsent: () => !!call(OP_VALID_CONSENT),
    validCookie: (name) => !!call(OP_VALID_COOKIE, name),
    eraseCookies(cookies, path, domain) {
      if (!loaded) return;
      // The RegExps travel as handles for this call only.
      const n = state.handles.length;
      try {
        call(OP_ERASE_COOKIES, walk(cookies, state.handles), json([path || null, domain || null]));
      } finally {
        state.handles.length = n;
      }
    },
    setCookieData: (props) => loaded && !!call(OP_SET_COOKIE_DATA, walk(props, [])),
    getCookie(field, name) {
      const cookie = JSON.parse(call(OP_GET_COOKIE, name || '') || '{}');
      return field === undefined ? cookie : cookie[field];
    },
    getConfig(field) {
      // The site's config over the engine's defaults for what it leaves out (v3's getConfig).
      const defaults = JSON.parse(call(OP_GET_CONFIG) || 'null');
      const config = defaults ? { ...defaults, ...userConfig, cookie: { ...defaults.cookie, ...userConfig.cookie } } : undefined;
      return field === undefined ? config : config && config[field];
    },
    getUserPreferences: () => JSON.parse(call(OP_GET_USER_PREFERENCES) || NOTHING),
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
    mountPreferences(element) {
      if (!(element instanceof Element)) throw new TypeError('consentry: mountPreferences(element): expected an Element');
      if (state.center && state.center.parentElement != element) state.center.remove();
      if (!state.center || !state.center.isConnected) {
        state.center = document.createElement('div');
        element.appendChild(state.center);
      }
      perform(call(OP_MOUNT_PREFERENCES));
    },
    getConsentHistory: () => JSON.parse(call(OP_HISTORY) || '[]'),
    downloadReceipt() {
      const effects = call(OP_RECEIPT);
      perform(effects);
      return !!effects;
    },
    async setLanguage(code, force) {
      if (!running) return false;
      await running;
      if (!call(OP_LANGUAGE, code, force ? 1 : '')) return false;
      await loadLanguage(code);
      const effects = call(OP_APPLY_LANGUAGE, code);
      perform(effects);
      return !!effects;
    },
  };
  return api;
}
