#!/usr/bin/env bash
# Builds dist/ from the modules wasm-pack.toml declares:
#   - <name>.js for each module: its entry module (js/entry.js, js/ui.js) bundled with its
#     wasm-bindgen glue and its stylesheet, the wasm carried inside (see js/carried.js):
#     cookie-charter.js, what every page loads (the first layer: banner, stored choice, what it
#     allows; no Yew), and cookie-charter-ui.js, the Yew UI (preferences panel, charter page);
#   - <name>-nowasm.js for a module marked `nowasm`: the same wasm compiled to JavaScript
#     (wasm2js), loaded only where the browser has no WebAssembly;
#   - cookie-charter-lang-<tag>.js: the built-in texts of each language but French, loaded only
#     by a page in that language;
#   - the stylesheets as files (for browsers without constructed stylesheets and pages that
#     link them) and cookie-charter.d.ts.
# Expects the tools that scripts/setup.sh installs.
#
#   scripts/build.sh                 every module, with the pinned nightly of toolchain.env
#   scripts/build.sh --stable        the same with stable Rust: same behaviour, bigger, no nowasm
#   scripts/build.sh --first-visit   only what a first visit loads (scripts/size.sh)
#
# The nightly rebuilds the standard library for size (-Zbuild-std), panics abort without a
# message, and Debug formatting and panic locations are compiled out.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.env

stable=false
first_visit_only=false
for arg in "$@"; do
  case "$arg" in
    --stable) stable=true ;;
    --first-visit) first_visit_only=true ;;
    *) echo "usage: scripts/build.sh [--stable] [--first-visit]" >&2; exit 2 ;;
  esac
done

# The standard library rebuilt with the crate, choosing its smaller code where it has two
# (`optimize_for_size`: sorting, slice rotation, character counting, integer writing).
BUILD_STD="-Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size"
# Every function of every crate (the core's, std's, web-sys') may be inlined into another
# (`-Zcross-crate-inline-threshold=always`): the optimiser then sees across the crates as it
# sees within one, and each module comes out smaller (docs/size.md, "How the bytes are kept down").
NIGHTLY_FLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none -Zcross-crate-inline-threshold=always"
# What rustc's wasm32 target emits by default, for wasm-opt to accept and keep.
WASM_FEATURES="--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue"

# Builds module $1 from its bundle crate $2 and runs wasm-bindgen on it (its glue trimmed to
# the loading path the entries take), then binaryen's wasm-opt with the module's flags ($3).
build_wasm() {
  local name=$1 crate=$2 flags=$3
  if $stable; then
    export CARGO_TARGET_DIR=target
    cargo build --release --lib --target wasm32-unknown-unknown -p "$crate"
  else
    # A target dir of its own: these flags would otherwise rebuild everything stable built.
    export CARGO_TARGET_DIR=target/nightly
    RUSTFLAGS="$NIGHTLY_FLAGS" cargo "+$NIGHTLY" build --release --lib --target wasm32-unknown-unknown \
      $BUILD_STD -p "$crate"
  fi
  # Each wasm is handed to its glue explicitly (js/entry.js, js/ui.js): no default path.
  wasm-bindgen --target web --no-typescript --omit-default-module-path --out-dir target/pkg --out-name "$name" \
    "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/${crate//-/_}.wasm"
  node scripts/shorten-wasm-names.mjs "target/pkg/$name"
  # The entries hand the glue bytes in an options object: its other ways of loading go.
  node scripts/trim-glue.mjs "target/pkg/$name.js"
  node_modules/.bin/wasm-opt "target/pkg/${name}_bg.wasm" $flags $WASM_FEATURES -o "target/pkg/${name}_bg.wasm"
}

# Module $1 (crate $2) for pages without WebAssembly (iOS Lockdown Mode removes
# it): built for the MVP feature set (what wasm2js reads), bound for bundlers, turned into
# JavaScript.
build_nowasm() {
  local name=$1 crate=$2
  CARGO_TARGET_DIR=target/mvp RUSTFLAGS="$NIGHTLY_FLAGS -Ctarget-cpu=mvp" \
    cargo "+$NIGHTLY" build --release --lib --target wasm32-unknown-unknown $BUILD_STD \
    -p "$crate"
  wasm-bindgen --target bundler --no-typescript --out-dir target/nowasm --out-name "$name" \
    "target/mvp/wasm32-unknown-unknown/release/${crate//-/_}.wasm"
  node_modules/.bin/wasm2js "target/nowasm/${name}_bg.wasm" -O2 -o "target/nowasm/${name}_bg.wasm.js"
  # The glue imports the wasm; it gets the JavaScript instead, and renews its memory views
  # whenever wasm2js replaces the memory's buffer.
  sed -i "s|from \"./${name}_bg.wasm\";|from \"./${name}_bg.wasm.js\";|" "target/nowasm/$name.js"
  grep -q "${name}_bg.wasm.js" "target/nowasm/$name.js"
  node scripts/patch-nowasm-glue.mjs "target/nowasm/${name}_bg.js"
}

