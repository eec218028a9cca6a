#!/usr/bin/env bash
# KeyBridge set-up on Debian 12 (as root): the system packages the build, the demo and the tests need, then the
# Maven build and the native test helpers. Idempotent: a second run only rebuilds.
set -euo pipefail
cd "$(dirname "$0")/.."

# package -> a file it installs, to skip apt when everything is there already
declare -A need=(
  [softhsm2]=/usr/lib/softhsm/libsofthsm2.so      # the PKCS#11 module the demo keys and tests live on
  [opensc]=/usr/bin/pkcs11-tool                    # OpenSC's PKCS#11 module and tools, for IT staff
  [pcscd]=/usr/sbin/pcscd                          # PC/SC daemon for card readers
  [libpcsclite1]=/usr/lib/x86_64-linux-gnu/libpcsclite.so.1
  # the PC/SC tests' real card bed (scripts/pcsc-test-env.sh): vpcd, a virtual reader pair inside pcscd, and vicc,
  # a virtual ISO 7816 card (Python; imports PyCrypto's API, which Debian ships as pycryptodome's Cryptodome)
  [vsmartcard-vpcd]=/usr/lib/pcsc/drivers/serial/libifdvpcd.so
  [vsmartcard-vpicc]=/usr/bin/vicc
  [python3-virtualsmartcard]=/usr/lib/python3/site-packages/virtualsmartcard
  [python3-pycryptodome]=/usr/lib/python3/dist-packages/Cryptodome
  [gcc]=/usr/bin/gcc                               # the fault-injecting module and the native bench loop
  [make]=/usr/bin/make
  [libc6-dev]=/usr/include/stdio.h
  [libp11-kit-dev]=/usr/include/p11-kit-1/p11-kit/pkcs11.h
  [openssl]=/usr/bin/openssl                       # tests verify signatures with the openssl command; portal-kit's OCSP test runs `openssl ocsp`
  [libssl-dev]=/usr/include/openssl/evp.h          # the software UKey (native/skfsoft.c) and the SM2 bench loop use OpenSSL's SM2/SM3
  [postgresql-15]=/usr/lib/postgresql/15/bin/initdb # portal-kit's PostgreSQL test starts a private server (initdb, pg_ctl)
  [util-linux]=/usr/bin/taskset                    # the bench pins both sides to one CPU
  [xvfb]=/usr/bin/Xvfb                             # the PIN-dialog test runs the real Swing dialog on its own Xvfb
  # CJK glyphs for the agent's dialogs: Java's logical "Dialog" font falls back to it through fontconfig
  # (WenQuanYi Zen Hei, 16 MB installed, rather than fonts-noto-cjk, 89 MB)
  [fonts-wqy-zenhei]=/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc
  [libxtst6]=/usr/lib/x86_64-linux-gnu/libXtst.so.6   # X11 libraries AWT loads (Robot uses XTest); a JDK tarball
  [libxi6]=/usr/lib/x86_64-linux-gnu/libXi.so.6       # brings none of them
  [libxrender1]=/usr/lib/x86_64-linux-gnu/libXrender.so.1
  [fakeroot]=/usr/bin/fakeroot                     # jpackage --type deb runs dpkg-deb under fakeroot (packaging/build-deb.sh)
  [iproute2]=/usr/bin/ss                           # the package test checks that no socket of the package is left listening
  # what the package's jlinked runtime (java.desktop) links against: its Depends, for the package test's dpkg -i
  [libasound2]=/usr/lib/x86_64-linux-gnu/libasound.so.2
  [libgif7]=/usr/lib/x86_64-linux-gnu/libgif.so.7
  [libjpeg62-turbo]=/usr/lib/x86_64-linux-gnu/libjpeg.so.62
  [liblcms2-2]=/usr/lib/x86_64-linux-gnu/liblcms2.so.2
  [libharfbuzz0b]=/usr/lib/x86_64-linux-gnu/libharfbuzz.so.0
  [libfreetype6]=/usr/lib/x86_64-linux-gnu/libfreetype.so.6
  [libpng16-16]=/usr/lib/x86_64-linux-gnu/libpng16.so.16
  [curl]=/usr/bin/curl                             # scripts/cds-archive.sh's training requests to the agent
  [chromium]=/usr/bin/chromium                     # the extension's and the demo story's browser tests (headless, playwright-core)
)
command -v java >/dev/null 2>&1 || need[openjdk-17-jdk-headless]=/usr/bin/javac
command -v javac >/dev/null 2>&1 || need[openjdk-17-jdk-headless]=/usr/bin/javac
# the Swing PIN dialog needs the JDK's X11 toolkit (libawt_xawt.so), which the -headless packages leave out
java_lib=$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /usr/lib/jvm/java-17-openjdk-amd64/bin/java)")")/../lib
[ -e "$java_lib/libawt_xawt.so" ] || need[openjdk-17-jre]=/usr/lib/jvm/java-17-openjdk-amd64/lib/libawt_xawt.so
command -v mvn >/dev/null 2>&1 || need[maven]=/usr/bin/mvn
command -v node >/dev/null 2>&1 || need[nodejs]=/usr/bin/node   # the browser extension's tests (node --test)
command -v npm >/dev/null 2>&1 || need[npm]=/usr/bin/npm         # playwright-core for the extension's E2E tests
missing=()
for p in "${!need[@]}"; do [ -e "${need[$p]}" ] || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

make -s -C native
# playwright-core (pinned in each package-lock.json) for the extension's and the demo story's browser tests: no
# browser download, it drives Debian's /usr/bin/chromium
[ -d browser-extension/node_modules/playwright-core ] || (cd browser-extension && npm ci --no-audit --no-fund --loglevel=error)
[ -d demo-portal/e2e/node_modules/playwright-core ] || (cd demo-portal/e2e && npm ci --no-audit --no-fund --loglevel=error)
mvn -B -q -DskipTests package
# the resident agent's class-data-sharing archive (bin/keybridge serve uses it while it is newer than the jars)
bash scripts/cds-archive.sh || echo "setup: WARNING: no class-data archive for the agent (it runs without one)" >&2
echo "setup: done (bin/keybridge is ready)"
