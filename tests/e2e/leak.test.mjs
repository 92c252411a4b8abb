// The leak suite (issue 4): realistic pages carrying the tracker snippets site owners paste —
// Google Tag Manager (whose stub container injects a script, a pixel, an iframe and a
// document.write'd script 300 ms after start-up), the Google tag (gtag.js), a legacy ga.js
// document.write tag, Hotjar, the Meta Pixel, the LinkedIn Insight Tag, a YouTube embed and
// an embedded Google map — held by consentry's auto-blocking (`services.<s>.urls`) and, for
// comparison, by v3's `type="text/plain"` markup.
//
// Every request to another host is intercepted (`context.route`), answered by a local stub
// (tests/e2e/leak/stubs/: JS that records its execution in `window.__ran` and writes the
// cookies and storage keys the real tracker writes; a 1×1 GIF; a tiny HTML page for iframes)
// and counted per stub, per tab and per phase. Each phase asserts the exact request counts and
// executions; the phase-by-request table is printed at the end.
//
//   node scripts/build.mjs && node --test tests/e2e/leak.test.mjs
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as h from './harness.mjs';
import { TYPES } from '../../scripts/serve.mjs';

const LEAK = join(dirname(fileURLToPath(import.meta.url)), 'leak');
// Tests run a few at a time (each in its own browser context, counted by its own Net).
const CONCURRENCY = Number(process.env.LEAK_CONCURRENCY || 4);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- stubs --------------------------------------------------------------------------------

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const js = (file) => () => ({ status: 200, contentType: 'text/javascript; charset=utf-8', body: readFileSync(join(LEAK, 'stubs', file)) });
const gif = () => ({ status: 200, contentType: 'image/gif', body: GIF });
/** A tiny page for an iframe: tells its parent it loaded (recorded as `frame:<name>`). */
const frame = (name) => () => ({
  status: 200,
  contentType: 'text/html; charset=utf-8',
  body: `<!doctype html><meta charset="utf-8"><title>${name} (stub)</title><body style="margin:0;font:14px sans-serif">${name} stub<script>parent.postMessage({ leakFrame: ${JSON.stringify(name)} }, '*')</script>`,
});
const starts = (prefix) => (u) => u.startsWith(prefix);

/** [column of the table, does this URL belong to it, the local answer]. Order = columns. */
const STUBS = [
  ['gtm', starts('https://www.googletagmanager.com/gtm.js?id=GTM-LEAK01'), js('gtm.js')],
  ['gtm-ns', starts('https://www.googletagmanager.com/ns.html'), frame('gtm-ns')],
  ['gtag', starts('https://www.googletagmanager.com/gtag/js?id=G-LEAK000001'), js('gtag.js')],
  ['gtm>gtag', starts('https://www.googletagmanager.com/gtag/js?id=G-GTM00002'), js('gtag.js')],
  ['ga.js', (u) => /^https?:\/\/(www|ssl)\.google-analytics\.com\/ga\.js$/.test(u), js('ga.js')],
  ['collect', starts('https://region1.google-analytics.com/g/collect?'), gif],
  ['hj', starts('https://static.hotjar.com/c/hotjar-1234567.js?sv=6'), js('hotjar.js')],
  ['hj-mod', starts('https://script.hotjar.com/modules.'), js('hotjar-modules.js')],
  ['fbevents', starts('https://connect.facebook.net/en_US/fbevents.js'), js('fbevents.js')],
  ['fb/tr', starts('https://www.facebook.com/tr'), gif],
  ['insight', starts('https://snap.licdn.com/li.lms-analytics/insight.min.js'), js('insight.js')],
  ['li/wa', starts('https://px.ads.linkedin.com/wa/'), gif],
  ['li/px', starts('https://px.ads.linkedin.com/collect'), gif],
  ['fls', starts('https://8765432.fls.doubleclick.net/activityi'), frame('fls')],
  ['gads', starts('https://www.googleadservices.com/pagead/conversion_async.js'), js('conversion.js')],
  ['yt', starts('https://www.youtube-nocookie.com/embed/'), frame('yt')],
  ['maps', starts('https://www.google.com/maps/embed'), frame('maps')],
  ['crisp', starts('https://client.crisp.chat/l.js'), js('widget.js')],
  ['jsdelivr', starts('https://cdn.jsdelivr.net/'), js('widget.js')],
  ['counter', starts('https://stats.example-counter.net/'), gif],
];

