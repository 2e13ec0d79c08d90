#!/usr/bin/env bash
# Builds dist/: cookie-charter.js (entry + wasm-bindgen glue, one ES module), cookie-charter_bg.wasm,
# cookie-charter.css and cookie-charter.d.ts. Expects the tools that scripts/setup.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --lib --target wasm32-unknown-unknown
rm -rf target/pkg
wasm-bindgen --target web --no-typescript --out-dir target/pkg --out-name cookie-charter \
  target/wasm32-unknown-unknown/release/cookie_charter.wasm

rm -rf dist
mkdir -p dist
node_modules/.bin/esbuild js/entry.js --bundle --format=esm --target=es2022 --minify \
  --log-level=warning --outfile=dist/cookie-charter.js
cp target/pkg/cookie-charter_bg.wasm dist/cookie-charter_bg.wasm
cp styles/cookie-charter.css dist/cookie-charter.css
cp js/cookie-charter.d.ts dist/cookie-charter.d.ts
node scripts/sizes.mjs
