// The task path: ACCEPT (LAUNCH) and LaunchTasksMessage, status updates
// from agents and acknowledgements from schedulers, kill, reconciliation,
// framework messages in both directions and executor exits.

#include <utility>

#include <glog/logging.h>

#include <mesos/type_utils.hpp>

#include <stout/stringify.hpp>

#include "common/protobuf_utils.hpp"
#include "common/resources_utils.hpp"
#include "master/master.hpp"
#include "master/validation.hpp"

namespace mesos {
namespace internal {
namespace master {

using process::UPID;

namespace {

// Sets the allocation role on every resource of `resources` that has none.
void allocate(google::protobuf::RepeatedPtrField<Resource>* resources,
              const std::string& role) {
  for (Resource& resource : *resources)
    if (!resource.has_allocation_info())
      resource.mutable_allocation_info()->set_role(role);
}

bool terminalOrUnreachable(TaskState state) {
  return protobuf::isTerminalState(state) || state == TASK_UNREACHABLE;
}

// Records a new state (and the status that brought it) on a task copy.
void setState(Task* task, TaskState state, const TaskStatus& status) {
  if (!protobuf::isTerminalState(task->state()))
    task->set_state(state);
  if (task->statuses_size() > 0 &&
      task->statuses(task->statuses_size() - 1).state() == status.state())
    task->mutable_statuses()->RemoveLast();
  TaskStatus* recorded = task->add_statuses();
  *recorded = status;
  recorded->clear_data();  // Status data can be large; Mesos drops it too.
}

}  // namespace

void Master::accept(Framework* framework, scheduler::Call::Accept accept) {
  Option<Error> error = validation::offer::validate(
      accept.offer_ids(), framework->id(), [this](const OfferID& id) {
        auto it = offers_.find(id);
        return it == offers_.end() ? nullptr : &it->second;
      });

  if (error.isSome()) {
    LOG(WARNING) << "ACCEPT call of framework " << framework->id()
                 << " used invalid offers: " << error->message;
    for (const OfferID& offerId : accept.offer_ids()) {
      auto it = offers_.find(offerId);
      if (it != offers_.end() && it->second.framework_id() == framework->id())
        removeOffer(offerId, false);
    }
    const TaskState state =
        framework->partitionAware() ? TASK_DROPPED : TASK_LOST;
    for (const Offer::Operation& operation : accept.operations()) {
      if (operation.type() != Offer::Operation::LAUNCH)
        continue;
      for (const TaskInfo& task : operation.launch().task_infos()) {
        StatusUpdate update = protobuf::createStatusUpdate(
            framework->id(), task.slave_id(), task.task_id(), state,
            TaskStatus::SOURCE_MASTER, None(),
            "Task launched with invalid offers: " + error->message,
            TaskStatus::REASON_INVALID_OFFERS);
        countTerminal(state);
        sendMasterUpdate(framework, update);
      }
    }
    return;
  }

  Resources available;
  SlaveID slaveId;
  for (const OfferID& offerId : accept.offer_ids()) {
    Offer offer;
    Resources resources;
    takeOffer(offerId, &offer, &resources);
    available += resources;
    slaveId = offer.slave_id();
  }

  std::string role = "*";
  for (const Resource& resource : available)
    if (resource.has_allocation_info())
      role = resource.allocation_info().role();

  Slave* slave = getSlave(slaveId);
  for (Offer::Operation& operation : *accept.mutable_operations()) {
    if (operation.type() == Offer::Operation::LAUNCH_GROUP) {
      // Not supported here: the tasks are refused rather than left
      // without an answer.
      for (const TaskInfo& task :
           operation.launch_group().task_group().tasks()) {
        StatusUpdate update = protobuf::createStatusUpdate(
            framework->id(), task.slave_id(), task.task_id(), TASK_ERROR,
            TaskStatus::SOURCE_MASTER, None(),
            "LAUNCH_GROUP operations are not supported by this master",
            TaskStatus::REASON_TASK_GROUP_INVALID);
        countTerminal(TASK_ERROR);
        sendMasterUpdate(framework, update);
      }
      continue;
    }
    if (operation.type() != Offer::Operation::LAUNCH) {
      LOG(WARNING) << "Ignoring unsupported "
                   << Offer::Operation::Type_Name(operation.type())
                   << " operation of framework " << framework->id();
      continue;
    }
    for (TaskInfo& task : *operation.mutable_launch()->mutable_task_infos()) {
      // Frameworks without MULTI_ROLE do not know allocation info: the
      // offer's role is implied.
      if (!framework->capabilities.multiRole) {
        upgradeResources(&task);
        allocate(task.mutable_resources(), role);
        if (task.has_executor())
          allocate(task.mutable_executor()->mutable_resources(), role);
      }
      launch(framework, slave, std::move(task), &available);
    }
  }

  if (!available.empty())
    allocator_->recoverResources(framework->id(), slaveId, available,
                                 accept.filters());
}

void Master::launchTasks(const UPID& from, LaunchTasksMessage&& message) {
  Framework* framework =
      getFrameworkFrom(from, message.framework_id(), "launch tasks");
  if (framework == nullptr)
    return;

  scheduler::Call::Accept accept;
  *accept.mutable_offer_ids() = message.offer_ids();
  *accept.mutable_filters() = message.filters();
  Offer::Operation* operation = accept.add_operations();
  operation->set_type(Offer::Operation::LAUNCH);
  *operation->mutable_launch()->mutable_task_infos() = message.tasks();
  this->accept(framework, std::move(accept));
}

void Master::launch(Framework* framework, Slave* slave, TaskInfo task,
                    Resources* available) {
  upgradeResources(&task);

  // The master fills in the executor's framework id.
  if (task.has_executor() && !task.executor().has_framework_id())
    *task.mutable_executor()->mutable_framework_id() = framework->id();

  if (slave == nullptr) {
    const TaskState state =
        framework->partitionAware() ? TASK_DROPPED : TASK_LOST;
    StatusUpdate update = protobuf::createStatusUpdate(
        framework->id(), task.slave_id(), task.task_id(), state,
        TaskStatus::SOURCE_MASTER, None(), "Agent is not available",
        TaskStatus::REASON_SLAVE_REMOVED);
    countTerminal(state);
    sendMasterUpdate(framework, update);
    return;
  }

  Option<Error> error =
      validation::task::validate(task, *framework, *slave, *available);
  if (error.isSome()) {
    LOG(WARNING) << "Refusing task " << task.task_id() << " of framework "
                 << framework->id() << ": " << error->message;
    StatusUpdate update = protobuf::createStatusUpdate(
        framework->id(), task.slave_id(), task.task_id(), TASK_ERROR,
        TaskStatus::SOURCE_MASTER, None(), error->message,
        TaskStatus::REASON_TASK_INVALID);
    countTerminal(TASK_ERROR);
    sendMasterUpdate(framework, update);
    return;
  }

  Resources consumed = task.resources();
  // Command tasks always get their (command) executor launched.
  const bool launchExecutor =
      !task.has_executor() ||
      !slave->hasExecutor(framework->id(), task.executor().executor_id());
  if (task.has_executor() && launchExecutor) {
    consumed += task.executor().resources();
    slave->executors[framework->id()][task.executor().executor_id()] =
        task.executor();
    framework->executors[slave->id()][task.executor().executor_id()] =
        task.executor();
  }
  *available -= consumed;

  const Task record = protobuf::createTask(task, TASK_STAGING, framework->id());
  framework->addTask(record);
  slave->addTask(record);

  RunTaskMessage message;
  *message.mutable_framework() = framework->info;
  *message.mutable_framework_id() = framework->id();
  message.set_pid(stringify(framework->pid));
  *message.mutable_task() = task;
  message.set_launch_executor(launchExecutor);
  if (!slave->capabilities.multiRole) {
    for (Resource& resource : *message.mutable_task()->mutable_resources())
      resource.clear_allocation_info();
    if (message.task().has_executor())
      for (Resource& resource :
           *message.mutable_task()->mutable_executor()->mutable_resources())
        resource.clear_allocation_info();
  }
  if (!slave->capabilities.reservationRefinement) {
    Try<Nothing> downgraded = downgradeResources(&message);
    if (downgraded.isError())
      LOG(WARNING) << "Sending task " << task.task_id()
                   << " with refined reservations to agent " << slave->id()
                   << ", which lacks RESERVATION_REFINEMENT: "
                   << downgraded.error();
  }

  LOG(INFO) << "Launching task " << task.task_id() << " of framework "
            << framework->id() << " on agent " << slave->id();
  send(slave->pid, message);
}

void Master::statusUpdate(const UPID& from, StatusUpdateMessage&& message) {
  const StatusUpdate& update = message.update();
  Slave* slave = update.has_slave_id() ? getSlave(update.slave_id()) : nullptr;
  if (slave == nullptr || slave->pid != from) {
    LOG(WARNING) << "Ignoring status update for task "
                 << update.status().task_id() << " from " << from
                 << ": not a registered agent";
    counters_["master/invalid_status_updates"]++;
    return;
  }
  Framework* framework = getFramework(update.framework_id());
  if (framework == nullptr) {
    LOG(WARNING) << "Ignoring status update for task "
                 << update.status().task_id() << " of unknown framework "
                 << update.framework_id();
    counters_["master/invalid_status_updates"]++;
    return;
  }

  const TaskStatus& status = update.status();
  const TaskState latest =
      update.has_latest_state() ? update.latest_state() : status.state();
  const bool known = updateTask(slave, update);
  counters_["master/valid_status_updates"]++;

  LOG(INFO) << "Forwarding status update " << TaskState_Name(status.state())
            << " for task " << status.task_id() << " of framework "
            << framework->id();
  sendToFramework(framework, message);

  // An update without uuid is never acknowledged: a terminal one ends the
  // task's life in the master right away.
  if (known && protobuf::isTerminalState(latest) && !update.has_uuid())
    removeTask(framework, slave, status.task_id());
}

void Master::acknowledge(Framework* framework, const SlaveID& slaveId,
                         const TaskID& taskId, const std::string& uuid) {
  Slave* slave = getSlave(slaveId);
  if (slave == nullptr) {
    LOG(WARNING) << "Cannot forward acknowledgement for task " << taskId
                 << " of framework " << framework->id() << ": agent " << slaveId
                 << " is not registered";
    return;
  }

  StatusUpdateAcknowledgementMessage message;
  *message.mutable_slave_id() = slaveId;
  *message.mutable_framework_id() = framework->id();
  *message.mutable_task_id() = taskId;
  message.set_uuid(uuid);
  send(slave->pid, message);

  Task* task = slave->findTask(framework->id(), taskId);
  if (task == nullptr || !protobuf::isTerminalState(task->state()))
    return;
  for (const TaskStatus& status : task->statuses()) {
    if (status.uuid() == uuid && protobuf::isTerminalState(status.state())) {
      removeTask(framework, slave, taskId);
      return;
    }
  }
}

void Master::statusUpdateAcknowledgement(
    const UPID& from, const StatusUpdateAcknowledgementMessage& message) {
  Framework* framework =
      getFrameworkFrom(from, message.framework_id(), "acknowledgement");
  if (framework != nullptr)
    acknowledge(framework, message.slave_id(), message.task_id(),
                message.uuid());
}

void Master::kill(Framework* framework, const TaskID& taskId,
                  const Option<SlaveID>& slaveId) {
  auto it = framework->tasks.find(taskId);
  if (it == framework->tasks.end()) {
    LOG(WARNING) << "Cannot kill task " << taskId << " of framework "
                 << framework->id()
                 << " because it is unknown; performing reconciliation";
    reconcile(framework, {{taskId, slaveId}});
    return;
  }
  Slave* slave = getSlave(it->second.slave_id());
  if (slave == nullptr) {
    LOG(WARNING) << "Cannot kill task " << taskId << " of framework "
                 << framework->id() << ": its agent " << it->second.slave_id()
                 << " is not registered";
    return;
  }
  KillTaskMessage message;
  *message.mutable_framework_id() = framework->id();
  *message.mutable_task_id() = taskId;
  LOG(INFO) << "Asking agent " << slave->id() << " to kill task " << taskId
            << " of framework " << framework->id();
  send(slave->pid, message);
}

void Master::killTask(const UPID& from, const KillTaskMessage& message) {
  Framework* framework =
      getFrameworkFrom(from, message.framework_id(), "kill task");
  if (framework != nullptr)
    kill(framework, message.task_id(), None());
}

void Master::reconcile(
    Framework* framework,
    const std::vector<std::pair<TaskID, Option<SlaveID>>>& tasks) {
  const bool partitionAware = framework->partitionAware();
  auto send_ = [&](const TaskID& taskId, const Option<SlaveID>& slaveId,
                   TaskState state, const std::string& message) {
    StatusUpdate update = protobuf::createStatusUpdate(
        framework->id(), slaveId, taskId, state, TaskStatus::SOURCE_MASTER,
        None(), message, TaskStatus::REASON_RECONCILIATION);
    sendMasterUpdate(framework, update);
  };

  const TaskState unreachableState =
      partitionAware ? TASK_UNREACHABLE : TASK_LOST;

  if (tasks.empty()) {
    // Implicit: the latest state of every task the master knows.
    for (const auto& [taskId, task] : framework->tasks)
      send_(taskId, task.slave_id(), task.state(),
            "Reconciliation: Latest task state");
    for (const auto& [taskId, task] : framework->unreachableTasks)
      send_(taskId, task.slave_id(), unreachableState,
            "Reconciliation: Task is unreachable");
    return;
  }

  for (const auto& [taskId, slaveId] : tasks) {
    auto known = framework->tasks.find(taskId);
    auto unreachable = framework->unreachableTasks.find(taskId);
    if (known != framework->tasks.end()) {
      send_(taskId, known->second.slave_id(), known->second.state(),
            "Reconciliation: Latest task state");
    } else if (unreachable != framework->unreachableTasks.end()) {
      send_(taskId, unreachable->second.slave_id(), unreachableState,
            "Reconciliation: Task is unreachable");
    } else if (slaveId.isSome() && getSlave(slaveId.get()) != nullptr) {
      send_(taskId, slaveId, partitionAware ? TASK_GONE : TASK_LOST,
            "Reconciliation: Task is unknown to the agent");
    } else if (slaveId.isSome() && recoveredSlaves_.contains(slaveId.get())) {
      // The agent may still reregister with the task: no answer yet.
      continue;
    } else if (slaveId.isSome() && unreachableSlaves_.contains(slaveId.get())) {
      send_(taskId, slaveId, partitionAware ? TASK_UNREACHABLE : TASK_LOST,
            "Reconciliation: Task is unreachable");
    } else if (slaveId.isSome() && goneSlaves_.contains(slaveId.get())) {
      send_(taskId, slaveId, partitionAware ? TASK_GONE_BY_OPERATOR : TASK_LOST,
            "Reconciliation: Task is gone");
    } else {
      send_(taskId, slaveId, partitionAware ? TASK_UNKNOWN : TASK_LOST,
            "Reconciliation: Task is unknown");
    }
  }
}

void Master::reconcileTasks(const UPID& from, ReconcileTasksMessage&& message) {
  Framework* framework =
      getFrameworkFrom(from, message.framework_id(), "reconciliation");
  if (framework == nullptr)
    return;
  std::vector<std::pair<TaskID, Option<SlaveID>>> tasks;
  for (const TaskStatus& status : message.statuses())
    tasks.emplace_back(status.task_id(),
                       status.has_slave_id()
                           ? Option<SlaveID>(status.slave_id())
                           : Option<SlaveID>(None()));
  reconcile(framework, tasks);
}

void Master::frameworkToExecutor(const UPID& from,
                                 FrameworkToExecutorMessage&& message) {
  Framework* framework = getFrameworkFrom(from, message.framework_id(),
                                          "framework to executor message");
  if (framework == nullptr) {
    counters_["master/invalid_framework_to_executor_messages"]++;
    return;
  }
  Slave* slave = getSlave(message.slave_id());
  if (slave == nullptr) {
    LOG(WARNING) << "Cannot send framework message of framework "
                 << framework->id() << " to unknown agent "
                 << message.slave_id();
    counters_["master/invalid_framework_to_executor_messages"]++;
    return;
  }
  counters_["master/valid_framework_to_executor_messages"]++;
  send(slave->pid, message);
}

void Master::executorToFramework(const UPID& from,
                                 ExecutorToFrameworkMessage&& message) {
  Slave* slave = getSlave(message.slave_id());
  Framework* framework = getFramework(message.framework_id());
  if (slave == nullptr || slave->pid != from || framework == nullptr) {
    LOG(WARNING) << "Ignoring executor message from " << from
                 << ": unknown agent or framework";
    counters_["master/invalid_executor_to_framework_messages"]++;
    return;
  }
  counters_["master/valid_executor_to_framework_messages"]++;
  sendToFramework(framework, message);
}

void Master::exitedExecutor(const UPID& from, ExitedExecutorMessage&& message) {
  Slave* slave = getSlave(message.slave_id());
  if (slave == nullptr || slave->pid != from) {
    LOG(WARNING) << "Ignoring exited executor message from " << from
                 << ": not a registered agent";
    counters_["master/dropped_messages"]++;
    return;
  }
  const FrameworkID& frameworkId = message.framework_id();
  auto executors = slave->executors.find(frameworkId);
  if (executors != slave->executors.end()) {
    auto executor = executors->second.find(message.executor_id());
    if (executor != executors->second.end()) {
      allocator_->recoverResources(frameworkId, slave->id(),
                                   executor->second.resources(), None());
      executors->second.erase(executor);
      if (executors->second.empty())
        slave->executors.erase(executors);
    }
  }
  Framework* framework = getFramework(frameworkId);
  if (framework == nullptr)
    return;
  auto frameworkExecutors = framework->executors.find(slave->id());
  if (frameworkExecutors != framework->executors.end()) {
    frameworkExecutors->second.erase(message.executor_id());
    if (frameworkExecutors->second.empty())
      framework->executors.erase(frameworkExecutors);
  }
  LOG(INFO) << "Executor " << message.executor_id() << " of framework "
            << frameworkId << " on agent " << slave->id()
            << " exited with status " << message.status();
  sendToFramework(framework, message);
}

bool Master::updateTask(Slave* slave, const StatusUpdate& update) {
  const TaskStatus& status = update.status();
  const TaskState state =
      update.has_latest_state() ? update.latest_state() : status.state();
  Framework* framework = getFramework(update.framework_id());

  Task* agentCopy = slave != nullptr ? slave->findTask(update.framework_id(),
                                                       status.task_id())
                                     : nullptr;
  Task* frameworkCopy = nullptr;
  if (framework != nullptr) {
    auto it = framework->tasks.find(status.task_id());
    if (it != framework->tasks.end())
      frameworkCopy = &it->second;
  }
  Task* task = agentCopy != nullptr ? agentCopy : frameworkCopy;
  if (task == nullptr)
    return false;

  const bool transitioned =
      !terminalOrUnreachable(task->state()) && terminalOrUnreachable(state);
  if (agentCopy != nullptr)
    setState(agentCopy, state, status);
  if (frameworkCopy != nullptr)
    setState(frameworkCopy, state, status);

  if (transitioned) {
    if (slave != nullptr)
      allocator_->recoverResources(update.framework_id(), slave->id(),
                                   task->resources(), None());
    // Count the state the task moved to: with `latest_state` the update
    // in hand may still be an older, non-terminal one.
    if (protobuf::isTerminalState(state))
      countTerminal(state);
  }
  return true;
}

void Master::removeTask(Framework* framework, Slave* slave,
                        const TaskID& taskId, bool unreachable) {
  const FrameworkID frameworkId =
      framework != nullptr ? framework->id() : FrameworkID();
  Task* task = nullptr;
  if (slave != nullptr) {
    for (auto& [id, tasks] : slave->tasks) {
      auto it = tasks.find(taskId);
      if (it != tasks.end() && (framework == nullptr || id == frameworkId)) {
        task = &it->second;
        break;
      }
    }
  }
  if (task != nullptr) {
    if (!terminalOrUnreachable(task->state()))
      allocator_->recoverResources(task->framework_id(), slave->id(),
                                   task->resources(), None());
    const FrameworkID owner = task->framework_id();
    slave->removeTask(owner, taskId);
  }
  if (framework != nullptr && unreachable)
    framework->unreachableTask(taskId,
                               flags_.max_unreachable_tasks_per_framework);
  else if (framework != nullptr)
    framework->completeTask(taskId, flags_.max_completed_tasks_per_framework);
}

}  // namespace master
}  // namespace internal
}  // namespace mesos
