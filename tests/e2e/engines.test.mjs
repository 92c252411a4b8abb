// The flows that matter, in the three browser engines: Chromium (playwright-core), Firefox
// (firefox-esr over WebDriver BiDi, puppeteer-core) and WebKit (WebKitGTK's MiniBrowser
// through WebKitWebDriver, on Xvfb). One test body per flow runs in each engine through
// engines/driver.mjs. The page (engines/site.html) has held scripts, a held embed, and page
// code that inserts third-party scripts, iframes and images through every entry point
// auto-blocking covers; the third parties (`*.test`) are answered by a local proxy
// (engines/hosts.mjs), which also records every request, so the same checks see the
// network in every engine. A second server on 127.0.0.1 (another origin) receives the consent
// log's records. `ENGINES=firefox,webkit node --test tests/e2e/engines.test.mjs`
// runs a subset. Screenshots go to tests/out/engines/.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { serve } from '../../scripts/serve.mjs';
import { ENGINES, launch } from './engines/driver.mjs';
import { startHosts } from './engines/hosts.mjs';
import { DIST } from './harness.mjs'; // dist/, or CONSENTRY_DIST (another build)

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = join(here, '..', '..');
const OUT = join(ROOT, 'tests', 'out', 'engines');
const chosen = process.env.ENGINES ? process.env.ENGINES.split(',').map((e) => e.trim()) : ENGINES;

/** Which category each third party belongs to (engines/js/config.js). */
const CATEGORY = { 'analytics.test': 'analytics', 'ads.test': 'marketing', 'video.test': 'functionality', 'cdn.test': null };
const categoryOf = (url) => CATEGORY[new URL(url).host];
/** Held scripts of site.html in document order, by what they record. */
const HELD_ANALYTICS = ['inline-analytics', 'external-third-party', 'external-same-origin'];
const ALL = ['necessary', 'functionality', 'analytics', 'marketing'];
const WRITTEN = 'http://ads.test/written.js?via=document.write&at=parse';
const EMBED = 'http://video.test/embed.html';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let server;
let site;
let hosts;
let cdn; // a stand-in for jsDelivr: another origin on 127.0.0.1, serving dist/ with CORS
let log; // a consent-log endpoint on another origin on 127.0.0.1: { url, received, server }
const served = [];
const cdnServed = [];
const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;

/** A page whose <head> is the README's CDN snippet (jsDelivr's tags), pointed at `cdn`;
 * `?tampered` loads a consentry.js that differs from the build by one comment. */
function cdnPage(query) {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = readme.slice(readme.indexOf('<!-- cdn-snippet'), readme.indexOf('<!-- /cdn-snippet -->'));
  let tags = block.slice(block.indexOf('<link'), block.indexOf('<!-- or unpkg -->')).replaceAll('https://cdn.jsdelivr.net', cdn.url);
  if (query.has('tampered')) tags = tags.replace('/dist/consentry.js', '/tampered/consentry.js');
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>consentry from a CDN</title>
<script src="/js/errors.js"></script>
${tags}
</head>
<body>
<h1>consentry from a CDN</h1>
<script>
  window.ccRun = window.CookieConsent ? 'pending' : 'no CookieConsent';
  if (window.CookieConsent) window.CookieConsent.run({ hideFromBots: false, categories: { necessary: { readOnly: true }, analytics: {} }, language: { default: 'en', autoDetect: 'document' } }).then(
    function () { window.ccRun = 'resolved'; },
    function (e) { window.ccRun = 'rejected: ' + (e && e.message); },
  );
</script>
</body>
</html>`;
}

/** The files consentry is delivered as ("parts": the script with the engine inside, the
 * stylesheet, a built-in language file), each arriving late or not at all. The page's query
 * says when each is answered: `js`, `css`, `locale` = a delay in ms, or `404`. The stylesheet
 * loads without blocking (the `media="print"` swap) and the script is `async`, so either may
 * come first; the language file is asked for by the engine (`<html lang="de">`: the built-in
 * German, `/parts/<plan>/i18n/de.json`, next to the script). */
function partsPage(query) {
  const plan = ['js', 'css', 'locale'].map((part) => part + (query.get(part) || '0')).join('-');
  const base = `/parts/${plan}/`;
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<title>consentry: its parts in any order</title>
<script src="/js/errors.js"></script>
<link rel="stylesheet" href="${base}consentry.css" media="print" onload="this.media = 'all'">
<script>
  window.ran = [];
  window.ccRun = 'pending';
  window.start = function () {
    window.CookieConsent.run({
      hideFromBots: false,
      categories: { necessary: { readOnly: true }, analytics: {}, marketing: {} },
      language: { default: 'en', autoDetect: 'document' },
    }).then(
      function () { window.ccRun = 'resolved'; },
      function (e) { window.ccRun = 'rejected: ' + (e && e.message); },
    );
  };
</script>
<script async src="${base}consentry.js" onload="window.start()" onerror="window.ccRun = 'no script'"></script>
</head>
<body>
<h1>consentry: its parts in any order</h1>
<p>
  <button type="button" id="page-btn" onclick="window.pageClicks = (window.pageClicks || 0) + 1">Page button</button>
  <button type="button" id="open-prefs" data-cc="show-preferencesModal">Cookie settings</button>
</p>
<script type="text/plain" data-category="analytics">window.ran.push('inline-analytics');</script>
<script type="text/plain" data-category="analytics" data-src="/held/same-origin.js"></script>
<script type="text/plain" data-category="marketing">window.ran.push('inline-marketing');</script>
</body>
</html>`;
}

