#include <gmock/gmock.h>
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <string>

#include <process/clock.hpp>
#include <process/dispatch.hpp>
#include <process/future.hpp>
#include <process/gmock.hpp>
#include <process/gtest.hpp>
#include <process/process.hpp>

using process::Clock;
using process::dispatch;
using process::Future;
using process::Message;
using process::PID;
using process::Process;
using process::UPID;
using testing::_;
using testing::Eq;

namespace {

class Peer : public Process<Peer> {
 public:
  Peer() {
    install("hello",
            [this](const UPID&, const std::string& body) { hellos_++; });
  }
  void greet(const UPID& to) { send(to, "hello", "body", 4); }
  void poke() { pokes_++; }
  void other() {}
  void linkTo(const UPID& pid) { link(pid); }
  int hellos() const { return hellos_; }
  int pokes() const { return pokes_; }

 private:
  int hellos_ = 0;
  int pokes_ = 0;
};

class GmockTest : public ::testing::Test {
 protected:
  void SetUp() override {
    process::spawn(a);
    process::spawn(b);
  }
  void TearDown() override {
    process::terminate(a);
    process::terminate(b);
    process::wait(a);
    process::wait(b);
  }

  Peer a;
  Peer b;
};

}  // namespace

TEST_F(GmockTest, FutureMessage) {
  Future<Message> hello = FUTURE_MESSAGE(Eq("hello"), a.self(), _);
  dispatch(a, &Peer::greet, b.self());
  AWAIT_READY(hello);
  EXPECT_EQ("body", hello->body);
  EXPECT_EQ(b.self(), hello->to);
  AWAIT_EXPECT_EQ(1, dispatch(b, &Peer::hellos));
}

TEST_F(GmockTest, DropMessage) {
  Future<Message> dropped = DROP_MESSAGE("hello", _, b.self());
  dispatch(a, &Peer::greet, b.self());
  dispatch(a, &Peer::greet, b.self());
  AWAIT_READY(dropped);
  Clock::pause();
  Clock::settle();
  AWAIT_EXPECT_EQ(1, dispatch(b, &Peer::hellos));
}

TEST_F(GmockTest, DropMessages) {
  DROP_MESSAGES(_, _, b.self());
  for (int i = 0; i < 3; ++i)
    dispatch(a, &Peer::greet, b.self());
  dispatch(b, &Peer::greet, a.self());
  Clock::pause();
  Clock::settle();
  AWAIT_EXPECT_EQ(0, dispatch(b, &Peer::hellos));
  AWAIT_EXPECT_EQ(1, dispatch(a, &Peer::hellos));
}

TEST_F(GmockTest, FutureAndDropDispatch) {
  Future<Nothing> other = FUTURE_DISPATCH(b.self(), &Peer::other);
  Future<Nothing> poke = DROP_DISPATCH(b.self(), &Peer::poke);
  dispatch(b, &Peer::poke);
  dispatch(b, &Peer::poke);
  dispatch(b, &Peer::other);
  AWAIT_READY(poke);
  AWAIT_READY(other);
  AWAIT_EXPECT_EQ(1, dispatch(b, &Peer::pokes));
}

TEST_F(GmockTest, DropDispatches) {
  DROP_DISPATCHES(_, &Peer::poke);
  dispatch(a, &Peer::poke);
  dispatch(b, &Peer::poke);
  AWAIT_EXPECT_EQ(0, dispatch(a, &Peer::pokes));
  AWAIT_EXPECT_EQ(0, dispatch(b, &Peer::pokes));
}

TEST_F(GmockTest, FutureExited) {
  Peer target;
  process::spawn(target);
  Future<Nothing> exited = FUTURE_EXITED(target.self(), a.self());
  dispatch(a, &Peer::linkTo, target.self());
  AWAIT_READY(dispatch(a, &Peer::pokes));
  process::terminate(target);
  process::wait(target);
  AWAIT_READY(exited);
}

TEST_F(GmockTest, ExpectNoFutureMessagesReportsMatches) {
  EXPECT_NONFATAL_FAILURE_ON_ALL_THREADS(
      {
        EXPECT_NO_FUTURE_MESSAGES("hello", _, _);
        dispatch(a, &Peer::greet, b.self());
        Clock::pause();
        Clock::settle();
        Clock::resume();
      },
      "Unexpected message 'hello'");
}
