#!/usr/bin/env bash
# Builds every Cycles Admin package this machine can build into installers/target/:
#   Linux:   app-image tarball, .deb (dpkg-deb + fakeroot), .rpm (only when rpmbuild is installed)
#   Windows: .msi (Git Bash, WiX 3.x on the PATH)          see installers/windows/README.md
#   macOS:   .dmg                                          see installers/macos/README.md
# for the server and, when the admin-console module is in the tree, the console. Each package
# carries a jlink'ed Java runtime with only the modules the application needs.
#
# Usage: installers/build.sh [server|console|all]      (default: all)
# Runs `mvn -q -DskipTests package` itself when the jars are missing (or older than the sources).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
TARGET="$HERE/target"
WORK="$TARGET/work"
WHAT="${1:-all}"

case "$WHAT" in server|console|all) ;; *) echo "usage: $0 [server|console|all]" >&2; exit 2 ;; esac

log() { printf '\n==> %s\n' "$*"; }
die() { echo "build.sh: $*" >&2; exit 1; }

for tool in java jlink jdeps jpackage; do
    command -v "$tool" >/dev/null || die "$tool not found: install a full JDK 17 (jpackage, jlink and jdeps come with it)"
done
JAVA_FEATURE="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
[ "${JAVA_FEATURE%%.*}" -ge 17 ] || die "JDK 17 or newer needed, found $JAVA_FEATURE"

# Project version 0.1.0-SNAPSHOT -> package version 0.1.0 (packages want plain numbers).
POM_VERSION="$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -1)"
VERSION="${POM_VERSION%-SNAPSHOT}"
[ -n "$VERSION" ] || die "cannot read the project version from pom.xml"

MACHINE="$(uname -m)"                       # x86_64, aarch64/arm64
case "$MACHINE" in arm64) MACHINE=aarch64 ;; esac   # sqlite-jdbc's folder names: x86_64, aarch64
case "$MACHINE" in x86_64) ARCH_LABEL=x64 ;; *) ARCH_LABEL="$MACHINE" ;; esac

case "$(uname -s)" in
    Linux) OS=linux; SQLITE_OS='Linux(-Musl)?'; FX_OS=linux ;;
    Darwin) OS=macos; SQLITE_OS=Mac; FX_OS=mac ;;
    MINGW*|MSYS*|CYGWIN*) OS=windows; SQLITE_OS=Windows; FX_OS=win ;;
    *) die "unsupported system $(uname -s)" ;;
esac

# macOS bundle versions may not start with 0 (jpackage refuses them): 0.x.y becomes bundle version
# 1.x.y there, and the .dmg is renamed to carry the project version. Other systems use it as is.
APP_VERSION="$VERSION"
if [ "$OS" = macos ] && [ "${VERSION%%.*}" = 0 ]; then
    APP_VERSION="1.${VERSION#0.}"
    echo "build.sh: macOS needs a non-zero first version number: bundles get version $APP_VERSION for $VERSION" >&2
fi

HAVE_DEB=no; HAVE_RPM=no
if [ "$OS" = linux ]; then
    if command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then HAVE_DEB=yes; fi
    if command -v rpmbuild >/dev/null; then HAVE_RPM=yes; fi
fi
if [ "$OS" = windows ] && ! command -v candle >/dev/null && ! command -v candle.exe >/dev/null; then
    die "WiX 3.x (candle, light) must be on the PATH to build .msi packages"
fi

SERVER_JAR="$ROOT/admin-server/target/cycles-admin-server.jar"
HAS_CONSOLE=no
[ -f "$ROOT/admin-console/pom.xml" ] && HAS_CONSOLE=yes
if [ "$WHAT" = console ] && [ "$HAS_CONSOLE" = no ]; then
    die "admin-console is not in this tree yet; nothing to package for the console"
fi

mkdir -p "$TARGET"
rm -rf "$WORK"
mkdir -p "$WORK"

# ---------------------------------------------------------------------------------------------
# Jars
# ---------------------------------------------------------------------------------------------
# A jar needs (re)building when it is missing or older than any pom or source file.
stale() { # <jar>
    [ -f "$1" ] || return 0
    [ -n "$(find "$ROOT/pom.xml" "$ROOT"/*/pom.xml "$ROOT"/*/src -type f -newer "$1" 2>/dev/null | head -1)" ]
}

