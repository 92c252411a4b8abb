// The page side of consentry's engine: what `src/host.rs` imports. Each function does one
// DOM, storage or cookie operation it is told to do, and never throws (storage that is
// blocked or full, cookies that are disabled: the engine just sees "nothing"; an exception
// would unwind through the engine). Operations and message shapes: `HostOp` in
// src/protocol.rs, generated into protocol.js (docs/protocol.md).
// Shared state with the loader (`core.js`): handles of config functions/RegExps, the root
// element, the held scripts and the release queue.

// Only protocol.js is imported: wasm-bindgen copies this file and protocol.js into its
// snippets (the browser tests load them that way); what it needs from auto-blocking
// (`guard.js`) the loader puts in `state.trust`.
import {
  ENV_BROWSER_LANGUAGE, ENV_DOCUMENT_LANGUAGE, ENV_GPC, ENV_HOSTNAME, ENV_HTTPS, ENV_ORIGIN, ENV_PATH, ENV_USER_AGENT, ENV_WEBDRIVER,
  HELD_CATEGORY, HELD_FRAME, HELD_KIND, HELD_LIVE, HELD_MEDIA, HELD_SCRIPT, HELD_SERVICE, HOST_OPS,
} from './protocol.js';

export const state = { handles: [], root: null, held: [], queue: [], busy: false, focus: [], center: null, trust: null, roots: [], placeholders: [] };

/** Tell auto-blocking that consentry itself releases this element. */
const trust = (el) => state.trust && state.trust(el);

// Trusted Types (README "Trusted Types"): consentry's own markup and the held scripts it
// releases go through its named policy `consentry`, created when first needed; never a
// default policy. Without Trusted Types (or where the page's CSP refuses the name), strings.
let policy;
const same = (s) => s;
/** `value` through the policy's `kind` (createHTML / createScript / createScriptURL). */
export function trusted(kind, value) {
  if (policy === undefined) {
    policy = null;
    try {
      if (self.trustedTypes) policy = self.trustedTypes.createPolicy('consentry', { createHTML: same, createScript: same, createScriptURL: same });
    } catch {}
  }
  return kind && policy && typeof value == 'string' ? policy[kind](value) : value;
}
export const trustedHTML = (markup) => trusted('createHTML', markup);
/** A value for the attribute `name` of `el` as its Trusted Types sink wants it. */
export const sinkValue = (el, name, value) =>
  trusted(/^on/i.test(name) ? 'createScript' : name == 'srcdoc' ? 'createHTML' : /^(script|embed|object)$/.test(el.localName) && /^(src|data|(xlink:)?href)$/i.test(name) ? 'createScriptURL' : '', value);

const SELECTOR = ['.cm', '.pm'];
const SHOWN = ['show--consent', 'show--preferences'];
const html = () => document.documentElement;
const main = () => document.getElementById('cc-main');
export const modalElement = (m) => main() && main().querySelector(SELECTOR[m]);

const now = () => String(Date.now());
const focus = (el) => el.focus({ preventScroll: true });
const warn = (message) => void console.warn(message);

export function random(out) {
  try {
    crypto.getRandomValues(out);
  } catch {
    for (let i = 0; i < out.length; i++) out[i] = (Math.random() * 256) | 0;
  }
}

function env() {
  const n = navigator;
  const e = [];
  e[ENV_DOCUMENT_LANGUAGE] = html().lang;
  e[ENV_BROWSER_LANGUAGE] = n.language;
  e[ENV_USER_AGENT] = n.userAgent;
  e[ENV_WEBDRIVER] = !!n.webdriver;
  e[ENV_HOSTNAME] = location.hostname;
  e[ENV_GPC] = n.globalPrivacyControl === true;
  e[ENV_HTTPS] = location.protocol == 'https:';
  e[ENV_ORIGIN] = location.origin;
  e[ENV_PATH] = location.pathname;
  return JSON.stringify(e);
}

function localGet(key) {
  try {
    const v = localStorage.getItem(key);
    return v === null ? undefined : v;
  } catch {}
}

function localSet(key, value) {
  try {
    localStorage.setItem(key, value);
    return '1';
  } catch {}
}

function localRemove(key) {
  try {
    localStorage.removeItem(key);
  } catch {}
}

/** Every key: `[[session, key]…]`. */
function storageKeys() {
  const keys = [];
  for (const session of [false, true]) {
    try {
      const s = session ? sessionStorage : localStorage;
      for (let i = 0; i < s.length; i++) keys.push([session, s.key(i)]);
    } catch {}
  }
  return JSON.stringify(keys);
}

