// The task path (Mesos's Slave::runTask -> _runTask ->
// Framework::launchExecutor): accept a task from the master, keep it
// pending while garbage collection of reused directories is cancelled,
// then queue it for its executor, launching the executor's container
// first when it is new.

#include <mesos/type_utils.hpp>

#include <process/collect.hpp>
#include <process/defer.hpp>
#include <process/delay.hpp>

#include <stout/os.hpp>
#include <stout/path.hpp>
#include <stout/uuid.hpp>

#include "common/protobuf_utils.hpp"
#include "slave/constants.hpp"
#include "slave/executor_environment.hpp"
#include "slave/paths.hpp"
#include "slave/slave.hpp"

using process::Future;
using process::UPID;

namespace mesos {
namespace internal {
namespace slave {

namespace {

bool needCheckpointing(const Resource& resource) {
  return Resources::isDynamicallyReserved(resource) ||
         Resources::isPersistentVolume(resource);
}

// The resources among `resources` that the agent must already know about
// (reservations and volumes), without their allocation to a role.
Resources checkpointedPart(
    const google::protobuf::RepeatedPtrField<Resource>& resources) {
  Resources result;
  for (Resource resource : resources) {
    if (needCheckpointing(resource)) {
      resource.clear_allocation_info();
      result += resource;
    }
  }
  return result;
}

}  // namespace

Future<bool> Slave::unschedule(const std::string& path) {
  return gc->unschedule(path);
}

ExecutorInfo Slave::getExecutorInfo(const FrameworkInfo& frameworkInfo,
                                    const TaskInfo& task) const {
  if (task.has_executor()) {
    ExecutorInfo executor = task.executor();
    if (!executor.has_framework_id()) {
      executor.mutable_framework_id()->CopyFrom(frameworkInfo.id());
    }
    return executor;
  }

  // A command task runs under the command executor, which the agent
  // describes itself (Mesos's layout: executor id = task id).
  ExecutorInfo executor;
  executor.mutable_executor_id()->set_value(task.task_id().value());
  executor.mutable_framework_id()->CopyFrom(frameworkInfo.id());
  executor.set_source(task.task_id().value());

  if (task.has_container()) {
    executor.mutable_container()->CopyFrom(task.container());
  }

  std::string command = task.command().value();
  if (command.size() > 15) {
    command = command.substr(0, 12) + "...";
  }
  executor.set_name("Command Executor (Task: " + task.task_id().value() +
                    ") (Command: sh -c '" + command + "')");

  CommandInfo* info = executor.mutable_command();
  info->set_shell(false);
  info->set_value(path::join(flags.launcher_dir, MESOS_EXECUTOR));
  info->add_arguments(MESOS_EXECUTOR);
  if (task.command().has_user()) {
    info->set_user(task.command().user());
  }

  // The executor's own overhead, allocated to the task's role.
  Resource cpus;
  cpus.set_name("cpus");
  cpus.set_type(Value::SCALAR);
  cpus.mutable_scalar()->set_value(DEFAULT_EXECUTOR_CPUS);
  Resource mem;
  mem.set_name("mem");
  mem.set_type(Value::SCALAR);
  mem.mutable_scalar()->set_value(
      static_cast<double>(DEFAULT_EXECUTOR_MEM.bytes()) / (1024 * 1024));
  for (Resource* resource : {&cpus, &mem}) {
    if (task.resources_size() > 0 && task.resources(0).has_allocation_info()) {
      resource->mutable_allocation_info()->CopyFrom(
          task.resources(0).allocation_info());
    }
    executor.add_resources()->CopyFrom(*resource);
  }

  return executor;
}

void Slave::runTask(const UPID& from, const FrameworkInfo& frameworkInfo_,
                    const FrameworkID& frameworkId_, const std::string& pid,
                    const TaskInfo& task) {
  if (!fromMaster(from, "run task " + task.task_id().value())) {
    return;
  }

  FrameworkInfo frameworkInfo = frameworkInfo_;
  if (!frameworkInfo.has_id()) {
    if (frameworkId_.value().empty()) {
      LOG(ERROR) << "Ignoring run task " << task.task_id()
                 << " without a framework id";
      return;
    }
    frameworkInfo.mutable_id()->CopyFrom(frameworkId_);
  }
  const FrameworkID frameworkId = frameworkInfo.id();

  LOG(INFO) << "Got assigned task '" << task.task_id() << "' for framework "
            << frameworkId;

  if (state == RECOVERING || state == TERMINATING) {
    LOG(WARNING) << "Ignoring task '" << task.task_id()
                 << "' because the agent is " << stateName(state);
    return;
  }

  // Sandboxes live under the agent id: without one there is nowhere to run.
  if (!info.has_id()) {
    LOG(WARNING) << "Ignoring task '" << task.task_id()
                 << "' because the agent has never registered";
    return;
  }

  // Ids become path components of the sandbox: refuse any that would not.
  Try<Nothing> validFramework =
      paths::validateId(frameworkId.value(), "framework");
  if (validFramework.isError()) {
    LOG(ERROR) << "Ignoring task '" << task.task_id()
               << "': " << validFramework.error();
    return;
  }

  Future<bool> unscheduled = true;

  Framework* framework = getFramework(frameworkId);
  if (framework == nullptr) {
    for (const std::string& root : {flags.work_dir, metaDir()}) {
      const std::string path =
          paths::getFrameworkPath(root, info.id(), frameworkId);
      if (os::exists(path)) {
        unscheduled =
            unscheduled.then(process::defer(self(), &Slave::unschedule, path));
      }
    }

    Option<UPID> frameworkPid;
    if (!pid.empty()) {
      frameworkPid = UPID(pid);
    }

    frameworks[frameworkId] = std::make_unique<Framework>(
        info.id(), frameworkInfo, frameworkPid,
        flags.max_completed_executors_per_framework, metaDir());
    framework = frameworks[frameworkId].get();

    Try<Nothing> checkpointed = framework->checkpointFramework();
    if (checkpointed.isError()) {
      LOG(ERROR) << "Failed to checkpoint framework " << frameworkId << ": "
                 << checkpointed.error();
    }

    // A framework that comes back keeps the history of its executors.
    for (auto it = completedFrameworks.begin(); it != completedFrameworks.end();
         ++it) {
      if ((*it)->id() == frameworkId) {
        framework->completedExecutors = (*it)->completedExecutors;
        completedFrameworks.erase(it);
        break;
      }
    }
  }

  const ExecutorInfo executorInfo = getExecutorInfo(frameworkInfo, task);
  const ExecutorID& executorId = executorInfo.executor_id();

  // Pending keeps the framework and the executor's directories alive until
  // _runTask.
  framework->pending[executorId][task.task_id()] = task;

  if (framework->getExecutor(executorId) == nullptr) {
    for (const std::string& root : {flags.work_dir, metaDir()}) {
      const std::string path =
          paths::getExecutorPath(root, info.id(), frameworkId, executorId);
      if (os::exists(path)) {
        unscheduled =
            unscheduled.then(process::defer(self(), &Slave::unschedule, path));
      }
    }
  }

  unscheduled.onAny(process::defer(
      self(), [this, frameworkInfo, task](const Future<bool>& future) {
        _runTask(future, frameworkInfo, task);
      }));
}

void Slave::_runTask(const Future<bool>& unscheduled,
                     const FrameworkInfo& frameworkInfo, const TaskInfo& task) {
  const FrameworkID frameworkId = frameworkInfo.id();

  Framework* framework = getFramework(frameworkId);
  const ExecutorInfo executorInfo = getExecutorInfo(frameworkInfo, task);
  const ExecutorID& executorId = executorInfo.executor_id();

  if (framework == nullptr ||
      framework->removePendingTask(task.task_id()).isNone()) {
    LOG(WARNING) << "Ignoring run task '" << task.task_id() << "' of framework "
                 << frameworkId
                 << " because the task has been killed in the meantime";
    return;
  }

  // Called before every early return: a framework with nothing left goes.
  auto removeIfIdle = [this, framework]() {
    if (framework->executors.empty() && framework->pending.empty()) {
      removeFramework(framework);
    }
  };

  if (framework->state == Framework::TERMINATING) {
    LOG(WARNING) << "Ignoring run task '" << task.task_id() << "' of framework "
                 << frameworkId << " because the framework is terminating";
    removeIfIdle();
    return;
  }

  auto lost = [&](const std::string& message, TaskStatus::Reason reason) {
    statusUpdate(protobuf::createStatusUpdate(
                     frameworkId, info.id(), task.task_id(), TASK_LOST,
                     TaskStatus::SOURCE_SLAVE, id::UUID::random(), message,
                     reason, executorId),
                 None());
  };

  if (!unscheduled.isReady()) {
    LOG(ERROR) << "Failed to unschedule directories scheduled for gc: "
               << (unscheduled.isFailed() ? unscheduled.failure()
                                          : "discarded");
    lost(
        "Could not launch the task because we failed to unschedule "
        "directories scheduled for gc",
        TaskStatus::REASON_GC_ERROR);
    removeIfIdle();
    return;
  }

  if (!checkpointedResources.contains(checkpointedPart(task.resources()))) {
    LOG(WARNING) << "Unknown checkpointed resources for task '"
                 << task.task_id() << "' of framework " << frameworkId;
    lost(
        "The checkpointed resources being used by the task are unknown to "
        "the agent",
        TaskStatus::REASON_RESOURCES_UNKNOWN);
    removeIfIdle();
    return;
  }

  if (task.has_executor() && !checkpointedResources.contains(checkpointedPart(
                                 task.executor().resources()))) {
    LOG(WARNING) << "Unknown checkpointed resources for executor '"
                 << executorId << "' of framework " << frameworkId;
    lost(
        "The checkpointed resources being used by the executor are unknown "
        "to the agent",
        TaskStatus::REASON_RESOURCES_UNKNOWN);
    removeIfIdle();
    return;
  }

  if (state == TERMINATING) {
    LOG(WARNING) << "Ignoring run task '" << task.task_id()
                 << "' because the agent is terminating";
    removeIfIdle();
    return;
  }

  Executor* executor = framework->getExecutor(executorId);
  if (executor == nullptr) {
    executor = launchExecutor(framework, executorInfo, task);
    if (executor == nullptr) {
      statusUpdate(protobuf::createStatusUpdate(
                       frameworkId, info.id(), task.task_id(), TASK_FAILED,
                       TaskStatus::SOURCE_SLAVE, id::UUID::random(),
                       "Failed to create the executor's sandbox",
                       TaskStatus::REASON_CONTAINER_LAUNCH_FAILED, executorId),
                   None());
      removeIfIdle();
      return;
    }
  }

  switch (executor->state) {
    case Executor::TERMINATING:
    case Executor::TERMINATED:
      LOG(WARNING) << "Asked to run task '" << task.task_id()
                   << "' for framework " << frameworkId << " with executor '"
                   << executorId << "' which is terminating/terminated";
      lost("Executor terminating/terminated",
           TaskStatus::REASON_EXECUTOR_TERMINATED);
      break;

    case Executor::REGISTERING: {
      Try<Nothing> checkpointed = executor->checkpointTask(task);
      if (checkpointed.isError()) {
        LOG(ERROR) << "Failed to checkpoint task '" << task.task_id()
                   << "': " << checkpointed.error();
      }
      LOG(INFO) << "Queuing task '" << task.task_id() << "' for executor '"
                << executorId << "' of framework " << frameworkId;
      executor->enqueueTask(task);
      break;
    }

    case Executor::RUNNING: {
      Try<Nothing> checkpointed = executor->checkpointTask(task);
      if (checkpointed.isError()) {
        LOG(ERROR) << "Failed to checkpoint task '" << task.task_id()
                   << "': " << checkpointed.error();
      }
      // Queued until the container has grown to hold the task too.
      executor->enqueueTask(task);
      const ContainerID containerId = executor->containerId;
      containerizer->update(containerId, executor->allocatedResources())
          .onAny(process::defer(
              self(), [this, frameworkId, executorId,
                       containerId](const Future<Nothing>& future) {
                sendQueuedTasks(future, frameworkId, executorId, containerId);
              }));
      break;
    }
  }
}

Executor* Slave::launchExecutor(Framework* framework,
                                const ExecutorInfo& executorInfo,
                                const TaskInfo& task) {
  const FrameworkID frameworkId = framework->id();
  const ExecutorID executorId = executorInfo.executor_id();

  Try<Nothing> validExecutor =
      paths::validateId(executorId.value(), "executor");
  if (validExecutor.isError()) {
    LOG(ERROR) << "Cannot launch executor: " << validExecutor.error();
    return nullptr;
  }

  ContainerID containerId;
  containerId.set_value(id::UUID::random().toString());

  // Switching user needs root; an unprivileged agent runs everything as
  // itself.
  Option<std::string> user;
  if (flags.switch_user && ::geteuid() == 0) {
    user = executorInfo.command().has_user() ? executorInfo.command().user()
                                             : framework->info.user();
  }

  Try<std::string> directory = paths::createExecutorDirectory(
      flags.work_dir, info.id(), frameworkId, executorId, containerId, user);
  if (directory.isError()) {
    LOG(ERROR) << "Failed to create the sandbox of executor '" << executorId
               << "' of framework " << frameworkId << ": " << directory.error();
    return nullptr;
  }

  auto created = std::make_unique<Executor>(
      info.id(), frameworkId, executorInfo, containerId, directory.get(), user,
      framework->checkpoint(), !task.has_executor(), metaDir());
  Executor* executor = created.get();
  framework->executors[executorId] = std::move(created);

  Try<Nothing> checkpointed = executor->checkpointExecutor();
  if (checkpointed.isError()) {
    LOG(ERROR) << "Failed to checkpoint executor '" << executorId
               << "': " << checkpointed.error();
  }

  LOG(INFO) << "Launching executor '" << executorId << "' of framework "
            << frameworkId << " with resources "
            << Resources(executorInfo.resources()) << " in work directory '"
            << directory.get() << "'";

  files->attach(directory.get(), directory.get());

  // The container gets the task's resources too, so that an executor
  // without resources of its own still has something to run with.
  ExecutorInfo launchInfo = executor->info;
  Resources resources(launchInfo.resources());
  resources += Resources(task.resources());
  launchInfo.mutable_resources()->CopyFrom(resources);

  const std::map<std::string, std::string> environment =
      executorEnvironment(flags, executor->info, directory.get(), info.id(),
                          self(), executor->checkpoint);

  containerizer
      ->launch(containerId,
               executor->commandExecutor ? Option<TaskInfo>(task) : None(),
               launchInfo, directory.get(), user, info.id(), environment,
               executor->checkpoint)
      .onAny(process::defer(
          self(), [this, frameworkId, executorId, containerId](
                      const Future<Containerizer::LaunchResult>& future) {
            executorLaunched(frameworkId, executorId, containerId, future);
          }));

  process::delay(flags.executor_registration_timeout, self(),
                 &Slave::registerExecutorTimeout, frameworkId, executorId,
                 containerId);

  return executor;
}

void Slave::executorLaunched(
    const FrameworkID& frameworkId, const ExecutorID& executorId,
    const ContainerID& containerId,
    const Future<Containerizer::LaunchResult>& future) {
  Executor* executor = getExecutor(frameworkId, executorId);
  const bool current =
      executor != nullptr && executor->containerId == containerId;

  auto terminated = [this, frameworkId, executorId, containerId](
                        const Future<Option<ContainerTermination>>& f) {
    executorTerminated(frameworkId, executorId, containerId, f);
  };

  if (!future.isReady() ||
      future.get() == Containerizer::LaunchResult::NOT_SUPPORTED) {
    const std::string message =
        future.isReady()
            ? "No containerizer supports executor '" + executorId.value() + "'"
            : "Failed to launch container: " +
                  (future.isFailed() ? future.failure() : "discarded");
    LOG(ERROR) << "Container '" << containerId << "' for executor '"
               << executorId << "' of framework " << frameworkId
               << " failed to start: " << message;
    counters.containerLaunchErrors++;

    if (current) {
      ContainerTermination termination;
      termination.state = TASK_FAILED;
      termination.reasons.push_back(TaskStatus::REASON_CONTAINER_LAUNCH_FAILED);
      termination.message = message;
      executor->pendingTermination = termination;
    }

    containerizer->destroy(containerId)
        .onAny(process::defer(self(), terminated));
    return;
  }

  if (!current) {
    // The executor went away (framework shut down) while launching.
    LOG(WARNING) << "Destroying container '" << containerId
                 << "' whose executor '" << executorId << "' is gone";
    containerizer->destroy(containerId);
    return;
  }

  if (future.get() == Containerizer::LaunchResult::ALREADY_LAUNCHED) {
    LOG(WARNING) << "Container '" << containerId << "' was already launched";
  }

  containerizer->wait(containerId).onAny(process::defer(self(), terminated));

  if (executor->state == Executor::TERMINATING) {
    containerizer->destroy(containerId);
  }
}

void Slave::registerExecutorTimeout(const FrameworkID& frameworkId,
                                    const ExecutorID& executorId,
                                    const ContainerID& containerId) {
  Executor* executor = getExecutor(frameworkId, executorId);
  if (executor == nullptr || executor->containerId != containerId ||
      executor->state != Executor::REGISTERING) {
    return;
  }

  LOG(INFO) << "Terminating executor '" << executorId << "' of framework "
            << frameworkId << " because it did not register within "
            << flags.executor_registration_timeout;

  executor->state = Executor::TERMINATING;

  ContainerTermination termination;
  termination.state = TASK_FAILED;
  termination.reasons.push_back(
      TaskStatus::REASON_EXECUTOR_REGISTRATION_TIMEOUT);
  termination.message = "Executor did not register within " +
                        stringify(flags.executor_registration_timeout);
  executor->pendingTermination = termination;

  containerizer->destroy(containerId);
}

void Slave::sendQueuedTasks(const Future<Nothing>& update,
                            const FrameworkID& frameworkId,
                            const ExecutorID& executorId,
                            const ContainerID& containerId) {
  Framework* framework = getFramework(frameworkId);
  Executor* executor = getExecutor(frameworkId, executorId);
  if (executor == nullptr || executor->containerId != containerId ||
      executor->state != Executor::RUNNING || executor->pid.isNone()) {
    return;
  }

  if (!update.isReady()) {
    LOG(ERROR) << "Failed to update the resources of container '" << containerId
               << "' of executor '" << executorId
               << "': " << (update.isFailed() ? update.failure() : "discarded")
               << "; destroying it";
    executor->state = Executor::TERMINATING;
    containerizer->destroy(containerId);
    return;
  }

  while (!executor->queuedTasks.empty()) {
    const TaskInfo task = executor->queuedTasks.front();
    executor->queuedTasks.pop_front();
    executor->addLaunchedTask(task);

    LOG(INFO) << "Sending task '" << task.task_id() << "' to executor '"
              << executorId << "' of framework " << frameworkId;

    RunTaskMessage message;
    message.mutable_framework()->CopyFrom(framework->info);
    message.mutable_framework_id()->CopyFrom(frameworkId);
    message.set_pid(framework->pid.isSome() ? std::string(framework->pid.get())
                                            : std::string());
    message.mutable_task()->CopyFrom(task);
    send(executor->pid.get(), message);
  }
}

void Slave::runTaskGroup(const UPID& from, const FrameworkInfo& frameworkInfo,
                         const ExecutorInfo& executorInfo,
                         const TaskGroupInfo& taskGroup) {
  if (!fromMaster(from, "run task group")) {
    return;
  }

  // Task groups need the default executor, which this agent does not ship:
  // every task of the group fails right away with a clear reason.
  for (const TaskInfo& task : taskGroup.tasks()) {
    LOG(WARNING) << "Refusing task '" << task.task_id()
                 << "' of a task group: the default executor is not built";
    statusUpdate(
        protobuf::createStatusUpdate(
            frameworkInfo.id(), info.id(), task.task_id(), TASK_ERROR,
            TaskStatus::SOURCE_SLAVE, id::UUID::random(),
            "Task groups are not supported by this agent (no "
            "default executor)",
            TaskStatus::REASON_TASK_GROUP_INVALID, executorInfo.executor_id()),
        None());
  }
}

}  // namespace slave
}  // namespace internal
}  // namespace mesos
