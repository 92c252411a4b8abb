// Single-page apps (README "Single-page apps"): held markup a page renders after run() — a
// route, a component mounting — is decided without a page load, automatically (a
// MutationObserver) and on request (`CookieConsent.scan(root?)`); a framework may remove the
// held elements it rendered, released or not.
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

const SCRIPT = (name, category = 'analytics') => `<script type="text/plain" data-category="${category}">window.ran = (window.ran || []).concat('${name}');</script>`;
const FRAME = '<iframe data-category="analytics" data-service="ga" data-src="/spa-files/frame.html" width="320" height="180" title="player"></iframe>';
const render = (page, html, into) => page.evaluate(([html, into]) => void window.render(html, into && document.querySelector(into)), [html, into]);
const frameSrc = (page) => page.evaluate(() => document.querySelector('#app iframe').getAttribute('src'));

describe('held markup rendered after run()', () => {
  test('before consent: held, the frame gets its placeholder; accepting releases it; rendered after consent: released at once', async () => {
    await env.session(async ({ page, open }) => {
      assert.equal(await open('/spa.html'), 'resolved');
      await render(page, SCRIPT('late-1') + FRAME + '<script type="text/plain" data-category="analytics" data-src="/spa-files/late.js"></script>');
      await page.locator('#app .cc-ph[data-service=ga]').waitFor();
      assert.equal(await frameSrc(page), null, 'the frame is not loaded');
      assert.deepEqual(await h.quiet(page, 300), [], 'nothing ran before consent');
      assert.deepEqual(h.requested(page, '/spa-files/'), [], 'nothing was requested');

      await page.click('#cc-main .cm__btn[data-role=all]');
      await h.until(async () => (await h.ran(page)).includes('late-external'), { message: 'the late external script' });
      assert.deepEqual(await h.ran(page), ['late-1', 'late-external'], 'released in document order');
      assert.equal(await frameSrc(page), '/spa-files/frame.html');
      assert.equal(await page.locator('#app .cc-ph').count(), 0, 'the placeholder went');

      // A route rendered after the visitor chose: no API call, no page load.
      await render(page, SCRIPT('late-2') + SCRIPT('late-withdrawn', '!analytics') + SCRIPT('late-marketing', 'marketing'));
      await h.until(async () => (await h.ran(page)).includes('late-2'), { message: 'the script rendered after consent' });
      assert.deepEqual(await h.quiet(page, 300), ['late-1', 'late-external', 'late-2', 'late-marketing'], 'accepted categories run once each; negated markers wait for a withdrawal');
    });
  });

  test('a framework removes the held elements it rendered: no error; the placeholder leaves with its frame', async () => {
    await env.session(async ({ page, open }) => {
      assert.equal(await open('/spa.html'), 'resolved');
      // Before consent: a component with a held frame mounts and unmounts.
      await render(page, FRAME);
      await page.locator('#app .cc-ph').waitFor();
      await page.evaluate(() => document.getElementById('app').removeChild(document.querySelector('#app iframe')));
      await h.until(() => page.evaluate(() => !document.querySelector('#app .cc-ph')), { message: 'the orphaned placeholder to go' });

      // After consent: a held script released, then removed by the framework from an element
      // that stays (as React removes a fragment's child, Vue a v-if'd element).
      await page.click('#cc-main .cm__btn[data-role=all]');
      await h.assertBannerHidden(page);
      await render(page, '<script type="text/plain" data-category="analytics" id="w">window.ran = (window.ran || []).concat(document.currentScript.id);</script>');
      await h.until(async () => (await h.ran(page)).includes('w'), { message: 'the released script' });
      const removed = await page.evaluate(() => {
        const app = document.getElementById('app');
        const held = window.rendered[0]; // the element the framework created and keeps
        try {
          app.removeChild(held); // what the framework holds a reference to
          return { ok: true, marked: held.hasAttribute('data-cc-live'), live: document.querySelectorAll('#w').length };
        } catch (e) {
          return { ok: false, error: String(e) };
        }
      });
      assert.deepEqual(removed, { ok: true, marked: true, live: 1 }, 'the held element stayed in place (marked); its id went to the live copy');
      assert.deepEqual(await h.quiet(page, 200), ['w'], 'it ran once');
    });
  });

  test('withdrawal holds a late-rendered frame again; scan() is the explicit way, also into a shadow root', async () => {
    await env.session(async ({ page, open }) => {
      assert.equal(await open('/spa.html'), 'resolved');
      await page.click('#cc-main .cm__btn[data-role=all]');
      await render(page, FRAME);
      await h.until(async () => (await frameSrc(page)) == '/spa-files/frame.html', { message: 'the frame released' });
      await h.api(page, 'acceptCategory', []);
      await page.locator('#app .cc-ph[data-service=ga]').waitFor();
      assert.equal(await frameSrc(page), 'about:blank', 'unloaded on withdrawal');

      await h.api(page, 'acceptCategory', 'all');
      // Markup in a shadow root is out of the document's reach until scan(root) names it.
      await page.evaluate(() => {
        const host = document.getElementById('widget-host');
        const root = host.attachShadow({ mode: 'open' });
        window.render('<script type="text/plain" data-category="analytics">window.ran = (window.ran || []).concat("shadow-1");</script>', root);
      });
      assert.ok(!(await h.quiet(page, 300)).includes('shadow-1'), 'not seen without scan()');
      assert.equal(await page.evaluate(() => window.CookieConsent.scan(document.getElementById('widget-host').shadowRoot)), undefined);
      await h.until(async () => (await h.ran(page)).includes('shadow-1'), { message: 'scan(shadowRoot)' });
      await page.evaluate(() => window.render('<script type="text/plain" data-category="analytics">window.ran = (window.ran || []).concat("shadow-2");</script>', document.getElementById('widget-host').shadowRoot));
      await h.until(async () => (await h.ran(page)).includes('shadow-2'), { message: 'the scanned shadow root is watched from then on' });
    });
  });

  test("more held markup rendered later leaves a held frame's placeholder as it is: the focus on its button stays", async () => {
    await env.session(async ({ page, open }) => {
      assert.equal(await open('/spa.html'), 'resolved');
      await render(page, FRAME);
      await page.locator('#app .cc-ph[data-service=ga]').waitFor();
      await page.evaluate(() => {
        window.phBefore = document.querySelector('#app .cc-ph');
        window.phBefore.querySelector('button').focus();
      });
      // The app renders another component with held markup: the document's observer scans.
      await render(page, '<div id="late-box">' + SCRIPT('late-other', 'marketing') + '</div>');
      await page.evaluate(() => window.CookieConsent.scan()); // and once more, explicitly
      await h.quiet(page, 300);
      const after = await page.evaluate(() => {
        const ph = document.querySelector('#app .cc-ph');
        return {
          placeholders: document.querySelectorAll('#app .cc-ph').length,
          same: ph === window.phBefore,
          focusInPlaceholder: !!ph && ph.contains(document.activeElement) && document.activeElement.tagName == 'BUTTON',
        };
      });
      assert.deepEqual(after, { placeholders: 1, same: true, focusInPlaceholder: true }, 'the placeholder was not rendered again');
    });
  });

  test('scan() before run() and after reset() does nothing and throws nothing', async () => {
    await env.session(async ({ page, open }) => {
      await open('/spa.html?norun');
      await render(page, SCRIPT('early'));
      assert.equal(await page.evaluate(() => window.CookieConsent.scan()), undefined);
      await page.evaluate(() => window.CookieConsent.run(window.ccConfigs.basic(new URLSearchParams())));
      await page.click('#cc-main .cm__btn[data-role=all]');
      await h.until(async () => (await h.ran(page)).includes('early'), { message: 'held markup from before run()' });
      await page.evaluate(() => window.CookieConsent.reset());
      await render(page, SCRIPT('after-reset'));
      assert.equal(await page.evaluate(() => window.CookieConsent.scan()), undefined);
      assert.ok(!(await h.quiet(page, 300)).includes('after-reset'), 'no engine, nothing released');
    });
  });
});
