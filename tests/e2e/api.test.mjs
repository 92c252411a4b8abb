// The CookieConsent API (README "API": v3's names and meaning), driven from page code.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as h from './harness.mjs';

let env;
before(async () => {
  env = await h.start();
});
after(async () => {
  await env?.close();
});

const acceptedNow = (page) =>
  page.evaluate(() => ['necessary', 'analytics', 'marketing'].filter((c) => window.CookieConsent.acceptedCategory(c)));
const changes = async (page) => (await h.log(page)).filter((e) => e.kind === 'callback' && e.name === 'onChange').map((e) => e.detail.changedCategories);

describe('acceptCategory', () => {
  test("'analytics', ['marketing'], 'all' with excluded, [] and 'all'", async () => {
    await env.session(async ({ page, open }) => {
      await open('/site.html');
      await h.api(page, 'acceptCategory', 'analytics');
      assert.deepEqual(await acceptedNow(page), ['necessary', 'analytics'], 'a single name: it plus the read-only ones');
      await h.assertBannerShown(page); // v3: the API chooses, closing the banner is the site's (hide())
      await h.until(async () => (await h.ran(page)).includes('hotjar'), { message: 'analytics scripts' });
      assert.ok(!(await h.ran(page)).includes('marketing'));
      assert.equal((await h.api(page, 'getUserPreferences')).acceptType, 'custom');

      await h.api(page, 'acceptCategory', ['marketing']);
      assert.deepEqual(await acceptedNow(page), ['necessary', 'marketing'], 'a list replaces the selection');
      await h.until(async () => (await h.ran(page)).includes('ads'), { message: 'marketing scripts' });
      assert.ok((await h.ran(page)).includes('analytics-withdrawn'), 'analytics was withdrawn');

      await h.api(page, 'acceptCategory', 'all', ['marketing']);
      assert.deepEqual(await acceptedNow(page), ['necessary', 'analytics'], "'all' minus excluded");

      await h.api(page, 'acceptCategory', []);
      assert.deepEqual(await acceptedNow(page), ['necessary'], '[] = necessary only');
      assert.equal((await h.api(page, 'getUserPreferences')).acceptType, 'necessary');

      await h.api(page, 'acceptCategory', 'all');
      assert.deepEqual(await acceptedNow(page), ['necessary', 'analytics', 'marketing']);
      assert.equal((await h.api(page, 'getUserPreferences')).acceptType, 'all');
      assert.deepEqual((await h.stored(page)).categories, ['necessary', 'analytics', 'marketing']);
      assert.deepEqual(await changes(page), [['analytics', 'marketing'], ['analytics', 'marketing'], ['analytics'], ['analytics', 'marketing']]);
    });
  });

  test('no argument: the current toggle selection; excluded still applies', async () => {
    await env.session(async ({ page, open }) => {
      await open('/site.html');
      await h.api(page, 'showPreferences');
      await h.assertPrefsShown(page);
      await page.click('#cc-main input.section__toggle[value=marketing]');
      await page.click('#cc-main input.section__toggle[value=analytics]');
      await h.api(page, 'acceptCategory', undefined, ['analytics']);
      assert.deepEqual(await acceptedNow(page), ['necessary', 'marketing'], 'toggles minus excluded');
      await h.assertPrefsShown(page); // v3: the API leaves the preferences open
      assert.equal(await page.locator('#cc-main input.section__toggle[value=analytics]').isChecked(), false, 'the toggles show the choice');

      await page.click('#cc-main input.section__toggle[value=analytics]');
      await page.evaluate(() => window.CookieConsent.acceptCategory());
      assert.deepEqual(await acceptedNow(page), ['necessary', 'analytics', 'marketing']);
    });
  });
});

