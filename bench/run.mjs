#!/usr/bin/env node
// `npm run bench`: consentry against vanilla-cookieconsent 3.1.0, klaro 0.7.22 and Osano's
// cookieconsent 3.1.1 (and a page with no banner, the floor), side by side in one run, in three
// modes: plain (fast network), cpu (4× CPU throttling) and mobile (Lighthouse's mobile network).
// See bench/README.md for what is measured and how.
//
//   node bench/run.mjs [--runs 9] [--mode all|plain|cpu|mobile|plain,mobile…] [--rate 4]
//                      [--rtt 150] [--down 1638.4] [--up 750] [--mobile-cpu 1]
//                      [--only consentry,vanilla] [--out bench/out/results.json]
//   env: BENCH_RUNS, BENCH_MODE, BENCH_RATE, BENCH_RTT, BENCH_DOWN, BENCH_UP, BENCH_MOBILE_CPU,
//        BENCH_ONLY, BENCH_OUT, CHROMIUM
//
// It builds nothing: `dist/` must hold a build (`npm run build`).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { BANNERS, PAGES } from './pages.mjs';
import { startServer } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

// ---------------------------------------------------------------------------------------------
// Options

// The three modes. `cpu` was called `throttled` (still accepted); `both` is plain + cpu.
const MODE_NAMES = ['plain', 'cpu', 'mobile'];
const MODE_ALIASES = { all: MODE_NAMES, both: ['plain', 'cpu'], throttled: ['cpu'] };

function parseModes(value) {
  const out = [];
  for (const part of String(value).split(',').map((s) => s.trim()).filter(Boolean)) {
    const names = MODE_ALIASES[part] || (MODE_NAMES.includes(part) ? [part] : null);
    if (!names) fail(`--mode: unknown mode ${part} (plain, cpu, mobile, all, both; comma-separated)`);
    for (const n of names) if (!out.includes(n)) out.push(n);
  }
  if (!out.length) fail('--mode: no mode');
  return MODE_NAMES.filter((m) => out.includes(m)); // always in the order plain, cpu, mobile
}

function parseArgs(argv) {
  const o = {
    runs: Number(process.env.BENCH_RUNS || 9),
    mode: process.env.BENCH_MODE || 'all',
    rate: Number(process.env.BENCH_RATE || 4),
    rtt: Number(process.env.BENCH_RTT || 150),
    down: Number(process.env.BENCH_DOWN || 1.6 * 1024),
    up: Number(process.env.BENCH_UP || 750),
    mobileRate: Number(process.env.BENCH_MOBILE_CPU || 1),
    page: process.env.BENCH_PAGE || 'file',
    only: process.env.BENCH_ONLY || '',
    out: process.env.BENCH_OUT || join(here, 'out', 'results.json'),
    chromium: process.env.CHROMIUM || '/usr/bin/chromium',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [k, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const val = () => (inline !== undefined ? inline : argv[++i]);
    switch (k) {
      case '--runs': case '-n': o.runs = Number(val()); break;
      case '--mode': o.mode = val(); break;
      case '--throttle': o.mode = 'cpu'; break;
      case '--no-throttle': o.mode = 'plain'; break;
      case '--mobile': o.mode = 'mobile'; break;
      case '--rate': o.rate = Number(val()); break;
      case '--rtt': o.rtt = Number(val()); break;
      case '--down': o.down = Number(val()); break;
      case '--up': o.up = Number(val()); break;
      case '--mobile-cpu': o.mobileRate = Number(val()); break;
      case '--page': o.page = val(); break;
      case '--only': o.only = val(); break;
      case '--out': o.out = val(); break;
      case '--report': o.report = val(); break;
      case '--help': case '-h':
        console.log(readmeUsage());
        process.exit(0);
      default:
        fail(`unknown option ${a} (see --help)`);
    }
  }
  if (!Number.isInteger(o.runs) || o.runs < 1) fail('--runs must be a whole number ≥ 1');
  o.modes = parseModes(o.mode);
  if (!PAGES[o.page]) fail(`--page must be one of ${Object.keys(PAGES).join(', ')}`);
  if (!(o.rate >= 1)) fail('--rate must be ≥ 1');
  if (!(o.mobileRate >= 1)) fail('--mobile-cpu must be ≥ 1');
  if (!(o.rtt >= 0)) fail('--rtt must be ≥ 0 (ms)');
  if (!(o.down > 0) || !(o.up > 0)) fail('--down and --up must be > 0 (Kbps)');
  return o;
}

function readmeUsage() {
  return `usage: node bench/run.mjs [--runs N] [--mode M] [--rate R] [--rtt ms] [--down Kbps] [--up Kbps] [--mobile-cpu R] [--page P] [--only ids] [--out file]
  --runs N        runs per banner, measurement and mode (default 9; env BENCH_RUNS)
  --mode M        plain, cpu (CPU ÷rate), mobile (Lighthouse's mobile network), a comma-separated
                  list of them, all (default) or both (= plain,cpu); env BENCH_MODE.
                  --no-throttle = --mode plain, --throttle = --mode cpu, --mobile = --mode mobile
  --rate R        CPU throttling rate of the cpu mode (default 4; env BENCH_RATE)
  --rtt ms        mobile: latency added to every request, one round trip (default 150; env BENCH_RTT)
  --down Kbps     mobile: download throughput, 1 Kbps = 1024 bit/s (default 1638.4 = 1.6 Mbps; env BENCH_DOWN)
  --up Kbps       mobile: upload throughput (default 750; env BENCH_UP)
  --mobile-cpu R  mobile: CPU throttling rate as well (default 1, none; env BENCH_MOBILE_CPU)
  --page P        file (default: the banner's <script src>, the config a deferred file), inline
                  (<script src>, the config inline on DOMContentLoaded) or defer (as inline, with
                  <script defer src>); env BENCH_PAGE
  --only ids      comma-separated subset of: ${BANNERS.map((b) => b.id).join(', ')} (vanilla is always kept: it is the reference)
  --out file      JSON output (default bench/out/results.json; env BENCH_OUT)
  --report file   no runs: print the report of a saved JSON output again`;
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(1);
}

const opts = parseArgs(process.argv.slice(2));

// ---------------------------------------------------------------------------------------------
// Preconditions: a build and the peers.

for (const f of ['dist/consentry.js', 'dist/consentry.css', 'dist/consentry_bg.wasm']) {
  if (!existsSync(join(root, f))) fail(`${f} is missing: build first (\`npm run build\`); the benchmark builds nothing.`);
}
for (const f of [
  'node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js',
  'node_modules/klaro/dist/klaro-no-css.js',
  'node_modules/cookieconsent/build/cookieconsent.min.js',
  'node_modules/playwright-core/package.json',
]) {
  if (!existsSync(join(root, f))) fail(`${f} is missing: run \`npm install\` (the peers are pinned devDependencies).`);
}
if (!existsSync(opts.chromium)) fail(`${opts.chromium} not found (Debian's chromium; set CHROMIUM to another binary)`);

const { chromium } = await import('playwright-core');

let banners = BANNERS;
if (opts.only) {
  const want = new Set(opts.only.split(',').map((s) => s.trim()).concat('vanilla'));
  for (const id of want) if (!BANNERS.some((b) => b.id === id)) fail(`unknown banner ${id}`);
  banners = BANNERS.filter((b) => want.has(b.id));
}

// ---------------------------------------------------------------------------------------------
// Browser

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
// Nothing leaves 127.0.0.1: every other host fails to resolve, and anything that would not need
// DNS goes to a proxy that does not exist (loopback is never proxied). This blocks in the network
// stack without intercepting each request (interception would add a round trip to every
// request of the timed runs, and Playwright turns the HTTP cache off while it intercepts); the
// runs that produce the stored consent also intercept and abort (context.route), and every run
// logs any request to another host (none is expected).
const BLOCK_ARGS = [
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  '--proxy-server=http://127.0.0.1:9',
];

// Lighthouse's screens: its desktop is 1350×940; the benchmark keeps its 1280×800. Its mobile
// screen (a Moto G Power): 412×823 CSS px, device pixel ratio 1.75, mobile, touch.
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };

