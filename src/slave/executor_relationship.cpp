// The agent's relationship with its executors: registration, status
// updates (checkpointed and forwarded by the TaskStatusUpdateManager, then
// acknowledged to the executor), kills, shutdowns with a grace period,
// framework<->executor messages, and the end of an executor's container.

#include <mesos/type_utils.hpp>

#include <process/defer.hpp>
#include <process/delay.hpp>

#include <stout/uuid.hpp>

#include "common/protobuf_utils.hpp"
#include "slave/constants.hpp"
#include "slave/executor_environment.hpp"
#include "slave/paths.hpp"
#include "slave/slave.hpp"
#include "slave/state.hpp"

using process::Future;
using process::UPID;

namespace mesos {
namespace internal {
namespace slave {

namespace {

ShutdownExecutorMessage shutdownMessage(const FrameworkID& frameworkId,
                                        const ExecutorID& executorId) {
  ShutdownExecutorMessage message;
  message.mutable_executor_id()->CopyFrom(executorId);
  message.mutable_framework_id()->CopyFrom(frameworkId);
  return message;
}

}  // namespace

void Slave::registerExecutor(const UPID& from, const FrameworkID& frameworkId,
                             const ExecutorID& executorId) {
  LOG(INFO) << "Got registration for executor '" << executorId
            << "' of framework " << frameworkId << " from " << from;

  if (state == RECOVERING || state == TERMINATING) {
    // As in Mesos: only reregistration is expected while recovering.
    LOG(WARNING) << "Shutting down executor '" << executorId
                 << "' because the agent is " << stateName(state);
    send(from, shutdownMessage(frameworkId, executorId));
    return;
  }

  Framework* framework = getFramework(frameworkId);
  if (framework == nullptr || framework->state == Framework::TERMINATING) {
    LOG(WARNING) << "Shutting down executor '" << executorId
                 << "' of framework " << frameworkId
                 << " because the framework is "
                 << (framework == nullptr ? "unknown" : "terminating");
    send(from, shutdownMessage(frameworkId, executorId));
    return;
  }

  Executor* executor = framework->getExecutor(executorId);
  if (executor == nullptr) {
    LOG(WARNING) << "Shutting down unknown executor '" << executorId
                 << "' of framework " << frameworkId;
    send(from, shutdownMessage(frameworkId, executorId));
    return;
  }

  if (executor->state != Executor::REGISTERING) {
    LOG(WARNING) << "Shutting down executor '" << executorId
                 << "' of framework " << frameworkId << " because it is "
                 << stateName(executor->state);
    send(from, shutdownMessage(frameworkId, executorId));
    return;
  }

  executor->state = Executor::RUNNING;
  executor->pid = from;
  link(from);

  Try<Nothing> checkpointed = executor->checkpointPid();
  if (checkpointed.isError()) {
    LOG(ERROR) << "Failed to checkpoint the pid of executor '" << executorId
               << "': " << checkpointed.error();
  }

  ExecutorRegisteredMessage message;
  message.mutable_executor_info()->CopyFrom(executor->info);
  message.mutable_framework_id()->CopyFrom(frameworkId);
  message.mutable_framework_info()->CopyFrom(framework->info);
  message.mutable_slave_id()->CopyFrom(info.id());
  message.mutable_slave_info()->CopyFrom(info);
  send(from, message);

  // The queued tasks go out once the container holds their resources.
  const ContainerID containerId = executor->containerId;
  containerizer->update(containerId, executor->allocatedResources())
      .onAny(process::defer(self(), [this, frameworkId, executorId,
                                     containerId](const Future<Nothing>& f) {
        sendQueuedTasks(f, frameworkId, executorId, containerId);
      }));
}

void Slave::statusUpdateMessage(const UPID& from,
                                const StatusUpdateMessage& message) {
  const StatusUpdate& update = message.update();
  if (!update.has_uuid() || id::UUID::fromBytes(update.uuid()).isError()) {
    LOG(WARNING) << "Ignoring status update for task "
                 << update.status().task_id() << " from " << from
                 << " without a valid uuid";
    counters.invalidStatusUpdates++;
    return;
  }

  UPID pid = message.has_pid() ? UPID(message.pid()) : UPID();
  if (!pid) {
    pid = from;
  }
  statusUpdate(update, pid);
}

void Slave::statusUpdate(StatusUpdate update, const Option<UPID>& pid) {
  if (info.has_id()) {
    update.mutable_slave_id()->CopyFrom(info.id());
    update.mutable_status()->mutable_slave_id()->CopyFrom(info.id());
  }
  update.mutable_status()->set_source(pid.isSome() ? TaskStatus::SOURCE_EXECUTOR
                                                   : TaskStatus::SOURCE_SLAVE);
  if (!update.status().has_uuid() && update.has_uuid()) {
    update.mutable_status()->set_uuid(update.uuid());
  }

  const TaskStatus& status = update.status();
  const FrameworkID frameworkId = update.framework_id();

  LOG(INFO) << "Handling status update " << TaskState_Name(status.state())
            << " for task " << status.task_id() << " of framework "
            << frameworkId
            << (pid.isSome() ? " from " + stringify(pid.get())
                             : std::string(" (agent)"));

  // Acknowledges the executor once the update is safely recorded.
  auto recorded = [this, update, pid](const Future<Nothing>& future) {
    if (!future.isReady()) {
      LOG(ERROR) << "Failed to handle status update for task "
                 << update.status().task_id() << ": "
                 << (future.isFailed() ? future.failure() : "discarded");
      return;
    }
    if (pid.isSome()) {
      StatusUpdateAcknowledgementMessage ack;
      ack.mutable_slave_id()->CopyFrom(update.slave_id());
      ack.mutable_framework_id()->CopyFrom(update.framework_id());
      ack.mutable_task_id()->CopyFrom(update.status().task_id());
      ack.set_uuid(update.uuid());
      send(pid.get(), ack);
    }
  };

  Framework* framework = getFramework(frameworkId);
  if (framework == nullptr) {
    if (pid.isSome()) {
      LOG(WARNING) << "Ignoring status update for unknown framework "
                   << frameworkId;
      counters.invalidStatusUpdates++;
      return;
    }
    // An update the agent made about a task it never accepted (e.g. of a
    // refused task group): the master still has to learn about it.
    statusUpdateManager->update(update, info.id());
    return;
  }

  if (framework->state == Framework::TERMINATING) {
    LOG(WARNING) << "Ignoring status update for terminating framework "
                 << frameworkId;
    counters.invalidStatusUpdates++;
    return;
  }

  Executor* executor = framework->getExecutor(status.task_id());
  if (executor == nullptr) {
    LOG(WARNING) << "Could not find the executor of task " << status.task_id()
                 << "; forwarding the update anyway";
    counters.validStatusUpdates++;
    statusUpdateManager->update(update, info.id())
        .onAny(process::defer(self(), recorded));
    return;
  }

  const bool terminal = protobuf::isTerminalState(status.state());
  bool live = false;
  if (executor->isQueued(status.task_id())) {
    // Only the agent reports on a task its executor never saw; a terminal
    // report ends its wait in the queue.
    if (terminal) {
      executor->addLaunchedTask(executor->dequeueTask(status.task_id()).get());
      live = true;
    }
  } else {
    Task* task = executor->findTask(status.task_id());
    live = task != nullptr && !protobuf::isTerminalState(task->state());
  }

  executor->updateTaskState(status);
  counters.validStatusUpdates++;

  if (terminal && live) {
    switch (status.state()) {
      case TASK_FINISHED:
        counters.tasksFinished++;
        break;
      case TASK_FAILED:
        counters.tasksFailed++;
        break;
      case TASK_KILLED:
        counters.tasksKilled++;
        break;
      case TASK_LOST:
        counters.tasksLost++;
        break;
      case TASK_DROPPED:
        counters.tasksDropped++;
        break;
      case TASK_GONE:
        counters.tasksGone++;
        break;
      default:
        break;
    }
  }

  Future<Nothing> checkpointed =
      executor->checkpoint
          ? statusUpdateManager->update(update, info.id(), executor->id,
                                        executor->containerId)
          : statusUpdateManager->update(update, info.id());
  checkpointed.onAny(process::defer(self(), recorded));
}

void Slave::forward(StatusUpdate update) {
  if (state != RUNNING || master.isNone()) {
    LOG(WARNING) << "Dropping status update for task "
                 << update.status().task_id()
                 << " sent by the status update manager because the agent is "
                 << stateName(state);
    return;
  }

  Framework* framework = getFramework(update.framework_id());
  if (framework != nullptr) {
    Executor* executor = framework->getExecutor(update.status().task_id());
    if (executor != nullptr) {
      Task* task = executor->findTask(update.status().task_id());
      if (task != nullptr) {
        task->set_status_update_state(update.status().state());
        task->set_status_update_uuid(update.uuid());
      }
    }
  }

  StatusUpdateMessage message;
  message.mutable_update()->CopyFrom(update);
  message.set_pid(self());
  send(master.get(), message);
}

void Slave::statusUpdateAcknowledgement(const UPID& from,
                                        const SlaveID& slaveId,
                                        const FrameworkID& frameworkId,
                                        const TaskID& taskId,
                                        const std::string& uuid) {
  if (!fromMaster(from, "status update acknowledgement")) {
    return;
  }

  Try<id::UUID> parsed = id::UUID::fromBytes(uuid);
  if (parsed.isError()) {
    LOG(WARNING) << "Ignoring acknowledgement for task " << taskId
                 << " with an invalid uuid: " << parsed.error();
    return;
  }

  statusUpdateManager->acknowledgement(taskId, frameworkId, parsed.get())
      .onAny(process::defer(self(), [this, taskId, frameworkId,
                                     parsed](const Future<bool>& future) {
        if (!future.isReady()) {
          LOG(ERROR) << "Failed to handle status update acknowledgement (UUID: "
                     << parsed.get() << ") for task " << taskId
                     << " of framework " << frameworkId << ": "
                     << (future.isFailed() ? future.failure() : "discarded");
          return;
        }

        Framework* framework = getFramework(frameworkId);
        if (framework == nullptr) {
          return;
        }
        Executor* executor = framework->getExecutor(taskId);
        if (executor == nullptr) {
          return;
        }

        // READY(false): the terminal update was acknowledged.
        if (!future.get()) {
          executor->completeTask(taskId);
        }

        if (executor->state == Executor::TERMINATED &&
            !executor->incompleteTasks()) {
          removeExecutor(framework, executor);
        }
        if (framework->executors.empty() && framework->pending.empty()) {
          removeFramework(framework);
        }
      }));
}

void Slave::killTask(const UPID& from, const KillTaskMessage& message) {
  if (!fromMaster(from, "kill task")) {
    return;
  }

  const FrameworkID& frameworkId = message.framework_id();
  const TaskID& taskId = message.task_id();

  LOG(INFO) << "Asked to kill task " << taskId << " of framework "
            << frameworkId;

  if (state == RECOVERING || state == TERMINATING) {
    LOG(WARNING) << "Cannot kill task " << taskId << " because the agent is "
                 << stateName(state);
    return;
  }

  Framework* framework = getFramework(frameworkId);
  if (framework == nullptr) {
    LOG(WARNING) << "Ignoring kill task " << taskId
                 << " because no such framework is running";
    counters.invalidFrameworkMessages++;
    return;
  }
  if (framework->state == Framework::TERMINATING) {
    LOG(WARNING) << "Ignoring kill task " << taskId
                 << " because the framework is terminating";
    return;
  }

  auto killed = [&](const Option<ExecutorID>& executorId) {
    statusUpdate(protobuf::createStatusUpdate(
                     frameworkId, info.id(), taskId, TASK_KILLED,
                     TaskStatus::SOURCE_SLAVE, id::UUID::random(),
                     "Killed before delivery to the executor",
                     TaskStatus::REASON_TASK_KILLED_DURING_LAUNCH, executorId),
                 None());
  };

  if (framework->isPending(taskId)) {
    // _runTask will find the task gone and not launch it.
    framework->removePendingTask(taskId);
    killed(None());
    if (framework->executors.empty() && framework->pending.empty()) {
      removeFramework(framework);
    }
    return;
  }

  Executor* executor = framework->getExecutor(taskId);
  if (executor == nullptr) {
    LOG(WARNING) << "Cannot kill task " << taskId
                 << " because no corresponding executor is running";
    const TaskState taskState =
        protobuf::frameworkHasCapability(
            framework->info, FrameworkInfo::Capability::PARTITION_AWARE)
            ? TASK_DROPPED
            : TASK_LOST;
    statusUpdate(
        protobuf::createStatusUpdate(frameworkId, info.id(), taskId, taskState,
                                     TaskStatus::SOURCE_SLAVE,
                                     id::UUID::random(), "Cannot find executor",
                                     TaskStatus::REASON_EXECUTOR_TERMINATED),
        None());
    return;
  }

  switch (executor->state) {
    case Executor::REGISTERING:
      if (executor->isQueued(taskId)) {
        killed(executor->id);
      }
      // An executor left with nothing to run is not worth starting.
      if (executor->queuedTasks.empty() && executor->launchedTasks.empty()) {
        LOG(INFO) << "Executor '" << executor->id
                  << "' has no tasks left; destroying its container";
        executor->state = Executor::TERMINATING;
        containerizer->destroy(executor->containerId);
      }
      break;

    case Executor::TERMINATING:
    case Executor::TERMINATED:
      LOG(WARNING) << "Ignoring kill task " << taskId << " because executor '"
                   << executor->id << "' is " << stateName(executor->state);
      break;

    case Executor::RUNNING:
      if (executor->isQueued(taskId)) {
        killed(executor->id);
      } else {
        send(executor->pid.get(), message);
      }
      break;
  }
}

void Slave::shutdownFramework(const UPID& from,
                              const FrameworkID& frameworkId) {
  if (from && !fromMaster(from, "shutdown framework")) {
    return;
  }

  Framework* framework = getFramework(frameworkId);
  if (framework == nullptr) {
    LOG(WARNING) << "Cannot shut down unknown framework " << frameworkId;
    return;
  }
  if (framework->state == Framework::TERMINATING) {
    return;
  }

  LOG(INFO) << "Shutting down framework " << frameworkId;
  framework->state = Framework::TERMINATING;
  framework->pending.clear();

  std::vector<Executor*> executors;
  for (auto& [executorId, executor] : framework->executors) {
    executors.push_back(executor.get());
  }
  for (Executor* executor : executors) {
    if (executor->state == Executor::TERMINATED) {
      // Its container is gone already; only unacknowledged updates kept
      // it, and a terminating framework will not acknowledge them.
      removeExecutor(framework, executor);
    } else {
      shutdownExecutor(framework, executor);
    }
  }

  if (framework->executors.empty()) {
    removeFramework(framework);
  }
}

void Slave::shutdownExecutorMessage(const UPID& from,
                                    const ShutdownExecutorMessage& message) {
  if (!fromMaster(from, "shutdown executor")) {
    return;
  }

  Framework* framework = getFramework(message.framework_id());
  if (framework == nullptr || framework->state == Framework::TERMINATING) {
    LOG(WARNING) << "Cannot shut down executor '" << message.executor_id()
                 << "' of unknown or terminating framework "
                 << message.framework_id();
    return;
  }

  Executor* executor = framework->getExecutor(message.executor_id());
  if (executor == nullptr) {
    LOG(WARNING) << "Cannot shut down unknown executor '"
                 << message.executor_id() << "'";
    return;
  }

  shutdownExecutor(framework, executor);
}

void Slave::shutdownExecutor(Framework* framework, Executor* executor) {
  if (executor->state == Executor::TERMINATING ||
      executor->state == Executor::TERMINATED) {
    return;
  }

  LOG(INFO) << "Shutting down executor '" << executor->id << "' of framework "
            << framework->id();

  executor->state = Executor::TERMINATING;
  if (executor->pid.isSome()) {
    send(executor->pid.get(), shutdownMessage(framework->id(), executor->id));
  }

  process::delay(executorShutdownGracePeriod(flags, executor->info), self(),
                 &Slave::shutdownExecutorTimeout, framework->id(), executor->id,
                 executor->containerId);
}

void Slave::shutdownExecutorTimeout(const FrameworkID& frameworkId,
                                    const ExecutorID& executorId,
                                    const ContainerID& containerId) {
  Executor* executor = getExecutor(frameworkId, executorId);
  if (executor == nullptr || executor->containerId != containerId ||
      executor->state != Executor::TERMINATING) {
    return;
  }

  LOG(INFO) << "Killing executor '" << executorId << "' of framework "
            << frameworkId << " after its shutdown grace period";
  containerizer->destroy(containerId);
}

void Slave::schedulerMessage(const UPID& from,
                             const FrameworkToExecutorMessage& message) {
  if (!fromMaster(from, "framework message")) {
    return;
  }

  if (state != RUNNING) {
    LOG(WARNING) << "Dropping framework message because the agent is "
                 << stateName(state);
    counters.invalidFrameworkMessages++;
    return;
  }

  Framework* framework = getFramework(message.framework_id());
  if (framework == nullptr || framework->state == Framework::TERMINATING) {
    LOG(WARNING) << "Dropping message for unknown or terminating framework "
                 << message.framework_id();
    counters.invalidFrameworkMessages++;
    return;
  }

  Executor* executor = framework->getExecutor(message.executor_id());
  if (executor == nullptr || executor->state != Executor::RUNNING) {
    LOG(WARNING) << "Dropping message for executor '" << message.executor_id()
                 << "' that is not running";
    counters.invalidFrameworkMessages++;
    return;
  }

  send(executor->pid.get(), message);
  counters.validFrameworkMessages++;
}

void Slave::executorMessage(const UPID& from,
                            const ExecutorToFrameworkMessage& message) {
  if (state != RUNNING || master.isNone()) {
    LOG(WARNING) << "Dropping executor message because the agent is "
                 << stateName(state);
    counters.invalidFrameworkMessages++;
    return;
  }

  Framework* framework = getFramework(message.framework_id());
  if (framework == nullptr || framework->state == Framework::TERMINATING) {
    LOG(WARNING) << "Dropping executor message for unknown or terminating "
                 << "framework " << message.framework_id();
    counters.invalidFrameworkMessages++;
    return;
  }

  // Through the master, which can reach the scheduler when we cannot.
  ExecutorToFrameworkMessage relayed = message;
  relayed.mutable_slave_id()->CopyFrom(info.id());
  send(master.get(), relayed);
  counters.validFrameworkMessages++;
}

void Slave::updateFramework(const UPID& from,
                            const UpdateFrameworkMessage& message) {
  if (!fromMaster(from, "framework update")) {
    return;
  }

  Framework* framework = getFramework(message.framework_id());
  if (framework == nullptr) {
    LOG(WARNING) << "Ignoring update of unknown framework "
                 << message.framework_id();
    return;
  }

  if (message.has_framework_info()) {
    framework->info.CopyFrom(message.framework_info());
    framework->info.mutable_id()->CopyFrom(message.framework_id());
  }
  if (message.has_pid() && !message.pid().empty()) {
    framework->pid = UPID(message.pid());
  } else {
    framework->pid = None();
  }

  Try<Nothing> checkpointed = framework->checkpointFramework();
  if (checkpointed.isError()) {
    LOG(ERROR) << "Failed to checkpoint framework " << message.framework_id()
               << ": " << checkpointed.error();
  }

  // A failed-over scheduler gets the pending updates right away.
  if (state == RUNNING) {
    statusUpdateManager->resume();
  }
}

void Slave::checkpointResources(const UPID& from,
                                const CheckpointResourcesMessage& message) {
  if (!fromMaster(from, "checkpoint resources")) {
    return;
  }
  checkpointedResources = Resources(message.resources());
  Try<Nothing> written = state::checkpoint(
      paths::getResourcesInfoPath(metaDir()), checkpointedResources);
  if (written.isError()) {
    LOG(ERROR) << "Failed to checkpoint resources: " << written.error();
  }
}

void Slave::sendExecutorTerminatedUpdate(
    const TaskID& taskId,
    const Future<Option<ContainerTermination>>& termination,
    const FrameworkID& frameworkId, const Executor& executor) {
  const Option<ContainerTermination> known =
      termination.isReady() ? termination.get() : None();

  TaskState taskState = TASK_FAILED;
  if (known.isSome() && known->state.isSome()) {
    taskState = known->state.get();
  } else if (executor.pendingTermination.isSome() &&
             executor.pendingTermination->state.isSome()) {
    taskState = executor.pendingTermination->state.get();
  }

  TaskStatus::Reason reason = TaskStatus::REASON_EXECUTOR_TERMINATED;
  if (executor.pendingTermination.isSome() &&
      !executor.pendingTermination->reasons.empty()) {
    reason = executor.pendingTermination->reasons.front();
  } else if (known.isSome() && !known->reasons.empty()) {
    reason = known->reasons.front();
  }

  std::string message = "Executor terminated";
  if (executor.pendingTermination.isSome() &&
      !executor.pendingTermination->message.empty()) {
    message = executor.pendingTermination->message;
  } else if (known.isSome() && !known->message.empty()) {
    message = known->message;
  } else if (termination.isFailed()) {
    message = "Abnormal executor termination: " + termination.failure();
  }

  statusUpdate(
      protobuf::createStatusUpdate(frameworkId, info.id(), taskId, taskState,
                                   TaskStatus::SOURCE_SLAVE, id::UUID::random(),
                                   message, reason, executor.id),
      None());
}

void Slave::executorTerminated(
    const FrameworkID& frameworkId, const ExecutorID& executorId,
    const ContainerID& containerId,
    const Future<Option<ContainerTermination>>& termination) {
  Framework* framework = getFramework(frameworkId);
  Executor* executor =
      framework == nullptr ? nullptr : framework->getExecutor(executorId);
  if (executor == nullptr || executor->containerId != containerId ||
      executor->state == Executor::TERMINATED) {
    return;
  }

  int status = -1;
  if (termination.isReady() && termination->isSome() &&
      termination->get().status.isSome()) {
    status = termination->get().status.get();
  }

  LOG(INFO) << "Executor '" << executorId << "' of framework " << frameworkId
            << " has terminated"
            << (termination.isFailed() ? ": " + termination.failure()
                                       : " with status " + stringify(status));

  executor->state = Executor::TERMINATED;

  if (framework->state != Framework::TERMINATING) {
    std::vector<TaskID> live;
    for (const auto& [taskId, task] : executor->launchedTasks) {
      if (!protobuf::isTerminalState(task.state())) {
        live.push_back(taskId);
      }
    }
    for (const TaskInfo& task : executor->queuedTasks) {
      live.push_back(task.task_id());
    }
    for (const TaskID& taskId : live) {
      sendExecutorTerminatedUpdate(taskId, termination, frameworkId, *executor);
    }
  }

  if (!executor->commandExecutor && master.isSome() && info.has_id()) {
    ExitedExecutorMessage message;
    message.mutable_slave_id()->CopyFrom(info.id());
    message.mutable_framework_id()->CopyFrom(frameworkId);
    message.mutable_executor_id()->CopyFrom(executorId);
    message.set_status(status);
    send(master.get(), message);
  }

  if (state == TERMINATING || framework->state == Framework::TERMINATING ||
      !executor->incompleteTasks()) {
    removeExecutor(framework, executor);
  }

  if (framework->executors.empty() && framework->pending.empty()) {
    removeFramework(framework);
  }
}

void Slave::removeExecutor(Framework* framework, Executor* executor) {
  LOG(INFO) << "Cleaning up executor '" << executor->id << "' of framework "
            << framework->id();

  if (executor->checkpoint) {
    Try<Nothing> sentinel = state::checkpoint(
        paths::getExecutorSentinelPath(metaDir(), info.id(), framework->id(),
                                       executor->id, executor->containerId),
        std::string());
    if (sentinel.isError()) {
      LOG(ERROR) << "Failed to mark executor '" << executor->id
                 << "' completed: " << sentinel.error();
    }
  }

  // The executor's directories (all its runs) go after gc_delay, unless a
  // new task for the same executor id unschedules them first.
  garbageCollect(paths::getExecutorPath(flags.work_dir, info.id(),
                                        framework->id(), executor->id));
  garbageCollect(paths::getExecutorPath(metaDir(), info.id(), framework->id(),
                                        executor->id));

  framework->completeExecutor(executor->id);
}

void Slave::removeFramework(Framework* framework) {
  const FrameworkID frameworkId = framework->id();
  LOG(INFO) << "Cleaning up framework " << frameworkId;

  statusUpdateManager->cleanup(frameworkId);

  garbageCollect(
      paths::getFrameworkPath(flags.work_dir, info.id(), frameworkId));
  garbageCollect(paths::getFrameworkPath(metaDir(), info.id(), frameworkId));

  auto it = frameworks.find(frameworkId);
  if (it != frameworks.end()) {
    completedFrameworks.push_back(
        std::shared_ptr<Framework>(it->second.release()));
    frameworks.erase(it);
    while (completedFrameworks.size() > MAX_COMPLETED_FRAMEWORKS) {
      completedFrameworks.pop_front();
    }
  }

  finishShutdownIfDone();
}

}  // namespace slave
}  // namespace internal
}  // namespace mesos
