#include "slave/containerizer/process_containerizer.hpp"

#include <utility>

#include <process/dispatch.hpp>

namespace mesos {
namespace internal {
namespace slave {

using process::Future;

ProcessContainerizer::ProcessContainerizer(
    std::unique_ptr<ContainerizerProcess> process)
    : process_(std::move(process)) {
  process::spawn(process_.get());
}

ProcessContainerizer::~ProcessContainerizer() {
  process::terminate(process_.get());
  process::wait(process_.get());
}

Future<Nothing> ProcessContainerizer::recover(
    const Option<state::SlaveState>& state) {
  return process::dispatch(process_->self(), &ContainerizerProcess::recover,
                           state);
}

Future<Containerizer::LaunchResult> ProcessContainerizer::launch(
    const ContainerID& containerId, const Option<TaskInfo>& taskInfo,
    const ExecutorInfo& executorInfo, const std::string& directory,
    const Option<std::string>& user, const SlaveID& slaveId,
    const std::map<std::string, std::string>& environment, bool checkpoint) {
  LaunchArguments request{containerId, taskInfo, executorInfo, directory,
                          user,        slaveId,  environment,  checkpoint};
  return process::dispatch(process_->self(), &ContainerizerProcess::launch,
                           request);
}

Future<Nothing> ProcessContainerizer::update(const ContainerID& containerId,
                                             const Resources& resources) {
  return process::dispatch(process_->self(), &ContainerizerProcess::update,
                           containerId, resources);
}

Future<ResourceStatistics> ProcessContainerizer::usage(
    const ContainerID& containerId) {
  return process::dispatch(process_->self(), &ContainerizerProcess::usage,
                           containerId);
}

Future<ContainerStatus> ProcessContainerizer::status(
    const ContainerID& containerId) {
  return process::dispatch(process_->self(), &ContainerizerProcess::status,
                           containerId);
}

Future<Option<ContainerTermination>> ProcessContainerizer::wait(
    const ContainerID& containerId) {
  return process::dispatch(process_->self(), &ContainerizerProcess::wait,
                           containerId);
}

Future<Option<ContainerTermination>> ProcessContainerizer::destroy(
    const ContainerID& containerId) {
  return process::dispatch(process_->self(), &ContainerizerProcess::destroy,
                           containerId);
}

Future<hashset<ContainerID>> ProcessContainerizer::containers() {
  return process::dispatch(process_->self(), &ContainerizerProcess::containers);
}

}  // namespace slave
}  // namespace internal
}  // namespace mesos
