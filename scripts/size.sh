#!/usr/bin/env bash
# Builds what a first visit loads (the modules wasm-pack.toml marks first-visit, with the
# shipped nightly build) and prints each file's size against the figure the size test holds:
# the loop to run after a change to the first layer (CONTRIBUTING.md, "The size rules").
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh
bash scripts/build.sh --first-visit
