// mesos-execute: runs a shell command as one or more Mesos tasks through
// the scheduler driver, prints each task's state transitions, and exits 0
// once every task finished (non-zero if any ended otherwise, or the
// framework failed).
//
//   mesos-execute --master=127.0.0.1:5050 --name=hello --command='echo hi'
//       [--resources=cpus:1;mem:128] [--count=N] [--env='{"K":"V"}']
//       [--framework_name=...] [--checkpoint] [--kill_after=10secs]

#include <iostream>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <glog/logging.h>

#include <mesos/resources.hpp>
#include <mesos/scheduler.hpp>

#include <stout/duration.hpp>
#include <stout/flags.hpp>
#include <stout/json.hpp>
#include <stout/option.hpp>
#include <stout/os.hpp>
#include <stout/strings.hpp>

#include <process/delay.hpp>
#include <process/dispatch.hpp>
#include <process/process.hpp>
#include <process/timer.hpp>

#include "common/protobuf_utils.hpp"

using std::cerr;
using std::cout;
using std::endl;
using std::string;
using std::vector;

namespace mesos {
namespace internal {

class Flags : public virtual flags::FlagsBase {
 public:
  Flags() {
    add(&Flags::master, "master", "Mesos master (e.g., IP:PORT).");
    add(&Flags::name, "name", "Name for the command (and task ids).");
    add(&Flags::command, "command", "Command to launch.");
    add(&Flags::shell, "shell",
        "Run the command with /bin/sh -c (otherwise it is an executable).",
        true);
    add(&Flags::environment, "env",
        "Environment variables of the command as a JSON object\n"
        "({\"name1\": \"value1\"}), or file:///path of a file holding one.");
    add(&Flags::resources, "resources", "Resources of each task.",
        "cpus:1;mem:128");
    add(&Flags::framework_name, "framework_name", "Name of the framework.",
        "mesos-execute instance");
    add(&Flags::checkpoint, "checkpoint",
        "Enable checkpointing for the framework.", false);
    add(&Flags::role, "role", "Role to use when registering.", "*");
    add(&Flags::count, "count", "Number of tasks to run.", 1);
    add(&Flags::kill_after, "kill_after",
        "Kill the tasks after this delay (e.g., 10secs).");
  }

  Option<string> master;
  Option<string> name;
  Option<string> command;
  bool shell;
  Option<string> environment;
  string resources;
  string framework_name;
  bool checkpoint;
  string role;
  int count;
  Option<Duration> kill_after;
};

// Parses --env: a JSON object of strings, inline or in a file.
Try<Environment> parseEnvironment(const string& value) {
  string text = value;
  if (strings::startsWith(value, "file://")) {
    Try<string> read = os::read(value.substr(7));
    if (read.isError())
      return Error(read.error());
    text = read.get();
  }
  Try<JSON::Object> object = JSON::parse<JSON::Object>(text);
  if (object.isError())
    return Error("--env is not a JSON object: " + object.error());

  Environment environment;
  for (const auto& [name, entry] : object->values) {
    if (!entry.is<JSON::String>())
      return Error("--env value of '" + name + "' is not a string");
    Environment::Variable* variable = environment.add_variables();
    variable->set_name(name);
    variable->set_type(Environment::Variable::VALUE);
    variable->set_value(entry.as<JSON::String>().value);
  }
  return environment;
}

class CommandScheduler : public Scheduler {
 public:
  CommandScheduler(const Flags& flags, const Resources& required,
                   const Option<Environment>& environment)
      : flags_(flags), required_(required), environment_(environment) {}

  void registered(SchedulerDriver*, const FrameworkID& frameworkId,
                  const MasterInfo&) override {
    cout << "Subscribed with ID " << frameworkId.value() << endl;
  }

  void reregistered(SchedulerDriver*, const MasterInfo&) override {
    cout << "Reregistered with the master" << endl;
  }

  void disconnected(SchedulerDriver*) override {
    cout << "Disconnected from the master" << endl;
  }

  void resourceOffers(SchedulerDriver* driver,
                      const vector<Offer>& offers) override {
    for (const Offer& offer : offers) {
      Resources remaining = offer.resources();
      Option<string> role;
      if (offer.resources_size() > 0 &&
          offer.resources(0).has_allocation_info()) {
        role = offer.resources(0).allocation_info().role();
      }
      remaining.unallocate();

      vector<TaskInfo> tasks;
      while (launched_ < flags_.count) {
        Option<Resources> found = remaining.find(required_);
        if (found.isNone())
          break;
        remaining -= found.get();
        if (role.isSome())
          found->allocate(role.get());

        const string id = flags_.count == 1 ? flags_.name.get()
                                            : flags_.name.get() + "-" +
                                                  std::to_string(launched_);
        TaskInfo task;
        task.set_name(flags_.name.get());
        task.mutable_task_id()->set_value(id);
        *task.mutable_slave_id() = offer.slave_id();
        *task.mutable_resources() = found.get();
        task.mutable_command()->set_value(flags_.command.get());
        task.mutable_command()->set_shell(flags_.shell);
        if (environment_.isSome())
          *task.mutable_command()->mutable_environment() = environment_.get();
        tasks.push_back(task);
        launched_++;
        cout << "Submitted task '" << id << "' to agent '"
             << offer.slave_id().value() << "'" << endl;
      }

      if (tasks.empty())
        driver->declineOffer(offer.id());
      else
        driver->launchTasks(offer.id(), tasks);
    }
  }

