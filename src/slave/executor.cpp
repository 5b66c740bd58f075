#include "slave/executor.hpp"

#include <mesos/type_utils.hpp>

#include <stout/os.hpp>
#include <stout/path.hpp>

#include "common/protobuf_utils.hpp"
#include "slave/constants.hpp"
#include "slave/paths.hpp"
#include "slave/state.hpp"

namespace mesos {
namespace internal {
namespace slave {

Executor::Executor(const SlaveID& slaveId, const FrameworkID& frameworkId,
                   const ExecutorInfo& info, const ContainerID& containerId,
                   const std::string& directory,
                   const Option<std::string>& user, bool checkpoint,
                   bool commandExecutor, const std::string& metaDir)
    : slaveId(slaveId),
      id(info.executor_id()),
      frameworkId(frameworkId),
      info(info),
      containerId(containerId),
      directory(directory),
      user(user),
      checkpoint(checkpoint),
      commandExecutor(commandExecutor),
      metaDir(metaDir) {}

Resources Executor::allocatedResources() const {
  Resources resources(info.resources());
  for (const TaskInfo& task : queuedTasks) {
    resources += Resources(task.resources());
  }
  for (const auto& [taskId, task] : launchedTasks) {
    resources += Resources(task.resources());
  }
  return resources;
}

bool Executor::incompleteTasks() const {
  return !queuedTasks.empty() || !launchedTasks.empty() ||
         !terminatedTasks.empty();
}

Task* Executor::findTask(const TaskID& taskId) {
  auto launched = launchedTasks.find(taskId);
  if (launched != launchedTasks.end()) {
    return &launched->second;
  }
  auto terminated = terminatedTasks.find(taskId);
  if (terminated != terminatedTasks.end()) {
    return &terminated->second;
  }
  return nullptr;
}

bool Executor::isQueued(const TaskID& taskId) const {
  for (const TaskInfo& task : queuedTasks) {
    if (task.task_id() == taskId) {
      return true;
    }
  }
  return false;
}

void Executor::enqueueTask(const TaskInfo& task) {
  queuedTasks.push_back(task);
}

Option<TaskInfo> Executor::dequeueTask(const TaskID& taskId) {
  for (auto it = queuedTasks.begin(); it != queuedTasks.end(); ++it) {
    if (it->task_id() == taskId) {
      TaskInfo task = *it;
      queuedTasks.erase(it);
      return task;
    }
  }
  return None();
}

Task* Executor::addLaunchedTask(const TaskInfo& task) {
  Task record = protobuf::createTask(task, TASK_STAGING, frameworkId);
  record.mutable_slave_id()->CopyFrom(slaveId);
  if (!record.has_executor_id() && !commandExecutor) {
    record.mutable_executor_id()->CopyFrom(id);
  }
  auto [it, inserted] = launchedTasks.emplace(task.task_id(), record);
  if (!inserted) {
    it->second = record;
  }
  return &it->second;
}

void Executor::updateTaskState(const TaskStatus& status) {
  Task* task = findTask(status.task_id());
  if (task == nullptr) {
    return;
  }

  task->set_state(status.state());

  // Keep the latest status per state change, as the /state endpoint shows
  // the statuses a task went through.
  TaskStatus* latest = task->add_statuses();
  latest->CopyFrom(status);
  latest->clear_data();
  if (task->statuses_size() > 8) {
    task->mutable_statuses()->DeleteSubrange(0, 1);
  }

  if (protobuf::isTerminalState(status.state())) {
    auto launched = launchedTasks.find(status.task_id());
    if (launched != launchedTasks.end()) {
      terminatedTasks[status.task_id()] = launched->second;
      launchedTasks.erase(launched);
    }
  }
}

void Executor::completeTask(const TaskID& taskId) {
  auto terminated = terminatedTasks.find(taskId);
  if (terminated == terminatedTasks.end()) {
    return;
  }
  completedTasks.push_back(terminated->second);
  terminatedTasks.erase(terminated);
  while (completedTasks.size() > MAX_COMPLETED_TASKS_PER_EXECUTOR) {
    completedTasks.pop_front();
  }
}

Try<Nothing> Executor::checkpointExecutor() const {
  if (!checkpoint) {
    return Nothing();
  }

  Try<Nothing> written = state::checkpoint(
      paths::getExecutorInfoPath(metaDir, slaveId, frameworkId, id), info);
  if (written.isError()) {
    return written;
  }

  // The meta run directory marks the run for recovery even before a task
  // or pid is written into it; runs/latest points at it.
  const std::string run =
      paths::getExecutorRunPath(metaDir, slaveId, frameworkId, id, containerId);
  Try<Nothing> mkdir = os::mkdir(run);
  if (mkdir.isError()) {
    return mkdir;
  }
  const std::string latest =
      paths::getExecutorLatestRunPath(metaDir, slaveId, frameworkId, id);
  if (os::exists(latest) || os::stat::islink(latest)) {
    Try<Nothing> removed = os::rm(latest);
    if (removed.isError()) {
      return removed;
    }
  }
  Try<Nothing> link = os::symlink(run, latest);
  if (link.isError()) {
    return link;
  }

  if (commandExecutor) {
    return state::checkpoint(paths::getExecutorGeneratedForCommandTaskPath(
                                 metaDir, slaveId, frameworkId, id),
                             std::string("1"));
  }
  return Nothing();
}

Try<Nothing> Executor::checkpointTask(const TaskInfo& task) const {
  if (!checkpoint) {
    return Nothing();
  }
  Task record = protobuf::createTask(task, TASK_STAGING, frameworkId);
  return state::checkpoint(
      paths::getTaskInfoPath(metaDir, slaveId, frameworkId, id, containerId,
                             task.task_id()),
      record);
}

Try<Nothing> Executor::checkpointPid() const {
  if (!checkpoint || pid.isNone()) {
    return Nothing();
  }
  return state::checkpoint(paths::getLibprocessPidPath(
                               metaDir, slaveId, frameworkId, id, containerId),
                           std::string(pid.get()));
}

const char* stateName(Executor::State state) {
  switch (state) {
    case Executor::REGISTERING:
      return "REGISTERING";
    case Executor::RUNNING:
      return "RUNNING";
    case Executor::TERMINATING:
      return "TERMINATING";
    case Executor::TERMINATED:
      return "TERMINATED";
  }
  return "UNKNOWN";
}

}  // namespace slave
}  // namespace internal
}  // namespace mesos
