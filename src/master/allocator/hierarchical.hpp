#ifndef MESOS_MASTER_ALLOCATOR_HIERARCHICAL_HPP
#define MESOS_MASTER_ALLOCATOR_HIERARCHICAL_HPP

// The hierarchical DRF allocator (Mesos's default, "HierarchicalDRF").
//
// An allocation run visits the candidate agents (all agents for the
// periodic run, or those an event named) in a random order. For each
// agent, the roles are taken in DRF order (weighted dominant share over
// the cluster total, see sorter.hpp), and within a role its frameworks in
// DRF order. The first framework that can take the agent gets, in one
// offer, *everything* still available on it for that role: the unreserved
// resources plus those reserved to the role or an ancestor of it (coarse-
// grained offers, as in Mesos). Whatever another role may use (its own
// reservations) remains for the roles that follow. Each allocation updates
// the shares before the next agent is visited, so agents spread across
// equal claimants.
//
// A framework (for a role) is skipped when it is inactive or suppressed
// for the role; when the offer would not reach the minimum allocatable
// resources; when the agent has gpus and the framework lacks GPU_RESOURCES
// (with filterGpuResources), or lies in a remote region and the framework
// lacks REGION_AWARE; when the framework is MULTI_ROLE and the agent is
// not, or the role is hierarchical ("a/b") and the agent lacks
// HIERARCHICAL_ROLE; or when an unexpired refusal of this agent for this
// role covers everything that would be offered. Resources the framework
// cannot use are left out of its offer: revocable ones without
// REVOCABLE_RESOURCES, shared ones without SHARED_RESOURCES, refined
// reservations without RESERVATION_REFINEMENT. A shared resource is
// offered at most once per run.
//
// Runs happen every `allocationInterval` and, coalesced, soon after
// events that may create offers: an active framework added, a framework
// activated or revived (all agents), an agent added or changed (that
// agent). Pending triggers merge into one run over the union of their
// agents. Recovered resources, removed frameworks, expired filters and
// weight changes wait for the next periodic run, as in Mesos.
//
// Quota (guarantees/limits and the quota stage), maintenance and inverse
// offers, offer operations (updateAllocation/updateAvailable), resource
// providers, offer constraints, master-failover recovery and metrics are
// not implemented.

#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <mesos/mesos.hpp>
#include <mesos/resources.hpp>

#include <process/pid.hpp>
#include <process/process.hpp>
#include <process/time.hpp>
#include <process/timer.hpp>

#include <stout/hashmap.hpp>
#include <stout/hashset.hpp>
#include <stout/option.hpp>

#include "common/protobuf_utils.hpp"
#include "master/allocator/allocator.hpp"
#include "master/allocator/refusal_filters.hpp"
#include "master/allocator/sorter.hpp"

