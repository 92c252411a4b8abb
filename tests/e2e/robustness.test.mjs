// Fail-closed behaviour: corrupt stored values, blocked or full localStorage, bad configs,
// an engine that cannot load, and the default hideFromBots under automation.
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

const heldRequests = (page) => [...h.requested(page, '/held/'), ...h.requested(page, '/slow/')];

/** Run a config in a `?norun` page; resolves to { ok } or { isError, message }. */
function runIn(page, config) {
  return page.evaluate(async (c) => {
    try {
      await window.CookieConsent.run(c);
      return { ok: true };
    } catch (e) {
      return { isError: e instanceof Error, message: String(e && e.message) };
    }
  }, config);
}

describe('corrupt stored values', () => {
  const now = Date.now();
  const good = h.record({ categories: ['necessary', 'analytics', 'marketing'] });
  const cases = {
    'not JSON': '{"categories": ["necessary", "analytics"',
    'JSON null': 'null',
    'a JSON string': '"all"',
    'an array': '[1, 2, 3]',
    'categories is a string': { ...good, categories: 'analytics' },
    'categories hold numbers': { ...good, categories: [1, 2] },
    'revision is a string': { ...good, revision: '0' },
    'services is an array': { ...good, services: ['ga'] },
    'timestamps in the future': { ...good, consentTimestamp: new Date(now + 86_400_000).toISOString(), lastConsentTimestamp: new Date(now + 86_400_000).toISOString() },
    'timestamp not a date': { ...good, consentTimestamp: 'yesterday' },
    expired: { ...good, expirationTime: now - 1000 },
    'expiry absurdly far': { ...good, expirationTime: now + 1e15 },
    'consentId not a UUID': { ...good, consentId: 'not-a-uuid' },
    'consentId a UUID v1': { ...good, consentId: '6fa459ea-ee8a-1ca4-894e-db77e160355e' },
    'missing consentId': (({ consentId, ...rest }) => rest)(good),
    'prototype keys': '{"__proto__": {"categories": ["analytics"]}, "constructor": {"prototype": {"x": 1}}}',
  };
  for (const [name, value] of Object.entries(cases)) {
    test(`${name}: no exception, banner shown, nothing runs`, async () => {
      await env.session({ init: h.seed(value) }, async ({ page, open }) => {
        assert.equal(await open('/site.html'), 'resolved');
        await h.assertBannerShown(page);
        assert.deepEqual(await h.quiet(page, 250), []);
        assert.deepEqual(heldRequests(page), []);
        assert.equal(await h.api(page, 'validConsent'), false);
        assert.equal(await h.api(page, 'acceptedCategory', 'analytics'), false);
      });
    });
  }

  test('the visitor can choose again over a corrupt value', async () => {
    await env.session({ init: h.seed('{not json') }, async ({ page, open }) => {
      await open('/site.html');
      await page.click('#cc-main .cm__btn[data-role=all]');
      await h.until(async () => (await h.ran(page)).includes('ads'), { message: 'scripts after accepting' });
      const r = await h.stored(page);
      assert.deepEqual(r.categories, ['necessary', 'analytics', 'marketing']);
      assert.match(r.consentId, h.UUID_V4);
    });
  });

  test('unknown categories in a valid record are ignored', async () => {
    const seeded = h.record({ categories: ['necessary', 'tracking'], services: { necessary: [], tracking: ['x'] } });
    await env.session({ init: h.seed(seeded) }, async ({ page, open }) => {
      await open('/site.html');
      await h.assertBannerHidden(page);
      assert.equal(await h.api(page, 'validConsent'), true, 'the record itself is valid');
      assert.deepEqual(await h.quiet(page, 250), [], 'nothing runs');
      assert.equal(await h.api(page, 'acceptedCategory', 'tracking'), false);
      assert.equal(await h.api(page, 'acceptedCategory', 'analytics'), false);
    });
  });
});

