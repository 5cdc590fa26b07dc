#!/usr/bin/env bash
# Builds ios/RamzKit/RamzFFI.xcframework (the static library of
# bindings/ramz-ffi for iPhones and both kinds of simulator) and brings the
# generated Swift up to date, so that ios/RamzKit is a complete Swift
# package and ios/Ramz builds. Needs a Mac with Xcode (xcodebuild, lipo)
# and rustup; on any other machine it says so and exits 1. (Linux CI checks
# the iOS build of the same crate with
# `cargo check --target aarch64-apple-ios -p ramz-ffi`: scripts/checks/61.)
#
#   scripts/build-xcframework.sh            # release build
#   PROFILE=dev scripts/build-xcframework.sh  # faster, unoptimised
#
# Steps:
#  1. cargo builds libramz_ffi.a for aarch64-apple-ios, aarch64-apple-ios-sim
#     and x86_64-apple-ios; lipo joins the two simulator slices;
#  2. the Swift is generated from an unstripped host build (uniffi reads
#     the interface from metadata the stripped release build drops) by
#     bindings/generate.sh: when it differs from bindings/swift, the
#     committed files are replaced (commit them) and the package's copy is
#     refreshed (ios/tools/sync-bindings.sh);
#  3. the C headers and one module.modulemap holding every generated
#     module map (RamzFFI, RamzCoreFFI, ...) go beside each library, and
#     `xcodebuild -create-xcframework` assembles the two.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "build-xcframework: $*" >&2; exit 1; }
if [ "$(uname -s)" != Darwin ] || ! command -v xcodebuild >/dev/null 2>&1 || ! xcodebuild -version >/dev/null 2>&1; then
  fail "this needs a Mac with Xcode (xcodebuild not found or not working here). \
On Linux, 'cargo check --target aarch64-apple-ios -p ramz-ffi' checks the iOS build of the crate."
fi
command -v lipo >/dev/null 2>&1 || fail "lipo not found (install the Xcode command line tools)"
command -v rustup >/dev/null 2>&1 || fail "rustup not found (https://rustup.rs)"

PROFILE="${PROFILE:-release}"
TARGETS=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
T="$CARGO_TARGET_DIR"
dir_of() { [ "$PROFILE" = dev ] && echo debug || echo "$PROFILE"; }
OUT=ios/RamzKit/RamzFFI.xcframework
work="$T/ios-xcframework"

echo "== 1. static libraries ($PROFILE)"
installed="$(rustup target list --installed)"
for t in "${TARGETS[@]}"; do
  grep -qx "$t" <<<"$installed" || rustup target add "$t"
done
# The oldest iOS the package supports (Package.swift: .iOS(.v15)).
export IPHONEOS_DEPLOYMENT_TARGET=15.0
for t in "${TARGETS[@]}"; do
  cargo build --locked -p ramz-ffi --profile "$PROFILE" --target "$t"
done
rm -rf "$work" && mkdir -p "$work/device" "$work/simulator" "$work/headers"
cp "$T/aarch64-apple-ios/$(dir_of)/libramz_ffi.a" "$work/device/libramz_ffi.a"
lipo -create \
  "$T/aarch64-apple-ios-sim/$(dir_of)/libramz_ffi.a" \
  "$T/x86_64-apple-ios/$(dir_of)/libramz_ffi.a" \
  -output "$work/simulator/libramz_ffi.a"

echo "== 2. generated Swift"
cargo build --locked -q -p ramz-ffi --profile release-unstripped
LIB="$T/release-unstripped/libramz_ffi.dylib" bash bindings/generate.sh "$work/gen"
if diff -r -q bindings/swift "$work/gen/swift" >/dev/null; then
  echo "bindings/swift is current"
else
  rm -rf bindings/swift && cp -R "$work/gen/swift" bindings/swift
  echo "bindings/swift was out of date and has been regenerated: commit it (and bindings/kotlin: bindings/generate.sh)"
fi
bash ios/tools/sync-bindings.sh

echo "== 3. XCFramework"
cp bindings/swift/*.h "$work/headers/"
for m in bindings/swift/*.modulemap; do cat "$m"; echo; done >"$work/headers/module.modulemap"
rm -rf "$OUT"
xcodebuild -create-xcframework \
  -library "$work/device/libramz_ffi.a" -headers "$work/headers" \
  -library "$work/simulator/libramz_ffi.a" -headers "$work/headers" \
  -output "$OUT"
echo "build-xcframework: $OUT ($(du -sh "$OUT" | cut -f1)); open ios/Ramz as ios/README.md says"
