// mesos-executor: the command executor. The agent starts it for a task
// that has a CommandInfo and no ExecutorInfo; it registers through
// MesosExecutorDriver, runs the one task as a child in its own process
// group and reports TASK_STARTING, TASK_RUNNING and a terminal state.
//
//   shell command     /bin/sh -c <value>
//   otherwise         <value> with <arguments> (argv), PATH searched
//
// Exit 0 -> TASK_FINISHED; any other end -> TASK_FAILED with the wait
// status in the message ("Command exited with status 3"). A kill sends
// TASK_KILLING (if the framework has TASK_KILLING_STATE), SIGTERM to the
// task's process group, and SIGKILL after the grace period (the task's
// KillPolicy, else 3 seconds); the end is then TASK_KILLED. A shutdown
// kills the task the same way within the executor shutdown grace period.
// The program exits once its terminal update is acknowledged.

#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <glog/logging.h>

#include <mesos/executor.hpp>
#include <mesos/mesos.hpp>

#include <process/clock.hpp>
#include <process/defer.hpp>
#include <process/delay.hpp>
#include <process/dispatch.hpp>
#include <process/id.hpp>
#include <process/process.hpp>
#include <process/subprocess.hpp>
#include <process/time.hpp>
#include <process/timer.hpp>

#include <stout/duration.hpp>
#include <stout/flags.hpp>
#include <stout/option.hpp>
#include <stout/os.hpp>
#include <stout/stringify.hpp>

#include "common/command_line.hpp"
#include "common/protobuf_utils.hpp"
#include "exec/executor_process.hpp"

using process::Clock;
using process::Future;
using process::Subprocess;

using std::string;
using std::vector;

namespace mesos {
namespace internal {

namespace {

// Mesos's default kill grace period of the command executor.
const Duration DEFAULT_KILL_GRACE_PERIOD = Seconds(3);

// Time kept back from the shutdown grace period, so that the forced kill
// and the terminal update happen before the agent destroys the container.
const Duration SHUTDOWN_MARGIN = Seconds(2);

// How long to wait for the acknowledgement of the terminal update before
// exiting anyway.
const Duration ACKNOWLEDGEMENT_TIMEOUT = Seconds(60);

// "exited with status N" / "terminated with signal <name>".
string describeWaitStatus(int status) {
  if (WIFEXITED(status))
    return "exited with status " + stringify(WEXITSTATUS(status));
  if (WIFSIGNALED(status))
    return "terminated with signal " + string(::strsignal(WTERMSIG(status)));
  return "ended with wait status " + stringify(status);
}

}  // namespace

class CommandExecutorProcess : public process::Process<CommandExecutorProcess> {
 public:
  CommandExecutorProcess(const Duration& shutdownGracePeriod)
      : ProcessBase(process::ID::generate("command-executor")),
        shutdownGracePeriod_(shutdownGracePeriod) {}

  void setDriver(ExecutorDriver* driver) { driver_ = driver; }

  void registered(const FrameworkInfo& framework) { framework_ = framework; }

  void launch(const TaskInfo& task) {
    if (launched_) {
      update(task.task_id(), TASK_FAILED,
             string("Attempted to run multiple tasks using a \"command\" "
                    "executor"));
      return;
    }
    launched_ = true;
    taskId_ = task.task_id();
    if (task.has_kill_policy())
      killPolicy_ = task.kill_policy();

    update(taskId_.get(), TASK_STARTING);

    if (!task.has_command() || !task.command().has_value()) {
      fail("Task '" + task.task_id().value() + "' has no command to run");
      return;
    }
    const CommandInfo& command = task.command();

    // The task sees the executor's environment (which the agent built)
    // with the command's own variables on top.
    std::map<string, string> environment = os::environment();
    for (const Environment::Variable& variable :
         command.environment().variables()) {
      if (variable.type() == Environment::Variable::SECRET)
        continue;
      environment[variable.name()] = variable.value();
    }
    if (task.resources_size() > 0 && task.resources(0).has_allocation_info() &&
        task.resources(0).allocation_info().has_role()) {
      environment["MESOS_ALLOCATION_ROLE"] =
          task.resources(0).allocation_info().role();
    }

    const CommandLine line = commandLine(command);
    LOG(INFO) << "Starting task " << taskId_->value();
    Try<Subprocess> child = process::subprocess(
        line.path, line.argv, Subprocess::FD(STDIN_FILENO),
        Subprocess::FD(STDOUT_FILENO), Subprocess::FD(STDERR_FILENO), nullptr,
        environment, None(), {}, {Subprocess::ChildHook::SETSID()});
    if (child.isError()) {
      fail("Failed to launch the command: " + child.error());
      return;
    }

    pid_ = child->pid();
    LOG(INFO) << "Forked command at " << pid_.get();
    child->status().onAny(process::defer(
        self(), &CommandExecutorProcess::reaped, std::placeholders::_1));

    update(taskId_.get(), TASK_RUNNING);
  }

