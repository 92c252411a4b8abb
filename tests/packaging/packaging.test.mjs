// What an npm user checks first: the license, the changelog, the CDN fields, and the README's
// versioned CDN snippet, whose Subresource Integrity hashes must be those of the built files
// (run after `node scripts/build.mjs`). The hashes are computed here on their own, not with
// scripts/sri.mjs, so a mistake there cannot agree with itself.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (file) => readFileSync(join(root, file), 'utf8');
const pkg = JSON.parse(read('package.json'));
const sha384 = (file) => 'sha384-' + createHash('sha384').update(readFileSync(join(root, file))).digest('base64');
const REFRESH = 'run `node scripts/build.mjs && node scripts/sri.mjs --write` and commit README.md';

test('LICENSE is the MIT license that package.json names', () => {
  assert.equal(pkg.license, 'MIT');
  const text = read('LICENSE');
  assert.match(text, /^MIT License\n\nCopyright \(c\) \d{4} \S/);
  assert.match(text, /Permission is hereby granted, free of charge, to any person obtaining a copy/);
  assert.match(text, /THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND/);
});

test('CHANGELOG.md follows Keep a Changelog: Unreleased, then this version with its date', () => {
  const text = read('CHANGELOG.md');
  assert.match(text, /^# Changelog\n/);
  assert.match(text, /\[Keep a Changelog\]\(https:\/\/keepachangelog\.com\/en\/1\.1\.0\/\)/);
  const releases = [...text.matchAll(/^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$/gm)].map((m) => ({ name: m[1], date: m[2] }));
  assert.equal(releases[0]?.name, 'Unreleased', 'the first section is [Unreleased]');
  const current = releases.find((r) => r.name === pkg.version);
  assert.ok(current, `a section for package.json's version ${pkg.version}`);
  assert.ok(current.date && !Number.isNaN(Date.parse(current.date)), `${pkg.version} has an ISO date`);
  for (const r of releases.slice(1)) assert.match(r.name, /^\d+\.\d+\.\d+/, `release names are versions: ${r.name}`);
  const dates = releases.slice(1).map((r) => r.date);
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest release first');
  const kinds = [...text.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
  for (const k of kinds) assert.ok(['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'].includes(k), `change type ${k}`);
});

test('unpkg and jsdelivr point at the script-tag build, which the package ships', () => {
  assert.equal(pkg.unpkg, 'dist/consentry.js');
  assert.equal(pkg.jsdelivr, 'dist/consentry.js');
  assert.ok(pkg.files.includes('dist/consentry.js'));
  const js = read('dist/consentry.js');
  assert.match(js, /window\.CookieConsent\s*=/, 'the script-tag build defines window.CookieConsent');
  assert.doesNotMatch(js, /^\s*(import|export)\s/m, 'a classic script, not a module');
});

test('npm pack ships LICENSE, CHANGELOG.md, README.md and the CDN entry', () => {
  const [info] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  const files = info.files.map((f) => f.path);
  for (const f of ['LICENSE', 'CHANGELOG.md', 'README.md', 'package.json', 'dist/consentry.js', 'dist/consentry.css', 'dist/consentry_bg.wasm']) assert.ok(files.includes(f), `the package has ${f}`);
});

test("the README's CDN snippet: versioned jsDelivr and unpkg URLs whose integrity hashes are the built files'", () => {
  const readme = read('README.md');
  const start = readme.indexOf('<!-- cdn-snippet');
  const end = readme.indexOf('<!-- /cdn-snippet -->');
  assert.ok(start >= 0 && end > start, 'README.md has the CDN snippet');
  const block = readme.slice(start, end);
  const tags = [...block.matchAll(/<(link rel="stylesheet" href|script src)="([^"]+)"\s+integrity="([^"]+)" crossorigin="anonymous">/g)].map((m) => ({ url: m[2], integrity: m[3] }));
  assert.equal(tags.length, 4, 'a stylesheet and a script tag for each CDN, each with integrity and crossorigin');
  const bases = { jsdelivr: `https://cdn.jsdelivr.net/npm/consentry@${pkg.version}/`, unpkg: `https://unpkg.com/consentry@${pkg.version}/` };
  for (const [cdn, base] of Object.entries(bases)) {
    const files = tags.filter((t) => t.url.startsWith(base)).map((t) => t.url.slice(base.length));
    assert.deepEqual(files.sort(), ['dist/consentry.css', 'dist/consentry.js'], `${cdn}: both files at version ${pkg.version} (package.json)`);
  }
  for (const { url, integrity } of tags) {
    const file = url.replace(/^https:\/\/[^/]+\/(npm\/)?consentry@[^/]+\//, '');
    assert.ok(existsSync(join(root, file)), `${file} is built (run node scripts/build.mjs)`);
    assert.equal(integrity, sha384(file), `README.md's integrity for ${url} is stale: ${REFRESH}`);
  }
});

test('scripts/sri.mjs (which the build calls) prints the sha384 of every shipped file', () => {
  const out = execFileSync(process.execPath, [join(root, 'scripts/sri.mjs')], { encoding: 'utf8' });
  const shipped = ['dist/consentry.js', 'dist/consentry.mjs', 'dist/consentry_bg.wasm', 'dist/consentry.css', 'dist/i18n/de.json', 'dist/i18n/th.json'];
  for (const f of shipped) assert.match(out, new RegExp(`${f.replace(/\./g, '\\.')}\\s+${sha384(f).replace(/[+/]/g, '\\$&')}\\n`), `a line for ${f}`);
  assert.match(read('scripts/build.mjs'), /console\.log\(table\(\)\)/, 'the build prints the table');
});
