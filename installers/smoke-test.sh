#!/usr/bin/env bash
# Smoke test of the built packages on this machine (run as root on a disposable machine: it
# installs, upgrades, removes and purges cycles-admin-server, and the console when it can).
#
#   0. the packages: the current server .deb (build.sh when missing) and the previous release's
#      (installers/previous-release names its commit; built once, cached in target/previous-release)
#   1. dpkg -i the server .deb: dpkg owns the command, unit and conffile; user, data folder, a
#      generated admin key in its own 0600 file
#   2. start the installed server: by systemd when systemd runs, otherwise exactly as the unit's
#      ExecStart would (its User, its EnvironmentFiles, working directory /); both planes answer
#   3. the seed guide's examples with the generated key, a tenant key on the runtime plane, /metrics
#   4. reinstall over itself with an edited conffile: edit, key and data kept
#   5. the console package, run with HOME in a scratch folder: nothing lands in the real home
#   6. dpkg -r while the server runs stops it and keeps data, configuration and user;
#      dpkg --purge deletes them, user and group included
#   7. upgrade from the previous release: data, configuration, admin key and tenant keys kept,
#      the new migrations applied once
#   8. dpkg --purge while the upgraded server runs: stopped first, then everything deleted
#
# Usage: installers/smoke-test.sh     (builds the packages with build.sh when none are there)
#   PREVIOUS_DEB=/path/to.deb   use this previous-release .deb instead of building one
#   SMOKE_NO_APT=1              never apt-get the console's dependencies and xvfb
set -uo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
TARGET="$HERE/target"
PKG=cycles-admin-server
CPKG=cycles-admin-console
CONF=/etc/cycles-admin/server.env
KEY_FILE=/etc/cycles-admin/admin-key.env
DATA=/var/lib/cycles-admin
DB=$DATA/cycles-admin.db
UNIT=/usr/lib/systemd/system/cycles-admin-server.service
JAR=/opt/cycles-admin-server/lib/app/cycles-admin-server.jar
SCRATCH="$(mktemp -d /tmp/cycles-smoke.XXXXXX)"
PASS=0
FAIL=0
SKIP=0
SERVER_PID=""
STARTED=$SECONDS

ok()   { PASS=$((PASS + 1)); printf '  ok    %s\n' "$1"; }
bad()  { FAIL=$((FAIL + 1)); printf '  FAIL  %s\n' "$1"; }
skip() { SKIP=$((SKIP + 1)); printf '  SKIP  %s\n' "$1"; }
check() { local what="$1"; shift; if "$@" >/dev/null 2>&1; then ok "$what"; else bad "$what"; fi; }
step() { printf '\n== %s   (%ds)\n' "$*" $((SECONDS - STARTED)); }
die()  { echo "smoke-test: $*" >&2; exit 1; }
note() { printf '        %s\n' "$*"; }

[ "$(id -u)" = 0 ] || die "run as root: it installs and removes packages"
command -v dpkg >/dev/null || die "dpkg not found: this smoke test is for Debian-family systems"
command -v curl >/dev/null || die "curl not found"

systemd_running() { [ -d /run/systemd/system ]; }

# Processes of a user id that are still alive (not zombies).
live_processes() { # <uid>
    [ -n "$1" ] || return 0
    ps -e -o uid=,stat=,pid= | awk -v u="$1" '$1 == u && $2 !~ /^Z/ {print $3}'
}

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

# A query on the installed database, as the service user (files SQLite may create stay its own),
# with the sqlite3 command or Python's sqlite3 module. Fails when neither is there.
db_query() { # <sql>
    if command -v sqlite3 >/dev/null; then
        setpriv --reuid=cycles-admin --regid=cycles-admin --init-groups sqlite3 -readonly "$DB" "$1"
    elif command -v python3 >/dev/null; then
        setpriv --reuid=cycles-admin --regid=cycles-admin --init-groups python3 -c '
import sqlite3, sys
for row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]):
    print("|".join(str(c) for c in row))' "$DB" "$1"
    else
        return 1
    fi
}
SCHEMA_SQL="SELECT version || '@' || applied_at FROM schema_version ORDER BY version"
have_db_tool() { command -v sqlite3 >/dev/null || command -v python3 >/dev/null; }

# The migration versions a server jar carries (db/migration/V008__x.sql -> 8), one a line.
jar_migrations() { # <jar>
    { unzip -Z1 "$1" 2>/dev/null || jar tf "$1"; } | sed -n 's|^db/migration/V0*\([0-9][0-9]*\)__.*\.sql$|\1|p' | sort -n
}

# ---------------------------------------------------------------------------------------------
step "0. Packages"
SERVER_DEB="$(ls "$TARGET"/${PKG}_*.deb 2>/dev/null | head -1)"
if [ -z "$SERVER_DEB" ]; then
    note "no server .deb in $TARGET: running build.sh"
    "$HERE/build.sh" || die "build.sh failed"
    SERVER_DEB="$(ls "$TARGET"/${PKG}_*.deb 2>/dev/null | head -1)"
