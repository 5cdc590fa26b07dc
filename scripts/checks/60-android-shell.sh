#!/usr/bin/env bash
# The Android project (android/), checked without an Android SDK:
#  1. every Kotlin source and Gradle Kotlin script parses (tree-sitter),
#     and every `libs.…` of the scripts is in the version catalog;
#  2. the shell's rules: no text, log or saved state of its own, no other
#     window, FLAG_SECURE, backups excluded, RTL, HTTPS only;
#  3. every screen and every effect of ramz-app's generated view model has
#     a handler in the Compose layer / the effect runner, and every field
#     of its records is read by the shell;
#  4. res/values and res/values-fa hold the same platform strings;
#  5. gradlew runs the pinned Gradle only when its SHA-256 matches;
#  6. scripts/build-android.sh fails, naming what is missing, without an NDK;
#  7. ramz-ffi type-checks for aarch64-linux-android;
#  8. the shell's plain Kotlin (effect runner, frames, HTTP, settings,
#     view mappings: android/app/src/main/kotlin/app/ramz/shell/*.kt) and
#     ramz-android's keystore and vault files (against android.* stand-ins
#     and an emulated AndroidKeyStore) are compiled with kotlinc and tested
#     on the JVM with JUnit 5 against the real library (src/jvmTest).
# Each of checks 1-5 is shown able to fail on a broken copy.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
TOOLS="${RAMZ_TOOLS:-$HOME/.cache/ramz-tools}"
KOTLIN_HOME="$TOOLS/kotlin/node_modules/kotlin-compiler"
KOTLINC="$KOTLIN_HOME/bin/kotlinc"
JNA=/usr/share/java/jna.jar
JUNIT=/usr/share/java/junit-platform-console-standalone.jar
export JAVA_OPTS="-Xmx1g -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
A=android
SHELL_SRC="$A/app/src/main/kotlin/app/ramz/shell"
fail() { echo "android: FAIL: $*" >&2; exit 1; }
[ -x "$KOTLINC" ] || fail "kotlinc not found at $KOTLINC (run scripts/install-deps.sh)"
[ -f "$JNA" ] && [ -f "$JUNIT" ] || fail "JNA or JUnit 5 missing (run scripts/install-deps.sh)"
python3 -c 'import tree_sitter_kotlin' 2>/dev/null || fail "tree-sitter-kotlin missing (run scripts/install-deps.sh)"
command -v javac >/dev/null 2>&1 || fail "javac missing (run scripts/install-deps.sh)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Must fail: runs "$@" and fails the check if it succeeds.
must_fail() { local what="$1"; shift; if "$@" >"$work/self-test.log" 2>&1; then fail "self-test: $what was not caught"; fi; }

echo "-- 1. Kotlin and Gradle scripts parse"
python3 $A/tools/kotlin_parse.py "$A"
sed '0,/^}$/s/^}$//' "$SHELL_SRC/EffectRunner.kt" >"$work/Broken.kt"
must_fail "a removed brace" python3 $A/tools/kotlin_parse.py "$work/Broken.kt"
for f in settings.gradle.kts build.gradle.kts app/build.gradle.kts ramz-android/build.gradle.kts gradle/libs.versions.toml gradle/wrapper/gradle-wrapper.properties; do
  [ -f "$A/$f" ] || fail "$A/$f is missing"
done
grep -q 'include(":ramz-android")' $A/settings.gradle.kts && grep -q 'include(":app")' $A/settings.gradle.kts ||
  fail "settings.gradle.kts does not include :ramz-android and :app"
grep -q 'srcDir("../../bindings/kotlin")' $A/ramz-android/build.gradle.kts ||
  fail "ramz-android does not compile the generated bindings in place"
python3 $A/tools/catalog_refs.py "$A"
mkdir -p "$work/catalog"
cp -r $A/gradle "$work/catalog/"
sed 's/libs.compose.material3/libs.compose.materail3/' $A/app/build.gradle.kts >"$work/catalog/app.gradle.kts"
must_fail "a misspelt catalog entry" python3 $A/tools/catalog_refs.py "$work/catalog"