// What one page view of leak/site.html requests and runs, per category, once accepted.
const ANALYTICS = { gtm: 1, gtag: 1, 'gtm>gtag': 1, 'ga.js': 1, collect: 2, hj: 1, 'hj-mod': 1 };
const MARKETING = { fbevents: 1, 'fb/tr': 1, insight: 1, 'li/wa': 1, 'li/px': 1, fls: 1, gads: 1 };
const MEDIA = { yt: 1, maps: 1 };
const ALL = { ...ANALYTICS, ...MARKETING, ...MEDIA };
const RAN_ANALYTICS = ['ga.js', 'gtag:G-GTM00002', 'gtag:G-LEAK000001', 'gtm', 'hotjar', 'hotjar-modules'];
const RAN_MARKETING = ['fbevents', 'frame:fls', 'gads', 'insight'];
const RAN_MEDIA = ['frame:maps', 'frame:yt'];
const RAN_ALL = [...RAN_ANALYTICS, ...RAN_MARKETING, ...RAN_MEDIA].sort();
// leak/classic.html has no ga.js document.write tag (a released text/plain script runs after
// the document is parsed, where document.write cannot insert).
const without = (counts, key) => Object.fromEntries(Object.entries(counts).filter(([k]) => k != key));
const CLASSIC_ANALYTICS = without(ANALYTICS, 'ga.js');
const CLASSIC_ALL = without(ALL, 'ga.js');
const CLASSIC_RAN_ANALYTICS = RAN_ANALYTICS.filter((r) => r != 'ga.js');
const CLASSIC_RAN_ALL = RAN_ALL.filter((r) => r != 'ga.js');

const SERVICES = ['ga4', 'hotjar', 'meta', 'linkedin', 'gads', 'youtube', 'maps'];
// First-party cookies the stubs write once everything is accepted (plus the site's own).
const TRACKER_COOKIES = ['_ga', '_ga_LEAK000001', '_ga_GTM00002', '_gid', '__utma', '__utmz', '_hjSessionUser_1234567', '_hjSession_1234567', '_fbp', 'li_sugr', 'li_fat_id', '_gcl_au'];
const ANALYTICS_COOKIES = TRACKER_COOKIES.slice(0, 8);
const SITE_COOKIES = ['site_theme'];
const HJ_LOCAL = ['_hjSessionUser_1234567', 'hjActiveViewportIds'];
const HJ_SESSION = ['_hjRecordingLastActivity', 'hjViewportId'];

// ---- the phase-by-request table -----------------------------------------------------------

const TABLE = []; // { row, counts }

function printTable() {
  if (!TABLE.length) return;
  const used = STUBS.map(([name]) => name); // every stub, so a column of · shows what never loaded
  const strays = [...new Set(TABLE.flatMap((r) => Object.keys(r.counts)).filter((k) => !used.includes(k) && !STUBS.some(([n]) => n == k)))];
  const cols = [...used, ...strays];
  const first = Math.max(5, ...TABLE.map((r) => r.row.length));
  const width = cols.map((c) => Math.max(c.length, 1));
  const line = (cells) => cells.map((c, i) => (i ? String(c).padStart(width[i - 1]) : String(c).padEnd(first))).join(' | ');
  const out = [line(['phase', ...cols]), line(['-'.repeat(first), ...width.map((w) => '-'.repeat(w))])];
  // By phase number (1, 1c, 2, …), then in the order the test recorded them.
  const key = (r) => [parseInt(r.row, 10), r.row.split(' ')[0]];
  const rows = TABLE.map((r, i) => ({ ...r, i })).sort((a, b) => key(a)[0] - key(b)[0] || key(a)[1].localeCompare(key(b)[1]) || a.i - b.i);
  for (const r of rows) out.push(line([r.row, ...cols.map((c) => r.counts[c] || '·')]));
  console.log('\nleak suite: third-party requests per phase (cells: requests; ·: none)\n' + out.join('\n') + '\n');
}

// ---- the network: every foreign request stubbed and counted --------------------------------

class Net {
  constructor() {
    this.log = []; // { url, stub, tab, phase }
    this.phase = 'start';
    this.tabs = new Map(); // Page → label
  }
  async install(ctx, intercepted) {
    await ctx.route(
      (u) => u.hostname !== '127.0.0.1',
      async (route) => {
        const request = route.request();
        const url = request.url();
        intercepted.push(url); // the harness checks that nothing left 127.0.0.1 un-intercepted
        const stub = STUBS.find(([, match]) => match(url));
        let tab = '?';
        try {
          tab = this.tabs.get(request.frame().page()) ?? '?';
        } catch {}
        this.log.push({ url, stub: stub ? stub[0] : 'UNSTUBBED ' + url, tab, phase: this.phase });
        if (stub) await route.fulfill(stub[2](url));
        else await route.abort('blockedbyclient');
      },
    );
  }
  label(page, name) {
    this.tabs.set(page, name);
  }
  /** Requests per stub in a phase (of one tab, or of all). */
  counts(phase, tab) {
    const out = {};
    for (const r of this.log) if (r.phase == phase && (tab == null || r.tab == tab)) out[r.stub] = (out[r.stub] || 0) + 1;
    return out;
  }
  urls(phase, tab) {
    return this.log.filter((r) => r.phase == phase && (tab == null || r.tab == tab)).map((r) => r.url);
  }
}

// ---- page helpers -------------------------------------------------------------------------

let env;

const walk = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));

/** Serve every file under `dir` at `prefix` (read now, or on each request). */
function mount(prefix, dir, { snapshot = false } = {}) {
  for (const file of walk(dir)) {
    const path = prefix + relative(dir, file).split(sep).join('/');
    const body = snapshot ? readFileSync(file) : null;
    env.routes.set(path, async (req, res) => {
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body || readFileSync(file));
    });
  }
}

