#ifndef MESOS_SLAVE_EXECUTOR_ENVIRONMENT_HPP
#define MESOS_SLAVE_EXECUTOR_ENVIRONMENT_HPP

// The environment the agent gives an executor (passed to the
// containerizer's `launch` as `environment`; the containerizer then lets
// the CommandInfo's own variables win over these). Mesos 1.11's variables:
//
//   LIBPROCESS_PORT=0                  the executor picks a free port
//   LIBPROCESS_IP                      only when the agent has --ip
//   MESOS_FRAMEWORK_ID, MESOS_EXECUTOR_ID, MESOS_SLAVE_ID
//   MESOS_DIRECTORY, MESOS_SANDBOX     the sandbox (no container image:
//                                      both are the host path)
//   MESOS_SLAVE_PID                    the agent's UPID text
//   MESOS_AGENT_ENDPOINT               the agent's ip:port
//   MESOS_CHECKPOINT                   "1" or "0"
//   MESOS_HTTP_COMMAND_EXECUTOR        "1" or "0" (--http_command_executor)
//   MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD  the ExecutorInfo's
//                                      shutdown_grace_period, else
//                                      --executor_shutdown_grace_period
//   MESOS_RECOVERY_TIMEOUT             with checkpoint: --recovery_timeout
//   MESOS_SUBSCRIPTION_BACKOFF_MAX     with checkpoint
//
// plus every entry of --executor_environment_variables (which the agent's
// own environment does not reach otherwise). Durations are in stout's text
// form ("5secs"), which the executor driver parses.

#include <map>
#include <string>

#include <mesos/mesos.hpp>

#include <process/pid.hpp>

#include <stout/duration.hpp>

#include "slave/flags.hpp"

namespace mesos {
namespace internal {
namespace slave {

// The grace period the executor gets between a shutdown request and the
// destruction of its container.
Duration executorShutdownGracePeriod(const Flags& flags,
                                     const ExecutorInfo& executorInfo);

std::map<std::string, std::string> executorEnvironment(
    const Flags& flags, const ExecutorInfo& executorInfo,
    const std::string& directory, const SlaveID& slaveId,
    const process::UPID& slavePid, bool checkpoint);

}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SLAVE_EXECUTOR_ENVIRONMENT_HPP