fi
[ -n "$SERVER_DEB" ] || die "no server .deb was built"
CONSOLE_DEB="$(ls "$TARGET"/${CPKG}_*.deb 2>/dev/null | head -1)"
note "current:  $(basename "$SERVER_DEB") ($(du -h "$SERVER_DEB" | cut -f1))"

# The previous release: its own tree (git archive of the commit), its own build.sh, server only.
PREV_COMMIT="$(grep -v '^[[:space:]]*#' "$HERE/previous-release" 2>/dev/null | awk 'NF {print $1; exit}')"
PREV_CACHE="$TARGET/previous-release/$PREV_COMMIT"
PREV_DEB="${PREVIOUS_DEB:-}"
if [ -z "$PREV_DEB" ] && [ -n "$PREV_COMMIT" ]; then
    PREV_DEB="$(ls "$PREV_CACHE"/${PKG}_*.deb 2>/dev/null | head -1)"
    if [ -z "$PREV_DEB" ]; then
        t0=$SECONDS
        src="$SCRATCH/previous-src"
        mkdir -p "$src" "$PREV_CACHE"
        note "building the previous release ${PREV_COMMIT:0:12} in $src (server only)"
        if git -C "$ROOT" archive --format=tar "$PREV_COMMIT" 2>"$SCRATCH/previous-build.log" | tar -x -C "$src" \
            && (cd "$src" && { mvn -q -o -DskipTests package -pl shared-model,admin-server -am \
                               || mvn -q -DskipTests package -pl shared-model,admin-server -am; }) >>"$SCRATCH/previous-build.log" 2>&1 \
            && "$src/installers/build.sh" server >>"$SCRATCH/previous-build.log" 2>&1; then
            cp "$src"/installers/target/${PKG}_*.deb "$PREV_CACHE/"
            PREV_DEB="$(ls "$PREV_CACHE"/${PKG}_*.deb 2>/dev/null | head -1)"
            note "built in $((SECONDS - t0)) s, cached in $PREV_CACHE"
        else
            tail -20 "$SCRATCH/previous-build.log" | sed 's/^/        /'
        fi
        rm -rf "$src"
    fi
fi
if [ -n "$PREV_DEB" ] && [ -f "$PREV_DEB" ]; then
    ok "previous release ${PREV_COMMIT:0:12}: $(basename "$PREV_DEB") ($(du -h "$PREV_DEB" | cut -f1))"
else
    bad "no .deb of the previous release (installers/previous-release: '${PREV_COMMIT:-missing}'; a clone without that commit needs PREVIOUS_DEB=...)"
    PREV_DEB=""
fi

# Leftovers of an earlier run.
for p in "$CPKG" "$PKG"; do dpkg --purge "$p" >/dev/null 2>&1 || true; done

# ---------------------------------------------------------------------------------------------
step "1. Install $(basename "$SERVER_DEB")"
if dpkg -i "$SERVER_DEB" </dev/null >"$SCRATCH/dpkg-install.log" 2>&1; then ok "dpkg -i"; else
    cat "$SCRATCH/dpkg-install.log"; bad "dpkg -i"; die "cannot continue without the package"
fi
grep 'cycles-admin-server:' "$SCRATCH/dpkg-install.log" | sed 's/^/        /' || true
check "package state is installed" sh -c "dpkg -s $PKG | grep -q '^Status: install ok installed'"
check "launcher /opt/cycles-admin-server/bin/cycles-admin-server" test -x /opt/cycles-admin-server/bin/cycles-admin-server
check "command cycles-admin-server on the PATH" test -x /usr/bin/cycles-admin-server
check "cycles-admin-server --help works" sh -c "cycles-admin-server --help | grep -q 'Usage'"
for f in "$UNIT" /usr/bin/cycles-admin-server "$CONF"; do
    check "dpkg owns $f" sh -c "dpkg -S '$f' | grep -q '^$PKG: '"
done
check "server.env is the package's conffile" sh -c "dpkg-query -W -f='\${Conffiles}' $PKG | grep -q ' $CONF '"
check "dpkg --verify finds every shipped file intact" sh -c "[ -z \"\$(dpkg --verify $PKG)\" ]"
check "unit: User=cycles-admin" grep -qx 'User=cycles-admin' "$UNIT"
check "unit: EnvironmentFile=$KEY_FILE, then $CONF" \
    sh -c "[ \"\$(sed -n 's/^EnvironmentFile=//p' $UNIT | paste -sd' ')\" = '$KEY_FILE $CONF' ]"
check "unit: NoNewPrivileges, ProtectSystem=strict, ReadWritePaths=$DATA" \
    sh -c "grep -qx 'NoNewPrivileges=yes' $UNIT && grep -qx 'ProtectSystem=strict' $UNIT && grep -qx 'ReadWritePaths=$DATA' $UNIT"
if command -v systemd-analyze >/dev/null; then
    if systemd-analyze verify "$UNIT" >"$SCRATCH/verify.log" 2>&1; then ok "systemd-analyze verify"
    else note "(systemd-analyze verify says, informational:)"; sed 's/^/        /' "$SCRATCH/verify.log" | head -5; fi
