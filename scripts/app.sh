#!/usr/bin/env bash
# Runs Sovra's web app against the local node.
#
#   scripts/app.sh            starts the local node (built once per machine), deploys the suite
#                             unless deployments/local.json's contracts are live on it, builds the
#                             app and serves it at http://127.0.0.1:5173 until Ctrl-C
#   scripts/app.sh --demo     plays the demo on a fresh deployment first: members with
#                             credentials and tokens, an issuer, proposals to look at
#   scripts/app.sh --port N   serves on port N
# The development accounts (//Alice … //Ferdie) sign on the local chain; a wallet extension's
# accounts appear after "Connect wallet".
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$SOVRA_ROOT"

demo=0
port=5173
while [ $# -gt 0 ]; do
    case "$1" in
        --demo) demo=1 ;;
        --port) port="${2:?--port needs a number}"; shift ;;
        *) die "unknown argument $1 (scripts/app.sh [--demo] [--port N])" ;;
    esac
    shift
done

scripts/setup.sh >/dev/null
app_install
build_missing_bundles
scripts/node.sh install
scripts/node.sh start
if [ "$demo" = 1 ]; then
    scripts/deploy.sh --network local --force
    cargo run -q -p sovra -- demo --node --network local | grep -E '^(━━|[0-9]+ checks)'
elif [ ! -f deployments/local.json ] || ! (cd app/client && SOVRA_NODE_URL="$(cd "$SOVRA_ROOT" && scripts/node.sh status)" node scripts/live.mjs ../../deployments/local.json); then
    say "the suite is not deployed on this node: deploying it"
    scripts/deploy.sh --network local --force
fi
(cd app/web && npx vite build --logLevel warn)
say "Sovra app: http://127.0.0.1:$port  (node $(scripts/node.sh status); Ctrl-C stops the app, scripts/node.sh stop the node)"
cd app/web && exec npx vite preview --host 127.0.0.1 --port "$port" --strictPort
