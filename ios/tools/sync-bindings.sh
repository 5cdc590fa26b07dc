#!/usr/bin/env bash
# Copies the generated Swift (bindings/swift/*.swift, from
# bindings/generate.sh) into the Swift package, ios/RamzKit/Sources/Ramz,
# removing files no longer generated. The headers and module maps go into
# the XCFramework instead (scripts/build-xcframework.sh).
#
#   ios/tools/sync-bindings.sh          # copy
#   ios/tools/sync-bindings.sh --check  # fail when the copy is not current
#
# RAMZ_SWIFT_SRC / RAMZ_SWIFT_DST override the two directories (the check's
# self-test).
set -euo pipefail
cd "$(dirname "$0")/../.."
src="${RAMZ_SWIFT_SRC:-bindings/swift}"
dst="${RAMZ_SWIFT_DST:-ios/RamzKit/Sources/Ramz}"
if [ "${1:-}" = "--check" ]; then
  bad=0
  for f in "$src"/*.swift; do
    cmp -s "$f" "$dst/$(basename "$f")" || { echo "ios bindings: $dst/$(basename "$f") differs from $f"; bad=1; }
  done
  for f in "$dst"/*.swift; do
    [ -e "$src/$(basename "$f")" ] || { echo "ios bindings: $f is not generated any more"; bad=1; }
  done
  [ "$bad" = 0 ] || { echo "ios bindings: run ios/tools/sync-bindings.sh and commit"; exit 1; }
  echo "ios bindings: $(ls "$src"/*.swift | wc -l) generated Swift files current in $dst"
  exit 0
fi
mkdir -p "$dst"
rm -f "$dst"/*.swift
cp "$src"/*.swift "$dst"/
echo "sync-bindings: $(ls "$dst"/*.swift | wc -l) files copied to $dst"
