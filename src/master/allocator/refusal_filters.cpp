#include "master/allocator/refusal_filters.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <utility>

#include <glog/logging.h>

#include <stout/try.hpp>

#include "master/allocator/allocator.hpp"

namespace mesos {
namespace internal {
namespace master {
namespace allocator {

Duration refusalDuration(const Filters& filters) {
  const Duration fallback = Seconds(Filters().refuse_seconds());
  const double seconds = filters.refuse_seconds();

  if (std::isnan(seconds)) {
    LOG(WARNING) << "Using the default refuse_seconds: the given one is NaN";
    return fallback;
  }
  if (seconds > MAX_REFUSE_DURATION.secs()) {
    LOG(WARNING) << "Refusing for " << MAX_REFUSE_DURATION << " instead of "
                 << seconds << " seconds";
    return MAX_REFUSE_DURATION;
  }
  if (seconds < 0) {
    LOG(WARNING) << "Using the default refuse_seconds: the given one ("
                 << seconds << ") is negative";
    return fallback;
  }
  Try<Duration> duration = Duration::create(seconds);
  return duration.isSome() ? duration.get() : fallback;
}

bool RefusalFilters::filters(const std::string& role, const SlaveID& slaveId,
                             const Resources& resources,
                             const process::Time& now) const {
  auto roleRefusals = refusals_.find(role);
  if (roleRefusals == refusals_.end()) {
    return false;
  }
  auto agentRefusals = roleRefusals->second.find(slaveId);
  if (agentRefusals == roleRefusals->second.end()) {
    return false;
  }
  return std::any_of(agentRefusals->second.begin(), agentRefusals->second.end(),
                     [&](const Refusal& refusal) {
                       return now < refusal.expiry &&
                              refusal.refused.contains(resources);
                     });
}

void RefusalFilters::add(const std::string& role, const SlaveID& slaveId,
                         Refusal refusal) {
  refusals_[role][slaveId].push_back(std::move(refusal));
}

void RefusalFilters::expire(const std::string& role, const SlaveID& slaveId,
                            uint64_t id) {
  auto roleRefusals = refusals_.find(role);
  if (roleRefusals == refusals_.end()) {
    return;
  }
  auto agentRefusals = roleRefusals->second.find(slaveId);
  if (agentRefusals == roleRefusals->second.end()) {
    return;
  }

  std::vector<Refusal>& refusals = agentRefusals->second;
  refusals.erase(
      std::remove_if(refusals.begin(), refusals.end(),
                     [id](const Refusal& refusal) { return refusal.id == id; }),
      refusals.end());
  if (refusals.empty()) {
    roleRefusals->second.erase(agentRefusals);
  }
  if (roleRefusals->second.empty()) {
    refusals_.erase(roleRefusals);
  }
}

void RefusalFilters::clear(const Option<std::string>& role,
                           const Option<SlaveID>& slaveId) {
  for (auto roleRefusals = refusals_.begin();
       roleRefusals != refusals_.end();) {
    if (role.isSome() && roleRefusals->first != role.get()) {
      ++roleRefusals;
      continue;
    }

    auto& agents = roleRefusals->second;
    for (auto agentRefusals = agents.begin(); agentRefusals != agents.end();) {
      if (slaveId.isSome() && agentRefusals->first != slaveId.get()) {
        ++agentRefusals;
        continue;
      }
      for (const Refusal& refusal : agentRefusals->second) {
        refusal.timer.cancel();
      }
      agentRefusals = agents.erase(agentRefusals);
    }

    roleRefusals = agents.empty() ? refusals_.erase(roleRefusals)
                                  : std::next(roleRefusals);
  }
}

}  // namespace allocator
}  // namespace master
}  // namespace internal
}  // namespace mesos
