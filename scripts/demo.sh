#!/usr/bin/env bash
# Sovra's main command: builds if needed, starts the local node, deploys a fresh suite as one
# DAO (deployments/profiles/local.json → deployments/local.json, verified, every role with the
# governor) and plays the identity story and the governance story with real transactions
# (tests/src/bin/demo.rs), printing each step and checking each outcome. Exits non-zero if any
# outcome differs from the expected one.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$SOVRA_ROOT"

start=$(now_s)
scripts/setup.sh
build_missing_bundles
scripts/node.sh install
node_start=$(now_s)
scripts/node.sh start
node_ready=$(now_s)
# a fresh deployment each time: the stories create the founding issuer's DID, which exists
# once per DID registry
scripts/deploy.sh --network local --force
deployed=$(now_s)
cargo run -q -p sovra-e2e --bin demo -- --network local
done_at=$(now_s)
say "demo: done in $(( done_at - start ))s (node ready after $(( node_ready - node_start ))s, deploy $(( deployed - node_ready ))s, stories $(( done_at - deployed ))s)"
