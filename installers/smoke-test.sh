#!/usr/bin/env bash
# Smoke test of the built packages on this machine (run as root on a disposable machine: it
# installs, upgrades, removes and purges cycles-admin-server, and the console when it can).
#
#   1. dpkg -i the server .deb: command, unit, user, data folder, configuration with a generated
#      admin key (0600 root:cycles-admin)
#   2. start the installed server: by systemd when systemd runs, otherwise exactly as the unit's
#      ExecStart would (its User, its EnvironmentFile, working directory /)
#   3. the seed guide's tenant, API-key and budget examples against it with the generated key
#   4. reinstall (upgrade path): key and data kept
#   5. the console package: launcher, desktop entry, icon, GTK dependency
#   6. dpkg -r keeps data, configuration and user; dpkg --purge deletes them
#
# Usage: installers/smoke-test.sh     (builds the packages with build.sh when none are there)
set -uo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
TARGET="$HERE/target"
PKG=cycles-admin-server
CPKG=cycles-admin-console
CONF=/etc/cycles-admin/server.env
DATA=/var/lib/cycles-admin
UNIT=/usr/lib/systemd/system/cycles-admin-server.service
SCRATCH="$(mktemp -d /tmp/cycles-smoke.XXXXXX)"
PASS=0
FAIL=0
SERVER_PID=""

