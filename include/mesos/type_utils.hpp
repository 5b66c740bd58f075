#ifndef MESOS_TYPE_UTILS_HPP
#define MESOS_TYPE_UTILS_HPP

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <google/protobuf/map.h>
#include <google/protobuf/repeated_field.h>

#include <mesos/mesos.pb.h>

#include <stout/option.hpp>

// Operators that protoc does not generate for the public Mesos messages, so
// that IDs can be compared, ordered, hashed and logged, and common messages
// compared, as framework code written for Apache Mesos expects after
// `#include <mesos/mesos.hpp>`. The set follows Apache Mesos 1.11's
// include/mesos/type_utils.hpp.
//
// Semantics in brief:
// - ID types compare, order and hash by `value()` only; ContainerID equality
//   and hashing also include the whole `parent` chain, and it prints as
//   "root.child.grandchild".
// - Message equality is semantic where Mesos's is: repeated fields whose
//   order carries no meaning (labels, environment variables, URIs, volumes,
//   ports, parameters) compare as multisets; resources compare as
//   `Resources`; TaskInfo and ResourceStatistics compare byte-for-byte
//   serialized.
// - Printing IDs prints the value; enums print their name (TASK_RUNNING);
//   bigger messages print as JSON or protobuf debug text, for logs only.
//
// All functions are pure and thread-safe.
namespace mesos {

// -- ID equality, inequality and order (by value) --------------------------

namespace internal {

// The ID messages whose single `value` string is their whole identity.
template <typename T>
struct IsValueId : std::false_type {};
template <>
struct IsValueId<FrameworkID> : std::true_type {};
template <>
struct IsValueId<OfferID> : std::true_type {};
template <>
struct IsValueId<SlaveID> : std::true_type {};
template <>
struct IsValueId<TaskID> : std::true_type {};
template <>
struct IsValueId<ExecutorID> : std::true_type {};
template <>
struct IsValueId<OperationID> : std::true_type {};
template <>
struct IsValueId<ResourceProviderID> : std::true_type {};

template <typename T>
using EnableIfValueId = std::enable_if_t<IsValueId<T>::value, int>;

// std::hash of the `value` field, for the std::hash specializations below.
template <typename T>
struct ValueHash {
  size_t operator()(const T& id) const {
    return std::hash<std::string>()(id.value());
  }
};

}  // namespace internal

template <typename ID, internal::EnableIfValueId<ID> = 0>
bool operator==(const ID& left, const ID& right) {
  return left.value() == right.value();
}

template <typename ID, internal::EnableIfValueId<ID> = 0>
bool operator!=(const ID& left, const ID& right) {
  return left.value() != right.value();
}

template <typename ID, internal::EnableIfValueId<ID> = 0>
bool operator<(const ID& left, const ID& right) {
  return left.value() < right.value();
}

template <typename ID, internal::EnableIfValueId<ID> = 0>
bool operator==(const ID& left, const std::string& right) {
  return left.value() == right;
}

template <typename ID, internal::EnableIfValueId<ID> = 0>
bool operator!=(const ID& left, const std::string& right) {
  return left.value() != right;
}

// Equal values and equal parent chains.
bool operator==(const ContainerID& left, const ContainerID& right);

inline bool operator!=(const ContainerID& left, const ContainerID& right) {
  return !(left == right);
}

// Orders by `value()` only, as Mesos does.
inline bool operator<(const ContainerID& left, const ContainerID& right) {
  return left.value() < right.value();
}

inline bool operator==(const ContainerID& left, const std::string& right) {
  return left.value() == right;
}

// -- Time ------------------------------------------------------------------

inline bool operator==(const TimeInfo& left, const TimeInfo& right) {
  return left.nanoseconds() == right.nanoseconds();
}
inline bool operator!=(const TimeInfo& left, const TimeInfo& right) {
  return !(left == right);
}
inline bool operator==(const DurationInfo& left, const DurationInfo& right) {
  return left.nanoseconds() == right.nanoseconds();
}
inline bool operator!=(const DurationInfo& left, const DurationInfo& right) {
  return !(left == right);
}
inline bool operator<(const DurationInfo& left, const DurationInfo& right) {
  return left.nanoseconds() < right.nanoseconds();
}

// -- Message equality ------------------------------------------------------

bool operator==(const CommandInfo& left, const CommandInfo& right);
bool operator==(const CommandInfo::URI& left, const CommandInfo::URI& right);
bool operator==(const ContainerInfo& left, const ContainerInfo& right);
bool operator==(const Credential& left, const Credential& right);
bool operator==(const DiscoveryInfo& left, const DiscoveryInfo& right);
bool operator==(const Environment& left, const Environment& right);
bool operator==(const Environment::Variable& left,
                const Environment::Variable& right);
bool operator==(const ExecutorInfo& left, const ExecutorInfo& right);
bool operator==(const Label& left, const Label& right);
bool operator==(const Labels& left, const Labels& right);
bool operator==(const MasterInfo& left, const MasterInfo& right);
bool operator==(const Parameter& left, const Parameter& right);
bool operator==(const Port& left, const Port& right);
bool operator==(const Ports& left, const Ports& right);
bool operator==(const ResourceStatistics& left,
                const ResourceStatistics& right);
bool operator==(const SlaveInfo& left, const SlaveInfo& right);
bool operator==(const Task& left, const Task& right);
bool operator==(const TaskGroupInfo& left, const TaskGroupInfo& right);
bool operator==(const TaskInfo& left, const TaskInfo& right);
bool operator==(const TaskStatus& left, const TaskStatus& right);
bool operator==(const URL& left, const URL& right);
bool operator==(const UUID& left, const UUID& right);
bool operator==(const Volume& left, const Volume& right);
bool operator==(const DomainInfo& left, const DomainInfo& right);

bool operator!=(const CommandInfo& left, const CommandInfo& right);
bool operator!=(const ExecutorInfo& left, const ExecutorInfo& right);
bool operator!=(const Labels& left, const Labels& right);
bool operator!=(const TaskStatus& left, const TaskStatus& right);
bool operator!=(const UUID& left, const UUID& right);

// Mesos 1.11 deleted FrameworkInfo equality (it compared only name and
// user); use typeutils::equivalent.
bool operator==(const FrameworkInfo& left, const FrameworkInfo& right) = delete;

namespace typeutils {

// Whether subscribing with `left` has the same effect as with `right`: all
// fields equal, with `roles` and `capabilities` compared as sets.
bool equivalent(const FrameworkInfo& left, const FrameworkInfo& right);

}  // namespace typeutils

// -- Printing --------------------------------------------------------------

std::ostream& operator<<(std::ostream& stream, const FrameworkID& id);
std::ostream& operator<<(std::ostream& stream, const OfferID& id);
std::ostream& operator<<(std::ostream& stream, const SlaveID& id);
std::ostream& operator<<(std::ostream& stream, const TaskID& id);
std::ostream& operator<<(std::ostream& stream, const ExecutorID& id);
std::ostream& operator<<(std::ostream& stream, const OperationID& id);
std::ostream& operator<<(std::ostream& stream, const ResourceProviderID& id);

// "parent.child" down the whole chain.
std::ostream& operator<<(std::ostream& stream, const ContainerID& id);

// The canonical 36-character form when `value` is 16 bytes, else the raw
// bytes.
std::ostream& operator<<(std::ostream& stream, const UUID& uuid);

// Enum names: TASK_RUNNING, SOURCE_EXECUTOR, REASON_..., OPERATION_...,
// LAUNCH, MULTI_ROLE, ...
std::ostream& operator<<(std::ostream& stream, const TaskState& state);
std::ostream& operator<<(std::ostream& stream, const TaskStatus::Source& s);
std::ostream& operator<<(std::ostream& stream, const TaskStatus::Reason& r);
std::ostream& operator<<(std::ostream& stream, const OperationState& state);
std::ostream& operator<<(std::ostream& stream,
                         const Offer::Operation::Type& type);
std::ostream& operator<<(std::ostream& stream,
                         const FrameworkInfo::Capability& capability);
std::ostream& operator<<(std::ostream& stream, const Image::Type& type);

// JSON (CommandInfo, Environment) or protobuf debug text (the rest).
std::ostream& operator<<(std::ostream& stream, const CommandInfo& command);
std::ostream& operator<<(std::ostream& stream, const Environment& environment);
std::ostream& operator<<(std::ostream& stream, const ContainerInfo& container);
std::ostream& operator<<(std::ostream& stream, const ExecutorInfo& executor);
std::ostream& operator<<(std::ostream& stream, const MasterInfo& master);
std::ostream& operator<<(std::ostream& stream, const SlaveInfo& slave);
std::ostream& operator<<(std::ostream& stream, const TaskInfo& task);
std::ostream& operator<<(std::ostream& stream, const RateLimits& limits);

// "{key1: value1, key2}" (a label without value prints its key only).
std::ostream& operator<<(std::ostream& stream, const Labels& labels);

// "hostname (ip)", "hostname" or "(ip)".
std::ostream& operator<<(std::ostream& stream, const MachineID& machine);

// "[ a, b ]" with each element printed by its own operator<<.
template <typename T>
std::ostream& operator<<(std::ostream& stream, const std::vector<T>& values) {
  stream << "[ ";
  for (size_t i = 0; i < values.size(); i++) {
    if (i > 0)
      stream << ", ";
    stream << values[i];
  }
  return stream << " ]";
}

namespace internal {

// Mixes `value`'s hash into `seed` (the boost::hash_combine recipe).
template <typename T>
void hashCombine(size_t* seed, const T& value) {
  *seed ^= std::hash<T>()(value) + 0x9e3779b9 + (*seed << 6) + (*seed >> 2);
}

}  // namespace internal
}  // namespace mesos

