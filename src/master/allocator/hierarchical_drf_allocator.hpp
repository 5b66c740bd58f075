#ifndef MESOS_MASTER_ALLOCATOR_HIERARCHICAL_DRF_ALLOCATOR_HPP
#define MESOS_MASTER_ALLOCATOR_HIERARCHICAL_DRF_ALLOCATOR_HPP

// HierarchicalDRFAllocator: Mesos's default allocator ("HierarchicalDRF")
// behind the `Allocator` interface. The algorithm is
// HierarchicalAllocatorProcess's (hierarchical.hpp); this class only runs
// it on its own process.

#include <memory>
#include <set>
#include <string>
#include <vector>

#include <mesos/mesos.hpp>
#include <mesos/resources.hpp>

#include <process/pid.hpp>

#include <stout/hashmap.hpp>
#include <stout/hashset.hpp>
#include <stout/option.hpp>

#include "master/allocator/allocator.hpp"
#include "master/allocator/hierarchical.hpp"

namespace mesos {
namespace internal {
namespace master {
namespace allocator {

// The `Allocator` the master uses: owns a spawned
// HierarchicalAllocatorProcess (terminated and waited for on destruction)
// and dispatches every call to it.
class HierarchicalDRFAllocator : public Allocator {
 public:
  HierarchicalDRFAllocator();
  ~HierarchicalDRFAllocator() override;

  HierarchicalDRFAllocator(const HierarchicalDRFAllocator&) = delete;
  HierarchicalDRFAllocator& operator=(const HierarchicalDRFAllocator&) = delete;

  // The process, e.g. to dispatch a batch of calls to it at once.
  process::PID<HierarchicalAllocatorProcess> pid() const;

  void initialize(const Options& options,
                  const OfferCallback& offerCallback) override;
  void addFramework(const FrameworkID& frameworkId,
                    const FrameworkInfo& frameworkInfo,
                    const hashmap<SlaveID, Resources>& used, bool active,
                    const std::set<std::string>& suppressedRoles) override;
  void removeFramework(const FrameworkID& frameworkId) override;
  void activateFramework(const FrameworkID& frameworkId) override;
  void deactivateFramework(const FrameworkID& frameworkId) override;
  void updateFramework(const FrameworkID& frameworkId,
                       const FrameworkInfo& frameworkInfo,
                       const std::set<std::string>& suppressedRoles) override;
  void addSlave(const SlaveID& slaveId, const SlaveInfo& slaveInfo,
                const std::vector<SlaveInfo::Capability>& capabilities,
                const Resources& total,
                const hashmap<FrameworkID, Resources>& used) override;
  void removeSlave(const SlaveID& slaveId) override;
  void updateSlave(
      const SlaveID& slaveId, const SlaveInfo& slaveInfo,
      const Option<Resources>& total,
      const Option<std::vector<SlaveInfo::Capability>>& capabilities) override;
  void activateSlave(const SlaveID& slaveId) override;
  void deactivateSlave(const SlaveID& slaveId) override;
  void updateWhitelist(const Option<hashset<std::string>>& whitelist) override;
  void requestResources(const FrameworkID& frameworkId,
                        const std::vector<Request>& requests) override;
  void recoverResources(const FrameworkID& frameworkId, const SlaveID& slaveId,
                        const Resources& resources,
                        const Option<Filters>& filters) override;
  void suppressOffers(const FrameworkID& frameworkId,
                      const std::set<std::string>& roles) override;
  void reviveOffers(const FrameworkID& frameworkId,
                    const std::set<std::string>& roles) override;
  void updateWeights(const std::vector<WeightInfo>& weightInfos) override;
  void pause() override;
  void resume() override;

 private:
  std::unique_ptr<HierarchicalAllocatorProcess> process_;
};

}  // namespace allocator
}  // namespace master
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_MASTER_ALLOCATOR_HIERARCHICAL_DRF_ALLOCATOR_HPP
