// Both builds: the script-tag build and the ES module, `data-config` with no other JS, and
// the script-tag build served from another folder than the page.
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

const wasmRequests = (page) => page.requests.filter((u) => new URL(u).pathname.endsWith('consentry_bg.wasm')).map((u) => new URL(u).pathname);
const distRequests = (page) => [...new Set(page.requests.map((u) => new URL(u).pathname).filter((p) => p.startsWith('/dist/')))].sort();

describe('script-tag build', () => {
  test('defines window.CookieConsent synchronously with the v3 API', async () => {
    await env.session(async ({ page, open }) => {
      await open('/site.html?norun');
      const names = await page.evaluate(() => Object.keys(window.CookieConsent));
      for (const n of ['run', 'show', 'hide', 'showPreferences', 'hidePreferences', 'acceptCategory', 'acceptService', 'acceptedCategory', 'acceptedService', 'validConsent', 'validCookie', 'eraseCookies', 'loadScript', 'setCookieData', 'getCookie', 'getConfig', 'getUserPreferences', 'setLanguage', 'reset']) {
        assert.ok(names.includes(n), `CookieConsent.${n}`);
      }
      // Nothing happens without run(): no banner, no engine download needed yet.
      assert.equal(await page.locator('#cc-main').count(), 0);
    });
  });

  test('shows the banner and releases scripts; the engine is inside consentry.js (no second request)', async () => {
    await env.session(async ({ page, open }) => {
      assert.equal(await open('/site.html'), 'resolved');
      await h.assertBannerShown(page);
      assert.deepEqual(wasmRequests(page), [], 'no wasm request');
      assert.deepEqual(distRequests(page), ['/dist/consentry.css', '/dist/consentry.js'], 'one script file');
      await page.click('#cc-main .cm__btn[data-role=all]');
      await h.until(async () => (await h.ran(page)).includes('ads'), { message: 'held scripts' });
    });
  });

  test('served from /assets/vendor/ to a page in /deep/, it runs from there (nothing else to find)', async () => {
    await env.session(async ({ page, open }) => {
      assert.equal(await open('/deep/vendor.html'), 'resolved');
      await h.assertBannerShown(page);
      assert.deepEqual(wasmRequests(page), []);
      await page.click('#cc-main .cm__btn[data-role=all]');
      await h.until(async () => (await h.ran(page)).includes('marketing'), { message: 'held scripts' });
      assert.deepEqual(await h.quiet(page, 200), ['inline-1', 'marketing']);
    });
  });

  test('<script data-config> fetches the JSON config and runs it with no other JS', async () => {
    await env.session(async ({ page, open }) => {
      await open('/data-config.html', page, { settle: false });
      await h.assertBannerShown(page);
      assert.equal(await page.locator('#cc-main .cm__title').textContent(), 'Configured from JSON');
      assert.ok(page.requests.some((u) => new URL(u).pathname === '/config.json'), 'config.json fetched');
      assert.deepEqual(await h.quiet(page, 300), [], 'nothing held runs before consent');
      await page.click('#open-prefs');
      await h.assertPrefsShown(page);
      assert.equal(await page.locator('#cc-main .pm__title').textContent(), 'JSON preferences');
      await page.click('#cc-main .pm__btn[data-role=all]');
      await h.until(async () => (await h.ran(page)).includes('marketing'), { message: 'held scripts' });
      assert.deepEqual(await h.quiet(page, 200), ['inline-1', 'slow', 'inline-2', 'marketing']);
      assert.deepEqual((await h.stored(page)).categories, ['necessary', 'analytics', 'marketing']);
    });
  });
});

describe('ES-module build', () => {
  test('import * as CookieConsent from consentry.mjs: banner, scripts in order, record', async () => {
    await env.session(async ({ page, open }) => {
      assert.equal(await open('/esm.html'), 'resolved');
      assert.equal(await page.evaluate(() => window.ccInit), 'function', 'the default export is init');
      await h.assertBannerShown(page);
      assert.deepEqual(wasmRequests(page), [], 'the engine is inside consentry.mjs');
      assert.deepEqual(await h.quiet(page, 300), []);
      await page.click('#cc-main .cm__btn[data-role=all]');
      await h.until(async () => (await h.ran(page)).includes('marketing'), { message: 'held scripts' });
      assert.deepEqual(await h.quiet(page, 200), ['inline-1', 'slow', 'inline-2', 'marketing']);
      assert.deepEqual((await h.stored(page)).categories, ['necessary', 'analytics', 'marketing']);
      await page.reload();
      await h.settled(page);
      await h.assertBannerHidden(page);
      await h.until(async () => (await h.ran(page)).includes('marketing'), { message: 'held scripts after reload' });
    });
  });

  test('init({ module_or_path }) loads the wasm from where the host says', async () => {
    await env.session(async ({ page, open }) => {
      assert.equal(await open('/esm.html?init=/assets/vendor/consentry_bg.wasm'), 'resolved');
      await h.assertBannerShown(page);
      assert.deepEqual(wasmRequests(page), ['/assets/vendor/consentry_bg.wasm']);
    });
  });
});
