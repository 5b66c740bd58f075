// Child processes and pipe I/O: what an agent pays per external program.

#include <benchmark/benchmark.h>

#include <unistd.h>

#include <string>
#include <vector>

#include <process/collect.hpp>
#include <process/future.hpp>
#include <process/io.hpp>
#include <process/process.hpp>
#include <process/subprocess.hpp>

using process::Future;
using process::Subprocess;
using process::subprocess;

namespace {

// One subprocess of /bin/true, from fork to its reaped exit status.
void BM_SpawnAndReapTrue(benchmark::State& state) {
  for (auto _ : state) {
    Try<Subprocess> child = subprocess("/bin/true", {"true"});
    if (child.isError()) {
      state.SkipWithError(child.error().c_str());
      return;
    }
    child->status().await();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SpawnAndReapTrue)->UseRealTime()->Unit(benchmark::kMicrosecond);

// `state.range(0)` children of /bin/true started back to back, then all
// reaped: spawn throughput while the reaper works concurrently.
void BM_SpawnBatchTrue(benchmark::State& state) {
  const int count = static_cast<int>(state.range(0));
  for (auto _ : state) {
    std::vector<Future<Option<int>>> statuses;
    for (int i = 0; i < count; i++) {
      Try<Subprocess> child = subprocess("/bin/true", {"true"});
      if (child.isError()) {
        state.SkipWithError(child.error().c_str());
        return;
      }
      statuses.push_back(child->status());
    }
    process::collect(statuses).await();
  }
  state.SetItemsProcessed(state.iterations() * count);
}
BENCHMARK(BM_SpawnBatchTrue)
    ->Arg(100)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// 64 MiB from a child's stdout read to EOF with io::read.
void BM_ReadChildOutput(benchmark::State& state) {
  const size_t size = 64 << 20;
  for (auto _ : state) {
    Try<Subprocess> child =
        subprocess("head -c " + std::to_string(size) + " /dev/zero",
                   Subprocess::FD(STDIN_FILENO), Subprocess::PIPE());
    if (child.isError()) {
      state.SkipWithError(child.error().c_str());
      return;
    }
    Future<std::string> out = process::io::read(child->out().get());
    out.await();
    child->status().await();
    if (!out.isReady() || out->size() != size) {
      state.SkipWithError("short read");
      return;
    }
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(size));
}
BENCHMARK(BM_ReadChildOutput)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  process::initialize();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  process::finalize();
  return 0;
}