namespace mesos {
namespace internal {
namespace master {
namespace allocator {

// The allocator's state and algorithm, as a libprocess process. Its
// methods have the contracts of the same-named `Allocator` methods and
// must run in the process's context (dispatch to it, or call them from
// inside a function dispatched to it); `HierarchicalDRFAllocator`
// (hierarchical_drf_allocator.hpp) does the dispatching.
class HierarchicalAllocatorProcess
    : public process::Process<HierarchicalAllocatorProcess> {
 public:
  HierarchicalAllocatorProcess();
  ~HierarchicalAllocatorProcess() override;

  void initialize(const Options& options, const OfferCallback& offerCallback);

  void addFramework(const FrameworkID& frameworkId,
                    const FrameworkInfo& frameworkInfo,
                    const hashmap<SlaveID, Resources>& used, bool active,
                    const std::set<std::string>& suppressedRoles);
  void removeFramework(const FrameworkID& frameworkId);
  void activateFramework(const FrameworkID& frameworkId);
  void deactivateFramework(const FrameworkID& frameworkId);
  void updateFramework(const FrameworkID& frameworkId,
                       const FrameworkInfo& frameworkInfo,
                       const std::set<std::string>& suppressedRoles);

  void addSlave(const SlaveID& slaveId, const SlaveInfo& slaveInfo,
                const std::vector<SlaveInfo::Capability>& capabilities,
                const Resources& total,
                const hashmap<FrameworkID, Resources>& used);
  void removeSlave(const SlaveID& slaveId);
  void updateSlave(
      const SlaveID& slaveId, const SlaveInfo& slaveInfo,
      const Option<Resources>& total,
      const Option<std::vector<SlaveInfo::Capability>>& capabilities);
  void activateSlave(const SlaveID& slaveId);
  void deactivateSlave(const SlaveID& slaveId);
  void updateWhitelist(const Option<hashset<std::string>>& whitelist);

  void requestResources(const FrameworkID& frameworkId,
                        const std::vector<Request>& requests);
  void recoverResources(const FrameworkID& frameworkId, const SlaveID& slaveId,
                        const Resources& resources,
                        const Option<Filters>& filters);
  void suppressOffers(const FrameworkID& frameworkId,
                      const std::set<std::string>& roles);
  void reviveOffers(const FrameworkID& frameworkId,
                    const std::set<std::string>& roles);
  void updateWeights(const std::vector<WeightInfo>& weightInfos);
  void pause();
  void resume();

 protected:
  // The runtime's no-argument initialize(), not used here.
  using process::ProcessBase::initialize;

 private:
  using Self = HierarchicalAllocatorProcess;

  struct Framework {
    std::set<std::string> roles;
    std::set<std::string> suppressedRoles;
    protobuf::framework::Capabilities capabilities;
    bool active = false;

    // Per-role replacement of Options::minAllocatableResources.
    hashmap<std::string, std::vector<ResourceQuantities>>
        minAllocatableResources;

    RefusalFilters refusals;
  };

  struct Agent {
    // Recomputes `available` from `total` and `offeredOrAllocated`.
    void updateAvailable();

    // `resources` (with their allocation info) go to or come back from
    // `frameworkId`.
    void allocate(const FrameworkID& frameworkId, const Resources& resources);
    void release(const FrameworkID& frameworkId, const Resources& resources);

    SlaveInfo info;
    protobuf::slave::Capabilities capabilities;
    bool activated = true;

    Resources total;
    bool hasGpu = false;

    // What each framework holds here (allocation info kept); the
    // allocator's record, which the sorters mirror for known frameworks.
    hashmap<FrameworkID, Resources> offeredOrAllocated;
    Resources totalOfferedOrAllocated;

    // total - offeredOrAllocated (unallocated form); shared resources
    // always count as available.
    Resources available;
  };

  // -- Allocation runs -------------------------------------------------------

  void tick();

  // Queues a run (unless one is queued already) that will cover `slaveId`
  // (None: every agent).
  void requestAllocation(const Option<SlaveID>& slaveId = None());
  void allocate();

  // -- Helpers ---------------------------------------------------------------

  // The framework (agent) named, or nullptr after logging that the `call`
  // is ignored.
  Framework* findFramework(const FrameworkID& frameworkId, const char* call);
  Agent* findAgent(const SlaveID& slaveId, const char* call);

  void trackFrameworkUnderRole(const FrameworkID& frameworkId,
                               const std::string& role);
  void tryUntrackFrameworkUnderRole(const FrameworkID& frameworkId,
                                    const std::string& role);
  bool isTrackedUnderRole(const FrameworkID& frameworkId,
                          const std::string& role) const;

  // Mirror `resources` (allocated to roles) of the framework on the agent
  // into (out of) the sorters.
  void trackAllocated(const SlaveID& slaveId, const FrameworkID& frameworkId,
                      const Resources& resources);
  void untrackAllocated(const SlaveID& slaveId, const FrameworkID& frameworkId,
                        const Resources& resources);

  void suppressRoles(const FrameworkID& frameworkId, Framework& framework,
                     const std::set<std::string>& roles);
  void reviveRoles(const FrameworkID& frameworkId, Framework& framework,
                   const std::set<std::string>& roles);

  // Timer callback of a refusal.
  void expireFilter(const FrameworkID& frameworkId, const std::string& role,
                    const SlaveID& slaveId, uint64_t filterId);

  bool isFiltered(const Framework& framework, const std::string& role,
                  const SlaveID& slaveId, const Agent& agent,
                  const Resources& resources) const;
  bool isAllocatable(const Resources& resources, const std::string& role,
                     const Framework& framework) const;
  bool isCapableOfReceivingAgent(const Framework& framework,
                                 const Agent& agent) const;
  bool isRemote(const Agent& agent) const;
  static Resources stripIncapableResources(const Resources& resources,
                                           const Framework& framework);

  void updateAgentTotal(const SlaveID& slaveId, Agent& agent,
                        const Resources& total);

  // -- State -----------------------------------------------------------------

  bool initialized_ = false;
  bool paused_ = true;
  Options options_;
  OfferCallback offerCallback_;

  hashmap<FrameworkID, Framework> frameworks_;
  hashmap<SlaveID, Agent> agents_;

  // Roles with a framework tracked under them (subscribed, or holding
  // resources allocated to the role): the role sorter's clients, each
  // with a sorter of its frameworks.
  std::unique_ptr<DRFSorter> roleSorter_;
  hashmap<std::string, std::unique_ptr<DRFSorter>> frameworkSorters_;

  Option<hashset<std::string>> whitelist_;

  // Agents named by triggers since the last run, and whether a run is
  // already queued.
  hashset<SlaveID> candidates_;
  bool allocationPending_ = false;

  std::mt19937 random_;
  uint64_t nextFilterId_ = 1;
};

}  // namespace allocator
}  // namespace master
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_MASTER_ALLOCATOR_HIERARCHICAL_HPP