ok()   { PASS=$((PASS + 1)); printf '  ok    %s\n' "$1"; }
bad()  { FAIL=$((FAIL + 1)); printf '  FAIL  %s\n' "$1"; }
check() { local what="$1"; shift; if "$@" >/dev/null 2>&1; then ok "$what"; else bad "$what"; fi; }
step() { printf '\n== %s\n' "$*"; }
die()  { echo "smoke-test: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root: it installs and removes packages"
command -v dpkg >/dev/null || die "dpkg not found: this smoke test is for Debian-family systems"
command -v curl >/dev/null || die "curl not found"

systemd_running() { [ -d /run/systemd/system ]; }

stop_server() {
    if systemd_running; then
        systemctl stop cycles-admin-server.service 2>/dev/null || true
    elif [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=""
    fi
}

cleanup() {
    stop_server
    for p in "$CPKG" "$PKG"; do
        if dpkg -s "$p" >/dev/null 2>&1 || dpkg -l "$p" 2>/dev/null | grep -q "^rc"; then
            dpkg --purge "$p" >/dev/null 2>&1 || true
        fi
    done
    rm -rf "$SCRATCH"
}
trap cleanup EXIT

SERVER_DEB="$(ls "$TARGET"/${PKG}_*.deb 2>/dev/null | head -1)"
if [ -z "$SERVER_DEB" ]; then
    step "No server .deb in $TARGET: running build.sh"
    "$HERE/build.sh" || die "build.sh failed"
    SERVER_DEB="$(ls "$TARGET"/${PKG}_*.deb 2>/dev/null | head -1)"
fi
[ -n "$SERVER_DEB" ] || die "no server .deb was built"
CONSOLE_DEB="$(ls "$TARGET"/${CPKG}_*.deb 2>/dev/null | head -1)"

# Leftovers of an earlier run.
for p in "$CPKG" "$PKG"; do dpkg --purge "$p" >/dev/null 2>&1 || true; done

# ---------------------------------------------------------------------------------------------
step "1. Install $(basename "$SERVER_DEB") ($(du -h "$SERVER_DEB" | cut -f1))"
if dpkg -i "$SERVER_DEB" >"$SCRATCH/dpkg-install.log" 2>&1; then ok "dpkg -i"; else
    cat "$SCRATCH/dpkg-install.log"; bad "dpkg -i"; die "cannot continue without the package"
fi
sed 's/^/        /' "$SCRATCH/dpkg-install.log" | grep 'cycles-admin-server:' || true
check "package state is installed" sh -c "dpkg -s $PKG | grep -q '^Status: install ok installed'"
check "launcher /opt/cycles-admin-server/bin/cycles-admin-server" test -x /opt/cycles-admin-server/bin/cycles-admin-server
check "command cycles-admin-server on the PATH" test -x /usr/bin/cycles-admin-server
check "cycles-admin-server --help works" sh -c "cycles-admin-server --help | grep -q 'Usage'"
check "systemd unit installed" test -f "$UNIT"
check "unit: User=cycles-admin" grep -qx 'User=cycles-admin' "$UNIT"
check "unit: EnvironmentFile=$CONF" grep -qx "EnvironmentFile=$CONF" "$UNIT"
check "unit: NoNewPrivileges, ProtectSystem=strict, ReadWritePaths=$DATA" \
    sh -c "grep -qx 'NoNewPrivileges=yes' $UNIT && grep -qx 'ProtectSystem=strict' $UNIT && grep -qx 'ReadWritePaths=$DATA' $UNIT"
if command -v systemd-analyze >/dev/null; then
    if systemd-analyze verify "$UNIT" >"$SCRATCH/verify.log" 2>&1; then ok "systemd-analyze verify"
    else echo "        (systemd-analyze verify says, informational:)"; sed 's/^/        /' "$SCRATCH/verify.log" | head -5; fi
fi
check "system user cycles-admin (uid < 1000, no login shell)" \
    sh -c 'u=$(getent passwd cycles-admin) && [ "$(echo "$u" | cut -d: -f3)" -lt 1000 ] && echo "$u" | grep -q nologin'
check "data folder $DATA is cycles-admin:cycles-admin 750" \
    sh -c "[ \"\$(stat -c '%U:%G %a' $DATA)\" = 'cycles-admin:cycles-admin 750' ]"
echo "        $(stat -c '%n %U:%G %a' "$CONF")"
check "configuration $CONF is root:cycles-admin 600" \
    sh -c "[ \"\$(stat -c '%U:%G %a' $CONF)\" = 'root:cycles-admin 600' ]"
KEY="$(sed -n 's/^ADMIN_API_KEY=//p' "$CONF" | tail -1)"
check "a random admin key was generated (cyc_admin_ + 43 base64url characters)" \
    sh -c "echo '$KEY' | grep -Eqx 'cyc_admin_[A-Za-z0-9_-]{43}'"
check "configuration sets PORT, BIND and DATA_DIR" \
    sh -c "grep -q '^PORT=' $CONF && grep -q '^BIND=' $CONF && grep -qx 'DATA_DIR=$DATA' $CONF"
KEY_SUM="$(sha256sum "$CONF" | cut -d' ' -f1)"

# ---------------------------------------------------------------------------------------------
PORT=""
start_server() {
    PORT="$(sed -n 's/^PORT=//p' "$CONF" | tail -1)"
    if systemd_running; then
        systemctl start cycles-admin-server.service
    else
        # Exactly what the unit does: its ExecStart, as its User/Group, with its EnvironmentFile,
        # from /, with nothing else in the environment.
        local exec user group envfile
        exec="$(sed -n 's/^ExecStart=//p' "$UNIT")"
        user="$(sed -n 's/^User=//p' "$UNIT")"
        group="$(sed -n 's/^Group=//p' "$UNIT")"
        envfile="$(sed -n 's/^EnvironmentFile=-\{0,1\}//p' "$UNIT")"
        local -a vars
        mapfile -t vars < <(grep -E '^[A-Za-z_][A-Za-z0-9_]*=' "$envfile")
        (cd / && exec env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$DATA" LANG=C.UTF-8 "${vars[@]}" \
            setpriv --reuid="$user" --regid="$group" --init-groups $exec) >"$SCRATCH/server.log" 2>&1 &
        SERVER_PID=$!
    fi
    wait_health
}

wait_health() {
    local i
    PORT="$(sed -n 's/^PORT=//p' "$CONF" | tail -1)"
    for i in $(seq 1 150); do
        if curl -fsS "http://127.0.0.1:$PORT/health" >"$SCRATCH/health.json" 2>/dev/null; then return 0; fi
        if [ -n "$SERVER_PID" ] && ! kill -0 "$SERVER_PID" 2>/dev/null; then break; fi
        sleep 0.2
    done
    return 1
}

step "2. Start the installed server with the packaged configuration"
if ! systemd_running && command -v ss >/dev/null && ss -ltn | grep -q ":$(sed -n 's/^PORT=//p' "$CONF" | tail -1) "; then
    FREE="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 17979)"
    echo "        port $(sed -n 's/^PORT=//p' "$CONF") is taken on this machine: PORT=$FREE in $CONF for this test"
    sed -i "s/^PORT=.*/PORT=$FREE/" "$CONF"
    KEY_SUM="$(sha256sum "$CONF" | cut -d' ' -f1)"
fi
if ! systemd_running && command -v ss >/dev/null && ss -ltn | grep -q ":$(sed -n 's/^RUNTIME_PORT=//p' "$CONF" | tail -1) "; then
    FREE="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 17878)"
    echo "        port $(sed -n 's/^RUNTIME_PORT=//p' "$CONF") is taken on this machine: RUNTIME_PORT=$FREE in $CONF for this test"
    sed -i "s/^RUNTIME_PORT=.*/RUNTIME_PORT=$FREE/" "$CONF"
    KEY_SUM="$(sha256sum "$CONF" | cut -d' ' -f1)"
fi
if systemd_running; then
    echo "        systemd runs as PID 1: the package enabled and started the service"
    check "service is enabled" systemctl is-enabled --quiet cycles-admin-server.service
else
    echo "        systemd is not PID 1 here ($(ps -p 1 -o comm=)): starting ExecStart as User= with EnvironmentFile="
fi
if start_server; then ok "GET /health answers on port $PORT: $(cat "$SCRATCH/health.json")"; else
    bad "server did not come up"; cat "$SCRATCH/server.log" 2>/dev/null; systemd_running && journalctl -u cycles-admin-server -n 30 --no-pager
fi
RUNTIME_PORT="$(sed -n 's/^RUNTIME_PORT=//p' "$CONF" | tail -1)"
check "the runtime API answers GET /health on port $RUNTIME_PORT" curl -fsS "http://127.0.0.1:$RUNTIME_PORT/health"
if [ -n "$SERVER_PID" ]; then
    check "server process runs as cycles-admin" sh -c "[ \"\$(ps -o user= -p $SERVER_PID)\" = cycles-admin ]"
    echo "        $(head -1 "$SCRATCH/server.log")"
fi
check "start-up line says the key came from ADMIN_API_KEY" \
    sh -c "grep -q 'admin key from ADMIN_API_KEY' '$SCRATCH/server.log' || journalctl -u cycles-admin-server --no-pager 2>/dev/null | grep -q 'admin key from ADMIN_API_KEY'"

# ---------------------------------------------------------------------------------------------
step "3. The seed guide's examples (tenants, keys, budgets, policy, audit) with the generated key"
BASE="http://localhost:$PORT"
# call <expected status> <description> <curl args...>: body in $SCRATCH/body.json
call() {
    local want="$1" what="$2" got; shift 2
    got="$(curl -s -o "$SCRATCH/body.json" -w '%{http_code}' "$@")"
    if [ "$got" = "$want" ]; then ok "$what -> $got"; else bad "$what -> $got (wanted $want): $(head -c 300 "$SCRATCH/body.json")"; fi
}
body_has() { local what="$1" text="$2"; if grep -qF -- "$text" "$SCRATCH/body.json"; then ok "$what"; else bad "$what: $(head -c 300 "$SCRATCH/body.json")"; fi; }
H_JSON="Content-Type: application/json"
H_KEY="X-Admin-API-Key: $KEY"

call 401 "the guide's admin-bootstrap-key is refused (the package generated its own key)" \
    -X POST "$BASE/v1/admin/tenants" -H "$H_JSON" -H "X-Admin-API-Key: admin-bootstrap-key" -d '{"tenant_id":"x","name":"x"}'
call 201 "Create a tenant" -X POST "$BASE/v1/admin/tenants" -H "$H_JSON" -H "$H_KEY" -d '{
"tenant_id": "acme-corp",
"name": "Acme Corporation",
"status": "ACTIVE"
}'
body_has "tenant acme-corp is ACTIVE" '"status":"ACTIVE"'
call 200 "Update tenant configuration" -X PATCH "$BASE/v1/admin/tenants/acme-corp" -H "$H_JSON" -H "$H_KEY" -d '{
"default_reservation_ttl_ms": 60000,
"max_reservation_ttl_ms": 300000,
"max_reservation_extensions": 10,
"default_commit_overage_policy": "ALLOW_IF_AVAILABLE"
}'
body_has "max_reservation_ttl_ms is 300000" '"max_reservation_ttl_ms":300000'
call 201 "Create an API key" -X POST "$BASE/v1/admin/api-keys" -H "$H_JSON" -H "$H_KEY" -d '{
"tenant_id": "acme-corp",
"name": "production-key",
"permissions": [
"reservations:create",
"reservations:commit",
"reservations:release",
"reservations:extend",
"reservations:list",
"balances:read",
"events:create"
]
}'
body_has "key_secret shown once" '"key_secret":"cyc_live_'
call 200 "List keys for a tenant" "$BASE/v1/admin/api-keys?tenant_id=acme-corp" -H "$H_KEY"
body_has "the list holds production-key" '"name":"production-key"'
call 201 "Create a budget ledger" -X POST "$BASE/v1/admin/budgets" -H "$H_JSON" -H "$H_KEY" -d '{
"tenant_id": "acme-corp",
"scope": "tenant:acme-corp",
"unit": "USD_MICROCENTS",
"allocated": 100000000
}'
# The guide's fund URL is unquoted (the shell would cut it at &): sent as intended, quoted.
call 200 "Fund an existing budget (CREDIT)" -X POST "$BASE/v1/admin/budgets/fund?scope=tenant:acme-corp&unit=USD_MICROCENTS" \
    -H "$H_JSON" -H "$H_KEY" -d '{
