#!/usr/bin/env bash
# Runtime-plane benchmark: builds the jar, starts it as the README does (java -Xmx96m -Xmn16m
# -XX:+UseSerialGC -XX:TrimNativeHeapInterval=2000 -jar, fresh data folder, its own process), and drives POST /v1/reservations
# and reserve+commit over loopback at 1, 10 and 50 concurrent clients against a shared tenant
# budget and against one agent budget per client; after each window every ledger is checked
# (remaining = allocated - spent - reserved - debt; reserved = the sum of its ACTIVE holds; both
# equal to what the clients were answered).
#
#   admin-server/bench/runtime-bench.sh [seconds=5] [warmup=3] [clients=1,10,50] [client=raw|jdk] [loops=reserve,reserve+commit,fund]
#
# fund: CREDIT 1 on the admin port with the admin key. DURABILITY=normal in the environment reaches the server.
#
# BENCH_SERVER_OPTS adds JVM options to the server (e.g. a JFR recording), BENCH_SERVER_LOG=FILE keeps
# its output; SKIP_BUILD=1 reuses
# the jar. Needs: JDK 17 and Maven. Takes about two minutes.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
JAR="$ROOT/admin-server/target/cycles-admin-server.jar"
if [ -z "${SKIP_BUILD:-}" ] || [ ! -f "$JAR" ]; then
  (cd "$ROOT" && mvn -q -o -DskipTests package -pl shared-model,admin-server)
fi
exec "$HERE/java-bench.sh" RuntimeBench "$JAR" "${1:-5}" "${2:-3}" "${3:-1,10,50}" "${4:-raw}" "${5:-reserve,reserve+commit}"
