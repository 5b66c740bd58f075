#ifndef MESOS_MASTER_ALLOCATOR_REFUSAL_FILTERS_HPP
#define MESOS_MASTER_ALLOCATOR_REFUSAL_FILTERS_HPP

// The offer filters of one framework: what it refused (declined, or left
// unused in an accepted offer) on which agent, for which role, until when.
//
// A refusal of resources R on agent A for role r hides A from r's offers
// to the framework while it is unexpired and the offer would be a subset
// of R: once more than R is available (a task ended, say), the agent is
// offered again. Expiry is by `process::Clock` time. Each refusal carries
// the timer that will remove it; removing a refusal early cancels it.
//
// Not thread-safe: owned by the allocator process.

#include <cstdint>
#include <string>
#include <vector>

#include <mesos/mesos.hpp>
#include <mesos/resources.hpp>

#include <process/time.hpp>
#include <process/timer.hpp>

#include <stout/duration.hpp>
#include <stout/hashmap.hpp>
#include <stout/option.hpp>

namespace mesos {
namespace internal {
namespace master {
namespace allocator {

// How long `filters` refuses resources, as Mesos computes it:
// `refuse_seconds` (5 when unset), capped at MAX_REFUSE_DURATION, with the
// 5 second default for a negative or NaN value. Logs a warning when it
// replaces the value given.
Duration refusalDuration(const Filters& filters);

class RefusalFilters {
 public:
  struct Refusal {
    uint64_t id;
    Resources refused;  // Without allocation info.
    process::Time expiry;
    process::Timer timer;
  };

  bool empty() const { return refusals_.empty(); }

  // Whether an unexpired refusal for `role` on `slaveId` covers all of
  // `resources` (without allocation info) at time `now`.
  bool filters(const std::string& role, const SlaveID& slaveId,
               const Resources& resources, const process::Time& now) const;

  // Records a refusal.
  void add(const std::string& role, const SlaveID& slaveId, Refusal refusal);

  // Forgets the refusal `id` (its timer fired); a no-op if it is gone.
  void expire(const std::string& role, const SlaveID& slaveId, uint64_t id);

  // Forgets, cancelling their timers, the refusals for `role` and on
  // `slaveId` (None: any).
  void clear(const Option<std::string>& role, const Option<SlaveID>& slaveId);

 private:
  // role -> agent -> refusals.
  hashmap<std::string, hashmap<SlaveID, std::vector<Refusal>>> refusals_;
};

}  // namespace allocator
}  // namespace master
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_MASTER_ALLOCATOR_REFUSAL_FILTERS_HPP
