#ifndef MESOS_MASTER_ALLOCATOR_ALLOCATOR_HPP
#define MESOS_MASTER_ALLOCATOR_ALLOCATOR_HPP

// The master's resource allocator: the interface the master drives, and the
// options and callback types shared by its implementations.
//
// Model (that of Apache Mesos 1.11). The allocator owns the accounting of
// every agent's resources: each resource is either *available* or
// *offered or allocated* to one framework under one role. An allocation run
// turns available resources into offers and hands them to the master
// through the offer callback; from then on they count against the
// framework until the master gives them back with `recoverResources()`:
//
//   available --(allocation run: offer callback)--> offered/allocated
//   offered/allocated --(recoverResources)--> available
//
// The master does not tell the allocator when offered resources are used
// by a task: a task's resources simply stay allocated until the task ends
// and the master recovers them. So the master recovers
//
//   - a declined offer's resources, with the DECLINE call's `filters`;
//   - the unused part of an accepted offer, with the ACCEPT call's
//     `filters`;
//   - a rescinded or invalidated offer's resources, with None (no filter);
//   - a terminated task's (and executor's) resources, with None.
//
// A `Filters` message whose `refuse_seconds` is unset reads as 5 seconds
// (the proto default), which is how a plain DECLINE refuses an agent for
// 5 seconds: the master passes `decline.filters()` even when the scheduler
// set none.
//
// Every call is asynchronous: it queues the work on the allocator's own
// process and returns at once. Calls made from one thread (e.g. the
// master's process) take effect in the order they were made. The offer
// callback runs on the allocator's process, never on the caller's thread.

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <mesos/mesos.hpp>
#include <mesos/resources.hpp>

#include <stout/duration.hpp>
#include <stout/hashmap.hpp>
#include <stout/hashset.hpp>
#include <stout/none.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

namespace mesos {
namespace internal {
namespace master {
namespace allocator {

// -- Minimum allocatable resources -------------------------------------------

// Resource quantities by resource name: the value of a scalar, the number
// of values in a range set (ports:[1-5] counts 5), the number of items in
// a set. Used for the minimum allocatable resources.
using ResourceQuantities = std::map<std::string, double>;

// Whether `resources` holds at least every quantity of `quantities`
// (quantities of entries with the same name add up; scalars compare at
// Mesos's 0.001 precision). An empty `quantities` is always contained.
bool containsQuantities(const Resources& resources,
                        const ResourceQuantities& quantities);

// Parses the master's --min_allocatable_resources flag: sets of
// `name:quantity` separated by ';' (all required), the sets separated by
// '|' (any one suffices), e.g. "disk:1|cpus:1;mem:32;ports:1". Repeated
// names within a set add up. Errors name the offending token: an empty
// set, a missing name or ':', a quantity that is not a non-negative
// finite number.
Try<std::vector<ResourceQuantities>> parseMinAllocatableResources(
    const std::string& text);

// The flag's default in Mesos, "cpus:0.01|mem:32": an offer must carry at
// least 0.01 cpus or at least 32 MB of memory.
std::vector<ResourceQuantities> defaultMinAllocatableResources();

// -- Options and callbacks ---------------------------------------------------

// The master's --allocation_interval default.
inline const Duration DEFAULT_ALLOCATION_INTERVAL = Seconds(1);

// Refusals longer than this are capped to it, as in Mesos.
inline const Duration MAX_REFUSE_DURATION = Days(365);

struct Options {
  // How often a batch allocation over all agents runs (--allocation_interval).
  // Events that may free or want resources (see the Allocator methods)
  // also trigger a run soon, without waiting for the interval.
  Duration allocationInterval = DEFAULT_ALLOCATION_INTERVAL;

  // Resource names left out of the dominant share computation
  // (--fair_sharing_excluded_resource_names), e.g. {"gpus"}.
  Option<std::set<std::string>> fairnessExcludeResourceNames = None();

  // Only frameworks with the GPU_RESOURCES capability get resources from
  // agents that have gpus (--filter_gpu_resources).
  bool filterGpuResources = true;

  // The master's fault domain. Agents in another region are only offered
  // to REGION_AWARE frameworks. None: every agent is local.
  Option<DomainInfo> domain = None();

  // An offer is made only if it contains at least one of these sets of
  // quantities (--min_allocatable_resources). None or an empty vector:
  // any non-empty offer. A framework's `offer_filters[role]
  // .min_allocatable_resources` replaces it for that role.
  Option<std::vector<ResourceQuantities>> minAllocatableResources =
      defaultMinAllocatableResources();

  // Each run visits agents in a random order (as Mesos does, so that no
  // agent is always offered first) drawn from a generator seeded with
  // `seed`, so a run sequence is reproducible. Without shuffling, agents
  // are visited in SlaveID order (for tests that want to predict which
  // agent goes where).
  bool shuffleAgents = true;
  uint32_t seed = 1;
};

// Offers for one framework from one allocation run: role -> agent ->
// resources. Every resource carries `allocation_info.role` equal to its
// role key. Each agent appears under at most one role per run.
using OfferCallback = std::function<void(
    const FrameworkID& frameworkId,
    const hashmap<std::string, hashmap<SlaveID, Resources>>& resources)>;

// -- The interface -----------------------------------------------------------

// What the master calls. IDs the allocator does not know are tolerated
// (the call is logged and ignored), since the master's and the
// allocator's views may race; adding an ID twice is ignored likewise.
//
// Resources passed in as used or recovered must carry
// `allocation_info.role` (the master keeps what the offer carried).
class Allocator {
 public:
  virtual ~Allocator() = default;

