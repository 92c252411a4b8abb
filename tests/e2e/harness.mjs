// Shared harness of the end-to-end suite: one local server and one Chromium per test file,
// a fresh browser context per test with a guard that keeps every request on 127.0.0.1,
// and helpers that read what a visitor and the page observe.
//
//   const env = await start();            // in before()
//   await env.session(async ({ page, ctx, open }) => { ... });   // one test
//   await env.close();                     // in after()
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve, TYPES } from '../../scripts/serve.mjs';
import { demoConfigFor, startRecords } from '../../scripts/records.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, '..', '..');
// CONSENTRY_DIST runs the suite against another build (an older one, to see a new test fail).
export const DIST = process.env.CONSENTRY_DIST || join(ROOT, 'dist');
export const PAGES = join(here, 'pages');
export const OUT = join(ROOT, 'tests', 'out', 'e2e');

/** How long a wait for something the page should do may take before a test fails (ms). Waits
 * end as soon as their condition holds, so this costs time only when a test fails; it is
 * generous because CI shares two cores with everything else (`E2E_WAIT_MS` to change it). */
export const WAIT = Number(process.env.E2E_WAIT_MS || 15000);

/** Delay (ms) of everything served under `/slow/`. */
export const SLOW_MS = 250;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function checkBuild() {
  for (const f of ['consentry.js', 'consentry.mjs', 'consentry_bg.wasm', 'consentry.css']) {
    if (!existsSync(join(DIST, f))) throw new Error(`dist/${f} is missing: run \`node scripts/build.mjs\` first`);
  }
}

/**
 * Start the server and the browser of one test file.
 * Server: `/dist/` and `/assets/vendor/` → dist/, `/` → tests/e2e/pages/, `/slow/<path>` →
 * pages/<path> after SLOW_MS. `env.routes` (path → async (req, res, url) => void) answers
 * paths itself; `env.headers` (path → headers) adds response headers. Every request path
 * the server saw is in `env.served` (clear it per test with `env.served.length = 0`).
 * `start({ site: 'www' })` serves the demo site instead, as `npm start` does: `/dist/` →
 * dist/, `/` → www/ (routes, headers, `/slow/` and the session checks stay the same), and
 * beside it the consent-records service (records/, built if needed) on a free port with a
 * fresh SQLite file, allowing this server's origin, behind a proxy that notes what reaches
 * the service: `env.records` ({ url, service, requests, hide, output() }): `url` is the
 * proxy's (the demo's config is served pointing at it), `service` the service's own,
 * `requests` every [method, path] the proxy passed on, `hide` a Set of (lower-case) answer
 * header names the proxy drops, for a test to see what a browser does without them.
 */
