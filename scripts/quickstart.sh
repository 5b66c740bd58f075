#!/usr/bin/env bash
# The README's main command. Installs missing Debian packages, builds the
# daemons (Release), starts a local cluster on 127.0.0.1 — one mesos-master
# and one mesos-agent with temporary work dirs — runs a real command task
# through mesos-execute, and shows its states, its output and the daemons'
# /state URLs.
#
# By default the cluster is stopped (SIGTERM, then the work dirs removed)
# before the script exits. With KEEP_RUNNING=1 it is left running and the
# script prints the command that stops it.
#
# Environment: BUILD_DIR (build-release), MASTER_PORT (5050), AGENT_PORT
# (5051), KEEP_RUNNING (0), COMMAND (the task's shell command).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source scripts/deps.sh
MESOS_PACKAGES+=(curl)
mesos_install_deps

BUILD_DIR=${BUILD_DIR:-build-release}
MASTER_PORT=${MASTER_PORT:-5050}
AGENT_PORT=${AGENT_PORT:-5051}
KEEP_RUNNING=${KEEP_RUNNING:-0}
COMMAND=${COMMAND:-'echo "Hello from a Mesos task in $MESOS_SANDBOX"; sleep 1'}

export CCACHE_DIR=${CCACHE_DIR:-$PWD/$BUILD_DIR/.ccache}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DMESOS_BENCHMARKS=OFF >/dev/null
cmake --build "$BUILD_DIR" -j "$(nproc)" --target \
  mesos-master mesos-agent mesos-executor mesos-execute
bin="$PWD/$BUILD_DIR/bin"

for port in "$MASTER_PORT" "$AGENT_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port on 127.0.0.1 is in use; set MASTER_PORT/AGENT_PORT." >&2
    exit 1
  fi
done

workdir=$(mktemp -d /tmp/mesos-quickstart.XXXXXX)
master_pid=
agent_pid=
stop_cluster() {
  for pid in $agent_pid $master_pid; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$workdir"
}
if [ "$KEEP_RUNNING" != 1 ]; then
  trap stop_cluster EXIT
fi

# Polls `url` until it answers 200 and, if `pattern` is given, its body
# contains it (up to 30 s).
wait_for() {
  local url=$1 pattern=${2:-}
  for _ in $(seq 300); do
    if body=$(curl -sf "$url" 2>/dev/null) &&
      { [ -z "$pattern" ] || grep -q "$pattern" <<<"$body"; }; then
      return 0
    fi
    sleep 0.1
  done
  echo "Timed out waiting for $pattern at $url; logs in $workdir" >&2
  tail -n 20 "$workdir"/*.log >&2 || true
  exit 1
}

master="127.0.0.1:$MASTER_PORT"
agent="127.0.0.1:$AGENT_PORT"

echo
echo "== Starting mesos-master on $master (work dir $workdir/master)"
"$bin/mesos-master" --ip=127.0.0.1 --port="$MASTER_PORT" \
  --work_dir="$workdir/master" >"$workdir/master.log" 2>&1 &
master_pid=$!
wait_for "http://$master/health"

echo "== Starting mesos-agent on $agent (work dir $workdir/agent)"
"$bin/mesos-agent" --master="$master" --ip=127.0.0.1 --port="$AGENT_PORT" \
  --work_dir="$workdir/agent" \
  --resources='cpus:2;mem:1024;disk:1024;ports:[31000-32000]' \
  >"$workdir/agent.log" 2>&1 &
agent_pid=$!
wait_for "http://$master/metrics/snapshot" '"master/slaves_active":1'
echo "   the agent registered with the master"

echo
echo "== Running a task: mesos-execute --command='$COMMAND'"
"$bin/mesos-execute" --master="$master" --name=quickstart \
  --command="$COMMAND" --resources='cpus:0.5;mem:64'

echo
echo "== The task's stdout, read through the agent's /files/read"
sandbox=$(find "$workdir/agent/slaves" -path '*/runs/*' -name stdout \
  -not -path '*/latest/*' | head -n 1)
curl -sS -G "http://$agent/files/read" --data-urlencode "path=$sandbox" \
  --data-urlencode offset=0 && echo

echo
echo "== State endpoints"
echo "   master: http://$master/state"
echo "   agent:  http://$agent/state"
curl -sS "http://$master/metrics/snapshot" | tr ',' '\n' |
  grep -E 'master/(slaves_active|tasks_finished|frameworks_)' || true

if [ "$KEEP_RUNNING" = 1 ]; then
  echo
  echo "The cluster keeps running (logs and work dirs in $workdir)."
  echo "Stop it with: kill $agent_pid $master_pid && rm -rf $workdir"
else
  echo
  echo "Done: cluster stopped, work dirs removed."
fi
