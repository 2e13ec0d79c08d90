#!/usr/bin/env bash
# Installs what building and testing cookie-charter needs, skipping whatever is already there:
#   - the wasm32-unknown-unknown Rust target, rustfmt and clippy (rustup);
#   - the pinned nightly Rust of scripts/toolchain.env, with rust-src (the shipped build);
#   - wasm-bindgen-cli at exactly the wasm-bindgen version of Cargo.lock (cargo install --locked);
#   - the npm packages of package-lock.json (npm ci);
#   - with --browser: the browsers the tests drive, from Debian (apt-get): chromium and
#     chromium-driver, firefox-esr, webkit2gtk-driver (WebKitWebDriver + MiniBrowser), and xvfb
#     with xauth (WebKit needs a display), zip and unzip (the release zip and its test), openssl
#     (the https test server's certificate).
# Nothing is downloaded from anywhere but crates.io, the npm registry and Debian's archive.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

browser=false
for arg in "$@"; do
  case "$arg" in
    --browser) browser=true ;;
    *) echo "usage: scripts/setup.sh [--browser]" >&2; exit 2 ;;
  esac
done

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    echo "setup: adding the $component component"
    rustup component add "$component"
  fi
done

source scripts/toolchain.env
if ! rustup run "$NIGHTLY" rustc --version >/dev/null 2>&1 \
  || ! rustup component list --toolchain "$NIGHTLY" --installed | grep -q '^rust-src'; then
  echo "setup: installing Rust $NIGHTLY with rust-src (builds the shipped wasm)"
  rustup toolchain install "$NIGHTLY" --profile minimal --component rust-src
fi

wasm_bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $wasm_bindgen_version" ]; then
  echo "setup: installing wasm-bindgen-cli $wasm_bindgen_version (a few minutes, once)"
  cargo install --locked wasm-bindgen-cli --version "$wasm_bindgen_version"
fi

stamp=node_modules/.cookie-charter-package-lock.json
if ! cmp -s package-lock.json "$stamp" 2>/dev/null; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
fi

if $browser; then
  missing=()
  for pair in chromium:chromium chromedriver:chromium-driver firefox-esr:firefox-esr \
    WebKitWebDriver:webkit2gtk-driver xvfb-run:xvfb xauth:xauth zip:zip unzip:unzip openssl:openssl; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing from Debian: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi
