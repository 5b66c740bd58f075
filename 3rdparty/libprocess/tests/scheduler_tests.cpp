#include <gtest/gtest.h>

#include <stdlib.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <process/clock.hpp>
#include <process/dispatch.hpp>
#include <process/future.hpp>
#include <process/gtest.hpp>
#include <process/process.hpp>

using process::dispatch;
using process::Future;
using process::PID;
using process::Process;
using process::Promise;

namespace {

// Restarts libprocess with `workers` worker threads for one test.
class WorkerCount {
 public:
  explicit WorkerCount(int workers) {
    const char* previous = ::getenv("LIBPROCESS_NUM_WORKER_THREADS");
    if (previous != nullptr)
      previous_ = previous;
    restart(std::to_string(workers));
  }
  ~WorkerCount() { restart(previous_); }

 private:
  static void restart(const std::string& workers) {
    process::finalize();
    if (workers.empty()) {
      ::unsetenv("LIBPROCESS_NUM_WORKER_THREADS");
    } else {
      ::setenv("LIBPROCESS_NUM_WORKER_THREADS", workers.c_str(), 1);
    }
    process::initialize();
  }

  std::string previous_;
};

// Detects two of its handlers running at the same time.
class Exclusive : public Process<Exclusive> {
 public:
  void touch() {
    if (inside_.exchange(true))
      overlaps_++;
    // A little work so that overlaps would have a window to happen.
    for (int i = 0; i < 50; ++i)
      counter_ = counter_ * 31 + i;
    handled_++;
    inside_.store(false);
  }
  void bounce(PID<Exclusive> other, int left) {
    touch();
    if (left > 0)
      dispatch(other, &Exclusive::bounce, self(), left - 1);
  }
  int overlaps() const { return overlaps_.load(); }
  long handled() const { return handled_; }

 private:
  std::atomic<bool> inside_{false};
  std::atomic<int> overlaps_{0};
  long handled_ = 0;
  unsigned counter_ = 0;
};

}  // namespace

TEST(SchedulerTest, NoTwoHandlersOfAProcessAtOnceWithEightWorkers) {
  WorkerCount eight(8);
  ASSERT_EQ(8u, process::workers());

  std::vector<std::unique_ptr<Exclusive>> processes;
  for (int i = 0; i < 8; ++i) {
    processes.push_back(std::make_unique<Exclusive>());
    process::spawn(*processes.back());
  }
  // Many sender threads, and processes bouncing events between each other.
  std::vector<std::thread> senders;
  for (int t = 0; t < 4; ++t) {
    senders.emplace_back([&processes, t]() {
      for (int i = 0; i < 5000; ++i) {
        dispatch(*processes[(i + t) % processes.size()], &Exclusive::touch);
      }
    });
  }
  for (size_t i = 0; i < processes.size(); ++i) {
    const auto& other = processes[(i + 1) % processes.size()];
    dispatch(*processes[i], &Exclusive::bounce, other->self(), 2000);
  }
  for (auto& sender : senders)
    sender.join();
  process::Clock::pause();
  process::Clock::settle();
  process::Clock::resume();

  long handled = 0;
  for (auto& process : processes) {
    process::terminate(*process, false);
    process::wait(*process);
    EXPECT_EQ(0, process->overlaps());
    handled += process->handled();
  }
  EXPECT_EQ(4 * 5000 + 8 * 2001, handled);
}

TEST(SchedulerTest, SingleWorkerMakesProgress) {
  WorkerCount one(1);
  ASSERT_EQ(1u, process::workers());

  // Two processes ping-ponging forever must not starve a third one.
  Exclusive a, b, c;
  process::spawn(a);
  process::spawn(b);
  process::spawn(c);
  dispatch(a, &Exclusive::bounce, b.self(), 1000000000);
  AWAIT_EXPECT_EQ(0, dispatch(c, &Exclusive::overlaps));

  // wait() inside a handler with a single worker: it runs the others.
  Future<bool> waited = dispatch(c.self(), [&]() {
    process::terminate(a);
    process::terminate(b);
    return process::wait(a) && process::wait(b);
  });
  AWAIT_EXPECT_EQ(true, waited);
  process::terminate(c);
  process::wait(c);
}

TEST(SchedulerTest, ManySpawnsAndTerminations) {
  std::vector<process::UPID> pids;
  for (int i = 0; i < 2000; ++i) {
    pids.push_back(process::spawn(new Exclusive(), true));
    dispatch(pids.back(), []() {});
    process::terminate(pids.back(), i % 2 == 0);
  }
  for (const process::UPID& pid : pids)
    EXPECT_TRUE(process::wait(pid));
}