"operation": "CREDIT",
"amount": 50000000
}'
call 200 "Patch budget settings" -X PATCH "$BASE/v1/admin/budgets?scope=tenant:acme-corp&unit=USD_MICROCENTS" \
    -H "$H_JSON" -H "$H_KEY" -d '{
"commit_overage_policy": "REJECT",
"overdraft_limit": 10000000
}'
body_has "overdraft_limit is 10000000" '"overdraft_limit":{"unit":"USD_MICROCENTS","amount":10000000}'
call 200 "Look up the budget" "$BASE/v1/admin/budgets/lookup?scope=tenant:acme-corp&unit=USD_MICROCENTS" -H "$H_KEY"
body_has "allocated is 100000000 + 50000000" '"allocated":{"unit":"USD_MICROCENTS","amount":150000000}'
call 201 "Create a policy" -X POST "$BASE/v1/admin/policies" -H "$H_JSON" -H "$H_KEY" -d '{
"tenant_id": "acme-corp",
"name": "limit-gpt4",
"scope_pattern": "tenant:acme-corp/agent:*",
"caps": {"max_tokens": 4096},
"overage_policy": "REJECT",
"priority": 100
}'
call 200 "Audit logs" "$BASE/v1/admin/audit-logs?tenant_id=acme-corp&limit=10" -H "$H_KEY"
body_has "the audit trail holds the tenant's changes" '"tenant_id":"acme-corp"'
call 200 "Suspend a tenant" -X PATCH "$BASE/v1/admin/tenants/acme-corp" -H "$H_JSON" -H "$H_KEY" -d '{"status": "SUSPENDED"}'
body_has "tenant is SUSPENDED" '"status":"SUSPENDED"'
check "database $DATA/cycles-admin.db belongs to cycles-admin" \
    sh -c "[ \"\$(stat -c %U $DATA/cycles-admin.db)\" = cycles-admin ]"