describe('acceptService / acceptedService', () => {
  test('a single service, then all of them, then none', async () => {
    await env.session(async ({ page, open }) => {
      await open('/site.html');
      await h.api(page, 'acceptService', 'ga', 'analytics');
      assert.equal(await h.api(page, 'acceptedService', 'ga', 'analytics'), true);
      assert.equal(await h.api(page, 'acceptedService', 'hotjar', 'analytics'), false);
      assert.equal(await h.api(page, 'acceptedCategory', 'analytics'), true, 'accepting a service accepts its category');
      assert.equal(await h.api(page, 'acceptedCategory', 'marketing'), false);
      await h.until(async () => (await h.ran(page)).includes('ga'), { message: 'ga script' });
      const list = await h.quiet(page, 300);
      assert.ok(!list.includes('hotjar') && !list.includes('ads'), JSON.stringify(list));

      await h.api(page, 'acceptService', 'all', 'analytics');
      assert.equal(await h.api(page, 'acceptedService', 'hotjar', 'analytics'), true);
      await h.until(async () => (await h.ran(page)).includes('hotjar'), { message: 'hotjar script' });

      await h.api(page, 'acceptService', [], 'analytics');
      assert.equal(await h.api(page, 'acceptedService', 'ga', 'analytics'), false);
      assert.equal(await h.api(page, 'acceptedService', 'hotjar', 'analytics'), false);
      assert.equal(await h.api(page, 'acceptedService', 'nope', 'analytics'), false, 'unknown services are never accepted');
      assert.deepEqual((await h.stored(page)).services.analytics, []);
    });
  });
});

describe('validConsent, validCookie, eraseCookies', () => {
  test('validConsent follows the choice; validCookie reads cookies; eraseCookies by string, RegExp, array', async () => {
    await env.session(async ({ page, open }) => {
      await open('/site.html');
      assert.equal(await h.api(page, 'validConsent'), false);
      await h.api(page, 'acceptCategory', []);
      assert.equal(await h.api(page, 'validConsent'), true);

      await page.evaluate(() => {
        for (const c of ['a=1', 'b_1=1', 'b_2=2', 'c=3', 'd=4', 'keep=5', 'empty=']) document.cookie = c + '; path=/';
      });
      assert.equal(await h.api(page, 'validCookie', 'a'), true);
      assert.equal(await h.api(page, 'validCookie', 'empty'), false, 'an empty value is not valid');
      assert.equal(await h.api(page, 'validCookie', 'nope'), false);

      await h.api(page, 'eraseCookies', 'a');
      assert.ok(!('a' in (await h.pageCookies(page))), 'by name');
      await page.evaluate(() => window.CookieConsent.eraseCookies(/^b_/));
      let jar = await h.pageCookies(page);
      assert.ok(!('b_1' in jar) && !('b_2' in jar), 'by RegExp');
      await page.evaluate(() => window.CookieConsent.eraseCookies(['c', /^d$/]));
      jar = await h.pageCookies(page);
      assert.ok(!('c' in jar) && !('d' in jar), 'by array of both');
      assert.equal(jar.keep, '5', 'others kept');
      assert.equal(await h.api(page, 'validCookie', 'a'), false);
    });
  });
});

describe('loadScript', () => {
  test('resolves true when loaded (attributes set), false on error, once per src', async () => {
    await env.session({ allowConsole: true }, async ({ page, open }) => {
      await open('/site.html');
      assert.equal(await h.api(page, 'loadScript', '/held/loadme.js', { 'data-x': 'y' }), true);
      assert.deepEqual(await h.ran(page), ['loaded-by-loadScript']);
      assert.equal(await page.evaluate(() => window.loadScriptAttr), 'y');
      assert.equal(await h.api(page, 'loadScript', '/held/loadme.js'), true, 'again: already there');
      assert.deepEqual(await h.ran(page), ['loaded-by-loadScript'], 'not loaded twice');
      assert.equal(await h.api(page, 'loadScript', '/held/missing.js'), false);
    });
  });
});

