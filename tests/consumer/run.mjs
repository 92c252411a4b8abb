// A real consumer of consentry: pack the package as npm would publish it, install the
// tarball into this Vite 7 app, type-check, build, serve and open it in Chromium; then the
// script-tag build loaded from a path unlike the page's; then the package imported in plain
// Node (server-side rendering); then the README's React, Vue and Next.js recipes as apps
// built with their own toolchains (frameworks.mjs). Exits non-zero on the first failure.
//
//   node tests/consumer/run.mjs        (after `node scripts/build.mjs`; part of `npm test`)
//
// Steps:
//  1. `npm pack` of the repository into a temp dir (what `files` in package.json ships).
//  2. `npm install` here (vite, react, vue, next and their plugins and routers, pinned;
//     package-lock.json), then the tarball (--no-save).
//  3. `tsc -p tests/consumer`: src/main.ts plus tests/types' usage files (copied into
//     src/types/) against the installed package's types, resolved through its exports.
//  4. `vite build`: the wasm must be emitted as a hashed asset.
//  5. dist/ served and opened in Chromium: the banner shows, the wasm comes from the hashed
//     asset, accepting releases the held script.
//  6. A script-tag page at /pages/shop/ loading /static/lib/consentry/consentry.js (the
//     installed dist/ copied there): the wasm and the built-in German texts are fetched
//     next to the script, the banner shows in German.
//  7. `import('consentry')` in plain Node: no browser global touched, nothing defined.
//  8. frameworks.mjs: react/, vue/ and next/ built, served and driven in Chromium.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { FRAMEWORK_STEPS, frameworks } from './frameworks.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'consentry-consumer-'));
const npm = process.platform == 'win32' ? 'npm.cmd' : 'npm';
const sh = (cmd, args, cwd, env = {}) =>
  execFileSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
let passed = 0;
let failed = 0;

async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (error) {
    failed++;
    console.log(`FAIL ${name}\n${String((error && error.stack) || error).replace(/^/gm, '     ')}`);
    if (error && error.stderr) console.log(String(error.stderr).replace(/^/gm, '     '));
    throw error;
  }
}