# ---------------------------------------------------------------------------------------------
step "4. Reinstall over itself (the upgrade path): configuration and data stay"
systemd_running || stop_server
if dpkg -i "$SERVER_DEB" >"$SCRATCH/dpkg-upgrade.log" 2>&1; then ok "dpkg -i again"; else cat "$SCRATCH/dpkg-upgrade.log"; bad "dpkg -i again"; fi
check "configuration unchanged (same admin key)" sh -c "[ \"\$(sha256sum $CONF | cut -d' ' -f1)\" = $KEY_SUM ]"
check "configuration still 600" sh -c "[ \"\$(stat -c %a $CONF)\" = 600 ]"
if { systemd_running && wait_health; } || { ! systemd_running && start_server; }; then
    call 200 "tenant acme-corp is still there" "$BASE/v1/admin/tenants/acme-corp" -H "$H_KEY"
else
    bad "server did not come up after the reinstall"
fi
stop_server

# ---------------------------------------------------------------------------------------------
step "5. Console package"
if [ -z "$CONSOLE_DEB" ] && [ ! -f "$HERE/../admin-console/pom.xml" ]; then
    echo "        admin-console is not in this tree: no console package to check"
elif [ -z "$CONSOLE_DEB" ]; then
    bad "no console .deb in $TARGET (run installers/build.sh)"
