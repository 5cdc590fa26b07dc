#!/usr/bin/env bash
# The QR benchmark: generate the corpus, decode it with Ramz (timed in
# Rust), then with zxing-cpp and pyzbar (timed in Python), one table.
# Usage: crates/ramz-qr/bench/run.sh [PER_BUCKET] [OUT_DIR] [SEED]
set -euo pipefail
cd "$(dirname "$0")/../../.."
PER_BUCKET="${1:-10}"
OUT="${2:-target/qr-corpus}"
SEED="${3:-20250601}"
python3 -c 'import zxingcpp, numpy' 2>/dev/null || python3 -m pip install -q zxing-cpp numpy
python3 -c 'import pyzbar' 2>/dev/null || python3 -m pip install -q pyzbar || true
cargo run --release -q -p ramz-qr --example corpus_bench -- "$OUT" "$PER_BUCKET" "$SEED"
python3 crates/ramz-qr/bench/compare.py "$OUT"
