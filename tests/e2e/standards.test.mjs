// The standards consentry speaks (issue 5; README "Google Consent Mode v2", "Global Privacy
// Control", "Consent records, history and receipts"): Google Consent Mode v2 with the real gtag.js snippet (gtag.js served by a local stub),
// Global Privacy Control, consent records sent to a local endpoint, and hideFromBots.
// Pages, stubs and held scripts: tests/e2e/standards/ (served under /standards/).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { extname, join, relative, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as h from './harness.mjs';

const STANDARDS = join(h.ROOT, 'tests', 'e2e', 'standards');
const TYPES = { '.js': 'text/javascript; charset=utf-8', '.html': 'text/html; charset=utf-8' };
const GTAG_URL = 'https://www.googletagmanager.com/gtag/js';
const GTAG_STUB = readFileSync(join(STANDARDS, 'stubs', 'gtag.js'), 'utf8');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let env;
before(async () => {
  env = await h.start();
  // Serve tests/e2e/standards/ under /standards/ (the harness serves pages/ at /).
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else {
        const path = '/standards/' + relative(STANDARDS, file).split(sep).join('/');
        env.routes.set(path, async (req, res) => {
          res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
          res.end(readFileSync(file));
        });
      }
    }
  };
  walk(STANDARDS);
});
after(async () => {
  await env?.close();
});

// ---- configs and pages ------------------------------------------------------------------

