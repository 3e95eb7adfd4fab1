#!/usr/bin/env bash
# Start-up, start by start: launches the packaged jar (the packages' flags and the build's
# class-data-sharing archive, see lib.sh) on a fresh data folder N times, and prints the time from
# launch to the first 200 of /health and the server's CPU time up to that moment, then the median.
#
#   admin-server/bench/startup.sh [starts=6]
#
# Linux only (reads /proc). Needs: JDK 17, Maven, curl.
set -euo pipefail
STARTS=${1:-6}
source "$(dirname "$0")/lib.sh"
PORT=${BENCH_PORT:-17979}
[ -f "$JAR" ] || { (cd "$ROOT" && mvn -q -DskipTests package -pl shared-model,admin-server); use_startup_archive; }

HZ=$(getconf CLK_TCK)
times=()
for i in $(seq "$STARTS"); do
  DATA=$(mktemp -d)
  start_server "$DATA" "$PORT" "${BENCH_RUNTIME_PORT:-17878}"
  cpu_ms=$(awk -v hz="$HZ" '{printf "%d", ($14 + $15) * 1000 / hz}' "/proc/$SERVER_PID/stat")
  echo "start $i: ${STARTUP_MS} ms to the first 200, server CPU ${cpu_ms} ms"
  times+=("$STARTUP_MS")
  stop_server
  rm -rf "$DATA"
done
printf '%s\n' "${times[@]}" | sort -n | awk '{v[NR] = $1} END {
  m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
  printf "median of %d starts: %d ms (min %d, max %d)\n", NR, m, v[1], v[NR] }'
