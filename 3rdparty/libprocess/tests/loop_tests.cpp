#include <gtest/gtest.h>

#include <atomic>
#include <deque>
#include <string>

#include <process/defer.hpp>
#include <process/dispatch.hpp>
#include <process/future.hpp>
#include <process/gtest.hpp>
#include <process/loop.hpp>
#include <process/process.hpp>

using process::Break;
using process::Continue;
using process::ControlFlow;
using process::Failure;
using process::Future;
using process::loop;
using process::Promise;

TEST(LoopTest, SynchronousIterationsDoNotGrowTheStack) {
  int i = 0;
  Future<int> result = loop([&]() { return i++; },
                            [](int n) -> ControlFlow<int> {
                              if (n == 1000000)
                                return Break(n);
                              return Continue();
                            });
  AWAIT_EXPECT_EQ(1000000, result);
}

TEST(LoopTest, AsynchronousIterations) {
  std::deque<Promise<int>> promises(3);
  size_t next = 0;
  int sum = 0;
  Future<int> result = loop([&]() { return promises[next++].future(); },
                            [&](int n) -> Future<ControlFlow<int>> {
                              sum += n;
                              if (next == promises.size())
                                return Break(sum);
                              return Continue();
                            });
  promises[0].set(1);
  promises[1].set(2);
  EXPECT_TRUE(result.isPending());
  promises[2].set(3);
  AWAIT_EXPECT_EQ(6, result);
}

TEST(LoopTest, BreakWithoutValue) {
  int i = 0;
  Future<Nothing> result = loop([&]() { return i++; },
                                [](int n) -> ControlFlow<Nothing> {
                                  if (n == 3)
                                    return Break();
                                  return Continue();
                                });
  AWAIT_READY(result);
}

TEST(LoopTest, FailurePropagates) {
  Future<int> result =
      loop([]() { return Future<int>(Failure("iterate failed")); },
           [](int) -> ControlFlow<int> { return Continue(); });
  AWAIT_FAILED(result);
  EXPECT_EQ("iterate failed", result.failure());

  Future<int> body = loop(
      []() { return 1; },
      [](int) -> Future<ControlFlow<int>> { return Failure("body failed"); });
  AWAIT_FAILED(body);
  EXPECT_EQ("body failed", body.failure());
}

TEST(LoopTest, DiscardReachesCurrentFuture) {
  Promise<int> pending;
  Future<int> result = loop([&]() { return pending.future(); },
                            [](int) -> ControlFlow<int> { return Continue(); });
  result.discard();
  EXPECT_TRUE(pending.future().hasDiscard());
  pending.discard();
  AWAIT_DISCARDED(result);
}

TEST(LoopTest, RunsInsideProcess) {
  class Counter : public process::Process<Counter> {
   public:
    int count = 0;
  };
  Counter counter;
  process::spawn(counter);
  std::atomic<bool> outside{false};
  Promise<int> gate;
  Future<int> result = loop(
      counter.self(),
      [&]() -> Future<int> {
        if (process::internal::currentPid() == nullptr ||
            *process::internal::currentPid() != counter.self()) {
          outside = true;
        }
        if (counter.count == 5)
          return gate.future();
        return counter.count;
      },
      [&](int n) -> ControlFlow<int> {
        counter.count++;
        if (n == 5)
          return Break(n);
        return Continue();
      });
  gate.set(5);
  AWAIT_EXPECT_EQ(5, result);
  EXPECT_FALSE(outside);
  process::terminate(counter);
  process::wait(counter);
}
