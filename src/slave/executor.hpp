#ifndef MESOS_SLAVE_EXECUTOR_HPP
#define MESOS_SLAVE_EXECUTOR_HPP

// The agent's record of one executor run: what it runs, the tasks it was
// given, and where it is in its life cycle. Pure bookkeeping: nothing here
// sends messages or touches the containerizer (the Slave does); the only
// side effects are the checkpoint writes, which go to `metaDir` when the
// executor's framework checkpoints.
//
// Life cycle (Mesos's Executor::State):
//
//   REGISTERING --RegisterExecutorMessage--> RUNNING
//        |                                      |
//        +------ shutdown / timeout ------> TERMINATING
//        |                                      |
//        +---------- container ended -----> TERMINATED
//
// Not thread-safe: used only from the Slave's process.

#include <deque>
#include <list>
#include <memory>
#include <string>

#include <mesos/mesos.hpp>
#include <mesos/resources.hpp>

#include <process/pid.hpp>

#include <stout/hashmap.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

#include "slave/containerizer/containerizer.hpp"

namespace mesos {
namespace internal {
namespace slave {

class Executor {
 public:
  enum State { REGISTERING, RUNNING, TERMINATING, TERMINATED };

  // `commandExecutor`: the agent generated `info` for a command task.
  Executor(const SlaveID& slaveId, const FrameworkID& frameworkId,
           const ExecutorInfo& info, const ContainerID& containerId,
           const std::string& directory, const Option<std::string>& user,
           bool checkpoint, bool commandExecutor, const std::string& metaDir);

  // -- Queries ---------------------------------------------------------------

  // The executor's own resources plus those of its queued and launched
  // (non-terminal) tasks.
  Resources allocatedResources() const;

  // True while a task is queued, launched, or terminated but its terminal
  // update not yet acknowledged by the framework.
  bool incompleteTasks() const;

  // The task with `taskId` among launched or terminated tasks (nullptr if
  // none).
  Task* findTask(const TaskID& taskId);

  bool isQueued(const TaskID& taskId) const;

  // -- Modifiers -------------------------------------------------------------

  // Adds `task` to the queue of tasks waiting for the executor.
  void enqueueTask(const TaskInfo& task);

  // Removes `taskId` from the queue; the TaskInfo if it was queued.
  Option<TaskInfo> dequeueTask(const TaskID& taskId);

  // Records that `task` was handed to the executor (state TASK_STAGING)
  // and returns the record.
  Task* addLaunchedTask(const TaskInfo& task);

  // Applies a status update's state to the task's record: the task's
  // state and its latest status; a terminal state moves the task from
  // launched to terminated. Unknown tasks are ignored.
  void updateTaskState(const TaskStatus& status);

  // The framework acknowledged the terminal update of `taskId`: the task
  // moves to the bounded completed history.
  void completeTask(const TaskID& taskId);

  // Checkpoints executor.info, the run directory and the runs/latest
  // symlink (no-op without checkpoint). Errors are returned, not fatal.
  Try<Nothing> checkpointExecutor() const;

  // Checkpoints task.info for `task` (no-op without checkpoint).
  Try<Nothing> checkpointTask(const TaskInfo& task) const;

  // Checkpoints the executor's libprocess pid (no-op without checkpoint).
  Try<Nothing> checkpointPid() const;

  // -- Members ---------------------------------------------------------------

  const SlaveID slaveId;
  const ExecutorID id;
  const FrameworkID frameworkId;
  const ExecutorInfo info;
  const ContainerID containerId;
  const std::string directory;
  const Option<std::string> user;
  const bool checkpoint;
  const bool commandExecutor;
  const std::string metaDir;

  State state = REGISTERING;

  // Set once the executor registered.
  Option<process::UPID> pid;

  // Why the agent ended the container, when it did (e.g. registration
  // timeout, failed launch); decides the state of the remaining tasks.
  Option<ContainerTermination> pendingTermination;

  // Tasks waiting to be sent, in arrival order.
  std::list<TaskInfo> queuedTasks;

  hashmap<TaskID, Task> launchedTasks;
  hashmap<TaskID, Task> terminatedTasks;
  std::deque<Task> completedTasks;  // Bounded (MAX_COMPLETED_TASKS_...).
};

const char* stateName(Executor::State state);

}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SLAVE_EXECUTOR_HPP
