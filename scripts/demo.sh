#!/usr/bin/env bash
# Installs what is missing, builds dist/ and serves the demo portal on http://localhost:8080/
# (PORT=… to change it).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh
bash scripts/build.sh
exec node scripts/serve.mjs "${PORT:-8080}"
