#!/usr/bin/env bash
# Regenerates the Kotlin and Swift bindings from an unstripped build of
# ramz-ffi (uniffi reads the interface from metadata symbols, which the
# stripped `release` profile removes).
#
#   bindings/generate.sh            # writes bindings/kotlin and bindings/swift
#   bindings/generate.sh OUT_DIR    # writes OUT_DIR/kotlin and OUT_DIR/swift
#
# LIB=path/to/libramz_ffi.so skips the build.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-bindings}"
target="${CARGO_TARGET_DIR:-target}"
if [ -z "${LIB:-}" ]; then
  cargo build --locked -q -p ramz-ffi --profile release-unstripped
  LIB="$target/release-unstripped/libramz_ffi.so"
fi
cargo build --locked -q -p uniffi-bindgen
bindgen="$target/debug/uniffi-bindgen"
rm -rf "$out/kotlin" "$out/swift"
"$bindgen" generate --no-format --library "$LIB" --language kotlin --out-dir "$out/kotlin" >/dev/null
"$bindgen" generate --no-format --library "$LIB" --language swift --out-dir "$out/swift" >/dev/null
echo "generate: bindings written to $out/kotlin and $out/swift"
