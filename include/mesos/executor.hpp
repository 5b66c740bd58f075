#ifndef MESOS_EXECUTOR_HPP
#define MESOS_EXECUTOR_HPP

// The executor side of the Mesos framework API (libmesos).
//
// An executor is the program an agent starts to run a framework's tasks
// (as threads, processes, anything). It implements `Executor` (the
// callbacks) and talks to its agent through a `MesosExecutorDriver`:
//
//   MyExecutor executor;
//   MesosExecutorDriver driver(&executor);
//   return driver.run() == DRIVER_STOPPED ? 0 : 1;
//
// The agent's only requirement is that the program it started keeps
// running while the executor runs (a wrapper script that runs the real
// executor is fine). The interface is Apache Mesos 1.11's, so executor
// code written for Apache Mesos compiles and links against this library
// unchanged. See docs/drivers.md.

#include <map>
#include <mutex>
#include <string>

#include <mesos/mesos.hpp>

namespace process {
class Latch;
}  // namespace process

namespace mesos {

class ExecutorDriver;

namespace internal {
class ExecutorProcess;
}  // namespace internal

// The callbacks an executor implements.
//
// Callbacks are invoked one at a time, never concurrently, on the driver's
// own thread (never on a thread that called into the driver). A callback
// that blocks holds up every later one; it may call any driver method
// except join(). `driver` stays the same from start() until join()
// returns.
class Executor {
 public:
  virtual ~Executor() {}

  // The agent accepted this executor. `executorInfo` (its `data` field is
  // a way for the scheduler to pass data), the framework and the agent
  // are described.
  virtual void registered(ExecutorDriver* driver,
                          const ExecutorInfo& executorInfo,
                          const FrameworkInfo& frameworkInfo,
                          const SlaveInfo& slaveInfo) = 0;

  // The executor is registered again with its restarted agent.
  virtual void reregistered(ExecutorDriver* driver,
                            const SlaveInfo& slaveInfo) = 0;

  // The agent went away and may come back (e.g. it is being upgraded);
  // only for frameworks that checkpoint. If it does not come back within
  // the recovery timeout, `shutdown` follows.
  virtual void disconnected(ExecutorDriver* driver) = 0;

  // A task for this executor (from SchedulerDriver::launchTasks). No other
  // callback runs until this one returns.
  virtual void launchTask(ExecutorDriver* driver, const TaskInfo& task) = 0;

  // The scheduler asked to kill `taskId`. The driver sends nothing on its
  // own: the executor reports the outcome (e.g. TASK_KILLED) with
  // sendStatusUpdate.
  virtual void killTask(ExecutorDriver* driver, const TaskID& taskId) = 0;

  // The scheduler sent `data` (best effort, never retransmitted).
  virtual void frameworkMessage(ExecutorDriver* driver,
                                const std::string& data) = 0;

  // The executor must end all its tasks and exit: the agent asked, or it
  // is gone for good. Tasks without a terminal update become TASK_LOST.
  // Unless MESOS_LOCAL is set, the driver kills the executor's process
  // group after the shutdown grace period
  // (MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD, 5 seconds by default).
  virtual void shutdown(ExecutorDriver* driver) = 0;

  // An unrecoverable error in the executor or the driver. The driver is
  // already aborted when this is called.
  virtual void error(ExecutorDriver* driver, const std::string& message) = 0;
};

// What an executor can ask of its agent, and the driver's lifecycle. Every
// method returns the driver's status after the call (DRIVER_RUNNING when a
// request was accepted for sending).
class ExecutorDriver {
 public:
  // Call stop() before destroying a driver.
  virtual ~ExecutorDriver() {}

  // Starts the driver: registers with the agent named by the environment.
  // Must precede every other call.
  virtual Status start() = 0;

  // Stops the driver (the executor is done).
  virtual Status stop() = 0;

  // Stops all callbacks; join() then returns DRIVER_ABORTED.
  virtual Status abort() = 0;

  // Blocks until the driver is stopped or aborted and returns
  // DRIVER_STOPPED or DRIVER_ABORTED (at once when not running).
  virtual Status join() = 0;

  // start() then join().
  virtual Status run() = 0;

  // Sends a task's status to the scheduler, re-sending until the agent
  // acknowledges it. The driver sets the executor, agent, timestamp,
  // source and a fresh uuid. TASK_STAGING is refused: the driver aborts
  // and error() is called.
  virtual Status sendStatusUpdate(const TaskStatus& status) = 0;

  // Sends `data` to the scheduler (best effort, never retransmitted).
  virtual Status sendFrameworkMessage(const std::string& data) = 0;
};

// The ExecutorDriver that talks to the Mesos agent that started this
// program. Thread-safe: every method may be called from any thread,
// including from callbacks.
//
// It reads the agent's executor environment: MESOS_SLAVE_PID,
// MESOS_SLAVE_ID, MESOS_FRAMEWORK_ID, MESOS_EXECUTOR_ID and
// MESOS_DIRECTORY (required: start() answers DRIVER_ABORTED and error() is
// called when one is missing or malformed), MESOS_CHECKPOINT,
// MESOS_RECOVERY_TIMEOUT, MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD and
// MESOS_LOCAL. See docs/drivers.md and src/examples/test_executor.cpp.
class MesosExecutorDriver : public ExecutorDriver {
 public:
  // A driver for `executor` (which must outlive it), configured from this
  // process's environment. Reading the environment is not safe against
  // other threads changing it; prefer the next constructor then.
  explicit MesosExecutorDriver(Executor* executor);

  // The same, configured from `environment` instead.
  explicit MesosExecutorDriver(
      Executor* executor,
      const std::map<std::string, std::string>& environment);

  // Terminates the driver's process and waits for it: after this no
  // callback runs. Must not be called from a callback of this driver.
  ~MesosExecutorDriver() override;

  // See ExecutorDriver.
  Status start() override;
  Status stop() override;
  Status abort() override;
  Status join() override;
  Status run() override;

  Status sendStatusUpdate(const TaskStatus& status) override;

  Status sendFrameworkMessage(const std::string& data) override;

 private:
  friend class internal::ExecutorProcess;

  Executor* executor;

  // The libprocess process that talks to the agent and runs callbacks.
  internal::ExecutorProcess* process;

  // Serializes the driver's methods (recursive: callbacks may call in).
  std::recursive_mutex mutex;

  // Opened when the driver stops or aborts (join waits on it).
  process::Latch* latch;

  Status status;

  std::map<std::string, std::string> environment;
};

}  // namespace mesos

#endif  // MESOS_EXECUTOR_HPP
