#include "master/allocator/hierarchical.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include <glog/logging.h>

#include <mesos/attributes.hpp>

#include <process/clock.hpp>
#include <process/delay.hpp>
#include <process/dispatch.hpp>
#include <process/id.hpp>

#include <stout/strings.hpp>

namespace mesos {
namespace internal {
namespace master {
namespace allocator {

using process::Clock;

namespace {

hashmap<std::string, std::vector<ResourceQuantities>> unpackOfferFilters(
    const FrameworkInfo& frameworkInfo) {
  hashmap<std::string, std::vector<ResourceQuantities>> result;
  for (const auto& [role, filters] : frameworkInfo.offer_filters()) {
    if (!filters.has_min_allocatable_resources()) {
      continue;
    }
    std::vector<ResourceQuantities>& sets = result[role];
    for (const OfferFilters::ResourceQuantities& set :
         filters.min_allocatable_resources().quantities()) {
      ResourceQuantities quantities;
      for (const auto& [name, scalar] : set.quantities()) {
        quantities[name] = scalar.value();
      }
      sets.push_back(std::move(quantities));
    }
  }
  return result;
}

google::protobuf::RepeatedPtrField<SlaveInfo::Capability> toRepeated(
    const std::vector<SlaveInfo::Capability>& capabilities) {
  return {capabilities.begin(), capabilities.end()};
}

}  // namespace

// -- Agent -------------------------------------------------------------------

void HierarchicalAllocatorProcess::Agent::updateAvailable() {
  Resources used = totalOfferedOrAllocated;
  used.unallocate();

  // Shared resources can be offered while in use, so they always count as
  // available.
  const Resources shared = total.shared();
  if (shared.empty()) {
    available = total - used;
  } else {
    available = (total.nonShared() - used.nonShared()) + shared;
  }
}

void HierarchicalAllocatorProcess::Agent::allocate(
    const FrameworkID& frameworkId, const Resources& resources) {
  if (resources.empty()) {
    return;
  }
  offeredOrAllocated[frameworkId] += resources;
  totalOfferedOrAllocated += resources;
  updateAvailable();
}

void HierarchicalAllocatorProcess::Agent::release(
    const FrameworkID& frameworkId, const Resources& resources) {
  if (resources.empty()) {
    return;
  }
  auto it = offeredOrAllocated.find(frameworkId);
  CHECK(it != offeredOrAllocated.end());
  it->second -= resources;
  if (it->second.empty()) {
    offeredOrAllocated.erase(it);
  }
  totalOfferedOrAllocated -= resources;
  updateAvailable();
}

// -- Process -----------------------------------------------------------------

HierarchicalAllocatorProcess::HierarchicalAllocatorProcess()
    : ProcessBase(process::ID::generate("hierarchical-allocator")) {}

HierarchicalAllocatorProcess::~HierarchicalAllocatorProcess() = default;

void HierarchicalAllocatorProcess::initialize(
    const Options& options, const OfferCallback& offerCallback) {
  CHECK(!initialized_) << "The allocator is initialized only once";

  options_ = options;
  if (options_.allocationInterval <= Duration::zero()) {
    LOG(WARNING) << "Using the default allocation interval "
                 << DEFAULT_ALLOCATION_INTERVAL << " instead of "
                 << options_.allocationInterval;
    options_.allocationInterval = DEFAULT_ALLOCATION_INTERVAL;
  }
  offerCallback_ = offerCallback;
  roleSorter_ =
      std::make_unique<DRFSorter>(true, options_.fairnessExcludeResourceNames);
  random_.seed(options_.seed);
  initialized_ = true;
  paused_ = false;

  process::delay(options_.allocationInterval, self(), &Self::tick);

  VLOG(1) << "Initialized hierarchical allocator process";
}

void HierarchicalAllocatorProcess::addFramework(
    const FrameworkID& frameworkId, const FrameworkInfo& frameworkInfo,
    const hashmap<SlaveID, Resources>& used, bool active,
    const std::set<std::string>& suppressedRoles) {
  CHECK(initialized_);

  if (frameworks_.contains(frameworkId)) {
    LOG(WARNING) << "Ignoring addition of known framework " << frameworkId;
    return;
  }

  Framework& framework = frameworks_[frameworkId];
  framework.roles = protobuf::framework::getRoles(frameworkInfo);
  framework.capabilities =
      protobuf::framework::Capabilities(frameworkInfo.capabilities());
  framework.active = active;
  framework.minAllocatableResources = unpackOfferFilters(frameworkInfo);
  for (const std::string& role : suppressedRoles) {
    if (framework.roles.count(role) > 0) {
      framework.suppressedRoles.insert(role);
    }
  }

  for (const std::string& role : framework.roles) {
    trackFrameworkUnderRole(frameworkId, role);
    if (active && framework.suppressedRoles.count(role) == 0) {
      frameworkSorters_.at(role)->activate(frameworkId.value());
    }
  }

  // The agents' records are what the sorters mirror: anything `used`
  // names beyond an agent's record joins it, and agents not added yet
  // report their share in addSlave().
  for (auto& [slaveId, agent] : agents_) {
    Resources held =
        agent.offeredOrAllocated.get(frameworkId).getOrElse(Resources());
    auto it = used.find(slaveId);
    if (it != used.end()) {
      const Resources missing = it->second - held;
      agent.allocate(frameworkId, missing);
      held += missing;
    }
    trackAllocated(slaveId, frameworkId, held);
  }

  LOG(INFO) << "Added framework " << frameworkId;

  if (active) {
    requestAllocation();
  }
}

void HierarchicalAllocatorProcess::removeFramework(
    const FrameworkID& frameworkId) {
  Framework* framework = findFramework(frameworkId, "removal");
  if (framework == nullptr) {
    return;
  }

  for (auto& [slaveId, agent] : agents_) {
    auto held = agent.offeredOrAllocated.find(frameworkId);
    if (held != agent.offeredOrAllocated.end()) {
      const Resources resources = held->second;
      untrackAllocated(slaveId, frameworkId, resources);
      agent.release(frameworkId, resources);
    }
  }

  for (const std::string& role : framework->roles) {
    tryUntrackFrameworkUnderRole(frameworkId, role);
  }

  framework->refusals.clear(None(), None());
  frameworks_.erase(frameworkId);

  LOG(INFO) << "Removed framework " << frameworkId;
}

void HierarchicalAllocatorProcess::activateFramework(
    const FrameworkID& frameworkId) {
  Framework* found = findFramework(frameworkId, "activation");
  if (found == nullptr) {
    return;
  }

  Framework& framework = *found;
  framework.active = true;
  for (const std::string& role : framework.roles) {
    if (framework.suppressedRoles.count(role) == 0) {
      frameworkSorters_.at(role)->activate(frameworkId.value());
    }
  }

  LOG(INFO) << "Activated framework " << frameworkId;

  requestAllocation();
}

void HierarchicalAllocatorProcess::deactivateFramework(
    const FrameworkID& frameworkId) {
  Framework* found = findFramework(frameworkId, "deactivation");
  if (found == nullptr) {
    return;
  }

  Framework& framework = *found;
  for (const std::string& role : framework.roles) {
    frameworkSorters_.at(role)->deactivate(frameworkId.value());
  }
  framework.active = false;
  framework.refusals.clear(None(), None());

  LOG(INFO) << "Deactivated framework " << frameworkId;
}

void HierarchicalAllocatorProcess::updateFramework(
    const FrameworkID& frameworkId, const FrameworkInfo& frameworkInfo,
    const std::set<std::string>& suppressedRoles) {
  Framework* found = findFramework(frameworkId, "update");
  if (found == nullptr) {
    return;
  }

  Framework& framework = *found;
  const std::set<std::string> oldRoles = framework.roles;
  const std::set<std::string> newRoles =
      protobuf::framework::getRoles(frameworkInfo);

  std::set<std::string> suppressed;
  for (const std::string& role : suppressedRoles) {
    if (newRoles.count(role) > 0) {
      suppressed.insert(role);
    }
  }

  for (const std::string& role : newRoles) {
    if (oldRoles.count(role) > 0) {
      continue;
    }
    // It may still be tracked for resources it kept after leaving the role.
    if (!isTrackedUnderRole(frameworkId, role)) {
      trackFrameworkUnderRole(frameworkId, role);
    }
    if (framework.active && suppressed.count(role) == 0) {
      frameworkSorters_.at(role)->activate(frameworkId.value());
    }
  }

  framework.roles = newRoles;

  for (const std::string& role : oldRoles) {
    if (newRoles.count(role) > 0) {
      continue;
    }
    frameworkSorters_.at(role)->deactivate(frameworkId.value());
    tryUntrackFrameworkUnderRole(frameworkId, role);
    framework.refusals.clear(role, None());
    framework.suppressedRoles.erase(role);
  }

  framework.capabilities =
      protobuf::framework::Capabilities(frameworkInfo.capabilities());
  framework.minAllocatableResources = unpackOfferFilters(frameworkInfo);

  std::set<std::string> toSuppress;
  std::set<std::string> toRevive;
  for (const std::string& role : suppressed) {
    if (framework.suppressedRoles.count(role) == 0) {
      toSuppress.insert(role);
    }
  }
  for (const std::string& role : framework.suppressedRoles) {
    if (suppressed.count(role) == 0) {
      toRevive.insert(role);
    }
  }
  suppressRoles(frameworkId, framework, toSuppress);
  reviveRoles(frameworkId, framework, toRevive);

  LOG(INFO) << "Updated framework " << frameworkId;
}

void HierarchicalAllocatorProcess::addSlave(
    const SlaveID& slaveId, const SlaveInfo& slaveInfo,
    const std::vector<SlaveInfo::Capability>& capabilities,
    const Resources& total, const hashmap<FrameworkID, Resources>& used) {
  CHECK(initialized_);

  if (agents_.contains(slaveId)) {
    LOG(WARNING) << "Ignoring addition of known agent " << slaveId;
    return;
  }

  Agent& agent = agents_[slaveId];
  agent.info = slaveInfo;
  agent.capabilities = protobuf::slave::Capabilities(toRepeated(capabilities));
  agent.total = total;
  agent.hasGpu = total.gpus().getOrElse(0) > 0;
  agent.updateAvailable();

  roleSorter_->addTotal(slaveId, total);
  for (auto& [role, sorter] : frameworkSorters_) {
    sorter->addTotal(slaveId, total);
  }

  // Frameworks not added yet are accounted when they are.
  for (const auto& [frameworkId, resources] : used) {
    agent.allocate(frameworkId, resources);
    if (frameworks_.contains(frameworkId)) {
      trackAllocated(slaveId, frameworkId, resources);
    }
  }

  LOG(INFO) << "Added agent " << slaveId << " (" << slaveInfo.hostname()
            << ") with " << total
            << " (offered or allocated: " << agent.totalOfferedOrAllocated
            << ")";

  requestAllocation(slaveId);
}

void HierarchicalAllocatorProcess::removeSlave(const SlaveID& slaveId) {
  Agent* found = findAgent(slaveId, "removal");
  if (found == nullptr) {
    return;
  }

  Agent& agent = *found;
  for (const auto& [frameworkId, resources] : agent.offeredOrAllocated) {
    if (frameworks_.contains(frameworkId)) {
      untrackAllocated(slaveId, frameworkId, resources);
    }
  }

  roleSorter_->removeTotal(slaveId, agent.total);
  for (auto& [role, sorter] : frameworkSorters_) {
    sorter->removeTotal(slaveId, agent.total);
  }

  agents_.erase(slaveId);
  candidates_.erase(slaveId);

  for (auto& [frameworkId, framework] : frameworks_) {
    framework.refusals.clear(None(), slaveId);
  }

  LOG(INFO) << "Removed agent " << slaveId;
}

void HierarchicalAllocatorProcess::updateSlave(
    const SlaveID& slaveId, const SlaveInfo& slaveInfo,
    const Option<Resources>& total,
    const Option<std::vector<SlaveInfo::Capability>>& capabilities) {
  Agent* found = findAgent(slaveId, "update");
  if (found == nullptr) {
    return;
  }

  Agent& agent = *found;
  bool updated = false;

  // Frameworks may have refused the agent for lacking an attribute it now
  // has; they cannot learn of the change otherwise.
  if (Attributes(slaveInfo.attributes()) !=
      Attributes(agent.info.attributes())) {
    updated = true;
    for (auto& [frameworkId, framework] : frameworks_) {
      framework.refusals.clear(None(), slaveId);
    }
  }

  if (!(agent.info == slaveInfo)) {
    updated = true;
    agent.info = slaveInfo;
  }

  if (capabilities.isSome()) {
    const protobuf::slave::Capabilities newCapabilities(
        toRepeated(capabilities.get()));
    if (newCapabilities != agent.capabilities) {
      updated = true;
      agent.capabilities = newCapabilities;
    }
  }

  if (total.isSome() && total.get() != agent.total) {
    updated = true;
    updateAgentTotal(slaveId, agent, total.get());
    LOG(INFO) << "Agent " << slaveId << " updated with total resources "
              << total.get();
  }

  if (updated) {
    requestAllocation(slaveId);
  }
}

void HierarchicalAllocatorProcess::activateSlave(const SlaveID& slaveId) {
  Agent* agent = findAgent(slaveId, "activation");
  if (agent == nullptr) {
    return;
  }
  agent->activated = true;
  LOG(INFO) << "Agent " << slaveId << " reactivated";
}

void HierarchicalAllocatorProcess::deactivateSlave(const SlaveID& slaveId) {
  Agent* agent = findAgent(slaveId, "deactivation");
  if (agent == nullptr) {
    return;
  }
  agent->activated = false;
  LOG(INFO) << "Agent " << slaveId << " deactivated";
}

void HierarchicalAllocatorProcess::updateWhitelist(
    const Option<hashset<std::string>>& whitelist) {
  CHECK(initialized_);

  whitelist_ = whitelist;
  if (whitelist_.isNone()) {
    LOG(INFO) << "Advertising offers for all agents";
  } else if (whitelist_->empty()) {
    LOG(WARNING) << "Whitelist is empty, no offers will be made!";
  } else {
    LOG(INFO) << "Updated agent whitelist: "
              << strings::join(", ", whitelist_.get());
  }
}

void HierarchicalAllocatorProcess::requestResources(
    const FrameworkID& frameworkId, const std::vector<Request>& requests) {
  CHECK(initialized_);
  LOG(INFO) << "Received resource request from framework " << frameworkId;
}

void HierarchicalAllocatorProcess::recoverResources(
    const FrameworkID& frameworkId, const SlaveID& slaveId,
    const Resources& resources, const Option<Filters>& filters) {
  CHECK(initialized_);

  if (resources.empty()) {
    return;
  }

  // The framework or the agent may be gone already: their resources were
  // released with them.
  auto framework = frameworks_.find(frameworkId);
  auto agent = agents_.find(slaveId);
  if (framework == frameworks_.end() || agent == agents_.end()) {
    VLOG(1) << "Ignoring recovery of " << resources << " on agent " << slaveId
            << " from framework " << frameworkId
            << ": the agent or the framework is gone";
    return;
  }

  auto held = agent->second.offeredOrAllocated.find(frameworkId);
  if (held == agent->second.offeredOrAllocated.end() ||
      !held->second.contains(resources)) {
    LOG(WARNING) << "Ignoring recovery of " << resources << " on agent "
                 << slaveId << " from framework " << frameworkId
                 << ": it does not hold them";
    return;
  }

  untrackAllocated(slaveId, frameworkId, resources);
  agent->second.release(frameworkId, resources);

  VLOG(1) << "Recovered " << resources << " (total: " << agent->second.total
          << ", offered or allocated: " << agent->second.totalOfferedOrAllocated
          << ") on agent " << slaveId << " from framework " << frameworkId;

  if (filters.isNone()) {
    return;
  }

  Duration timeout = refusalDuration(filters.get());
  if (timeout == Duration::zero()) {
    return;
  }

  // A refusal shorter than the interval could expire before any run saw
  // it (MESOS-4302).
  timeout = std::max(options_.allocationInterval, timeout);

  for (const auto& [role, allocated] : resources.allocations()) {
    RefusalFilters::Refusal refusal;
    refusal.id = nextFilterId_++;
    refusal.refused = allocated;
    refusal.refused.unallocate();
    refusal.expiry = Clock::now() + timeout;
    refusal.timer = process::delay(timeout, self(), &Self::expireFilter,
                                   frameworkId, role, slaveId, refusal.id);
    framework->second.refusals.add(role, slaveId, std::move(refusal));

    VLOG(1) << "Framework " << frameworkId << " filtered agent " << slaveId
            << " for role " << role << " for " << timeout;
  }
}

void HierarchicalAllocatorProcess::suppressOffers(
    const FrameworkID& frameworkId, const std::set<std::string>& roles) {
  Framework* framework = findFramework(frameworkId, "suppression");
  if (framework == nullptr) {
    return;
  }
  suppressRoles(frameworkId, *framework,
                roles.empty() ? framework->roles : roles);
}

void HierarchicalAllocatorProcess::reviveOffers(
    const FrameworkID& frameworkId, const std::set<std::string>& roles) {
  Framework* framework = findFramework(frameworkId, "revival");
  if (framework == nullptr) {
    return;
  }
  reviveRoles(frameworkId, *framework,
              roles.empty() ? framework->roles : roles);

  requestAllocation();
}

void HierarchicalAllocatorProcess::updateWeights(
    const std::vector<WeightInfo>& weightInfos) {
  CHECK(initialized_);

  for (const WeightInfo& weightInfo : weightInfos) {
    if (!weightInfo.has_role() || !std::isfinite(weightInfo.weight()) ||
        weightInfo.weight() <= 0) {
      LOG(WARNING) << "Ignoring weight " << weightInfo.weight() << " for role '"
                   << weightInfo.role() << "'";
      continue;
    }
    roleSorter_->updateWeight(weightInfo.role(), weightInfo.weight());
  }
}

void HierarchicalAllocatorProcess::pause() {
  if (!paused_) {
    VLOG(1) << "Allocation paused";
    paused_ = true;
  }
}

void HierarchicalAllocatorProcess::resume() {
  if (paused_ && initialized_) {
    VLOG(1) << "Allocation resumed";
    paused_ = false;
  }
}

// -- Allocation runs ---------------------------------------------------------

void HierarchicalAllocatorProcess::tick() {
  requestAllocation();
  process::delay(options_.allocationInterval, self(), &Self::tick);
}

void HierarchicalAllocatorProcess::requestAllocation(
    const Option<SlaveID>& slaveId) {
  if (paused_) {
    return;
  }
  if (slaveId.isSome()) {
    candidates_.insert(slaveId.get());
  } else {
    for (const auto& [id, agent] : agents_) {
      candidates_.insert(id);
    }
  }
  if (!allocationPending_) {
    allocationPending_ = true;
    process::dispatch(self(), &Self::allocate);
  }
}

void HierarchicalAllocatorProcess::allocate() {
  allocationPending_ = false;
  if (paused_) {
    return;
  }

  std::vector<SlaveID> slaveIds;
  slaveIds.reserve(candidates_.size());
  for (const SlaveID& slaveId : candidates_) {
    auto it = agents_.find(slaveId);
    if (it != agents_.end() && it->second.activated &&
        (whitelist_.isNone() ||
         whitelist_->contains(it->second.info.hostname()))) {
      slaveIds.push_back(slaveId);
    }
  }
  candidates_.clear();

  // Sorting first makes the shuffle independent of hash order.
  std::sort(slaveIds.begin(), slaveIds.end());
  if (options_.shuffleAgents) {
    std::shuffle(slaveIds.begin(), slaveIds.end(), random_);
  }

  std::map<FrameworkID, hashmap<std::string, hashmap<SlaveID, Resources>>>
      offers;

  for (const SlaveID& slaveId : slaveIds) {
    Agent& agent = agents_.at(slaveId);

    // Shared resources stay available while offered: offer each once.
    Resources offeredShared;

    for (const std::string& role : roleSorter_->sort()) {
      if (agent.available.empty()) {
        break;
      }

      for (const std::string& client : frameworkSorters_.at(role)->sort()) {
        const Resources available =
            agent.available.allocatableTo(role) - offeredShared;
        if (available.empty()) {
          break;
        }

        FrameworkID frameworkId;
        frameworkId.set_value(client);
        const Framework& framework = frameworks_.at(frameworkId);

        if (!isAllocatable(available, role, framework) ||
            !isCapableOfReceivingAgent(framework, agent)) {
          continue;
        }

        Resources toOffer = stripIncapableResources(available, framework);
        if (!isAllocatable(toOffer, role, framework) ||
            isFiltered(framework, role, slaveId, agent, toOffer)) {
          continue;
        }

        offeredShared += toOffer.shared();
        toOffer.allocate(role);

        VLOG(2) << "Offering " << toOffer << " on agent " << slaveId
                << " to role " << role << " of framework " << frameworkId;

        offers[frameworkId][role][slaveId] += toOffer;
        agent.allocate(frameworkId, toOffer);
        trackAllocated(slaveId, frameworkId, toOffer);
      }
    }
  }

  VLOG(1) << "Performed allocation for " << slaveIds.size() << " agents";

  for (const auto& [frameworkId, resources] : offers) {
    offerCallback_(frameworkId, resources);
  }
}

// -- Helpers -----------------------------------------------------------------

HierarchicalAllocatorProcess::Framework*
HierarchicalAllocatorProcess::findFramework(const FrameworkID& frameworkId,
                                            const char* call) {
  CHECK(initialized_);
  auto it = frameworks_.find(frameworkId);
  if (it == frameworks_.end()) {
    LOG(WARNING) << "Ignoring " << call << " of unknown framework "
                 << frameworkId;
    return nullptr;
  }
  return &it->second;
}

HierarchicalAllocatorProcess::Agent* HierarchicalAllocatorProcess::findAgent(
    const SlaveID& slaveId, const char* call) {
  CHECK(initialized_);
  auto it = agents_.find(slaveId);
  if (it == agents_.end()) {
    LOG(WARNING) << "Ignoring " << call << " of unknown agent " << slaveId;
    return nullptr;
  }
  return &it->second;
}

bool HierarchicalAllocatorProcess::isTrackedUnderRole(
    const FrameworkID& frameworkId, const std::string& role) const {
  auto it = frameworkSorters_.find(role);
  return it != frameworkSorters_.end() &&
         it->second->contains(frameworkId.value());
}

void HierarchicalAllocatorProcess::trackFrameworkUnderRole(
    const FrameworkID& frameworkId, const std::string& role) {
  auto it = frameworkSorters_.find(role);
  if (it == frameworkSorters_.end()) {
    roleSorter_->add(role);
    roleSorter_->activate(role);

    auto sorter = std::make_unique<DRFSorter>(
        false, options_.fairnessExcludeResourceNames);
    for (const auto& [slaveId, agent] : agents_) {
      sorter->addTotal(slaveId, agent.total);
    }
    it = frameworkSorters_.emplace(role, std::move(sorter)).first;
  }
  it->second->add(frameworkId.value());
}

void HierarchicalAllocatorProcess::tryUntrackFrameworkUnderRole(
    const FrameworkID& frameworkId, const std::string& role) {
  auto it = frameworkSorters_.find(role);
  if (it == frameworkSorters_.end() ||
      !it->second->contains(frameworkId.value()) ||
      !it->second->allocation(frameworkId.value()).empty()) {
    return;
  }

  it->second->remove(frameworkId.value());
  if (it->second->count() == 0) {
    roleSorter_->remove(role);
    frameworkSorters_.erase(it);
  }
}

void HierarchicalAllocatorProcess::trackAllocated(
    const SlaveID& slaveId, const FrameworkID& frameworkId,
    const Resources& resources) {
  if (resources.empty()) {
    return;
  }
  for (const auto& [role, allocated] : resources.allocations()) {
    if (!isTrackedUnderRole(frameworkId, role)) {
      trackFrameworkUnderRole(frameworkId, role);
    }
    roleSorter_->allocated(role, slaveId, allocated);
    frameworkSorters_.at(role)->allocated(frameworkId.value(), slaveId,
                                          allocated);
  }
}

void HierarchicalAllocatorProcess::untrackAllocated(
    const SlaveID& slaveId, const FrameworkID& frameworkId,
    const Resources& resources) {
  const Framework& framework = frameworks_.at(frameworkId);
  for (const auto& [role, allocated] : resources.allocations()) {
    CHECK(isTrackedUnderRole(frameworkId, role))
        << frameworkId << " holds " << allocated << " untracked";
    frameworkSorters_.at(role)->unallocated(frameworkId.value(), slaveId,
                                            allocated);
    roleSorter_->unallocated(role, slaveId, allocated);

    if (framework.roles.count(role) == 0) {
      tryUntrackFrameworkUnderRole(frameworkId, role);
    }
  }
}

void HierarchicalAllocatorProcess::suppressRoles(
    const FrameworkID& frameworkId, Framework& framework,
    const std::set<std::string>& roles) {
  for (const std::string& role : roles) {
    if (framework.roles.count(role) == 0) {
      LOG(WARNING) << "Ignoring suppression of role '" << role
                   << "' not subscribed to by framework " << frameworkId;
      continue;
    }
    frameworkSorters_.at(role)->deactivate(frameworkId.value());
    framework.suppressedRoles.insert(role);
  }

  if (!roles.empty()) {
    LOG(INFO) << "Suppressed offers for roles {" << strings::join(", ", roles)
              << "} of framework " << frameworkId;
  }
}

void HierarchicalAllocatorProcess::reviveRoles(
    const FrameworkID& frameworkId, Framework& framework,
    const std::set<std::string>& roles) {
  for (const std::string& role : roles) {
    if (framework.roles.count(role) == 0) {
      LOG(WARNING) << "Ignoring revival of role '" << role
                   << "' not subscribed to by framework " << frameworkId;
      continue;
    }
    framework.refusals.clear(role, None());
    framework.suppressedRoles.erase(role);
    if (framework.active) {
      frameworkSorters_.at(role)->activate(frameworkId.value());
    }
  }

  if (!roles.empty()) {
    LOG(INFO) << "Unsuppressed offers and cleared filters for roles {"
              << strings::join(", ", roles) << "} of framework " << frameworkId;
  }
}

void HierarchicalAllocatorProcess::expireFilter(const FrameworkID& frameworkId,
                                                const std::string& role,
                                                const SlaveID& slaveId,
                                                uint64_t filterId) {
  // The framework (and its filters) may be gone already.
  auto framework = frameworks_.find(frameworkId);
  if (framework != frameworks_.end()) {
    framework->second.refusals.expire(role, slaveId, filterId);
  }
}

bool HierarchicalAllocatorProcess::isFiltered(
    const Framework& framework, const std::string& role, const SlaveID& slaveId,
    const Agent& agent, const Resources& resources) const {
  // A MULTI_ROLE framework must not see allocation info an old agent
  // cannot handle.
  if (framework.capabilities.multiRole && !agent.capabilities.multiRole) {
    VLOG(1) << "Implicitly filtering agent " << slaveId
            << ": the framework is MULTI_ROLE capable but the agent is not";
    return true;
  }

  if (!agent.capabilities.hierarchicalRole &&
      role.find('/') != std::string::npos) {
    VLOG(1) << "Implicitly filtering agent " << slaveId << " for role " << role
            << ": the agent is not HIERARCHICAL_ROLE capable";
    return true;
  }

  if (framework.refusals.filters(role, slaveId, resources, Clock::now())) {
    VLOG(1) << "Filtered offer with " << resources << " on agent " << slaveId
            << " for role " << role;
    return true;
  }
  return false;
}

bool HierarchicalAllocatorProcess::isAllocatable(
    const Resources& resources, const std::string& role,
    const Framework& framework) const {
  if (resources.empty()) {
    return false;
  }

  const std::vector<ResourceQuantities>* minimum =
      options_.minAllocatableResources.isSome()
          ? &options_.minAllocatableResources.get()
          : nullptr;

  auto perRole = framework.minAllocatableResources.find(role);
  if (perRole != framework.minAllocatableResources.end()) {
    minimum = &perRole->second;
  }

  if (minimum == nullptr || minimum->empty()) {
    return true;
  }

  return std::any_of(minimum->begin(), minimum->end(),
                     [&resources](const ResourceQuantities& quantities) {
                       return containsQuantities(resources, quantities);
                     });
}

bool HierarchicalAllocatorProcess::isCapableOfReceivingAgent(
    const Framework& framework, const Agent& agent) const {
  // MESOS-5634: gpus only go to frameworks that asked for them.
  if (options_.filterGpuResources && !framework.capabilities.gpuResources &&
      agent.hasGpu) {
    return false;
  }

  return framework.capabilities.regionAware || !isRemote(agent);
}

bool HierarchicalAllocatorProcess::isRemote(const Agent& agent) const {
  if (!agent.info.has_domain() || !agent.info.domain().has_fault_domain() ||
      options_.domain.isNone() || !options_.domain->has_fault_domain()) {
    return false;
  }
  return agent.info.domain().fault_domain().region().name() !=
         options_.domain->fault_domain().region().name();
}

Resources HierarchicalAllocatorProcess::stripIncapableResources(
    const Resources& resources, const Framework& framework) {
  const protobuf::framework::Capabilities& capabilities =
      framework.capabilities;
  return resources.filter([&capabilities](const Resource& resource) {
    return (capabilities.sharedResources || !Resources::isShared(resource)) &&
           (capabilities.revocableResources ||
            !Resources::isRevocable(resource)) &&
           (capabilities.reservationRefinement ||
            !Resources::hasRefinedReservations(resource));
  });
}

void HierarchicalAllocatorProcess::updateAgentTotal(const SlaveID& slaveId,
                                                    Agent& agent,
                                                    const Resources& total) {
  roleSorter_->removeTotal(slaveId, agent.total);
  roleSorter_->addTotal(slaveId, total);
  for (auto& [role, sorter] : frameworkSorters_) {
    sorter->removeTotal(slaveId, agent.total);
    sorter->addTotal(slaveId, total);
  }

  agent.total = total;
  agent.hasGpu = total.gpus().getOrElse(0) > 0;
  agent.updateAvailable();
}

}  // namespace allocator
}  // namespace master
}  // namespace internal
}  // namespace mesos
