#!/usr/bin/env bash
# Installs everything Sovra needs on Debian 12 and verifies each tool's version. Idempotent:
# seconds when everything is present. One line per step; fails naming the missing piece.
#
# Installs: Rust 1.85 (Debian rustc-web, with rust-src) linked into rustup as `sovra-1.85` for
# the Wasm build, LLVM 19's wasm-ld, wabt (wasm-validate), binaryen, and cargo-contract 5.0.3.
# On a machine with rustup instead (no Debian packages): see README, "Setup with rustup".
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mkdir -p "$SOVRA_CACHE"

step() { printf 'setup: %-44s' "$1"; }
ok() { printf 'ok (%s)\n' "$1"; }

APT_PACKAGES=(
    "rustc-web=$SOVRA_DEBIAN_RUST_VERSION"
    "cargo-web=$SOVRA_DEBIAN_RUST_VERSION"
    "rust-web-src=$SOVRA_DEBIAN_RUST_VERSION"
    "libstd-rust-web-dev=$SOVRA_DEBIAN_RUST_VERSION"
    "libstd-rust-web-1.85=$SOVRA_DEBIAN_RUST_VERSION"
    libpcre3 lld-19 wabt binaryen
)


# --- host Rust (tests, clippy) ---------------------------------------------------------
step "host cargo + clippy"
command -v cargo >/dev/null || die "cargo not found: install Rust (rustup) for host builds and tests"
cargo clippy --version >/dev/null 2>&1 || die "clippy missing for the host toolchain (rustup component add clippy)"
ok "$(cargo --version | cut -d' ' -f2)"

# --- Debian packages ---------------------------------------------------------------------
step "Debian packages (Rust 1.85, lld-19, wabt)"
missing=()
for spec in "${APT_PACKAGES[@]}"; do
    name="${spec%%=*}"
    want="${spec#*=}"
    have="$(dpkg-query -W -f='${Version}' "$name" 2>/dev/null || true)"
    if [ -z "$have" ] || { [ "$want" != "$name" ] && [ "$have" != "$want" ]; }; then
        missing+=("$spec")
    fi
done
if [ "$SOVRA_WASM_TOOLCHAIN" != "sovra-1.85" ]; then
    # A rustup toolchain builds the Wasm: only the linker and wabt are needed from Debian.
    missing=($(printf '%s\n' "${missing[@]}" | grep -E '^(lld-19|wabt|binaryen)$' || true))
fi
if [ "${#missing[@]}" -gt 0 ]; then
    command -v apt-get >/dev/null || die "apt-get not found: install ${missing[*]} by hand (see README)"
    sudo_if_needed apt-get update -qq >/dev/null
    if ! apt-cache madison rustc-web 2>/dev/null | grep -qF "$SOVRA_DEBIAN_RUST_VERSION"; then
        die "rustc-web $SOVRA_DEBIAN_RUST_VERSION is no longer offered by the Debian mirrors; install Rust 1.81–1.86 with rust-src via rustup and set SOVRA_WASM_TOOLCHAIN (README, 'Setup with rustup')"
    fi
    DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq --allow-downgrades "${missing[@]}" >/dev/null \
        || die "apt-get install failed for: ${missing[*]}"
    ok "installed ${#missing[@]}"
else
    ok "present"
fi

# --- the Wasm toolchain ------------------------------------------------------------------
step "Wasm toolchain $SOVRA_WASM_TOOLCHAIN"
command -v rustup >/dev/null || die "rustup not found: it selects the Wasm toolchain (cargo +$SOVRA_WASM_TOOLCHAIN)"
if [ "$SOVRA_WASM_TOOLCHAIN" = "sovra-1.85" ] && ! rustup toolchain list | grep -q '^sovra-1.85'; then
    rustup toolchain link sovra-1.85 /usr >/dev/null || die "rustup toolchain link sovra-1.85 /usr failed"
fi
wasm_rustc="$(rustc +"$SOVRA_WASM_TOOLCHAIN" --version 2>/dev/null)" \
    || die "toolchain $SOVRA_WASM_TOOLCHAIN not usable (rustc +$SOVRA_WASM_TOOLCHAIN --version failed)"
minor="$(echo "$wasm_rustc" | sed -E 's/^rustc 1\.([0-9]+)\..*/\1/')"
{ [ "$minor" -ge 81 ] && [ "$minor" -le 86 ]; } \
    || die "$SOVRA_WASM_TOOLCHAIN is $wasm_rustc; the Wasm build needs Rust 1.81–1.86"
sysroot="$(rustc +"$SOVRA_WASM_TOOLCHAIN" --print sysroot)"
[ -d "$sysroot/lib/rustlib/src/rust/library/core" ] \
    || die "rust-src missing for $SOVRA_WASM_TOOLCHAIN (expected $sysroot/lib/rustlib/src/rust/library)"
ok "$(echo "$wasm_rustc" | cut -d' ' -f2), rust-src"

# --- linker and validator -----------------------------------------------------------------
step "wasm-ld (LLVM 19) and wasm-validate"
command -v wasm-ld-19 >/dev/null || command -v wasm-ld >/dev/null || [ -n "${SOVRA_WASM_LD:-}" ] \
    || die "wasm-ld not found (apt-get install lld-19)"
command -v wasm-validate >/dev/null || die "wasm-validate not found (apt-get install wabt)"
ok "wabt $(wasm-validate --version)"

# --- cargo-contract ----------------------------------------------------------------------
step "cargo-contract $SOVRA_CARGO_CONTRACT_VERSION"
have="$(cargo contract --version 2>/dev/null | awk '{print $2}' | cut -d- -f1 || true)"
if [ "$have" != "$SOVRA_CARGO_CONTRACT_VERSION" ]; then
    printf 'installing (have: %s; one-time build, 30–60 min on 2 cores)...\n' "${have:-none}"
    start=$(now_s)
    cargo install cargo-contract --version "$SOVRA_CARGO_CONTRACT_VERSION" --locked --force \
        > "$SOVRA_CACHE/cargo-contract-install.log" 2>&1 \
        || { tail -20 "$SOVRA_CACHE/cargo-contract-install.log" >&2; die "cargo install cargo-contract $SOVRA_CARGO_CONTRACT_VERSION failed (log: $SOVRA_CACHE/cargo-contract-install.log)"; }
    step "cargo-contract $SOVRA_CARGO_CONTRACT_VERSION"
    ok "installed in $(( $(now_s) - start ))s"
else
    ok "$have"
fi
