#!/usr/bin/env bash
# Measures weight (ref_time, proof_size), storage deposit and Wasm size of Sovra's key messages
# against the built bundles (runs scripts/build.sh first). Report: target/bench/weights.md.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$SOVRA_ROOT"
scripts/build.sh
cargo run --quiet -p sovra-e2e --bin bench
