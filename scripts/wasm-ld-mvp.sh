#!/bin/sh
# Linker for wasm32-unknown-unknown contract builds. With -Clinker-plugin-lto the code is
# generated inside the linker, so the CPU must be given to the linker: `-mllvm -mcpu=mvp` keeps
# the output free of bulk-memory, reference-types, multi-value and saturating float conversion,
# which pallet-contracts rejects. Uses LLVM 19's wasm-ld to match rustc 1.85/1.86 bitcode.
[ "$1" = "-flavor" ] && shift 2
if [ -n "$SOVRA_WASM_LD" ]; then
    ld="$SOVRA_WASM_LD"
elif command -v wasm-ld-19 >/dev/null 2>&1; then
    ld=wasm-ld-19
else
    ld=wasm-ld
fi
exec "$ld" -mllvm -mcpu=mvp "$@"