if stale "$SERVER_JAR"; then
    log "Building the jars: mvn -q -DskipTests package"
    (cd "$ROOT" && mvn -q -DskipTests package)
fi
[ -f "$SERVER_JAR" ] || die "$SERVER_JAR was not built"

CONSOLE_DEPS="$ROOT/admin-console/target/dependency"
console_jar() { ls "$ROOT"/admin-console/target/admin-console-*.jar 2>/dev/null | grep -v -- '-all.jar' | head -1; }
if [ "$WHAT" != server ] && [ "$HAS_CONSOLE" = yes ]; then
    if [ -z "$(console_jar)" ] || stale "$(console_jar)" || [ ! -d "$CONSOLE_DEPS" ]; then
        # The console's own jar plus its runtime dependencies as separate jars: JavaFX goes on the
        # module path, the rest on the class path.
        log "Building the console jar and copying its dependencies"
        (cd "$ROOT" && mvn -q -DskipTests -pl admin-console -am package dependency:copy-dependencies -DincludeScope=runtime)
    fi
    [ -n "$(console_jar)" ] || die "the admin-console jar was not built"
fi

# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------

# jlink a runtime with the given modules: no debug attributes, man pages or headers.
make_runtime() { # <output> <modules> [module-path]
    local out="$1" modules="$2" mp="${3:-}"
    rm -rf "$out"
    # --generate-cds-archive: the runtime's own class-data-sharing archive of the JDK's classes
    # (a full JDK ships one; a jlink'ed runtime has none unless asked), so they are mapped at
    # start instead of loaded and verified one by one.
    jlink ${mp:+--module-path "$mp"} --add-modules "$modules" \
        --strip-debug --no-man-pages --no-header-files --compress=2 --generate-cds-archive --output "$out"
}

# This system's launcher icon for jpackage --icon.
icon_file() {
    case "$OS" in
        linux) echo "$HERE/common/cycles-admin.png" ;;
        windows) echo "$HERE/common/cycles-admin.ico" ;;
        macos)
            # .icns from the PNG with the system's own tools (sips, iconutil).
            local set="$WORK/cycles-admin.iconset" size
            if [ ! -f "$WORK/cycles-admin.icns" ]; then
                mkdir -p "$set"
                for size in 16 32 64 128 256; do
                    sips -z $size $size "$HERE/common/cycles-admin.png" --out "$set/icon_${size}x${size}.png" >/dev/null
                done
                iconutil -c icns "$set" -o "$WORK/cycles-admin.icns"
            fi
            echo "$WORK/cycles-admin.icns" ;;
    esac
}

# Remove the sqlite-jdbc native libraries of other systems from a jar (the fat server jar holds
# all of them: 18 MB -> 7 MB).
trim_sqlite() { # <jar>
    command -v zip >/dev/null && command -v unzip >/dev/null || return 0
    unzip -Z1 "$1" 'org/sqlite/native/*' 2>/dev/null | grep -v '/$' \
        | grep -Ev "^org/sqlite/native/$SQLITE_OS/$MACHINE/" | zip -q -d "$1" -@ >/dev/null || true
}

# Package an app image: .msi on Windows, .dmg on macOS, .deb/.rpm on Linux.
package_image() { # <app-image dir> <argfile dir> <name>
    local image="$1" cfg="$2" name="$3"
    if [ "$OS" = windows ]; then
        log "jpackage --type msi ($name)"
        jpackage @"$HERE/windows/${name#cycles-admin-}-msi.args" --app-image "$image" \
            --app-version "$VERSION" --dest "$TARGET"
        return
    fi
    if [ "$OS" = macos ]; then
        log "jpackage --type dmg ($name)"
        jpackage @"$HERE/macos/${name#cycles-admin-}-dmg.args" --app-image "$image" \
            --app-version "$APP_VERSION" --dest "$TARGET"
        if [ "$APP_VERSION" != "$VERSION" ]; then
            mv "$TARGET/$name-$APP_VERSION.dmg" "$TARGET/$name-$VERSION-macos-$ARCH_LABEL.dmg"
        fi
        return
    fi
    if [ "$HAVE_DEB" = yes ]; then
        log "jpackage --type deb ($name)"
        jpackage @"$cfg/jpackage-deb.args" --app-image "$image" --app-version "$VERSION" \
            --resource-dir "$cfg/resources" --dest "$TARGET"
    else
        echo "(no dpkg-deb/fakeroot: skipping the $name .deb)"
    fi
    if [ "$HAVE_RPM" = yes ]; then
        log "jpackage --type rpm ($name)"
        local rpmres="$WORK/$name-rpm-resources"
        rm -rf "$rpmres"; mkdir -p "$rpmres"
        cp "$cfg/rpm/$name.spec" "$rpmres/"
        jpackage @"$cfg/jpackage-rpm.args" --app-image "$image" --app-version "$VERSION" \
            --resource-dir "$rpmres" --dest "$TARGET"
    else
        echo "(rpmbuild not installed: skipping the $name .rpm; apt-get install -y rpm to get it)"
    fi
}

