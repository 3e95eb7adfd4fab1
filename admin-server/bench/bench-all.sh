#!/usr/bin/env bash
# Every figure of issue 16 in one command, printed as one table: medians of RUNS runs, each run on
# a fresh server and data folder, the server started as the packages start it (their JVM flags,
# both planes listening).
#
#   admin-server/bench/bench-all.sh [--quick] [runs=3] [seconds=10]
#
#   1. admin plane, wrk -t1 -c4 as the reference was measured (run.sh): a GET tenant, b list
#      budgets (20 rows, admin key), c list budgets (tenant key), d fund CREDIT 1, e audit query
#      (50 rows); a 10 s warm-up then SECONDS measured per endpoint (the issue's "2x10 s per
#      endpoint": the first window warms the JIT, the second is the figure); start-up to the first
#      200; peak RSS.
#   2. runtime plane (RuntimeBench, one shared tenant ledger): reserve, reserve+commit and fund at
#      1, 4, 16 and 64 connections, DURABILITY=full and normal interleaved; every ledger checked
#      after every window; peak RSS.
#   3. GET /v1/admin/events at 1,000,000 events (first page, a tenant's page) with wrk -t1 -c4, on
#      a copy of a database seeded once and cached under admin-server/target/bench-cache.
#
# --quick: 1 run, 2 s windows (a smoke check, about 3 minutes plus the first seeding). The default
# takes about 18 minutes on a 2-core machine.
#
# Settings (environment): BENCH_PORT / BENCH_RUNTIME_PORT (17979 / 17878) the ports of the servers
# this script starts (RuntimeBench picks free ports itself); BENCH_JAVA_OPTS the server's JVM flags
# (default: the packages' flags from installers/common/server-app-image.args); BENCH_RT_SECONDS /
# BENCH_RT_WARMUP the runtime windows (3 / 1 s); BENCH_EVENTS (1000000); BENCH_REBUILD=1 rebuilds
# the jar and test classes even if present; BENCH_RESEED=1 seeds the events again; BENCH_MVN_FLAGS
# extra Maven flags (e.g. -o). Needs: JDK 17, Maven, curl, wrk.
set -euo pipefail
QUICK=
if [ "${1:-}" = "--quick" ]; then QUICK=1; shift; fi
RUNS=${1:-$([ -n "$QUICK" ] && echo 1 || echo 3)}
SECONDS_PER=${2:-$([ -n "$QUICK" ] && echo 2 || echo 10)}
WARMUP=${BENCH_WARMUP:-$([ -n "$QUICK" ] && echo 1 || echo 10)}
RT_SECONDS=${BENCH_RT_SECONDS:-$([ -n "$QUICK" ] && echo 1 || echo 3)}
RT_WARMUP=${BENCH_RT_WARMUP:-1}
EVENTS=${BENCH_EVENTS:-1000000}
EVENTS_TEXT=$(echo "$EVENTS" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta') # 1,000,000
source "$(dirname "$0")/lib.sh"
PORT=${BENCH_PORT:-17979}
RUNTIME_PORT=${BENCH_RUNTIME_PORT:-17878}
CP_FILE="$ROOT/admin-server/target/bench-classpath.txt"
for tool in java mvn curl; do command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 2; }; done
require_wrk

