// The README's framework recipes as real apps (called by run.mjs after it has installed the
// packed tarball here): react/ (Vite 7 + @vitejs/plugin-react + react-router, built for
// production and, with React's development build, for StrictMode's double effects), vue/
// (Vite 7 + @vitejs/plugin-vue + vue-router) and next/ (Next.js App Router, `next build` +
// `next start`). Each is built with its own toolchain from node_modules, served on
// 127.0.0.1 and driven in Chromium through the same visitor flow (`visit` below).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';

const HELD = 'script[type="text/plain"][data-category=analytics]';

/**
 * What a visitor does on a framework app, from its first page (`/`, rendered by the framework
 * with a held analytics script and a status line from a component listening to consentry's
 * events): the banner shows; accepting all releases the held script; a client-side route
 * change keeps the consent (no banner, the new page's component reads it, nothing runs twice);
 * the framework's own button opens the preferences, and withdrawing analytics there reaches
 * the component through `cc:onChange`. No console error or warning anywhere.
 */
async function visit(page, { title, runs }) {
  page.setDefaultTimeout(15000); // a loaded 2-core machine; every wait is for a condition
  await page.waitForFunction(() => window.ccRun && window.ccRun != 'pending', null, { timeout: 20000 });
  assert.equal(await page.evaluate(() => window.ccRun), 'resolved', await page.evaluate(() => window.ccError));
  await page.locator('#cc-main .cm').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#cc-main .cm__title').textContent(), title);
  const started = await page.evaluate(() => ({
    runs: window.ccRuns.length,
    same: window.ccRuns.every((p) => p === window.ccRuns[0]),
    roots: document.querySelectorAll('#cc-main').length,
    banners: document.querySelectorAll('#cc-main .cm').length,
  }));
  assert.deepEqual(started, { runs, same: true, roots: 1, banners: 1 }, 'run() called as expected, one banner');
  const wasm = page.responses.filter((r) => r.path.endsWith('.wasm'));
  assert.deepEqual(wasm.map((r) => [r.status, /application\/wasm/.test(r.type)]), [[200, true]], 'the wasm, once, as application/wasm');
  assert.equal(await page.locator(HELD).count(), 1, 'the held script the framework rendered is in the page');
  assert.deepEqual(await page.evaluate(() => window.ran || []), [], 'held before consent');
  assert.equal(await page.locator('.status').textContent(), 'analytics: off');

  await page.click('#cc-main .cm__btn[data-role=all]');
  await page.waitForFunction(() => (window.ran || []).includes('held'));
  await page.locator('.status', { hasText: 'analytics: on' }).waitFor();
  assert.equal(await page.locator(HELD).count(), 0, 'released');
  await page.locator('#cc-main .cm').waitFor({ state: 'hidden' });

  // A client-side route change: the same document (a page load would lose the marker).
  await page.evaluate(() => (window.sameDocument = true));
  await page.click('nav a[href="/about"]');
  await page.locator('h1', { hasText: 'About' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/about');
  assert.equal(await page.evaluate(() => window.sameDocument), true, 'no page load');
  await page.locator('.status', { hasText: 'analytics: on' }).waitFor(); // the About page's own component
  assert.equal(await page.locator('#cc-main .cm').isVisible(), false, 'no banner again');
  assert.deepEqual(await page.evaluate(() => window.ran), ['held'], 'the released script ran once');

  // showPreferences() from the framework's own button (an onClick / @click handler).
  await page.click('#prefs');
  await page.locator('#cc-main .pm').waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('show--preferences')), true);
  const toggle = page.locator('#cc-main input.section__toggle[value=analytics]');
  assert.equal(await toggle.isChecked(), true);
  await toggle.click();
  await page.click('#cc-main .pm__btn[data-role=save]');
  await page.locator('#cc-main .pm').waitFor({ state: 'hidden' });
  await page.locator('.status', { hasText: 'analytics: off' }).waitFor(); // cc:onChange reached the component
  assert.deepEqual(page.problems, [], 'no console error or warning');
}

/** Build a Vite app (`vite build` in its folder, `env` added) into `outDir`; the wasm must be
 * a hashed asset. */
