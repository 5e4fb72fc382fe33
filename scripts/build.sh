#!/usr/bin/env bash
# Builds every Sovra contract with `cargo contract build --release` (Rust $SOVRA_WASM_TOOLCHAIN),
# checks that each Wasm is MVP-only (pallet-contracts rejects bulk-memory, reference-types,
# multi-value and saturating float conversion), collects `<name>.wasm/.json/.contract` into
# target/ink/<name>/, and prints a size table.
#
#   scripts/build.sh [contract ...]     (default: all, in deployment order)
#
# A contract is a name under contracts/, a crate directory relative to the repository (e.g.
# bench/psp22_in_tree, the library-choice measurement) or an absolute crate directory (e.g. a
# published contract crate in the cargo registry, the benchmark's reference).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

contracts=("$@")
[ "${#contracts[@]}" -gt 0 ] || contracts=("${SOVRA_CONTRACTS[@]}")
command -v wasm-validate >/dev/null || die "wasm-validate not found: run scripts/setup.sh"

rows=()
for arg in "${contracts[@]}"; do
    # outside=1: a crate outside the workspace (not ours: our lint set is not applied, and
    # cargo-contract puts its artifacts at the top of the ink directory)
    outside=0
    case "$arg" in
        /*) manifest="$arg/Cargo.toml"; name="$(sed -n 's/^name = "\(.*\)"/\1/p' "$manifest" 2>/dev/null | head -1)"; outside=1 ;;
        */*) manifest="$SOVRA_ROOT/$arg/Cargo.toml"; name="$(basename "$arg")" ;;
        *) manifest="$SOVRA_ROOT/contracts/$arg/Cargo.toml"; name="$arg" ;;
    esac
    [ -f "$manifest" ] || die "unknown contract '$arg' (no $manifest)"
    start=$(now_s)
    log="$SOVRA_CACHE/build-$name.log"
    if ! SOVRA_CAP_LINTS=$outside CARGO="$SOVRA_ROOT/scripts/cargo-for-contract.sh" cargo-contract contract build --release \
        --manifest-path "$manifest" >"$log" 2>&1; then
        tail -40 "$log" >&2
        die "cargo contract build failed for $name (full log: $log)"
    fi
    src="$CARGO_TARGET_DIR/ink/$name"
    if [ "$outside" = 1 ]; then src="$CARGO_TARGET_DIR/ink"; fi
    dst="$SOVRA_INK_DIR/$name"
    for ext in wasm json contract; do
        [ -f "$src/$name.$ext" ] || die "$name: cargo-contract produced no $src/$name.$ext"
    done
    wasm="$src/$name.wasm"
    if ! wasm-validate --disable-bulk-memory --disable-reference-types --disable-multi-value \
        --disable-saturating-float-to-int "$wasm" 2>"$SOVRA_CACHE/validate-$name.log"; then
        cat "$SOVRA_CACHE/validate-$name.log" >&2
        die "$name.wasm is not MVP-only Wasm: pallet-contracts would reject it (see above)"
    fi
    mkdir -p "$dst"
    for ext in wasm json contract; do cp "$src/$name.$ext" "$dst/$name.$ext"; done
    wasm="$dst/$name.wasm"
    rows+=("$(printf '%-22s %10s  %-6s  %s' "$name" "$(stat -c %s "$wasm")" "$(( $(now_s) - start ))s" "${dst#"$SOVRA_ROOT"/}/$name.json")")
done

printf '%-22s %10s  %-6s  %s\n' "contract" "wasm bytes" "time" "metadata"
printf '%s\n' "${rows[@]}"
