#!/usr/bin/env bash
# The token's library choice, measured (issue #10): builds the same PSP22 core on pendzl, on
# Cardinal's psp22::PSP22Data and in-tree (bench/psp22_*), then compares Wasm size and the
# weight of a transfer in the in-process runtime. Report: target/bench/psp22-choice.md.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$SOVRA_ROOT"
scripts/build.sh bench/psp22_on_pendzl bench/psp22_on_cardinal bench/psp22_in_tree
cargo run --quiet -p sovra -- psp22-choice
