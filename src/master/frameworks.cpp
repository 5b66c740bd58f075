// Frameworks: SUBSCRIBE and the older registration messages, failover to
// a new scheduler pid, deactivation, disconnection and the failover
// timeout, and removal (TEARDOWN, unregistration).

#include <cstdio>
#include <utility>

#include <glog/logging.h>

#include <mesos/type_utils.hpp>

#include <process/clock.hpp>
#include <process/delay.hpp>

#include <stout/stringify.hpp>
#include <stout/strings.hpp>

#include "common/protobuf_utils.hpp"
#include "common/resources_utils.hpp"
#include "master/master.hpp"
#include "master/validation.hpp"

namespace mesos {
namespace internal {
namespace master {

using process::Clock;
using process::Owned;
using process::UPID;

void Master::receive(const UPID& from, scheduler::Call&& call) {
  if (!elected_) {
    LOG(INFO) << "Dropping " << scheduler::Call::Type_Name(call.type())
              << " call from " << from << ": the master is recovering";
    return;
  }

  if (call.type() == scheduler::Call::SUBSCRIBE) {
    if (!call.has_subscribe()) {
      frameworkError(from, "Expecting 'subscribe' to be present");
      return;
    }
    FrameworkInfo info = call.subscribe().framework_info();
    if (call.has_framework_id()) {
      if (info.has_id() && info.id() != call.framework_id()) {
        frameworkError(from,
                       "'framework_id' differs from "
                       "'subscribe.framework_info.id'");
        return;
      }
      *info.mutable_id() = call.framework_id();
    }
    std::set<std::string> suppressed(
        call.subscribe().suppressed_roles().begin(),
        call.subscribe().suppressed_roles().end());
    subscribe(from, info, suppressed, call.subscribe().force());
    return;
  }

  if (!call.has_framework_id()) {
    LOG(WARNING) << "Ignoring " << scheduler::Call::Type_Name(call.type())
                 << " call from " << from << " without 'framework_id'";
    counters_["master/dropped_messages"]++;
    return;
  }

  Framework* framework =
      getFrameworkFrom(from, call.framework_id(),
                       scheduler::Call::Type_Name(call.type()) + " call");
  if (framework == nullptr)
    return;

  switch (call.type()) {
    case scheduler::Call::TEARDOWN:
      removeFramework(framework->id());
      return;
    case scheduler::Call::ACCEPT:
      if (call.has_accept())
        accept(framework, std::move(*call.mutable_accept()));
      return;
    case scheduler::Call::DECLINE:
      if (call.has_decline())
        decline(framework, call.decline());
      return;
    case scheduler::Call::REVIVE:
      revive(framework, std::set<std::string>(call.revive().roles().begin(),
                                              call.revive().roles().end()));
      return;
    case scheduler::Call::SUPPRESS:
      suppress(framework, std::set<std::string>(call.suppress().roles().begin(),
                                                call.suppress().roles().end()));
      return;
    case scheduler::Call::KILL:
      if (call.has_kill())
        kill(framework, call.kill().task_id(),
             call.kill().has_slave_id()
                 ? Option<SlaveID>(call.kill().slave_id())
                 : Option<SlaveID>(None()));
      return;
    case scheduler::Call::SHUTDOWN: {
      if (!call.has_shutdown())
        return;
      Slave* slave = getSlave(call.shutdown().slave_id());
      if (slave == nullptr) {
        LOG(WARNING) << "Cannot shut down executor "
                     << call.shutdown().executor_id() << " of framework "
                     << framework->id() << " on unknown agent "
                     << call.shutdown().slave_id();
        return;
      }
      ShutdownExecutorMessage message;
      *message.mutable_executor_id() = call.shutdown().executor_id();
      *message.mutable_framework_id() = framework->id();
      send(slave->pid, message);
      return;
    }
    case scheduler::Call::ACKNOWLEDGE:
      if (call.has_acknowledge())
        acknowledge(framework, call.acknowledge().slave_id(),
                    call.acknowledge().task_id(), call.acknowledge().uuid());
      return;
    case scheduler::Call::RECONCILE: {
      std::vector<std::pair<TaskID, Option<SlaveID>>> tasks;
      for (const auto& task : call.reconcile().tasks())
        tasks.emplace_back(task.task_id(),
                           task.has_slave_id()
                               ? Option<SlaveID>(task.slave_id())
                               : Option<SlaveID>(None()));
      reconcile(framework, tasks);
      return;
    }
    case scheduler::Call::MESSAGE: {
      if (!call.has_message())
        return;
      FrameworkToExecutorMessage message;
      *message.mutable_slave_id() = call.message().slave_id();
      *message.mutable_framework_id() = framework->id();
      *message.mutable_executor_id() = call.message().executor_id();
      message.set_data(call.message().data());
      frameworkToExecutor(from, std::move(message));
      return;
    }
    case scheduler::Call::REQUEST:
      allocator_->requestResources(
          framework->id(),
          std::vector<Request>(call.request().requests().begin(),
                               call.request().requests().end()));
      return;
    default:
      LOG(WARNING) << "Ignoring unsupported "
                   << scheduler::Call::Type_Name(call.type())
                   << " call from framework " << framework->id();
      return;
  }
}

void Master::subscribe(const UPID& from, const FrameworkInfo& info_in,
                       const std::set<std::string>& suppressedRoles,
                       bool force) {
  FrameworkInfo info = info_in;
  Option<Error> error = validation::framework::validate(info);
  if (error.isSome()) {
    LOG(WARNING) << "Refusing subscription of framework '" << info.name()
                 << "' at " << from << ": " << error->message;
    frameworkError(from, error->message);
    return;
  }
  if (flags_.roles.isSome()) {
    // --roles restricts the roles frameworks may use ("*" always works).
    std::set<std::string> allowed = {"*"};
    for (const std::string& role : strings::tokenize(flags_.roles.get(), ","))
      allowed.insert(role);
    for (const std::string& role : protobuf::framework::getRoles(info)) {
      if (allowed.count(role) == 0) {
        const std::string message =
            "Role '" + role + "' is not present in the master's --roles";
        LOG(WARNING) << "Refusing subscription of framework '" << info.name()
                     << "' at " << from << ": " << message;
        frameworkError(from, message);
        return;
      }
    }
  }
  upgradeResources(&info);

  if (!info.has_id() || info.id().value().empty()) {
    // A retried registration from the same scheduler gets the same id.
    for (auto& [id, framework] : frameworks_) {
      if (framework->pid == from) {
        FrameworkRegisteredMessage message;
        *message.mutable_framework_id() = id;
        *message.mutable_master_info() = info_;
        send(from, message);
        return;
      }
    }

    char suffix[32];
    std::snprintf(suffix, sizeof(suffix), "-%04llu",
                  static_cast<unsigned long long>(nextFrameworkId_++));
    info.mutable_id()->set_value(info_.id() + suffix);

    auto framework = Owned<Framework>(new Framework(info, from, Clock::now()));
    framework->suppressedRoles = suppressedRoles;
    frameworks_[info.id()] = framework;
    link(from);
    allocator_->addFramework(info.id(), info, {}, true, suppressedRoles);
    LOG(INFO) << "Registered framework " << info.id() << " (" << info.name()
              << ") at " << from;

    FrameworkRegisteredMessage message;
    *message.mutable_framework_id() = info.id();
    *message.mutable_master_info() = info_;
    send(from, message);
    return;
  }

  const FrameworkID id = info.id();
  for (const auto& completed : completedFrameworks_) {
    if (completed->id() == id) {
      frameworkError(from, "Framework has been removed");
      return;
    }
  }

  Framework* framework = getFramework(id);
  if (framework == nullptr) {
    // Unknown to this master (it failed over before the framework's agents
    // reregistered): admit it under its own id.
    auto owned = Owned<Framework>(new Framework(info, from, Clock::now()));
    owned->suppressedRoles = suppressedRoles;
    owned->reregisteredTime = Clock::now();
    framework = owned.get();
    frameworks_[id] = owned;
    link(from);
    for (auto& [slaveId, slave] : slaves_) {
      auto tasks = slave->tasks.find(id);
      if (tasks != slave->tasks.end())
        for (const auto& [taskId, task] : tasks->second)
          framework->addTask(task);
      auto executors = slave->executors.find(id);
      if (executors != slave->executors.end())
        framework->executors[slaveId] = executors->second;
    }
    allocator_->addFramework(id, info, framework->usedResources(), true,
                             suppressedRoles);
    LOG(INFO) << "Reregistered framework " << id << " (" << info.name()
              << ") at " << from << " (unknown to this master)";
    // As Mesos does for a framework it recovers: a (first) registration.
    FrameworkRegisteredMessage message;
    *message.mutable_framework_id() = id;
    *message.mutable_master_info() = info_;
    send(from, message);
    return;
  }

  // A new scheduler pid must say it fails over (`force`, or `failover`
  // in ReregisterFrameworkMessage): a partitioned old instance that comes
  // back must not take the framework away from its replacement.
  if (!framework->recovered && framework->pid != from && !force) {
    LOG(WARNING) << "Refusing subscription of framework " << id << " from "
                 << from << ": it is expected from " << framework->pid;
    frameworkError(from, "Framework failed over");
    return;
  }

  const bool recovered = framework->recovered;
  framework->update(info);
  framework->suppressedRoles = suppressedRoles;
  framework->reregisteredTime = Clock::now();
  framework->failoverTimerId = ++nextTimerId_;
  allocator_->updateFramework(id, info, suppressedRoles);

  if (recovered || force) {
    // Failover (or the first subscription of a framework known only from
    // its agents): the old scheduler, if still connected elsewhere, is
    // told; outstanding offers are dropped; the new one gets a
    // FrameworkRegisteredMessage, as from Mesos.
    if (!recovered && framework->pid != from && framework->connected &&
        framework->pid)
      frameworkError(framework->pid, "Framework failed over");
    LOG(INFO) << "Framework " << id << " failed over from " << framework->pid
              << " to " << from;
    const hashset<OfferID> offers = framework->offers;
    for (const OfferID& offerId : offers)
      removeOffer(offerId, false);
    framework->pid = from;
    framework->recovered = false;
    framework->connected = true;
    link(from);
    if (!framework->active)
      activate(framework);
    FrameworkRegisteredMessage message;
    *message.mutable_framework_id() = id;
    *message.mutable_master_info() = info_;
    send(from, message);
    return;
  }

  // The same scheduler subscribing again (e.g. after a disconnection): its
  // offers may have been answered into the void, so they are rescinded.
  LOG(INFO) << "Framework " << id << " at " << from << " resubscribed";
  const hashset<OfferID> offers = framework->offers;
  for (const OfferID& offerId : offers)
    removeOffer(offerId, true);
  framework->connected = true;
  link(from);
  if (!framework->active)
    activate(framework);
  FrameworkReregisteredMessage message;
  *message.mutable_framework_id() = id;
  *message.mutable_master_info() = info_;
  send(from, message);
}

void Master::registerFramework(const UPID& from,
                               RegisterFrameworkMessage&& message) {
  if (!elected_) {
    LOG(INFO) << "Dropping framework registration from " << from
              << ": the master is recovering";
    return;
  }
  if (message.framework().has_id() &&
      !message.framework().id().value().empty()) {
    frameworkError(from, "Registering with 'id' already set");
    return;
  }
  subscribe(from, message.framework(), {}, false);
}

void Master::reregisterFramework(const UPID& from,
                                 ReregisterFrameworkMessage&& message) {
  if (!elected_) {
    LOG(INFO) << "Dropping framework re-registration from " << from
              << ": the master is recovering";
    return;
  }
  if (!message.framework().has_id() ||
      message.framework().id().value().empty()) {
    frameworkError(from, "Framework reregistering without an 'id'");
    return;
  }
  subscribe(from, message.framework(), {}, message.failover());
}

void Master::unregisterFramework(const UPID& from,
                                 const UnregisterFrameworkMessage& message) {
  Framework* framework =
      getFrameworkFrom(from, message.framework_id(), "unregistration");
  if (framework != nullptr)
    removeFramework(framework->id());
}

void Master::deactivateFramework(const UPID& from,
                                 const DeactivateFrameworkMessage& message) {
  Framework* framework =
      getFrameworkFrom(from, message.framework_id(), "deactivation");
  if (framework == nullptr)
    return;
  if (!framework->connected || !framework->active)
    return;
  LOG(INFO) << "Deactivating framework " << framework->id();
  deactivate(framework, true);
}

void Master::frameworkError(const UPID& to, const std::string& text) {
  FrameworkErrorMessage message;
  message.set_message(text);
  send(to, message);
}

void Master::deactivate(Framework* framework, bool rescind) {
  framework->active = false;
  allocator_->deactivateFramework(framework->id());
  const hashset<OfferID> offers = framework->offers;
  for (const OfferID& offerId : offers)
    removeOffer(offerId, rescind);
}

void Master::activate(Framework* framework) {
  framework->active = true;
  allocator_->activateFramework(framework->id());
}

void Master::failoverTimeout(const FrameworkID& frameworkId, uint64_t timerId) {
  Framework* framework = getFramework(frameworkId);
  if (framework == nullptr || framework->connected ||
      framework->failoverTimerId != timerId)
    return;
  LOG(INFO) << "Framework " << frameworkId
            << " did not reconnect within its failover timeout; removing it";
  removeFramework(frameworkId);
}

void Master::removeFramework(const FrameworkID& frameworkId) {
  auto it = frameworks_.find(frameworkId);
  if (it == frameworks_.end())
    return;
  Owned<Framework> framework = it->second;
  LOG(INFO) << "Removing framework " << frameworkId << " ("
            << framework->info.name() << ")";

  const hashset<OfferID> offers = framework->offers;
  for (const OfferID& offerId : offers)
    removeOffer(offerId, false);

  // Every agent shuts down what it runs for the framework.
  for (auto& [slaveId, slave] : slaves_) {
    ShutdownFrameworkMessage message;
    *message.mutable_framework_id() = frameworkId;
    send(slave->pid, message);
  }

  std::vector<TaskID> taskIds;
  for (const auto& [taskId, task] : framework->tasks)
    taskIds.push_back(taskId);
  for (const TaskID& taskId : taskIds) {
    const Task task = framework->tasks.at(taskId);
    Slave* slave = getSlave(task.slave_id());
    // Removing a task that is not terminal gives its resources back.
    removeTask(framework.get(), slave, taskId);
    if (!protobuf::isTerminalState(task.state())) {
      // The task is implicitly killed (the update is recorded, not sent).
      const StatusUpdate update = protobuf::createStatusUpdate(
          frameworkId, task.slave_id(), taskId, TASK_KILLED,
          TaskStatus::SOURCE_MASTER, None(),
          "Framework " + frameworkId.value() + " removed",
          TaskStatus::REASON_FRAMEWORK_REMOVED,
          task.has_executor_id() ? Option<ExecutorID>(task.executor_id())
                                 : Option<ExecutorID>(None()));
      countTerminal(TASK_KILLED);
      if (!framework->completedTasks.empty() &&
          framework->completedTasks.back().task_id() == taskId) {
        framework->completedTasks.back().set_state(TASK_KILLED);
        *framework->completedTasks.back().add_statuses() = update.status();
      }
    }
  }

  for (const auto& [slaveId, executors] : framework->executors) {
    Slave* slave = getSlave(slaveId);
    for (const auto& [executorId, executor] : executors) {
      if (slave != nullptr) {
        slave->executors[frameworkId].erase(executorId);
        if (slave->executors[frameworkId].empty())
          slave->executors.erase(frameworkId);
        allocator_->recoverResources(frameworkId, slaveId, executor.resources(),
                                     None());
      }
    }
  }
  framework->executors.clear();

  allocator_->removeFramework(frameworkId);
  framework->active = false;
  framework->connected = false;
  framework->unregisteredTime = Clock::now();
  frameworks_.erase(it);

  completedFrameworks_.push_back(framework);
  while (completedFrameworks_.size() > flags_.max_completed_frameworks)
    completedFrameworks_.pop_front();
}

}  // namespace master
}  // namespace internal
}  // namespace mesos