// Network.emulateNetworkConditions takes bytes per second; Lighthouse's Kbps are 1024 bit/s.
const kbpsToBytes = (kbps) => Math.floor((kbps * 1024) / 8);
const MOBILE_NET = { offline: false, latency: opts.rtt, downloadThroughput: kbpsToBytes(opts.down), uploadThroughput: kbpsToBytes(opts.up) };

/**
 * The modes. Each has its own CPU rate, network, screen, the kinds of page load it runs and how
 * long it lets a page settle (no request in flight for `quiet` ms, then `extra` ms; `cap` at most).
 */
const MODES = {
  plain: {
    title: 'Plain: fast network (127.0.0.1), no CPU throttling',
    cpu: 1, net: null, screen: DESKTOP,
    kinds: ['clean', 'visibility', 'returning', 'cached'],
    settle: { quiet: 300, extra: 700, cap: 15000 },
  },
  cpu: {
    title: `${opts.rate}× CPU throttling, fast network (127.0.0.1)`,
    cpu: opts.rate, net: null, screen: DESKTOP,
    kinds: ['clean', 'visibility', 'returning', 'cached'],
    settle: { quiet: 800, extra: 1500, cap: 30000 },
  },
  mobile: {
    title: `Mobile network: ${opts.rtt} ms round trip, ${(opts.down / 1024).toFixed(2)} Mbps down, ${opts.up} Kbps up` +
      `${opts.mobileRate > 1 ? `, ${opts.mobileRate}× CPU` : ', no CPU throttling'}; a 412×823 phone screen`,
    cpu: opts.mobileRate, net: MOBILE_NET, screen: PHONE,
    kinds: ['visibility', 'returning'],
    settle: { quiet: 600, extra: 1200, cap: 45000 },
  },
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Injected ONLY in the "visibility" loads, before any script of the page. Per animation frame
// (checked in the frame's requestAnimationFrame callback, i.e. the style that frame paints):
// - insertedAt: when the banner's root element first matched its selector in the document
//   (a MutationObserver: in the task that inserted it);
// - visibleAt: the first frame in which the element has a non-empty box inside the viewport,
//   `visibility: visible`, no `display: none` on it or an ancestor, and an effective opacity
//   (the product of its own and its ancestors') above 0 — the first frame with any of it painted;
// - shownAt: the first frame in which it is fully shown: effective opacity 1 and no running
//   animation or transition on it or an ancestor (a fade-in or slide-in has ended, so it is at
//   its final position).
// Also: CLS (layout-shift entries without recent input), long tasks (> 50 ms), and when the
// page's own WebAssembly.instantiate/compile(Streaming) calls started and settled.
function detectorSource(selector) {
  return `(() => {
  const sel = ${JSON.stringify(selector)};
  const out = (window.__benchVis = { insertedAt: null, visibleAt: null, visibleOpacity: null, shownAt: null, cls: 0, shifts: 0, longtasks: [], wasm: [] });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) { out.cls += e.value; out.shifts++; }
    }).observe({ type: 'layout-shift', buffered: true });
  } catch (e) {}
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) out.longtasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {}
  const W = window.WebAssembly;
  if (W) for (const name of ['instantiateStreaming', 'compileStreaming', 'instantiate', 'compile']) {
    const f = W[name];
    if (typeof f !== 'function') continue;
    W[name] = function () {
      const rec = [name, performance.now(), null];
      out.wasm.push(rec);
      const p = f.apply(this, arguments);
      p.then(() => { rec[2] = performance.now(); }, () => { rec[2] = -1; });
      return p;
    };
  }
  if (!sel) return;
  const opacity = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) return 0;
    if (r.bottom <= 0 || r.right <= 0 || r.top >= innerHeight || r.left >= innerWidth) return 0;
    if (getComputedStyle(el).visibility !== 'visible') return 0;
    let o = 1;
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.display === 'none') return 0;
      o *= Number(cs.opacity);
    }
    return o;
  };
  const moving = (el) => document.getAnimations().some((a) =>
    a.playState === 'running' && a.effect && a.effect.target && !a.effect.pseudoElement && a.effect.target.contains(el));
  const mo = new MutationObserver(() => {
    if (out.insertedAt === null && document.querySelector(sel)) { out.insertedAt = performance.now(); mo.disconnect(); }
  });
  mo.observe(document, { childList: true, subtree: true });
  const tick = () => {
    const el = document.querySelector(sel);
    if (el) {
      const o = opacity(el);
      if (o > 0 && out.visibleAt === null) { out.visibleAt = performance.now(); out.visibleOpacity = o; }
      if (o >= 0.999 && !moving(el)) { out.shownAt = performance.now(); return; }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;
}

function isLocal(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'data:' || u.protocol === 'about:' || u.protocol === 'blob:' || u.hostname === '127.0.0.1';
  } catch {
    return true;
  }
}

const headerOf = (headers, name) => {
  for (const [k, v] of Object.entries(headers || {})) if (k.toLowerCase() === name) return v;
  return null;
};

/** Every request of a page from the CDP Network events (times in CDP's monotonic seconds). */
function track(cdp) {
  const t = { requests: new Map(), inflight: new Set(), external: [], lastNet: Date.now(), doc: null };
  const touch = () => { t.lastNet = Date.now(); };
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!isLocal(e.request.url)) t.external.push(e.request.url);
    if (e.request.url.startsWith('data:')) return;
    t.requests.set(e.requestId, { url: e.request.url, type: e.type, bytes: 0, status: 0, sentAt: e.timestamp });
    t.inflight.add(e.requestId);
    touch();
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const r = t.requests.get(e.requestId);
    if (r) r.cache = 'memory';
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = t.requests.get(e.requestId);
    if (!r) return;
    r.status = e.response.status;
    r.protocol = e.response.protocol;
    r.encoding = headerOf(e.response.headers, 'content-encoding');
    r.headersAt = e.timestamp;
    if (e.response.fromDiskCache) r.cache = r.cache || 'disk';
    if (e.type === 'Document' && e.response.timing) t.doc = e.response.timing;
  });
  cdp.on('Network.dataReceived', (e) => {
    const r = t.requests.get(e.requestId);
    if (r && r.firstDataAt === undefined) r.firstDataAt = e.timestamp;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = t.requests.get(e.requestId);
    if (r) { r.bytes = e.encodedDataLength; r.finishedAt = e.timestamp; }
    t.inflight.delete(e.requestId);
    touch();
  });
  cdp.on('Network.loadingFailed', (e) => {
    const r = t.requests.get(e.requestId);
    if (r) r.failed = e.errorText;
    t.inflight.delete(e.requestId);
    touch();
  });
  t.reset = () => {
    t.requests.clear();
    t.inflight.clear();
    t.external.length = 0;
    t.doc = null;
    touch();
  };
  return t;
}

/** Let the page settle without touching it: no request in flight for `quiet` ms, then `extra`. */
async function settle(net, s, t0) {
  while (Date.now() - t0 < s.cap && (net.inflight.size > 0 || Date.now() - net.lastNet < s.quiet)) await sleep(25);
  await sleep(s.extra);
}

/**
 * One measured page load in a fresh context (empty HTTP cache; storage empty or `storageState`).
 * kind: 'clean' (first visit, nothing injected: CPU, heap, bytes), 'visibility' (first visit,
 * detector injected: banner in the DOM / visible / shown, CLS, long tasks, the timeline),
 * 'returning' (stored consent, empty cache: the held script having run), 'cached' (stored
 * consent; the context first visits the page at `?visit=1` on the fast network, which fills
 * its HTTP cache; then the measured navigation to the page in the same context: a returning
 * visit with a warm cache).
 */
async function load(browser, base, banner, kind, modeName, storageState) {
  const mode = MODES[modeName];
  const context = await browser.newContext({ ...mode.screen, storageState, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const net = track(cdp);
    await cdp.send('Network.enable');
    await cdp.send('Performance.enable');
    const rec = { banner: banner.id, kind, mode: modeName };
    if (kind === 'cached') {
      await page.goto(`${base}${PAGES[opts.page]}${banner.id}.html?visit=1`, { waitUntil: 'load', timeout: 60000 });
      await page.waitForFunction(() => window.__bench && window.__bench.analytics !== undefined, null, { timeout: 15000 }).catch(() => {});
      await settle(net, MODES.plain.settle, Date.now());
      rec.warmup = { analyticsAt: await page.evaluate(() => (window.__bench || {}).analytics ?? null), requests: net.requests.size };
      net.reset();
    }
    if (mode.net) await cdp.send('Network.emulateNetworkConditions', mode.net);
    if (mode.cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: mode.cpu });
    if (kind === 'visibility') await page.addInitScript({ content: detectorSource(banner.root) });

    const t0 = Date.now();
    await page.goto(`${base}${PAGES[opts.page]}${banner.id}.html`, { waitUntil: 'load', timeout: 90000 });
    await settle(net, mode.settle, t0);

    const metrics = (r) => Object.fromEntries(r.metrics.map((m) => [m.name, m.value]));
    const m = metrics(await cdp.send('Performance.getMetrics'));
    rec.scriptMs = m.ScriptDuration * 1000;
    rec.taskMs = m.TaskDuration * 1000;
    rec.layoutMs = m.LayoutDuration * 1000;
    rec.styleMs = m.RecalcStyleDuration * 1000;
    rec.heapBeforeGc = m.JSHeapUsedSize;
    if (kind === 'clean') {
      await cdp.send('HeapProfiler.collectGarbage');
      const g = metrics(await cdp.send('Performance.getMetrics'));
      rec.heap = g.JSHeapUsedSize;
    }
    if (mode.cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

    // The banner's own files (and its config script, counted apart).
    const own = [];
    let configBytes = 0;
    let pageBytes = 0;
    for (const r of net.requests.values()) {
      if (!isLocal(r.url)) continue;
      const path = new URL(r.url).pathname;
      pageBytes += r.bytes;
      if (banner.ownPrefix && path.startsWith(banner.ownPrefix)) {
        own.push({ path, bytes: r.bytes, status: r.status, encoding: r.encoding, protocol: r.protocol, cache: r.cache, failed: r.failed });
      }
      if (path === `/bench/config/${banner.id}.js`) configBytes = r.bytes;
    }
    rec.bytes = own.reduce((a, f) => a + f.bytes, 0);
    rec.files = own;
    rec.fromCache = own.filter((f) => f.cache).length;
    rec.configBytes = configBytes;
    rec.pageBytes = pageBytes;
    rec.external = [...net.external];
    rec.protocol = [...net.requests.values()].find((r) => r.type === 'Document')?.protocol ?? null;

    // Only now (every timing above is taken) look into the page.
    const state = await page.evaluate(({ sel }) => {
      const el = sel && document.querySelector(sel);
      let shown = false;
      if (el) {
        const r = el.getBoundingClientRect();
        shown = r.width > 0 && r.height > 0 && getComputedStyle(el).visibility === 'visible';
        for (let e = el; shown && e && e.nodeType === 1; e = e.parentElement) {
          const cs = getComputedStyle(e);
          if (cs.display === 'none' || Number(cs.opacity) === 0) shown = false;
        }
      }
      const nav = performance.getEntriesByType('navigation')[0];
      const mark = (name) => {
        const e = performance.getEntriesByName(name, 'mark')[0];
        return e ? e.startTime : null;
      };
      const resources = performance.getEntriesByType('resource')
        .map((e) => ({ path: new URL(e.name).pathname, start: e.startTime, requestStart: e.requestStart, end: e.responseEnd, transfer: e.transferSize, body: e.encodedBodySize }));
      return {
        ran: Object.assign({}, window.__bench || {}),
        vis: window.__benchVis ? JSON.parse(JSON.stringify(window.__benchVis)) : null,
        shown,
        nav: nav
          ? { requestStart: nav.requestStart, responseEnd: nav.responseEnd, dcl: nav.domContentLoadedEventStart, load: nav.loadEventEnd }
          : null,
        marks: { config: mark('bench:config'), run: mark('bench:run') },
        resources,
      };
    }, { sel: banner.root });
    if (kind === 'clean') {
      // wasm linear memory is not in the JS heap: add every WebAssembly.Memory of the page.
      rec.wasmMemory = await wasmMemoryBytes(cdp);
      rec.heapWithWasm = rec.heap + rec.wasmMemory;
    }
    rec.analyticsAt = state.ran.analytics ?? null;
    rec.marketingAt = state.ran.marketing ?? null;
    rec.bannerShown = state.shown;
    rec.dcl = state.nav?.dcl ?? null;
    rec.loadEvent = state.nav?.load ?? null;
    if (kind === 'visibility') {
      let vis = state.vis;
      if (banner.root && vis && vis.shownAt === null) {
        // Not fully shown yet after settling: give it up to 10 s more.
        await page.waitForFunction(() => window.__benchVis.shownAt !== null, null, { timeout: 10000 }).catch(() => {});
        vis = await page.evaluate(() => JSON.parse(JSON.stringify(window.__benchVis)));
      }
      rec.insertedAt = vis ? vis.insertedAt : null;
      rec.visibleAt = vis ? vis.visibleAt : null;
      rec.visibleOpacity = vis ? vis.visibleOpacity : null;
      rec.shownAt = vis ? vis.shownAt : null;
      rec.cls = vis ? vis.cls : null;
      rec.layoutShifts = vis ? vis.shifts : null;
      const lt = vis ? vis.longtasks : [];
      rec.longtasks = lt.length;
      rec.longestTask = lt.reduce((a, [, d]) => Math.max(a, d), 0);
      rec.tbt = lt.reduce((a, [, d]) => a + Math.max(0, d - 50), 0);
      rec.timeline = timeline(banner, state, vis, net);
    }
    return rec;
  } finally {
    await context.close();
  }
}

/**
 * The first visit's timeline, in ms since navigation start (the page's performance.now()):
 * from Resource Timing (request start, response end), CDP (when the response headers reached
 * the renderer: with network emulation Resource Timing's responseStart is the unthrottled one),
 * the detector (wasm calls; banner in the DOM / visible / shown) and the config's marks.
 */
function timeline(banner, state, vis, net) {
  const ev = {};
  const nav = state.nav;
  if (!nav) return ev;
  ev.htmlRequest = nav.requestStart;
  ev.htmlEnd = nav.responseEnd;
  // CDP's monotonic seconds → page time, by the document request's send start (both clocks
  // give it: CDP's timing.requestTime + sendStart, Resource Timing's requestStart).
  const doc = net.doc;
  const offset = doc && nav.requestStart > 0 ? nav.requestStart - (doc.requestTime * 1000 + doc.sendStart) : null;
  const toPage = (ts) => (offset === null || ts === undefined ? null : ts * 1000 + offset);
  const cdpByPath = new Map();
  for (const r of net.requests.values()) if (isLocal(r.url)) cdpByPath.set(new URL(r.url).pathname, r);
  const skew = [];
  for (const r of state.resources) {
    const which = r.path === banner.css ? 'css' : r.path === banner.js ? 'js'
      : banner.ownPrefix && r.path.startsWith(banner.ownPrefix) && r.path.endsWith('.wasm') ? 'wasm'
        : r.path === `/bench/config/${banner.id}.js` ? 'config' : null;
    if (!which || ev[`${which}Request`] !== undefined) continue;
    // Sent: Resource Timing's requestStart (Chromium holds a low-priority request, e.g. a
    // deferred script, while render-blocking CSS is in flight: its fetch starts earlier).
    ev[`${which}Request`] = r.requestStart || r.start;
    const c = cdpByPath.get(r.path);
    const headers = c && toPage(c.headersAt);
    if (headers !== null && headers !== undefined) ev[`${which}Headers`] = headers;
    ev[`${which}End`] = r.end;
    const fin = c && toPage(c.finishedAt);
    if (fin !== null && fin !== undefined) skew.push(Math.round((fin - r.end) * 10) / 10);
  }
  const w = vis && vis.wasm && vis.wasm.find((x) => x[0] === 'instantiateStreaming' || x[0] === 'instantiate' || x[0] === 'compileStreaming');
  if (w) {
    ev.wasmCompile = w[1];
    if (w[2] !== null && w[2] >= 0) ev.wasmReady = w[2];
  }
  ev.dcl = nav.dcl;
  if (state.marks.config !== null) ev.configRan = state.marks.config;
  if (state.marks.run !== null) ev.run = state.marks.run;
  if (vis) {
    if (vis.insertedAt !== null) ev.inserted = vis.insertedAt;
    if (vis.visibleAt !== null) ev.visible = vis.visibleAt;
    if (vis.shownAt !== null) ev.shown = vis.shownAt;
  }
  // How far CDP's loadingFinished (mapped) is from Resource Timing's responseEnd, per file:
  // a check of the clock mapping, kept in the JSON; and every file of the page, for a closer
  // look: [path, fetch start, request start (sent), response headers (CDP), response end].
  ev.clockCheck = skew;
  ev.files = state.resources.map((r) => {
    const c = cdpByPath.get(r.path);
    const at = (x) => (x === null || x === undefined ? null : Math.round(x));
    return [r.path, at(r.start), at(r.requestStart), at(c && toPage(c.headersAt)), at(r.end)];
  });
  return ev;
}

/** Total byte length of every live WebAssembly.Memory in the page (Runtime.queryObjects). */
async function wasmMemoryBytes(cdp) {
  try {
    const proto = await cdp.send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
    const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId });
    const r = await cdp.send('Runtime.callFunctionOn', {
      objectId: objects.objectId,
      functionDeclaration: 'function () { return this.reduce((a, m) => a + m.buffer.byteLength, 0); }',
      returnByValue: true,
    });
    return r.result.value;
  } catch {
    return null;
  }
}

/** Produce the returning visitor's stored consent by clicking the banner's own "accept all". */
async function seed(browser, base, banner) {
  const context = await browser.newContext({ ...DESKTOP, serviceWorkers: 'block' });
  const aborted = [];
  await context.route(
    (url) => !isLocal(url.href),
    (route) => {
      aborted.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${base}${PAGES[opts.page]}${banner.id}.html`, { waitUntil: 'load' });
    await page.locator(banner.acceptAll).first().click({ timeout: 15000 });
    await page.waitForFunction(() => window.__bench && window.__bench.analytics !== undefined && window.__bench.marketing !== undefined, null, { timeout: 15000 });
    await sleep(300);
    const state = await context.storageState();
    const stored = {
      cookies: state.cookies.filter((c) => !c.name.startsWith('_demo_')).map((c) => c.name),
      localStorage: state.origins.flatMap((o) => o.localStorage.map((e) => e.name)),
    };
    return { state, stored, aborted, errors };
  } catch (error) {
    throw new Error(`${banner.name}: could not produce the stored consent by clicking "${banner.acceptAll}": ${error.message}`);
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Statistics and output

function stats(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v[v.length - 1], n: v.length };
}

