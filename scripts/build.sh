#!/usr/bin/env bash
# Builds dist/: cookie-charter.js (entry + wasm-bindgen glue, one ES module), cookie-charter_bg.wasm,
# cookie-charter.css and cookie-charter.d.ts. Expects the tools that scripts/setup.sh installs.
#
# The wasm is built with the pinned nightly of scripts/toolchain.env: the standard library is
# rebuilt for size (-Zbuild-std), panics abort without a message, and Debug formatting and panic
# locations are compiled out. `--stable` builds with stable Rust instead: same behaviour, bigger.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.env

case "${1:-}" in
  "")
    # A target dir of its own: these flags would otherwise rebuild everything stable built.
    export CARGO_TARGET_DIR=target/nightly
    RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none" \
      cargo "+$NIGHTLY" build --release --lib --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort
    ;;
  --stable)
    export CARGO_TARGET_DIR=target
    cargo build --release --lib --target wasm32-unknown-unknown
    ;;
  *) echo "usage: scripts/build.sh [--stable]" >&2; exit 2 ;;
esac

rm -rf target/pkg
wasm-bindgen --target web --no-typescript --out-dir target/pkg --out-name cookie-charter \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/cookie_charter.wasm"

rm -rf dist
mkdir -p dist
node_modules/.bin/esbuild js/entry.js --bundle --format=esm --target=es2022 --minify \
  --log-level=warning --outfile=dist/cookie-charter.js
cp target/pkg/cookie-charter_bg.wasm dist/cookie-charter_bg.wasm
cp styles/cookie-charter.css dist/cookie-charter.css
cp js/cookie-charter.d.ts dist/cookie-charter.d.ts
node scripts/sizes.mjs