/** tests/e2e/leak/ at /leak/ (the harness serves pages/ at /); and dist/ as it was when the
 * suite started, so a rebuild running meanwhile cannot pull files from under a page. */
function serveLeak() {
  mount('/leak/', LEAK);
  mount('/dist/', h.DIST, { snapshot: true });
}

/** One test in a fresh context whose foreign requests are stubbed and counted by `net`. */
function leak(options, fn) {
  if (typeof options == 'function') [options, fn] = [{}, options];
  return env.session(options, async (s) => {
    const net = new Net();
    await net.install(s.ctx, s.intercepted);
    net.label(s.page, 'A');
    await fn({ ...s, net });
  });
}

/** Wait until nothing new is requested or executed for 500 ms (at least 900 ms: the GTM
 * stub fires its tags 300 ms after it runs, and the frames it inserts load after that). */
async function settle(net, ...pages) {
  await sleep(900);
  let before = '';
  for (let i = 0; i < 40; i++) {
    const now = net.log.length + ':' + (await Promise.all(pages.map((p) => p.evaluate(() => (window.__ran || []).length + ':' + (window.__cb || []).length)))).join();
    if (now == before) return;
    before = now;
    await sleep(500);
  }
}

const ran = async (page) => [...(await page.evaluate(() => window.__ran || []))].sort();
const callbacks = (page) => page.evaluate(() => [...(window.__cb || [])]);
const cookieNames = async (page) => Object.keys(await h.pageCookies(page)).sort();
const storage = (page) =>
  page.evaluate(() => ({
    local: Object.keys(localStorage).sort(),
    session: Object.keys(sessionStorage).sort(),
  }));

/** Settle, put the row in the table, then assert the exact requests (and executions). */
async function expectPhase(net, page, row, { requests, executed, tab }) {
  await settle(net, page);
  const counts = net.counts(net.phase, tab);
  TABLE.push({ row, counts });
  const seen = { requests: counts, executed: await ran(page) };
  const want = { requests, executed: [...executed].sort() };
  assert.deepEqual(seen, want, `${row}: third-party requests (exact, per stub) and executions\n  ${net.urls(net.phase, tab).join('\n  ')}`);
}

async function reload(page) {
  await page.reload();
  assert.equal(await h.settled(page), 'resolved');
}

async function open(page, path) {
  await page.goto(env.url + path);
  assert.equal(await h.settled(page), 'resolved', 'run() resolved');
}

/** A held embed: no src, hidden, and its placeholder (with a load button) right before it. */
async function assertPlaceholder(page, id, service) {
  const state = await page.evaluate((id) => {
    const el = document.getElementById(id);
    const ph = el.previousElementSibling;
    return {
      src: el.getAttribute('src'),
      display: getComputedStyle(el).display,
      placeholder: ph && ph.classList.contains('cc-ph') ? { service: ph.dataset.service, load: !!ph.querySelector('button[data-role=load]') } : null,
    };
  }, id);
  assert.ok(state.src == null || state.src == 'about:blank', `#${id}: no content loaded (src ${state.src})`);
  assert.equal(state.display, 'none', `#${id} is hidden behind its placeholder`);
  assert.deepEqual(state.placeholder, { service, load: true }, `#${id}: placeholder .cc-ph for ${service} with a load button`);
  await page.locator(`.cc-ph[data-service=${service}]`).waitFor({ state: 'visible' });
}

/** A released embed: its data-src loaded in place, no placeholder. */
async function assertLoaded(page, id) {
  const state = await page.evaluate((id) => {
    const el = document.getElementById(id);
    const ph = el.previousElementSibling;
    return { src: el.getAttribute('src'), dataSrc: el.dataset.src, display: getComputedStyle(el).display, placeholder: !!(ph && ph.classList.contains('cc-ph')) };
  }, id);
  assert.equal(state.src, state.dataSrc, `#${id} loads its data-src`);
  assert.notEqual(state.display, 'none', `#${id} is shown`);
  assert.equal(state.placeholder, false, `#${id}: placeholder gone`);
}

/** URLs auto-blocking is holding in the document (`data-cc-blocked`). */
const heldInDom = (page) => page.evaluate(() => [...document.querySelectorAll('[data-cc-blocked]')].map((el) => el.tagName.toLowerCase() + ' ' + el.getAttribute('data-cc-blocked')).sort());

/** What page code does after withdrawal: the loaded trackers' own calls (GA event, Meta
 * event, LinkedIn conversion, a GTM trigger that fires the pixel and Floodlight tags) and
 * new elements inserted directly. None of it may reach the network. */
