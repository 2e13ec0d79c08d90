#!/usr/bin/env bash
# Builds examples/yew-app (a Rust application that renders the CookieCharter component) into
# examples/yew-app/dist/ as a Yew developer would: cargo for wasm32 with stable Rust, then the
# wasm-bindgen CLI (the version of the shared Cargo.lock, which scripts/setup.sh installs).
# tests/e2e/yew-app.test.mjs serves and checks it in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=target
cargo build --quiet --release --target wasm32-unknown-unknown -p yew-app
out=examples/yew-app/dist
rm -rf "$out"
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out/pkg" --out-name yew-app \
  target/wasm32-unknown-unknown/release/yew-app.wasm
cp examples/yew-app/www/* "$out/"
echo "examples/yew-app/dist: $(du -sh "$out" | cut -f1)"
