// Drop-in for real (issue 10): what a site written for vanilla-cookieconsent 3.1 relies on,
// each behaviour as v3 has it (its documentation, or v3 observed side by side in Chromium).
// Pages: pages/dropin/ (page.html with its config.js and log.js; v3-docs.html, a page written
// from v3's documentation examples, with cookieconsent-init.js).
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

const PAGE = '/dropin/page.html';
/** The drop-in log (`pages/dropin/log.js`): `kind:name[:modal]` entries in order. */
const log = (page) => page.evaluate(() => window.dropLog);
const whats = async (page) => (await log(page)).map((e) => e.what);
const clear = (page) => page.evaluate(() => (window.dropLog.length = 0));
const scripts = async (page) => (await whats(page)).filter((w) => w.startsWith('script:')).map((w) => w.slice(7));
const acceptType = (page) => page.evaluate(() => window.CookieConsent.getUserPreferences().acceptType);
/** A record of this page's categories, as v3 stores it. */
const record = (categories = ['necessary'], extra = {}) =>
  h.record({ categories, services: { necessary: [], functionality: [], analytics: [], marketing: [] }, ...extra });

describe('1. clicks that do not bubble', () => {
  test('data-cc elements act at once on a click that does not bubble or whose bubbling the page stops', async () => {
    await env.session(async ({ page, open }) => {
      await open(PAGE);
      await h.assertBannerShown(page);
      // A click event that does not bubble: the effect is there when dispatchEvent returns.
      const nonBubbling = (id) =>
        page.evaluate((id) => {
          document.getElementById(id).dispatchEvent(new Event('click'));
          const cc = window.CookieConsent;
          return { html: [...document.documentElement.classList].filter((c) => c.startsWith('show--')), acceptType: cc.getUserPreferences().acceptType };
        }, id);
      assert.deepEqual(await nonBubbling('prefs'), { html: ['show--consent', 'show--preferences'], acceptType: '' });
      await h.api(page, 'hidePreferences');
      assert.deepEqual(await nonBubbling('all'), { html: [], acceptType: 'all' });
      assert.deepEqual(await nonBubbling('necessary'), { html: [], acceptType: 'necessary' });
      // accept-custom takes the toggles as they are (the preferences still open).
      await h.api(page, 'showPreferences');
      await page.click('#cc-main input.section__toggle[value=functionality]');
      assert.deepEqual(await nonBubbling('custom'), { html: [], acceptType: 'custom' });
      assert.deepEqual(await page.evaluate(() => window.CookieConsent.getUserPreferences().acceptedCategories), ['necessary', 'functionality']);
    });
  });

  test('data-cc elements act when a handler on an ancestor stops the bubbling', async () => {
    await env.session(async ({ page, open }) => {
      await open(PAGE);
      await page.evaluate(() => document.getElementById('stopper').addEventListener('click', (e) => e.stopPropagation()));
      await page.click('#all');
      assert.equal(await acceptType(page), 'all');
      await page.click('#necessary');
      assert.equal(await acceptType(page), 'necessary');
    });
  });

  test('data-cc="show-consentModal" creates the banner when a valid consent left none, synchronously', async () => {
    await env.session({ init: h.seed(record()) }, async ({ page, open }) => {
      await open(PAGE);
      assert.equal(await page.locator('#cc-main .cm').count(), 0);
      const shown = await page.evaluate(() => {
        document.getElementById('banner').dispatchEvent(new Event('click'));
        return [!!document.querySelector('#cc-main .cm'), document.documentElement.classList.contains('show--consent')];
      });
      assert.deepEqual(shown, [true, true]);
    });
  });

  test("the banner's and the preferences' buttons work with clicks that do not bubble", async () => {
    await env.session(async ({ page, open }) => {
      const fresh = async () => {
        await page.evaluate(() => localStorage.clear()).catch(() => {});
        await open(PAGE);
        await h.assertBannerShown(page);
      };
      const press = (selector) =>
        page.evaluate((selector) => {
          document.querySelector(selector).dispatchEvent(new Event('click'));
          const cc = window.CookieConsent;
          return { html: [...document.documentElement.classList].filter((c) => c.startsWith('show--')), acceptType: cc.getUserPreferences().acceptType };
        }, selector);
      for (const [selector, acceptType] of [
        ['#cc-main .cm [data-role=all]', 'all'],
        ['#cc-main .cm [data-role=necessary]', 'necessary'],
        ['#cc-main .cm__btn--close', 'necessary'],
      ]) {
        await fresh();
        assert.deepEqual(await press(selector), { html: [], acceptType }, selector);
      }
      for (const [selector, acceptType] of [
        ['#cc-main .pm [data-role=all]', 'all'],
        ['#cc-main .pm [data-role=necessary]', 'necessary'],
        ['#cc-main .pm [data-role=save]', 'custom'],
      ]) {
        await fresh();
        await h.api(page, 'showPreferences');
        await page.click('#cc-main input.section__toggle[value=functionality]');
        assert.deepEqual(await press(selector), { html: [], acceptType }, selector);
      }
      await fresh();
      await h.api(page, 'showPreferences');
      assert.deepEqual(await press('#cc-main .pm__close-btn'), { html: ['show--consent'], acceptType: '' }, 'the close icon only closes the preferences');
    });
  });
});

