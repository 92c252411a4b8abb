// One small browser interface over three engines, so one test body runs in each:
//   chromium — Debian's Chromium through playwright-core (as the rest of the e2e suite);
//   firefox  — Debian's firefox-esr over WebDriver BiDi through puppeteer-core;
//   webkit   — WebKitGTK's MiniBrowser through WebKitWebDriver (W3C WebDriver, plain HTTP),
//              on an Xvfb display this module starts and stops (MiniBrowser has no headless mode).
//
//   const browser = await launch('firefox', { proxy: '127.0.0.1:PORT' });
//   const page = await browser.newPage();     // a fresh profile: no storage, no cookies
//   await page.goto(url); await page.evaluate(fn, ...args); await page.click(selector);
//   await page.press('Shift+Tab'); await page.screenshot(path); await page.close();
//   await browser.close();
//
// Every browser sends the requests of every host but 127.0.0.1 to `proxy`; the tests' proxy
// (hosts.mjs) answers them itself, so nothing leaves this machine.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';

export const ENGINES = ['chromium', 'firefox', 'webkit'];
export const VIEWPORT = { width: 1280, height: 800 };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `fn` applied to `args`, as an expression every engine can evaluate. */
const expression = (fn, args) => `(${fn})(...${JSON.stringify(args)})`;

/** Scrolls `selector` into view and resolves, once every running animation and transition
 * of the page has finished, with whether it is visible (null: not in the page). */
function settle(selector) {
  const el = document.querySelector(selector);
  if (!el) return null;
  el.scrollIntoView({ block: 'center', inline: 'center' });
  return Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {}))).then(() => ({ visible: el.checkVisibility({ visibilityProperty: true }) }));
}

/** Wait until `selector` is visible and nothing on the page moves any more. */
async function ready(page, selector, timeout) {
  let last;
  const end = Date.now() + timeout;
  for (;;) {
    last = await page.evaluate(settle, selector);
    if (last && last.visible) return last;
    if (Date.now() > end) throw new Error(`${page.engine}: ${selector} is not visible (${JSON.stringify(last)})`);
    await sleep(50);
  }
}

/** Methods every page has, built on the engine's `evaluate`. */
function common(page) {
  /** Poll `fn(...args)` in the page until it returns a truthy value; return that value. */
  page.waitFor = async (fn, args = [], { timeout = 10000, message } = {}) => {
    const end = Date.now() + timeout;
    let last;
    for (;;) {
      let answered = false;
      try {
        last = await page.evaluate(fn, ...args);
        answered = true;
      } catch (error) {
        last = `threw: ${error.message}`; // e.g. the page is navigating
      }
      if (answered && last) return last;
      if (Date.now() > end) throw new Error(`${page.engine}: timed out waiting for ${message || fn.toString().slice(0, 120)} (last: ${JSON.stringify(last)})`);
      await sleep(50);
    }
  };
  return page;
}

// ---- Chromium (playwright-core) ----------------------------------------------------------

async function chromium({ proxy }) {
  const { chromium: pw } = await import('playwright-core');
  const browser = await pw.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    proxy: { server: `http://${proxy}`, bypass: '127.0.0.1' },
  });
  return {
    engine: 'chromium',
    version: browser.version(),
    async newPage() {
      const ctx = await browser.newContext({ viewport: VIEWPORT });
      const p = await ctx.newPage();
      p.setDefaultTimeout(10000);
      return common({
        engine: 'chromium',
        goto: (url) => p.goto(url),
        reload: () => p.reload(),
        evaluate: (fn, ...args) => p.evaluate(expression(fn, args)),
        async click(selector) {
          await ready(this, selector, 10000);
          await p.click(selector);
        },
        press: (key) => p.keyboard.press(key),
        screenshot: (path) => p.screenshot({ path }),
        close: () => ctx.close(),
      });
    },
    close: () => browser.close(),
  };
}

// ---- Firefox (puppeteer-core, WebDriver BiDi) --------------------------------------------

