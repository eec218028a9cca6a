#!/usr/bin/env bash
# Builds the KeyBridge Debian package: a jlinked runtime, a jpackage app image with two launchers (keybridge and
# keybridge-native-host), an application class-data-sharing archive made by a training run of the native host, the
# browsers' host manifests, the autostart entries and the default configuration; then `jpackage --type deb`.
#
#   packaging/build-deb.sh [OUT_DIR]        (default: packaging/target) — after `mvn package` (bin/keybridge works)
#
# Output: OUT_DIR/keybridge_<version>-1_<arch>.deb, and OUT_DIR/deb-build/ (the runtime, the image, the logs).
# Needs: a JDK 17+ with jmods (jlink, jpackage, jdeps), fakeroot and dpkg-deb (jpackage's deb type), softhsm2 for
# the training run's demo keys, and root or user namespaces for the training run (see "Class-data sharing" below).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$(mkdir -p "${1:-$ROOT/packaging/target}" && cd "${1:-$ROOT/packaging/target}" && pwd)
WORK="$OUT/deb-build"
APP=keybridge
INSTALL_DIR=/opt/$APP                       # jpackage's default for a deb; the manifests and the CDS archive name it
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
export JAVA_HOME
JDK_BIN="$JAVA_HOME/bin"
AGENT="$ROOT/bridge-agent/target"
VERSION=$(sed -n 's/^version=//p' "$AGENT/classes/keybridge-version.properties")
MAIN_JAR="keybridge-bridge-agent-$VERSION.jar"
[ -f "$AGENT/$MAIN_JAR" ] && [ -d "$AGENT/lib" ] || { echo "build-deb: build first (mvn package): no $AGENT/$MAIN_JAR" >&2; exit 2; }
for t in jlink jpackage jdeps; do [ -x "$JDK_BIN/$t" ] || { echo "build-deb: $JDK_BIN/$t missing (a full JDK is needed)" >&2; exit 2; }; done
for t in fakeroot dpkg-deb; do command -v $t >/dev/null || { echo "build-deb: $t missing (apt-get install $t)" >&2; exit 2; }; done
DEB_ARCH=$(dpkg --print-architecture)
case "$DEB_ARCH" in                         # JNA's directory for its native library, and the multiarch triplet
  amd64) JNA_ARCH=linux-x86-64; TRIPLET=x86_64-linux-gnu ;;
  arm64) JNA_ARCH=linux-aarch64; TRIPLET=aarch64-linux-gnu ;;
  loong64) JNA_ARCH=linux-loongarch64; TRIPLET=loongarch64-linux-gnu ;;
  *) echo "build-deb: architecture $DEB_ARCH not prepared (README: Installing KeyBridge)" >&2; exit 2 ;;
