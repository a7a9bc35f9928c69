#!/usr/bin/env bash
# Installs every tool the build and the tests need; skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p; s/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml | head -n1)
WASM_PACK_VERSION=0.15.1
# The nightly that builds the npm package's wasm (`make pkg`), pinned in the Makefile only.
PKG_NIGHTLY=$(sed -n 's/^PKG_NIGHTLY := *//p' Makefile)
[ -n "$PKG_NIGHTLY" ] || { echo "setup: no 'PKG_NIGHTLY := ...' line in the Makefile" >&2; exit 1; }
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '[setup] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! rustup run "$PKG_NIGHTLY" rustc --print sysroot >/dev/null 2>&1 \
  || ! rustup component list --toolchain "$PKG_NIGHTLY" --installed | grep -q '^rust-src' \
  || ! rustup target list --toolchain "$PKG_NIGHTLY" --installed | grep -qx wasm32-unknown-unknown; then
  log "installing $PKG_NIGHTLY with rust-src and wasm32-unknown-unknown (builds the npm package's wasm)"
  rustup toolchain install "$PKG_NIGHTLY" --profile minimal --component rust-src --target wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes)"
  # --locked fails for this version: a pinned dependency is missing from the registry.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}')" != "$WASM_PACK_VERSION" ]; then
  log "installing wasm-pack $WASM_PACK_VERSION (a few minutes)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked --force
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  log "installing chromium and chromedriver from Debian"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium chromium-driver
fi

stamp=tests/node_modules/.setup-stamp
if [ ! -f "$stamp" ] || ! cmp -s tests/package-lock.json "$stamp"; then
  log "installing npm packages for the build and the tests"
  (cd tests && npm ci --no-audit --no-fund)
  cp tests/package-lock.json "$stamp"
fi
log "ready"
