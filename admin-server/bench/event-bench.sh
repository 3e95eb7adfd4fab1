#!/usr/bin/env bash
# Event-list benchmark: fills a fresh database with EVENTS events (default 1,000,000),
# starts the real server on it, and reports p50/p99 of typical filtered queries made through
# GET /v1/admin/events over loopback.
#
#   admin-server/bench/event-bench.sh [events=1000000] [requests-per-query=300]
#
# Needs: JDK 17 and Maven. Takes about a minute for a million rows.
set -euo pipefail
exec "$(dirname "$0")/java-bench.sh" EventBench "${1:-1000000}" "${2:-300}"
