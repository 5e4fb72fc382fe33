#!/usr/bin/env bash
# Builds every Sovra contract with `cargo contract build --release` (Rust $SOVRA_WASM_TOOLCHAIN),
# checks that each Wasm is MVP-only (pallet-contracts rejects bulk-memory, reference-types,
# multi-value and saturating float conversion), collects `<name>.wasm/.json/.contract` into
# target/ink/<name>/, and prints a size table; then regenerates the TypeScript client's contract APIs
# (app/client/src/generated) when app/'s packages are installed.
#
#   scripts/build.sh [contract ...]     (default: all, in deployment order)
#
# A contract is a name under contracts/, a crate directory relative to the repository (e.g.
# bench/psp22_in_tree, the library-choice measurement) or an absolute crate directory (e.g. a
# published contract crate in the cargo registry, the benchmark's reference). `name:feature`
# builds a contract with a cargo feature as the bundle `name_feature` (dashes → underscores),
# in a target directory the variants share — the second builds the upgrade tests need
# (SOVRA_TEST_BUNDLES).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

contracts=("$@")
[ "${#contracts[@]}" -gt 0 ] || contracts=("${SOVRA_CONTRACTS[@]}" "${SOVRA_TEST_BUNDLES[@]}")
command -v wasm-validate >/dev/null || die "wasm-validate not found: run scripts/setup.sh"

# Reproducible code hashes: cargo-contract builds a temporary copy of the contract whose path
# dependencies (sovra-interfaces, sovra-kit) are named by absolute path, and that path is hashed into every
# symbol; the same commit built in two clone directories gave different function orders, hence
# different code hashes. So the sources are synced to one fixed directory and built there: any
# clone, any user, same bytes — what lets a token holder check a proposal's code hash against
# the source. The sync rewrites only files whose content differs (cargo's fingerprints compare
# mtimes: a file from another clone with an older mtime must not look unchanged) and deletes the
# rest. One build at a time uses the directory (a lock).
# The directory is the script's own: created here and marked, and a directory without the mark
# is never written to or cleaned (SOVRA_BUILD_SRC could name any directory).
build_src="${SOVRA_BUILD_SRC:-/tmp/sovra-build-src}"
exec 9>"$build_src.lock"
flock 9
mark="$build_src/.sovra-build-src"
if [ -e "$build_src" ] && [ ! -f "$mark" ]; then
    if [ -z "$(ls -A "$build_src" 2>/dev/null)" ] && [ -d "$build_src" ]; then
        : # an empty directory: nothing to lose
    else
        die "$build_src exists and is not scripts/build.sh's source copy (no $mark): set SOVRA_BUILD_SRC to a new directory"
    fi
fi
mkdir -p "$build_src"
printf 'source copy of a Sovra clone made by scripts/build.sh; its files are replaced on every build\n' > "$mark"
(cd "$SOVRA_ROOT" && git ls-files -co --exclude-standard -z) | python3 -c '
import os, sys
src, dst = sys.argv[1], sys.argv[2]
files = {f for f in sys.stdin.read().split("\0") if f and os.path.isfile(os.path.join(src, f))}
for f in files:
    data = open(os.path.join(src, f), "rb").read()
    out = os.path.join(dst, f)
    try:
        same = open(out, "rb").read() == data
    except OSError:
        same = False
    if not same:
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, "wb") as fh:
            fh.write(data)
for root, dirs, names in os.walk(dst):
    for n in names:
        rel = os.path.relpath(os.path.join(root, n), dst)
        if rel not in files and rel != ".sovra-build-src":
            os.remove(os.path.join(root, n))
' "$SOVRA_ROOT" "$build_src"

# Every contract is compiled in one target directory (scripts/cargo-for-contract.sh): core, alloc
# and the dependencies are compiled once for all of them.
export SOVRA_SHARED_INK_TARGET="$CARGO_TARGET_DIR/ink-shared"
# ... with the dependency versions the project's Cargo.lock pins (scripts/cargo-for-contract.sh).
export SOVRA_WORKSPACE_LOCK="$build_src/Cargo.lock"

rows=()
for arg in "${contracts[@]}"; do
    # outside=1: a crate outside the workspace (not ours: our lint set is not applied, and
    # cargo-contract puts its artifacts at the top of the ink directory)
    outside=0
    feature=""
    case "$arg" in *:*) feature="${arg#*:}"; arg="${arg%%:*}" ;; esac
    case "$arg" in
        /*) manifest="$arg/Cargo.toml"; name="$(sed -n 's/^name = "\(.*\)"/\1/p' "$manifest" 2>/dev/null | head -1)"; outside=1 ;;
        */*) manifest="$build_src/$arg/Cargo.toml"; name="$(basename "$arg")" ;;
        *) manifest="$build_src/contracts/$arg/Cargo.toml"; name="$arg" ;;
    esac
    [ -f "$manifest" ] || die "unknown contract '$arg' (no $manifest)"
    start=$(now_s)
    log="$SOVRA_CACHE/build-$name.log"
    target="$CARGO_TARGET_DIR"
    bundle="$name"
    features=()
    if [ -n "$feature" ]; then
        # the variants' bundles are collected apart from the contract's own
        target="$CARGO_TARGET_DIR/variants"
        bundle="${name}_${feature//-/_}"
        features=(--features "$feature")
        log="$SOVRA_CACHE/build-$bundle.log"
    fi
    if ! CARGO_TARGET_DIR="$target" SOVRA_CAP_LINTS=$outside CARGO="$SOVRA_ROOT/scripts/cargo-for-contract.sh" cargo-contract contract build --release \
        --manifest-path "$manifest" "${features[@]}" >"$log" 2>&1; then
        tail -40 "$log" >&2
        die "cargo contract build failed for $name (full log: $log)"
    fi
    src="$target/ink/$name"
    if [ "$outside" = 1 ]; then src="$target/ink"; fi
    dst="$SOVRA_INK_DIR/$bundle"
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
    for ext in wasm json contract; do cp "$src/$name.$ext" "$dst/$bundle.$ext"; done
    wasm="$dst/$bundle.wasm"
    rows+=("$(printf '%-22s %10s  %-6s  %s' "$bundle" "$(stat -c %s "$wasm")" "$(( $(now_s) - start ))s" "${dst#"$SOVRA_ROOT"/}/$bundle.json")")
done

printf '%-22s %10s  %-6s  %s\n' "contract" "wasm bytes" "time" "metadata"
printf '%s\n' "${rows[@]}"

# The TypeScript client's contract APIs are generated from this metadata: regenerated here when
# app/'s packages are installed (scripts/app-test.sh fails when the committed ones are stale).
if [ -d "$SOVRA_ROOT/app/node_modules/.bin" ] && [ -f "$SOVRA_INK_DIR/governor/governor.json" ]; then
    (cd "$SOVRA_ROOT/app/client" && node scripts/codegen.mjs >/dev/null) || die "generating the TypeScript contract APIs failed"
    if [ -d "$SOVRA_ROOT/.git" ] && ! git -C "$SOVRA_ROOT" diff --quiet -- app/client/src/generated 2>/dev/null; then
        say "the metadata changed: app/client/src/generated regenerated — commit it with the contracts"
    fi
fi
