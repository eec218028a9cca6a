#!/usr/bin/env bash
# The main job on embedded defaults: set up, make the demo keys (社保CA expired, 地税CA valid) in ./demo, list them,
# and sign a test value with the tax key, verified by openssl.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
rm -rf demo
bin/keybridge demo-keys --dir demo
bin/keybridge --config demo/config.json tokens
printf 'KeyBridge demo challenge' > demo/challenge.txt
bin/keybridge --config demo/config.json sign --cert 地税CA --pin-file demo/pins.json --alg ES256 --der --in demo/challenge.txt --out demo/challenge.sig
openssl x509 -in demo/pki/tax-login.pem -pubkey -noout > demo/tax-login.pub
openssl dgst -sha256 -verify demo/tax-login.pub -signature demo/challenge.sig demo/challenge.txt

# The resident agent with the demo keys, for the demo portal's origin (http://localhost:18080, development mode).
# The PIN is asked by the agent: its own dialog when there is a display, else this terminal. Ctrl-C stops it.
echo
echo "Starting the KeyBridge agent (PINs are in demo/pins.json; Ctrl-C to stop)"
exec bin/keybridge --config demo/config.json serve
