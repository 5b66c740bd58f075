// test-executor: the example executor that test-framework launches. It
// runs each task instantly: TASK_RUNNING then TASK_FINISHED. Framework
// messages are echoed back to the scheduler.
//
// Written only against the public API (mesos/executor.hpp), as any
// framework's executor would be.

#include <iostream>
#include <string>

#include <mesos/executor.hpp>

using namespace mesos;

class TestExecutor : public Executor {
 public:
  void registered(ExecutorDriver*, const ExecutorInfo& executorInfo,
                  const FrameworkInfo&, const SlaveInfo& slaveInfo) override {
    std::cout << "Registered executor " << executorInfo.executor_id().value()
              << " on " << slaveInfo.hostname() << std::endl;
  }

  void reregistered(ExecutorDriver*, const SlaveInfo& slaveInfo) override {
    std::cout << "Reregistered on " << slaveInfo.hostname() << std::endl;
  }

  void disconnected(ExecutorDriver*) override {}

  void launchTask(ExecutorDriver* driver, const TaskInfo& task) override {
    std::cout << "Starting task " << task.task_id().value() << std::endl;

    TaskStatus status;
    *status.mutable_task_id() = task.task_id();
    status.set_state(TASK_RUNNING);
    driver->sendStatusUpdate(status);

    // This is where the task's work would go.

    std::cout << "Finishing task " << task.task_id().value() << std::endl;
    status.set_state(TASK_FINISHED);
    status.set_data("data with a \0 byte", 17);
    driver->sendStatusUpdate(status);
  }

  void killTask(ExecutorDriver* driver, const TaskID& taskId) override {
    TaskStatus status;
    *status.mutable_task_id() = taskId;
    status.set_state(TASK_KILLED);
    driver->sendStatusUpdate(status);
  }

  void frameworkMessage(ExecutorDriver* driver,
                        const std::string& data) override {
    driver->sendFrameworkMessage(data);
  }

  void shutdown(ExecutorDriver* driver) override { driver->stop(); }

  void error(ExecutorDriver*, const std::string& message) override {
    std::cerr << "Error: " << message << std::endl;
  }
};

int main(int argc, char** argv) {
  TestExecutor executor;
  MesosExecutorDriver driver(&executor);
  return driver.run() == DRIVER_STOPPED ? 0 : 1;
}
