#!/usr/bin/env bash
# Deploys the Sovra suite as one DAO and records it in deployments/<network>.json.
#
#   scripts/deploy.sh [--url ws://…] [--suri-file FILE] [--network NAME] [--profile NAME] [--force] [--dry-run] [--verify]
#
# Deploys in dependency order with the parameters of deployments/profiles/<profile>.json
# (default: the network's name): DID registry → credential registry (+ the membership schema,
# its founding issuer trusted) → token (gated by that credential) → NFT → governor; then hands
# every role of the credential registry, token and NFT to the governor and renounces the
# deployer's. Then verifies on chain and prints every contract's address and code hash, every
# wiring read back, and every role's holder — failing (exit 1, file not written) if the
# deployer still holds a role or anything differs from the profile.
#
# --dry-run instantiates nothing: it dry-runs every constructor in order (each with the
# would-be addresses of the ones before) and prints the arguments and the storage deposit each
# would reserve, and the wiring calls that would follow.
#
# --verify re-verifies the deployment recorded in deployments/<network>.json against the chain
# (every check above again) without deploying; exit 1 on any difference.
#
# The deployer's secret URI comes from --suri-file FILE or the environment variable
# SOVRA_DEPLOYER_SURI, never from the command line (visible to every user in `ps`); the local
# network defaults to the dev account //Alice.
#
# Defaults: the local node (started on demand), network "local". On a chain where the recorded
# deployment still exists it re-verifies it instead of deploying again (--force deploys anew).
# The file is written atomically; a failed step leaves the previous file as it was.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$SOVRA_ROOT"

url="ws://127.0.0.1:${SOVRA_NODE_PORT:-9944}"
suri_file=""
network="local"
verify=0
profile=""
force=0
dry_run=0
while [ $# -gt 0 ]; do
    case "$1" in
        --url) url="$2"; shift 2 ;;
        --suri-file) suri_file="$2"; shift 2 ;;
        --suri) die "--suri is refused: a secret on the command line is visible in ps (use --suri-file or SOVRA_DEPLOYER_SURI)" ;;
        --verify) verify=1; shift ;;
        --network) network="$2"; shift 2 ;;
        --profile) profile="$2"; shift 2 ;;
        --force) force=1; shift ;;
        --dry-run) dry_run=1; shift ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done
[[ "$network" =~ ^[a-z0-9_-]+$ ]] || die "network name must match [a-z0-9_-]+"
out="deployments/$network.json"
profile="${profile:-$network}"
profile_file="deployments/profiles/$profile.json"
[ -f "$profile_file" ] || die "no deployment profile $profile_file"
http_url="${url/#ws:/http:}"
http_url="${http_url/#wss:/https:}"

rpc() {
    curl -s -m 10 -H 'Content-Type: application/json' \
        -d "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"$1\",\"params\":$2}" "$http_url"
}
json_get() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# --- the chain --------------------------------------------------------------------------
if ! rpc system_health '[]' 2>/dev/null | grep -q '"result"'; then
    if [ "$url" = "ws://127.0.0.1:${SOVRA_NODE_PORT:-9944}" ]; then
        say "deploy: starting the local node"
        scripts/node.sh start >/dev/null
    else
        die "node unreachable at $url"
    fi
fi
genesis="$(rpc chain_getBlockHash '[0]' | json_get 'd["result"]')" || die "cannot read the genesis hash from $url"

# --- bundles -----------------------------------------------------------------------------
build_missing_bundles

# --- already deployed? re-verify -----------------------------------------------------------
reverify() {
    cargo run -q -p sovra --no-default-features -- verify --url "$url" --profile "$profile_file" "$out"
}
if [ "$verify" = 1 ]; then
    [ -f "$out" ] || die "no deployment recorded in $out to verify"
    reverify
    exit $?
fi
if [ -f "$out" ] && [ "$force" = 0 ] && [ "$dry_run" = 0 ]; then
    recorded="$(json_get 'd["genesis_hash"]' < "$out")"
    if [ "$recorded" = "$genesis" ]; then
        all_there=1
        for name in "${SOVRA_SUITE[@]}"; do
            address="$(json_get "d['contracts'].get('$name', {}).get('address', '')" < "$out")"
            if [ -z "$address" ] || ! cargo contract info --contract "$address" --url "$url" >/dev/null 2>&1; then
                all_there=0
            fi
        done
        if [ "$all_there" = 1 ]; then
            say "deploy: the deployment recorded in $out exists on this chain (genesis $genesis): verifying it again (--force deploys anew)"
            reverify
            exit $?
        fi
    fi
fi

# --- deploy, wire, hand over, verify -------------------------------------------------------
# The wiring is sovra_client::deployment (crates/client/src/deployment.rs): the function the
# end-to-end test tests/suite.rs runs on both backends, so what is tested is what is deployed.
# The tool is built without its `in-process` feature: deploying compiles no runtime.
node_version="$(rpc system_version '[]' | json_get 'd["result"]')"
tools=(--tool "ink=5.1.1" --tool "cargo-contract=$(cargo contract --version 2>/dev/null | awk '{print $2}')"
       --tool "substrate-contracts-node=$node_version"
       --tool "rustc-wasm=$(rustc +"$SOVRA_WASM_TOOLCHAIN" --version 2>/dev/null | awk '{print $2}')")
mkdir -p deployments
flags=()
[ "$dry_run" = 0 ] || flags+=(--dry-run)
# the secret travels in the environment (or a file), never in argv
if [ -n "$suri_file" ]; then
    [ -r "$suri_file" ] || die "cannot read --suri-file $suri_file"
    flags+=(--suri-file "$suri_file")
elif [ -z "${SOVRA_DEPLOYER_SURI:-}" ]; then
    [ "$network" = local ] || die "no deployer secret: set SOVRA_DEPLOYER_SURI or pass --suri-file FILE"
    export SOVRA_DEPLOYER_SURI="//Alice"
fi
cargo run -q -p sovra --no-default-features -- deploy --url "$url" --profile "$profile_file" \
    --network "$network" --out "$out" "${tools[@]}" "${flags[@]}"