async function pageInsertsTrackers(page) {
  await page.evaluate(() => {
    if (window.gtag) window.gtag('event', 'purchase', { value: 42 });
    if (window.fbq) window.fbq('track', 'Lead');
    if (window.lintrk) window.lintrk('track', { conversion_id: 42 });
    if (window.hj) window.hj('event', 'checkout');
    window.dataLayer.push({ event: 'lead' }); // GTM: LinkedIn pixel + Floodlight iframe
    const s = document.createElement('script');
    s.async = true;
    s.src = 'https://static.hotjar.com/c/hotjar-1234567.js?sv=6';
    document.head.appendChild(s);
    const f = document.createElement('script');
    f.src = 'https://connect.facebook.net/en_US/fbevents.js';
    document.head.appendChild(f);
    new Image().src = 'https://www.facebook.com/tr?id=000000000000001&ev=Lead&noscript=1';
    new Image().src = 'https://region1.google-analytics.com/g/collect?v=2&tid=G-LEAK000001&en=manual';
    const li = document.createElement('img');
    li.setAttribute('src', 'https://px.ads.linkedin.com/collect/?pid=1234567&fmt=gif&tag=page');
    document.body.appendChild(li);
    const box = document.createElement('div');
    box.id = 'late-embed';
    box.innerHTML = '<iframe src="https://www.youtube-nocookie.com/embed/LeAkTeSt002" width="560" height="315"></iframe>';
    document.body.appendChild(box);
  });
}

/** Page code inserts new analytics resources (tab test). */
async function pageInsertsAnalytics(page) {
  await page.evaluate(() => {
    if (window.gtag) window.gtag('event', 'scroll');
    const s = document.createElement('script');
    s.async = true;
    s.src = 'https://static.hotjar.com/c/hotjar-1234567.js?sv=6';
    document.head.appendChild(s);
    const g = document.createElement('script');
    g.src = 'https://www.googletagmanager.com/gtag/js?id=G-LEAK000001&l=late';
    document.head.appendChild(g);
    new Image().src = 'https://region1.google-analytics.com/g/collect?v=2&tid=G-LEAK000001&en=tab';
  });
}

before(async () => {
  env = await h.start();
  serveLeak();
});

after(async () => {
  if (env) await env.close();
});

// ---- the phases ---------------------------------------------------------------------------