else
    echo "        $(basename "$CONSOLE_DEB") ($(du -h "$CONSOLE_DEB" | cut -f1))"
    dpkg-deb -f "$CONSOLE_DEB" Depends >"$SCRATCH/cdeps"
    check "declares its GTK dependency (Depends: libgtk-3-0)" grep -q 'libgtk-3-0' "$SCRATCH/cdeps"
    dpkg-deb -c "$CONSOLE_DEB" | awk '{print $6}' >"$SCRATCH/cfiles"
    check "holds the launcher bin/cycles-admin-console" grep -qx './opt/cycles-admin-console/bin/cycles-admin-console' "$SCRATCH/cfiles"
    check "holds the desktop entry and icon" sh -c "grep -q 'cycles-admin-console.desktop' $SCRATCH/cfiles && grep -q 'cycles-admin.png' $SCRATCH/cfiles"
    # Install it when every dependency is already here (no network needed), else inspect it.
    MISSING=""
    for d in $(tr ',' '\n' <"$SCRATCH/cdeps" | sed -e 's/[(|].*//' -e 's/ //g'); do
        dpkg -s "$d" >/dev/null 2>&1 || MISSING="$MISSING $d"
    done
    if [ -z "$MISSING" ]; then
        if dpkg -i "$CONSOLE_DEB" >"$SCRATCH/dpkg-console.log" 2>&1; then ok "dpkg -i console"; else cat "$SCRATCH/dpkg-console.log"; bad "dpkg -i console"; fi
        DESKTOP=/usr/share/applications/cycles-admin-console.desktop
    else
        echo "        not installed here:$MISSING -> inspecting the package instead of installing it"
        dpkg-deb -x "$CONSOLE_DEB" "$SCRATCH/console-root"
        DESKTOP="$SCRATCH/console-root/opt/cycles-admin-console/lib/cycles-admin/cycles-admin-console.desktop"
    fi
    CROOT=""; [ -d "$SCRATCH/console-root" ] && CROOT="$SCRATCH/console-root"
    RELEASE="$CROOT/opt/cycles-admin-console/lib/runtime/release"
    check "bundled runtime holds javafx.controls and javafx.fxml" \
        sh -c "grep '^MODULES=' '$RELEASE' | grep -q 'javafx.controls' && grep '^MODULES=' '$RELEASE' | grep -q 'javafx.fxml'"
    check "desktop entry present" test -f "$DESKTOP"
    EXEC="$(sed -n 's/^Exec=//p' "$DESKTOP" | cut -d' ' -f1)"
    ICON="$(sed -n 's/^Icon=//p' "$DESKTOP")"
    echo "        Exec=$EXEC Icon=$ICON"
    if [ -f /usr/share/applications/cycles-admin-console.desktop ]; then
        check "Exec points at an installed executable" test -x "$EXEC"
        check "command cycles-admin-console on the PATH" test -x /usr/bin/cycles-admin-console
        check "icon installed in the hicolor theme" test -f "/usr/share/icons/hicolor/256x256/apps/$ICON.png"
    else
        check "Exec points at the packaged launcher" test -x "$SCRATCH/console-root$EXEC"
    fi
    check "desktop entry: Type=Application, Categories, no terminal" \
        sh -c "grep -qx 'Type=Application' '$DESKTOP' && grep -q '^Categories=' '$DESKTOP' && grep -qx 'Terminal=false' '$DESKTOP'"
    LAUNCHER="$EXEC"; [ -x "$LAUNCHER" ] || LAUNCHER="$SCRATCH/console-root$EXEC"
    if command -v xvfb-run >/dev/null && dpkg -s libgtk-3-0 >/dev/null 2>&1; then
        # Start the packaged console on a virtual display with a scratch home; it must still run
        # after 10 s (the first screen starts its embedded local server).
        HOME="$SCRATCH/home" xvfb-run -a -s "-screen 0 1280x800x24" sh -c "
            '$LAUNCHER' >'$SCRATCH/console.log' 2>&1 & p=\$!; sleep 10
            if command -v import >/dev/null; then import -window root '$TARGET/smoke-console.png' 2>/dev/null; fi
            if kill -0 \$p; then kill \$p; echo alive; fi" >"$SCRATCH/console-run" 2>&1
        if grep -qx alive "$SCRATCH/console-run"; then ok "the console launcher starts and keeps running on a virtual display"
        else bad "the console launcher did not keep running: $(tail -5 "$SCRATCH/console.log")"; fi
        [ -f "$TARGET/smoke-console.png" ] && echo "        screenshot: $TARGET/smoke-console.png"
    else
        echo "        (xvfb-run or libgtk-3-0 missing: the console window was not started)"
    fi
    if command -v desktop-file-validate >/dev/null; then
        check "desktop-file-validate" desktop-file-validate "$DESKTOP"
    else
        echo "        (desktop-file-validate not installed: skipped)"
    fi
    if dpkg -s "$CPKG" >/dev/null 2>&1; then
        dpkg --purge "$CPKG" >/dev/null 2>&1
        check "console purge removes the program, menu entry, icon and command" \
            sh -c "[ ! -e /opt/cycles-admin-console ] && [ ! -e /usr/share/applications/cycles-admin-console.desktop ] && [ ! -e /usr/share/icons/hicolor/256x256/apps/cycles-admin-console.png ] && [ ! -e /usr/bin/cycles-admin-console ]"
    fi
