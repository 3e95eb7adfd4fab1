#!/usr/bin/env bash
# Load benchmark for the admin server: starts the packaged jar on a fresh data folder per run,
# seeds it over HTTP, drives it with wrk over loopback, and prints medians of several runs.
#
#   admin-server/bench/run.sh [runs=3] [seconds=10] [connections=4]
#
# Each scenario gets a ${BENCH_WARMUP:-3} s warm-up on the same server before it is measured.
# Needs: JDK 17, Maven, curl, wrk (apt-get install -y wrk).
set -euo pipefail
RUNS=${1:-3}
SECONDS_PER=${2:-10}
CONNS=${3:-4}
WARMUP=${BENCH_WARMUP:-3}
# The JVM flags the README and the packages use: a small heap and the serial collector keep the
# resident set small on a 2-core machine.
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx96m -XX:+UseSerialGC}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
JAR="$ROOT/admin-server/target/cycles-admin-server.jar"
KEY=bench-admin-key
PORT=${BENCH_PORT:-17979}
BASE="http://127.0.0.1:$PORT"

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 2; }
[ -f "$JAR" ] || (cd "$ROOT" && mvn -q -DskipTests package)

results=$(mktemp)
trap 'rm -f "$results"; [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null || true' EXIT

api() { curl -sf -o /dev/null -H "X-Admin-API-Key: $KEY" -H "Content-Type: application/json" "$@"; }

for run in $(seq 1 "$RUNS"); do
  DATA=$(mktemp -d)
  start_ns=$(date +%s%N)
  ADMIN_API_KEY=$KEY PORT=$PORT DATA_DIR=$DATA java $JAVA_OPTS -jar "$JAR" >"$DATA/server.log" 2>&1 &
  PID=$!
  until curl -sf -o /dev/null "$BASE/health"; do sleep 0.01; done
  startup_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))

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
    local out
    wrk -t2 -c"$CONNS" -d"${WARMUP}s" "$@" >/dev/null   # let the JIT compile the path first
    out=$(wrk -t2 -c"$CONNS" -d"${SECONDS_PER}s" --latency "$@")
    local rps p50 p99 errors
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p50=$(echo "$out" | awk '$1=="50%" {print $2}')
    p99=$(echo "$out" | awk '$1=="99%" {print $2}')
    errors=$(echo "$out" | awk '/Non-2xx/ {print $5}')
    echo "$run|$name|$rps|$p50|$p99|${errors:-0}" >>"$results"
  }
  bench "GET tenant (admin key)" -H "X-Admin-API-Key: $KEY" "$BASE/v1/admin/tenants/bench-co"
  bench "list budgets (admin key)" -H "X-Admin-API-Key: $KEY" "$BASE/v1/admin/budgets?tenant_id=bench-co"
  bench "list budgets (tenant key)" -H "X-Cycles-API-Key: $SECRET" "$BASE/v1/admin/budgets"
  bench "fund CREDIT (admin key)" -s "$HERE/fund.lua" -H "X-Admin-API-Key: $KEY" -H "Content-Type: application/json" \
    "$BASE/v1/admin/budgets/fund?scope=tenant:bench-co&unit=TOKENS"
  if curl -sf -o /dev/null -H "X-Admin-API-Key: $KEY" "$BASE/v1/admin/audit/logs?limit=1"; then
    bench "audit query (admin key)" -H "X-Admin-API-Key: $KEY" "$BASE/v1/admin/audit/logs?tenant_id=bench-co&limit=50"
  fi
  rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$PID/status")
  echo "$run|startup to first 200 (ms)|$startup_ms|||" >>"$results"
  echo "$run|peak resident memory (MB)|$((rss_kb / 1024))|||" >>"$results"
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
  rm -rf "$DATA"
done

echo
echo "Cycles Admin load benchmark: $RUNS runs x ${SECONDS_PER}s, $CONNS connections, wrk over loopback, $(nproc) cores"
echo "median of runs | requests/s or value | p50 | p99 | non-2xx"
awk -F'|' '
  { key=$2; vals[key]=vals[key] " " $3; p50[key]=p50[key] " " $4; p99[key]=p99[key] " " $5; err[key]=err[key] " " $6; if (!(key in seen)) { order[n++]=key; seen[key]=1 } }
  function median(s,   a, k, i, j, t) { k=split(s, a, " "); for (i=1;i<=k;i++) for (j=i+1;j<=k;j++) if (a[j]+0 < a[i]+0) { t=a[i]; a[i]=a[j]; a[j]=t } return a[int((k+1)/2)] }
  function mid(s,   a, k) { k=split(s, a, " "); return a[int((k+1)/2)] }
  END { for (i=0;i<n;i++) { k=order[i]; printf "%-28s | %10s | %8s | %8s | %s\n", k, median(vals[k]), mid(p50[k]), mid(p99[k]), median(err[k]) } }
' "$results"
