// The Stratus Cloud demo site (www/, served as `npm start` serves it) as a visitor sees it:
// the first visit holds both demo trackers, accepting releases them, the preferences modal
// grants and withdraws one category, the pages in the privacy statement's languages (English,
// Spanish, Portuguese, Thai, Simplified Chinese, Malay) and in German and French speak their
// language, the privacy settings page has its inline center and receipt, and the other pages
// (config from JSON, ES module build, pricing, privacy policy) work without a console error.
//
// Expected words come from the site's own sources, not from the pages' HTML: the banner's
// from www/js/consent-config.js and, for what it leaves to consentry, from the built-in
// locales (dist/i18n/<code>.json); the status panel's from the TEXT table of www/js/status.js
// (which renders the panel). Screenshots go to tests/out/demo/.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { after, before, describe, test } from 'node:test';
import * as h from './harness.mjs';

const WWW = join(h.ROOT, 'www');
const SHOTS = join(h.ROOT, 'tests', 'out', 'demo');
const DESKTOP = { width: 1280, height: 800 };
const MOBILE = { width: 375, height: 740 };

/** The site's consent config: www/js/consent-config.js run on its own (it only sets
 * window.consentConfig), cloned out of the sandbox's realm so that deepEqual compares values. */
function siteConfig() {
  const sandbox = { window: {} };
  vm.runInNewContext(readFileSync(join(WWW, 'js', 'consent-config.js'), 'utf8'), sandbox);
  return structuredClone(sandbox.window.consentConfig);
}

/** The status panel's words per language: the TEXT table of www/js/status.js. */
function panelWords() {
  const source = readFileSync(join(WWW, 'js', 'status.js'), 'utf8');
  const table = source.match(/\bTEXT\s*=\s*(\{[\s\S]*?\n\s*\});/);
  assert.ok(table, 'www/js/status.js defines its TEXT table');
  return structuredClone(vm.runInNewContext('(' + table[1] + ')'));
}

const CONFIG = siteConfig();
const TR = CONFIG.language.translations;
const WORDS = panelWords();
const EN = WORDS.en;

/** consentry's built-in texts for a locale (English is inside the engine: the config's). */
const builtin = (lang) => (lang === 'en' ? {} : JSON.parse(readFileSync(join(h.DIST, 'i18n', `${lang}.json`), 'utf8')));
/** What the banner and the preferences modal show in `lang`: the site's translation, and
 * consentry's built-in text for whatever the site leaves out. */
function texts(lang) {
  const own = TR[lang] || {};
  const base = builtin(lang);
  return {
    consentModal: { ...base.consentModal, ...own.consentModal },
    preferencesModal: { ...base.preferencesModal, ...own.preferencesModal },
    categories: base.categories || {},
  };
}

/** The home page of each language, in the switcher's order: the privacy statement's six,
 * then German and French. `<html lang>` and hreflang are the code, except zh-Hans. */
const HOMES = { en: '/', es: '/es/', pt: '/pt/', th: '/th/', zh: '/zh/', ms: '/ms/', de: '/de/', fr: '/fr/' };
const TAG = { zh: 'zh-Hans' };
const tag = (lang) => TAG[lang] || lang;
/** Languages whose banner is consentry's built-in text (the site adds its privacy link). */
const BUILT_IN = ['pt', 'th', 'zh', 'ms'];

/**
 * A visitor's browser. The demo keeps v3's `hideFromBots: true`, which hides the banner from
 * automation (`navigator.webdriver`) and from "HeadlessChrome" user agents; a person's
 * browser is neither. Reduced motion: the screenshots show the modals at rest.
 */
const VISITOR = {
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  init: "Object.defineProperty(Navigator.prototype, 'webdriver', { get() { return false; }, configurable: true });",
  reducedMotion: 'reduce',
};

let env;
before(async () => {
  env = await h.start({ site: 'www' });
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await env?.close();
});

// ---- helpers ----------------------------------------------------------------------------

const cm = (page) => page.locator('#cc-main .cm');
const pm = (page) => page.locator('#cc-main .pm');
const text = async (locator) => (await locator.textContent()).trim();
/** A button of the banner or the preferences modal, by the label a visitor reads. */
const button = (scope, name) => scope.getByRole('button', { name, exact: true });
/** The footer's "Cookie settings" button (every page has it). */
const footerSettings = (page) => page.locator('footer.site-footer [data-cc="show-preferencesModal"]');

