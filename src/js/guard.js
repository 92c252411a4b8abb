// Auto-blocking (README "Auto-blocking"): what page code or a tag manager puts in the page
// after consentry.js has loaded is held (elements) or refused (requests) while its URL belongs
// to a service (`categories.<c>.services.<s>.urls`) that is not accepted; held elements are
// released, in the order they were held, once it is. The decision is the engine's
// (`classify`); until the engine runs every third-party URL is held, and requests wait for
// its verdict: consentry fails closed.
//
// Not API by API but at two choke points:
// 1. every way a URL reaches an element — its URL properties and every attribute API
//    (setAttribute(NS), setAttributeNode(NS), attributes.setNamedItem(NS), an Attr's value,
//    nodeValue and textContent, SVG's href.baseVal) for each URL-bearing attribute of each
//    element that fetches (KINDS) — or leaves as a request (fetch, XMLHttpRequest,
//    sendBeacon, WebSocket, EventSource, workers, worklets);
// 2. every way nodes reach a live document (insertion methods, adoption, importing,
//    cloning): the subtree is scanned before it connects. HTML parsers feed into (2): a
//    string (or TrustedHTML) for innerHTML, outerHTML, insertAdjacentHTML, setHTMLUnsafe or
//    a shadow root is parsed as an inert copy first; when the copy holds nothing the browser
//    gets the value untouched, otherwise the copy's nodes, held, take its place.
//    document.write is rewritten (a tag left unfinished waits for the next write).
// Same-origin child frames get the same hooks as soon as they connect, load or are reached.
// The placement rule: consentry.js comes first in <head>; what runs before it is not seen.

import { sinkValue, trustedHTML } from './host.js';
import { V_HOLD, V_PASS, V_REPORT } from './protocol.js';

const ATTR = 'data-cc-blocked';
const CLONE = 'data-cc-clone';
/** The URL-bearing attributes of the elements that fetch, by local name. */
const KINDS = Object.create(null);
for (const spec of 'script:src,href iframe:src,srcdoc frame:src img:src,srcset source:src,srcset video:src,poster audio:src track:src embed:src object:data link:href,imagesrcset input:src image:href feImage:href body:background table:background td:background th:background'.split(' ')) {
  const [kind, names] = spec.split(':');
  KINDS[kind] = names.split(',');
}
const SELECTOR = '[' + ATTR + '],[src],[srcset],[srcdoc],[poster],[background],[imagesrcset],object,[*|href]';
const FRAME = /^(i?frame|object|embed)$/;
/** May this markup hold an element that fetches? (Anything else is passed on unparsed.) */
const fetches = (markup) =>
  /<(script|i?frame|img|image|source|video|audio|track|embed|object|link|feimage)\b|background/i.test((markup = String(markup))) ||
  (/<input\b/i.test(markup) && /[\s/]src\s*=/i.test(markup));
