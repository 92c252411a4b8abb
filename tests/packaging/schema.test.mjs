// dist/consentry.schema.json, the JSON Schema of the config that the build renders from the
// engine's config table (src/config/schema.rs): a JSON config file (`data-config`) names it in
// "$schema" so that editors check it. Checked here with Ajv, a JSON Schema validator of its
// own (run after `node scripts/build.mjs`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const json = (file) => JSON.parse(readFileSync(join(root, file), 'utf8'));
const pkg = json('package.json');

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  return ajv.compile(json('dist/consentry.schema.json'));
}

test('the build writes dist/consentry.schema.json, a valid JSON Schema that the package ships', () => {
  const validate = validator();
  assert.equal(typeof validate, 'function');
  assert.ok(pkg.files.includes('dist/consentry.schema.json'), 'package.json files names it');
});

test("the demo's JSON config names the schema and passes it", () => {
  const config = json('www/consent.json');
  assert.equal(config.$schema, '/dist/consentry.schema.json');
  const validate = validator();
  assert.ok(validate(config), JSON.stringify(validate.errors, null, 2));
});

test('a broken config fails the schema, each error at the path the engine would name', () => {
  const config = json('www/consent.json');
  const broken = {
    ...config,
    mode: 'opt-maybe',
    revision: 1.5,
    cookie: { name: 'has space', path: 'no-slash', expiresAfterDays: 0 },
    guiOptions: { consentModal: { layout: 'sideways' } },
    categories: { ...config.categories, analytics: { services: { ga: { urls: ['https://x.example/', 3] } } } },
    consentLog: { recordsUrl: 'ftp://records.example/' },
    onConsent: 'not a function',
  };
  const validate = validator();
  assert.equal(validate(broken), false);
  const paths = new Set(validate.errors.map((e) => e.instancePath));
  for (const path of [
    '/mode',
    '/revision',
    '/cookie/name',
    '/cookie/path',
    '/cookie/expiresAfterDays',
    '/guiOptions/consentModal/layout',
    '/categories/analytics/services/ga/urls/1',
    '/consentLog',
    '/consentLog/recordsUrl',
    '/onConsent',
  ]) {
    assert.ok(paths.has(path), `an error at ${path}; got ${[...paths].join(', ')}`);
  }
});
