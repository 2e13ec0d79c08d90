#!/usr/bin/env bash
# The consent register's load bench, run on demand (never by the tests): on this machine, over
# loopback only, for each engine:
#   - intake: wrk sends new receipts for DURATION seconds (default 60) over CONNECTIONS
#     connections (default 32), each a fresh v4 UUID as the banner sends it
#     (bench/register/receipt.lua); then every receipt answered 204 must be in the database
#     (none lost), and verify must find it intact;
#   - export: the database filled to ROWS receipts (default 1,000,000), exported as CSV by the
#     binary, timed, with its peak resident memory.
# ENGINES=sqlite,postgres (default both). Writes docs/benchmarks/register-<date>-<time>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

DURATION=${DURATION:-60}
CONNECTIONS=${CONNECTIONS:-32}
ROWS=${ROWS:-1000000}
ENGINES=${ENGINES:-sqlite,postgres}

missing=()
for pair in wrk:wrk sqlite3:sqlite3 /usr/bin/time:time; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cargo build --quiet --profile register -p cookie-charter-register
bin=target/register/cookie-charter-register
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
origin="https://bench.example.fr"
stamp=$(date -u +%Y-%m-%d-%H%M)
report="docs/benchmarks/register-$stamp.md"
results=()

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

for engine in ${ENGINES//,/ }; do
  dir="$work/$engine"
  mkdir -p "$dir"
  case "$engine" in
    sqlite) database="sqlite://register.db" ;;
    postgres)
      base=$(bash scripts/postgres.sh)
      name="register_bench_$(date +%s)"
      psql "$base" -qc "CREATE DATABASE $name" >/dev/null
      database="${base%/*}/$name"
      ;;
    *) echo "unknown engine $engine" >&2; exit 2 ;;
  esac
  port=$(free_port)
  cat > "$dir/register.toml" <<TOML
listen = "127.0.0.1:$port"
database = "$database"
admin_token_sha256 = "$(printf 'bench' | sha256sum | cut -d' ' -f1)"
checkpoint_every_minutes = 1440
[limits]
per_client_per_minute = 100000000
global_per_second = 1000000

[[portals]]
id = "bench"
origins = ["$origin"]
[[portals.charters]]
preset = "opendatasoft"
effective_from = "2026-01-01"
TOML
  "$bin" migrate --config "$dir/register.toml" 2>/dev/null
  revision=$("$bin" revisions --config "$dir/register.toml" | cut -f2 | head -n 1)
  "$bin" serve --config "$dir/register.toml" 2>"$dir/serve.log" &
  serving=$!
  for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

  echo "== $engine: intake, $DURATION s over $CONNECTIONS connections" >&2
  REVISION=$revision ORIGIN=$origin wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency \
    -s bench/register/receipt.lua "http://127.0.0.1:$port/v1/portals/bench/receipts" | tee "$dir/wrk.txt" >&2
  kill -TERM "$serving"; wait "$serving" || true
  line=$(grep '^RESULT' "$dir/wrk.txt")
  value() { echo "$line" | tr ' ' '\n' | awk -F= -v k="$1" '$1 == k { print $2 }'; }
  requests=$(value requests); refused=$(value status_errors); failed=$(value socket_errors)
  acknowledged=$((requests - refused))
  kept=$("$bin" export --config "$dir/register.toml" --out /dev/null 2>&1 | awk '/receipts exported/ { print $1 }')
  lost=$((acknowledged > kept ? acknowledged - kept : 0))
  verified=$("$bin" verify --config "$dir/register.toml" 2>&1 | tail -n 1)
  rate=$(awk -v n="$acknowledged" -v s="$(value seconds)" 'BEGIN { printf "%.0f", n / s }')
  results+=("| $engine | $rate receipts/s | $(value p50) | $(value p99) | $(value max) | $acknowledged | $kept | $lost | $failed | $verified |")

  echo "== $engine: export of $ROWS receipts" >&2
  have=$kept
  if [ "$have" -lt "$ROWS" ]; then
    add=$((ROWS - have))
    # Synthetic rows, as many as needed, in one statement (the export reads them as any others).
    case "$engine" in
      sqlite)
        sqlite3 "$dir/register.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $add)
          INSERT INTO receipts (id, body_sha256, portal, log, seq, revision, decided_at, received_at, choices, action, lang, page, leaf_hash)
          SELECT printf('%08x-0000-4000-8000-%012x', i, i), 'bench', 'bench', 'bench/2000-01', i, '$revision', 946684800, 946684800 + i,
                 '{\"audience\":false,\"necessary\":true}', 'refuse-all', 'fr', '$origin/explore/', zeroblob(32) FROM n;"
        ;;
      postgres)
        psql "$database" -qc "CREATE TABLE IF NOT EXISTS receipts_p200001 PARTITION OF receipts FOR VALUES IN ('2000-01');
          INSERT INTO receipts (id, body_sha256, portal, month, log, seq, revision, decided_at, received_at, choices, action, lang, page, leaf_hash)
          SELECT md5(i::text)::uuid, 'bench', 'bench', '2000-01', 'bench/2000-01', i, '$revision', 946684800, 946684800 + i,
                 '{\"audience\":false,\"necessary\":true}', 'refuse-all', 'fr', '$origin/explore/', decode(repeat('00', 32), 'hex')
          FROM generate_series(1, $add) AS i;" >/dev/null
        ;;
    esac
  fi
  /usr/bin/time -v "$bin" export --config "$dir/register.toml" --format csv --out "$dir/export.csv" 2>"$dir/time.txt"
  exported=$(awk '/receipts exported/ { print $1 }' "$dir/time.txt")
  elapsed=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$dir/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$dir/time.txt")
  results+=("| $engine | export | $exported receipts | $elapsed | $rss MB | | | | | |")
  [ "$engine" = postgres ] && psql "$base" -qc "DROP DATABASE $name" >/dev/null
done

mkdir -p docs/benchmarks
{
  echo "# Register load bench of $(date -u '+%Y-%m-%d %H:%M') UTC"
  echo
  echo "Written by \`bash scripts/register-bench.sh\` (see [the register](../register.md#load)). Loopback"
  echo "only, the load generator on the same machine; compare engines within one run."
  echo
  echo "- machine: $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo) GiB, load average $(cut -d' ' -f1 /proc/loadavg) at the end"
  echo "- intake: wrk, 2 threads, $CONNECTIONS connections, $DURATION s; export: $ROWS receipts to CSV"
  echo "- the register built with \`--profile register\`; SQLite in WAL with synchronous = FULL; PostgreSQL $(psql --version | awk '{ print $3 }') as Debian installs it"
  echo
  echo "| engine | intake rate | p50 ms | p99 ms | max ms | answered 204 | in the database | lost | socket errors | verify |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  for row in "${results[@]}"; do [[ "$row" == *"| export |"* ]] || echo "$row"; done
  echo
  echo "| engine | | exported | wall clock | peak memory |"
  echo "|---|---|---:|---:|---:|"
  for row in "${results[@]}"; do [[ "$row" == *"| export |"* ]] && echo "$row" | cut -d'|' -f1-6 | sed 's/$/|/'; done
} > "$report"
cat "$report"
echo "written: $report" >&2
