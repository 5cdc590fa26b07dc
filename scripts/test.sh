#!/usr/bin/env bash
# Runs every test of the project. Installs what it needs when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

echo "== fmt"
cargo fmt --all -- --check
echo "== clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
# ramz-qr's optional rqrr pass is off in every default build: keep it compiling.
cargo clippy -p ramz-qr --all-targets --locked --features rqrr-fallback,stage-timing -- -D warnings
echo "== cargo test"
cargo test --workspace --locked
# Further suites (bindings, server with PostgreSQL, ...) each in their own file.
for check in scripts/checks/*.sh; do
  [ -e "$check" ] || continue
  echo "== $check"
  bash "$check"
done
echo "== all tests passed"
