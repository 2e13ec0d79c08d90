#!/usr/bin/env bash
# Checks the crate as a Rust application would get it:
#   - `cargo publish --dry-run`: the packaged crate (Cargo.toml's `include`) builds on its own;
#   - `cargo doc`: the crate page renders, with its usage example, and no broken link (nor in
#     the pages of the crates it is made of);
#   - its lowest declared versions build (`-Z direct-minimal-versions`, pinned nightly), so a
#     host with older wasm-bindgen / js-sys / web-sys in its lock file is not forced up.
# examples/yew-app (scripts/example-yew.sh) shows the component in use.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.env
export CARGO_TARGET_DIR=target/crate-check

echo "check-crate: cargo publish --dry-run"
# The dry run verifies against the packages it has just made, as if from a registry: cargo
# takes a registry package of the same version as unchanged, so an older unpacking and older
# builds of them are removed first.
version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
rm -rf "${CARGO_HOME:-$HOME/.cargo}"/registry/src/-*/cookie-charter-{core,web,page}-"$version"
cargo clean --quiet -p cookie-charter-core -p cookie-charter-web -p cookie-charter-page
# --allow-dirty: the test command also runs on a working tree with changes not yet committed.
# The pure core, the web layer and the page runtime are published first and the banner's
# crate built against those packages.
cargo publish --quiet --dry-run --allow-dirty -p cookie-charter-core -p cookie-charter-web \
  -p cookie-charter-page -p cookie-charter

echo "check-crate: cargo doc"
RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps -p cookie-charter-core -p cookie-charter-web \
  -p cookie-charter-page -p cookie-charter
page=$CARGO_TARGET_DIR/doc/cookie_charter/index.html
grep -q 'CookieCharter' "$page" && grep -q 'Settings::builder' "$page" \
  || { echo "check-crate: the crate page lacks its usage example" >&2; exit 1; }

echo "check-crate: the lowest declared versions build (wasm32)"
# On the crate exactly as packaged by the dry run above (Cargo.toml's `include`, its manifest
# made standalone by cargo), copied aside.
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
cp -r "$CARGO_TARGET_DIR/package/cookie-charter-$version/." "$copy/crate"
cp -r "$CARGO_TARGET_DIR/package/cookie-charter-core-$version/." "$copy/core"
cp -r "$CARGO_TARGET_DIR/package/cookie-charter-web-$version/." "$copy/web"
cp -r "$CARGO_TARGET_DIR/package/cookie-charter-page-$version/." "$copy/page"
# The crates as packaged above stand in for the ones crates.io would serve.
printf '\n[patch.crates-io]\ncookie-charter-core = { path = "../core" }\ncookie-charter-web = { path = "../web" }\ncookie-charter-page = { path = "../page" }\n' \
  >>"$copy/crate/Cargo.toml"
# Dev-dependencies are not a host's concern; the test runner's exact pin is lifted here.
sed -i '/^\[dev-dependencies.wasm-bindgen-test\]$/,/^version/ s/^version = "=[0-9.]*"/version = "0.3.45"/' "$copy/crate/Cargo.toml"
(
  cd "$copy/crate"
  cargo "+$NIGHTLY" update --quiet -Z direct-minimal-versions
  grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | tail -1 | sed 's/^/check-crate: wasm-bindgen /'
  # Old wasm-bindgen macros emit cfg names newer compilers do not know: not this crate's concern.
  RUSTFLAGS="-A unexpected_cfgs" cargo check --quiet --target wasm32-unknown-unknown
)
