#!/usr/bin/env bash
# The package's benchmarks as bench JSON rows ({name, unit, value, baseline, ratio}): the .deb's and the installed
# tree's sizes, and the installed native host's cold start to its first message against bin/keybridge native-host.
#   packaging/bench.sh            (as root, after packaging/build-deb.sh or mvn verify)
# Installs packaging/target/keybridge_*.deb when KeyBridge is not installed, and purges it again afterwards.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEB=$(ls "$ROOT"/packaging/target/keybridge_*.deb 2>/dev/null | head -1 || true)
[ -n "$DEB" ] || { echo "bench: no package: run packaging/build-deb.sh first" >&2; exit 2; }
ours=""
if ! dpkg-query -W -f='${Status}' keybridge 2>/dev/null | grep -q 'install ok installed'; then
  dpkg -i "$DEB" >/dev/null
  ours=1
fi
trap '[ -z "$ours" ] || dpkg --purge keybridge >/dev/null' EXIT
"$ROOT/bin/keybridge" bench --json --no-agent --no-signing --no-browser --no-portal "$@"
