// The visitor's journey on a page with held scripts (pages/site.html): first visit, reject,
// accept all, a custom selection in the preferences modal, withdrawal, a revision bump.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as h from './harness.mjs';

/** Held scripts of pages/site.html in document order, by what they record. */
const ALL_IN_ORDER = ['inline-1', 'slow', 'inline-2', 'ext-module:string', 'ga', 'hotjar', 'marketing', 'ads'];
const withoutInlineModule = (list) => list.filter((x) => x !== 'module:string');
const heldRequests = (page) => [...h.requested(page, '/held/'), ...h.requested(page, '/slow/')];
const heldServed = (env) => env.served.filter((p) => p.startsWith('/held/') || p.startsWith('/slow/'));

/** Entries of the page's event log with this name, split by kind. */
async function fired(page, name) {
  const entries = (await h.log(page)).filter((e) => e.name === name);
  return { callbacks: entries.filter((e) => e.kind === 'callback'), events: entries.filter((e) => e.kind === 'event') };
}

async function assertFiredOnce(page, name) {
  const { callbacks, events } = await fired(page, name);
  assert.equal(callbacks.length, 1, `${name}: callback once`);
  assert.equal(events.length, 1, `cc:${name}: window event once`);
  assert.deepEqual(callbacks[0].detail, events[0].detail, `${name}: callback and event have the same detail`);
  return callbacks[0].detail;
}

async function assertNotFired(page, name) {
  const { callbacks, events } = await fired(page, name);
  assert.equal(callbacks.length + events.length, 0, `${name} must not fire`);
}

let env;
before(async () => {
  env = await h.start();
});
after(async () => {
  await env?.close();
});

describe('first visit', () => {
  test('shows the banner and releases nothing', async () => {
    await env.session(async ({ page, open }) => {
      assert.equal(await open('/site.html'), 'resolved');
      await h.assertBannerShown(page);
      assert.equal(await page.locator('#cc-main .cm__title').textContent(), 'We use cookies');
      assert.equal(await page.locator('#cc-main .cm__revision').count(), 0, 'no revision message on a first visit');

      assert.deepEqual(await h.quiet(page, 400), [], 'no held script ran');
      assert.deepEqual(heldRequests(page), [], 'no held external script was requested by the page');
      assert.deepEqual(heldServed(env), [], 'the server saw no request for a held script');
      const stillHeld = await page.evaluate(() => document.querySelectorAll('script[type="text/plain"][data-category]').length);
      assert.equal(stillHeld, 10, 'every held script is still inert');

      const ready = await assertFiredOnce(page, 'onModalReady');
      assert.equal(ready.modalName, 'consentModal');
      const shown = await assertFiredOnce(page, 'onModalShow');
      assert.equal(shown.modalName, 'consentModal');
      await assertNotFired(page, 'onConsent');
      await assertNotFired(page, 'onFirstConsent');

      assert.equal(await h.localValue(page), null, 'nothing stored before a choice');
      assert.equal(await h.api(page, 'validConsent'), false);
      assert.equal(await h.api(page, 'acceptedCategory', 'analytics'), false);
      assert.equal(await h.api(page, 'acceptedCategory', 'necessary'), false, 'v3: nothing is accepted before consent');

      // The page itself works while the banner is up.
      await page.click('#page-btn');
      assert.equal(await page.evaluate(() => window.pageClicks), 1);

      await page.waitForTimeout(400);
      await page.screenshot({ path: join(h.outDir(), 'banner.png') });
    });
  });
});