const EN = {
  consentModal: { title: 'We use cookies', description: 'Standards test site.', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', showPreferencesBtn: 'Manage preferences' },
  preferencesModal: { title: 'Cookie preferences', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', savePreferencesBtn: 'Save preferences', closeIconLabel: 'Close' },
};
const FR = {
  consentModal: { title: 'Nous utilisons des cookies', description: 'Site de test des standards.', acceptAllBtn: 'Tout accepter', acceptNecessaryBtn: 'Tout refuser', showPreferencesBtn: 'Gérer les préférences' },
  preferencesModal: { title: 'Préférences des cookies', acceptAllBtn: 'Tout accepter', acceptNecessaryBtn: 'Tout refuser', savePreferencesBtn: 'Enregistrer', closeIconLabel: 'Fermer' },
};

/** A v3 config (JSON only: it travels in the page URL). `hideFromBots: false` because the
 * tests run under automation; the hideFromBots tests override it. */
function config(extra = {}) {
  return {
    hideFromBots: false,
    categories: {
      necessary: { enabled: true, readOnly: true },
      functionality: {},
      analytics: { services: { ga: { label: 'Google Analytics' } } },
      marketing: { services: { ads: { label: 'Ads' } } },
    },
    language: { default: 'en', translations: { en: EN, fr: FR } },
    ...extra,
  };
}

const pageUrl = (page, cfg) => `/standards/${page}.html?config=${encodeURIComponent(JSON.stringify(cfg))}`;

/** Init scripts: `navigator.globalPrivacyControl` and `navigator.webdriver` as a browser
 * that sends (or not) the signal / is (or not) automated would expose them. */
const gpcInit = (on) => `Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get() { return ${on}; }, configurable: true });`;
const webdriverInit = (on) => `Object.defineProperty(Navigator.prototype, 'webdriver', { get() { return ${on}; }, configurable: true });`;
const A_BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const GOOGLEBOT = 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; +http://www.google.com/bot.html) Chrome/126.0.6478.126 Safari/537.36';

// ---- dataLayer --------------------------------------------------------------------------

/** window.dataLayer as [{ type: Object.prototype.toString of the entry, args }], without
 * consentry's tag-manager events (plain objects; `layerEvents` below reads them). */
const dataLayer = (page) =>
  page.evaluate(() =>
    (window.dataLayer || []).filter((entry) => !(entry && entry.event === 'consentry_update')).map((entry) => ({
      type: Object.prototype.toString.call(entry),
      args: Array.prototype.map.call(entry, (v) => (v instanceof Date ? '[Date]' : JSON.parse(JSON.stringify(v === undefined ? null : v)))),
    })),
  );
/** Only the consent and set commands (what consentry pushes). */
const consentOnly = (entries) => entries.filter((e) => e.args[0] === 'consent' || e.args[0] === 'set');
const ARGS = '[object Arguments]';

const G = 'granted';
const D = 'denied';
/** A full Consent Mode v2 state, in gtag's type order. */
const state = (ad, analytics, functionality, personalization, security = G) => ({
  ad_storage: ad, ad_user_data: ad, ad_personalization: ad, analytics_storage: analytics,
  functionality_storage: functionality, personalization_storage: personalization, security_storage: security,
});
const DEFAULT_STATE = state(D, D, G, D); // functionality/security ← necessary (read-only)
const ALL_GRANTED = state(G, G, G, G);

function assertArguments(entries, what) {
  for (const e of entries) assert.equal(e.type, ARGS, `${what}: ${JSON.stringify(e.args)} must be gtag's arguments object, not ${e.type}`);
}

/** The dataLayer of a first visit to gtag.html, checked for the default before the snippet. */
async function firstVisit(page, open, cfg) {
  assert.equal(await open(pageUrl('gtag', cfg)), 'resolved');
  const entries = await dataLayer(page);
  const commands = entries.map((e) => e.args[0]);
  const iDefault = entries.findIndex((e) => e.args[0] === 'consent' && e.args[1] === 'default');
  assert.equal(iDefault, 0, `the consent default is the first dataLayer entry: ${JSON.stringify(commands)}`);
  assert.ok(iDefault < commands.indexOf('js') && commands.indexOf('js') < commands.indexOf('config'), 'default before the snippet\'s js/config');
  // Pushed synchronously inside run(): already there when run() returned.
  const afterRun = await page.evaluate(() => window.dataLayerAfterRun);
  assert.ok(afterRun >= 1, `the default was in dataLayer when run() returned (length ${afterRun})`);
  return entries;
}

/** What gtag.js saw when it ran (the stub's snapshots). */
async function gtagRuns(page) {
  await h.until(() => page.evaluate(() => (window.gtagRuns || []).length > 0), { message: 'the gtag.js stub to run' });
  return page.evaluate(() => window.gtagRuns);
}

describe('Google Consent Mode v2 (real gtag.js snippet, gtag.js stubbed)', () => {
  const opts = { stubs: { [GTAG_URL]: GTAG_STUB } };

  test('first visit: default (all denied but necessary) before any Google tag; reject → update denied; accept all → update granted', async () => {
    await env.session(opts, async ({ page, open, intercepted }) => {
      const entries = await firstVisit(page, open, config({ googleConsentMode: {} }));
      assertArguments(entries, 'dataLayer entry');
      assert.deepEqual(entries[0].args, ['consent', 'default', DEFAULT_STATE]);
      assert.deepEqual(Object.keys(entries[0].args[2]), Object.keys(DEFAULT_STATE), 'the seven v2 types, nothing else');
      // gtag.js (the stub) ran and found the default already in dataLayer.
      const runs = await gtagRuns(page);
      assert.equal(runs.length, 1);
      assert.ok(runs[0].src.startsWith(GTAG_URL + '?id=G-TEST'));
      assert.ok(intercepted.some((u) => u.startsWith(GTAG_URL)), 'gtag.js went through context.route');
      assert.equal(runs[0].dataLayer[0].type, ARGS);
      assert.deepEqual(runs[0].dataLayer[0].args, ['consent', 'default', DEFAULT_STATE], 'gtag.js saw the default first');
      // Before a choice: the default and nothing else from consentry.
      const before = consentOnly(entries);
      assert.deepEqual(before.map((e) => e.args), [['consent', 'default', DEFAULT_STATE]], 'only the default before a choice');
      assert.deepEqual(entries.map((e) => e.args), [['consent', 'default', DEFAULT_STATE], ['js', '[Date]'], ['config', 'G-TEST']]);

      await page.click('#cc-main .cm__btn[data-role=necessary]');
      await h.assertBannerHidden(page);
      let now = await dataLayer(page);
      let added = consentOnly(now).slice(before.length);
      assert.deepEqual(added.map((e) => e.args), [['consent', 'update', DEFAULT_STATE]], 'reject: one update, everything optional denied');
      assertArguments(added, 'update');

      await page.evaluate(() => window.CookieConsent.acceptCategory('all'));
      const afterAccept = await dataLayer(page);
      added = consentOnly(afterAccept).slice(consentOnly(now).length);
      assert.deepEqual(added.map((e) => e.args), [['consent', 'update', ALL_GRANTED]], 'accept all: one update, all granted');
      assertArguments(added, 'update');
      console.log('# dataLayer (first visit, after reject then accept all):\n' + afterAccept.map((e) => `#   ${e.type} ${JSON.stringify(e.args)}`).join('\n'));
    });
  });

  test('first visit then accept all (banner button): exact consent sequence', async () => {
    await env.session(opts, async ({ page, open }) => {
      await firstVisit(page, open, config({ googleConsentMode: {} }));
      const n = consentOnly(await dataLayer(page)).length;
      await page.click('#cc-main .cm__btn[data-role=all]');
      await h.assertBannerHidden(page);
      const entries = await dataLayer(page);
      assertArguments(entries, 'dataLayer entry');
      assert.deepEqual(consentOnly(entries).slice(n).map((e) => e.args), [['consent', 'update', ALL_GRANTED]]);
      console.log('# dataLayer (first visit + accept all via banner):\n' + entries.map((e) => `#   ${e.type} ${JSON.stringify(e.args)}`).join('\n'));
    });
  });

  test('returning visit: default first, then one update restoring the stored consent', async () => {
    await env.session(opts, async ({ page, open }) => {
      const cfg = config({ googleConsentMode: {} });
      await firstVisit(page, open, cfg);
      await page.evaluate(() => window.CookieConsent.acceptCategory(['analytics']));
      assert.deepEqual((await h.stored(page)).categories.sort(), ['analytics', 'necessary']);

      await page.reload();
      assert.equal(await h.settled(page), 'resolved');
      await h.assertBannerHidden(page);
      const entries = await dataLayer(page);
      assertArguments(entries, 'dataLayer entry');
      assert.deepEqual(entries[0].args, ['consent', 'default', DEFAULT_STATE], 'a returning visit starts denied too');
      const consent = consentOnly(entries);
      assert.deepEqual(consent.map((e) => e.args), [
        ['consent', 'default', DEFAULT_STATE],
        ['consent', 'update', state(D, G, G, D)],
      ], 'default, then the restored consent (analytics only)');
      const commands = entries.map((e) => e.args[0] + (e.args[1] === 'update' ? ':update' : ''));
      assert.ok(commands.indexOf('consent:update') > commands.indexOf('config'), `update after the snippet (async, engine loaded): ${commands}`);
      const runs = await gtagRuns(page);
      assert.deepEqual(runs[0].dataLayer[0].args, ['consent', 'default', DEFAULT_STATE]);

      // All granted on the next visit after accept all.
      await page.evaluate(() => window.CookieConsent.acceptCategory('all'));
      await page.reload();
      assert.equal(await h.settled(page), 'resolved');
      assert.deepEqual(consentOnly(await dataLayer(page)).map((e) => e.args), [
        ['consent', 'default', DEFAULT_STATE],
        ['consent', 'update', ALL_GRANTED],
      ]);
    });
  });

  test('the default is in the dataLayer when run() returns, before gtag.js or any later script', async () => {
    await env.session(opts, async ({ page }) => {
      await page.goto(env.url + pageUrl('gtag', config({ googleConsentMode: {} })));
      const runs = await gtagRuns(page);
      assert.equal(runs[0].dataLayer[0].type, ARGS);
      assert.deepEqual(runs[0].dataLayer[0].args, ['consent', 'default', DEFAULT_STATE]);
      assert.ok(!runs[0].dataLayer.some((e) => e.args[1] === 'update'), 'no update before the engine decides');
      assert.equal(await h.settled(page), 'resolved');
      // The engine pushes it itself, inside run(): synchronously, with the config's mapping.
      const pushed = await page.evaluate((cfg) => {
        const cc = window.CookieConsent;
        cc.reset();
        window.dataLayer = [];
        cc.run(cfg);
        return window.dataLayer.map((e) => Array.from(e));
      }, config({ googleConsentMode: { mapping: { personalization_storage: 'necessary' } } }));
      assert.deepEqual(pushed, [['consent', 'default', { ...DEFAULT_STATE, personalization_storage: 'granted' }]]);
    });
  });

  test('regions and waitForUpdate go into the default', async () => {
    await env.session(opts, async ({ page, open }) => {
      const entries = await firstVisit(page, open, config({ googleConsentMode: { regions: ['DE', 'FR'], waitForUpdate: 500 } }));
      assert.equal(entries[0].type, ARGS);
      assert.deepEqual(entries[0].args, ['consent', 'default', { ...DEFAULT_STATE, wait_for_update: 500, region: ['DE', 'FR'] }]);
      const runs = await gtagRuns(page);
      assert.deepEqual(runs[0].dataLayer[0].args, entries[0].args);
      await page.click('#cc-main .cm__btn[data-role=all]');
      const last = consentOnly(await dataLayer(page)).at(-1);
      assert.deepEqual(last.args, ['consent', 'update', ALL_GRANTED], 'updates carry no region / wait_for_update');
    });
  });

  test('urlPassthrough and adsDataRedaction push their set commands before the snippet', async () => {
    await env.session(opts, async ({ page, open }) => {
      const entries = await firstVisit(page, open, config({ googleConsentMode: { urlPassthrough: true, adsDataRedaction: true } }));
      assertArguments(entries.slice(0, 3), 'set entry');
      assert.deepEqual(entries.slice(0, 5).map((e) => e.args), [
        ['consent', 'default', DEFAULT_STATE],
        ['set', 'url_passthrough', true],
        ['set', 'ads_data_redaction', true],
        ['js', '[Date]'],
        ['config', 'G-TEST'],
      ]);
      const runs = await gtagRuns(page);
      assert.deepEqual(runs[0].dataLayer.slice(0, 3).map((e) => e.args[0] + ':' + e.args[1]), ['consent:default', 'set:url_passthrough', 'set:ads_data_redaction']);
    });
    // Without them: no set entry.
    await env.session(opts, async ({ page, open }) => {
      const entries = await firstVisit(page, open, config({ googleConsentMode: {} }));
      assert.ok(!entries.some((e) => e.args[0] === 'set'), 'no set entry by default');
    });
  });

  test('a custom mapping shapes the default and the updates', async () => {
    await env.session(opts, async ({ page, open }) => {
      const mapping = {
        personalization_storage: ['functionality', 'marketing'],
        functionality_storage: ['functionality'],
        analytics_storage: ['necessary'],
      };
      const entries = await firstVisit(page, open, config({ googleConsentMode: { mapping } }));
      const def = { ...state(D, G, D, D), analytics_storage: G };
      assert.deepEqual(entries[0].args, ['consent', 'default', def], 'types tied to necessary granted, others denied');
      await page.evaluate(() => window.CookieConsent.acceptCategory(['marketing']));
      assert.deepEqual(consentOnly(await dataLayer(page)).at(-1).args, ['consent', 'update', {
        ad_storage: G, ad_user_data: G, ad_personalization: G, analytics_storage: G,
        functionality_storage: D, personalization_storage: G, security_storage: G,
      }]);
      await page.evaluate(() => window.CookieConsent.acceptCategory(['functionality']));
      assert.deepEqual(consentOnly(await dataLayer(page)).at(-1).args, ['consent', 'update', {
        ad_storage: D, ad_user_data: D, ad_personalization: D, analytics_storage: G,
        functionality_storage: G, personalization_storage: G, security_storage: G,
      }]);
    });
  });

  test('without googleConsentMode nothing is pushed', async () => {
    await env.session(opts, async ({ page, open }) => {
      assert.equal(await open(pageUrl('gtag', config())), 'resolved');
      await page.click('#cc-main .cm__btn[data-role=all]');
      await h.assertBannerHidden(page);
      assert.deepEqual(consentOnly(await dataLayer(page)), []);
    });
  });
});

// ---- tag managers and Microsoft UET -------------------------------------------------------

const layerEvents = (page) => page.evaluate(() => (window.dataLayer || []).filter((e) => e && e.event === 'consentry_update').map((e) => JSON.parse(JSON.stringify(e.consentry))));
const uetq = (page) => page.evaluate(() => JSON.parse(JSON.stringify(window.uetq || null)));
const UET_DEFAULT = ['consent', 'default', { ad_storage: D }];

describe('tag managers (README "Tag managers")', () => {
  const opts = { stubs: { [GTAG_URL]: GTAG_STUB } };

  test("dataLayer: 'consentry_update' after each choice and when a returning visit starts, never before a choice", async () => {
    await env.session(opts, async ({ page, open }) => {
      assert.equal(await open(pageUrl('gtag', config({ googleConsentMode: {} }))), 'resolved');
      assert.deepEqual(await layerEvents(page), [], 'no choice yet: no event');
      await page.evaluate(() => window.CookieConsent.acceptCategory(['analytics']));
      const services = (ga, ads) => ({ necessary: {}, functionality: {}, analytics: { ga }, marketing: { ads } });
      assert.deepEqual(await layerEvents(page), [
        { acceptType: 'custom', categories: { necessary: true, functionality: false, analytics: true, marketing: false }, services: services(true, false) },
      ]);
      await page.click('#cc-main .cm__btn[data-role=all]');
      await h.until(async () => (await layerEvents(page)).length == 2, { message: 'the second event' });
      assert.deepEqual((await layerEvents(page))[1], {
        acceptType: 'all', categories: { necessary: true, functionality: true, analytics: true, marketing: true }, services: services(true, true),
      });
      await page.reload();
      assert.equal(await h.settled(page), 'resolved');
      assert.deepEqual((await layerEvents(page)).map((e) => e.acceptType), ['all'], 'a returning visit: one event, at start');
      // Tags fired by the event already find the consent state: the update comes first.
      const order = await page.evaluate(() => window.dataLayer.map((e) => (e.event ? e.event : Array.from(e).slice(0, 2).join(' '))));
      assert.ok(order.indexOf('consent update') < order.indexOf('consentry_update'), JSON.stringify(order));
    });
  });

  test('Microsoft UET consent mode: the default inside run(), an update on every choice and on a returning visit', async () => {
    await env.session(opts, async ({ page, open }) => {
      assert.equal(await open(pageUrl('gtag', config({ microsoftConsentMode: true }))), 'resolved');
      assert.deepEqual(await page.evaluate(() => window.uetqAfterRun), UET_DEFAULT, 'pushed while run() was called, before any later script');
      await page.click('#cc-main .cm__btn[data-role=necessary]');
      await h.assertBannerHidden(page);
      assert.deepEqual(await uetq(page), [...UET_DEFAULT, 'consent', 'update', { ad_storage: D }]);
      await page.evaluate(() => window.CookieConsent.acceptCategory(['analytics']));
      assert.deepEqual((await uetq(page)).slice(-3), ['consent', 'update', { ad_storage: D }], 'analytics is no ads category');
      await page.evaluate(() => window.CookieConsent.acceptCategory('all'));
      assert.deepEqual((await uetq(page)).slice(-3), ['consent', 'update', { ad_storage: G }]);
      await page.reload();
      assert.equal(await h.settled(page), 'resolved');
      assert.deepEqual(await uetq(page), [...UET_DEFAULT, 'consent', 'update', { ad_storage: G }], 'restored on a returning visit');
      assert.deepEqual(consentOnly(await dataLayer(page)), [], "Google's Consent Mode stays off unless configured");
    });
  });

  test("the ads types find v3's 'advertisement' category; a type that maps to no category is named in one warning", async () => {
    const cats = (ads) => ({ necessary: { enabled: true, readOnly: true }, analytics: {}, ...(ads ? { [ads]: {} } : {}) });
    await env.session({ ...opts, allowConsole: true }, async ({ page, open }) => {
      const cfg = config({ categories: cats('advertisement'), googleConsentMode: {}, microsoftConsentMode: true });
      assert.equal(await open(pageUrl('gtag', cfg)), 'resolved');
      const warnings = () => page.console.filter((m) => m.type == 'warning').map((m) => m.text);
      assert.deepEqual(warnings(), [
        'consentry: googleConsentMode: personalization_storage map to no configured category and stay denied (name one with googleConsentMode.mapping / microsoftConsentMode.categories, or [] to keep it denied without this warning)',
      ]);
      await page.evaluate(() => window.CookieConsent.acceptCategory(['advertisement']));
      const update = consentOnly(await dataLayer(page)).at(-1).args[2];
      assert.deepEqual([update.ad_storage, update.ad_user_data, update.ad_personalization, update.analytics_storage], [G, G, G, D]);
      assert.deepEqual((await uetq(page)).slice(-3), ['consent', 'update', { ad_storage: G }]);

      page.console.length = 0;
      assert.equal(await open(pageUrl('gtag', config({ categories: cats(null), googleConsentMode: {}, microsoftConsentMode: true }))), 'resolved');
      const [one, ...more] = warnings();
      assert.deepEqual(more, [], 'once');
      assert.match(one, /googleConsentMode: ad_storage, ad_user_data, ad_personalization, personalization_storage; microsoftConsentMode: ad_storage map to no configured category/);
    });
  });
});

// ---- Global Privacy Control ---------------------------------------------------------------

const heldFetched = (page, name) => h.requested(page, '/standards/held/' + name);

async function openPrefs(page) {
  await page.click('#cc-main .cm__btn[data-role=show]');
  await h.assertPrefsShown(page);
}
const toggle = (page, category) => page.locator(`#cc-main input.section__toggle[value=${category}]`).isChecked();

describe('Global Privacy Control', () => {
  test('GPC on, gpc: true, no prior choice: marketing rejected, notices shown; accept all wins and is recorded with gpc', async () => {
    await env.session({ init: gpcInit(true) }, async ({ page, open }) => {
      assert.equal(await open(pageUrl('site', config({ gpc: true }))), 'resolved');
      assert.equal(await page.evaluate(() => navigator.globalPrivacyControl), true);
      await h.assertBannerShown(page);
      const notice = page.locator('#cc-main .cm .cm__gpc');
      assert.equal(await notice.isVisible(), true, 'the banner says the signal was honoured');
      assert.match(await notice.textContent(), /Global Privacy Control/);
      await openPrefs(page);
      assert.equal(await page.locator('#cc-main .pm .pm__gpc').isVisible(), true, 'the preferences say so too');
      assert.equal(await toggle(page, 'marketing'), false);
      assert.equal(await toggle(page, 'analytics'), false);
      const early = await h.quiet(page);
      assert.ok(!early.some((n) => /marketing|analytics/.test(n)), `no marketing (or opt-in analytics) script before the choice: ${early}`);
      assert.deepEqual(heldFetched(page, 'marketing.js'), []);
      assert.equal(await h.api(page, 'acceptedCategory', 'marketing'), false);

      await page.click('#cc-main .pm__btn[data-role=all]');
      await h.assertPrefsHidden(page);
      const ran = await h.quiet(page);
      assert.ok(ran.includes('marketing') && ran.includes('marketing-ext'), `explicit opt-in wins: ${ran}`);
      assert.equal(await h.api(page, 'acceptedCategory', 'marketing'), true);
      const history = await h.api(page, 'getConsentHistory');
      assert.equal(history.length, 1);
      assert.equal(history[0].gpc, true, 'the history records that GPC was on');
      assert.equal(history[0].action, 'given');
      assert.ok(history[0].categories.includes('marketing'));

      // Once chosen, the notice is gone (the visitor decided).
      await page.reload();
      assert.equal(await h.settled(page), 'resolved');
      await h.assertBannerHidden(page);
      assert.ok((await h.quiet(page)).includes('marketing'), 'the opt-in stays on the next visit');
      await page.evaluate(() => window.CookieConsent.showPreferences());
      await h.assertPrefsShown(page);
      assert.equal(await page.locator('#cc-main .pm__gpc').count(), 0, 'no GPC notice once the visitor has chosen');
      assert.equal(await toggle(page, 'marketing'), true);
    });
  });

  test('GPC on: switching the marketing toggle on and saving is an explicit opt-in', async () => {
    await env.session({ init: gpcInit(true) }, async ({ page, open }) => {
      assert.equal(await open(pageUrl('site', config({ gpc: true }))), 'resolved');
      await openPrefs(page);
      await page.click('#cc-main input.section__toggle[value=marketing]');
      await page.click('#cc-main .pm__btn[data-role=save]');
      await h.assertPrefsHidden(page);
      const ran = await h.quiet(page);
      assert.deepEqual(ran.sort(), ['marketing', 'marketing-ext', 'necessary']);
      const [entry] = await h.api(page, 'getConsentHistory');
      assert.equal(entry.gpc, true);
      assert.deepEqual(entry.categories.sort(), ['marketing', 'necessary']);
    });
  });

  test('GPC on, opt-in: apart from the gpc categories, the page before a choice is the same as without GPC', async () => {
    // Without GPC (opt-in, no choice yet): nothing is released and Consent Mode has only its default.
    const observe = async (init) => {
      let out;
      await env.session({ init, stubs: { [GTAG_URL]: GTAG_STUB } }, async ({ page, open }) => {
        assert.equal(await open(pageUrl('gtag', config({ gpc: true, googleConsentMode: {} }))), 'resolved');
        await h.assertBannerShown(page);
        out = { ran: await h.quiet(page, 250), consent: consentOnly(await dataLayer(page)).map((e) => e.args), valid: await h.api(page, 'validConsent') };
      });
      return out;
    };
    const off = await observe(gpcInit(false));
    const on = await observe(gpcInit(true));
    assert.deepEqual(off, { ran: [], consent: [['consent', 'default', DEFAULT_STATE]], valid: false });
    assert.deepEqual(on, off, 'GPC may only keep the gpc categories off; it must not release necessary scripts or push a Consent Mode update before the visitor chooses');
  });

  test('GPC on, opt-out mode: enabled categories run, the gpc ones do not', async () => {
    await env.session({ init: gpcInit(true) }, async ({ page, open }) => {
      const cfg = config({ mode: 'opt-out', gpc: true, googleConsentMode: {} });
      for (const c of ['functionality', 'analytics', 'marketing']) cfg.categories[c].enabled = true;
      assert.equal(await open(pageUrl('site', cfg)), 'resolved');
      const ran = await h.quiet(page, 250);
      assert.deepEqual([...ran].sort(), ['analytics', 'analytics-ext', 'functionality', 'necessary'], `opt-out releases enabled categories except marketing: ${ran}`);
      assert.deepEqual(heldFetched(page, 'marketing.js'), [], 'marketing.js never fetched');
      assert.deepEqual((await h.api(page, 'getUserPreferences')).acceptedCategories.sort(), ['analytics', 'functionality', 'necessary'], 'what runs now: not marketing');
      assert.equal(await h.api(page, 'acceptedCategory', 'analytics'), false, 'nothing counts as accepted before the choice (v3)');
      await h.assertBannerShown(page);
      assert.equal(await page.locator('#cc-main .cm__gpc').isVisible(), true);
      // Consent Mode agrees: ads denied, analytics granted.
      assert.deepEqual(consentOnly(await dataLayer(page)).at(-1).args, ['consent', 'update', state(D, G, G, G)]);
      await openPrefs(page);
      assert.equal(await toggle(page, 'analytics'), true);
      assert.equal(await toggle(page, 'marketing'), false);
      assert.equal(await page.locator('#cc-main .pm__gpc').isVisible(), true);
    });
  });

  test('GPC on, gpc: { categories: [analytics, marketing] } in opt-out mode: both held', async () => {
    await env.session({ init: gpcInit(true) }, async ({ page, open }) => {
      const cfg = config({ mode: 'opt-out', gpc: { categories: ['analytics', 'marketing'] } });
      for (const c of ['functionality', 'analytics', 'marketing']) cfg.categories[c].enabled = true;
      assert.equal(await open(pageUrl('site', cfg)), 'resolved');
      assert.deepEqual([...(await h.quiet(page, 250))].sort(), ['functionality', 'necessary']);
      assert.deepEqual([...heldFetched(page, 'marketing.js'), ...heldFetched(page, 'analytics.js')], []);
      await openPrefs(page);
      assert.equal(await toggle(page, 'functionality'), true);
      assert.equal(await toggle(page, 'analytics'), false);
      assert.equal(await toggle(page, 'marketing'), false);
      // Accept all: everything runs; recorded with gpc.
      await page.click('#cc-main .pm__btn[data-role=all]');
      assert.deepEqual([...(await h.quiet(page))].sort(), ['analytics', 'analytics-ext', 'functionality', 'marketing', 'marketing-ext', 'necessary']);
      assert.equal((await h.api(page, 'getConsentHistory'))[0].gpc, true);
    });
  });

  test('GPC on but a choice already made: the choice stands, no notice', async () => {
    await env.session({ init: gpcInit(true) }, async ({ page, open }) => {
      const cfg = config({ gpc: true });
      assert.equal(await open(pageUrl('site', cfg)), 'resolved');
      await page.evaluate(() => window.CookieConsent.acceptCategory('all'));
      await page.reload();
      assert.equal(await h.settled(page), 'resolved');
      await h.assertBannerHidden(page);
      assert.ok((await h.quiet(page)).includes('marketing'));
      assert.equal(await page.locator('#cc-main .cm__gpc').count(), 0);
    });
  });

  for (const how of ['false', 'absent']) {
    test(`GPC ${how}: nothing changes (opt-in and opt-out), history gpc false`, async () => {
      const init = how === 'false' ? gpcInit(false) : undefined;
      await env.session({ init }, async ({ page, open }) => {
        assert.equal(await open(pageUrl('site', config({ gpc: true }))), 'resolved');
        assert.notEqual(await page.evaluate(() => navigator.globalPrivacyControl), true);
        await h.assertBannerShown(page);
        assert.equal(await page.locator('#cc-main .cm__gpc').count(), 0, 'no GPC notice');
        assert.deepEqual(await h.quiet(page), [], 'opt-in: nothing before a choice, as without gpc');
        await openPrefs(page);
        assert.equal(await page.locator('#cc-main .pm__gpc').count(), 0);
        await page.click('#cc-main .pm__btn[data-role=all]');
        assert.ok((await h.quiet(page)).includes('marketing'));
        assert.equal((await h.api(page, 'getConsentHistory'))[0].gpc, false);
      });
      await env.session({ init }, async ({ page, open }) => {
        const cfg = config({ mode: 'opt-out', gpc: true });
        for (const c of ['functionality', 'analytics', 'marketing']) cfg.categories[c].enabled = true;
        assert.equal(await open(pageUrl('site', cfg)), 'resolved');
        assert.deepEqual([...(await h.quiet(page, 250))].sort(), ['analytics', 'analytics-ext', 'functionality', 'marketing', 'marketing-ext', 'necessary']);
      });
    });
  }

  test('GPC on without the gpc option: normal behaviour (the signal is the site\'s to honour)', async () => {
    await env.session({ init: gpcInit(true) }, async ({ page, open }) => {
      const cfg = config({ mode: 'opt-out' });
      for (const c of ['functionality', 'analytics', 'marketing']) cfg.categories[c].enabled = true;
      assert.equal(await open(pageUrl('site', cfg)), 'resolved');
      assert.ok((await h.quiet(page, 250)).includes('marketing'));
      assert.equal(await page.locator('#cc-main .cm__gpc').count(), 0);
    });
  });
});

// ---- consent records ---------------------------------------------------------------------

const RECORD_KEYS = ['acceptedCategories', 'acceptedServices', 'action', 'consentId', 'gpc', 'language', 'origin', 'path', 'rejectedCategories', 'rejectedServices', 'revision', 'textHash', 'timestamp'];

/** A consent-log endpoint at `path` that answers `status`; returns the received requests. */
function endpoint(path, status = 204) {
  const received = [];
  env.routes.set(path, async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    received.push({ method: req.method, headers: req.headers, body });
    res.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 400 ? 'server error' : undefined);
  });
  return received;
}
const posts = (received) => received.filter((r) => r.method === 'POST');

