#include <gtest/gtest.h>

#include <atomic>
#include <sstream>

#include <process/clock.hpp>
#include <process/delay.hpp>
#include <process/dispatch.hpp>
#include <process/future.hpp>
#include <process/gtest.hpp>
#include <process/process.hpp>
#include <process/time.hpp>
#include <process/timeout.hpp>
#include <process/timer.hpp>

using process::Clock;
using process::Future;
using process::Promise;

using process::Time;
using process::Timeout;
using process::Timer;

TEST(ClockTest, PausedTimeOnlyMovesWhenAdvanced) {
  Clock::pause();
  EXPECT_TRUE(Clock::paused());
  const Time start = Clock::now();
  EXPECT_EQ(start, Clock::now());
  Clock::advance(Seconds(10));
  EXPECT_EQ(start + Seconds(10), Clock::now());
  Clock::update(start + Seconds(5));  // Never backwards.
  EXPECT_EQ(start + Seconds(10), Clock::now());
  Clock::update(start + Seconds(20));
  EXPECT_EQ(start + Seconds(20), Clock::now());
  Clock::resume();
  EXPECT_FALSE(Clock::paused());
}

TEST(ClockTest, TimersFireInVirtualTime) {
  Clock::pause();
  std::atomic<int> fired{0};
  Clock::timer(Seconds(1), [&]() { fired += 1; });
  Clock::timer(Seconds(2), [&]() { fired += 10; });
  Timer cancelled = Clock::timer(Seconds(1), [&]() { fired += 100; });
  EXPECT_TRUE(Clock::cancel(cancelled));
  Clock::settle();
  EXPECT_EQ(0, fired);
  Clock::advance(Seconds(1));
  Clock::settle();
  EXPECT_EQ(1, fired);
  Clock::advance(Seconds(1));
  Clock::settle();
  EXPECT_EQ(11, fired);
  Clock::resume();
}

TEST(ClockTest, ZeroDelayFiresWithoutAdvance) {
  Clock::pause();
  Promise<Nothing> fired;
  Clock::timer(Seconds(0), [&]() { fired.set(Nothing()); });
  Clock::settle();
  EXPECT_TRUE(fired.future().isReady());
  Clock::resume();
}

TEST(ClockTest, RealClockTimerFires) {
  Promise<Nothing> fired;
  Timer timer = Clock::timer(Milliseconds(1), [&]() { fired.set(Nothing()); });
  AWAIT_READY(fired.future());
  EXPECT_FALSE(timer.cancel());
}

TEST(ClockTest, ResumeFiresDueTimers) {
  Clock::pause();
  Promise<Nothing> fired;
  Clock::timer(Seconds(-1), [&]() { fired.set(Nothing()); });
  Clock::resume();
  AWAIT_READY(fired.future());
}

TEST(ClockTest, SettleWaitsForChainsOfWork) {
  class Chain : public process::Process<Chain> {
   public:
    void step(int left) {
      count_++;
      if (left > 0) {
        process::delay(Seconds(0), self(), &Chain::step, left - 1);
      }
    }
    int count() const { return count_; }

   private:
    int count_ = 0;
  };

  Clock::pause();
  Chain chain;
  process::spawn(chain);
  process::dispatch(chain, &Chain::step, 50);
  Clock::settle();
  EXPECT_EQ(51, process::dispatch(chain, &Chain::count).get());
  process::terminate(chain);
  process::wait(chain);
  Clock::resume();
}

TEST(ClockTest, Timeout) {
  Clock::pause();
  Timeout timeout = Timeout::in(Seconds(3));
  EXPECT_FALSE(timeout.expired());
  EXPECT_EQ(Seconds(3), timeout.remaining());
  Clock::advance(Seconds(2));
  EXPECT_EQ(Seconds(1), timeout.remaining());
  Clock::advance(Seconds(2));
  EXPECT_TRUE(timeout.expired());
  EXPECT_EQ(Duration::zero(), timeout.remaining());
  EXPECT_FALSE(Timeout::in(Duration::max()).expired());
  EXPECT_TRUE(Timeout().expired());
  Clock::resume();
}

TEST(ClockTest, TimePrinting) {
  Try<Time> time = Time::epoch() + Seconds(1400000000) + Milliseconds(250);
  ASSERT_EQ(1400000000, int64_t(Time::create(1400000000).get().secs()));
  std::ostringstream rfc3339;
  rfc3339 << time.get();
  EXPECT_EQ("2014-05-13 16:53:20.25+00:00", rfc3339.str());
  std::ostringstream rfc1123;
  rfc1123 << process::RFC1123(time.get());
  EXPECT_EQ("Tue, 13 May 2014 16:53:20 GMT", rfc1123.str());
  EXPECT_TRUE(Time::create(-1).isError());
  EXPECT_EQ(Seconds(1),
            Time::epoch() + Seconds(3) - (Time::epoch() + Seconds(2)));
}
