// Subresource Integrity (sha384) of the files the package ships to browsers, and the README's
// versioned CDN snippet that uses them. `node scripts/build.mjs` prints the table and says
// when the README no longer matches the build.
//
//   node scripts/sri.mjs            the table (after a build)
//   node scripts/sri.mjs --write    rewrite README.md's CDN snippet for dist/ and package.json's version
//   node scripts/sri.mjs --check    exit 1 when README.md's snippet does not match dist/
//
// `npm test` checks the snippet on its own (tests/packaging/packaging.test.mjs) and names
// `--write` when it is stale; `npm publish` runs the build and `--check` first (prepublishOnly).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const README = join(root, 'README.md');

/** The files a browser loads from the package: the two builds, the wasm, the CSS, the locales. */
export function shipped() {
  const files = ['consentry.js', 'consentry.mjs', 'consentry_bg.wasm', 'consentry.css'];
  const i18n = join(dist, 'i18n');
  if (existsSync(i18n)) for (const f of readdirSync(i18n).sort()) files.push('i18n/' + f);
  return files;
}

/** `sha384-<base64>` of a file in dist/. */
export const integrity = (file) => 'sha384-' + createHash('sha384').update(readFileSync(join(dist, file))).digest('base64');

const version = () => JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

export const BEGIN = '<!-- cdn-snippet: written by `node scripts/sri.mjs --write`; `npm test` checks it against dist/ -->';
export const END = '<!-- /cdn-snippet -->';

/** The README's snippet: jsDelivr and unpkg URLs of this version, with integrity. */
export function snippet() {
  const v = version();
  const css = integrity('consentry.css');
  const js = integrity('consentry.js');
  const tags = (base) =>
    [
      `<link rel="stylesheet" href="${base}/consentry@${v}/dist/consentry.css"`,
      `      integrity="${css}" crossorigin="anonymous">`,
      `<script src="${base}/consentry@${v}/dist/consentry.js"`,
      `        integrity="${js}" crossorigin="anonymous"></script>`,
    ].join('\n');
  return [BEGIN, '```html', '<!-- jsDelivr -->', tags('https://cdn.jsdelivr.net/npm'), '<!-- or unpkg -->', tags('https://unpkg.com'), '```', END].join('\n');
}

/** The README with its snippet replaced by the current one (throws if the markers are missing). */
export function readmeWithSnippet(text = readFileSync(README, 'utf8')) {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END, start);
  if (start < 0 || end < 0) throw new Error('README.md has no CDN snippet markers (' + BEGIN + ' … ' + END + ')');
  return text.slice(0, start) + snippet() + text.slice(end + END.length);
}

export const readmeIsCurrent = () => {
  const text = readFileSync(README, 'utf8');
  return readmeWithSnippet(text) === text;
};

export function table() {
  const rows = shipped().map((f) => `  dist/${f}`.padEnd(30) + integrity(f));
  return ['Subresource Integrity (sha384) of the shipped files:', ...rows].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = process.argv[2];
  if (arg === '--write') {
    writeFileSync(README, readmeWithSnippet());
    console.log('README.md: CDN snippet written for consentry@' + version());
  } else if (arg === '--check') {
    if (!readmeIsCurrent()) {
      console.error('README.md: the CDN snippet does not match dist/ (run `node scripts/sri.mjs --write`)');
      process.exit(1);
    }
    console.log('README.md: the CDN snippet matches dist/');
  } else {
    console.log(table());
  }
}