  void offerRescinded(SchedulerDriver*, const OfferID&) override {}

  void statusUpdate(SchedulerDriver* driver,
                    const TaskStatus& status) override {
    cout << "Received status update " << TaskState_Name(status.state())
         << " for task '" << status.task_id().value() << "'" << endl;
    if (status.has_message())
      cout << "  message: '" << status.message() << "'" << endl;
    if (status.has_source())
      cout << "  source: " << TaskStatus::Source_Name(status.source()) << endl;
    if (status.has_reason())
      cout << "  reason: " << TaskStatus::Reason_Name(status.reason()) << endl;

    if (!protobuf::isTerminalState(status.state()))
      return;

    if (status.state() != TASK_FINISHED)
      succeeded_ = false;
    if (++terminated_ >= flags_.count)
      driver->stop();
  }

  void frameworkMessage(SchedulerDriver*, const ExecutorID&, const SlaveID&,
                        const string&) override {}

  void slaveLost(SchedulerDriver*, const SlaveID& slaveId) override {
    cout << "Agent " << slaveId.value() << " lost" << endl;
  }

  void executorLost(SchedulerDriver*, const ExecutorID&, const SlaveID&,
                    int) override {}

  void error(SchedulerDriver*, const string& message) override {
    cerr << "Framework error: " << message << endl;
    succeeded_ = false;
  }

  // Kills every launched, unfinished task (for --kill_after).
  void killAll(SchedulerDriver* driver) {
    for (int i = 0; i < launched_; i++) {
      TaskID id;
      id.set_value(flags_.count == 1
                       ? flags_.name.get()
                       : flags_.name.get() + "-" + std::to_string(i));
      cout << "Killing task '" << id.value() << "'" << endl;
      driver->killTask(id);
    }
  }

  bool succeeded() const { return succeeded_ && terminated_ >= flags_.count; }

 private:
  const Flags& flags_;
  const Resources required_;
  const Option<Environment> environment_;
  int launched_ = 0;
  int terminated_ = 0;
  bool succeeded_ = true;
};

}  // namespace internal
}  // namespace mesos

int main(int argc, char** argv) {
  // As Mesos's mesos-execute (logging without --log_dir): to stderr, no
  // log files.
  FLAGS_logtostderr = true;
  google::InitGoogleLogging(argv[0]);

  mesos::internal::Flags flags;
  Try<flags::Warnings> load = flags.load("MESOS_", argc, argv);
  if (flags.help) {
    cout << flags.usage() << endl;
    return EXIT_SUCCESS;
  }
  if (load.isError()) {
    cerr << flags.usage(load.error()) << endl;
    return EXIT_FAILURE;
  }
  for (const auto& [flag, value] :
       {std::make_pair("master", flags.master.isSome()),
        std::make_pair("name", flags.name.isSome()),
        std::make_pair("command", flags.command.isSome())}) {
    if (!value) {
      cerr << flags.usage(string("Missing required flag --") + flag) << endl;
      return EXIT_FAILURE;
    }
  }
  if (flags.count < 1) {
    cerr << flags.usage("--count must be at least 1") << endl;
    return EXIT_FAILURE;
  }

  Try<mesos::Resources> required = mesos::Resources::parse(flags.resources);
  if (required.isError()) {
    cerr << "Invalid --resources: " << required.error() << endl;
    return EXIT_FAILURE;
  }

  Option<mesos::Environment> environment;
  if (flags.environment.isSome()) {
    Try<mesos::Environment> parsed =
        mesos::internal::parseEnvironment(flags.environment.get());
    if (parsed.isError()) {
      cerr << parsed.error() << endl;
      return EXIT_FAILURE;
    }
    environment = parsed.get();
  }

  mesos::FrameworkInfo framework;
  framework.set_name(flags.framework_name);
  framework.set_checkpoint(flags.checkpoint);
  framework.set_role(flags.role);
  framework.add_capabilities()->set_type(
      mesos::FrameworkInfo::Capability::TASK_KILLING_STATE);

  mesos::internal::CommandScheduler scheduler(flags, required.get(),
                                              environment);
  mesos::MesosSchedulerDriver driver(&scheduler, framework, flags.master.get());

  if (driver.start() != mesos::DRIVER_RUNNING) {
    driver.join();
    return EXIT_FAILURE;
  }

  process::Timer killTimer;
  if (flags.kill_after.isSome()) {
    killTimer = process::Clock::timer(flags.kill_after.get(),
                                      [&]() { scheduler.killAll(&driver); });
  }

  const mesos::Status status = driver.join();
  process::Clock::cancel(killTimer);
  return status == mesos::DRIVER_STOPPED && scheduler.succeeded()
             ? EXIT_SUCCESS
             : EXIT_FAILURE;
}
