#!/usr/bin/env bash
# Proves the /docs explorer works in a real browser: builds the jar, starts it on a fresh data
# folder, loads /docs in headless Chromium (no internet needed: Swagger UI is served from the
# org.webjars:swagger-ui jar), checks that operations of the API appear in the rendered page,
# and saves a screenshot.
#
#   admin-server/bench/docs-check.sh [screenshot.png]
#
# Needs: JDK 17, Maven, curl, Chromium (Debian: apt-get install -y chromium).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
JAR="$ROOT/admin-server/target/cycles-admin-server.jar"
SHOT=${1:-$ROOT/admin-server/target/docs-screenshot.png}
PORT=${DOCS_PORT:-17980}
BASE="http://127.0.0.1:$PORT"

BROWSER=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$BROWSER" ]; then
  echo "docs-check: no Chromium found; install it (apt-get install -y chromium) to run this check" >&2
  exit 2
fi
[ -f "$JAR" ] || (cd "$ROOT" && mvn -q -DskipTests package)

DATA=$(mktemp -d)
PROFILE=$(mktemp -d)
trap '[ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; rm -rf "$DATA" "$PROFILE"' EXIT
ADMIN_API_KEY=docs-check-key PORT=$PORT DATA_DIR=$DATA java -jar "$JAR" >"$DATA/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 300); do curl -sf -o /dev/null "$BASE/health" && break; sleep 0.1; done
curl -sf -o /dev/null "$BASE/health" || { echo "docs-check: server did not start" >&2; cat "$DATA/server.log" >&2; exit 1; }

chrome() {
  "$BROWSER" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --user-data-dir="$PROFILE" \
    --virtual-time-budget=15000 --window-size=1280,2400 "$@" 2>/dev/null
}
DOM=$(chrome --dump-dom "$BASE/docs")
chrome --screenshot="$SHOT" "$BASE/docs" >/dev/null || true

missing=0
for op in createTenant listTenants createApiKey createBudget fundBudget getBalances createPolicy listPolicies updatePolicy \
          listAuditLogs listAuditLogsGuideAlias getAdminOverview introspectAuth health createBackup; do
  # Swagger UI renders each operation's id (displayOperationId) in its own element.
  if grep -q "opblock-summary-operation-id\">$op<" <<<"$DOM"; then
    echo "ok      $op"
  else
    echo "MISSING $op"; missing=$((missing + 1))
  fi
done
for text in "Cycles Admin API" "Authorize" "/v1/admin/audit-logs"; do
  if grep -q "$text" <<<"$DOM"; then echo "ok      '$text'"; else echo "MISSING '$text'"; missing=$((missing + 1)); fi
done
[ -f "$SHOT" ] && echo "screenshot: $SHOT"
if [ "$missing" -ne 0 ]; then
  echo "docs-check: FAILED ($missing missing)"; exit 1
fi
echo "docs-check: /docs rendered every checked operation"