describe('reject all', () => {
  test('runs nothing, stores a necessary-only record, and stays quiet after reload', async () => {
    await env.session(async ({ page, open }) => {
      await open('/site.html');
      await h.assertBannerShown(page);
      const before = Date.now();
      await page.click('#cc-main .cm__btn[data-role=necessary]');
      await h.assertBannerHidden(page);
      assert.deepEqual(await h.quiet(page, 400), [], 'nothing ran');
      assert.deepEqual(heldRequests(page), [], 'no held script was requested');

      const r = await h.stored(page);
      assert.ok(r, 'a record is stored under cc_cookie in localStorage');
      assert.deepEqual(r.categories, ['necessary'], 'only the read-only categories');
      assert.match(r.consentId, h.UUID_V4);
      assert.match(r.consentTimestamp, h.ISO);
      assert.match(r.lastConsentTimestamp, h.ISO);
      const t = Date.parse(r.consentTimestamp);
      assert.ok(t >= before - 1000 && t <= Date.now() + 1000, 'consentTimestamp is now');
      assert.equal(r.revision, 0);
      assert.equal(typeof r.expirationTime, 'number');
      const days = (r.expirationTime - t) / 86_400_000;
      assert.ok(Math.abs(days - 182) < 0.01, `expires after 182 days (got ${days})`);
      assert.deepEqual(r.services, { necessary: [], analytics: [], marketing: [] });
      assert.equal(r.languageCode, 'en');

      const prefs = await h.api(page, 'getUserPreferences');
      assert.equal(prefs.acceptType, 'necessary');
      assert.deepEqual(prefs.acceptedCategories, ['necessary']);
      assert.deepEqual(prefs.rejectedCategories, ['analytics', 'marketing']);
      assert.equal(await h.api(page, 'validConsent'), true);

      const first = await assertFiredOnce(page, 'onFirstConsent');
      assert.deepEqual(first.cookie, r, 'onFirstConsent detail.cookie is the stored record');
      await assertFiredOnce(page, 'onConsent');
      await assertNotFired(page, 'onChange');

      await page.reload();
      assert.equal(await h.settled(page), 'resolved');
      assert.deepEqual(await h.quiet(page, 400), [], 'still nothing runs after reload');
      assert.deepEqual(heldRequests(page), [], 'no held script requested after reload');
      await h.assertBannerHidden(page);
      await assertFiredOnce(page, 'onConsent');
      await assertNotFired(page, 'onFirstConsent');
      assert.deepEqual(await h.stored(page), r, 'the record is unchanged by a reload');
    });
  });
});

describe('accept all', () => {
  test('releases every held script in document order, with its attributes', async () => {
    await env.session(async ({ page, open }) => {
      await open('/site.html');
      await h.assertBannerShown(page);
      const requestsBefore = page.requests.length;
      await page.click('#cc-main .cm__btn[data-role=all]');
      await h.assertBannerHidden(page);
      await h.until(async () => (await h.ran(page)).length >= ALL_IN_ORDER.length + 1, { message: 'all held scripts' });
      const list = await h.quiet(page, 300);

      assert.deepEqual(withoutInlineModule(list), ALL_IN_ORDER, 'classic and external scripts run in document order; inline-2 waited for the slow one');
      assert.equal(list.filter((x) => x === 'module:string').length, 1, 'data-type="module" became a module script (import.meta works)');
      assert.ok(!list.includes('analytics-withdrawn'), '!analytics does not run on acceptance');
      assert.ok(page.requests.slice(requestsBefore).some((u) => u.endsWith('/slow/held/slow.js')), 'the slow script was fetched after the click');

      const attrs = await page.evaluate(() => window.inline1);
      assert.deepEqual(attrs, { nonce: 'n0nce', extra: 'kept', id: 'held-1', type: '', referrerpolicy: 'no-referrer', category: null }, 'data-category is dropped, as v3 does');
      assert.equal(await page.evaluate(() => document.getElementById('held-ext-module').type), 'module');
      const left = await page.evaluate(() => [...document.querySelectorAll('script[type="text/plain"]:not([data-cc-live])')].map((s) => s.dataset.category));
      assert.deepEqual(left, ['!analytics'], 'only the withdrawal script is still held (released ones stay in place, marked data-cc-live)');

      const first = await assertFiredOnce(page, 'onFirstConsent');
      const consent = await assertFiredOnce(page, 'onConsent');
      assert.deepEqual(first.cookie.categories, ['necessary', 'analytics', 'marketing']);
      const seen = (await h.log(page)).find((e) => e.kind === 'callback' && e.name === 'onConsent').seen;
      assert.deepEqual(seen, { accepted: ['necessary', 'analytics', 'marketing'], valid: true }, 'inside onConsent the API already reports the new consent');
      assert.deepEqual(consent.cookie, await h.stored(page));
      const order = (await h.log(page)).filter((e) => e.kind === 'callback').map((e) => e.name);
      assert.ok(order.indexOf('onFirstConsent') < order.indexOf('onConsent'), 'onFirstConsent before onConsent');
      await assertNotFired(page, 'onChange');
      const prefs = await h.api(page, 'getUserPreferences');
      assert.equal(prefs.acceptType, 'all');
      assert.deepEqual(prefs.acceptedServices, { necessary: [], analytics: ['ga', 'hotjar'], marketing: ['ads'] });

      await page.reload();
      assert.equal(await h.settled(page), 'resolved');
      await h.until(async () => (await h.ran(page)).length >= ALL_IN_ORDER.length + 1, { message: 'all held scripts after reload' });
      assert.deepEqual(withoutInlineModule(await h.quiet(page, 300)), ALL_IN_ORDER, 'everything runs again, in order');
      await h.assertBannerHidden(page);
      await assertFiredOnce(page, 'onConsent');
      await assertNotFired(page, 'onFirstConsent');
      const seenAfterReload = (await h.log(page)).find((e) => e.kind === 'callback' && e.name === 'onConsent').seen;
      assert.deepEqual(seenAfterReload, { accepted: ['necessary', 'analytics', 'marketing'], valid: true });
    });
  });

  test('a nonce carries over under a nonce-based Content-Security-Policy', async () => {
    env.headers.set('/site.html', { 'content-security-policy': "script-src 'self' 'nonce-n0nce' 'wasm-unsafe-eval'" });
    try {
      await env.session({ allowConsole: true }, async ({ page, open }) => {
        assert.equal(await open('/site.html'), 'resolved');
        await page.click('#cc-main .cm__btn[data-role=all]');
        await h.until(async () => (await h.ran(page)).includes('hotjar'), { message: 'external scripts under CSP' });
        const list = await h.quiet(page, 300);
        assert.equal(list[0], 'inline-1', 'the inline script with the nonce ran under the CSP');
        assert.equal((await page.evaluate(() => window.inline1)).nonce, 'n0nce');
        assert.ok(!list.includes('inline-2'), 'control: an inline script without nonce is blocked by this CSP');
        assert.ok(list.includes('slow') && list.includes('marketing'), "external 'self' scripts still run in order");
      });
    } finally {
      env.headers.delete('/site.html');
    }
  });
});