describe('setCookieData / getCookie / getConfig', () => {
  test('setCookieData overwrites or updates the stored data; getCookie reads fields', async () => {
    await env.session(async ({ page, open }) => {
      await open('/site.html');
      assert.deepEqual(await h.api(page, 'getCookie'), {}, 'getCookie() is {} before anything is stored');
      await h.api(page, 'acceptCategory', 'all');

      assert.equal(await h.api(page, 'setCookieData', { value: { a: 1 } }), true);
      assert.deepEqual(await h.api(page, 'getCookie', 'data'), { a: 1 });
      assert.equal(await h.api(page, 'setCookieData', { value: { b: 2 }, mode: 'update' }), true);
      assert.deepEqual(await h.api(page, 'getCookie', 'data'), { a: 1, b: 2 }, 'update merges');
      assert.deepEqual((await h.stored(page)).data, { a: 1, b: 2 }, 'stored');
      assert.equal(await h.api(page, 'setCookieData', { value: 'plain', mode: 'overwrite' }), true);
      assert.equal(await h.api(page, 'getCookie', 'data'), 'plain', 'overwrite replaces');

      const r = await h.stored(page);
      assert.deepEqual(await h.api(page, 'getCookie'), r, 'getCookie() is the stored value');
      assert.equal(await h.api(page, 'getCookie', 'consentId'), r.consentId);
      assert.deepEqual(await h.api(page, 'getCookie', 'categories'), ['necessary', 'analytics', 'marketing']);
      assert.equal(await h.api(page, 'getCookie', 'revision'), 0);

      await page.reload();
      await h.settled(page);
      assert.equal(await h.api(page, 'getCookie', 'data'), 'plain', 'data survives a reload');
      await h.api(page, 'acceptCategory', []);
      assert.equal(await h.api(page, 'getCookie', 'data'), 'plain', 'and a later choice');
      assert.equal(await h.api(page, 'getCookie', 'consentId'), r.consentId, 'the consent id is kept');
    });
  });

  test('getConfig returns the config and its fields', async () => {
    await env.session(async ({ page, open }) => {
      await open('/site.html');
      const cats = await page.evaluate(() => Object.keys(window.CookieConsent.getConfig('categories')));
      assert.deepEqual(cats, ['necessary', 'analytics', 'marketing']);
      assert.equal(await h.api(page, 'getConfig', 'revision'), 0);
      const whole = await page.evaluate(() => {
        const c = window.CookieConsent.getConfig();
        return { hasCategories: !!c.categories, hideFromBots: c.hideFromBots, regexKept: c.categories.analytics.autoClear.cookies[1].name instanceof RegExp };
      });
      assert.deepEqual(whole, { hasCategories: true, hideFromBots: false, regexKept: true });
    });
  });

  test('getConfig(field) falls back to v3 defaults for fields the site left out', async () => {
    // v3's getConfig reads the resolved config (defaults applied), so code written for v3
    // can ask e.g. getConfig('cookie').name or getConfig('mode') without having set them.
    await env.session(async ({ page, open }) => {
      await open('/site.html');
      const got = await page.evaluate(() => {
        const cookie = window.CookieConsent.getConfig('cookie');
        return { mode: window.CookieConsent.getConfig('mode'), cookieName: cookie && cookie.name, autoShow: window.CookieConsent.getConfig('autoShow') };
      });
      assert.deepEqual(got, { mode: 'opt-in', cookieName: 'cc_cookie', autoShow: true });
    });
  });
});