const BODY = { localName: 'body', namespaceURI: 'http://www.w3.org/1999/xhtml' };
const URLISH = /(\b(https?|wss?):)?\/\/[^\s"'`<>()\\]+/gi;

// element → its held attributes [[namespace, name, value, local name, parsed]], in the order held
// (`parsed`: the value came from markup, not from page code setting it)
const held = new Map();
const trusted = new Set(); // elements consentry itself releases (for the current task)
const liveFrames = new Map(); // iframes let through → URL (held again on withdrawal)
const owners = new WeakMap(); // NamedNodeMap / SVGAnimatedString → its element
const reported = new WeakMap();
const inertScripts = new WeakSet(); // scripts an HTML string parsed: they never run nor load
const tails = new WeakMap(); // document → a tag written but not finished yet
const guarded = new WeakSet(); // the realms (their Node) whose prototypes are hooked
const xhrs = new WeakMap();
const waiting = []; // requests waiting for the engine
const seen = [];
const O = {}; // the first realm's own functions
let decide = null; // the engine's classify, once it runs
let reportTimer = 0;
let inert = null; // a document without a browsing context: nothing in it loads

const absolute = (url, el) => {
  try {
    return new URL(url, (el && el.baseURI) || document.baseURI).href.replace(/^ws/, 'http');
  } catch {
    return '';
  }
};

/** The engine's verdict (`Verdict` in src/protocol.rs); until it runs, every third party
 * is held. */
function verdict(href) {
  if (decide) return decide(href);
  return /^https?:/.test(href) && !href.startsWith(location.origin + '/') ? V_HOLD : V_PASS;
}

/** Let consentry release this element itself (until the current task ends). */
export function trust(el) {
  trusted.add(el);
  queueMicrotask(() => trusted.delete(el));
}

/** Hand the decision to the engine (`null`: back to holding every third party). */
export function useEngine(classify) {
  decide = classify;
}

function report(who, href) {
  if (typeof who == 'object') {
    const urls = reported.get(who) || new Set();
    if (urls.has(href)) return;
    reported.set(who, urls.add(href));
  }
  seen.push({ url: href, element: who.localName || who, when: Math.round(performance.now()) + ' ms' });
  clearTimeout(reportTimer);
  reportTimer = setTimeout(() => {
    console.info('consentry (debug): third-party resources no service claims — add their URLs to a service to hold them');
    console.table(seen.splice(0));
  }, 300);
}

/** Must `url` wait? `who` (an element, or a request's kind) is reported when no service
 * claims it (debug); without it, quietly. */
function judge(url, who, el) {
  const href = absolute(url, el);
  const v = href ? verdict(href) : V_PASS;
  if (v == V_REPORT && who) report(who, href);
  return v == V_HOLD;
}

/** Does text (a frame's markup or code) name a URL that must wait? */
const inText = (text, who) => (String(text).match(URLISH) || []).filter((u) => judge(u, who)).length > 0;

/** The text of a data: or javascript: URL. */
function decoded(href) {
  const comma = href.indexOf(',');
  let body = href[0] == 'j' ? href.slice(11) : href.slice(comma + 1);
  try {
    body = decodeURIComponent(body);
  } catch {}
  try {
    if (href[0] == 'd' && /;base64$/i.test(href.slice(0, comma))) body = atob(body);
  } catch {}
  return body;
}

const template = () => (inert ||= document.implementation.createHTMLDocument('')).createElement('template');

/** Markup as the parser reads it (entities decoded), from an inert copy (only read). */
function markupOf(value) {
  const t = template();
  O.innerHTML.set.call(t, typeof value == 'string' ? trustedHTML(value) : value);
  return O.innerHTML.get.call(t);
}

/** Would `el` load something held with `value` in its attribute `name`? A frame's srcdoc,
 * data: and javascript: URLs are judged by the URLs written in them. */
function test(el, name, value, who) {
  if (name.endsWith('srcset')) return String(value).split(',').filter((c) => judge(c.trim().split(/\s+/)[0], who, el)).length > 0;
  if (name == 'srcdoc') return inText(markupOf(value), who);
  const href = absolute(value, el);
  return FRAME.test(el.localName) && /^(data|javascript):/.test(href) ? inText(decoded(href), who) : judge(href, who);
}

function unmark(el) {
  for (const a of [...el.attributes]) if (a.name.startsWith(ATTR)) el.removeAttribute(a.name);
}

/** Show what is held in `data-cc-blocked` (the URL of src/href/data) and
 * `data-cc-blocked-<name>` (other attributes). */
function mark(el) {
  unmark(el);
  const entry = held.get(el);
  if (!entry) return;
  O.setAttribute.call(el, ATTR, '');
  for (const [, , value, local] of entry) {
    const main = /^(src|href|data)$/.test(local);
    O.setAttribute.call(el, main ? ATTR : ATTR + '-' + local, main ? absolute(value, el) : String(value));
  }
}

const localName = (name) => String(name).toLowerCase().replace(/^xlink:/, '');

/** Keep an attribute's value aside (the element goes without it). */
function keep(el, ns, name, value, parsed) {
  const local = localName(name);
  held.set(el, (held.get(el) || []).filter((a) => a[3] != local).concat([[ns, String(name), value, local, parsed]]));
  mark(el);
}

/** A new value of `local` replaces a held one. */
function drop(el, local) {
  const entry = held.get(el);
  if (!entry) return;
  const rest = entry.filter((a) => a[3] != local);
  if (rest.length) held.set(el, rest);
  else held.delete(el);
  mark(el);
}

/** An element that arrives with markers (written by document.write, or cloned): held by them. */
function adopt(el) {
  const entry = [];
  for (const a of el.attributes) {
    const local = a.name == ATTR ? (KINDS[el.localName] || ['src'])[0] : a.name.slice(ATTR.length + 1);
    if (a.name.startsWith(ATTR) && a.value) entry.push([null, local, a.value, local, 0]);
  }
  if (entry.length) held.set(el, entry);
}

/** Page code sets attribute `name` of `el` to `value`: true when it is held instead. */
function hold(el, ns, name, value) {
  const local = localName(name);
  if (!(KINDS[el.localName] || []).includes(local) || trusted.has(el)) return false;
  drop(el, local);
  if (test(el, local, value, el)) return keep(el, ns, name, value), true;
  if (el.localName == 'iframe' && local == 'src') liveFrames.set(el, absolute(value, el));
  return false;
}

/** Hold what `node` and its subtree would load. `how`: 1 its scripts must run when released
 * (document.write); 2 its scripts never run nor load (innerHTML and the like), left alone.
 * Returns how many values it held. */
function scan(node, how) {
  const type = node && node.nodeType;
  if (type != 1 && type != 11) return 0;
  let count = 0;
  for (const el of type == 1 ? [node, ...node.querySelectorAll(SELECTOR)] : node.querySelectorAll(SELECTOR)) {
    if (el.hasAttribute(ATTR) && !held.has(el)) adopt(el);
    const names = KINDS[el.localName];
    const script = el.localName == 'script';
    if (script && how == 2) inertScripts.add(el);
    if (!names || trusted.has(el) || inertScripts.has(el)) continue;
    for (const a of [...el.attributes]) {
      const local = a.localName.toLowerCase();
      if (!names.includes(local) || !test(el, local, a.value, el)) continue;
      el.removeAttributeNode(a);
      keep(el, a.namespaceURI, a.name, a.value, 1);
      if (how == 1 && script) O.setAttribute.call(el, CLONE, '');
      count++;
    }
  }
  return count;
}

/** scan, and into the declarative shadow roots (`<template shadowrootmode>`) of a copy. */
const scanDeep = (root) => [...root.querySelectorAll('template[shadowrootmode]')].reduce((n, t) => n + scanDeep(t.content), scan(root, 2));

/** Attach a parsed copy's declarative shadow roots, as setHTMLUnsafe and parseHTMLUnsafe do. */
function shadows(root) {
  for (const t of root.querySelectorAll('template[shadowrootmode]')) {
    shadows(t.content);
    try {
      t.parentNode.attachShadow({ mode: t.getAttribute('shadowrootmode'), serializable: t.hasAttribute('shadowrootserializable') }).append(t.content);
      t.remove();
    } catch {}
  }
}

/** `sink(value)` parses `value` as HTML in the context `ctx`. Parse an inert copy first:
 * when it holds nothing, the sink gets `value` untouched (a TrustedHTML stays one); else
 * `place` puts the copy's held nodes where the parsed ones would have gone. */
function viaCopy(ctx, value, sink, place, deep) {
  if (!ctx || !place || ctx.localName == 'template' || !fetches(value)) return sink(value);
  if (!inert) template();
  const copy = inert.createElementNS(ctx.namespaceURI, ctx.localName);
  O.innerHTML.set.call(copy, value);
  if (!(deep ? scanDeep(copy) : scan(copy, 2))) return sink(value);
  if (deep) shadows(copy);
  place([...copy.childNodes]);
}

/** Rewrite markup for document.write: what it would load is held. `null`: nothing to hold. */
function rewrite(text, trustedParts) {
  if (!fetches(text)) return null;
  const t = template();
  O.innerHTML.set.call(t, trustedParts ? trustedHTML(text) : text);
  return scan(t.content, true) ? O.innerHTML.get.call(t) : null;
}

/** Where a tag left unfinished at the end of `text` starts (-1: none). */
function openTag(text) {
  let start = -1;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (start < 0) {
      if (c == '<' && /^[a-z/!?]?$/i.test(text[i + 1] || '')) start = i;
    } else if (quote) {
      if (c == quote) quote = '';
    } else if (c == '>') start = -1;
    else if ((c == '"' || c == "'") && /=\s*$/.test(text.slice(start, i))) quote = c;
  }
  return start;
}