fi
check "system user cycles-admin (uid < 1000, no login shell)" \
    sh -c 'u=$(getent passwd cycles-admin) && [ "$(echo "$u" | cut -d: -f3)" -lt 1000 ] && echo "$u" | grep -q nologin'
check "data folder $DATA is cycles-admin:cycles-admin 750" \
    sh -c "[ \"\$(stat -c '%U:%G %a' $DATA)\" = 'cycles-admin:cycles-admin 750' ]"
note "$(stat -c '%n %U:%G %a' "$CONF" "$KEY_FILE" | paste -sd' ' | sed 's/ \//, \//')"
check "key file $KEY_FILE is root:root 600" sh -c "[ \"\$(stat -c '%U:%G %a' $KEY_FILE)\" = 'root:root 600' ]"
check "configuration $CONF is root:root 640" sh -c "[ \"\$(stat -c '%U:%G %a' $CONF)\" = 'root:root 640' ]"
ARCHIVE=/var/cache/cycles-admin-server/server.jsa
check "postinst made the start-up archive $ARCHIVE from the installed jar" test -s "$ARCHIVE"
check "the launcher names it (-XX:SharedArchiveFile)" \
    grep -q "SharedArchiveFile=$ARCHIVE" /opt/cycles-admin-server/lib/app/cycles-admin-server.cfg
KEY="$(sed -n 's/^ADMIN_API_KEY=//p' "$KEY_FILE" | tail -1)"
check "a random admin key was generated (cyc_admin_ + 43 base64url characters)" \
    sh -c "echo '$KEY' | grep -Eqx 'cyc_admin_[A-Za-z0-9_-]{43}'"
check "the conffile holds no key" sh -c "! grep -q '^[[:space:]]*ADMIN_API_KEY=' $CONF"
check "configuration sets PORT=7979, RUNTIME_PORT=7878, BIND and DATA_DIR" \
    sh -c "grep -qx 'PORT=7979' $CONF && grep -qx 'RUNTIME_PORT=7878' $CONF && grep -q '^BIND=' $CONF && grep -qx 'DATA_DIR=$DATA' $CONF"
KEY_SUM="$(sha256sum "$KEY_FILE" | cut -d' ' -f1)"

# ---------------------------------------------------------------------------------------------
PORT=""
RUNTIME_PORT=""
read_ports() {
    PORT="$(sed -n 's/^PORT=//p' "$CONF" | tail -1)"
    RUNTIME_PORT="$(sed -n 's/^RUNTIME_PORT=//p' "$CONF" | tail -1)"
}

# Without systemd, a port another program holds here is moved in the configuration (an edit an
# operator would make); the checks then use the moved port.
move_taken_ports() {
    systemd_running && return 0
    command -v ss >/dev/null || return 0
    local var port free
    for var in PORT RUNTIME_PORT; do
        port="$(sed -n "s/^$var=//p" "$CONF" | tail -1)"
        if ss -ltn | grep -q ":$port "; then
            free="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 0)"
            note "port $port is taken on this machine: $var=$free in $CONF for this test"
            sed -i "s/^$var=.*/$var=$free/" "$CONF"
        fi
    done
}

start_server() {
    read_ports
    if systemd_running; then
        systemctl start cycles-admin-server.service
    else
        # Exactly what the unit does: its ExecStart, as its User/Group, with its EnvironmentFiles
        # (in order, a later one overriding), from /, with nothing else in the environment.
        local exec user group envfile
        local -a vars=()
        exec="$(sed -n 's/^ExecStart=//p' "$UNIT")"
        user="$(sed -n 's/^User=//p' "$UNIT")"
        group="$(sed -n 's/^Group=//p' "$UNIT")"
        while read -r envfile; do
            case "$envfile" in -*) envfile="${envfile#-}"; [ -f "$envfile" ] || continue ;; esac
            mapfile -t -O "${#vars[@]}" vars < <(grep -E '^[A-Za-z_][A-Za-z0-9_]*=' "$envfile")
        done < <(sed -n 's/^EnvironmentFile=//p' "$UNIT")
        (cd / && exec env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$DATA" LANG=C.UTF-8 "${vars[@]}" \
            setpriv --reuid="$user" --regid="$group" --init-groups $exec) >"$SCRATCH/server.log" 2>&1 &
        SERVER_PID=$!
    fi
    wait_health
}

wait_health() {
    local i
    read_ports
    for i in $(seq 1 150); do
        if curl -fsS "http://127.0.0.1:$PORT/health" >"$SCRATCH/health.json" 2>/dev/null; then return 0; fi
        if [ -n "$SERVER_PID" ] && ! kill -0 "$SERVER_PID" 2>/dev/null; then break; fi
        sleep 0.2
    done
    return 1
}

server_log() {
    if systemd_running; then journalctl -u cycles-admin-server --no-pager -n 200 2>/dev/null; else cat "$SCRATCH/server.log"; fi
}

step "2. Start the installed server with the packaged configuration: both planes"
move_taken_ports
if systemd_running; then
    note "systemd runs as PID 1: the package enabled and started the service"
    check "service is enabled" systemctl is-enabled --quiet cycles-admin-server.service