/** Wait for `n` records, then make sure no more arrive. */
async function records(received, n) {
  await h.until(() => posts(received).length >= n, { message: `${n} consent record(s)`, timeout: 5000 });
  await sleep(400);
  const list = posts(received);
  assert.equal(list.length, n, `exactly ${n} record(s): ${list.map((r) => r.body).join('\n')}`);
  return list.map((r) => JSON.parse(r.body));
}

function checkRecord(rec, raw, { action, accepted, rejected, page, language = 'en', gpc = false, ua }) {
  assert.deepEqual(Object.keys(rec).sort(), RECORD_KEYS, 'exactly the documented fields');
  assert.match(rec.consentId, h.UUID_V4);
  assert.match(rec.timestamp, h.ISO);
  assert.ok(Math.abs(Date.parse(rec.timestamp) - Date.now()) < 60_000, 'a current timestamp');
  assert.equal(rec.action, action);
  assert.deepEqual([...rec.acceptedCategories].sort(), [...accepted].sort());
  assert.deepEqual([...rec.rejectedCategories].sort(), [...rejected].sort());
  assert.equal(typeof rec.acceptedServices, 'object');
  assert.equal(typeof rec.rejectedServices, 'object');
  assert.equal(rec.revision, 0);
  assert.equal(rec.language, language);
  assert.equal(rec.origin, env.url);
  assert.equal(rec.path, page);
  assert.equal(rec.gpc, gpc);
  assert.match(rec.textHash, /^[0-9a-f]{64}$/);
  // Nothing personal: no user agent, no IP-like data outside the page's own origin.
  const withoutOrigin = raw.split(JSON.stringify(rec.origin)).join('""');
  assert.ok(!withoutOrigin.includes(ua) && !/Mozilla|Chrome|HeadlessChrome|Linux|X11/.test(withoutOrigin), 'no user agent in the body');
  assert.ok(!/\b\d{1,3}(\.\d{1,3}){3}\b/.test(withoutOrigin), 'no IPv4-like data in the body');
}

