#!/usr/bin/env bash
# Runs every test: native (cargo test), components in headless Chromium (wasm-bindgen-test),
# then end-to-end on the built dist/ (node --test + playwright-core driving /usr/bin/chromium).
# Installs whatever is missing first (scripts/setup.sh --browser).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh --browser

echo "== native tests (pure core)"
cargo test --quiet

echo "== browser tests (components, headless Chromium)"
CHROMEDRIVER="$(command -v chromedriver)" cargo test --target wasm32-unknown-unknown

echo "== build dist/"
bash scripts/build.sh

echo "== npm package: pack, install into examples/vite, type-check, Vite build"
bash scripts/example-vite.sh

echo "== charter schema, then end-to-end tests (dist/ on the demo portal, headless Chromium)"
node --test tests/schema.test.mjs tests/size.test.mjs tests/e2e/