fi

# ---------------------------------------------------------------------------------------------
step "6. Remove keeps data and configuration; purge deletes them"
if dpkg -r "$PKG" >"$SCRATCH/dpkg-remove.log" 2>&1; then ok "dpkg -r"; else cat "$SCRATCH/dpkg-remove.log"; bad "dpkg -r"; fi
check "program /opt/cycles-admin-server removed" test ! -e /opt/cycles-admin-server
check "command and unit removed" sh -c "[ ! -e /usr/bin/cycles-admin-server ] && [ ! -e $UNIT ]"
check "data kept ($DATA/cycles-admin.db)" test -f "$DATA/cycles-admin.db"
check "configuration kept, same key" sh -c "[ \"\$(sha256sum $CONF | cut -d' ' -f1)\" = $KEY_SUM ]"
check "user cycles-admin kept" getent passwd cycles-admin
check "package state is config-files (rc)" sh -c "dpkg -l $PKG | grep -q '^rc'"
if dpkg --purge "$PKG" >"$SCRATCH/dpkg-purge.log" 2>&1; then ok "dpkg --purge"; else cat "$SCRATCH/dpkg-purge.log"; bad "dpkg --purge"; fi
check "data $DATA deleted" test ! -e "$DATA"
check "configuration /etc/cycles-admin deleted" test ! -e /etc/cycles-admin
check "user and group cycles-admin deleted" sh -c "! getent passwd cycles-admin && ! getent group cycles-admin"
check "package gone from dpkg" sh -c "! dpkg -s $PKG"

printf '\nsmoke test: %d passed, %d failed\n' "$PASS" "$FAIL"
[ "$FAIL" -eq 0 ]
