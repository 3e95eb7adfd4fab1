#!/usr/bin/env bash
# The stores side by side: run.sh's figures on SQLite, on PostgreSQL with one server, and on
# PostgreSQL with two servers sharing the database (each wrk thread drives one server).
#
#   admin-server/bench/pg-bench.sh [runs=3] [seconds=10]
#
# Starts a throwaway PostgreSQL cluster on 127.0.0.1:${BENCH_PG_PORT:-15432} with its stock
# durability settings (fsync on, synchronous_commit on), from PG_BIN or Debian's
# /usr/lib/postgresql/*/bin, and deletes it afterwards. Needs what run.sh needs, plus PostgreSQL.
set -euo pipefail
RUNS=${1:-3}
SECONDS_PER=${2:-10}
source "$(dirname "$0")/lib.sh"
PG_PORT=${BENCH_PG_PORT:-15432}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL's programs are needed (apt-get install -y postgresql, or set PG_BIN)" >&2; exit 2; }

# PostgreSQL refuses to run as root: under root the cluster belongs to postgres (or nobody).
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u "$OWNER" -- "$@"; else "$@"; fi; }
OWNER=$(id -un postgres 2>/dev/null || echo nobody)
CLUSTER=$(mktemp -d)
chmod 755 "$CLUSTER"
[ "$(id -u)" = 0 ] && chown "$OWNER" "$CLUSTER"
trap 'as_owner "$PG_BIN/pg_ctl" -D "$CLUSTER/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$CLUSTER"' EXIT
as_owner "$PG_BIN/initdb" -D "$CLUSTER/data" -U postgres --auth=trust >/dev/null
as_owner "$PG_BIN/pg_ctl" -D "$CLUSTER/data" -l "$CLUSTER/log" -w \
  -o "-p $PG_PORT -k $CLUSTER -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
PSQL=("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -q -v ON_ERROR_STOP=1)
"${PSQL[@]}" -c "SELECT 1" >/dev/null

[ -f "$JAR" ] || (cd "$ROOT" && mvn -q -DskipTests package -pl shared-model,admin-server)
out=$(mktemp -d)
echo "== SQLite (one server, the embedded default)"
"$BENCH_DIR/run.sh" "$RUNS" "$SECONDS_PER" | tee "$out/sqlite"
export BENCH_DATABASE_URL="postgresql://postgres@127.0.0.1:$PG_PORT/cycles_bench"
BENCH_RESET_DATABASE="${PSQL[*]} -c 'DROP DATABASE IF EXISTS cycles_bench (FORCE)' -c 'CREATE DATABASE cycles_bench'"
export BENCH_RESET_DATABASE
for servers in 1 2; do
  echo
  echo "== PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}'), $servers server(s) on one database"
  BENCH_SERVERS=$servers "$BENCH_DIR/run.sh" "$RUNS" "$SECONDS_PER" | tee "$out/pg-$servers"
done
rm -rf "$out"