  void kill(const TaskID& taskId) {
    if (taskId_.isNone() || taskId.value() != taskId_->value()) {
      LOG(WARNING) << "Ignoring kill of unknown task " << taskId.value();
      if (taskId_.isNone())
        finish();
      return;
    }
    Duration grace = DEFAULT_KILL_GRACE_PERIOD;
    if (killPolicy_.isSome() && killPolicy_->has_grace_period())
      grace = Nanoseconds(killPolicy_->grace_period().nanoseconds());
    LOG(INFO) << "Received kill for task " << taskId.value()
              << " with grace period of " << grace;
    killTask(grace);
  }

  void shutdown() {
    LOG(INFO) << "Shutting down";
    shuttingDown_ = true;
    if (pid_.isSome() && !terminated_) {
      Duration grace = shutdownGracePeriod_ - SHUTDOWN_MARGIN;
      if (grace < Duration::zero())
        grace = Duration::zero();
      killTask(grace);
    } else if (!terminated_) {
      finish();
    }
  }

 private:
  void killTask(const Duration& grace) {
    if (terminated_ || pid_.isNone())
      return;

    if (killed_) {
      // A repeated kill may only shorten the remaining grace period.
      const process::Time deadline = killStart_ + grace;
      if (deadline >= escalation_.timeout())
        return;
      Clock::cancel(escalation_);
      const Duration remaining = deadline - Clock::now();
      escalation_ = process::delay(
          remaining > Duration::zero() ? remaining : Duration::zero(), self(),
          &CommandExecutorProcess::escalate);
      return;
    }

    killed_ = true;
    if (framework_.isSome() &&
        protobuf::frameworkHasCapability(
            framework_.get(), FrameworkInfo::Capability::TASK_KILLING_STATE)) {
      update(taskId_.get(), TASK_KILLING);
    }

    LOG(INFO) << "Sending SIGTERM to process group " << pid_.get();
    if (::killpg(pid_.get(), SIGTERM) != 0)
      ::kill(pid_.get(), SIGTERM);

    killStart_ = Clock::now();
    escalation_ =
        process::delay(grace, self(), &CommandExecutorProcess::escalate);
  }

  void escalate() {
    if (terminated_ || pid_.isNone())
      return;
    LOG(INFO) << "Process " << pid_.get() << " did not terminate in time; "
              << "sending SIGKILL to its process group";
    if (::killpg(pid_.get(), SIGKILL) != 0)
      ::kill(pid_.get(), SIGKILL);
  }

  void reaped(const Future<Option<int>>& status) {
    terminated_ = true;
    Clock::cancel(escalation_);

    TaskState state;
    string message;
    if (!status.isReady() || status->isNone()) {
      state = TASK_FAILED;
      message = "Failed to get exit status for Command";
    } else {
      const int wstatus = status->get();
      if (killed_)
        state = TASK_KILLED;
      else if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0)
        state = TASK_FINISHED;
      else
        state = TASK_FAILED;
      message = "Command " + describeWaitStatus(wstatus);
    }

    LOG(INFO) << message << " (pid: " << pid_.get() << ")";

    // Signal the rest of the group too: nothing of the task may outlive
    // it.
    ::killpg(pid_.get(), SIGKILL);

    update(taskId_.get(), state, message);
    finish();
  }

  // Sends TASK_FAILED for a task that could not be started.
  void fail(const string& message) {
    LOG(ERROR) << message;
    terminated_ = true;
    update(taskId_.get(), TASK_FAILED, message);
    finish();
  }

  // Stops the driver once every update is acknowledged (or, after a
  // shutdown, when no acknowledgement can come any more, after a moment
  // for the last update to leave).
  void finish() {
    if (finishing_)
      return;
    finishing_ = true;

    auto* driver = dynamic_cast<MesosExecutorDriver*>(driver_);
    if (shuttingDown_ || driver == nullptr) {
      process::delay(Seconds(1), self(), &CommandExecutorProcess::stop);
      return;
    }
    ExecutorProcess::waitForAcknowledgements(driver).onAny(
        process::defer(self(), &CommandExecutorProcess::stop));
    process::delay(ACKNOWLEDGEMENT_TIMEOUT, self(),
                   &CommandExecutorProcess::stop);
  }