const kB = (x) => (x / 1000).toFixed(1);
const ms = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const mb = (x) => (x / 1048576).toFixed(2);
const cls = (x) => x.toFixed(3);
const FIRST = { plain: 'clean', cpu: 'clean', mobile: 'visibility' }; // the load that gives a first visit's bytes
const FAST = ['plain', 'cpu'];
/**
 * The rows of the tables: key (in the summary), label, the kind of load it is read from (or one
 * per mode), the record's field, the unit's formatter, the modes that show it.
 */
const ROWS = [
  { key: 'bytes', label: 'banner bytes over the wire (kB; brotli)', kind: FIRST, field: 'bytes', fmt: kB },
  { key: 'insertedAt', label: 'first visit: banner in the DOM (ms)', kind: 'visibility', field: 'insertedAt', fmt: ms },
  { key: 'visibleAt', label: 'first visit: banner visible, first painted frame (ms)', kind: 'visibility', field: 'visibleAt', fmt: ms },
  { key: 'shownAt', label: 'first visit: banner fully shown, show animation done (ms)', kind: 'visibility', field: 'shownAt', fmt: ms },
  { key: 'analyticsAt', label: 'returning visit, empty cache: held script ran (ms)', kind: 'returning', field: 'analyticsAt', fmt: ms },
  { key: 'cachedAt', label: 'returning visit, warm HTTP cache: held script ran (ms)', kind: 'cached', field: 'analyticsAt', fmt: ms, modes: FAST },
  { key: 'scriptMs', label: 'main-thread script time, first visit (ms)', kind: 'clean', field: 'scriptMs', fmt: ms, modes: FAST },
  { key: 'taskMs', label: 'main-thread task time, first visit (ms)', kind: 'clean', field: 'taskMs', fmt: ms, modes: FAST },
  { key: 'heap', label: 'JS heap used after GC (MB)', kind: 'clean', field: 'heap', fmt: mb, modes: FAST },
  { key: 'heapWithWasm', label: 'JS heap after GC + wasm memory (MB)', kind: 'clean', field: 'heapWithWasm', fmt: mb, modes: FAST },
  { key: 'cls', label: 'CLS, first visit', kind: 'visibility', field: 'cls', fmt: cls },
  { key: 'longestTask', label: 'longest task, first visit (ms; 0 = none > 50 ms)', kind: 'visibility', field: 'longestTask', fmt: ms },
  { key: 'tbt', label: 'total blocking time, first visit (ms)', kind: 'visibility', field: 'tbt', fmt: ms },
  { key: 'returningScriptMs', label: 'main-thread script time, returning visit, empty cache (ms)', kind: 'returning', field: 'scriptMs', fmt: ms, modes: FAST },
  { key: 'returningTaskMs', label: 'main-thread task time, returning visit, empty cache (ms)', kind: 'returning', field: 'taskMs', fmt: ms, modes: FAST },
];
const rowsOf = (mode) => ROWS.filter((r) => !r.modes || r.modes.includes(mode));
const kindOf = (row, mode) => (typeof row.kind === 'string' ? row.kind : row.kind[mode]);

