// Messages, links and exits between this test process and a helper OS
// process (tests/remote_helper.cpp, started with posix_spawn).

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <process/dispatch.hpp>
#include <process/future.hpp>
#include <process/gtest.hpp>
#include <process/id.hpp>
#include <process/process.hpp>

#include <stout/stringify.hpp>

#include "child_process.hpp"
#include "socket.hpp"

using process::Future;
using process::Promise;
using process::UPID;
using process::testing::ChildProcess;

namespace {

// A helper OS process and the pid of its "helper" process.
struct Helper {
  std::unique_ptr<ChildProcess> child;
  UPID pid;
};

Try<Helper> startHelper(uint16_t port = 0) {
  Try<std::unique_ptr<ChildProcess>> child = ChildProcess::start(
      PROCESS_TEST_HELPER, {},
      {"LIBPROCESS_IP=127.0.0.1", "LIBPROCESS_PORT=" + std::to_string(port),
       "LIBPROCESS_NUM_WORKER_THREADS=2", "GLOG_minloglevel=1"});
  if (child.isError())
    return Error(child.error());
  Try<std::string> line = child.get()->readLine(std::chrono::seconds(15));
  if (line.isError())
    return Error("helper did not start: " + line.error());
  if (line->rfind("READY ", 0) != 0)
    return Error("unexpected helper output: " + line.get());
  Helper helper{std::move(child.get()), UPID(line->substr(6))};
  if (!helper.pid)
    return Error("bad helper pid: " + line.get());
  return helper;
}

// The test's side: records what the helper sends.
class Peer : public process::Process<Peer> {
 public:
  Peer() : ProcessBase(process::ID::generate("peer")) {
    install("pong", [this](const UPID& from, const std::string& body) {
      pong.set(body);
    });
    install("verified", [this](const UPID&, const std::string& body) {
      verified.set(body);
    });
    install("seq", [this](const UPID&, const std::string& body) {
      if (std::stol(body.substr(0, body.find('.'))) != received_)
        ordered_ = false;
      ++received_;
    });
    install("done", [this](const UPID&, const std::string& body) {
      done.set("received=" + std::to_string(received_) +
               " ordered=" + (ordered_ ? "1" : "0") + " sent=" + body);
    });
    install("exited", [this](const UPID&, const std::string& body) {
      remoteExited.set(body);
    });
  }

  // Runs `f` in this process's context.
  template <typename F>
  void run(F f) {
    process::dispatch(self(), [this, f]() { f(*this); });
  }

  void reset() {
    pong = Promise<std::string>();
    exitedPid = Promise<UPID>();
  }

  Promise<std::string> pong;
  Promise<std::string> verified;
  Promise<std::string> done;
  Promise<std::string> remoteExited;
  Promise<UPID> exitedPid;
  Promise<std::vector<UPID>> secondExit;
  std::vector<UPID> exits;

  using ProcessBase::link;
  using ProcessBase::send;

 protected:
  void exited(const UPID& pid) override {
    exits.push_back(pid);
    exitedPid.set(pid);
    if (exits.size() == 2)
      secondExit.set(exits);
  }

 private:
  long received_ = 0;
  bool ordered_ = true;
};

class RemoteTest : public ::testing::Test {
 protected:
  void SetUp() override { process::spawn(peer); }
  void TearDown() override {
    process::terminate(peer);
    process::wait(peer);
  }

  Peer peer;
};

}  // namespace

TEST_F(RemoteTest, PingPong) {
  Try<Helper> helper = startHelper();
  ASSERT_TRUE(helper.isSome()) << helper.error();
  const UPID target = helper->pid;
  peer.run([target](Peer& p) { p.send(target, "ping", std::string("hello")); });
  AWAIT_EXPECT_EQ("hello", peer.pong.future());
}

// 100,000 messages each way between two OS processes arrive complete and
// in order.
TEST_F(RemoteTest, HundredThousandMessagesInOrder) {
  Try<Helper> helper = startHelper();
  ASSERT_TRUE(helper.isSome()) << helper.error();
  const UPID target = helper->pid;
  constexpr int kCount = 100000;

  // Helper -> us.
  peer.run([target](Peer& p) {
    p.send(target, "blast", std::to_string(kCount) + " 64");
  });
  AWAIT_EXPECT_EQ_FOR("received=100000 ordered=1 sent=100000",
                      peer.done.future(), Seconds(120));

  // Us -> helper.
  peer.run([target](Peer& p) {
    for (int i = 0; i < kCount; ++i) {
      std::string body = std::to_string(i);
      body.resize(64, '.');
      p.send(target, "seq", std::move(body));
    }
    p.send(target, "done", std::string(""));
  });
  AWAIT_EXPECT_EQ_FOR("received=100000 ordered=1", peer.verified.future(),
                      Seconds(120));
}

TEST_F(RemoteTest, ExitedWhenThePeerDies) {
  Try<Helper> helper = startHelper();
  ASSERT_TRUE(helper.isSome()) << helper.error();
  const UPID target = helper->pid;

  // Linked, and the connection proven up by a round trip.
  peer.run([target](Peer& p) {
    p.link(target);
    p.send(target, "ping", std::string("up"));
  });
  AWAIT_EXPECT_EQ("up", peer.pong.future());
  EXPECT_TRUE(peer.exitedPid.future().isPending());

  helper->child->kill(SIGKILL);
  helper->child->wait();
  AWAIT_EXPECT_EQ(target, peer.exitedPid.future());
}

