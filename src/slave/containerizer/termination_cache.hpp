#ifndef MESOS_SLAVE_CONTAINERIZER_TERMINATION_CACHE_HPP
#define MESOS_SLAVE_CONTAINERIZER_TERMINATION_CACHE_HPP

// The terminations of the most recently ended containers, so that a `wait`
// that arrives just after a container ended (an executor that exits at
// once can end before the agent's `wait` call reaches the containerizer)
// still learns how it ended instead of "unknown container". Mesos keeps
// the same answer in its runtime directory.
//
// Bounded: the oldest entries are dropped beyond `capacity`. Not
// thread-safe; owned by one containerizer process.

#include <cstddef>
#include <deque>

#include <mesos/mesos.hpp>

#include <stout/hashmap.hpp>
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

}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SLAVE_CONTAINERIZER_TERMINATION_CACHE_HPP