describe('2. services named only in markup', () => {
  test('a data-service the config does not name is a service of its category: accepted, listed, stored, released', async () => {
    await env.session(async ({ page, open }) => {
      await open(PAGE);
      const prefs = await h.api(page, 'getUserPreferences');
      assert.deepEqual(prefs.rejectedServices, { necessary: [], functionality: [], analytics: ['ga', 'hotjar', 'yt'], marketing: ['pixel'] });
      assert.equal(await h.api(page, 'acceptService', 'all', 'analytics'), undefined);
      assert.equal(await h.api(page, 'acceptedService', 'yt', 'analytics'), true);
      assert.deepEqual((await h.api(page, 'getUserPreferences')).acceptedServices.analytics, ['ga', 'hotjar', 'yt']);
      assert.deepEqual((await h.stored(page)).services, { necessary: [], functionality: [], analytics: ['ga', 'hotjar', 'yt'], marketing: [] });
      assert.deepEqual(await scripts(page), ['analytics', 'ga', 'yt']);

      await h.api(page, 'acceptCategory', 'all');
      assert.equal(await h.api(page, 'acceptedService', 'pixel', 'marketing'), true, "acceptCategory('all') accepts it too");
      assert.deepEqual((await h.stored(page)).services.marketing, ['pixel']);
      assert.ok((await scripts(page)).includes('pixel'));
      await h.api(page, 'acceptCategory', []);
      assert.deepEqual((await h.api(page, 'getUserPreferences')).rejectedServices.analytics, ['ga', 'hotjar', 'yt']);

      // The preferences list it with its own toggle (its name as label).
      await h.api(page, 'showPreferences');
      await h.expand(page, 'analytics');
      const toggles = await page.locator('#cc-main input.service__toggle[data-category=analytics]').evaluateAll((els) => els.map((e) => e.value));
      assert.deepEqual(toggles, ['ga', 'hotjar', 'yt']);
      await page.click('#cc-main input.service__toggle[value=yt]');
      await page.click('#cc-main .pm [data-role=save]');
      assert.deepEqual((await h.stored(page)).services.analytics, ['yt']);
    });
  });
});

