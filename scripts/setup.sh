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
  [gcc]=/usr/bin/gcc                               # the fault-injecting module and the native bench loop
  [make]=/usr/bin/make
  [libc6-dev]=/usr/include/stdio.h
  [libp11-kit-dev]=/usr/include/p11-kit-1/p11-kit/pkcs11.h
  [openssl]=/usr/bin/openssl                       # tests verify signatures with the openssl command
  [util-linux]=/usr/bin/taskset                    # the bench pins both sides to one CPU
)
command -v java >/dev/null 2>&1 || need[openjdk-17-jdk-headless]=/usr/bin/javac
command -v javac >/dev/null 2>&1 || need[openjdk-17-jdk-headless]=/usr/bin/javac
command -v mvn >/dev/null 2>&1 || need[maven]=/usr/bin/mvn
command -v node >/dev/null 2>&1 || need[nodejs]=/usr/bin/node   # the browser extension's tests (node --test)
missing=()
for p in "${!need[@]}"; do [ -e "${need[$p]}" ] || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

make -s -C native
mvn -B -q -DskipTests package
echo "setup: done (bin/keybridge is ready)"