describe('localStorage blocked', () => {
  const variants = {
    'localStorage getter throws': `Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });`,
    'setItem throws QuotaExceededError': `Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };`,
  };
  for (const [name, init] of Object.entries(variants)) {
    test(`${name}: no page error, the choice applies for this page view`, async () => {
      await env.session({ init }, async ({ page, open }) => {
        assert.equal(await open('/site.html'), 'resolved');
        await h.assertBannerShown(page);
        assert.deepEqual(await h.quiet(page, 250), []);
        await page.click('#cc-main .cm__btn[data-role=all]');
        await h.assertBannerHidden(page);
        await h.until(async () => (await h.ran(page)).includes('ads'), { message: 'scripts after accepting' });
        assert.equal(await h.api(page, 'validConsent'), true);
        assert.equal(await h.api(page, 'acceptedCategory', 'marketing'), true);
        assert.equal((await h.api(page, 'getUserPreferences')).acceptType, 'all');
        assert.deepEqual((await h.api(page, 'getCookie', 'categories')), ['necessary', 'analytics', 'marketing']);
        assert.equal(await h.localValue(page), null, 'nothing could be stored');

        // The next page view asks again.
        await page.reload();
        assert.equal(await h.settled(page), 'resolved');
        await h.assertBannerShown(page);
        assert.deepEqual(await h.quiet(page, 250), []);
      });
    });
  }
});

describe('bad config', () => {
  test('run() rejects naming the field, logs once, releases nothing; the page keeps working', async () => {
    await env.session({ allowConsole: true }, async ({ page, open }) => {
      assert.equal(await open('/site.html?norun'), 'norun');
      const result = await runIn(page, { hideFromBots: false, categories: { analytics: { services: { ga: { urls: ['a', 'b', 3] } } } } });
      assert.equal(result.isError, true, 'rejects with an Error');
      assert.ok(result.message.includes('categories.analytics.services.ga.urls[2]'), result.message);
      assert.ok(result.message.includes('expected a string'), result.message);

      assert.deepEqual(await h.quiet(page, 300), [], 'nothing held runs');
      assert.deepEqual(heldRequests(page), []);
      assert.equal(await page.locator('#cc-main').count(), 0, 'no UI');
      assert.equal(await h.api(page, 'validConsent'), false);
      const logged = page.consoleErrors.filter((t) => t.includes('categories.analytics.services.ga.urls[2]'));
      assert.equal(logged.length, 1, `logged once with console.error (got ${JSON.stringify(page.consoleErrors)})`);

      await page.click('#page-btn');
      assert.equal(await page.locator('#page-out').textContent(), 'clicked 1', 'the page keeps working');

      // A corrected config then runs normally.
      const ok = await page.evaluate(async () => {
        await window.CookieConsent.run(window.ccConfigs.basic(new URLSearchParams()));
        return true;
      });
      assert.equal(ok, true);
      await h.assertBannerShown(page);
      assert.equal(await page.locator('#cc-main .cm').count(), 1);
    });
  });

  const cases = [
    [{ mode: 'opt' }, 'mode', 'expected one of "opt-in", "opt-out"'],
    [{ revision: -1 }, 'revision', 'expected a whole number'],
    [{ categories: { analytics: true } }, 'categories.analytics', 'expected an object'],
    [{ cookie: { expiresAfterDays: 0 } }, 'cookie.expiresAfterDays', 'expected a number of days'],
    [{ categories: { analytics: { autoClear: { cookies: [{ name: 7 }] } } } }, 'categories.analytics.autoClear.cookies[0].name', 'expected a cookie name'],
    [{ guiOptions: { consentModal: { layout: 'modal' } } }, 'guiOptions.consentModal.layout', 'expected one of "box"'],
    [{ language: { translations: { en: 3 } } }, 'language.translations.en', 'expected a translation object'],
    [{ onConsent: 'alert(1)' }, 'onConsent', 'expected a function'],
  ];
  for (const [config, path, expected] of cases) {
    test(`${path}: ${expected}`, async () => {
      await env.session({ allowConsole: true }, async ({ page, open }) => {
        await open('/site.html?norun');
        const result = await runIn(page, { hideFromBots: false, categories: { analytics: {} }, ...config });
        assert.equal(result.isError, true, `rejects (${JSON.stringify(result)})`);
        assert.ok(result.message.includes(path + ':'), `names ${path}: ${result.message}`);
        assert.ok(result.message.includes(expected), `says "${expected}": ${result.message}`);
        assert.equal(page.consoleErrors.filter((t) => t.includes(path + ':')).length, 1, 'logged once');
        assert.deepEqual(await h.quiet(page, 150), []);
        assert.equal(await page.locator('#cc-main').count(), 0);
      });
    });
  }
});

