#!/usr/bin/env bash
# Audit-log query benchmark: fills a fresh database with ROWS audit rows (default 1,000,000),
# starts the real server on it, and reports p50/p99 of typical filtered queries made through
# GET /v1/admin/audit/logs over loopback.
#
#   admin-server/bench/audit-bench.sh [rows=1000000] [requests-per-query=300]
#
# Needs: JDK 17 and Maven. Takes about a minute for a million rows.
set -euo pipefail
exec "$(dirname "$0")/java-bench.sh" AuditBench "${1:-1000000}" "${2:-300}"
