#!/usr/bin/env bash
# Installs what is missing, builds dist/ and serves the demo portal on http://localhost:8080/
# (PORT=… to change it), with its consent register beside it on 127.0.0.1:8081 (REGISTER_PORT=…):
# SQLite in target/demo-register/register.db, the five seed portals' charters and the demo's
# registered. The demo server forwards /register/… to it, as a portal's reverse proxy would: the
# pages send their receipts and banners shown there, and have it set the choice cookie. A
# receipt made in the demo is then looked up by its id (shown in the preferences panel), seen on
# the dashboard, or exported: this script prints how.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh
bash scripts/build.sh
cargo build --quiet -p cookie-charter-register
register=target/debug/cookie-charter-register

port=${PORT:-8080}
register_port=${REGISTER_PORT:-8081}
demo=target/demo-register
mkdir -p "$demo"
token_file="$demo/admin-token"
if [ ! -f "$token_file" ]; then
  head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$token_file"
fi
token=$(cat "$token_file")
hash=$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)
demo_origin="http://localhost:$port"
{
  cat <<TOML
# The demo's register (written by scripts/demo.sh).
listen = "127.0.0.1:$register_port"
database = "sqlite://register.db"
admin_token_sha256 = "$hash"
# The demo server forwards the pages' receipts: its X-Forwarded-For is believed.
trusted_proxies = ["127.0.0.1/32", "::1/128"]
checkpoint_every_minutes = 5

[[portals]]
id = "demo"
origins = ["$demo_origin", "http://127.0.0.1:$port"]
[[portals.charters]]
preset = "opendatasoft"
effective_from = "2026-01-01"
TOML
  for seed in soregies:https://opendata.soregies.fr bpce:https://bpce.opendatasoft.com \
    anru:https://anruopendata.opendatasoft.com tco:https://data.tco.re \
    saintnazaire:https://data.saintnazaireagglo.fr; do
    cat <<TOML

[[portals]]
id = "${seed%%:*}"
origins = ["${seed#*:}", "$demo_origin", "http://127.0.0.1:$port"]
[[portals.charters]]
preset = "${seed%%:*}"
effective_from = "2026-01-01"
TOML
  done
} > "$demo/register.toml"
"$register" migrate --config "$demo/register.toml"
"$register" serve --config "$demo/register.toml" &
register_pid=$!
trap 'kill -TERM "$register_pid" 2>/dev/null; wait "$register_pid" 2>/dev/null' EXIT
for _ in $(seq 50); do
  curl -fsS "http://127.0.0.1:$register_port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
cat <<TEXT
consent register: http://127.0.0.1:$register_port/ (SQLite: $demo/register.db)
  the DPO's dashboard (any user name, the admin token as password: $token):
    http://localhost:$port/register/dashboard
  a receipt made in the demo, by the id the preferences panel shows:
    $register lookup --config $demo/register.toml <id>
  every receipt, as the DPO exports it:
    curl -H "Authorization: Bearer $token" "http://127.0.0.1:$register_port/v1/export?format=csv"
TEXT
REGISTER="http://127.0.0.1:$register_port" node scripts/serve.mjs "$port"