describe('custom selection in the preferences modal', () => {
  test('runs exactly the chosen category and service scripts', async () => {
    await env.session(async ({ page, open }) => {
      await open('/site.html');
      await h.assertBannerShown(page);
      await page.click('#cc-main .cm__btn[data-role=show]');
      await h.assertPrefsShown(page);
      assert.equal(await page.locator('#cc-main .pm__title').textContent(), 'Cookie preferences');

      const analytics = page.locator('#cc-main input.section__toggle[value=analytics]');
      const marketing = page.locator('#cc-main input.section__toggle[value=marketing]');
      const necessary = page.locator('#cc-main input.section__toggle[value=necessary]');
      assert.equal(await necessary.isChecked(), true);
      assert.equal(await necessary.isDisabled(), true, 'read-only category: on and disabled');
      assert.equal(await analytics.isChecked(), false, 'opt-in: off before consent');
      await analytics.click();
      assert.equal(await analytics.isChecked(), true);

      // Services of analytics: expand the section, then switch hotjar off.
      await h.expand(page, 'analytics');
      const ga = page.locator('#cc-main input.service__toggle[data-category=analytics][value=ga]');
      const hotjar = page.locator('#cc-main input.service__toggle[data-category=analytics][value=hotjar]');
      assert.equal(await ga.isChecked(), true, 'turning a category on turns its services on');
      assert.equal(await hotjar.isChecked(), true);
      await hotjar.click();
      assert.equal(await hotjar.isChecked(), false);
      assert.equal(await analytics.isChecked(), true, 'the category stays on while one service is on');
      assert.equal(await marketing.isChecked(), false);

      await page.waitForTimeout(400); // let the toggles' transitions finish
      await page.screenshot({ path: join(h.outDir(), 'preferences.png') });

      await page.evaluate(() => {
        document.cookie = '_hjSessionUser_1=x; path=/';
        document.cookie = '_ga=GA1.1; path=/';
      });
      await page.click('#cc-main .pm__btn[data-role=save]');
      await h.assertPrefsHidden(page);
      await h.assertBannerHidden(page);
      await h.until(async () => (await h.ran(page)).includes('ga'), { message: 'ga script' });
      const list = await h.quiet(page, 400);
      assert.deepEqual(withoutInlineModule(list), ['inline-1', 'slow', 'inline-2', 'ext-module:string', 'ga']);
      assert.ok(list.includes('module:string'));
      assert.deepEqual(h.requested(page, '/held/hotjar.js'), [], 'the rejected service was never fetched');
      assert.deepEqual(h.requested(page, '/held/marketing.js'), [], 'the rejected category was never fetched');

      const prefs = await h.api(page, 'getUserPreferences');
      assert.equal(prefs.acceptType, 'custom');
      assert.deepEqual(prefs.acceptedCategories, ['necessary', 'analytics']);
      assert.deepEqual(prefs.rejectedCategories, ['marketing']);
      assert.deepEqual(prefs.acceptedServices.analytics, ['ga']);
      assert.deepEqual(prefs.rejectedServices.analytics, ['hotjar']);
      assert.deepEqual(prefs.rejectedServices.marketing, ['ads']);
      const r = await h.stored(page);
      assert.deepEqual(r.categories, ['necessary', 'analytics']);
      assert.deepEqual(r.services.analytics, ['ga']);
      assert.equal(await h.api(page, 'acceptedService', 'ga', 'analytics'), true);
      assert.equal(await h.api(page, 'acceptedService', 'hotjar', 'analytics'), false);
      const jar = await h.pageCookies(page);
      assert.ok(!('_hjSessionUser_1' in jar), "the rejected service's declared cookie (RegExp) is erased");
      assert.equal(jar._ga, 'GA1.1', "an accepted category's cookie is kept");

      // data-cc buttons in the page open the modal; it shows the stored choice; Escape closes.
      await page.click('#open-prefs');
      await h.assertPrefsShown(page);
      assert.equal(await analytics.isChecked(), true);
      assert.equal(await marketing.isChecked(), false);
      assert.equal(await hotjar.isChecked(), false);
      await page.keyboard.press('Escape');
      await h.assertPrefsHidden(page);
      assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'open-prefs', 'focus returns to the button that opened the modal');
      await page.click('#link-prefs');
      await h.assertPrefsShown(page);
      assert.equal(new URL(page.url()).hash, '', 'the data-cc link does not navigate');
      await page.keyboard.press('Escape');
      await h.assertPrefsHidden(page);
      await page.click('#open-prefs');
      await h.assertPrefsShown(page);
      await page.click('#cc-main .pm__close-btn');
      await h.assertPrefsHidden(page);
      assert.deepEqual(await h.stored(page), r, 'closing the modal changes nothing');

      await page.reload();
      await h.settled(page);
      await h.until(async () => (await h.ran(page)).includes('ga'), { message: 'ga after reload' });
      assert.deepEqual(withoutInlineModule(await h.quiet(page, 400)), ['inline-1', 'slow', 'inline-2', 'ext-module:string', 'ga'], 'the same selection after reload');
    });
  });
});

