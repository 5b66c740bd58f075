// Runtime benchmarks: dispatch throughput, ping-pong latency, spawn and
// terminate. Figures and how to run them: docs/performance.md.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include <process/dispatch.hpp>
#include <process/future.hpp>
#include <process/process.hpp>

using process::dispatch;
using process::Future;
using process::PID;
using process::Process;
using process::Promise;

namespace {

class Receiver : public Process<Receiver> {
 public:
  Future<Nothing> expect(int64_t count) {
    target_ = received_ + count;
    done_ = Promise<Nothing>();
    return done_.future();
  }
  void receive() {
    if (++received_ == target_)
      done_.set(Nothing());
  }
  int64_t received() const { return received_; }

 private:
  int64_t received_ = 0;
  int64_t target_ = -1;
  Promise<Nothing> done_;
};

class Sender : public Process<Sender> {
 public:
  void burst(PID<Receiver> to, int64_t count) {
    for (int64_t i = 0; i < count; ++i)
      dispatch(to, &Receiver::receive);
  }
};

class Player : public Process<Player> {
 public:
  Future<Nothing> start(PID<Player> peer, int64_t rounds) {
    done_ = Promise<Nothing>();
    dispatch(peer, &Player::ball, self(), rounds);
    return done_.future();
  }
  void ball(PID<Player> from, int64_t left) {
    if (left == 0) {
      done_.set(Nothing());
      dispatch(from, &Player::finish);
      return;
    }
    dispatch(from, &Player::ball, self(), left - 1);
  }
  void finish() { done_.set(Nothing()); }

 private:
  Promise<Nothing> done_;
};

class Idle : public Process<Idle> {};

constexpr int64_t kBatch = 100000;

// One process sends a burst of void dispatches to another.
void BM_DispatchBetweenProcesses(benchmark::State& state) {
  Receiver receiver;
  Sender sender;
  process::spawn(receiver);
  process::spawn(sender);
  for (auto _ : state) {
    Future<Nothing> done = dispatch(receiver, &Receiver::expect, kBatch);
    dispatch(sender, &Sender::burst, receiver.self(), kBatch);
    done.await();
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
  process::terminate(sender);
  process::terminate(receiver);
  process::wait(sender);
  process::wait(receiver);
}
BENCHMARK(BM_DispatchBetweenProcesses)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// A non-worker thread (this one) sends to a process.
void BM_DispatchFromThread(benchmark::State& state) {
  Receiver receiver;
  process::spawn(receiver);
  for (auto _ : state) {
    Future<Nothing> done = dispatch(receiver, &Receiver::expect, kBatch);
    for (int64_t i = 0; i < kBatch; ++i) {
      dispatch(receiver, &Receiver::receive);
    }
    done.await();
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
  process::terminate(receiver);
  process::wait(receiver);
}
BENCHMARK(BM_DispatchFromThread)->UseRealTime()->Unit(benchmark::kMillisecond);

// Two processes bounce a dispatch back and forth: one round trip is two
// dispatches.
void BM_PingPong(benchmark::State& state) {
  constexpr int64_t kRounds = 10000;
  Player a, b;
  process::spawn(a);
  process::spawn(b);
  for (auto _ : state) {
    dispatch(a, &Player::start, b.self(), 2 * kRounds).await();
  }
  state.counters["roundtrip"] = benchmark::Counter(
      double(state.iterations() * kRounds),
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  process::terminate(a);
  process::terminate(b);
  process::wait(a);
  process::wait(b);
}
BENCHMARK(BM_PingPong)->UseRealTime()->Unit(benchmark::kMillisecond);

// Request/response from a non-worker thread: dispatch a method returning a
// value and block on the future (includes waking this thread).
void BM_DispatchRoundTripFromThread(benchmark::State& state) {
  Receiver receiver;
  process::spawn(receiver);
  for (auto _ : state) {
    dispatch(receiver, &Receiver::received).await();
  }
  process::terminate(receiver);
  process::wait(receiver);
}
BENCHMARK(BM_DispatchRoundTripFromThread)->UseRealTime();

// Spawn a managed process, then terminate it; waits for the whole batch.
void BM_SpawnTerminate(benchmark::State& state) {
  constexpr int kProcesses = 10000;
  std::vector<process::UPID> pids(kProcesses);
  for (auto _ : state) {
    for (int i = 0; i < kProcesses; ++i) {
      pids[i] = process::spawn(new Idle(), true);
      process::terminate(pids[i]);
    }
    for (const process::UPID& pid : pids)
      process::wait(pid);
  }
  state.SetItemsProcessed(state.iterations() * kProcesses);
}
BENCHMARK(BM_SpawnTerminate)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  process::initialize();
  benchmark::AddCustomContext("libprocess workers",
                              std::to_string(process::workers()));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  process::finalize();
  return 0;
}
