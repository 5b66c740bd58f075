#include "slave/constants.hpp"

#include "master/constants.hpp"

namespace mesos {
namespace internal {
namespace slave {

Duration DEFAULT_MASTER_PING_TIMEOUT() {
  return master::DEFAULT_AGENT_PING_TIMEOUT *
         static_cast<double>(master::DEFAULT_MAX_AGENT_PING_TIMEOUTS);
}

}  // namespace slave
}  // namespace internal
}  // namespace mesos