describe('withdrawal', () => {
  test('acceptCategory([]) runs !analytics once, erases declared cookies and fires onChange', async () => {
    await env.session(async ({ page, open }) => {
      await open('/site.html');
      await page.click('#cc-main .cm__btn[data-role=all]');
      await h.until(async () => (await h.ran(page)).length >= ALL_IN_ORDER.length + 1, { message: 'all held scripts' });
      const before = await h.quiet(page, 200);
      await page.evaluate(() => {
        for (const c of ['_ga=GA1.2', '_ga_ABC123=GS1', '_gid=G', '_hjSession_9=1', 'keep_me=1']) document.cookie = c + '; path=/';
        localStorage.setItem('amplitude_id', 'a');
        localStorage.setItem('_hjid', 'h');
        sessionStorage.setItem('_hjSession', 's');
        localStorage.setItem('keep_key', 'k');
      });
      await h.clearLog(page);

      await h.api(page, 'acceptCategory', []);
      await h.until(async () => (await h.ran(page)).includes('analytics-withdrawn'), { message: '!analytics script' });
      const list = await h.quiet(page, 300);
      assert.deepEqual(list, [...before, 'analytics-withdrawn'], 'only the withdrawal script ran, once');

      const jar = await h.pageCookies(page);
      for (const name of ['_ga', '_ga_ABC123', '_gid', '_hjSession_9']) assert.ok(!(name in jar), `${name} erased`);
      assert.equal(jar.keep_me, '1', 'undeclared cookies are kept');
      const keys = await page.evaluate(() => ({ local: Object.keys(localStorage).sort(), session: Object.keys(sessionStorage).sort() }));
      assert.deepEqual(keys, { local: ['cc_cookie', 'cc_cookie_history', 'keep_key'], session: [] }, 'autoClear.storageKeys (string and RegExp) removed, others (and consentry\'s own record and history) kept');

      const change = await assertFiredOnce(page, 'onChange');
      assert.deepEqual(change.changedCategories, ['analytics', 'marketing']);
      assert.deepEqual(change.changedServices, { necessary: [], analytics: ['ga', 'hotjar'], marketing: ['ads'] });
      assert.deepEqual(change.cookie.categories, ['necessary']);
      await assertNotFired(page, 'onFirstConsent');
      assert.equal(await h.api(page, 'acceptedCategory', 'analytics'), false);
      assert.deepEqual((await h.stored(page)).categories, ['necessary']);

      // Nothing new: the same choice again changes nothing and runs nothing.
      await h.clearLog(page);
      await h.api(page, 'acceptCategory', []);
      assert.deepEqual(await h.quiet(page, 300), list);
      await assertNotFired(page, 'onChange');

      await page.reload();
      await h.settled(page);
      assert.deepEqual(await h.quiet(page, 400), [], 'after reload: nothing runs, not even !analytics');
    });
  });
});

