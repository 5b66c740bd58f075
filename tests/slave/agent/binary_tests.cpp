// The mesos-agent binary, run as a child process: flag errors, --help,
// and a real start that registers with a fake master over TCP.

#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <process/http.hpp>
#include <process/subprocess.hpp>

#include "agent_test_kit.hpp"

using process::Future;

namespace mesos {
namespace internal {
namespace slave {
namespace tests {

namespace {

struct Outcome {
  int status = -1;
  std::string output;
};

// Runs the agent with `arguments` (stdout and stderr together).
Outcome run(const std::string& arguments) {
  Outcome outcome;
  const std::string command =
      std::string(MESOS_AGENT) + " " + arguments + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    return outcome;
  }
  char buffer[4096];
  size_t n;
  while ((n = ::fread(buffer, 1, sizeof(buffer), pipe)) > 0) {
    outcome.output.append(buffer, n);
  }
  const int status = ::pclose(pipe);
  outcome.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return outcome;
}

}  // namespace

TEST(AgentBinaryTest, Help) {
  Outcome outcome = run("--help");
  EXPECT_EQ(0, outcome.status);
  EXPECT_NE(std::string::npos, outcome.output.find("--work_dir"));
  EXPECT_NE(std::string::npos, outcome.output.find("--master"));
}

TEST(AgentBinaryTest, FlagErrorsExitWithAMessage) {
  Outcome missingWorkDir = run("--master=127.0.0.1:5050");
  EXPECT_EQ(1, missingWorkDir.status);
  EXPECT_NE(std::string::npos, missingWorkDir.output.find("work_dir"))
      << missingWorkDir.output;

  Outcome missingMaster = run("--work_dir=/tmp/agent-binary-test");
  EXPECT_EQ(1, missingMaster.status);
  EXPECT_NE(std::string::npos, missingMaster.output.find("--master"))
      << missingMaster.output;

  Outcome unknown =
      run("--master=127.0.0.1:5050 --work_dir=/tmp/x --no_such_flag=1");
  EXPECT_EQ(1, unknown.status);
  EXPECT_NE(std::string::npos, unknown.output.find("no_such_flag"))
      << unknown.output;

  Outcome badPort = run("--master=127.0.0.1:5050 --work_dir=/tmp/x --port=abc");
  EXPECT_EQ(1, badPort.status);
  EXPECT_NE(std::string::npos, badPort.output.find("port")) << badPort.output;

  Outcome badDuration =
      run("--master=127.0.0.1:5050 --work_dir=/tmp/x --gc_delay=soon");
  EXPECT_EQ(1, badDuration.status);
  EXPECT_NE(std::string::npos, badDuration.output.find("gc_delay"))
      << badDuration.output;

  Outcome zk = run("--master=zk://127.0.0.1:2181/mesos --work_dir=/tmp/x");
  EXPECT_EQ(1, zk.status);
  EXPECT_NE(std::string::npos, zk.output.find("ZooKeeper")) << zk.output;

  Outcome badContainerizer =
      run("--master=127.0.0.1:5050 --work_dir=/tmp/x --containerizers=docker");
  EXPECT_EQ(1, badContainerizer.status) << badContainerizer.output;

  Outcome badResources =
      run("--master=127.0.0.1:5050 --work_dir=/tmp/x --resources='cpus:abc'");
  EXPECT_EQ(1, badResources.status) << badResources.output;
}

TEST(AgentBinaryTest, EnvironmentFlags) {
  const std::string command = "env MESOS_PORT=nope " +
                              std::string(MESOS_AGENT) +
                              " --master=127.0.0.1:5050 --work_dir=/tmp/x 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  ASSERT_NE(nullptr, pipe);
  std::string output;
  char buffer[4096];
  size_t n;
  while ((n = ::fread(buffer, 1, sizeof(buffer), pipe)) > 0) {
    output.append(buffer, n);
  }
  const int status = ::pclose(pipe);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(1, WEXITSTATUS(status));
  EXPECT_NE(std::string::npos, output.find("port")) << output;
}

// A port nobody listens on right now (the kernel's pick for a socket
// bound to port 0, released again).
uint16_t freePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof(address);
  uint16_t port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  ::close(fd);
  return port;
}

// The real binary registers with a fake master over TCP and says goodbye
// (UnregisterSlaveMessage) on SIGUSR1.
TEST(AgentBinaryTest, RegistersWithAMasterAndShutsDownOnSigusr1) {
  Try<std::string> workDir =
      os::mkdtemp(path::join(os::temp(), "agent-binary-XXXXXX"));
  ASSERT_TRUE(workDir.isSome()) << workDir.error();

  FakePeer master(process::ID::generate("master"));
  Future<RegisterSlaveMessage> registration =
      master.receive<RegisterSlaveMessage>();
  Future<UnregisterSlaveMessage> unregistration =
      master.receive<UnregisterSlaveMessage>();

  const uint16_t port = freePort();
  ASSERT_NE(0, port);

  Try<process::Subprocess> agent = process::subprocess(
      MESOS_AGENT,
      {MESOS_AGENT, "--master=" + std::string(master.pid()),
       "--work_dir=" + workDir.get(), "--ip=127.0.0.1",
       "--port=" + stringify(port), "--registration_backoff_factor=10ms",
       "--resources=cpus:1;mem:128;disk:128;ports:[31000-31001]"},
      process::Subprocess::PATH("/dev/null"),
      process::Subprocess::PATH("/dev/null"),
      process::Subprocess::PATH("/dev/null"));
  ASSERT_TRUE(agent.isSome()) << agent.error();

  AWAIT_READY(registration);
  EXPECT_EQ("1.11.0", registration->version());
  EXPECT_EQ(port, registration->slave().port());

  SlaveID slaveId;
  slaveId.set_value("binary-S0");
  SlaveRegisteredMessage registered;
  registered.mutable_slave_id()->CopyFrom(slaveId);
  const process::UPID slave("slave(1)", net::IP::loopback(), port);
  master.send(slave, registered);

  // Registered once the agent's state says so.
  bool running = false;
  for (int attempt = 0; attempt < 3000 && !running; attempt++) {
    Future<process::http::Response> state =
        process::http::get(slave, std::string("state"));
    if (state.await(process::TEST_AWAIT_TIMEOUT) && state.isReady()) {
      running = state->body.find("\"RUNNING\"") != std::string::npos;
    }
  }
  EXPECT_TRUE(running);

  ::kill(agent->pid(), SIGUSR1);
  AWAIT_READY(unregistration);
  EXPECT_EQ(slaveId, unregistration->slave_id());

  AWAIT_READY(agent->status());
  ASSERT_TRUE(agent->status()->isSome());
  EXPECT_TRUE(WIFEXITED(agent->status()->get()));
  EXPECT_EQ(0, WEXITSTATUS(agent->status()->get()));

  Try<Nothing> removed = os::rmdir(workDir.get());
  EXPECT_TRUE(removed.isSome());
}

}  // namespace tests
}  // namespace slave
}  // namespace internal
}  // namespace mesos
