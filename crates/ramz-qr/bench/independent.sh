#!/usr/bin/env bash
# Ramz against zxing-cpp on data the decoder was not built from:
#  1. the independent synthetic corpus (bench/synth_gen.py), dev split and
#     held-out split, per category;
#  2. real photos in BoofCV's QR benchmark layout, per category, when a
#     folder is given (never committed; skipped when absent).
# Usage: crates/ramz-qr/bench/independent.sh [OUT_DIR] [PER_CATEGORY] [PHOTO_DIR]
#   PHOTO_DIR defaults to $RAMZ_QR_PHOTOS.
set -euo pipefail
cd "$(dirname "$0")/../../.."
OUT="${1:-target/qr-independent}"
PER="${2:-20}"
PHOTOS="${3:-${RAMZ_QR_PHOTOS:-}}"
python3 -c 'import zxingcpp, numpy, PIL, qrcode' 2>/dev/null \
  || python3 -m pip install -q zxing-cpp numpy pillow qrcode
cargo build --release -q -p ramz-qr --example decode_dir
BIN="${CARGO_TARGET_DIR:-target}/release/examples/decode_dir"
for split in dev heldout; do
  dir="$OUT/$split"
  [ -f "$dir/truth.jsonl" ] || python3 crates/ramz-qr/bench/synth_gen.py "$dir" "$split" "$PER"
  "$BIN" "$dir" 3
  echo "## $split split"
  python3 crates/ramz-qr/bench/compare.py "$dir"
done
if [ -n "$PHOTOS" ]; then
  echo "## photos: $PHOTOS"
  RAMZ_QR_BIN="$BIN" python3 crates/ramz-qr/bench/photos.py "$PHOTOS" "$OUT/photos"
else
  echo "no photo folder given (3rd argument or RAMZ_QR_PHOTOS): photo benchmark skipped"
fi
