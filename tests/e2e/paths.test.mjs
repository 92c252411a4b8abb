// Every way a page can load a tracker (issue 11): each path, run by page code on a first visit
// of paths/page.html, must send nothing to the tracker's service (`tracker`, claiming
// https://tracker.example/ and the first-party /paths/track/) before consent; after "Accept
// all", held elements load (once) and refused requests, made again, go through. Every request
// is counted: foreign ones at the browser (`context.route`), first-party ones at the server.
// A control (`C()`, a third party no service claims) must load before consent.
//
//   node scripts/build.mjs && node --test tests/e2e/paths.test.mjs
//   CONSENTRY_DIST=/path/to/old/dist node --test tests/e2e/paths.test.mjs   (an older build)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as h from './harness.mjs';
import { TYPES } from '../../scripts/serve.mjs';

const HERE = join(dirname(fileURLToPath(import.meta.url)), 'paths');
const CONCURRENCY = Number(process.env.LEAK_CONCURRENCY || 2);
const T_URL = (name) => `https://tracker.example/p/${name}.html`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** The stub answer of a foreign URL `https://<host>/p/<name>.<ext>`. */
function answer(url) {
  const { pathname } = new URL(url);
  const ext = extname(pathname).slice(1);
  const name = pathname.replace(/^\/p\//, '').replace(/\.[^.]*$/, '');
  const body = {
    js: `(self.__ran = self.__ran || []).push(${JSON.stringify(name)});`,
    html: `<!doctype html><meta charset="utf-8"><title>${name}</title><script>parent.postMessage({ ran: ${JSON.stringify(name)} }, '*')</script>`,
    gif: GIF,
    css: 'p { margin: 0 }',
    vtt: 'WEBVTT\n',
  }[ext] ?? '';
  const type = { js: 'text/javascript', html: 'text/html', gif: 'image/gif', css: 'text/css', vtt: 'text/vtt', mp4: 'video/mp4', mp3: 'audio/mpeg' }[ext] || 'text/plain';
  return { status: 200, contentType: type, headers: { 'access-control-allow-origin': '*' }, body };
}

// First-party tracker endpoints (the service claims /paths/track/ on 127.0.0.1).
const FIRST_PARTY = {
  worker: ['text/javascript', "postMessage('ran:worker');"],
  sharedworker: ['text/javascript', "onconnect = (e) => e.ports[0].postMessage('ran:sharedworker');"],
  eventsource: ['text/event-stream', 'data: ran\n\n'],
  beacon: ['text/plain', ''],
  'fetch-first': ['text/plain', 'ok'],
};

let env;
const firstParty = []; // paths of first-party tracker requests (and WebSocket handshakes) the server saw

before(async () => {
  env = await h.start();
  for (const file of readdirSync(HERE)) {
    env.routes.set('/paths/' + file, async (req, res) => {
      res.writeHead(200, { 'content-type': TYPES[extname(file)], 'cache-control': 'no-store' });
      res.end(readFileSync(join(HERE, file)));
    });
  }
  env.routes.set('/paths/pixel.gif', async (req, res) => res.writeHead(200, { 'content-type': 'image/gif' }).end(GIF));
  for (const [name, [type, body]] of Object.entries(FIRST_PARTY)) {
    env.routes.set('/paths/track/' + name, async (req, res) => {
      firstParty.push(req.url);
      req.resume();
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      if (type == 'text/event-stream') res.write(body);
      else res.end(body);
    });
  }
  // A WebSocket endpoint: the handshake, then silence.
  env.server.on('upgrade', (req, socket) => {
    firstParty.push(req.url);
    const accept = createHash('sha1').update(req.headers['sec-websocket-key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    socket.on('error', () => {});
    setTimeout(() => socket.destroy(), 3000);
  });
});

after(async () => {
  await env?.close();
});

/** Requests of one case: foreign `/p/<id>.<ext>` and first-party `/paths/track/<id>`. */
class Count {
  constructor() {
    this.foreign = [];
  }
  async install(ctx, intercepted) {
    await ctx.route(
      (u) => u.hostname == 'tracker.example' || u.hostname == 'cdn.example',
      async (route) => {
        const url = route.request().url();
        intercepted.push(url);
        this.foreign.push(url);
        await route.fulfill(answer(url));
      },
    );
  }
  /** How many requests went to the tracker (`to`: 'tracker' | 'cdn') for case `id`. */
  of(id, to = 'tracker') {
    const mine = (path) => path.startsWith('/p/' + id + '.') || path.startsWith('/paths/track/' + id);
    const foreign = this.foreign.filter((u) => new URL(u).hostname.startsWith(to) && mine(new URL(u).pathname));
    const first = to == 'tracker' ? firstParty.filter((p) => mine(p.split('?')[0])) : [];
    return foreign.length + first.length;
  }
  get total() {
    return this.foreign.length + firstParty.length;
  }
}

/** Wait until nothing new is requested for 500 ms (at least 700 ms). */
async function settle(count) {
  await sleep(700);
  let last = -1;
  for (let i = 0; i < 20 && count.total != last; i++) {
    last = count.total;
    await sleep(500);
  }
}

const ran = (page) => page.evaluate(() => [...window.__ran]);
const out = (page) => page.evaluate(() => ({ ...window.__out }));

// ---- the paths --------------------------------------------------------------------------------
// Each case: `run(id, phase)` in the page (phase 'before' | 'after'); `after`: requests once
// accepted (default 1); `again`: run once more after consent (a refused request is not
// replayed); `runs`: the tracker script runs once accepted (`__ran` has the id); `before` /
// `accepted`: what `__out` must hold then; `page`: another page.

/** A case that inserts a DOMParser-made iframe (a node no setter saw) with `how`. */
const insertion = (how) => ({
  runs: true,
  run: new Function('id', `
    const node = () => new DOMParser().parseFromString('<iframe title="t" width="1" height="1" src="' + T(id, 'html') + '"></iframe>', 'text/html').body.firstChild;
    const main = document.getElementById('main');
    ${how}`),
});

const CASES = {
  // 1. A URL onto an element, through each attribute API.
  'script-setAttributeNS': { runs: true, run: (id) => { const s = document.createElement('script'); s.setAttributeNS(null, 'src', T(id, 'js')); document.head.append(s); } },
  'script-setAttributeNode': { runs: true, run: (id) => { const s = document.createElement('script'); const a = document.createAttribute('src'); a.value = T(id, 'js'); s.setAttributeNode(a); document.head.append(s); } },
  'script-setAttributeNodeNS': { runs: true, run: (id) => { const s = document.createElement('script'); const a = document.createAttributeNS(null, 'src'); a.value = T(id, 'js'); s.setAttributeNodeNS(a); document.head.append(s); } },
  'script-setNamedItem': { runs: true, run: (id) => { const s = document.createElement('script'); const a = document.createAttribute('src'); a.value = T(id, 'js'); s.attributes.setNamedItem(a); document.head.append(s); } },
  'script-setNamedItemNS': { runs: true, run: (id) => { const s = document.createElement('script'); const a = document.createAttributeNS(null, 'src'); a.value = T(id, 'js'); s.attributes.setNamedItemNS(a); document.head.append(s); } },
  'img-attr-value': { run: (id) => { const i = new Image(); i.src = '/paths/pixel.gif'; document.body.append(i); i.getAttributeNode('src').value = T(id, 'gif'); } },
  'img-attr-nodeValue': { run: (id) => { const i = new Image(); i.src = '/paths/pixel.gif'; document.body.append(i); i.getAttributeNode('src').nodeValue = T(id, 'gif'); } },
  'img-attr-textContent': { run: (id) => { const i = new Image(); i.src = '/paths/pixel.gif'; document.body.append(i); i.getAttributeNode('src').textContent = T(id, 'gif'); } },
  'svg-script-href': { runs: true, run: (id) => { const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg'); const s = document.createElementNS('http://www.w3.org/2000/svg', 'script'); s.setAttribute('href', T(id, 'js')); svg.append(s); document.body.append(svg); } },
  'svg-script-xlink': { runs: true, run: (id) => { const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg'); const s = document.createElementNS('http://www.w3.org/2000/svg', 'script'); s.setAttributeNS('http://www.w3.org/1999/xlink', 'xlink:href', T(id, 'js')); svg.append(s); document.body.append(svg); } },
  'svg-script-baseVal': { runs: true, run: (id) => { const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg'); const s = document.createElementNS('http://www.w3.org/2000/svg', 'script'); s.href.baseVal = T(id, 'js'); svg.append(s); document.body.append(svg); } },
  'svg-image-href': { run: (id) => { const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg'); const i = document.createElementNS('http://www.w3.org/2000/svg', 'image'); i.setAttribute('href', T(id, 'gif')); svg.append(i); document.body.append(svg); } },
  'svg-image-baseVal': { run: (id) => { const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg'); const i = document.createElementNS('http://www.w3.org/2000/svg', 'image'); i.href.baseVal = T(id, 'gif'); svg.append(i); document.body.append(svg); } },
  'iframe-srcdoc': { run: (id) => { const f = document.createElement('iframe'); f.srcdoc = '<img src="' + T(id, 'gif') + '">'; document.body.append(f); } },
  'iframe-srcdoc-attribute': { run: (id) => { const f = document.createElement('iframe'); f.setAttribute('srcdoc', '<p>hi</p><img src="' + T(id, 'gif').replace('https:', 'https&colon;') + '">'); document.body.append(f); } },
  'iframe-data-url': { run: (id) => { const f = document.createElement('iframe'); f.src = 'data:text/html,' + encodeURIComponent('<img src="' + T(id, 'gif') + '">'); document.body.append(f); } },
  'iframe-javascript-url': { run: (id) => { const f = document.createElement('iframe'); document.body.append(f); f.src = 'javascript:' + encodeURIComponent(JSON.stringify('<img src="' + T(id, 'gif') + '">')); } },
  'link-preload': { run: (id) => { const l = document.createElement('link'); l.rel = 'preload'; l.as = 'script'; l.href = T(id, 'js'); document.head.append(l); } },
  'link-prefetch': { run: (id) => { const l = document.createElement('link'); l.rel = 'prefetch'; l.href = T(id, 'js'); document.head.append(l); } },
  'link-modulepreload': { run: (id) => { const l = document.createElement('link'); l.rel = 'modulepreload'; l.href = T(id, 'js'); document.head.append(l); } },
  'link-stylesheet': { run: (id) => { const l = document.createElement('link'); l.rel = 'stylesheet'; l.href = T(id, 'css'); document.head.append(l); } },
  'embed-src': { run: (id) => { const e = document.createElement('embed'); e.type = 'text/html'; e.src = T(id, 'html'); document.body.append(e); } },
  'object-data': { run: (id) => { const o = document.createElement('object'); o.type = 'text/html'; o.data = T(id, 'html'); document.body.append(o); } },
  'picture-source-srcset': { run: (id) => { const p = document.createElement('picture'); const s = document.createElement('source'); s.srcset = T(id, 'gif'); const i = document.createElement('img'); i.src = '/paths/pixel.gif'; p.append(s, i); document.body.append(p); } },
  'video-source-src': { run: (id) => { const v = document.createElement('video'); const s = document.createElement('source'); s.src = T(id, 'mp4'); v.append(s); document.body.append(v); } },
  'video-src': { run: (id) => { const v = document.createElement('video'); v.src = T(id, 'mp4'); } },
  'video-poster': { run: (id) => { const v = document.createElement('video'); v.poster = T(id, 'gif'); document.body.append(v); } },
  'audio-src': { run: (id) => { const a = document.createElement('audio'); a.setAttribute('src', T(id, 'mp3')); } },
  'new-Audio': { run: (id) => { window.__audio = new Audio(T(id, 'mp3')); } },
  'input-image-src': { run: (id) => { const i = document.createElement('input'); i.type = 'image'; i.src = T(id, 'gif'); i.alt = 'go'; document.body.append(i); } },

  // 2. Parsers whose output reaches the page.
  'createContextualFragment-script': { runs: true, run: (id) => { document.body.append(document.createRange().createContextualFragment('<script src="' + T(id, 'js') + '"><\/script>')); } },
  'createContextualFragment-img': { run: (id) => { window.__keep = document.createRange().createContextualFragment('<img src="' + T(id, 'gif') + '">'); } },
  'shadow-innerHTML': { run: (id) => { const host = document.createElement('div'); document.body.append(host); host.attachShadow({ mode: 'open' }).innerHTML = '<img src="' + T(id, 'gif') + '">'; } },
  'shadow-setHTMLUnsafe': { run: (id) => { const host = document.createElement('div'); document.body.append(host); host.attachShadow({ mode: 'closed' }).setHTMLUnsafe('<img src="' + T(id, 'gif') + '">'); } },
  'setHTMLUnsafe-closed-shadow-root': { run: (id) => { const d = document.createElement('div'); document.body.append(d); d.setHTMLUnsafe('<div><template shadowrootmode="closed"><img src="' + T(id, 'gif') + '"></template></div>'); } },
  'parseHTMLUnsafe-append': { runs: true, run: (id) => { const doc = Document.parseHTMLUnsafe('<img src="' + T(id, 'gif') + '"><iframe src="' + T(id, 'html') + '"></iframe>'); document.body.append(...doc.body.childNodes); }, after: 2 },
  'parseHTMLUnsafe-closed-shadow-root': { run: (id) => { const doc = Document.parseHTMLUnsafe('<div><template shadowrootmode="closed"><img src="' + T(id, 'gif') + '"></template></div>'); document.body.append(doc.body.firstChild); } },
  'template-cloneNode': { runs: true, run: () => { document.body.append(document.getElementById('tpl-clone').content.cloneNode(true)); } },
  'template-importNode-script': { runs: true, run: () => { document.body.append(document.importNode(document.getElementById('tpl-import').content, true)); } },
  'template-importNode': { run: (id) => { const t = document.createElement('template'); t.innerHTML = '<img src="' + T(id, 'gif') + '">'; window.__keep = document.importNode(t.content, true); } },
  'DOMParser-importNode': { run: (id) => { const doc = new DOMParser().parseFromString('<img src="' + T(id, 'gif') + '">', 'text/html'); window.__keep = document.importNode(doc.body.firstChild, true); } },
  'DOMParser-adoptNode': { run: (id) => { const doc = new DOMParser().parseFromString('<img src="' + T(id, 'gif') + '">', 'text/html'); window.__keep = document.adoptNode(doc.body.firstChild); } },
  'DOMParser-append-into-detached': { run: (id) => { const doc = new DOMParser().parseFromString('<img src="' + T(id, 'gif') + '">', 'text/html'); document.createElement('div').append(doc.body.firstChild); } },
  'execCommand-insertHTML': { run: (id) => { const d = document.createElement('div'); d.contentEditable = 'true'; document.body.append(d); d.focus(); document.execCommand('insertHTML', false, '<img src="' + T(id, 'gif') + '">'); } },
  'document-write-split': { page: '/paths/write.html', ids: ['write-split-script', 'write-split-img', 'write-split-frame'], runs: ['write-split-script', 'write-split-frame'] },

  // 2. Every insertion method, with a node no setter saw (parsed by DOMParser).
  'insert-appendChild': insertion('main.appendChild(node());'),
  'insert-insertBefore': insertion('main.insertBefore(node(), main.firstChild);'),
  'insert-replaceChild': insertion("const x = document.createElement('i'); main.append(x); main.replaceChild(node(), x);"),
  'insert-append': insertion('main.append(node());'),
  'insert-prepend': insertion('main.prepend(node());'),
  'insert-before': insertion('main.firstElementChild.before(node());'),
  'insert-after': insertion('main.firstElementChild.after(node());'),
  'insert-replaceWith': insertion("const x = document.createElement('i'); main.append(x); x.replaceWith(node());"),
  'insert-replaceChildren': insertion("const x = document.createElement('div'); main.append(x); x.replaceChildren(node());"),
  'insert-insertAdjacentElement': insertion("main.insertAdjacentElement('beforeend', node());"),
  'insert-Range-insertNode': insertion('const r = document.createRange(); r.selectNodeContents(main); r.insertNode(node());'),
  'insert-Range-surroundContents': insertion("const t = document.createTextNode('x'); main.append(t); const r = document.createRange(); r.selectNode(t); r.surroundContents(node());"),
  'insert-Text-after': insertion("const t = document.createTextNode('t'); main.append(t); t.after(node());"),
  'insert-DocumentFragment': insertion('const f = document.createDocumentFragment(); f.append(node()); main.append(f);'),

  // Same-origin child frames.
  'frames-write': { run: (id) => { frames[0].document.write('<img src="' + T(id, 'gif') + '">'); } },
  'frames-createElement': { run: (id) => { const d = frames[0].document; const s = d.createElement('script'); s.src = T(id, 'js'); d.head.append(s); } },
  'frames-cross-realm-setAttribute': { run: (id) => { const i = new Image(); frames[0].Element.prototype.setAttribute.call(i, 'src', T(id, 'gif')); } },
  'frames-from-innerHTML': { run: (id) => { const box = document.createElement('div'); document.body.append(box); box.innerHTML = '<iframe title="x"></iframe>'; frames[frames.length - 1].document.body.innerHTML = '<img src="' + T(id, 'gif') + '">'; } },

  // 1. Requests: refused before consent (not replayed), through once accepted.
  fetch: {
    again: true,
    run: (id, phase) => fetch(T(id, 'txt')).then((r) => r.text(), (e) => e.name).then((v) => (window.__out[phase] = v)),
    before: { before: 'TypeError' },
    accepted: { before: 'TypeError', after: '' },
  },
  'fetch-request': {
    again: true,
    run: (id, phase) => fetch(new Request(T(id, 'txt'))).then(() => 'ok', (e) => e.name).then((v) => (window.__out[phase] = v)),
    before: { before: 'TypeError' },
    accepted: { before: 'TypeError', after: 'ok' },
  },
  xhr: {
    again: true,
    run: (id, phase) => new Promise((resolve) => {
      const x = new XMLHttpRequest();
      x.open('GET', T(id, 'txt'));
      x.onload = () => resolve((window.__out[phase] = 'load ' + x.status));
      x.onerror = () => resolve((window.__out[phase] = 'error ' + x.status + ' ' + x.readyState));
      x.send();
    }),
    before: { before: 'error 0 4' },
    accepted: { before: 'error 0 4', after: 'load 200' },
  },
  beacon: {
    again: true,
    run: (id, phase) => { window.__out[phase] = navigator.sendBeacon(F(id), 'x'); },
    before: { before: false },
    accepted: { before: false, after: true },
  },
  websocket: {
    again: true,
    run: (id, phase) => new Promise((resolve) => {
      const ws = new WebSocket(F(id).replace(/^http/, 'ws'));
      ws.onopen = () => resolve((window.__out[phase] = 'open'));
      ws.onerror = () => { window.__out[phase] = 'error ' + ws.readyState; };
      ws.onclose = (e) => resolve((window.__out[phase] += ' close ' + e.code));
    }),
    before: { before: 'error 3 close 1006' },
    accepted: { before: 'error 3 close 1006', after: 'open' },
  },
  eventsource: {
    again: true,
    run: (id, phase) => new Promise((resolve) => {
      const es = new EventSource(F(id));
      es.onmessage = (e) => { es.close(); resolve((window.__out[phase] = 'message ' + e.data)); };
      es.onerror = () => { es.close(); resolve((window.__out[phase] = 'error ' + es.readyState)); };
    }),
    before: { before: 'error 2' },
    accepted: { before: 'error 2', after: 'message ran' },
  },
  worker: {
    again: true,
    run: (id, phase) => new Promise((resolve) => {
      const w = new Worker(F(id));
      w.onmessage = (e) => resolve((window.__out[phase] = e.data));
      w.onerror = () => resolve((window.__out[phase] = 'error'));
    }),
    before: { before: 'error' },
    accepted: { before: 'error', after: 'ran:worker' },
  },
  sharedworker: {
    again: true,
    run: (id, phase) => new Promise((resolve) => {
      const w = new SharedWorker(F(id));
      w.port.onmessage = (e) => resolve((window.__out[phase] = e.data));
      w.onerror = () => resolve((window.__out[phase] = 'error'));
    }),
    before: { before: 'error' },
    accepted: { before: 'error', after: 'ran:sharedworker' },
  },
};

async function runCase(id, c) {
  await env.session({ allowConsole: true }, async ({ page, ctx, intercepted }) => {
    const count = new Count();
    await count.install(ctx, intercepted);
    await page.goto(env.url + (c.page || '/paths/page.html'));
    assert.equal(await h.settled(page), 'resolved', 'run() resolved');
    await h.assertBannerShown(page);
    // Control: a third party no service claims loads before consent.
    await page.evaluate(() => (new Image().src = C('control', 'gif')));
    if (c.run) await page.evaluate(([run, id]) => new Function('return ' + run)()(id, 'before'), [String(c.run), id]);
    await settle(count);
    const ids = c.ids || [id];
    const before = Object.fromEntries(ids.map((i) => [i, count.of(i)]));
    assert.deepEqual(before, Object.fromEntries(ids.map((i) => [i, 0])), `${id}: nothing reaches the tracker before consent\n  ${count.foreign.join('\n  ')}`);
    assert.equal(count.of('control', 'cdn'), 1, 'the unclaimed third party loaded');
    if (c.before) assert.deepEqual(await out(page), c.before, `${id}: refused as the browser refuses a request`);

    await page.click('#cc-main .cm__btn[data-role=all]');
    if (c.again) await page.evaluate(([run, id]) => new Function('return ' + run)()(id, 'after'), [String(c.run), id]);
    const want = c.after ?? 1;
    // Wait for the release itself (a loaded machine may take seconds), then for quiet: a count
    // above `want` (something sent twice) still fails below.
    await h.until(() => ids.every((i) => count.of(i) >= want), { message: `${id}: the released request` }).catch(() => {});
    await settle(count);
    assert.deepEqual(
      Object.fromEntries(ids.map((i) => [i, count.of(i)])),
      Object.fromEntries(ids.map((i) => [i, want])),
      `${id}: released (or made again) once accepted\n  ${count.foreign.join('\n  ')}`,
    );
    if (c.runs) for (const i of c.runs === true ? ids : c.runs) assert.ok((await ran(page)).includes(i), `${i}: the tracker ran once accepted (${await ran(page)})`);
    if (c.accepted) assert.deepEqual(await out(page), c.accepted);
    assert.deepEqual(page.errors, []);
  });
}

describe('every way a page loads a tracker: nothing before consent, released after', { concurrency: CONCURRENCY }, () => {
  for (const [id, c] of Object.entries(CASES)) test(id, () => runCase(id, c));
});

describe('before the engine runs, and after a withdrawal', { concurrency: CONCURRENCY }, () => {
  test('requests made before the engine runs wait for its verdict: sent when unclaimed, refused when claimed', async () => {
    await env.session({ allowConsole: true }, async ({ page, ctx, intercepted }) => {
      const count = new Count();
      await count.install(ctx, intercepted);
      await page.goto(env.url + '/paths/early.html');
      assert.equal(await h.settled(page), 'resolved');
      await h.until(async () => Object.keys(await out(page)).length == 3, { message: 'the early requests to settle' });
      await settle(count);
      assert.equal(await page.evaluate(() => window.__early), 'before the engine');
      assert.deepEqual(await out(page), { beacon: true, cdn: 'ok', tracker: 'TypeError' });
      assert.deepEqual([count.of('early-cdn', 'cdn'), count.of('early-tracker'), count.of('early-beacon')], [1, 0, 0]);
    });
  });

  test('withdrawal: an iframe a parser path brought in, released with consent, is unloaded again', async () => {
    await env.session({ allowConsole: true }, async ({ page, ctx, intercepted }) => {
      const count = new Count();
      await count.install(ctx, intercepted);
      await page.goto(env.url + '/paths/page.html');
      assert.equal(await h.settled(page), 'resolved');
      await page.evaluate(() => {
        const doc = new DOMParser().parseFromString('<iframe id="parsed" title="t" src="' + T('withdrawn-frame', 'html') + '"></iframe>', 'text/html');
        document.body.append(document.adoptNode(doc.body.firstChild));
      });
      await settle(count);
      assert.equal(count.of('withdrawn-frame'), 0);
      await page.click('#cc-main .cm__btn[data-role=all]');
      await settle(count);
      assert.equal(count.of('withdrawn-frame'), 1);
      assert.ok((await ran(page)).includes('withdrawn-frame'));
      await h.api(page, 'acceptCategory', []);
      await settle(count);
      assert.deepEqual(await page.evaluate(() => { const f = document.getElementById('parsed'); return [f.getAttribute('src'), f.getAttribute('data-cc-blocked')]; }), ['about:blank', T_URL('withdrawn-frame')]);
      assert.equal(count.of('withdrawn-frame'), 1, 'nothing more requested');
    });
  });
});