describe('3. acceptService guards', () => {
  test('false and nothing changes for no service, a category that is not a string, not configured or without services', async () => {
    await env.session(async ({ page, open }) => {
      await open(PAGE);
      const calls = await page.evaluate(() => {
        const cc = window.CookieConsent;
        return [cc.acceptService('', 'analytics'), cc.acceptService(null, 'analytics'), cc.acceptService(undefined, 'analytics'), cc.acceptService('ga', 5), cc.acceptService('ga', 'nope'), cc.acceptService('all', 'functionality'), cc.acceptService('all', 'necessary')];
      });
      assert.deepEqual(calls, [false, false, false, false, false, false, false]);
      assert.equal(await h.api(page, 'validConsent'), false, 'nothing was stored');
      assert.equal(await h.localValue(page), null);
      assert.equal(await h.api(page, 'acceptService', [], 'analytics'), undefined, '[] rejects all (a choice)');
      assert.equal(await h.api(page, 'validConsent'), true);
    });
  });

  test('before consent the other categories keep their toggle state (enabled ones on)', async () => {
    await env.session(async ({ page, open }) => {
      await open(PAGE + '?enabled=functionality');
      await h.api(page, 'acceptService', 'ga', 'analytics');
      assert.deepEqual((await h.api(page, 'getUserPreferences')).acceptedCategories, ['necessary', 'functionality', 'analytics']);
      assert.deepEqual((await h.stored(page)).services.analytics, ['ga']);
    });
  });
});

describe('4. setCookieData / getCookie', () => {
  test('before consent: stored with an expiry, readable at once, no consent, kept by the consent', async () => {
    await env.session(async ({ page, open }) => {
      await open(PAGE);
      const now = Date.now();
      assert.equal(await h.api(page, 'setCookieData', { value: { plan: 'pro' } }), true);
      assert.deepEqual(await h.api(page, 'getCookie', 'data'), { plan: 'pro' });
      assert.equal(await h.api(page, 'validConsent'), false);
      const stored = await h.stored(page);
      assert.deepEqual(Object.keys(stored), ['data', 'expirationTime']);
      assert.ok(Math.abs(stored.expirationTime - now - 182 * 86_400_000) < 60_000, 'expires like a consent would');
      assert.deepEqual(await h.api(page, 'getCookie'), stored, 'getCookie() returns it though it is no consent');

      await page.reload();
      await h.settled(page);
      await h.assertBannerShown(page);
      assert.deepEqual(await h.api(page, 'getCookie', 'data'), { plan: 'pro' });
      await page.click('#cc-main .cm [data-role=all]');
      assert.deepEqual(await h.api(page, 'getCookie', 'data'), { plan: 'pro' }, 'kept when consent is given');
      assert.deepEqual((await h.stored(page)).data, { plan: 'pro' });
    });
  });

  test("mode: 'update' refuses a change of nothing and a value of another type than a non-empty one", async () => {
    await env.session(async ({ page, open }) => {
      await open(PAGE);
      const steps = await page.evaluate(() => {
        const cc = window.CookieConsent;
        const set = (value, mode) => [cc.setCookieData({ value, mode }), JSON.stringify(cc.getCookie('data'))];
        return [
          set({ a: 1 }),
          set({ a: 1 }, 'update'),
          set({}, 'update'),
          set({ b: 2 }, 'update'),
          set('text', 'update'),
          set(null, 'update'),
          set('text'),
          set('text', 'update'),
          set({ c: 1 }, 'update'),
          set(''),
          set({ c: 1 }, 'update'),
        ];
      });
      assert.deepEqual(steps, [
        [true, '{"a":1}'],
        [false, '{"a":1}'],
        [false, '{"a":1}'],
        [true, '{"a":1,"b":2}'],
        [false, '{"a":1,"b":2}'],
        [false, '{"a":1,"b":2}'],
        [true, '"text"'],
        [false, '"text"'],
        [false, '"text"'],
        [true, '""'],
        [true, '{"c":1}'],
      ]);
    });
  });

  test('getCookie() returns the stored value even when it is no valid consent (an older revision)', async () => {
    const old = record(['necessary', 'analytics'], { data: { id: 7 } });
    await env.session({ init: h.seed(old) }, async ({ page, open }) => {
      await open(PAGE + '?revision=2');
      assert.equal(await h.api(page, 'validConsent'), false);
      assert.deepEqual(await h.api(page, 'getCookie'), old);
      assert.deepEqual(await h.api(page, 'getCookie', 'data'), { id: 7 });
    });
  });
});