  // Must be called once, before any other call. Starts the periodic
  // allocation. `offerCallback` is called at most once per framework per
  // allocation run, on the allocator's process: keep it short (typically a
  // dispatch to the master).
  virtual void initialize(const Options& options,
                          const OfferCallback& offerCallback) = 0;

  // A framework subscribed. `used` is what it already holds per agent (on
  // master failover); agents not yet added are ignored here and accounted
  // by `addSlave()`'s `used` instead, so nothing is counted twice. Roles
  // in `suppressedRoles` get no offers until revived. An active framework
  // triggers an allocation run over all agents; an inactive one gets no
  // offers until activated.
  virtual void addFramework(const FrameworkID& frameworkId,
                            const FrameworkInfo& frameworkInfo,
                            const hashmap<SlaveID, Resources>& used,
                            bool active,
                            const std::set<std::string>& suppressedRoles) = 0;

  // The framework is gone: everything offered or allocated to it becomes
  // available (a later `recoverResources()` for it is ignored). Does not
  // trigger a run: the resources go out with the next periodic one.
  virtual void removeFramework(const FrameworkID& frameworkId) = 0;

  // Offers resume for the framework's non-suppressed roles; triggers a run
  // over all agents.
  virtual void activateFramework(const FrameworkID& frameworkId) = 0;

  // No more offers to the framework; its offer filters are cleared. What
  // it holds stays allocated until recovered (the master rescinds its
  // offers and recovers them).
  virtual void deactivateFramework(const FrameworkID& frameworkId) = 0;

  // New FrameworkInfo (roles, capabilities, offer filters) and suppressed
  // roles. Roles left drop their offer filters; roles no longer suppressed
  // are revived (filters cleared). Does not trigger a run.
  virtual void updateFramework(
      const FrameworkID& frameworkId, const FrameworkInfo& frameworkInfo,
      const std::set<std::string>& suppressedRoles) = 0;

  // An agent (re)registered with `total` resources (including
  // checkpointed reservations and volumes), of which `used` are held by
  // frameworks (their allocation counts once both the framework and the
  // agent are known). The agent starts activated. Triggers a run for this
  // agent.
  virtual void addSlave(const SlaveID& slaveId, const SlaveInfo& slaveInfo,
                        const std::vector<SlaveInfo::Capability>& capabilities,
                        const Resources& total,
                        const hashmap<FrameworkID, Resources>& used) = 0;

  // The agent is gone with all its resources; its offer filters are
  // removed. Later recoveries for it are ignored.
  virtual void removeSlave(const SlaveID& slaveId) = 0;

  // New SlaveInfo and, if given, total resources and capabilities. Changed
  // attributes remove every framework's offer filters for the agent. A
  // change of info, total or capabilities triggers a run for this agent.
  virtual void updateSlave(const SlaveID& slaveId, const SlaveInfo& slaveInfo,
                           const Option<Resources>& total = None(),
                           const Option<std::vector<SlaveInfo::Capability>>&
                               capabilities = None()) = 0;

  // Offers from the agent stop (deactivate: it disconnected) or resume
  // (activate: it reregistered). Neither recovers nor triggers anything.
  virtual void activateSlave(const SlaveID& slaveId) = 0;
  virtual void deactivateSlave(const SlaveID& slaveId) = 0;

  // Only agents whose hostname is listed get offered (--whitelist); None
  // lifts the restriction.
  virtual void updateWhitelist(
      const Option<hashset<std::string>>& whitelist) = 0;

  // A framework's REQUEST call; only logged, as in Mesos.
  virtual void requestResources(const FrameworkID& frameworkId,
                                const std::vector<Request>& requests) = 0;

  // `resources` (offered or allocated to the framework on the agent) are
  // available again. With `filters`, the framework refuses these
  // resources of this agent (for the role they were allocated to) for
  // `refuse_seconds`, but at least one allocation interval, at most 365
  // days; a negative or non-finite value means the 5 second default; 0
  // installs no filter. While refused, the agent is not offered to that
  // role of the framework unless more resources than those refused are
  // available. Does not trigger a run: recovered resources go out with the
  // next periodic one.
  virtual void recoverResources(const FrameworkID& frameworkId,
                                const SlaveID& slaveId,
                                const Resources& resources,
                                const Option<Filters>& filters) = 0;

  // Stops offers to `roles` of the framework (all its roles if empty).
  virtual void suppressOffers(const FrameworkID& frameworkId,
                              const std::set<std::string>& roles) = 0;

  // Clears the framework's offer filters for `roles` (all its roles if
  // empty) and unsuppresses them; triggers a run over all agents.
  virtual void reviveOffers(const FrameworkID& frameworkId,
                            const std::set<std::string>& roles) = 0;

  // Sets role weights (default 1; a role with weight 2 is entitled to
  // twice the share). Roles not listed keep theirs; non-positive weights
  // are ignored. Takes effect from the next run; triggers none.
  virtual void updateWeights(const std::vector<WeightInfo>& weightInfos) = 0;

  // Stops (resumes) allocation runs, periodic and triggered. Idempotent.
  virtual void pause() = 0;
  virtual void resume() = 0;
};

}  // namespace allocator
}  // namespace master
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_MASTER_ALLOCATOR_ALLOCATOR_HPP
