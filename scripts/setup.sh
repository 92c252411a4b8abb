#!/usr/bin/env bash
# Installs what building and testing consentry need, idempotently: quick when all is there.
# Rust's wasm target, wasm-bindgen-cli at exactly Cargo.lock's version, wasm-pack, Debian's
# Chromium + ChromeDriver, Firefox ESR, WebKitGTK's WebDriver + MiniBrowser, Xvfb, fonts,
# PostgreSQL (the records service's tests start a server of their own with it), and
# the npm devDependencies (esbuild, binaryen's wasm-opt, playwright-core, puppeteer-core,
# axe-core).
set -euo pipefail
cd "$(dirname "$0")/.."

have() { command -v "$1" >/dev/null 2>&1; }
SUDO=""
if [ "$(id -u)" != 0 ] && have sudo; then SUDO="sudo"; fi
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
# core/alloc sources, for the size-optimised release build (scripts/build.mjs).
if ! rustup component list --installed | grep -q '^rust-src'; then
  rustup component add rust-src
fi

# wasm-pack would download wasm-bindgen itself (no internet here), so the CLI must already
# be installed at the exact version the crate locks.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)
if ! { have wasm-bindgen && wasm-bindgen --version | grep -qx "wasm-bindgen $WB_VERSION"; }; then
  cargo install wasm-bindgen-cli --version "=$WB_VERSION"
fi
if ! have wasm-pack; then
  cargo install wasm-pack
fi

# Debian packages, installed only when one is missing:
# - chromium, chromium-driver: the e2e suite and wasm-pack's browser tests;
# - firefox-esr (driven over WebDriver BiDi), webkit2gtk-driver (WebKitWebDriver, which starts
#   the MiniBrowser of libwebkit2gtk-4.1-0) and xvfb (MiniBrowser needs a display): the
#   engines tier (tests/e2e/engines.test.mjs);
# - Thai and Chinese fonts, so screenshots of those languages show text, not boxes;
# - postgresql: its server programs (initdb, pg_ctl, in /usr/lib/postgresql/<version>/bin);
#   scripts/records-test.sh starts a throw-away server with them.
PACKAGES=(chromium chromium-driver firefox-esr webkit2gtk-driver libwebkit2gtk-4.1-0 xvfb fonts-thai-tlwg-otf fonts-wqy-microhei postgresql)
MISSING=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || MISSING+=("$p")
done
if [ ${#MISSING[@]} -gt 0 ]; then
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends "${MISSING[@]}"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