TEST_F(RemoteTest, ExitedWhenNobodyListens) {
  // A port that was just free.
  Try<int> fd = process::internal::listenTcp(
      network::inet::Address(net::IP::loopback(), 0), 1);
  ASSERT_TRUE(fd.isSome());
  const uint16_t port = process::internal::localAddress(fd.get())->port;
  process::internal::closeFd(fd.get());

  const UPID nobody("nobody", net::IP::loopback(), port);
  peer.run([nobody](Peer& p) { p.link(nobody); });
  AWAIT_EXPECT_EQ(nobody, peer.exitedPid.future());

  // Messages to it are dropped quietly.
  peer.run([nobody](Peer& p) { p.send(nobody, "hello", std::string("x")); });
}

// Every link to a process at the lost address gets exited() once.
TEST_F(RemoteTest, ExitedOncePerLink) {
  Try<Helper> helper = startHelper();
  ASSERT_TRUE(helper.isSome()) << helper.error();
  const UPID target = helper->pid;
  const UPID other("other", target.address);

  Peer second;
  process::spawn(second);
  peer.run([target, other](Peer& p) {
    p.link(target);
    p.link(target);  // A no-op.
    p.link(other);
    p.send(target, "ping", std::string("up"));
  });
  second.run([target](Peer& p) { p.link(target); });
  AWAIT_EXPECT_EQ("up", peer.pong.future());

  helper->child->kill(SIGKILL);
  helper->child->wait();
  AWAIT_READY(peer.exitedPid.future());
  AWAIT_EXPECT_EQ(target, second.exitedPid.future());

  // Both of the first peer's links fired, once each.
  Future<std::vector<UPID>> exits = peer.secondExit.future();
  AWAIT_READY(exits);
  EXPECT_EQ(2u, exits->size());
  EXPECT_NE(exits->at(0), exits->at(1));
  process::terminate(second);
  process::wait(second);
}

// A peer restarted on the same port can be linked to again.
TEST_F(RemoteTest, RelinkAfterPeerRestarts) {
  Try<Helper> first = startHelper();
  ASSERT_TRUE(first.isSome()) << first.error();
  const UPID target = first->pid;

  peer.run([target](Peer& p) {
    p.link(target);
    p.send(target, "ping", std::string("one"));
  });
  AWAIT_EXPECT_EQ("one", peer.pong.future());
  first->child->kill(SIGKILL);
  first->child->wait();
  AWAIT_EXPECT_EQ(target, peer.exitedPid.future());

  Try<Helper> second = startHelper(target.address.port);
  ASSERT_TRUE(second.isSome()) << second.error();
  ASSERT_EQ(target, second->pid);

  Future<UPID> exited;
  peer.run([target](Peer& p) {
    p.reset();
    p.link(target);
    p.send(target, "ping", std::string("two"));
  });
  // reset() ran before the ping was sent, so this is the new pong.
  AWAIT_READY(process::dispatch(peer.self(), []() { return true; }));
  AWAIT_EXPECT_EQ("two", peer.pong.future());
  exited = peer.exitedPid.future();
  EXPECT_TRUE(exited.isPending());

  second->child->kill(SIGKILL);
  second->child->wait();
  AWAIT_EXPECT_EQ(target, exited);
}

TEST_F(RemoteTest, ReconnectKeepsTheLink) {
  Try<Helper> helper = startHelper();
  ASSERT_TRUE(helper.isSome()) << helper.error();
  const UPID target = helper->pid;

  peer.run([target](Peer& p) {
    p.link(target);
    p.send(target, "ping", std::string("one"));
  });
  AWAIT_EXPECT_EQ("one", peer.pong.future());

  peer.run([target](Peer& p) {
    p.reset();
    p.link(target, process::ProcessBase::RemoteConnection::RECONNECT);
    p.send(target, "ping", std::string("two"));
  });
  AWAIT_READY(process::dispatch(peer.self(), []() { return true; }));
  AWAIT_EXPECT_EQ("two", peer.pong.future());
  Future<UPID> exited = peer.exitedPid.future();
  EXPECT_TRUE(exited.isPending());

  helper->child->kill(SIGKILL);
  helper->child->wait();
  AWAIT_EXPECT_EQ(target, exited);
}

// The helper links to us and learns when our process's address is gone;
// here we only check that its link to a live address stays quiet and that
// a link to a dead address is reported across processes.
TEST_F(RemoteTest, HelperSeesExitOfAnotherHelper) {
  Try<Helper> watcher = startHelper();
  ASSERT_TRUE(watcher.isSome()) << watcher.error();
  Try<Helper> watched = startHelper();
  ASSERT_TRUE(watched.isSome()) << watched.error();

  const UPID w = watcher->pid;
  const std::string target = watched->pid;
  peer.run([w, target](Peer& p) { p.send(w, "link", target); });
  // The watcher's link is up once it answers a ping sent after it.
  peer.run([w](Peer& p) { p.send(w, "ping", std::string("after link")); });
  AWAIT_EXPECT_EQ("after link", peer.pong.future());

  watched->child->kill(SIGKILL);
  watched->child->wait();
  AWAIT_EXPECT_EQ(target, peer.remoteExited.future());
}
