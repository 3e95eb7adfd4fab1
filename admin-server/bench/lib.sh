# Shared by run.sh and bench-all.sh (sourced, not run): where things are, the server's JVM flags,
# starting the packaged jar, one wrk measurement, and resident-memory sampling.
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export BENCH_DIR # fund.lua finds spread.lua through it
ROOT=$(cd "$BENCH_DIR/../.." && pwd)
JAR="$ROOT/admin-server/target/cycles-admin-server.jar"
KEY=bench-admin-key

# The JVM flags the packages start the server with (installers/common/server-app-image.args, the
# one place they are kept; the README quotes them). BENCH_JAVA_OPTS overrides.
package_java_opts() {
  local args="$ROOT/installers/common/server-app-image.args" opts=""
  [ -f "$args" ] && opts=$(sed -n 's/^--java-options[[:space:]]\{1,\}//p' "$args" | tr '\n' ' ')
  echo "${opts:--Xmx96m -Xmn16m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=2000}"
}
JAVA_OPTS=${BENCH_JAVA_OPTS:-$(package_java_opts)}
# The class-data-sharing archive the build leaves beside the jar, as the README's command uses it.
# use_startup_archive: adds it to JAVA_OPTS once it exists (bench-all.sh calls it again after building).
ARCHIVE="$ROOT/admin-server/target/cycles-admin-server.jsa"
use_startup_archive() {
  if [ -z "${BENCH_JAVA_OPTS:-}" ] && [ -f "$ARCHIVE" ] && [[ "$JAVA_OPTS" != *SharedArchiveFile* ]]; then
    JAVA_OPTS="$JAVA_OPTS -XX:SharedArchiveFile=$ARCHIVE"
  fi
}
use_startup_archive
JAVA_OPTS=$(echo $JAVA_OPTS) # one line, single spaces
# The packaged service's environment (cycles-admin-server.service; the README's run command):
# glibc keeps at most two malloc arenas. Exported, so servers the Java benchmarks start inherit it.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}

require_wrk() {
  command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 2; }
}

# start_server DATA_DIR ADMIN_PORT RUNTIME_PORT: the jar as the packages run it, both planes on,
# on BENCH_DATABASE_URL (PostgreSQL) when that is set, else on SQLite in DATA_DIR; output in DATA_DIR/server.log. Sets SERVER_PID and STARTUP_MS (launch to the first 200 of /health),
# and writes the pid to BENCH_PID_FILE when that is set (bench-all.sh kills it if interrupted).
start_server() {
  local data=$1 port=$2 runtime_port=$3 start_ns
  start_ns=$(date +%s%N)
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
  env ${BENCH_DATABASE_URL:+DATABASE_URL=$BENCH_DATABASE_URL} ADMIN_API_KEY=$KEY PORT=$port RUNTIME_PORT=$runtime_port DATA_DIR=$data AUTH_FAILURE_LIMIT=1000000 \
    java $JAVA_OPTS -jar "$JAR" >"$data/server.log" 2>&1 &
  SERVER_PID=$!
  [ -n "${BENCH_PID_FILE:-}" ] && echo "$SERVER_PID" >"$BENCH_PID_FILE"
  until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "the server did not start (is port $port or $runtime_port taken?):" >&2
      tail -20 "$data/server.log" >&2
      SERVER_PID=
      return 1
    fi
    sleep 0.01
  done
  STARTUP_MS=$(( ($(date +%s%N) - start_ns) / 1000000 ))
}

stop_server() {
  if [ -n "${SERVER_PID:-}" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  fi
}

# wrk_measure THREADS CONNS WARMUP SECONDS [wrk args...]: a warm-up (so the JIT has compiled the
# path) then the measured window; prints "requests/s|p50 ms|p99 ms|non-2xx".
wrk_measure() {
  local threads=$1 conns=$2 warmup=$3 seconds=$4 out
  shift 4
  [ "$warmup" -gt 0 ] && wrk -t"$threads" -c"$conns" -d"${warmup}s" "$@" >/dev/null
  out=$(wrk -t"$threads" -c"$conns" -d"${seconds}s" --latency "$@")
  echo "$out" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx/ { err = $5 }
    END { printf "%s|%.2f|%.2f|%d\n", rps, p50, p99, err }'
}

# rss_watch PID FILE: samples the process's VmRSS (kB) every half second into FILE while it lives;
# sets RSS_WATCHER to the sampler's pid.
rss_watch() {
  local pid=$1 file=$2
  ( while [ -r "/proc/$pid/status" ]; do
      awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true
      sleep 0.5
    done ) >>"$file" &
  RSS_WATCHER=$!
}

# The largest sample in FILE, in MB (0 when there is none).
rss_max_mb() { awk 'BEGIN {m = 0} $1 + 0 > m {m = $1 + 0} END {printf "%d\n", m / 1024}' "$1" 2>/dev/null || echo 0; }

# The process's peak resident set so far (VmHWM), in MB.
rss_hwm_mb() { awk '/^VmHWM:/ {printf "%d\n", $2 / 1024}' "/proc/$1/status"; }
