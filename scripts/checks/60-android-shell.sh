#!/usr/bin/env bash
# The Android shell's platform-free Kotlin (android/shell): compiled with
# kotlinc and tested on the JVM, with the app's fa/en string resources.
set -euo pipefail
cd "$(dirname "$0")/../.."
RAMZ_TOOLS="${RAMZ_TOOLS:-$HOME/.cache/ramz-tools}"
KOTLINC="$RAMZ_TOOLS/kotlin/node_modules/kotlin-compiler/bin/kotlinc"
export JAVA_OPTS="${JAVA_OPTS:--Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$KOTLINC" -nowarn android/shell/src android/shell/test -include-runtime -d "$out/shell.jar" 2>&1 | grep -v '^warning:' || true
[ -f "$out/shell.jar" ] || { echo "android shell: kotlinc failed"; exit 1; }
java -cp "$out/shell.jar" ir.ramz.shell.ShellTestKt android/app/src/main/res
