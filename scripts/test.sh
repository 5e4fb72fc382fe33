#!/usr/bin/env bash
# The project's test command (README) and the only thing CI runs:
#   setup → local node (built once per machine; started in the background) → build (+ MVP
#   check) → clippy (cargo-contract's lints on the contracts) → unit tests and the typed-call
#   doctests → end-to-end tests against the built bundles, in the in-process runtime and then on
#   the local node → the demo in process → deployment and the demo on the local node; the
#   TypeScript client and web app (scripts/app-test.sh): generated types, typecheck and unit
#   tests off-chain, then the client on the node and the app in headless Chromium.
# Builds persist in $SOVRA_CACHE (default ~/.cache/sovra), so a second run reuses them.
# A node that was already running is reused and left running; one started here is stopped.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$SOVRA_ROOT"

declare -a PHASES=()
phase_start=0
begin() { phase_start=$(now_s); printf '\n== %s\n' "$1"; }
end() { PHASES+=("$(printf '%-40s %5ss' "$1" "$(( $(now_s) - phase_start ))")"); }
total_start=$(now_s)

passed=0
failed=0
# Runs cargo test, echoes its output, and adds its counts to the totals.
run_tests() {
    local out="$SOVRA_CACHE/test-output.log" status=0
    cargo test "$@" 2>&1 | tee "$out" || status=$?   # pipefail: cargo's status
    local p f
    p=$(awk '/^test result:/ { for (i = 1; i <= NF; i++) if ($i ~ /^passed/) s += $(i-1) } END { print s + 0 }' "$out")
    f=$(awk '/^test result:/ { for (i = 1; i <= NF; i++) if ($i ~ /^failed/) s += $(i-1) } END { print s + 0 }' "$out")
    passed=$(( passed + ${p:-0} ))
    failed=$(( failed + ${f:-0} ))
    return $status
}
node_started_here=0
node_starter=
finish() {
    local status=$?
    if [ -n "$node_starter" ]; then kill "$node_starter" 2>/dev/null || true; fi
    if [ "$node_started_here" = 1 ]; then scripts/node.sh stop >/dev/null || true; fi
    printf '\n== summary\n'
    printf '%s\n' "${PHASES[@]}"
    printf '%-40s %5ss\n' "total" "$(( $(now_s) - total_start ))"
    if [ "$status" = 0 ]; then printf 'tests: %s passed, %s failed\n' "$passed" "$failed"
    else printf 'FAILED (exit %s): %s passed, %s failed so far\n' "$status" "$passed" "$failed"; fi
}
trap finish EXIT

begin "setup"; scripts/setup.sh; end "setup"

begin "local node"
scripts/node.sh install   # when missing: says it is a one-time build and how long it takes
if scripts/node.sh status >/dev/null 2>&1; then
    say "reusing the running node: $(scripts/node.sh status)"
else
    # A debug-built node needs a few minutes before RPC answers: start it now, use it last.
    node_started_here=1
    scripts/node.sh start > "$SOVRA_CACHE/node-start.out" 2>&1 &
    node_starter=$!
    say "starting the node in the background (log: $SOVRA_CACHE/node.log)"
fi
end "local node"

begin "build contracts (Wasm)"; scripts/build.sh; end "build contracts (Wasm)"

contract_pkgs=(-p sovra-interfaces -p sovra-kit)
for name in "${SOVRA_CONTRACTS[@]}"; do contract_pkgs+=(-p "$name"); done

begin "clippy (cargo-contract lint set)"
cargo clippy "${contract_pkgs[@]}" --all-targets --quiet -- -D warnings \
    -D clippy::arithmetic_side_effects -D clippy::cast_possible_truncation \
    -D clippy::cast_possible_wrap -D clippy::cast_sign_loss
