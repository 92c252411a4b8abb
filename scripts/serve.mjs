// A small static server for the demo (and the tests): `/` → www/, `/dist/` → dist/.
// 127.0.0.1 only. `PORT=8080 npm run serve` or `node scripts/serve.mjs --port 8080`.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Content types by file extension (shared with the benchmark's server and the tests). */
export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

/**
 * Start a server. `mounts` maps URL prefixes to folders (longest prefix wins);
 * `headers(path)` may add response headers (a test's CSP, say); `handler(req, res)` may
 * answer a request itself by returning true.
 */
export async function serve({ port = 0, mounts, headers = () => ({}), handler } = {}) {
  const table = Object.entries(mounts || { '/dist/': join(root, 'dist'), '/': join(root, 'www') }).sort(
    (a, b) => b[0].length - a[0].length,
  );
  const server = createServer(async (req, res) => {
    try {
      if (handler && (await handler(req, res))) return;
      const url = new URL(req.url, 'http://127.0.0.1');
      let path = decodeURIComponent(url.pathname);
      const [prefix, dir] = table.find(([p]) => path.startsWith(p)) || [];
      if (!dir) return notFound(res);
      let file = normalize(join(dir, path.slice(prefix.length)));
      if (!file.startsWith(normalize(dir + sep)) && file !== normalize(dir)) return notFound(res);
      let info = await stat(file).catch(() => null);
      if (info && info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info) return notFound(res);
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] || 'application/octet-stream',
        'cache-control': 'no-store',
        ...headers(path),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, port: server.address().port, url: `http://127.0.0.1:${server.address().port}` };
}

function notFound(res) {
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--port');
  const port = Number(i > 0 ? process.argv[i + 1] : process.env.PORT || 8080);
  const { url } = await serve({ port });
  console.log(`consentry demo: ${url}/  (Ctrl+C to stop)`);
}