describe('5. eraseCookies', () => {
  test("only at the given path and domain: a cookie on '/' survives another path or a wrong domain", async () => {
    await env.session(async ({ page, open }) => {
      await open(PAGE);
      await page.evaluate(() => {
        for (const name of ['a', 'b', 'c', 'd']) document.cookie = name + '=1; path=/';
      });
      const jar = async () => Object.keys(await h.pageCookies(page)).sort();
      await page.evaluate(() => window.CookieConsent.eraseCookies('a', '/other'));
      await page.evaluate(() => window.CookieConsent.eraseCookies('b', '/', 'wrong.example'));
      assert.deepEqual(await jar(), ['a', 'b', 'c', 'd']);
      await page.evaluate(() => window.CookieConsent.eraseCookies('c', '/', location.hostname));
      await page.evaluate(() => window.CookieConsent.eraseCookies([/^a$/, 'd']));
      assert.deepEqual(await jar(), ['b']);
    });
  });

  test('without a path: at cookie.path', async () => {
    await env.session(async ({ page, open }) => {
      await open(PAGE + '?path=/dropin');
      await page.evaluate(() => {
        document.cookie = 'root=1; path=/';
        document.cookie = 'here=1; path=/dropin';
      });
      await page.evaluate(() => window.CookieConsent.eraseCookies(['root', 'here']));
      assert.deepEqual(Object.keys(await h.pageCookies(page)), ['root']);
    });
  });
});

describe('6. cookie.useLocalStorage: false on http', () => {
  /** Serve the test pages under another host name (a route answering from the test server). */
  async function host(ctx, intercepted, name) {
    await ctx.route(
      (u) => u.hostname === name,
      async (route) => {
        intercepted.push(route.request().url());
        const u = new URL(route.request().url());
        await route.fulfill({ response: await route.fetch({ url: env.url + u.pathname + u.search }) });
      },
    );
  }

  for (const [name, domain] of [
    ['shop.example.test', '.shop.example.test'],
    ['intranet', 'intranet'],
  ]) {
    test(`http://${name}/: no Secure, ${name.includes('.') ? 'Domain set' : 'host-only'}; the choice survives a reload`, async () => {
      await env.session(async ({ ctx, page, intercepted }) => {
        await host(ctx, intercepted, name);
        await page.goto(`http://${name}${PAGE}?store=cookie`);
        await h.settled(page);
        await page.click('#cc-main .cm [data-role=all]');
        const [cookie] = (await ctx.cookies()).filter((c) => c.name === 'cc_cookie');
        assert.ok(cookie, 'the browser kept the cookie');
        assert.deepEqual([cookie.secure, cookie.domain, cookie.path], [false, domain, '/']);
        await page.reload();
        await h.settled(page);
        assert.equal(await h.api(page, 'validConsent'), true, 'not asked again');
        await h.assertBannerHidden(page);
      });
    });
  }
});

describe('7. consent modal creation', () => {
  test('with a valid consent, lazyHtmlGeneration: false builds only the preferences', async () => {
    await env.session({ init: h.seed(record()) }, async ({ page, open }) => {
      await open(PAGE + '?lazy=0');
      assert.equal(await page.locator('#cc-main .cm').count(), 0);
      assert.equal(await page.locator('#cc-main .pm').count(), 1);
      assert.deepEqual(await whats(page), ['callback:onModalReady:preferencesModal', 'event:onModalReady:preferencesModal', 'callback:onConsent', 'event:onConsent']);
    });
  });

  test('without a valid consent the banner is built even with autoShow: false (not shown)', async () => {
    await env.session(async ({ page, open }) => {
      await open(PAGE + '?autoShow=0');
      assert.equal(await page.locator('#cc-main .cm').count(), 1);
      await h.assertBannerHidden(page);
      assert.deepEqual(await whats(page), ['callback:onModalReady:consentModal', 'event:onModalReady:consentModal']);
    });
  });
});

