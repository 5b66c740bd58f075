#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include <process/collect.hpp>
#include <process/future.hpp>
#include <process/gtest.hpp>

using process::await;
using process::collect;
using process::Failure;
using process::Future;
using process::Promise;

TEST(CollectTest, CollectsInOrder) {
  Promise<int> a, b, c;
  Future<std::vector<int>> all =
      collect(std::vector<Future<int>>{a.future(), b.future(), c.future()});
  c.set(3);
  a.set(1);
  EXPECT_TRUE(all.isPending());
  b.set(2);
  AWAIT_EXPECT_EQ((std::vector<int>{1, 2, 3}), all);
  AWAIT_EXPECT_EQ(std::vector<int>(), collect(std::vector<Future<int>>()));
}

TEST(CollectTest, FailsFast) {
  Promise<int> a, b;
  Future<std::vector<int>> all =
      collect(std::vector<Future<int>>{a.future(), b.future()});
  b.fail("broken");
  AWAIT_FAILED(all);
  EXPECT_EQ("Collect failed: broken", all.failure());
  EXPECT_TRUE(a.future().isPending());

  Promise<int> c;
  Future<std::vector<int>> discarded =
      collect(std::vector<Future<int>>{c.future()});
  c.discard();
  EXPECT_EQ("Collect failed: future discarded", discarded.failure());
}

TEST(CollectTest, DiscardReachesInputs) {
  Promise<int> a, b;
  Future<std::vector<int>> all =
      collect(std::vector<Future<int>>{a.future(), b.future()});
  all.discard();
  EXPECT_TRUE(a.future().hasDiscard());
  EXPECT_TRUE(b.future().hasDiscard());
  EXPECT_TRUE(all.isDiscarded());
}

TEST(CollectTest, Variadic) {
  Promise<int> a;
  Promise<std::string> b;
  Future<std::tuple<int, std::string>> both = collect(a.future(), b.future());
  a.set(1);
  b.set("x");
  AWAIT_READY(both);
  EXPECT_EQ(1, std::get<0>(both.get()));
  EXPECT_EQ("x", std::get<1>(both.get()));

  Future<std::tuple<int, std::string>> failed =
      collect(Future<int>(1), Future<std::string>(Failure("no")));
  AWAIT_FAILED(failed);
  EXPECT_EQ("Collect failed: no", failed.failure());
}

TEST(AwaitTest, WaitsForAllOutcomes) {
  Promise<int> a, b, c;
  Future<std::vector<Future<int>>> all =
      await(std::vector<Future<int>>{a.future(), b.future(), c.future()});
  a.set(1);
  b.fail("x");
  EXPECT_TRUE(all.isPending());
  c.discard();
  AWAIT_READY(all);
  EXPECT_TRUE(all.get()[0].isReady());
  EXPECT_TRUE(all.get()[1].isFailed());
  EXPECT_TRUE(all.get()[2].isDiscarded());
}

TEST(AwaitTest, Variadic) {
  Promise<int> a;
  Promise<std::string> b;
  Future<std::tuple<Future<int>, Future<std::string>>> both =
      await(a.future(), b.future());
  b.fail("x");
  a.set(2);
  AWAIT_READY(both);
  EXPECT_EQ(2, std::get<0>(both.get()).get());
  EXPECT_TRUE(std::get<1>(both.get()).isFailed());
}

TEST(AwaitTest, DiscardStopsWaiting) {
  Promise<int> stubborn;
  Future<Future<int>> waiting = await(stubborn.future());
  waiting.discard();
  EXPECT_TRUE(stubborn.future().hasDiscard());
  AWAIT_DISCARDED(waiting);
  EXPECT_TRUE(stubborn.future().isPending());
}
