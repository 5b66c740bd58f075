// Agents: registration and re-registration (SlaveIDs assigned through the
// registrar), health checks by ping, and removal of unreachable or
// unregistered agents with their tasks.

#include <set>
#include <utility>
#include <vector>

#include <glog/logging.h>

#include <mesos/type_utils.hpp>

#include <process/clock.hpp>
#include <process/defer.hpp>
#include <process/delay.hpp>

#include <stout/numify.hpp>
#include <stout/stringify.hpp>
#include <stout/strings.hpp>

#include "common/protobuf_utils.hpp"
#include "common/resources_utils.hpp"
#include "master/master.hpp"

namespace mesos {
namespace internal {
namespace master {

using process::Clock;
using process::Future;
using process::Owned;
using process::UPID;

namespace {

TimeInfo nowTimeInfo() {
  TimeInfo time;
  time.set_nanoseconds(static_cast<int64_t>(Clock::now().duration().ns()));
  return time;
}

std::vector<SlaveInfo::Capability> capabilityList(
    const google::protobuf::RepeatedPtrField<SlaveInfo::Capability>& list) {
  return std::vector<SlaveInfo::Capability>(list.begin(), list.end());
}

}  // namespace

bool Master::validVersion(const std::string& version) const {
  // SemVer "MAJOR.MINOR.PATCH[-pre][+build]", at least 1.0.0.
  const std::string core = strings::tokenize(version, "-+").empty()
                               ? ""
                               : strings::tokenize(version, "-+")[0];
  const std::vector<std::string> parts = strings::split(core, ".");
  if (parts.size() != 3)
    return false;
  std::vector<int> numbers;
  for (const std::string& part : parts) {
    if (part.empty() ||
        part.find_first_not_of("0123456789") != std::string::npos)
      return false;
    Try<int> number = numify<int>(part);
    if (number.isError())
      return false;
    numbers.push_back(number.get());
  }
  return numbers[0] >= 1;
}

void Master::registerSlave(const UPID& from, RegisterSlaveMessage&& message) {
  if (!elected_) {
    LOG(INFO) << "Dropping registration of agent at " << from
              << ": the master is recovering";
    return;
  }
  if (!validVersion(message.version())) {
    LOG(WARNING) << "Ignoring registration of agent at " << from
                 << " with version '" << message.version()
                 << "': a SemVer version of at least 1.0.0 is required";
    counters_["master/dropped_messages"]++;
    return;
  }
  if (registering_.contains(from)) {
    LOG(INFO) << "Ignoring registration of agent at " << from
              << ": already being admitted";
    return;
  }
  Slave* existing = getSlaveByPid(from);
  if (existing != nullptr && existing->connected) {
    LOG(INFO) << "Agent " << existing->id() << " at " << from
              << " registered again; resending its id";
    sendSlaveRegistered(existing, false);
    return;
  }
  if (existing != nullptr) {
    // As in Mesos: the agent that was at this address is gone (e.g. it
    // restarted without its checkpointed state); this is a new agent.
    removeSlave(existing->id(), "a new agent registered at the same address");
  }

  SlaveInfo info = message.slave();
  Option<Error> error = Resources::validate(info.resources());
  if (error.isSome()) {
    LOG(WARNING) << "Refusing agent at " << from
                 << " with invalid resources: " << error->message;
    ShutdownMessage shutdown;
    shutdown.set_message("Invalid agent resources: " + error->message);
    send(from, shutdown);
    return;
  }

  info.mutable_id()->set_value(info_.id() + "-S" + stringify(nextSlaveId_++));
  registering_.insert(from);

  LOG(INFO) << "Admitting agent " << info.id() << " at " << from << " ("
            << info.hostname() << ")";
  registrar_->apply(Owned<RegistryOperation>(new AdmitSlave(info)))
      .onAny(process::defer(
          self(), &Master::_registerSlave, from, info, message.version(),
          capabilityList(message.agent_capabilities()), std::placeholders::_1));
}

void Master::_registerSlave(
    const UPID& pid, const SlaveInfo& info, const std::string& version,
    const std::vector<SlaveInfo::Capability>& capabilities,
    const Future<bool>& admitted) {
  registering_.erase(pid);
  if (!admitted.isReady() || !admitted.get()) {
    LOG(ERROR) << "Failed to admit agent " << info.id() << " at " << pid << ": "
               << (admitted.isFailed()
                       ? admitted.failure()
                       : std::string("rejected by the registry"));
    return;
  }

  auto owned =
      Owned<Slave>(new Slave(info, pid, version, capabilities, Clock::now()));
  Slave* slave = owned.get();
  slaves_[info.id()] = owned;
  link(pid);

  allocator_->addSlave(slave->id(), slave->info, slave->capabilityList,
                       slave->totalResources(), {});
  counters_["master/slave_registrations"]++;
  LOG(INFO) << "Registered agent " << info.id() << " at " << pid;
  sendSlaveRegistered(slave, false);
  startPings(slave);
}

void Master::sendSlaveRegistered(Slave* slave, bool reregistered) {
  const double total =
      (flags_.agent_ping_timeout * flags_.max_agent_ping_timeouts).secs();
  if (reregistered) {
    SlaveReregisteredMessage message;
    *message.mutable_slave_id() = slave->id();
    message.mutable_connection()->set_total_ping_timeout_seconds(total);
    send(slave->pid, message);
  } else {
    SlaveRegisteredMessage message;
    *message.mutable_slave_id() = slave->id();
    message.mutable_connection()->set_total_ping_timeout_seconds(total);
    send(slave->pid, message);
  }
}

void Master::reregisterSlave(const UPID& from,
                             ReregisterSlaveMessage&& message) {
  if (!elected_) {
    LOG(INFO) << "Dropping re-registration of agent at " << from
              << ": the master is recovering";
    return;
  }
  if (!validVersion(message.version())) {
    LOG(WARNING) << "Ignoring re-registration of agent at " << from
                 << " with version '" << message.version()
                 << "': a SemVer version of at least 1.0.0 is required";
    counters_["master/dropped_messages"]++;
    return;
  }
  if (!message.slave().has_id() || message.slave().id().value().empty()) {
    LOG(WARNING) << "Ignoring re-registration of agent at " << from
                 << " without an agent id";
    counters_["master/dropped_messages"]++;
    return;
  }

  const SlaveID id = message.slave().id();
  if (goneSlaves_.contains(id)) {
    LOG(WARNING) << "Refusing re-registration of agent " << id
                 << ": it has been marked gone";
    ShutdownMessage shutdown;
    shutdown.set_message("Agent has been marked gone");
    send(from, shutdown);
    return;
  }
  if (reregistering_.contains(id) || removing_.contains(id))
    return;

  Slave* slave = getSlave(id);
  if (slave != nullptr) {
    LOG(INFO) << "Agent " << id << " reregistered from " << from;
    slave->pid = from;
    link(from);
    slave->version = message.version();
    slave->reregisteredTime = Clock::now();
    slave->connected = true;
    slave->pongReceived = true;
    slave->missedPings = 0;
    if (!slave->active) {
      slave->active = true;
      allocator_->activateSlave(id);
    }
    reconcileKnownSlave(slave, message);
    counters_["master/slave_reregistrations"]++;
    sendSlaveRegistered(slave, true);
    return;
  }

  reregistering_.insert(id);
  registrar_
      ->apply(Owned<RegistryOperation>(new MarkSlaveReachable(message.slave())))
      .onAny(process::defer(self(), &Master::_reregisterSlave, from, message,
                            std::placeholders::_1));
}

void Master::_reregisterSlave(const UPID& pid,
                              const ReregisterSlaveMessage& message,
                              const Future<bool>& admitted) {
  const SlaveID id = message.slave().id();
  reregistering_.erase(id);
  if (!admitted.isReady() || !admitted.get()) {
    LOG(ERROR) << "Failed to readmit agent " << id << " at " << pid << ": "
               << (admitted.isFailed()
                       ? admitted.failure()
                       : std::string("rejected by the registry"));
    return;
  }
  const bool wasUnreachable = unreachableSlaves_.contains(id);
  recoveredSlaves_.erase(id);
  unreachableSlaves_.erase(id);

  // An agent coming back from being unreachable: frameworks that are not
  // partition-aware were told its tasks are lost, so they are shut down
  // there rather than resurrected.
  hashset<FrameworkID> shutdown;
  if (wasUnreachable) {
    for (const FrameworkInfo& frameworkInfo : message.frameworks()) {
      if (!frameworkInfo.has_id() ||
          protobuf::frameworkHasCapability(
              frameworkInfo, FrameworkInfo::Capability::PARTITION_AWARE))
        continue;
      LOG(INFO) << "Shutting down framework " << frameworkInfo.id()
                << " on reregistered agent " << id
                << ": it is not partition-aware";
      ShutdownFrameworkMessage message_;
      *message_.mutable_framework_id() = frameworkInfo.id();
      send(pid, message_);
      shutdown.insert(frameworkInfo.id());
    }
  }

  auto owned = Owned<Slave>(
      new Slave(message.slave(), pid, message.version(),
                capabilityList(message.agent_capabilities()), Clock::now()));
  Slave* slave = owned.get();
  slave->reregisteredTime = Clock::now();
  slaves_[id] = owned;
  link(pid);

  // Frameworks the master does not know yet (it failed over) are recovered
  // from the agent's report until their schedulers re-subscribe.
  for (const FrameworkInfo& frameworkInfo : message.frameworks()) {
    if (!frameworkInfo.has_id() || shutdown.contains(frameworkInfo.id()) ||
        getFramework(frameworkInfo.id()) != nullptr)
      continue;
    auto framework =
        Owned<Framework>(new Framework(frameworkInfo, UPID(), Clock::now()));
    framework->connected = false;
    framework->active = false;
    framework->recovered = true;
    frameworks_[frameworkInfo.id()] = framework;
    allocator_->addFramework(frameworkInfo.id(), frameworkInfo, {}, false, {});
    LOG(INFO) << "Recovered framework " << frameworkInfo.id() << " from agent "
              << id;
  }

  for (const ExecutorInfo& executor : message.executor_infos()) {
    if (shutdown.contains(executor.framework_id()))
      continue;
    ExecutorInfo copy = executor;
    upgradeResources(&copy);
    slave->executors[copy.framework_id()][copy.executor_id()] = copy;
    Framework* framework = getFramework(copy.framework_id());
    if (framework != nullptr)
      framework->executors[id][copy.executor_id()] = copy;
  }

  for (const Task& reported : message.tasks()) {
    if (shutdown.contains(reported.framework_id()))
      continue;
    Task task = reported;
    upgradeResources(&task);
    *task.mutable_slave_id() = id;
    slave->addTask(task);
    Framework* framework = getFramework(task.framework_id());
    if (framework != nullptr)
      framework->addTask(task);
  }

  // Frameworks this master already removed must not keep running there.
  for (const auto& completed : completedFrameworks_) {
    if (slave->tasks.count(completed->id()) > 0 ||
        slave->executors.count(completed->id()) > 0) {
      ShutdownFrameworkMessage shutdown;
      *shutdown.mutable_framework_id() = completed->id();
      send(pid, shutdown);
    }
  }

  allocator_->addSlave(id, slave->info, slave->capabilityList,
                       slave->totalResources(), slave->usedResources());
  counters_["master/slave_reregistrations"]++;
  LOG(INFO) << "Readmitted agent " << id << " at " << pid;
  sendSlaveRegistered(slave, true);
  startPings(slave);
}

void Master::reconcileKnownSlave(Slave* slave,
                                 const ReregisterSlaveMessage& message) {
  std::set<std::pair<std::string, std::string>> reported;
  for (const Task& task : message.tasks())
    reported.insert({task.framework_id().value(), task.task_id().value()});

  // Tasks the master launched that the agent does not know: the launch was
  // lost on the way.
  std::vector<std::pair<FrameworkID, TaskID>> missing;
  for (const auto& [frameworkId, tasks] : slave->tasks)
    for (const auto& [taskId, task] : tasks)
      if (reported.count({frameworkId.value(), taskId.value()}) == 0 &&
          !protobuf::isTerminalState(task.state()))
        missing.emplace_back(frameworkId, taskId);

  for (const auto& [frameworkId, taskId] : missing) {
    Framework* framework = getFramework(frameworkId);
    const bool partitionAware =
        framework != nullptr && framework->partitionAware();
    const TaskState state = partitionAware ? TASK_DROPPED : TASK_LOST;
    StatusUpdate update = protobuf::createStatusUpdate(
        frameworkId, slave->id(), taskId, state, TaskStatus::SOURCE_MASTER,
        None(), "Task is unknown to the agent",
        TaskStatus::REASON_RECONCILIATION);
    updateTask(slave, update);
    sendMasterUpdate(framework, update);
    removeTask(framework, slave, taskId);
  }

  // Tasks the agent runs that the master does not know (yet).
  for (const Task& reported_ : message.tasks()) {
    if (slave->findTask(reported_.framework_id(), reported_.task_id()) !=
        nullptr)
      continue;
    Task task = reported_;
    upgradeResources(&task);
    slave->addTask(task);
    if (Framework* framework = getFramework(task.framework_id()))
      framework->addTask(task);
  }

  for (const auto& completed : completedFrameworks_) {
    bool runs = false;
    for (const Task& task : message.tasks())
      runs = runs || task.framework_id() == completed->id();
    if (runs) {
      ShutdownFrameworkMessage shutdown;
      *shutdown.mutable_framework_id() = completed->id();
      send(slave->pid, shutdown);
    }
  }
}

void Master::unregisterSlave(const UPID& from,
                             const UnregisterSlaveMessage& message) {
  Slave* slave = getSlave(message.slave_id());
  if (slave == nullptr || slave->pid != from) {
    LOG(WARNING) << "Ignoring unregistration of agent " << message.slave_id()
                 << " from " << from << ": unknown agent or wrong pid";
    counters_["master/dropped_messages"]++;
    return;
  }
  removeSlave(slave->id(), "the agent unregistered");
}

void Master::startPings(Slave* slave) {
  slave->pingTimerId = ++nextTimerId_;
  slave->pongReceived = false;
  slave->missedPings = 0;
  PingSlaveMessage ping;
  ping.set_connected(true);
  send(slave->pid, ping);
  process::delay(flags_.agent_ping_timeout, self(), &Master::pingTick,
                 slave->id(), slave->pingTimerId);
}

void Master::pingTick(const SlaveID& slaveId, uint64_t timerId) {
  Slave* slave = getSlave(slaveId);
  if (slave == nullptr || slave->pingTimerId != timerId ||
      removing_.contains(slaveId))
    return;

  if (slave->pongReceived) {
    slave->missedPings = 0;
  } else if (++slave->missedPings >= flags_.max_agent_ping_timeouts) {
    LOG(WARNING) << "Agent " << slaveId << " at " << slave->pid << " missed "
                 << slave->missedPings
                 << " pings in a row; marking it unreachable";
    markUnreachable(slaveId, "health check timed out");
    return;
  }

  slave->pongReceived = false;
  PingSlaveMessage ping;
  ping.set_connected(slave->connected);
  send(slave->pid, ping);
  process::delay(flags_.agent_ping_timeout, self(), &Master::pingTick, slaveId,
                 timerId);
}

void Master::pong(const UPID& from) {
  Slave* slave = getSlaveByPid(from);
  if (slave == nullptr)
    return;
  slave->pongReceived = true;
  slave->missedPings = 0;
}

void Master::markUnreachable(const SlaveID& slaveId, const std::string& why) {
  Slave* slave = getSlave(slaveId);
  if (slave == nullptr || removing_.contains(slaveId))
    return;
  removing_.insert(slaveId);
  const SlaveInfo info = slave->info;
  registrar_
      ->apply(Owned<RegistryOperation>(
          new MarkSlaveUnreachable(info, nowTimeInfo())))
      .onAny(process::defer(self(), [this, info, why](const Future<bool>& f) {
        if (!f.isReady())
          LOG(ERROR) << "Failed to mark agent " << info.id()
                     << " unreachable in the registry: "
                     << (f.isFailed() ? f.failure() : "discarded");
        _removeSlave(info, true, why);
      }));
}

void Master::removeSlave(const SlaveID& slaveId, const std::string& why) {
  Slave* slave = getSlave(slaveId);
  if (slave == nullptr || removing_.contains(slaveId))
    return;
  removing_.insert(slaveId);
  const SlaveInfo info = slave->info;
  registrar_->apply(Owned<RegistryOperation>(new RemoveSlave(info)))
      .onAny(process::defer(self(), [this, info, why](const Future<bool>& f) {
        if (!f.isReady())
          LOG(ERROR) << "Failed to remove agent " << info.id()
                     << " from the registry: "
                     << (f.isFailed() ? f.failure() : "discarded");
        _removeSlave(info, false, why);
      }));
}

void Master::_removeSlave(const SlaveInfo& info, bool unreachable,
                          const std::string& why) {
  removing_.erase(info.id());
  Slave* slave = getSlave(info.id());
  if (slave == nullptr)
    return;
  LOG(INFO) << "Removing agent " << info.id() << " (" << info.hostname()
            << "): " << why;

  // The allocator forgets the agent first, so that nothing recovered below
  // is offered again.
  allocator_->removeSlave(info.id());

  const std::string message = "Agent " + info.hostname() + " removed: " + why;
  const TimeInfo unreachableTime = nowTimeInfo();

  // Copy: removeTask() edits the agent's task map.
  const auto tasks = slave->tasks;
  for (const auto& [frameworkId, frameworkTasks] : tasks) {
    Framework* framework = getFramework(frameworkId);
    // Only partition-aware frameworks learn that tasks are unreachable.
    const TaskState state =
        unreachable && framework != nullptr && framework->partitionAware()
            ? TASK_UNREACHABLE
            : TASK_LOST;
    for (const auto& [taskId, task] : frameworkTasks) {
      StatusUpdate update = protobuf::createStatusUpdate(
          frameworkId, info.id(), taskId, state, TaskStatus::SOURCE_MASTER,
          None(), message, TaskStatus::REASON_SLAVE_REMOVED,
          task.has_executor_id() ? Option<ExecutorID>(task.executor_id())
                                 : Option<ExecutorID>(None()),
          None(), None(), None(), None(),
          unreachable ? Option<TimeInfo>(unreachableTime)
                      : Option<TimeInfo>(None()));
      const bool live = !protobuf::isTerminalState(task.state());
      updateTask(slave, update);
      removeTask(framework, slave, taskId, unreachable);
      if (live)
        sendMasterUpdate(framework, update);
    }
  }

  for (const auto& [frameworkId, executors] : slave->executors)
    if (Framework* framework = getFramework(frameworkId))
      framework->executors.erase(info.id());

  const hashset<OfferID> offers = slave->offers;
  for (const OfferID& offerId : offers)
    removeOffer(offerId, true);

  LostSlaveMessage lost;
  *lost.mutable_slave_id() = info.id();
  for (auto& [id, framework] : frameworks_)
    sendToFramework(framework.get(), lost);

  if (unreachable) {
    unreachableSlaves_[info.id()] = info;
    counters_["master/slave_unreachable_completed"]++;
  } else {
    counters_["master/slave_removals"]++;
  }
  slaves_.erase(info.id());
}

void Master::removeFrameworkFromSlave(Slave* slave, Framework* framework) {
  LOG(INFO) << "Removing framework " << framework->id()
            << " from disconnected agent " << slave->id()
            << " because the framework is not checkpointing";
  auto tasks = slave->tasks.find(framework->id());
  if (tasks != slave->tasks.end()) {
    const hashmap<TaskID, Task> copy = tasks->second;
    for (const auto& [taskId, task] : copy) {
      StatusUpdate update = protobuf::createStatusUpdate(
          framework->id(), slave->id(), taskId, TASK_LOST,
          TaskStatus::SOURCE_MASTER, None(),
          "Agent " + slave->info.hostname() + " disconnected",
          TaskStatus::REASON_SLAVE_DISCONNECTED,
          task.has_executor_id() ? Option<ExecutorID>(task.executor_id())
                                 : Option<ExecutorID>(None()));
      const bool live = !protobuf::isTerminalState(task.state());
      updateTask(slave, update);
      removeTask(framework, slave, taskId);
      if (live)
        sendMasterUpdate(framework, update);
    }
  }

  auto executors = slave->executors.find(framework->id());
  if (executors != slave->executors.end()) {
    for (const auto& [executorId, executor] : executors->second)
      allocator_->recoverResources(framework->id(), slave->id(),
                                   executor.resources(), None());
    slave->executors.erase(executors);
  }
  framework->executors.erase(slave->id());
}

void Master::reregisterTimeout() {
  if (recoveredSlaves_.empty())
    return;

  // --recovery_agent_removal_limit: a safety net against a master that
  // recovered the wrong registry.
  Try<double> limit = numify<double>(strings::remove(
      flags_.recovery_agent_removal_limit, "%", strings::SUFFIX));
  const double total =
      static_cast<double>(recoveredSlaves_.size() + slaves_.size());
  const double share = recoveredSlaves_.size() / total;
  if (limit.isSome() && share * 100.0 > limit.get()) {
    LOG(ERROR) << "Not marking " << recoveredSlaves_.size()
               << " agents unreachable after the reregistration timeout: "
               << share * 100.0 << "% exceeds --recovery_agent_removal_limit="
               << flags_.recovery_agent_removal_limit;
    return;
  }

  const hashmap<SlaveID, SlaveInfo> recovered = recoveredSlaves_;
  recoveredSlaves_.clear();
  for (const auto& [id, info] : recovered) {
    LOG(WARNING) << "Agent " << id << " did not reregister within "
                 << flags_.agent_reregister_timeout
                 << "; marking it unreachable";
    unreachableSlaves_[id] = info;
    registrar_->apply(Owned<RegistryOperation>(
        new MarkSlaveUnreachable(info, nowTimeInfo())));
    LostSlaveMessage lost;
    *lost.mutable_slave_id() = id;
    for (auto& [frameworkId, framework] : frameworks_)
      sendToFramework(framework.get(), lost);
  }
}

}  // namespace master
}  // namespace internal
}  // namespace mesos