function write(doc, parts, native, own, nl) {
  const tail = tails.get(doc) || '';
  let text = tail + parts.join('') + nl;
  const cut = openTag(text);
  tails.set(doc, cut < 0 ? '' : text.slice(cut));
  if (cut >= 0) text = text.slice(0, cut);
  const trustedParts = parts.some((p) => typeof p != 'string');
  const out = rewrite(text, trustedParts);
  if (out == null && cut < 0 && !tail) return native.apply(doc, parts);
  own.call(doc, trustedParts ? trustedHTML(out ?? text) : out ?? text);
  if (out != null) adoptAll(doc);
}

/** Elements the browser built from rewritten markup: held by their markers. */
function adoptAll(doc) {
  for (const el of doc.querySelectorAll('[' + ATTR + ']')) if (!held.has(el)) adopt(el);
}

/** A request to `url`: `go()` when it may leave, `fail()` when its service is not accepted;
 * until the engine runs, a third-party one waits for the verdict. */
function request(kind, url, go, fail) {
  if (!judge(url, kind)) return go();
  if (decide) return fail();
  return new Promise((resolve) => waiting.push(() => resolve(request(kind, url, go, fail))));
}

/** A refused connection: an object of its kind whose only news is its failure. */
function refused(win, Kind, url, events) {
  const o = Reflect.construct(win.EventTarget, [], Kind);
  const on = {};
  const none = () => {};
  for (const type of ['open', 'message', 'error', 'close']) Object.defineProperty(o, 'on' + type, { get: () => on[type] || null, set(f) { on[type] = f; } });
  const props = { url: String(url), readyState: events[1] ? 3 : 2, protocol: '', extensions: '', bufferedAmount: 0, withCredentials: false, send: none, close: none, postMessage: none, terminate: none };
  if ('port' in Kind.prototype) props.port = new win.MessageChannel().port1; // SharedWorker
  for (const k in props) Object.defineProperty(o, k, { value: props[k] });
  win.setTimeout(() => {
    for (const type of events) {
      const event = type == 'close' ? new win.CloseEvent(type, { code: 1006 }) : new win.Event(type);
      o.dispatchEvent(event);
      if (typeof on[type] == 'function') on[type].call(o, event);
    }
  });
  return o;
}