async function firefox({ proxy }) {
  const { default: puppeteer } = await import('puppeteer-core');
  const [host, port] = proxy.split(':');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    // Firefox's remote settings would poll firefox.settings.services.mozilla.com; a release
    // build honours `services.settings.server` only with this variable set.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.http': host,
      'network.proxy.http_port': Number(port),
      'network.proxy.ssl': host,
      'network.proxy.ssl_port': Number(port),
      'network.proxy.no_proxies_on': '127.0.0.1',
      'network.proxy.allow_hijacking_localhost': false,
      'network.proxy.share_proxy_settings': false,
      'services.settings.server': `http://${proxy}/remote-settings/v1`,
      'network.dns.disablePrefetch': true,
      'network.prefetch-next': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
    },
  });
  const version = await browser.version();
  return {
    engine: 'firefox',
    version,
    async newPage() {
      const ctx = await browser.createBrowserContext(); // its own storage and cookies
      const p = await ctx.newPage();
      await p.setViewport(VIEWPORT);
      p.setDefaultTimeout(10000);
      return common({
        engine: 'firefox',
        goto: (url) => p.goto(url, { waitUntil: 'load' }),
        reload: () => p.reload({ waitUntil: 'load' }),
        evaluate: (fn, ...args) => p.evaluate(expression(fn, args)),
        async click(selector) {
          await ready(this, selector, 10000);
          await p.click(selector);
        },
        async press(key) {
          const keys = key.split('+').map((k) => (k === 'Space' ? ' ' : k)); // BiDi knows ' ', not 'Space'
          for (const k of keys.slice(0, -1)) await p.keyboard.down(k);
          await p.keyboard.press(keys.at(-1));
          for (const k of keys.slice(0, -1).reverse()) await p.keyboard.up(k);
        },
        screenshot: (path) => p.screenshot({ path }),
        close: () => ctx.close(),
      });
    },
    close: () => browser.close(),
  };
}

// ---- WebKit (WebKitWebDriver + MiniBrowser on Xvfb) --------------------------------------

const MINIBROWSER = (() => {
  const known = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
  if (existsSync(known)) return known;
  try {
    return execFileSync('dpkg', ['-L', 'libwebkit2gtk-4.1-0'], { encoding: 'utf8' })
      .split('\n')
      .find((line) => line.endsWith('/MiniBrowser'));
  } catch {
    return undefined;
  }
})();

/**
 * Start `cmd` tied to this process: a small shell starts it and waits for its stdin to close,
 * then stops it by its process id. Our end of that pipe closes when we call `stop()` and also
 * when this process ends in any way (a failed test, Ctrl+C, a killed runner), so no Xvfb or
 * WebKitWebDriver outlives the test run. `stdio` describes fds 1 and up.
 */
function spawnTied(cmd, args, { stdio = ['ignore', 'ignore'], env } = {}) {
  const script = '"$@" </dev/null & pid=$!; cat >/dev/null; kill $pid 2>/dev/null; wait $pid';
  const child = spawn('sh', ['-c', script, 'sh', cmd, ...args], { stdio: ['pipe', ...stdio], env });
  child.stop = () => child.stdin.end();
  return child;
}

