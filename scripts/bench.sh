#!/usr/bin/env bash
# Measures weight (ref_time, proof_size), storage deposit and Wasm size of Sovra's key messages
# against the built bundles, side by side with Cardinal's reference PSP22 contract (the `psp22`
# 2.0 crate's own contract, built from the published crate in the cargo registry, unmodified),
# then lists where the token's and NFT's Wasm bytes go. Report: target/bench/weights.md.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$SOVRA_ROOT"
scripts/build.sh
# The crate the token already depends on (Cargo.lock pins 2.0.0): its directory in the registry.
reference="$(cargo metadata --format-version 1 --locked | python3 -c '
import json, os, sys
d = json.load(sys.stdin)
print(next(os.path.dirname(p["manifest_path"]) for p in d["packages"] if p["name"] == "psp22" and p["version"] == "2.0.0"))')"
scripts/build.sh "$reference"
cargo run --quiet -p sovra -- bench
for name in token nft; do
    printf '\n## %s: largest functions (wasm-opt -Oz, names kept)\n\n```\n' "$name"
    python3 scripts/wasm-sizes.py "$CARGO_TARGET_DIR/ink/$name/wasm32-unknown-unknown/release/$name.wasm" 12
    printf '```\n'
done | tee -a "$SOVRA_INK_DIR/../bench/weights.md"
