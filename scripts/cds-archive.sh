#!/bin/bash
# Makes bridge-agent/target/keybridge.jsa, the application class-data-sharing archive bin/keybridge uses when present
# (the .deb makes its own in packaging/build-deb.sh). A training run of the resident agent on throw-away demo keys:
# start, a few logins, status and certificates over the bridge, SIGTERM; the JVM writes the classes it loaded (and
# its lambda proxies) at exit. The agent then maps them instead of parsing and linking them again: a faster start and
# less resident memory (README: "The agent's benchmarks"). JDK 17 takes the archive only with the very jars it was
# made with (path, size, mtime): run this again after each build (scripts/setup.sh does).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JSA="$ROOT/bridge-agent/target/keybridge.jsa"
T=$(mktemp -d)
AGENT=
cleanup() { [ -n "$AGENT" ] && kill "$AGENT" 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
rm -f "$JSA" "$JSA.tmp"   # a dump must not run on top of an older archive of the same name
"$ROOT/bin/keybridge" demo-keys --dir "$T/demo" >"$T/demo-keys.log" 2>&1
KEYBRIDGE_JAVA_OPTS="-XX:ArchiveClassesAtExit=$JSA.tmp -Xlog:cds=off -Xlog:cds+dynamic=off" \
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
[ -s "$JSA.tmp" ] || { echo "cds-archive: no archive written" >&2; exit 1; }
mv "$JSA.tmp" "$JSA"
echo "cds-archive: $(stat -c %s "$JSA") bytes, trained on:$codes"
