// Auto-blocking: scripts, iframes and images that page code or a tag manager inserts after
// consentry.js has loaded are held when their URL belongs to a service that is not accepted
// (`categories.<c>.services.<s>.urls`), so no request leaves for them; they are released
// when that service is accepted. The decision is the engine's (`classify`); until the engine
// is running, every third-party (cross-origin) URL is held: consentry fails closed.
//
// What is covered: the `src` property and attribute of <script>, <iframe> and <img> (so
// `createElement` + `src`, `new Image()`, `setAttribute`), `srcset` of <img>, and HTML strings
// (`innerHTML`, `outerHTML`, `insertAdjacentHTML`, `document.write`). The placement rule: the
// consentry.js script tag comes first in <head>, before any tag manager; what runs before it
// cannot be seen.

const ATTR = 'data-cc-blocked';
const held = new Set(); // held elements, connected or not
const trusted = new WeakSet(); // elements consentry itself releases
const liveFrames = new Map(); // auto-released iframes → URL (held again on withdrawal)
const original = {};
const seen = [];
let decide = null; // the engine's classify, once it runs
let reportTimer = 0;

const absolute = (url) => {
  try {
    return new URL(url, document.baseURI).href;
  } catch {
    return '';
  }
};
const thirdParty = (href) => /^https?:/.test(href) && !href.startsWith(location.origin + '/');

/** 0 load, 1 hold, 2 load and report. */
function verdict(href) {
  if (decide) return decide(href);
  return thirdParty(href) ? 1 : 0;
}

/** Let consentry release this element itself. */
export const trust = (el) => trusted.add(el);

/** Hand the decision to the engine (`null`: back to holding every third party). */
export function useEngine(classify) {
  decide = classify;
}

function report(el, href) {
  seen.push({ url: href, element: el.tagName.toLowerCase(), when: Math.round(performance.now()) + ' ms' });
  clearTimeout(reportTimer);
  reportTimer = setTimeout(() => {
    console.info('consentry (debug): third-party resources no service claims — add their URLs to a service to hold them');
    console.table(seen.splice(0));
  }, 300);
}

/** Should a request to `href` wait? Reports what no service claims (debug). */
function judge(el, href) {
  const v = href ? verdict(href) : 0;
  if (v == 2) report(el, href);
  return v == 1;
}

/** The absolute URLs of a srcset's candidates. (A comma inside a URL splits it, but the
 * piece before the comma keeps its host, which is what services' `urls` match.) */
const candidates = (srcset) => String(srcset).split(',').map((c) => absolute(c.trim().split(/\s+/)[0])).filter(Boolean);

/** Should a srcset wait? Yes when any candidate must; every candidate is judged (reported). */
const judgeSrcset = (el, srcset) => candidates(srcset).filter((href) => judge(el, href)).length > 0;

/** Should this element's new URL (or srcset) be held? Holding keeps it aside in
 * `data-cc-blocked` (`data-cc-blocked-srcset`). An iframe let through is remembered, so a
 * later withdrawal can unload it. */
function hold(el, url, attr = 'src') {
  if (trusted.has(el)) return false;
  if (attr == 'srcset') {
    if (!judgeSrcset(el, url)) return false;
    original.setAttribute.call(el, ATTR + '-srcset', String(url));
  } else {
    const href = absolute(String(url));
    if (!judge(el, href)) {
      if (href && el.tagName == 'IFRAME') liveFrames.set(el, href);
      return false;
    }
    original.setAttribute.call(el, ATTR, href);
  }
  held.add(el);
  return true;
}

/** Hold what an HTML string would load: parsed inertly in a <template>, held elements lose
 * their `src`. Scripts from innerHTML never run, so only written ones (document.write) are
 * held — and released as fresh copies. */
function rewrite(markup, written) {
  const text = String(markup);
  if (!/src/i.test(text)) return text;
  const t = document.createElement('template');
  original.innerHTML.set.call(t, text);
  let changed = false;
  for (const el of t.content.querySelectorAll(written ? 'script[src],iframe[src],img[src]' : 'iframe[src],img[src]')) {
    const href = absolute(el.getAttribute('src'));
    if (!judge(el, href)) continue;
    original.setAttribute.call(el, ATTR, href);
    if (el.tagName == 'SCRIPT') original.setAttribute.call(el, 'data-cc-clone', '');
    el.removeAttribute('src');
    changed = true;
  }
  for (const el of t.content.querySelectorAll('img[srcset]')) {
    const srcset = el.getAttribute('srcset');
    if (!judgeSrcset(el, srcset)) continue;
    original.setAttribute.call(el, ATTR + '-srcset', srcset);
    el.removeAttribute('srcset');
    changed = true;
  }
  return changed ? original.innerHTML.get.call(t) : text;
}

const guarded = new WeakSet(); // windows whose prototypes are hooked

