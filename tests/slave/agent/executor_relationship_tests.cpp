// The agent and its executors: status updates and acknowledgements,
// kills, shutdowns, messages, executor exits and garbage collection.

#include "agent_test_kit.hpp"

using process::Clock;
using process::Future;

namespace mesos {
namespace internal {
namespace slave {
namespace tests {

class ExecutorRelationshipTest : public AgentTest {
 protected:
  // Registers the agent, launches `task` and registers its executor; the
  // task has reached the executor when this returns.
  void launch(const TaskInfo& task, bool checkpoint = false) {
    startAgent();
    registerAgent();
    Future<TestContainerizer::Launch> launched = containerizer->nextLaunch();
    runTask(framework(checkpoint), task);
    Clock::settle();
    ASSERT_TRUE(launched.await(process::TEST_AWAIT_TIMEOUT));
    container = launched.get();
    executorId = container.executorInfo.executor_id();

    executor.reset(new FakePeer(process::ID::generate("executor")));
    Future<RunTaskMessage> run = executor->receive<RunTaskMessage>();
    RegisterExecutorMessage message;
    message.mutable_framework_id()->set_value("framework-1");
    message.mutable_executor_id()->CopyFrom(executorId);
    executor->send(slavePid, message);
    Clock::settle();
    ASSERT_TRUE(run.await(process::TEST_AWAIT_TIMEOUT));
  }

  // Sends `state` for `taskId` from the executor; returns the update the
  // master got. The executor's acknowledgement is awaited.
  StatusUpdate update(const std::string& taskId, TaskState state) {
    Future<StatusUpdateMessage> forwarded =
        master->receive<StatusUpdateMessage>();
    Future<StatusUpdateAcknowledgementMessage> ack =
        executor->receive<StatusUpdateAcknowledgementMessage>();

    TaskID id;
    id.set_value(taskId);
    StatusUpdateMessage message;
    message.mutable_update()->CopyFrom(executorUpdate(id, state, executorId));
    message.set_pid(executor->pid());
    executor->send(slavePid, message);
    Clock::settle();

    EXPECT_TRUE(ack.await(process::TEST_AWAIT_TIMEOUT));
    EXPECT_TRUE(forwarded.await(process::TEST_AWAIT_TIMEOUT));
    if (ack.isReady()) {
      EXPECT_EQ(message.update().uuid(), ack->uuid());
    }
    return forwarded.isReady() ? forwarded->update() : StatusUpdate();
  }

