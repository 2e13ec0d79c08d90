#!/usr/bin/env bash
# Builds dist/:
#   - cookie-charter.js: what every page loads: the entry module (js/entry.js), the first
#     layer's wasm-bindgen glue and wasm (the crate with `js-first-layer` and without `ui`:
#     banner, stored choice, what it allows; no Yew), and the banner's stylesheet;
#   - cookie-charter-ui.js: the Yew UI, with its wasm and its stylesheet (the crate with `js-ui`: the
#     preferences panel and the charter page), loaded while a banner waits or when a page needs it;
#   - cookie-charter-nowasm.js: the first layer compiled to JavaScript (wasm2js), loaded only
#     where the browser has no WebAssembly;
#   - cookie-charter-lang-<tag>.js: the built-in texts of each language but French, loaded only
#     by a page in that language;
#   - cookie-charter.css and cookie-charter-ui.css (the styles the two modules carry, as files for
#     browsers without constructed stylesheets and pages that link them) and cookie-charter.d.ts.
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

# The standard library rebuilt with the crate, choosing its smaller code where it has two
# (`optimize_for_size`: its smaller sorting, slice rotation, character counting and integer
# writing; 0.2 KB fewer brotli bytes for a first visit, 0.5 KB for the Yew UI; README, Size).
BUILD_STD="-Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size"

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
      cargo "+$NIGHTLY" build --release --lib --target wasm32-unknown-unknown $BUILD_STD "$@"
  fi
  # Each wasm is handed to its glue explicitly (js/entry.js, js/ui.js): no default path.
  wasm-bindgen --target web --no-typescript --omit-default-module-path --out-dir target/pkg --out-name "$out_name" \
    "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/cookie_charter.wasm"
  node scripts/shorten-wasm-names.mjs "target/pkg/$out_name"
  # binaryen's -O2 (the npm package that also gives wasm2js), inlining a function called from
  # one place only when it is small (20 binaryen size units): the first layer's wasm 1.7 % and
  # the Yew UI's 2.6 % fewer brotli bytes than with -O1, and a fifth fewer functions for the
  # browser to compile. Unbounded one-caller inlining (plain -O2), -O3, -Os and -Oz are smaller raw but
  # bigger once compressed (README, Size).
  node_modules/.bin/wasm-opt "target/pkg/${out_name}_bg.wasm" -O2 --one-caller-inline-max-function-size=20 \
    $WASM_FEATURES -o "target/pkg/${out_name}_bg.wasm"
}
# What rustc's wasm32 target emits by default, for wasm-opt to accept and keep.
WASM_FEATURES="--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue"

rm -rf target/pkg target/nowasm
build_wasm cookie-charter --no-default-features --features js-first-layer
build_wasm cookie-charter-ui --no-default-features --features js-ui

# The first layer for pages without WebAssembly (iOS Lockdown Mode removes it): the same crate
# built for the MVP feature set (what wasm2js reads), bound for bundlers, and turned into
# JavaScript by binaryen's wasm2js. Loaded only where `WebAssembly` is missing.
build_nowasm() {
  local flags="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none -Ctarget-cpu=mvp"
  CARGO_TARGET_DIR=target/mvp RUSTFLAGS="$flags" \
    cargo "+$NIGHTLY" build --release --lib --target wasm32-unknown-unknown $BUILD_STD \
    --no-default-features --features js-first-layer
  wasm-bindgen --target bundler --no-typescript --out-dir target/nowasm --out-name cookie-charter \
    target/mvp/wasm32-unknown-unknown/release/cookie_charter.wasm
  node_modules/.bin/wasm2js target/nowasm/cookie-charter_bg.wasm -O2 -o target/nowasm/cookie-charter_bg.wasm.js
  # The glue imports the wasm; it gets the JavaScript instead, and renews its memory views
  # whenever wasm2js replaces the memory's buffer.
  sed -i 's|from "./cookie-charter_bg.wasm";|from "./cookie-charter_bg.wasm.js";|' target/nowasm/cookie-charter.js
  grep -q 'cookie-charter_bg.wasm.js' target/nowasm/cookie-charter.js
  node scripts/patch-nowasm-glue.mjs target/nowasm/cookie-charter_bg.js
}
if $stable; then
  echo "build: --stable builds no first layer for pages without WebAssembly (it needs nightly build-std)" >&2
else
  build_nowasm
fi

rm -rf dist
mkdir -p dist
esbuild=node_modules/.bin/esbuild
# The stylesheets, minified: what every page shows, and what the Yew UI draws.
for css in cookie-charter cookie-charter-ui; do
  $esbuild "styles/$css.css" --minify --log-level=warning --outfile="dist/$css.css"
done
# Each module carries its stylesheet and its wasm (see js/carried.js): the entry module the
# first layer's and the banner's, the Yew UI's module its own. The stylesheets are bundled as
# text; the wasm goes in after bundling (below).
for part in cookie-charter cookie-charter-ui; do
  cp "dist/$part.css" "target/pkg/$part.css"
done
# Bundles module $1 into $2 (further esbuild options after them).
bundle() {
  $esbuild "$1" --bundle --format=esm --target=es2022 --minify --charset=utf8 --loader:.css=text \
    --log-level=warning "${@:3}" --outfile="$2"
}
# The built-in texts of each language but French (which the first layer carries), one small
# module each: loaded only by a page in that language (src/core/texts/ is their one source).
for texts in src/core/texts/*.json; do
  tag=$(basename "$texts" .json)
  [ "$tag" = fr ] && continue
  node scripts/texts-module.mjs "$texts" "dist/cookie-charter-lang-$tag.js"
done
# Chromium's explicit compile hint (a comment to other engines): every function of the module is
# compiled on a background thread while the file streams in, instead of on the page's main
# thread at its first call. Measured on the entry module (npm run bench:trace, 4x CPU): 47 ms of
# JavaScript compiled on the main thread before the banner without it, 3.5 ms with it (README,
# Performance benchmark). The Yew UI's module, fetched while a banner waits, gets it too, so that
# opening the panel does not compile its glue on the main thread.
COMPILE_HINT='--banner:js=//# allFunctionsCalledOnLoad'
bundle js/entry.js dist/cookie-charter.js --external:./cookie-charter-ui.js --external:./cookie-charter-nowasm.js \
  '--external:./cookie-charter-lang-*' "$COMPILE_HINT"
bundle js/ui.js dist/cookie-charter-ui.js "$COMPILE_HINT"
# The wasm into each bundle, in place of js/carried-wasm.js's placeholder: one Latin-1 character
# a byte, control characters as they are, which esbuild would have escaped (+1.5 KB brotli).
node scripts/inline-wasm.mjs target/pkg/cookie-charter_bg.wasm dist/cookie-charter.js
node scripts/inline-wasm.mjs target/pkg/cookie-charter-ui_bg.wasm dist/cookie-charter-ui.js
if [ -f target/nowasm/cookie-charter.js ]; then
  bundle target/nowasm/cookie-charter.js dist/cookie-charter-nowasm.js
fi
cp js/cookie-charter.d.ts dist/cookie-charter.d.ts
node scripts/sizes.mjs
