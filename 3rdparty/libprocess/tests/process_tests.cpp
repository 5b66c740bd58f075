#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include <process/clock.hpp>
#include <process/dispatch.hpp>
#include <process/future.hpp>
#include <process/gtest.hpp>
#include <process/id.hpp>
#include <process/latch.hpp>
#include <process/process.hpp>
#include <process/transport.hpp>

using process::Future;
using process::HttpEvent;
using process::Message;
using process::PID;
using process::Process;
using process::ProcessBase;
using process::Promise;
using process::UPID;

namespace {

// Records the order of its lifecycle calls.
class Lifecycle : public Process<Lifecycle> {
 public:
  explicit Lifecycle(std::vector<std::string>* log)
      : ProcessBase(process::ID::generate("lifecycle")), log_(log) {}

  void event(const std::string& name) { log_->push_back(name); }

 protected:
  void initialize() override { log_->push_back("initialize"); }
  void finalize() override { log_->push_back("finalize"); }

 private:
  std::vector<std::string>* log_;
};

class Deleted : public Process<Deleted> {
 public:
  explicit Deleted(std::atomic<bool>* deleted) : deleted_(deleted) {}
  ~Deleted() override { *deleted_ = true; }

 private:
  std::atomic<bool>* deleted_;
};

// Parks its handler until released, so events pile up behind it.
class Blocker : public Process<Blocker> {
 public:
  explicit Blocker(std::vector<int>* handled) : handled_(handled) {}

  void block(std::shared_ptr<process::Latch> entered,
             std::shared_ptr<process::Latch> release) {
    entered->trigger();
    release->await();
  }
  void record(int n) { handled_->push_back(n); }

 private:
  std::vector<int>* handled_;
};

class Linker : public Process<Linker> {
 public:
  Future<UPID> nextExit() { return exits_.future(); }
  void linkTo(const UPID& pid) {
    link(pid);
    link(pid);  // A second link while linked is a no-op.
  }
  int exits() const { return count_; }

 protected:
  void exited(const UPID& pid) override {
    count_++;
    exits_.set(pid);
  }

 private:
  Promise<UPID> exits_;
  int count_ = 0;
};

class Empty : public Process<Empty> {
 public:
  Empty() = default;
  explicit Empty(const std::string& id) : ProcessBase(id) {}
};

class Receiver : public Process<Receiver> {
 public:
  Receiver() : ProcessBase(process::ID::generate("receiver")) {
    install("ping", &Receiver::ping);
    install("text", [this](const UPID& from, const std::string& body) {
      text_.set(body);
    });
  }
  Future<UPID> pinged() { return pinged_.future(); }
  Future<std::string> text() { return text_.future(); }

 private:
  void ping(const UPID& from, const std::string& body) { pinged_.set(from); }

  Promise<UPID> pinged_;
  Promise<std::string> text_;
};

class Sender : public Process<Sender> {
 public:
  void ping(const UPID& to) { send(to, "ping"); }
};

}  // namespace

TEST(ProcessTest, InitializeFirstFinalizeLast) {
  std::vector<std::string> log;
  Lifecycle process(&log);
  PID<Lifecycle> pid = process::spawn(process);
  ASSERT_FALSE(pid.id.empty());
  EXPECT_EQ(pid, process.self());
  process::dispatch(pid, &Lifecycle::event, "a");
  process::dispatch(pid, &Lifecycle::event, "b");
  process::terminate(pid, false);
  process::dispatch(pid, &Lifecycle::event, "after");
  EXPECT_TRUE(process::wait(pid));
  EXPECT_EQ((std::vector<std::string>{"initialize", "a", "b", "finalize"}),
            log);
}

