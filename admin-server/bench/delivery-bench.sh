#!/usr/bin/env bash
# Webhook delivery benchmark: a receiver on loopback, N tenant changes (default 2,000) each
# delivered once; prints deliveries per second and the latency of the changes themselves.
#
#   admin-server/bench/delivery-bench.sh [events=2000]
#
# Needs: JDK 17 and Maven.
set -euo pipefail
exec "$(dirname "$0")/java-bench.sh" DeliveryBench "${1:-2000}"