describe('consent records (consentLog)', () => {
  test('an http:// page (no Web Crypto there): the record still carries textHash, the same SHA-256 as on a secure page', async () => {
    const received = endpoint('/consent-log');
    const cfg = config({ consentLog: { endpoint: '/consent-log' } });
    try {
      const hashes = [];
      for (const origin of [env.url, 'http://consentry-http.test']) {
        await env.session(async ({ page, ctx, intercepted }) => {
          // A host name that is not "potentially trustworthy" (as 127.0.0.1 is): served by the
          // local server through the browser context.
          await ctx.route((u) => u.hostname == 'consentry-http.test', async (route) => {
            const url = route.request().url();
            intercepted.push(url);
            await route.fulfill({ response: await route.fetch({ url: env.url + new URL(url).pathname + new URL(url).search }) });
          });
          await page.goto(origin + pageUrl('site', cfg));
          assert.equal(await h.settled(page), 'resolved');
          const secure = await page.evaluate(() => [isSecureContext, !!(window.crypto && crypto.subtle)]);
          assert.deepEqual(secure, origin == env.url ? [true, true] : [false, false], `${origin}: secure context and Web Crypto`);
          received.length = 0;
          await page.click('#cc-main .cm__btn[data-role=necessary]');
          const [rec] = await records(received, 1);
          assert.match(rec.textHash ?? 'missing', /^[0-9a-f]{64}$/, `${origin}: textHash`);
          hashes.push(rec.textHash);
        });
      }
      assert.equal(hashes[1], hashes[0], 'the same texts, the same hash on http:// as with Web Crypto');
    } finally {
      env.routes.delete('/consent-log');
    }
  });

  test('one valid record per change: given, changed, withdrawn; history grows by one each', async () => {
    const received = endpoint('/consent-log');
    try {
      await env.session(async ({ page, open }) => {
        const path = '/standards/site.html';
        assert.equal(await open(pageUrl('site', config({ consentLog: { endpoint: '/consent-log' } }))), 'resolved');
        const ua = await page.evaluate(() => navigator.userAgent);
        await sleep(300);
        assert.deepEqual(posts(received), [], 'nothing sent before a choice');
        assert.deepEqual(await h.api(page, 'getConsentHistory'), []);

        await page.click('#cc-main .cm__btn[data-role=necessary]');
        let [r1] = await records(received, 1);
        checkRecord(r1, posts(received)[0].body, { action: 'given', accepted: ['necessary'], rejected: ['functionality', 'analytics', 'marketing'], page: path, ua });
        assert.deepEqual(r1.acceptedServices, { necessary: [], functionality: [], analytics: [], marketing: [] });
        assert.deepEqual(r1.rejectedServices, { necessary: [], functionality: [], analytics: ['ga'], marketing: ['ads'] });
        const stored = await h.stored(page);
        assert.equal(r1.consentId, stored.consentId, 'the stored consent id');
        assert.equal(r1.timestamp, stored.lastConsentTimestamp);
        assert.equal((await h.api(page, 'getConsentHistory')).length, 1);
        const head = posts(received)[0].headers;
        // JSON as a string: a CORS-safelisted type, so no preflight (README, "Consent records service").
        assert.equal(head['content-type'], 'text/plain;charset=UTF-8');
        console.log('# consent record (given):\n# ' + posts(received)[0].body);

        await page.evaluate(() => window.CookieConsent.showPreferences());
        await h.assertPrefsShown(page);
        await page.click('#cc-main input.section__toggle[value=analytics]');
        await page.click('#cc-main .pm__btn[data-role=save]');
        const [, r2] = await records(received, 2);
        checkRecord(r2, posts(received)[1].body, { action: 'changed', accepted: ['necessary', 'analytics'], rejected: ['functionality', 'marketing'], page: path, ua });
        assert.deepEqual(r2.acceptedServices.analytics, ['ga']);
        assert.equal(r2.consentId, r1.consentId, 'the same visitor keeps the consent id');
        assert.equal(r2.textHash, r1.textHash, 'same texts, same hash');
        assert.equal((await h.api(page, 'getConsentHistory')).length, 2);

        await page.evaluate(() => window.CookieConsent.acceptCategory([]));
        const [, , r3] = await records(received, 3);
        checkRecord(r3, posts(received)[2].body, { action: 'withdrawn', accepted: ['necessary'], rejected: ['functionality', 'analytics', 'marketing'], page: path, ua });
        assert.equal(r3.textHash, r1.textHash);
        const history = await h.api(page, 'getConsentHistory');
        assert.deepEqual(history.map((e) => e.action), ['given', 'changed', 'withdrawn']);
        for (const [i, e] of history.entries()) {
          assert.deepEqual(Object.keys(e).sort(), ['action', 'categories', 'gpc', 'language', 'revision', 'services', 'time']);
          assert.equal(e.time, [r1, r2, r3][i].timestamp);
        }

        // A language change → a different text hash on the next record.
        assert.equal(await page.evaluate(() => window.CookieConsent.setLanguage('fr')), true);
        await page.evaluate(() => window.CookieConsent.acceptCategory('all'));
        const [, , , r4] = await records(received, 4);
        checkRecord(r4, posts(received)[3].body, { action: 'changed', accepted: ['necessary', 'functionality', 'analytics', 'marketing'], rejected: [], page: path, language: 'fr', ua });
        assert.notEqual(r4.textHash, r1.textHash, 'other texts, other hash');
      });
      // Another visitor, same texts: the same hash (deterministic).
      const before = posts(received).length;
      const [en1] = posts(received).slice(0, 1).map((r) => JSON.parse(r.body));
      await env.session(async ({ page, open }) => {
        assert.equal(await open(pageUrl('site', config({ consentLog: { endpoint: '/consent-log' } }))), 'resolved');
        await page.click('#cc-main .cm__btn[data-role=all]');
        await h.until(() => posts(received).length > before, { message: 'a record' });
        const rec = JSON.parse(posts(received)[before].body);
        assert.equal(rec.textHash, en1.textHash, 'same texts, same hash across visitors');
        assert.notEqual(rec.consentId, en1.consentId, 'a new visitor, a new id');
      });
    } finally {
      env.routes.delete('/consent-log');
    }
  });

  test('re-confirming the same choice is not recorded as a withdrawal; a mixed change is "changed"', async () => {
    const received = endpoint('/consent-log');
    try {
      await env.session(async ({ page, open }) => {
        assert.equal(await open(pageUrl('site', config({ consentLog: { endpoint: '/consent-log' } }))), 'resolved');
        await page.click('#cc-main .cm__btn[data-role=all]');
        await records(received, 1);
        // Accept all again: nothing is withdrawn.
        await page.evaluate(() => window.CookieConsent.acceptCategory('all'));
        await sleep(400);
        const again = posts(received).slice(1).map((r) => JSON.parse(r.body));
        const history = await h.api(page, 'getConsentHistory');
        assert.ok(!again.some((r) => r.action === 'withdrawn'), `re-confirming all sent: ${JSON.stringify(again.map((r) => [r.action, r.acceptedCategories]))}`);
        assert.ok(!history.some((e) => e.action === 'withdrawn'), `history after re-confirming all: ${JSON.stringify(history.map((e) => [e.action, e.categories]))}`);
      });
      received.length = 0;
      await env.session(async ({ page, open }) => {
        assert.equal(await open(pageUrl('site', config({ consentLog: { endpoint: '/consent-log' } }))), 'resolved');
        await page.evaluate(() => window.CookieConsent.acceptCategory(['analytics']));
        await page.evaluate(() => window.CookieConsent.acceptCategory(['marketing']));
        const [r1, r2] = await records(received, 2);
        assert.equal(r1.action, 'given');
        assert.equal(r2.action, 'changed', 'gained marketing, lost analytics');
      });
    } finally {
      env.routes.delete('/consent-log');
    }
  });

  test('after a revision change the first choice is "given" again, with the new revision', async () => {
    const received = endpoint('/consent-log');
    try {
      const seeded = h.record({ categories: ['necessary', 'analytics'], services: { necessary: [], functionality: [], analytics: ['ga'], marketing: [] } });
      await env.session({ init: h.seed(seeded) }, async ({ page, open }) => {
        assert.equal(await open(pageUrl('site', config({ revision: 2, consentLog: { endpoint: '/consent-log' } }))), 'resolved');
        await h.assertBannerShown(page);
        await page.click('#cc-main .cm__btn[data-role=necessary]');
        const [rec] = await records(received, 1);
        assert.equal(rec.action, 'given');
        assert.equal(rec.revision, 2);
        assert.deepEqual(rec.acceptedCategories, ['necessary']);
      });
    } finally {
      env.routes.delete('/consent-log');
    }
  });

  test('a first choice in French with GPC on: language fr, gpc true', async () => {
    const received = endpoint('/consent-log');
    try {
      await env.session({ init: gpcInit(true) }, async ({ page, open }) => {
        const cfg = config({ gpc: true, consentLog: { endpoint: '/consent-log' } });
        cfg.language.default = 'fr';
        assert.equal(await open(pageUrl('site', cfg)), 'resolved');
        const ua = await page.evaluate(() => navigator.userAgent);
        await page.click('#cc-main .cm__btn[data-role=all]');
        const [rec] = await records(received, 1);
        checkRecord(rec, posts(received)[0].body, { action: 'given', accepted: ['necessary', 'functionality', 'analytics', 'marketing'], rejected: [], page: '/standards/site.html', language: 'fr', gpc: true, ua });
      });
    } finally {
      env.routes.delete('/consent-log');
    }
  });

  test('sent with navigator.sendBeacon; fetch keepalive when sendBeacon declines', async () => {
    const received = endpoint('/consent-log');
    const spy = `window.__beacons = []; const sb = Navigator.prototype.sendBeacon; Navigator.prototype.sendBeacon = function (url, data) { window.__beacons.push(String(url)); return sb.call(this, url, data); };`;
    try {
      await env.session({ init: spy }, async ({ page, open }) => {
        assert.equal(await open(pageUrl('site', config({ consentLog: { endpoint: '/consent-log' } }))), 'resolved');
        await page.click('#cc-main .cm__btn[data-role=all]');
        await records(received, 1);
        assert.deepEqual(await page.evaluate(() => window.__beacons), ['/consent-log']);
      });
      received.length = 0;
      const declining = `window.__beacons = 0; window.__fetches = []; Navigator.prototype.sendBeacon = function () { window.__beacons++; return false; };
        const f = window.fetch; window.fetch = function (url, init) { window.__fetches.push({ url: String(url), keepalive: !!(init && init.keepalive), method: init && init.method }); return f.apply(this, arguments); };`;
      await env.session({ init: declining }, async ({ page, open }) => {
        assert.equal(await open(pageUrl('site', config({ consentLog: { endpoint: '/consent-log' } }))), 'resolved');
        await page.click('#cc-main .cm__btn[data-role=all]');
        const [rec] = await records(received, 1);
        assert.equal(rec.action, 'given');
        assert.equal(posts(received)[0].headers['content-type'], 'text/plain;charset=UTF-8', 'as the beacon: no preflight');
        assert.equal(await page.evaluate(() => window.__beacons), 1);
        const fetches = (await page.evaluate(() => window.__fetches)).filter((f) => f.url.includes('consent-log'));
        assert.deepEqual(fetches, [{ url: '/consent-log', keepalive: true, method: 'POST' }]);
      });
    } finally {
      env.routes.delete('/consent-log');
    }
  });

  test('the history is bounded (newest kept)', async () => {
    await env.session(async ({ page, open }) => {
      assert.equal(await open(pageUrl('site', config())), 'resolved');
      const lengths = await page.evaluate(() => {
        const out = [];
        for (let i = 0; i < 60; i++) {
          window.CookieConsent.acceptCategory(i % 2 ? [] : ['analytics']);
          out.push(window.CookieConsent.getConsentHistory().length);
        }
        return out;
      });
      assert.deepEqual(lengths.slice(0, 5), [1, 2, 3, 4, 5], 'one entry per change');
      assert.equal(Math.max(...lengths), 50, 'bounded: the newest 50 (README)');
      assert.equal(lengths.at(-1), 50, 'stays at the bound');
      const history = await h.api(page, 'getConsentHistory');
      assert.equal(history.at(-1).action, 'withdrawn', 'the newest is last');
      assert.equal(history.at(-2).action, 'changed');
      const raw = JSON.parse(await h.localValue(page, 'cc_cookie_history'));
      assert.equal(raw.length ?? raw.entries?.length, history.length, 'stored on the device');
    });
  });

  const NET = /Failed to load resource|net::ERR_|status of 500|blocked by CORS|Access to fetch/;
  const dead = {
    'connection refused (closed port)': async () => {
      const port = await new Promise((resolve) => {
        const s = createServer();
        s.listen(0, '127.0.0.1', () => {
          const p = s.address().port;
          s.close(() => resolve(p));
        });
      });
      return { endpoint: `http://127.0.0.1:${port}/consent-log`, received: null };
    },
    'HTTP 500': async () => ({ endpoint: '/consent-500', received: endpoint('/consent-500', 500) }),
  };
  for (const [name, make] of Object.entries(dead)) {
    test(`a dead endpoint (${name}) changes nothing for the visitor`, async () => {
      const { endpoint: url, received } = await make();
      try {
        await env.session({ allowConsole: true }, async ({ page, open }) => {
          assert.equal(await open(pageUrl('site', config({ consentLog: { endpoint: url } }))), 'resolved');
          await page.click('#cc-main .cm__btn[data-role=all]');
          await h.assertBannerHidden(page);
          const ran = await h.quiet(page, 250);
          assert.deepEqual([...ran].sort(), ['analytics', 'analytics-ext', 'functionality', 'marketing', 'marketing-ext', 'necessary'], 'the choice is applied');
          assert.equal(await h.api(page, 'acceptedCategory', 'marketing'), true);
          const stored = await h.stored(page);
          assert.deepEqual([...stored.categories].sort(), ['analytics', 'functionality', 'marketing', 'necessary'], 'and stored');
          assert.equal((await h.api(page, 'getConsentHistory')).length, 1);
          if (received) await h.until(() => posts(received).length === 1, { message: 'the attempt at the 500 endpoint' });
          await page.evaluate(() => window.CookieConsent.acceptCategory([]));
          assert.equal(await h.api(page, 'acceptedCategory', 'marketing'), false);
          await sleep(300);
          assert.deepEqual(page.errors, [], 'no exception reached the page');
          const other = page.console.filter((m) => (m.type === 'error' || m.type === 'warning') && !NET.test(m.text));
          assert.deepEqual(other, [], 'only the browser\'s own network messages');
          console.log(`# dead endpoint (${name}): browser console: ${JSON.stringify(page.console.filter((m) => m.type === 'error' || m.type === 'warning').map((m) => m.text))}`);
          await page.reload();
          assert.equal(await h.settled(page), 'resolved');
          await h.assertBannerHidden(page);
          assert.equal(await h.api(page, 'validConsent'), true);
        });
      } finally {
        env.routes.delete('/consent-500');
      }
    });
  }
});

