#!/usr/bin/env bash
# Installs what the test suite needs and is missing. Idempotent; each
# section checks before it installs, so a provisioned machine pays nothing.
set -euo pipefail

APT_PKGS=()
command -v oathtool >/dev/null 2>&1 || APT_PKGS+=(oathtool)
[ -f /usr/share/java/jna.jar ] || APT_PKGS+=(libjna-java)
# JUnit 5's console launcher runs the Kotlin suite (scripts/checks/50-bindings.sh).
[ -f /usr/share/java/junit-platform-console-standalone.jar ] || APT_PKGS+=(junit5)
if [ ${#APT_PKGS[@]} -gt 0 ]; then
  echo "install-deps: apt-get install ${APT_PKGS[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${APT_PKGS[@]}" >/dev/null
fi

PIP_PKGS=()
python3 -c 'import pyotp' 2>/dev/null || PIP_PKGS+=(pyotp)
python3 -c 'import cryptography' 2>/dev/null || PIP_PKGS+=(cryptography)  # activation vectors (scripts/checks/40)
if [ ${#PIP_PKGS[@]} -gt 0 ]; then
  echo "install-deps: pip install ${PIP_PKGS[*]}"
  python3 -m pip install -q "${PIP_PKGS[@]}"
fi

# Bindings tests (scripts/checks/50-bindings.sh): tree-sitter for the
# generated Swift, kotlinc from npm for the Kotlin tests (JNA is the
# libjna-java package above).
PIP_PKGS=()
python3 -c 'import tree_sitter, tree_sitter_swift' 2>/dev/null || PIP_PKGS+=(tree-sitter tree-sitter-swift)
# The Android shell's Kotlin and Gradle scripts (scripts/checks/60-android-shell.sh).
python3 -c 'import tree_sitter, tree_sitter_kotlin' 2>/dev/null || PIP_PKGS+=(tree-sitter tree-sitter-kotlin)
python3 -c 'import yaml' 2>/dev/null || PIP_PKGS+=(pyyaml)  # ios/Ramz/project.yml (scripts/checks/61)
if [ ${#PIP_PKGS[@]} -gt 0 ]; then
  echo "install-deps: pip install ${PIP_PKGS[*]}"
  python3 -m pip install -q "${PIP_PKGS[@]}"
fi
RAMZ_TOOLS="${RAMZ_TOOLS:-$HOME/.cache/ramz-tools}"
if [ ! -x "$RAMZ_TOOLS/kotlin/node_modules/kotlin-compiler/bin/kotlinc" ]; then
  echo "install-deps: npm install kotlin-compiler@2.4.20 into $RAMZ_TOOLS/kotlin"
  mkdir -p "$RAMZ_TOOLS/kotlin"
  npm install --silent --no-audit --no-fund --prefix "$RAMZ_TOOLS/kotlin" kotlin-compiler@2.4.20 >/dev/null
fi
if ! command -v java >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq default-jre-headless >/dev/null
fi
# The Android check (scripts/checks/60-android-shell.sh): javac for the
# android.* stand-ins, curl for the gradlew test.
APT_PKGS=()
command -v javac >/dev/null 2>&1 || APT_PKGS+=(default-jdk-headless)
command -v curl >/dev/null 2>&1 || APT_PKGS+=(curl)
if [ ${#APT_PKGS[@]} -gt 0 ]; then
  echo "install-deps: apt-get install ${APT_PKGS[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${APT_PKGS[@]}" >/dev/null
fi

# The Android library type-checked for a phone's ABI without the NDK
# (scripts/checks/60-android-shell.sh; scripts/build-android.sh builds all
# three ABIs where the NDK is).
if ! rustup target list --installed 2>/dev/null | grep -qx aarch64-linux-android; then
  echo "install-deps: rustup target add aarch64-linux-android"
  rustup target add aarch64-linux-android
fi

# Fuzzing (scripts/checks/70-fuzz.sh): cargo-fuzz on a nightly toolchain.
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "install-deps: rustup toolchain install nightly"
  rustup toolchain install nightly --profile minimal
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "install-deps: cargo install cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

# Web shell (scripts/checks/80-web.sh): the wasm32 target, wasm-bindgen-cli
# of exactly the version bindings/ramz-wasm pins, typescript, playwright-core
# and axe-core from npm (no browser download: Debian's chromium is used).
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  echo "install-deps: rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
WB_VERSION="$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' "$(dirname "$0")/../bindings/ramz-wasm/Cargo.toml")"
if [ ! -x "$RAMZ_TOOLS/wasm-bindgen-$WB_VERSION/bin/wasm-bindgen" ]; then
  echo "install-deps: cargo install wasm-bindgen-cli $WB_VERSION into $RAMZ_TOOLS"
  cargo install wasm-bindgen-cli --version "=$WB_VERSION" --root "$RAMZ_TOOLS/wasm-bindgen-$WB_VERSION"
fi
WEB_NODE="$RAMZ_TOOLS/web-node"
if [ ! -f "$WEB_NODE/node_modules/typescript/bin/tsc" ] \
  || [ ! -d "$WEB_NODE/node_modules/playwright-core" ] \
  || [ ! -f "$WEB_NODE/node_modules/axe-core/axe.min.js" ]; then
  echo "install-deps: npm install typescript playwright-core axe-core into $WEB_NODE"
  mkdir -p "$WEB_NODE"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --silent --no-audit --no-fund --prefix "$WEB_NODE" \
    typescript@5.9 playwright-core@1 axe-core@4 >/dev/null
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "install-deps: apt-get install chromium"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
# The iOS shell (scripts/checks/61-ios-shell.sh): the standard library of
# the iPhone target, for `cargo check --target aarch64-apple-ios`.
if ! rustup target list --installed | grep -qx aarch64-apple-ios; then
  echo "install-deps: rustup target add aarch64-apple-ios"
  rustup target add aarch64-apple-ios
fi
