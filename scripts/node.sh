#!/usr/bin/env bash
# The local Substrate node (substrate-contracts-node 0.42.0 from the crate `contracts-node`).
#
#   scripts/node.sh install   build it once per machine into $SOVRA_CACHE/node (one-time,
#                             ~72 min on 2 cores from nothing); instant when present
#   scripts/node.sh start     run a dev chain on 127.0.0.1 (temporary base path, log file),
#                             wait until RPC answers, print the URL; reuses a running node
#   scripts/node.sh stop      stop the node this script started (pid file)
#   scripts/node.sh status    print the URL if running
#   scripts/node.sh path      print the binary's path
set -euo pipefail
. "$(dirname "$0")/lib.sh"

NODE_VERSION="0.42.0"
# The build profile is part of the install path: a node built another way (e.g. a plain debug
# build installed at $SOVRA_CACHE/node) is never taken for this one.
NODE_PROFILE="dev-fastvm"
NODE_ROOT="$SOVRA_CACHE/node-$NODE_VERSION-$NODE_PROFILE"
NODE_BIN="${CONTRACTS_NODE:-$NODE_ROOT/bin/substrate-contracts-node}"
NODE_PORT="${SOVRA_NODE_PORT:-9944}"
NODE_URL="ws://127.0.0.1:$NODE_PORT"
NODE_PID="$SOVRA_CACHE/node.pid"
NODE_LOG="$SOVRA_CACHE/node.log"
NODE_BASE="$SOVRA_CACHE/node-chain"

node_ok() { [ -x "$NODE_BIN" ] && "$NODE_BIN" --version 2>/dev/null | grep -q " $NODE_VERSION"; }

rpc_up() {
    curl -s -m 2 -H 'Content-Type: application/json' \
        -d '{"id":1,"jsonrpc":"2.0","method":"system_health","params":[]}' \
        "http://127.0.0.1:$NODE_PORT" 2>/dev/null | grep -q '"result"'
}