TEST(ProcessTest, GeneratedIdsCountPerPrefix) {
  // Counters live as long as the OS process (tests may run repeatedly).
  const std::string a = process::ID::generate("idtest");
  const std::string b = process::ID::generate("idtest");
  const std::string c = process::ID::generate("other-idtest");
  ASSERT_EQ(0u, a.find("idtest("));
  const int n = std::stoi(a.substr(7));
  EXPECT_EQ("idtest(" + std::to_string(n) + ")", a);
  EXPECT_EQ("idtest(" + std::to_string(n + 1) + ")", b);
  EXPECT_EQ(0u, c.find("other-idtest("));
  EXPECT_EQ("(", process::ID::generate().substr(0, 1));
}

TEST(ProcessTest, ManagedProcessIsDeleted) {
  std::atomic<bool> deleted{false};
  UPID pid = process::spawn(new Deleted(&deleted), true);
  process::terminate(pid);
  EXPECT_TRUE(process::wait(pid));
  EXPECT_TRUE(deleted);
}

TEST(ProcessTest, SpawnRefusesDuplicates) {
  Empty first("spawn-twice");
  Empty second("spawn-twice");
  EXPECT_FALSE(process::spawn(first).id.empty());
  EXPECT_TRUE(process::spawn(first).id.empty());
  EXPECT_TRUE(process::spawn(second).id.empty());
  process::terminate(first);
  process::wait(first);

  // The id is free again once the first one is gone.
  Empty third("spawn-twice");
  EXPECT_FALSE(process::spawn(third).id.empty());
  process::terminate(third);
  process::wait(third);
}

TEST(ProcessTest, WaitReturnsForUnknownAndTerminated) {
  EXPECT_TRUE(process::wait(UPID("nobody@0.0.0.0:0")));
  EXPECT_TRUE(process::wait(UPID()));
  Empty process;
  process::spawn(process);
  EXPECT_FALSE(process::wait(process, Milliseconds(1)));
  process::terminate(process);
  EXPECT_TRUE(process::wait(process));
  EXPECT_TRUE(process::wait(process));
}

TEST(ProcessTest, TerminateInjectJumpsTheQueue) {
  std::vector<int> handled;
  Blocker blocker(&handled);
  process::spawn(blocker);
  auto entered = std::make_shared<process::Latch>();
  auto release = std::make_shared<process::Latch>();
  process::dispatch(blocker, &Blocker::block, entered, release);
  entered->await();
  for (int i = 0; i < 10; ++i)
    process::dispatch(blocker, &Blocker::record, i);
  process::terminate(blocker, true);
  release->trigger();
  process::wait(blocker);
  EXPECT_TRUE(handled.empty());
}

TEST(ProcessTest, TerminateWithoutInjectRunsQueuedEvents) {
  std::vector<int> handled;
  Blocker blocker(&handled);
  process::spawn(blocker);
  auto entered = std::make_shared<process::Latch>();
  auto release = std::make_shared<process::Latch>();
  process::dispatch(blocker, &Blocker::block, entered, release);
  entered->await();
  for (int i = 0; i < 10; ++i)
    process::dispatch(blocker, &Blocker::record, i);
  process::terminate(blocker, false);
  process::dispatch(blocker, &Blocker::record, 99);
  release->trigger();
  process::wait(blocker);
  EXPECT_EQ((std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}), handled);
}

TEST(ProcessTest, TerminateFromOwnHandler) {
  std::vector<std::string> log;
  Lifecycle process(&log);
  process::spawn(process);
  process::dispatch(process.self(), [&]() {
    log.push_back("handler");
    process::terminate(process.self());
  });
  process::wait(process);
  EXPECT_EQ((std::vector<std::string>{"initialize", "handler", "finalize"}),
            log);
}

TEST(ProcessTest, LinkFiresExitedOnce) {
  Linker linker;
  Empty target;
  process::spawn(linker);
  process::spawn(target);
  process::dispatch(linker, &Linker::linkTo, target.self());
  Future<int> linked = process::dispatch(linker, &Linker::exits);
  AWAIT_EXPECT_EQ(0, linked);

  process::terminate(target);
  process::wait(target);
  Future<UPID> exited = process::dispatch(linker, &Linker::nextExit);
  AWAIT_EXPECT_EQ(target.self(), exited);
  AWAIT_EXPECT_EQ(1, process::dispatch(linker, &Linker::exits));

  process::terminate(linker);
  process::wait(linker);
}