T0=$(date +%s)
WORK=$(mktemp -d)
CHILD=
RSS_WATCHER=
cleanup() {
  [ -n "$CHILD" ] && kill "$CHILD" 2>/dev/null || true
  for f in "$WORK"/*.pid; do
    [ -s "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
  done
  stop_server
  [ -n "$RSS_WATCHER" ] && kill "$RSS_WATCHER" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM

# Runs a step in the background and waits, so that an interrupt reaches the trap at once.
step() {
  "$@" &
  CHILD=$!
  if ! wait "$CHILD"; then CHILD=; echo "failed: $*" >&2; exit 1; fi
  CHILD=
}
log() { echo "[$(date +%H:%M:%S) +$(( $(date +%s) - T0 ))s] $*" >&2; }

# --- build once: the jar, the bench classes and their class path ------------------------------
if [ -n "${BENCH_REBUILD:-}" ] || [ ! -f "$JAR" ] || [ ! -s "$CP_FILE" ] || [ ! -d "$ROOT/admin-server/target/test-classes" ]; then
  log "building the jar and the bench classes"
  # shellcheck disable=SC2086
  (cd "$ROOT" && mvn -q ${BENCH_MVN_FLAGS:-} -DskipTests package dependency:build-classpath -pl shared-model,admin-server \
    -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test)
  use_startup_archive
fi
export BENCH_CP_FILE=$CP_FILE BENCH_JAVA_OPTS="$JAVA_OPTS" SKIP_BUILD=1
RAW="$WORK/raw" # run|figure key|value|p50 ms|p99 ms|errors|ledger mismatches
: >"$RAW"

# --- 1. admin plane: a-e, start-up, RSS (run.sh) ----------------------------------------------
log "admin plane a-e: $RUNS runs x 5 endpoints x (${WARMUP} s warm-up + ${SECONDS_PER} s), wrk -t1 -c4"
step env BENCH_RAW="$WORK/admin.raw" BENCH_PID_FILE="$WORK/admin.pid" BENCH_WRK_THREADS=1 BENCH_WARMUP="$WARMUP" \
  BENCH_PORT="$PORT" BENCH_RUNTIME_PORT="$RUNTIME_PORT" "$BENCH_DIR/run.sh" "$RUNS" "$SECONDS_PER" 4 >"$WORK/admin.out"
awk -F'|' -v OFS='|' '
  { k = $2 }
  k ~ /^GET tenant/ { k = "a" } k ~ /^list budgets \(admin/ { k = "b" } k ~ /^list budgets \(tenant/ { k = "c" }
  k ~ /^fund CREDIT, DURABILITY=normal/ { k = "d-normal" } k ~ /^fund CREDIT \(admin/ { k = "d" } k ~ /^audit/ { k = "e" } k ~ /^startup/ { k = "startup"; $3 = $3 / 1000 }
  k ~ /^peak resident/ { k = "rss-admin" } k ~ /^largest RSS/ { k = "rss-admin-sampled" }
  { print $1, k, $3, $4, $5, $6, "" }' "$WORK/admin.raw" >>"$RAW"

# --- 2. runtime plane: reserve, reserve+commit, fund x 1/4/16/64 x full/normal (RuntimeBench) ---
log "runtime plane: $RUNS runs x 2 modes x 3 loops x 4 connection counts x (${RT_WARMUP} s + ${RT_SECONDS} s)"
for run in $(seq 1 "$RUNS"); do
  for mode in full normal; do # interleaved, so both modes see the same changes in machine load
    out="$WORK/rt-$mode-$run.out"
    rm -f "$WORK/rt.pid"
    DURABILITY=$mode BENCH_SHAPES=shared BENCH_PID_FILE="$WORK/rt.pid" \
      "$BENCH_DIR/java-bench.sh" RuntimeBench "$JAR" "$RT_SECONDS" "$RT_WARMUP" 1,4,16,64 raw reserve,reserve+commit,fund >"$out" 2>&1 &
    CHILD=$!
    while [ ! -s "$WORK/rt.pid" ] && kill -0 "$CHILD" 2>/dev/null; do sleep 0.05; done
    [ -s "$WORK/rt.pid" ] && rss_watch "$(cat "$WORK/rt.pid")" "$WORK/rt-$mode-$run.rss"
    if ! wait "$CHILD"; then CHILD=; cat "$out" >&2; echo "failed: RuntimeBench ($mode, run $run)" >&2; exit 1; fi
    CHILD=
    wait "$RSS_WATCHER" 2>/dev/null || true
    RSS_WATCHER=
    awk -F'|' -v OFS='|' -v run="$run" -v mode="$mode" '
      function trim(s) { gsub(/^ +| +$/, "", s); return s }
      $2 ~ /^ (reserve|reserve\+commit|fund) $/ {
        ops = trim($5); gsub(/,/, "", ops)
        print run, "rt-" mode "-" trim($2) "-" trim($4), ops, trim($6), trim($7), trim($8), trim($9) }
      /server peak RSS/ { sub(/.*server peak RSS /, ""); print run, "rss-rt-" mode, $1 + 0, "", "", "", "" }' "$out" >>"$RAW"
    echo "$run|rss-rt-$mode-sampled|$(rss_max_mb "$WORK/rt-$mode-$run.rss")||||" >>"$RAW"
    # RuntimeBench prints the first error of a window under its row: keep it, with where it came from.
    awk -v where="run $run, DURABILITY=$mode" '/^\| (reserve|fund)/ { split($0, f, / *\| */); row = f[2] ", " f[4] " conn" } /first error:/ { sub(/^ +/, ""); print "- " where ", " row ": " $0 }' \
      "$out" >>"$WORK/errors"
    log "  runtime run $run, DURABILITY=$mode done"
  done
