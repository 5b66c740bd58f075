// bench-executor: the smallest useful custom executor, for the cluster
// benchmark's agent recovery runs. Each task is reported TASK_RUNNING and
// then simply stays running (nothing is executed) until the task is
// killed or the executor is shut down. Its arguments are ignored; the
// benchmark passes its temporary directory so that every executor it
// started can be found (and ended) by its command line.

#include <mesos/executor.hpp>

using namespace mesos;

namespace {

class BenchExecutor : public Executor {
 public:
  void registered(ExecutorDriver*, const ExecutorInfo&, const FrameworkInfo&,
                  const SlaveInfo&) override {}

  void reregistered(ExecutorDriver*, const SlaveInfo&) override {}

  void disconnected(ExecutorDriver*) override {}

  void launchTask(ExecutorDriver* driver, const TaskInfo& task) override {
    TaskStatus status;
    *status.mutable_task_id() = task.task_id();
    status.set_state(TASK_RUNNING);
    driver->sendStatusUpdate(status);
  }

  void killTask(ExecutorDriver* driver, const TaskID& taskId) override {
    TaskStatus status;
    *status.mutable_task_id() = taskId;
    status.set_state(TASK_KILLED);
    driver->sendStatusUpdate(status);
  }

  void frameworkMessage(ExecutorDriver*, const std::string&) override {}

  void shutdown(ExecutorDriver* driver) override { driver->stop(); }

  void error(ExecutorDriver*, const std::string&) override {}
};

}  // namespace

int main() {
  BenchExecutor executor;
  MesosExecutorDriver driver(&executor);
  return driver.run() == DRIVER_STOPPED ? 0 : 1;
}