tarball() { # <app-image parent> <name>
    local file="$TARGET/$2-$VERSION-linux-$ARCH_LABEL.tar.gz"
    tar -C "$1" -czf "$file" "$2"
    echo "$file"
}

# ---------------------------------------------------------------------------------------------
# Server
# ---------------------------------------------------------------------------------------------
build_server() {
    local cfg="$HERE/linux/server" input="$WORK/server-input" images="$WORK/server-image"
    rm -f "$TARGET"/cycles-admin-server[-_]*
    mkdir -p "$input" "$images"

    cp "$SERVER_JAR" "$input/cycles-admin-server.jar"
    trim_sqlite "$input/cycles-admin-server.jar"
    # SQLite's native library for this system, unpacked beside the jar by the build: the server
    # loads it from there instead of extracting it from the jar on every start.
    local sqlite_os="${SQLITE_OS%%(*}" native
    native="$ROOT/admin-server/target/sqlite-native/$sqlite_os/$MACHINE"
    if [ -d "$native" ]; then
        mkdir -p "$input/sqlite-native/$sqlite_os"
        cp -r "$native" "$input/sqlite-native/$sqlite_os/"
    fi

    log "jdeps: modules the server needs"
    local modules
    modules="$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps -q "$input/cycles-admin-server.jar")"
    # Dropped: java.desktop. Only Jackson's optional @ConstructorProperties/@Transient support
    # (loaded reflectively, skipped when absent) and Jetty helpers the server never loads refer to
    # it, and it would bring AWT and make the package depend on X11 and ALSA libraries.
    # Added: jdk.crypto.ec, so outbound TLS (webhooks) can use EC keys.
    modules="$(echo "$modules" | tr ',' '\n' | grep -vx 'java.desktop' | paste -sd, -),jdk.crypto.ec"
    echo "$modules"

    log "jlink: server runtime"
    make_runtime "$WORK/server-runtime" "$modules"
    check_server_runtime "$WORK/server-runtime/bin/java" "$input/cycles-admin-server.jar"

    log "jpackage --type app-image (server)"
    jpackage @"$HERE/common/server-app-image.args" @"$HERE/$OS/server-app-image.args" \
        --input "$input" --runtime-image "$WORK/server-runtime" \
        --app-version "$APP_VERSION" --dest "$images" --icon "$(icon_file)"
    if [ "$OS" != linux ]; then
        package_image "$(ls -d "$images"/*)" "$cfg" cycles-admin-server
        return
    fi
    # Files the maintainer scripts install (unit, configuration template) and the packaging notes.
    local extra="$images/cycles-admin-server/lib/cycles-admin"
    mkdir -p "$extra"
    install -m 0644 "$cfg/cycles-admin-server.service" "$cfg/server.env.template" "$cfg/README" "$extra/"
    install -m 0755 "$cfg/resources/postinst" "$extra/configure.sh"
    install -m 0755 "$cfg/start-server" "$extra/start-server"
    "$images/cycles-admin-server/bin/cycles-admin-server" --help >/dev/null \
        || die "the packaged launcher does not start"

    log "app-image tarball (server)"
    tarball "$images" cycles-admin-server
    # The .deb is packed again below (finish_server_deb): jpackage's copy is left uncompressed
    # (dpkg-deb >= 1.21.10 reads this variable) so the runtime is compressed once, not twice.
    DPKG_DEB_COMPRESSOR_TYPE=none package_image "$images/cycles-admin-server" "$cfg" cycles-admin-server
    if [ "$HAVE_DEB" = yes ]; then
        finish_server_deb "$(ls "$TARGET"/cycles-admin-server_*.deb)"
    fi
}

