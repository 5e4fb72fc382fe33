#!/bin/sh
# The `cargo` that cargo-contract runs (via $CARGO): every command on the pinned Wasm toolchain
# ($SOVRA_WASM_TOOLCHAIN, Rust 1.81–1.86 with rust-src), except cargo-contract's clippy pass,
# which runs on the host toolchain — Debian's Rust 1.85 ships no clippy, and the lints
# (arithmetic_side_effects, cast_*) are checked on host code anyway.
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
exec "$rustup_bin/cargo" +"$SOVRA_WASM_TOOLCHAIN" "$@"
