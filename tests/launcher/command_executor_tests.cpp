// The command executor (mesos-executor) end to end: the real program runs
// as a child process and registers with a fake agent process of this test
// over real sockets; the fake agent launches and kills tasks and
// acknowledges the executor's status updates.

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <mesos/mesos.hpp>

#include <process/gtest.hpp>
#include <process/io.hpp>
#include <process/subprocess.hpp>

#include <stout/os.hpp>
#include <stout/path.hpp>

#include "driver/driver_test_kit.hpp"
#include "exec/fake_agent.hpp"

using process::Future;
using process::UPID;

using std::string;
using std::vector;

namespace mesos {
namespace tests {
namespace {

const Duration TIMEOUT = Seconds(30);

class CommandExecutorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Try<string> dir = os::mkdtemp("/tmp/command-executor-test-XXXXXX");
    ASSERT_TRUE(dir.isSome());
    sandbox = dir.get();
    agent = new FakeAgent();
    process::spawn(agent);
  }

  void TearDown() override {
    executor.reset();
    process::terminate(agent);
    process::wait(agent);
    delete agent;
    EXPECT_TRUE(os::rmdir(sandbox).isSome());
  }

  // Starts mesos-executor (in its own session, as an agent would) and
  // waits for its registration; returns its pid.
  UPID startExecutor(const string& gracePeriod = "5secs") {
    executor = std::make_unique<ChildProgram>();
    Try<Nothing> started =
        executor->start(MESOS_EXECUTOR, {"mesos-executor"}, sandbox,
                        {{"MESOS_SLAVE_PID", string(agent->self())},
                         {"MESOS_SLAVE_ID", "agent-1"},
                         {"MESOS_FRAMEWORK_ID", "framework-1"},
                         {"MESOS_EXECUTOR_ID", "task-1"},
                         {"MESOS_DIRECTORY", sandbox},
                         {"MESOS_SANDBOX", sandbox},
                         {"MESOS_CHECKPOINT", "0"},
                         {"MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", gracePeriod}},
                        true);
    EXPECT_TRUE(started.isSome()) << (started.isError() ? started.error() : "");
    if (started.isError())
      return UPID();

    Future<Received<internal::RegisterExecutorMessage>> registration =
        agent->registrations.get();
    EXPECT_TRUE(registration.await(TIMEOUT)) << stderrText();
    if (!registration.isReady())
      return UPID();
    EXPECT_EQ("task-1", registration->message.executor_id().value());
    return registration->from;
  }

  void registerAndRun(const UPID& pid, const TaskInfo& task,
                      bool killingCapability = false) {
    FrameworkInfo framework;
    framework.set_name("framework");
    framework.set_user("user");
    framework.mutable_id()->set_value("framework-1");
    if (killingCapability) {
      framework.add_capabilities()->set_type(
          FrameworkInfo::Capability::TASK_KILLING_STATE);
    }

    agent->registered(pid, "task-1", MESOS_EXECUTOR, framework);

    internal::RunTaskMessage run;
    *run.mutable_framework() = framework;
    *run.mutable_task() = task;
    agent->post(pid, run);
  }

  // The next status update, acknowledged as the agent would.
  TaskStatus nextUpdate(const UPID& pid, bool acknowledge = true) {
    Future<Received<internal::StatusUpdateMessage>> update =
        agent->updates.get();
    EXPECT_TRUE(update.await(TIMEOUT)) << stderrText();
    if (!update.isReady())
      return TaskStatus();
    if (acknowledge)
      agent->acknowledge(pid, update->message.update());
    EXPECT_EQ("task-1", update->message.update().executor_id().value());
    EXPECT_EQ(TaskStatus::SOURCE_EXECUTOR,
              update->message.update().status().source());
    return update->message.update().status();
  }

  // The executor's wait status once it exited.
  Option<int> exitStatus() { return executor->exitStatus(TIMEOUT); }

  string stderrText() { return executor->stderrText(); }

