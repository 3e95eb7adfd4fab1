#!/usr/bin/env bash
# Webhook delivery benchmark: a receiver on loopback, N tenant changes (default 2,000) each
# delivered once; prints deliveries per second and the latency of the changes themselves.
#
#   admin-server/bench/delivery-bench.sh [events=2000]
#
# Needs: JDK 17 and Maven.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CP=$(mktemp)
trap 'rm -f "$CP"' EXIT
cd "$ROOT"
mvn -q test-compile dependency:build-classpath -pl shared-model,admin-server \
  -Dmdep.outputFile="$CP" -Dmdep.includeScope=test >/dev/null
java -Xmx512m -cp "admin-server/target/test-classes:admin-server/target/classes:$(cat "$CP")" \
  dev.cycles.admin.server.bench.DeliveryBench "${1:-2000}"
