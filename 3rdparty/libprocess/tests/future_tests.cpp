#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <process/clock.hpp>
#include <process/future.hpp>
#include <process/gtest.hpp>

#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

using process::Clock;
using process::ErrnoFailure;
using process::Failure;
using process::Future;
using process::Promise;
using process::undiscardable;

TEST(FutureTest, PendingThenReady) {
  Promise<int> promise;
  Future<int> future = promise.future();
  EXPECT_TRUE(future.isPending());
  EXPECT_FALSE(future.hasDiscard());
  EXPECT_TRUE(promise.set(42));
  EXPECT_TRUE(future.isReady());
  EXPECT_EQ(42, future.get());
  EXPECT_EQ(42, *future);
}

TEST(FutureTest, CompletesOnlyOnce) {
  Promise<int> promise;
  EXPECT_TRUE(promise.set(1));
  EXPECT_FALSE(promise.set(2));
  EXPECT_FALSE(promise.fail("late"));
  EXPECT_FALSE(promise.discard());
  EXPECT_EQ(1, promise.future().get());

  Promise<int> failed;
  EXPECT_TRUE(failed.fail("boom"));
  EXPECT_FALSE(failed.set(3));
  EXPECT_FALSE(failed.discard());
  EXPECT_TRUE(failed.future().isFailed());
  EXPECT_EQ("boom", failed.future().failure());

  Promise<int> discarded;
  EXPECT_TRUE(discarded.discard());
  EXPECT_FALSE(discarded.set(3));
  EXPECT_FALSE(discarded.fail("x"));
  EXPECT_TRUE(discarded.future().isDiscarded());
}

TEST(FutureTest, ConstructedStates) {
  Future<int> ready = 5;
  EXPECT_TRUE(ready.isReady());
  Future<std::string> converted = "text";
  EXPECT_EQ("text", converted.get());
  Future<Option<int>> none = None();
  EXPECT_TRUE(none.get().isNone());
  Future<int> failed = Failure("bad");
  EXPECT_EQ("bad", failed.failure());
  Future<int> also = Future<int>::failed("worse");
  EXPECT_EQ("worse", also.failure());
  Future<int> errno_failure = ErrnoFailure(ENOENT, "open");
  EXPECT_EQ("open: No such file or directory", errno_failure.failure());
  Future<int> from_try = Try<int>(7);
  EXPECT_EQ(7, from_try.get());
  Future<int> from_error = Try<int>(Error("nope"));
  EXPECT_EQ("nope", from_error.failure());
  EXPECT_TRUE(Future<int>().isPending());
}

TEST(FutureTest, CallbacksRunInRegistrationOrder) {
  Promise<int> promise;
  std::vector<std::string> order;
  promise.future()
      .onAny([&]() { order.push_back("any1"); })
      .onReady([&](int v) { order.push_back("ready" + std::to_string(v)); })
      .onFailed([&]() { order.push_back("failed"); })
      .onDiscarded([&]() { order.push_back("discarded"); })
      .onAny([&](const Future<int>& f) {
        order.push_back(f.isReady() ? "any2" : "?");
      });
  EXPECT_TRUE(order.empty());
  promise.set(3);
  EXPECT_EQ((std::vector<std::string>{"any1", "ready3", "any2"}), order);
}

TEST(FutureTest, CallbacksForEachOutcome) {
  std::vector<std::string> order;
  auto record = [&](Future<int> future) {
    future.onReady([&]() { order.push_back("ready"); })
        .onFailed([&](const std::string& m) { order.push_back("failed:" + m); })
        .onDiscarded([&]() { order.push_back("discarded"); });
  };
  Promise<int> failed;
  record(failed.future());
  failed.fail("x");
  Promise<int> discarded;
  record(discarded.future());
  discarded.discard();
  EXPECT_EQ((std::vector<std::string>{"failed:x", "discarded"}), order);
}

TEST(FutureTest, CallbackAfterCompletionRunsImmediately) {
  Future<int> future = 9;
  int seen = 0;
  future.onReady([&](int v) { seen = v; });
  EXPECT_EQ(9, seen);
  bool any = false;
  future.onAny([&]() { any = true; });
  EXPECT_TRUE(any);
  bool failed = false;
  future.onFailed([&]() { failed = true; });
  EXPECT_FALSE(failed);
}

TEST(FutureTest, CallbacksRunExactlyOnceUnderRaces) {
  for (int round = 0; round < 50; ++round) {
    Promise<int> promise;
    Future<int> future = promise.future();
    std::atomic<int> calls{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&]() {
        for (int i = 0; i < 100; ++i)
          future.onAny([&]() { calls++; });
      });
    }
    std::thread setter([&]() { promise.set(1); });
    for (auto& thread : threads)
      thread.join();
    setter.join();
    EXPECT_EQ(400, calls.load());
  }
}

