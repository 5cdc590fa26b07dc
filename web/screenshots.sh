#!/usr/bin/env bash
# Saves a screenshot of each screen of the web app, in fa and en, to
# docs/screenshots/ (shown in README.md): the journeys run with
# RAMZ_SCREENSHOTS set, journey.mjs once in each language (the bank's
# screens, the lockout wait, backup and restore), a11y.mjs the rest of
# the screens in both. Every screen ends up as fa-NAME.png and
# en-NAME.png (bank-fa-NAME.png, bank-en-NAME.png for the bank page);
# the script fails if one language has a screen the other lacks. Same
# tools as scripts/checks/80-web.sh.
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
RAMZ_JOURNEY_LANG=fa node web/tests/journey.mjs
RAMZ_JOURNEY_LANG=en node web/tests/journey.mjs
node web/tests/a11y.mjs
cd "$RAMZ_SCREENSHOTS"
fa=$(ls fa-*.png bank-fa-*.png | sed 's/fa-//' | sort)
en=$(ls en-*.png bank-en-*.png | sed 's/en-//' | sort)
if [ "$fa" != "$en" ]; then
  echo "screenshots.sh: fa and en differ:" >&2
  diff <(echo "$fa") <(echo "$en") >&2 || true
  exit 1
fi
echo "screenshots.sh: $(echo "$fa" | wc -l) screens in fa and en, $(du -sh . | cut -f1)"
