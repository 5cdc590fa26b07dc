#!/usr/bin/env bash
# The web app (web/, bindings/ramz-wasm): builds the app core for wasm32
# and the TypeScript shell, checks the .wasm size budget, then runs the
# journeys in Debian's Chromium through playwright-core: first run, an
# account from the fake camera, the code against RFC 6238, reload and
# lockout, a bank activation from the demo bank page with verification
# and replay refusal, backup export and restore into a fresh profile, the
# vault's attempt counted durably before the outcome shows, keyboard-only
# use and axe-core on every screen. Tools: scripts/install-deps.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."

# 2 MiB before compression (web/README.md).
WASM_BUDGET=$((2048 * 1024))
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
TOOLS="${RAMZ_TOOLS:-$HOME/.cache/ramz-tools}"

bash web/build.sh
size=$(stat -c %s web/dist/ramz_wasm_bg.wasm)
echo "80-web: ramz_wasm_bg.wasm is $size bytes (budget $WASM_BUDGET)"
if [ "$size" -gt "$WASM_BUDGET" ]; then
  echo "80-web: the .wasm is over its budget" >&2
  exit 1
fi

cargo build -p ramz-cli --locked
export RAMZ_BIN="$CARGO_TARGET_DIR/debug/ramz"
export RAMZ_WEB_DIR="$PWD/web/dist"
export RAMZ_NODE_MODULES="$TOOLS/web-node/node_modules"
node web/tests/journey.mjs
node web/tests/a11y.mjs
