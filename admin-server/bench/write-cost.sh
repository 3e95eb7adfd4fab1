#!/usr/bin/env bash
# What one fund costs the server: starts the packaged jar (the packages' flags, see lib.sh) on a
# fresh data folder, drives fund CREDIT 1 with wrk -t1 -c4 (as bench-all.sh's d), and reports the
# rate, write system calls per fund on the writer thread (WAL frames are two each), and CPU
# microseconds per fund on the writer thread and in the whole server.
#
#   admin-server/bench/write-cost.sh [durability=normal] [seconds=8] [warm-up seconds=15]
#
# Linux only (reads /proc). Needs: JDK 17, Maven, curl, wrk.
set -euo pipefail
MODE=${1:-normal}
SECONDS_PER=${2:-8}
WARM=${3:-15}
source "$(dirname "$0")/lib.sh"
PORT=${BENCH_PORT:-17979}
BASE="http://127.0.0.1:$PORT"
require_wrk
[ -f "$JAR" ] || { (cd "$ROOT" && mvn -q -DskipTests package -pl shared-model,admin-server); use_startup_archive; }

DATA=$(mktemp -d)
trap 'stop_server; rm -rf "$DATA"' EXIT
DURABILITY=$MODE start_server "$DATA" "$PORT" "${BENCH_RUNTIME_PORT:-17878}"
api() { curl -sf -H "X-Admin-API-Key: $KEY" -H "Content-Type: application/json" "$@"; }
api -o /dev/null -X POST "$BASE/v1/admin/tenants" -d '{"tenant_id":"bench-co","name":"Bench Co"}'
api -o /dev/null -X POST "$BASE/v1/admin/budgets" -d '{"tenant_id":"bench-co","scope":"tenant:bench-co","unit":"TOKENS","allocated":1000000}'
FUND=(-s "$BENCH_DIR/fund.lua" -H "X-Admin-API-Key: $KEY" -H "Content-Type: application/json"
  "$BASE/v1/admin/budgets/fund?scope=tenant:bench-co&unit=TOKENS")
wrk -t1 -c4 -d"${WARM}s" "${FUND[@]}" >/dev/null # the JIT compiles the path first

WRITER=$(basename "$(dirname "$(grep -lx sqlite-writer /proc/"$SERVER_PID"/task/*/comm | head -1)")")
allocated() { api "$BASE/v1/admin/budgets?tenant_id=bench-co" | sed -E 's/.*"allocated":\{"unit":"TOKENS","amount":([0-9]+).*/\1/'; }
ticks() { awk '{print $14 + $15}' "$1"; } # utime + stime, in clock ticks
a0=$(allocated); w0=$(awk '/syscw/ {print $2}' "/proc/$SERVER_PID/task/$WRITER/io")
c0=$(ticks "/proc/$SERVER_PID/task/$WRITER/stat"); s0=$(ticks "/proc/$SERVER_PID/stat")
WAL="$DATA/cycles-admin.db-wal"
largest_wal=0
( while sleep 0.2; do stat -c %s "$WAL" 2>/dev/null; done ) >"$DATA/wal-sizes" &
SAMPLER=$!
rate=$(wrk -t1 -c4 -d"${SECONDS_PER}s" "${FUND[@]}" | awk '/Requests\/sec/ {print $2}')
kill "$SAMPLER"; largest_wal=$(sort -n "$DATA/wal-sizes" | tail -1)
a1=$(allocated); w1=$(awk '/syscw/ {print $2}' "/proc/$SERVER_PID/task/$WRITER/io")
c1=$(ticks "/proc/$SERVER_PID/task/$WRITER/stat"); s1=$(ticks "/proc/$SERVER_PID/stat")
HZ=$(getconf CLK_TCK)
awk -v mode="$MODE" -v rate="$rate" -v n=$((a1 - a0)) -v w=$((w1 - w0)) -v c=$((c1 - c0)) -v s=$((s1 - s0)) -v hz="$HZ" -v wal="${largest_wal:-0}" 'BEGIN {
  printf "DURABILITY=%s: %s funds/s; %d funds; %.1f write syscalls per fund on the writer; CPU per fund: writer %.0f us, server %.0f us; largest WAL %.1f MB\n",
    mode, rate, n, w / n, c * 1e6 / hz / n, s * 1e6 / hz / n, wal / 1048576 }'