done

# --- 3. the events list at EVENTS events --------------------------------------------------------
MIGRATIONS=$(ls "$ROOT/admin-server/src/main/resources/db/migration" | md5sum | cut -c1-8)
CACHE="$ROOT/admin-server/target/bench-cache/events-$EVENTS-$MIGRATIONS.db"
if [ -n "${BENCH_RESEED:-}" ] || [ ! -s "$CACHE" ]; then
  log "seeding $EVENTS events once into $CACHE"
  step "$BENCH_DIR/java-bench.sh" EventBench seed "$EVENTS" "$CACHE"
fi
log "events list at $EVENTS events: $RUNS runs x 2 pages x (${WARMUP} s + ${SECONDS_PER} s), wrk -t1 -c4"
for run in $(seq 1 "$RUNS"); do
  DATA="$WORK/events-$run"
  mkdir -p "$DATA"
  cp "$CACHE" "$DATA/cycles-admin.db"
  BENCH_PID_FILE="$WORK/events.pid" start_server "$DATA" "$PORT" "$RUNTIME_PORT"
  rss_watch "$SERVER_PID" "$DATA/rss"
  echo "$run|ev-startup|$(awk "BEGIN {print $STARTUP_MS / 1000}")||||" >>"$RAW"
  for page in first tenant; do
    query="limit=50"
    [ "$page" = tenant ] && query="tenant_id=tenant-7&limit=50"
    IFS='|' read -r rps p50 p99 err < <(wrk_measure 1 4 "$WARMUP" "$SECONDS_PER" -H "X-Admin-API-Key: $KEY" \
      "http://127.0.0.1:$PORT/v1/admin/events?$query")
    echo "$run|ev-$page|$rps|$p50|$p99|$err|" >>"$RAW"
    echo "$run|ev-$page-p99|$p99||||" >>"$RAW"
  done
  echo "$run|rss-ev|$(rss_hwm_mb "$SERVER_PID")||||" >>"$RAW"
  stop_server
  wait "$RSS_WATCHER" 2>/dev/null || true
  RSS_WATCHER=
  echo "$run|rss-ev-sampled|$(rss_max_mb "$DATA/rss")||||" >>"$RAW"
  rm -rf "$DATA"
done

# --- the table ----------------------------------------------------------------------------------
# key | figure | reference (text) | reference (number, for the ratio) | unit | goal (text) | goal test
SPEC="$WORK/spec"
{
  echo "a|a GET tenant (admin key), req/s|6,681|6681|rps|≥ 3× (20,043)|ge 20043"
  echo "b|b list budgets, 20 rows (admin key), req/s|3,632|3632|rps|≥ 3× (10,896)|ge 10896"
  echo "c|c list budgets (tenant key), req/s|6.8|6.8|rps|keep (> 1×)|ge 6.8"
  echo "d|d fund CREDIT 1 (admin key, DURABILITY=full), req/s|1,734|1734|rps|ahead (> 1×) in full|ge 1734"
  echo "d-normal|d fund CREDIT 1 (admin key, DURABILITY=normal), req/s|1,734|1734|rps|≥ 2× (3,468) in normal|ge 3468"
  echo "e|e audit query, 50 rows (admin key), req/s|488|488|rps|keep (> 1×)|ge 488"
  echo "startup|start-up to first 200, s|8.99|8.99|s|< 1 s|lt 1"
  echo "rss-admin|peak RSS (VmHWM) after a–e, MB|412 + 141 Redis|553|mb|< 150 MB|lt 150"
  for mode in full normal; do
    for loop in reserve reserve+commit fund; do
      for c in 1 4 16 64; do
        if [ "$loop" = fund ] && [ "$c" = 4 ] && [ "$mode" = full ]; then
          echo "rt-$mode-$loop-$c|runtime $loop, $c conn, DURABILITY=$mode, ops/s|1,734|1734|rps|ahead (> 1×)|ge 1734"
        elif [ "$loop" = fund ] && [ "$c" = 4 ]; then
          echo "rt-$mode-$loop-$c|runtime $loop, $c conn, DURABILITY=$mode, ops/s|1,734|1734|rps|≥ 2× (3,468)|ge 3468"
        else
          echo "rt-$mode-$loop-$c|runtime $loop, $c conn, DURABILITY=$mode, ops/s|—||rps|—|"
        fi
      done
    done
    echo "rss-rt-$mode|peak RSS (VmHWM), runtime load, DURABILITY=$mode, MB|—||mb|< 150 MB|lt 150"
  done
  echo "ev-first|events list, first page of 50, $EVENTS_TEXT events, req/s|—||rps|—|"
  echo "ev-first-p99|events list, first page, p99 ms|—||ms|< 50 ms|lt 50"
  echo "ev-tenant|events list, one tenant's page of 50, req/s|—||rps|—|"
  echo "ev-tenant-p99|events list, one tenant's page, p99 ms|—||ms|< 50 ms|lt 50"
  echo "ev-startup|start-up to first 200 on the $EVENTS_TEXT-event database, s|—||s|—|"
  echo "rss-ev|peak RSS (VmHWM), events load, MB|—||mb|< 150 MB|lt 150"
} >"$SPEC"

