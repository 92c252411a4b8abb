// The consent-records service (records/) behind the demo site, as `npm start` runs them: a
// visitor's choice in the demo's banner is sent by the browser (sendBeacon, cross-origin, a
// simple request: no CORS preflight) to the real service, stored, and read back with
// GET /v1/records/{consentId} for that visitor's consent id; a changed choice adds a second
// record, oldest first; the privacy settings page links the visitor to their records.
//
// The harness (`start({ site: 'www' })`) runs the service on a free port with a fresh
// SQLite file, behind a proxy that notes each request's method (`env.records.requests`), and
// serves the demo's config pointing at it. Sessions that count requests run with
// `intercept: false`: while Playwright intercepts, it answers CORS preflights itself and the
// service never sees them. Screenshots: tests/out/demo/.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { after, before, describe, test } from 'node:test';
import * as h from './harness.mjs';

const SHOTS = join(h.ROOT, 'tests', 'out', 'demo');

/** The demo's consent config (www/js/consent-config.js run on its own). */
function siteConfig() {
  const sandbox = { window: {} };
  vm.runInNewContext(readFileSync(join(h.ROOT, 'www', 'js', 'consent-config.js'), 'utf8'), sandbox);
  return structuredClone(sandbox.window.consentConfig);
}
const CONFIG = siteConfig();
const EN = CONFIG.language.translations.en;
const BUILT_IN_EN = JSON.parse(readFileSync(join(h.ROOT, 'src', 'i18n', 'locales', 'en.json'), 'utf8'));

/** A person's browser (the demo keeps hideFromBots), as in demo.test.mjs. */
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

const cm = (page) => page.locator('#cc-main .cm');
const pm = (page) => page.locator('#cc-main .pm');
const button = (scope, name) => scope.getByRole('button', { name, exact: true });

async function visit(page, path) {
  await page.goto(env.url + path);
  await page.waitForFunction(() => window.consentReady);
  await page.evaluate(() => window.consentReady);
}

/** The service's answer to GET /v1/records/{id}, asked from here (not through the page or the proxy). */
async function recordsOf(id) {
  const r = await fetch(`${env.records.service}/v1/records/${id}`);
  assert.equal(r.status, 200);
  return r.json();
}

/** Wait until the service holds `n` records for `id`. */
async function until(id, n) {
  return h.until(async () => {
    const list = await recordsOf(id);
    return list.length >= n && list;
  }, { timeout: 10000, message: `${n} record(s) for ${id} in the service` });
}

/** Requests the page sent to the service: [method, resource type]. */
const sentToService = (page) => page.sent.filter(([url]) => url.startsWith(env.records.url)).map(([, method, type]) => [method, type]);

function watch(page) {
  page.sent = [];
  page.on('request', (r) => page.sent.push([r.url(), r.method(), r.resourceType()]));
}

