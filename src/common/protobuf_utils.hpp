#ifndef MESOS_COMMON_PROTOBUF_UTILS_HPP
#define MESOS_COMMON_PROTOBUF_UTILS_HPP

#include <set>
#include <string>

#include <google/protobuf/repeated_field.h>

#include <mesos/mesos.hpp>
#include <mesos/resources.hpp>

#include <messages/messages.pb.h>

#include <stout/option.hpp>
#include <stout/uuid.hpp>

// Helpers that build and inspect Mesos messages the way Apache Mesos's
// master, agent and executors do, so that what we send matches what real
// peers send and expect. All functions are pure (apart from reading the
// wall clock where a timestamp is taken) and thread-safe.
namespace mesos {
namespace internal {
namespace protobuf {

// Whether `framework` declares `capability`.
bool frameworkHasCapability(const FrameworkInfo& framework,
                            FrameworkInfo::Capability::Type capability);

// FINISHED, FAILED, KILLED, LOST, ERROR, DROPPED, GONE, GONE_BY_OPERATOR.
// (STAGING, STARTING, RUNNING, KILLING, UNREACHABLE and UNKNOWN are not.)
bool isTerminalState(const TaskState& state);

// DROPPED, ERROR, FAILED, FINISHED, GONE_BY_OPERATOR.
bool isTerminalState(const OperationState& state);

// Seconds since the Unix epoch, as a double: the timestamp format of
// StatusUpdate and TaskStatus.
double now();

// A status update as an agent or executor creates it:
//
// - update.framework_id, update.slave_id/executor_id (when given), and
//   update.timestamp = `timestamp`, or now() if None;
// - update.status: task_id, state, source, message, timestamp (same as the
//   update's), slave_id (when given), and reason, healthy, check_status,
//   labels, container_status, unreachable_time when given;
// - with `uuid`, its 16 raw bytes in both update.uuid and status.uuid
//   (executors and agents pass id::UUID::random(); updates the master makes
//   itself, e.g. for reconciliation, carry none and are never acknowledged);
// - with `limitedResources`, status.limitation.resources.
//
// Note: status.executor_id is not set (as in Mesos); the executor sets it.
StatusUpdate createStatusUpdate(
    const FrameworkID& frameworkId, const Option<SlaveID>& slaveId,
    const TaskID& taskId, const TaskState& state,
    const TaskStatus::Source& source, const Option<id::UUID>& uuid,
    const std::string& message = "",
    const Option<TaskStatus::Reason>& reason = None(),
    const Option<ExecutorID>& executorId = None(),
    const Option<bool>& healthy = None(),
    const Option<CheckStatusInfo>& checkStatus = None(),
    const Option<Labels>& labels = None(),
    const Option<ContainerStatus>& containerStatus = None(),
    const Option<TimeInfo>& unreachableTime = None(),
    const Option<Resources>& limitedResources = None(),
    const Option<double>& timestamp = None());

// A status update wrapping a TaskStatus an executor sent: framework_id,
// executor_id (from the status), slave_id (also filled into the status if
// the executor left it out), timestamp (the status's, or now()) and uuid
// (the status's, if any).
StatusUpdate createStatusUpdate(const FrameworkID& frameworkId,
                                const TaskStatus& status,
                                const Option<SlaveID>& slaveId);

// A TaskStatus with task_id, state, uuid (16 raw bytes) and timestamp.
TaskStatus createTaskStatus(const TaskID& taskId, const TaskState& state,
                            const id::UUID& uuid, double timestamp);

// The master's and agent's record of a task launched from `task`: name,
// task_id, framework_id, slave_id, state, resources, limits, executor_id
// (when the task has an executor), labels, discovery, container,
// health_check, kill_policy, and user (the task command's, else the
// executor command's).
Task createTask(const TaskInfo& task, const TaskState& state,
                const FrameworkID& frameworkId);

// `healthy` of the task's latest status, if set.
Option<bool> getTaskHealth(const Task& task);

// The container status of the latest status that has one.
Option<ContainerStatus> getTaskContainerStatus(const Task& task);

// A label with `key` and, if given, `value`.
Label createLabel(const std::string& key,
                  const Option<std::string>& value = None());

// A mesos.UUID message holding `uuid`'s 16 bytes (a fresh random one if
// None).
UUID createUUID(const Option<id::UUID>& uuid = None());

// The current wall-clock time.
TimeInfo getCurrentTime();

// The outermost ancestor of `containerId` (itself if it has no parent).
ContainerID getRootContainerId(const ContainerID& containerId);

// The ContainerID for "root.child.grandchild" (the form operator<< prints).
ContainerID parseContainerId(const std::string& value);

// Sets `allocationInfo` on every resource in `operation` that has none
// (task and executor resources of LAUNCH and LAUNCH_GROUP, the resources
// of RESERVE, UNRESERVE, CREATE, ...), as the master does before applying
// an operation from a MULTI_ROLE framework.
void injectAllocationInfo(Offer::Operation* operation,
                          const Resource::AllocationInfo& allocationInfo);

// Clears the allocation info of every resource in `operation`.
void stripAllocationInfo(Offer::Operation* operation);

namespace framework {

// The roles a framework subscribes with: `roles` if it has the MULTI_ROLE
// capability, else its single `role` ("*" when unset).
std::set<std::string> getRoles(const FrameworkInfo& frameworkInfo);

// A framework's capabilities as flags.
struct Capabilities {
  Capabilities() = default;
  explicit Capabilities(
      const google::protobuf::RepeatedPtrField<FrameworkInfo::Capability>&
          capabilities);

  bool revocableResources = false;
  bool taskKillingState = false;
  bool gpuResources = false;
  bool sharedResources = false;
  bool partitionAware = false;
  bool multiRole = false;
  bool reservationRefinement = false;
  bool regionAware = false;
};

}  // namespace framework

namespace slave {

// An agent's capabilities as flags (SlaveInfo.Capability).
struct Capabilities {
  Capabilities() = default;
  explicit Capabilities(
      const google::protobuf::RepeatedPtrField<SlaveInfo::Capability>&
          capabilities);

  // The capabilities that are set, in enum order.
  google::protobuf::RepeatedPtrField<SlaveInfo::Capability> toRepeatedPtrField()
      const;

  bool operator==(const Capabilities& that) const;
  bool operator!=(const Capabilities& that) const { return !(*this == that); }

  bool multiRole = false;
  bool hierarchicalRole = false;
  bool reservationRefinement = false;
  bool resourceProvider = false;
  bool resizeVolume = false;
  bool agentOperationFeedback = false;
  bool agentDraining = false;
  bool taskResourceLimits = false;
};

}  // namespace slave
}  // namespace protobuf
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_COMMON_PROTOBUF_UTILS_HPP
