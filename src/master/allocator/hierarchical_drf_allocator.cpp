#include "master/allocator/hierarchical_drf_allocator.hpp"

#include <process/dispatch.hpp>
#include <process/process.hpp>

namespace mesos {
namespace internal {
namespace master {
namespace allocator {

using Process = HierarchicalAllocatorProcess;

HierarchicalDRFAllocator::HierarchicalDRFAllocator()
    : process_(std::make_unique<Process>()) {
  process::spawn(process_.get());
}

HierarchicalDRFAllocator::~HierarchicalDRFAllocator() {
  process::terminate(process_.get());
  process::wait(process_.get());
}

process::PID<Process> HierarchicalDRFAllocator::pid() const {
  return process_->self();
}

void HierarchicalDRFAllocator::initialize(const Options& options,
                                          const OfferCallback& offerCallback) {
  process::dispatch(
      pid(),
      static_cast<void (Process::*)(const Options&, const OfferCallback&)>(
          &Process::initialize),
      options, offerCallback);
}

void HierarchicalDRFAllocator::addFramework(
    const FrameworkID& frameworkId, const FrameworkInfo& frameworkInfo,
    const hashmap<SlaveID, Resources>& used, bool active,
    const std::set<std::string>& suppressedRoles) {
  process::dispatch(pid(), &Process::addFramework, frameworkId, frameworkInfo,
                    used, active, suppressedRoles);
}

void HierarchicalDRFAllocator::removeFramework(const FrameworkID& frameworkId) {
  process::dispatch(pid(), &Process::removeFramework, frameworkId);
}

void HierarchicalDRFAllocator::activateFramework(
    const FrameworkID& frameworkId) {
  process::dispatch(pid(), &Process::activateFramework, frameworkId);
}

void HierarchicalDRFAllocator::deactivateFramework(
    const FrameworkID& frameworkId) {
  process::dispatch(pid(), &Process::deactivateFramework, frameworkId);
}

void HierarchicalDRFAllocator::updateFramework(
    const FrameworkID& frameworkId, const FrameworkInfo& frameworkInfo,
    const std::set<std::string>& suppressedRoles) {
  process::dispatch(pid(), &Process::updateFramework, frameworkId,
                    frameworkInfo, suppressedRoles);
}

void HierarchicalDRFAllocator::addSlave(
    const SlaveID& slaveId, const SlaveInfo& slaveInfo,
    const std::vector<SlaveInfo::Capability>& capabilities,
    const Resources& total, const hashmap<FrameworkID, Resources>& used) {
  process::dispatch(pid(), &Process::addSlave, slaveId, slaveInfo, capabilities,
                    total, used);
}

void HierarchicalDRFAllocator::removeSlave(const SlaveID& slaveId) {
  process::dispatch(pid(), &Process::removeSlave, slaveId);
}

void HierarchicalDRFAllocator::updateSlave(
    const SlaveID& slaveId, const SlaveInfo& slaveInfo,
    const Option<Resources>& total,
    const Option<std::vector<SlaveInfo::Capability>>& capabilities) {
  process::dispatch(pid(), &Process::updateSlave, slaveId, slaveInfo, total,
                    capabilities);
}

void HierarchicalDRFAllocator::activateSlave(const SlaveID& slaveId) {
  process::dispatch(pid(), &Process::activateSlave, slaveId);
}

void HierarchicalDRFAllocator::deactivateSlave(const SlaveID& slaveId) {
  process::dispatch(pid(), &Process::deactivateSlave, slaveId);
}

void HierarchicalDRFAllocator::updateWhitelist(
    const Option<hashset<std::string>>& whitelist) {
  process::dispatch(pid(), &Process::updateWhitelist, whitelist);
}

void HierarchicalDRFAllocator::requestResources(
    const FrameworkID& frameworkId, const std::vector<Request>& requests) {
  process::dispatch(pid(), &Process::requestResources, frameworkId, requests);
}

void HierarchicalDRFAllocator::recoverResources(
    const FrameworkID& frameworkId, const SlaveID& slaveId,
    const Resources& resources, const Option<Filters>& filters) {
  process::dispatch(pid(), &Process::recoverResources, frameworkId, slaveId,
                    resources, filters);
}

void HierarchicalDRFAllocator::suppressOffers(
    const FrameworkID& frameworkId, const std::set<std::string>& roles) {
  process::dispatch(pid(), &Process::suppressOffers, frameworkId, roles);
}

void HierarchicalDRFAllocator::reviveOffers(
    const FrameworkID& frameworkId, const std::set<std::string>& roles) {
  process::dispatch(pid(), &Process::reviveOffers, frameworkId, roles);
}

void HierarchicalDRFAllocator::updateWeights(
    const std::vector<WeightInfo>& weightInfos) {
  process::dispatch(pid(), &Process::updateWeights, weightInfos);
}

void HierarchicalDRFAllocator::pause() {
  process::dispatch(pid(), &Process::pause);
}

void HierarchicalDRFAllocator::resume() {
  process::dispatch(pid(), &Process::resume);
}

}  // namespace allocator
}  // namespace master
}  // namespace internal
}  // namespace mesos
