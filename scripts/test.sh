#!/usr/bin/env bash
# npm test (after setup and build): every test tier, in order of speed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

echo "== hygiene (cargo fmt --check; cargo clippy -D warnings, native and wasm; oxlint over the JS)"
cargo fmt --all --check
cargo clippy --quiet --workspace --all-targets -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --lib -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --all-targets --features std -- -D warnings
node_modules/.bin/oxlint --config .oxlintrc.json --deny-warnings src/js scripts tests bench

echo "== tier 1: native (cargo test), then the loader's own logic in node (tests/unit/: against the engine's cases in tests/vectors/)"
cargo test --quiet
node --test tests/unit/

echo "== records service (records/: unit, API on SQLite and PostgreSQL, load, SIGKILL; scripts/records-test.sh)"
bash scripts/records-test.sh

echo "== fuzz regressions (cargo fuzz: every seed and regression input once; scripts/fuzz.sh)"
bash scripts/fuzz.sh --replay

echo "== tier 2: browser (wasm-pack test --headless --chrome)"
CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" wasm-pack test --headless --chrome --features std

echo "== size (dist/, gzip ceiling)"
node scripts/size.mjs --check

echo "== types (tsc against dist/consentry.d.ts; the README's code blocks too)"
node_modules/.bin/tsc -p tests/types
node tests/types/readme.mjs

echo "== packaging (LICENSE, CHANGELOG, CDN fields, README's CDN snippet and its SRI against dist/)"
node --test tests/packaging/

echo "== real consumer (npm pack → Vite 7 app, tsc, Chromium; script tag from another path; SSR import; React, Vue and Next.js apps)"
node tests/consumer/run.mjs

echo "== tier 3: end to end (Chromium against dist/; engines.test.mjs in Chromium, Firefox and WebKit)"
node --test --test-reporter=spec tests/e2e/
