#!/usr/bin/env bash
# Runs one benchmark class of admin-server/src/test/java/.../bench (not tests) with the test
# class path: java-bench.sh CLASS [args...]. The *-bench.sh scripts beside it call this.
# BENCH_CP_FILE=FILE: the class path is already in FILE and the classes are compiled (bench-all.sh
# builds once), so no Maven run here.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CLASS=$1
shift
cd "$ROOT"
if [ -n "${BENCH_CP_FILE:-}" ] && [ -s "$BENCH_CP_FILE" ]; then
  # exec: whoever started this script can stop the benchmark with one signal
  exec java "-Xmx${BENCH_HEAP:-512m}" -cp "admin-server/target/test-classes:admin-server/target/classes:$(cat "$BENCH_CP_FILE")" \
    "dev.cycles.admin.server.bench.$CLASS" "$@"
else
  CP=$(mktemp)
  trap 'rm -f "$CP"' EXIT
  mvn -q test-compile dependency:build-classpath -pl shared-model,admin-server \
    -Dmdep.outputFile="$CP" -Dmdep.includeScope=test >/dev/null
fi
java "-Xmx${BENCH_HEAP:-512m}" -cp "admin-server/target/test-classes:admin-server/target/classes:$(cat "$CP")" \
  "dev.cycles.admin.server.bench.$CLASS" "$@"