echo "-- 2. shell rules"
python3 $A/tools/shell_rules.py "$A"
# A copy of what the rules read (sources and manifest, not build outputs).
mkdir -p "$work/rules/app/src" "$work/rules/ramz-android/src/main"
cp -r $A/app/src/main "$work/rules/app/src/"
cp -r $A/ramz-android/src/main/kotlin "$work/rules/ramz-android/src/main/"
printf '\n@androidx.compose.runtime.Composable fun Leak() { androidx.compose.material3.Text("hello") }\n' \
  >>"$work/rules/app/src/main/kotlin/app/ramz/shell/ui/Widgets.kt"
must_fail "a literal Text" python3 $A/tools/shell_rules.py "$work/rules"

echo "-- 3. every screen and effect has a handler"
app_kt="$(grep -rl '^sealed class Screen' bindings/kotlin | head -1)"
[ -n "$app_kt" ] || fail "no generated Kotlin with sealed class Screen under bindings/kotlin (app bindings missing)"
python3 $A/tools/shell_coverage.py "$app_kt" "$A/app/src/main/kotlin"
# A new screen in the app core must fail the check.
python3 - "$app_kt" "$work/NewScreen.kt" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r"^sealed class Screen\b[^{]*\{", text, re.MULTILINE)
open(sys.argv[2], "w", encoding="utf-8").write(text[:m.end()] + "\n    object Imagined : Screen()\n" + text[m.end():])
PY
must_fail "a screen without handler" python3 $A/tools/shell_coverage.py "$work/NewScreen.kt" "$A/app/src/main/kotlin"
grep -q 'Imagined has no' "$work/self-test.log" || fail "self-test: shell_coverage.py did not name the new screen"
# So must a new field of a view that the shell does not draw.
sed 's/^data class ScanView ($/&\n    var `shownNowhere`: kotlin.String,/' "$app_kt" >"$work/NewField.kt"
must_fail "a view field nothing reads" python3 $A/tools/shell_coverage.py "$work/NewField.kt" "$A/app/src/main/kotlin"
grep -q 'ScanView.shownNowhere is never read' "$work/self-test.log" || fail "self-test: shell_coverage.py did not name the new field"

echo "-- 4. platform strings in en and fa"
python3 $A/tools/res_keys.py $A/app/src/main/res
mkdir -p "$work/res/values" "$work/res/values-fa"
cp $A/app/src/main/res/values/strings.xml "$work/res/values/"
grep -v 'biometric_use_pin' $A/app/src/main/res/values-fa/strings.xml >"$work/res/values-fa/strings.xml"
must_fail "a string missing in fa" python3 $A/tools/res_keys.py "$work/res"

echo "-- 5. gradlew checks the distribution's SHA-256"
# A stand-in distribution served from a file: URL, once with its own hash
# (runs) and once with another (refused, nothing run).
mkdir -p "$work/dist/gradle-8.11.1/bin" "$work/gw/gradle/wrapper"
printf '#!/bin/sh\necho "stand-in gradle $*"\n' >"$work/dist/gradle-8.11.1/bin/gradle"
chmod +x "$work/dist/gradle-8.11.1/bin/gradle"
(cd "$work/dist" && python3 -m zipfile -c gradle-8.11.1-bin.zip gradle-8.11.1)
cp $A/gradlew "$work/gw/"
sum="$(sha256sum "$work/dist/gradle-8.11.1-bin.zip" | cut -d' ' -f1)"
props() { printf 'distributionUrl=file\\://%s/dist/gradle-8.11.1-bin.zip\ndistributionSha256Sum=%s\n' "$work" "$1" >"$work/gw/gradle/wrapper/gradle-wrapper.properties"; }
props "$(printf '0%.0s' {1..64})"
must_fail "a distribution with the wrong SHA-256" env GRADLE_USER_HOME="$work/gh" sh "$work/gw/gradlew" tasks
grep -q 'refused' "$work/self-test.log" || fail "gradlew did not say it refused the distribution"
props "$sum"
out="$(GRADLE_USER_HOME="$work/gh" sh "$work/gw/gradlew" tasks --all)"
[ "$out" = "stand-in gradle tasks --all" ] || fail "gradlew did not run the verified distribution: $out"
echo "gradlew: wrong SHA-256 refused; matching one unpacked and run"

