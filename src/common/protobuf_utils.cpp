#include "common/protobuf_utils.hpp"

#include <chrono>
#include <string>
#include <vector>

#include <stout/strings.hpp>

#include "common/resources_utils.hpp"

namespace mesos {
namespace internal {
namespace protobuf {

bool frameworkHasCapability(const FrameworkInfo& framework,
                            FrameworkInfo::Capability::Type capability) {
  for (const FrameworkInfo::Capability& c : framework.capabilities()) {
    if (c.type() == capability)
      return true;
  }
  return false;
}

bool isTerminalState(const TaskState& state) {
  switch (state) {
    case TASK_FINISHED:
    case TASK_FAILED:
    case TASK_KILLED:
    case TASK_LOST:
    case TASK_ERROR:
    case TASK_DROPPED:
    case TASK_GONE:
    case TASK_GONE_BY_OPERATOR:
      return true;
    case TASK_STAGING:
    case TASK_STARTING:
    case TASK_RUNNING:
    case TASK_KILLING:
    case TASK_UNREACHABLE:
    case TASK_UNKNOWN:
      return false;
  }
  return false;
}

bool isTerminalState(const OperationState& state) {
  switch (state) {
    case OPERATION_DROPPED:
    case OPERATION_ERROR:
    case OPERATION_FAILED:
    case OPERATION_FINISHED:
    case OPERATION_GONE_BY_OPERATOR:
      return true;
    default:
      return false;
  }
}

double now() {
  const auto since = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration<double>(since).count();
}

StatusUpdate createStatusUpdate(
    const FrameworkID& frameworkId, const Option<SlaveID>& slaveId,
    const TaskID& taskId, const TaskState& state,
    const TaskStatus::Source& source, const Option<id::UUID>& uuid,
    const std::string& message, const Option<TaskStatus::Reason>& reason,
    const Option<ExecutorID>& executorId, const Option<bool>& healthy,
    const Option<CheckStatusInfo>& checkStatus, const Option<Labels>& labels,
    const Option<ContainerStatus>& containerStatus,
    const Option<TimeInfo>& unreachableTime,
    const Option<Resources>& limitedResources,
    const Option<double>& timestamp) {
  StatusUpdate update;
  update.set_timestamp(timestamp.isSome() ? timestamp.get() : now());
  *update.mutable_framework_id() = frameworkId;
  if (slaveId.isSome())
    *update.mutable_slave_id() = slaveId.get();
  if (executorId.isSome())
    *update.mutable_executor_id() = executorId.get();

  TaskStatus* status = update.mutable_status();
  *status->mutable_task_id() = taskId;
  if (slaveId.isSome())
    *status->mutable_slave_id() = slaveId.get();
  status->set_state(state);
  status->set_source(source);
  status->set_message(message);
  status->set_timestamp(update.timestamp());

  if (uuid.isSome()) {
    update.set_uuid(uuid->toBytes());
    status->set_uuid(uuid->toBytes());
  }
  if (reason.isSome())
    status->set_reason(reason.get());
  if (healthy.isSome())
    status->set_healthy(healthy.get());
  if (checkStatus.isSome())
    *status->mutable_check_status() = checkStatus.get();
  if (labels.isSome())
    *status->mutable_labels() = labels.get();
  if (containerStatus.isSome())
    *status->mutable_container_status() = containerStatus.get();
  if (unreachableTime.isSome())
    *status->mutable_unreachable_time() = unreachableTime.get();
  if (limitedResources.isSome()) {
    *status->mutable_limitation()->mutable_resources() =
        static_cast<google::protobuf::RepeatedPtrField<Resource>>(
            limitedResources.get());
  }
  return update;
}

StatusUpdate createStatusUpdate(const FrameworkID& frameworkId,
                                const TaskStatus& status,
                                const Option<SlaveID>& slaveId) {
  StatusUpdate update;
  *update.mutable_framework_id() = frameworkId;
  if (status.has_executor_id())
    *update.mutable_executor_id() = status.executor_id();

  *update.mutable_status() = status;
  if (slaveId.isSome()) {
    *update.mutable_slave_id() = slaveId.get();
    if (!status.has_slave_id())
      *update.mutable_status()->mutable_slave_id() = slaveId.get();
  }

  update.set_timestamp(status.has_timestamp() ? status.timestamp() : now());
  if (status.has_uuid())
    update.set_uuid(status.uuid());
  return update;
}

TaskStatus createTaskStatus(const TaskID& taskId, const TaskState& state,
                            const id::UUID& uuid, double timestamp) {
  TaskStatus status;
  status.set_uuid(uuid.toBytes());
  status.set_timestamp(timestamp);
  *status.mutable_task_id() = taskId;
  status.set_state(state);
  return status;
}

Task createTask(const TaskInfo& task, const TaskState& state,
                const FrameworkID& frameworkId) {
  Task t;
  *t.mutable_framework_id() = frameworkId;
  t.set_state(state);
  t.set_name(task.name());
  *t.mutable_task_id() = task.task_id();
  *t.mutable_slave_id() = task.slave_id();
  *t.mutable_resources() = task.resources();
  *t.mutable_limits() = task.limits();

  if (task.has_executor())
    *t.mutable_executor_id() = task.executor().executor_id();
  if (task.has_labels())
    *t.mutable_labels() = task.labels();
  if (task.has_discovery())
    *t.mutable_discovery() = task.discovery();
  if (task.has_container())
    *t.mutable_container() = task.container();
  if (task.has_health_check())
    *t.mutable_health_check() = task.health_check();
  if (task.has_kill_policy())
    *t.mutable_kill_policy() = task.kill_policy();

  if (task.has_command() && task.command().has_user()) {
    t.set_user(task.command().user());
  } else if (task.has_executor() && task.executor().command().has_user()) {
    t.set_user(task.executor().command().user());
  }
  return t;
}

Option<bool> getTaskHealth(const Task& task) {
  if (task.statuses_size() == 0)
    return None();
  // Statuses keep the latest one per state, the newest last.
  const TaskStatus& latest = task.statuses(task.statuses_size() - 1);
  if (!latest.has_healthy())
    return None();
  return latest.healthy();
}

Option<ContainerStatus> getTaskContainerStatus(const Task& task) {
  for (int i = task.statuses_size() - 1; i >= 0; i--) {
    if (task.statuses(i).has_container_status())
      return task.statuses(i).container_status();
  }
  return None();
}

Label createLabel(const std::string& key, const Option<std::string>& value) {
  Label label;
  label.set_key(key);
  if (value.isSome())
    label.set_value(value.get());
  return label;
}

UUID createUUID(const Option<id::UUID>& uuid) {
  UUID result;
  result.set_value(uuid.isSome() ? uuid->toBytes()
                                 : id::UUID::random().toBytes());
  return result;
}

TimeInfo getCurrentTime() {
  TimeInfo time;
  time.set_nanoseconds(std::chrono::duration_cast<std::chrono::nanoseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count());
  return time;
}

ContainerID getRootContainerId(const ContainerID& containerId) {
  const ContainerID* root = &containerId;
  while (root->has_parent())
    root = &root->parent();
  return *root;
}

ContainerID parseContainerId(const std::string& value) {
  ContainerID result;
  bool first = true;
  for (const std::string& token : strings::split(value, ".")) {
    if (first) {
      result.set_value(token);
      first = false;
      continue;
    }
    ContainerID child;
    child.set_value(token);
    *child.mutable_parent() = std::move(result);
    result = std::move(child);
  }
  return result;
}

void injectAllocationInfo(Offer::Operation* operation,
                          const Resource::AllocationInfo& allocationInfo) {
  forEachResource(operation, [&allocationInfo](Resource* resource) {
    if (!resource->has_allocation_info())
      *resource->mutable_allocation_info() = allocationInfo;
  });
}

void stripAllocationInfo(Offer::Operation* operation) {
  forEachResource(
      operation, [](Resource* resource) { resource->clear_allocation_info(); });
}

namespace framework {

std::set<std::string> getRoles(const FrameworkInfo& frameworkInfo) {
  if (frameworkHasCapability(frameworkInfo,
                             FrameworkInfo::Capability::MULTI_ROLE)) {
    return std::set<std::string>(frameworkInfo.roles().begin(),
                                 frameworkInfo.roles().end());
  }
  return {frameworkInfo.role()};
}

Capabilities::Capabilities(
    const google::protobuf::RepeatedPtrField<FrameworkInfo::Capability>&
        capabilities) {
  for (const FrameworkInfo::Capability& capability : capabilities) {
    switch (capability.type()) {
      case FrameworkInfo::Capability::REVOCABLE_RESOURCES:
        revocableResources = true;
        break;
      case FrameworkInfo::Capability::TASK_KILLING_STATE:
        taskKillingState = true;
        break;
      case FrameworkInfo::Capability::GPU_RESOURCES:
        gpuResources = true;
        break;
      case FrameworkInfo::Capability::SHARED_RESOURCES:
        sharedResources = true;
        break;
      case FrameworkInfo::Capability::PARTITION_AWARE:
        partitionAware = true;
        break;
      case FrameworkInfo::Capability::MULTI_ROLE:
        multiRole = true;
        break;
      case FrameworkInfo::Capability::RESERVATION_REFINEMENT:
        reservationRefinement = true;
        break;
      case FrameworkInfo::Capability::REGION_AWARE:
        regionAware = true;
        break;
      default:
        break;
    }
  }
}

}  // namespace framework

namespace slave {

Capabilities::Capabilities(
    const google::protobuf::RepeatedPtrField<SlaveInfo::Capability>&
        capabilities) {
  for (const SlaveInfo::Capability& capability : capabilities) {
    switch (capability.type()) {
      case SlaveInfo::Capability::MULTI_ROLE:
        multiRole = true;
        break;
      case SlaveInfo::Capability::HIERARCHICAL_ROLE:
        hierarchicalRole = true;
        break;
      case SlaveInfo::Capability::RESERVATION_REFINEMENT:
        reservationRefinement = true;
        break;
      case SlaveInfo::Capability::RESOURCE_PROVIDER:
        resourceProvider = true;
        break;
      case SlaveInfo::Capability::RESIZE_VOLUME:
        resizeVolume = true;
        break;
      case SlaveInfo::Capability::AGENT_OPERATION_FEEDBACK:
        agentOperationFeedback = true;
        break;
      case SlaveInfo::Capability::AGENT_DRAINING:
        agentDraining = true;
        break;
      case SlaveInfo::Capability::TASK_RESOURCE_LIMITS:
        taskResourceLimits = true;
        break;
      default:
        break;
    }
  }
}

google::protobuf::RepeatedPtrField<SlaveInfo::Capability>
Capabilities::toRepeatedPtrField() const {
  google::protobuf::RepeatedPtrField<SlaveInfo::Capability> result;
  const auto add = [&result](bool set, SlaveInfo::Capability::Type type) {
    if (set)
      result.Add()->set_type(type);
  };
  add(multiRole, SlaveInfo::Capability::MULTI_ROLE);
  add(hierarchicalRole, SlaveInfo::Capability::HIERARCHICAL_ROLE);
  add(reservationRefinement, SlaveInfo::Capability::RESERVATION_REFINEMENT);
  add(resourceProvider, SlaveInfo::Capability::RESOURCE_PROVIDER);
  add(resizeVolume, SlaveInfo::Capability::RESIZE_VOLUME);
  add(agentOperationFeedback, SlaveInfo::Capability::AGENT_OPERATION_FEEDBACK);
  add(agentDraining, SlaveInfo::Capability::AGENT_DRAINING);
  add(taskResourceLimits, SlaveInfo::Capability::TASK_RESOURCE_LIMITS);
  return result;
}

bool Capabilities::operator==(const Capabilities& that) const {
  return multiRole == that.multiRole &&
         hierarchicalRole == that.hierarchicalRole &&
         reservationRefinement == that.reservationRefinement &&
         resourceProvider == that.resourceProvider &&
         resizeVolume == that.resizeVolume &&
         agentOperationFeedback == that.agentOperationFeedback &&
         agentDraining == that.agentDraining &&
         taskResourceLimits == that.taskResourceLimits;
}

}  // namespace slave
}  // namespace protobuf
}  // namespace internal
}  // namespace mesos
