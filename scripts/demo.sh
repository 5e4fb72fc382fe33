#!/usr/bin/env bash
# Sovra's main command: builds if needed, starts the local node, deploys the suite
# (deployments/local.json) and plays the identity story with real transactions, printing each
# step and its outcome. Exits non-zero if any outcome differs from the expected one.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$SOVRA_ROOT"

start=$(now_s)
scripts/setup.sh
build_missing_bundles
scripts/node.sh install
scripts/node.sh start
scripts/deploy.sh --network local
python3 scripts/demo/story.py
say "demo: done in $(( $(now_s) - start ))s"