// The timeline's events, in order, for the breakdown table: key, label, and the events whose
// latest the step is counted from.
const EVENTS = [
  ['htmlRequest', 'HTML sent', []],
  ['htmlEnd', 'HTML arrived (last byte)', ['htmlRequest']],
  ['cssRequest', 'banner CSS sent', ['htmlEnd']],
  ['cssEnd', 'banner CSS arrived', ['cssRequest']],
  ['jsRequest', 'banner JS sent', ['htmlEnd']],
  ['jsEnd', 'banner JS arrived', ['jsRequest']],
  ['wasmRequest', 'wasm sent (the loader ran)', ['jsEnd']],
  ['wasmHeaders', 'wasm response headers', ['wasmRequest']],
  ['wasmCompile', 'WebAssembly.instantiateStreaming called', ['wasmHeaders']],
  ['wasmEnd', 'wasm arrived (last byte)', ['wasmHeaders']],
  ['wasmReady', 'wasm compiled and instantiated', ['wasmEnd']],
  ['configRequest', 'config script sent', ['htmlEnd']],
  ['configEnd', 'config script arrived', ['configRequest']],
  ['configRan', 'config script ran (run() called)', ['configEnd', 'jsEnd', 'cssEnd']],
  ['dcl', 'DOMContentLoaded', ['configRan']],
  ['run', 'run() resolved', ['configRan', 'wasmReady']],
  ['inserted', 'banner in the DOM', ['configRan', 'wasmReady']],
  ['visible', 'banner visible (first frame)', ['inserted']],
  ['shown', 'banner fully shown', ['visible']],
];

