#!/usr/bin/env bash
# Runs every check and test: formatting and lints of the three builds (a Rust host's, and the two
# shipped modules'), native tests (cargo test), components in headless Chromium
# (wasm-bindgen-test), the crate as a Rust application gets it (scripts/check-crate.sh,
# examples/yew-app), end-to-end on the built dist/ (node --test + playwright-core driving
# /usr/bin/chromium), then the core scenarios in Chromium, Firefox and WebKit (tests/engines/).
# Installs whatever is missing first (scripts/setup.sh --browser).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh --browser

echo "== formatting and lints (the Rust host's build and the two shipped modules' builds, native and wasm32)"
cargo fmt --all --check
for features in "" "--no-default-features --features js-first-layer" "--no-default-features --features js-ui"; do
  cargo clippy --quiet --all-targets $features -- -D warnings
  cargo clippy --quiet --all-targets --target wasm32-unknown-unknown $features -- -D warnings
done

echo "== native tests (pure core; the first layer's build too)"
cargo test --quiet
# (--lib --tests: the crate page's example is the Yew component, which this build has not.)
cargo test --quiet --no-default-features --features js-first-layer --lib --tests

echo "== browser tests (components, headless Chromium)"
# The runner waits 20 s for the page to load its (debug, multi-megabyte) test wasm by default;
# a busy 2-core machine once took longer, so it gets two minutes.
export WASM_BINDGEN_TEST_TIMEOUT=120 CHROMEDRIVER="$(command -v chromedriver)"
cargo test --quiet --target wasm32-unknown-unknown --no-run
# On this kind of machine headless Chromium sometimes never answers chromedriver while the test
# page loads (the runner stays at "Loading scripts..." until chromedriver gives up after 300 s;
# seen at this project's earlier commits too, one run in four to one in two: twice in a row in
# one CI run). A run that answers takes about 10 s here. That hang, and only that (no answer
# within 2 minutes, the page's own load allowance above), is retried, four times at most: five
# hangs in a row are unlikely, and the worst case waits 10 minutes (three 3-minute attempts
# waited 9). A failing test fails at once.
for attempt in 1 2 3 4 5; do
  status=0
  timeout 120 cargo test --target wasm32-unknown-unknown || status=$?
  [ "$status" -ne 124 ] && break
  echo "browser tests: no answer from headless Chromium in 2 minutes (attempt $attempt); retrying" >&2
  pkill -f wasm-bindgen-test-runner || true
  pkill -f chromedriver || true
done
[ "$status" -eq 0 ] || exit "$status"

echo "== build dist/"
bash scripts/build.sh

echo "== npm package: pack, install into examples/vite, type-check, Vite build"
bash scripts/example-vite.sh

echo "== the crate for Rust applications: publish dry run, docs, lowest versions; examples/yew-app"
bash scripts/check-crate.sh
bash scripts/example-yew.sh

echo "== charter schema, size, the carried wasm, release zip (the webmaster quick start), then end-to-end tests (headless Chromium)"
node --test tests/schema.test.mjs tests/size.test.mjs tests/carried.test.mjs tests/release.test.mjs tests/e2e/

echo "== the core scenarios in three engines: Chromium, Firefox, WebKit (under a virtual display)"
xvfb-run -a node --test tests/engines/