describe('revision bump', () => {
  test('a record of revision 1 under a revision 2 config asks again', async () => {
    const init = h.seed(h.record({ categories: ['necessary', 'analytics', 'marketing'], revision: 1 }));
    // Control: the same record under revision 1 is a valid consent.
    await env.session({ init }, async ({ page, open }) => {
      await open('/site.html?revision=1');
      await h.until(async () => (await h.ran(page)).includes('ads'), { message: 'control: seeded consent applies' });
      await h.assertBannerHidden(page);
    });
    await env.session({ init }, async ({ page, open }) => {
      assert.equal(await open('/site.html?revision=2'), 'resolved');
      await h.assertBannerShown(page);
      const note = page.locator('#cc-main .cm__revision');
      assert.equal(await note.isVisible(), true, 'revisionMessage visible');
      assert.equal((await note.textContent()).trim(), 'Our cookie policy changed since your last visit.');
      assert.deepEqual(await h.quiet(page, 400), [], 'nothing held runs until the visitor chooses');
      assert.deepEqual(heldRequests(page), []);
      assert.equal(await h.api(page, 'validConsent'), false);
      await assertNotFired(page, 'onConsent');

      await page.click('#cc-main .cm__btn[data-role=all]');
      await h.until(async () => (await h.ran(page)).includes('ads'), { message: 'scripts after choosing' });
      const r = await h.stored(page);
      assert.equal(r.revision, 2);
      assert.deepEqual(r.categories, ['necessary', 'analytics', 'marketing']);
      await page.reload();
      await h.settled(page);
      await h.assertBannerHidden(page);
    });
  });
});

describe('autoClear.reloadPage', () => {
  test('withdrawing the category reloads the page; accepting does not', async () => {
    await env.session(async ({ page, open }) => {
      await open('/site.html?reload');
      await page.click('#cc-main .cm__btn[data-role=all]');
      await h.until(async () => (await h.ran(page)).includes('ads'), { message: 'held scripts' });
      await page.evaluate(() => (window.marker = 'before'));
      await page.waitForTimeout(200);
      assert.equal(await page.evaluate(() => window.marker), 'before', 'no reload on acceptance');
      await Promise.all([page.waitForEvent('load'), page.evaluate(() => window.CookieConsent.acceptCategory([]))]);
      await h.settled(page);
      assert.equal(await page.evaluate(() => window.marker), undefined, 'the page reloaded');
      assert.deepEqual((await h.stored(page)).categories, ['necessary']);
      assert.deepEqual(await h.quiet(page, 300), []);
    });
  });
});

describe('withdrawal while held scripts are still loading', () => {
  test('queued scripts of a withdrawn category never run', async () => {
    await env.session(async ({ page, open }) => {
      await open('/site.html');
      // Accept all, then withdraw at once: the slow external script is in flight, the rest
      // of the analytics and marketing scripts wait behind it.
      await page.evaluate(() => {
        document.querySelector('#cc-main .cm__btn[data-role=all]').click();
        window.CookieConsent.acceptCategory([]);
      });
      const list = await h.quiet(page, h.SLOW_MS + 400);
      for (const name of ['inline-2', 'ext-module:string', 'ga', 'hotjar', 'marketing', 'ads', 'module:string']) {
        assert.ok(!list.includes(name), `${name} must not run after the withdrawal (ran: ${list})`);
      }
      assert.ok(list.includes('analytics-withdrawn'), `the withdrawal script ran (${list})`);
      assert.deepEqual(h.requested(page, '/held/marketing.js'), [], 'nothing queued was fetched');
      assert.deepEqual((await h.stored(page)).categories, ['necessary']);
    });
  });
});