/** Open a page and wait for the engine (see engineReady). */
async function visit(page, path) {
  await page.goto(env.url + path);
  await engineReady(page);
}

/** Wait for `window.consentReady` (set by consent-init.js or esm-init.js) to resolve. */
async function engineReady(page) {
  await page.waitForFunction(() => window.consentReady);
  await page.evaluate(() => window.consentReady);
}

/** Wait (the panel refreshes on cc:* events and once a second) until `selector` reads `expected`. */
async function panelSays(page, selector, expected) {
  let last;
  try {
    await h.until(async () => (last = (await page.locator(`#consent-status ${selector}`).textContent())?.trim()) === expected, { timeout: 3000 });
  } catch {
    assert.equal(last, expected, `status panel: ${selector}`);
  }
}
const badge = (category) => `[data-status-category=${category}] [data-status-badge]`;
const consentOf = (category) => `[data-status-category=${category}] [data-status-consent]`;
const inlineOf = (category) => `[data-status-category=${category}] [data-status-inline]`;
/** The panel's cookie chips and its event names (newest first). */
const panelCookies = (page) => page.locator('#consent-status [data-status-cookies] li').allTextContents();
const panelEvents = (page) => page.locator('#consent-status [data-status-events] code').allTextContents();

/** What the demo trackers left on the page: the `<html>` marks, the global, the cookies. */
const traces = (page) =>
  page.evaluate(() => {
    const root = document.documentElement;
    const marks = {};
    for (const a of root.attributes) if (a.name.startsWith('data-demo-')) marks[a.name.slice('data-demo-'.length)] = a.value;
    const cookies = document.cookie.split(/;\s*/).map((c) => c.split('=')[0]).filter((n) => n.startsWith('_demo_')).sort();
    return { marks, insights: typeof window.demoInsights, cookies };
  });

/** How often the page requested each demo tracker. */
const trackerRequests = (page) => ({
  analytics: h.requested(page, '/demo/analytics.js').length,
  marketing: h.requested(page, '/demo/marketing.js').length,
});

/** Held scripts are released (and run) asynchronously: wait for the marks of these releases. */
async function waitForMarks(page, marks) {
  await h.until(async () => {
    const now = (await traces(page)).marks;
    return Object.entries(marks).every(([k, v]) => now[k] === v);
  }, { message: `<html> marks ${JSON.stringify(marks)}` });
}

async function assertBannerIn(page, lang) {
  await h.assertBannerShown(page);
  const t = texts(lang).consentModal;
  assert.equal(await text(cm(page).locator('.cm__title')), t.title, `${lang}: banner title`);
  assert.equal(await text(cm(page).locator('.cm__desc')), t.description, `${lang}: banner description`);
  for (const label of [t.acceptAllBtn, t.acceptNecessaryBtn, t.showPreferencesBtn]) {
    assert.equal(await button(cm(page), label).count(), 1, `${lang}: banner button "${label}"`);
  }
}

/** The footer's "Cookie settings" opens the preferences modal; Escape closes it, the banner stays. */
async function assertFooterOpensPreferences(page) {
  await footerSettings(page).click();
  await h.assertPrefsShown(page);
  assert.equal(await text(pm(page).locator('.pm__title')), TR.en.preferencesModal.title);
  await page.keyboard.press('Escape');
  await h.assertPrefsHidden(page);
  await h.assertBannerShown(page);
}

/** A screenshot at 1280×800 (and 375×740 with `mobile`): tests/out/demo/<name>[-375].png. */
async function shoot(page, name, { mobile = false } = {}) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  if (!mobile) return;
  await page.setViewportSize(MOBILE);
  await page.screenshot({ path: join(SHOTS, `${name}-375.png`) });
  await page.setViewportSize(DESKTOP);
}

// ---- the home page ------------------------------------------------------------------------