describe('8. accessibility', () => {
  test('a shown modal has no aria-hidden, a hidden one aria-hidden="true"; the preferences focus their title', async () => {
    await env.session(async ({ page, open }) => {
      await open(PAGE);
      const cm = page.locator('#cc-main .cm');
      const pm = page.locator('#cc-main .pm');
      assert.equal(await cm.getAttribute('aria-hidden'), null);
      await h.api(page, 'hide');
      assert.equal(await cm.getAttribute('aria-hidden'), 'true');
      assert.equal(await page.evaluate(() => document.querySelector('#cc-main .cm').contains(document.activeElement)), false, 'focus left the hidden banner');
      await h.api(page, 'show');
      assert.equal(await cm.getAttribute('aria-hidden'), null);
      await h.api(page, 'showPreferences');
      assert.equal(await pm.getAttribute('aria-hidden'), null);
      assert.equal(await page.locator('#cc-main .pm__title').getAttribute('tabindex'), '-1');
      assert.equal(await page.evaluate(() => document.activeElement.className), 'pm__title');
      await h.api(page, 'hidePreferences');
      assert.equal(await pm.getAttribute('aria-hidden'), 'true');
    });
  });
});

describe('9. event order', () => {
  test("the banner's button: it closes, then hooks, scripts, onFirstConsent, onConsent; each listener sees its moment", async () => {
    await env.session(async ({ page, open }) => {
      await open(PAGE);
      await clear(page);
      await page.click('#cc-main .cm [data-role=all]');
      const entries = (await log(page)).map((e) => `${e.what} ${e.valid ? 'valid' : '-'}`);
      assert.deepEqual(entries, [
        'callback:onModalHide:consentModal -',
        'event:onModalHide:consentModal -',
        'hook:ga:onAccept valid',
        'script:analytics valid',
        'script:ga valid',
        'script:yt valid',
        'script:pixel valid',
        'callback:onFirstConsent valid',
        'event:onFirstConsent valid',
        'callback:onConsent valid',
        'event:onConsent valid',
      ]);
    });
  });

  test('the preferences: hooks, scripts in document order, onChange, then the preferences close', async () => {
    await env.session({ init: h.seed(record(['necessary', 'analytics'], { services: { necessary: [], functionality: [], analytics: ['ga'], marketing: [] } })) }, async ({ page, open }) => {
      await open(PAGE);
      await h.api(page, 'showPreferences');
      await clear(page);
      await page.click('#cc-main input.section__toggle[value=analytics]');
      await page.click('#cc-main input.section__toggle[value=marketing]');
      await page.click('#cc-main .pm [data-role=save]');
      const entries = await log(page);
      assert.deepEqual(entries.map((e) => e.what), [
        'hook:ga:onReject',
        'script:pixel',
        'script:!analytics',
        'script:!ga',
        'callback:onChange',
        'event:onChange',
        'callback:onModalHide:preferencesModal',
        'event:onModalHide:preferencesModal',
      ]);
      assert.deepEqual(entries.at(-1).accepted, ['necessary', 'marketing'], 'the state of the choice');
      assert.deepEqual(entries[4].detail.changedServices, { necessary: [], functionality: [], analytics: ['ga'], marketing: ['pixel'] }, 'every category listed, as in v3');
    });
  });

  test('a returning visit: the modals first, then hooks, scripts, onConsent; the API closes nothing', async () => {
    const seeded = record(['necessary', 'analytics'], { services: { necessary: [], functionality: [], analytics: ['ga'], marketing: [] } });
    await env.session({ init: h.seed(seeded) }, async ({ page, open }) => {
      await open(PAGE + '?lazy=0');
      assert.deepEqual(await whats(page), [
        'callback:onModalReady:preferencesModal',
        'event:onModalReady:preferencesModal',
        'hook:ga:onAccept',
        'script:analytics',
        'script:ga',
        'callback:onConsent',
        'event:onConsent',
      ]);
      await h.api(page, 'showPreferences');
      await clear(page);
      await h.api(page, 'acceptCategory', 'all');
      assert.ok(!(await whats(page)).some((w) => w.includes('onModalHide')), 'acceptCategory leaves the modals open (v3)');
      await h.assertPrefsShown(page);
    });
  });
});

