#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <string>
#include <thread>

#include <process/async.hpp>
#include <process/event_loop.hpp>
#include <process/future.hpp>
#include <process/gtest.hpp>
#include <process/latch.hpp>
#include <process/owned.hpp>
#include <process/shared.hpp>

using process::async;
using process::EventLoop;
using process::Future;
using process::Latch;
using process::Owned;
using process::Promise;
using process::Shared;

namespace {

struct Tracked {
  explicit Tracked(std::atomic<int>* deaths) : deaths(deaths) {}
  ~Tracked() { (*deaths)++; }
  int value = 1;
  std::atomic<int>* deaths;
};

}  // namespace

TEST(OwnedTest, SingleOwnerAcrossCopies) {
  std::atomic<int> deaths{0};
  {
    Owned<Tracked> owned(new Tracked(&deaths));
    Owned<Tracked> copy = owned;
    EXPECT_EQ(owned.get(), copy.get());
    EXPECT_EQ(1, copy->value);
  }
  EXPECT_EQ(1, deaths);

  Owned<Tracked> released(new Tracked(&deaths));
  Tracked* raw = released.release();
  EXPECT_EQ(nullptr, released.get());
  delete raw;
  EXPECT_EQ(2, deaths);
}

TEST(SharedTest, ShareAndOwnBack) {
  std::atomic<int> deaths{0};
  Owned<Tracked> owned(new Tracked(&deaths));
  Shared<Tracked> shared = owned.share();
  EXPECT_EQ(nullptr, owned.get());
  Shared<Tracked> other = shared;
  EXPECT_FALSE(shared.unique());
  EXPECT_EQ(1, other->value);

  Future<Owned<Tracked>> back = shared.own();
  EXPECT_TRUE(back.isPending());
  other.reset();
  AWAIT_READY(back);
  EXPECT_EQ(0, deaths);
  EXPECT_EQ(1, back.get()->value);
}

TEST(LatchTest, TriggerOnce) {
  Latch latch;
  EXPECT_FALSE(latch.await(Milliseconds(1)));
  std::thread trigger([&]() { EXPECT_TRUE(latch.trigger()); });
  EXPECT_TRUE(latch.await());
  trigger.join();
  EXPECT_FALSE(latch.trigger());
}

TEST(AsyncTest, RunsOffTheWorkers) {
  Future<bool> onWorker =
      async([]() { return process::internal::onWorkerThread(); });
  AWAIT_EXPECT_EQ(false, onWorker);

  Future<int> sum = async([](int a, int b) { return a + b; }, 2, 3);
  AWAIT_EXPECT_EQ(5, sum);

  std::atomic<bool> ran{false};
  Future<Nothing> done = async([&]() { ran = true; });
  AWAIT_READY(done);
  EXPECT_TRUE(ran);

  // Blocking calls may wait for each other: the pool grows.
  Latch latch;
  Future<bool> blocked = async([&]() { return latch.await(); });
  Future<bool> trigger = async([&]() { return latch.trigger(); });
  AWAIT_EXPECT_EQ(true, trigger);
  AWAIT_EXPECT_EQ(true, blocked);
}

TEST(EventLoopTest, RunsOnLoopThread) {
  EventLoop& loop = process::eventLoop();
  EXPECT_FALSE(loop.inLoopThread());
  Promise<bool> inside;
  loop.run_in_loop([&]() { inside.set(loop.inLoopThread()); });
  AWAIT_EXPECT_EQ(true, inside.future());

  // Queued, never inline, even from the loop thread.
  Promise<std::string> order;
  loop.run_in_loop([&]() {
    std::string* text = new std::string("a");
    loop.run_in_loop([&, text]() {
      order.set(*text);
      delete text;
    });
    *text += "b";
  });
  AWAIT_EXPECT_EQ("ab", order.future());
}

TEST(EventLoopTest, RealTimeDelayAndCancel) {
  EventLoop& loop = process::eventLoop();
  Promise<Nothing> fired;
  loop.delay(Milliseconds(1), [&]() { fired.set(Nothing()); });
  std::atomic<bool> cancelled_ran{false};
  EventLoop::TimerId cancelled =
      loop.delay(Seconds(60), [&]() { cancelled_ran = true; });
  EXPECT_TRUE(loop.cancel(cancelled));
  EXPECT_FALSE(loop.cancel(cancelled));
  AWAIT_READY(fired.future());
  EXPECT_FALSE(cancelled_ran);
}

TEST(EventLoopTest, WatchesFileDescriptors) {
  EventLoop& loop = process::eventLoop();
  int fds[2];
  ASSERT_EQ(0, ::pipe(fds));
  Promise<std::string> received;
  EventLoop::WatchId watch =
      loop.watch(fds[0], EventLoop::READ, [&](int events) {
        char buffer[16];
        const ssize_t n = ::read(fds[0], buffer, sizeof(buffer));
        if ((events & EventLoop::READ) && n > 0) {
          received.set(std::string(buffer, n));
        }
      });
  ASSERT_EQ(2, ::write(fds[1], "hi", 2));
  AWAIT_EXPECT_EQ("hi", received.future());

  Promise<Nothing> unwatched;
  loop.unwatch(watch);
  loop.run_in_loop([&]() { unwatched.set(Nothing()); });
  AWAIT_READY(unwatched.future());
  ::close(fds[0]);
  ::close(fds[1]);
}
