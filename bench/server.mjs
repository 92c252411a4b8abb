// The benchmark's static server: 127.0.0.1 only, every compressible response gzip-encoded
// (level 9, as a server with pre-compressed static files would send it; compressed once and
// kept in memory), `Content-Length` set, no caching headers beyond `no-store`.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync, constants } from 'node:zlib';
import { MOUNTS, pageHtml, configJs, privacyHtml } from './pages.mjs';
import { TYPES } from '../scripts/serve.mjs';

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg']);

/** Start the server on an ephemeral port of 127.0.0.1. `root` is the project root. */
export async function startServer(root) {
  const mounts = Object.entries(MOUNTS)
    .map(([prefix, dir]) => [prefix, join(root, dir)])
    .sort((a, b) => b[0].length - a[0].length);
  const cache = new Map(); // path → { type, raw, gz }
  const log = []; // every request, for the report of stray requests

  async function resolve(path) {
    if (cache.has(path)) return cache.get(path);
    let body = null;
    let ext = extname(path);
    let m;
    if (path === '/' || path === '/index.html') {
      body = '<!doctype html><title>bench</title><ul>' +
        ['none', 'consentry', 'vanilla', 'klaro', 'osano'].map((id) => `<li><a href="/page/${id}.html">${id}</a>`).join('') + '</ul>';
      ext = '.html';
    } else if ((m = /^\/page\/([a-z]+)\.html$/.exec(path))) {
      body = pageHtml(m[1]);
    } else if ((m = /^\/bench\/config\/([a-z]+)\.js$/.exec(path))) {
      body = configJs(m[1]);
    } else if (path === '/bench/privacy.html') {
      body = privacyHtml();
    } else {
      const [prefix, dir] = mounts.find(([p]) => path.startsWith(p)) || [];
      if (!dir) return null;
      const file = normalize(join(dir, path.slice(prefix.length)));
      if (!file.startsWith(normalize(dir + sep))) return null;
      const info = await stat(file).catch(() => null);
      if (!info || !info.isFile()) return null;
      body = await readFile(file);
    }
    if (body == null) return null;
    const raw = Buffer.isBuffer(body) ? body : Buffer.from(body);
    const entry = {
      type: TYPES[ext] || 'application/octet-stream',
      raw,
      gz: COMPRESSIBLE.has(ext) ? gzipSync(raw, { level: constants.Z_BEST_COMPRESSION }) : null,
    };
    cache.set(path, entry);
    return entry;
  }

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      const path = decodeURIComponent(url.pathname);
      log.push(path);
      const entry = await resolve(path);
      if (!entry) {
        res.writeHead(404, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
        return res.end('not found');
      }
      const gzip = entry.gz && /\bgzip\b/.test(req.headers['accept-encoding'] || '');
      const body = gzip ? entry.gz : entry.raw;
      const headers = {
        'content-type': entry.type,
        'content-length': body.length,
        'cache-control': 'no-store',
        vary: 'accept-encoding',
      };
      if (gzip) headers['content-encoding'] = 'gzip';
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const port = server.address().port;
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    log,
    /** Raw and gzip sizes of a served path (after it was requested once). */
    sizes: async (path) => {
      const e = await resolve(path);
      return e ? { raw: e.raw.length, gzip: e.gz ? e.gz.length : e.raw.length } : null;
    },
    close: () => new Promise((ok) => server.close(ok)),
  };
}
