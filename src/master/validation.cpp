#include "master/validation.hpp"

#include <limits.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

#include <mesos/roles.hpp>
#include <mesos/type_utils.hpp>

#include <stout/hashset.hpp>
#include <stout/stringify.hpp>

namespace mesos {
namespace internal {
namespace master {
namespace validation {

Option<Error> validateID(const std::string& id) {
  if (id.empty())
    return Error("ID must not be empty");
  if (id.size() > NAME_MAX)
    return Error("ID must not be greater than " + stringify(NAME_MAX) +
                 " characters");
  if (id == "." || id == "..")
    return Error("'" + id + "' is disallowed");
  const bool invalid = std::any_of(id.begin(), id.end(), [](char c) {
    return std::iscntrl(static_cast<unsigned char>(c)) || c == '/' || c == '\\';
  });
  if (invalid)
    return Error("'" + id + "' contains invalid characters");
  return None();
}

namespace framework {

Option<Error> validate(const FrameworkInfo& info) {
  const bool multiRole = std::any_of(
      info.capabilities().begin(), info.capabilities().end(),
      [](const FrameworkInfo::Capability& capability) {
        return capability.type() == FrameworkInfo::Capability::MULTI_ROLE;
      });

  if (multiRole) {
    if (info.has_role())
      return Error(
          "'FrameworkInfo.role' must not be set when the framework"
          " is MULTI_ROLE capable");
    std::set<std::string> seen;
    for (const std::string& role : info.roles()) {
      Option<Error> error = roles::validate(role);
      if (error.isSome())
        return Error("'FrameworkInfo.roles' contains invalid role: " +
                     error->message);
      if (!seen.insert(role).second)
        return Error("'FrameworkInfo.roles' contains duplicate items");
    }
  } else {
    if (info.roles_size() > 0)
      return Error(
          "'FrameworkInfo.roles' must not be set when the"
          " framework is not MULTI_ROLE capable");
    if (info.has_role()) {
      Option<Error> error = roles::validate(info.role());
      if (error.isSome())
        return Error("'FrameworkInfo.role' is not a valid role: " +
                     error->message);
    }
  }

  if (info.has_id()) {
    Option<Error> error = validateID(info.id().value());
    if (error.isSome())
      return Error("'FrameworkInfo.id' is invalid: " + error->message);
  }
  return None();
}

}  // namespace framework

namespace offer {

Option<Error> validate(const google::protobuf::RepeatedPtrField<OfferID>& ids,
                       const FrameworkID& frameworkId,
                       const OfferLookup& lookup) {
  if (ids.empty())
    return Error("No offers specified");

  hashset<OfferID> seen;
  for (const OfferID& id : ids) {
    if (seen.contains(id))
      return Error("Duplicate offer " + id.value() + " in offer list");
    seen.insert(id);
  }

  Option<SlaveID> slaveId;
  for (const OfferID& id : ids) {
    const Offer* offer = lookup(id);
    if (offer == nullptr)
      return Error("Offer " + id.value() + " is no longer valid");
    if (offer->framework_id() != frameworkId)
      return Error("Offer " + id.value() + " has invalid framework " +
                   offer->framework_id().value() + " while framework " +
                   frameworkId.value() + " is expected");
    if (slaveId.isNone())
      slaveId = offer->slave_id();
    else if (slaveId.get() != offer->slave_id())
      return Error("Aggregated offers must belong to one single agent. Offer " +
                   id.value() + " uses agent " + offer->slave_id().value() +
                   " and agent " + slaveId->value());
  }
  return None();
}

}  // namespace offer

namespace task {
namespace {

Option<Error> validateResources(
    const google::protobuf::RepeatedPtrField<Resource>& resources) {
  Option<Error> error = Resources::validate(resources);
  if (error.isSome())
    return Error("Invalid resources: " + error->message);
  return None();
}

// Resources of one task or executor must be allocated to a single role.
Option<Error> validateSingleRole(const Resources& resources) {
  std::set<std::string> roles;
  for (const Resource& resource : resources)
    if (resource.has_allocation_info() && resource.allocation_info().has_role())
      roles.insert(resource.allocation_info().role());
  if (roles.size() > 1)
    return Error(
        "Expecting resources to be allocated to a single role,"
        " found: " +
        stringify(std::vector<std::string>(roles.begin(), roles.end())));
  return None();
}

Option<Error> validateRevocableMix(const Resources& resources) {
  if (!resources.revocable().empty() && !resources.nonRevocable().empty())
    return Error("Cannot use both revocable and non-revocable resources");
  return None();
}

Option<Error> validateTask(const TaskInfo& task,
                           const master::Framework& framework,
                           const master::Slave& slave) {
  Option<Error> error = validateID(task.task_id().value());
  if (error.isSome())
    return error;

  if (framework.tasks.contains(task.task_id()))
    return Error("Task has duplicate ID: " + task.task_id().value());

  if (framework.unreachableTasks.contains(task.task_id()))
    return Error("Task reuses the ID of an unreachable task: " +
                 task.task_id().value());

  if (task.slave_id() != slave.id())
    return Error("Task uses invalid agent " + task.slave_id().value() +
                 " while agent " + slave.id().value() + " is expected");

  if (task.has_kill_policy() && task.kill_policy().has_grace_period() &&
      task.kill_policy().grace_period().nanoseconds() < 0)
    return Error("Task's 'kill_policy.grace_period' must be non-negative");

  if (task.has_max_completion_time() &&
      task.max_completion_time().nanoseconds() < 0)
    return Error("Task's `max_completion_time` must be non-negative");

  if (task.resources().empty())
    return Error("Task uses no resources");

  error = validateResources(task.resources());
  if (error.isSome())
    return Error("Task uses invalid resources: " + error->message);

  const Resources resources = task.resources();
  error = validateSingleRole(resources);
  if (error.isSome())
    return Error("Invalid task resources: " + error->message);

  error = validateRevocableMix(resources);
  if (error.isSome())
    return Error("Task mixes revocable and non-revocable resources: " +
                 error->message);

  if (task.has_command() && task.command().has_shell() &&
      task.command().shell() && !task.command().has_value())
    return Error(
        "Task's `CommandInfo` is invalid: Shell command is missing"
        " 'value'");

  if (!task.limits().empty() && !slave.capabilities.taskResourceLimits)
    return Error("Agent is not capable of handling task resource limits");

  return None();
}

Option<Error> validateExecutor(const TaskInfo& task,
                               const master::Framework& framework,
                               const master::Slave& slave,
                               const Resources& offered) {
  if (task.has_executor() == task.has_command())
    return Error(
        "Task should have at least one (but not both) of CommandInfo or "
        "ExecutorInfo present");

  Resources total = task.resources();

  if (task.has_executor()) {
    const ExecutorInfo& executor = task.executor();

    if (executor.type() == ExecutorInfo::DEFAULT && executor.has_command())
      return Error(
          "'ExecutorInfo.command' must not be set for 'DEFAULT' executor");
    if (executor.type() == ExecutorInfo::CUSTOM && !executor.has_command())
      return Error("'ExecutorInfo.command' must be set for 'CUSTOM' executor");

    Option<Error> error = validateID(executor.executor_id().value());
    if (error.isSome())
      return error;

    if (executor.has_shutdown_grace_period() &&
        executor.shutdown_grace_period().nanoseconds() < 0)
      return Error(
          "ExecutorInfo's 'shutdown_grace_period' must be non-negative");

    if (!executor.has_framework_id())
      return Error("'ExecutorInfo.framework_id' must be set");
    if (executor.framework_id() != framework.id())
      return Error("ExecutorInfo has an invalid FrameworkID (Actual: " +
                   executor.framework_id().value() +
                   " vs Expected: " + framework.id().value() + ")");

    error = validateResources(executor.resources());
    if (error.isSome())
      return Error("Executor uses invalid resources: " + error->message);

    const Resources executorResources = executor.resources();
    error = validateSingleRole(executorResources);
    if (error.isSome())
      return Error("Invalid executor resources: " + error->message);
    error = validateRevocableMix(executorResources);
    if (error.isSome())
      return Error("Executor mixes revocable and non-revocable resources: " +
                   error->message);

    auto running = slave.executors.find(framework.id());
    if (running != slave.executors.end()) {
      auto existing = running->second.find(executor.executor_id());
      if (existing != running->second.end() && !(existing->second == executor))
        return Error(
            "ExecutorInfo is not compatible with existing ExecutorInfo"
            " with same ExecutorID.\n"
            "------------------------------------------------------------\n"
            "Existing ExecutorInfo:\n" +
            existing->second.DebugString() +
            "\n"
            "------------------------------------------------------------\n"
            "ExecutorInfo:\n" +
            executor.DebugString() +
            "\n"
            "------------------------------------------------------------\n");
    }

    if (executor.has_type() && executor.type() != ExecutorInfo::CUSTOM)
      return Error("'ExecutorInfo.type' must be 'CUSTOM'");
    if (!executor.has_command())
      return Error("'ExecutorInfo.command' must be set");

    if (!executorResources.shared().empty())
      return Error("Executor resources " + stringify(executorResources) +
                   " should not contain any shared resources");

    if (!slave.hasExecutor(framework.id(), executor.executor_id()))
      total += executorResources;
  }

  Option<Error> error = validateRevocableMix(total);
  if (error.isSome())
    return Error(
        "Task and its executor mix revocable and non-revocable"
        " resources: " +
        error->message);

  if (!offered.contains(total))
    return Error("Total resources " + stringify(total) +
                 " required by task and its executor is more than available " +
                 stringify(offered));
  return None();
}

}  // namespace

Option<Error> validate(const TaskInfo& task, const master::Framework& framework,
                       const master::Slave& slave, const Resources& offered) {
  Option<Error> error = validateTask(task, framework, slave);
  if (error.isSome())
    return error;
  return validateExecutor(task, framework, slave, offered);
}

}  // namespace task
}  // namespace validation
}  // namespace master
}  // namespace internal
}  // namespace mesos
