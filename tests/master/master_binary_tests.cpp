// The mesos-master binary over real sockets: a fake agent in this test
// process registers with a master running as its own OS process, the
// delegated /state shows it, and a master restarted on the same
// --work_dir knows it (durable registry) and takes its re-registration.

#include <signal.h>

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <process/gmock.hpp>
#include <process/gtest.hpp>
#include <process/http.hpp>
#include <process/io.hpp>
#include <process/subprocess.hpp>

#include <stout/json.hpp>
#include <stout/numify.hpp>
#include <stout/os.hpp>
#include <stout/strings.hpp>

#include "master_test_helpers.hpp"

namespace mesos {
namespace internal {
namespace tests {

using process::Future;
using process::Subprocess;
using process::UPID;

namespace http = process::http;

namespace {

// A mesos-master child process and the address it serves on.
struct RunningMaster {
  Subprocess child;
  network::inet::Address address;
  Future<std::string> rest;  // Drains the rest of its log.
};

// Starts the binary on 127.0.0.1 with a free port and waits (on its log,
// not on time) until it says where it listens and that it leads.
Try<RunningMaster> startBinary(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"mesos-master", "--ip=127.0.0.1",
                                   "--port=0"};
  argv.insert(argv.end(), args.begin(), args.end());
  Try<Subprocess> child = process::subprocess(
      MESOS_MASTER_BINARY, argv, Subprocess::PATH("/dev/null"),
      Subprocess::PATH("/dev/null"), Subprocess::PIPE());
  if (child.isError())
    return Error(child.error());

  const int err = child->err().get();
  Try<Nothing> nonblock = os::nonblock(err);
  if (nonblock.isError())
    return Error(nonblock.error());
  std::string log;
  const std::string marker = "started on 127.0.0.1:";
  while (true) {
    // The master drops registrations until its registry is recovered:
    // wait for that too.
    size_t at = log.find(marker);
    if (at != std::string::npos &&
        log.find("Elected as the leading master") != std::string::npos) {
      size_t end = log.find(';', at);
      if (end != std::string::npos) {
        Try<uint16_t> port = numify<uint16_t>(
            log.substr(at + marker.size(), end - at - marker.size()));
        if (port.isError())
          return Error("Unexpected log line: " + log);
        Try<network::inet::Address> address = network::inet::Address::parse(
            "127.0.0.1:" + std::to_string(port.get()));
        if (address.isError())
          return Error(address.error());
        return RunningMaster{child.get(), address.get(),
                             process::io::read(err)};
      }
    }
    char buffer[4096];
    Future<size_t> n = process::io::read(err, buffer, sizeof(buffer));
    if (!n.await(Seconds(15)) || !n.isReady() || n.get() == 0) {
      // Killing the child ends a pending read (EOF) before `buffer` goes.
      ::kill(child->pid(), SIGKILL);
      n.await(Seconds(15));
      return Error("mesos-master did not start (" +
                   std::string(n.isFailed()  ? n.failure()
                               : n.isReady() ? "end of its log"
                                             : "no log") +
                   "): " + log);
    }
    log.append(buffer, n.get());
  }
}

void stopBinary(RunningMaster& master) {
  ::kill(master.child.pid(), SIGTERM);
  master.child.status().await(Seconds(15));
}

// Kills a master the test did not get to stop (a failed assertion).
struct Guard {
  ~Guard() {
    if (master != nullptr && master->isSome() &&
        master->get().child.status().isPending())
      stopBinary(master->get());
  }
  Try<RunningMaster>* master;
};

Try<JSON::Object> delegatedState(const network::inet::Address& address) {
  // GET /state: no process is named "state", so the delegate (master)
  // answers.
  Future<http::Response> response = http::get(UPID("state", address));
  if (!response.await(Seconds(15)) || !response.isReady())
    return Error("GET /state did not complete");
  if (response->code != 200)
    return Error("GET /state answered " + std::to_string(response->code));
  return JSON::parse<JSON::Object>(response->body);
}

}  // namespace

TEST(MasterBinaryTest, AgentRegistersAndIsKnownAfterRestart) {
  Try<std::string> dir = os::mkdtemp("/tmp/master-binary-XXXXXX");
  ASSERT_FALSE(dir.isError()) << dir.error();
  const std::vector<std::string> args = {"--work_dir=" + dir.get(),
                                         "--hostname=master.test"};

  Try<RunningMaster> master = startBinary(args);
  Guard guard{&master};
  ASSERT_FALSE(master.isError()) << master.error();

  Peer agent("slave", true);
  Future<process::Message> registered = FUTURE_MESSAGE(
      SlaveRegisteredMessage().GetTypeName(), testing::_, agent.pid);
  RegisterSlaveMessage message;
  SlaveInfo slave;
  slave.set_hostname("a1");
  *slave.mutable_resources() = resources("cpus:2;mem:1024");
  *message.mutable_slave() = slave;
  message.set_version("1.11.0");
  agent->send(UPID("master", master->address), message);
  AWAIT_READY(registered);
  EXPECT_EQ("master", registered->from.id);
  SlaveRegisteredMessage reply;
  ASSERT_TRUE(reply.ParseFromString(registered->body));
  *slave.mutable_id() = reply.slave_id();

  Try<JSON::Object> state = delegatedState(master->address);
  ASSERT_FALSE(state.isError()) << state.error();
  EXPECT_EQ("master@127.0.0.1:" + std::to_string(master->address.port),
            state->find<JSON::String>("leader")->value);
  EXPECT_EQ(slave.id().value(),
            state->find<JSON::String>("slaves[0].id")->value);

  stopBinary(master.get());

  // The restarted master knows the agent from its registry.
  Try<RunningMaster> restarted = startBinary(args);
  Guard restartedGuard{&restarted};
  ASSERT_FALSE(restarted.isError()) << restarted.error();
  state = delegatedState(restarted->address);
  ASSERT_FALSE(state.isError()) << state.error();
  EXPECT_EQ(slave.id().value(),
            state->find<JSON::String>("recovered_slaves[0].id")->value);

  Future<process::Message> reregistered = FUTURE_MESSAGE(
      SlaveReregisteredMessage().GetTypeName(), testing::_, agent.pid);
  ReregisterSlaveMessage again;
  *again.mutable_slave() = slave;
  again.set_version("1.11.0");
  agent->send(UPID("master", restarted->address), again);
  AWAIT_READY(reregistered);

  state = delegatedState(restarted->address);
  ASSERT_FALSE(state.isError()) << state.error();
  EXPECT_EQ(1, state->find<JSON::Number>("activated_slaves")->as<int64_t>());

  stopBinary(restarted.get());
  os::rmdir(dir.get());
}

}  // namespace tests
}  // namespace internal
}  // namespace mesos
