// npm run build: src/js/protocol.js from src/protocol.rs, Rust → wasm (wasm-pack), wasm-opt
// -Oz, then the two JS entries bundled with the wasm-bindgen glue (esbuild) and the wasm's
// bytes embedded in them (one file to load, instantiated synchronously: docs/boundary.md),
// the CSS minified, the types copied and the config's JSON Schema written into dist/.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { readmeIsCurrent, table } from './sri.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const pkg = join(root, 'pkg');

function run(cmd, args, env = process.env) {
  execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env });
}

// The JavaScript side of the protocol, generated from src/protocol.rs (a native test fails
// when the checked-in file is stale).
run('cargo', ['run', '--quiet', '--example', 'protocol']);

// The release wasm rebuilds core and alloc for size with panics that abort at once (no
// panic messages, so none of core::fmt): −12 KB raw, −6.5 KB gzip. Those are unstable
// options, enabled on the stable toolchain with RUSTC_BOOTSTRAP=1 (and the rust-src
// component, which scripts/setup.sh installs). If a toolchain ever refuses them, the plain
// build is used and the size check says so.
const wasmPack = ['--quiet', 'build', '--release', '--target', 'web', '--out-dir', 'pkg', '--out-name', 'consentry', '--no-typescript', '--no-pack'];
try {
  run('wasm-pack', [...wasmPack, '.', '--', '-Z', 'build-std=core,alloc', '-Z', 'build-std-features=optimize_for_size'], {
    ...process.env,
    RUSTC_BOOTSTRAP: '1',
    // No panic locations and no Debug output either (nothing in the release wasm prints
    // them): −150 B gzip.
    RUSTFLAGS: '-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none',
    CARGO_TARGET_DIR: join(root, 'target', 'size'),
  });
} catch {
  console.warn('build: the size-optimised build failed; building with the stable options');
  run('wasm-pack', wasmPack);
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

// wasm-opt: size passes on the wasm-bindgen output (features are read from the module).
// `--converge` runs the passes again while they still shrink it (−120 B gzip, a few seconds).
run(join(root, 'node_modules/.bin/wasm-opt'), ['-Oz', '--converge', '--strip-debug', '--strip-producers', '--strip-target-features', join(pkg, 'consentry_bg.wasm'), '-o', join(dist, 'consentry_bg.wasm')]);

// The wasm-bindgen glue imports its copy of host.js from pkg/snippets/<hash>/; the loader
// imports src/js/host.js. Both must be the same module (they share state).
const oneHost = {
  name: 'one-host',
  setup(b) {
    b.onResolve({ filter: /snippets\/.*\/host\.js$/ }, () => ({ path: join(root, 'src/js/host.js') }));
  },
};

/** The wasm as the text of a JS string literal, and the byte order that decodes it (core.js,
 * `ready`): bytes ranked by frequency; the 124 most frequent become one-byte characters that
 * need no escape, the next four `"`, `\`, LF and CR (escaped), the other 128 U+0080–U+00FF
 * (two bytes in UTF-8). Measured on this wasm: +2.2% gzip over the bare file; base64 +29%. */
export function embed(wasm) {
  const ESCAPED = { 0x22: '\\"', 0x5c: '\\\\', 0x0a: '\\n', 0x0d: '\\r' };
  const char = (c) => ESCAPED[c] || String.fromCharCode(c);
  const count = Array.from({ length: 256 }, () => 0);
  for (const b of wasm) count[b]++;
  const ranked = [...count.keys()].sort((a, b) => count[b] - count[a] || a - b);
  const plain = [...Array(128).keys()].filter((c) => !(c in ESCAPED));
  const codes = [...plain, ...Object.keys(ESCAPED).map(Number), ...Array.from({ length: 128 }, (_, i) => 128 + i)];
  const code = [];
  const order = [];
  ranked.forEach((b, rank) => {
    code[b] = codes[rank];
    order[codes[rank]] = b;
  });
  let text = '';
  for (const b of wasm) text += char(code[b]);
  return { text, order: order.map(char).join('') };
}

/** Put the engine into a built loader, in place of the placeholders core.js has. */
function embedInto(file, engine, prefix = '') {
  let js = readFileSync(file, 'utf8');
  for (const [name, value] of [['__CONSENTRY_WASM__', engine.text], ['__CONSENTRY_BYTE_ORDER__', engine.order]]) {
    const parts = js.split(new RegExp(`(["'])${name}\\1`));
    if (parts.length != 3) throw new Error(`build: ${file} must have ${name} exactly once`);
    js = parts[0] + '"' + value + '"' + parts[2];
  }
  writeFileSync(file, prefix + js);
}

const common = {
  plugins: [oneHost],
  bundle: true,
  minify: true,
  legalComments: 'none',
  target: ['es2020'],
  logLevel: 'warning',
  absWorkingDir: root,
};
await build({ ...common, entryPoints: ['src/js/module.js'], format: 'esm', outfile: join(dist, 'consentry.mjs') });
await build({ ...common, entryPoints: ['src/js/classic.js'], format: 'iife', outfile: join(dist, 'consentry.js') });
const engine = embed(readFileSync(join(dist, 'consentry_bg.wasm')));
embedInto(join(dist, 'consentry.mjs'), engine);
// A classic script without a charset is decoded in the page's encoding: the byte order mark
// makes every browser read this one as UTF-8.
embedInto(join(dist, 'consentry.js'), engine, '\uFEFF');
await build({ ...common, bundle: false, entryPoints: ['src/css/consentry.css'], loader: { '.css': 'css' }, outfile: join(dist, 'consentry.css') });
copyFileSync(join(root, 'src/js/consentry.d.ts'), join(dist, 'consentry.d.ts'));
// The JSON Schema of the config, rendered from the config table (src/config/schema.rs), for
// JSON config files (`data-config`) to name in "$schema".
const schema = execFileSync('cargo', ['run', '--quiet', '--example', 'schema'], { cwd: root, encoding: 'utf8' });
writeFileSync(join(dist, 'consentry.schema.json'), JSON.stringify(JSON.parse(schema), null, 2) + '\n');
// Built-in locales: fetched from next to the wasm only by visitors who need one.
mkdirSync(join(dist, 'i18n'));
for (const file of readdirSync(join(root, 'src/i18n/locales'))) {
  const json = JSON.parse(readFileSync(join(root, 'src/i18n/locales', file), 'utf8'));
  writeFileSync(join(dist, 'i18n', file), JSON.stringify(json));
}

for (const f of ['consentry.js', 'consentry.mjs', 'consentry_bg.wasm', 'consentry.css', 'consentry.d.ts', 'consentry.schema.json']) {
  console.log(`dist/${f}`.padEnd(26), String(statSync(join(dist, f)).size).padStart(8), 'bytes');
}
// Subresource Integrity of what ships, for pages that load it from a CDN; README.md's CDN
// snippet carries the hashes of consentry.js and consentry.css (npm test checks them).
console.log(table());
if (!readmeIsCurrent()) console.warn("build: README.md's CDN snippet does not match this build: run `node scripts/sri.mjs --write`");
