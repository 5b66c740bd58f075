#include <mesos/type_utils.hpp>

#include <ostream>
#include <string>

#include <google/protobuf/util/message_differencer.h>

#include <mesos/attributes.hpp>
#include <mesos/resources.hpp>

#include <stout/jsonify.hpp>
#include <stout/protobuf.hpp>
#include <stout/uuid.hpp>

namespace mesos {

namespace {

using google::protobuf::util::MessageDifferencer;

// Whether every element of `left` has an equal one in `right`, with the
// same number of elements on both sides (multiset comparison for the small
// repeated fields whose order carries no meaning).
template <typename T>
bool sameElements(const google::protobuf::RepeatedPtrField<T>& left,
                  const google::protobuf::RepeatedPtrField<T>& right) {
  if (left.size() != right.size())
    return false;
  for (const T& element : left) {
    int inLeft = 0;
    int inRight = 0;
    for (const T& other : left)
      inLeft += other == element ? 1 : 0;
    for (const T& other : right)
      inRight += other == element ? 1 : 0;
    if (inLeft != inRight)
      return false;
  }
  return true;
}

// Field-by-field equality, unset equal to default, every repeated field
// compared as a set.
bool equivalentAsSets(const google::protobuf::Message& left,
                      const google::protobuf::Message& right) {
  MessageDifferencer differencer;
  differencer.set_message_field_comparison(MessageDifferencer::EQUIVALENT);
  differencer.set_repeated_field_comparison(MessageDifferencer::AS_SET);
  return differencer.Compare(left, right);
}

template <typename Enum>
std::ostream& printEnum(std::ostream& stream, const std::string& name,
                        Enum value) {
  if (name.empty())
    return stream << static_cast<int>(value);
  return stream << name;
}

}  // namespace

bool operator==(const ContainerID& left, const ContainerID& right) {
  return left.value() == right.value() &&
         left.has_parent() == right.has_parent() &&
         (!left.has_parent() || left.parent() == right.parent());
}

bool operator==(const CommandInfo& left, const CommandInfo& right) {
  if (!sameElements(left.uris(), right.uris()))
    return false;
  if (left.arguments().size() != right.arguments().size())
    return false;
  for (int i = 0; i < left.arguments().size(); i++) {
    if (left.arguments(i) != right.arguments(i))
      return false;
  }
  return left.environment() == right.environment() &&
         left.value() == right.value() && left.user() == right.user() &&
         left.shell() == right.shell();
}

bool operator!=(const CommandInfo& left, const CommandInfo& right) {
  return !(left == right);
}

bool operator==(const CommandInfo::URI& left, const CommandInfo::URI& right) {
  return left.value() == right.value() &&
         left.executable() == right.executable() &&
         left.extract() == right.extract() && left.cache() == right.cache() &&
         left.output_file() == right.output_file();
}

bool operator==(const ContainerInfo& left, const ContainerInfo& right) {
  return equivalentAsSets(left, right);
}

bool operator==(const Credential& left, const Credential& right) {
  return left.principal() == right.principal() &&
         left.secret() == right.secret();
}

bool operator==(const DiscoveryInfo& left, const DiscoveryInfo& right) {
  return left.visibility() == right.visibility() &&
         left.name() == right.name() &&
         left.environment() == right.environment() &&
         left.location() == right.location() &&
         left.version() == right.version() && left.ports() == right.ports() &&
         left.labels() == right.labels();
}

bool operator==(const Environment::Variable& left,
                const Environment::Variable& right) {
  return left.name() == right.name() && left.type() == right.type() &&
         left.value() == right.value() &&
         left.has_secret() == right.has_secret() &&
         left.secret().SerializeAsString() ==
             right.secret().SerializeAsString();
}

bool operator==(const Environment& left, const Environment& right) {
  return sameElements(left.variables(), right.variables());
}

bool operator==(const ExecutorInfo& left, const ExecutorInfo& right) {
  return left.has_type() == right.has_type() && left.type() == right.type() &&
         left.executor_id() == right.executor_id() &&
         left.data() == right.data() &&
         Resources(left.resources()) == Resources(right.resources()) &&
         left.command() == right.command() &&
         left.framework_id() == right.framework_id() &&
         left.name() == right.name() && left.source() == right.source() &&
         left.container() == right.container() &&
         left.discovery() == right.discovery();
}

bool operator!=(const ExecutorInfo& left, const ExecutorInfo& right) {
  return !(left == right);
}

bool operator==(const Label& left, const Label& right) {
  return left.key() == right.key() && left.has_value() == right.has_value() &&
         left.value() == right.value();
}

bool operator==(const Labels& left, const Labels& right) {
  return sameElements(left.labels(), right.labels());
}

bool operator!=(const Labels& left, const Labels& right) {
  return !(left == right);
}

bool operator==(const MasterInfo& left, const MasterInfo& right) {
  return left.id() == right.id() && left.ip() == right.ip() &&
         left.port() == right.port() && left.pid() == right.pid() &&
         left.hostname() == right.hostname() &&
         left.version() == right.version();
}

bool operator==(const Parameter& left, const Parameter& right) {
  return left.key() == right.key() && left.value() == right.value();
}

bool operator==(const Port& left, const Port& right) {
  return left.number() == right.number() && left.name() == right.name() &&
         left.protocol() == right.protocol() &&
         left.visibility() == right.visibility();
}

bool operator==(const Ports& left, const Ports& right) {
  return sameElements(left.ports(), right.ports());
}

bool operator==(const ResourceStatistics& left,
                const ResourceStatistics& right) {
  return left.SerializeAsString() == right.SerializeAsString();
}

bool operator==(const SlaveInfo& left, const SlaveInfo& right) {
  return left.hostname() == right.hostname() &&
         Resources(left.resources()) == Resources(right.resources()) &&
         Attributes(left.attributes()) == Attributes(right.attributes()) &&
         left.id() == right.id() && left.checkpoint() == right.checkpoint() &&
         left.port() == right.port();
}

bool operator==(const Task& left, const Task& right) {
  if (left.statuses().size() != right.statuses().size())
    return false;
  for (int i = 0; i < left.statuses().size(); i++) {
    if (left.statuses(i) != right.statuses(i))
      return false;
  }
  return left.name() == right.name() && left.task_id() == right.task_id() &&
         left.framework_id() == right.framework_id() &&
         left.executor_id() == right.executor_id() &&
         left.slave_id() == right.slave_id() && left.state() == right.state() &&
         Resources(left.resources()) == Resources(right.resources()) &&
         left.status_update_state() == right.status_update_state() &&
         left.status_update_uuid() == right.status_update_uuid() &&
         left.labels() == right.labels() &&
         left.discovery() == right.discovery() && left.user() == right.user();
}

bool operator==(const TaskGroupInfo& left, const TaskGroupInfo& right) {
  return sameElements(left.tasks(), right.tasks());
}

bool operator==(const TaskInfo& left, const TaskInfo& right) {
  return left.SerializeAsString() == right.SerializeAsString();
}

bool operator==(const TaskStatus& left, const TaskStatus& right) {
  return left.task_id() == right.task_id() && left.state() == right.state() &&
         left.data() == right.data() && left.message() == right.message() &&
         left.slave_id() == right.slave_id() &&
         left.timestamp() == right.timestamp() &&
         left.executor_id() == right.executor_id() &&
         left.healthy() == right.healthy() && left.source() == right.source() &&
         left.reason() == right.reason() && left.uuid() == right.uuid();
}

bool operator!=(const TaskStatus& left, const TaskStatus& right) {
  return !(left == right);
}

bool operator==(const URL& left, const URL& right) {
  return left.SerializeAsString() == right.SerializeAsString();
}

bool operator==(const UUID& left, const UUID& right) {
  return left.value() == right.value();
}

bool operator!=(const UUID& left, const UUID& right) {
  return !(left == right);
}

bool operator==(const Volume& left, const Volume& right) {
  return left.container_path() == right.container_path() &&
         left.host_path() == right.host_path() && left.mode() == right.mode();
}

bool operator==(const DomainInfo& left, const DomainInfo& right) {
  const DomainInfo::FaultDomain& a = left.fault_domain();
  const DomainInfo::FaultDomain& b = right.fault_domain();
  return left.has_fault_domain() == right.has_fault_domain() &&
         a.region().name() == b.region().name() &&
         a.zone().name() == b.zone().name();
}

namespace typeutils {

bool equivalent(const FrameworkInfo& left, const FrameworkInfo& right) {
  MessageDifferencer differencer;
  differencer.set_message_field_comparison(MessageDifferencer::EQUIVALENT);
  differencer.TreatAsSet(FrameworkInfo::descriptor()->FindFieldByName("roles"));
  differencer.TreatAsSet(
      FrameworkInfo::descriptor()->FindFieldByName("capabilities"));
  return differencer.Compare(left, right);
}

}  // namespace typeutils

// -- Printing --------------------------------------------------------------

std::ostream& operator<<(std::ostream& stream, const FrameworkID& id) {
  return stream << id.value();
}

std::ostream& operator<<(std::ostream& stream, const OfferID& id) {
  return stream << id.value();
}

std::ostream& operator<<(std::ostream& stream, const SlaveID& id) {
  return stream << id.value();
}

std::ostream& operator<<(std::ostream& stream, const TaskID& id) {
  return stream << id.value();
}

std::ostream& operator<<(std::ostream& stream, const ExecutorID& id) {
  return stream << id.value();
}

std::ostream& operator<<(std::ostream& stream, const OperationID& id) {
  return stream << id.value();
}

std::ostream& operator<<(std::ostream& stream, const ResourceProviderID& id) {
  return stream << id.value();
}

std::ostream& operator<<(std::ostream& stream, const ContainerID& id) {
  if (id.has_parent())
    stream << id.parent() << ".";
  return stream << id.value();
}

std::ostream& operator<<(std::ostream& stream, const UUID& uuid) {
  Try<id::UUID> parsed = id::UUID::fromBytes(uuid.value());
  if (parsed.isError())
    return stream << uuid.value();
  return stream << parsed->toString();
}

std::ostream& operator<<(std::ostream& stream, const TaskState& state) {
  return printEnum(stream, TaskState_Name(state), state);
}

std::ostream& operator<<(std::ostream& stream, const TaskStatus::Source& s) {
  return printEnum(stream, TaskStatus::Source_Name(s), s);
}

std::ostream& operator<<(std::ostream& stream, const TaskStatus::Reason& r) {
  return printEnum(stream, TaskStatus::Reason_Name(r), r);
}

std::ostream& operator<<(std::ostream& stream, const OperationState& state) {
  return printEnum(stream, OperationState_Name(state), state);
}

std::ostream& operator<<(std::ostream& stream,
                         const Offer::Operation::Type& type) {
  return printEnum(stream, Offer::Operation::Type_Name(type), type);
}

std::ostream& operator<<(std::ostream& stream,
                         const FrameworkInfo::Capability& capability) {
  return printEnum(stream,
                   FrameworkInfo::Capability::Type_Name(capability.type()),
                   capability.type());
}

std::ostream& operator<<(std::ostream& stream, const Image::Type& type) {
  return printEnum(stream, Image::Type_Name(type), type);
}

std::ostream& operator<<(std::ostream& stream, const CommandInfo& command) {
  return stream << jsonify(JSON::Protobuf(command));
}

std::ostream& operator<<(std::ostream& stream, const Environment& environment) {
  return stream << jsonify(JSON::Protobuf(environment));
}

std::ostream& operator<<(std::ostream& stream, const ContainerInfo& container) {
  return stream << container.DebugString();
}

std::ostream& operator<<(std::ostream& stream, const ExecutorInfo& executor) {
  return stream << executor.DebugString();
}

std::ostream& operator<<(std::ostream& stream, const MasterInfo& master) {
  return stream << master.DebugString();
}

std::ostream& operator<<(std::ostream& stream, const SlaveInfo& slave) {
  return stream << slave.DebugString();
}

std::ostream& operator<<(std::ostream& stream, const TaskInfo& task) {
  return stream << task.DebugString();
}

std::ostream& operator<<(std::ostream& stream, const RateLimits& limits) {
  return stream << limits.DebugString();
}

std::ostream& operator<<(std::ostream& stream, const Labels& labels) {
  stream << "{";
  for (int i = 0; i < labels.labels_size(); i++) {
    if (i > 0)
      stream << ", ";
    const Label& label = labels.labels(i);
    stream << label.key();
    if (label.has_value())
      stream << ": " << label.value();
  }
  return stream << "}";
}

std::ostream& operator<<(std::ostream& stream, const MachineID& machine) {
  if (machine.has_hostname() && machine.has_ip())
    return stream << machine.hostname() << " (" << machine.ip() << ")";
  if (machine.has_hostname())
    return stream << machine.hostname();
  return stream << "(" << machine.ip() << ")";
}

}  // namespace mesos
