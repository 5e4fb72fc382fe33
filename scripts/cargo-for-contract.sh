#!/bin/sh
# The `cargo` that cargo-contract runs (via $CARGO): every command on the pinned Wasm toolchain
# ($SOVRA_WASM_TOOLCHAIN, Rust 1.81–1.86 with rust-src), except cargo-contract's clippy pass,
# which runs on the host toolchain — Debian's Rust 1.85 ships no clippy, and the lints
# (arithmetic_side_effects, cast_*) are checked on host code anyway.
#
# One target directory for every contract: cargo-contract gives each workspace member its own
# (`<target>/ink/<name>`), so each of them compiled `core`, `alloc` and every dependency again
# (4–7 minutes per contract on a new machine). With $SOVRA_SHARED_INK_TARGET set (scripts/build.sh
# sets it), the Wasm build and the metadata build run in that one directory instead — the
# dependencies are compiled once, for the Wasm and for the host, with the same flags and features
# for every contract — and the contract's Wasm is copied to where cargo-contract looks for it.
rustup_bin="$(dirname "$(command -v rustup)")"
if [ "$1" = "clippy" ]; then
    unset RUSTUP_TOOLCHAIN RUSTC RUSTDOC
    # A third-party contract (the benchmark's reference) is measured, not held to our lints:
    # they are reported as warnings (the flag lands after cargo-contract's `--`, for rustc).
    if [ "${SOVRA_CAP_LINTS:-0}" = 1 ]; then
        exec "$rustup_bin/cargo" "$@" --cap-lints=warn
    fi
    exec "$rustup_bin/cargo" "$@"
fi
# cargo-contract builds in a temporary workspace (beside the manifest it passes) without the project's
# Cargo.lock, so cargo would resolve every dependency to its newest compatible version on each
# build: the same commit could compile other code next month. The project's lock goes there first
# (scripts/build.sh names it), so contracts build with exactly the versions the lock pins.
if [ -n "${SOVRA_WORKSPACE_LOCK:-}" ] && { [ "$1" = "build" ] || [ "$1" = "run" ]; }; then
    manifest_dir="."
    previous=""
    for arg in "$@"; do
        case "$arg" in --manifest-path=*) manifest_dir="$(dirname "${arg#--manifest-path=}")" ;; esac
        [ "$previous" = "--manifest-path" ] && manifest_dir="$(dirname "$arg")"
        previous="$arg"
    done
    if [ ! -f "$manifest_dir/Cargo.lock" ] && [ -f "$manifest_dir/Cargo.toml" ]; then
        cp "$SOVRA_WORKSPACE_LOCK" "$manifest_dir/Cargo.lock"
    fi
fi
if [ -z "${SOVRA_SHARED_INK_TARGET:-}" ] || { [ "$1" != "build" ] && [ "$1" != "run" ]; }; then
    exec "$rustup_bin/cargo" +"$SOVRA_WASM_TOOLCHAIN" "$@"
fi
command="$1"
own_target=""
next_is_target=0
# (the Wasm build passes `--target-dir=DIR`, the metadata build `--target-dir DIR`)
for arg in "$@"; do
    shift
    if [ "$next_is_target" = 1 ]; then
        own_target="$arg"; next_is_target=0
        set -- "$@" "$SOVRA_SHARED_INK_TARGET"
        continue
    fi
    case "$arg" in
        --target-dir=*) own_target="${arg#--target-dir=}"; set -- "$@" "--target-dir=$SOVRA_SHARED_INK_TARGET" ;;
        --target-dir) next_is_target=1; set -- "$@" "$arg" ;;
        *) set -- "$@" "$arg" ;;
    esac
done
"$rustup_bin/cargo" +"$SOVRA_WASM_TOOLCHAIN" "$@" || exit
# cargo-contract reads the Wasm from {its target dir}/wasm32-unknown-unknown/release/<crate>.wasm;
# the crate is the package in the working directory (cargo-contract's temporary manifest).
if [ "$command" = "build" ] && [ -n "$own_target" ]; then
    crate="$(sed -n 's/^name = "\(.*\)"/\1/p' Cargo.toml | head -1 | tr - _)"
    mkdir -p "$own_target/wasm32-unknown-unknown/release"
    cp "$SOVRA_SHARED_INK_TARGET/wasm32-unknown-unknown/release/$crate.wasm" \
        "$own_target/wasm32-unknown-unknown/release/$crate.wasm"
fi