describe('home page', () => {
  test('first visit: the banner, both trackers held, the panel says "blocked"', async () => {
    await env.session(VISITOR, async ({ page }) => {
      await visit(page, '/');
      await assertBannerIn(page, 'en');
      assert.equal(await cm(page).locator('a[href="/privacy.html"]').count(), 1, "the banner's footer links the privacy policy");
      await panelSays(page, '[data-status-engine]', EN.ready);
      await page.waitForTimeout(500); // a release would have happened by now

      assert.deepEqual(trackerRequests(page), { analytics: 0, marketing: 0 }, 'no demo tracker requested');
      assert.deepEqual(env.served.filter((p) => p.startsWith('/demo/')), [], 'the server saw no tracker request');
      assert.deepEqual(await traces(page), { marks: {}, insights: 'undefined', cookies: [] }, 'no tracker ran: no mark, no window.demoInsights, no cookie');
      assert.equal(await page.locator('script[type="text/plain"][data-category]').count(), 5, 'the five held scripts are still inert');
      for (const category of ['analytics', 'marketing']) {
        await panelSays(page, badge(category), EN.blocked);
        await panelSays(page, consentOf(category), EN.pending);
        await panelSays(page, inlineOf(category), EN.notRun);
      }
      await panelSays(page, '[data-status-record]', EN.noRecord);
      assert.deepEqual(await panelCookies(page), [EN.noCookies]);
      assert.deepEqual(await panelEvents(page), ['onModalShow'], 'the banner was shown, nothing else');
      assert.equal(await h.localValue(page), null, 'no choice stored');
      await shoot(page, 'home-first-visit', { mobile: true });
    });
  });

  test('accept all: both trackers and inline snippets run, again after a reload', async () => {
    await env.session(VISITOR, async ({ page }) => {
      await visit(page, '/');
      await h.assertBannerShown(page);
      await button(cm(page), TR.en.consentModal.acceptAllBtn).click();
      await h.assertBannerHidden(page);
      const ran = { analytics: 'running', 'analytics-inline': 'ran', marketing: 'running', 'marketing-inline': 'ran' };
      await waitForMarks(page, ran);

      assert.deepEqual(trackerRequests(page), { analytics: 1, marketing: 1 }, 'each tracker requested once');
      assert.deepEqual(await traces(page), { marks: ran, insights: 'object', cookies: ['_demo_an', '_demo_an_id', '_demo_mk'] }, 'both trackers and snippets ran, !analytics did not');
      assert.equal(await page.evaluate(() => window.demoInsights.isRunning()), true);
      for (const category of ['analytics', 'marketing']) {
        await panelSays(page, badge(category), EN.running);
        await panelSays(page, consentOf(category), EN.granted);
        await panelSays(page, inlineOf(category), EN.ran);
      }
      assert.deepEqual(await panelCookies(page), ['_demo_an', '_demo_an_id', '_demo_mk']);
      assert.match(await text(page.locator('#consent-status [data-status-record]')), /^cc_cookie: saved in localStorage, /);
      const consentEvents = (await panelEvents(page)).filter((e) => e === 'onConsent' || e === 'onFirstConsent');
      assert.deepEqual(consentEvents, ['onConsent', 'onFirstConsent'], 'onFirstConsent, then onConsent (newest first), once each');
      assert.deepEqual((await h.stored(page)).categories, ['necessary', 'analytics', 'marketing']);

      await page.reload();
      await engineReady(page);
      await waitForMarks(page, ran);
      await h.assertBannerHidden(page);
      assert.deepEqual(trackerRequests(page), { analytics: 2, marketing: 2 }, 'requested again after the reload');
      assert.equal(await page.evaluate(() => window.demoInsights.isRunning()), true);
      for (const category of ['analytics', 'marketing']) await panelSays(page, badge(category), EN.running);
      await h.until(async () => (await panelEvents(page)).includes('onConsent'), { message: 'onConsent in the panel after the reload' });
      assert.ok(!(await panelEvents(page)).includes('onFirstConsent'), 'no onFirstConsent on a later visit');
      assert.ok(!(await panelEvents(page)).includes('onModalShow'), 'no banner on a later visit');
    });
  });

  test('preferences from the footer: analytics only, then withdrawn', async () => {
    await env.session(VISITOR, async ({ page }) => {
      const t = TR.en.preferencesModal;
      await visit(page, '/');
      await h.assertBannerShown(page);
      await footerSettings(page).click();
      await h.assertPrefsShown(page);
      assert.equal(await text(pm(page).locator('.pm__title')), t.title);
      const analytics = pm(page).locator('input.section__toggle[value=analytics]');
      const marketing = pm(page).locator('input.section__toggle[value=marketing]');
      assert.equal(await analytics.isChecked(), false, 'opt-in: analytics starts off');
      assert.equal(await marketing.isChecked(), false, 'opt-in: marketing starts off');
      await analytics.click();
      assert.equal(await analytics.isChecked(), true);
      await shoot(page, 'home-preferences', { mobile: true });
      await button(pm(page), t.savePreferencesBtn).click();
      await h.assertPrefsHidden(page);
      await h.assertBannerHidden(page);
      await waitForMarks(page, { analytics: 'running', 'analytics-inline': 'ran' });
      await page.waitForTimeout(300); // marketing would have been released with analytics

      assert.deepEqual(trackerRequests(page), { analytics: 1, marketing: 0 });
      assert.deepEqual(await traces(page), { marks: { analytics: 'running', 'analytics-inline': 'ran' }, insights: 'object', cookies: ['_demo_an', '_demo_an_id'] });
      await panelSays(page, badge('analytics'), EN.running);
      await panelSays(page, badge('marketing'), EN.blocked);
      await panelSays(page, consentOf('marketing'), EN.denied);
      assert.deepEqual((await h.stored(page)).categories, ['necessary', 'analytics']);

      // Withdraw analytics: the !analytics snippet stops the tracker, autoClear removes its cookies.
      await footerSettings(page).click();
      await h.assertPrefsShown(page);
      assert.equal(await analytics.isChecked(), true, 'the modal shows the saved choice');
      await analytics.click();
      await button(pm(page), t.savePreferencesBtn).click();
      await h.assertPrefsHidden(page);
      await waitForMarks(page, { 'analytics-withdrawn': 'yes' });

      assert.deepEqual(await traces(page), {
        marks: { analytics: 'stopped', 'analytics-inline': 'ran', 'analytics-withdrawn': 'yes' },
        insights: 'object',
        cookies: [],
      }, 'the tracker was stopped and its cookies erased');
      assert.equal(await page.evaluate(() => window.demoInsights.isRunning()), false);
      await panelSays(page, badge('analytics'), EN.stopped);
      await panelSays(page, consentOf('analytics'), EN.denied);
      await panelSays(page, badge('marketing'), EN.blocked);
      assert.deepEqual(await panelCookies(page), [EN.noCookies]);
      assert.deepEqual(trackerRequests(page), { analytics: 1, marketing: 0 }, 'nothing requested on withdrawal');
      assert.deepEqual((await h.stored(page)).categories, ['necessary']);

      // Granted again in the same page view: v3 runs a held script once per page view, so the
      // panel says it runs on the next load — and after a reload it does.
      await footerSettings(page).click();
      await h.assertPrefsShown(page);
      await analytics.click();
      await button(pm(page), t.savePreferencesBtn).click();
      await h.assertPrefsHidden(page);
      await panelSays(page, consentOf('analytics'), EN.granted);
      await panelSays(page, badge('analytics'), EN.reload);
      await page.reload();
      await engineReady(page);
      await waitForMarks(page, { analytics: 'running' });
      await panelSays(page, badge('analytics'), EN.running);
    });
  });
});

