#ifndef MESOS_MASTER_SLAVE_HPP
#define MESOS_MASTER_SLAVE_HPP

// The master's record of one registered agent: its SlaveInfo, pid,
// capabilities, the tasks and executors it runs (per framework), its
// outstanding offers and its health-check state. Plain bookkeeping, owned
// and mutated only by the Master process (not thread-safe).

#include <string>
#include <vector>

#include <mesos/mesos.hpp>
#include <mesos/resources.hpp>

#include <process/pid.hpp>
#include <process/time.hpp>

#include <stout/hashmap.hpp>
#include <stout/hashset.hpp>
#include <stout/option.hpp>

#include "common/protobuf_utils.hpp"

namespace mesos {
namespace internal {
namespace master {

struct Slave {
  Slave(const SlaveInfo& info, const process::UPID& pid,
        const std::string& version,
        const std::vector<SlaveInfo::Capability>& capabilities,
        const process::Time& time);

  const SlaveID& id() const { return info.id(); }

  // Total resources as the allocator sees them (SlaveInfo's, upgraded to
  // the post-refinement format).
  Resources totalResources() const;

  // Resources of the tasks (not terminal) and executors it runs, per
  // framework, with their allocation info.
  hashmap<FrameworkID, Resources> usedResources() const;

  bool hasExecutor(const FrameworkID& frameworkId,
                   const ExecutorID& executorId) const;

  void addTask(const Task& task);
  void removeTask(const FrameworkID& frameworkId, const TaskID& taskId);
  Task* findTask(const FrameworkID& frameworkId, const TaskID& taskId);

  SlaveInfo info;
  process::UPID pid;
  std::string version;
  std::vector<SlaveInfo::Capability> capabilityList;
  protobuf::slave::Capabilities capabilities;

  process::Time registeredTime;
  Option<process::Time> reregisteredTime;

  bool connected = true;
  bool active = true;

  // Health checking: a pong arrived since the last ping; pings missed in
  // a row.
  bool pongReceived = true;
  size_t missedPings = 0;
  // Identifies the current ping timer chain (a stale tick is ignored).
  uint64_t pingTimerId = 0;

  hashmap<FrameworkID, hashmap<TaskID, Task>> tasks;
  hashmap<FrameworkID, hashmap<ExecutorID, ExecutorInfo>> executors;
  hashset<OfferID> offers;
};

}  // namespace master
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_MASTER_SLAVE_HPP
