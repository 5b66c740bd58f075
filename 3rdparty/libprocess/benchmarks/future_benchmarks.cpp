// Future benchmarks: the cost of a `then` link and of a promise round.

#include <benchmark/benchmark.h>

#include <process/future.hpp>

using process::Future;
using process::Promise;

namespace {

// A 10-step chain built on a pending future, then completed: per link it
// allocates the next state, registers a callback, runs it and completes
// the next state.
void BM_ThenChain10(benchmark::State& state) {
  constexpr int kLinks = 10;
  for (auto _ : state) {
    Promise<int> promise;
    Future<int> future = promise.future();
    for (int i = 0; i < kLinks; ++i) {
      future = future.then([](int value) { return value + 1; });
    }
    promise.set(0);
    benchmark::DoNotOptimize(future.get());
  }
  state.counters["per_link"] = benchmark::Counter(
      double(state.iterations() * kLinks),
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_ThenChain10);

// The same chain on an already ready future (continuations run inline).
void BM_ThenChain10Ready(benchmark::State& state) {
  constexpr int kLinks = 10;
  for (auto _ : state) {
    Future<int> future = 0;
    for (int i = 0; i < kLinks; ++i) {
      future = future.then([](int value) { return value + 1; });
    }
    benchmark::DoNotOptimize(future.get());
  }
  state.counters["per_link"] = benchmark::Counter(
      double(state.iterations() * kLinks),
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_ThenChain10Ready);

void BM_PromiseSetWithCallback(benchmark::State& state) {
  int sum = 0;
  for (auto _ : state) {
    Promise<int> promise;
    promise.future().onReady([&sum](int value) { sum += value; });
    promise.set(1);
  }
  benchmark::DoNotOptimize(sum);
}
BENCHMARK(BM_PromiseSetWithCallback);

}  // namespace
