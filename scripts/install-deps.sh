#!/usr/bin/env bash
# Installs what the test suite needs and is missing. Idempotent; each
# section checks before it installs, so a provisioned machine pays nothing.
set -euo pipefail

APT_PKGS=()
command -v oathtool >/dev/null 2>&1 || APT_PKGS+=(oathtool)
[ -f /usr/share/java/jna.jar ] || APT_PKGS+=(libjna-java)
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