describe('the engine cannot load', () => {
  test('WebAssembly refused (as in Lockdown Mode): run() rejects saying so, nothing is released', async () => {
    const refuse = 'WebAssembly.Module = function () { throw new WebAssembly.CompileError("WebAssembly is disabled"); };';
    await env.session({ init: refuse, allowConsole: true }, async ({ page, open }) => {
      assert.equal(await open('/site.html'), 'rejected');
      const error = await page.evaluate(() => window.ccError);
      assert.equal(error.isError, true);
      assert.match(error.message, /^consentry: the engine \(consentry_bg\.wasm\) could not be loaded: .*WebAssembly is disabled/);
      assert.deepEqual(await h.quiet(page, 250), []);
      assert.deepEqual(heldRequests(page), []);
      assert.equal(await h.api(page, 'acceptedCategory', 'analytics'), false, 'queries answer "nothing"');
      assert.deepEqual(await h.api(page, 'getCookie'), {});
      await page.click('#page-btn');
      assert.equal(await page.evaluate(() => window.pageClicks), 1);
    });
  });

  test("a CSP without 'wasm-unsafe-eval': run() rejects and names it", async () => {
    env.headers.set('/site.html', { 'content-security-policy': "script-src 'self'" });
    try {
      await env.session({ allowConsole: true }, async ({ page, open }) => {
        assert.equal(await open('/site.html'), 'rejected');
        const error = await page.evaluate(() => window.ccError);
        assert.equal(error.isError, true);
        assert.match(error.message, /wasm-unsafe-eval/);
        assert.deepEqual(await h.quiet(page, 250), []);
        assert.deepEqual(heldRequests(page), []);
      });
    } finally {
      env.headers.delete('/site.html');
    }
  });

  test("works under script-src 'self' 'wasm-unsafe-eval'; style-src 'self'", async () => {
    env.headers.set('/site.html', { 'content-security-policy': "script-src 'self' 'wasm-unsafe-eval'; style-src 'self'" });
    try {
      await env.session({ allowConsole: true }, async ({ page, open }) => {
        const violations = [];
        page.on('console', (m) => /Content.Security.Policy/i.test(m.text()) && violations.push(m.text()));
        assert.equal(await open('/site.html'), 'resolved');
        await h.assertBannerShown(page);
        await page.click('#cc-main .cm__btn[data-role=show]');
        await h.assertPrefsShown(page);
        await page.click('#cc-main .pm__btn[data-role=all]');
        await h.until(async () => (await h.ran(page)).includes('marketing'), { message: 'external held scripts' });
        // The page's inline held scripts are refused by this CSP (expected); nothing else is.
        assert.deepEqual(violations.filter((v) => !v.startsWith('Executing inline script violates')), [], 'no other CSP violation (styles, wasm, eval)');
      });
    } finally {
      env.headers.delete('/site.html');
    }
  });
});

describe('HTML in translations', () => {
  test('is reduced to the allowlist: no script, handler, javascript: link, img, iframe or style', async () => {
    await env.session(async ({ page, open }) => {
      await open('/site.html?xss');
      await h.assertBannerShown(page);
      await page.waitForTimeout(200);
      assert.equal(await page.evaluate(() => window.xss), undefined, 'no injected code ran');
      const main = page.locator('#cc-main');
      for (const sel of ['img', 'script', 'iframe', 'svg:not(.cm__btn svg)', 'style', '[onerror]', '[onclick]', '[onload]']) {
        assert.equal(await main.locator(sel).count(), 0, `no ${sel} in #cc-main`);
      }
      const bad = await page.evaluate(() => {
        const a = document.getElementById('bad-link');
        return a ? a.getAttribute('href') : null;
      });
      assert.ok(bad === null || !/^\s*javascript:/i.test(bad), `no javascript: href (${bad})`);
      assert.equal(await main.locator('a[href="/ok"]').count(), 1, 'a relative link is allowed');
      assert.equal(await main.locator('.cm__desc b').textContent(), 'bold', 'b is allowed');
      assert.equal(await main.locator('.cm__title em').textContent(), 'em', 'em is allowed');
      assert.ok(await page.locator('body').isVisible(), 'the <style> did not apply');
      assert.deepEqual(h.requested(page, '/held/'), [], 'nothing from the hostile markup was fetched');
    });
  });
});

describe('hideFromBots', () => {
  test('the default (true) hides everything under automation (navigator.webdriver)', async () => {
    await env.session(async ({ page, open }) => {
      assert.equal(await open('/site.html?config=bots'), 'resolved');
      assert.equal(await page.evaluate(() => navigator.webdriver), true);
      await page.waitForTimeout(300);
      assert.equal(await page.locator('#cc-main .cm').count(), 0, 'no banner');
      assert.ok(!(await h.htmlClasses(page)).includes('show--consent'));
      assert.deepEqual(await h.quiet(page, 200), [], 'nothing runs');
      assert.deepEqual(heldRequests(page), []);
    });
  });
});
