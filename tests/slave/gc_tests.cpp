// Tests for the agent's garbage collector (src/slave/gc.hpp). Every test
// pauses the libprocess Clock and moves it by hand; the directories are real
// and live under a fresh temporary directory.

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <process/clock.hpp>
#include <process/future.hpp>
#include <process/gtest.hpp>

#include <stout/duration.hpp>
#include <stout/os.hpp>
#include <stout/path.hpp>
#include <stout/try.hpp>

#include "slave/gc.hpp"

namespace mesos {
namespace internal {
namespace slave {
namespace tests {
namespace {

using process::Clock;
using process::Future;

class GarbageCollectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Try<std::string> made = os::mkdtemp(path::join(os::temp(), "gc-XXXXXX"));
    ASSERT_TRUE(made.isSome()) << made.error();
    root_ = made.get();
    Clock::pause();
  }

  void TearDown() override {
    Clock::resume();
    Try<Nothing> removed = os::rmdir(root_);
    EXPECT_TRUE(removed.isSome()) << removed.error();
  }

  // A new directory `name` under the test's root holding one file.
  std::string makeDir(const std::string& name) {
    const std::string dir = path::join(root_, name);
    Try<Nothing> made = os::mkdir(dir);
    EXPECT_TRUE(made.isSome()) << made.error();
    Try<Nothing> written = os::write(path::join(dir, "stdout"), "output");
    EXPECT_TRUE(written.isSome()) << written.error();
    return dir;
  }