describe('beyond the nine', () => {
  test('closing the preferences drops unsaved toggles: acceptCategory() then takes the saved state', async () => {
    await env.session(async ({ page, open }) => {
      await open(PAGE);
      await h.api(page, 'showPreferences');
      await page.click('#cc-main input.section__toggle[value=marketing]');
      await h.api(page, 'hidePreferences');
      assert.equal(await page.locator('#cc-main input.section__toggle[value=marketing]').isChecked(), false);
      await h.api(page, 'acceptCategory');
      assert.deepEqual((await h.api(page, 'getUserPreferences')).acceptedCategories, ['necessary']);
    });
  });

  test('a category switched on with none of its services on counts as accepted (v3 reads the toggles so)', async () => {
    await env.session(async ({ page, open }) => {
      await open(PAGE);
      await h.api(page, 'showPreferences');
      await page.evaluate(() => (document.querySelector('#cc-main input.section__toggle[value=analytics]').checked = true));
      await h.api(page, 'acceptCategory');
      assert.deepEqual((await h.api(page, 'getUserPreferences')).acceptedCategories, ['necessary', 'analytics']);
      assert.deepEqual(await scripts(page), ['analytics'], 'the category script runs, no service script');
    });
  });

  test('before consent: getUserPreferences lists what runs, nothing counts as accepted (opt-out too)', async () => {
    await env.session(async ({ page, open }) => {
      await open(PAGE + '?mode=opt-out&enabled=analytics');
      assert.deepEqual(await h.api(page, 'getUserPreferences'), {
        acceptType: '',
        acceptedCategories: ['necessary', 'analytics'],
        rejectedCategories: [],
        acceptedServices: { necessary: [], functionality: [], analytics: ['ga', 'hotjar', 'yt'], marketing: [] },
        rejectedServices: { necessary: [], functionality: [], analytics: [], marketing: ['pixel'] },
      });
      assert.deepEqual(await scripts(page), ['analytics', 'ga', 'yt'], 'opt-out runs the enabled category');
      assert.equal(await h.api(page, 'acceptedCategory', 'analytics'), false);
      assert.equal(await h.api(page, 'acceptedService', 'ga', 'analytics'), false);
    });
  });

  test('setLanguage rebuilds the modals without onModalReady', async () => {
    await env.session(async ({ page, open }) => {
      await open(PAGE);
      await h.api(page, 'showPreferences');
      await clear(page);
      assert.equal(await h.api(page, 'setLanguage', 'fr'), true);
      assert.equal(await page.locator('#cc-main .cm__title').textContent(), 'Nous utilisons des cookies');
      assert.deepEqual(await whats(page), []);
    });
  });

  test('{{revisionMessage}} in the description: the message after a revision change, else nothing', async () => {
    await env.session({ init: h.seed(record(['necessary'], { revision: 1 })) }, async ({ page, open }) => {
      await open(PAGE + '?revision=2');
      assert.equal(await page.locator('#cc-main .cm__desc').textContent(), 'Drop-in test page. Our policy changed.');
      await page.evaluate(() => localStorage.clear());
      await open(PAGE + '?revision=2');
      assert.equal(await page.locator('#cc-main .cm__desc').textContent(), 'Drop-in test page. ');
    });
  });

  test('getCookie(field, name) reads another stored JSON value; loadScript ignores v3.0-style attribute arrays', async () => {
    await env.session(async ({ page, open }) => {
      await open(PAGE);
      await page.evaluate(() => localStorage.setItem('prefs', JSON.stringify({ theme: 'dark' })));
      assert.equal(await h.api(page, 'getCookie', 'theme', 'prefs'), 'dark');
      assert.deepEqual(await h.api(page, 'getCookie', undefined, 'missing'), {});
      assert.equal(await h.api(page, 'loadScript', '/held/loadme.js', [{ name: 'id', value: 'x' }]), true);
      assert.deepEqual(await page.evaluate(() => [...document.querySelector('script[src="/held/loadme.js"]').attributes].map((a) => a.name)), ['src']);
    });
  });

  test('getCookie(field, name) with useLocalStorage: false reads a cookie', async () => {
    await env.session(async ({ page, open }) => {
      await open(PAGE + '?store=cookie');
      await page.evaluate(() => (document.cookie = 'prefs=' + encodeURIComponent(JSON.stringify({ theme: 'dark' })) + '; path=/'));
      assert.equal(await h.api(page, 'getCookie', 'theme', 'prefs'), 'dark');
    });
  });

  test('a stored category without a services entry has none of its services on', async () => {
    const { services, ...bare } = record(['necessary', 'analytics']);
    await env.session({ init: h.seed(bare) }, async ({ page, open }) => {
      await open(PAGE);
      assert.equal(await h.api(page, 'acceptedCategory', 'analytics'), true);
      assert.equal(await h.api(page, 'acceptedService', 'ga', 'analytics'), false);
      assert.deepEqual(await scripts(page), ['analytics']);
    });
  });

  test("getConfig() has no disablePageInteraction the site didn't set; released scripts lose data-category", async () => {
    await env.session(async ({ page, open }) => {
      await open(PAGE);
      assert.equal(await page.evaluate(() => 'disablePageInteraction' in window.CookieConsent.getConfig()), false);
      await h.api(page, 'acceptCategory', 'all');
      const released = await page.evaluate(() => [...document.scripts].filter((s) => s.textContent.includes("'ga'") && !s.hasAttribute('data-cc-live')).map((s) => [s.getAttribute('data-category'), s.getAttribute('data-service')]));
      assert.deepEqual(released, [[null, 'ga']]);
    });
  });
});