TEST(FutureTest, CallbacksDroppedWhenNothingCanCompleteTheFuture) {
  auto token = std::make_shared<int>(0);
  std::weak_ptr<int> watch = token;
  bool ran = false;
  {
    Promise<int> promise;
    promise.future().onAny([token, &ran]() { ran = true; });
    token.reset();
    EXPECT_FALSE(watch.expired());
  }
  EXPECT_TRUE(watch.expired());
  EXPECT_FALSE(ran);
}

TEST(FutureTest, DiscardRequest) {
  Promise<int> promise;
  Future<int> future = promise.future();
  int discards = 0;
  future.onDiscard([&]() { discards++; });
  EXPECT_TRUE(future.discard());
  EXPECT_FALSE(future.discard());
  EXPECT_TRUE(future.hasDiscard());
  EXPECT_TRUE(future.isPending());
  EXPECT_EQ(1, discards);

  // Registered after the request: runs immediately.
  future.onDiscard([&]() { discards++; });
  EXPECT_EQ(2, discards);

  // The producer honours it.
  EXPECT_TRUE(promise.discard());
  EXPECT_TRUE(future.isDiscarded());
}

TEST(FutureTest, DiscardAfterCompletionDoesNothing) {
  Promise<int> promise;
  Future<int> future = promise.future();
  bool discard = false;
  future.onDiscard([&]() { discard = true; });
  promise.set(1);
  EXPECT_FALSE(future.discard());
  EXPECT_FALSE(future.hasDiscard());
  EXPECT_FALSE(discard);
}

TEST(FutureTest, ThenChains) {
  Promise<int> promise;
  Future<std::string> result =
      promise.future()
          .then([](int v) { return v + 1; })
          .then([](int v) -> Future<int> { return v * 2; })
          .then([]() { return std::string("ignored input"); })
          .then([](const std::string& s) { return s + "!"; });
  EXPECT_TRUE(result.isPending());
  promise.set(1);
  EXPECT_EQ("ignored input!", result.get());
}

TEST(FutureTest, ThenVoidGivesNothing) {
  int seen = 0;
  Future<Nothing> done = Future<int>(4).then([&](int v) { seen = v; });
  EXPECT_TRUE(done.isReady());
  EXPECT_EQ(4, seen);
}

TEST(FutureTest, ThenFollowsReturnedFuture) {
  Promise<int> outer;
  Promise<std::string> inner;
  Future<std::string> result =
      outer.future().then([&](int) { return inner.future(); });
  outer.set(1);
  EXPECT_TRUE(result.isPending());
  inner.set("done");
  EXPECT_EQ("done", result.get());
}

TEST(FutureTest, ThenPassesFailureAndDiscard) {
  bool called = false;
  Promise<int> failing;
  Future<int> failed = failing.future().then([&](int v) {
    called = true;
    return v;
  });
  failing.fail("broken");
  EXPECT_EQ("broken", failed.failure());

  Promise<int> discarding;
  Future<int> discarded = discarding.future().then([&](int v) {
    called = true;
    return v;
  });
  discarding.discard();
  EXPECT_TRUE(discarded.isDiscarded());
  EXPECT_FALSE(called);
}

TEST(FutureTest, DiscardPropagatesUpThenChain) {
  Promise<int> promise;
  Future<int> first = promise.future();
  Future<int> second = first.then([](int v) { return v; });
  Future<int> third = second.then([](int v) { return v; });
  bool upstream = false;
  first.onDiscard([&]() { upstream = true; });

  EXPECT_TRUE(third.discard());
  EXPECT_TRUE(second.hasDiscard());
  EXPECT_TRUE(first.hasDiscard());
  EXPECT_TRUE(upstream);

  // A value produced despite the request does not run the continuations.
  promise.set(1);
  EXPECT_TRUE(second.isDiscarded());
  EXPECT_TRUE(third.isDiscarded());
}

TEST(FutureTest, DiscardReachesFutureReturnedByContinuation) {
  Promise<int> outer;
  Promise<int> inner;
  Future<int> result = outer.future().then([&](int) { return inner.future(); });
  outer.set(1);
  result.discard();
  EXPECT_TRUE(inner.future().hasDiscard());
  inner.discard();
  EXPECT_TRUE(result.isDiscarded());
}

TEST(FutureTest, DiscardBeforeContinuationReturnsIsForwarded) {
  Promise<int> outer;
  Promise<int> inner;
  Future<int> result;
  result = outer.future().then([&](int) {
    result.discard();
    return inner.future();
  });
  outer.set(1);
  EXPECT_TRUE(inner.future().hasDiscard());
}