function viteBuild({ here, sh }, app, outDir, env = {}) {
  const dir = join(here, app);
  sh(process.execPath, [join(here, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', outDir], dir, env);
  const assets = readdirSync(join(dir, outDir, 'assets'));
  assert.ok(assets.some((f) => /^consentry_bg-[\w-]{6,}\.wasm$/.test(f)), `a hashed consentry_bg-*.wasm (${assets.join(', ')})`);
  assert.ok(assets.some((f) => f.endsWith('.css')), 'the stylesheet was bundled');
  return join(dir, outDir);
}

async function viteVisit({ open, servers }, dist, expect) {
  const { server, url } = await serve({ port: 0, mounts: { '/': dist } });
  servers.push(server);
  const page = await open(url + '/');
  await visit(page, expect);
  await page.context().close();
}

/** `next start` on a free port of 127.0.0.1; resolves with its URL once it listens. */
function nextStart({ here }, stops) {
  const child = spawn(process.execPath, [join(here, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-H', '127.0.0.1', '-p', '0'], {
    cwd: join(here, 'next'),
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = { out: '', err: '' };
  stops.push(() => child.exitCode === null && child.kill());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('next start did not listen within 60 s\n' + log.out + log.err)), 60000);
    child.stderr.on('data', (d) => (log.err += d));
    child.stdout.on('data', (d) => {
      log.out += d;
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(log.out);
      if (m && /Ready/.test(log.out)) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${m[1]}`, log });
      }
    });
    child.on('exit', (code) => reject(new Error(`next start exited (${code})\n${log.out}${log.err}`)));
  });
}

/** The framework steps; `ctx` is run.mjs's: { step, open, here, sh, servers, stops }. */
export async function frameworks(ctx) {
  const { step, open, here, sh } = ctx;

  let react;
  await step('React (Vite 7 + @vitejs/plugin-react): vite build', () => {
    react = viteBuild(ctx, 'react', 'dist');
  });
  await step('React in Chromium: banner, held script released, route change, showPreferences from a button', () =>
    viteVisit(ctx, react, { title: 'React consumer', runs: 1 }));

  let reactDev;
  await step("React's development build (NODE_ENV=development vite build): StrictMode runs the effect twice", () => {
    reactDev = viteBuild(ctx, 'react', 'dist-dev', { NODE_ENV: 'development' });
    const js = readdirSync(join(reactDev, 'assets')).filter((f) => f.endsWith('.js'));
    assert.ok(js.length > 0);
  });
  await step('React (development) in Chromium: the second run() is ignored, one banner, the same flow', () =>
    viteVisit(ctx, reactDev, { title: 'React consumer', runs: 2 }));

  let vue;
  await step('Vue (Vite 7 + @vitejs/plugin-vue): vite build', () => {
    vue = viteBuild(ctx, 'vue', 'dist');
  });
  await step('Vue in Chromium: banner, held script released, route change, showPreferences from a button', () =>
    viteVisit(ctx, vue, { title: 'Vue consumer', runs: 1 }));

  await step('Next.js (App Router): next build', () => {
    const out = sh(process.execPath, [join(here, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], join(here, 'next'), {
      NEXT_TELEMETRY_DISABLED: '1',
    });
    assert.match(out, /ƒ \/ssr/, '/ssr is server-rendered on demand');
    assert.match(out, /○ \/about/);
    const media = join(here, 'next', '.next', 'static', 'media');
    assert.ok(existsSync(media) && readdirSync(media).some((f) => /^consentry_bg\..+\.wasm$/.test(f)), 'the wasm is emitted as a static asset');
  });

  let next;
  await step('Next.js: next start; /ssr imports consentry at module level and renders at request time', async () => {
    next = await nextStart(ctx, ctx.stops);
    const res = await fetch(next.url + '/ssr');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('cache-control') || '', /no-store/, 'rendered for this request, not prerendered');
    const html = await res.text();
    assert.match(html, /<p id="ssr">window: undefined; acceptedCategory: false; validConsent: false<\/p>/);
    const home = await (await fetch(next.url + '/')).text();
    assert.match(home, /<script type="text\/plain" data-category="analytics" data-src="\/held.js"><\/script>/, 'the held script is in the server HTML');
  });

  await step('Next.js in Chromium: banner, held script released, route change, showPreferences from a button', async () => {
    const page = await open(next.url + '/');
    await visit(page, { title: 'Next.js consumer', runs: 1 });
    await page.context().close();
    assert.doesNotMatch(next.log.err + next.log.out, /⨯|error/i, 'the server logged no error');
  });
}

/** How many steps `frameworks` runs (run.mjs checks that all ran). */
export const FRAMEWORK_STEPS = 9;
