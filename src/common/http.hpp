#ifndef MESOS_COMMON_HTTP_HPP
#define MESOS_COMMON_HTTP_HPP

#include <string>

#include <google/protobuf/map.h>
#include <google/protobuf/repeated_field.h>

#include <mesos/attributes.hpp>
#include <mesos/mesos.hpp>
#include <mesos/resources.hpp>

#include <stout/json.hpp>
#include <stout/jsonify.hpp>
#include <stout/protobuf.hpp>

// JSON renderings of Mesos objects for the master's and agent's endpoints
// (/state, /tasks, /slaves, ...), with Apache Mesos's field names and
// shapes (src/common/http.cpp in Mesos 1.11; see docs/resources.md).
//
// These are `json()` overloads for stout's streaming writer, found by
// argument-dependent lookup, so that
//
//   jsonify([&](JSON::ObjectWriter* writer) {
//     writer->field("resources", totalResources);   // {"cpus":4.0,...}
//     writer->field("tasks", tasks);                // [{"id":...}, ...]
//   });
//
// renders Mesos's endpoint format. Any other message renders through
// JSON::Protobuf (every set field by its .proto name, enums by name, bytes
// as base64). Include this header wherever such a field is written; without
// it, the same call renders the raw protobuf instead.
//
// Some overloads for ObjectWriter are declared deleted on purpose: a Value
// or Labels is also a protobuf message, and deleting the object form steers
// the writer to the number/string/array form Mesos uses.
//
// All functions are thread-safe.
namespace mesos {

// -- Values: a scalar is a number, everything else its text form -----------

void json(JSON::ValueWriter* writer, const Value::Scalar& scalar);
void json(JSON::ValueWriter* writer, const Value::Ranges& ranges);
void json(JSON::ValueWriter* writer, const Value::Set& set);
void json(JSON::ValueWriter* writer, const Value::Text& text);
void json(JSON::ObjectWriter*, const Value::Scalar&) = delete;
void json(JSON::ObjectWriter*, const Value::Ranges&) = delete;
void json(JSON::ObjectWriter*, const Value::Set&) = delete;
void json(JSON::ObjectWriter*, const Value::Text&) = delete;

// -- Resources ---------------------------------------------------------------

// {"cpus":4.0,"disk":10000.0,"gpus":0.0,"mem":8192.0,
//  "ports":"[31000-32000]"}: one field per resource name holding the total
// (scalars as numbers, ranges and sets in their text form); revocable
// resources under "<name>_revocable"; cpus, gpus, mem and disk always
// present (0.0 when absent). Scalars come first, then ranges, then sets,
// each by name.
void json(JSON::ObjectWriter* writer, const Resources& resources);
void json(JSON::ObjectWriter* writer,
          const google::protobuf::RepeatedPtrField<Resource>& resources);

// A single Resource renders as its protobuf (declared because a Resource
// also converts to Resources).
void json(JSON::ObjectWriter* writer, const Resource& resource);

// Task limits: {"cpus":2.0,"mem":512.0}.
void json(JSON::ObjectWriter* writer,
          const google::protobuf::Map<std::string, Value::Scalar>& limits);

// {"rack":"r1","level":2.0,"ports":"[1-10]"}.
void json(JSON::ObjectWriter* writer, const Attributes& attributes);

// [{"key":"k","value":"v"}, ...].
void json(JSON::ArrayWriter* writer, const Labels& labels);
void json(JSON::ObjectWriter*, const Labels&) = delete;

// -- Messages --------------------------------------------------------------

// {"shell":..,"value":..,"argv":[..],"environment":{..},
//  "uris":[{"value":..,"executable":..}]} (shell/value/environment only
// when set).
void json(JSON::ObjectWriter* writer, const CommandInfo& command);

// executor_id, name, framework_id, command, resources, role (of the first
// resource's allocation, when there are resources), labels, type.
void json(JSON::ObjectWriter* writer, const ExecutorInfo& executor);

// id, name, framework_id, executor_id ("" when none), slave_id, state,
// resources, limits, role, statuses, user, labels, discovery, container,
// health_check (the optional ones only when set).
void json(JSON::ObjectWriter* writer, const Task& task);

// state, timestamp, labels, container_status, healthy.
void json(JSON::ObjectWriter* writer, const TaskStatus& status);

void json(JSON::ObjectWriter* writer, const ContainerStatus& status);
void json(JSON::ObjectWriter* writer, const NetworkInfo& info);

// id, hostname, port, attributes, domain.
void json(JSON::ObjectWriter* writer, const SlaveInfo& slave);

// id, pid, port, hostname, domain.
void json(JSON::ObjectWriter* writer, const MasterInfo& master);

// {"fault_domain":{"region":{"name":..},"zone":{"name":..}}}.
void json(JSON::ObjectWriter* writer, const DomainInfo& domain);

// id, framework_id, allocation_info, slave_id, resources.
void json(JSON::ObjectWriter* writer, const Offer& offer);

// Capabilities render as their type's name: "MULTI_ROLE".
void json(JSON::ValueWriter* writer,
          const FrameworkInfo::Capability& capability);
void json(JSON::ValueWriter* writer, const SlaveInfo::Capability& capability);
void json(JSON::ValueWriter* writer, const MasterInfo::Capability& capability);
void json(JSON::ObjectWriter*, const FrameworkInfo::Capability&) = delete;
void json(JSON::ObjectWriter*, const SlaveInfo::Capability&) = delete;
void json(JSON::ObjectWriter*, const MasterInfo::Capability&) = delete;

namespace internal {

// The same renderings as JSON::Object / JSON::Array values, for code that
// assembles a document before writing it (tests, small endpoints).
JSON::Object model(const Resources& resources);
JSON::Object model(const Attributes& attributes);
JSON::Array model(const Labels& labels);
JSON::Object model(const CommandInfo& command);
JSON::Object model(const ExecutorInfo& executor);
JSON::Object model(const Task& task);
JSON::Object model(const TaskStatus& status);

}  // namespace internal
}  // namespace mesos

#endif  // MESOS_COMMON_HTTP_HPP
