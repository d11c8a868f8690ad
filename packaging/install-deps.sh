#!/usr/bin/env bash
# Installs the Debian 12 packages Vigil needs to build, test and run. Skips what is present.
# Usage: packaging/install-deps.sh   (as root, or with sudo available)
set -euo pipefail

pkgs=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-tools-dev qt6-l10n-tools qt6-tools-dev-tools qt6-svg-dev
  qt6-translations-l10n
  libqt6sql6-sqlite libqt6svg6
  libqcustomplot-dev libqcustomplot2.1-qt6
  libtorch-dev libopenblas0-openmp
  libeigen3-dev libsqlite3-dev zlib1g-dev
  libfast-float-dev nlohmann-json3-dev libcli11-dev
  xvfb xauth fonts-dejavu-core
  librsvg2-bin dpkg-dev file
)

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#pkgs[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