TEST(ProcessTest, LinkToDeadOrUnknownFiresPromptly) {
  Empty dead;
  process::spawn(dead);
  process::terminate(dead);
  process::wait(dead);

  for (const UPID& target :
       {UPID(dead.self()), UPID("unknown-process@0.0.0.0:0")}) {
    Linker linker;
    process::spawn(linker);
    process::dispatch(linker, &Linker::linkTo, target);
    Future<UPID> exited = process::dispatch(linker, &Linker::nextExit);
    AWAIT_EXPECT_EQ(target, exited);
    process::terminate(linker);
    process::wait(linker);
  }
}

TEST(ProcessTest, EveryLinkerIsNotified) {
  Empty target;
  process::spawn(target);
  std::vector<std::unique_ptr<Linker>> linkers;
  std::vector<Future<UPID>> exits;
  for (int i = 0; i < 5; ++i) {
    linkers.push_back(std::make_unique<Linker>());
    process::spawn(*linkers.back());
    process::dispatch(*linkers.back(), &Linker::linkTo, target.self());
    exits.push_back(process::dispatch(*linkers.back(), &Linker::nextExit));
  }
  // The links are in place once each linker handled linkTo.
  for (auto& linker : linkers) {
    AWAIT_READY(process::dispatch(*linker, &Linker::exits));
  }
  process::terminate(target);
  for (auto& exit : exits)
    AWAIT_EXPECT_EQ(target.self(), exit);
  for (auto& linker : linkers) {
    process::terminate(*linker);
    process::wait(*linker);
  }
}

TEST(ProcessTest, SendAndInstall) {
  Receiver receiver;
  Sender sender;
  process::spawn(receiver);
  process::spawn(sender);
  process::dispatch(sender, &Sender::ping, receiver.self());
  AWAIT_EXPECT_EQ(sender.self(), receiver.pinged());

  process::post(receiver.self(), "text", "hello", 5);
  AWAIT_EXPECT_EQ("hello", receiver.text());

  // By id (as the network layer does), and to nobody.
  Message message{"ping", UPID(), UPID(receiver.self().id, process::address()),
                  ""};
  EXPECT_TRUE(process::transport::deliver(std::move(message)));
  EXPECT_FALSE(process::transport::deliver(
      Message{"ping", UPID(), UPID("nobody", process::address()), ""}));

  process::terminate(receiver);
  process::terminate(sender);
  process::wait(receiver);
  process::wait(sender);
}

TEST(ProcessTest, HttpEventRunsInProcess) {
  Empty target("http-target");
  process::spawn(target);
  Promise<std::string> served;
  auto event = std::make_unique<HttpEvent>(
      "state", [&](ProcessBase& process) { served.set(process.self().id); });
  EXPECT_TRUE(process::transport::deliver("http-target", std::move(event)));
  AWAIT_EXPECT_EQ("http-target", served.future());
  EXPECT_FALSE(process::transport::deliver(
      "nobody", std::make_unique<HttpEvent>("x", nullptr)));
  process::terminate(target);
  process::wait(target);
}

TEST(ProcessTest, WaitInsideHandlerKeepsRuntimeGoing) {
  Empty waiter;
  Empty target;
  process::spawn(waiter);
  process::spawn(target);
  // From a handler: terminate another process and wait for it. The worker
  // keeps running processes meanwhile, so this returns even with a single
  // worker.
  Future<bool> waited = process::dispatch(waiter.self(), [&]() {
    process::terminate(target);
    return process::wait(target);
  });
  AWAIT_EXPECT_EQ(true, waited);
  process::terminate(waiter);
  process::wait(waiter);
}