else
    note "systemd is not PID 1 here ($(ps -p 1 -o comm=)): starting ExecStart as User= with the EnvironmentFile= files"
fi
if start_server; then ok "admin plane: GET /health on port $PORT: $(cat "$SCRATCH/health.json")"; else
    bad "server did not come up"; server_log | tail -30
fi
check "runtime plane: GET /health on port $RUNTIME_PORT" curl -fsS "http://127.0.0.1:$RUNTIME_PORT/health"
if [ -n "$SERVER_PID" ]; then
    check "server process runs as cycles-admin" sh -c "[ \"\$(ps -o user= -p $SERVER_PID)\" = cycles-admin ]"
fi
# The JVM ignores an archive it cannot use without a word: look at what the server process mapped.
maps_archive() {
    local p
    for p in $(live_processes "$(id -u cycles-admin)"); do
        grep -qF "$ARCHIVE" "/proc/$p/maps" 2>/dev/null && return 0
    done
    return 1
}
check "the running server mapped the start-up archive" maps_archive
# ExecStart (lib/cycles-admin/start-server) runs the runtime's java with the launcher's options.
direct_jvm() {
    local p
    for p in $(live_processes "$(id -u cycles-admin)"); do
        [ "$(readlink "/proc/$p/exe")" = /opt/cycles-admin-server/lib/runtime/bin/java ] || continue
        tr '\0' '\n' <"/proc/$p/cmdline" | grep -qx -- -Xmx96m \
            && tr '\0' '\n' <"/proc/$p/cmdline" | grep -qx -- "-XX:SharedArchiveFile=$ARCHIVE" && return 0
    done
    return 1
}
check "the service runs the packaged java directly, with the launcher's options" direct_jvm
# The start-up block: the "listening on" line and the lines under it (database, key, next steps).
server_log | grep -m1 -A4 'listening on' >"$SCRATCH/startup-line"
while IFS= read -r l; do note "$l"; done <"$SCRATCH/startup-line"
check "start-up lines name both ports, the key's source ADMIN_API_KEY and what to try next" \
    sh -c "grep -q ':$PORT' $SCRATCH/startup-line && grep -q ':$RUNTIME_PORT' $SCRATCH/startup-line && grep -q 'admin key from ADMIN_API_KEY' $SCRATCH/startup-line && grep -q '/health' $SCRATCH/startup-line"

# ---------------------------------------------------------------------------------------------
step "3. The seed guide's examples with the generated key, a tenant key on the runtime plane, metrics"
BASE="http://localhost:$PORT"
RBASE="http://localhost:$RUNTIME_PORT"
# call <expected status> <description> <curl args...>: body in $SCRATCH/body.json
call() {
    local want="$1" what="$2" got; shift 2
    got="$(curl -s -o "$SCRATCH/body.json" -w '%{http_code}' "$@")"
    if [ "$got" = "$want" ]; then ok "$what -> $got"; else bad "$what -> $got (wanted $want): $(head -c 300 "$SCRATCH/body.json")"; fi
}
body_has() { local what="$1" text="$2"; if grep -qF -- "$text" "$SCRATCH/body.json"; then ok "$what"; else bad "$what: $(head -c 300 "$SCRATCH/body.json")"; fi; }
body_field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" "$SCRATCH/body.json" | head -1; }
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
TENANT_KEY="$(body_field key_secret)"
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
call 200 "runtime plane: GET /v1/balances with the tenant key" "$RBASE/v1/balances?tenant=acme-corp" \
    -H "X-Cycles-API-Key: $TENANT_KEY"
body_has "the runtime plane sees the budget just funded" '"scope":"tenant:acme-corp"'
call 401 "runtime plane: a wrong tenant key is refused" "$RBASE/v1/balances?tenant=acme-corp" -H "X-Cycles-API-Key: cyc_live_wrong"
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
check "database $DB belongs to cycles-admin" sh -c "[ \"\$(stat -c %U $DB)\" = cycles-admin ]"

# Metrics (Prometheus text) on the admin port, behind the admin key (or a bearer token).
got="$(curl -s -o "$SCRATCH/metrics.txt" -w '%{http_code}' "$BASE/metrics" -H "$H_KEY")"
if [ "$got" = 200 ]; then
    ok "GET /metrics with the admin key -> 200 ($(wc -l <"$SCRATCH/metrics.txt") lines)"
    check "metrics count the requests just made (cycles_http_requests_total)" grep -Eq '^cycles_http_requests_total\{.*operation="createTenant".*\} [1-9]' "$SCRATCH/metrics.txt"
    check "metrics show the database size" grep -Eq '^cycles_db_size_bytes [1-9]' "$SCRATCH/metrics.txt"
    call 401 "GET /metrics without the admin key is refused" "$BASE/metrics"
else
    bad "GET /metrics with the admin key -> $got: $(head -c 300 "$SCRATCH/metrics.txt")"
fi