  TestContainerizer::Launch container;
  ExecutorID executorId;
  std::unique_ptr<FakePeer> executor;
};

TEST_F(ExecutorRelationshipTest, StatusUpdatesReachTheMasterInOrder) {
  launch(commandTask("task-1"));

  StatusUpdate running = update("task-1", TASK_RUNNING);
  EXPECT_EQ(TASK_RUNNING, running.status().state());
  EXPECT_EQ(TASK_RUNNING, running.latest_state());
  EXPECT_EQ(TaskStatus::SOURCE_EXECUTOR, running.status().source());

  // FINISHED is acknowledged to the executor at once but reaches the
  // master only after RUNNING was acknowledged.
  Future<StatusUpdateAcknowledgementMessage> ack =
      executor->receive<StatusUpdateAcknowledgementMessage>();
  Future<StatusUpdateMessage> finished = master->receive<StatusUpdateMessage>();
  TaskID taskId;
  taskId.set_value("task-1");
  StatusUpdateMessage message;
  message.mutable_update()->CopyFrom(
      executorUpdate(taskId, TASK_FINISHED, executorId));
  message.set_pid(executor->pid());
  executor->send(slavePid, message);
  Clock::settle();
  AWAIT_READY(ack);
  EXPECT_TRUE(finished.isPending());

  acknowledge(running);
  AWAIT_READY(finished);
  EXPECT_EQ(TASK_FINISHED, finished->update().status().state());

  // An unacknowledged update is resent after the retry interval.
  Future<StatusUpdateMessage> resent = master->receive<StatusUpdateMessage>();
  Clock::advance(STATUS_UPDATE_RETRY_INTERVAL_MIN);
  Clock::settle();
  AWAIT_READY(resent);
  EXPECT_EQ(finished->update().uuid(), resent->update().uuid());

  acknowledge(finished->update());

  // The executor exits; its only task is complete, so it is cleaned up
  // and (a command executor) not reported as an exited executor.
  containerizer->terminate(container.containerId, 0);
  Clock::settle();
  EXPECT_EQ(0u, master->count<ExitedExecutorMessage>());
  EXPECT_EQ(0u, master->count<StatusUpdateMessage>());
}

TEST_F(ExecutorRelationshipTest, UpdatesWithoutUuidAreRejected) {
  launch(commandTask("task-1"));

  TaskID taskId;
  taskId.set_value("task-1");
  StatusUpdateMessage message;
  message.mutable_update()->CopyFrom(
      executorUpdate(taskId, TASK_RUNNING, executorId));
  message.mutable_update()->clear_uuid();
  message.set_pid(executor->pid());
  executor->send(slavePid, message);
  Clock::settle();
  EXPECT_EQ(0u, master->count<StatusUpdateMessage>());
  EXPECT_EQ(0u, executor->count<StatusUpdateAcknowledgementMessage>());
}

TEST_F(ExecutorRelationshipTest, KillRunningTaskGoesToTheExecutor) {
  launch(commandTask("task-1"));

  Future<KillTaskMessage> kill = executor->receive<KillTaskMessage>();
  KillTaskMessage message;
  message.mutable_framework_id()->set_value("framework-1");
  message.mutable_task_id()->set_value("task-1");
  master->send(slavePid, message);
  Clock::settle();
  AWAIT_READY(kill);
  EXPECT_EQ("task-1", kill->task_id().value());
}

TEST_F(ExecutorRelationshipTest, KillUnknownTaskOfKnownFrameworkLosesIt) {
  launch(commandTask("task-1"));

  Future<StatusUpdateMessage> lost = master->receive<StatusUpdateMessage>();
  KillTaskMessage message;
  message.mutable_framework_id()->set_value("framework-1");
  message.mutable_task_id()->set_value("task-unknown");
  master->send(slavePid, message);
  Clock::settle();
  AWAIT_READY(lost);
  EXPECT_EQ(TASK_LOST, lost->update().status().state());
  EXPECT_EQ(TaskStatus::REASON_EXECUTOR_TERMINATED,
            lost->update().status().reason());
}

TEST_F(ExecutorRelationshipTest, KillQueuedTaskBeforeRegistration) {
  startAgent();
  registerAgent();
  Future<TestContainerizer::Launch> launched = containerizer->nextLaunch();
  runTask(framework(), commandTask("task-1"));
  Clock::settle();
  AWAIT_READY(launched);

  Future<StatusUpdateMessage> killed = master->receive<StatusUpdateMessage>();
  KillTaskMessage message;
  message.mutable_framework_id()->set_value("framework-1");
  message.mutable_task_id()->set_value("task-1");
  master->send(slavePid, message);
  Clock::settle();
  AWAIT_READY(killed);
  EXPECT_EQ(TASK_KILLED, killed->update().status().state());
  EXPECT_EQ(TaskStatus::REASON_TASK_KILLED_DURING_LAUNCH,
            killed->update().status().reason());

  // Nothing left to run: the container goes.
  EXPECT_EQ(1u, containerizer->destroyedCount());
}

TEST_F(ExecutorRelationshipTest, ExecutorExitFailsItsTasks) {
  launch(executorTask("task-1", "exec-1"));

  StatusUpdate running = update("task-1", TASK_RUNNING);
  acknowledge(running);

  Future<StatusUpdateMessage> failed = master->receive<StatusUpdateMessage>();
  Future<ExitedExecutorMessage> exited =
      master->receive<ExitedExecutorMessage>();
  containerizer->terminate(container.containerId, 256);
  Clock::settle();

  AWAIT_READY(failed);
  EXPECT_EQ(TASK_FAILED, failed->update().status().state());
  EXPECT_EQ(TaskStatus::REASON_EXECUTOR_TERMINATED,
            failed->update().status().reason());
  EXPECT_EQ(TaskStatus::SOURCE_SLAVE, failed->update().status().source());

  AWAIT_READY(exited);
  EXPECT_EQ("exec-1", exited->executor_id().value());
  EXPECT_EQ(256, exited->status());
}

TEST_F(ExecutorRelationshipTest, ContainerizerStateWins) {
  launch(executorTask("task-1", "exec-1"));

  Future<StatusUpdateMessage> lost = master->receive<StatusUpdateMessage>();
  containerizer->terminate(container.containerId, 9, TASK_LOST);
  Clock::settle();
  AWAIT_READY(lost);
  EXPECT_EQ(TASK_LOST, lost->update().status().state());
}

TEST_F(ExecutorRelationshipTest, ShutdownFrameworkWaitsGraceThenDestroys) {
  launch(executorTask("task-1", "exec-1"));

  Future<ShutdownExecutorMessage> shutdown =
      executor->receive<ShutdownExecutorMessage>();
  ShutdownFrameworkMessage message;
  message.mutable_framework_id()->set_value("framework-1");
  master->send(slavePid, message);
  Clock::settle();
  AWAIT_READY(shutdown);
  EXPECT_EQ("exec-1", shutdown->executor_id().value());
  EXPECT_EQ(0u, containerizer->destroyedCount());

  Clock::advance(flags.executor_shutdown_grace_period);
  Clock::settle();
  EXPECT_EQ(1u, containerizer->destroyedCount());

  // The framework's tasks are not reported: it is gone.
  EXPECT_EQ(0u, master->count<StatusUpdateMessage>());
}

TEST_F(ExecutorRelationshipTest, ShutdownExecutorFromMaster) {
  launch(executorTask("task-1", "exec-1"));

  Future<ShutdownExecutorMessage> shutdown =
      executor->receive<ShutdownExecutorMessage>();
  ShutdownExecutorMessage message;
  message.mutable_framework_id()->set_value("framework-1");
  message.mutable_executor_id()->set_value("exec-1");
  master->send(slavePid, message);
  Clock::settle();
  AWAIT_READY(shutdown);

  // The executor exits on its own within the grace period.
  Future<StatusUpdateMessage> failed = master->receive<StatusUpdateMessage>();
  containerizer->terminate(container.containerId, 0);
  Clock::settle();
  AWAIT_READY(failed);
  EXPECT_EQ(0u, containerizer->destroyedCount());

  Clock::advance(flags.executor_shutdown_grace_period);
  Clock::settle();
  EXPECT_EQ(0u, containerizer->destroyedCount());
}

TEST_F(ExecutorRelationshipTest, FrameworkMessagesAreRelayed) {
  launch(executorTask("task-1", "exec-1"));

  Future<FrameworkToExecutorMessage> toExecutor =
      executor->receive<FrameworkToExecutorMessage>();
  FrameworkToExecutorMessage message;
  message.mutable_slave_id()->CopyFrom(slaveId);
  message.mutable_framework_id()->set_value("framework-1");
  message.mutable_executor_id()->set_value("exec-1");
  message.set_data("hello executor");
  master->send(slavePid, message);
  Clock::settle();
  AWAIT_READY(toExecutor);
  EXPECT_EQ("hello executor", toExecutor->data());

  Future<ExecutorToFrameworkMessage> toFramework =
      master->receive<ExecutorToFrameworkMessage>();
  ExecutorToFrameworkMessage reply;
  reply.mutable_slave_id()->CopyFrom(slaveId);
  reply.mutable_framework_id()->set_value("framework-1");
  reply.mutable_executor_id()->set_value("exec-1");
  reply.set_data("hello framework");
  executor->send(slavePid, reply);
  Clock::settle();
  AWAIT_READY(toFramework);
  EXPECT_EQ("hello framework", toFramework->data());

  // For an executor that does not exist the message is dropped.
  message.mutable_executor_id()->set_value("exec-unknown");
  master->send(slavePid, message);
  Clock::settle();
  EXPECT_EQ(0u, executor->count<FrameworkToExecutorMessage>());
}

TEST_F(ExecutorRelationshipTest, UpdateFrameworkResumesUpdates) {
  launch(executorTask("task-1", "exec-1"), true);

  UpdateFrameworkMessage message;
  message.mutable_framework_id()->set_value("framework-1");
  message.set_pid("scheduler-2@127.0.0.1:2");
  master->send(slavePid, message);
  Clock::settle();

  Try<std::string> pid = os::read(paths::getFrameworkPidPath(
      paths::getMetaRootDir(workDir), slaveId, framework().id()));
  ASSERT_TRUE(pid.isSome()) << pid.error();
  EXPECT_EQ("scheduler-2@127.0.0.1:2", pid.get());
}

TEST_F(ExecutorRelationshipTest, ReregistrationOutsideRecoveryIsRefused) {
  launch(executorTask("task-1", "exec-1"));

  FakePeer stray(process::ID::generate("executor"));
  Future<ShutdownExecutorMessage> shutdown =
      stray.receive<ShutdownExecutorMessage>();
  ReregisterExecutorMessage message;
  message.mutable_framework_id()->set_value("framework-1");
  message.mutable_executor_id()->set_value("exec-1");
  stray.send(slavePid, message);
  Clock::settle();
  AWAIT_READY(shutdown);
}

TEST_F(ExecutorRelationshipTest, FinishedSandboxesAreGarbageCollected) {
  launch(executorTask("task-1", "exec-1"));

  StatusUpdate finished = update("task-1", TASK_FINISHED);
  acknowledge(finished);
  containerizer->terminate(container.containerId, 0);
  Clock::settle();

  const std::string executorDir =
      paths::getExecutorPath(workDir, slaveId, framework().id(), executorId);
  EXPECT_TRUE(os::exists(executorDir));

  Clock::advance(flags.gc_delay);
  Clock::settle();

  // Removals run one batch at a time: once a later one is done, the
  // sandbox's is too.
  const std::string marker = path::join(workDir, "marker");
  ASSERT_TRUE(os::mkdir(marker).isSome());
  Future<Nothing> removed = gc->schedule(Seconds(0), marker);
  Clock::settle();
  AWAIT_READY(removed);
  EXPECT_FALSE(os::exists(executorDir));
}

TEST_F(ExecutorRelationshipTest, ReusedExecutorDirectoryIsUnscheduled) {
  launch(executorTask("task-1", "exec-1"));

  StatusUpdate finished = update("task-1", TASK_FINISHED);
  acknowledge(finished);
  containerizer->terminate(container.containerId, 0);
  Clock::settle();

  // The framework comes back with the same executor id before gc_delay.
  Future<TestContainerizer::Launch> relaunched = containerizer->nextLaunch();
  runTask(framework(), executorTask("task-2", "exec-1"));
  Clock::settle();
  AWAIT_READY(relaunched);

  Clock::advance(flags.gc_delay);
  Clock::settle();
  EXPECT_TRUE(os::exists(relaunched->directory));
}

}  // namespace tests
}  // namespace slave
}  // namespace internal
}  // namespace mesos