describe('show / hide / showPreferences / hidePreferences', () => {
  test('open and close both modals, with their events', async () => {
    await env.session(async ({ page, open }) => {
      await open('/site.html');
      await h.assertBannerShown(page);
      await h.api(page, 'hide');
      await h.assertBannerHidden(page);
      await h.api(page, 'show');
      await h.assertBannerShown(page);
      await h.api(page, 'showPreferences');
      await h.assertPrefsShown(page);
      await h.api(page, 'hidePreferences');
      await h.assertPrefsHidden(page);
      const names = (await h.log(page)).filter((e) => e.kind === 'event').map((e) => `${e.name}:${e.detail.modalName}`);
      assert.deepEqual(names, [
        'onModalReady:consentModal',
        'onModalShow:consentModal',
        'onModalHide:consentModal',
        'onModalShow:consentModal',
        'onModalReady:preferencesModal',
        'onModalShow:preferencesModal',
        'onModalHide:preferencesModal',
      ]);
    });
  });

  test('after consent, show() does not create the banner but show(true) does', async () => {
    await env.session({ init: h.seed(h.record({ categories: ['necessary'] })) }, async ({ page, open }) => {
      await open('/site.html');
      assert.equal(await h.api(page, 'validConsent'), true);
      await h.api(page, 'show');
      await page.waitForTimeout(100);
      assert.equal(await page.locator('#cc-main .cm').count(), 0, 'show() with consent: nothing generated');
      await h.api(page, 'show', true);
      await h.assertBannerShown(page);
      await page.click('#cc-main .cm__btn[data-role=all]');
      await h.assertBannerHidden(page);
      assert.equal(await h.api(page, 'acceptedCategory', 'marketing'), true);
    });
  });

  test('autoShow: false, then show() shows the banner (v3 documented pattern)', async () => {
    // v3 docs (autoShow): run({ autoShow: false }) and call CookieConsent.show() later.
    await env.session(async ({ page, open }) => {
      await open('/site.html?autoShow=false');
      await page.waitForTimeout(150);
      assert.ok(!(await h.htmlClasses(page)).includes('show--consent'), 'not shown by itself');
      assert.deepEqual(await h.quiet(page, 150), []);
      await h.api(page, 'show');
      await h.assertBannerShown(page);
    });
  });

  test('data-cc="accept-all" / "accept-necessary" / "accept-custom" buttons in the page', async () => {
    await env.session(async ({ page, open }) => {
      await open('/site.html');
      await page.evaluate(() => {
        for (const role of ['accept-all', 'accept-necessary', 'accept-custom', 'show-consentModal']) {
          const b = document.createElement('button');
          b.type = 'button';
          b.id = 'cc-' + role;
          b.dataset.cc = role;
          b.textContent = role;
          document.querySelector('main').append(b);
        }
      });
      await page.click('#cc-accept-necessary');
      assert.deepEqual(await acceptedNow(page), ['necessary']);
      await h.assertBannerHidden(page);
      await page.click('#cc-accept-all');
      assert.deepEqual(await acceptedNow(page), ['necessary', 'analytics', 'marketing']);
      await h.api(page, 'showPreferences');
      await page.click('#cc-main input.section__toggle[value=marketing]');
      await page.evaluate(() => document.getElementById('cc-accept-custom').click()); // the preferences still open
      assert.deepEqual(await acceptedNow(page), ['necessary', 'analytics'], 'accept-custom takes the toggles');
      await h.assertPrefsHidden(page);
      await page.click('#cc-show-consentModal');
      await h.assertBannerShown(page);
    });
  });
});

describe('reset', () => {
  test('reset(true) removes the UI and the record; run() again shows exactly one banner', async () => {
    await env.session(async ({ page, open }) => {
      await open('/site.html');
      await page.click('#cc-main .cm__btn[data-role=all]');
      await h.until(async () => (await h.ran(page)).includes('ads'), { message: 'held scripts' });
      await h.api(page, 'showPreferences');
      await h.assertPrefsShown(page);
      await h.api(page, 'reset', true);
      await h.until(async () => (await h.localValue(page)) === null, { message: 'record erased' });
      assert.equal(await page.locator('#cc-main').count(), 0, 'UI removed');
      const cls = await h.htmlClasses(page);
      assert.ok(!cls.includes('show--preferences') && !cls.includes('show--consent'), cls.join(' '));
      assert.equal(await h.api(page, 'validConsent'), false);

      await h.clearLog(page);
      await page.evaluate(() => window.CookieConsent.run(window.ccConfigs.basic(new URLSearchParams())));
      await h.assertBannerShown(page);
      assert.equal(await page.locator('#cc-main').count(), 1);
      assert.equal(await page.locator('.cm').count(), 1, 'exactly one banner');
      await page.click('#cc-main .cm__btn[data-role=necessary]');
      const first = (await h.log(page)).filter((e) => e.kind === 'event' && e.name === 'onFirstConsent');
      assert.equal(first.length, 1, 'one click, one onFirstConsent (no doubled listeners)');
      assert.deepEqual((await h.stored(page)).categories, ['necessary']);
    });
  });
});

