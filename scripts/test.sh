#!/usr/bin/env bash
# The whole test suite: set-up (packages, native helpers), then unit tests and the command-line integration tests
# against the real SoftHSM2 module.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mvn -B verify