esbuild=node_modules/.bin/esbuild
# Bundles module $1 into $2 (further esbuild options after them). Chromium's explicit compile
# hint opens each bundle (a comment to other engines): every function is compiled on a
# background thread while the file streams in, not on the page's main thread at its first call.
bundle() {
  $esbuild "$1" --bundle --format=esm --target=es2022 --minify --charset=utf8 --loader:.css=text \
    --log-level=warning '--banner:js=//# allFunctionsCalledOnLoad' "${@:3}" --outfile="$2"
}

rm -rf target/pkg target/nowasm dist
mkdir -p dist target/pkg
built=()
while IFS='|' read -r name crate entry flags nowasm loaded; do
  if $first_visit_only && [ "$loaded" != first-visit ]; then continue; fi
  build_wasm "$name" "$crate" "$flags"
  if [ "$nowasm" = true ] && ! $first_visit_only; then
    if $stable; then
      echo "build: --stable builds no $name-nowasm.js (it needs nightly build-std)" >&2
    else
      build_nowasm "$name" "$crate"
    fi
  fi
  # The module's stylesheet, if it has one, minified: a file of its own, and the text its bundle
  # carries.
  if [ -f "styles/$name.css" ]; then
    $esbuild "styles/$name.css" --minify --log-level=warning --outfile="dist/$name.css"
    cp "dist/$name.css" "target/pkg/$name.css"
  fi
  # The other cookie-charter-* modules (the Yew UI, the nowasm first layer, the languages) stay
  # separate files, loaded on demand.
  # The snippets wasm-bindgen copied, linked back to their sources: an entry that imports one
  # itself (js/entry.js draws the banner with widgets.js) then shares one copy with the glue.
  for snippet in target/pkg/snippets/*/src/*.js; do
    [ -e "$snippet" ] || continue
    crate_dir=$(basename "$(dirname "$(dirname "$snippet")")" | sed -E 's/^cookie-charter-([a-z]+)-[0-9a-f]+$/\1/')
    source="crates/$crate_dir/src/$(basename "$snippet")"
    [ -f "$source" ] && ln -sf "$PWD/$source" "$snippet"
  done
  if [ "$entry" = js/entry.js ]; then
    # The French sentences the entry draws the banner with before the wasm arrives, written
    # from the texts' one source.
    CARGO_TARGET_DIR=target cargo run -q --release -p cookie-charter-core --example first_layer_sentences > "target/pkg/$name-sentences-fr.txt"
  fi
  bundle "$entry" "dist/$name.js" '--external:./cookie-charter-*' --loader:.txt=text
  # The first layer's wasm as a file of its own (js/entry.js holds its placeholders), or a
  # module's wasm in place of js/carried-wasm.js's placeholder: one Latin-1 character a byte,
  # control characters as they are, which esbuild would have escaped.
  if grep -q '@cookie-charter:wasm-file@' "dist/$name.js"; then
    node scripts/wasm-file.mjs "target/pkg/${name}_bg.wasm" "dist/$name.js"
  else
    node scripts/inline-wasm.mjs "target/pkg/${name}_bg.wasm" "dist/$name.js"
  fi
  if [ -f "target/nowasm/$name.js" ]; then
    bundle "target/nowasm/$name.js" "dist/$name-nowasm.js"
  fi
  built+=("$name")
done < <(node scripts/modules.mjs)
[ ${#built[@]} -gt 0 ] || { echo "build: wasm-pack.toml declares no module to build" >&2; exit 1; }

# The built-in texts of each language but French (which the first layer carries), one small
# module each (crates/core/src/texts/ is their one source).
for texts in crates/core/src/texts/*.json; do
  tag=$(basename "$texts" .json)
  [ "$tag" = fr ] && continue
  node scripts/texts-module.mjs "$texts" "dist/cookie-charter-lang-$tag.js"
done
cp js/cookie-charter.d.ts dist/cookie-charter.d.ts
node scripts/sizes.mjs