  static TaskInfo shellTask(const string& command) {
    TaskInfo task;
    task.set_name("task");
    task.mutable_task_id()->set_value("task-1");
    task.mutable_slave_id()->set_value("agent-1");
    task.mutable_command()->set_value(command);
    return task;
  }

  string sandbox;
  FakeAgent* agent = nullptr;
  std::unique_ptr<ChildProgram> executor;
};

TEST_F(CommandExecutorTest, TaskFinishes) {
  const UPID pid = startExecutor();
  ASSERT_TRUE(pid);
  registerAndRun(pid, shellTask("echo out-$MESOS_EXECUTOR_ID; exit 0"));

  EXPECT_EQ(TASK_STARTING, nextUpdate(pid).state());
  EXPECT_EQ(TASK_RUNNING, nextUpdate(pid).state());
  TaskStatus finished = nextUpdate(pid);
  EXPECT_EQ(TASK_FINISHED, finished.state());
  EXPECT_EQ("Command exited with status 0", finished.message());

  // Exits (successfully) once the terminal update is acknowledged.
  Option<int> status = exitStatus();
  ASSERT_TRUE((status).isSome());
  EXPECT_TRUE(WIFEXITED(status.get()) && WEXITSTATUS(status.get()) == 0)
      << stderrText();

  Try<string> out = os::read(path::join(sandbox, "stdout"));
  ASSERT_TRUE(out.isSome());
  EXPECT_NE(string::npos, out->find("out-task-1"));
}

TEST_F(CommandExecutorTest, TaskFailsWithExitStatus) {
  const UPID pid = startExecutor();
  ASSERT_TRUE(pid);
  registerAndRun(pid, shellTask("exit 3"));

  EXPECT_EQ(TASK_STARTING, nextUpdate(pid).state());
  EXPECT_EQ(TASK_RUNNING, nextUpdate(pid).state());
  TaskStatus failed = nextUpdate(pid);
  EXPECT_EQ(TASK_FAILED, failed.state());
  EXPECT_EQ("Command exited with status 3", failed.message());
  ASSERT_TRUE((exitStatus()).isSome());
}

TEST_F(CommandExecutorTest, ArgvCommandWithEnvironment) {
  const UPID pid = startExecutor();
  ASSERT_TRUE(pid);

  TaskInfo task = shellTask("sh");
  task.mutable_command()->set_shell(false);
  task.mutable_command()->add_arguments("sh");
  task.mutable_command()->add_arguments("-c");
  task.mutable_command()->add_arguments("test \"$GREETING\" = hello");
  Environment::Variable* variable =
      task.mutable_command()->mutable_environment()->add_variables();
  variable->set_name("GREETING");
  variable->set_value("hello");
  registerAndRun(pid, task);

  EXPECT_EQ(TASK_STARTING, nextUpdate(pid).state());
  EXPECT_EQ(TASK_RUNNING, nextUpdate(pid).state());
  EXPECT_EQ(TASK_FINISHED, nextUpdate(pid).state());
  ASSERT_TRUE((exitStatus()).isSome());
}

TEST_F(CommandExecutorTest, MissingProgramFails) {
  const UPID pid = startExecutor();
  ASSERT_TRUE(pid);
  TaskInfo task = shellTask("/no/such/program");
  task.mutable_command()->set_shell(false);
  registerAndRun(pid, task);

  EXPECT_EQ(TASK_STARTING, nextUpdate(pid).state());
  TaskStatus failed = nextUpdate(pid);
  EXPECT_EQ(TASK_FAILED, failed.state());
  EXPECT_NE(string::npos, failed.message().find("/no/such/program"));
  ASSERT_TRUE((exitStatus()).isSome());
}

TEST_F(CommandExecutorTest, KillSendsKillingThenKilled) {
  const UPID pid = startExecutor();
  ASSERT_TRUE(pid);
  registerAndRun(pid, shellTask("exec sleep 1000"), true);

  EXPECT_EQ(TASK_STARTING, nextUpdate(pid).state());
  EXPECT_EQ(TASK_RUNNING, nextUpdate(pid).state());

  internal::KillTaskMessage kill;
  kill.mutable_framework_id()->set_value("framework-1");
  kill.mutable_task_id()->set_value("task-1");
  agent->post(pid, kill);

  EXPECT_EQ(TASK_KILLING, nextUpdate(pid).state());
  TaskStatus killed = nextUpdate(pid);
  EXPECT_EQ(TASK_KILLED, killed.state());
  EXPECT_EQ("Command terminated with signal Terminated", killed.message());
  ASSERT_TRUE((exitStatus()).isSome());
}

TEST_F(CommandExecutorTest, KillEscalatesAfterGracePeriod) {
  // The task ignores SIGTERM (and so do its children); it tells the test
  // through a FIFO once that is in place.
  const string fifo = path::join(sandbox, "ready");
  ASSERT_EQ(0, ::mkfifo(fifo.c_str(), 0600));
  const int readFd = ::open(fifo.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
  ASSERT_GE(readFd, 0);

  const UPID pid = startExecutor();
  ASSERT_TRUE(pid);
  TaskInfo task = shellTask("trap '' TERM; echo ready > " + fifo +
                            "; while true; do sleep 1; done");
  task.mutable_kill_policy()->mutable_grace_period()->set_nanoseconds(
      Milliseconds(200).ns());
  registerAndRun(pid, task);

  EXPECT_EQ(TASK_STARTING, nextUpdate(pid).state());
  EXPECT_EQ(TASK_RUNNING, nextUpdate(pid).state());

  char buffer[16];
  Future<size_t> ready = process::io::read(readFd, buffer, sizeof(buffer));
  AWAIT_READY_FOR(ready, TIMEOUT);

  internal::KillTaskMessage kill;
  kill.mutable_framework_id()->set_value("framework-1");
  kill.mutable_task_id()->set_value("task-1");
  agent->post(pid, kill);

  // No TASK_KILLING: the framework lacks the capability.
  TaskStatus killed = nextUpdate(pid);
  EXPECT_EQ(TASK_KILLED, killed.state());
  EXPECT_EQ("Command terminated with signal Killed", killed.message());
  ASSERT_TRUE((exitStatus()).isSome());
  ::close(readFd);
}

TEST_F(CommandExecutorTest, ShutdownKillsTheTask) {
  const UPID pid = startExecutor("4secs");
  ASSERT_TRUE(pid);
  registerAndRun(pid, shellTask("exec sleep 1000"));

  EXPECT_EQ(TASK_STARTING, nextUpdate(pid).state());
  EXPECT_EQ(TASK_RUNNING, nextUpdate(pid).state());

  agent->post(pid, internal::ShutdownExecutorMessage());

  EXPECT_EQ(TASK_KILLED, nextUpdate(pid, false).state());
  Option<int> status = exitStatus();
  ASSERT_TRUE((status).isSome());
  EXPECT_TRUE(WIFEXITED(status.get()) && WEXITSTATUS(status.get()) == 0)
      << stderrText();
}

TEST_F(CommandExecutorTest, SecondTaskIsRefused) {
  const UPID pid = startExecutor();
  ASSERT_TRUE(pid);
  registerAndRun(pid, shellTask("exec sleep 1000"));
  EXPECT_EQ(TASK_STARTING, nextUpdate(pid).state());
  EXPECT_EQ(TASK_RUNNING, nextUpdate(pid).state());

  internal::RunTaskMessage run;
  run.mutable_framework()->set_name("framework");
  run.mutable_framework()->set_user("user");
  *run.mutable_task() = shellTask("true");
  run.mutable_task()->mutable_task_id()->set_value("task-2");
  agent->post(pid, run);
  TaskStatus refused = nextUpdate(pid);
  EXPECT_EQ("task-2", refused.task_id().value());
  EXPECT_EQ(TASK_FAILED, refused.state());

  agent->post(pid, internal::ShutdownExecutorMessage());
  EXPECT_EQ(TASK_KILLED, nextUpdate(pid, false).state());
  ASSERT_TRUE((exitStatus()).isSome());
}

}  // namespace
}  // namespace tests
}  // namespace mesos
