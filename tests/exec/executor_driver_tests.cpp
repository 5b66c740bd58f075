// MesosExecutorDriver against a fake agent process in the same OS process,
// speaking real protobuf messages. MESOS_LOCAL is set so that a shutdown
// does not kill the test's process group.

#include <sys/wait.h>

#include <map>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include <mesos/executor.hpp>

#include <process/clock.hpp>
#include <process/gtest.hpp>
#include <process/process.hpp>

#include <stout/os.hpp>
#include <stout/uuid.hpp>

#include "driver/driver_test_kit.hpp"
#include "exec/fake_agent.hpp"

using process::Clock;
using process::Future;
using process::UPID;

using std::string;

namespace mesos {
namespace tests {
namespace {

// Records every callback; checks none runs on the test's thread.
class RecordingExecutor : public Executor, public CallbackThreadCheck {
 public:
  void registered(ExecutorDriver* driver, const ExecutorInfo& executorInfo,
                  const FrameworkInfo&, const SlaveInfo&) override {
    check();
    registeredQ.put(executorInfo);
  }
  void reregistered(ExecutorDriver*, const SlaveInfo& slaveInfo) override {
    check();
    reregisteredQ.put(slaveInfo);
  }
  void disconnected(ExecutorDriver*) override {
    check();
    disconnectedQ.put(true);
  }
  void launchTask(ExecutorDriver*, const TaskInfo& task) override {
    check();
    launchedQ.put(task);
  }
  void killTask(ExecutorDriver*, const TaskID& taskId) override {
    check();
    killedQ.put(taskId);
  }
  void frameworkMessage(ExecutorDriver*, const string& data) override {
    check();
    messageQ.put(data);
  }
  void shutdown(ExecutorDriver* driver) override {
    check();
    shutdownQ.put(true);
    if (stopOnShutdown)
      driver->stop();
  }
  void error(ExecutorDriver*, const string& message) override {
    check();
    errorQ.put(message);
  }

  bool stopOnShutdown = true;

  EventQueue<ExecutorInfo> registeredQ;
  EventQueue<SlaveInfo> reregisteredQ;
  EventQueue<bool> disconnectedQ;
  EventQueue<TaskInfo> launchedQ;
  EventQueue<TaskID> killedQ;
  EventQueue<string> messageQ;
  EventQueue<bool> shutdownQ;
  EventQueue<string> errorQ;
};

class ExecutorDriverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    agent = new FakeAgent();
    process::spawn(agent);
  }

  void TearDown() override {
    if (agent != nullptr) {
      process::terminate(agent);
      process::wait(agent);
      delete agent;
    }
  }

  std::map<string, string> environment(bool checkpoint = false) {
    std::map<string, string> env = {
        {"MESOS_SLAVE_PID", string(agent->self())},
        {"MESOS_SLAVE_ID", "agent-1"},
        {"MESOS_FRAMEWORK_ID", "framework-1"},
        {"MESOS_EXECUTOR_ID", "executor-1"},
        {"MESOS_DIRECTORY", "/tmp"},
        {"MESOS_LOCAL", "1"},
        {"MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", "5secs"}};
    if (checkpoint) {
      env["MESOS_CHECKPOINT"] = "1";
      env["MESOS_RECOVERY_TIMEOUT"] = "1mins";
    }
    return env;
  }

  // Starts `driver`, answers its registration; returns the executor pid.
  UPID registerExecutor(MesosExecutorDriver* driver,
                        RecordingExecutor* executor) {
    EXPECT_EQ(DRIVER_RUNNING, driver->start());
    Future<Received<internal::RegisterExecutorMessage>> registration =
        agent->registrations.get();
    EXPECT_TRUE(registration.await(Seconds(15)));
    if (!registration.isReady())
      return UPID();
    EXPECT_EQ("framework-1", registration->message.framework_id().value());
    EXPECT_EQ("executor-1", registration->message.executor_id().value());

    agent->registered(registration->from, "executor-1", "true");

    Future<ExecutorInfo> info = executor->registeredQ.get();
    EXPECT_TRUE(info.await(Seconds(15)));
    return registration->from;
  }

