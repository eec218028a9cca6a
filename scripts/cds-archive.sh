#!/bin/bash
# Makes bridge-agent/target/keybridge.jsa, the class-data-sharing archive `bin/keybridge serve` uses when present (the
# .deb makes its own in packaging/build-deb.sh). A training run of the resident agent on throw-away demo keys (start,
# a few logins, status and certificates over the bridge, SIGTERM) lists the classes it loads, its lambda proxies
# included; a static dump then archives exactly those, the JDK's and ours, in place of the JDK's default archive. The
# agent maps them instead of parsing and linking them again: less resident memory (README: "The agent's benchmarks").
# JDK 17 takes the archive only with the very jars it was made with (path, size, mtime): run this again after each
# build (scripts/setup.sh does; bin/keybridge ignores an archive older than the jars).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JSA="$ROOT/bridge-agent/target/keybridge.jsa"
T=$(mktemp -d)
AGENT=
cleanup() { [ -n "$AGENT" ] && kill "$AGENT" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
rm -f "$JSA" "$JSA.tmp"   # a dump must not run on top of an older archive of the same name
"$ROOT/bin/keybridge" demo-keys --dir "$T/demo" >"$T/demo-keys.log" 2>&1
KEYBRIDGE_JAVA_OPTS="-XX:DumpLoadedClassList=$T/classes.lst" \
  "$ROOT/bin/keybridge" --config "$T/demo/config.json" serve --port 0 --no-tray --pin-file "$T/demo/pins.json" \
  >"$T/serve.out" 2>"$T/serve.err" &
AGENT=$!
for _ in $(seq 300); do grep -q "listening on" "$T/serve.out" 2>/dev/null && break; sleep 0.1; done
URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$T/serve.out" | head -1)
[ -n "$URL" ] || { echo "cds-archive: the training agent did not start; see $T/serve.err" >&2; cat "$T/serve.err" >&2; exit 1; }
post() { curl -s -o /dev/null -w '%{http_code}' -X POST "$URL$1" -H 'Origin: http://localhost:18080' \
  -H 'Content-Type: application/json' -H 'X-KeyBridge: 1' --data "$2"; }
codes=""
for i in 1 2 3; do
  nonce=$(head -c 32 /dev/urandom | base64)
  codes="$codes $(post /v1/authenticate "{\"challengeNonce\":\"$nonce\"}")"
done
codes="$codes $(post /v1/status '{}') $(post /v1/certificates '{}')"
kill -TERM "$AGENT"; wait "$AGENT" 2>/dev/null || true; AGENT=
case "$codes" in *200*) ;; *) echo "cds-archive: the training agent answered$codes" >&2; exit 1 ;; esac
[ -s "$T/classes.lst" ] || { echo "cds-archive: the training run listed no classes" >&2; exit 1; }
# the dump runs through the launcher, so the archive names the class path and GC options serve runs with
KEYBRIDGE_JAVA_OPTS="-Xshare:dump -XX:SharedClassListFile=$T/classes.lst -XX:SharedArchiveFile=$JSA.tmp" \
  "$ROOT/bin/keybridge" version >"$T/dump.log" 2>&1 || { echo "cds-archive: dump failed:" >&2; tail -5 "$T/dump.log" >&2; exit 1; }
[ -s "$JSA.tmp" ] || { echo "cds-archive: no archive written" >&2; exit 1; }
mv "$JSA.tmp" "$JSA"
echo "cds-archive: $(wc -l <"$T/classes.lst") classes, $(stat -c %s "$JSA") bytes, trained on:$codes"
