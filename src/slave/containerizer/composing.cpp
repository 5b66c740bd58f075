#include "slave/containerizer/composing.hpp"

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include <glog/logging.h>

#include <process/collect.hpp>
#include <process/defer.hpp>
#include <process/id.hpp>
#include <process/process.hpp>

#include <stout/error.hpp>
#include <stout/hashmap.hpp>
#include <stout/none.hpp>
#include <stout/stringify.hpp>

namespace mesos {
namespace internal {
namespace slave {

using process::Failure;
using process::Future;

using LaunchResult = Containerizer::LaunchResult;

class ComposingContainerizerProcess : public ContainerizerProcess {
 public:
  explicit ComposingContainerizerProcess(
      std::vector<std::unique_ptr<Containerizer>> containerizers)
      : ProcessBase(process::ID::generate("composing-containerizer")),
        owned_(std::move(containerizers)) {
    for (const std::unique_ptr<Containerizer>& containerizer : owned_) {
      containerizers_.push_back(containerizer.get());
    }
  }

  Future<Nothing> recover(const Option<state::SlaveState>& state) override;
  Future<LaunchResult> launch(const LaunchArguments& request) override;
  Future<Nothing> update(const ContainerID& containerId,
                         const Resources& resources) override;
  Future<ResourceStatistics> usage(const ContainerID& containerId) override;
  Future<ContainerStatus> status(const ContainerID& containerId) override;
  Future<Option<ContainerTermination>> wait(
      const ContainerID& containerId) override;
  Future<Option<ContainerTermination>> destroy(
      const ContainerID& containerId) override;
  Future<hashset<ContainerID>> containers() override;

 private:
  enum class State { LAUNCHING, LAUNCHED, DESTROYING };

  struct Container {
    State state = State::LAUNCHING;
    // Index into `containerizers_`: the owner once LAUNCHED, the one being
    // tried while LAUNCHING.
    size_t index = 0;
    // Distinguishes this container from a later one with the same id, so
    // that a late callback of the old one leaves the new one alone.
    uint64_t generation = 0;
  };

  // The container `containerId` of `generation`, or nullptr if it is gone.
  Container* find(const ContainerID& containerId, uint64_t generation);

  Future<LaunchResult> attempt(const LaunchArguments& request, size_t index,
                               uint64_t generation);
  Future<LaunchResult> attempted(const LaunchArguments& request, size_t index,
                                 uint64_t generation, LaunchResult result);

  Future<Nothing> recovered(
      const std::vector<hashset<ContainerID>>& containers);

  // The first termination that containerizers_[index...] report for an id
  // we no longer know; None if none does.
  Future<Option<ContainerTermination>> remembered(
      const ContainerID& containerId, size_t index);

  // Forgets the container once its owner's wait completes.
  void watch(const ContainerID& containerId, uint64_t generation);
  void forget(const ContainerID& containerId, uint64_t generation);

  Failure notFound(const ContainerID& containerId) const {
    return Failure("Container '" + stringify(containerId) + "' not found");
  }

