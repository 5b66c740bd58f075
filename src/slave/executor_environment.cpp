#include "slave/executor_environment.hpp"

#include <stout/json.hpp>
#include <stout/stringify.hpp>

#include "slave/constants.hpp"

namespace mesos {
namespace internal {
namespace slave {

Duration executorShutdownGracePeriod(const Flags& flags,
                                     const ExecutorInfo& executorInfo) {
  if (executorInfo.has_shutdown_grace_period()) {
    return Nanoseconds(executorInfo.shutdown_grace_period().nanoseconds());
  }
  return flags.executor_shutdown_grace_period;
}

std::map<std::string, std::string> executorEnvironment(
    const Flags& flags, const ExecutorInfo& executorInfo,
    const std::string& directory, const SlaveID& slaveId,
    const process::UPID& slavePid, bool checkpoint) {
  std::map<std::string, std::string> environment;

  if (flags.executor_environment_variables.isSome()) {
    for (const auto& [name, value] :
         flags.executor_environment_variables->values) {
      if (value.is<JSON::String>()) {
        environment[name] = value.as<JSON::String>().value;
      }
    }
  }

  environment["LIBPROCESS_PORT"] = "0";
  if (flags.ip.isSome()) {
    environment["LIBPROCESS_IP"] = flags.ip.get();
  }

  environment["MESOS_FRAMEWORK_ID"] = executorInfo.framework_id().value();
  environment["MESOS_EXECUTOR_ID"] = executorInfo.executor_id().value();
  environment["MESOS_DIRECTORY"] = directory;
  environment["MESOS_SANDBOX"] = directory;
  environment["MESOS_SLAVE_ID"] = slaveId.value();
  environment["MESOS_SLAVE_PID"] = std::string(slavePid);
  environment["MESOS_AGENT_ENDPOINT"] = stringify(slavePid.address);
  environment["MESOS_CHECKPOINT"] = checkpoint ? "1" : "0";
  environment["MESOS_HTTP_COMMAND_EXECUTOR"] =
      flags.http_command_executor ? "1" : "0";
  environment["MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD"] =
      stringify(executorShutdownGracePeriod(flags, executorInfo));

  if (checkpoint) {
    environment["MESOS_RECOVERY_TIMEOUT"] = stringify(flags.recovery_timeout);
    environment["MESOS_SUBSCRIPTION_BACKOFF_MAX"] =
        stringify(EXECUTOR_REREGISTRATION_TIMEOUT);
  }

  return environment;
}

}  // namespace slave
}  // namespace internal
}  // namespace mesos
