#!/usr/bin/env bash
# The PC/SC test bed: pcscd (no systemd needed) with a private reader configuration holding one vpcd reader pair,
# and vicc, a virtual ISO 7816 card, in the first reader. Used by the tests (org.keybridge.pcsc.PcscTestEnv) and
# by hand. pcscd's socket is fixed (/run/pcscd/pcscd.comm), so there is one pcscd per machine: this script refuses
# to start when a pcscd it did not start is running, and only ever stops the processes it started (by pid file).
#
#   pcsc-test-env.sh start STATEDIR [PORT]   pcscd + vpcd readers "Virtual PCD 00 00" (PORT) and "… 00 01" (PORT+1),
#                                            vicc inserted into 00 00; default PORT 35963
#   pcsc-test-env.sh vicc-start STATEDIR     insert the vicc card again (after vicc-stop)
#   pcsc-test-env.sh vicc-stop STATEDIR      remove it (stops vicc)
#   pcsc-test-env.sh stop STATEDIR           stop vicc and pcscd (and any pcscd this script started), wait until gone
# Tests serialize on /run/keybridge-test-pcscd.lock (PcscTestEnv), so builds of several clones take turns.
set -euo pipefail
cmd=${1:?usage: pcsc-test-env.sh start|stop|vicc-start|vicc-stop STATEDIR [PORT]}
S=$(realpath -m "${2:?STATEDIR missing}")
OWNER=/run/keybridge-test-pcscd.pid   # which pcscd this script started, machine-wide

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

stop_pid() { # pidfile: TERM, wait up to 5 s, then KILL
  local f=$1 pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if alive "$pid"; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 100); do alive "$pid" || break; sleep 0.05; done
    alive "$pid" && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

vicc_start() {
  local port
  port=$(cat "$S/port")
  # two Debian packaging workarounds (testbed.md §4.3): the module sits one directory too deep, and vicc imports
  # PyCrypto's 'Crypto', which Debian ships as 'Cryptodome'
  mkdir -p "$S/pyshim"; ln -sfn /usr/lib/python3/dist-packages/Cryptodome "$S/pyshim/Crypto"
  : > "$S/vicc.log"
  PYTHONPATH=/usr/lib/python3/site-packages/virtualsmartcard:$S/pyshim setsid /usr/bin/python3 /usr/bin/vicc \
    -t iso7816 -H 127.0.0.1 -P "$port" > "$S/vicc.log" 2>&1 < /dev/null &
  echo $! > "$S/vicc.pid"
  # the card counts as inserted when pcscd has read its ATR (python's first start compiles modules: up to ~6 s)
  local n=$(grep -c 'Card inserted into Virtual PCD 00 00' "$S/pcscd.log" || true)
  for _ in $(seq 400); do
    [ "$(grep -c 'Card inserted into Virtual PCD 00 00' "$S/pcscd.log" || true)" -gt "$n" ] && return 0
    alive "$(cat "$S/vicc.pid")" || { cat "$S/vicc.log" >&2; echo "vicc exited" >&2; return 1; }
    sleep 0.05
  done
  echo "vicc did not come up in 20 s (see $S/vicc.log)" >&2; return 1
}

case $cmd in
  start)
    PORT=${3:-35963}
    for b in /usr/sbin/pcscd /usr/lib/pcsc/drivers/serial/libifdvpcd.so /usr/bin/vicc; do
      [ -e "$b" ] || { echo "missing $b: run scripts/setup.sh (pcscd vsmartcard-vpcd vsmartcard-vpicc)" >&2; exit 1; }
    done
    # a pcscd this script started earlier (a test run that died) is ours to stop; any other one is not
    if [ -f "$OWNER" ] && alive "$(cat "$OWNER")"; then
      old=$(cat "$OWNER"); kill "$old" 2>/dev/null || true
      for _ in $(seq 100); do alive "$old" || break; sleep 0.05; done
    fi
    rm -f "$OWNER"
    if pid=$(pgrep -x pcscd); then
      echo "a pcscd not started by this script is running (pid $pid); stop it first" >&2; exit 1
    fi
    mkdir -p "$S/reader.conf.d" /run/pcscd
    echo "$PORT" > "$S/port"
    printf 'FRIENDLYNAME "Virtual PCD"\nDEVICENAME   /dev/null:%s\nLIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so\nCHANNELID    %s\n' \
      "$PORT" "$PORT" > "$S/reader.conf.d/vpcd"
    : > "$S/pcscd.log"
    setsid /usr/sbin/pcscd --foreground --config "$S/reader.conf.d" --info > "$S/pcscd.log" 2>&1 < /dev/null &
    echo $! > "$S/pcscd.pid"; cp "$S/pcscd.pid" "$OWNER"
    for _ in $(seq 200); do grep -q 'daemon ready' "$S/pcscd.log" && [ -S /run/pcscd/pcscd.comm ] && break; sleep 0.05; done
    grep -q 'daemon ready' "$S/pcscd.log" || { cat "$S/pcscd.log" >&2; echo "pcscd did not start" >&2; exit 1; }
    vicc_start
    echo "pcscd=$(cat "$S/pcscd.pid") vicc=$(cat "$S/vicc.pid") port=$PORT"
    ;;
  vicc-start) vicc_start ;;
  vicc-stop) stop_pid "$S/vicc.pid" ;;
  stop)
    stop_pid "$S/vicc.pid"
    stop_pid "$S/pcscd.pid"
    # and a pcscd this script started from another state folder (a test run that died): still ours to stop
    stop_pid "$OWNER"
    true
    ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac
