#!/usr/bin/env bash
# Saves a screenshot of each screen of the web app, in fa and en, to
# docs/screenshots/ (shown in README.md): the journeys run with
# RAMZ_SCREENSHOTS set. Same tools as scripts/checks/80-web.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
TOOLS="${RAMZ_TOOLS:-$HOME/.cache/ramz-tools}"
bash web/build.sh
cargo build -p ramz-cli
export RAMZ_BIN="$CARGO_TARGET_DIR/debug/ramz" RAMZ_WEB_DIR="$PWD/web/dist"
export RAMZ_NODE_MODULES="$TOOLS/web-node/node_modules"
export RAMZ_SCREENSHOTS="$PWD/docs/screenshots"
rm -rf "$RAMZ_SCREENSHOTS" && mkdir -p "$RAMZ_SCREENSHOTS"
node web/tests/journey.mjs
node web/tests/a11y.mjs
ls "$RAMZ_SCREENSHOTS"
