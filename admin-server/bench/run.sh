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
[ -f "$JAR" ] || (cd "$ROOT" && mvn -q -DskipTests package -pl shared-model,admin-server)

results=$(mktemp)
DATA=
trap 'stop_server; [ -n "${RSS_WATCHER:-}" ] && kill "$RSS_WATCHER" 2>/dev/null || true; rm -rf "$results" "$DATA"' EXIT
trap 'exit 130' INT TERM

api() { curl -sf -o /dev/null -H "X-Admin-API-Key: $KEY" -H "Content-Type: application/json" "$@"; }

for run in $(seq 1 "$RUNS"); do
  DATA=$(mktemp -d)
  start_server "$DATA" "$PORT" "$RUNTIME_PORT"
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
  bench "GET tenant (admin key)" -H "X-Admin-API-Key: $KEY" "$BASE/v1/admin/tenants/bench-co"
  bench "list budgets (admin key)" -H "X-Admin-API-Key: $KEY" "$BASE/v1/admin/budgets?tenant_id=bench-co"
  bench "list budgets (tenant key)" -H "X-Cycles-API-Key: $SECRET" "$BASE/v1/admin/budgets"
  bench "fund CREDIT (admin key)" -s "$BENCH_DIR/fund.lua" -H "X-Admin-API-Key: $KEY" -H "Content-Type: application/json" \
    "$BASE/v1/admin/budgets/fund?scope=tenant:bench-co&unit=TOKENS"
  if curl -sf -o /dev/null -H "X-Admin-API-Key: $KEY" "$BASE/v1/admin/audit/logs?limit=1"; then
    bench "audit query (admin key)" -H "X-Admin-API-Key: $KEY" "$BASE/v1/admin/audit/logs?tenant_id=bench-co&limit=50"
  fi
  echo "$run|startup to first 200 (ms)|$STARTUP_MS|||" >>"$results"
  echo "$run|peak resident memory (MB)|$(rss_hwm_mb "$SERVER_PID")|||" >>"$results"
  stop_server
  wait "$RSS_WATCHER" 2>/dev/null || true
  echo "$run|largest RSS sample (MB)|$(rss_max_mb "$DATA/rss")|||" >>"$results"
  rm -rf "$DATA"
done
[ -n "${BENCH_RAW:-}" ] && cat "$results" >>"$BENCH_RAW"

echo
echo "Cycles Admin load benchmark: $RUNS runs x ${SECONDS_PER}s, wrk -t$THREADS -c$CONNS over loopback, $(nproc) cores, java $JAVA_OPTS"
echo "median of runs | requests/s or value | p50 ms | p99 ms | non-2xx"
awk -F'|' '
  { key=$2; vals[key]=vals[key] " " $3; p50[key]=p50[key] " " $4; p99[key]=p99[key] " " $5; err[key]=err[key] " " $6; if (!(key in seen)) { order[n++]=key; seen[key]=1 } }
  function median(s,   a, k, i, j, t) { k=split(s, a, " "); for (i=1;i<=k;i++) for (j=i+1;j<=k;j++) if (a[j]+0 < a[i]+0) { t=a[i]; a[i]=a[j]; a[j]=t } return a[int((k+1)/2)] }
  END { for (i=0;i<n;i++) { k=order[i]; printf "%-28s | %10s | %8s | %8s | %s\n", k, median(vals[k]), median(p50[k]), median(p99[k]), median(err[k]) } }
' "$results"
