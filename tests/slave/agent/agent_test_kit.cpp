#include "agent_test_kit.hpp"

#include "common/protobuf_utils.hpp"

using process::Clock;
using process::Future;

namespace mesos {
namespace internal {
namespace slave {
namespace tests {

void AgentTest::SetUp() {
  Try<std::string> made = os::mkdtemp(path::join(os::temp(), "agent-XXXXXX"));
  ASSERT_TRUE(made.isSome()) << made.error();
  workDir = made.get();

  master.reset(new FakePeer(process::ID::generate("master")));

  flags.work_dir = workDir;
  flags.master = std::string(master->pid());
  flags.resources =
      std::string("cpus:4;mem:4096;disk:4096;ports:[31000-32000]");
  flags.hostname = std::string("agent.test");
  flags.launcher_dir = "/usr/libexec/mesos";
  flags.registration_backoff_factor = Seconds(1);
  // Tests may run as root: never switch to the framework's user.
  flags.switch_user = false;

  slaveId.set_value("agent-1-S0");

  containerizer.reset(new TestContainerizer());
  containerizer->metaDir = paths::getMetaRootDir(workDir);
  gc.reset(new GarbageCollector(workDir));
  statusUpdateManager.reset(new TaskStatusUpdateManager(
      paths::getMetaRootDir(workDir), CheckpointSync::WRITE));
}

void AgentTest::TearDown() {
  if (slave != nullptr) {
    process::terminate(slavePid);
    process::wait(slavePid);
    delete slave;
    slave = nullptr;
  }
  Clock::resume();
  statusUpdateManager.reset();
  gc.reset();
  containerizer.reset();
  master.reset();
  Try<Nothing> removed = os::rmdir(workDir);
  EXPECT_TRUE(removed.isSome()) << removed.error();
}

void AgentTest::startAgent() {
  Clock::pause();
  Try<SlaveInfo> info = createSlaveInfo(flags);
  ASSERT_TRUE(info.isSome()) << info.error();
  slave = new Slave(flags, info.get(), containerizer.get(), gc.get(),
                    statusUpdateManager.get());
  slavePid = process::spawn(slave);
  Clock::settle();
}

void AgentTest::acceptReregistration() {
  SlaveReregisteredMessage answer;
  answer.mutable_slave_id()->CopyFrom(slaveId);
  master->send(slavePid, answer);
  Clock::settle();
}

void AgentTest::acknowledge(const StatusUpdate& update) {
  StatusUpdateAcknowledgementMessage ack;
  ack.mutable_slave_id()->CopyFrom(slaveId);
  ack.mutable_framework_id()->CopyFrom(update.framework_id());
  ack.mutable_task_id()->CopyFrom(update.status().task_id());
  ack.set_uuid(update.uuid());
  master->send(slavePid, ack);
  Clock::settle();
}

void AgentTest::registerAgent() {
  Future<RegisterSlaveMessage> registration =
      master->receive<RegisterSlaveMessage>();
  Clock::advance(flags.registration_backoff_factor);
  Clock::settle();
  AWAIT_READY(registration);

  SlaveRegisteredMessage registered;
  registered.mutable_slave_id()->CopyFrom(slaveId);
  registered.mutable_connection()->set_total_ping_timeout_seconds(75);
  master->send(slavePid, registered);
  Clock::settle();
}

FrameworkInfo AgentTest::framework(bool checkpoint) const {
  FrameworkInfo info;
  info.set_user("test");
  info.set_name("test-framework");
  info.mutable_id()->set_value("framework-1");
  info.set_checkpoint(checkpoint);
  return info;
}

TaskInfo AgentTest::commandTask(const std::string& id) const {
  TaskInfo task;
  task.set_name(id);
  task.mutable_task_id()->set_value(id);
  task.mutable_slave_id()->CopyFrom(slaveId);
  task.mutable_command()->set_value("sleep 1000");
  Resource cpus;
  cpus.set_name("cpus");
  cpus.set_type(Value::SCALAR);
  cpus.mutable_scalar()->set_value(1);
  task.add_resources()->CopyFrom(cpus);
  return task;
}

TaskInfo AgentTest::executorTask(const std::string& id,
                                 const std::string& executorId) const {
  TaskInfo task = commandTask(id);
  task.clear_command();
  ExecutorInfo* executor = task.mutable_executor();
  executor->mutable_executor_id()->set_value(executorId);
  executor->mutable_framework_id()->set_value("framework-1");
  executor->mutable_command()->set_value("my-executor");
  return task;
}

void AgentTest::runTask(const FrameworkInfo& framework, const TaskInfo& task) {
  RunTaskMessage message;
  message.mutable_framework()->CopyFrom(framework);
  message.mutable_framework_id()->CopyFrom(framework.id());
  message.set_pid("scheduler-1@127.0.0.1:1");
  message.mutable_task()->CopyFrom(task);
  master->send(slavePid, message);
}

std::unique_ptr<FakePeer> AgentTest::registerExecutor(
    const TestContainerizer::Launch& launch) {
  std::unique_ptr<FakePeer> executor(
      new FakePeer(process::ID::generate("executor")));
  Future<ExecutorRegisteredMessage> registered =
      executor->receive<ExecutorRegisteredMessage>();

  RegisterExecutorMessage message;
  message.mutable_framework_id()->CopyFrom(launch.executorInfo.framework_id());
  message.mutable_executor_id()->CopyFrom(launch.executorInfo.executor_id());
  executor->send(slavePid, message);
  Clock::settle();
  EXPECT_TRUE(registered.await(process::TEST_AWAIT_TIMEOUT));
  return executor;
}

StatusUpdate AgentTest::executorUpdate(const TaskID& taskId, TaskState state,
                                       const ExecutorID& executorId) const {
  StatusUpdate update = protobuf::createStatusUpdate(
      FrameworkID(framework().id()), slaveId, taskId, state,
      TaskStatus::SOURCE_EXECUTOR, id::UUID::random(), "", None(), executorId);
  update.mutable_status()->mutable_executor_id()->CopyFrom(executorId);
  return update;
}

}  // namespace tests
}  // namespace slave
}  // namespace internal
}  // namespace mesos
