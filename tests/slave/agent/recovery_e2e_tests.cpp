// The real mesos-agent and mesos-executor against a fake master in this
// process: a checkpointing framework's command task survives `kill -9` of
// the agent, the restarted agent reregisters with the same id, the
// unacknowledged update is delivered again with the same uuid, and the
// task can still be killed.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <process/subprocess.hpp>

#include "agent_test_kit.hpp"

#include "common/protobuf_utils.hpp"

using process::Future;

namespace mesos {
namespace internal {
namespace slave {
namespace tests {

namespace {

uint16_t freePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  uint16_t port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  ::close(fd);
  return port;
}

void acknowledge(FakePeer& master, const process::UPID& agent,
                 const StatusUpdate& update) {
  StatusUpdateAcknowledgementMessage ack;
  ack.mutable_slave_id()->CopyFrom(update.slave_id());
  ack.mutable_framework_id()->CopyFrom(update.framework_id());
  ack.mutable_task_id()->CopyFrom(update.status().task_id());
  ack.set_uuid(update.uuid());
  master.send(agent, ack);
}

}  // namespace

TEST(AgentRecoveryEndToEndTest, TaskSurvivesAgentKill) {
  Try<std::string> workDir =
      os::mkdtemp(path::join(os::temp(), "agent-e2e-XXXXXX"));
  ASSERT_TRUE(workDir.isSome()) << workDir.error();

  FakePeer master(process::ID::generate("master"));
  const uint16_t port = freePort();
  ASSERT_NE(0, port);
  const process::UPID agent("slave(1)", net::IP::loopback(), port);

  const std::vector<std::string> argv = {
      MESOS_AGENT,
      "--master=" + std::string(master.pid()),
      "--work_dir=" + workDir.get(),
      "--ip=127.0.0.1",
      "--port=" + stringify(port),
      "--registration_backoff_factor=10ms",
      "--resources=cpus:2;mem:512;disk:512;ports:[31000-31001]"};
  // The agents' logs go to the work dir (kept if the test fails).
  int starts = 0;
  auto start = [&]() {
    const std::string log =
        path::join(workDir.get(), "agent-" + stringify(++starts) + ".log");
    return process::subprocess(
        MESOS_AGENT, argv, process::Subprocess::PATH("/dev/null"),
        process::Subprocess::PATH(log), process::Subprocess::PATH(log));
  };

  Future<RegisterSlaveMessage> registration =
      master.receive<RegisterSlaveMessage>();
  Try<process::Subprocess> first = start();
  ASSERT_TRUE(first.isSome()) << first.error();
  AWAIT_READY(registration);

  SlaveID slaveId;
  slaveId.set_value("e2e-S0");
  SlaveRegisteredMessage registered;
  registered.mutable_slave_id()->CopyFrom(slaveId);
  master.send(agent, registered);

  FrameworkInfo framework;
  framework.mutable_id()->set_value("e2e-framework");
  framework.set_name("e2e");
  framework.set_user(os::user().isSome() ? os::user().get() : "root");
  framework.set_checkpoint(true);

  TaskInfo task;
  task.set_name("sleeper");
  task.mutable_task_id()->set_value("sleeper");
  task.mutable_slave_id()->CopyFrom(slaveId);
  task.mutable_command()->set_value("sleep 1000");
  Try<Resources> resources = Resources::parse("cpus:0.5;mem:32");
  ASSERT_TRUE(resources.isSome());
  task.mutable_resources()->CopyFrom(resources.get());

  // The first update may race the registration answer: RunTask goes once
  // the agent answers a ping, i.e. is registered.
  Future<PongSlaveMessage> pong = master.receive<PongSlaveMessage>();
  PingSlaveMessage ping;
  ping.set_connected(true);
  master.send(agent, ping);
  AWAIT_READY(pong);

  RunTaskMessage run;
  run.mutable_framework()->CopyFrom(framework);
  run.mutable_framework_id()->CopyFrom(framework.id());
  run.set_pid("scheduler-e2e@127.0.0.1:1");
  run.mutable_task()->CopyFrom(task);

  Future<StatusUpdateMessage> firstUpdate =
      master.receive<StatusUpdateMessage>();
  master.send(agent, run);
  AWAIT_READY_FOR(firstUpdate, Seconds(30));

  // Acknowledge until TASK_RUNNING, which stays unacknowledged.
  StatusUpdate update = firstUpdate->update();
  while (update.status().state() != TASK_RUNNING) {
    ASSERT_FALSE(protobuf::isTerminalState(update.status().state()))
        << update.DebugString();
    Future<StatusUpdateMessage> next = master.receive<StatusUpdateMessage>();
    acknowledge(master, agent, update);
    AWAIT_READY_FOR(next, Seconds(30));
    update = next->update();
  }
  const std::string runningUuid = update.uuid();

  // kill -9 the agent: the executor and its task keep running.
  ::kill(first->pid(), SIGKILL);
  AWAIT_READY(first->status());

  Future<ReregisterSlaveMessage> reregistration =
      master.receive<ReregisterSlaveMessage>();
  Future<StatusUpdateMessage> replayed = master.receive<StatusUpdateMessage>();
  Try<process::Subprocess> second = start();
  ASSERT_TRUE(second.isSome()) << second.error();
  AWAIT_READY_FOR(reregistration, Seconds(30));
  EXPECT_EQ(slaveId, reregistration->slave().id());
  bool found = false;
  for (const Task& recovered : reregistration->tasks()) {
    if (recovered.task_id() == task.task_id()) {
      found = true;
      EXPECT_EQ(TASK_RUNNING, recovered.state());
    }
  }
  EXPECT_TRUE(found) << reregistration->DebugString();

  SlaveReregisteredMessage reregistered;
  reregistered.mutable_slave_id()->CopyFrom(slaveId);
  master.send(agent, reregistered);

  AWAIT_READY_FOR(replayed, Seconds(30));
  EXPECT_EQ(TASK_RUNNING, replayed->update().status().state());
  EXPECT_EQ(runningUuid, replayed->update().uuid());

  // The recovered task can still be killed.
  Future<StatusUpdateMessage> killed = master.receive<StatusUpdateMessage>();
  acknowledge(master, agent, replayed->update());
  KillTaskMessage kill;
  kill.mutable_framework_id()->CopyFrom(framework.id());
  kill.mutable_task_id()->CopyFrom(task.task_id());
  master.send(agent, kill);
  AWAIT_READY_FOR(killed, Seconds(30));
  StatusUpdate terminal = killed->update();
  while (!protobuf::isTerminalState(terminal.status().state())) {
    Future<StatusUpdateMessage> next = master.receive<StatusUpdateMessage>();
    acknowledge(master, agent, terminal);
    AWAIT_READY_FOR(next, Seconds(30));
    terminal = next->update();
  }
  EXPECT_EQ(TASK_KILLED, terminal.status().state());
  acknowledge(master, agent, terminal);

  ::kill(second->pid(), SIGUSR1);
  AWAIT_READY_FOR(second->status(), Seconds(30));

  Try<Nothing> removed = os::rmdir(workDir.get());
  EXPECT_TRUE(removed.isSome());
}

}  // namespace tests
}  // namespace slave
}  // namespace internal
}  // namespace mesos
