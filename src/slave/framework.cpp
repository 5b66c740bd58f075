#include "slave/framework.hpp"

#include <mesos/type_utils.hpp>

#include "slave/paths.hpp"
#include "slave/state.hpp"

namespace mesos {
namespace internal {
namespace slave {

Framework::Framework(const SlaveID& slaveId, const FrameworkInfo& info,
                     const Option<process::UPID>& pid,
                     size_t maxCompletedExecutors, const std::string& metaDir)
    : slaveId(slaveId),
      info(info),
      pid(pid),
      maxCompletedExecutors(maxCompletedExecutors),
      metaDir(metaDir) {}

Executor* Framework::getExecutor(const ExecutorID& executorId) const {
  auto it = executors.find(executorId);
  return it == executors.end() ? nullptr : it->second.get();
}

Executor* Framework::getExecutor(const TaskID& taskId) const {
  for (const auto& [executorId, executor] : executors) {
    if (executor->isQueued(taskId) || executor->findTask(taskId) != nullptr) {
      return executor.get();
    }
  }
  return nullptr;
}

bool Framework::isPending(const TaskID& taskId) const {
  for (const auto& [executorId, tasks] : pending) {
    if (tasks.contains(taskId)) {
      return true;
    }
  }
  return false;
}

Option<TaskInfo> Framework::removePendingTask(const TaskID& taskId) {
  for (auto it = pending.begin(); it != pending.end(); ++it) {
    auto task = it->second.find(taskId);
    if (task != it->second.end()) {
      TaskInfo info = task->second;
      it->second.erase(task);
      if (it->second.empty()) {
        pending.erase(it);
      }
      return info;
    }
  }
  return None();
}

void Framework::completeExecutor(const ExecutorID& executorId) {
  auto it = executors.find(executorId);
  if (it == executors.end()) {
    return;
  }
  completedExecutors.push_back(std::shared_ptr<Executor>(it->second.release()));
  executors.erase(it);
  while (completedExecutors.size() > maxCompletedExecutors) {
    completedExecutors.pop_front();
  }
}

Try<Nothing> Framework::checkpointFramework() const {
  if (!checkpoint()) {
    return Nothing();
  }
  Try<Nothing> written = state::checkpoint(
      paths::getFrameworkInfoPath(metaDir, slaveId, id()), info);
  if (written.isError()) {
    return written;
  }
  return state::checkpoint(paths::getFrameworkPidPath(metaDir, slaveId, id()),
                           pid.isSome() ? std::string(pid.get()) : "");
}

}  // namespace slave
}  // namespace internal
}  // namespace mesos