// ---- the other languages ------------------------------------------------------------------

describe('languages', () => {
  const order = Object.keys(HOMES);
  for (const lang of order.slice(1)) {
    test(`${HOMES[lang]}: <html lang="${tag(lang)}">, banner, preferences and panel in ${lang}, links to the other languages`, async () => {
      await env.session(VISITOR, async ({ page }) => {
        const t = texts(lang);
        await visit(page, HOMES[lang]);
        assert.equal(await page.locator('html').getAttribute('lang'), tag(lang));
        await assertBannerIn(page, lang);
        assert.equal(await text(cm(page).locator('a[href="/privacy.html"]')), /<a [^>]*>([^<]+)<\/a>/.exec(TR[lang].consentModal.footer)[1], `${lang}: the site's own privacy link`);
        await panelSays(page, '[data-status-engine]', WORDS[lang].ready);
        await panelSays(page, badge('analytics'), WORDS[lang].blocked);
        await panelSays(page, badge('marketing'), WORDS[lang].blocked);
        await shoot(page, `lang-${lang}`, { mobile: BUILT_IN.includes(lang) });

        await footerSettings(page).click();
        await h.assertPrefsShown(page);
        assert.equal(await text(pm(page).locator('.pm__title')), t.preferencesModal.title, `${lang}: preferences title`);
        assert.equal(await button(pm(page), t.preferencesModal.savePreferencesBtn).count(), 1, `${lang}: save button`);
        if (BUILT_IN.includes(lang)) {
          // No sections in the site's translation: built from the categories, in built-in words.
          for (const category of ['analytics', 'marketing']) {
            const counter = '1 ' + t.preferencesModal.serviceCounterLabel.split('|')[0]; // one service each
            assert.equal(await text(pm(page).locator(`.pm__section[data-category=${category}] .pm__section-title`)), `${t.categories[category].title} ${counter}`, `${lang}: the ${category} section's built-in title`);
          }
          await shoot(page, `lang-${lang}-preferences`);
        }
        await page.keyboard.press('Escape');
        await h.assertPrefsHidden(page);

        const links = await page.locator('nav.lang-switch a').evaluateAll((as) => as.map((a) => [a.getAttribute('hreflang'), a.getAttribute('href'), a.getAttribute('aria-current')]));
        assert.deepEqual(links, order.map((code) => [tag(code), HOMES[code], code === lang ? 'page' : null]), 'every language, this one marked current');

        // The next language's link leads to its page, with its banner.
        const next = order[(order.indexOf(lang) % (order.length - 1)) + 1];
        await page.locator(`nav.lang-switch a[href="${HOMES[next]}"]`).click();
        await page.waitForURL(env.url + HOMES[next]);
        await engineReady(page);
        assert.equal(await page.locator('html').getAttribute('lang'), tag(next));
        await assertBannerIn(page, next);
      });
    });
  }

  test('a choice is recorded in the language of the page it was made on; the English page keeps it', async () => {
    for (const lang of ['de', ...BUILT_IN]) {
      await env.session(VISITOR, async ({ page }) => {
        await visit(page, HOMES[lang]);
        await button(cm(page), texts(lang).consentModal.acceptNecessaryBtn).click();
        await h.assertBannerHidden(page);
        assert.equal((await h.stored(page)).languageCode, lang);
        await panelSays(page, consentOf('analytics'), WORDS[lang].denied);
        await page.locator('nav.lang-switch a[hreflang=en]').click();
        await page.waitForURL(env.url + '/');
        await engineReady(page);
        await h.assertBannerHidden(page);
        await panelSays(page, consentOf('analytics'), EN.denied);
        assert.deepEqual(trackerRequests(page), { analytics: 0, marketing: 0 });
      });
    }
  });
});