  std::string root_;
};

TEST_F(GarbageCollectorTest, ScheduleRemovesAfterDelay) {
  GarbageCollector gc(root_);
  const std::string dir = makeDir("sandbox");
  Try<Nothing> nested = os::mkdir(path::join(dir, "a", "b", "c"));
  ASSERT_TRUE(nested.isSome()) << nested.error();

  Future<Nothing> scheduled = gc.schedule(Seconds(10), dir);
  Clock::settle();

  Clock::advance(Seconds(9));
  Clock::settle();
  EXPECT_TRUE(scheduled.isPending());
  EXPECT_TRUE(os::exists(dir));

  Clock::advance(Seconds(1));
  AWAIT_READY(scheduled);
  EXPECT_FALSE(os::exists(dir));
}

TEST_F(GarbageCollectorTest, ZeroDelayRemovesAtOnce) {
  GarbageCollector gc(root_);
  const std::string dir = makeDir("sandbox");

  AWAIT_READY(gc.schedule(Duration::zero(), dir));
  EXPECT_FALSE(os::exists(dir));
}

TEST_F(GarbageCollectorTest, UnscheduleKeepsPathAndDiscardsFuture) {
  GarbageCollector gc(root_);
  const std::string dir = makeDir("sandbox");

  Future<Nothing> scheduled = gc.schedule(Seconds(10), dir);
  AWAIT_TRUE(gc.unschedule(dir));
  AWAIT_DISCARDED(scheduled);

  Clock::advance(Seconds(20));
  Clock::settle();
  EXPECT_TRUE(os::exists(dir));

  // No longer scheduled.
  AWAIT_EQ(false, gc.unschedule(dir));
}

TEST_F(GarbageCollectorTest, UnscheduleUnknownPathIsFalse) {
  GarbageCollector gc(root_);
  AWAIT_EQ(false, gc.unschedule(path::join(root_, "never-scheduled")));
}

TEST_F(GarbageCollectorTest, UnscheduleAfterRemovalIsFalse) {
  GarbageCollector gc(root_);
  const std::string dir = makeDir("sandbox");

  Future<Nothing> scheduled = gc.schedule(Seconds(1), dir);
  Clock::settle();
  Clock::advance(Seconds(1));
  AWAIT_READY(scheduled);

  AWAIT_EQ(false, gc.unschedule(dir));
}

TEST_F(GarbageCollectorTest, RescheduleReplacesEarlierSchedule) {
  GarbageCollector gc(root_);
  const std::string dir = makeDir("sandbox");

  Future<Nothing> first = gc.schedule(Seconds(10), dir);
  Future<Nothing> second = gc.schedule(Seconds(20), dir);
  AWAIT_DISCARDED(first);
  Clock::settle();

  Clock::advance(Seconds(10));
  Clock::settle();
  EXPECT_TRUE(os::exists(dir));
  EXPECT_TRUE(second.isPending());

  Clock::advance(Seconds(10));
  AWAIT_READY(second);
  EXPECT_FALSE(os::exists(dir));
}

TEST_F(GarbageCollectorTest, RescheduleToEarlierTime) {
  GarbageCollector gc(root_);
  const std::string dir = makeDir("sandbox");

  Future<Nothing> first = gc.schedule(Hours(1), dir);
  Future<Nothing> second = gc.schedule(Seconds(5), dir);
  AWAIT_DISCARDED(first);
  Clock::settle();

  Clock::advance(Seconds(5));
  AWAIT_READY(second);
  EXPECT_FALSE(os::exists(dir));
}

TEST_F(GarbageCollectorTest, PruneRemovesOnlyPathsDueWithinWindow) {
  GarbageCollector gc(root_);
  const std::string soon = makeDir("soon");
  const std::string edge = makeDir("edge");
  const std::string later = makeDir("later");

  Future<Nothing> soonGc = gc.schedule(Hours(1), soon);
  Future<Nothing> edgeGc = gc.schedule(Hours(2), edge);
  Future<Nothing> laterGc = gc.schedule(Hours(3), later);
  Clock::settle();

  gc.prune(Hours(2));
  AWAIT_READY(soonGc);
  AWAIT_READY(edgeGc);
  Clock::settle();
  EXPECT_FALSE(os::exists(soon));
  EXPECT_FALSE(os::exists(edge));
  EXPECT_TRUE(os::exists(later));
  EXPECT_TRUE(laterGc.isPending());

  // Pruned paths are forgotten; the rest keep their schedule.
  AWAIT_EQ(false, gc.unschedule(soon));
  Clock::advance(Hours(3));
  AWAIT_READY(laterGc);
  EXPECT_FALSE(os::exists(later));
}

TEST_F(GarbageCollectorTest, NonExistentPathCountsAsRemoved) {
  GarbageCollector gc(root_);
  const std::string missing = path::join(root_, "missing");

  Future<Nothing> scheduled = gc.schedule(Seconds(1), missing);
  Clock::settle();
  Clock::advance(Seconds(1));
  AWAIT_READY(scheduled);
}

TEST_F(GarbageCollectorTest, RemovesFilesAndSymlinksWithoutFollowing) {
  GarbageCollector gc(root_);
  const std::string target = makeDir("target");
  const std::string file = path::join(root_, "file");
  ASSERT_TRUE(os::write(file, "data").isSome());
  const std::string link = path::join(root_, "link");
  ASSERT_TRUE(os::symlink(target, link).isSome());
  const std::string holder = makeDir("holder");
  ASSERT_TRUE(os::symlink(target, path::join(holder, "inner-link")).isSome());

  AWAIT_READY(gc.schedule(Duration::zero(), file));
  AWAIT_READY(gc.schedule(Duration::zero(), link));
  AWAIT_READY(gc.schedule(Duration::zero(), holder));

  EXPECT_FALSE(os::exists(file));
  EXPECT_FALSE(os::exists(link));
  EXPECT_FALSE(os::exists(holder));
  EXPECT_TRUE(os::exists(path::join(target, "stdout")));
}

// Removal fails, even for root, when a component of the path is a regular
// file (ENOTDIR): the path cannot be examined, so it is not known to be gone.
TEST_F(GarbageCollectorTest, RemovalErrorFailsFuture) {
  GarbageCollector gc(root_);
  const std::string file = path::join(root_, "file");
  ASSERT_TRUE(os::write(file, "data").isSome());
  const std::string bad = path::join(file, "child");

  Future<Nothing> scheduled = gc.schedule(Seconds(1), bad);
  Clock::settle();
  Clock::advance(Seconds(1));
  AWAIT_FAILED(scheduled);
  EXPECT_NE(std::string::npos, scheduled.failure().find(bad));

  // The collector keeps serving after a failure.
  const std::string dir = makeDir("sandbox");
  AWAIT_READY(gc.schedule(Duration::zero(), dir));
  EXPECT_FALSE(os::exists(dir));
}

TEST_F(GarbageCollectorTest, DestructionDiscardsPendingFutures) {
  const std::string dir = makeDir("sandbox");
  Future<Nothing> scheduled;
  {
    GarbageCollector gc(root_);
    scheduled = gc.schedule(Hours(1), dir);
    Clock::settle();
  }
  AWAIT_DISCARDED(scheduled);
  EXPECT_TRUE(os::exists(dir));
}

TEST_F(GarbageCollectorTest, ManyPathsRemovedInOrder) {
  constexpr int kPaths = 1000;
  GarbageCollector gc(root_);

  std::vector<std::string> dirs;
  for (int i = 0; i < kPaths; ++i) {
    const std::string dir = path::join(root_, "d" + std::to_string(i));
    ASSERT_TRUE(os::mkdir(dir).isSome());
    dirs.push_back(dir);
  }

  // Schedule in a shuffled order; path i is due after i + 1 seconds.
  std::vector<int> order(kPaths);
  for (int i = 0; i < kPaths; ++i) {
    order[i] = i;
  }
  std::shuffle(order.begin(), order.end(), std::mt19937(42));

  std::vector<Future<Nothing>> futures(kPaths);
  for (int i : order) {
    futures[i] = gc.schedule(Seconds(i + 1), dirs[i]);
  }
  Clock::settle();

  for (int i = 0; i < kPaths; ++i) {
    Clock::advance(Seconds(1));
    AWAIT_READY(futures[i]);
    ASSERT_FALSE(os::exists(dirs[i])) << i;
    if (i + 1 < kPaths) {
      ASSERT_TRUE(futures[i + 1].isPending()) << i;
      ASSERT_TRUE(os::exists(dirs[i + 1])) << i;
    }
  }
}

TEST_F(GarbageCollectorTest, PruneForDiskUsagePrunesByAge) {
  GarbageCollector gc(root_);
  const std::string due = makeDir("due");
  const std::string notDue = makeDir("not-due");
  const Duration gcDelay = Days(7);

  Future<Nothing> dueGc = gc.schedule(Days(3), due);
  Future<Nothing> notDueGc = gc.schedule(Days(8), notDue);
  Clock::settle();

  // A headroom of 1 leaves no allowed age at any usage: everything due
  // within gcDelay goes now.
  Try<double> usage = pruneForDiskUsage(&gc, root_, gcDelay, 1.0);
  ASSERT_TRUE(usage.isSome()) << usage.error();
  AWAIT_READY(dueGc);
  Clock::settle();
  EXPECT_FALSE(os::exists(due));
  EXPECT_TRUE(os::exists(notDue));
  EXPECT_TRUE(notDueGc.isPending());

  EXPECT_TRUE(pruneForDiskUsage(&gc, path::join(root_, "missing"), gcDelay, 0.1)
                  .isError());
}

TEST(GarbageCollectorDiskTest, CheckDiskUsage) {
  Try<double> usage = checkDiskUsage(os::temp());
  ASSERT_TRUE(usage.isSome()) << usage.error();
  EXPECT_GE(usage.get(), 0.0);
  EXPECT_LE(usage.get(), 1.0);

  Try<double> missing = checkDiskUsage("/nonexistent/gc/path");
  ASSERT_TRUE(missing.isError());
  EXPECT_NE(std::string::npos, missing.error().find("/nonexistent/gc/path"));
}

TEST(GarbageCollectorDiskTest, GcAge) {
  const Duration week = Weeks(1);

  // The factor is computed in floating point: allow a microsecond.
  EXPECT_NEAR(week.secs(), gcAge(week, 0.0, 0.0).secs(), 1e-6);
  EXPECT_NEAR((week * 0.9).secs(), gcAge(week, 0.1, 0.0).secs(), 1e-6);
  EXPECT_NEAR((week * 0.4).secs(), gcAge(week, 0.1, 0.5).secs(), 1e-6);
  EXPECT_EQ(Duration::zero(), gcAge(week, 0.1, 0.9));
  EXPECT_EQ(Duration::zero(), gcAge(week, 0.1, 0.95));
  EXPECT_EQ(Duration::zero(), gcAge(week, 1.0, 0.0));
  EXPECT_EQ(Duration::zero(), gcAge(Duration::zero(), 0.1, 0.2));
}

}  // namespace
}  // namespace tests
}  // namespace slave
}  // namespace internal
}  // namespace mesos
