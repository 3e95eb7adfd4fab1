#!/usr/bin/env bash
# Bulk-action benchmark: starts the real server on a fresh database, creates tenants with 500
# ledgers each, and times POST /v1/admin/budgets/bulk-action CREDIT over all 500 through HTTP
# (one warm-up, then RUNS timed runs on fresh tenants; prints each and the median).
#
#   admin-server/bench/bulk-bench.sh [runs=3]
#
# Needs: JDK 17 and Maven. Takes about half a minute.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CP=$(mktemp)
trap 'rm -f "$CP"' EXIT
cd "$ROOT"
mvn -q test-compile dependency:build-classpath -pl shared-model,admin-server \
  -Dmdep.outputFile="$CP" -Dmdep.includeScope=test >/dev/null
java -Xmx256m -cp "admin-server/target/test-classes:admin-server/target/classes:$(cat "$CP")" \
  dev.cycles.admin.server.bench.BulkBench "${1:-3}"