export async function start({ site } = {}) {
  checkBuild();
  const routes = new Map();
  const headers = new Map();
  const served = [];
  let demoConfig = null;
  const { server, url } = await serve({
    port: 0,
    mounts: site ? { '/dist/': DIST, '/': join(ROOT, site) } : { '/dist/': DIST, '/assets/vendor/': DIST, '/': PAGES },
    headers: (path) => headers.get(path) || {},
    async handler(req, res) {
      const u = new URL(req.url, 'http://127.0.0.1');
      served.push(u.pathname + u.search);
      if (demoConfig && (await demoConfig(req, res))) return true;
      const own = routes.get(u.pathname);
      if (own) {
        await own(req, res, u);
        return true;
      }
      if (u.pathname.startsWith('/slow/')) {
        await sleep(SLOW_MS);
        const file = normalize(join(PAGES, u.pathname.slice('/slow/'.length)));
        if (!file.startsWith(PAGES + sep) || !existsSync(file)) {
          res.writeHead(404).end('not found');
          return true;
        }
        res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
        res.end(readFileSync(file));
        return true;
      }
      return false;
    },
  });
  let records = null;
  let recordsDir = null;
  if (site) {
    recordsDir = mkdtempSync(join(tmpdir(), 'consentry-e2e-records-'));
    const service = await startRecords({
      RECORDS_PORT: '0',
      DATABASE_URL: `sqlite://${join(recordsDir, 'records.db')}`,
      RECORDS_ORIGINS: url,
      RECORDS_RATE_LIMIT: '0',
    });
    const proxy = await recordsProxy(service.url);
    records = { ...service, url: proxy.url, service: service.url, requests: proxy.requests, hide: proxy.hide, stop: () => proxy.close().then(service.stop) };
    demoConfig = demoConfigFor(records.url);
  }
  const deadProxy = await refusingProxy();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });

  const env = {
    url,
    server,
    browser,
    routes,
    headers,
    served,
    records,
    /**
     * Run one test in a fresh context. `fn({ ctx, page, open, newPage })`. Afterwards:
     * no request may have left for another host, and (unless `allowPageErrors`) no
     * exception may have reached the page.
     * Options: `init` (a function or source added as init script), `stubs` (URL prefix →
     * JS body served for a foreign URL instead of aborting it), `allowPageErrors`,
     * `allowConsole` (console errors/warnings expected), `intercept: false` (see below),
     * context options.
     * The host guard intercepts requests (Playwright's routing); while a context intercepts,
     * Playwright answers every CORS preflight itself, and the server never sees it. With
     * `intercept: false` nothing is intercepted: a foreign request goes to a proxy that
     * refuses it (the browser never proxies 127.0.0.1) and fails the test; no `stubs`.
     */
    async session(options, fn) {
      if (typeof options == 'function') [options, fn] = [{}, options];
      const { init, stubs = {}, allowPageErrors = false, allowConsole = false, intercept = true, ...contextOptions } = options;
      served.length = 0;
      const guard = intercept ? {} : { proxy: { server: deadProxy.url, bypass: '127.0.0.1' } }; // bypass: else Playwright proxies loopback too
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...guard, ...contextOptions });
      const intercepted = []; // foreign requests, answered locally (stub) or aborted
      const seen = []; // every request the pages made
      // The host guard: whatever is not 127.0.0.1 never reaches the network.
      if (intercept) {
        await ctx.route(
          (u) => u.hostname !== '127.0.0.1',
          async (route) => {
            const target = route.request().url();
            intercepted.push(target);
            const stub = Object.keys(stubs).find((prefix) => target.startsWith(prefix));
            if (stub) await route.fulfill({ status: 200, contentType: 'text/javascript', body: stubs[stub] });
            else await route.abort('blockedbyclient');
          },
        );
      }
      ctx.on('request', (r) => seen.push(r.url()));
      if (init) await ctx.addInitScript(init);
      const pages = [];
      const newPage = async () => {
        const page = await ctx.newPage();
        page.setDefaultTimeout(WAIT);
        page.errors = [];
        page.consoleErrors = [];
        page.console = [];
        page.requests = [];
        page.on('pageerror', (e) => page.errors.push(String(e && e.message)));
        page.on('console', (m) => {
          page.console.push({ type: m.type(), text: m.text() });
          if (m.type() === 'error') page.consoleErrors.push(m.text());
        });
        page.on('request', (r) => page.requests.push(r.url()));
        pages.push(page);
        return page;
      };
      const page = await newPage();
      /** Go to a path and wait for the page's boot script to settle (see pages/js/boot.js). */
      const open = async (path, p = page, { settle = true } = {}) => {
        await p.goto(url + path);
        return settle ? settled(p) : null;
      };
      try {
        await fn({ ctx, page, open, newPage, intercepted, seen });
        for (const p of pages) {
          if (!allowPageErrors) assert.deepEqual(p.errors, [], 'no exception may reach the page');
          // A normal page view logs nothing: no error, no warning (e.g. a v3 key reported as unknown).
          if (!allowConsole) assert.deepEqual(p.console.filter((m) => m.type === 'error' || m.type === 'warning'), [], 'no console error or warning');
        }
        // The suite's network guarantee: nothing left 127.0.0.1.
        const foreign = seen.filter((u) => /^(https?|wss?):/.test(u) && new URL(u).hostname !== '127.0.0.1');
        if (!intercept) assert.deepEqual(foreign, [], 'no request to another host (intercept: false)');
        for (const u of foreign) assert.ok(intercepted.includes(u), `request to another host was not intercepted: ${u}`);
      } finally {
        await ctx.close();
      }
      return { intercepted };
    },
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await deadProxy.close();
      if (records) await records.stop();
      if (recordsDir) rmSync(recordsDir, { recursive: true, force: true });
    },
  };
  return env;
}

/**
 * An HTTP proxy in front of `target` (the records service): passes every request on, notes
 * [method, path] in `requests`, and drops the answer headers named in `hide`.
 */
async function recordsProxy(target) {
  const requests = [];
  const hide = new Set();
  const server = createServer((req, res) => {
    requests.push([req.method, req.url]);
    const upstream = httpRequest(new URL(req.url, target), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode, Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !hide.has(name))));
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () =>
    new Promise((resolve) => {
      server.close(resolve);
      server.closeAllConnections();
    });
  return { url: `http://127.0.0.1:${server.address().port}`, requests, hide, close };
}