function storageRemove(session, key) {
  try {
    (session ? sessionStorage : localStorage).removeItem(key);
  } catch {}
}

function cookies() {
  try {
    return document.cookie;
  } catch {
    return '';
  }
}

function setCookie(cookie) {
  try {
    document.cookie = cookie;
  } catch {}
}

/** Enter switches a toggle too, as Space does (WAI-ARIA switch pattern). */
function enter(event) {
  const t = event.target;
  if (event.key == 'Enter' && t.type == 'checkbox') {
    event.preventDefault();
    t.click();
  }
}

/** Where the modals go: a selector, an Element's handle, or `null` (the body). */
function setRoot(where) {
  let root = null;
  try {
    const v = JSON.parse(where);
    root = typeof v == 'string' ? document.querySelector(v) : v == null ? null : state.handles[v];
  } catch (error) {
    warn('consentry: root: ' + error.message + '; the modals go in <body>');
  }
  state.root = root instanceof Element ? root : null;
}

function render(args, markup) {
  const [modal, rtl, lang] = JSON.parse(args);
  let root = main();
  if (!root) {
    root = document.createElement('div');
    root.id = 'cc-main';
    root.addEventListener('keydown', enter);
    (state.root || document.body).appendChild(root);
  }
  root.lang = lang;
  root.dir = rtl ? 'rtl' : 'ltr';
  root.classList.toggle('cc--rtl', rtl);
  const old = root.querySelector(modal ? '.pm-wrapper' : '.cm-wrapper');
  if (old) old.remove();
  root.insertAdjacentHTML('beforeend', trustedHTML(markup));
  html().classList.add('cc--anim');
  // A modal made but not shown (autoShow: false, lazyHtmlGeneration: false): checked after
  // this task, as reading its style now would make the banner's first show a transition.
  requestAnimationFrame(() => html().classList.contains(SHOWN[modal]) || hideUnstyled(modalElement(modal)));
}

/** Where consentry.css has not applied (refused, blocked, failed to load), nothing hides a
 * closed modal: the `hidden` attribute does, so the visitor can still choose and then read the
 * page (README "Performance"). `#cc-main` is `position: fixed` under the stylesheet. */
function hideUnstyled(el) {
  if (el && getComputedStyle(main()).position != 'fixed') el.hidden = true;
}

/** Show or hide a modal. Focus moves into a shown modal; a hidden one gives it back to the
 * element it was opened from (`state.focus[modal]`), unless focus is already in the other,
 * still shown, modal. A modal opened from the other one inherits the other's return target
 * when that one closes first (the banner's "Manage preferences", then "Save"). */
function show(args) {
  const [modal, visible, lock] = JSON.parse(args);
  const el = modalElement(modal);
  if (!el) return;
  const list = html().classList;
  const active = document.activeElement;
  if (visible) {
    el.removeAttribute('aria-hidden');
    el.hidden = false;
    state.focus[modal] = active != document.body && !el.contains(active) ? active : null;
    list.add(SHOWN[modal]);
    if (!modal && lock) list.add('disable--interaction');
    focus((modal && el.querySelector('.pm__title')) || el); // the preferences: their title
    return;
  }
  list.remove(SHOWN[modal]);
  if (!modal) list.remove('disable--interaction');
  const other = 1 - modal;
  let back = state.focus[modal];
  state.focus[modal] = null;
  if (list.contains(SHOWN[other])) {
    const near = modalElement(other);
    if (el.contains(state.focus[other])) state.focus[other] = back;
    if (near.contains(active)) back = null;
    else if (!back || (lock && !near.contains(back))) back = near;
  }
  if (back) focus(back);
  else if (el.contains(active)) active.blur(); // focus never stays in a hidden modal
  el.setAttribute('aria-hidden', 'true');
  hideUnstyled(el);
}

const inputs = (scope, selector) => (scope ? [...scope.querySelectorAll(selector)] : []);

/** Checked toggles of a preferences view: `[[category, service]…]` (`service` `''` for the
 * category's own). */
function read(scope) {
  if (!scope) return undefined;
  const list = inputs(scope, 'input.section__toggle:checked').map((i) => [i.value, '']);
  for (const i of inputs(scope, 'input.service__toggle:checked')) list.push([i.dataset.category, i.value]);
  return JSON.stringify(list);
}