describe("a page written from v3's documentation runs unchanged", () => {
  // hideFromBots stays on (v3's default), so the visitor is a person: no automation flag, a
  // browser's user agent.
  const person = {
    init: "Object.defineProperty(Navigator.prototype, 'webdriver', { get() { return false; }, configurable: true });",
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  };
  const ready = (page) => page.waitForFunction(() => window.CookieConsent.validConsent() || !!document.querySelector('#cc-main .cm'));
  const heard = (page) => page.evaluate(() => window.heard);
  const ran = (page) => page.evaluate(() => window.ran);

  for (const storage of ['local', 'cookie']) {
    test(`cookie.useLocalStorage: ${storage === 'local'}`, async () => {
      await env.session(person, async ({ ctx, page }) => {
        const url = `${env.url}/dropin/v3-docs.html?storage=${storage}`;
        await page.goto(url);
        await ready(page);
        await h.assertBannerShown(page);
        const cm = page.locator('#cc-main .cm');
        assert.ok((await cm.getAttribute('class')).includes('cm--cloud cm--inline cm--bottom cm--center'));
        assert.equal((await page.locator('#cc-main .cm__desc').textContent()).trim(), 'Cookie modal description');
        assert.deepEqual(await page.locator('#cc-main .cm__footer a').allTextContents(), ['Impressum', 'Privacy Policy']);
        assert.deepEqual(await ran(page), []);

        // "View Preferences Modal": the markup's services have toggles; save a selection.
        await page.click('main [data-cc=show-preferencesModal]');
        await h.assertPrefsShown(page);
        assert.deepEqual(await page.locator('#cc-main .pm__section-table th').allTextContents(), ['Name', 'Description', 'Duration']);
        await page.click('#cc-main input.section__toggle[value=analytics]');
        await h.expand(page, 'analytics');
        const services = await page.locator('#cc-main input.service__toggle[data-category=analytics]').evaluateAll((els) => els.map((e) => [e.value, e.checked]));
        assert.deepEqual(services, [['Google Analytics', true], ['My service', true]]);
        await page.click('#cc-main .pm [data-role=save]');
        await h.assertPrefsHidden(page);
        await h.assertBannerHidden(page);
        await h.until(async () => (await ran(page)).length >= 4, { message: 'the analytics scripts' });
        assert.deepEqual(await ran(page), ['external.js', 'inline analytics', 'Google Analytics', 'module:string']);
        assert.deepEqual(await page.evaluate(() => window.choices), [{ on: 'onConsent', analytics: true, googleAnalytics: true }]);
        assert.deepEqual((await heard(page)).filter((e) => !e.startsWith('cc:onModal')), ['cc:onFirstConsent', 'cc:onConsent']);

        // Where the choice is stored.
        const cookies = await ctx.cookies();
        const inCookie = cookies.find((c) => c.name === 'cc_cookie');
        const local = await h.stored(page);
        const value = storage === 'local' ? local : JSON.parse(decodeURIComponent(inCookie.value));
        assert.equal(storage === 'local' ? inCookie : local, storage === 'local' ? undefined : null, 'only one store is used');
        if (storage === 'cookie') assert.deepEqual([inCookie.secure, inCookie.path, inCookie.sameSite], [false, '/', 'Lax'], 'as v3 writes it on http');
        assert.deepEqual(value.categories, ['necessary', 'analytics']);
        assert.deepEqual(value.services, { necessary: [], analytics: ['Google Analytics', 'My service'] });
        assert.equal(value.revision, 1);

        // A returning visit.
        await page.goto(url);
        await ready(page);
        await h.until(async () => (await ran(page)).length >= 4, { message: 'the analytics scripts again' });
        assert.equal(await page.locator('#cc-main .cm').count(), 0, 'no banner is even built');
        assert.deepEqual((await heard(page)).filter((e) => !e.startsWith('cc:onModal')), ['cc:onConsent']);

        // "Reject all categories": the withdrawal scripts, onChange, autoClear.
        await page.evaluate(() => (document.cookie = '_ga=GA1.1; path=/'));
        await page.click('main [data-cc=accept-necessary]');
        await h.until(async () => (await ran(page)).includes('Google Analytics disabled'), { message: 'the withdrawal scripts' });
        assert.deepEqual((await ran(page)).slice(4), ['analytics disabled', 'Google Analytics disabled']);
        assert.deepEqual(await page.evaluate(() => window.choices.slice(1)), ['analytics category was just disabled', 'Google Analytics was just disabled']);
        assert.ok(!('_ga' in (await h.pageCookies(page))), 'autoClear erased _ga');

        // "View Consent Modal" builds the banner on the fly.
        await page.click('main [data-cc=show-consentModal]');
        await h.assertBannerShown(page);
        await page.click('main [data-cc=accept-all]');
        assert.equal(await h.api(page, 'acceptedService', 'Google Analytics', 'analytics'), true);

        // A revision change asks again, with the revision message where the description puts it.
        await page.evaluate((storage) => {
          const old = JSON.stringify({ ...window.CookieConsent.getCookie(), revision: 0 });
          if (storage === 'local') localStorage.setItem('cc_cookie', old);
          else document.cookie = 'cc_cookie=' + encodeURIComponent(old) + '; path=/';
        }, storage);
        await page.goto(url);
        await ready(page);
        await h.assertBannerShown(page);
        assert.equal((await page.locator('#cc-main .cm__desc').textContent()).trim(), "Cookie modal description  Hi, we've made some changes to our cookie policy since the last time you visited!");
      });
    });
  }
});
