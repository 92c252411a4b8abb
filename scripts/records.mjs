// The consent-records service (records/) from Node: build it, start it, point the demo at it.
// Used by scripts/start.mjs (npm start, npm run records) and by the end-to-end harness.
import { execFileSync, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { TYPES } from './serve.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PATH = `${join(homedir(), '.cargo', 'bin')}:${process.env.PATH}`;

/** Where the demo's config (www/js/consent-config.js, www/consent.json) expects the service. */
export const DEMO_RECORDS = 'http://127.0.0.1:8787';

/** `cargo build --profile records -p consentry-records` (quick when up to date); the binary's path. */
export function buildRecords({ quiet = false } = {}) {
  execFileSync('cargo', ['build', ...(quiet ? ['--quiet'] : []), '--profile', 'records', '-p', 'consentry-records'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, PATH },
  });
  return join(process.env.CARGO_TARGET_DIR || join(root, 'target'), 'records', 'consentry-records');
}

/**
 * Start the service with `env` (its settings; RECORDS_PORT=0 picks a free port) and wait
 * until it listens. `echo`: print what it prints. → { url, child, output(), stop() }.
 */
export async function startRecords(env = {}, { echo = false, quiet = true } = {}) {
  const binary = buildRecords({ quiet });
  const child = spawn(binary, [], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  const url = await new Promise((resolve, reject) => {
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        lines.push(line);
        if (echo) console.log(line);
        const m = line.match(/^consentry-records: listening on (\S+)/);
        if (m) resolve(m[1]);
      });
    }
    child.once('exit', (code) => reject(new Error(`consentry-records exited (${code}) before listening:\n${lines.join('\n')}`)));
  });
  return {
    url,
    child,
    output: () => lines.join('\n'),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode != null || child.signalCode != null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * A handler for scripts/serve.mjs that serves the demo's two config files with the
 * service's address replaced by `recordsUrl` (when the service runs elsewhere than
 * DEMO_RECORDS: another RECORDS_PORT, or a test's own service).
 */
export function demoConfigFor(recordsUrl) {
  return async (req, res) => {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    if (recordsUrl === DEMO_RECORDS || !['/js/consent-config.js', '/consent.json'].includes(path)) return false;
    const text = (await readFile(join(root, 'www', path), 'utf8')).replaceAll(DEMO_RECORDS, recordsUrl);
    res.writeHead(200, { 'content-type': TYPES[path.endsWith('.json') ? '.json' : '.js'], 'cache-control': 'no-store' });
    res.end(text);
    return true;
  };
}