const toggles = () => read(modalElement(1));
const centerToggles = () => read(state.center && state.center.querySelector('.pm'));

/** Set the toggles of the modal and of the inline center. */
function setToggles(list) {
  const key = JSON.stringify;
  const on = new Set(JSON.parse(list).map((pair) => key(pair)));
  for (const scope of [modalElement(1), state.center]) {
    for (const i of inputs(scope, 'input.section__toggle')) if (!i.disabled) i.checked = on.has(key([i.value, '']));
    for (const i of inputs(scope, 'input.service__toggle')) if (!i.disabled) i.checked = on.has(key([i.dataset.category, i.value]));
  }
}

/** Open or close a preferences section (its title button and the panel it controls). */
export function expand(button, open) {
  button.setAttribute('aria-expanded', open);
  button.closest('.pm__section').classList.toggle('is-expanded', open);
  const panel = document.getElementById(button.getAttribute('aria-controls'));
  if (panel) panel.hidden = !open;
}

/** The inline preference center, in the element given to mountPreferences. Times in the
 * history are shown in the visitor's locale. It is re-rendered after every change: the
 * sections the visitor opened stay open and the focused control keeps the focus. */
function renderCenter(args, markup) {
  const box = state.center;
  if (!box) return;
  const [rtl, lang] = JSON.parse(args);
  const controls = () => [...box.querySelectorAll('button,input,a')];
  const focused = controls().indexOf(document.activeElement);
  const open = [...box.querySelectorAll('[aria-expanded=true]')].map((b) => b.getAttribute('aria-controls'));
  box.className = 'cc-pc' + (rtl ? ' cc--rtl' : '');
  box.dir = rtl ? 'rtl' : 'ltr';
  box.lang = lang;
  box.innerHTML = trustedHTML(markup);
  box.addEventListener('keydown', enter);
  for (const id of open) {
    const b = box.querySelector('[aria-controls=' + id + ']');
    if (b) expand(b, true);
  }
  const c = controls()[focused];
  if (c) focus(c);
  for (const t of box.querySelectorAll('time[datetime]')) {
    try {
      t.textContent = new Date(t.dateTime).toLocaleString(lang || undefined, { dateStyle: 'medium', timeStyle: 'short' });
    } catch {}
  }
}

function removeUi() {
  const root = main();
  if (root) root.remove();
  if (state.center) state.center.remove();
  state.center = null;
  html().classList.remove(...SHOWN, 'disable--interaction', 'cc--anim');
  state.queue = [];
}

// A released script stays where it is, marked `data-cc-live` (its live copy runs after it):
// a framework that rendered it can still remove it. It is not listed again.
export const HELD = 'script[type="text/plain"][data-category]:not([data-cc-live]),:is(iframe,img,video,audio,source)[data-category][data-src]';

/** Held elements (and released embeds) in document order (then those in the shadow roots
 * given to `scan(root)`), each `[HELD_CATEGORY, HELD_SERVICE, HELD_KIND]`; its position is
 * its index. */
function held() {
  state.held = [document, ...state.roots].flatMap((root) => (root.isConnected ? [...root.querySelectorAll(HELD)] : []));
  return JSON.stringify(
    state.held.map((el) => {
      const entry = [];
      entry[HELD_CATEGORY] = el.dataset.category;
      entry[HELD_SERVICE] = el.dataset.service ?? null;
      entry[HELD_KIND] = el.tagName == 'SCRIPT' ? HELD_SCRIPT : el.hasAttribute('data-cc-live') ? HELD_LIVE : el.tagName == 'IFRAME' ? HELD_FRAME : HELD_MEDIA;
      return entry;
    }),
  );
}

const placeholderOf = (el) => {
  const ph = el.previousElementSibling;
  return ph && ph.classList.contains('cc-ph') ? ph : null;
};

/** An embed may load: its placeholder goes, `data-src` becomes `src`. */
function liveEmbed(el) {
  if (el.hasAttribute('data-cc-live')) return;
  const ph = placeholderOf(el);
  if (ph) ph.remove();
  el.style.display = '';
  el.setAttribute('data-cc-live', '');
  trust(el);
  el.src = el.dataset.src;
  if (el.tagName == 'SOURCE' && el.parentElement && el.parentElement.load) el.parentElement.load();
}