TABLE="$WORK/table"
awk -F'|' '
  function commas(x,   s, neg) { s = sprintf("%d", x + 0.5); neg = ""; if (s ~ /^-/) { neg = "-"; s = substr(s, 2) }
    while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]([,]|$)/, ",&", s); return neg s }
  function fmt(v, unit) { if (unit == "rps" || unit == "mb") return commas(v); if (unit == "s") return sprintf("%.2f", v); return sprintf("%.2f", v) }
  function sort(a, k,   i, j, t) { for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t } }
  FNR == NR { vals[$2] = vals[$2] " " $3; errs += $6; mism += $7; next }
  {
    key = $1; unit = $5; k = split(vals[key], a, " ")
    if (k == 0) { printf "| %s | %s | n/a | | | %s | |\n", $2, $3, $6; next }
    sort(a, k); med = a[int((k + 1) / 2)]
    range = (k > 1) ? fmt(a[1], unit) "–" fmt(a[k], unit) : ""
    ratio = ($4 != "" && unit == "rps") ? sprintf("%.2f×", med / $4) : ($4 != "" && unit == "s" ? sprintf("%.1f× faster", $4 / med) : "")
    if (unit == "mb" && $4 != "") ratio = sprintf("%.2f×", med / $4)
    split($7, g, " "); met = ""
    if (g[1] == "ge") met = (med + 0 >= g[2] + 0) ? "yes" : "**no**"
    if (g[1] == "lt") met = (med + 0 < g[2] + 0) ? "yes" : "**no**"
    printf "| %s | %s | %s | %s | %s | %s | %s |\n", $2, $3, fmt(med, unit), range, ratio, $6, met
  }
  END { printf "\nchecks: %d non-2xx/errors in all measured windows; %d ledger mismatches (runtime plane, every ledger checked after every window)\n", errs, mism }
' "$RAW" "$SPEC" >"$TABLE.body"

TOTAL=$(( $(date +%s) - T0 ))
{
  echo "Cycles Admin, issue 16 figures: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2 " GB RAM"}'), $(java -version 2>&1 | head -1), load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "command: admin-server/bench/bench-all.sh${QUICK:+ --quick} $RUNS $SECONDS_PER; server: java $JAVA_OPTS -jar cycles-admin-server.jar (both planes)"
  echo "medians of $RUNS run(s); wrk -t1 -c4, ${WARMUP} s warm-up + ${SECONDS_PER} s per endpoint; runtime windows ${RT_WARMUP} s + ${RT_SECONDS} s on one shared tenant ledger"
  echo
  echo "| figure | reference | ours (median) | min–max | ratio | goal | met? |"
  echo "|---|---:|---:|---:|---:|---|---|"
  cat "$TABLE.body"
  [ -s "$WORK/errors" ] && cat "$WORK/errors"
  awk -F'|' '$2 ~ /sampled$/ && $3 + 0 > m { m = $3 + 0 } END { printf "largest RSS sample (every 0.5 s, all servers): %d MB\n", m }' "$RAW"
  echo "total time: $((TOTAL / 60)) min $((TOTAL % 60)) s"
} | tee "$WORK/result"
mkdir -p "$ROOT/admin-server/target"
cp "$WORK/result" "$ROOT/admin-server/target/bench-all-result.md"
cp "$RAW" "$ROOT/admin-server/target/bench-all-raw.txt"
rm -rf "$ROOT/admin-server/target/bench-all-logs"
mkdir -p "$ROOT/admin-server/target/bench-all-logs"
cp "$WORK"/*.out "$ROOT/admin-server/target/bench-all-logs/"
echo "(table, raw figures and each step's output kept in admin-server/target/bench-all-*)"
