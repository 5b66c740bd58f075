#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, MESOS_FUZZ=ON) in build-fuzz and runs
# each for a bounded time.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS (default 60) is the total budget, shared evenly by the targets.
# TARGETs are short names: request, response (default: both). The corpus
# grows in build-fuzz/fuzz-corpus/<target> across runs; a crashing input is
# saved in build-fuzz/fuzz-artifacts/ and the script exits non-zero. Turn
# every such input into a regression test before fixing it.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${root}/build-fuzz"
seconds="${1:-60}"
shift || true
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
  targets=(request response)
fi

if ! command -v clang++ >/dev/null; then
  echo "fuzz.sh: clang++ is required (apt-get install clang)" >&2
  exit 1
fi

CC=clang CXX=clang++ cmake -S "${root}" -B "${build}" -G Ninja \
  -DMESOS_FUZZ=ON -DMESOS_BENCHMARKS=OFF >/dev/null
cmake --build "${build}" -j2 \
  --target "${targets[@]/#/libprocess-wire-fuzz-}"

corpus="${build}/fuzz-corpus"
artifacts="${build}/fuzz-artifacts"
mkdir -p "${artifacts}"

# Seeds: the first two bytes of an input pick the decoder limits and the
# split point (see tests/fuzz_*_decoder.cpp); the rest is wire bytes.
seed() {
  local dir="$1" name="$2"
  shift 2
  mkdir -p "${dir}"
  [ -e "${dir}/${name}" ] || printf '\x00\x10%b' "$*" >"${dir}/${name}"
}
seed "${corpus}/request" message \
  'POST /master/mesos.internal.RegisterSlaveMessage HTTP/1.1\r\nUser-Agent: libprocess/slave(1)@10.0.0.5:5051\r\nLibprocess-From: slave(1)@10.0.0.5:5051\r\nConnection: Keep-Alive\r\nHost: 10.0.0.1:5050\r\nTransfer-Encoding: chunked\r\n\r\nb\r\nhello world\r\n0\r\n\r\n'
seed "${corpus}/request" pipelined \
  'POST /slave%281%29/x HTTP/1.1\r\nLibprocess-From: m@1.2.3.4:5\r\nContent-Length: 3\r\n\r\nabcGET /state?jsonp=cb&a=%20 HTTP/1.0\r\nConnection: keep-alive\r\nX-Empty:\r\n\r\n'
seed "${corpus}/request" chunked \
  'PUT /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nTrailer: t\r\n\r\n'
seed "${corpus}/response" responses \
  'HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\nHTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\nHTTP/1.0 200 OK\r\n\r\nuntil close'

dict="${build}/fuzz-http.dict"
cat >"${dict}" <<'DICT'
"POST "
"GET "
" HTTP/1.1\x0d\x0a"
" HTTP/1.0\x0d\x0a"
"HTTP/1.1 "
"\x0d\x0a"
"\x0d\x0a\x0d\x0a"
": "
"Libprocess-From: "
"User-Agent: libprocess/"
"Content-Length: "
"Transfer-Encoding: chunked"
"Connection: close"
"Connection: Keep-Alive"
"Connection: Upgrade"
"Upgrade: "
"0\x0d\x0a\x0d\x0a"
";ext="
"%28"
"%"
"?"
"#"
"@"
"slave(1)@10.0.0.5:5051"
DICT

per_target=$(( seconds / ${#targets[@]} ))
if [ "${per_target}" -lt 1 ]; then
  per_target=1
fi

status=0
for target in "${targets[@]}"; do
  echo "fuzz.sh: ${target} for ${per_target}s"
  if ! "${build}/3rdparty/libprocess/libprocess-wire-fuzz-${target}" \
      -max_total_time="${per_target}" -dict="${dict}" \
      -artifact_prefix="${artifacts}/${target}-" -print_final_stats=1 \
      "${corpus}/${target}"; then
    status=1
  fi
done
exit "${status}"