/** A "proxy" that closes every connection: where `intercept: false` sends foreign requests. */
async function refusingProxy() {
  const server = createTcpServer((socket) => socket.destroy());
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

// ---- page helpers ---------------------------------------------------------------------

/** Wait until pages/js/boot.js says run() resolved or rejected (or was not called). */
export async function settled(page, timeout = 2 * WAIT) {
  await page.waitForFunction(() => window.ccRun && window.ccRun !== 'pending', null, { timeout });
  return page.evaluate(() => window.ccRun);
}

/** What held scripts recorded, in the order they ran. */
export const ran = (page) => page.evaluate(() => window.ran || []);

/** Events and callbacks recorded by pages/js/record.js: [{ kind, name, detail }]. */
export const log = (page) => page.evaluate(() => window.ccLog || []);
export const clearLog = (page) => page.evaluate(() => (window.ccLog.length = 0));

/** The raw `localStorage` value of `key` (null when absent or unreadable). */
export const localValue = (page, key = 'cc_cookie') =>
  page.evaluate((k) => {
    try {
      return localStorage.getItem(k);
    } catch {
      return null;
    }
  }, key);

/** The parsed consent record in localStorage (null when absent). */
export async function stored(page, key = 'cc_cookie') {
  const raw = await localValue(page, key);
  return raw == null ? null : JSON.parse(raw);
}

/** `document.cookie` as an object. */
export const pageCookies = (page) =>
  page.evaluate(() => Object.fromEntries(document.cookie.split(';').filter((c) => c.trim()).map((c) => [c.split('=')[0].trim(), c.slice(c.indexOf('=') + 1).trim()])));

/** The classes of `<html>`. */
export const htmlClasses = (page) => page.evaluate(() => [...document.documentElement.classList]);

/** Call `CookieConsent[name](...args)` in the page and return the (awaited) result. */
export const api = (page, name, ...args) => page.evaluate(([n, a]) => window.CookieConsent[n](...a), [name, args]);

/** Poll `fn` until it returns a truthy value. */
export async function until(fn, { timeout = WAIT, interval = 25, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > end) throw new Error(`timed out waiting for ${message} (last: ${JSON.stringify(last)})`);
    await sleep(interval);
  }
}

/** Wait for the held scripts to settle: `ran` stops changing for `quiet` ms. */
export async function quiet(page, quietMs = 150, timeout = WAIT) {
  const end = Date.now() + timeout;
  let before = JSON.stringify(await ran(page));
  for (;;) {
    await sleep(quietMs);
    const now = JSON.stringify(await ran(page));
    if (now === before || Date.now() > end) return JSON.parse(now);
    before = now;
  }
}

/** The consent banner is shown: `html.show--consent`, `.cm` visible and without aria-hidden. */
export async function assertBannerShown(page) {
  const cm = page.locator('#cc-main .cm');
  await cm.waitFor({ state: 'visible', timeout: WAIT });
  assert.ok((await htmlClasses(page)).includes('show--consent'), 'html.show--consent');
  assert.equal(await cm.getAttribute('aria-hidden'), null);
}

/** No consent banner in view (absent, or hidden by the CSS). */
export async function assertBannerHidden(page) {
  await page.locator('#cc-main .cm').waitFor({ state: 'hidden', timeout: WAIT });
  assert.ok(!(await htmlClasses(page)).includes('show--consent'), 'no html.show--consent');
}

export async function assertPrefsShown(page) {
  await page.locator('#cc-main .pm').waitFor({ state: 'visible', timeout: WAIT });
  assert.ok((await htmlClasses(page)).includes('show--preferences'), 'html.show--preferences');
  assert.equal(await page.locator('#cc-main .pm').getAttribute('aria-hidden'), null);
}

export async function assertPrefsHidden(page) {
  await page.locator('#cc-main .pm').waitFor({ state: 'hidden', timeout: WAIT });
  assert.ok(!(await htmlClasses(page)).includes('show--preferences'), 'no html.show--preferences');
}

/** Expand a category's section in the preferences modal (its services and table) if collapsed. */
export async function expand(page, category) {
  const title = page.locator(`#cc-main .pm .pm__section[data-category=${category}] button.pm__section-title`);
  if ((await title.getAttribute('aria-expanded')) !== 'true') await title.click();
  assert.equal(await title.getAttribute('aria-expanded'), 'true');
}

/** Request URLs (of one page) whose path starts with `prefix`. */
export const requested = (page, prefix) => page.requests.filter((u) => new URL(u).pathname.startsWith(prefix));

/** A stored record that passes consentry's strict reading, for seeding localStorage. */
export function record({ categories = ['necessary', 'analytics'], revision = 0, services, now = Date.now(), days = 182, ...rest } = {}) {
  const iso = new Date(now - 60_000).toISOString();
  return {
    categories,
    revision,
    data: null,
    consentTimestamp: iso,
    consentId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    services: services || { necessary: [], analytics: categories.includes('analytics') ? ['ga', 'hotjar'] : [], marketing: categories.includes('marketing') ? ['ads'] : [] },
    languageCode: 'en',
    lastConsentTimestamp: iso,
    expirationTime: now + days * 86_400_000,
    ...rest,
  };
}

/** An init script that puts `value` (string, or object → JSON) under `cc_cookie` before the page runs. */
export function seed(value, key = 'cc_cookie') {
  const text = typeof value == 'string' ? value : JSON.stringify(value);
  return `try { if (!sessionStorage.getItem('__seeded')) { localStorage.setItem(${JSON.stringify(key)}, ${JSON.stringify(text)}); sessionStorage.setItem('__seeded', '1'); } } catch (e) {}`;
}

export function outDir() {
  mkdirSync(OUT, { recursive: true });
  return OUT;
}
