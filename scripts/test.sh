#!/usr/bin/env bash
# Runs the checks and tests (CONTRIBUTING.md, "The loops"):
#   --quick  formatting, lints of every build (a Rust host's, and the two shipped modules'; native
#            and wasm32, the size rules of clippy.toml included) and the native tests: the loop
#            to run after each change;
#   (none)   all of it, as CI runs it: the quick loop, the consent register on a real PostgreSQL
#            server too (Debian's, started here), the components in headless Chromium
#            (wasm-bindgen-test), the crate as a Rust application gets it, the built dist/ end to
#            end (node --test + playwright-core driving /usr/bin/chromium), then the core
#            scenarios in Chromium, Firefox and WebKit (tests/engines/).
# Installs whatever is missing first (scripts/setup.sh). Ends only the processes it started.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

quick=false
case "${1:-}" in
  "") ;;
  --quick) quick=true ;;
  *) echo "usage: scripts/test.sh [--quick]" >&2; exit 2 ;;
esac

if $quick; then
  bash scripts/setup.sh
else
  bash scripts/setup.sh --browser
fi

echo "== formatting and lints (a Rust host's build and each shipped module's, native and wasm32)"
cargo fmt --all --check
# Each crate of the banner, native and wasm32: the core, the web layer, the page runtime, the
# `cookie-charter` crate a Rust host builds (the Yew UI, the component) and each shipped module's
# bundle crate (wasm-pack.toml), with the size rules of clippy.toml wherever a first visit runs
# the code.
for crate in cookie-charter-core cookie-charter-web cookie-charter-page cookie-charter \
  cookie-charter-js cookie-charter-reader-js cookie-charter-settings-js cookie-charter-ui-js; do
  cargo clippy --quiet -p "$crate" --all-targets -- -D warnings
  cargo clippy --quiet -p "$crate" --all-targets --target wasm32-unknown-unknown -- -D warnings
done
cargo clippy --quiet -p cookie-charter-register --all-targets -- -D warnings

echo "== native tests (the pure core, the page runtime, the cookie-charter crate)"
cargo test --quiet -p cookie-charter-core
cargo test --quiet -p cookie-charter-page
cargo test --quiet

if $quick; then
  echo "== the consent register (SQLite; the full run adds PostgreSQL)"
  cargo test --quiet -p cookie-charter-register
  echo "== quick loop passed (the full run: bash scripts/test.sh)"
  exit 0
fi

echo "== the consent register, on a real SQLite file and a real PostgreSQL server"
REGISTER_TEST_POSTGRES_URL=$(bash scripts/postgres.sh)
export REGISTER_TEST_POSTGRES_URL REGISTER_TEST_POSTGRES=required
cargo test --quiet -p cookie-charter-register
cargo build --quiet -p cookie-charter-register

echo "== browser tests (components, headless Chromium)"
# The runner waits 20 s for the page to load its (debug, multi-megabyte) test wasm by default;
# a busy 2-core machine can take longer, so it gets two minutes.
export WASM_BINDGEN_TEST_TIMEOUT=120 CHROMEDRIVER="$(command -v chromedriver)"
cargo test --quiet --target wasm32-unknown-unknown --no-run
# Headless Chromium on this kind of machine sometimes never finishes loading the test page's
# scripts (the runner's page stays at "Loading scripts...", a known wasm-pack/wasm-bindgen
# runner hang, with or without this project's JavaScript modules): the runner then waits
# forever. That hang, and only that (no answer within 2 minutes), is retried, seven times at
# most; a failing test fails at once. `timeout` runs the tests in a process group of their own
# and ends that group (the runner, chromedriver and Chromium it started), never another run's
# processes.
for attempt in 1 2 3 4 5 6 7 8; do
  status=0
  timeout --kill-after=10 120 cargo test --target wasm32-unknown-unknown || status=$?
  [ "$status" -ne 124 ] && [ "$status" -ne 137 ] && break
  echo "browser tests: no answer from headless Chromium in 2 minutes (attempt $attempt); retrying" >&2
done
[ "$status" -eq 0 ] || exit "$status"

echo "== build dist/"
bash scripts/build.sh

echo "== npm package: pack, install into examples/vite, type-check, Vite build"
bash scripts/example-vite.sh

echo "== the crate for Rust applications: publish dry run, docs, lowest versions; examples/yew-app"
bash scripts/check-crate.sh
bash scripts/example-yew.sh

echo "== the docs, charter schema, size, the carried wasm, release zip (the webmaster quick start), then end-to-end tests (headless Chromium)"
node --test tests/docs.test.mjs tests/schema.test.mjs tests/size.test.mjs tests/carried.test.mjs tests/release.test.mjs tests/e2e/

echo "== the core scenarios in three engines: Chromium, Firefox, WebKit (under a virtual display)"
xvfb-run -a node --test tests/engines/
