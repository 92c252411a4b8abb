#!/usr/bin/env node
// `npm run bench`: consentry against vanilla-cookieconsent 3.1.0, klaro 0.7.22 and Osano's
// cookieconsent 3.1.1 (and a page with no banner, the floor), side by side in one run.
// See bench/README.md for what is measured and how.
//
//   node bench/run.mjs [--runs 15] [--mode both|plain|throttled] [--throttle] [--no-throttle]
//                      [--rate 4] [--only consentry,vanilla] [--out bench/out/results.json]
//   env: BENCH_RUNS, BENCH_MODE, BENCH_RATE, BENCH_ONLY, BENCH_OUT, CHROMIUM
//
// It builds nothing: `dist/` must hold a build (`npm run build`).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { BANNERS } from './pages.mjs';
import { startServer } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

// ---------------------------------------------------------------------------------------------
// Options

function parseArgs(argv) {
  const o = {
    runs: Number(process.env.BENCH_RUNS || 15),
    mode: process.env.BENCH_MODE || 'both',
    rate: Number(process.env.BENCH_RATE || 4),
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
      case '--throttle': o.mode = 'throttled'; break;
      case '--no-throttle': o.mode = 'plain'; break;
      case '--rate': o.rate = Number(val()); break;
      case '--only': o.only = val(); break;
      case '--out': o.out = val(); break;
      case '--help': case '-h':
        console.log(readmeUsage());
        process.exit(0);
      default:
        fail(`unknown option ${a} (see --help)`);
    }
  }
  if (!Number.isInteger(o.runs) || o.runs < 1) fail('--runs must be a whole number ≥ 1');
  if (!['both', 'plain', 'throttled'].includes(o.mode)) fail('--mode must be both, plain or throttled');
  if (!(o.rate >= 1)) fail('--rate must be ≥ 1');
  return o;
}