  void stop() {
    if (stopped_)
      return;
    stopped_ = true;
    LOG(INFO) << "Stopping the executor";
    driver_->stop();
  }

  void update(const TaskID& taskId, const TaskState& state,
              const Option<string>& message = None()) {
    TaskStatus status;
    *status.mutable_task_id() = taskId;
    status.set_state(state);
    status.set_source(TaskStatus::SOURCE_EXECUTOR);
    if (message.isSome())
      status.set_message(message.get());
    driver_->sendStatusUpdate(status);
  }

  const Duration shutdownGracePeriod_;
  ExecutorDriver* driver_ = nullptr;
  Option<FrameworkInfo> framework_;
  Option<TaskID> taskId_;
  Option<KillPolicy> killPolicy_;
  Option<pid_t> pid_;
  bool launched_ = false;
  bool killed_ = false;
  bool terminated_ = false;
  bool shuttingDown_ = false;
  bool finishing_ = false;
  bool stopped_ = false;
  process::Time killStart_;
  process::Timer escalation_;
};

// The Executor callbacks, forwarded to the process that owns the task.
class CommandExecutor : public Executor {
 public:
  explicit CommandExecutor(CommandExecutorProcess* process)
      : process_(process) {}

  void registered(ExecutorDriver* driver, const ExecutorInfo&,
                  const FrameworkInfo& framework, const SlaveInfo&) override {
    process::dispatch(process_, &CommandExecutorProcess::registered, framework);
  }
  void reregistered(ExecutorDriver*, const SlaveInfo&) override {}
  void disconnected(ExecutorDriver*) override {}
  void launchTask(ExecutorDriver*, const TaskInfo& task) override {
    process::dispatch(process_, &CommandExecutorProcess::launch, task);
  }
  void killTask(ExecutorDriver*, const TaskID& taskId) override {
    process::dispatch(process_, &CommandExecutorProcess::kill, taskId);
  }
  void frameworkMessage(ExecutorDriver*, const string&) override {}
  void shutdown(ExecutorDriver*) override {
    process::dispatch(process_, &CommandExecutorProcess::shutdown);
  }
  void error(ExecutorDriver*, const string& message) override {
    LOG(ERROR) << "Executor driver error: " << message;
  }

 private:
  CommandExecutorProcess* process_;
};

// Flags the agent may pass (Mesos's names); only launcher_dir is used.
class Flags : public virtual flags::FlagsBase {
 public:
  Flags() {
    add(&Flags::launcher_dir, "launcher_dir",
        "Directory of the Mesos helper programs.");
    add(&Flags::sandbox_directory, "sandbox_directory",
        "Path of the sandbox inside the container (unused).");
    add(&Flags::working_directory, "working_directory",
        "Working directory of the task inside the container (unused).");
    add(&Flags::user, "user", "User to run the task as (unused).");
  }

  Option<string> launcher_dir;
  Option<string> sandbox_directory;
  Option<string> working_directory;
  Option<string> user;
};

}  // namespace internal
}  // namespace mesos

int main(int argc, char** argv) {
  google::InitGoogleLogging(argv[0]);
  FLAGS_logtostderr = true;

  mesos::internal::Flags flags;
  Try<flags::Warnings> load = flags.load(None(), argc, argv, true);
  if (flags.help) {
    std::cout << flags.usage() << std::endl;
    return EXIT_SUCCESS;
  }
  if (load.isError()) {
    std::cerr << flags.usage(load.error()) << std::endl;
    return EXIT_FAILURE;
  }

  Duration shutdownGracePeriod =
      mesos::internal::DEFAULT_EXECUTOR_SHUTDOWN_GRACE_PERIOD;
  Option<string> grace = os::getenv("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD");
  if (grace.isSome()) {
    Try<Duration> parsed = Duration::parse(grace.get());
    if (parsed.isError()) {
      std::cerr << "Failed to parse value '" << grace.get()
                << "' of 'MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD': "
                << parsed.error() << std::endl;
      return EXIT_FAILURE;
    }
    shutdownGracePeriod = parsed.get();
  }

  process::initialize();

  mesos::internal::CommandExecutorProcess process(shutdownGracePeriod);
  mesos::internal::CommandExecutor executor(&process);
  mesos::MesosExecutorDriver driver(&executor);
  process.setDriver(&driver);
  process::spawn(process);

  const mesos::Status status = driver.run();

  process::terminate(process);
  process::wait(process);
  return status == mesos::DRIVER_STOPPED ? EXIT_SUCCESS : EXIT_FAILURE;
}