/** Install the hooks (once per window; only in a browser). A same-origin child frame has its
 * own prototypes — ad tags write trackers into blank iframes — so the frame's window is
 * hooked too, the first time page code reaches it through `contentWindow` or
 * `contentDocument`. */
export function install(win = typeof window != 'undefined' ? window : null) {
  if (!win || guarded.has(win)) return;
  guarded.add(win);
  const { HTMLScriptElement, HTMLIFrameElement, HTMLImageElement, HTMLTemplateElement, Element, Document } = win;
  const kinds = [HTMLScriptElement, HTMLIFrameElement, HTMLImageElement];
  const isKind = (el) => kinds.some((k) => el instanceof k);
  if (!original.setAttribute) {
    original.setAttribute = Element.prototype.setAttribute;
    original.innerHTML = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML');
  }
  const setAttribute = Element.prototype.setAttribute;
  const innerHTML = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML');
  for (const kind of kinds) {
    for (const prop of kind == HTMLImageElement ? ['src', 'srcset'] : ['src']) {
      const d = Object.getOwnPropertyDescriptor(kind.prototype, prop);
      Object.defineProperty(kind.prototype, prop, {
        ...d,
        set(value) {
          if (!hold(this, value, prop)) d.set.call(this, value);
        },
      });
    }
  }
  Element.prototype.setAttribute = function (name, value) {
    const n = String(name).toLowerCase();
    if ((n == 'src' || (n == 'srcset' && this instanceof HTMLImageElement)) && isKind(this) && hold(this, value, n)) return;
    return setAttribute.call(this, name, value);
  };
  const outer = Object.getOwnPropertyDescriptor(Element.prototype, 'outerHTML');
  Object.defineProperty(Element.prototype, 'innerHTML', {
    ...innerHTML,
    set(markup) {
      innerHTML.set.call(this, this instanceof HTMLTemplateElement ? markup : rewrite(markup));
    },
  });
  for (const prop of ['contentWindow', 'contentDocument']) {
    const d = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, prop);
    Object.defineProperty(HTMLIFrameElement.prototype, prop, {
      ...d,
      get() {
        const value = d.get.call(this);
        try {
          const child = prop == 'contentWindow' ? value : value && value.defaultView;
          if (child && child.document) install(child); // throws for cross-origin frames
        } catch {}
        return value;
      },
    });
  }
  Object.defineProperty(Element.prototype, 'outerHTML', {
    ...outer,
    set(markup) {
      outer.set.call(this, rewrite(markup));
    },
  });
  const adjacent = Element.prototype.insertAdjacentHTML;
  Element.prototype.insertAdjacentHTML = function (where, markup) {
    return adjacent.call(this, where, rewrite(markup));
  };
  for (const name of ['write', 'writeln']) {
    const write = Document.prototype[name];
    Document.prototype[name] = function (...parts) {
      return write.call(this, rewrite(parts.join(''), true));
    };
  }
}

/** Consent changed: release what may load now; hold again auto-released iframes whose
 * service was withdrawn. */
export function recheck() {
  for (const el of document.querySelectorAll('[' + ATTR + '],[' + ATTR + '-srcset]')) held.add(el);
  for (const el of held) {
    const href = el.getAttribute(ATTR);
    const srcset = el.getAttribute(ATTR + '-srcset');
    const urls = (href ? [href] : []).concat(srcset ? candidates(srcset) : []);
    if (!urls.length) {
      held.delete(el);
      continue;
    }
    const verdicts = urls.map(verdict);
    if (verdicts.includes(1)) continue;
    urls.forEach((u, i) => verdicts[i] == 2 && report(el, u)); // what no service claims
    held.delete(el);
    el.removeAttribute(ATTR);
    el.removeAttribute(ATTR + '-srcset');
    trusted.add(el);
    if (el.hasAttribute('data-cc-clone')) {
      const live = document.createElement('script');
      for (const { name, value } of el.attributes) if (name != 'data-cc-clone') live.setAttribute(name, value);
      if (el.nonce) live.nonce = el.nonce;
      trusted.add(live);
      live.src = href;
      el.replaceWith(live);
    } else {
      if (srcset) el.srcset = srcset;
      if (href) el.src = href;
      if (href && el instanceof HTMLIFrameElement) liveFrames.set(el, href);
    }
  }
  // Iframes that came in through HTML strings or the page's own markup, with a URL a service
  // claims: unloaded once that service is no longer accepted.
  for (const frame of document.querySelectorAll('iframe[src]:not([data-category])')) {
    if (!liveFrames.has(frame) && !held.has(frame)) liveFrames.set(frame, frame.src);
  }
  for (const [frame, href] of liveFrames) {
    if (!frame.isConnected) liveFrames.delete(frame);
    else if (/^https?:/.test(href) && verdict(href) == 1) {
      liveFrames.delete(frame);
      trusted.add(frame);
      frame.src = 'about:blank'; // trusted: not held by the setter
      original.setAttribute.call(frame, ATTR, href);
      held.add(frame);
    }
  }
}
