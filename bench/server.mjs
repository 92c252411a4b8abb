// The benchmark's server, serving every file as a CDN serves static files: HTTPS with HTTP/2
// (ALPN; HTTP/1.1 for a client without h2), on 127.0.0.1 only, an ephemeral port.
//
// - Compressed as the browser accepts it: brotli (quality 11) when `Accept-Encoding` names `br`,
//   else gzip (level 9), else the raw bytes; `Content-Encoding` and `Vary: Accept-Encoding`
//   accordingly, `Content-Length` always. Each representation is made once and kept in memory
//   (a CDN in front of pre-compressed static files).
// - Cacheable: every file but the HTML pages `Cache-Control: public, max-age=31536000,
//   immutable` (a pinned package version on a CDN, a fingerprinted asset of a site); the HTML
//   pages `Cache-Control: no-cache` (revalidated on every visit). Every response has a strong
//   `ETag` per representation, and `If-None-Match` gets a `304 Not Modified`.
// - The certificate is made at start with `openssl` (self-signed, for 127.0.0.1, two days); the
//   browser is told to trust it by its key (`spki`, see run.mjs). A certificate error would
//   otherwise keep Chromium from caching anything, which the returning visit with a warm cache
//   needs.
import http2 from 'node:http2';
import { readFile, stat } from 'node:fs/promises';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { MOUNTS, pageHtml, configJs, privacyHtml } from './pages.mjs';
import { TYPES } from '../scripts/serve.mjs';

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg']);
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A self-signed certificate for 127.0.0.1 and the base64 SHA-256 of its public key (SPKI). */
function certificate() {
  const dir = mkdtempSync(join(tmpdir(), 'consentry-bench-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    ], { stdio: 'ignore' });
    const key = readFileSync(join(dir, 'key.pem'));
    const cert = readFileSync(join(dir, 'cert.pem'));
    const der = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
    return { key, cert, spki: createHash('sha256').update(der).digest('base64') };
  } catch (error) {
    throw new Error(`bench: could not make a certificate with openssl (is it installed? Debian: apt-get install openssl): ${error.message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Which coding to send for an `Accept-Encoding` header: 'br', 'gzip' or null. */
export function negotiate(header) {
  const accepted = new Map();
  for (const part of String(header || '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    accepted.set(name, q ? Number(q[1]) : 1);
  }
  const ok = (name) => (accepted.get(name) ?? (accepted.has('*') ? accepted.get('*') : 0)) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

/** Start the server. `root` is the project root. */
export async function startServer(root) {
  const mounts = Object.entries(MOUNTS)
    .map(([prefix, dir]) => [prefix, join(root, dir)])
    .sort((a, b) => b[0].length - a[0].length);
  const cache = new Map(); // path → { type, html, raw, gzip, br, tags }
  const log = []; // every request path, for the report of stray requests
  let sessions = 0; // HTTP/2 sessions (connections) opened

  async function resolve(path) {
    if (cache.has(path)) return cache.get(path);
    let body = null;
    let ext = extname(path);
    let m;
    if (path === '/' || path === '/index.html') {
      body = '<!doctype html><title>bench</title><ul>' +
        ['none', 'consentry', 'vanilla', 'klaro', 'osano'].map((id) => `<li><a href="/page/${id}.html">${id}</a>`).join('') + '</ul>';
      ext = '.html';
    } else if ((m = /^\/page(?:-(inline|defer))?\/([a-z]+)\.html$/.exec(path))) {
      body = pageHtml(m[2], m[1] || 'file');
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
    const compressible = COMPRESSIBLE.has(ext);
    const entry = {
      type: TYPES[ext] || 'application/octet-stream',
      html: ext === '.html',
      compressible,
      raw,
      gzip: compressible ? gzipSync(raw, { level: constants.Z_BEST_COMPRESSION }) : null,
      br: compressible
        ? brotliCompressSync(raw, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
            [constants.BROTLI_PARAM_MODE]: ext === '.wasm' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
          },
        })
        : null,
    };
    const hash = createHash('sha256').update(raw).digest('base64url').slice(0, 16);
    entry.tags = { raw: `"${hash}"`, gzip: `"${hash}-gz"`, br: `"${hash}-br"` };
    cache.set(path, entry);
    return entry;
  }

  const { key, cert, spki } = certificate();
  const server = http2.createSecureServer({ key, cert, allowHTTP1: true }, async (req, res) => {
    try {
      const url = new URL(req.url, 'https://127.0.0.1');
      const path = decodeURIComponent(url.pathname);
      log.push(path);
      const entry = await resolve(path);
      if (!entry) {
        res.writeHead(404, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
        return res.end('not found');
      }
      const coding = entry.compressible ? negotiate(req.headers['accept-encoding']) : null;
      const body = coding ? entry[coding] : entry.raw;
      const etag = entry.tags[coding || 'raw'];
      const headers = {
        'content-type': entry.type,
        'cache-control': entry.html ? 'no-cache' : IMMUTABLE,
        etag,
      };
      if (entry.compressible) headers.vary = 'accept-encoding';
      const match = String(req.headers['if-none-match'] || '').split(',').map((s) => s.trim().replace(/^W\//, ''));
      if (match.includes(etag) || match.includes('*')) {
        res.writeHead(304, headers);
        return res.end();
      }
      if (coding) headers['content-encoding'] = coding;
      headers['content-length'] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });
  server.on('session', () => sessions++);
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const port = server.address().port;
  return {
    server,
    port,
    url: `https://127.0.0.1:${port}`,
    /** base64 SHA-256 of the certificate's public key, for --ignore-certificate-errors-spki-list */
    spki,
    log,
    sessions: () => sessions,
    /** Raw, gzip and brotli sizes of a served path. */
    sizes: async (path) => {
      const e = await resolve(path);
      return e ? { raw: e.raw.length, gzip: e.gzip ? e.gzip.length : e.raw.length, br: e.br ? e.br.length : e.raw.length } : null;
    },
    close: () => new Promise((ok) => {
      server.close(ok);
      // HTTP/2 sessions the browser keeps open would hold close() up: the browser is gone.
      setTimeout(ok, 2000).unref();
    }),
  };
}
