#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <process/clock.hpp>
#include <process/defer.hpp>
#include <process/delay.hpp>
#include <process/dispatch.hpp>
#include <process/future.hpp>
#include <process/gtest.hpp>
#include <process/process.hpp>

using process::Clock;
using process::defer;
using process::dispatch;
using process::Future;
using process::PID;
using process::Process;
using process::Promise;
using process::UPID;

namespace {

class Calculator : public Process<Calculator> {
 public:
  void add(int n) { total_ += n; }
  void append(const std::string& text) { text_ += text; }
  void take(std::unique_ptr<int> value) { total_ += *value; }
  int total() const { return total_; }
  std::string text() { return text_; }
  Future<int> later() { return pending_.future(); }
  void release(int n) { pending_.set(n); }
  int sum(int a, const int& b, std::string c) {
    return a + b + static_cast<int>(c.size());
  }
  std::string where() { return self().id; }
  // Runs inside the process: records which process ran it.
  std::string inside(int n) { return self().id + ":" + std::to_string(n); }

 private:
  int total_ = 0;
  std::string text_;
  Promise<int> pending_;
};

// Checks it receives each sender's sequence numbers in order.
class Sequencer : public Process<Sequencer> {
 public:
  void next(int sender, int n) {
    if (expected_.size() <= size_t(sender))
      expected_.resize(sender + 1, 0);
    if (expected_[sender] != n)
      errors_++;
    expected_[sender] = n + 1;
  }
  int errors() const { return errors_; }
  int received(int sender) const {
    return size_t(sender) < expected_.size() ? expected_[sender] : 0;
  }

 private:
  std::vector<int> expected_;
  int errors_ = 0;
};

class Forwarder : public Process<Forwarder> {
 public:
  void burst(PID<Sequencer> to, int sender, int count) {
    for (int i = 0; i < count; ++i)
      dispatch(to, &Sequencer::next, sender, i);
  }
};

class Base : public Process<Base> {
 public:
  virtual std::string name() { return "base"; }
};

class Derived : public Base {
 public:
  std::string name() override { return "derived"; }
};

}  // namespace

TEST(DispatchTest, VoidAndValueMethods) {
  Calculator calculator;
  PID<Calculator> pid = process::spawn(calculator);
  dispatch(pid, &Calculator::add, 2);
  dispatch(calculator, &Calculator::add, 3);   // Process<T>&
  dispatch(&calculator, &Calculator::add, 4);  // Process<T>*
  dispatch(pid, &Calculator::append, "abc");   // converted to std::string
  dispatch(pid, &Calculator::take, std::make_unique<int>(1));
  AWAIT_EXPECT_EQ(10, dispatch(pid, &Calculator::total));  // const method
  AWAIT_EXPECT_EQ("abc", dispatch(pid, &Calculator::text));
  AWAIT_EXPECT_EQ(6, dispatch(pid, &Calculator::sum, 1, 2, "abc"));
  process::terminate(pid);
  process::wait(pid);
}

TEST(DispatchTest, FutureReturningMethodIsFollowed) {
  Calculator calculator;
  PID<Calculator> pid = process::spawn(calculator);
  Future<int> later = dispatch(pid, &Calculator::later);
  EXPECT_TRUE(later.isPending());
  dispatch(pid, &Calculator::release, 5);
  AWAIT_EXPECT_EQ(5, later);
  process::terminate(pid);
  process::wait(pid);
}

TEST(DispatchTest, Lambdas) {
  Calculator calculator;
  PID<Calculator> pid = process::spawn(calculator);
  Future<std::string> id = dispatch(pid, [&]() { return calculator.where(); });
  AWAIT_EXPECT_EQ(pid.id, id);
  Promise<Nothing> ran;
  dispatch(pid, [&]() { ran.set(Nothing()); });
  AWAIT_READY(ran.future());
  Future<int> followed = dispatch(pid, []() { return Future<int>(3); });
  AWAIT_EXPECT_EQ(3, followed);
  process::terminate(pid);
  process::wait(pid);
}

TEST(DispatchTest, VirtualMethodThroughBasePid) {
  Derived derived;
  PID<Derived> pid = process::spawn(derived);
  PID<Base> base = pid;
  AWAIT_EXPECT_EQ("derived", dispatch(base, &Base::name));
  process::terminate(pid);
  process::wait(pid);
}

TEST(DispatchTest, DroppedWhenTargetIsGone) {
  Calculator calculator;
  PID<Calculator> pid = process::spawn(calculator);
  process::terminate(pid);
  process::wait(pid);
  Future<int> total = dispatch(pid, &Calculator::total);
  EXPECT_TRUE(total.isPending());
  dispatch(UPID("nobody@0.0.0.0:0"), []() {});
}

