#!/usr/bin/env bash
# Runs one benchmark class of admin-server/src/test/java/.../bench (not tests) with the test
# class path: java-bench.sh CLASS [args...]. The *-bench.sh scripts beside it call this.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CLASS=$1
shift
CP=$(mktemp)
trap 'rm -f "$CP"' EXIT
cd "$ROOT"
mvn -q test-compile dependency:build-classpath -pl shared-model,admin-server \
  -Dmdep.outputFile="$CP" -Dmdep.includeScope=test >/dev/null
java "-Xmx${BENCH_HEAP:-512m}" -cp "admin-server/target/test-classes:admin-server/target/classes:$(cat "$CP")" \
  "dev.cycles.admin.server.bench.$CLASS" "$@"