/** Answer `/parts/<plan>/<file>` from dist/ as the plan says (see partsPage). */
async function servePart(plan, file, res) {
  const part = file.endsWith('.css') ? 'css' : file.startsWith('i18n/') ? 'locale' : 'js';
  const when = plan.split('-').find((p) => p.startsWith(part)).slice(part.length);
  if (when === '404') {
    res.writeHead(404, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end('not found');
    return;
  }
  await sleep(Number(when));
  const type = { css: 'text/css', locale: 'application/json', js: 'text/javascript' }[part];
  res.writeHead(200, { 'content-type': type + '; charset=utf-8', 'cache-control': 'no-store' });
  res.end(readFileSync(join(DIST, file)));
}

before(async () => {
  mkdirSync(OUT, { recursive: true });
  hosts = await startHosts();
  cdn = await serve({
    port: 0,
    mounts: { [`/npm/consentry@${VERSION}/dist/`]: DIST },
    headers: () => ({ 'access-control-allow-origin': '*' }),
    async handler(req, res) {
      const path = new URL(req.url, 'http://127.0.0.1').pathname;
      cdnServed.push(path);
      if (path !== `/npm/consentry@${VERSION}/tampered/consentry.js`) return false;
      res.writeHead(200, { 'content-type': 'text/javascript', 'access-control-allow-origin': '*', 'cache-control': 'no-store' });
      res.end(readFileSync(join(DIST, 'consentry.js'), 'utf8') + '\n// changed\n');
      return true;
    },
  });
  ({ server, url: site } = await serve({
    port: 0,
    mounts: { '/dist/': DIST, '/': join(here, 'engines') },
    async handler(req, res) {
      const url = new URL(req.url, 'http://127.0.0.1');
      served.push(url.pathname);
      if (url.pathname === '/site.html' && url.searchParams.has('csp')) {
        // The page under a Content-Security-Policy whose script-src lacks 'wasm-unsafe-eval':
        // the engine refuses to compile WebAssembly (README "Supported browsers"); the page's
        // own scripts and its third parties are allowed.
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "script-src * 'unsafe-inline'" });
        res.end(readFileSync(join(here, 'engines', 'site.html')));
        return true;
      }
      const part = url.pathname.match(/^\/parts\/([a-z0-9-]+)\/([a-z0-9_/.]+)$/);
      if (part) {
        await servePart(part[1], part[2], res);
        return true;
      }
      if (url.pathname === '/parts.html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(partsPage(url.searchParams));
        return true;
      }
      if (url.pathname !== '/cdn.html') return false;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(cdnPage(url.searchParams));
      return true;
    },
  }));
  const received = [];
  const logServer = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    received.push({ method: req.method, path: req.url, type: req.headers['content-type'], body });
    res.writeHead(204, { 'access-control-allow-origin': '*' }).end();
  });
  await new Promise((resolve) => logServer.listen(0, '127.0.0.1', resolve));
  log = { url: `http://127.0.0.1:${logServer.address().port}`, received, server: logServer };
});
after(async () => {
  await new Promise((resolve) => log?.server.close(resolve));
  await new Promise((resolve) => server?.close(resolve));
  await new Promise((resolve) => cdn?.server.close(resolve));
  await hosts?.close();
});

// ---- what a visitor and the page observe (engine-neutral: all through page.evaluate) ----

async function until(fn, message, timeout = 10000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${message}`);
    await sleep(50);
  }
}

const bannerShown = (page) =>
  page.waitFor(() => {
    const cm = document.querySelector('#cc-main .cm');
    return document.documentElement.classList.contains('show--consent') && cm && cm.getAttribute('aria-hidden') !== 'true' && cm.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  }, [], { message: 'the banner' });
const bannerHidden = (page) =>
  page.waitFor(() => {
    const cm = document.querySelector('#cc-main .cm');
    return !document.documentElement.classList.contains('show--consent') && (!cm || !cm.checkVisibility({ visibilityProperty: true }));
  }, [], { message: 'no banner' });
const prefsShown = (page) =>
  page.waitFor(() => {
    const pm = document.querySelector('#cc-main .pm');
    return document.documentElement.classList.contains('show--preferences') && pm && pm.getAttribute('aria-hidden') !== 'true' && pm.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  }, [], { message: 'the preferences modal' });
const prefsHidden = (page) =>
  page.waitFor(() => {
    const pm = document.querySelector('#cc-main .pm');
    return !document.documentElement.classList.contains('show--preferences') && (!pm || !pm.checkVisibility({ visibilityProperty: true }));
  }, [], { message: 'no preferences modal' });

const ran = (page) => page.evaluate(() => window.ran.slice());
const stored = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('cc_cookie')));

/** For each URL page code inserted: 'held' (set aside in data-cc-blocked, no src: no request
 * can leave), 'live' (the element has it as its src or srcset), or 'missing'. */
const states = (page, urls) =>
  page.evaluate((list) => {
    const els = [...document.querySelectorAll('script, iframe, img')].concat(window.images || []);
    return Object.fromEntries(
      list.map((u) => {
        const held = els.find((e) => e.getAttribute('data-cc-blocked') === u || (e.getAttribute('data-cc-blocked-srcset') || '').startsWith(u + ' '));
        if (held) return [u, held.hasAttribute('src') || held.hasAttribute('srcset') ? 'held but has src' : 'held'];
        const live = els.find((e) => e.getAttribute('src') === u || (e.getAttribute('srcset') || '').startsWith(u + ' '));
        return [u, live ? 'live' : 'missing'];
      }),
    );
  }, urls);

/** The state each URL should be in when `accepted` are the accepted categories. */
const expected = (urls, accepted) => Object.fromEntries(urls.map((u) => [u, categoryOf(u) === null || accepted.includes(categoryOf(u)) ? 'live' : 'held']));

let sentinels = 0;
/** Let every request the page has issued so far arrive: a third-party script no service
 * claims is released at once; when it has run, the proxy has seen what came before it. */
async function flush(page) {
  const tag = 'sentinel-' + ++sentinels;
  const url = await page.evaluate((t) => window.insertUnclaimed(t), tag);
  await page.waitFor((u) => (window.tp || []).includes(u), [url], { message: 'the sentinel script' });
}

/** The third-party URLs the proxy was asked for, among `urls`. */
const requestedOf = (urls) => urls.filter((u) => hosts.urls().includes(u));

/** Check each URL is held or released as `accepted` says, and that exactly the released ones
 * were requested (and, for scripts, ran). */
async function assertTrackers(page, urls, accepted, what) {
  const want = expected(urls, accepted);
  assert.deepEqual(await states(page, urls), want, `${what}: held and released elements`);
  const live = urls.filter((u) => want[u] === 'live');
  await until(() => requestedOf(live).length === live.length, `${what}: the released URLs to be requested (${live.filter((u) => !requestedOf(live).includes(u)).join(', ')})`);
  await flush(page);
  assert.deepEqual(requestedOf(urls), requestedOf(live), `${what}: no held URL was requested`);
  const scripts = live.filter((u) => new URL(u).pathname.endsWith('.js'));
  await page.waitFor((list) => list.every((u) => (window.tp || []).includes(u)), [scripts], { message: `${what}: released scripts to run` });
}

/** The embed's state: placeholder shown (with its texts) or the frame loaded. */
const embed = (page) =>
  page.evaluate(() => {
    const frame = document.getElementById('embed');
    const ph = frame.previousElementSibling && frame.previousElementSibling.classList.contains('cc-ph') ? frame.previousElementSibling : null;
    return {
      placeholder: ph ? { text: ph.querySelector('.cc-ph__text').textContent, load: ph.querySelector('[data-role=load]').textContent, visible: ph.checkVisibility() } : null,
      frameVisible: frame.checkVisibility(),
      src: frame.getAttribute('src'),
    };
  });

/** A name for the focused element: `pm` (the modal), `pm:close`, `pm:toggle:analytics`,
 * `pm:title:analytics`, `pm:save`, `#open-prefs`, … */
const focused = (page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return 'body';
    if (a.id) return '#' + a.id;
    if (a.matches('.cm, .pm')) return a.classList[0];
    const scope = a.closest('.pm') ? 'pm:' : a.closest('.cm') ? 'cm:' : '';
    if (a.matches('.pm__close-btn, .cm__btn--close')) return scope + 'close';
    if (a.dataset.role) return scope + a.dataset.role;
    if (a.type === 'checkbox') return scope + 'toggle:' + (a.dataset.category ? a.dataset.category + ':' : '') + a.value;
    if (a.classList.contains('pm__section-title')) return scope + 'title:' + a.closest('[data-category]').dataset.category;
    return scope + a.tagName.toLowerCase();
  });

