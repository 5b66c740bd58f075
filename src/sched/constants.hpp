#ifndef MESOS_SCHED_CONSTANTS_HPP
#define MESOS_SCHED_CONSTANTS_HPP

#include <stout/duration.hpp>
#include <stout/flags.hpp>

namespace mesos {
namespace internal {
namespace scheduler {

// Registration retries back off from `registration_backoff_factor`,
// doubling, up to this bound (Mesos's value).
inline const Duration REGISTRATION_RETRY_INTERVAL_MAX = Minutes(1);

// The first registration retry waits at most this long (Mesos's default of
// MESOS_REGISTRATION_BACKOFF_FACTOR).
inline const Duration DEFAULT_REGISTRATION_BACKOFF_FACTOR = Seconds(2);

// The scheduler driver's settings, read from MESOS_* environment
// variables (unknown ones are ignored).
class Flags : public virtual flags::FlagsBase {
 public:
  Flags() {
    add(&Flags::registration_backoff_factor, "registration_backoff_factor",
        "Upper bound of the random delay before the first registration\n"
        "retry; it doubles on each retry up to 1 minute (and up to a tenth\n"
        "of the framework's failover timeout).",
        DEFAULT_REGISTRATION_BACKOFF_FACTOR);
  }

  Duration registration_backoff_factor;
};

}  // namespace scheduler
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SCHED_CONSTANTS_HPP
