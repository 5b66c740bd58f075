#ifndef MESOS_SLAVE_CONTAINERIZER_TERMINATION_CACHE_HPP
#define MESOS_SLAVE_CONTAINERIZER_TERMINATION_CACHE_HPP

// The terminations of the most recently ended containers, so that a `wait`
// that arrives just after a container ended (an executor that exits at
// once can end before the agent's `wait` call reaches the containerizer)
// still learns how it ended instead of "unknown container". Mesos keeps
// the same answer in its runtime directory.
//
// Bounded: the oldest entries are dropped beyond `capacity`. Not
// thread-safe; owned by one containerizer process. ContainerTable (below)
// keeps one next to the containers it tracks.

#include <cstddef>
#include <deque>
#include <memory>

#include <mesos/mesos.hpp>

#include <process/future.hpp>

#include <stout/hashmap.hpp>
#include <stout/hashset.hpp>
#include <stout/option.hpp>

#include "slave/containerizer/containerizer.hpp"

namespace mesos {
namespace internal {
namespace slave {

class TerminationCache {
 public:
  explicit TerminationCache(size_t capacity = 1000) : capacity_(capacity) {}

  void put(const ContainerID& containerId,
           const ContainerTermination& termination) {
    if (!terminations_.contains(containerId)) {
      order_.push_back(containerId);
    }
    terminations_[containerId] = termination;
    while (order_.size() > capacity_) {
      terminations_.erase(order_.front());
      order_.pop_front();
    }
  }

  Option<ContainerTermination> get(const ContainerID& containerId) const {
    auto it = terminations_.find(containerId);
    if (it == terminations_.end()) {
      return None();
    }
    return it->second;
  }

  // Forgets `containerId` (when a new container reuses the id).
  void erase(const ContainerID& containerId) {
    if (terminations_.erase(containerId) > 0) {
      for (auto it = order_.begin(); it != order_.end(); ++it) {
        if (*it == containerId) {
          order_.erase(it);
          break;
        }
      }
    }
  }

 private:
  size_t capacity_;
  std::deque<ContainerID> order_;
  hashmap<ContainerID, ContainerTermination> terminations_;
};

// The containers a containerizer process knows, by id, with the
// terminations of those that recently ended: the bookkeeping the Mesos and
// external containerizers share. `C` is the process's record of one
// container, with members `ContainerID id` and
// `process::Promise<Option<ContainerTermination>> termination`. Records are
// shared pointers, so a callback of an ended container can tell it is no
// longer `current` even when a new container reuses the id. Not
// thread-safe; owned by one containerizer process.
template <typename C>
class ContainerTable {
 public:
  using Ptr = std::shared_ptr<C>;

  bool contains(const ContainerID& containerId) const {
    return containers_.contains(containerId);
  }

  // The record of `containerId`, or nullptr for an unknown container.
  Ptr find(const ContainerID& containerId) const {
    auto it = containers_.find(containerId);
    return it != containers_.end() ? it->second : nullptr;
  }

  // Registers `container` under its id, forgetting how an earlier
  // container with that id ended.
  void add(const Ptr& container) {
    terminated_.erase(container->id);
    containers_[container->id] = container;
  }

  // Forgets `containerId` without recording a termination.
  void erase(const ContainerID& containerId) { containers_.erase(containerId); }

  // Whether `container` is still the one registered under its id (it has
  // not ended, and no later container took the id).
  bool current(const Ptr& container) const {
    auto it = containers_.find(container->id);
    return it != containers_.end() && it->second == container;
  }

  // Ends `container`: if it is current, forgets it and remembers
  // `termination` for a late `wait`; completes its termination future.
  void finish(const Ptr& container, const ContainerTermination& termination) {
    if (current(container)) {
      containers_.erase(container->id);
      terminated_.put(container->id, termination);
    }
    container->termination.set(Option<ContainerTermination>(termination));
  }

  // Containerizer::wait: the container's termination, or how it ended if
  // it did recently, else None.
  process::Future<Option<ContainerTermination>> wait(
      const ContainerID& containerId) const {
    auto it = containers_.find(containerId);
    if (it == containers_.end()) {
      return terminated_.get(containerId);
    }
    return it->second->termination.future();
  }

  // Containerizer::containers: the ids of every known container.
  hashset<ContainerID> ids() const {
    hashset<ContainerID> result;
    for (const auto& entry : containers_) {
      result.insert(entry.first);
    }
    return result;
  }

 private:
  hashmap<ContainerID, Ptr> containers_;
  TerminationCache terminated_;
};

}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SLAVE_CONTAINERIZER_TERMINATION_CACHE_HPP