TEST(FutureTest, Associate) {
  Promise<int> promise;
  Promise<int> source;
  EXPECT_TRUE(promise.associate(source.future()));
  EXPECT_FALSE(promise.associate(Future<int>(1)));
  EXPECT_FALSE(promise.set(5));
  promise.future().discard();
  EXPECT_TRUE(source.future().hasDiscard());
  source.set(2);
  EXPECT_EQ(2, promise.future().get());

  Promise<int> via_set;
  EXPECT_TRUE(via_set.set(Future<int>(Failure("x"))));
  EXPECT_TRUE(via_set.future().isFailed());
}

TEST(FutureTest, Repair) {
  Future<int> repaired =
      Future<int>(Failure("x")).repair([](const Future<int>& f) {
        EXPECT_TRUE(f.isFailed());
        return 3;
      });
  EXPECT_EQ(3, repaired.get());

  Future<int> untouched =
      Future<int>(1).repair([](const Future<int>&) { return 3; });
  EXPECT_EQ(1, untouched.get());

  Promise<int> discarding;
  Future<int> discarded =
      discarding.future().repair([](const Future<int>&) { return 3; });
  discarding.discard();
  EXPECT_TRUE(discarded.isDiscarded());
}

TEST(FutureTest, Recover) {
  Promise<int> discarding;
  Future<int> recovered =
      discarding.future().recover([](const Future<int>& f) -> Future<int> {
        EXPECT_TRUE(f.isDiscarded());
        return 7;
      });
  discarding.discard();
  EXPECT_EQ(7, recovered.get());

  Future<int> failed = Future<int>(Failure("x"))
                           .recover([](const Future<int>& f) -> Future<int> {
                             return Failure("wrapped: " + f.failure());
                           });
  EXPECT_EQ("wrapped: x", failed.failure());

  Promise<int> upstream;
  Future<int> chained =
      upstream.future().recover([](const Future<int>&) { return 0; });
  chained.discard();
  EXPECT_TRUE(upstream.future().hasDiscard());
}

TEST(FutureTest, AfterFiresOnPausedClock) {
  Clock::pause();
  Promise<int> promise;
  Future<int> result = promise.future().after(
      Seconds(10), [](Future<int> future) -> Future<int> {
        future.discard();
        return Failure("timed out");
      });
  Clock::advance(Seconds(9));
  Clock::settle();
  EXPECT_TRUE(result.isPending());
  Clock::advance(Seconds(1));
  AWAIT_FAILED(result);
  EXPECT_EQ("timed out", result.failure());
  EXPECT_TRUE(promise.future().hasDiscard());
  Clock::resume();
}

TEST(FutureTest, AfterNotNeededWhenCompleted) {
  Clock::pause();
  Promise<int> promise;
  bool called = false;
  Future<int> result = promise.future().after(
      Seconds(10), [&](const Future<int>&) -> Future<int> {
        called = true;
        return 0;
      });
  promise.set(5);
  EXPECT_EQ(5, result.get());
  Clock::advance(Seconds(20));
  Clock::settle();
  EXPECT_FALSE(called);
  Clock::resume();
}

TEST(FutureTest, Undiscardable) {
  Promise<int> promise;
  Future<int> shielded = undiscardable(promise.future());
  shielded.discard();
  EXPECT_FALSE(promise.future().hasDiscard());
  promise.set(1);
  EXPECT_EQ(1, shielded.get());
}

TEST(FutureTest, ConvertsToNothing) {
  Promise<int> promise;
  Future<Nothing> nothing = promise.future();
  promise.set(1);
  EXPECT_TRUE(nothing.isReady());

  Future<Nothing> failed = Future<std::string>(Failure("x"));
  EXPECT_EQ("x", failed.failure());
}

TEST(FutureTest, AwaitTimesOutInRealTime) {
  Promise<int> promise;
  EXPECT_FALSE(promise.future().await(Milliseconds(1)));
  std::thread setter([&]() { promise.set(1); });
  EXPECT_TRUE(promise.future().await());
  setter.join();
}

TEST(FutureTest, GetOfFailedFutureAborts) {
  ::testing::FLAGS_gtest_death_test_style = "threadsafe";
  Future<int> failed = Failure("reason");
  EXPECT_DEATH(failed.get(), "failed: reason");
  Future<int> ready = 1;
  EXPECT_DEATH(ready.failure(), "has not failed");
}

TEST(FutureTest, EqualityIsIdentity) {
  Promise<int> promise;
  Future<int> a = promise.future();
  Future<int> b = promise.future();
  Future<int> c = 1;
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}