/** Start Xvfb on a display number it picks itself (`-displayfd`): no clash with others. */
function xvfb() {
  return new Promise((resolve, reject) => {
    const child = spawnTied('Xvfb', ['-displayfd', '3', '-screen', '0', '1600x1200x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${err.trim()}`)));
    child.stdio[3].on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve({ display: ':' + out.trim(), child });
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** WebDriver key codes (W3C WebDriver, "keyboard actions"). */
const KEYS = { Tab: '\uE004', Enter: '\uE007', Shift: '\uE008', Escape: '\uE00C', Space: '\uE00D' };

async function webkit({ proxy, log }) {
  if (!MINIBROWSER) throw new Error('webkit: MiniBrowser not found (Debian package libwebkit2gtk-4.1-0)');
  const x = await xvfb();
  const out = log ? openSync(log, 'w') : 'ignore'; // the driver's and MiniBrowser's own output
  let driver = null;
  let base = '';
  const trace = process.env.WEBKIT_TRACE ? (line) => console.error('webkit ' + line) : () => {};
  /** One W3C WebDriver command; `timeout` (ms) bounds it. */
  const call = async (method, path, body, timeout = 120_000) => {
    const t0 = Date.now();
    trace(`> ${method} ${path}`);
    const r = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeout),
    });
    const json = await r.json();
    trace(`< ${method} ${path} ${r.status} ${Date.now() - t0} ms`);
    if (!r.ok) throw new Error(`webkit: ${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
    return json.value;
  };
  /** (Re)start WebKitWebDriver on a free port and wait until it answers. MiniBrowser, which the
   * driver starts, ends with the display when Xvfb stops. */
  const startDriver = async () => {
    driver?.stop();
    const port = await freePort();
    driver = spawnTied('WebKitWebDriver', [`--port=${port}`], { env: { ...process.env, DISPLAY: x.display, NO_AT_BRIDGE: '1' }, stdio: [out, out] });
    base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try {
        return await call('GET', '/status', undefined, 5000);
      } catch (error) {
        if (i > 200) throw error;
        await sleep(50);
      }
    }
  };
  const sessions = new Set();
  const stop = () => {
    driver?.stop();
    x.child.stop();
    if (typeof out == 'number') closeSync(out);
  };
  try {
    await startDriver();
  } catch (error) {
    stop();
    throw error;
  }
  const capabilities = {
    'webkitgtk:browserOptions': {
      binary: MINIBROWSER,
      args: ['--automation', `--proxy=http://${proxy}`, '--ignore-host=127.0.0.1'],
    },
  };
  /** A new session (normally 1–2 s; 10 s on a loaded machine). Now and then, under load, the
   * MiniBrowser the driver starts fails to open the display ("cannot open display") and exits,
   * and WebKitWebDriver waits for it for ever: then the driver is started again, once, and
   * asked again. The log file records each restart. */
  const newSession = async () => {
    const request = { capabilities: { alwaysMatch: capabilities } };
    try {
      return await call('POST', '/session', request, 30_000);
    } catch (error) {
      if (error.name !== 'TimeoutError') throw error;
      if (typeof out == 'number') writeSync(out, `\n[engines driver] no answer to a new session within 30 s: restarting WebKitWebDriver\n`);
      sessions.clear(); // they belonged to the driver that hangs
      await startDriver();
      return call('POST', '/session', request, 30_000);
    }
  };
  let version = '';
  return {
    engine: 'webkit',
    get version() {
      return version;
    },
    async newPage() {
      // A new session is a new MiniBrowser with its own ephemeral storage.
      const session = await newSession();
      version = `MiniBrowser (WebKitGTK ${session.capabilities.browserVersion})`;
      const s = `/session/${session.sessionId}`;
      sessions.add(s);
      // The window has a header bar: size it so the web view is the viewport asked for.
      await call('POST', s + '/window/rect', { width: VIEWPORT.width, height: VIEWPORT.height });
      const inner = await call('POST', s + '/execute/sync', { script: 'return [innerWidth, innerHeight]', args: [] });
      await call('POST', s + '/window/rect', { width: 2 * VIEWPORT.width - inner[0], height: 2 * VIEWPORT.height - inner[1] });
      const actions = (keys) => call('POST', s + '/actions', { actions: [{ type: 'key', id: 'keyboard', actions: keys }] });
      return common({
        engine: 'webkit',
        goto: (url) => call('POST', s + '/url', { url }),
        reload: () => call('POST', s + '/refresh', {}),
        evaluate: (fn, ...args) => call('POST', s + '/execute/sync', { script: `return ${expression(fn, args)}`, args: [] }),
        async click(selector) {
          await ready(this, selector, 10000);
          const el = await call('POST', s + '/element', { using: 'css selector', value: selector });
          await call('POST', `${s}/element/${Object.values(el)[0]}/click`, {});
        },
        async press(key) {
          const keys = key.split('+').map((k) => KEYS[k] || k);
          await actions([...keys.map((value) => ({ type: 'keyDown', value })), ...keys.reverse().map((value) => ({ type: 'keyUp', value }))]);
        },
        async screenshot(path) {
          // WebKitGTK's screenshot is the web view's last painted frame: let two frames be
          // painted after what the test waited for (else it may show the page before it).
          await call('POST', s + '/execute/async', { script: 'const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));', args: [] });
          writeFileSync(path, Buffer.from(await call('GET', s + '/screenshot'), 'base64'));
        },
        async close() {
          sessions.delete(s);
          await call('DELETE', s);
        },
      });
    },
    async close() {
      // A session left open (a test that threw) ends with its MiniBrowser, then the driver.
      for (const s of sessions) await call('DELETE', s).catch(() => {});
      stop();
    },
  };
}

const LAUNCH = { chromium, firefox, webkit };

/** Start one engine. `proxy`: host:port every request to another host than 127.0.0.1 goes to;
 * `log`: a file for the browser's own output (WebKit: WebKitWebDriver and MiniBrowser). */
export async function launch(engine, { proxy, log }) {
  if (!LAUNCH[engine]) throw new Error(`unknown engine ${engine}; one of ${ENGINES.join(', ')}`);
  return LAUNCH[engine]({ proxy, log });
}
