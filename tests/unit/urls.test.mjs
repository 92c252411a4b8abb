// The loader's own auto-blocking verdict, where WebAssembly cannot run (README "Supported
// browsers"): `withoutEngine` in src/js/core.js, against every case of tests/vectors/urls.json,
// the cases the engine's matching (src/gate/urls.rs) is checked against by `cargo test`. The
// two copies must agree. core.js imports the built engine glue (pkg/), so this runs after
// `node scripts/build.mjs`; the glue's copy of host.js is resolved to src/js/host.js, as the
// build resolves it (scripts/build.mjs, `oneHost`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { test } from 'node:test';
import { V_HOLD, V_PASS } from '../../src/js/protocol.js';

const host = new URL('../../src/js/host.js', import.meta.url).href;
const hook = `export function resolve(specifier, context, next) {
  return /\\/snippets\\/[^/]+\\/src\\/js\\/host\\.js$/.test(specifier) ? { url: ${JSON.stringify(host)}, shortCircuit: true } : next(specifier, context);
}`;
register('data:text/javascript,' + encodeURIComponent(hook));
const { withoutEngine } = await import('../../src/js/core.js');

const { cases } = JSON.parse(readFileSync(new URL('../vectors/urls.json', import.meta.url), 'utf8'));
const short = (v) => JSON.stringify(v).slice(0, 90);

test('withoutEngine agrees with every case of tests/vectors/urls.json', () => {
  assert.ok(cases.length > 100, 'the whole file is read');
  const wrong = [];
  cases.forEach((c, n) => {
    const categories = 'pattern' in c ? { c: { services: { s: { urls: [c.pattern] } } } } : c.categories;
    const verdict = withoutEngine({ categories });
    let got;
    if (verdict === null) got = 'error';
    else {
      assert.equal(typeof verdict, 'function', `case ${n}: a verdict function or null`);
      const v = verdict(c.url);
      got = v === V_HOLD ? 'hold' : v === V_PASS ? 'pass' : `verdict ${v}`;
    }
    if (got != c.expect) wrong.push(`case ${n} (${short(categories)} against ${short(c.url)}): the loader says ${got}, expected ${c.expect}`);
  });
  assert.deepEqual(wrong, [], `${wrong.length} of ${cases.length} cases wrong`);
});

test('a config the loader cannot read at all holds every third party (null)', () => {
  assert.equal(withoutEngine(null), null);
  const throwing = { get categories() { throw new Error('no'); } };
  assert.equal(withoutEngine(throwing), null);
  assert.equal(withoutEngine({ categories: { a: { services: { s: { urls: [/a\.example/] } } } } }), null, 'a RegExp is not a pattern');
  assert.equal(withoutEngine({ categories: { a: { services: { s: { urls: [undefined] } } } } }), null);
  assert.equal(typeof withoutEngine({}), 'function', 'no categories: nothing claimed');
});
