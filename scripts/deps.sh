#!/usr/bin/env bash
# Installs the Debian packages the project builds with, skipping the install
# entirely when every one is already present. Sourced by test.sh and
# quickstart.sh; safe to run on its own.
set -euo pipefail

MESOS_PACKAGES=(
  cmake ninja-build g++ make ccache pkg-config
  libprotobuf-dev protobuf-compiler
  libgoogle-glog-dev libgflags-dev
  libev-dev libhttp-parser-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)

mesos_install_deps() {
  local missing=()
  local package
  for package in "${MESOS_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null |
        grep -q 'install ok installed'; then
      missing+=("$package")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi

  echo "Installing missing Debian packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq \
    --no-install-recommends "${missing[@]}"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  mesos_install_deps
fi
