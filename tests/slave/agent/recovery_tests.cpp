// Agent restarts: recovery of checkpointed frameworks, executors, tasks
// and status updates; reconnection of executors; the reregistration
// timeout; incompatible agent info; --recover=cleanup.

#include "agent_test_kit.hpp"

#include "slave/constants.hpp"

using process::Clock;
using process::Future;

namespace mesos {
namespace internal {
namespace slave {
namespace tests {

class RecoveryTest : public AgentTest {
 protected:
  // Registers the agent, launches a task of a checkpointing framework on
  // a custom executor and registers the executor.
  void launch(bool checkpoint = true) {
    startAgent();
    registerAgent();
    Future<TestContainerizer::Launch> launched = containerizer->nextLaunch();
    runTask(framework(checkpoint), executorTask("task-1", "exec-1"));
    Clock::settle();
    ASSERT_TRUE(launched.await(process::TEST_AWAIT_TIMEOUT));
    container = launched.get();

    executor.reset(new FakePeer(process::ID::generate("executor")));
    Future<RunTaskMessage> run = executor->receive<RunTaskMessage>();
    RegisterExecutorMessage message;
    message.mutable_framework_id()->set_value("framework-1");
    message.mutable_executor_id()->set_value("exec-1");
    executor->send(slavePid, message);
    Clock::settle();
    ASSERT_TRUE(run.await(process::TEST_AWAIT_TIMEOUT));
    task = run->task();
  }

  // The executor reports TASK_RUNNING; returns the update the master got.
  StatusUpdate running() {
    Future<StatusUpdateMessage> forwarded =
        master->receive<StatusUpdateMessage>();
    Future<StatusUpdateAcknowledgementMessage> ack =
        executor->receive<StatusUpdateAcknowledgementMessage>();
    StatusUpdateMessage message;
    ExecutorID executorId;
    executorId.set_value("exec-1");
    message.mutable_update()->CopyFrom(
        executorUpdate(task.task_id(), TASK_RUNNING, executorId));
    message.set_pid(executor->pid());
    executor->send(slavePid, message);
    Clock::settle();
    EXPECT_TRUE(ack.await(process::TEST_AWAIT_TIMEOUT));
    EXPECT_TRUE(forwarded.await(process::TEST_AWAIT_TIMEOUT));
    return forwarded.isReady() ? forwarded->update() : StatusUpdate();
  }

  // Stops the agent as a crash would (no shutdown) and starts a new one on
  // the same work dir and containerizer.
  void restart() {
    process::terminate(slavePid);
    process::wait(slavePid);
    delete slave;
    slave = nullptr;
    statusUpdateManager.reset(new TaskStatusUpdateManager(
        paths::getMetaRootDir(workDir), CheckpointSync::WRITE));
    startAgent();
  }

  // Lets the recovered agent find the master and returns its
  // reregistration.
  Future<ReregisterSlaveMessage> reregistration() {
    Future<ReregisterSlaveMessage> reregister =
        master->receive<ReregisterSlaveMessage>();
    Clock::advance(flags.executor_reregistration_timeout);
    Clock::settle();
    Clock::advance(flags.registration_backoff_factor);
    Clock::settle();
    return reregister;
  }