/** Consent for a released embed is gone: unload it and hold it again. */
export function block(indexes) {
  for (const i of indexes) {
    const el = state.held[i];
    if (!el) continue;
    el.removeAttribute('data-cc-live');
    if (el.tagName == 'IFRAME') el.src = 'about:blank';
    else el.removeAttribute('src');
  }
}

/** The markup each placeholder was made from. */
const placeholderMarkup = new WeakMap();

/** A held frame's placeholder (markup from the engine), sized like the frame. One made from
 *  the same markup stays as it is (a later scan must not take the focus from its button). */
export function placeholder(index, markup) {
  const el = state.held[index];
  if (!el || !el.isConnected) return;
  const old = placeholderOf(el);
  if (old && placeholderMarkup.get(old) === markup) return;
  if (old) old.remove();
  el.insertAdjacentHTML('beforebegin', trustedHTML(markup));
  const ph = el.previousElementSibling;
  placeholderMarkup.set(ph, markup);
  state.placeholders.push([ph, el]);
  const w = el.getAttribute('width');
  const h = el.getAttribute('height');
  if (w) ph.style.width = /^\d+$/.test(w) ? w + 'px' : w;
  if (h) ph.style.height = /^\d+$/.test(h) ? h + 'px' : h;
  if (/^\d+$/.test(w) && /^\d+$/.test(h)) ph.style.aspectRatio = w + ' / ' + h;
  el.style.display = 'none';
}

/** Placeholders whose frame is gone (a component that rendered it unmounted) go too. */
export function tidy() {
  state.placeholders = state.placeholders.filter(([ph, el]) => (el.isConnected && ph.isConnected) || void ph.remove());
}

function regexTest(handle, text) {
  const re = state.handles[handle];
  if (!(re instanceof RegExp)) return;
  try {
    re.lastIndex = 0;
    if (re.test(text)) return '1';
  } catch {}
}

function callNumber(handle, arg) {
  try {
    const v = state.handles[handle](arg);
    if (typeof v == 'number' && isFinite(v)) return String(v);
  } catch (error) {
    console.error(error);
  }
}

// The page's operations by name; the engine calls them by code (HOST_OPS, from `HostOp`).
const OPS = { now, env, warn, localGet, localSet, localRemove, storageKeys, storageRemove, cookies, setCookie, setRoot, render, show, toggles, setToggles, removeUi, held, regexTest, callNumber, renderCenter, centerToggles };

/** The one entry point of the engine into the page; `undefined` or a string. */
export const host = (op, a, b) => OPS[HOST_OPS[op]](a, b);

// ---- releasing held scripts (the engine chose which; this keeps document order) ----------

/** Release the held scripts at these indexes of the last `held()` list: every one that may
 * run now. Queued ones not in the list are no longer allowed and are dropped. */
export function release(indexes) {
  const all = Array.from(indexes, (i) => state.held[i]).filter(Boolean);
  for (const el of all) if (el.tagName != 'SCRIPT') liveEmbed(el);
  const allowed = all.filter((el) => el.tagName == 'SCRIPT');
  state.queue = state.queue.filter((s) => allowed.includes(s));
  for (const s of allowed) if (!state.queue.includes(s)) state.queue.push(s);
  pump();
}

function pump() {
  if (state.busy) return; // an external script is loading, or we are inside an inline one
  state.busy = true;
  while (state.queue.length) {
    const held = state.queue.shift();
    if (!held.isConnected || held.hasAttribute('data-cc-live')) continue;
    const live = document.createElement('script');
    trust(live); // consented: not for auto-blocking to hold
    for (const { name, value } of held.attributes) {
      if (!/^(type|data-src|data-type|data-category|nonce)$/.test(name)) live.setAttribute(name, sinkValue(live, name, value));
    }
    if (held.nonce) live.nonce = held.nonce; // browsers hide the nonce attribute; the property has it
    if (held.dataset.type) live.type = held.dataset.type;
    if (held.dataset.src) live.src = trusted('createScriptURL', held.dataset.src);
    else if (!live.hasAttribute('src')) live.text = trusted('createScript', held.text);
    live.async = false;
    const external = live.hasAttribute('src');
    if (external) {
      live.onload = live.onerror = () => {
        live.onload = live.onerror = null;
        state.busy = false;
        pump();
      };
    }
    // The held element stays (marked, its id moved to the live copy): a framework that
    // rendered it may remove it later.
    held.setAttribute('data-cc-live', '');
    held.removeAttribute('id');
    held.after(live); // an inline script runs right here
    if (external) return;
  }
  state.busy = false;
}
