#ifndef MESOS_SLAVE_CONTAINERIZER_LAUNCH_ARGUMENTS_HPP
#define MESOS_SLAVE_CONTAINERIZER_LAUNCH_ARGUMENTS_HPP

// The arguments of Containerizer::launch as one value, so that a
// containerizer facade can hand them to its process in one dispatch.

#include <map>
#include <string>

#include <mesos/mesos.hpp>

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
};

}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SLAVE_CONTAINERIZER_LAUNCH_ARGUMENTS_HPP