describe('leak suite', () => {
  after(printTable); // once every phase below has recorded its row

  describe('leak suite: auto-blocking of pasted tracker snippets (leak/site.html)', { concurrency: CONCURRENCY }, () => {
    test('1 first visit: no third-party request, nothing executed, embeds behind placeholders, banner shown', async () => {
      await leak(async ({ page, net }) => {
        net.phase = 'first';
        await open(page, '/leak/site.html');
        await h.assertBannerShown(page);
        await expectPhase(net, page, '1 first visit', { requests: {}, executed: [] });
        // Held, not dropped: the snippets' scripts wait in the page with their URL kept aside.
        assert.deepEqual(await heldInDom(page), [
          'script http://www.google-analytics.com/ga.js',
          'script https://connect.facebook.net/en_US/fbevents.js',
          'script https://snap.licdn.com/li.lms-analytics/insight.min.js',
          'script https://static.hotjar.com/c/hotjar-1234567.js?sv=6',
          'script https://www.googletagmanager.com/gtag/js?id=G-LEAK000001',
          'script https://www.googletagmanager.com/gtm.js?id=GTM-LEAK01',
        ]);
        assert.deepEqual(await cookieNames(page), SITE_COOKIES, 'no tracker cookie');
        assert.deepEqual(await callbacks(page), []);
        await assertPlaceholder(page, 'yt', 'youtube');
        await assertPlaceholder(page, 'map', 'maps');
      });
    });

    test('2 reject all: still nothing, and nothing after a reload', async () => {
      await leak(async ({ page, net }) => {
        await open(page, '/leak/site.html');
        await settle(net, page);
        net.phase = 'reject';
        await page.click('#cc-main .cm__btn[data-role=necessary]');
        await h.assertBannerHidden(page);
        await expectPhase(net, page, '2 reject all', { requests: {}, executed: [] });
        await assertPlaceholder(page, 'yt', 'youtube');
        net.phase = 'reject-reload';
        await reload(page);
        await h.assertBannerHidden(page);
        await expectPhase(net, page, '2 > reload', { requests: {}, executed: [] });
        await assertPlaceholder(page, 'yt', 'youtube');
        await assertPlaceholder(page, 'map', 'maps');
        assert.deepEqual(await cookieNames(page), SITE_COOKIES);
        assert.equal(net.log.length, 0, 'no third-party request at all');
      });
    });

    test('3 analytics only (preferences modal): GA4, Hotjar and GTM\'s analytics tag; nothing of marketing or media; same after a reload', async () => {
      await leak(async ({ page, net }) => {
        await open(page, '/leak/site.html');
        await settle(net, page);
        net.phase = 'analytics';
        await page.click('#cc-main .cm__btn[data-role=show]');
        await h.assertPrefsShown(page);
        await page.locator('#cc-main input.section__toggle[value=analytics]').check();
        await page.click('#cc-main .pm__btn[data-role=save]');
        await h.assertPrefsHidden(page);
        await expectPhase(net, page, '3 analytics only', { requests: ANALYTICS, executed: RAN_ANALYTICS });
        assert.deepEqual(await callbacks(page), ['accept:ga4', 'accept:hotjar']);
        assert.deepEqual(await h.api(page, 'acceptedCategory', 'marketing'), false);
        await assertPlaceholder(page, 'yt', 'youtube');
        await assertPlaceholder(page, 'map', 'maps');
        // GTM fired its marketing tags too: held in place (the Floodlight iframe; the pixel and
        // the re-created remarketing script are held off-DOM or in GTM's box).
        assert.ok((await heldInDom(page)).some((e) => e.startsWith('iframe https://8765432.fls.doubleclick.net/activityi')), 'the Floodlight iframe GTM inserted is held');
        assert.deepEqual(await cookieNames(page), [...ANALYTICS_COOKIES, ...SITE_COOKIES].sort());
        const kept = await storage(page);
        for (const k of HJ_LOCAL) assert.ok(kept.local.includes(k), `Hotjar wrote localStorage ${k}`);

        net.phase = 'analytics-reload';
        await reload(page);
        await h.assertBannerHidden(page);
        await expectPhase(net, page, '3 > reload', { requests: ANALYTICS, executed: RAN_ANALYTICS });
        await assertPlaceholder(page, 'yt', 'youtube');
      });
    });

    test('4 accept all: everything loads, including what GTM inserts 300 ms later; embeds load in place; again after a reload', async () => {
      await leak(async ({ page, net }) => {
        await open(page, '/leak/site.html');
        await settle(net, page);
        net.phase = 'all';
        await page.click('#cc-main .cm__btn[data-role=all]');
        await h.assertBannerHidden(page);
        await expectPhase(net, page, '4 accept all', { requests: ALL, executed: RAN_ALL });
        assert.deepEqual((await callbacks(page)).sort(), SERVICES.map((s) => 'accept:' + s).sort());
        await assertLoaded(page, 'yt');
        await assertLoaded(page, 'map');
        assert.deepEqual(await heldInDom(page), [], 'nothing held any more');
        assert.deepEqual(await cookieNames(page), [...TRACKER_COOKIES, ...SITE_COOKIES].sort());
        // Late insertion: GTM's tags were requested after GTM itself ran (≥ 300 ms).
        const order = net.log.filter((r) => r.phase == 'all').map((r) => r.stub);
        for (const late of ['gtm>gtag', 'li/px', 'fls', 'gads']) assert.ok(order.indexOf(late) > order.indexOf('gtm'), `${late} after gtm`);

        net.phase = 'all-reload';
        await reload(page);
        await expectPhase(net, page, '4 > reload', { requests: ALL, executed: RAN_ALL });
        await assertLoaded(page, 'yt');
        await assertLoaded(page, 'map');
      });
    });

    test('5 withdrawal after accept all: declared cookies and storage keys gone, onReject fired, embeds unloaded, nothing new requested', async () => {
      await leak(async ({ page, net }) => {
        await open(page, '/leak/site.html');
        await settle(net, page);
        net.phase = 'all';
        await page.click('#cc-main .cm__btn[data-role=all]');
        await settle(net, page);
        assert.deepEqual(net.counts('all'), ALL);
        const before = await storage(page);
        for (const k of HJ_LOCAL) assert.ok(before.local.includes(k), `Hotjar wrote localStorage ${k}`);
        for (const k of HJ_SESSION) assert.ok(before.session.includes(k), `Hotjar wrote sessionStorage ${k}`);
        assert.deepEqual(await cookieNames(page), [...TRACKER_COOKIES, ...SITE_COOKIES].sort());
        await page.evaluate(() => (window.__cb.length = 0));
        const ranBefore = await ran(page);

        // Withdraw through the site's "Cookie settings" button and the modal's "Reject all".
        net.phase = 'withdraw';
        const settings = page.locator('main [data-cc=show-preferencesModal]');
        // Scroll first: clicking right after Playwright's own scroll can land in the
        // (out-of-process) map iframe that was just above the button in Chromium.
        await settings.scrollIntoViewIfNeeded();
        await sleep(100);
        await settings.click();
        await h.assertPrefsShown(page);
        await page.click('#cc-main .pm__btn[data-role=necessary]');
        await h.assertPrefsHidden(page);
        await settle(net, page);
        assert.deepEqual(await cookieNames(page), SITE_COOKIES, 'declared cookies erased (exact names and RegExps); the site\'s own kept');
        const after = await storage(page);
        for (const k of [...HJ_LOCAL, ...HJ_SESSION]) assert.ok(!after.local.includes(k) && !after.session.includes(k), `storage key ${k} removed`);
        assert.ok(after.local.includes('cart'), 'the site\'s own localStorage kept');
        assert.deepEqual((await callbacks(page)).sort(), SERVICES.map((s) => 'reject:' + s).sort(), 'onReject of every service that was on');
        assert.deepEqual(await ran(page), [...ranBefore, '!analytics'].sort(), 'only the !analytics script ran');
        assert.equal(await page.evaluate(() => window['ga-disable-G-LEAK000001']), true);
        await assertPlaceholder(page, 'yt', 'youtube');
        await assertPlaceholder(page, 'map', 'maps');
        const flsAfterWithdrawal = await page.evaluate(() => [...document.querySelectorAll('iframe.gtm-floodlight')].map((f) => f.getAttribute('src')));

        // The trackers still in memory and page code try again: nothing may go out.
        await pageInsertsTrackers(page);
        await expectPhase(net, page, '5 withdraw, then page inserts', { requests: {}, executed: [...ranBefore, '!analytics'] });
        assert.deepEqual(await cookieNames(page), SITE_COOKIES, 'no tracker cookie came back');

        net.phase = 'withdraw-reload';
        await reload(page);
        await h.assertBannerHidden(page);
        await expectPhase(net, page, '5 > reload', { requests: {}, executed: [] });
        await assertPlaceholder(page, 'yt', 'youtube');
        // GTM inserted the Floodlight iframe after consent (it was never held): withdrawal must
        // unload it like the iframes auto-blocking had held and released (checked in the page
        // view before the reload).
        assert.deepEqual(flsAfterWithdrawal, ['about:blank'], 'the Floodlight iframe GTM inserted after consent is unloaded on withdrawal');
      });
    });

    test('5b withdrawal unloads an iframe GTM inserted while it was held (analytics only → accept all → reject)', async () => {
      await leak(async ({ page, net }) => {
        await open(page, '/leak/site.html');
        await settle(net, page);
        await h.api(page, 'acceptCategory', ['analytics']);
        await settle(net, page);
        assert.ok((await heldInDom(page)).some((e) => e.startsWith('iframe https://8765432.fls.doubleclick.net/')), 'Floodlight held');
        net.phase = 'upgrade';
        await h.api(page, 'acceptCategory', 'all');
        await settle(net, page);
        assert.deepEqual(net.counts('upgrade'), { ...MARKETING, ...MEDIA }, 'what analytics-only held loads now, once');
        net.phase = 'upgrade-withdraw';
        await h.api(page, 'acceptCategory', []);
        await settle(net, page);
        const fls = await page.evaluate(() => [...document.querySelectorAll('iframe.gtm-floodlight')].map((f) => f.getAttribute('src')));
        assert.deepEqual(fls, ['about:blank'], 'the released Floodlight iframe is unloaded');
        await pageInsertsTrackers(page);
        await settle(net, page);
        assert.deepEqual(net.counts('upgrade-withdraw'), {});
        assert.deepEqual(await cookieNames(page), SITE_COOKIES);
      });
    });

    test('6 contextual consent: the YouTube placeholder\'s load button accepts only youtube and loads only it', async () => {
      await leak(async ({ page, net }) => {
        await open(page, '/leak/site.html');
        await settle(net, page);
        net.phase = 'contextual';
        const load = page.locator('.cc-ph[data-service=youtube] [data-role=load]');
        assert.equal(await load.count(), 1, 'on a first visit the YouTube iframe has its placeholder with a load button');
        await load.click();
        await expectPhase(net, page, '6 contextual: YouTube', { requests: { yt: 1 }, executed: ['frame:yt'] });
        assert.equal(await h.api(page, 'acceptedService', 'youtube', 'functionality'), true);
        assert.equal(await h.api(page, 'acceptedService', 'maps', 'functionality'), false);
        for (const c of ['analytics', 'marketing']) assert.equal(await h.api(page, 'acceptedCategory', c), false, c);
        assert.deepEqual(await callbacks(page), ['accept:youtube']);
        await assertLoaded(page, 'yt');
        await assertPlaceholder(page, 'map', 'maps');
        net.phase = 'contextual-reload';
        await reload(page);
        await expectPhase(net, page, '6 > reload', { requests: { yt: 1 }, executed: ['frame:yt'] });
        await assertPlaceholder(page, 'map', 'maps');
      });
    });

    test('6b contextual consent after "reject all": the map\'s load button loads the map, and only it', async () => {
      await leak(async ({ page, net }) => {
        await open(page, '/leak/site.html');
        await settle(net, page);
        await page.click('#cc-main .cm__btn[data-role=necessary]');
        await settle(net, page);
        assert.equal(net.log.length, 0);
        net.phase = 'contextual-after-reject';
        await page.click('.cc-ph[data-service=maps] [data-role=load]');
        await expectPhase(net, page, '6b contextual after reject: map', { requests: { maps: 1 }, executed: ['frame:maps'] });
        assert.equal(await h.api(page, 'acceptedService', 'maps', 'functionality'), true);
        assert.equal(await h.api(page, 'acceptedService', 'youtube', 'functionality'), false);
        assert.deepEqual(await callbacks(page), ['accept:maps']);
        await assertLoaded(page, 'map');
        await assertPlaceholder(page, 'yt', 'youtube');
      });
    });

    test('7 second tab: analytics accepted in tab A is released in tab B without reload; withdrawn in A, B loads nothing new', async () => {
      await leak(async ({ page, net, newPage }) => {
        const b = await newPage();
        net.label(b, 'B');
        await open(page, '/leak/site.html');
        await open(b, '/leak/site.html');
        await settle(net, page, b);
        assert.equal(net.log.length, 0);
        net.phase = 'tab-accept';
        await h.api(page, 'acceptCategory', ['analytics']);
        await settle(net, page, b);
        TABLE.push({ row: '7 tab A: accepts analytics', counts: net.counts('tab-accept', 'A') });
        await expectPhase(net, b, '7 tab B: A accepted analytics', { tab: 'B', requests: ANALYTICS, executed: RAN_ANALYTICS });
        assert.deepEqual(net.counts('tab-accept', 'A'), ANALYTICS, 'tab A');
        await h.assertBannerHidden(b);
        await assertPlaceholder(b, 'yt', 'youtube');

        net.phase = 'tab-withdraw';
        await h.api(page, 'acceptCategory', []);
        await settle(net, page, b);
        const ranB = await ran(b);
        assert.ok(ranB.includes('!analytics'), 'tab B ran its !analytics script');
        await pageInsertsAnalytics(b);
        await expectPhase(net, b, '7 tab B: A withdrew, B inserts', { tab: 'B', requests: {}, executed: ranB });
        assert.deepEqual(net.counts('tab-withdraw'), {}, 'no tab requested anything');
        assert.deepEqual(await cookieNames(b), SITE_COOKIES);
        assert.ok(!(await storage(b)).session.includes('hjViewportId'), 'tab B\'s sessionStorage key of Hotjar removed too');
      });
    });
  });

  describe('leak suite: the same trackers in v3\'s text/plain markup (leak/classic.html)', { concurrency: CONCURRENCY }, () => {
    test('3c analytics only (acceptCategory): same requests as auto-blocking; again after a reload', async () => {
      await leak(async ({ page, net }) => {
        net.phase = 'c-first';
        await open(page, '/leak/classic.html');
        await h.assertBannerShown(page);
        await expectPhase(net, page, '1c classic: first visit', { requests: {}, executed: [] });
        net.phase = 'c-analytics';
        await h.api(page, 'acceptCategory', ['analytics']);
        await expectPhase(net, page, '3c classic: analytics only', { requests: CLASSIC_ANALYTICS, executed: CLASSIC_RAN_ANALYTICS });
        net.phase = 'c-analytics-reload';
        await reload(page);
        await expectPhase(net, page, '3c > reload', { requests: CLASSIC_ANALYTICS, executed: CLASSIC_RAN_ANALYTICS });
      });
    });

    test('4c accept all, then withdraw (acceptCategory([])): everything, then nothing new', async () => {
      await leak(async ({ page, net }) => {
        await open(page, '/leak/classic.html');
        await settle(net, page);
        net.phase = 'c-all';
        await h.api(page, 'acceptCategory', 'all');
        await expectPhase(net, page, '4c classic: accept all', { requests: CLASSIC_ALL, executed: CLASSIC_RAN_ALL });
        await assertLoaded(page, 'yt');
        net.phase = 'c-all-reload';
        await reload(page);
        await expectPhase(net, page, '4c > reload', { requests: CLASSIC_ALL, executed: CLASSIC_RAN_ALL });
        const ranBefore = await ran(page);
        net.phase = 'c-withdraw';
        await h.api(page, 'acceptCategory', []);
        await settle(net, page);
        assert.deepEqual(await cookieNames(page), [], 'declared cookies erased');
        await pageInsertsTrackers(page);
        await expectPhase(net, page, '5c classic: withdraw, then page inserts', { requests: {}, executed: [...ranBefore, '!analytics'] });
        await assertPlaceholder(page, 'yt', 'youtube');
      });
    });
  });

  describe('leak suite: report mode, placement and probes', { concurrency: CONCURRENCY }, () => {
    test('8 debug: true lists unclaimed third-party scripts and images with console.table, and they load normally', async () => {
      await leak(async ({ page, net }) => {
        const tables = [];
        page.on('console', async (m) => {
          if (m.type() == 'table') tables.push(await m.args()[0].jsonValue().catch(() => null));
        });
        net.phase = 'debug';
        await open(page, '/leak/debug.html?debug');
        await settle(net, page);
        await page.evaluate(() => {
          const s = document.createElement('script');
          s.src = 'https://cdn.jsdelivr.net/npm/@acme/reviews@2/dist/reviews.min.js';
          document.head.appendChild(s);
          new Image().src = 'https://stats.example-counter.net/hit.gif?p=home';
          // Claimed (ga4): held, and not reported.
          const g = document.createElement('script');
          g.src = 'https://www.googletagmanager.com/gtag/js?id=G-LEAK000001';
          document.head.appendChild(g);
        });
        await settle(net, page);
        await sleep(400); // the report is printed 300 ms after the last insertion
        const counts = net.counts('debug');
        TABLE.push({ row: '8 debug: unclaimed resources', counts });
        const rows = tables.flat().filter(Boolean);
        assert.deepEqual(
          { requests: counts, executed: await ran(page), listed: rows.map((r) => r.url).sort() },
          {
            requests: { crisp: 1, jsdelivr: 1, counter: 1 },
            executed: ['widget:cdn.jsdelivr.net', 'widget:client.crisp.chat'],
            listed: ['https://cdn.jsdelivr.net/npm/@acme/reviews@2/dist/reviews.min.js', 'https://client.crisp.chat/l.js', 'https://stats.example-counter.net/hit.gif?p=home'],
          },
          'unclaimed third-party resources load normally and console.table lists each of them (and nothing claimed): ' + JSON.stringify(rows),
        );
        for (const r of rows) assert.ok(['script', 'img'].includes(r.element) && /\d+ ms/.test(r.when), `row names element and time: ${JSON.stringify(r)}`);
      });
    });

    test('9 the Google tag written in the HTML (text/plain + data-src, as the README asks): no request, no execution before consent', async () => {
      await leak(async ({ page, net }) => {
        net.phase = 'static';
        await open(page, '/leak/static-gtag.html');
        await h.assertBannerShown(page);
        await expectPhase(net, page, '9 static gtag tag: first visit', { requests: {}, executed: [] });
        assert.deepEqual(await cookieNames(page), []);
      });
    });

    test('11 images whose tracker URL is only in srcset: held (no request), released with consent', async () => {
      await leak(async ({ page, net }) => {
        await open(page, '/leak/site.html');
        await settle(net, page);
        net.phase = 'srcset';
        await page.evaluate(() => {
          const box = document.createElement('div');
          box.id = 'srcsets';
          const only = document.createElement('img'); // srcset property, two candidates
          only.id = 'only';
          only.srcset = 'https://www.facebook.com/tr?id=1&ev=A 1x, https://www.facebook.com/tr?id=1&ev=A2 2x';
          const attr = document.createElement('img'); // setAttribute
          attr.id = 'attr';
          attr.setAttribute('srcset', 'https://px.ads.linkedin.com/collect/?pid=1&fmt=gif 1x');
          const both = new Image(); // src and srcset
          both.id = 'both';
          both.src = 'https://www.facebook.com/tr?id=1&ev=B';
          both.srcset = 'https://www.facebook.com/tr?id=1&ev=B 1x';
          const mine = document.createElement('img'); // first-party: never held
          mine.id = 'mine';
          mine.srcset = '/leak/pixel.gif 1x';
          box.append(only, attr, both, mine);
          box.insertAdjacentHTML('beforeend', '<img id="html" alt="" srcset="https://www.facebook.com/tr?id=1&amp;ev=C 1x">'); // HTML string
          document.body.append(box);
        });
        await expectPhase(net, page, '11 srcset: first visit', { requests: {}, executed: [] });
        const attrs = () => page.evaluate(() => Object.fromEntries(['only', 'attr', 'both', 'html', 'mine'].map((id) => {
          const el = document.getElementById(id);
          return [id, [el.getAttribute('srcset'), el.getAttribute('data-cc-blocked-srcset')]];
        })));
        const held = await attrs();
        for (const id of ['only', 'attr', 'both', 'html']) assert.ok(held[id][0] == null && held[id][1], `#${id}: srcset kept aside, not set (${held[id]})`);
        assert.deepEqual(held.mine, ['/leak/pixel.gif 1x', null], 'a first-party srcset is left alone');

        net.phase = 'srcset-all';
        await page.click('#cc-main .cm__btn[data-role=all]');
        await expectPhase(net, page, '11 srcset: accept all', { requests: { ...ALL, 'fb/tr': ALL['fb/tr'] + 3, 'li/px': ALL['li/px'] + 1 }, executed: RAN_ALL });
        const released = await attrs();
        for (const id of ['only', 'attr', 'both', 'html']) assert.ok(released[id][0] && released[id][1] == null, `#${id}: srcset restored (${released[id]})`);
        assert.deepEqual(await heldInDom(page), [], 'nothing held any more');
      });
    });

    test('10 a "friendly iframe" (same-origin about:blank, as ad tags build) gets no tracker before consent', async () => {
      await leak(async ({ page, net }) => {
        await open(page, '/leak/site.html');
        await settle(net, page);
        net.phase = 'friendly';
        // An ad tag's classic technique: an empty same-origin iframe whose document receives the
        // tag — by createElement + src in the frame's document, and by writing into it.
        await page.evaluate(() => {
          const frame = document.createElement('iframe');
          frame.id = 'friendly';
          frame.width = frame.height = '1';
          document.body.appendChild(frame);
          const doc = frame.contentDocument;
          const s = doc.createElement('script');
          s.src = 'https://connect.facebook.net/en_US/fbevents.js';
          doc.head.appendChild(s);
          doc.open();
          doc.write('<script src="https://snap.licdn.com/li.lms-analytics/insight.min.js"><\/script><img src="https://www.facebook.com/tr?id=000000000000001&ev=PageView&noscript=1">');
          doc.close();
        });
        await settle(net, page);
        const counts = net.counts('friendly');
        TABLE.push({ row: '10 friendly iframe: first visit', counts });
        const inFrame = await page.evaluate(() => [...(document.getElementById('friendly').contentWindow.__ran || [])].sort());
        assert.deepEqual(
          { requests: counts, executed: await ran(page), executedInFrame: inFrame },
          { requests: {}, executed: [], executedInFrame: [] },
          'nothing requested or run through the friendly iframe\n  ' + net.urls('friendly').join('\n  '),
        );
      });
    });
  });
});
