// The flows that matter, in the three browser engines: Chromium (playwright-core), Firefox
// (firefox-esr over WebDriver BiDi, puppeteer-core) and WebKit (WebKitGTK's MiniBrowser
// through WebKitWebDriver, on Xvfb). One test body per flow runs in each engine through
// engines/driver.mjs. The page (engines/site.html) has held scripts, a held embed, and page
// code that inserts third-party scripts, iframes and images through every entry point
// auto-blocking covers; the third parties (`*.test`) are answered by a local proxy
// (engines/hosts.mjs), which also records every request, so the same checks see the
// network in every engine. `ENGINES=firefox,webkit node --test tests/e2e/engines.test.mjs`
// runs a subset. Screenshots go to tests/out/engines/.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
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
      if (url.pathname !== '/cdn.html') return false;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(cdnPage(url.searchParams));
      return true;
    },
  }));
});
after(async () => {
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
      /** Go to a page (after checking the one we leave) and wait for run() to settle. */
      page.open = async (path = '/site.html', outcome = 'resolved') => {
        await checkPage();
        await page.goto(site + path);
        opened = true;
        assert.equal(await page.waitFor(() => window.ccRun !== 'pending' && window.ccRun, [], { message: 'run()' }), outcome);
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
  });
}
