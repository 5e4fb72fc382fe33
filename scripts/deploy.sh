#!/usr/bin/env bash
# Deploys the Sovra suite to a pallet-contracts chain with cargo-contract and records it in
# deployments/<network>.json.
#
#   scripts/deploy.sh [--url ws://…] [--suri SURI] [--network NAME] [--force] [--dry-run]
#
# --dry-run instantiates nothing: it dry-runs every constructor in order (each with the
# would-be addresses of the ones before) and prints what would be deployed, with its arguments
# and the storage deposit each would reserve.
#
# Defaults: the local node (started on demand), //Alice, network "local". Contracts are
# instantiated in dependency order (credential_registry gets the did_registry address; the
# deployer holds the credential registry's admin roles until the governor exists). On a chain
# where the recorded deployment still exists it says so instead of deploying again (--force
# deploys anew). The file is written atomically; a failed step leaves the previous file as it was.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$SOVRA_ROOT"

url="ws://127.0.0.1:${SOVRA_NODE_PORT:-9944}"
suri="//Alice"
network="local"
force=0
dry_run=0
while [ $# -gt 0 ]; do
    case "$1" in
        --url) url="$2"; shift 2 ;;
        --suri) suri="$2"; shift 2 ;;
        --network) network="$2"; shift 2 ;;
        --force) force=1; shift ;;
        --dry-run) dry_run=1; shift ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done
[[ "$network" =~ ^[a-z0-9_-]+$ ]] || die "network name must match [a-z0-9_-]+"
out="deployments/$network.json"
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

# --- already deployed? --------------------------------------------------------------------
if [ -f "$out" ] && [ "$force" = 0 ] && [ "$dry_run" = 0 ]; then
    recorded="$(json_get 'd["genesis_hash"]' < "$out")"
    if [ "$recorded" = "$genesis" ]; then
        all_there=1
        for name in "${SOVRA_CONTRACTS[@]}"; do
            address="$(json_get "d['contracts'].get('$name', {}).get('address', '')" < "$out")"
            if [ -z "$address" ] || ! cargo contract info --contract "$address" --url "$url" >/dev/null 2>&1; then
                all_there=0
            fi
        done
        if [ "$all_there" = 1 ]; then
            say "deploy: the deployment recorded in $out exists on this chain (genesis $genesis); nothing to do (--force deploys again)"
            exit 0
        fi
    fi
fi

# --- bundles -----------------------------------------------------------------------------
build_missing_bundles

# --- instantiate in dependency order -------------------------------------------------------
tmp_dir="$(mktemp -d)"
trap 'rm -rf "$tmp_dir"' EXIT
salt="0x$(date +%s%N | sha256sum | cut -c1-16)"
declare -A address=() code_hash=() args_of=() deposit_of=()
deployer=""
# A dry run cannot tell the deployer's address (the real run reads it from the events); the
# zero account stands in for it — an account id is an account id to a constructor's deposit.
[ "$dry_run" = 0 ] || deployer="5C4hrfjw9DjXZTzV3MwzrrAr9P1MJhSrvWGWqi1eSuyUpnhM"

instantiate() {
    local name="$1"; shift
    local log="$tmp_dir/$name.json" err="$tmp_dir/$name.err"
    local bundle="$SOVRA_INK_DIR/$name/$name.contract"
    if [ "$dry_run" = 1 ]; then
        cargo contract instantiate "$bundle" --constructor new ${1:+--args "$@"} \
            --suri "$suri" --url "$url" --salt "$salt" --output-json >"$log" 2>"$err" || {
            cat "$err" "$log" >&2
            die "dry-running the constructor of $name failed"
        }
        [ "$(json_get 'd["reverted"]' < "$log")" = False ] || die "the constructor of $name would revert: $(cat "$log")"
        address[$name]="$(json_get 'd["contract"]' < "$log")"
        deposit_of[$name]="$(json_get 'd["storage_deposit"].get("Charge", 0)' < "$log")"
        args_of[$name]="$*"
        return
    fi
    if ! cargo contract instantiate "$bundle" --constructor new ${1:+--args "$@"} \
        --suri "$suri" --url "$url" --salt "$salt" -x -y --output-json >"$log" 2>"$err"; then
        if grep -qiE "Inability to pay|InsufficientBalance|FundsUnavailable|balance too low" "$err" "$log"; then
            die "the account of '$suri' cannot pay for deploying $name (fund it)"
        fi
        cat "$err" "$log" >&2
        die "instantiating $name failed"
    fi
    address[$name]="$(json_get 'd["contract"]' < "$log")"
    code_hash[$name]="$(json_get 'd["source"]["hash"]' < "$bundle")"
    args_of[$name]="$*"
    if [ -z "$deployer" ]; then
        deployer="$(python3 - "$log" <<'PY'
import json, sys
events = json.load(open(sys.argv[1]))["events"]
for e in events:
    if e.get("name") == "Instantiated":
        for f in e.get("fields", []):
            if f.get("name") == "deployer":
                v = f["value"]
                print(v["Literal"] if isinstance(v, dict) and "Literal" in v else v)
                sys.exit(0)
sys.exit("no Instantiated event with a deployer")
PY
)" || die "cannot tell the deployer's address from the instantiate events"
    fi
    say "deploy: $name at ${address[$name]}"
}