// ---- the privacy settings page ------------------------------------------------------------

describe('/preferences.html', () => {
  test('the inline preference center: a choice, its history, the receipt', async () => {
    await env.session(VISITOR, async ({ page }) => {
      await visit(page, '/preferences.html');
      await h.assertBannerShown(page);
      const pc = page.locator('#privacy-center .cc-pc');
      await pc.waitFor({ state: 'visible' });
      assert.equal(await page.locator('#privacy-center-fallback').isVisible(), false, 'the fallback button is hidden');
      assert.equal(await text(pc.locator('.pm__title')), TR.en.preferencesModal.title);
      assert.equal(await pc.locator('.cc-pc__history-empty').count(), 1, 'no history yet');

      await pc.locator('input.section__toggle[value=analytics]').click();
      await button(pc, TR.en.preferencesModal.savePreferencesBtn).click();
      await h.assertBannerHidden(page);
      await waitForMarks(page, { analytics: 'running', 'analytics-inline': 'ran' });
      await panelSays(page, badge('analytics'), EN.running);
      await panelSays(page, badge('marketing'), EN.blocked);

      const items = pc.locator('.cc-pc__history-list li');
      assert.equal(await items.count(), 1, 'the choice is in the history');
      assert.match(await text(items.first()), /Accepted: Analytics$/);
      assert.match(await items.first().locator('time').getAttribute('datetime'), h.ISO);
      await page.screenshot({ path: join(SHOTS, 'preferences-page.png'), fullPage: true });

      const [download] = await Promise.all([page.waitForEvent('download'), pc.locator('[data-role=receipt]').click()]);
      const receipt = JSON.parse(readFileSync(await download.path(), 'utf8'));
      const cookie = await h.api(page, 'getCookie');
      assert.match(receipt.consentId, h.UUID_V4);
      assert.equal(receipt.consentId, cookie.consentId, 'the receipt names this consent');
      assert.equal(download.suggestedFilename(), `consent-receipt-${cookie.consentId}.json`);
      assert.deepEqual(receipt.acceptedCategories, ['necessary', 'analytics']);
      assert.deepEqual(receipt.rejectedCategories, ['marketing']);
      assert.equal(receipt.history.length, 1);
    });
  });
});

