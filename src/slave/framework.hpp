#ifndef MESOS_SLAVE_FRAMEWORK_HPP
#define MESOS_SLAVE_FRAMEWORK_HPP

// The agent's record of one framework: its info and scheduler pid, the
// tasks accepted but not yet handed to an executor ("pending"), its live
// executors and a bounded history of completed ones.
//
// A framework is RUNNING until the master shuts it down (TERMINATING);
// the Slave removes the record once it has no executors and no pending
// tasks. Not thread-safe: used only from the Slave's process.

#include <deque>
#include <memory>
#include <string>

#include <mesos/mesos.hpp>

#include <process/pid.hpp>

#include <stout/hashmap.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

#include "slave/executor.hpp"

namespace mesos {
namespace internal {
namespace slave {

class Framework {
 public:
  enum State { RUNNING, TERMINATING };

  // `maxCompletedExecutors` bounds `completedExecutors`.
  Framework(const SlaveID& slaveId, const FrameworkInfo& info,
            const Option<process::UPID>& pid, size_t maxCompletedExecutors,
            const std::string& metaDir);

  const FrameworkID& id() const { return info.id(); }
  bool checkpoint() const { return info.checkpoint(); }

  // The live executor `executorId` (nullptr if none).
  Executor* getExecutor(const ExecutorID& executorId) const;

  // The live executor that has `taskId` queued, launched or terminated
  // (nullptr if none).
  Executor* getExecutor(const TaskID& taskId) const;

  // True when `taskId` waits in `pending` (for any executor).
  bool isPending(const TaskID& taskId) const;

  // Removes `taskId` from `pending`; the TaskInfo if it was pending.
  Option<TaskInfo> removePendingTask(const TaskID& taskId);

  // Moves the live executor `executorId` into the completed history
  // (oldest dropped beyond the bound).
  void completeExecutor(const ExecutorID& executorId);

  // Checkpoints framework.info and framework.pid (no-op without
  // checkpoint).
  Try<Nothing> checkpointFramework() const;

  const SlaveID slaveId;
  FrameworkInfo info;
  Option<process::UPID> pid;
  const size_t maxCompletedExecutors;
  const std::string metaDir;

  State state = RUNNING;

  // Tasks between runTask and _runTask, per executor.
  hashmap<ExecutorID, hashmap<TaskID, TaskInfo>> pending;

  hashmap<ExecutorID, std::unique_ptr<Executor>> executors;
  std::deque<std::shared_ptr<Executor>> completedExecutors;
};

}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SLAVE_FRAMEWORK_HPP