  static TaskInfo task(const string& id) {
    TaskInfo task;
    task.set_name(id);
    task.mutable_task_id()->set_value(id);
    task.mutable_slave_id()->set_value("agent-1");
    task.mutable_executor()->mutable_executor_id()->set_value("executor-1");
    return task;
  }

  // Runs task `id` of framework-1.
  static internal::RunTaskMessage runTask(const string& id) {
    internal::RunTaskMessage run;
    run.mutable_framework()->set_name("framework");
    run.mutable_framework()->set_user("user");
    run.mutable_framework()->mutable_id()->set_value("framework-1");
    *run.mutable_task() = task(id);
    return run;
  }

  // A framework message with `data` for executor-1.
  static internal::FrameworkToExecutorMessage toExecutor(const string& data) {
    internal::FrameworkToExecutorMessage message;
    message.mutable_slave_id()->set_value("agent-1");
    message.mutable_framework_id()->set_value("framework-1");
    message.mutable_executor_id()->set_value("executor-1");
    message.set_data(data);
    return message;
  }

  FakeAgent* agent = nullptr;
};

TEST_F(ExecutorDriverTest, MissingEnvironmentAborts) {
  RecordingExecutor executor;
  std::map<string, string> env = environment();
  env.erase("MESOS_SLAVE_PID");
  MesosExecutorDriver driver(&executor, env);

  EXPECT_EQ(DRIVER_ABORTED, driver.start());
  Future<string> error = executor.errorQ.get();
  AWAIT_READY(error);
  EXPECT_NE(string::npos, error->find("MESOS_SLAVE_PID")) << error.get();
  EXPECT_EQ(DRIVER_ABORTED, driver.join());
  EXPECT_FALSE(executor.onCallerThread);
}

TEST_F(ExecutorDriverTest, MalformedEnvironmentAborts) {
  RecordingExecutor executor;
  std::map<string, string> env = environment();
  env["MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD"] = "soon";
  MesosExecutorDriver driver(&executor, env);

  EXPECT_EQ(DRIVER_ABORTED, driver.start());
  Future<string> error = executor.errorQ.get();
  AWAIT_READY(error);
  EXPECT_NE(string::npos, error->find("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD"));
}

TEST_F(ExecutorDriverTest, StatusValues) {
  RecordingExecutor executor;
  MesosExecutorDriver driver(&executor, environment());

  EXPECT_EQ(DRIVER_NOT_STARTED, driver.stop());
  EXPECT_EQ(DRIVER_NOT_STARTED, driver.abort());
  EXPECT_EQ(DRIVER_NOT_STARTED, driver.join());
  EXPECT_EQ(DRIVER_NOT_STARTED, driver.sendFrameworkMessage("x"));

  EXPECT_EQ(DRIVER_RUNNING, driver.start());
  EXPECT_EQ(DRIVER_RUNNING, driver.start());
  EXPECT_EQ(DRIVER_STOPPED, driver.stop());
  EXPECT_EQ(DRIVER_STOPPED, driver.join());
  EXPECT_EQ(DRIVER_STOPPED, driver.abort());
  EXPECT_EQ(DRIVER_STOPPED, driver.sendFrameworkMessage("x"));
}

TEST_F(ExecutorDriverTest, AbortThenStop) {
  RecordingExecutor executor;
  MesosExecutorDriver driver(&executor, environment());
  registerExecutor(&driver, &executor);

  EXPECT_EQ(DRIVER_ABORTED, driver.abort());
  EXPECT_EQ(DRIVER_ABORTED, driver.join());
  EXPECT_EQ(DRIVER_ABORTED, driver.sendStatusUpdate(TaskStatus()));
  EXPECT_EQ(DRIVER_ABORTED, driver.stop());
  EXPECT_EQ(DRIVER_STOPPED, driver.join());
}

TEST_F(ExecutorDriverTest, RunReturnsWhenStopped) {
  RecordingExecutor executor;
  MesosExecutorDriver driver(&executor, environment());

  Status result = DRIVER_NOT_STARTED;
  std::thread runner([&]() { result = driver.run(); });

  Future<Received<internal::RegisterExecutorMessage>> registration =
      agent->registrations.get();
  AWAIT_READY(registration);
  EXPECT_EQ(DRIVER_STOPPED, driver.stop());
  runner.join();
  EXPECT_EQ(DRIVER_STOPPED, result);
}

TEST_F(ExecutorDriverTest, Callbacks) {
  RecordingExecutor executor;
  MesosExecutorDriver driver(&executor, environment());
  const UPID pid = registerExecutor(&driver, &executor);
  ASSERT_TRUE(pid);

  agent->post(pid, runTask("task-1"));
  Future<TaskInfo> launched = executor.launchedQ.get();
  AWAIT_READY(launched);
  EXPECT_EQ("task-1", launched->task_id().value());

  internal::KillTaskMessage kill;
  kill.mutable_framework_id()->set_value("framework-1");
  kill.mutable_task_id()->set_value("task-1");
  agent->post(pid, kill);
  Future<TaskID> killed = executor.killedQ.get();
  AWAIT_READY(killed);
  EXPECT_EQ("task-1", killed->value());

  agent->post(pid, toExecutor("hello executor"));
  AWAIT_EXPECT_EQ(string("hello executor"), executor.messageQ.get());

  EXPECT_EQ(DRIVER_RUNNING, driver.sendFrameworkMessage("hello scheduler"));
  Future<Received<internal::ExecutorToFrameworkMessage>> toFramework =
      agent->messages.get();
  AWAIT_READY(toFramework);
  EXPECT_EQ("hello scheduler", toFramework->message.data());
  EXPECT_EQ("executor-1", toFramework->message.executor_id().value());
  EXPECT_EQ("agent-1", toFramework->message.slave_id().value());
  EXPECT_EQ("framework-1", toFramework->message.framework_id().value());

  agent->post(pid, internal::ShutdownExecutorMessage());
  AWAIT_READY(executor.shutdownQ.get());
  EXPECT_EQ(DRIVER_STOPPED, driver.join());
  EXPECT_FALSE(executor.onCallerThread);
}

TEST_F(ExecutorDriverTest, StatusUpdateRetriedUntilAcknowledged) {
  RecordingExecutor executor;
  MesosExecutorDriver driver(&executor, environment());
  const UPID pid = registerExecutor(&driver, &executor);
  ASSERT_TRUE(pid);

  Clock::pause();

  TaskStatus status;
  status.mutable_task_id()->set_value("task-1");
  status.set_state(TASK_RUNNING);
  status.set_message("running");
  EXPECT_EQ(DRIVER_RUNNING, driver.sendStatusUpdate(status));

  Future<Received<internal::StatusUpdateMessage>> first = agent->updates.get();
  AWAIT_READY(first);
  const internal::StatusUpdate& update = first->message.update();
  EXPECT_EQ(string(pid), first->message.pid());
  EXPECT_EQ(pid, first->from);
  EXPECT_EQ(16u, update.uuid().size());
  EXPECT_EQ(update.uuid(), update.status().uuid());
  EXPECT_EQ("framework-1", update.framework_id().value());
  EXPECT_EQ("executor-1", update.executor_id().value());
  EXPECT_EQ("agent-1", update.slave_id().value());
  EXPECT_EQ("agent-1", update.status().slave_id().value());
  EXPECT_EQ(TaskStatus::SOURCE_EXECUTOR, update.status().source());
  EXPECT_EQ(TASK_RUNNING, update.status().state());
  EXPECT_EQ("running", update.status().message());

  // Not acknowledged: sent again, with the same uuid.
  Clock::settle();
  Clock::advance(Seconds(10));
  Future<Received<internal::StatusUpdateMessage>> retry = agent->updates.get();
  AWAIT_READY(retry);
  EXPECT_EQ(update.uuid(), retry->message.update().uuid());

  agent->acknowledge(pid, update);
  Clock::settle();
  Clock::advance(Seconds(30));
  Clock::settle();
  EXPECT_EQ(0u, agent->updates.size());

  EXPECT_EQ(DRIVER_STOPPED, driver.stop());
}

TEST_F(ExecutorDriverTest, TaskStagingIsRefused) {
  RecordingExecutor executor;
  MesosExecutorDriver driver(&executor, environment());
  ASSERT_TRUE(registerExecutor(&driver, &executor));

  TaskStatus status;
  status.mutable_task_id()->set_value("task-1");
  status.set_state(TASK_STAGING);
  EXPECT_EQ(DRIVER_RUNNING, driver.sendStatusUpdate(status));

  Future<string> error = executor.errorQ.get();
  AWAIT_READY(error);
  EXPECT_EQ("Attempted to send TASK_STAGING status update", error.get());
  EXPECT_EQ(DRIVER_ABORTED, driver.join());
  EXPECT_EQ(0u, agent->updates.size());
}

TEST_F(ExecutorDriverTest, AgentExitShutsDownWithoutCheckpointing) {
  RecordingExecutor executor;
  MesosExecutorDriver driver(&executor, environment());
  ASSERT_TRUE(registerExecutor(&driver, &executor));

  process::terminate(agent);
  process::wait(agent);

  AWAIT_READY(executor.shutdownQ.get());
  EXPECT_EQ(0u, executor.disconnectedQ.size());
  EXPECT_EQ(DRIVER_STOPPED, driver.join());
}

TEST_F(ExecutorDriverTest, ReregistersWithRestartedAgent) {
  RecordingExecutor executor;
  MesosExecutorDriver driver(&executor, environment(true));
  const UPID pid = registerExecutor(&driver, &executor);
  ASSERT_TRUE(pid);

  // One task with an unacknowledged update, one fully acknowledged.
  agent->post(pid, runTask("task-1"));
  AWAIT_READY(executor.launchedQ.get());
  agent->post(pid, runTask("task-2"));
  AWAIT_READY(executor.launchedQ.get());

  TaskStatus status;
  status.mutable_task_id()->set_value("task-2");
  status.set_state(TASK_RUNNING);
  driver.sendStatusUpdate(status);
  Future<Received<internal::StatusUpdateMessage>> acked = agent->updates.get();
  AWAIT_READY(acked);
  agent->acknowledge(pid, acked->message.update());

  status.mutable_task_id()->set_value("task-1");
  driver.sendStatusUpdate(status);
  Future<Received<internal::StatusUpdateMessage>> pending =
      agent->updates.get();
  AWAIT_READY(pending);

  // The agent "restarts": the old process goes, a new one reconnects.
  process::terminate(agent);
  process::wait(agent);
  delete agent;
  AWAIT_READY(executor.disconnectedQ.get());

  agent = new FakeAgent();
  process::spawn(agent);
  internal::ReconnectExecutorMessage reconnect;
  reconnect.mutable_slave_id()->set_value("agent-1");
  agent->post(pid, reconnect);

  Future<Received<internal::ReregisterExecutorMessage>> reregistration =
      agent->reregistrations.get();
  AWAIT_READY(reregistration);
  const internal::ReregisterExecutorMessage& message = reregistration->message;
  EXPECT_EQ("executor-1", message.executor_id().value());
  EXPECT_EQ("framework-1", message.framework_id().value());
  ASSERT_EQ(1, message.tasks_size());
  EXPECT_EQ("task-1", message.tasks(0).task_id().value());
  ASSERT_EQ(1, message.updates_size());
  EXPECT_EQ(pending->message.update().uuid(), message.updates(0).uuid());

  internal::ExecutorReregisteredMessage reregistered;
  reregistered.mutable_slave_id()->set_value("agent-1");
  reregistered.mutable_slave_info()->set_hostname("restarted");
  agent->post(pid, reregistered);
  Future<SlaveInfo> info = executor.reregisteredQ.get();
  AWAIT_READY(info);
  EXPECT_EQ("restarted", info->hostname());

  // Later messages go to the new agent.
  driver.sendFrameworkMessage("after restart");
  AWAIT_READY(agent->messages.get());

  EXPECT_EQ(DRIVER_STOPPED, driver.stop());
  EXPECT_EQ(0u, executor.shutdownQ.size());
}

TEST_F(ExecutorDriverTest, RecoveryTimeoutShutsDown) {
  RecordingExecutor executor;
  MesosExecutorDriver driver(&executor, environment(true));
  ASSERT_TRUE(registerExecutor(&driver, &executor));

  Clock::pause();
  process::terminate(agent);
  process::wait(agent);
  AWAIT_READY(executor.disconnectedQ.get());

  Clock::settle();
  Clock::advance(Seconds(59));
  Clock::settle();
  EXPECT_EQ(0u, executor.shutdownQ.size());

  Clock::advance(Seconds(1));
  AWAIT_READY(executor.shutdownQ.get());
  EXPECT_EQ(DRIVER_STOPPED, driver.join());
}

TEST_F(ExecutorDriverTest, AbortedDriverMakesNoCallbacks) {
  RecordingExecutor executor;
  MesosExecutorDriver driver(&executor, environment());
  const UPID pid = registerExecutor(&driver, &executor);
  ASSERT_TRUE(pid);

  EXPECT_EQ(DRIVER_ABORTED, driver.abort());
  agent->post(pid, internal::ShutdownExecutorMessage());
  agent->post(pid, toExecutor("late"));

  // A message sent after those is handled by the fake agent only once the
  // executor's process handled (and dropped) them.
  EXPECT_EQ(DRIVER_ABORTED, driver.join());
  Clock::pause();
  Clock::settle();
  EXPECT_EQ(0u, executor.shutdownQ.size());
  EXPECT_EQ(0u, executor.messageQ.size());
}

// The example executor, built from the public headers only, as a child
// process: registers, runs a task to TASK_FINISHED, and exits on shutdown.
TEST_F(ExecutorDriverTest, PublicApiExecutor) {
  Try<string> directory = os::mkdtemp("/tmp/public-api-executor-XXXXXX");
  ASSERT_TRUE(directory.isSome());

  std::map<string, string> env = environment();
  env.erase("MESOS_LOCAL");
  env["MESOS_DIRECTORY"] = directory.get();

  // In its own session, as an agent starts executors: a shutdown may kill
  // the executor's process group.
  auto child = std::make_unique<ChildProgram>();
  Try<Nothing> started = child->start(PUBLIC_API_EXECUTOR, {"test-executor"},
                                      directory.get(), env, true);
  ASSERT_TRUE(started.isSome()) << started.error();

  Future<Received<internal::RegisterExecutorMessage>> registration =
      agent->registrations.get();
  AWAIT_READY_FOR(registration, Seconds(30));
  const UPID pid = registration->from;
  agent->registered(pid, "executor-1", "x");

  agent->post(pid, runTask("task-1"));

  for (TaskState expected : {TASK_RUNNING, TASK_FINISHED}) {
    Future<Received<internal::StatusUpdateMessage>> update =
        agent->updates.get();
    AWAIT_READY_FOR(update, Seconds(30));
    EXPECT_EQ(expected, update->message.update().status().state());
    agent->acknowledge(pid, update->message.update());
  }

  agent->post(pid, internal::ShutdownExecutorMessage());
  Option<int> status = child->exitStatus();
  ASSERT_TRUE(status.isSome());
  EXPECT_TRUE(WIFEXITED(status.get()) && WEXITSTATUS(status.get()) == 0)
      << child->stderrText();
  child.reset();
  EXPECT_TRUE(os::rmdir(directory.get()).isSome());
}

}  // namespace
}  // namespace tests
}  // namespace mesos