// ---- hideFromBots ------------------------------------------------------------------------

describe('hideFromBots', () => {
  /** The config with hideFromBots left at its default (unless `extra` sets it). */
  const botConfig = (extra = {}) => {
    const { hideFromBots, ...c } = config({ googleConsentMode: {} });
    return { ...c, ...extra };
  };
  async function nothing(page) {
    await sleep(300);
    assert.equal(await page.locator('#cc-main .cm').count(), 0, 'no banner');
    assert.ok(!(await h.htmlClasses(page)).includes('show--consent'));
    assert.deepEqual(await h.quiet(page, 200), [], 'nothing released, not even necessary');
    assert.deepEqual(h.requested(page, '/standards/held/'), []);
    // Consent Mode stays at its denied default.
    assert.deepEqual(consentOnly(await dataLayer(page)).map((e) => e.args), [['consent', 'default', DEFAULT_STATE]]);
  }

  test('default config under automation (navigator.webdriver): nothing shown or released', async () => {
    await env.session({ userAgent: A_BROWSER }, async ({ page, open }) => {
      assert.equal(await page.evaluate(() => navigator.webdriver), true);
      assert.equal(await open(pageUrl('site', botConfig())), 'resolved');
      await nothing(page);
      assert.equal(await h.api(page, 'validConsent'), false);
    });
  });

  test('default config under automation, even with a stored consent: nothing released', async () => {
    await env.session({ userAgent: A_BROWSER, init: h.seed(h.record({ categories: ['necessary', 'analytics', 'marketing'], services: { analytics: ['ga'], marketing: ['ads'] } })) }, async ({ page, open }) => {
      assert.equal(await open(pageUrl('site', botConfig())), 'resolved');
      await nothing(page);
    });
  });

  test('hideFromBots: false under automation: the banner shows', async () => {
    await env.session({ userAgent: A_BROWSER }, async ({ page, open }) => {
      assert.equal(await open(pageUrl('site', botConfig({ hideFromBots: false }))), 'resolved');
      await h.assertBannerShown(page);
      assert.deepEqual(await h.quiet(page), [], 'opt-in: nothing released before a choice');
    });
  });

  test('a browser (webdriver false, ordinary user agent): the banner shows with the default', async () => {
    await env.session({ userAgent: A_BROWSER, init: webdriverInit(false) }, async ({ page, open }) => {
      assert.equal(await page.evaluate(() => navigator.webdriver), false);
      assert.equal(await open(pageUrl('site', botConfig())), 'resolved');
      await h.assertBannerShown(page);
    });
  });

  for (const [name, ua] of [['Googlebot', GOOGLEBOT], ['HeadlessChrome', A_BROWSER.replace('Chrome/', 'HeadlessChrome/')]]) {
    test(`a crawler user agent (${name}) with webdriver false: nothing shown or released`, async () => {
      await env.session({ userAgent: ua, init: webdriverInit(false) }, async ({ page, open }) => {
        assert.equal(await page.evaluate(() => navigator.webdriver), false);
        assert.equal(await page.evaluate(() => navigator.userAgent), ua);
        assert.equal(await open(pageUrl('site', botConfig())), 'resolved');
        await nothing(page);
      });
    });
  }
});