async function tabs(page, n, key = 'Tab') {
  const seen = [];
  for (let i = 0; i < n; i++) {
    await page.press(key);
    seen.push(await focused(page));
  }
  return seen;
}

const toggle = (page, category) => page.evaluate((c) => document.querySelector(`#cc-main .pm input.section__toggle[value=${c}]`).checked, category);
const expanded = (page, category) => page.evaluate((c) => document.querySelector(`#cc-main .pm .pm__section[data-category=${c}] .pm__section-title`).getAttribute('aria-expanded'), category);

// ---- integrations (README "Google Consent Mode v2", "Tag managers") ----------------------

/** window.dataLayer and window.uetq as the page has them now (engines/js/tags.js). */
const tagsOf = (page) => page.evaluate(() => window.tags());
const ARGS = '[object Arguments]'; // gtag pushes its `arguments` object
const G = 'granted';
const D = 'denied';
/** A Consent Mode v2 state for engines/js/config.js's categories: the ad types ← marketing,
 * analytics_storage ← analytics, personalization_storage ← functionality, the
 * functionality and security types ← the read-only necessary. */
const gcmState = ({ marketing = D, analytics = D, functionality = D, readOnly = G } = {}) => ({
  ad_storage: marketing, ad_user_data: marketing, ad_personalization: marketing, analytics_storage: analytics,
  functionality_storage: readOnly, personalization_storage: functionality, security_storage: readOnly,
});
const gtagCommand = (...args) => ({ type: ARGS, args });
const GCM_DEFAULT = gtagCommand('consent', 'default', gcmState());
const UET_DEFAULT = ['consent', 'default', { ad_storage: D }];
/** The `consentry_update` event for the accepted categories (every category and service of
 * config.js there, true or false). */
const layerEvent = (acceptType, accepted) => ({
  event: 'consentry_update',
  consentry: {
    acceptType,
    categories: Object.fromEntries(ALL.map((c) => [c, accepted.includes(c)])),
    services: { necessary: {}, functionality: { video: accepted.includes('functionality') }, analytics: { stats: accepted.includes('analytics') }, marketing: { ads: accepted.includes('marketing') } },
  },
});

// ---- the consent log (README "Consent records, history and receipts") ---------------------

const RECORD_KEYS = ['acceptedCategories', 'acceptedServices', 'action', 'consentId', 'gpc', 'language', 'origin', 'path', 'rejectedCategories', 'rejectedServices', 'revision', 'textHash', 'timestamp'];
/** What the log endpoint received, once `n` requests have arrived. */
const logged = (n, what) => until(() => log.received.length >= n && log.received.slice(), what);

// ---- the flows, once per engine ----------------------------------------------------------

