// The other hosts of the engines tier: an HTTP proxy on 127.0.0.1 that every browser is
// configured to use for every host but 127.0.0.1. It forwards nothing: it answers `http://`
// requests to the pages' third parties (`*.test`) itself and refuses every tunnel (`CONNECT`,
// i.e. any https:// URL), and it records each request. So no test contacts another host, and
// the tests see the third-party requests of all three engines the same way.
import { createServer } from 'node:http';

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** The body served for a third-party URL: scripts record that they ran in `window.tp`. */
function stub(url) {
  const { pathname } = url;
  if (pathname.endsWith('.js')) {
    let body = `(window.tp = window.tp || []).push(${JSON.stringify(url.href)});`;
    if (pathname === '/held.js') body += "\nwindow.ran.push('external-third-party');";
    return { type: 'text/javascript', body };
  }
  if (pathname.endsWith('.gif')) return { type: 'image/gif', body: GIF };
  if (pathname.endsWith('.html')) return { type: 'text/html; charset=utf-8', body: `<!doctype html><title>${url.host}</title><p>${url.host}${pathname}</p>` };
  return null;
}

/** The third-party hosts the pages use; a request for any other host fails the test. */
export const HOSTS = ['analytics.test', 'ads.test', 'video.test', 'cdn.test'];

/** Hosts Chromium itself calls (sign-in and component update, even with Playwright's
 * switches that turn most of its background traffic off); refused here like everything,
 * and not counted as the page's. Firefox's own traffic is sent to this port directly (see
 * driver.mjs); WebKitGTK's MiniBrowser makes none. */
export const BROWSER_OWN = ['accounts.google.com', 'update.googleapis.com'];

export async function startHosts() {
  const requests = []; // { method, url, host } of page traffic
  const own = []; // the browsers' own requests sent straight to this port (not page traffic)
  const server = createServer((req, res) => {
    if (!/^https?:\/\//.test(req.url)) {
      // Not a proxy request: Firefox's remote settings, pointed here (see driver.mjs).
      own.push(req.url);
      res.writeHead(404).end();
      return;
    }
    const url = new URL(req.url);
    requests.push({ method: req.method, url: url.href, host: url.host });
    const answer = HOSTS.includes(url.host) ? stub(url) : null;
    if (!answer) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': answer.type, 'cache-control': 'no-store' });
    res.end(answer.body);
  });
  server.on('connect', (req, socket) => {
    requests.push({ method: 'CONNECT', url: req.url, host: req.url.replace(/:\d+$/, '') });
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  return {
    port,
    address: `127.0.0.1:${port}`,
    requests,
    own,
    /** URLs of the pages' third parties requested, in order. */
    urls: () => requests.filter((r) => r.method !== 'CONNECT' && HOSTS.includes(r.host)).map((r) => r.url),
    /** Requests for a host that is not one of the pages' third parties. */
    foreign: () => requests.filter((r) => !HOSTS.includes(r.host) && !BROWSER_OWN.includes(r.host)),
    clear() {
      requests.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(resolve);
      }),
  };
}