/** An XMLHttpRequest refused: a network error, as the browser reports one. */
function failXhr(win, xhr) {
  for (const [k, value] of Object.entries({ readyState: 4, status: 0, statusText: '', response: '', responseText: '' })) Object.defineProperty(xhr, k, { value, configurable: true });
  win.setTimeout(() => {
    for (const type of ['readystatechange', 'error', 'loadend']) xhr.dispatchEvent(new win.ProgressEvent(type));
  });
}

/** Hook a same-origin frame's window (cross-origin ones throw: left alone). */
function guard(frame) {
  try {
    install(frame.contentWindow);
  } catch {}
}

/** Install the hooks, once per realm: the page's window, and each same-origin child frame's
 * (ad tags write trackers into blank iframes) when it connects, loads or is reached. */
export function install(win = typeof window != 'undefined' ? window : null) {
  if (!win || guarded.has(win.Node)) return;
  guarded.add(win.Node);
  const proto = (name) => win[name] && win[name].prototype;
  const E = proto('Element');
  const D = proto('Document');
  const redefine = (p, prop, key, wrap) => {
    const d = p && Object.getOwnPropertyDescriptor(p, prop);
    if (d && d[key]) Object.defineProperty(p, prop, { ...d, [key]: wrap(d[key]) });
  };
  const method = (p, name, wrap) => {
    if (p && p[name]) p[name] = wrap(p[name]);
  };
  const own = D.write;
  if (!O.setAttribute) {
    O.setAttribute = E.setAttribute;
    O.setAttributeNS = E.setAttributeNS;
    O.innerHTML = Object.getOwnPropertyDescriptor(E, 'innerHTML');
  }

  // 1. URLs onto elements: properties, attribute APIs, SVG's animated href.
  for (const spec of 'Script:src IFrame:src,srcdoc Frame:src Image:src,srcset Source:src,srcset Media:src Video:poster Track:src Embed:src Object:data Link:href,imageSrcset Input:src Body:background'.split(' ')) {
    const [kind, props] = spec.split(':');
    for (const prop of props.split(',')) {
      redefine(proto('HTML' + kind + 'Element'), prop, 'set', (set) => function (value) {
        if (!hold(this, null, prop, value)) set.call(this, value);
      });
    }
  }
  method(E, 'setAttribute', (f) => function (name, value) {
    return hold(this, null, name, value) ? undefined : f.apply(this, arguments);
  });
  method(E, 'setAttributeNS', (f) => function (ns, name, value) {
    return hold(this, ns, name, value) ? undefined : f.apply(this, arguments);
  });
  const attrNode = (element) => (f) => function (attr) {
    const el = element(this);
    return el && attr && hold(el, attr.namespaceURI, attr.name, attr.value) ? null : f.apply(this, arguments);
  };
  for (const name of ['setAttributeNode', 'setAttributeNodeNS']) method(E, name, attrNode((el) => el));
  for (const name of ['setNamedItem', 'setNamedItemNS']) method(proto('NamedNodeMap'), name, attrNode((map) => owners.get(map)));
  const ownerOf = (get) => function () {
    const value = get.call(this);
    owners.set(value, this);
    return value;
  };
  redefine(E, 'attributes', 'get', ownerOf);
  for (const kind of ['SVGScriptElement', 'SVGImageElement', 'SVGFEImageElement']) redefine(proto(kind), 'href', 'get', ownerOf);
  redefine(proto('SVGAnimatedString'), 'baseVal', 'set', (set) => function (value) {
    const el = owners.get(this);
    if (!el || !hold(el, null, 'href', value)) set.call(this, value);
  });
  for (const [p, prop] of [[proto('Attr'), 'value'], [proto('Node'), 'nodeValue'], [proto('Node'), 'textContent']]) {
    redefine(p, prop, 'set', (set) => function (value) {
      const el = this.nodeType == 2 && this.ownerElement;
      if (!el || !hold(el, this.namespaceURI, this.name, value)) set.call(this, value);
    });
  }

  // 2. Nodes into a live document: scanned before they connect (or are adopted).
  const insert = (p, names, pick) => {
    for (const name of names.split(' ')) {
      method(p, name, (f) => function (...args) {
        const nodes = pick(args);
        const at = this.startContainer || this; // a Range inserts at its start
        if (at.isConnected || nodes.some((n) => n && n.ownerDocument && n.ownerDocument != (at.ownerDocument || at))) nodes.forEach((n) => scan(n));
        return f.apply(this, args);
      });
    }
  };
  const first = (args) => [args[0]];
  const all = (args) => args;
  insert(proto('Node'), 'appendChild insertBefore replaceChild', first);
  insert(E, 'append prepend before after replaceWith replaceChildren', all);
  insert(E, 'insertAdjacentElement', (args) => [args[1]]);
  insert(D, 'append prepend replaceChildren adoptNode', all);
  insert(proto('DocumentFragment'), 'append prepend replaceChildren', all);
  for (const name of ['CharacterData', 'DocumentType']) insert(proto(name), 'before after replaceWith', all);
  insert(proto('Range'), 'insertNode surroundContents', first);
  for (const [p, props] of [[D, 'body'], [proto('HTMLTableElement'), 'caption tHead tFoot']]) {
    for (const prop of props.split(' ')) {
      redefine(p, prop, 'set', (set) => function (node) {
        scan(node);
        set.call(this, node);
      });
    }
  }
  // Nodes made in a live document (a clone, an import, a contextual fragment) may load
  // before they connect: held as they are made (loading waits for a microtask).
  const made = (p, names) => {
    for (const name of names.split(' ')) {
      method(p, name, (f) => function () {
        const node = f.apply(this, arguments);
        if (node && node.ownerDocument && node.ownerDocument.defaultView) scan(node);
        return node;
      });
    }
  };
  made(proto('Node'), 'cloneNode');
  made(D, 'importNode');
  made(proto('Range'), 'createContextualFragment');
  made(proto('XSLTProcessor'), 'transformToFragment');

  // HTML strings: parsed as an inert copy first.
  const context = (node) => (node && node.nodeType == 11 ? node.host : node);
  for (const p of [E, proto('ShadowRoot')]) {
    redefine(p, 'innerHTML', 'set', (set) => function (value) {
      viaCopy(context(this), value, (v) => set.call(this, v), (nodes) => this.replaceChildren(...nodes));
    });
    method(p, 'setHTMLUnsafe', (f) => function (value, ...rest) {
      viaCopy(context(this), value, (v) => f.call(this, v, ...rest), (nodes) => this.replaceChildren(...nodes), 1);
    });
  }
  redefine(E, 'outerHTML', 'set', (set) => function (value) {
    const parent = this.parentNode;
    viaCopy(parent && (parent.localName ? parent : BODY), value, (v) => set.call(this, v), (nodes) => this.replaceWith(...nodes));
  });
  method(E, 'insertAdjacentHTML', (f) => function (where, value) {
    const how = { beforebegin: 'before', afterbegin: 'prepend', beforeend: 'append', afterend: 'after' }[String(where).toLowerCase()];
    const ctx = /^(before|after)$/.test(how) ? this.parentNode : this;
    viaCopy(ctx && (ctx.localName ? ctx : BODY), value, (v) => f.call(this, where, v), how && ((nodes) => this[how](...nodes)));
  });
  method(win.Document, 'parseHTMLUnsafe', (f) => function (value) {
    if (!fetches(value)) return f.apply(this, arguments);
    const copy = new win.DOMParser().parseFromString(value, 'text/html');
    if (!scanDeep(copy.documentElement)) return f.apply(this, arguments);
    shadows(copy.documentElement);
    return copy;
  });
  for (const [name, nl] of [['write', ''], ['writeln', '\n']]) {
    method(D, name, (f) => function (...parts) {
      return write(this, parts, f, own, nl);
    });
  }
  method(D, 'execCommand', (f) => function (command, ui, value) {
    const c = String(command).toLowerCase();
    if (c == 'insertimage' && judge(value, 'img')) return false;
    if (c == 'inserthtml' && fetches(value)) {
      const out = rewrite(String(value), typeof value != 'string');
      if (out != null) {
        const done = f.call(this, command, ui, typeof value != 'string' ? trustedHTML(out) : out);
        adoptAll(this);
        return done;
      }
    }
    return f.apply(this, arguments);
  });

  // Frames: hooked as soon as they connect (a blank frame loads at once), load, or are reached.
  win.document.addEventListener('load', (event) => FRAME.test(event.target.localName) && guard(event.target), true);
  for (const p of [proto('HTMLIFrameElement'), proto('HTMLFrameElement'), proto('HTMLObjectElement')]) {
    for (const prop of ['contentWindow', 'contentDocument']) {
      redefine(p, prop, 'get', (get) => function () {
        const value = get.call(this);
        try {
          install(prop == 'contentWindow' ? value : value && value.defaultView);
        } catch {}
        return value;
      });
    }
  }
  method(win, 'open', (f) => function () {
    const child = f.apply(this, arguments);
    guard({ contentWindow: child });
    return child;
  });

  // Requests.
  method(win, 'fetch', (f) => function (input, init) {
    return request('fetch', (input && input.url) || input, () => f.call(this, input, init), () => win.Promise.reject(new win.TypeError('Failed to fetch')));
  });
  const X = proto('XMLHttpRequest');
  method(X, 'open', (f) => function (method, url, async) {
    xhrs.set(this, [url, arguments.length < 3 || !!async]);
    for (const k of ['readyState', 'status', 'statusText', 'response', 'responseText']) delete this[k];
    return f.apply(this, arguments);
  });
  method(X, 'send', (f) => function (body) {
    const [url, async] = xhrs.get(this) || [];
    if (url == null || !judge(url, 'xmlhttprequest')) return f.call(this, body);
    if (!async) throw new win.DOMException('consentry: no consent for ' + url, 'NetworkError');
    request('xmlhttprequest', url, () => {
      try {
        f.call(this, body);
      } catch {}
    }, () => failXhr(win, this));
  });
  method(proto('Navigator'), 'sendBeacon', (f) => function (url, data) {
    const sent = request('beacon', url, () => f.call(this, url, data), () => false);
    return sent instanceof Promise || sent;
  });
  method(proto('Worklet'), 'addModule', (f) => function (url, options) {
    return request('worklet', url, () => f.call(this, url, options), () => win.Promise.reject(new win.DOMException('consentry: no consent for ' + url, 'AbortError')));
  });
  for (const [name, events] of [['WebSocket', ['error', 'close']], ['EventSource', ['error']], ['Worker', ['error']], ['SharedWorker', ['error']], ['Audio']]) {
    const Kind = win[name];
    if (!Kind) continue;
    const Guarded = {
      [name]: function (url, ...rest) {
        const target = new.target && new.target != Guarded ? new.target : Kind;
        if (!events) {
          const audio = Reflect.construct(Kind, [], target); // new Audio(src) sets src itself
          if (url !== undefined) audio.src = url;
          return audio;
        }
        return judge(url, name) ? refused(win, Kind, url, events) : Reflect.construct(Kind, [url, ...rest], target);
      },
    }[name];
    Guarded.prototype = Kind.prototype;
    Object.setPrototypeOf(Guarded, Kind);
    win[name] = Guarded;
  }
}

