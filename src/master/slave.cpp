#include "master/slave.hpp"

#include "common/resources_utils.hpp"

namespace mesos {
namespace internal {
namespace master {

Slave::Slave(const SlaveInfo& info_, const process::UPID& pid_,
             const std::string& version_,
             const std::vector<SlaveInfo::Capability>& capabilities_,
             const process::Time& time)
    : info(info_),
      pid(pid_),
      version(version_),
      capabilityList(capabilities_),
      registeredTime(time) {
  google::protobuf::RepeatedPtrField<SlaveInfo::Capability> list;
  for (const SlaveInfo::Capability& capability : capabilities_)
    *list.Add() = capability;
  capabilities = protobuf::slave::Capabilities(list);
}

Resources Slave::totalResources() const {
  google::protobuf::RepeatedPtrField<Resource> resources = info.resources();
  upgradeResources(&resources);
  return Resources(resources);
}

hashmap<FrameworkID, Resources> Slave::usedResources() const {
  hashmap<FrameworkID, Resources> used;
  for (const auto& [frameworkId, tasks_] : tasks)
    for (const auto& [taskId, task] : tasks_)
      if (!protobuf::isTerminalState(task.state()))
        used[frameworkId] += task.resources();
  for (const auto& [frameworkId, executors_] : executors)
    for (const auto& [executorId, executor] : executors_)
      used[frameworkId] += executor.resources();
  return used;
}

bool Slave::hasExecutor(const FrameworkID& frameworkId,
                        const ExecutorID& executorId) const {
  auto it = executors.find(frameworkId);
  return it != executors.end() && it->second.count(executorId) > 0;
}

void Slave::addTask(const Task& task) {
  tasks[task.framework_id()][task.task_id()] = task;
}

void Slave::removeTask(const FrameworkID& frameworkId, const TaskID& taskId) {
  auto it = tasks.find(frameworkId);
  if (it == tasks.end())
    return;
  it->second.erase(taskId);
  if (it->second.empty())
    tasks.erase(it);
}

Task* Slave::findTask(const FrameworkID& frameworkId, const TaskID& taskId) {
  auto it = tasks.find(frameworkId);
  if (it == tasks.end())
    return nullptr;
  auto task = it->second.find(taskId);
  return task == it->second.end() ? nullptr : &task->second;
}

}  // namespace master
}  // namespace internal
}  // namespace mesos
