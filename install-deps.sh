#!/usr/bin/env bash
# Installs, with apt-get, the Debian 12 packages that tmkit's build and tests
# need, and only those that are missing. Quiet when everything is present.
# Run as root (or with sudo available).
set -euo pipefail

packages=(
  g++ cmake make pkg-config          # toolchain
  libicu-dev                         # Unicode: segmentation, normalisation
  zlib1g-dev                         # align --dict: FreeDict .dict.dz files
  libsqlite3-dev libsqlitecpp-dev    # the translation memory
  libpugixml-dev                     # TMX
  libcli11-dev nlohmann-json3-dev    # the command line, JSON output
  libgtest-dev libbenchmark-dev      # tests/ and bench/
  libxml2-utils                      # xmllint: DTD validation of our TMX in tests
  python3                            # tools/ scripts and the alignment metric
  chromium fonts-noto-cjk            # the review page's browser test and its screenshot
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