# ---------------------------------------------------------------------------------------------
step "4. Reinstall over itself with an edited conffile: the edit, the key and the data stay"
stop_server
sed -i 's/^#BACKUP_RETAIN=7$/BACKUP_RETAIN=5/' "$CONF"
check "operator edit: BACKUP_RETAIN=5 in $CONF" grep -qx 'BACKUP_RETAIN=5' "$CONF"
if dpkg -i "$SERVER_DEB" </dev/null >"$SCRATCH/dpkg-upgrade.log" 2>&1; then ok "dpkg -i again (no prompt)"; else cat "$SCRATCH/dpkg-upgrade.log"; bad "dpkg -i again"; fi
check "the edited conffile is kept (BACKUP_RETAIN=5)" grep -qx 'BACKUP_RETAIN=5' "$CONF"
check "key file unchanged (same admin key), still 600" \
    sh -c "[ \"\$(sha256sum $KEY_FILE | cut -d' ' -f1)\" = $KEY_SUM ] && [ \"\$(stat -c %a $KEY_FILE)\" = 600 ]"
if { systemd_running && wait_health; } || { ! systemd_running && start_server; }; then
    call 200 "tenant acme-corp is still there" "$BASE/v1/admin/tenants/acme-corp" -H "$H_KEY"
else
    bad "server did not come up after the reinstall"; server_log | tail -20
fi
# The server stays up for step 6 (remove while it runs).

# ---------------------------------------------------------------------------------------------
step "5. Console package"
REAL_HOME="$(getent passwd "$(id -un)" | cut -d: -f6)"
if [ -z "$CONSOLE_DEB" ] && [ ! -f "$ROOT/admin-console/pom.xml" ]; then
    note "admin-console is not in this tree: no console package to check"
elif [ -z "$CONSOLE_DEB" ]; then
    bad "no console .deb in $TARGET (run installers/build.sh)"
else
    note "$(basename "$CONSOLE_DEB") ($(du -h "$CONSOLE_DEB" | cut -f1))"
    dpkg-deb -f "$CONSOLE_DEB" Depends >"$SCRATCH/cdeps"
    check "declares its GTK dependency (Depends: libgtk-3-0)" grep -q 'libgtk-3-0' "$SCRATCH/cdeps"
    dpkg-deb -c "$CONSOLE_DEB" | awk '{print $6}' >"$SCRATCH/cfiles"
    check "holds the launcher bin/cycles-admin-console" grep -qx './opt/cycles-admin-console/bin/cycles-admin-console' "$SCRATCH/cfiles"
    check "holds the desktop entry and icon" sh -c "grep -q 'cycles-admin-console.desktop' $SCRATCH/cfiles && grep -q 'cycles-admin.png' $SCRATCH/cfiles"
    MISSING=""
    for d in $(tr ',' '\n' <"$SCRATCH/cdeps" | sed -e 's/[(|].*//' -e 's/ //g'); do
        dpkg -s "$d" >/dev/null 2>&1 || MISSING="$MISSING $d"
    done
    command -v xvfb-run >/dev/null || MISSING="$MISSING xvfb"
    if [ -n "$MISSING" ] && [ -z "${SMOKE_NO_APT:-}" ] && command -v apt-get >/dev/null; then
        # As an operator would: apt installs the package with its dependencies (GTK), plus a
        # virtual display to run it on.
        note "missing here:$MISSING -> apt-get install the console .deb and xvfb"
        t0=$SECONDS
        if apt-get install -y --no-install-recommends "$CONSOLE_DEB" xvfb </dev/null >"$SCRATCH/apt.log" 2>&1 \
            || { apt-get update >>"$SCRATCH/apt.log" 2>&1 \
                 && apt-get install -y --no-install-recommends "$CONSOLE_DEB" xvfb </dev/null >>"$SCRATCH/apt.log" 2>&1; }; then
            ok "apt-get install of the console .deb with its dependencies ($((SECONDS - t0)) s)"
            MISSING=""
        else
            note "apt-get could not install them (no network?): $(tail -1 "$SCRATCH/apt.log")"
        fi
    fi
    if [ -z "$MISSING" ]; then
        if ! dpkg -s "$CPKG" >/dev/null 2>&1; then
            if dpkg -i "$CONSOLE_DEB" </dev/null >"$SCRATCH/dpkg-console.log" 2>&1; then ok "dpkg -i console"; else cat "$SCRATCH/dpkg-console.log"; bad "dpkg -i console"; fi
        fi
        DESKTOP=/usr/share/applications/cycles-admin-console.desktop
    else
        note "not installed here:$MISSING -> inspecting the package instead of installing it"
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
    note "Exec=$EXEC Icon=$ICON"
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
        # Start the packaged console on a virtual display with HOME in a scratch folder; it must
        # still run after 10 s (the first screen starts its embedded local server), keep its data
        # under that HOME and write nothing into the real home ($REAL_HOME).
        mkdir -p "$SCRATCH/home"
        touch "$SCRATCH/console-start"
        HOME="$SCRATCH/home" xvfb-run -a -s "-screen 0 1280x800x24" sh -c "
            '$LAUNCHER' >'$SCRATCH/console.log' 2>&1 & p=\$!; sleep 10
            if command -v import >/dev/null; then import -window root '$TARGET/smoke-console.png' 2>/dev/null; fi
            if kill -0 \$p; then kill \$p; echo alive; fi; wait \$p" >"$SCRATCH/console-run" 2>&1
        if grep -qx alive "$SCRATCH/console-run"; then ok "the console launcher starts and keeps running on a virtual display"
        else bad "the console launcher did not keep running: $(tail -5 "$SCRATCH/console.log")"; fi
        [ -f "$TARGET/smoke-console.png" ] && note "screenshot: $TARGET/smoke-console.png"
        check "the console keeps its data under \$HOME ($SCRATCH/home/.local/share/cycles-admin/console)" \
            test -d "$SCRATCH/home/.local/share/cycles-admin/console"
        find "$REAL_HOME" -maxdepth 4 -path "$REAL_HOME/.m2" -prune -o -newer "$SCRATCH/console-start" \
            \( -iname '*cycles*' -o -name .openjfx -o -name .java \) -print >"$SCRATCH/real-home" 2>/dev/null
        if [ -s "$SCRATCH/real-home" ]; then bad "the console wrote into the real home: $(head -3 "$SCRATCH/real-home" | paste -sd' ')"
        else ok "nothing written into the real home $REAL_HOME"; fi
    else
        skip "the console was not started (xvfb-run or libgtk-3-0 missing), so its HOME handling was not checked"
    fi
    if command -v desktop-file-validate >/dev/null; then
        check "desktop-file-validate" desktop-file-validate "$DESKTOP"
    else
        note "(desktop-file-validate not installed: skipped)"
    fi
    if dpkg -s "$CPKG" >/dev/null 2>&1; then
        dpkg --purge "$CPKG" >/dev/null 2>&1
        check "console purge removes the program, menu entry, icon and command" \
            sh -c "[ ! -e /opt/cycles-admin-console ] && [ ! -e /usr/share/applications/cycles-admin-console.desktop ] && [ ! -e /usr/share/icons/hicolor/256x256/apps/cycles-admin-console.png ] && [ ! -e /usr/bin/cycles-admin-console ]"
    fi
