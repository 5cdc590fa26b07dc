#!/usr/bin/env bash
# Builds libramz_ffi.so for the Android ABIs the app ships (arm64-v8a,
# armeabi-v7a, x86_64) with cargo-ndk, into the ramz-android module's
# jniLibs, where Gradle packs it into the AAR and the app:
#
#   scripts/build-android.sh && (cd android && ./gradlew :app:assembleDebug)
#
# Needs: the Android NDK (ANDROID_NDK_HOME, or ANDROID_HOME /
# ANDROID_SDK_ROOT with an ndk/<version> inside), cargo-ndk, and the three
# Rust targets. It names whatever is missing, with the command that
# installs it, and exits non-zero without building.
#
#   --profile NAME   cargo profile (default: release, the shipped one:
#                    LTO, stripped); release-unstripped keeps symbols.
#   --check          only report what is missing (exit 1 if anything is).
set -euo pipefail
cd "$(dirname "$0")/.."

PROFILE=release
CHECK_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) PROFILE="$2"; shift 2 ;;
    --check) CHECK_ONLY=1; shift ;;
    *) echo "usage: $0 [--profile NAME] [--check]" >&2; exit 2 ;;
  esac
done

OUT=android/ramz-android/src/main/jniLibs
ABIS=(arm64-v8a armeabi-v7a x86_64)
TARGETS=(aarch64-linux-android armv7-linux-androideabi x86_64-linux-android)
missing=()

# The NDK: ANDROID_NDK_HOME, else the newest ndk/<version> of the SDK.
ndk="${ANDROID_NDK_HOME:-${ANDROID_NDK_ROOT:-}}"
if [ -z "$ndk" ]; then
  sdk="${ANDROID_HOME:-${ANDROID_SDK_ROOT:-}}"
  if [ -n "$sdk" ] && [ -d "$sdk/ndk" ]; then
    ndk="$(find "$sdk/ndk" -mindepth 1 -maxdepth 1 -type d | sort -V | tail -1)"
  fi
fi
if [ -z "$ndk" ] || [ ! -f "$ndk/source.properties" ]; then
  missing+=("the Android NDK (r26 or newer): Android Studio > SDK Manager > SDK Tools > NDK (Side by side), then export ANDROID_NDK_HOME=\$ANDROID_HOME/ndk/<version>${ndk:+ (ANDROID_NDK_HOME=$ndk has no source.properties)}")
fi

if ! cargo ndk --version >/dev/null 2>&1; then
  missing+=("cargo-ndk: cargo install cargo-ndk --locked")
fi

installed="$(rustup target list --installed 2>/dev/null || true)"
for t in "${TARGETS[@]}"; do
  grep -qx "$t" <<<"$installed" || missing+=("the Rust target $t: rustup target add $t")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "build-android: cannot build the Android libraries; missing:" >&2
  for m in "${missing[@]}"; do echo "  - $m" >&2; done
  exit 1
fi
if [ "$CHECK_ONLY" = 1 ]; then
  echo "build-android: NDK at $ndk, cargo-ndk and the targets ${TARGETS[*]} are installed"
  exit 0
fi

export ANDROID_NDK_HOME="$ndk"
args=()
for abi in "${ABIS[@]}"; do args+=(-t "$abi"); done
echo "build-android: libramz_ffi.so ($PROFILE) for ${ABIS[*]} into $OUT (NDK $ndk)"
# --platform: the app's minSdk (android/app/build.gradle.kts).
cargo ndk "${args[@]}" --platform 28 -o "$OUT" build --locked -p ramz-ffi --profile "$PROFILE"

for abi in "${ABIS[@]}"; do
  lib="$OUT/$abi/libramz_ffi.so"
  [ -s "$lib" ] || { echo "build-android: $lib was not written" >&2; exit 1; }
  echo "  $lib: $(stat -c %s "$lib" 2>/dev/null || stat -f %z "$lib") bytes"
done
