// Drop-in compatibility with vanilla-cookieconsent v3: a typical v3 config and page work
// unchanged; `cookie.useLocalStorage: false` stores a v3-style cookie; a v3 visitor's
// existing cookie keeps counting.
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

const calls = (page) => page.evaluate(() => window.v3Calls.map((c) => c.what));

describe('a typical v3 config', () => {
  test('renders its texts, layout, sections and cookie table', async () => {
    await env.session(async ({ page, open }) => {
      assert.equal(await open('/v3.html'), 'resolved');
      await h.assertBannerShown(page);
      const cm = page.locator('#cc-main .cm');
      assert.equal(await page.locator('#cc-main .cm__title').textContent(), "Hello traveller, it's cookie time!");
      const cls = (await cm.getAttribute('class')).split(/\s+/);
      for (const c of ['cm--box', 'cm--inline', 'cm--bottom', 'cm--left']) assert.ok(cls.includes(c), `${c} in ${cls}`);
      assert.deepEqual(await page.locator('#cc-main .cm__footer a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent])), [
        ['#privacy', 'Privacy Policy'],
        ['#terms', 'Terms and conditions'],
      ]);
      assert.deepEqual(await calls(page), ['onModalReady']);

      await page.click('#open-prefs');
      await h.assertPrefsShown(page);
      assert.equal(await page.locator('#cc-main .pm__title').textContent(), 'Consent Preferences Center');
      assert.equal(await page.locator('#cc-main .pm__close-btn').getAttribute('aria-label'), 'Close modal');
      const sections = await page.locator('#cc-main .pm__section').evaluateAll((els) => els.map((s) => s.dataset.category || ''));
      assert.deepEqual(sections, ['', 'necessary', 'functionality', 'analytics', 'marketing', '']);
      assert.equal(await page.locator('#cc-main .pm__section[data-category=necessary] .pm__section-title .pm__badge').first().textContent(), 'Always Enabled', 'allowed span kept in a title');
      assert.match(await page.locator('#cc-main .pm__section[data-category=analytics] .pm__section-title').textContent(), /2 Services/);
      assert.deepEqual(await page.locator('#cc-main .pm__section-table caption').allTextContents(), ['Cookie table']);
      assert.deepEqual(await page.locator('#cc-main .pm__section-table th').allTextContents(), ['Cookie', 'Domain', 'Description']);
      const rows = await page.locator('#cc-main .pm__section-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
      assert.deepEqual(rows, [
        ['_ga', '127.0.0.1', 'Distinguishes visitors.'],
        ['_gid', '127.0.0.1', 'Groups a visit.'],
      ]);
      assert.equal(await page.locator('#cc-main a[href="#contact"]').textContent(), 'contact us');
      const necessary = page.locator('#cc-main input.section__toggle[value=necessary]');
      assert.ok((await necessary.isChecked()) && (await necessary.isDisabled()));
    });
  });

  test('choices, service callbacks, data-service scripts and withdrawal work as in v3', async () => {
    await env.session(async ({ page, open }) => {
      await open('/v3.html');
      await page.click('#cc-main .cm__btn[data-role=show]');
      await h.assertPrefsShown(page);
      await page.click('#cc-main input.section__toggle[value=analytics]');
      await h.expand(page, 'analytics');
      await page.click('#cc-main input.service__toggle[data-category=analytics][value=youtube]');
      await page.click('#cc-main .pm__btn[data-role=save]');
      await h.assertPrefsHidden(page);
      await h.until(async () => (await h.ran(page)).includes('ga'), { message: 'ga script' });
      assert.deepEqual(await h.quiet(page, 300), ['analytics', 'ga']);
      let c = await calls(page);
      assert.ok(c.includes('ga:onAccept') && !c.includes('youtube:onAccept'), c.join());
      assert.deepEqual(c.filter((x) => x === 'onFirstConsent' || x === 'onConsent'), ['onFirstConsent', 'onConsent']);
      assert.deepEqual(await h.api(page, 'getUserPreferences'), {
        acceptType: 'custom',
        acceptedCategories: ['necessary', 'analytics'],
        rejectedCategories: ['functionality', 'marketing'],
        acceptedServices: { necessary: [], functionality: [], analytics: ['ga'], marketing: [] },
        rejectedServices: { necessary: [], functionality: [], analytics: ['youtube'], marketing: [] },
      });

      // Withdraw ga only through the UI: the !ga script runs, ga's onReject fires.
      await page.evaluate(() => {
        document.cookie = '_ga=GA1; path=/';
        document.cookie = '_ga_XYZ=GS1; path=/';
        document.cookie = '_gid=G; path=/';
      });
      await page.click('#open-prefs');
      await h.assertPrefsShown(page);
      await h.expand(page, 'analytics');
      await page.click('#cc-main input.service__toggle[data-category=analytics][value=ga]');
      assert.equal(await page.locator('#cc-main input.section__toggle[value=analytics]').isChecked(), false, 'no service left: the category turns off');
      await page.click('#cc-main .pm__btn[data-role=save]');
      await h.until(async () => (await calls(page)).includes('onChange'), { message: 'onChange' });
      c = await calls(page);
      assert.ok(c.includes('ga:onReject'), c.join());
      const change = await page.evaluate(() => window.v3Calls.find((x) => x.what === 'onChange').arg);
      assert.deepEqual(change.changedCategories, ['analytics']);
      assert.deepEqual(change.changedServices, { necessary: [], functionality: [], analytics: ['ga'], marketing: [] }, 'every category has an entry, as in v3');
      const jar = await h.pageCookies(page);
      assert.ok(!('_ga' in jar) && !('_ga_XYZ' in jar) && !('_gid' in jar), `autoClear erased the analytics cookies: ${JSON.stringify(jar)}`);
      assert.ok((await h.quiet(page, 300)).includes('ga-withdrawn'));

      await page.reload();
      await h.settled(page);
      assert.deepEqual(await h.quiet(page, 300), [], 'nothing after reload');
      assert.deepEqual(await calls(page), ['onConsent']);
    });
  });

  test("v3's getting-started pattern: a module that imports the script build", async () => {
    await env.session({ allowConsole: true }, async ({ page, open }) => {
      assert.equal(await open('/v3-module.html'), 'resolved', `run() resolved (${JSON.stringify(await page.evaluate(() => window.ccError))})`);
      await h.assertBannerShown(page);
      await page.click('#cc-main .cm__btn[data-role=all]');
      await h.until(async () => (await h.ran(page)).includes('ga'), { message: 'ga script' });
    });
  });
});

describe('cookie.useLocalStorage: false', () => {
  test('the record is a percent-encoded JSON cookie, not in localStorage', async () => {
    await env.session(async ({ ctx, page, open }) => {
      await open('/site.html?store=cookie');
      await page.click('#cc-main .cm__btn[data-role=all]');
      await h.until(async () => (await h.ran(page)).includes('ads'), { message: 'held scripts' });
      assert.equal(await h.localValue(page), null, 'nothing in localStorage');
      const raw = (await h.pageCookies(page)).cc_cookie;
      assert.ok(raw, 'cc_cookie cookie set');
      assert.ok(raw.startsWith('%7B%22categories%22'), `percent-encoded JSON: ${raw.slice(0, 40)}`);
      const value = JSON.parse(decodeURIComponent(raw));
      assert.deepEqual(value.categories, ['necessary', 'analytics', 'marketing']);
      assert.match(value.consentId, h.UUID_V4);
      assert.deepEqual(value, await h.api(page, 'getCookie'));

      const [cookie] = (await ctx.cookies()).filter((c) => c.name === 'cc_cookie');
      assert.equal(cookie.path, '/');
      assert.equal(cookie.sameSite, 'Lax');
      const days = (cookie.expires * 1000 - Date.now()) / 86_400_000;
      assert.ok(days > 181.9 && days <= 182.01, `expires in 182 days (${days})`);

      await page.reload();
      await h.settled(page);
      await h.assertBannerHidden(page);
      await h.until(async () => (await h.ran(page)).includes('ads'), { message: 'held scripts after reload' });
      assert.equal(await h.localValue(page), null);
    });
  });

  test("a v3 visitor's existing cc_cookie cookie still counts (default localStorage config)", async () => {
    const v3Value = encodeURIComponent(JSON.stringify(h.record({ categories: ['necessary', 'analytics'] })));
    await env.session(async ({ ctx, page, open }) => {
      await ctx.addCookies([{ name: 'cc_cookie', value: v3Value, url: env.url + '/' }]);
      await open('/site.html');
      await h.assertBannerHidden(page);
      assert.equal(await h.api(page, 'validConsent'), true);
      await h.until(async () => (await h.ran(page)).includes('hotjar'), { message: 'analytics scripts' });
      assert.ok(!(await h.quiet(page, 200)).includes('ads'));
      assert.deepEqual((await h.stored(page)).categories, ['necessary', 'analytics'], 'taken over into localStorage');
    });
  });
});