describe('mode: opt-out', () => {
  test('enabled categories run before consent; the banner still asks', async () => {
    await env.session(async ({ page, open }) => {
      await open('/site.html?mode=opt-out&enabled');
      await h.assertBannerShown(page);
      await h.until(async () => (await h.ran(page)).includes('hotjar'), { message: 'enabled analytics scripts' });
      const list = await h.quiet(page, 300);
      assert.ok(!list.includes('marketing') && !list.includes('ads'), 'categories not enabled stay held');
      assert.equal(await h.api(page, 'validConsent'), false);
      assert.equal(await h.api(page, 'acceptedCategory', 'analytics'), false, 'runs, but counts as accepted only once chosen (v3)');
      assert.deepEqual((await h.api(page, 'getUserPreferences')).acceptedCategories, ['necessary', 'analytics'], 'what runs now');
      assert.equal(await h.localValue(page), null);
      await page.click('#cc-main .cm__btn[data-role=necessary]');
      assert.equal(await h.api(page, 'acceptedCategory', 'analytics'), false);
      await page.reload();
      await h.settled(page);
      assert.deepEqual(await h.quiet(page, 300), [], 'after rejecting, nothing runs any more');
    });
  });
});

describe('disablePageInteraction', () => {
  test('blocks the page behind the banner and keeps focus in it', async () => {
    await env.session(async ({ page, open }) => {
      await open('/site.html?disablePageInteraction');
      await h.assertBannerShown(page);
      assert.ok((await h.htmlClasses(page)).includes('disable--interaction'));
      assert.equal(await page.locator('#cc-main .cm').getAttribute('aria-modal'), 'true');
      await page.mouse.click(20, 90); // where the page button is
      assert.equal(await page.evaluate(() => window.pageClicks), 0, 'the overlay takes the click');
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press('Tab');
        assert.ok(await page.evaluate(() => !!document.activeElement.closest('#cc-main .cm')), 'focus stays in the banner');
      }
      await page.click('#cc-main .cm__btn[data-role=necessary]');
      assert.ok(!(await h.htmlClasses(page)).includes('disable--interaction'));
      await page.click('#page-btn');
      assert.equal(await page.evaluate(() => window.pageClicks), 1);
    });
  });
});

describe('other open tabs', () => {
  test('a choice made in one tab shows in the other', async () => {
    await env.session(async ({ page, open, newPage }) => {
      await open('/site.html');
      const other = await newPage();
      await open('/site.html', other);
      await h.assertBannerShown(other);
      await page.click('#cc-main .cm__btn[data-role=all]');
      await h.until(async () => (await h.ran(page)).includes('ads'), { message: 'scripts in the first tab' });
      await h.until(async () => h.api(other, 'validConsent'), { timeout: 3000, message: 'the other tab sees the consent' });
      await h.assertBannerHidden(other);
      await h.until(async () => (await h.ran(other)).includes('ads'), { timeout: 3000, message: 'held scripts in the other tab' });
    });
  });
});

describe('third-party scripts', () => {
  test('are not fetched before consent; after it they load in order (stubbed or refused locally)', async () => {
    const GTAG = 'https://www.googletagmanager.com/gtag/js?id=G-TEST0000';
    const FB = 'https://connect.facebook.net/en_US/fbevents.js';
    const stubs = { 'https://www.googletagmanager.com/': "window.ran = (window.ran || []).concat('gtag-stub');" };
    const { intercepted } = await env.session({ stubs, allowConsole: true }, async ({ page, open, intercepted }) => {
      await open('/third-party.html');
      await h.assertBannerShown(page);
      assert.deepEqual(await h.quiet(page, 300), []);
      assert.deepEqual(intercepted, [], 'no third-party request before consent');
      await page.click('#cc-main .cm__btn[data-role=all]');
      await h.until(async () => (await h.ran(page)).includes('after-fb'), { message: 'scripts after the refused one' });
      assert.deepEqual(await h.quiet(page, 200), ['gtag-stub', 'after-gtag', 'after-fb'], 'in order; a failing script does not stop the queue');
    });
    assert.deepEqual(intercepted, [GTAG, FB], 'both third-party requests were answered by the guard, none reached the network');
  });
});
