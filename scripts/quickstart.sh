#!/usr/bin/env bash
# The README's main command. Installs missing Debian packages, builds the
# project (Release) and runs the libprocess demo: two OS processes on
# 127.0.0.1 exchanging real libprocess messages, then curl reading an HTTP
# route of one of them and posting a message into it. Everything it starts
# is stopped before it exits.
#
# (When the agent and master land, this script starts a local cluster and
# runs a real task instead; see README.md.)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source scripts/deps.sh
MESOS_PACKAGES+=(curl)
mesos_install_deps

BUILD_DIR=${BUILD_DIR:-build-release}
export CCACHE_DIR=${CCACHE_DIR:-$PWD/$BUILD_DIR/.ccache}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DMESOS_BENCHMARKS=OFF >/dev/null
cmake --build "$BUILD_DIR" --target ping-pong -j "$(nproc)"

demo="$BUILD_DIR/bin/ping-pong"
workdir=$(mktemp -d)
pong_pid=
cleanup() {
  if [ -n "$pong_pid" ]; then
    kill "$pong_pid" 2>/dev/null || true
    wait "$pong_pid" 2>/dev/null || true
  fi
  rm -rf "$workdir"
}
trap cleanup EXIT

echo
echo "== Starting pong (its own OS process, a free port on 127.0.0.1)"
LIBPROCESS_IP=127.0.0.1 LIBPROCESS_PORT=0 "$demo" pong \
  >"$workdir/pong.out" 2>"$workdir/pong.log" &
pong_pid=$!
for _ in $(seq 100); do
  [ -s "$workdir/pong.out" ] && break
  kill -0 "$pong_pid" 2>/dev/null || { cat "$workdir/pong.log"; exit 1; }
  sleep 0.1
done
pong=$(head -n 1 "$workdir/pong.out")
[ -n "$pong" ] || { echo "pong did not start"; cat "$workdir/pong.log"; exit 1; }
echo "pong is $pong"
address=${pong#*@}

echo
echo "== ping (another OS process) streams messages and measures round trips"
LIBPROCESS_IP=127.0.0.1 "$demo" ping "$pong" 100000

echo
echo "== curl reads pong's route: GET http://$address/pong/stats"
curl -sS "http://$address/pong/stats"
echo

echo
echo "== curl sends pong a libprocess message (POST /pong/ping, Libprocess-From)"
curl -sS -o /dev/null -w 'answer: HTTP %{http_code}\n' -X POST \
  -H "Libprocess-From: curl@127.0.0.1:1" --data 'hello' \
  "http://$address/pong/ping"
curl -sS "http://$address/pong/stats"
echo

echo
echo "Done: pong stopped, nothing left running."