describe('the consent-records service behind the demo', () => {
  test("the banner's choice reaches the service and is read back for the visitor's consent id", async () => {
    await env.session(VISITOR, async ({ page }) => {
      watch(page);
      assert.deepEqual(CONFIG.consentLog, {
        endpoint: 'http://127.0.0.1:8787/v1/records',
        recordsUrl: 'http://127.0.0.1:8787/v1/records/{consentId}',
      }, "the demo's config names the service that npm start runs");
      await visit(page, '/');
      await h.assertBannerShown(page);
      await button(cm(page), EN.consentModal.acceptAllBtn).click();
      await h.assertBannerHidden(page);
      const stored = await h.stored(page);
      assert.match(stored.consentId, h.UUID_V4);

      const [first] = await until(stored.consentId, 1);
      assert.equal(first.consentId, stored.consentId);
      assert.equal(first.timestamp, stored.lastConsentTimestamp);
      assert.equal(first.action, 'given');
      assert.deepEqual(first.acceptedCategories, ['necessary', 'analytics', 'marketing']);
      assert.deepEqual(first.rejectedCategories, []);
      assert.deepEqual(first.acceptedServices, { necessary: [], analytics: ['insights'], marketing: ['adpixel'] });
      assert.deepEqual(first.rejectedServices, { necessary: [], analytics: [], marketing: [] });
      assert.equal(first.revision, 0);
      assert.equal(first.language, 'en');
      assert.equal(first.gpc, false);
      assert.equal(first.origin, env.url, 'the page origin, added by the loader');
      assert.equal(first.path, '/');
      assert.match(first.textHash, /^[0-9a-f]{64}$/);
      // Sent once, by sendBeacon (resource type "ping"), not by the fetch fallback.
      assert.deepEqual(sentToService(page), [['POST', 'ping']]);

      // A changed choice: marketing withdrawn in the preferences modal, a second record.
      await page.locator('footer.site-footer [data-cc="show-preferencesModal"]').click();
      await h.assertPrefsShown(page);
      await pm(page).locator('input.section__toggle[value=marketing]').click();
      await button(pm(page), EN.preferencesModal.savePreferencesBtn).click();
      await h.assertPrefsHidden(page);
      const history = await until(stored.consentId, 2);
      assert.deepEqual(history.map((r) => r.action), ['given', 'withdrawn'], 'oldest first');
      assert.deepEqual(history[1].rejectedCategories, ['marketing']);
      assert.deepEqual(history[1].rejectedServices.marketing, ['adpixel']);
      assert.ok(history[0].timestamp < history[1].timestamp);
      assert.equal(history.length, 2, 'each choice once');
    });
  });

  /** In a session without interception: accept all on the demo's home page; the record the service then holds. */
  async function acceptAllCounted(page) {
    env.records.requests.length = 0;
    await visit(page, '/');
    await h.assertBannerShown(page);
    await button(cm(page), EN.consentModal.acceptAllBtn).click();
    await h.assertBannerHidden(page);
    const { consentId } = await h.stored(page);
    const [record] = await until(consentId, 1);
    assert.equal(record.action, 'given');
    return record;
  }

  test('the consent reaches the service as one simple POST: no CORS preflight (OPTIONS)', async () => {
    await env.session({ ...VISITOR, intercept: false }, async ({ page }) => {
      const record = await acceptAllCounted(page);
      assert.deepEqual(env.records.requests, [['POST', '/v1/records']], 'what reached the service');
      assert.equal(record.origin, env.url);
    });
    // sendBeacon declining (a full beacon queue): the fetch fallback is a simple request too.
    const declining = `${VISITOR.init} Navigator.prototype.sendBeacon = function () { return false; };`;
    await env.session({ ...VISITOR, init: declining, intercept: false }, async ({ page }) => {
      watch(page);
      await acceptAllCounted(page);
      assert.deepEqual(sentToService(page), [['POST', 'fetch']], 'sent by fetch');
      assert.deepEqual(env.records.requests, [['POST', '/v1/records']], 'what reached the service');
    });
  });

  test('a beacon without a preflight needs no Access-Control-Allow-Credentials in the answer', async () => {
    // Chromium's sendBeacon sends with credentials; a preflighted one was dropped when the
    // preflight's answer did not allow them (README, "Consent records service", CORS).
    env.records.hide.add('access-control-allow-credentials');
    try {
      await env.session({ ...VISITOR, intercept: false }, async ({ page }) => {
        await acceptAllCounted(page);
        assert.deepEqual(env.records.requests, [['POST', '/v1/records']]);
      });
    } finally {
      env.records.hide.clear();
    }
  });

  test('the privacy settings page links the visitor to their records', async () => {
    await env.session(VISITOR, async ({ page, ctx }) => {
      await visit(page, '/preferences.html');
      const pc = page.locator('#privacy-center .cc-pc');
      await pc.waitFor({ state: 'visible' });
      assert.equal(await pc.locator('.cc-pc__records').count(), 0, 'no choice yet: no records to show');
      await pc.locator('input.section__toggle[value=analytics]').click();
      await button(pc, EN.preferencesModal.savePreferencesBtn).click();
      const { consentId } = await h.stored(page);
      await until(consentId, 1);

      const link = pc.locator('.cc-pc__records a');
      await link.waitFor({ state: 'visible' });
      assert.equal(await link.textContent(), BUILT_IN_EN.preferenceCenter.recordsLink);
      assert.equal(await link.getAttribute('href'), `${env.records.url}/v1/records/${consentId}`);
      await page.screenshot({ path: join(SHOTS, 'preferences-records-link.png'), fullPage: true });
      // Following it shows this visitor's records, as the service keeps them.
      const [tab] = await Promise.all([ctx.waitForEvent('page'), link.click()]);
      tab.errors = [];
      tab.console = [];
      await tab.waitForLoadState();
      const shown = JSON.parse(await tab.evaluate(() => document.body.innerText));
      assert.equal(shown.length, 1);
      assert.equal(shown[0].consentId, consentId);
      assert.deepEqual(shown[0].acceptedCategories, ['necessary', 'analytics']);
      assert.equal(shown[0].path, '/preferences.html');
    });
  });
});