TEST(DispatchTest, OrderPerSenderThread) {
  Sequencer sequencer;
  PID<Sequencer> pid = process::spawn(sequencer);
  std::vector<std::thread> senders;
  for (int s = 0; s < 4; ++s) {
    senders.emplace_back([pid, s]() {
      for (int i = 0; i < 5000; ++i)
        dispatch(pid, &Sequencer::next, s, i);
    });
  }
  for (auto& sender : senders)
    sender.join();
  AWAIT_EXPECT_EQ(0, dispatch(pid, &Sequencer::errors));
  for (int s = 0; s < 4; ++s) {
    AWAIT_EXPECT_EQ(5000, dispatch(pid, &Sequencer::received, s));
  }
  process::terminate(pid);
  process::wait(pid);
}

TEST(DispatchTest, OrderPerSenderProcess) {
  Sequencer sequencer;
  PID<Sequencer> target = process::spawn(sequencer);
  std::vector<std::unique_ptr<Forwarder>> forwarders;
  for (int s = 0; s < 4; ++s) {
    forwarders.push_back(std::make_unique<Forwarder>());
    process::spawn(*forwarders.back());
    for (int round = 0; round < 10; ++round) {
      dispatch(*forwarders.back(), &Forwarder::burst, target, s, 0);
    }
    dispatch(*forwarders.back(), &Forwarder::burst, target, s, 3000);
  }
  for (auto& forwarder : forwarders) {
    process::terminate(*forwarder, false);
    process::wait(*forwarder);
  }
  AWAIT_EXPECT_EQ(0, dispatch(target, &Sequencer::errors));
  for (int s = 0; s < 4; ++s) {
    AWAIT_EXPECT_EQ(3000, dispatch(target, &Sequencer::received, s));
  }
  process::terminate(target);
  process::wait(target);
}

TEST(DispatchTest, DeferRunsContinuationInProcess) {
  Calculator calculator;
  PID<Calculator> pid = process::spawn(calculator);
  Promise<int> promise;
  Future<std::string> result = promise.future().then(
      defer(pid, &Calculator::inside, std::placeholders::_1));
  Future<std::string> lambda = promise.future().then(defer(pid, [pid](int n) {
    return process::dispatch(pid, &Calculator::inside, n);
  }));
  promise.set(7);
  AWAIT_EXPECT_EQ(pid.id + ":7", result);
  AWAIT_EXPECT_EQ(pid.id + ":7", lambda);

  // A deferred void member: fire and forget.
  Future<int> value = 5;
  value.onReady(defer(pid, &Calculator::add, std::placeholders::_1));
  AWAIT_EXPECT_EQ(5, dispatch(pid, &Calculator::total));
  process::terminate(pid);
  process::wait(pid);
}

TEST(DispatchTest, DeferWithoutPidOutsideProcessRunsInline) {
  bool ran = false;
  auto deferred = defer([&]() { ran = true; });
  deferred();
  EXPECT_TRUE(ran);
}

TEST(DispatchTest, DeferWithoutPidBindsToCurrentProcess) {
  Calculator calculator;
  PID<Calculator> pid = process::spawn(calculator);
  Promise<int> promise;
  Future<Future<std::string>> chained = dispatch(pid, [&]() {
    return promise.future().then(
        defer([&](int n) { return calculator.inside(n); }));
  });
  AWAIT_READY(chained);
  promise.set(1);
  AWAIT_EXPECT_EQ(pid.id + ":1", chained.get());
  process::terminate(pid);
  process::wait(pid);
}

TEST(DispatchTest, DelayRunsOnPausedClock) {
  Clock::pause();
  Calculator calculator;
  PID<Calculator> pid = process::spawn(calculator);
  process::delay(Seconds(5), pid, &Calculator::add, 1);
  process::Timer cancelled =
      process::delay(Seconds(5), pid, &Calculator::add, 100);
  EXPECT_TRUE(cancelled.cancel());
  EXPECT_FALSE(cancelled.cancel());
  Clock::advance(Seconds(4));
  Clock::settle();
  AWAIT_EXPECT_EQ(0, dispatch(pid, &Calculator::total));
  Clock::advance(Seconds(1));
  Clock::settle();
  AWAIT_EXPECT_EQ(1, dispatch(pid, &Calculator::total));
  process::terminate(pid);
  process::wait(pid);
  Clock::resume();
}