function summarise(records, mode) {
  const out = {};
  for (const b of banners) {
    out[b.id] = {};
    const of = (kind) => records.filter((r) => r.banner === b.id && r.mode === mode && r.kind === kind);
    for (const row of rowsOf(mode)) out[b.id][row.key] = stats(of(kindOf(row, mode)).map((r) => r[row.field]));
    const first = of(FIRST[mode]);
    out[b.id].leaked = first.filter((r) => r.analyticsAt !== null || r.marketingAt !== null).length;
    out[b.id].notShown = b.root ? first.filter((r) => !r.bannerShown).length : 0;
    const back = [...of('returning'), ...of('cached')];
    out[b.id].notReleased = back.filter((r) => r.analyticsAt === null).length;
    out[b.id].shownOnReturn = back.filter((r) => r.bannerShown).length;
    out[b.id].notCached = of('cached').filter((r) => r.fromCache < r.files.length).length;
    out[b.id].notBrotli = first.filter((r) => r.files.some((f) => f.encoding !== 'br' && f.bytes > 0)).length;
    out[b.id].external = records.filter((r) => r.banner === b.id && r.mode === mode).reduce((a, r) => a + r.external.length, 0);
    const vis = of('visibility');
    out[b.id].timeline = Object.fromEntries(
      EVENTS.map(([k]) => [k, stats(vis.map((r) => r.timeline?.[k]))]).filter(([, s]) => s),
    );
  }
  return out;
}