  TestContainerizer::Launch container;
  TaskInfo task;
  std::unique_ptr<FakePeer> executor;
};

TEST_F(RecoveryTest, ExecutorReconnectsAndUpdatesAreReplayed) {
  launch();
  StatusUpdate update = running();

  Future<ReconnectExecutorMessage> reconnect =
      executor->receive<ReconnectExecutorMessage>();
  restart();
  AWAIT_READY(reconnect);
  EXPECT_EQ(slaveId, reconnect->slave_id());

  Future<ExecutorReregisteredMessage> reregistered =
      executor->receive<ExecutorReregisteredMessage>();
  ReregisterExecutorMessage message;
  message.mutable_framework_id()->set_value("framework-1");
  message.mutable_executor_id()->set_value("exec-1");
  message.add_tasks()->CopyFrom(task);
  executor->send(slavePid, message);
  Clock::settle();
  AWAIT_READY(reregistered);
  EXPECT_EQ(slaveId, reregistered->slave_id());

  Future<ReregisterSlaveMessage> reregister = reregistration();
  AWAIT_READY(reregister);
  EXPECT_EQ(slaveId, reregister->slave().id());
  ASSERT_EQ(1, reregister->tasks_size());
  EXPECT_EQ("task-1", reregister->tasks(0).task_id().value());
  EXPECT_EQ(TASK_RUNNING, reregister->tasks(0).state());
  ASSERT_EQ(1, reregister->executor_infos_size());
  ASSERT_EQ(1, reregister->frameworks_size());
  EXPECT_EQ(0u, containerizer->destroyedCount());

  // Once reregistered, the unacknowledged update goes out again, same
  // uuid.
  Future<StatusUpdateMessage> replayed = master->receive<StatusUpdateMessage>();
  acceptReregistration();
  AWAIT_READY(replayed);
  EXPECT_EQ(update.uuid(), replayed->update().uuid());
  EXPECT_EQ(TASK_RUNNING, replayed->update().status().state());
}

TEST_F(RecoveryTest, ReregistrationCarriesUnacknowledgedUpdates) {
  launch();

  Future<ReconnectExecutorMessage> reconnect =
      executor->receive<ReconnectExecutorMessage>();
  restart();
  AWAIT_READY(reconnect);

  // The executor sent TASK_RUNNING just as the agent died: the agent never
  // saw it, so the executor resends it with its reregistration.
  ExecutorID executorId;
  executorId.set_value("exec-1");
  const StatusUpdate update =
      executorUpdate(task.task_id(), TASK_RUNNING, executorId);

  Future<ExecutorReregisteredMessage> reregistered =
      executor->receive<ExecutorReregisteredMessage>();
  Future<StatusUpdateAcknowledgementMessage> ack =
      executor->receive<StatusUpdateAcknowledgementMessage>();
  ReregisterExecutorMessage message;
  message.mutable_framework_id()->set_value("framework-1");
  message.mutable_executor_id()->CopyFrom(executorId);
  message.add_tasks()->CopyFrom(task);
  message.add_updates()->CopyFrom(update);
  executor->send(slavePid, message);
  Clock::settle();
  AWAIT_READY(reregistered);
  AWAIT_READY(ack);
  EXPECT_EQ(update.uuid(), ack->uuid());

  Future<ReregisterSlaveMessage> reregister = reregistration();
  AWAIT_READY(reregister);
  ASSERT_EQ(1, reregister->tasks_size());
  EXPECT_EQ(TASK_RUNNING, reregister->tasks(0).state());

  Future<StatusUpdateMessage> forwarded =
      master->receive<StatusUpdateMessage>();
  acceptReregistration();
  AWAIT_READY(forwarded);
  EXPECT_EQ(update.uuid(), forwarded->update().uuid());
}

TEST_F(RecoveryTest, ExecutorThatDoesNotReregisterIsKilled) {
  launch();
  acknowledge(running());

  restart();

  Future<ReregisterSlaveMessage> reregister = reregistration();
  AWAIT_READY(reregister);
  EXPECT_EQ(1u, containerizer->destroyedCount());

  Future<StatusUpdateMessage> lost = master->receive<StatusUpdateMessage>();
  acceptReregistration();
  AWAIT_READY(lost);
  EXPECT_EQ(TASK_LOST, lost->update().status().state());
  EXPECT_EQ(TaskStatus::REASON_EXECUTOR_REREGISTRATION_TIMEOUT,
            lost->update().status().reason());
}

TEST_F(RecoveryTest, UnregisteredExecutorIsKilledAtReregistrationTimeout) {
  // The executor is launched but has not registered when the agent dies.
  startAgent();
  registerAgent();
  Future<TestContainerizer::Launch> launched = containerizer->nextLaunch();
  runTask(framework(true), executorTask("task-1", "exec-1"));
  Clock::settle();
  ASSERT_TRUE(launched.await(process::TEST_AWAIT_TIMEOUT));

  restart();

  // As in Mesos, a registration while the agent recovers is refused.
  FakePeer late(process::ID::generate("executor"));
  Future<ShutdownExecutorMessage> refused =
      late.receive<ShutdownExecutorMessage>();
  RegisterExecutorMessage registration;
  registration.mutable_framework_id()->set_value("framework-1");
  registration.mutable_executor_id()->set_value("exec-1");
  late.send(slavePid, registration);
  Clock::settle();
  AWAIT_READY(refused);

  // Nothing to reconnect to: killed at the reregistration timeout.
  Future<ReregisterSlaveMessage> reregister = reregistration();
  AWAIT_READY(reregister);
  EXPECT_EQ(1u, containerizer->destroyedCount());

  Future<StatusUpdateMessage> lost = master->receive<StatusUpdateMessage>();
  acceptReregistration();
  AWAIT_READY(lost);
  EXPECT_EQ(TASK_LOST, lost->update().status().state());
  EXPECT_EQ(TaskStatus::SOURCE_SLAVE, lost->update().status().source());
  EXPECT_EQ(TaskStatus::REASON_EXECUTOR_REREGISTRATION_TIMEOUT,
            lost->update().status().reason());
}

TEST_F(RecoveryTest, ExecutorThatDiedWhileTheAgentWasDown) {
  launch();
  acknowledge(running());

  // The container ends while no agent watches it.
  process::terminate(slavePid);
  process::wait(slavePid);
  delete slave;
  slave = nullptr;
  containerizer->terminate(container.containerId, 9);
  statusUpdateManager.reset(new TaskStatusUpdateManager(
      paths::getMetaRootDir(workDir), CheckpointSync::WRITE));
  startAgent();

  Future<ReregisterSlaveMessage> reregister = reregistration();
  AWAIT_READY(reregister);

  Future<StatusUpdateMessage> failed = master->receive<StatusUpdateMessage>();
  acceptReregistration();
  AWAIT_READY(failed);
  EXPECT_EQ(TASK_FAILED, failed->update().status().state());
  EXPECT_EQ(TaskStatus::REASON_EXECUTOR_TERMINATED,
            failed->update().status().reason());
}

TEST_F(RecoveryTest, NonCheckpointingFrameworkIsNotRecovered) {
  launch(false);

  restart();
  Future<ReregisterSlaveMessage> reregister = reregistration();
  AWAIT_READY(reregister);
  EXPECT_EQ(slaveId, reregister->slave().id());
  EXPECT_EQ(0, reregister->tasks_size());
  EXPECT_EQ(0, reregister->frameworks_size());
}

TEST_F(RecoveryTest, IncompatibleAgentInfoRefusesToStart) {
  startAgent();
  registerAgent();

  process::terminate(slavePid);
  process::wait(slavePid);
  delete slave;
  slave = nullptr;

  flags.resources =
      std::string("cpus:8;mem:4096;disk:4096;ports:[31000-32000]");
  statusUpdateManager.reset(new TaskStatusUpdateManager(
      paths::getMetaRootDir(workDir), CheckpointSync::WRITE));
  startAgent();
  process::wait(slavePid);
  ASSERT_TRUE(slave->failure().isSome());
  EXPECT_NE(std::string::npos,
            slave->failure()->find("Incompatible agent info"))
      << slave->failure().get();
  // The checkpoint is kept for the operator to decide.
  EXPECT_TRUE(
      os::exists(paths::getLatestSlavePath(paths::getMetaRootDir(workDir))));
  delete slave;
  slave = nullptr;
}

TEST_F(RecoveryTest, TornCheckpointIsFatalWhenStrict) {
  launch();

  process::terminate(slavePid);
  process::wait(slavePid);
  delete slave;
  slave = nullptr;

  // A framework.info that is not a protobuf.
  const std::string frameworkInfo = paths::getFrameworkInfoPath(
      paths::getMetaRootDir(workDir), slaveId, framework().id());
  ASSERT_TRUE(os::write(frameworkInfo, "\x05\x00\x00\x00garbage").isSome());

  statusUpdateManager.reset(new TaskStatusUpdateManager(
      paths::getMetaRootDir(workDir), CheckpointSync::WRITE));
  startAgent();
  process::wait(slavePid);
  ASSERT_TRUE(slave->failure().isSome());
  delete slave;
  slave = nullptr;
}

TEST_F(RecoveryTest, CleanupShutsDownExecutorsAndExits) {
  launch();

  flags.recover = "cleanup";
  Future<ShutdownExecutorMessage> shutdown =
      executor->receive<ShutdownExecutorMessage>();
  restart();
  AWAIT_READY(shutdown);

  Clock::advance(flags.executor_shutdown_grace_period);
  Clock::settle();
  EXPECT_EQ(1u, containerizer->destroyedCount());

  process::wait(slavePid);
  EXPECT_TRUE(slave->failure().isNone());
  EXPECT_FALSE(
      os::exists(paths::getLatestSlavePath(paths::getMetaRootDir(workDir))));
}

}  // namespace tests
}  // namespace slave
}  // namespace internal
}  // namespace mesos
