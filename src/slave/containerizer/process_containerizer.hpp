#ifndef MESOS_SLAVE_CONTAINERIZER_PROCESS_CONTAINERIZER_HPP
#define MESOS_SLAVE_CONTAINERIZER_PROCESS_CONTAINERIZER_HPP

// The facade every containerizer of ours shares: a Containerizer whose
// calls are dispatched, unchanged, to one libprocess process that holds
// all the containerizer's state (so calls are handled one at a time, in
// arrival order, and never block the caller).
//
// A containerizer implements ContainerizerProcess (the same calls, with
// launch's arguments as one LaunchArguments value) and derives its public
// class from ProcessContainerizer, handing it the process.

#include <map>
#include <memory>
#include <string>

#include <process/future.hpp>
#include <process/process.hpp>

#include "slave/containerizer/containerizer.hpp"
#include "slave/containerizer/launch_arguments.hpp"

namespace mesos {
namespace internal {
namespace slave {

// The process behind a ProcessContainerizer. Each method has the contract
// of the Containerizer method of the same name; it runs on this process.
class ContainerizerProcess : public process::Process<ContainerizerProcess> {
 public:
  using LaunchResult = Containerizer::LaunchResult;

  virtual process::Future<Nothing> recover(
      const Option<state::SlaveState>& state) = 0;
  virtual process::Future<LaunchResult> launch(
      const LaunchArguments& request) = 0;
  virtual process::Future<Nothing> update(const ContainerID& containerId,
                                          const Resources& resources) = 0;
  virtual process::Future<ResourceStatistics> usage(
      const ContainerID& containerId) = 0;
  virtual process::Future<ContainerStatus> status(
      const ContainerID& containerId) = 0;
  virtual process::Future<Option<ContainerTermination>> wait(
      const ContainerID& containerId) = 0;
  virtual process::Future<Option<ContainerTermination>> destroy(
      const ContainerID& containerId) = 0;
  virtual process::Future<hashset<ContainerID>> containers() = 0;

 protected:
  // The concrete process names itself through the virtual base, e.g.
  // `ProcessBase(process::ID::generate("mesos-containerizer"))`.
  ContainerizerProcess() = default;
};

class ProcessContainerizer : public Containerizer {
 public:
  // Terminates the process and waits for it to go, then deletes it (and
  // with it whatever it owns). Futures still pending may never complete.
  ~ProcessContainerizer() override;

  ProcessContainerizer(const ProcessContainerizer&) = delete;
  ProcessContainerizer& operator=(const ProcessContainerizer&) = delete;

  process::Future<Nothing> recover(
      const Option<state::SlaveState>& state) override;

  process::Future<LaunchResult> launch(
      const ContainerID& containerId, const Option<TaskInfo>& taskInfo,
      const ExecutorInfo& executorInfo, const std::string& directory,
      const Option<std::string>& user, const SlaveID& slaveId,
      const std::map<std::string, std::string>& environment,
      bool checkpoint) override;

  process::Future<Nothing> update(const ContainerID& containerId,
                                  const Resources& resources) override;

  process::Future<ResourceStatistics> usage(
      const ContainerID& containerId) override;

  process::Future<ContainerStatus> status(
      const ContainerID& containerId) override;

  process::Future<Option<ContainerTermination>> wait(
      const ContainerID& containerId) override;

  process::Future<Option<ContainerTermination>> destroy(
      const ContainerID& containerId) override;

  process::Future<hashset<ContainerID>> containers() override;

 protected:
  // Spawns `process` (not null); it lives as long as this object.
  explicit ProcessContainerizer(std::unique_ptr<ContainerizerProcess> process);

 private:
  std::unique_ptr<ContainerizerProcess> process_;
};

}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SLAVE_CONTAINERIZER_PROCESS_CONTAINERIZER_HPP
