// test-framework: the example framework. It launches --num_tasks tasks
// (1 cpu, 128 MB each) with the custom executor test-executor, and stops
// once all of them finished. Exits 0 on success.
//
//   test-framework --master=127.0.0.1:5050 [--num_tasks=5]
//       [--executor=/path/to/test-executor] [--checkpoint]
//       [--failover_timeout=SECS] [--framework_id=ID]
//
// --framework_id fails over to a running instance of the framework (one
// given a --failover_timeout): it subscribes with that id, launches
// nothing, and waits for the --num_tasks tasks the previous instance
// launched to finish.
//
// MESOS_EXPLICIT_ACKNOWLEDGEMENTS=1 makes it acknowledge status updates
// itself; MESOS_CHECKPOINT=1 (or --checkpoint) enables checkpointing.
// Written only against the public API (mesos/scheduler.hpp,
// mesos/resources.hpp).

#include <libgen.h>
#include <stdlib.h>

#include <iostream>
#include <string>
#include <vector>

#include <mesos/resources.hpp>
#include <mesos/scheduler.hpp>

using namespace mesos;

using std::cerr;
using std::cout;
using std::endl;
using std::string;
using std::vector;

namespace {

const double CPUS_PER_TASK = 1;
const double MEM_PER_TASK = 128;

// "--name=value" of argv, if present.
bool flag(int argc, char** argv, const string& name, string* value) {
  const string prefix = "--" + name + "=";
  for (int i = 1; i < argc; i++) {
    const string arg = argv[i];
    if (arg.compare(0, prefix.size(), prefix) == 0) {
      *value = arg.substr(prefix.size());
      return true;
    }
  }
  return false;
}

// Whether the bare "--name" is in argv.
bool flag(int argc, char** argv, const string& name) {
  for (int i = 1; i < argc; i++) {
    if (argv[i] == "--" + name)
      return true;
  }
  return false;
}

}  // namespace

class TestScheduler : public Scheduler {
 public:
  // `launch` false: the tasks were launched by an earlier instance.
  TestScheduler(bool implicitAcknowledgements, const ExecutorInfo& executor,
                const string& role, int totalTasks, bool launch)
      : implicitAcknowledgements(implicitAcknowledgements),
        executor(executor),
        role(role),
        totalTasks(totalTasks),
        tasksLaunched(launch ? 0 : totalTasks) {}

  void registered(SchedulerDriver*, const FrameworkID& frameworkId,
                  const MasterInfo&) override {
    cout << "Registered with framework ID " << frameworkId.value() << endl;
  }

  void reregistered(SchedulerDriver*, const MasterInfo&) override {}

  void disconnected(SchedulerDriver*) override {}

  void resourceOffers(SchedulerDriver* driver,
                      const vector<Offer>& offers) override {
    for (const Offer& offer : offers) {
      cout << "Received offer " << offer.id().value() << " with "
           << Resources(offer.resources()) << endl;

      Resources taskResources =
          Resources::parse("cpus:" + std::to_string(CPUS_PER_TASK) +
                           ";mem:" + std::to_string(MEM_PER_TASK))
              .get();
      // Masters offer resources allocated to a role; task resources must
      // say the same.
      if (offer.resources_size() > 0 &&
          offer.resources(0).has_allocation_info()) {
        taskResources.allocate(role);
      }

      Resources remaining = offer.resources();
      vector<TaskInfo> tasks;
      while (tasksLaunched < totalTasks && remaining.contains(taskResources)) {
        const int taskId = tasksLaunched++;
        cout << "Launching task " << taskId << " using offer "
             << offer.id().value() << endl;

        TaskInfo task;
        task.set_name("Task " + std::to_string(taskId));
        task.mutable_task_id()->set_value(std::to_string(taskId));
        *task.mutable_slave_id() = offer.slave_id();
        *task.mutable_executor() = executor;
        *task.mutable_resources() = taskResources;
        remaining -= taskResources;
        tasks.push_back(task);
      }
      driver->launchTasks(offer.id(), tasks);
    }
  }

  void offerRescinded(SchedulerDriver*, const OfferID&) override {}

  void statusUpdate(SchedulerDriver* driver,
                    const TaskStatus& status) override {
    cout << "Task " << status.task_id().value() << " is in state "
         << TaskState_Name(status.state()) << endl;

    if (status.state() == TASK_FINISHED)
      tasksFinished++;

    if (status.state() == TASK_LOST || status.state() == TASK_KILLED ||
        status.state() == TASK_FAILED || status.state() == TASK_ERROR ||
        status.state() == TASK_DROPPED) {
      cerr << "Aborting because task " << status.task_id().value()
           << " is in unexpected state " << TaskState_Name(status.state())
           << " with message '" << status.message() << "'" << endl;
      driver->abort();
    }

    if (!implicitAcknowledgements)
      driver->acknowledgeStatusUpdate(status);

    if (tasksFinished == totalTasks)
      driver->stop();
  }

  void frameworkMessage(SchedulerDriver*, const ExecutorID&, const SlaveID&,
                        const string&) override {}

  void slaveLost(SchedulerDriver*, const SlaveID&) override {}

  void executorLost(SchedulerDriver*, const ExecutorID&, const SlaveID&,
                    int) override {}

  void error(SchedulerDriver*, const string& message) override {
    cerr << "Error: " << message << endl;
  }

 private:
  const bool implicitAcknowledgements;
  const ExecutorInfo executor;
  const string role;
  const int totalTasks;
  int tasksLaunched;
  int tasksFinished = 0;
};

int main(int argc, char** argv) {
  string master;
  if (!flag(argc, argv, "master", &master)) {
    cerr << "Usage: " << argv[0] << " --master=<ip:port> [--num_tasks=N]"
         << " [--executor=<path>] [--checkpoint] [--failover_timeout=SECS]"
         << " [--framework_id=ID]" << endl;
    return 1;
  }

  string value;
  const int numTasks =
      flag(argc, argv, "num_tasks", &value) ? atoi(value.c_str()) : 5;

  string executorPath;
  if (!flag(argc, argv, "executor", &executorPath)) {
    string self = argv[0];
    executorPath = string(dirname(&self[0])) + "/test-executor";
  }

  ExecutorInfo executor;
  executor.mutable_executor_id()->set_value("default");
  executor.mutable_command()->set_value(executorPath);
  executor.set_name("Test Executor (C++)");

  FrameworkInfo framework;
  framework.set_name("Test Framework (C++)");
  framework.set_role("*");
  framework.add_capabilities()->set_type(
      FrameworkInfo::Capability::RESERVATION_REFINEMENT);

  const char* checkpoint = getenv("MESOS_CHECKPOINT");
  framework.set_checkpoint(
      flag(argc, argv, "checkpoint") ||
      (checkpoint != nullptr && string(checkpoint) == "1"));
  if (flag(argc, argv, "failover_timeout", &value))
    framework.set_failover_timeout(atof(value.c_str()));
  const bool failover = flag(argc, argv, "framework_id", &value);
  if (failover)
    framework.mutable_id()->set_value(value);

  const char* explicitAcks = getenv("MESOS_EXPLICIT_ACKNOWLEDGEMENTS");
  const bool implicitAcknowledgements =
      explicitAcks == nullptr || string(explicitAcks) != "1";

  TestScheduler scheduler(implicitAcknowledgements, executor, framework.role(),
                          numTasks, !failover);
  MesosSchedulerDriver driver(&scheduler, framework, master,
                              implicitAcknowledgements);

  const Status status = driver.run();
  driver.stop();
  return status == DRIVER_STOPPED ? 0 : 1;
}