// ---- the other pages ----------------------------------------------------------------------

describe('other pages', () => {
  test('/data-config.html: configured from /consent.json; its own buttons work', async () => {
    await env.session(VISITOR, async ({ page }) => {
      await page.goto(env.url + '/data-config.html');
      await assertBannerIn(page, 'en');
      assert.ok(env.served.includes('/consent.json'), 'the config came from /consent.json');
      assert.ok(!env.served.includes('/js/consent-config.js'), 'and not from the script');
      assert.equal(await page.locator('.status-panel').count(), 0, 'no status panel on this page');
      await assertFooterOpensPreferences(page);
      await page.locator('main [data-cc="accept-all"]').click();
      await h.assertBannerHidden(page);
      await waitForMarks(page, { analytics: 'running', 'analytics-inline': 'ran', marketing: 'running', 'marketing-inline': 'ran' });
      assert.deepEqual((await traces(page)).cookies, ['_demo_an', '_demo_an_id', '_demo_mk']);
      // JSON has no RegExp: /consent.json names both analytics cookies; rejecting erases them.
      await page.locator('main [data-cc="accept-necessary"]').click();
      await waitForMarks(page, { 'analytics-withdrawn': 'yes' });
      assert.deepEqual((await traces(page)).cookies, [], 'the analytics and marketing cookies are erased');
    });
  });

  test('/esm.html: the ES module build runs the same demo', async () => {
    await env.session(VISITOR, async ({ page }) => {
      await visit(page, '/esm.html');
      await assertBannerIn(page, 'en');
      assert.equal(h.requested(page, '/dist/consentry.mjs').length, 1, 'the module build');
      assert.equal(h.requested(page, '/dist/consentry.js').length, 0, 'not the script build');
      await panelSays(page, '[data-status-engine]', EN.ready);
      await panelSays(page, badge('analytics'), EN.blocked);
      await assertFooterOpensPreferences(page);
      await button(cm(page), TR.en.consentModal.acceptAllBtn).click();
      await h.assertBannerHidden(page);
      await waitForMarks(page, { analytics: 'running', marketing: 'running' });
      await panelSays(page, badge('analytics'), EN.running);
      await panelSays(page, badge('marketing'), EN.running);
      await panelSays(page, consentOf('marketing'), EN.granted);
    });
  });

  test('/pricing.html: the banner and the status panel', async () => {
    await env.session(VISITOR, async ({ page }) => {
      await visit(page, '/pricing.html');
      await assertBannerIn(page, 'en');
      await panelSays(page, '[data-status-engine]', EN.ready);
      await panelSays(page, badge('analytics'), EN.blocked);
      await panelSays(page, badge('marketing'), EN.blocked);
      assert.deepEqual(trackerRequests(page), { analytics: 0, marketing: 0 });
      await assertFooterOpensPreferences(page);
    });
  });

  test('/privacy.html: the banner; the policy opens the settings; its cookie table matches the config', async () => {
    await env.session(VISITOR, async ({ page }) => {
      await visit(page, '/privacy.html');
      await assertBannerIn(page, 'en');
      await page.locator('main [data-cc="show-preferencesModal"]').click();
      await h.assertPrefsShown(page);
      await button(pm(page), TR.en.preferencesModal.acceptNecessaryBtn).click();
      await h.assertPrefsHidden(page);
      await h.assertBannerHidden(page);
      assert.deepEqual((await h.stored(page)).categories, ['necessary']);

      const listed = await page.locator('main table tbody td[data-label=Name]').allTextContents();
      const configured = TR.en.preferencesModal.sections.flatMap((s) => s.cookieTable?.body.map((row) => row.name) ?? []);
      assert.deepEqual(listed, configured, 'the policy lists the cookies the banner declares');
    });
  });
});
