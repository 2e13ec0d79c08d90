#!/usr/bin/env bash
# Starts Debian's PostgreSQL for the register's tests (installing it first where it is missing)
# and makes their role and database; prints the URL the tests connect to. Idempotent: a running
# server, an existing role or database are left as they are. (No Docker: the machine's own
# server, started with pg_ctlcluster.)
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "postgres: installing Debian's postgresql" >&2
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends postgresql >&2
fi
read -r version cluster port _ < <(pg_lsclusters --no-header | head -n 1)
if ! pg_lsclusters --no-header | head -n 1 | grep -q online; then
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start >&2
fi
for _ in $(seq 60); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$port" || { echo "postgres: the server did not start" >&2; exit 1; }
as_postgres "psql -p $port -q -v ON_ERROR_STOP=1 -c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'register_test') THEN CREATE ROLE register_test LOGIN CREATEDB PASSWORD 'register_test'; END IF; END \\\$\\\$;\"" >&2
if ! as_postgres "psql -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname = 'register_test'\"" | grep -q 1; then
  as_postgres "createdb -p $port -O register_test register_test" >&2
fi
echo "postgres://register_test:register_test@127.0.0.1:$port/register_test"