describe('reset (v3 timing)', () => {
  test('reset(true) takes effect synchronously, as in v3', async () => {
    await env.session(async ({ page, open }) => {
      await open('/site.html');
      await page.click('#cc-main .cm__btn[data-role=all]');
      const right = await page.evaluate(() => {
        window.CookieConsent.reset(true);
        return { stored: localStorage.getItem('cc_cookie'), ui: !!document.getElementById('cc-main') };
      });
      assert.deepEqual(right, { stored: null, ui: false }, 'storage erased and UI gone when reset() returns');
    });
  });
});

describe('run() twice', () => {
  test('the second call is ignored: one banner, one set of listeners', async () => {
    await env.session(async ({ page, open }) => {
      await open('/site.html?norun');
      await page.evaluate(async () => {
        const cfg = () => window.ccConfigs.basic(new URLSearchParams());
        await Promise.all([window.CookieConsent.run(cfg()), window.CookieConsent.run(cfg())]);
        await window.CookieConsent.run(cfg());
      });
      await h.assertBannerShown(page);
      assert.equal(await page.locator('#cc-main').count(), 1);
      assert.equal(await page.locator('.cm').count(), 1);
      await page.click('#cc-main .cm__btn[data-role=all]');
      const first = (await h.log(page)).filter((e) => e.kind === 'event' && e.name === 'onFirstConsent');
      assert.equal(first.length, 1);
    });
  });
});

describe('cookie.expiresAfterDays as a function', () => {
  test('gets the accept type and sets the expiry', async () => {
    await env.session(async ({ page, open }) => {
      await open('/site.html?expiry=fn');
      await page.click('#cc-main .cm__btn[data-role=necessary]');
      let r = await h.stored(page);
      assert.ok(Math.abs((r.expirationTime - Date.parse(r.lastConsentTimestamp)) / 86_400_000 - 30) < 0.001, 'necessary → 30 days');
      await h.api(page, 'acceptCategory', 'all');
      r = await h.stored(page);
      assert.ok(Math.abs((r.expirationTime - Date.parse(r.lastConsentTimestamp)) / 86_400_000 - 365) < 0.001, 'all → 365 days');
    });
  });
});

