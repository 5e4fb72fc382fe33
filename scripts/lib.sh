# Shared settings for Sovra's scripts. Source it: `. "$(dirname "$0")/lib.sh"`.
# shellcheck shell=bash

SOVRA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SOVRA_ROOT
# One persistent cache outside the clone: cargo target dir, node binary, logs.
export SOVRA_CACHE="${SOVRA_CACHE:-$HOME/.cache/sovra}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$SOVRA_CACHE/target}"
# The toolchain that builds contract Wasm: Rust 1.81–1.86 with rust-src. setup.sh links
# Debian's rustc-web 1.85 as `sovra-1.85`; with rustup, set e.g. SOVRA_WASM_TOOLCHAIN=1.86.
export SOVRA_WASM_TOOLCHAIN="${SOVRA_WASM_TOOLCHAIN:-sovra-1.85}"
# cargo-contract overwrites RUSTFLAGS but not the linker: scripts/wasm-ld-mvp.sh forces MVP
# Wasm. Cargo fingerprints every unit with the linker's path, so a linker inside the clone made
# each new clone path rebuild core, alloc and every dependency of every contract (~70 s per
# contract). It runs from a copy named by its content instead: the same for every clone, new
# whenever the script changes.
sovra_linker() {
    local src="$SOVRA_ROOT/scripts/wasm-ld-mvp.sh" sum dst
    sum="$(sha256sum "$src" | cut -c1-16)"
    dst="$SOVRA_CACHE/bin/wasm-ld-mvp-$sum.sh"
    if [ ! -x "$dst" ]; then
        mkdir -p "$SOVRA_CACHE/bin"
        cp "$src" "$dst.$$" && chmod +x "$dst.$$" && mv -f "$dst.$$" "$dst"
    fi
    printf '%s' "$dst"
}
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$(sovra_linker)"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER
# Clones share $CARGO_TARGET_DIR (the dependencies take most of the build), but cargo names a
# workspace crate's artifacts without the clone's path, and judges freshness by mtimes: a
# build made in another clone could look fresh here — another commit's code, and that clone's
# paths (its deployment file, its bundles) baked into the binaries. So when the clone using the
# target directory changes, this clone's sources are touched: cargo rebuilds the workspace's
# own crates, never the dependencies.
sovra_claim_target() {
    local owner="$CARGO_TARGET_DIR/.sovra-clone"
    if [ "$(cat "$owner" 2>/dev/null)" != "$SOVRA_ROOT" ] && [ -d "$SOVRA_ROOT/.git" ]; then
        (cd "$SOVRA_ROOT" && git ls-files -z -- '*.rs' '*.toml' | xargs -0 -r touch)
        mkdir -p "$CARGO_TARGET_DIR"
        printf '%s' "$SOVRA_ROOT" > "$owner"
    fi
}
sovra_claim_target
# Where built bundles are collected for tests, deployment and frontends.
export SOVRA_INK_DIR="${SOVRA_INK_DIR:-$SOVRA_ROOT/target/ink}"
# Contracts built, linted and unit-tested, in dependency order.
SOVRA_CONTRACTS=(did_registry credential_registry token nft governor vault)
# The suite scripts/deploy.sh deploys as one DAO, in deployment order.
SOVRA_SUITE=(did_registry credential_registry token nft governor vault)
# Second builds the tests need (scripts/build.sh `name:feature`): the token with its next
# storage-layout version, which an end-to-end test upgrades to through a proposal, and one
# whose root storage cannot decode the token's, which an upgrade must be rolled back from.
SOVRA_TEST_BUNDLES=(token:next-storage-version token:incompatible-storage)
# The exact tool versions the project is pinned to.
SOVRA_CARGO_CONTRACT_VERSION="5.0.3"
SOVRA_DEBIAN_RUST_VERSION="1.85.0+dfsg3-1~deb12u3"

say() { printf '%s\n' "$*"; }
# Prints a script's usage: its header comment (the lines after the shebang up to the first line
# that is not a comment), without the comment marks.
print_usage() { awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$1"; }
# Every script that sources this file answers -h / --help with its usage, and runs nothing else.
case "${1:-}" in -h | --help) print_usage "$0"; exit 0 ;; esac
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
# Runs a command as root: directly when root, else through sudo.
sudo_if_needed() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        die "need root (or sudo) to run: $*"; fi
}
# Seconds since the epoch, for phase timings.
now_s() { date +%s; }
# Builds the contracts unless every bundle is already in $SOVRA_INK_DIR (SOVRA_CONTRACTS: the
# test-only variants are scripts/test.sh's business).
build_missing_bundles() {
    local name
    for name in "${SOVRA_CONTRACTS[@]}"; do
        [ -f "$SOVRA_INK_DIR/$name/$name.contract" ] || { "$SOVRA_ROOT/scripts/build.sh" "${SOVRA_CONTRACTS[@]}"; return; }
    done
}
# The TypeScript client and the web app (app/): Node.js ≥ 20.19 (Vite 8's floor) with npm; the
# exact dependencies of app/package-lock.json, installed with `npm ci` when the lock changed;
# Debian's Chromium for the browser test (browser downloads do not work here).
SOVRA_NODE_MIN="20.19"
app_install() {
    command -v node >/dev/null && command -v npm >/dev/null \
        || die "Node.js and npm are needed for app/ (Node ≥ $SOVRA_NODE_MIN; Debian: apt-get install nodejs npm, or nodejs.org)"
    local v
    v="$(node -p 'process.versions.node')"
    [ "$(printf '%s\n%s\n' "$SOVRA_NODE_MIN" "$v" | sort -V | head -1)" = "$SOVRA_NODE_MIN" ] \
        || die "Node.js $v is too old for app/ (need ≥ $SOVRA_NODE_MIN)"
    local stamp="$SOVRA_ROOT/app/node_modules/.sovra-lock"
    if ! cmp -s "$SOVRA_ROOT/app/package-lock.json" "$stamp" 2>/dev/null; then
        say "installing app/'s npm packages (npm ci, exact versions of app/package-lock.json)"
        (cd "$SOVRA_ROOT/app" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed in app/"
        cp "$SOVRA_ROOT/app/package-lock.json" "$stamp"
    fi
}
# Debian's chromium (headless, for the browser test), installed when missing.
export SOVRA_CHROMIUM="${SOVRA_CHROMIUM:-/usr/bin/chromium}"
chromium_install() {
    [ -x "$SOVRA_CHROMIUM" ] && return 0
    command -v apt-get >/dev/null || die "no Chromium at $SOVRA_CHROMIUM: install it, or set SOVRA_CHROMIUM"
    say "installing Debian's chromium for the browser test (one time)"
    sudo_if_needed apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq chromium >/dev/null || die "apt-get install chromium failed"
}
