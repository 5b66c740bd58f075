// Recovery at start-up (Mesos's --recover=reconnect|cleanup): rebuild the
// agent's frameworks, executors and tasks from the checkpoints under
// work_dir/meta, replay the status update streams, let the containerizer
// find its containers again, ask every live executor to reregister, and
// give up on those that do not within --executor_reregistration_timeout.
// Only then does the agent look for the master (and reregister with the
// same agent id).

#include <mesos/attributes.hpp>
#include <mesos/type_utils.hpp>

#include <process/defer.hpp>
#include <process/delay.hpp>

#include <stout/os.hpp>
#include <stout/path.hpp>

#include "common/protobuf_utils.hpp"
#include "slave/paths.hpp"
#include "slave/slave.hpp"

using process::Future;
using process::UPID;

namespace mesos {
namespace internal {
namespace slave {

namespace {

// Whether an agent checkpointed as `previous` may come back as `current`
// under --reconfiguration_policy (Mesos's rules, simplified: "equal" wants
// the same hostname, port, resources and attributes; "additive" also
// accepts more resources and more attributes).
Option<std::string> incompatibility(const SlaveInfo& previous,
                                    const SlaveInfo& current,
                                    const std::string& policy) {
  if (previous.hostname() != current.hostname()) {
    return "hostname changed from '" + previous.hostname() + "' to '" +
           current.hostname() + "'";
  }
  if (previous.port() != current.port()) {
    return "port changed from " + stringify(previous.port()) + " to " +
           stringify(current.port());
  }

  const Resources before(previous.resources());
  const Resources after(current.resources());
  const bool resourcesOk =
      policy == "additive" ? after.contains(before) : before == after;
  if (!resourcesOk) {
    return "resources changed from '" + stringify(before) + "' to '" +
           stringify(after) + "'";
  }

  const Attributes attributesBefore(previous.attributes());
  const Attributes attributesAfter(current.attributes());
  bool attributesOk = true;
  if (policy == "additive") {
    for (const Attribute& attribute : attributesBefore) {
      attributesOk = attributesOk && attributesAfter.contains(attribute);
    }
  } else {
    attributesOk = attributesBefore == attributesAfter;
  }
  if (!attributesOk) {
    return std::string("attributes changed");
  }
  return None();
}

ShutdownExecutorMessage shutdownMessage(const FrameworkID& frameworkId,
                                        const ExecutorID& executorId) {
  ShutdownExecutorMessage message;
  message.mutable_executor_id()->CopyFrom(executorId);
  message.mutable_framework_id()->CopyFrom(frameworkId);
  return message;
}

}  // namespace

void Slave::fail(const std::string& message) {
  LOG(ERROR) << message;
  failure_ = message;
  state = TERMINATING;
  process::terminate(self());
}

void Slave::recover() {
  Try<state::State> recovered = state::recover(metaDir(), flags.strict);
  if (recovered.isError()) {
    fail("Failed to recover the agent's checkpointed state: " +
         recovered.error() +
         ". To start afresh (running tasks are then lost), remove '" +
         paths::getLatestSlavePath(metaDir()) + "' and restart the agent");
    return;
  }
  if (recovered->errors > 0) {
    LOG(WARNING) << "Skipped " << recovered->errors
                 << " unreadable checkpoints (--strict=false)";
  }

  Try<Nothing> rebuilt = recoverState(recovered.get());
  if (rebuilt.isError()) {
    fail(rebuilt.error());
    return;
  }

  statusUpdateManager->recover(metaDir(), recoveredState)
      .then(process::defer(
          self(), [this]() { return containerizer->recover(recoveredState); }))
      .onAny(process::defer(self(), &Slave::recovered, std::placeholders::_1));
}

Try<Nothing> Slave::recoverState(const state::State& recovered) {
  if (recovered.resources.isSome()) {
    checkpointedResources = recovered.resources->resources;
  }

  if (recovered.slave.isNone() || recovered.slave->info.isNone()) {
    LOG(INFO) << "No checkpointed agent to recover; starting afresh";
    return Nothing();
  }

  const state::SlaveState& slaveState = recovered.slave.get();
  SlaveInfo current = info;
  current.set_port(self().address.port);
  Option<std::string> incompatible = incompatibility(
      slaveState.info.get(), current, flags.reconfiguration_policy);
  if (incompatible.isSome()) {
    return Error(
        "Incompatible agent info detected: " + incompatible.get() +
        ". The checkpointed agent " + slaveState.id.value() +
        " cannot be recovered with these flags. To start as a new agent "
        "(its running tasks are then lost): remove '" +
        paths::getLatestSlavePath(metaDir()) +
        "' and restart, or restart with the previous flags");
  }

  info.mutable_id()->CopyFrom(slaveState.id);
  recoveredState = slaveState;

  LOG(INFO) << "Recovering agent " << slaveState.id << " with "
            << slaveState.frameworks.size() << " frameworks";

  for (const auto& [frameworkId, frameworkState] : slaveState.frameworks) {
    recoverFramework(frameworkState);
  }
  return Nothing();
}

void Slave::recoverFramework(const state::FrameworkState& frameworkState) {
  if (frameworkState.info.isNone()) {
    LOG(WARNING) << "Skipping framework " << frameworkState.id
                 << " without a checkpointed framework.info";
    garbageCollect(
        paths::getFrameworkPath(metaDir(), info.id(), frameworkState.id));
    return;
  }

  FrameworkInfo frameworkInfo = frameworkState.info.get();
  frameworkInfo.mutable_id()->CopyFrom(frameworkState.id);

  auto framework = std::make_unique<Framework>(
      info.id(), frameworkInfo, frameworkState.pid,
      flags.max_completed_executors_per_framework, metaDir());

  for (const auto& [executorId, executorState] : frameworkState.executors) {
    if (executorState.info.isNone() || executorState.latest.isNone() ||
        !executorState.runs.contains(executorState.latest.get())) {
      LOG(WARNING) << "Skipping executor '" << executorId << "' of framework "
                   << frameworkState.id << " without a recoverable run";
      continue;
    }

    const ContainerID containerId = executorState.latest.get();
    const state::RunState& run = executorState.runs.at(containerId);
    const std::string directory = paths::getExecutorRunPath(
        flags.work_dir, info.id(), frameworkState.id, executorId, containerId);

    auto executor = std::make_unique<Executor>(
        info.id(), frameworkState.id, executorState.info.get(), containerId,
        directory, None(), true, executorState.generatedForCommandTask,
        metaDir());
    executor->pid = run.libprocessPid;

    for (const auto& [taskId, taskState] : run.tasks) {
      if (taskState.info.isNone()) {
        continue;
      }
      Task task = taskState.info.get();
      task.mutable_slave_id()->CopyFrom(info.id());
      executor->launchedTasks[taskId] = task;
      for (const StatusUpdate& update : taskState.updates) {
        executor->updateTaskState(update.status());
      }
      // A terminal update the framework acknowledged completes the task.
      const bool acknowledgedTerminal =
          !taskState.updates.empty() &&
          protobuf::isTerminalState(
              taskState.updates.back().status().state()) &&
          id::UUID::fromBytes(taskState.updates.back().uuid()).isSome() &&
          taskState.acks.contains(
              id::UUID::fromBytes(taskState.updates.back().uuid()).get());
      if (acknowledgedTerminal) {
        executor->completeTask(taskId);
      }
    }

    if (run.completed) {
      framework->completedExecutors.push_back(
          std::shared_ptr<Executor>(executor.release()));
      continue;
    }

    files->attach(directory, directory);
    framework->executors[executorId] = std::move(executor);
  }

  if (framework->executors.empty()) {
    LOG(INFO) << "Framework " << frameworkState.id
              << " has no live executors left; not recovering it";
    garbageCollect(
        paths::getFrameworkPath(flags.work_dir, info.id(), frameworkState.id));
    garbageCollect(
        paths::getFrameworkPath(metaDir(), info.id(), frameworkState.id));
    return;
  }

  frameworks[frameworkState.id] = std::move(framework);
}

void Slave::recovered(const Future<Nothing>& future) {
  if (!future.isReady()) {
    fail("Failed to recover the containerizer or the status updates: " +
         (future.isFailed() ? future.failure() : std::string("discarded")) +
         ". To start afresh (running tasks are then lost), remove '" +
         paths::getLatestSlavePath(metaDir()) + "' and restart the agent");
    return;
  }

  if (state != RECOVERING) {
    return;
  }

  // Every recovered executor's container is watched; one the containerizer
  // no longer knows ends at once.
  for (const auto& [frameworkId, framework] : frameworks) {
    for (const auto& [executorId, executor] : framework->executors) {
      const FrameworkID fid = frameworkId;
      const ExecutorID eid = executorId;
      const ContainerID cid = executor->containerId;
      containerizer->wait(cid).onAny(process::defer(
          self(),
          [this, fid, eid, cid](const Future<Option<ContainerTermination>>& f) {
            executorTerminated(fid, eid, cid, f);
          }));
    }
  }

  if (flags.recover == "cleanup") {
    LOG(INFO) << "Cleaning up: shutting down every recovered executor, then "
                 "exiting (--recover=cleanup)";
    shutdown(UPID(), "Agent started with --recover=cleanup");
    return;
  }

  bool waiting = false;
  for (const auto& [frameworkId, framework] : frameworks) {
    for (const auto& [executorId, executor] : framework->executors) {
      if (executor->pid.isSome()) {
        LOG(INFO) << "Asking executor '" << executorId << "' of framework "
                  << frameworkId << " at " << executor->pid.get()
                  << " to reconnect";
        ReconnectExecutorMessage message;
        message.mutable_slave_id()->CopyFrom(info.id());
        send(executor->pid.get(), message);
      } else {
        // Never registered before the restart: nothing to reconnect to.
        // As in Mesos, it is killed at the reregistration timeout (its
        // tasks were never sent to it, and a registration while the agent
        // recovers is refused).
        LOG(INFO) << "Unable to reconnect to executor '" << executorId
                  << "' of framework " << frameworkId
                  << " because no libprocess pid was checkpointed";
      }
      waiting = true;
    }
  }

  if (!waiting) {
    finishRecovery();
    return;
  }

  process::delay(flags.executor_reregistration_timeout, self(),
                 &Slave::reregisterExecutorTimeout);
}

void Slave::reregisterExecutor(const UPID& from,
                               const ReregisterExecutorMessage& message) {
  const FrameworkID& frameworkId = message.framework_id();
  const ExecutorID& executorId = message.executor_id();

  Framework* framework = getFramework(frameworkId);
  Executor* executor =
      framework == nullptr ? nullptr : framework->getExecutor(executorId);

  if (state != RECOVERING || executor == nullptr ||
      framework->state == Framework::TERMINATING ||
      executor->state != Executor::REGISTERING) {
    LOG(WARNING) << "Shutting down executor '" << executorId
                 << "' of framework " << frameworkId
                 << " that tried to reregister while the agent is "
                 << stateName(state)
                 << (executor == nullptr ? " and does not know it" : "");
    send(from, shutdownMessage(frameworkId, executorId));
    return;
  }

  LOG(INFO) << "Executor '" << executorId << "' of framework " << frameworkId
            << " reregistered from " << from;

  executor->state = Executor::RUNNING;
  executor->pid = from;
  link(from);
  Try<Nothing> checkpointed = executor->checkpointPid();
  if (checkpointed.isError()) {
    LOG(ERROR) << "Failed to checkpoint the pid of executor '" << executorId
               << "': " << checkpointed.error();
  }

  // Tasks the executor has that the agent lost track of (not checkpointed
  // before the restart) are taken back.
  for (const TaskInfo& task : message.tasks()) {
    if (executor->findTask(task.task_id()) == nullptr) {
      executor->addLaunchedTask(task);
    }
  }

  ExecutorReregisteredMessage reply;
  reply.mutable_slave_id()->CopyFrom(info.id());
  reply.mutable_slave_info()->CopyFrom(info);
  send(from, reply);

  // Updates the executor never saw acknowledged: handled again (the status
  // update manager drops those it already has and re-acknowledges them).
  for (const StatusUpdate& update : message.updates()) {
    if (update.has_uuid() && id::UUID::fromBytes(update.uuid()).isSome()) {
      statusUpdate(update, from);
    }
  }

  containerizer->update(executor->containerId, executor->allocatedResources());
}

void Slave::reregisterExecutorTimeout() {
  if (state != RECOVERING) {
    return;
  }

  for (const auto& [frameworkId, framework] : frameworks) {
    for (const auto& [executorId, executor] : framework->executors) {
      if (executor->state != Executor::REGISTERING) {
        continue;
      }
      LOG(INFO) << "Killing executor '" << executorId << "' of framework "
                << frameworkId << " because it did not reregister within "
                << flags.executor_reregistration_timeout;
      executor->state = Executor::TERMINATING;
      ContainerTermination termination;
      termination.state = TASK_LOST;
      termination.reasons.push_back(
          TaskStatus::REASON_EXECUTOR_REREGISTRATION_TIMEOUT);
      termination.message = "Executor did not reregister within " +
                            stringify(flags.executor_reregistration_timeout);
      executor->pendingTermination = termination;
      containerizer->destroy(executor->containerId);
    }
  }

  finishRecovery();
}

void Slave::finishRecovery() {
  if (state != RECOVERING) {
    return;
  }
  LOG(INFO) << "Finished recovery";
  state = DISCONNECTED;
  detectMaster();
}

}  // namespace slave
}  // namespace internal
}  // namespace mesos