# The DID registry binds signed operations to this network: its genesis hash is the chain id.
instantiate did_registry "$genesis"
instantiate credential_registry "${address[did_registry]}" "$deployer"
# The governance token (deployment parameters move to a profile with the governor, #12):
# name, symbol, decimals, initial supply to the deployer, no cap, no compliance gate.
instantiate token 'Some("Sovra")' 'Some("SOV")' 12 1000000000000000000 None None
# The NFT collection: transferable (not soulbound), no default royalty, no compliance gate.
instantiate nft false None None
# The DAO governor of the token (parameters move to a deployment profile with #12): voting
# opens 1 block after a proposal and lasts 50, no proposal threshold, quorum 4% of the supply,
# timelock 10 blocks, executable for 1,000 blocks after it, late quorum extends by 10, votes
# weighted by tokens; no membership gate, no guardian.
instantiate governor "${address[token]}" \
    '{ voting_delay: 1, voting_period: 50, proposal_threshold: 0, timelock_delay: 10, grace_period: 1000, vote_extension: 10, counting: TokenWeighted }' \
    400 None None

if [ "$dry_run" = 1 ]; then
    total=0
    printf '\ndeploy --dry-run on %s (genesis %s): nothing was sent\n\n' "$url" "$genesis"
    printf '%-20s %22s  %s\n' contract "storage deposit" "constructor arguments"
    for name in "${SOVRA_CONTRACTS[@]}"; do
        shown="${args_of[$name]//$deployer/<deployer>}"
        for dep in "${SOVRA_CONTRACTS[@]}"; do shown="${shown//${address[$dep]:-none}/<$dep>}"; done
        printf '%-20s %22s  %s\n' "$name" "${deposit_of[$name]}" "$shown"
        total=$(( total + deposit_of[$name] ))
    done
    printf '%-20s %22s  (plancks, reserved from the deploying account)\n' total "$total"
    exit 0
fi

block="$(rpc chain_getHeader '[]' | json_get 'int(d["result"]["number"], 16)')"
node_version="$(rpc system_version '[]' | json_get 'd["result"]')"
python3 - "$tmp_dir/out.json" <<PY
import json, sys
contracts = {}
for name, addr, code, args in [
$(for name in "${SOVRA_CONTRACTS[@]}"; do
    printf '    ("%s", "%s", "%s", r'"'"'%s'"'"'),\n' "$name" "${address[$name]}" "${code_hash[$name]}" "${args_of[$name]}"
done)
]:
    contracts[name] = {
        "address": addr,
        "code_hash": code,
        "constructor": "new",
        "constructor_args": args.split() if args else [],
        "metadata": f"target/ink/{name}/{name}.json",
    }
json.dump({
    "network": "$network",
    "url": "$url",
    "genesis_hash": "$genesis",
    "block_number": $block,
    "deployer": "$deployer",
    "contracts": contracts,
    "tools": {
        "cargo_contract": "$(cargo contract --version | awk '{print $2}')",
        "ink": "5.1.1",
        "node": "$node_version",
    },
}, open(sys.argv[1], "w"), indent=2)
PY
mkdir -p deployments
mv "$tmp_dir/out.json" "$out"
say "deploy: wrote $out"
