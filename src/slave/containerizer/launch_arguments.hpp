#ifndef MESOS_SLAVE_CONTAINERIZER_LAUNCH_ARGUMENTS_HPP
#define MESOS_SLAVE_CONTAINERIZER_LAUNCH_ARGUMENTS_HPP

// The arguments of Containerizer::launch as one value, so that a
// containerizer facade can hand them to its process in one dispatch.

#include <map>
#include <string>

#include <mesos/mesos.hpp>
#include <mesos/resources.hpp>

#include <stout/option.hpp>

namespace mesos {
namespace internal {
namespace slave {

struct LaunchArguments {
  ContainerID containerId;
  Option<TaskInfo> taskInfo;
  ExecutorInfo executorInfo;
  std::string directory;
  Option<std::string> user;
  SlaveID slaveId;
  std::map<std::string, std::string> environment;
  bool checkpoint = false;

  // The container's resources at launch: the executor's plus, for a
  // command task, the task's.
  Resources resources() const {
    Resources result = executorInfo.resources();
    if (taskInfo.isSome()) {
      result += taskInfo->resources();
    }
    return result;
  }
};

}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SLAVE_CONTAINERIZER_LAUNCH_ARGUMENTS_HPP
