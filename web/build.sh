#!/usr/bin/env bash
# Builds the web app into web/dist: the app core for wasm32 (release),
# its wasm-bindgen glue, the TypeScript shell, the page and its style.
# Tools come from scripts/install-deps.sh (wasm-bindgen-cli pinned to the
# crate's wasm-bindgen version, typescript from npm, both under
# ~/.cache/ramz-tools).
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS="${RAMZ_TOOLS:-$HOME/.cache/ramz-tools}"
WB_VERSION="$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' bindings/ramz-wasm/Cargo.toml)"
WASM_BINDGEN="$TOOLS/wasm-bindgen-$WB_VERSION/bin/wasm-bindgen"
TSC="$TOOLS/web-node/node_modules/typescript/bin/tsc"
[ -x "$WASM_BINDGEN" ] || { echo "web/build.sh: no wasm-bindgen $WB_VERSION; run scripts/install-deps.sh" >&2; exit 1; }
[ -f "$TSC" ] || { echo "web/build.sh: no typescript; run scripts/install-deps.sh" >&2; exit 1; }

TARGET_DIR="${CARGO_TARGET_DIR:-target}"
cargo build --release -p ramz-wasm --target wasm32-unknown-unknown
WASM="$TARGET_DIR/wasm32-unknown-unknown/release/ramz_wasm.wasm"
"$WASM_BINDGEN" --target web --no-typescript --out-dir web/src --out-name ramz_wasm "$WASM"
# Types for the glue (tsc checks the shell against them).
"$WASM_BINDGEN" --target web --out-dir web/build-types --out-name ramz_wasm "$WASM"
cp web/build-types/ramz_wasm.d.ts web/src/ramz_wasm.d.ts
rm -rf web/build-types

node "$TSC" -p web/tsconfig.json
mkdir -p web/dist
cp web/index.html web/style.css web/dist/
cp web/src/ramz_wasm.js web/src/ramz_wasm_bg.wasm web/dist/
echo "web/build.sh: built web/dist ($(stat -c %s web/dist/ramz_wasm_bg.wasm) bytes of .wasm)"
