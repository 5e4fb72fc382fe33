#!/usr/bin/env bash
# Sovra's main command: plays the identity, governance and ownership stories with real
# transactions (`sovra demo`, tools/sovra/src/demo.rs), printing each step and checking each
# outcome; exits non-zero if any outcome differs from the expected one.
#
#   scripts/demo.sh            on the in-process runtime: builds the contracts if needed, deploys
#                              a fresh suite as one DAO (deployments/profiles/local.json, verified,
#                              every role with the governor) and plays the three stories — no node
#   scripts/demo.sh --node     on the local node: starts it (building it once per machine),
#                              deploys with scripts/deploy.sh (→ deployments/local.json) and plays
#                              the three stories against that deployment
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$SOVRA_ROOT"

node=0
for arg in "$@"; do
    case "$arg" in
        --node) node=1 ;;
        *) die "unknown argument $arg (scripts/demo.sh [--node])" ;;
    esac
done

start=$(now_s)
scripts/setup.sh
build_missing_bundles
built=$(now_s)
if [ "$node" = 0 ]; then
    cargo run -q -p sovra -- demo
    done_at=$(now_s)
    say "demo: done in $(( done_at - start ))s (contracts ready after $(( built - start ))s, tool and stories $(( done_at - built ))s)"
    exit 0
fi
scripts/node.sh install
node_start=$(now_s)
scripts/node.sh start
node_ready=$(now_s)
# a fresh deployment each time: the stories create the founding issuer's DID, which exists
# once per DID registry
scripts/deploy.sh --network local --force
deployed=$(now_s)
cargo run -q -p sovra -- demo --node --network local
done_at=$(now_s)
say "demo: done in $(( done_at - start ))s (node ready after $(( node_ready - node_start ))s, deploy $(( deployed - node_ready ))s, stories $(( done_at - deployed ))s)"