esac
step() { printf 'build-deb: %-34s (%ss)\n' "$1" "$SECONDS"; }
rm -rf "$WORK" && mkdir -p "$WORK/input"
cp "$AGENT/$MAIN_JAR" "$AGENT"/lib/*.jar "$WORK/input/"

# --- 1. a trimmed runtime --------------------------------------------------------------------------------------
# jdeps finds what the code links against; added by hand what is only reached by name: SunPKCS11
# (jdk.crypto.cryptoki), the EC signatures (jdk.crypto.ec), zh/es locale data, GBK and other charsets, and
# sun.misc.Unsafe (jdk.unsupported), which JNA and Jackson use when present.
step "jdeps"
FOUND=$("$JDK_BIN/jdeps" --multi-release "$("$JDK_BIN/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')" \
  --ignore-missing-deps --print-module-deps --class-path "$WORK/input/*" "$WORK"/input/*.jar 2>/dev/null | tail -1)
MODULES="$FOUND,java.desktop,jdk.httpserver,jdk.crypto.cryptoki,jdk.crypto.ec,jdk.localedata,jdk.charsets,jdk.unsupported"
MODULES=$(tr ',' '\n' <<<"$MODULES" | sort -u | paste -sd, -)
echo "build-deb: modules $MODULES"
# not compressed: the .deb is compressed anyway, and an uncompressed jimage starts faster; the default CDS archive
# (--generate-cds-archive) is the base the application's archive sits on. Reused by the next build while the
# modules and the JDK are the same (jlink is the slowest step).
JLINK_OPTS=(--add-modules "$MODULES" --include-locales=en,zh,es --strip-debug --no-header-files --no-man-pages --generate-cds-archive)
KEY="${JLINK_OPTS[*]} $("$JDK_BIN/java" -version 2>&1 | tr '\n' ' ')"
if [ -f "$OUT/runtime.key" ] && [ "$(cat "$OUT/runtime.key")" = "$KEY" ] && [ -d "$OUT/runtime" ]; then
  step "jlink: runtime reused"
else
  step "jlink"
  rm -rf "$OUT/runtime" "$OUT/runtime.key"
  "$JDK_BIN/jlink" "${JLINK_OPTS[@]}" --output "$OUT/runtime" >"$WORK/jlink.log"
  rm -f "$OUT/runtime/lib/server/classes_nocoops.jsa"   # only for heaps over 32 GiB
  echo "$KEY" >"$OUT/runtime.key"
fi

# --- 2. the app image: two launchers ---------------------------------------------------------------------------
# The same lean JVM as bin/keybridge. Unified logging goes to stderr only: on the native host's stdout a JVM warning
# would corrupt the browser's channel. JNA loads its library from the package, never unpacked into the user's home.
OPTS=(-XX:+UseSerialGC -Xss512k -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=16m
  -Xms8m -Xmx64m -Xmn2m -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=15 -XX:-ShrinkHeapInSteps
  -XX:SoftRefLRUPolicyMSPerMB=0 -XX:MaxMetaspaceSize=96m
  -Xlog:disable -Xlog:all=warning:stderr --enable-native-access=ALL-UNNAMED -Dfile.encoding=UTF-8
  '-Dkeybridge.home=$APPDIR/../..' '-Djna.boot.library.path=$APPDIR/../native' -Djna.nounpack=true)
# jpackage's add-launcher properties take one java-options value: a space-separated list
printf 'java-options=%s -Dkeybridge.launcher=native-host\n' "${OPTS[*]}" >"$WORK/native-host.properties"
step "jpackage app-image"
JOPTS=(); for o in "${OPTS[@]}"; do JOPTS+=(--java-options "$o"); done
"$JDK_BIN/jpackage" --type app-image --name $APP --app-version "$VERSION" --input "$WORK/input" \
  --main-jar "$MAIN_JAR" --main-class org.keybridge.cli.KeyBridgeCli --runtime-image "$OUT/runtime" \
  "${JOPTS[@]}" --add-launcher keybridge-native-host="$WORK/native-host.properties" --dest "$WORK/image"
IMG="$WORK/image/$APP"
rm -f "$IMG"/lib/*.png                      # icons of desktop shortcuts we do not make
mkdir -p "$IMG/lib/native"
(cd "$WORK" && "$JDK_BIN/jar" xf "$WORK"/input/jna-*.jar "com/sun/jna/$JNA_ARCH/libjnidispatch.so" \
  && mv "com/sun/jna/$JNA_ARCH/libjnidispatch.so" "$IMG/lib/native/" && rm -rf com)

# --- 3. what the package puts outside /opt/keybridge (copied by postinst, removed by postrm) --------------------
step "system files"
SYS="$IMG/lib/system"
"$ROOT/bin/keybridge" install-native-host --system --root "$SYS" --host "$INSTALL_DIR/bin/keybridge-native-host" >/dev/null
install -D -m 644 "$ROOT/packaging/files/keybridge-agent.desktop" "$SYS/etc/xdg/autostart/keybridge-agent.desktop"
install -D -m 644 "$ROOT/packaging/files/keybridge-agent.service" "$SYS/usr/lib/systemd/user/keybridge-agent.service"
# the default configuration, /etc/keybridge/config.json (kept on remove, deleted on purge): the OpenSC module of
# this architecture; IT adds its portals to allowedOrigins
cat >"$IMG/lib/config.json" <<EOF
{
  "version": 1,
  "expiringSoonDays": 30,
  "modules": [ { "name": "opensc", "library": "/usr/lib/$TRIPLET/opensc-pkcs11.so" } ],
  "allowedOrigins": []
}
EOF
SYSTEM_FILES=$(cd "$SYS" && find . -type f | sed 's|^\./|/|' | sort | paste -sd' ' -)
echo "build-deb: system files $SYSTEM_FILES"

# --- 4. class-data sharing: an application archive made by a training run ---------------------------------------
# JDK 17 accepts a dynamic archive only with the class path it was dumped with, jar for jar (path, size, mtime), and
# the launcher builds that path under /opt/keybridge. So the training run sees the image at /opt/keybridge, inside a
# private mount namespace (a tmpfs over /opt, the image bound onto /opt/keybridge): nothing outside changes, an
# installed KeyBridge included. It is the native host answering status and certificates for the demo keys: the
# classes of the browser's cold start, the configuration, JNA, the PKCS#11 binding and the JSON answers.
step "training run (CDS)"
DEMO="$WORK/training"
"$ROOT/bin/keybridge" demo-keys --dir "$DEMO" >"$WORK/training-demo-keys.log" 2>&1
frame() { local n=${#1}; printf "\\$(printf %03o $((n & 255)))\\$(printf %03o $((n >> 8 & 255)))\\000\\000%s" "$1"; }
{ frame '{"command":"status","origin":"http://localhost:18080","id":1}'
  frame '{"command":"certificates","origin":"http://localhost:18080","id":2}'; } >"$DEMO/requests.bin"
JSA="$INSTALL_DIR/lib/app/$APP.jsa"
train() {
  mount -t tmpfs tmpfs /opt && mkdir /opt/$APP && mount --bind "$IMG" /opt/$APP || return 1
  export JAVA_TOOL_OPTIONS="-XX:ArchiveClassesAtExit=$JSA -Dkeybridge.config=$DEMO/config.json"
  { cat "$DEMO/requests.bin"     # then stdin stays open until both answers are out (a closed port ends the host)
    for _ in $(seq 600); do grep -aq '"id":2' "$DEMO/answers.bin" 2>/dev/null && break; sleep 0.1; done
  } | /opt/$APP/bin/keybridge-native-host chrome-extension://training/ >"$DEMO/answers.bin"
}
export -f train; export IMG DEMO JSA APP
if [ "$(id -u)" = 0 ]; then NS=(unshare -m --propagation private); else NS=(unshare -r -m --propagation private); fi
if "${NS[@]}" bash -c train 2>"$WORK/training.log" && [ -s "$IMG/lib/app/$APP.jsa" ]; then
  grep -q '"result"' "$DEMO/answers.bin" || { echo "build-deb: the training run's host answered no request" >&2; exit 1; }
  ARCHIVE_OPTS=('-XX:SharedArchiveFile=$APPDIR/keybridge.jsa' -Xshare:auto)
  echo "build-deb: application CDS archive $(stat -c %s "$IMG/lib/app/$APP.jsa") bytes"
else
  # only the runtime's default archive then; README says what the archive brings
  echo "build-deb: WARNING: no training run (needs root or user namespaces; $WORK/training.log): no application CDS archive" >&2
  ARCHIVE_OPTS=()
fi
rm -rf "$DEMO"
# after the training run: the installed configuration, and the archive (a dump must not name its own archive)
for cfg in "$IMG"/lib/app/*.cfg; do
  sed -i "/^\[JavaOptions\]/a java-options=-Dkeybridge.config=/etc/keybridge/config.json" "$cfg"
  for o in "${ARCHIVE_OPTS[@]}"; do sed -i "/^\[JavaOptions\]/a java-options=$o" "$cfg"; done
done

# The browser's host is a shell script that runs the runtime's java itself, with the host launcher's options and
# class path (the same string the archive was dumped with): jpackage's native launcher took ~2 s more than java on
# this VM before main() (measured: host hello 2.2-3.5 s through it, 0.66-0.8 s through java with the same options).
HOST_CFG="$IMG/lib/app/keybridge-native-host.cfg"
HOST_CP=$(sed -n "s|^app.classpath=\$APPDIR/|$INSTALL_DIR/lib/app/|p" "$HOST_CFG" | paste -sd: -)
HOST_MAIN=$(sed -n 's/^app.mainclass=//p' "$HOST_CFG")
{
  echo '#!/bin/sh'
  echo "# KeyBridge native-messaging host (org.keybridge.agent), started by the browser; made by packaging/build-deb.sh"
  printf 'exec %s/lib/runtime/bin/java' "$INSTALL_DIR"
  sed -n 's/^java-options=//p' "$HOST_CFG" | sed "s|\$APPDIR|$INSTALL_DIR/lib/app|g" | while read -r o; do printf " '%s'" "$o"; done
  printf " -cp '%s' %s \"\$@\"\n" "$HOST_CP" "$HOST_MAIN"
} >"$IMG/bin/keybridge-native-host"
chmod 755 "$IMG/bin/keybridge-native-host"
rm -f "$HOST_CFG"

# --- 5. the Debian package ---------------------------------------------------------------------------------------
step "jpackage deb"
RES="$WORK/resources"
mkdir -p "$RES"
for s in postinst prerm postrm control; do
  sed -e "s|@SYSTEM_FILES@|$SYSTEM_FILES|" -e "s|@INSTALL_DIR@|$INSTALL_DIR|g" "$ROOT/packaging/deb/$s" >"$RES/$s"
done
rm -f "$OUT/${APP}_${VERSION}"-*_"$DEB_ARCH".deb
rm -rf "$WORK/jpackage-out" "$WORK/deb-root"
# jpackage uncompressed first: it copies the image without the files' times, and the application archive is valid
# only with the very jars (size and mtime) it was dumped with. So the package is unpacked, each jar gets its time
# back from the image, and dpkg-deb packs it again.
DPKG_DEB_COMPRESSOR_TYPE=none "$JDK_BIN/jpackage" --type deb --app-image "$IMG" --name $APP --app-version "$VERSION" \
  --dest "$WORK/jpackage-out" --resource-dir "$RES" --linux-package-name $APP --linux-app-release 1 \
  --linux-deb-maintainer dev@keybridge.org --vendor KeyBridge --description "KeyBridge agent: USB keys and smart cards for web portals" \
  --about-url https://keybridge.org --linux-app-category utils >"$WORK/jpackage-deb.log"
dpkg-deb -R "$WORK"/jpackage-out/*.deb "$WORK/deb-root"
for j in "$IMG"/lib/app/*.jar; do touch -r "$j" "$WORK/deb-root$INSTALL_DIR/lib/app/${j##*/}"; done
# xz, which every dpkg reads (UOS and Kylin included), at level 1: on this 2-core machine level 6 took minutes more
# for 10 % less; a release sets DPKG_DEB_COMPRESSOR_LEVEL=9
step "dpkg-deb"
dpkg-deb --root-owner-group -Z "${DPKG_DEB_COMPRESSOR_TYPE:-xz}" -z "${DPKG_DEB_COMPRESSOR_LEVEL:-1}" \
  -b "$WORK/deb-root" "$OUT/${APP}_${VERSION}-1_${DEB_ARCH}.deb" >/dev/null
rm -rf "$WORK/jpackage-out" "$WORK/deb-root"
DEB=$(ls "$OUT/${APP}_${VERSION}"-1_"$DEB_ARCH".deb)
step "done"
echo "build-deb: $DEB ($(stat -c %s "$DEB") bytes)"
