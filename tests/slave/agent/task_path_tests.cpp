// The task path: runTask -> _runTask -> launchExecutor, and its failure
// branches.

#include "agent_test_kit.hpp"

#include "slave/constants.hpp"

using process::Clock;
using process::Future;

namespace mesos {
namespace internal {
namespace slave {
namespace tests {

using TaskPathTest = AgentTest;

TEST_F(TaskPathTest, CommandTaskGetsTheCommandExecutor) {
  startAgent();
  registerAgent();

  Future<TestContainerizer::Launch> launch = containerizer->nextLaunch();
  runTask(framework(), commandTask("task-1"));
  Clock::settle();
  AWAIT_READY(launch);

  const ExecutorInfo& executor = launch->executorInfo;
  EXPECT_EQ("task-1", executor.executor_id().value());
  EXPECT_EQ("framework-1", executor.framework_id().value());
  EXPECT_EQ(path::join(flags.launcher_dir, "mesos-executor"),
            executor.command().value());
  ASSERT_TRUE(launch->taskInfo.isSome());
  EXPECT_EQ("task-1", launch->taskInfo->task_id().value());
  EXPECT_FALSE(launch->checkpoint);

  // The executor's 0.1 cpus on top of the task's 1.
  Option<double> cpus = Resources(executor.resources()).cpus();
  ASSERT_TRUE(cpus.isSome());
  EXPECT_DOUBLE_EQ(1.1, cpus.get());

  const std::string expected =
      paths::getExecutorRunPath(workDir, slaveId, framework().id(),
                                executor.executor_id(), launch->containerId);
  EXPECT_EQ(expected, launch->directory);
  EXPECT_TRUE(os::stat::isdir(expected));

  std::map<std::string, std::string> env = launch->environment;
  EXPECT_EQ("0", env["LIBPROCESS_PORT"]);
  EXPECT_EQ("framework-1", env["MESOS_FRAMEWORK_ID"]);
  EXPECT_EQ("task-1", env["MESOS_EXECUTOR_ID"]);
  EXPECT_EQ(expected, env["MESOS_DIRECTORY"]);
  EXPECT_EQ(expected, env["MESOS_SANDBOX"]);
  EXPECT_EQ(slaveId.value(), env["MESOS_SLAVE_ID"]);
  EXPECT_EQ(std::string(slavePid), env["MESOS_SLAVE_PID"]);
  EXPECT_EQ("0", env["MESOS_CHECKPOINT"]);
  EXPECT_EQ("0", env["MESOS_HTTP_COMMAND_EXECUTOR"]);
  EXPECT_EQ("5secs", env["MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD"]);
  EXPECT_EQ(0u, env.count("MESOS_RECOVERY_TIMEOUT"));
}

TEST_F(TaskPathTest, QueuedTaskIsSentAfterRegistration) {
  startAgent();
  registerAgent();

  Future<TestContainerizer::Launch> launch = containerizer->nextLaunch();
  runTask(framework(), executorTask("task-1", "exec-1"));
  Clock::settle();
  AWAIT_READY(launch);
  EXPECT_TRUE(launch->taskInfo.isNone());

  std::unique_ptr<FakePeer> executor(
      new FakePeer(process::ID::generate("executor")));
  Future<ExecutorRegisteredMessage> registered =
      executor->receive<ExecutorRegisteredMessage>();
  Future<RunTaskMessage> run = executor->receive<RunTaskMessage>();
  RegisterExecutorMessage message;
  message.mutable_framework_id()->set_value("framework-1");
  message.mutable_executor_id()->set_value("exec-1");
  executor->send(slavePid, message);
  Clock::settle();

  AWAIT_READY(registered);
  EXPECT_EQ(slaveId, registered->slave_id());
  EXPECT_EQ("exec-1", registered->executor_info().executor_id().value());
  EXPECT_EQ("framework-1", registered->framework_info().id().value());
  AWAIT_READY(run);
  EXPECT_EQ("task-1", run->task().task_id().value());
  EXPECT_EQ("scheduler-1@127.0.0.1:1", run->pid());

  // A second task for the running executor goes straight to it.
  Future<RunTaskMessage> second = executor->receive<RunTaskMessage>();
  runTask(framework(), executorTask("task-2", "exec-1"));
  Clock::settle();
  AWAIT_READY(second);
  EXPECT_EQ("task-2", second->task().task_id().value());
  EXPECT_EQ(1u, containerizer->launchCount());

  // A second registration of the same executor is refused.
  Future<ShutdownExecutorMessage> shutdown =
      executor->receive<ShutdownExecutorMessage>();
  executor->send(slavePid, message);
  Clock::settle();
  AWAIT_READY(shutdown);
}

TEST_F(TaskPathTest, RunTaskFromNonMasterIsIgnored) {
  startAgent();
  registerAgent();

  FakePeer impostor(process::ID::generate("master"));
  RunTaskMessage message;
  message.mutable_framework()->CopyFrom(framework());
  message.mutable_task()->CopyFrom(commandTask("task-1"));
  impostor.send(slavePid, message);
  Clock::settle();
  EXPECT_EQ(0u, containerizer->launchCount());
}

TEST_F(TaskPathTest, RunTaskBeforeRegistrationIsIgnored) {
  // Sandboxes live under the agent id, which the agent does not have yet.
  startAgent();
  runTask(framework(), commandTask("task-1"));
  Clock::settle();
  EXPECT_EQ(0u, containerizer->launchCount());
}

TEST_F(TaskPathTest, UnknownCheckpointedResourcesLoseTheTask) {
  startAgent();
  registerAgent();

  TaskInfo task = commandTask("task-1");
  Resource* reserved = task.add_resources();
  reserved->set_name("mem");
  reserved->set_type(Value::SCALAR);
  reserved->mutable_scalar()->set_value(64);
  Resource::ReservationInfo* reservation = reserved->add_reservations();
  reservation->set_type(Resource::ReservationInfo::DYNAMIC);
  reservation->set_role("role");
  reservation->set_principal("principal");

  Future<StatusUpdateMessage> update = master->receive<StatusUpdateMessage>();
  runTask(framework(), task);
  Clock::settle();
  AWAIT_READY(update);
  EXPECT_EQ(TASK_LOST, update->update().status().state());
  EXPECT_EQ(TaskStatus::REASON_RESOURCES_UNKNOWN,
            update->update().status().reason());
  EXPECT_EQ(TaskStatus::SOURCE_SLAVE, update->update().status().source());
  EXPECT_EQ(0u, containerizer->launchCount());
}

TEST_F(TaskPathTest, TaskGroupsAreRefusedWithTaskError) {
  startAgent();
  registerAgent();

  RunTaskGroupMessage message;
  message.mutable_framework()->CopyFrom(framework());
  message.mutable_executor()->mutable_executor_id()->set_value("default");
  message.mutable_executor()->mutable_framework_id()->set_value("framework-1");
  message.mutable_task_group()->add_tasks()->CopyFrom(commandTask("task-1"));

  Future<StatusUpdateMessage> update = master->receive<StatusUpdateMessage>();
  master->send(slavePid, message);
  Clock::settle();
  AWAIT_READY(update);
  EXPECT_EQ(TASK_ERROR, update->update().status().state());
  EXPECT_EQ(TaskStatus::REASON_TASK_GROUP_INVALID,
            update->update().status().reason());
}

TEST_F(TaskPathTest, FailedLaunchFailsTheTask) {
  startAgent();
  registerAgent();

  containerizer->setLaunchResult(process::Failure("no such isolator"));
  Future<StatusUpdateMessage> update = master->receive<StatusUpdateMessage>();
  runTask(framework(), commandTask("task-1"));
  Clock::settle();
  AWAIT_READY(update);
  EXPECT_EQ(TASK_FAILED, update->update().status().state());
  EXPECT_EQ(TaskStatus::REASON_CONTAINER_LAUNCH_FAILED,
            update->update().status().reason());
  EXPECT_NE(std::string::npos,
            update->update().status().message().find("no such isolator"));
}

TEST_F(TaskPathTest, UnsupportedLaunchFailsTheTask) {
  startAgent();
  registerAgent();

  containerizer->setLaunchResult(Containerizer::LaunchResult::NOT_SUPPORTED);
  Future<StatusUpdateMessage> update = master->receive<StatusUpdateMessage>();
  runTask(framework(), commandTask("task-1"));
  Clock::settle();
  AWAIT_READY(update);
  EXPECT_EQ(TASK_FAILED, update->update().status().state());
  EXPECT_EQ(TaskStatus::REASON_CONTAINER_LAUNCH_FAILED,
            update->update().status().reason());
}

TEST_F(TaskPathTest, ExecutorRegistrationTimeoutDestroysTheContainer) {
  startAgent();
  registerAgent();

  Future<TestContainerizer::Launch> launch = containerizer->nextLaunch();
  Future<StatusUpdateMessage> update = master->receive<StatusUpdateMessage>();
  runTask(framework(), commandTask("task-1"));
  Clock::settle();
  AWAIT_READY(launch);

  Clock::advance(flags.executor_registration_timeout);
  Clock::settle();
  AWAIT_READY(update);
  EXPECT_EQ(1u, containerizer->destroyedCount());
  EXPECT_EQ(TASK_FAILED, update->update().status().state());
  EXPECT_EQ(TaskStatus::REASON_EXECUTOR_REGISTRATION_TIMEOUT,
            update->update().status().reason());
}

TEST_F(TaskPathTest, CheckpointingFrameworkWritesItsState) {
  startAgent();
  registerAgent();

  Future<TestContainerizer::Launch> launch = containerizer->nextLaunch();
  runTask(framework(true), commandTask("task-1"));
  Clock::settle();
  AWAIT_READY(launch);
  EXPECT_TRUE(launch->checkpoint);
  EXPECT_EQ("1", launch->environment.at("MESOS_CHECKPOINT"));
  EXPECT_EQ("15mins", launch->environment.at("MESOS_RECOVERY_TIMEOUT"));

  const std::string meta = paths::getMetaRootDir(workDir);
  const FrameworkID frameworkId = framework().id();
  const ExecutorID executorId = launch->executorInfo.executor_id();
  EXPECT_TRUE(
      os::exists(paths::getFrameworkInfoPath(meta, slaveId, frameworkId)));
  EXPECT_TRUE(
      os::exists(paths::getFrameworkPidPath(meta, slaveId, frameworkId)));
  EXPECT_TRUE(os::exists(
      paths::getExecutorInfoPath(meta, slaveId, frameworkId, executorId)));
  EXPECT_TRUE(os::exists(paths::getTaskInfoPath(meta, slaveId, frameworkId,
                                                executorId, launch->containerId,
                                                launch->taskInfo->task_id())));

  std::unique_ptr<FakePeer> executor = registerExecutor(launch.get());
  EXPECT_TRUE(os::exists(paths::getLibprocessPidPath(
      meta, slaveId, frameworkId, executorId, launch->containerId)));

  // The state reader sees what was written.
  Try<state::State> recovered = state::recover(meta, true);
  ASSERT_TRUE(recovered.isSome()) << recovered.error();
  ASSERT_TRUE(recovered->slave.isSome());
  ASSERT_TRUE(recovered->slave->frameworks.contains(frameworkId));
}

}  // namespace tests
}  // namespace slave
}  // namespace internal
}  // namespace mesos
