#!/usr/bin/env bash
# The README's test command: installs missing Debian packages, configures,
# builds everything (tests and benchmarks) and runs the whole suite with
# ctest. Environment:
#   BUILD_DIR   build directory (default: build)
#   BUILD_TYPE  CMake build type (default: RelWithDebInfo)
#   CMAKE_ARGS  extra arguments for cmake, e.g. "-DMESOS_TSAN=ON"
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source scripts/deps.sh
mesos_install_deps

BUILD_DIR=${BUILD_DIR:-build}
BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo}
JOBS=$(nproc)

# ccache keeps rebuilds cheap; its directory lives in the build tree so CI's
# fresh clone still works and nothing is written outside the checkout.
export CCACHE_DIR=${CCACHE_DIR:-$PWD/$BUILD_DIR/.ccache}

# shellcheck disable=SC2086
cmake -S . -B "$BUILD_DIR" -G Ninja \
  -DCMAKE_BUILD_TYPE="$BUILD_TYPE" \
  -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
  -DCMAKE_C_COMPILER_LAUNCHER=ccache \
  ${CMAKE_ARGS:-}

start=$(date +%s)
cmake --build "$BUILD_DIR" -j "$JOBS"
echo "Build took $(( $(date +%s) - start ))s"

cd "$BUILD_DIR"
ctest --output-on-failure -j "$JOBS"