fi

# ---------------------------------------------------------------------------------------------
step "6. Remove while the server runs: stopped, data and configuration kept; purge deletes them"
if systemd_running || { [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; }; then
    check "the server runs before dpkg -r" sh -c "curl -fsS http://127.0.0.1:$PORT/health"
fi
if dpkg -r "$PKG" </dev/null >"$SCRATCH/dpkg-remove.log" 2>&1; then ok "dpkg -r"; else cat "$SCRATCH/dpkg-remove.log"; bad "dpkg -r"; fi
grep 'cycles-admin-server:' "$SCRATCH/dpkg-remove.log" | sed 's/^/        /' || true
systemd_running || check "prerm stopped the running server" grep -q 'stopping the running server' "$SCRATCH/dpkg-remove.log"
check "no server process is left (prerm stopped it)" test -z "$(live_processes "$(id -u cycles-admin 2>/dev/null)")"
[ -n "$SERVER_PID" ] && { wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""; }
check "program /opt/cycles-admin-server removed" test ! -e /opt/cycles-admin-server
check "command and unit removed" sh -c "[ ! -e /usr/bin/cycles-admin-server ] && [ ! -e $UNIT ]"
check "start-up archive removed (/var/cache/cycles-admin-server)" test ! -e /var/cache/cycles-admin-server
check "data kept ($DB)" test -f "$DB"
check "configuration kept ($CONF with the edit, same key file)" \
    sh -c "grep -qx 'BACKUP_RETAIN=5' $CONF && [ \"\$(sha256sum $KEY_FILE | cut -d' ' -f1)\" = $KEY_SUM ]"
check "user cycles-admin kept" getent passwd cycles-admin
check "package state is config-files (rc)" sh -c "dpkg -l $PKG | grep -q '^rc'"
if dpkg --purge "$PKG" </dev/null >"$SCRATCH/dpkg-purge.log" 2>&1; then ok "dpkg --purge"; else cat "$SCRATCH/dpkg-purge.log"; bad "dpkg --purge"; fi
check "data $DATA deleted" test ! -e "$DATA"
check "configuration /etc/cycles-admin deleted" test ! -e /etc/cycles-admin
check "user and group cycles-admin deleted" sh -c "! getent passwd cycles-admin && ! getent group cycles-admin"
check "package gone from dpkg" sh -c "! dpkg -s $PKG"

# ---------------------------------------------------------------------------------------------
step "7. Upgrade from the previous release (${PREV_COMMIT:0:12}): data, configuration and keys kept, migrations once"
if [ -z "$PREV_DEB" ]; then
    bad "no previous-release .deb: the upgrade was not tested"
elif ! dpkg -i "$PREV_DEB" </dev/null >"$SCRATCH/dpkg-prev.log" 2>&1; then
    cat "$SCRATCH/dpkg-prev.log"; bad "dpkg -i of the previous release"
else
    ok "dpkg -i $(basename "$PREV_DEB") (previous release)"
    OLD_KEY="$(sed -n 's/^ADMIN_API_KEY=//p' "$CONF" "$KEY_FILE" 2>/dev/null | tail -1)"
    check "the previous release generated an admin key" sh -c "echo '$OLD_KEY' | grep -Eqx 'cyc_admin_[A-Za-z0-9_-]{43}'"
    OLD_MIGRATIONS="$(jar_migrations "$JAR" | paste -sd' ')"
    note "previous release's migrations: $OLD_MIGRATIONS"
    # Operator edits to the previous release's configuration.
    sed -i 's/^#AUTH_FAILURE_LIMIT=30$/AUTH_FAILURE_LIMIT=40/' "$CONF"
    check "operator edit: AUTH_FAILURE_LIMIT=40 in $CONF" grep -qx 'AUTH_FAILURE_LIMIT=40' "$CONF"
    move_taken_ports
    if start_server; then ok "the previous release's server answers /health"; else bad "the previous release's server did not come up"; server_log | tail -20; fi
    BASE="http://localhost:$PORT"; RBASE="http://localhost:$RUNTIME_PORT"
    H_OLD="X-Admin-API-Key: $OLD_KEY"
    call 201 "previous release: create tenant upgrade-corp" -X POST "$BASE/v1/admin/tenants" -H "$H_JSON" -H "$H_OLD" \
        -d '{"tenant_id":"upgrade-corp","name":"Upgrade Corp"}'
    call 201 "previous release: create a budget" -X POST "$BASE/v1/admin/budgets" -H "$H_JSON" -H "$H_OLD" \
        -d '{"tenant_id":"upgrade-corp","scope":"tenant:upgrade-corp","unit":"TOKENS","allocated":777000}'
    call 201 "previous release: create a tenant API key" -X POST "$BASE/v1/admin/api-keys" -H "$H_JSON" -H "$H_OLD" \
        -d '{"tenant_id":"upgrade-corp","name":"agent-key","permissions":["balances:read","reservations:create"]}'
    OLD_TENANT_KEY="$(body_field key_secret)"
    call 200 "previous release: the tenant key reads balances on the runtime plane" \
        "$RBASE/v1/balances?tenant=upgrade-corp" -H "X-Cycles-API-Key: $OLD_TENANT_KEY"
    body_has "previous release: balance remaining 777000 TOKENS" '"remaining":{"unit":"TOKENS","amount":777000}'
    stop_server
    if have_db_tool; then
        OLD_SCHEMA="$(db_query "$SCHEMA_SQL" | paste -sd' ')"
        note "schema_version before the upgrade: $(db_query 'SELECT version FROM schema_version ORDER BY version' | paste -sd' ')"
    fi

    if dpkg -i "$SERVER_DEB" </dev/null >"$SCRATCH/dpkg-up.log" 2>&1; then ok "dpkg -i the current .deb over it (upgrade, no prompt)"
    else cat "$SCRATCH/dpkg-up.log"; bad "dpkg -i the current .deb over the previous release"; fi
    grep 'cycles-admin-server:' "$SCRATCH/dpkg-up.log" | sed 's/^/        /' || true
    for f in "$UNIT" /usr/bin/cycles-admin-server "$CONF"; do
        check "after the upgrade dpkg owns $f" sh -c "dpkg -S '$f' | grep -q '^$PKG: '"
    done
    check "the admin key moved to $KEY_FILE (same key, root:root 600)" \
        sh -c "grep -qx 'ADMIN_API_KEY=$OLD_KEY' $KEY_FILE && [ \"\$(stat -c '%U:%G %a' $KEY_FILE)\" = 'root:root 600' ]"
    check "the configuration keeps the operator's edit (AUTH_FAILURE_LIMIT=40), without the key" \
        sh -c "grep -qx 'AUTH_FAILURE_LIMIT=40' $CONF && ! grep -q '^[[:space:]]*ADMIN_API_KEY=' $CONF"
    check "the package's new server.env is beside it as server.env.dpkg-dist; nothing else left over" \
        sh -c "[ -f $CONF.dpkg-dist ] && [ ! -e $CONF.legacy ]"
    NEW_MIGRATIONS="$(jar_migrations "$JAR" | paste -sd' ')"
    note "current release's migrations:  $NEW_MIGRATIONS"
    OLD_MAX="${OLD_MIGRATIONS##* }"; NEW_MAX="${NEW_MIGRATIONS##* }"
    check "the current release adds a migration (V$NEW_MAX > V$OLD_MAX)" test "${NEW_MAX:-0}" -gt "${OLD_MAX:-0}"
    if start_server; then ok "the upgraded server answers /health"; else bad "the upgraded server did not come up"; server_log | tail -20; fi
    check "runtime plane answers after the upgrade" curl -fsS "http://127.0.0.1:$RUNTIME_PORT/health"
    call 200 "the previous admin key works: tenant upgrade-corp is there" "$BASE/v1/admin/tenants/upgrade-corp" -H "$H_OLD"
    call 200 "the budget is there" "$BASE/v1/admin/budgets/lookup?scope=tenant:upgrade-corp&unit=TOKENS" -H "$H_OLD"
    body_has "budget allocated 777000 TOKENS" '"allocated":{"unit":"TOKENS","amount":777000}'
    call 200 "the tenant key made before the upgrade still works on the runtime plane" \
        "$RBASE/v1/balances?tenant=upgrade-corp" -H "X-Cycles-API-Key: $OLD_TENANT_KEY"
    body_has "same balance through the runtime plane" '"remaining":{"unit":"TOKENS","amount":777000}'
    if have_db_tool; then
        SCHEMA="$(db_query "$SCHEMA_SQL" | paste -sd' ')"
        VERSIONS="$(db_query 'SELECT version FROM schema_version ORDER BY version' | paste -sd' ')"
        check "schema_version holds each of the jar's migrations once ($VERSIONS)" \
            sh -c "[ '$VERSIONS' = '$NEW_MIGRATIONS' ] && [ \"\$(echo '$VERSIONS' | tr ' ' '\n' | sort | uniq -d)\" = '' ]"
        check "the previous release's migrations were not run again (same applied_at)" \
            sh -c "case '$SCHEMA' in '$OLD_SCHEMA'*) exit 0 ;; *) exit 1 ;; esac"
        stop_server
        if start_server; then ok "second start after the upgrade"; else bad "second start after the upgrade failed"; fi
        check "the second start applied no migration (schema_version unchanged)" \
            test "$(db_query "$SCHEMA_SQL" | paste -sd' ')" = "$SCHEMA"
    else
        skip "neither sqlite3 nor python3 here: schema_version not read (migrations once unchecked)"
    fi

    # The README's backup and restore of an installed server.
    if ! curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then start_server; fi
    BACKUP=$DATA/backups/smoke-manual.db
    install -d -o cycles-admin -g cycles-admin -m 0700 "$DATA/backups"
    if (cd / && setpriv --reuid=cycles-admin --regid=cycles-admin --init-groups \
            /usr/bin/cycles-admin-server backup "$BACKUP" --data-dir "$DATA") >"$SCRATCH/backup.log" 2>&1; then
        ok "cycles-admin-server backup as cycles-admin while the server runs"
    else
        bad "cycles-admin-server backup as cycles-admin: $(tail -3 "$SCRATCH/backup.log")"
    fi
    check "the backup is cycles-admin's, mode 600" sh -c "[ \"\$(stat -c '%U %a' $BACKUP)\" = 'cycles-admin 600' ]"
    call 201 "a tenant created after the backup" -X POST "$BASE/v1/admin/tenants" -H "$H_JSON" -H "$H_OLD" \
        -d '{"tenant_id":"after-backup","name":"After backup"}'
    stop_server
    install -o cycles-admin -g cycles-admin -m 0600 "$BACKUP" "$DB" && rm -f "$DB-wal" "$DB-shm"
    if start_server; then ok "the server starts on the restored database"; else bad "no start on the restored database"; server_log | tail -20; fi
    call 404 "restored: the tenant created after the backup is gone" "$BASE/v1/admin/tenants/after-backup" -H "$H_OLD"
    call 200 "restored: tenant upgrade-corp is there" "$BASE/v1/admin/tenants/upgrade-corp" -H "$H_OLD"

    # -----------------------------------------------------------------------------------------
    step "8. Purge while the upgraded server runs: stopped first, then everything deleted"
    if ! curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then start_server; fi
    check "the server runs before dpkg --purge" curl -fsS "http://127.0.0.1:$PORT/health"
    SVC_UID="$(id -u cycles-admin)"
    if dpkg --purge "$PKG" </dev/null >"$SCRATCH/dpkg-purge2.log" 2>&1; then ok "dpkg --purge"; else cat "$SCRATCH/dpkg-purge2.log"; bad "dpkg --purge"; fi
    grep 'cycles-admin-server:' "$SCRATCH/dpkg-purge2.log" | sed 's/^/        /' || true
    systemd_running || check "prerm stopped the running server" grep -q 'stopping the running server' "$SCRATCH/dpkg-purge2.log"
    check "no server process is left (prerm stopped it before postrm deleted the data)" \
        sh -c "[ -z '$(live_processes "$SVC_UID")' ] && ! curl -fsS http://127.0.0.1:$PORT/health"
    [ -n "$SERVER_PID" ] && { wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""; }
    check "data, configuration, program, unit and command deleted" \
        sh -c "[ ! -e $DATA ] && [ ! -e /etc/cycles-admin ] && [ ! -e /opt/cycles-admin-server ] && [ ! -e $UNIT ] && [ ! -e /usr/bin/cycles-admin-server ]"
    check "user and group cycles-admin deleted" sh -c "! getent passwd cycles-admin && ! getent group cycles-admin"
    check "package gone from dpkg" sh -c "! dpkg -s $PKG && ! dpkg -l $PKG 2>/dev/null | grep -q '^rc'"
fi

printf '\nsmoke test took %d s\n' $((SECONDS - STARTED))
printf 'smoke-test: %d passed, %d failed, %d skipped\n' "$PASS" "$FAIL" "$SKIP"
[ "$FAIL" -eq 0 ]
