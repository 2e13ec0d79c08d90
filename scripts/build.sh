#!/usr/bin/env bash
# Builds dist/:
#   - cookie-charter.js: the entry module (js/entry.js + the first layer's wasm-bindgen glue);
#   - cookie-charter_bg.wasm: the first layer (the crate without its `ui` feature: banner, stored
#     choice, what it allows; no Yew), which every page loads;
#   - cookie-charter-ui.js + cookie-charter-ui_bg.wasm: the Yew UI (the crate with `ui`: the
#     preferences panel and the charter page), loaded only when a page needs it;
#   - cookie-charter.css (the banner's styles), cookie-charter-ui.css (the panel's and the
#     charter table's, loaded with the Yew UI) and cookie-charter.d.ts.
# Expects the tools that scripts/setup.sh installs.
#
# The wasm is built with the pinned nightly of scripts/toolchain.env: the standard library is
# rebuilt for size (-Zbuild-std), panics abort without a message, and Debug formatting and panic
# locations are compiled out. `--stable` builds with stable Rust instead: same behaviour, bigger.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.env

case "${1:-}" in
  "") stable=false ;;
  --stable) stable=true ;;
  *) echo "usage: scripts/build.sh [--stable]" >&2; exit 2 ;;
esac

# Builds the crate's wasm with the given cargo arguments and runs wasm-bindgen on it as $1.
build_wasm() {
  local out_name=$1
  shift
  if $stable; then
    export CARGO_TARGET_DIR=target
    cargo build --release --lib --target wasm32-unknown-unknown "$@"
  else
    # A target dir of its own: these flags would otherwise rebuild everything stable built.
    export CARGO_TARGET_DIR=target/nightly
    RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none" \
      cargo "+$NIGHTLY" build --release --lib --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort "$@"
  fi
  wasm-bindgen --target web --no-typescript --out-dir target/pkg --out-name "$out_name" \
    "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/cookie_charter.wasm"
  node scripts/shorten-wasm-names.mjs "target/pkg/$out_name"
}

rm -rf target/pkg
build_wasm cookie-charter --no-default-features
build_wasm cookie-charter-ui

rm -rf dist
mkdir -p dist
esbuild=node_modules/.bin/esbuild
$esbuild js/entry.js --bundle --format=esm --target=es2022 --minify --log-level=warning \
  --external:./cookie-charter-ui.js --outfile=dist/cookie-charter.js
$esbuild js/ui.js --bundle --format=esm --target=es2022 --minify --log-level=warning \
  --outfile=dist/cookie-charter-ui.js
cp target/pkg/cookie-charter_bg.wasm target/pkg/cookie-charter-ui_bg.wasm dist/
# The stylesheets, minified: what every page shows, and what the Yew UI draws.
for css in cookie-charter cookie-charter-ui; do
  $esbuild "styles/$css.css" --minify --log-level=warning --outfile="dist/$css.css"
done
cp js/cookie-charter.d.ts dist/cookie-charter.d.ts
node scripts/sizes.mjs