  // The composed containerizers, deleted with this process (so only once
  // it has terminated), and the same in a plain vector for the calls.
  const std::vector<std::unique_ptr<Containerizer>> owned_;
  std::vector<Containerizer*> containerizers_;
  hashmap<ContainerID, Container> containers_;
  uint64_t nextGeneration_ = 0;
};

ComposingContainerizerProcess::Container* ComposingContainerizerProcess::find(
    const ContainerID& containerId, uint64_t generation) {
  auto it = containers_.find(containerId);
  if (it == containers_.end() || it->second.generation != generation) {
    return nullptr;
  }
  return &it->second;
}

Future<Nothing> ComposingContainerizerProcess::recover(
    const Option<state::SlaveState>& state) {
  std::vector<Future<Nothing>> recovering;
  for (Containerizer* containerizer : containerizers_) {
    recovering.push_back(containerizer->recover(state));
  }

  return process::collect(recovering)
      .then(process::defer(self(), [this](const std::vector<Nothing>&) {
        std::vector<Future<hashset<ContainerID>>> listing;
        for (Containerizer* containerizer : containerizers_) {
          listing.push_back(containerizer->containers());
        }
        return process::collect(listing).then(process::defer(
            self(), [this](const std::vector<hashset<ContainerID>>& ids) {
              return recovered(ids);
            }));
      }));
}

Future<Nothing> ComposingContainerizerProcess::recovered(
    const std::vector<hashset<ContainerID>>& containers) {
  hashmap<ContainerID, size_t> owners;
  for (size_t index = 0; index < containers.size(); ++index) {
    for (const ContainerID& containerId : containers[index]) {
      auto owner = owners.find(containerId);
      if (owner != owners.end()) {
        return Failure("Container '" + stringify(containerId) +
                       "' was recovered by containerizers " +
                       stringify(owner->second) + " and " + stringify(index) +
                       " (0-based, in --containerizers order)");
      }
      owners[containerId] = index;
    }
  }

  for (const auto& [containerId, index] : owners) {
    if (containers_.contains(containerId)) {
      continue;
    }
    Container container;
    container.state = State::LAUNCHED;
    container.index = index;
    container.generation = nextGeneration_++;
    containers_[containerId] = container;
    watch(containerId, container.generation);
  }

  return Nothing();
}

Future<LaunchResult> ComposingContainerizerProcess::launch(
    const LaunchArguments& request) {
  if (containers_.contains(request.containerId)) {
    return LaunchResult::ALREADY_LAUNCHED;
  }

  Container container;
  container.generation = nextGeneration_++;
  containers_[request.containerId] = container;

  return attempt(request, 0, container.generation);
}

Future<LaunchResult> ComposingContainerizerProcess::attempt(
    const LaunchArguments& request, size_t index, uint64_t generation) {
  return containerizers_[index]
      ->launch(request.containerId, request.taskInfo, request.executorInfo,
               request.directory, request.user, request.slaveId,
               request.environment, request.checkpoint)
      .then(process::defer(
          self(), [this, request, index, generation](LaunchResult result) {
            return attempted(request, index, generation, result);
          }));
}

Future<LaunchResult> ComposingContainerizerProcess::attempted(
    const LaunchArguments& request, size_t index, uint64_t generation,
    LaunchResult result) {
  const ContainerID& containerId = request.containerId;
  Container* container = find(containerId, generation);

  // Gone means a destroy started and completed meanwhile.
  const bool destroyed =
      container == nullptr || container->state == State::DESTROYING;

  if (result != LaunchResult::NOT_SUPPORTED) {
    // SUCCESS or ALREADY_LAUNCHED: the container exists in this
    // containerizer, which owns it from now on. A destroy in progress
    // keeps its state and forgets the container when it completes.
    if (container != nullptr && container->state == State::LAUNCHING) {
      container->state = State::LAUNCHED;
      watch(containerId, generation);
    }
    return result;
  }

  const size_t next = index + 1;
  if (next == containerizers_.size()) {
    VLOG(1) << "No containerizer supports container " << containerId;
    if (container != nullptr) {
      containers_.erase(containerId);
    }
    return LaunchResult::NOT_SUPPORTED;
  }

  if (destroyed) {
    // Another containerizer might have run it, but the caller asked for
    // the container to go away: stop here.
    if (container != nullptr) {
      containers_.erase(containerId);
    }
    return Failure("Container was destroyed while launching");
  }

  container->index = next;
  return attempt(request, next, generation);
}

Future<Nothing> ComposingContainerizerProcess::update(
    const ContainerID& containerId, const Resources& resources) {
  auto it = containers_.find(containerId);
  if (it == containers_.end()) {
    return notFound(containerId);
  }
  return containerizers_[it->second.index]->update(containerId, resources);
}

Future<ResourceStatistics> ComposingContainerizerProcess::usage(
    const ContainerID& containerId) {
  auto it = containers_.find(containerId);
  if (it == containers_.end()) {
    return notFound(containerId);
  }
  return containerizers_[it->second.index]->usage(containerId);
}

Future<ContainerStatus> ComposingContainerizerProcess::status(
    const ContainerID& containerId) {
  auto it = containers_.find(containerId);
  if (it == containers_.end()) {
    return notFound(containerId);
  }
  return containerizers_[it->second.index]->status(containerId);
}

Future<Option<ContainerTermination>> ComposingContainerizerProcess::wait(
    const ContainerID& containerId) {
  auto it = containers_.find(containerId);
  if (it == containers_.end()) {
    // It may have ended just before this call (we forget a container when
    // its owner's wait completes); its owner may still remember how.
    return remembered(containerId, 0);
  }
  return containerizers_[it->second.index]->wait(containerId);
}

Future<Option<ContainerTermination>> ComposingContainerizerProcess::remembered(
    const ContainerID& containerId, size_t index) {
  if (index >= containerizers_.size()) {
    return Option<ContainerTermination>(None());
  }
  return containerizers_[index]
      ->wait(containerId)
      .then(process::defer(self(),
                           [this, containerId, index](
                               const Option<ContainerTermination>& termination)
                               -> Future<Option<ContainerTermination>> {
                             if (termination.isSome()) {
                               return termination;
                             }
                             return remembered(containerId, index + 1);
                           }));
}

Future<Option<ContainerTermination>> ComposingContainerizerProcess::destroy(
    const ContainerID& containerId) {
  auto it = containers_.find(containerId);
  if (it == containers_.end()) {
    LOG(WARNING) << "Attempted to destroy unknown container " << containerId;
    return Option<ContainerTermination>(None());
  }

  Container& container = it->second;
  container.state = State::DESTROYING;
  const uint64_t generation = container.generation;

  return process::await(containerizers_[container.index]->destroy(containerId))
      .then(process::defer(
          self(), [this, containerId, generation](
                      const Future<Option<ContainerTermination>>& destroyed) {
            forget(containerId, generation);
            return destroyed;
          }));
}

Future<hashset<ContainerID>> ComposingContainerizerProcess::containers() {
  hashset<ContainerID> ids;
  for (const auto& entry : containers_) {
    ids.insert(entry.first);
  }
  return ids;
}

void ComposingContainerizerProcess::watch(const ContainerID& containerId,
                                          uint64_t generation) {
  Container* container = find(containerId, generation);
  CHECK(container != nullptr);
  containerizers_[container->index]
      ->wait(containerId)
      .onAny(process::defer(
          self(), [this, containerId,
                   generation](const Future<Option<ContainerTermination>>&) {
            forget(containerId, generation);
          }));
}

void ComposingContainerizerProcess::forget(const ContainerID& containerId,
                                           uint64_t generation) {
  if (find(containerId, generation) != nullptr) {
    containers_.erase(containerId);
  }
}

// -- ComposingContainerizer ---------------------------------------------------

Try<std::unique_ptr<ComposingContainerizer>> ComposingContainerizer::create(
    std::vector<std::unique_ptr<Containerizer>> containerizers) {
  if (containerizers.empty()) {
    return Error("A composing containerizer needs at least one containerizer");
  }
  for (const std::unique_ptr<Containerizer>& containerizer : containerizers) {
    if (containerizer == nullptr) {
      return Error("A composing containerizer was given a null containerizer");
    }
  }
  return std::unique_ptr<ComposingContainerizer>(
      new ComposingContainerizer(std::move(containerizers)));
}

ComposingContainerizer::ComposingContainerizer(
    std::vector<std::unique_ptr<Containerizer>> containerizers)
    : ProcessContainerizer(std::make_unique<ComposingContainerizerProcess>(
          std::move(containerizers))) {}

}  // namespace slave
}  // namespace internal
}  // namespace mesos
