#include "master/master.hpp"

#include <arpa/inet.h>
#include <unistd.h>

#include <cctype>
#include <functional>
#include <utility>

#include <glog/logging.h>

#include <mesos/type_utils.hpp>

#include <process/clock.hpp>
#include <process/defer.hpp>
#include <process/delay.hpp>
#include <process/dispatch.hpp>
#include <process/metrics.hpp>

#include <stout/numify.hpp>
#include <stout/stringify.hpp>
#include <stout/strings.hpp>
#include <stout/uuid.hpp>

#include "common/protobuf_utils.hpp"

namespace mesos {
namespace internal {
namespace master {

using process::Clock;
using process::Future;
using process::UPID;

namespace {

// The names of the gauges this master publishes on /metrics/snapshot.
const char* const kGauges[] = {
    "master/elected",
    "master/uptime_secs",
    "master/slaves_active",
    "master/slaves_inactive",
    "master/slaves_connected",
    "master/slaves_disconnected",
    "master/slaves_unreachable",
    "master/frameworks_active",
    "master/frameworks_inactive",
    "master/frameworks_connected",
    "master/frameworks_disconnected",
    "master/outstanding_offers",
    "master/tasks_staging",
    "master/tasks_starting",
    "master/tasks_running",
    "master/tasks_killing",
    "master/tasks_unreachable",
    "master/tasks_finished",
    "master/tasks_failed",
    "master/tasks_killed",
    "master/tasks_lost",
    "master/tasks_error",
    "master/tasks_dropped",
    "master/tasks_gone",
    "master/tasks_gone_by_operator",
    "master/slave_registrations",
    "master/slave_reregistrations",
    "master/slave_removals",
    "master/slave_unreachable_completed",
    "master/valid_status_updates",
    "master/invalid_status_updates",
    "master/valid_framework_to_executor_messages",
    "master/invalid_framework_to_executor_messages",
    "master/valid_executor_to_framework_messages",
    "master/invalid_executor_to_framework_messages",
    "master/dropped_messages",
};

// "TASK_RUNNING" -> "tasks_running", the metric name of a state.
std::string lowerStateName(TaskState state) {
  std::string name = TaskState_Name(state);
  for (char& c : name)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return "tasks_" + name.substr(5);
}

}  // namespace

Master::Master(allocator::Allocator* allocator, Registrar* registrar,
               const Flags& flags)
    : ProcessBase("master"),
      allocator_(allocator),
      registrar_(registrar),
      flags_(flags) {}

Master::~Master() = default;

Future<Nothing> Master::recovered() {
  return recovered_.future();
}

void Master::initialize() {
  startTime_ = Clock::now();

  const ::network::inet::Address address = self().address;
  info_.set_id(id::UUID::random().toString());
  info_.set_ip(htonl(address.ip.hostOrder()));
  info_.set_port(address.port);
  info_.set_pid(stringify(self()));
  info_.set_version(MESOS_VERSION);
  std::string hostname = stringify(address.ip);
  if (flags_.hostname.isSome()) {
    hostname = flags_.hostname.get();
  } else if (flags_.hostname_lookup) {
    char name[256] = {};
    if (::gethostname(name, sizeof(name) - 1) == 0 && name[0] != '\0')
      hostname = name;
  }
  info_.set_hostname(hostname);
  info_.mutable_address()->set_ip(stringify(address.ip));
  info_.mutable_address()->set_port(address.port);
  info_.mutable_address()->set_hostname(hostname);

  // Agents.
  install<RegisterSlaveMessage>(&Master::registerSlave);
  install<ReregisterSlaveMessage>(&Master::reregisterSlave);
  install<UnregisterSlaveMessage>(&Master::unregisterSlave);
  install<PongSlaveMessage>(&Master::pong);
  install<StatusUpdateMessage>(&Master::statusUpdate);
  install<ExecutorToFrameworkMessage>(&Master::executorToFramework);
  install<ExitedExecutorMessage>(&Master::exitedExecutor);

  // Schedulers: the v1 Call and the older messages.
  install<scheduler::Call>(&Master::receive);
  install<RegisterFrameworkMessage>(&Master::registerFramework);
  install<ReregisterFrameworkMessage>(&Master::reregisterFramework);
  install<UnregisterFrameworkMessage>(&Master::unregisterFramework);
  install<DeactivateFrameworkMessage>(&Master::deactivateFramework);
  install<LaunchTasksMessage>(&Master::launchTasks);
  install<KillTaskMessage>(&Master::killTask);
  install<ReviveOffersMessage>(&Master::reviveOffers);
  install<ReconcileTasksMessage>(&Master::reconcileTasks);
  install<StatusUpdateAcknowledgementMessage>(
      &Master::statusUpdateAcknowledgement);
  install<FrameworkToExecutorMessage>(&Master::frameworkToExecutor);

  allocator::Options options;
  options.allocationInterval = flags_.allocation_interval;
  options.filterGpuResources = flags_.filter_gpu_resources;
  Try<std::vector<allocator::ResourceQuantities>> minimum =
      allocator::parseMinAllocatableResources(flags_.min_allocatable_resources);
  if (minimum.isSome())
    options.minAllocatableResources = minimum.get();
  else
    LOG(WARNING) << "Ignoring --min_allocatable_resources: " << minimum.error();
  if (flags_.fair_sharing_excluded_resource_names.isSome()) {
    std::set<std::string> names;
    for (const std::string& name : strings::tokenize(
             flags_.fair_sharing_excluded_resource_names.get(), ","))
      names.insert(name);
    options.fairnessExcludeResourceNames = names;
  }

  const process::PID<Master> pid = self();
  allocator_->initialize(
      options,
      [pid](const FrameworkID& frameworkId,
            const hashmap<std::string, hashmap<SlaveID, Resources>>& offers) {
        process::dispatch(pid, &Master::offer, frameworkId, offers);
      });

  // --weights (already validated as "role=weight,...").
  if (flags_.weights.isSome()) {
    std::vector<WeightInfo> weights;
    for (const std::string& entry :
         strings::tokenize(flags_.weights.get(), ",")) {
      const std::vector<std::string> pair = strings::split(entry, "=");
      Try<double> weight = pair.size() == 2 ? numify<double>(pair[1])
                                            : Try<double>(Error("malformed"));
      if (weight.isError())
        continue;
      WeightInfo info;
      info.set_role(pair[0]);
      info.set_weight(weight.get());
      weights.push_back(info);
    }
    allocator_->updateWeights(weights);
  }

  addRoutes();
  addGauges();

  LOG(INFO) << "Master " << info_.id() << " (" << hostname << ") started on "
            << address << "; recovering the registry";

  registrar_->recover(info_).onAny(
      process::defer(self(), &Master::_recover, std::placeholders::_1));
}

void Master::_recover(const Future<Registry>& registry) {
  if (!registry.isReady()) {
    const std::string message =
        registry.isFailed() ? registry.failure() : "discarded";
    LOG(ERROR) << "Failed to recover the registry: " << message;
    recovered_.fail("Failed to recover the registry: " + message);
    return;
  }

  for (const Registry::Slave& slave : registry->slaves().slaves())
    recoveredSlaves_[slave.info().id()] = slave.info();
  for (const Registry::UnreachableSlave& slave :
       registry->unreachable().slaves()) {
    SlaveInfo info;
    *info.mutable_id() = slave.id();
    unreachableSlaves_[slave.id()] = info;
  }
  for (const Registry::GoneSlave& slave : registry->gone().slaves())
    goneSlaves_.insert(slave.id());

  if (!recoveredSlaves_.empty()) {
    LOG(INFO) << "Recovered " << recoveredSlaves_.size()
              << " agents from the registry; they have "
              << flags_.agent_reregister_timeout << " to reregister";
    process::delay(flags_.agent_reregister_timeout, self(),
                   &Master::reregisterTimeout);
  }

  elected_ = true;
  electedTime_ = Clock::now();
  LOG(INFO) << "Elected as the leading master (registry recovered)";
  recovered_.set(Nothing());
}

void Master::finalize() {
  removeGauges();
  for (const auto& [id, framework] : frameworks_)
    allocator_->removeFramework(id);
  for (const auto& [id, slave] : slaves_)
    allocator_->removeSlave(id);
}

void Master::exited(const UPID& pid) {
  for (auto& [id, framework] : frameworks_) {
    if (framework->pid != pid || !framework->connected)
      continue;

    LOG(INFO) << "Framework " << id << " at " << pid << " disconnected";
    framework->connected = false;
    deactivate(framework.get(), true);

    // Give the scheduler its failover timeout to come back.
    // Durations beyond what a timer can hold are capped (about a century).
    Try<Duration> created =
        Duration::create(framework->info.failover_timeout());
    const Duration cap = Weeks(52 * 100);
    const Duration timeout =
        created.isSome() && created.get() < cap ? created.get() : cap;
    framework->failoverTimerId = ++nextTimerId_;
    process::delay(timeout, self(), &Master::failoverTimeout, id,
                   framework->failoverTimerId);
    return;
  }

  Slave* slave = getSlaveByPid(pid);
  if (slave != nullptr && slave->connected) {
    // The agent may come back (restart with recovery); pings decide when
    // it is unreachable. Its offers are no longer usable.
    LOG(INFO) << "Agent " << slave->id() << " at " << pid << " disconnected";
    slave->connected = false;
    slave->active = false;
    allocator_->deactivateSlave(slave->id());
    const hashset<OfferID> offers = slave->offers;
    for (const OfferID& offerId : offers)
      removeOffer(offerId, true);
    std::vector<FrameworkID> frameworkIds;
    for (const auto& [frameworkId, tasks] : slave->tasks)
      frameworkIds.push_back(frameworkId);
    for (const FrameworkID& frameworkId : frameworkIds) {
      Framework* framework = getFramework(frameworkId);
      if (framework != nullptr && !framework->info.checkpoint())
        removeFrameworkFromSlave(slave, framework);
    }
  }
}

Framework* Master::getFramework(const FrameworkID& id) {
  auto it = frameworks_.find(id);
  return it == frameworks_.end() ? nullptr : it->second.get();
}

Slave* Master::getSlave(const SlaveID& id) {
  auto it = slaves_.find(id);
  return it == slaves_.end() ? nullptr : it->second.get();
}

Slave* Master::getSlaveByPid(const UPID& pid) {
  for (auto& [id, slave] : slaves_)
    if (slave->pid == pid)
      return slave.get();
  return nullptr;
}

Framework* Master::getFrameworkFrom(const UPID& from, const FrameworkID& id,
                                    const std::string& what) {
  Framework* framework = getFramework(id);
  if (framework == nullptr) {
    LOG(WARNING) << "Ignoring " << what << " from " << from
                 << " for unknown framework " << id;
    counters_["master/dropped_messages"]++;
    return nullptr;
  }
  if (framework->pid != from) {
    LOG(WARNING) << "Ignoring " << what << " from " << from << " for framework "
                 << id << ": its scheduler is at " << framework->pid;
    counters_["master/dropped_messages"]++;
    return nullptr;
  }
  return framework;
}

void Master::sendMasterUpdate(Framework* framework,
                              const StatusUpdate& update) {
  StatusUpdateMessage message;
  *message.mutable_update() = update;
  message.set_pid("");
  sendToFramework(framework, message);
}

void Master::sendToFramework(Framework* framework,
                             const google::protobuf::Message& message) {
  if (framework == nullptr || !framework->connected || !framework->pid)
    return;
  send(framework->pid, message);
}

void Master::countTerminal(TaskState state) {
  counters_["master/" + lowerStateName(state)]++;
}

void Master::addGauges() {
  const process::PID<Master> pid = self();
  for (const char* name : kGauges) {
    const std::string gaugeName = name;
    process::metrics::add(gaugeName, [pid, gaugeName]() {
      return process::dispatch(pid, &Master::gauge, gaugeName);
    });
  }
}

void Master::removeGauges() {
  for (const char* name : kGauges)
    process::metrics::remove(name);
}

double Master::gauge(const std::string& name) {
  if (name == "master/elected")
    return elected_ ? 1 : 0;
  if (name == "master/uptime_secs")
    return (Clock::now() - startTime_).secs();

  auto countSlaves = [this](auto predicate) {
    double n = 0;
    for (const auto& [id, slave] : slaves_)
      if (predicate(*slave))
        n++;
    return n;
  };
  auto countFrameworks = [this](auto predicate) {
    double n = 0;
    for (const auto& [id, framework] : frameworks_)
      if (predicate(*framework))
        n++;
    return n;
  };

  if (name == "master/slaves_active")
    return countSlaves([](const Slave& s) { return s.active; });
  if (name == "master/slaves_inactive")
    return countSlaves([](const Slave& s) { return !s.active; });
  if (name == "master/slaves_connected")
    return countSlaves([](const Slave& s) { return s.connected; });
  if (name == "master/slaves_disconnected")
    return countSlaves([](const Slave& s) { return !s.connected; });
  if (name == "master/slaves_unreachable")
    return static_cast<double>(unreachableSlaves_.size());
  if (name == "master/frameworks_active")
    return countFrameworks([](const Framework& f) { return f.active; });
  if (name == "master/frameworks_inactive")
    return countFrameworks([](const Framework& f) { return !f.active; });
  if (name == "master/frameworks_connected")
    return countFrameworks([](const Framework& f) { return f.connected; });
  if (name == "master/frameworks_disconnected")
    return countFrameworks([](const Framework& f) { return !f.connected; });
  if (name == "master/outstanding_offers")
    return static_cast<double>(offers_.size());

  // Current task states are gauges; terminal ones are counters.
  for (TaskState state : {TASK_STAGING, TASK_STARTING, TASK_RUNNING,
                          TASK_KILLING, TASK_UNREACHABLE}) {
    if (name == "master/" + lowerStateName(state)) {
      double n = 0;
      for (const auto& [id, framework] : frameworks_)
        for (const auto& [taskId, task] : framework->tasks)
          if (task.state() == state)
            n++;
      return n;
    }
  }

  auto counter = counters_.find(name);
  return counter == counters_.end() ? 0 : counter->second;
}

}  // namespace master
}  // namespace internal
}  // namespace mesos