function readmeUsage() {
  return `usage: node bench/run.mjs [--runs N] [--mode both|plain|throttled] [--throttle] [--no-throttle] [--rate R] [--only ids] [--out file]
  --runs N        runs per banner and measurement (default 15; env BENCH_RUNS)
  --mode M        plain, throttled (CPU ÷rate) or both (default; env BENCH_MODE)
  --throttle      same as --mode throttled;  --no-throttle: --mode plain
  --rate R        CPU throttling rate of the throttled mode (default 4; env BENCH_RATE)
  --only ids      comma-separated subset of: ${BANNERS.map((b) => b.id).join(', ')} (vanilla is always kept: it is the reference)
  --out file      JSON output (default bench/out/results.json; env BENCH_OUT)`;
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
// request of the timed runs); the runs that produce the stored consent also intercept and abort
// (page.route), and every run logs any request to another host (none is expected).
const BLOCK_ARGS = [
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  '--proxy-server=http://127.0.0.1:9',
];

const VIEWPORT = { width: 1280, height: 800 };
const SETTLE = {
  plain: { quiet: 300, extra: 700, cap: 15000 },
  throttled: { quiet: 800, extra: 1500, cap: 30000 },
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Injected ONLY in the "visibility" runs, before any script of the page: when the banner's root
// element is first visible (in the DOM, a non-empty box inside the viewport, not display:none,
// not visibility:hidden, no ancestor with opacity 0), checked at every animation frame, i.e. in
// the frame that paints it; when it entered the DOM (MutationObserver); CLS (layout-shift
// entries without recent input); long tasks (> 50 ms).
function detectorSource(selector) {
  return `(() => {
  const sel = ${JSON.stringify(selector)};
  const out = (window.__benchVis = { visibleAt: null, insertedAt: null, cls: 0, shifts: 0, longtasks: [] });
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
  if (!sel) return;
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) return false;
    if (r.bottom <= 0 || r.right <= 0 || r.top >= innerHeight || r.left >= innerWidth) return false;
    if (getComputedStyle(el).visibility !== 'visible') return false;
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.display === 'none' || Number(cs.opacity) === 0) return false;
    }
    return true;
  };
  const mo = new MutationObserver(() => {
    if (out.insertedAt === null && document.querySelector(sel)) { out.insertedAt = performance.now(); mo.disconnect(); }
  });
  mo.observe(document, { childList: true, subtree: true });
  const tick = () => {
    const el = document.querySelector(sel);
    if (el && visible(el)) { out.visibleAt = performance.now(); return; }
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

/**
 * One page load in a fresh context.
 * kind: 'clean' (first visit, nothing injected: CPU, heap, bytes), 'visibility' (first visit,
 * detector injected: time to banner, CLS, long tasks), 'returning' (stored consent pre-seeded,
 * nothing injected: time to the analytics script having run).
 */
async function load(browser, base, banner, kind, throttled, storageState) {
  const context = await browser.newContext({ viewport: VIEWPORT, storageState, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const requests = new Map(); // requestId → { url, bytes }
    const inflight = new Set();
    const external = [];
    let lastNet = Date.now();
    cdp.on('Network.requestWillBeSent', (e) => {
      if (!isLocal(e.request.url)) external.push(e.request.url);
      if (e.request.url.startsWith('data:')) return;
      requests.set(e.requestId, { url: e.request.url, bytes: 0, status: 0 });
      inflight.add(e.requestId);
      lastNet = Date.now();
    });
    cdp.on('Network.responseReceived', (e) => {
      const r = requests.get(e.requestId);
      if (r) r.status = e.response.status;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = requests.get(e.requestId);
      if (r) r.bytes = e.encodedDataLength;
      inflight.delete(e.requestId);
      lastNet = Date.now();
    });
    cdp.on('Network.loadingFailed', (e) => {
      const r = requests.get(e.requestId);
      if (r) r.failed = e.errorText;
      inflight.delete(e.requestId);
      lastNet = Date.now();
    });
    await cdp.send('Network.enable');
    await cdp.send('Performance.enable');
    if (throttled) await cdp.send('Emulation.setCPUThrottlingRate', { rate: opts.rate });
    if (kind === 'visibility') await page.addInitScript({ content: detectorSource(banner.root) });

    const s = SETTLE[throttled ? 'throttled' : 'plain'];
    const t0 = Date.now();
    await page.goto(`${base}/page/${banner.id}.html`, { waitUntil: 'load', timeout: 60000 });
    // Settle without touching the page: no request in flight for `quiet` ms, then `extra` ms
    // (the wasm of consentry may still be loading after `load`; transitions run their course).
    while (Date.now() - t0 < s.cap && (inflight.size > 0 || Date.now() - lastNet < s.quiet)) await sleep(25);
    await sleep(s.extra);

    const rec = { banner: banner.id, kind, mode: throttled ? 'throttled' : 'plain' };
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
      const u = await cdp.send('Runtime.getHeapUsage').catch(() => null);
      if (u && typeof u.backingStorageSize === 'number') rec.backingStorage = u.backingStorageSize;
    }
    if (throttled) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

    // The banner's own files (and its config script, counted apart).
    const own = [];
    let configBytes = 0;
    let pageBytes = 0;
    for (const r of requests.values()) {
      if (!isLocal(r.url)) continue;
      const path = new URL(r.url).pathname;
      pageBytes += r.bytes;
      if (banner.ownPrefix && path.startsWith(banner.ownPrefix)) own.push({ path, bytes: r.bytes, status: r.status, failed: r.failed });
      if (path === `/bench/config/${banner.id}.js`) configBytes = r.bytes;
    }
    rec.bytes = own.reduce((a, f) => a + f.bytes, 0);
    rec.files = own;
    rec.configBytes = configBytes;
    rec.pageBytes = pageBytes;
    rec.external = external;

    // Only now (every timing above is taken) look into the page.
    const state = await page.evaluate((sel) => {
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
      return {
        ran: Object.assign({}, window.__bench || {}),
        vis: window.__benchVis ? JSON.parse(JSON.stringify(window.__benchVis)) : null,
        shown,
        dcl: nav ? nav.domContentLoadedEventEnd : null,
        load: nav ? nav.loadEventEnd : null,
      };
    }, banner.root);
    if (kind === 'clean') {
      // wasm linear memory is not in the JS heap: add every WebAssembly.Memory of the page.
      rec.wasmMemory = await wasmMemoryBytes(cdp);
      rec.heapWithWasm = rec.heap + rec.wasmMemory;
    }
    rec.analyticsAt = state.ran.analytics ?? null;
    rec.marketingAt = state.ran.marketing ?? null;
    rec.bannerShown = state.shown;
    rec.dcl = state.dcl;
    rec.loadEvent = state.load;
    if (kind === 'visibility') {
      let vis = state.vis;
      if (banner.root && vis && vis.visibleAt === null) {
        // Not visible yet after settling: give it up to 10 s more.
        await page.waitForFunction(() => window.__benchVis.visibleAt !== null, null, { timeout: 10000 }).catch(() => {});
        vis = await page.evaluate(() => JSON.parse(JSON.stringify(window.__benchVis)));
      }
      rec.visibleAt = vis ? vis.visibleAt : null;
      rec.insertedAt = vis ? vis.insertedAt : null;
      rec.cls = vis ? vis.cls : null;
      rec.layoutShifts = vis ? vis.shifts : null;
      const lt = vis ? vis.longtasks : [];
      rec.longtasks = lt.length;
      rec.longestTask = lt.reduce((a, [, d]) => Math.max(a, d), 0);
      rec.tbt = lt.reduce((a, [, d]) => a + Math.max(0, d - 50), 0);
    }
    return rec;
  } finally {
    await context.close();
  }
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
  const context = await browser.newContext({ viewport: VIEWPORT, serviceWorkers: 'block' });
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
    await page.goto(`${base}/page/${banner.id}.html`, { waitUntil: 'load' });
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

// The rows of the table: [key, label, run kind, unit formatter].
const kb = (x) => (x / 1024).toFixed(1);
const ms = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const mb = (x) => (x / 1048576).toFixed(2);
const cls = (x) => x.toFixed(3);
const ROWS = [
  ['bytes', 'banner bytes over the wire (KB, gzip)', 'clean', kb],
  ['visibleAt', 'time to banner visible, first visit (ms)', 'visibility', ms],
  ['analyticsAt', 'time to accepted analytics run, returning visit (ms)', 'returning', ms],
  ['scriptMs', 'main-thread script time, first visit (ms)', 'clean', ms],
  ['taskMs', 'main-thread task time, first visit (ms)', 'clean', ms],
  ['heap', 'JS heap used after GC (MB)', 'clean', mb],
  ['heapWithWasm', 'JS heap after GC + wasm memory (MB)', 'clean', mb],
  ['cls', 'CLS, first visit', 'visibility', cls],
  ['longestTask', 'longest task, first visit (ms; 0 = none > 50 ms)', 'visibility', ms],
  ['tbt', 'total blocking time, first visit (ms)', 'visibility', ms],
  ['returningScriptMs', 'main-thread script time, returning visit (ms)', 'returning', ms],
  ['returningTaskMs', 'main-thread task time, returning visit (ms)', 'returning', ms],
];

function summarise(records, mode) {
  const out = {};
  for (const b of banners) {
    out[b.id] = {};
    const of = (kind) => records.filter((r) => r.banner === b.id && r.mode === mode && r.kind === kind);
    for (const [key, , kind] of ROWS) {
      const src = key.startsWith('returning') ? key.replace(/^returning(.)/, (_, c) => c.toLowerCase()) : key;
      out[b.id][key] = stats(of(kind).map((r) => r[src]));
    }
    const clean = of('clean');
    out[b.id].leaked = clean.filter((r) => r.analyticsAt !== null || r.marketingAt !== null).length;
    out[b.id].notShown = b.root ? clean.filter((r) => !r.bannerShown).length : 0;
    out[b.id].notReleased = of('returning').filter((r) => r.analyticsAt === null).length;
    out[b.id].shownOnReturn = of('returning').filter((r) => r.bannerShown).length;
    out[b.id].external = records.filter((r) => r.banner === b.id && r.mode === mode).reduce((a, r) => a + r.external.length, 0);
  }
  return out;
}

function table(summary) {
  const cols = banners;
  const ref = summary.vanilla;
  const lines = [];
  lines.push(`| metric (median, min–max, ratio to vanilla) | ${cols.map((b) => b.name).join(' | ')} |`);
  lines.push(`| --- | ${cols.map(() => '---:').join(' | ')} |`);
  for (const [key, label, , fmt] of ROWS) {
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

function sizeTable(sizes) {
  const lines = ['| banner | file | raw (B) | gzip body (B) | over the wire, median (B) |', '| --- | --- | ---: | ---: | ---: |'];
  for (const b of banners) {
    if (!sizes[b.id]) continue;
    let raw = 0, gz = 0, wire = 0;
    for (const f of sizes[b.id]) {
      lines.push(`| ${b.name} | ${f.path} | ${f.raw} | ${f.gzip} | ${f.wire} |`);
      raw += f.raw; gz += f.gzip; wire += f.wire;
    }
    lines.push(`| **${b.name}** | **total** | **${raw}** | **${gz}** | **${wire}** |`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main

// The commit checked out when the run starts (dist/ may hold uncommitted work on top of it).
let commit = null;
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
} catch {}
const server = await startServer(root);
// Read every banner file once now: the server keeps what it read, so a rebuild of dist/ by
// someone else during the run cannot mix two builds.
for (const b of banners) for (const f of b.files) await server.sizes(f);
if (banners.some((b) => b.id === 'consentry')) await server.sizes('/dist/consentry_bg.wasm');
if (banners.some((b) => b.id === 'baseline')) await server.sizes('/baseline/consentry_bg.wasm');
const browser = await chromium.launch({
  executablePath: opts.chromium,
  headless: true,
  args: [...CHROMIUM_ARGS, ...BLOCK_ARGS],
});
const modes = opts.mode === 'both' ? ['plain', 'throttled'] : [opts.mode];
const kinds = ['clean', 'visibility', 'returning'];
const started = new Date();
const loadStart = os.loadavg();
console.error(
  `bench: ${banners.length} pages × ${kinds.length} kinds × ${modes.join('+')} × ${opts.runs} runs` +
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

const records = [];
let done = 0;
const total = opts.runs * modes.length * kinds.length * banners.length;
const tStart = Date.now();
for (let i = 0; i < opts.runs; i++) {
  for (const mode of modes) {
    for (const kind of kinds) {
      // Interleaved: A B C D E, A B C D E, …
      for (const b of banners) {
        const storage = kind === 'returning' ? seeds[b.id]?.state : undefined;
        const rec = await load(browser, server.url, b, kind, mode === 'throttled', storage);
        rec.run = i;
        records.push(rec);
        done++;
      }
    }
  }
  const el = (Date.now() - tStart) / 1000;
  console.error(`bench: run ${i + 1}/${opts.runs} done (${done}/${total} loads, ${el.toFixed(0)} s, ~${((el / done) * (total - done)).toFixed(0)} s left)`);
}

const chromiumVersion = browser.version();
await browser.close();

// Sizes of the files each banner fetched (raw, gzip as served, median over the wire).
const sizes = {};
for (const b of banners) {
  if (!b.ownPrefix) continue;
  const clean = records.filter((r) => r.banner === b.id && r.kind === 'clean');
  const paths = [...new Set(clean.flatMap((r) => r.files.map((f) => f.path)))];
  sizes[b.id] = [];
  for (const p of paths) {
    const s = await server.sizes(p);
    const wire = stats(clean.flatMap((r) => r.files.filter((f) => f.path === p).map((f) => f.bytes)));
    sizes[b.id].push({ path: p, raw: s?.raw ?? 0, gzip: s?.gzip ?? 0, wire: wire ? Math.round(wire.median) : 0 });
  }
}
const notFound = [...new Set(server.log)].filter((p) => !/^\/(page|bench|dist|vendor)\//.test(p));
await server.close();

const summary = Object.fromEntries(modes.map((m) => [m, summarise(records, m)]));
const result = {
  meta: {
    date: started.toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    commit,
    chromium: chromiumVersion,
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    loadavgStart: loadStart,
    loadavgEnd: os.loadavg(),
    runs: opts.runs,
    modes,
    throttlingRate: opts.rate,
    viewport: VIEWPORT,
    settle: SETTLE,
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

// ---------------------------------------------------------------------------------------------
// Report

const out = [];
out.push(`## consentry benchmark — ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC${commit ? `, commit ${commit}` : ''}`);
out.push('');
out.push(
  `Chromium ${chromiumVersion}, ${os.cpus().length} CPUs, ${opts.runs} runs per cell, fresh context per run, pages interleaved; ` +
    `load average ${loadStart.map((x) => x.toFixed(2)).join(' ')} → ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}. ` +
    `Cells: median (min–max) and **ratio to vanilla-cookieconsent**.`,
);
for (const m of modes) {
  out.push('');
  out.push(m === 'plain' ? '### Plain (no CPU throttling)' : `### ${opts.rate}× CPU throttling`);
  out.push('');
  out.push(table(summary[m]));
  const notes = [];
  for (const b of banners) {
    const s = summary[m][b.id];
    if (b.id !== 'none' && s.leaked) notes.push(`${b.name}: a held script ran before any consent in ${s.leaked}/${opts.runs} first visits`);
    if (s.notShown) notes.push(`${b.name}: banner not visible after settling in ${s.notShown}/${opts.runs} first visits`);
    if (s.notReleased) notes.push(`${b.name}: analytics not run on ${s.notReleased}/${opts.runs} returning visits`);
    if (s.shownOnReturn) notes.push(`${b.name}: banner shown again on ${s.shownOnReturn}/${opts.runs} returning visits`);
    if (s.external) notes.push(`${b.name}: ${s.external} request(s) to hosts other than 127.0.0.1 (blocked)`);
  }
  if (notes.length) {
    out.push('');
    for (const n of notes) out.push(`- ⚠ ${n}`);
  }
}
out.push('');
out.push('### Sizes (files each banner fetched; gzip level 9 as served)');
out.push('');
out.push(sizeTable(sizes));
out.push('');
const mdPath = opts.out.replace(/\.json$/, '') + '.md';
out.push(`JSON: ${relative(process.cwd(), opts.out) || opts.out}; this report: ${relative(process.cwd(), mdPath) || mdPath}`);
writeFileSync(mdPath, out.join('\n') + '\n');
console.log(out.join('\n'));
