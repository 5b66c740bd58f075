#ifndef MESOS_MASTER_VALIDATION_HPP
#define MESOS_MASTER_VALIDATION_HPP

// What the master checks before it acts on a framework's request, with
// Apache Mesos 1.11's error messages (a framework sees them as the
// `message` of a TASK_ERROR / TASK_LOST / TASK_DROPPED update or of a
// FrameworkErrorMessage). Every function is pure: it reads its arguments
// and returns None when the input is acceptable, else the first problem
// found, in Mesos's order of checks.

#include <functional>
#include <string>

#include <google/protobuf/repeated_field.h>

#include <mesos/mesos.hpp>
#include <mesos/resources.hpp>

#include <stout/error.hpp>
#include <stout/option.hpp>

#include "master/framework.hpp"
#include "master/slave.hpp"

namespace mesos {
namespace internal {
namespace master {
namespace validation {

// Common ID rule (TaskID, ExecutorID, FrameworkID...): non-empty, at most
// NAME_MAX characters, not "." or "..", no control characters or slashes.
Option<Error> validateID(const std::string& id);

namespace framework {

// A FrameworkInfo a scheduler subscribes with: valid role(s) (a
// MULTI_ROLE framework must use `roles`, others `role`), no duplicate
// roles, a valid `id` when one is given.
Option<Error> validate(const FrameworkInfo& info);

}  // namespace framework

namespace offer {

// Looks an outstanding offer up by id: null if there is none.
using OfferLookup = std::function<const Offer*(const OfferID&)>;

// The offers of one ACCEPT (or LaunchTasksMessage): at least one, no
// duplicates, every one still outstanding ("Offer <id> is no longer
// valid"), every one made to `frameworkId`, all on one agent.
Option<Error> validate(const google::protobuf::RepeatedPtrField<OfferID>& ids,
                       const FrameworkID& frameworkId,
                       const OfferLookup& lookup);

}  // namespace offer

namespace task {

// One task of a LAUNCH against the framework and agent it targets and the
// resources still available from the accepted offers (task resources in
// the post-refinement format, with allocation info). Errors are reported
// by the master as TASK_ERROR with REASON_TASK_INVALID.
//
// Checks, in order: task id; unique among the framework's tasks; agent id
// matches the offers' agent; kill policy grace period non-negative; max
// completion time non-negative; resources present and valid; exactly one
// of CommandInfo and ExecutorInfo; the executor's framework id, type,
// command, resources and compatibility with a running executor of the
// same id; total resources (task plus a new executor) within `offered`.
Option<Error> validate(const TaskInfo& task, const master::Framework& framework,
                       const master::Slave& slave, const Resources& offered);

}  // namespace task

}  // namespace validation
}  // namespace master
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_MASTER_VALIDATION_HPP