let browser;
const servers = [];
const stops = []; // processes started (next start)
try {
  for (const f of ['consentry.js', 'consentry.mjs', 'consentry_bg.wasm', 'consentry.css', 'consentry.d.ts']) {
    if (!existsSync(join(root, 'dist', f))) throw new Error(`dist/${f} is missing: run \`node scripts/build.mjs\` first`);
  }

  let tarball;
  await step('npm pack', () => {
    const out = sh(npm, ['pack', '--pack-destination', tmp, '--silent'], root).trim().split('\n').pop();
    tarball = join(tmp, out);
    assert.ok(existsSync(tarball), `packed ${tarball}`);
  });

  await step('npm install (vite 7, react, vue, next) and the packed tarball', () => {
    sh(npm, ['install', '--no-audit', '--no-fund'], here);
    sh(npm, ['install', '--no-audit', '--no-fund', '--no-save', tarball], here);
    const installed = join(here, 'node_modules', 'consentry', 'dist');
    assert.deepEqual(readdirSync(installed).sort(), ['consentry.css', 'consentry.d.ts', 'consentry.js', 'consentry.mjs', 'consentry_bg.wasm', 'i18n']);
    const vite = sh(process.execPath, [join(here, 'node_modules', 'vite', 'bin', 'vite.js'), '--version'], here);
    assert.match(vite, /^vite\/7\./, 'Vite 7');
  });

  await step('tsc --noEmit against the installed types (app + every API function and config key)', () => {
    const types = join(here, 'src', 'types');
    rmSync(types, { recursive: true, force: true });
    mkdirSync(types, { recursive: true });
    // usage.ts: every function and config key; errors.ts: what must be rejected;
    // type-only.ts: v3-style type imports. Resolved here through node_modules/consentry.
    for (const f of ['usage.ts', 'errors.ts', 'type-only.ts']) cpSync(join(root, 'tests', 'types', f), join(types, f));
    sh(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', here], here);
  });

  let wasmAsset;
  await step('vite build: the wasm is emitted as a hashed asset', () => {
    sh(process.execPath, [join(here, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], here);
    const assets = readdirSync(join(here, 'dist', 'assets'));
    wasmAsset = assets.find((f) => /^consentry_bg-[\w-]{6,}\.wasm$/.test(f));
    assert.ok(wasmAsset, `a hashed consentry_bg-*.wasm in dist/assets (${assets.join(', ')})`);
    assert.ok(assets.some((f) => f.endsWith('.css')), 'the stylesheet was bundled');
  });

  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  /** A page that records errors, console errors and responses; only 127.0.0.1 is reachable. */
  async function open(url) {
    const ctx = await browser.newContext();
    await ctx.route((u) => u.hostname !== '127.0.0.1', (route) => route.abort('blockedbyclient'));
    const page = await ctx.newPage();
    page.setDefaultTimeout(8000);
    page.problems = [];
    page.responses = [];
    page.on('pageerror', (e) => page.problems.push('pageerror: ' + e.message));
    page.on('console', (m) => (m.type() == 'error' || m.type() == 'warning') && page.problems.push(m.type() + ': ' + m.text()));
    page.on('response', (r) => page.responses.push({ path: new URL(r.url()).pathname, status: r.status(), type: r.headers()['content-type'] || '' }));
    await page.goto(url);
    return page;
  }

  await step('the built app in Chromium: banner shown, wasm from the hashed asset, held script released', async () => {
    const { server, url } = await serve({ port: 0, mounts: { '/': join(here, 'dist') } });
    servers.push(server);
    const page = await open(url + '/');
    await page.waitForFunction(() => window.ccRun && window.ccRun != 'pending');
    assert.equal(await page.evaluate(() => window.ccRun), 'resolved', await page.evaluate(() => window.ccError));
    await page.locator('#cc-main .cm').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#cc-main .cm__title').textContent(), 'Vite consumer');
    const wasm = page.responses.filter((r) => r.path.endsWith('.wasm'));
    assert.deepEqual(wasm.map((r) => [r.path, r.status]), [['/assets/' + wasmAsset, 200]], 'the wasm came from the hashed asset, once');
    assert.match(wasm[0].type, /application\/wasm/);
    assert.deepEqual(await page.evaluate(() => window.ran || []), [], 'held before consent');
    await page.click('#cc-main .cm__btn[data-role=all]');
    await page.waitForFunction(() => (window.ran || []).includes('held'));
    assert.deepEqual(await page.evaluate(() => window.ccConsents.map((p) => p.acceptType)), ['all']);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  await step('script tag from /static/lib/consentry/ on a page at /pages/shop/: wasm and i18n next to the script', async () => {
    const site = join(tmp, 'site');
    const lib = join(site, 'static', 'lib', 'consentry');
    mkdirSync(lib, { recursive: true });
    cpSync(join(here, 'node_modules', 'consentry', 'dist'), lib, { recursive: true });
    mkdirSync(join(site, 'pages', 'shop'), { recursive: true });
    writeFileSync(
      join(site, 'pages', 'shop', 'index.html'),
      `<!doctype html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <title>Shop</title>
  <link rel="stylesheet" href="/static/lib/consentry/consentry.css">
  <script src="/static/lib/consentry/consentry.js"></script>
  <script src="config.js"></script>
</head>
<body><h1>Shop</h1></body>
</html>
`,
    );
    // No translations: the visitor's language (document: de) is picked among the built-in ones.
    writeFileSync(
      join(site, 'pages', 'shop', 'config.js'),
      `window.ccRun = 'pending';
CookieConsent.run({ hideFromBots: false, language: { autoDetect: 'document' }, categories: { necessary: { readOnly: true }, analytics: {} } })
  .then(function () { window.ccRun = 'resolved'; }, function (e) { window.ccRun = 'rejected'; window.ccError = String(e); });
`,
    );
    const { server, url } = await serve({ port: 0, mounts: { '/': site } });
    servers.push(server);
    const page = await open(url + '/pages/shop/');
    await page.waitForFunction(() => window.ccRun && window.ccRun != 'pending');
    assert.equal(await page.evaluate(() => window.ccRun), 'resolved', await page.evaluate(() => window.ccError));
    await page.locator('#cc-main .cm').waitFor({ state: 'visible' });
    const got = page.responses.filter((r) => /\.(wasm|json)$/.test(r.path)).map((r) => [r.path, r.status]);
    assert.deepEqual(got, [['/static/lib/consentry/consentry_bg.wasm', 200], ['/static/lib/consentry/i18n/de.json', 200]]);
    assert.equal(await page.locator('#cc-main').getAttribute('lang'), 'de');
    assert.match(await page.locator('#cc-main .cm__btn[data-role=all]').textContent(), /akzeptieren|Akzeptieren/);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  await step("import('consentry') in plain Node (SSR): no browser global touched or defined", () => {
    const probe = `
      const BROWSER = ['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'self',
        'Element', 'HTMLElement', 'HTMLScriptElement', 'Document', 'MutationObserver', 'CustomEvent', 'addEventListener',
        'dispatchEvent', 'requestAnimationFrame', 'history', 'screen', 'getComputedStyle', 'matchMedia'];
      const touched = [];
      for (const name of BROWSER) {
        if (name in globalThis) continue;
        Object.defineProperty(globalThis, name, { configurable: true, enumerable: false, get() { touched.push(name); return undefined; } });
      }
      const before = new Set(Reflect.ownKeys(globalThis));
      const m = await import('consentry');
      // What server-rendering code may call: queries answer "nothing accepted".
      const answers = [m.acceptedCategory('analytics'), m.validConsent(), JSON.stringify(m.getCookie()), m.getConfig(), m.getUserPreferences().acceptType];
      const added = Reflect.ownKeys(globalThis).filter((k) => !before.has(k)).map(String);
      console.log(JSON.stringify({ touched, added, exports: Object.keys(m).length, answers }));
    `;
    const out = JSON.parse(sh(process.execPath, ['--input-type=module', '-e', probe], here).trim().split('\n').pop());
    assert.deepEqual(out.touched, [], 'no browser global read');
    assert.deepEqual(out.added, [], 'no global defined');
    assert.ok(out.exports >= 22, `the API is exported (${out.exports})`);
    assert.deepEqual(out.answers, [false, false, '{}', null, ''], 'queries answer "nothing accepted"'); // getConfig() → undefined (JSON null)
  });

  await frameworks({ step, open, here, sh, servers, stops });
} catch {
  // reported by step()
} finally {
  await browser?.close();
  for (const s of servers) s.close();
  for (const stop of stops) stop();
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`consumer: ${passed} passed, ${failed} failed`);
process.exit(failed || passed < 7 + FRAMEWORK_STEPS ? 1 : 0);
