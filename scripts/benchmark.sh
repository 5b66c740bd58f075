#!/usr/bin/env bash
# The whole-cluster benchmark of docs/performance.md: builds the daemons
# and cluster-benchmark (Release, MESOS_BENCHMARKS=ON) and runs it. The
# real mesos-master, mesos-agent, mesos-executor and mesos-execute run as
# separate OS processes on 127.0.0.1 with temporary work dirs, all removed
# (every process stopped) when the benchmark ends.
#
#   scripts/benchmark.sh [cluster-benchmark flags, e.g.
#       --scenarios=launch,execute,health,recovery --tasks=1000
#       --executors=100,1000 --wrk_args='-t2 -c64 -d10s']
#
# Environment: BUILD_DIR (build-bench). The health scenario needs wrk
# (apt-get install wrk); the 1,000-executor recovery run starts 1,000
# executor processes (about 1.4 MB each of their own memory).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source scripts/deps.sh
MESOS_PACKAGES+=(wrk)
mesos_install_deps

BUILD_DIR=${BUILD_DIR:-build-bench}

export CCACHE_DIR=${CCACHE_DIR:-$PWD/$BUILD_DIR/.ccache}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DMESOS_BENCHMARKS=ON >/dev/null
cmake --build "$BUILD_DIR" -j "$(nproc)" --target cluster-benchmark

echo "machine: $(nproc) CPUs, $(free -g | awk '/^Mem:/ {print $2}') GiB," \
  "Linux $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$BUILD_DIR/tests/cluster-benchmark" "$@"