describe('setLanguage', () => {
  test('switches to a second inline translation: modal text changes', async () => {
    await env.session(async ({ page, open }) => {
      await open('/site.html');
      assert.equal(await page.locator('#cc-main .cm__title').textContent(), 'We use cookies');
      assert.equal(await h.api(page, 'setLanguage', 'fr'), true);
      assert.equal(await page.locator('#cc-main .cm__title').textContent(), 'Nous utilisons des cookies');
      assert.equal(await page.locator('#cc-main .cm__btn[data-role=all]').textContent(), 'Tout accepter');
      assert.equal(await page.locator('#cc-main').getAttribute('lang'), 'fr');
      await h.assertBannerShown(page);
      await h.api(page, 'showPreferences');
      await h.assertPrefsShown(page);
      assert.equal(await page.locator('#cc-main .pm__title').textContent(), 'Préférences des cookies');
      assert.equal(await h.api(page, 'setLanguage', 'fr'), false, 'already fr');
      assert.equal(await h.api(page, 'setLanguage', 'xx'), false, 'not offered');
      // The toggles the visitor set survive a language switch.
      await page.click('#cc-main input.section__toggle[value=marketing]');
      assert.equal(await h.api(page, 'setLanguage', 'en'), true);
      assert.equal(await page.locator('#cc-main .pm__title').textContent(), 'Cookie preferences');
      await h.assertPrefsShown(page);
      assert.equal(await page.locator('#cc-main input.section__toggle[value=marketing]').isChecked(), true, 'toggle kept');
      assert.equal(await page.locator('#cc-main input.section__toggle[value=analytics]').isChecked(), false);
      await page.click('#cc-main .pm__btn[data-role=save]');
      assert.deepEqual((await h.stored(page)).categories, ['necessary', 'marketing']);
      assert.equal((await h.stored(page)).languageCode, 'en');
    });
  });

  test('translations given as a URL and as an async function load on demand', async () => {
    await env.session(async ({ page, open }) => {
      await open('/site.html');
      assert.deepEqual(h.requested(page, '/i18n/'), [], 'not fetched before it is needed');
      assert.equal(await h.api(page, 'setLanguage', 'es'), true);
      assert.deepEqual(h.requested(page, '/i18n/').map((u) => new URL(u).pathname), ['/i18n/es.json']);
      assert.equal(await page.locator('#cc-main .cm__title').textContent(), 'Usamos cookies');
      assert.equal(await page.locator('#cc-main .cm__btn[data-role=all]').textContent(), 'Aceptar todo');
      assert.equal(await h.api(page, 'setLanguage', 'de'), true);
      assert.equal(await page.locator('#cc-main .cm__title').textContent(), 'Wir verwenden Cookies');
      await h.assertBannerShown(page);
      assert.equal(await h.api(page, 'setLanguage', 'ar'), true);
      assert.equal(await page.locator('#cc-main').getAttribute('dir'), 'rtl', 'language.rtl');
      assert.ok(await page.locator('#cc-main').evaluate((el) => el.classList.contains('cc--rtl')));
      assert.equal(await page.locator('#cc-main .cm__title').textContent(), 'نستخدم ملفات تعريف الارتباط');
    });
  });
});

describe('calls before run() resolves', () => {
  test('the engine is there when run() returns: a returning visitor\'s consent answers at once', async () => {
    await env.session(async ({ page, open }) => {
      assert.equal(await open('/site.html'), 'resolved');
      await h.api(page, 'acceptCategory', ['analytics']);
      await page.reload();
      await h.settled(page);
      const early = await page.evaluate(() => {
        const cc = window.CookieConsent;
        cc.reset();
        const config = window.ccConfigs.basic(new URLSearchParams());
        cc.run(config);
        // Still inside the task that called run(): no await has happened.
        return { analytics: cc.acceptedCategory('analytics'), marketing: cc.acceptedCategory('marketing'), valid: cc.validConsent() };
      });
      assert.deepEqual(early, { analytics: true, marketing: false, valid: true });
    });
  });

  test('state-changing calls are queued and applied; queries answer "nothing" meanwhile', async () => {
    await env.session(async ({ page, open }) => {
      await open('/site.html?norun');
      const early = await page.evaluate(async () => {
        const cc = window.CookieConsent;
        const p = cc.run(window.ccConfigs.basic(new URLSearchParams()));
        const before = { analytics: cc.acceptedCategory('analytics'), valid: cc.validConsent() };
        cc.acceptCategory('analytics');
        cc.showPreferences();
        await p;
        return before;
      });
      assert.deepEqual(early, { analytics: false, valid: false });
      assert.equal(await h.api(page, 'acceptedCategory', 'analytics'), true);
      assert.equal(await h.api(page, 'acceptedCategory', 'marketing'), false);
      await h.assertPrefsShown(page);
      await h.until(async () => (await h.ran(page)).includes('hotjar'), { message: 'analytics scripts' });
      assert.deepEqual((await h.stored(page)).categories, ['necessary', 'analytics']);
    });
  });
});