function table(summary, mode) {
  const cols = banners;
  const ref = summary.vanilla;
  const lines = [];
  lines.push(`| metric (median, min–max, ratio to vanilla) | ${cols.map((b) => b.name).join(' | ')} |`);
  lines.push(`| --- | ${cols.map(() => '---:').join(' | ')} |`);
  for (const { key, label, fmt } of rowsOf(mode)) {
    const cells = cols.map((b) => {
      const s = summary[b.id][key];
      if (!s) return '—';
      let cell = `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})`;
      const r = ref[key];
      if (b.id !== 'vanilla' && r && r.median > 0) cell += ` **${(s.median / r.median).toFixed(2)}×**`;
      else if (b.id !== 'vanilla' && r && r.median === 0 && s.median === 0) cell += ' =';
      return cell;
    });
    lines.push(`| ${label} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/**
 * Where a first visit's time goes: per event the median time since navigation start, and the
 * step (the median, over runs, of this event minus the latest of the events it follows).
 */
function timelineTable(summary, records, mode) {
  const cols = banners.filter((b) => b.root && Object.keys(summary[b.id].timeline).length);
  const label = Object.fromEntries(EVENTS.map(([k, l]) => [k, l]));
  const lines = [];
  lines.push(`| event: median ms since navigation start (+ step: median of this − the latest of "after") | after | ${cols.map((b) => b.name).join(' | ')} |`);
  lines.push(`| --- | --- | ${cols.map(() => '---:').join(' | ')} |`);
  for (const [key, name, after] of EVENTS) {
    if (!cols.some((b) => summary[b.id].timeline[key])) continue;
    const cells = cols.map((b) => {
      const s = summary[b.id].timeline[key];
      if (!s) return '—';
      const runs = records.filter((r) => r.banner === b.id && r.mode === mode && r.kind === 'visibility' && r.timeline);
      const step = stats(runs.map((r) => {
        const refs = after.map((a) => r.timeline[a]).filter((x) => typeof x === 'number');
        return refs.length && typeof r.timeline[key] === 'number' ? r.timeline[key] - Math.max(...refs) : null;
      }));
      return `${Math.round(s.median)}${step ? ` (+${Math.round(step.median)})` : ''}`;
    });
    lines.push(`| ${name} | ${after.map((a) => label[a]).join(', ') || '—'} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function sizeTable(sizes) {
  const lines = ['| banner | file | raw (B) | gzip (B) | brotli (B) | over the wire, median (B) |', '| --- | --- | ---: | ---: | ---: | ---: |'];
  for (const b of banners) {
    if (!sizes[b.id]) continue;
    let raw = 0, gz = 0, br = 0, wire = 0;
    for (const f of sizes[b.id]) {
      lines.push(`| ${b.name} | ${f.path} | ${f.raw} | ${f.gzip} | ${f.br} | ${f.wire} |`);
      raw += f.raw; gz += f.gzip; br += f.br; wire += f.wire;
    }
    lines.push(`| **${b.name}** | **total** | **${raw}** | **${gz}** | **${br}** | **${wire}** |`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main

// The run's results: measured now, or (--report) read back from a saved JSON output.
let commit = null;
let modes, started, loadStart, loadEnd, records, chromiumVersion, sizes, summary;
if (opts.report) {
  const saved = JSON.parse(readFileSync(opts.report, 'utf8'));
  ({ records, sizes, summary } = saved);
  banners = BANNERS.filter((b) => saved.meta.banners.some((s) => s.id === b.id)); // the run's own, whatever --only says now
  ({ commit, chromium: chromiumVersion, loadavgStart: loadStart, loadavgEnd: loadEnd, runs: opts.runs, page: opts.page } = saved.meta);
  modes = Object.keys(summary);
  started = new Date(saved.meta.date);
  opts.out = opts.report;
} else {
  // The commit checked out when the run starts (dist/ may hold uncommitted work on top of it).
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {}
  const server = await startServer(root);
  // Which build of consentry: the SHA-256 (first 16 hex digits) of each file the server will send.
  const build = {};
  for (const f of ['dist/consentry.js', 'dist/consentry.css', 'dist/consentry_bg.wasm']) {
    build[f] = createHash('sha256').update(readFileSync(join(root, f))).digest('hex').slice(0, 16);
  }
  // Read every banner file once now: the server keeps what it read, so a rebuild of dist/ by
  // someone else during the run cannot mix two builds.
  for (const b of banners) for (const f of b.files) await server.sizes(f);
  if (banners.some((b) => b.id === 'consentry')) await server.sizes('/dist/consentry_bg.wasm');
  if (banners.some((b) => b.id === 'baseline')) await server.sizes('/baseline/consentry_bg.wasm');
  const browser = await chromium.launch({
    executablePath: opts.chromium,
    headless: true,
    // The server's self-signed certificate is trusted by its key: no certificate error, so
    // Chromium caches as it would from a CDN.
    args: [...CHROMIUM_ARGS, ...BLOCK_ARGS, `--ignore-certificate-errors-spki-list=${server.spki}`],
  });
  modes = opts.modes;
  started = new Date();
  loadStart = os.loadavg();
  const loadRuns = [];
  const loadsPerRun = modes.reduce((a, m) => a + MODES[m].kinds.length, 0) * banners.length;
  console.error(
    `bench: ${banners.length} pages × ${modes.map((m) => `${m} (${MODES[m].kinds.join(', ')})`).join(' + ')} × ${opts.runs} runs` +
      ` (Chromium ${browser.version()}, ${os.cpus().length} CPUs, load ${loadStart.map((x) => x.toFixed(2)).join(' ')})`,
  );

  // Stored consent for the returning visit, made by each banner itself.
  const seeds = {};
  for (const b of banners) {
    if (!b.acceptAll) continue;
    const s = await seed(browser, server.url, b);
    seeds[b.id] = s;
    console.error(
      `bench: ${b.id}: stored consent = ${JSON.stringify(s.stored)}` +
        (s.aborted.length ? `; aborted ${s.aborted.length} request(s) to other hosts: ${s.aborted.join(', ')}` : '') +
        (s.errors.length ? `; page errors: ${s.errors.join(' | ')}` : ''),
    );
  }

  records = [];
  let done = 0;
  const total = opts.runs * loadsPerRun;
  const tStart = Date.now();
  for (let i = 0; i < opts.runs; i++) {
    loadRuns.push(os.loadavg());
    // Interleaved: A B C D E, A B C D E, … for every kind of load; the order turns by one each run
    // (B C D E A in the next), so no banner always comes first after a switch of mode or kind.
    const order = banners.map((_, j) => banners[(j + i) % banners.length]);
    for (const mode of modes) {
      for (const kind of MODES[mode].kinds) {
        for (const b of order) {
          const storage = kind === 'returning' || kind === 'cached' ? seeds[b.id]?.state : undefined;
          const rec = await load(browser, server.url, b, kind, mode, storage);
          rec.run = i;
          records.push(rec);
          done++;
        }
      }
    }
    const el = (Date.now() - tStart) / 1000;
    const la = os.loadavg();
    console.error(
      `bench: run ${i + 1}/${opts.runs} done (${done}/${total} loads, ${el.toFixed(0)} s, ~${((el / done) * (total - done)).toFixed(0)} s left; load ${la.map((x) => x.toFixed(2)).join(' ')})`,
    );
  }

  chromiumVersion = browser.version();
  await browser.close();

  // Sizes of the files each banner fetched (raw, gzip, brotli, median over the wire on first visits).
  sizes = {};
  for (const b of banners) {
    if (!b.ownPrefix) continue;
    const first = records.filter((r) => r.banner === b.id && FIRST[r.mode] === r.kind);
    const paths = [...new Set(first.flatMap((r) => r.files.map((f) => f.path)))];
    sizes[b.id] = [];
    for (const p of paths) {
      const s = await server.sizes(p);
      const wire = stats(first.flatMap((r) => r.files.filter((f) => f.path === p).map((f) => f.bytes)));
      sizes[b.id].push({ path: p, raw: s?.raw ?? 0, gzip: s?.gzip ?? 0, br: s?.br ?? 0, wire: wire ? Math.round(wire.median) : 0 });
    }
  }
  const notFound = [...new Set(server.log)].filter((p) => !/^\/(page|page-inline|page-defer|bench|dist|vendor|baseline)\//.test(p));
  const sessions = server.sessions();
  await server.close();

  summary = Object.fromEntries(modes.map((m) => [m, summarise(records, m)]));
  loadEnd = os.loadavg();
  const result = {
    meta: {
      date: started.toISOString(),
      seconds: Math.round((Date.now() - started) / 1000),
      commit,
      build,
      chromium: chromiumVersion,
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      loadavgStart: loadStart,
      loadavgEnd: loadEnd,
      loadavgRuns: loadRuns,
      runs: opts.runs,
      page: opts.page,
      modes: Object.fromEntries(modes.map((m) => [m, { ...MODES[m] }])),
      throttlingRate: opts.rate,
      mobileNetwork: { rttMs: opts.rtt, downKbps: opts.down, upKbps: opts.up, emulateNetworkConditions: MOBILE_NET, cpu: opts.mobileRate },
      server: { protocol: 'HTTP/2 over TLS (h2, one connection per context)', sessions, compression: 'brotli q11, else gzip 9', cacheControl: { html: 'no-cache', other: 'public, max-age=31536000, immutable' } },
      banners: banners.map(({ id, name, css, js, root: sel }) => ({ id, name, css, js, root: sel })),
    },
    seeds: Object.fromEntries(Object.entries(seeds).map(([k, v]) => [k, { stored: v.stored, aborted: v.aborted, errors: v.errors }])),
    summary,
    sizes,
    otherPaths: notFound,
    records,
  };
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, JSON.stringify(result, null, 1));
}

// ---------------------------------------------------------------------------------------------
// Report

const la = (l) => l.map((x) => x.toFixed(2)).join(' ');
const out = [];
out.push(`## consentry benchmark — ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC${commit ? `, commit ${commit}` : ''}`);
out.push('');
out.push(
  `Chromium ${chromiumVersion}, ${os.cpus().length} CPUs, ${opts.runs} runs per cell, fresh context per page load, pages interleaved; ` +
    `page \`${opts.page}\` (${{ file: 'banner script, its config a deferred file', inline: 'banner script, its config inline on DOMContentLoaded', defer: 'banner script deferred, its config inline on DOMContentLoaded' }[opts.page]}); ` +
    `served over HTTP/2 + TLS from 127.0.0.1, brotli, cacheable; load average ${la(loadStart)} → ${la(loadEnd)}. ` +
    `Cells: median (min–max) and **ratio to vanilla-cookieconsent**.`,
);
for (const m of modes) {
  out.push('');
  out.push(`### ${MODES[m].title}`);
  out.push('');
  out.push(table(summary[m], m));
  const notes = [];
  for (const b of banners) {
    const s = summary[m][b.id];
    if (b.id !== 'none' && s.leaked) notes.push(`${b.name}: a held script ran before any consent in ${s.leaked}/${opts.runs} first visits`);
    if (s.notShown) notes.push(`${b.name}: banner not visible after settling in ${s.notShown}/${opts.runs} first visits`);
    if (s.notReleased) notes.push(`${b.name}: analytics not run on ${s.notReleased} returning visits`);
    if (s.shownOnReturn) notes.push(`${b.name}: banner shown again on ${s.shownOnReturn} returning visits`);
    if (s.notCached) notes.push(`${b.name}: ${s.notCached}/${opts.runs} warm-cache visits fetched some of the banner's files from the network`);
    if (s.notBrotli) notes.push(`${b.name}: ${s.notBrotli}/${opts.runs} first visits got a banner file without brotli`);
    if (s.external) notes.push(`${b.name}: ${s.external} request(s) to hosts other than 127.0.0.1 (blocked)`);
  }
  if (notes.length) {
    out.push('');
    for (const n of notes) out.push(`- ⚠ ${n}`);
  }
  if (m === 'mobile') {
    out.push('');
    out.push('#### Where the first visit\'s time goes (mobile network)');
    out.push('');
    out.push(timelineTable(summary[m], records, m));
  }
}
out.push('');
out.push('### Sizes (the files each banner fetched; over the wire: CDP encodedDataLength, brotli body + HTTP/2 headers)');
out.push('');
out.push(sizeTable(sizes));
out.push('');
const mdPath = opts.out.replace(/\.json$/, '') + '.md';
out.push(`JSON: ${relative(process.cwd(), opts.out) || opts.out}; this report: ${relative(process.cwd(), mdPath) || mdPath}`);
writeFileSync(mdPath, out.join('\n') + '\n');
console.log(out.join('\n'));