# jpackage (JDK 17) puts every file under /opt/cycles-admin-server and has no option for files
# elsewhere or for conffiles. So the .deb it made is unpacked, given the systemd unit, the
# /usr/bin command, the configuration /etc/cycles-admin/server.env (a conffile) and an md5sums
# list, and packed again: dpkg then owns them (dpkg -S, dpkg --verify), keeps an edited
# server.env on upgrades and removes it on purge. The admin key is not shipped: postinst writes
# it once into /etc/cycles-admin/admin-key.env.
finish_server_deb() { # <deb>
    local deb="$1" cfg="$HERE/linux/server" root="$WORK/server-deb" size
    log "dpkg-deb: unit, command and conffile into $(basename "$deb")"
    rm -rf "$root"
    dpkg-deb -R "$deb" "$root"
    install -d -m 0755 "$root/usr/lib/systemd/system" "$root/usr/bin" "$root/etc/cycles-admin"
    install -m 0644 "$cfg/cycles-admin-server.service" "$root/usr/lib/systemd/system/"
    ln -s /opt/cycles-admin-server/bin/cycles-admin-server "$root/usr/bin/cycles-admin-server"
    install -m 0640 "$cfg/server.env.template" "$root/etc/cycles-admin/server.env"
    echo /etc/cycles-admin/server.env >"$root/DEBIAN/conffiles"
    chmod 0644 "$root/DEBIAN/conffiles"
    # Every shipped file but the conffile (dpkg keeps the conffile's own checksum).
    (cd "$root" && find . \( -path ./DEBIAN -o -path ./etc \) -prune -o -type f -printf '%P\0' | sort -z \
        | xargs -0 md5sum) >"$root/DEBIAN/md5sums"
    chmod 0644 "$root/DEBIAN/md5sums"
    size="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
    sed -i "s/^Installed-Size:.*/Installed-Size: $size/" "$root/DEBIAN/control"
    rm -f "$deb"
    # dpkg-deb's default compression, as jpackage's own dpkg-deb call used.
    dpkg-deb --root-owner-group --build "$root" "$deb" >/dev/null
    rm -rf "$root"
    [ "$(dpkg-deb -I "$deb" conffiles)" = /etc/cycles-admin/server.env ] || die "$deb has no conffiles entry"
}