echo "-- 6. build-android.sh without an NDK"
if env -u ANDROID_HOME -u ANDROID_SDK_ROOT -u ANDROID_NDK_ROOT ANDROID_NDK_HOME="$work/no-ndk" \
  bash scripts/build-android.sh >"$work/build-android.log" 2>&1; then
  fail "build-android.sh succeeded without an NDK"
fi
grep -q 'the Android NDK' "$work/build-android.log" || { cat "$work/build-android.log"; fail "build-android.sh did not name the missing NDK"; }
echo "build-android.sh: exits non-zero and names the NDK"

echo "-- 7. ramz-ffi for aarch64-linux-android"
rustup target list --installed | grep -qx aarch64-linux-android ||
  fail "Rust target aarch64-linux-android missing (run scripts/install-deps.sh)"
cargo check --locked -q --target aarch64-linux-android -p ramz-ffi
echo "cargo check --target aarch64-linux-android -p ramz-ffi: ok"

echo "-- 8. the shell's plain Kotlin on the JVM, against the library"
cargo build --locked -q -p ramz-ffi --profile release-unstripped
LIB="$CARGO_TARGET_DIR/release-unstripped/libramz_ffi.so"
mapfile -t kts < <(find bindings/kotlin -name '*.kt' | sort)
# The generated bindings take most of kotlinc's time: their jar is cached
# under a hash of their contents and the compiler's version.
key="$( (cat "${kts[@]}"; cat "$KOTLIN_HOME/package.json") | sha256sum | cut -c1-16)"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/ramz/kotlin-bindings"
jar="$cache/ramz-bindings-all-$key.jar"
if [ ! -f "$jar" ]; then
  mkdir -p "$cache"
  "$KOTLINC" -nowarn "${kts[@]}" -cp "$JNA" -d "$work/bindings.jar"
  mv "$work/bindings.jar" "$jar"
fi
KTEST="$KOTLIN_HOME/lib/kotlin-test.jar:$KOTLIN_HOME/lib/kotlin-test-junit5.jar"
TESTS="$A/app/src/jvmTest/kotlin $A/ramz-android/src/jvmTest/kotlin"
# ramz-android's keystore and vault files run on the JVM too: compiled
# against stand-ins of the few android.* classes they use (with the SDK's
# names and signatures), tested against an emulated AndroidKeyStore.
mkdir -p "$work/stubs"
javac -nowarn -d "$work/stubs" $(find $A/ramz-android/src/jvmTest/stubs -name '*.java')
# The tests reuse the bindings suite's software keystore (the contract of
# ramz-android's AndroidDeviceKeystore, in javax.crypto) and its bank
# (KotlinBank in ActivationTest.kt, the server side of activation v1).
"$KOTLINC" -nowarn "$SHELL_SRC"/*.kt $A/ramz-android/src/main/kotlin/app/ramz/android/*.kt $(find $TESTS -name '*.kt') \
  bindings/kotlin-tests/SoftwareKeystore.kt bindings/kotlin-tests/{Fixtures,Vectors,CodesTest,ActivationTest}.kt \
  -cp "$work/stubs:$JNA:$jar:$JUNIT:$KTEST" -d "$work/classes" || fail "kotlinc could not compile the shell or its tests"
if ! java -Djna.library.path="$(dirname "$LIB")" -Dramz.fixtures=bindings/kotlin-tests/fixtures \
  -cp "$JUNIT:$JNA:$jar:$work/stubs:$work/classes:$KOTLIN_HOME/lib/kotlin-stdlib.jar:$KTEST" \
  org.junit.platform.console.ConsoleLauncher --disable-banner --disable-ansi-colors --details=tree \
  --include-engine=junit-jupiter --fail-if-no-tests --select-package=app.ramz.shell \
  --select-package=app.ramz.android | tee "$work/junit.log"; then
  fail "shell JVM tests failed"
fi
declared="$(grep -rho '^ *@Test$' $TESTS | wc -l)"
passed="$(sed -n 's/^\[ *\([0-9]*\) tests successful *\]$/\1/p' "$work/junit.log")"
failed="$(sed -n 's/^\[ *\([0-9]*\) tests failed *\]$/\1/p' "$work/junit.log")"
[ "$passed" = "$declared" ] || fail "shell JVM tests: ${passed:-no} passed of $declared @Test methods"
echo "android-shell: $passed passed, ${failed:-0} failed"
