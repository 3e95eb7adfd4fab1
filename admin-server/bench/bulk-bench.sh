#!/usr/bin/env bash
# Bulk-action benchmark: starts the real server on a fresh database, creates tenants with 500
# ledgers each, and times POST /v1/admin/budgets/bulk-action CREDIT over all 500 through HTTP
# (one warm-up, then RUNS timed runs on fresh tenants; prints each and the median).
#
#   admin-server/bench/bulk-bench.sh [runs=3]
#
# Needs: JDK 17 and Maven. Takes about half a minute.
set -euo pipefail
BENCH_HEAP=256m exec "$(dirname "$0")/java-bench.sh" BulkBench "${1:-3}"
