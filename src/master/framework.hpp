#ifndef MESOS_MASTER_FRAMEWORK_HPP
#define MESOS_MASTER_FRAMEWORK_HPP

// The master's record of one framework: what it subscribed with, where its
// scheduler is, and which tasks, executors and offers belong to it. Plain
// bookkeeping, owned and mutated only by the Master process (not
// thread-safe); the Master keeps it consistent with the Slave records and
// the allocator.

#include <deque>
#include <set>
#include <string>

#include <mesos/mesos.hpp>
#include <mesos/resources.hpp>

#include <process/pid.hpp>
#include <process/time.hpp>
#include <process/timer.hpp>

#include <stout/hashmap.hpp>
#include <stout/hashset.hpp>
#include <stout/option.hpp>

#include "common/protobuf_utils.hpp"

namespace mesos {
namespace internal {
namespace master {

struct Framework {
  Framework(const FrameworkInfo& info, const process::UPID& pid,
            const process::Time& time);

  const FrameworkID& id() const { return info.id(); }

  // MULTI_ROLE aware: the roles it subscribed to ("*" if none).
  std::set<std::string> roles() const;

  bool partitionAware() const { return capabilities.partitionAware; }

  // Replaces the FrameworkInfo (re-subscription) and its capabilities.
  void update(const FrameworkInfo& info);

  // Adds a task launched or recovered for this framework.
  void addTask(const Task& task);

  // Moves `taskId` from the active tasks to the bounded list of completed
  // tasks (at most `maxCompleted`, the oldest dropped first).
  void completeTask(const TaskID& taskId, size_t maxCompleted);

  // Moves `taskId` from the active tasks to the bounded map of unreachable
  // tasks (at most `maxUnreachable`, the oldest dropped first); addTask()
  // of the same id brings it back.
  void unreachableTask(const TaskID& taskId, size_t maxUnreachable);

  // Resources of the tasks it runs (not terminal), per agent.
  hashmap<SlaveID, Resources> usedResources() const;
  Resources totalUsedResources() const;

  FrameworkInfo info;
  protobuf::framework::Capabilities capabilities;
  process::UPID pid;

  // Connected: its scheduler's link is up. Active: it gets offers.
  bool connected = true;
  bool active = true;
  // Known only from agents' re-registration (after a master failover)
  // until its scheduler re-subscribes.
  bool recovered = false;

  process::Time registeredTime;
  Option<process::Time> reregisteredTime;
  Option<process::Time> unregisteredTime;

  // Identifies the current failover timer: a firing timer whose id is not
  // this one is stale and ignored.
  uint64_t failoverTimerId = 0;

  std::set<std::string> suppressedRoles;

  hashmap<TaskID, Task> tasks;
  std::deque<Task> completedTasks;
  hashmap<TaskID, Task> unreachableTasks;
  std::deque<TaskID> unreachableOrder;
  hashset<OfferID> offers;
  hashmap<SlaveID, hashmap<ExecutorID, ExecutorInfo>> executors;
};

}  // namespace master
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_MASTER_FRAMEWORK_HPP
