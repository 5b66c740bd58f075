#include "master/framework.hpp"

#include <utility>

namespace mesos {
namespace internal {
namespace master {

Framework::Framework(const FrameworkInfo& info_, const process::UPID& pid_,
                     const process::Time& time)
    : info(info_),
      capabilities(info_.capabilities()),
      pid(pid_),
      registeredTime(time) {}

std::set<std::string> Framework::roles() const {
  return protobuf::framework::getRoles(info);
}

void Framework::update(const FrameworkInfo& info_) {
  info = info_;
  capabilities = protobuf::framework::Capabilities(info.capabilities());
}

void Framework::addTask(const Task& task) {
  tasks[task.task_id()] = task;
  unreachableTasks.erase(task.task_id());
}

void Framework::unreachableTask(const TaskID& taskId, size_t maxUnreachable) {
  auto it = tasks.find(taskId);
  if (it == tasks.end())
    return;
  unreachableTasks[taskId] = std::move(it->second);
  unreachableOrder.push_back(taskId);
  tasks.erase(it);
  // The order list may hold ids that came back since (addTask); they are
  // skipped when dropping the oldest.
  while (unreachableTasks.size() > maxUnreachable &&
         !unreachableOrder.empty()) {
    unreachableTasks.erase(unreachableOrder.front());
    unreachableOrder.pop_front();
  }
  while (!unreachableOrder.empty() &&
         !unreachableTasks.contains(unreachableOrder.front()))
    unreachableOrder.pop_front();
}

void Framework::completeTask(const TaskID& taskId, size_t maxCompleted) {
  auto it = tasks.find(taskId);
  if (it == tasks.end())
    return;
  completedTasks.push_back(std::move(it->second));
  tasks.erase(it);
  while (completedTasks.size() > maxCompleted)
    completedTasks.pop_front();
}

hashmap<SlaveID, Resources> Framework::usedResources() const {
  hashmap<SlaveID, Resources> used;
  for (const auto& [taskId, task] : tasks)
    if (!protobuf::isTerminalState(task.state()))
      used[task.slave_id()] += task.resources();
  for (const auto& [slaveId, executors_] : executors)
    for (const auto& [executorId, executor] : executors_)
      used[slaveId] += executor.resources();
  return used;
}

Resources Framework::totalUsedResources() const {
  Resources total;
  for (const auto& [slaveId, resources] : usedResources())
    total += resources;
  return total;
}

}  // namespace master
}  // namespace internal
}  // namespace mesos