// Generic printing of protobuf containers, found by argument-dependent
// lookup: "[ a, b ]" and "{ k1: v1, k2: v2 }".
namespace google {
namespace protobuf {

template <typename T>
std::ostream& operator<<(std::ostream& stream,
                         const RepeatedPtrField<T>& messages) {
  stream << "[ ";
  for (auto it = messages.begin(); it != messages.end(); ++it) {
    if (it != messages.begin())
      stream << ", ";
    stream << *it;
  }
  return stream << " ]";
}

template <typename Key, typename Value>
std::ostream& operator<<(std::ostream& stream, const Map<Key, Value>& map) {
  stream << "{ ";
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (it != map.begin())
      stream << ", ";
    stream << it->first << ": " << it->second;
  }
  return stream << " }";
}

}  // namespace protobuf
}  // namespace google

// Hashes consistent with the equality above, so IDs key unordered maps.
namespace std {

template <>
struct hash<mesos::FrameworkID>
    : mesos::internal::ValueHash<mesos::FrameworkID> {};
template <>
struct hash<mesos::OfferID> : mesos::internal::ValueHash<mesos::OfferID> {};
template <>
struct hash<mesos::SlaveID> : mesos::internal::ValueHash<mesos::SlaveID> {};
template <>
struct hash<mesos::TaskID> : mesos::internal::ValueHash<mesos::TaskID> {};
template <>
struct hash<mesos::ExecutorID> : mesos::internal::ValueHash<mesos::ExecutorID> {
};
template <>
struct hash<mesos::OperationID>
    : mesos::internal::ValueHash<mesos::OperationID> {};
template <>
struct hash<mesos::ResourceProviderID>
    : mesos::internal::ValueHash<mesos::ResourceProviderID> {};
template <>
struct hash<mesos::UUID> : mesos::internal::ValueHash<mesos::UUID> {};

template <>
struct hash<mesos::ContainerID> {
  size_t operator()(const mesos::ContainerID& id) const {
    size_t seed = 0;
    mesos::internal::hashCombine(&seed, id.value());
    if (id.has_parent())
      mesos::internal::hashCombine(&seed, id.parent());
    return seed;
  }
};

template <>
struct hash<mesos::CommandInfo::URI> {
  size_t operator()(const mesos::CommandInfo::URI& uri) const {
    size_t seed = 0;
    mesos::internal::hashCombine(&seed, uri.value());
    mesos::internal::hashCombine(&seed, uri.extract());
    mesos::internal::hashCombine(&seed, uri.executable());
    mesos::internal::hashCombine(&seed, uri.output_file());
    return seed;
  }
};

template <>
struct hash<std::pair<mesos::FrameworkID, mesos::ExecutorID>> {
  size_t operator()(
      const std::pair<mesos::FrameworkID, mesos::ExecutorID>& pair) const {
    size_t seed = 0;
    mesos::internal::hashCombine(&seed, pair.first);
    mesos::internal::hashCombine(&seed, pair.second);
    return seed;
  }
};

template <>
struct hash<std::pair<mesos::FrameworkID, mesos::OperationID>> {
  size_t operator()(
      const std::pair<mesos::FrameworkID, mesos::OperationID>& pair) const {
    size_t seed = 0;
    mesos::internal::hashCombine(&seed, pair.first);
    mesos::internal::hashCombine(&seed, pair.second);
    return seed;
  }
};

}  // namespace std

#endif  // MESOS_TYPE_UTILS_HPP