for (const engine of chosen) {
  describe(engine, () => {
    let browser;
    before(async () => {
      browser = await launch(engine, { proxy: hosts.address, log: join(OUT, `${engine}.log`) });
    });
    after(async () => {
      await browser?.close();
    });

    /** One test: a fresh profile; afterwards no exception or console error/warning reached
     * any page it opened, and nothing but the pages' third parties was asked of the proxy. */
    async function session(fn) {
      hosts.clear();
      served.length = 0;
      const page = await browser.newPage();
      let opened = false;
      const checkPage = async () => {
        if (opened) assert.deepEqual(await page.evaluate(() => window.pageErrors), [], `${engine}: no exception or console error/warning on the page`);
      };
      /** Go to a page (after checking the one we leave) and wait for run() to settle;
       * `outcome`: what run() did (a string, or a RegExp for a rejection's message). */
      page.open = async (path = '/site.html', outcome = 'resolved') => {
        await checkPage();
        await page.goto(site + path);
        opened = true;
        const settled = await page.waitFor(() => window.ccRun !== 'pending' && window.ccRun, [], { message: 'run()' });
        if (outcome instanceof RegExp) assert.match(settled, outcome);
        else assert.equal(settled, outcome);
        return settled;
      };
      try {
        await fn(page);
        await checkPage();
        assert.deepEqual(hosts.foreign(), [], `${engine}: a request for a host the pages do not use`);
      } finally {
        await page.close();
      }
    }

    test('first visit: the banner; nothing held runs or is requested; the embed shows its placeholder', () =>
      session(async (page) => {
        await page.open();
        await bannerShown(page);
        assert.equal(await page.evaluate(() => document.querySelector('#cc-main .cm__title').textContent), 'We use cookies');
        assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
        await page.screenshot(join(OUT, `${engine}-banner.png`));

        // Held embed: a placeholder naming the service, with a load button; the frame stays empty.
        const e = await embed(page);
        assert.ok(e.placeholder, 'the embed has a placeholder');
        assert.match(e.placeholder.text, /Video Host/);
        assert.equal(e.placeholder.load, 'Load content');
        assert.equal(e.placeholder.visible, true);
        assert.equal(e.frameVisible, false);
        assert.equal(e.src, null, 'the held frame has no src');

        // Trackers page code inserted before the engine ran, one written during parsing, and
        // the same again now that it runs: all held, except what no service claims.
        const boot = await page.evaluate(() => window.bootUrls);
        await assertTrackers(page, [...boot, WRITTEN], [], 'inserted before the engine ran');
        const live = await page.evaluate(() => window.insertAll('live'));
        await assertTrackers(page, live, [], 'inserted while the engine runs');
        assert.deepEqual(await ran(page), [], 'no held script ran');
        assert.ok(!served.includes('/held/same-origin.js'), 'the held same-origin script was not requested');
        assert.deepEqual(hosts.urls().filter((u) => new URL(u).host !== 'cdn.test'), [], 'no third party but the unclaimed one was requested');
        assert.equal(await stored(page), null, 'nothing stored before a choice');

        // The page itself works while the banner is up.
        await page.click('#page-btn');
        assert.equal(await page.evaluate(() => window.pageClicks), 1);
      }));

    test('accept all: held scripts run in document order, the embed loads, every held tracker is released', () =>
      session(async (page) => {
        await page.open();
        await bannerShown(page);
        await page.click('#cc-main .cm__btn[data-role=all]');
        await bannerHidden(page);
        await page.waitFor(() => window.ran.length >= 4, [], { message: 'the held scripts' });
        assert.deepEqual(await ran(page), [...HELD_ANALYTICS, 'inline-marketing'], 'in document order; the inline one after the external ones waited for them');
        assert.deepEqual((await stored(page)).categories, ALL);

        await page.waitFor(() => document.getElementById('embed').getAttribute('src'), [], { message: 'the embed' });
        const e = await embed(page);
        assert.deepEqual(e, { placeholder: null, frameVisible: true, src: EMBED });
        await until(() => hosts.urls().includes(EMBED), 'the embed to be requested');

        const boot = await page.evaluate(() => window.bootUrls);
        await assertTrackers(page, [...boot, WRITTEN], ALL, 'held before consent');
        const later = await page.evaluate(() => window.insertAll('after'));
        await assertTrackers(page, later, ALL, 'inserted after consent');
      }));

    test('reject all: nothing runs or is requested, also after a reload', () =>
      session(async (page) => {
        await page.open();
        await bannerShown(page);
        await page.click('#cc-main .cm__btn[data-role=necessary]');
        await bannerHidden(page);
        assert.deepEqual((await stored(page)).categories, ['necessary']);
        const later = await page.evaluate(() => window.insertAll('after'));
        await assertTrackers(page, later, ['necessary'], 'inserted after rejection');
        assert.deepEqual(await ran(page), []);

        await page.open();
        await bannerHidden(page);
        const boot = await page.evaluate(() => window.bootUrls);
        await assertTrackers(page, [...boot, WRITTEN], ['necessary'], 'after a reload');
        assert.deepEqual(await ran(page), []);
        assert.ok((await embed(page)).placeholder, 'the embed keeps its placeholder');
        assert.deepEqual(hosts.urls().filter((u) => new URL(u).host !== 'cdn.test'), [], 'no third party but the unclaimed one was requested');
      }));

    test('withdraw in the preferences modal: withdrawal scripts run, the embed unloads, nothing new of it loads', () =>
      session(async (page) => {
        await page.open();
        await bannerShown(page);
        await page.click('#cc-main .cm__btn[data-role=all]');
        await bannerHidden(page);
        await page.waitFor(() => window.ran.length >= 4 && document.getElementById('embed').getAttribute('src'), [], { message: 'everything released' });

        await page.click('#open-prefs');
        await prefsShown(page);
        assert.equal(await toggle(page, 'analytics'), true);
        await page.click('#cc-main .pm .pm__section[data-category=analytics] label.section__toggle-wrapper');
        await page.click('#cc-main .pm .pm__section[data-category=functionality] label.section__toggle-wrapper');
        assert.equal(await toggle(page, 'analytics'), false);
        assert.equal(await toggle(page, 'functionality'), false);
        await page.click('#cc-main .pm__btn[data-role=save]');
        await prefsHidden(page);

        assert.deepEqual((await stored(page)).categories, ['necessary', 'marketing']);
        await page.waitFor(() => window.ran.includes('analytics-withdrawn'), [], { message: 'the !analytics script' });
        await page.waitFor(() => !document.getElementById('embed').checkVisibility(), [], { message: 'the embed to unload' });
        const e = await embed(page);
        assert.ok(e.placeholder && e.placeholder.visible, 'the placeholder is back');
        assert.notEqual(e.src, EMBED, 'the frame no longer shows the embed');

        const after = await page.evaluate(() => window.insertAll('withdrawn'));
        await assertTrackers(page, after, ['necessary', 'marketing'], 'inserted after the withdrawal');
      }));

    test('returning visit: no banner, the accepted held scripts run, the rest stays held', () =>
      session(async (page) => {
        await page.open();
        await bannerShown(page);
        await page.click('#cc-main .cm__btn[data-role=show]');
        await prefsShown(page);
        await page.click('#cc-main .pm .pm__section[data-category=analytics] label.section__toggle-wrapper');
        await page.click('#cc-main .pm__btn[data-role=save]');
        await prefsHidden(page);
        await bannerHidden(page);
        const first = await stored(page);
        assert.deepEqual(first.categories, ['necessary', 'analytics']);

        hosts.clear();
        await page.open();
        assert.equal(await page.evaluate(() => document.documentElement.classList.contains('show--consent')), false, 'no banner');
        await page.waitFor(() => window.ran.length >= 3, [], { message: 'the analytics scripts' });
        assert.deepEqual(await ran(page), HELD_ANALYTICS);
        const boot = await page.evaluate(() => window.bootUrls);
        await assertTrackers(page, [...boot, WRITTEN], first.categories, 'on the returning visit');
        assert.ok((await embed(page)).placeholder, 'the embed keeps its placeholder');
        assert.deepEqual(await stored(page), first, 'the record is unchanged');
        await bannerHidden(page);
      }));

    test("contextual consent: the placeholder's load button accepts that service and loads the embed", () =>
      session(async (page) => {
        await page.open();
        await bannerShown(page);
        await page.click('.cc-ph [data-role=load]');
        await page.waitFor(() => document.getElementById('embed').getAttribute('src'), [], { message: 'the embed' });
        await until(() => hosts.urls().includes(EMBED), 'the embed to be requested');
        assert.deepEqual(await embed(page), { placeholder: null, frameVisible: true, src: EMBED });
        const r = await stored(page);
        assert.deepEqual(r.categories, ['necessary', 'functionality']);
        assert.deepEqual(r.services.functionality, ['video']);
        assert.deepEqual(await ran(page), []);
      }));

    test("the README's CDN snippet from another origin: integrity accepted, the engine inside consentry.js (no wasm request), a locale fetched across origins, a changed file refused", () =>
      session(async (page) => {
        cdnServed.length = 0;
        await page.open('/cdn.html');
        await bannerShown(page);
        const base = `/npm/consentry@${VERSION}/dist/`;
        assert.ok(cdnServed.includes(base + 'consentry.js'), 'consentry.js came from the CDN origin');
        assert.ok(!cdnServed.some((path) => path.endsWith('.wasm')), 'no wasm request: the engine is inside consentry.js, under its integrity');
        assert.ok(cdnServed.includes(base + 'i18n/de.json'), 'the built-in German texts came from the CDN origin');
        assert.equal(await page.evaluate(() => document.querySelector('#cc-main .cm__title').textContent), 'Ihre Privatsphäre ist uns wichtig');
        assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('#cc-main .cm')).position), 'fixed', 'the stylesheet passed its integrity check');

        await page.open('/cdn.html?tampered', 'no CookieConsent');
        assert.ok(cdnServed.includes(`/npm/consentry@${VERSION}/tampered/consentry.js`), 'the changed file was fetched, and refused');
      }));

    test('the preferences modal fits the window: whole when its sections fit, its body scrolls when they do not', () =>
      session(async (page) => {
        await page.open();
        await page.click('#open-prefs');
        await prefsShown(page);
        const measure = () =>
          page.evaluate(async () => {
            await Promise.all(document.getAnimations().map((a) => a.finished));
            const pm = document.querySelector('#cc-main .pm');
            const body = pm.querySelector('.pm__body');
            const r = pm.getBoundingClientRect();
            return { client: body.clientHeight, scroll: body.scrollHeight, top: r.top, bottom: r.bottom, height: innerHeight, footer: pm.querySelector('.pm__footer').getBoundingClientRect().bottom <= r.bottom };
          });
        const short = await measure();
        assert.ok(short.scroll <= short.client + 1, `the whole body is shown: ${JSON.stringify(short)}`);
        // Content taller than the window: the body scrolls inside the modal.
        await page.evaluate(() => {
          const extra = document.createElement('p');
          extra.style.height = '1200px';
          document.querySelector('#cc-main .pm__body').append(extra);
        });
        const tall = await measure();
        assert.ok(tall.scroll > tall.client && tall.client > 100, `the body scrolls and keeps its room: ${JSON.stringify(tall)}`);
        assert.ok(tall.top >= 0 && tall.bottom <= tall.height && tall.footer, `the modal and its buttons stay in the window: ${JSON.stringify(tall)}`);
      }));

    test('the preferences modal by keyboard only: focus in, Tab order and wrap, Space/Enter, Escape, focus back', () =>
      session(async (page) => {
        await page.open();
        await bannerShown(page);
        await page.evaluate(() => document.getElementById('open-prefs').focus());
        await page.press('Enter');
        await prefsShown(page);
        const inModal = () => page.evaluate(() => document.querySelector('#cc-main .pm').contains(document.activeElement));
        assert.ok(await inModal(), `focus moved into the modal (${await focused(page)})`);
        // Laid out whole: at 1280×800 the sections fit, so the body shows all of them.
        const box = await page.evaluate(async () => {
          await Promise.all(document.getAnimations().map((a) => a.finished));
          const body = document.querySelector('#cc-main .pm__body');
          return { client: body.clientHeight, scroll: body.scrollHeight, modal: document.querySelector('#cc-main .pm').offsetHeight };
        });
        await page.screenshot(join(OUT, `${engine}-preferences.png`));
        assert.ok(box.scroll <= box.client + 1, `the preferences body is not squeezed: ${JSON.stringify(box)}`);

        const order = ['pm:close', 'pm:title:necessary', 'pm:title:functionality', 'pm:toggle:functionality', 'pm:title:analytics', 'pm:toggle:analytics', 'pm:title:marketing', 'pm:toggle:marketing', 'pm:all', 'pm:necessary', 'pm:save'];
        assert.deepEqual(await tabs(page, order.length + 1), [...order, order[0]], 'Tab follows the controls and wraps to the first');
        assert.deepEqual(await tabs(page, 2, 'Shift+Tab'), [order.at(-1), order.at(-2)], 'Shift+Tab wraps to the last');
        await page.press('Escape');
        await prefsHidden(page);
        assert.equal(await focused(page), '#open-prefs', 'Escape closes and focus returns to the opener');
        await bannerShown(page);

        await page.press('Enter');
        await prefsShown(page);
        assert.ok(await inModal(), 'focus moved into the modal again');
        assert.deepEqual(await tabs(page, 3), ['pm:close', 'pm:title:necessary', 'pm:title:functionality']);
        assert.equal(await expanded(page, 'functionality'), 'false');
        await page.press('Enter');
        assert.equal(await expanded(page, 'functionality'), 'true', 'Enter expands a section');
        await page.press('Space');
        assert.equal(await expanded(page, 'functionality'), 'false', 'Space collapses it');
        assert.deepEqual(await tabs(page, 1), ['pm:toggle:functionality']);
        await page.press('Space');
        assert.equal(await toggle(page, 'functionality'), true, 'Space switches a toggle on');
        await page.press('Enter');
        assert.equal(await toggle(page, 'functionality'), false, 'Enter switches it off');
        await page.press('Enter');
        assert.equal(await toggle(page, 'functionality'), true, 'and on again');
        await prefsShown(page); // Enter on a toggle did nothing else
        assert.deepEqual(await tabs(page, 6), ['pm:title:analytics', 'pm:toggle:analytics', 'pm:title:marketing', 'pm:toggle:marketing', 'pm:all', 'pm:necessary']);
        assert.deepEqual(await tabs(page, 1), ['pm:save']);
        await page.press('Enter');
        await prefsHidden(page);
        await bannerHidden(page);
        assert.deepEqual((await stored(page)).categories, ['necessary', 'functionality']);
        await page.waitFor(() => document.getElementById('embed').getAttribute('src'), [], { message: 'the embed' });
        assert.deepEqual(await ran(page), []);
      }));

    test('a single-page app: held markup rendered after run() stays inert, a frame gets a placeholder that leaves with it; consent releases each once; scan() reaches a shadow root', () =>
      session(async (page) => {
        const SPA_JS = 'http://analytics.test/spa.js';
        const SPA_FRAME = 'http://video.test/spa.html';
        const held = (name, category = 'analytics') => `<script type="text/plain" data-category="${category}">window.ran.push('${name}');</script>`;
        const frame = (id) => `<iframe id="${id}" data-category="functionality" data-service="video" data-src="${SPA_FRAME}?${id}" width="320" height="180" title="${id}"></iframe>`;
        const render = (html, shadow = false) => page.evaluate((h, s) => void window.render(h, s ? document.getElementById('widget').shadowRoot : undefined), html, shadow);
        /** The placeholder shown for the frame `id` (null: none), once it is there. */
        const placeholderOf = (id) =>
          page.waitFor((i) => {
            const ph = document.getElementById(i).previousElementSibling;
            return ph && ph.classList.contains('cc-ph') && { text: ph.querySelector('.cc-ph__text').textContent, visible: ph.checkVisibility() };
          }, [id], { message: `the placeholder of ${id}` });
        const srcOf = (id) => page.evaluate((i) => document.getElementById(i).getAttribute('src'), id);
        const spaRan = async () => (await ran(page)).filter((n) => n.startsWith('spa-'));
        const placeholders = () => page.evaluate(() => document.querySelectorAll('#app .cc-ph').length);

        await page.open();
        await bannerShown(page);
        // A route renders held markup after run(): an inline and an external script, a frame.
        await render(held('spa-inline') + `<script type="text/plain" data-category="analytics" data-service="stats" data-src="${SPA_JS}"></script>` + frame('spa-1'));
        const ph = await placeholderOf('spa-1');
        assert.match(ph.text, /Video Host/, 'the placeholder names the service');
        assert.equal(ph.visible, true);
        // The placeholder shows the batch was decided: its scripts were held with it.
        assert.deepEqual(await spaRan(), [], 'no rendered held script ran before consent');
        assert.equal(await srcOf('spa-1'), null, 'the frame is not loaded');
        await flush(page);
        assert.deepEqual(requestedOf([SPA_JS, `${SPA_FRAME}?spa-1`]), [], 'nothing rendered was requested');

        // The component unmounts: the frame goes, and its placeholder with it.
        await page.evaluate(() => document.getElementById('spa-1').remove());
        await page.waitFor(() => !document.querySelector('#app .cc-ph'), [], { message: "the removed frame's placeholder to go" });

        // Another frame mounts; the visitor accepts: each held thing is released.
        await render(frame('spa-2'));
        await placeholderOf('spa-2');
        await page.click('#cc-main .cm__btn[data-role=all]');
        await bannerHidden(page);
        await page.waitFor((u) => window.ran.includes('spa-inline') && (window.tp || []).includes(u) && document.getElementById('spa-2').getAttribute('src'), [SPA_JS], { message: 'the rendered markup released' });
        assert.equal(await srcOf('spa-2'), `${SPA_FRAME}?spa-2`);
        assert.equal(await placeholders(), 0, 'the placeholder went');
        await until(() => hosts.urls().includes(`${SPA_FRAME}?spa-2`), 'the released frame to be requested');

        // A scan() of the document releases nothing twice; markup rendered now is released at once.
        assert.equal(await page.evaluate(() => window.CookieConsent.scan() === undefined), true);
        await render(held('spa-after') + held('spa-withdrawn', '!analytics'));
        await page.waitFor(() => window.ran.includes('spa-after'), [], { message: 'the script rendered after consent' });
        await flush(page);
        assert.deepEqual(await spaRan(), ['spa-inline', 'spa-after'], 'each ran once; the negated one waits for a withdrawal');
        assert.deepEqual(hosts.urls().filter((u) => u === SPA_JS), [SPA_JS], 'the external one was requested once');
        assert.deepEqual(await page.evaluate((u) => window.tp.filter((x) => x === u).length, SPA_JS), 1, 'and ran once');
        // The framework unmounts the released frame: nothing is left behind.
        await page.evaluate(() => document.getElementById('spa-2').remove());
        assert.equal(await page.evaluate(() => document.querySelectorAll('#app iframe, #app .cc-ph').length), 0);

        // A widget's shadow root is out of the document observer's reach until scan(root).
        await page.evaluate(() => {
          const host = document.createElement('div');
          host.id = 'widget';
          document.getElementById('app').appendChild(host);
        });
        await page.evaluate((inShadow, beside) => {
          window.render(inShadow, document.getElementById('widget').attachShadow({ mode: 'open' }));
          window.render(beside);
        }, held('spa-shadow-1'), held('spa-beside'));
        await page.waitFor(() => window.ran.includes('spa-beside'), [], { message: 'the batch beside the shadow root' });
        assert.ok(!(await spaRan()).includes('spa-shadow-1'), 'not seen without scan()');
        assert.equal(await page.evaluate(() => window.CookieConsent.scan(document.getElementById('widget').shadowRoot) === undefined), true);
        await page.waitFor(() => window.ran.includes('spa-shadow-1'), [], { message: 'scan(shadowRoot) to release its script' });
        await render(held('spa-shadow-2'), true);
        await page.waitFor(() => window.ran.includes('spa-shadow-2'), [], { message: 'the scanned shadow root to be watched from then on' });
        assert.deepEqual(await spaRan(), ['spa-inline', 'spa-after', 'spa-beside', 'spa-shadow-1', 'spa-shadow-2']);
      }));

    test('Consent Mode, UET and the dataLayer event: the defaults before any tag; each choice an update and a consentry_update; a returning visit restores them', () =>
      session(async (page) => {
        const path = '/site.html?gcm&uet';
        const tagsReach = async (n, what) => {
          await until(async () => (await tagsOf(page)).dataLayer.length >= n, what);
          return tagsOf(page);
        };
        await page.open(path);
        await bannerShown(page);
        const saw = await page.evaluate(() => window.tagSaw);
        assert.deepEqual(saw, { dataLayer: [GCM_DEFAULT], uetq: UET_DEFAULT }, 'a tag after run() finds the defaults');
        assert.deepEqual(await tagsOf(page), saw, 'no update and no event before a choice');

        await page.click('#cc-main .cm__btn[data-role=necessary]');
        await bannerHidden(page);
        const layer = [GCM_DEFAULT, gtagCommand('consent', 'update', gcmState()), layerEvent('necessary', ['necessary'])];
        const uet = [...UET_DEFAULT, 'consent', 'update', { ad_storage: D }];
        assert.deepEqual(await tagsReach(3, 'the update after reject all'), { dataLayer: layer, uetq: uet });

        await page.click('#open-prefs');
        await prefsShown(page);
        await page.click('#cc-main .pm .pm__section[data-category=analytics] label.section__toggle-wrapper');
        await page.click('#cc-main .pm__btn[data-role=save]');
        await prefsHidden(page);
        layer.push(gtagCommand('consent', 'update', gcmState({ analytics: G })), layerEvent('custom', ['necessary', 'analytics']));
        uet.push('consent', 'update', { ad_storage: D });
        assert.deepEqual(await tagsReach(5, 'the update after saving analytics'), { dataLayer: layer, uetq: uet });

        await page.click('#open-prefs');
        await prefsShown(page);
        await page.click('#cc-main .pm__btn[data-role=all]');
        await prefsHidden(page);
        const granted = gtagCommand('consent', 'update', gcmState({ marketing: G, analytics: G, functionality: G }));
        layer.push(granted, layerEvent('all', ALL));
        uet.push('consent', 'update', { ad_storage: G });
        assert.deepEqual(await tagsReach(7, 'the update after accept all'), { dataLayer: layer, uetq: uet });

        // A returning visit: the defaults first, then the stored consent's update and event.
        await page.open(path);
        const again = await page.evaluate(() => window.tagSaw);
        assert.deepEqual([again.dataLayer[0], again.uetq.slice(0, 3)], [GCM_DEFAULT, UET_DEFAULT], 'the defaults before any tag');
        assert.deepEqual(await tagsReach(3, 'the restored update'), { dataLayer: [GCM_DEFAULT, granted, layerEvent('all', ALL)], uetq: [...UET_DEFAULT, 'consent', 'update', { ad_storage: G }] });
      }));

    for (const [how, query, cause] of [
      ['absent (Lockdown Mode, an old browser)', '?nowasm&gcm&uet', /WebAssembly/],
      // The loader's hint, whatever the engine's own words ("… blocked by CSP" in Firefox).
      ["refused by a CSP without 'wasm-unsafe-eval'", '?csp&gcm&uet', /Content-Security-Policy, its script-src must allow 'wasm-unsafe-eval'/],
    ]) {
      test(`no WebAssembly, ${how}: run() rejects naming the cause; no banner; claimed URLs held, an unclaimed one loads; nothing held runs; Consent Mode stays denied`, () =>
        session(async (page) => {
          const settled = await page.open('/site.html' + query, /^rejected: consentry: the engine \(consentry_bg\.wasm\) could not be loaded: /);
          const message = settled.slice('rejected: '.length);
          assert.match(message, cause, 'the message names the cause');
          assert.deepEqual(await page.evaluate(() => window.pageErrors.splice(0)), ['console.error: Error: ' + message], 'logged once, nothing else');
          if (query.includes('nowasm')) assert.equal(await page.evaluate(() => typeof WebAssembly), 'undefined');

          // No banner (nothing to ask consent for); the page works.
          assert.equal(await page.evaluate(() => !!document.querySelector('#cc-main .cm') || document.documentElement.classList.contains('show--consent')), false, 'no banner');
          await page.click('#page-btn');
          assert.equal(await page.evaluate(() => window.pageClicks), 1);

          // Auto-blocking decided in JavaScript: what a service of an optional category claims
          // stays held (before run() and after), every other third party loads.
          const boot = await page.evaluate(() => window.bootUrls);
          await assertTrackers(page, [...boot, WRITTEN], [], 'inserted before run()');
          const later = await page.evaluate(() => window.insertAll('later'));
          await assertTrackers(page, later, [], 'inserted after run() rejected');
          // An accept has nothing to act on: still nothing held runs or is requested.
          await page.evaluate(() => window.CookieConsent.acceptCategory('all'));
          await flush(page);
          assert.deepEqual(await ran(page), [], 'no held script ran');
          assert.ok(!served.includes('/held/same-origin.js'), 'the held same-origin script was not requested');
          assert.equal((await embed(page)).src, null, 'the held frame has no src');
          assert.deepEqual(hosts.urls().filter((u) => new URL(u).host !== 'cdn.test'), [], 'no third party but the unclaimed one was requested');
          assert.equal(await page.evaluate(() => window.CookieConsent.acceptedCategory('analytics')), false, 'queries answer "nothing accepted"');

          // Consent Mode: every type denied, before any tag; never an update.
          const denied = { dataLayer: [gtagCommand('consent', 'default', gcmState({ readOnly: D }))], uetq: UET_DEFAULT };
          assert.deepEqual(await page.evaluate(() => window.tagSaw), denied, 'the defaults before any tag');
          assert.deepEqual(await tagsOf(page), denied, 'never an update');
        }));
    }

    // ---- consentry's parts (script with the engine, stylesheet, language file) late or missing
    // (README "Performance"): the visitor can always choose, and nothing held is released.
    const GERMAN = 'Ihre Privatsphäre ist uns wichtig';
    const ENGLISH = 'We value your privacy';
    const text = (page, selector) => page.evaluate((s) => document.querySelector(s).textContent, selector);
    /** Whether consentry.css has applied (its fixed layers). */
    const styled = (page) => page.evaluate(() => getComputedStyle(document.querySelector('#cc-main .pm') || document.querySelector('#cc-main .cm')).position === 'fixed');
    /** The order the page received its parts in (Resource Timing's responseEnd, first of each). */
    const arrival = (page) =>
      page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((e) => e.name.includes('/parts/'))
          .sort((a, b) => a.responseEnd - b.responseEnd)
          .map((e) => e.name.slice(e.name.lastIndexOf('/') + 1))
          .filter((name, i, names) => names.indexOf(name) == i), // WebKit lists the stylesheet again when its media changes
      );
    /** Nothing held has run or been requested; nothing is stored. */
    async function nothingReleased(page, what) {
      assert.deepEqual(await ran(page), [], `${what}: no held script ran`);
      assert.ok(!served.includes('/held/same-origin.js'), `${what}: the held script was not requested`);
      assert.equal(await stored(page), null, `${what}: nothing stored`);
    }
    /** In the open preferences modal: switch analytics on and save; only analytics runs. */
    async function chooseAnalytics(page) {
      await page.click('#cc-main .pm .pm__section[data-category=analytics] label.section__toggle-wrapper');
      assert.equal(await toggle(page, 'analytics'), true);
      await nothingReleased(page, 'before saving');
      await page.click('#cc-main .pm__btn[data-role=save]');
      await page.waitFor(() => !document.documentElement.classList.contains('show--preferences'), [], { message: 'the preferences modal to close' });
      assert.deepEqual((await stored(page)).categories, ['necessary', 'analytics']);
      await page.waitFor(() => window.ran.length >= 2, [], { message: 'the analytics scripts' });
      await sleep(100);
      assert.deepEqual(await ran(page), ['inline-analytics', 'external-same-origin'], 'analytics ran, in document order; marketing did not');
    }

    for (const [order, query, expectedOrder] of [
      ['script, language file, stylesheet', 'css=2500', ['consentry.js', 'de.json', 'consentry.css']],
      ['stylesheet, script, language file', 'js=800', ['consentry.css', 'consentry.js', 'de.json']],
      ['script, stylesheet, language file', 'css=600&locale=1500', ['consentry.js', 'consentry.css', 'de.json']],
    ]) {
      test(`consentry's parts arriving ${order}: the banner, then the preferences modal; nothing held runs before the choice, then only what it accepts`, () =>
        session(async (page) => {
          await page.open('/parts.html?' + query);
          await bannerShown(page);
          assert.equal(await text(page, '#cc-main .cm__title'), GERMAN, 'the built-in German texts');
          await nothingReleased(page, 'with the banner up');
          await page.click('#cc-main .cm__btn[data-role=show]');
          await prefsShown(page);
          await page.waitFor(() => document.querySelector('link[rel=stylesheet]').media === 'all', [], { message: 'the stylesheet' });
          await until(() => styled(page), 'the stylesheet to apply');
          await prefsShown(page);
          assert.deepEqual(await arrival(page), expectedOrder, 'the parts arrived in the order this case is about');
          if (query === 'css=2500') await page.screenshot(join(OUT, `${engine}-parts-preferences.png`));
          await chooseAnalytics(page);
          await bannerHidden(page);
          await prefsHidden(page);
        }));
    }

    test("consentry's stylesheet fails to load: the banner and the preferences modal, unstyled, still let the visitor choose, and close", () =>
      session(async (page) => {
        await page.open('/parts.html?css=404');
        await bannerShown(page);
        assert.equal(await styled(page), false, 'no stylesheet');
        assert.equal(await text(page, '#cc-main .cm__title'), GERMAN);
        await nothingReleased(page, 'with the banner up');
        await page.click('#cc-main .cm__btn[data-role=show]');
        await prefsShown(page);
        await page.screenshot(join(OUT, `${engine}-parts-unstyled.png`));
        await chooseAnalytics(page);
        // Nothing but consentry can hide them without the stylesheet: the page is left readable.
        await bannerHidden(page);
        await prefsHidden(page);
        await page.click('#open-prefs');
        await prefsShown(page);
        await page.click('#cc-main .pm__btn[data-role=necessary]');
        await prefsHidden(page);
        assert.deepEqual((await stored(page)).categories, ['necessary']);
      }));

    test("consentry's language file fails to load: the banner and the preferences modal in English; the console says why", () =>
      session(async (page) => {
        await page.open('/parts.html?locale=404');
        await bannerShown(page);
        assert.equal(await text(page, '#cc-main .cm__title'), ENGLISH, 'English, the built-in fallback');
        const warnings = await page.evaluate(() => window.pageErrors.splice(0));
        assert.equal(warnings.length, 1, `one warning: ${JSON.stringify(warnings)}`);
        assert.match(warnings[0], /^console\.warn: consentry: the built-in texts for "de" could not be loaded from \S+\/i18n\/de\.json \(HTTP 404\); using English/);
        await nothingReleased(page, 'with the banner up');
        await page.click('#cc-main .cm__btn[data-role=show]');
        await prefsShown(page);
        assert.equal(await text(page, '#cc-main .pm__title'), 'Privacy preferences');
        await chooseAnalytics(page);
        await bannerHidden(page);
      }));

    test('the consent log: each choice sends one record to an endpoint on another origin, JSON labelled text/plain (no preflight)', () =>
      session(async (page) => {
        log.received.length = 0;
        await page.open('/site.html?log=' + encodeURIComponent(log.url + '/consent-log'));
        await bannerShown(page);
        await page.click('#cc-main .cm__btn[data-role=necessary]');
        await bannerHidden(page);
        const [first] = await logged(1, 'the first record');
        assert.deepEqual([first.method, first.path, first.type], ['POST', '/consent-log', 'text/plain;charset=UTF-8']);
        const r1 = JSON.parse(first.body);
        assert.deepEqual(Object.keys(r1).sort(), RECORD_KEYS, 'exactly the documented fields');
        const record = await stored(page);
        const sorted = (list) => [...list].sort();
        assert.deepEqual(
          { ...r1, acceptedCategories: sorted(r1.acceptedCategories), rejectedCategories: sorted(r1.rejectedCategories) },
          {
            consentId: record.consentId,
            timestamp: record.lastConsentTimestamp,
            action: 'given',
            acceptedCategories: ['necessary'],
            rejectedCategories: ['analytics', 'functionality', 'marketing'],
            acceptedServices: { necessary: [], functionality: [], analytics: [], marketing: [] },
            rejectedServices: { necessary: [], functionality: ['video'], analytics: ['stats'], marketing: ['ads'] },
            revision: 0,
            language: 'en',
            origin: new URL(site).origin,
            path: '/site.html',
            gpc: false,
            textHash: r1.textHash,
          },
        );
        assert.match(r1.textHash, /^[0-9a-f]{64}$/);

        // A change: one more record, the same visitor and texts.
        await page.click('#open-prefs');
        await prefsShown(page);
        await page.click('#cc-main .pm .pm__section[data-category=analytics] label.section__toggle-wrapper');
        await page.click('#cc-main .pm__btn[data-role=save]');
        await prefsHidden(page);
        const list = await logged(2, 'the second record');
        assert.deepEqual(list.map((r) => r.method), ['POST', 'POST'], 'one record per choice; no preflight');
        const r2 = JSON.parse(list[1].body);
        assert.deepEqual([r2.action, sorted(r2.acceptedCategories), r2.acceptedServices.analytics, r2.consentId, r2.textHash], ['changed', ['analytics', 'necessary'], ['stats'], r1.consentId, r1.textHash]);
        assert.equal(list[1].type, 'text/plain;charset=UTF-8');
      }));
  });
}
