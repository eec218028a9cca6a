#!/usr/bin/env bash
# The main job on embedded defaults: set up, make the demo keys (社保CA expired, 地税CA valid) in ./demo, list them,
# and sign a test value with the tax key, verified by openssl.
#   bash scripts/demo.sh          the story's tax-CA key is 地税CA (EC P-256, SoftHSM)
#   bash scripts/demo.sh --sm2    the story's tax-CA key is 地税CA-SM2 (SM2, on the software UKey, an SKF library)
set -euo pipefail
cd "$(dirname "$0")/.."
sm2=
case "${1:-}" in
  --sm2) sm2=--sm2 ;;
  "") ;;
  *) echo "usage: bash scripts/demo.sh [--sm2]" >&2; exit 2 ;;
esac
bash scripts/setup.sh
rm -rf demo
bin/keybridge demo-keys --dir demo $sm2
bin/keybridge --config demo/config.json tokens
printf 'KeyBridge demo challenge' > demo/challenge.txt
bin/keybridge --config demo/config.json sign --cert 地税CA --pin-file demo/pins.json --alg ES256 --der --in demo/challenge.txt --out demo/challenge.sig
openssl x509 -in demo/pki/tax-login.pem -pubkey -noout > demo/tax-login.pub
openssl dgst -sha256 -verify demo/tax-login.pub -signature demo/challenge.sig demo/challenge.txt

# The demo portal (the social-security online service hall) on http://localhost:18080, in the background; the tax-CA
# key starts pulled out (the portal's demo page plugs it in), so that step 1 meets the expired social-security key.
if [ -n "$sm2" ]; then
  # the SM2 key signs with SM3withSM2 and the ID 1234567812345678; openssl checks it the same way
  bin/keybridge --config demo/config.json sign --cert 地税CA-SM2 --pin-file demo/pins.json --alg SM2SM3 --der --in demo/challenge.txt --out demo/challenge-sm2.sig
  openssl x509 -in demo/pki/sm2-tax-login.pem -pubkey -noout > demo/sm2-tax-login.pub
  openssl dgst -sm3 -verify demo/sm2-tax-login.pub -sigopt distid:1234567812345678 -signature demo/challenge-sm2.sig demo/challenge.txt
fi
bin/demo-portal prepare-keys --demo-dir demo $sm2
bin/demo-portal serve --demo-dir demo --port 18080 > demo/portal.log 2>&1 &
portal=$!
trap 'kill $portal 2>/dev/null' EXIT
for _ in $(seq 1 120); do
  grep -q "demo portal on" demo/portal.log 2>/dev/null && break
  kill -0 $portal 2>/dev/null || { cat demo/portal.log; exit 1; }
  sleep 0.5
done

# The resident agent with the demo keys, for the demo portal's origin (http://localhost:18080, development mode).
# The PIN is asked by the agent: its own dialog when there is a display, else this terminal. Ctrl-C stops both.
echo
echo "Demo portal: http://localhost:18080/   (walk the story: README, section Demo portal)"
tax=地税CA; [ -n "$sm2" ] && tax=地税CA-SM2
echo "PINs: 社保CA $(sed -n 's/.*"社保CA" *: *"\([0-9]*\)".*/\1/p' demo/pins.json), $tax $(sed -n 's/.*"'"$tax"'" *: *"\([0-9]*\)".*/\1/p' demo/pins.json) (demo/pins.json)"
echo "Starting the KeyBridge agent (Ctrl-C stops the agent and the portal)"
bin/keybridge --config demo/config.json serve
