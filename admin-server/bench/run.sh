#!/usr/bin/env bash
# Load benchmark for the admin server: starts the packaged jar on a fresh data folder per run,
# seeds it over HTTP, drives it with wrk over loopback, and prints medians of several runs.
#
#   admin-server/bench/run.sh [runs=3] [seconds=10] [connections=4]
#
# Each scenario gets a ${BENCH_WARMUP:-3} s warm-up on the same server before it is measured.
# BENCH_PORT / BENCH_RUNTIME_PORT: the two planes' ports (17979 / 17878); BENCH_WRK_THREADS: wrk
# threads (2); BENCH_JAVA_OPTS: the server's JVM flags (the packages' flags, see lib.sh);
# BENCH_RAW=FILE appends every run's figures to FILE (bench-all.sh builds its table from them).
# BENCH_DATABASE_URL runs the servers on that PostgreSQL database (BENCH_RESET_DATABASE, a shell
# command, empties it before each server starts) and BENCH_SERVERS=2 starts a second server on the
# same database (ports +1), each wrk thread driving one of the two (pg-bench.sh sets all three).
# Needs: JDK 17, Maven, curl, wrk (apt-get install -y wrk).
set -euo pipefail
RUNS=${1:-3}
SECONDS_PER=${2:-10}
CONNS=${3:-4}
WARMUP=${BENCH_WARMUP:-3}
THREADS=${BENCH_WRK_THREADS:-2}
source "$(dirname "$0")/lib.sh"
PORT=${BENCH_PORT:-17979}
RUNTIME_PORT=${BENCH_RUNTIME_PORT:-17878}
BASE="http://127.0.0.1:$PORT"

require_wrk
[ -f "$JAR" ] || { (cd "$ROOT" && mvn -q -DskipTests package -pl shared-model,admin-server); use_startup_archive; }

results=$(mktemp)
DATA=
SERVER2_PID=
SPREAD=()
# start_servers: a fresh database when on PostgreSQL, then BENCH_SERVERS servers over it; the first
# is SERVER_PID (its start-up time and memory are the ones reported).
start_servers() {
  if [ -n "${BENCH_RESET_DATABASE:-}" ]; then eval "$BENCH_RESET_DATABASE"; fi
  start_server "$DATA" "$PORT" "$RUNTIME_PORT"
  unset BENCH_SPREAD_PORTS
  SPREAD=()
  if [ "${BENCH_SERVERS:-1}" -gt 1 ]; then
    local first=$SERVER_PID first_ms=$STARTUP_MS
    mkdir -p "$DATA/second"
    cp "$DATA/webhook-secret.key" "$DATA/second/" # servers on one database share the webhook key
    start_server "$DATA/second" $((PORT + 1)) $((RUNTIME_PORT + 1))
    SERVER2_PID=$SERVER_PID SERVER_PID=$first STARTUP_MS=$first_ms
    export BENCH_SPREAD_PORTS="$PORT,$((PORT + 1))"
    SPREAD=(-s "$BENCH_DIR/spread.lua")
  fi
}
stop_servers() {
  stop_server
  if [ -n "$SERVER2_PID" ]; then kill "$SERVER2_PID" 2>/dev/null || true; wait "$SERVER2_PID" 2>/dev/null || true; SERVER2_PID=; fi
}
trap 'stop_servers; [ -n "${RSS_WATCHER:-}" ] && kill "$RSS_WATCHER" 2>/dev/null || true; rm -rf "$results" "$DATA"' EXIT
trap 'exit 130' INT TERM

api() { curl -sf -o /dev/null -H "X-Admin-API-Key: $KEY" -H "Content-Type: application/json" "$@"; }

for run in $(seq 1 "$RUNS"); do
  DATA=$(mktemp -d)
  start_servers
  rss_watch "$SERVER_PID" "$DATA/rss"

  # Seed: 50 tenants, 20 budgets and a tenant key for bench-co, and some audit history.
  for i in $(seq 1 49); do api -X POST "$BASE/v1/admin/tenants" -d "{\"tenant_id\":\"tenant-$i\",\"name\":\"Tenant $i\"}"; done
  api -X POST "$BASE/v1/admin/tenants" -d '{"tenant_id":"bench-co","name":"Bench Co"}'
  SECRET=$(curl -sf -H "X-Admin-API-Key: $KEY" -H "Content-Type: application/json" -X POST "$BASE/v1/admin/api-keys" \
    -d '{"tenant_id":"bench-co","name":"bench","permissions":["budgets:read","budgets:write"]}' | sed -E 's/.*"key_secret":"([^"]+)".*/\1/')
  api -X POST "$BASE/v1/admin/budgets" -d '{"tenant_id":"bench-co","scope":"tenant:bench-co","unit":"TOKENS","allocated":1000000}'
  for i in $(seq 1 19); do
    api -X POST "$BASE/v1/admin/budgets" -d "{\"tenant_id\":\"bench-co\",\"scope\":\"tenant:bench-co/agent:a$i\",\"unit\":\"TOKENS\",\"allocated\":$((i * 1000))}"
  done

  bench() { # name, then wrk arguments
    local name=$1; shift
    echo "$run|$name|$(wrk_measure "$THREADS" "$CONNS" "$WARMUP" "$SECONDS_PER" "$@")" >>"$results"
  }
  bench "GET tenant (admin key)" "${SPREAD[@]}" -H "X-Admin-API-Key: $KEY" "$BASE/v1/admin/tenants/bench-co"
  bench "list budgets (admin key)" "${SPREAD[@]}" -H "X-Admin-API-Key: $KEY" "$BASE/v1/admin/budgets?tenant_id=bench-co"
  bench "list budgets (tenant key)" "${SPREAD[@]}" -H "X-Cycles-API-Key: $SECRET" "$BASE/v1/admin/budgets"
  bench "fund CREDIT (admin key)" -s "$BENCH_DIR/fund.lua" -H "X-Admin-API-Key: $KEY" -H "Content-Type: application/json" \
    "$BASE/v1/admin/budgets/fund?scope=tenant:bench-co&unit=TOKENS"
  if curl -sf -o /dev/null -H "X-Admin-API-Key: $KEY" "$BASE/v1/admin/audit/logs?limit=1"; then
    bench "audit query (admin key)" "${SPREAD[@]}" -H "X-Admin-API-Key: $KEY" "$BASE/v1/admin/audit/logs?tenant_id=bench-co&limit=50"
  fi
  echo "$run|startup to first 200 (ms)|$STARTUP_MS|||" >>"$results"
  echo "$run|peak resident memory (MB)|$(rss_hwm_mb "$SERVER_PID")|||" >>"$results"
  stop_servers
  wait "$RSS_WATCHER" 2>/dev/null || true
  echo "$run|largest RSS sample (MB)|$(rss_max_mb "$DATA/rss")|||" >>"$results"
  rm -rf "$DATA"

  # The same fund load on a server with DURABILITY=normal (no fsync per commit): the mode that
  # matches the reference's Redis (appendfsync everysec).
  DATA=$(mktemp -d)
  DURABILITY=normal start_servers
  api -X POST "$BASE/v1/admin/tenants" -d '{"tenant_id":"bench-co","name":"Bench Co"}'
  api -X POST "$BASE/v1/admin/budgets" -d '{"tenant_id":"bench-co","scope":"tenant:bench-co","unit":"TOKENS","allocated":1000000}'
  bench "fund CREDIT, DURABILITY=normal (admin key)" -s "$BENCH_DIR/fund.lua" -H "X-Admin-API-Key: $KEY" -H "Content-Type: application/json" \
    "$BASE/v1/admin/budgets/fund?scope=tenant:bench-co&unit=TOKENS"
  stop_servers
  rm -rf "$DATA"
done
[ -n "${BENCH_RAW:-}" ] && cat "$results" >>"$BENCH_RAW"

echo
echo "Cycles Admin load benchmark: ${BENCH_DATABASE_URL:+PostgreSQL, ${BENCH_SERVERS:-1} server(s), }$RUNS runs x ${SECONDS_PER}s, wrk -t$THREADS -c$CONNS over loopback, $(nproc) cores, java $JAVA_OPTS"
echo "median of runs | requests/s or value | p50 ms | p99 ms | non-2xx"
awk -F'|' '
  { key=$2; vals[key]=vals[key] " " $3; p50[key]=p50[key] " " $4; p99[key]=p99[key] " " $5; err[key]=err[key] " " $6; if (!(key in seen)) { order[n++]=key; seen[key]=1 } }
  function median(s,   a, k, i, j, t) { k=split(s, a, " "); for (i=1;i<=k;i++) for (j=i+1;j<=k;j++) if (a[j]+0 < a[i]+0) { t=a[i]; a[i]=a[j]; a[j]=t } return a[int((k+1)/2)] }
  END { for (i=0;i<n;i++) { k=order[i]; printf "%-28s | %10s | %8s | %8s | %s\n", k, median(vals[k]), median(p50[k]), median(p99[k]), median(err[k]) } }
' "$results"