# The runtimes' Wasm builds (substrate-wasm-builder) first compile a probe crate for
# wasm32-unknown-unknown *without* build-std, so the toolchain needs a precompiled wasm32 std.
# Debian's rustc-web has none: build it once from rust-src and put it into the sysroot.
ensure_wasm32_std() {
    local sysroot libdir probe
    sysroot="$(rustc +"$SOVRA_WASM_TOOLCHAIN" --print sysroot)"
    libdir="$sysroot/lib/rustlib/wasm32-unknown-unknown/lib"
    if ls "$libdir"/libstd-*.rlib >/dev/null 2>&1; then return; fi
    say "node: building the wasm32 std for $SOVRA_WASM_TOOLCHAIN (one-time, ~2 min)"
    probe="$SOVRA_CACHE/wasm32-std-probe"
    rm -rf "$probe"
    mkdir -p "$probe/src"
    printf '[package]\nname = "probe"\nversion = "0.0.0"\nedition = "2021"\n[workspace]\n' > "$probe/Cargo.toml"
    echo 'fn main() {}' > "$probe/src/main.rs"
    (cd "$probe" && RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$probe/target" \
        cargo +"$SOVRA_WASM_TOOLCHAIN" build --quiet --release --target wasm32-unknown-unknown \
        -Zbuild-std=std,panic_abort) || die "building the wasm32 std failed"
    sudo_if_needed mkdir -p "$libdir"
    sudo_if_needed cp "$probe"/target/wasm32-unknown-unknown/release/deps/lib*.rlib "$libdir/"
}

install() {
    if node_ok; then say "node: $("$NODE_BIN" --version) at $NODE_BIN"; return; fi
    say "node: building substrate-contracts-node $NODE_VERSION (one-time per machine, ~72 min on 2 cores; log: $SOVRA_CACHE/node-build.log)"
    local missing=()
    command -v protoc >/dev/null || missing+=(protobuf-compiler)
    command -v clang >/dev/null || missing+=(clang)
    dpkg-query -W libclang-dev >/dev/null 2>&1 || missing+=(libclang-dev)
    command -v curl >/dev/null || missing+=(curl)
    if [ "${#missing[@]}" -gt 0 ]; then
        sudo_if_needed apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq "${missing[@]}" >/dev/null \
            || die "apt-get install ${missing[*]} failed"
    fi
    ensure_wasm32_std
    # The runtimes' Wasm builds resolve their own lock file unless pointed at the crate's
    # Cargo.lock, i.e. at the directory where `cargo install` unpacks the crate (it exists by the
    # time the runtimes build). The crate cannot be fetched separately: resolving it without its
    # lock file hits yanked dependencies.
    local registry src
    registry="$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/index.crates.io-* 2>/dev/null | head -1)"
    registry="${registry:-${CARGO_HOME:-$HOME/.cargo}/registry/src/index.crates.io-1949cf8c6b5b557f}"
    src="$registry/contracts-node-$NODE_VERSION"
    rm -f "$SOVRA_CACHE/node-target-$NODE_PROFILE"/*/wbuild/*/Cargo.lock
    # A debug build compiles in about half the time of a release build and is fine for tests;
    # static_init 1.0.3 does not compile with debug assertions (its debug path needs an optional
    # parking_lot), so they are off for it and its macro crate. No debug info: it would triple
    # the target directory and the link time, and nobody steps through the node.
    # Profile "dev-fastvm": the crates that compile the runtime (cranelift, regalloc2, wasmtime)
    # and that its host functions spend their time in (hashing, trie, state machine) are
    # optimised. Unoptimised, cranelift takes ~95 s to compile the runtime at every start
    # (genesis), which is the whole of a debug node's 2-minute start.
    local fast=() crate
    for crate in cranelift-codegen cranelift-codegen-shared cranelift-frontend cranelift-wasm \
        cranelift-entity cranelift-bforest cranelift-native cranelift-control regalloc2 \
        wasmparser wasmtime wasmtime-cranelift wasmtime-cranelift-shared wasmtime-environ \
        wasmtime-runtime wasmtime-jit wasmtime-types gimli object hashbrown \
        sc-executor sc-executor-common sc-executor-wasmtime sp-wasm-interface \
        blake2b_simd blake2 twox-hash sp-crypto-hashing sp-trie trie-db memory-db \
        sp-state-machine parity-scale-codec; do
        fast+=(--config "profile.dev.package.$crate.opt-level=3")
    done
    local start
    start=$(now_s)
    if ! WASM_BUILD_TOOLCHAIN="$SOVRA_WASM_TOOLCHAIN" WASM_BUILD_WORKSPACE_HINT="$src" \
        CARGO_TARGET_DIR="$SOVRA_CACHE/node-target-$NODE_PROFILE" \
        cargo --config 'profile.dev.package.static_init.debug-assertions=false' \
        --config 'profile.dev.package.static_init_macro.debug-assertions=false' "${fast[@]}" \
        --config 'profile.dev.debug=0' \
        install contracts-node --version "$NODE_VERSION" --locked --debug --force \
        --root "$NODE_ROOT" > "$SOVRA_CACHE/node-build.log" 2>&1; then
        tail -30 "$SOVRA_CACHE/node-build.log" >&2
        die "building substrate-contracts-node failed (log: $SOVRA_CACHE/node-build.log)"
    fi
    node_ok || die "built node does not report version $NODE_VERSION"
    say "node: built in $(( $(now_s) - start ))s: $NODE_BIN"
}

start() {
    if rpc_up; then say "$NODE_URL"; return; fi
    # A node this script started may still be booting (RPC not up yet): wait for it. Starting a
    # second one would delete the first one's database under it, and a test run reusing the
    # first would then hang on blocks that can no longer be written.
    if ! { [ -f "$NODE_PID" ] && kill -0 "$(cat "$NODE_PID")" 2>/dev/null; }; then
        node_ok || die "substrate-contracts-node $NODE_VERSION missing: run scripts/node.sh install"
        rm -rf "$NODE_BASE"
        mkdir -p "$NODE_BASE"
        nohup "$NODE_BIN" --dev --base-path "$NODE_BASE" --rpc-port "$NODE_PORT" \
            --rpc-cors all -lerror,runtime::contracts=debug > "$NODE_LOG" 2>&1 &
        echo $! > "$NODE_PID"
    fi
    # RPC answers once the genesis state is built, which compiles the runtime: ~95 s with an
    # unoptimised cranelift (a plain debug build; nearly 4 min while cargo builds alongside),
    # seconds with the dev-fastvm profile (see install).
    local started
    started=$(now_s)
    for _ in $(seq 1 1800); do
        if rpc_up; then say "node: RPC answered after $(( $(now_s) - started ))s"; say "$NODE_URL"; return; fi
        kill -0 "$(cat "$NODE_PID")" 2>/dev/null || { tail -20 "$NODE_LOG" >&2; die "node exited (log: $NODE_LOG)"; }
        sleep 0.5
    done
    stop >/dev/null
    die "node RPC did not answer within 900s (log: $NODE_LOG)"
}

stop() {
    if [ -f "$NODE_PID" ]; then
        local pid
        pid="$(cat "$NODE_PID")"
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid"
            for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
            # A node still shutting down answers RPC but authors no blocks: a later `start` or
            # test run would reuse it and wait for ever. Make sure it is gone.
            if kill -0 "$pid" 2>/dev/null; then
                kill -9 "$pid" 2>/dev/null || true
                for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
            fi
        fi
        rm -f "$NODE_PID"
        rm -rf "$NODE_BASE"
        say "node: stopped"
    else
        say "node: not started by this script"
    fi
}

case "${1:-}" in
    install) install ;;
    start) start ;;
    stop) stop ;;
    status) if rpc_up; then say "$NODE_URL"; else say "node: not running"; exit 1; fi ;;
    path) echo "$NODE_BIN" ;;
    *) die "usage: scripts/node.sh install|start|stop|status|path" ;;
esac