# the client, the in-process chain, the tool and the tests: clippy's default set
cargo clippy -p sovra-client -p sovra-sandbox -p sovra -p sovra-e2e --all-targets --quiet -- -D warnings
cargo clippy -p sovra --no-default-features --quiet -- -D warnings
end "clippy (cargo-contract lint set)"

begin "unit tests (off-chain)"
run_tests "${contract_pkgs[@]}" --lib
run_tests -p sovra-client -p sovra-sandbox --lib   # the reference DID resolver against its golden file; deployment profiles; the dev keyring
run_tests -p sovra-client --doc          # typed calls: a misspelt message or a wrong argument does not compile
run_tests -p psp22_in_tree                # Cardinal's PSP22 conformance suite on the in-tree core
# ... and on the token itself, but for the six tests that count events and expect PSP22's alone
# (the token also emits role and vote events; its own tests assert the exact event lists)
run_tests -p token --lib --features psp22-conformance psp22_unit_tests -- \
    --skip psp22_unit_tests::constructor_emits_event --skip psp22_unit_tests::constructor_with_0_supply_emits_no_events \
    --skip psp22_unit_tests::multiple_transfers_emit_correct_events --skip psp22_unit_tests::transfer_emits_event \
    --skip psp22_unit_tests::transfer_from_emits_events --skip psp22_unit_tests::transfer_from_myself_works_without_allowance
run_tests -p sovra-e2e --test standards   # the bundles carry the published PSP22/PSP34 selectors
run_tests -p sovra-e2e --test metadata    # each bundle lists exactly the events its contract can emit
end "unit tests (off-chain)"

# Adds scripts/app-test.sh's counts (vitest) to the totals.
add_app_counts() {
    local p f
    read -r p f < "$SOVRA_CACHE/app-test-counts" || { p=0; f=0; }
    passed=$(( passed + p ))
    failed=$(( failed + f ))
}

begin "client and app (TypeScript, off-chain)"
status=0
scripts/app-test.sh unit || status=$?
add_app_counts
[ "$status" = 0 ] || exit "$status"
end "client and app (TypeScript, off-chain)"

begin "end-to-end tests (in-process runtime)"
run_tests -p sovra-e2e --tests sandbox::
end "end-to-end tests (in-process runtime)"

begin "end-to-end tests (local node)"
if [ -n "$node_starter" ]; then
    say "waiting for the node to answer RPC"
    wait "$node_starter" || { cat "$SOVRA_CACHE/node-start.out" >&2; die "the local node did not start"; }
    node_starter=
    cat "$SOVRA_CACHE/node-start.out"
fi
SOVRA_NODE_URL="$(scripts/node.sh status)"
export SOVRA_NODE_URL
say "node: $SOVRA_NODE_URL"
run_tests -p sovra-e2e --tests node::
end "end-to-end tests (local node)"

begin "demo (in-process runtime)"
cargo run -q -p sovra -- demo | tee "$SOVRA_CACHE/demo-in-process.log" | grep -E '^(━━|[0-9]\. |  ✗|✗|[0-9]+ checks)'
end "demo (in-process runtime)"

begin "deployment and demo (local node)"
# The suite deployed as scripts/deploy.sh does it for users (verified on chain: every role with
# the governor), then the stories of scripts/demo.sh against it; any unexpected answer fails.
scripts/deploy.sh --network local --force
cargo run -q -p sovra -- demo --node --network local | tee "$SOVRA_CACHE/demo-output.log" | grep -E '^(━━|[0-9]\. |  ✗|✗|[0-9]+ checks)'
# the README's Rust example, as written, on that deployment
SOVRA_README_EXAMPLE=1 run_tests -p sovra-e2e --test readme
end "deployment and demo (local node)"

begin "client on the node, app in Chromium"
# the deployment and the demo's data just made: the client's node tests, then the browser test
status=0
scripts/app-test.sh browser --deployed || status=$?
add_app_counts
[ "$status" = 0 ] || exit "$status"
end "client on the node, app in Chromium"