# Start the jar on the jlink'ed runtime over a scratch folder and ask /health.
check_server_runtime() { # <java> <jar>
    local java="$1" jar="$2" dir="$WORK/runtime-check" out pid url i
    rm -rf "$dir"; mkdir -p "$dir"
    out="$dir/server.log"
    "$java" -jar "$jar" --port 0 --runtime-port 0 --data-dir "$dir/data" --admin-api-key runtime-check >"$out" 2>&1 &
    pid=$!
    url=""
    for i in $(seq 1 100); do
        url="$(sed -n 's/.*listening on \(http:[^ ,]*\).*/\1/p' "$out" | head -1)"
        [ -n "$url" ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    if [ -z "$url" ] || ! curl -fsS "$url/health" | grep -q '"status":"UP"'; then
        kill "$pid" 2>/dev/null || true
        cat "$out" >&2
        die "the jlink'ed runtime does not run the server"
    fi
    # A write that touches SQLite, JSON and auth: the runtime holds what they need.
    curl -fsS -o /dev/null -X POST "$url/v1/admin/tenants" -H 'Content-Type: application/json' \
        -H 'X-Admin-API-Key: runtime-check' -d '{"tenant_id":"runtime-check","name":"Runtime check"}' \
        || { kill "$pid"; cat "$out" >&2; die "the jlink'ed runtime cannot create a tenant"; }
    local runtime_url
    runtime_url="$(sed -n 's/.*runtime API on \(http:[^ ,]*\).*/\1/p' "$out" | head -1)"
    [ -n "$runtime_url" ] && curl -fsS "$runtime_url/health" | grep -q '"status":"UP"' \
        || { kill "$pid"; cat "$out" >&2; die "the jlink'ed runtime does not serve the runtime API"; }
    if [ -d "$(dirname "$jar")/sqlite-native" ] && [ -r "/proc/$pid/maps" ] && ! grep -q "sqlite-native/" "/proc/$pid/maps"; then
        kill "$pid"; die "the server did not load SQLite's library from sqlite-native/ beside its jar"
    fi
    kill "$pid"; wait "$pid" 2>/dev/null || true
    echo "runtime check: $url/health and $runtime_url/health UP, tenant created, SQLite's library from sqlite-native/"
}

# ---------------------------------------------------------------------------------------------
# Console
# ---------------------------------------------------------------------------------------------
build_console() {
    local cfg="$HERE/linux/console" input="$WORK/console-input" images="$WORK/console-image"
    local fxdir="$WORK/console-javafx" jar
    rm -f "$TARGET"/cycles-admin-console[-_]*
    mkdir -p "$input" "$images" "$fxdir"
    jar="$(console_jar)"
    cp "$jar" "$input/cycles-admin-console.jar"
    # JavaFX platform jars -> module path; everything else -> class path (lib/app).
    local dep
    for dep in "$CONSOLE_DEPS"/*.jar; do
        case "$(basename "$dep")" in
            javafx-*-$FX_OS*.jar) cp "$dep" "$fxdir/" ;;
            javafx-*.jar) ;;   # the empty platform-independent javafx jars
            *) cp "$dep" "$input/" ;;
        esac
    done
    ls "$fxdir"/javafx-controls-*.jar >/dev/null 2>&1 || die "no javafx-*-$FX_OS jars among the console dependencies"
    # sqlite-jdbc (local mode): keep only this system's native library.
    local sq
    for sq in "$input"/sqlite-jdbc-*.jar; do
        [ -f "$sq" ] && trim_sqlite "$sq"
    done

    log "jdeps: modules the console needs"
    local modules
    # --multi-release base: okhttp's META-INF/versions/9/module-info would make jdeps resolve it as
    # a named module and fail on okio; the versioned classes need nothing beyond the base ones.
    # logback-classic is a named module that requires org.slf4j and ch.qos.logback.core: those two
    # go on the module path beside JavaFX so that jdeps can resolve it.
    local logmods
    logmods="$(ls "$input"/slf4j-api-*.jar "$input"/logback-core-*.jar 2>/dev/null | paste -sd: -)"
    modules="$(jdeps --multi-release base --ignore-missing-deps --print-module-deps -q \
        --module-path "$fxdir${logmods:+:$logmods}" --class-path "$input/*" "$input"/*.jar)"
    modules="$(printf '%s,javafx.controls,javafx.fxml,jdk.crypto.ec' "$modules" | tr ',' '\n' | sort -u | paste -sd, -)"
    echo "$modules"

    log "jlink: console runtime (JavaFX from $fxdir)"
    make_runtime "$WORK/console-runtime" "$modules" "$fxdir"
    "$WORK/console-runtime/bin/java" --list-modules | grep -q '^javafx.controls' \
        || die "javafx.controls is missing from the console runtime"

    log "jpackage --type app-image (console)"
    jpackage @"$HERE/common/console-app-image.args" @"$HERE/$OS/console-app-image.args" \
        --input "$input" --runtime-image "$WORK/console-runtime" \
        --app-version "$APP_VERSION" --dest "$images" --icon "$(icon_file)"
    if [ "$OS" != linux ]; then
        package_image "$(ls -d "$images"/*)" "$cfg" cycles-admin-console
        return
    fi
    local extra="$images/cycles-admin-console/lib/cycles-admin"
    mkdir -p "$extra"
    install -m 0644 "$cfg/cycles-admin-console.desktop" "$HERE/common/cycles-admin.png" "$HERE/common/cycles-admin.svg" "$extra/"
    install -m 0755 "$cfg/resources/postinst" "$extra/configure.sh"

    log "app-image tarball (console)"
    tarball "$images" cycles-admin-console
    package_image "$images/cycles-admin-console" "$cfg" cycles-admin-console
}

if [ "$WHAT" != console ]; then build_server; fi
if [ "$WHAT" != server ]; then
    if [ "$HAS_CONSOLE" = yes ]; then build_console; else log "admin-console is not in this tree: console packages skipped"; fi
fi

rm -rf "$WORK"
log "Packages in $TARGET"
ls -l "$TARGET" | sed 1d