/** Consent changed: release what may load now (in the order it was held), refuse or send the
 * requests that waited for the engine, hold again auto-released iframes whose service was
 * withdrawn. */
export function recheck() {
  for (const [el, entry] of held) {
    if (entry.some(([, , value, local]) => test(el, local, value))) continue;
    for (const [, , value, local] of entry) test(el, local, value, el); // report what no service claims
    held.delete(el);
    unmark(el);
    trust(el);
    let live = el;
    if (el.hasAttribute(CLONE)) {
      // Written by document.write: a fresh copy runs (the parsed one never would).
      live = el.ownerDocument.createElement('script');
      for (const { name, value } of el.attributes) if (name != CLONE) live.setAttribute(name, sinkValue(live, name, value));
      if (el.nonce) live.nonce = el.nonce;
      trust(live);
    }
    for (const [ns, name, value, , parsed] of entry) {
      try {
        // A value page code set goes back as it came (a string stays a string to Trusted Types).
        O.setAttributeNS.call(live, ns, name, parsed || live != el ? sinkValue(live, name, value) : value);
      } catch {}
    }
    if (live != el) el.replaceWith(live);
    // A media element picks its <source> and <track> when it loads.
    else if (/^(source|track)$/.test(el.localName) && el.parentNode && el.parentNode.load) el.parentNode.load();
    if (el.localName == 'iframe') liveFrames.set(el, el.src);
  }
  // Iframes that came in through HTML strings or the page's own markup, with a URL a service
  // claims: unloaded once that service is no longer accepted.
  for (const frame of document.querySelectorAll('iframe[src]:not([data-category])')) {
    if (!liveFrames.has(frame) && !held.has(frame)) liveFrames.set(frame, frame.src);
  }
  for (const [frame, href] of liveFrames) {
    if (!frame.isConnected) liveFrames.delete(frame);
    else if (/^https?:/.test(href) && verdict(href) == V_HOLD) {
      liveFrames.delete(frame);
      trust(frame);
      frame.src = 'about:blank';
      keep(frame, null, 'src', href, 1);
    }
  }
  for (const go of waiting.splice(0)) go();
}
