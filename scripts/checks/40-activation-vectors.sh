#!/usr/bin/env bash
# Activation protocol test vectors (docs/activation-protocol.md) checked by
# an independent Python implementation (cryptography's X25519/HKDF/HMAC).
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 crates/ramz-activation/tests/independent/vectors.py docs/activation-protocol.md
