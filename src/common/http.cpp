#include "common/http.hpp"

#include <map>
#include <string>

#include <stout/stringify.hpp>

namespace mesos {

void json(JSON::ValueWriter* writer, const Value::Scalar& scalar) {
  writer->number(scalar.value());
}

void json(JSON::ValueWriter* writer, const Value::Ranges& ranges) {
  writer->string(stringify(ranges));
}

void json(JSON::ValueWriter* writer, const Value::Set& set) {
  writer->string(stringify(set));
}

void json(JSON::ValueWriter* writer, const Value::Text& text) {
  writer->string(text.value());
}

namespace {

template <typename Iterable>
void writeResources(JSON::ObjectWriter* writer, const Iterable& resources) {
  std::map<std::string, Value::Scalar> scalars;
  std::map<std::string, Value::Ranges> ranges;
  std::map<std::string, Value::Set> sets;
  for (const char* name : {"cpus", "gpus", "mem", "disk"})
    scalars[name].set_value(0);

  for (const Resource& resource : resources) {
    const std::string name =
        resource.name() + (resource.has_revocable() ? "_revocable" : "");
    switch (resource.type()) {
      case Value::SCALAR:
        scalars[name] += resource.scalar();
        break;
      case Value::RANGES:
        ranges[name] += resource.ranges();
        break;
      case Value::SET:
        sets[name] += resource.set();
        break;
      case Value::TEXT:
        break;
    }
  }

  for (const auto& [name, value] : scalars)
    writer->field(name, value.value());
  for (const auto& [name, value] : ranges)
    writer->field(name, stringify(value));
  for (const auto& [name, value] : sets)
    writer->field(name, stringify(value));
}

}  // namespace

void json(JSON::ObjectWriter* writer, const Resources& resources) {
  writeResources(writer, resources);
}

void json(JSON::ObjectWriter* writer,
          const google::protobuf::RepeatedPtrField<Resource>& resources) {
  writeResources(writer, resources);
}

void json(JSON::ObjectWriter* writer, const Resource& resource) {
  JSON::json(writer, JSON::Protobuf(resource));
}

void json(JSON::ObjectWriter* writer,
          const google::protobuf::Map<std::string, Value::Scalar>& limits) {
  // Sorted, so the output does not depend on the map's hash order.
  const std::map<std::string, double> sorted = [&limits] {
    std::map<std::string, double> result;
    for (const auto& [name, scalar] : limits)
      result[name] = scalar.value();
    return result;
  }();
  for (const auto& [name, value] : sorted)
    writer->field(name, value);
}

void json(JSON::ObjectWriter* writer, const Attributes& attributes) {
  for (const Attribute& attribute : attributes) {
    switch (attribute.type()) {
      case Value::SCALAR:
        writer->field(attribute.name(), attribute.scalar().value());
        break;
      case Value::RANGES:
        writer->field(attribute.name(), stringify(attribute.ranges()));
        break;
      case Value::SET:
        writer->field(attribute.name(), stringify(attribute.set()));
        break;
      case Value::TEXT:
        writer->field(attribute.name(), attribute.text().value());
        break;
    }
  }
}

void json(JSON::ArrayWriter* writer, const Labels& labels) {
  for (const Label& label : labels.labels())
    writer->element(JSON::Protobuf(label));
}

void json(JSON::ObjectWriter* writer, const CommandInfo& command) {
  if (command.has_shell())
    writer->field("shell", command.shell());
  if (command.has_value())
    writer->field("value", command.value());
  writer->field("argv", command.arguments());
  if (command.has_environment())
    writer->field("environment", JSON::Protobuf(command.environment()));
  writer->field("uris", [&command](JSON::ArrayWriter* uris) {
    for (const CommandInfo::URI& uri : command.uris()) {
      uris->element([&uri](JSON::ObjectWriter* object) {
        object->field("value", uri.value());
        object->field("executable", uri.executable());
      });
    }
  });
}

void json(JSON::ObjectWriter* writer, const ExecutorInfo& executor) {
  writer->field("executor_id", executor.executor_id().value());
  writer->field("name", executor.name());
  writer->field("framework_id", executor.framework_id().value());
  writer->field("command", executor.command());
  writer->field("resources", executor.resources());
  // Executors never mix resources of different roles (MESOS-6636).
  if (!executor.resources().empty()) {
    writer->field("role",
                  executor.resources().begin()->allocation_info().role());
  }
  if (executor.has_labels())
    writer->field("labels", executor.labels());
  if (executor.has_type())
    writer->field("type", ExecutorInfo::Type_Name(executor.type()));
}

void json(JSON::ObjectWriter* writer, const Task& task) {
  writer->field("id", task.task_id().value());
  writer->field("name", task.name());
  writer->field("framework_id", task.framework_id().value());
  writer->field("executor_id", task.executor_id().value());
  writer->field("slave_id", task.slave_id().value());
  writer->field("state", TaskState_Name(task.state()));
  writer->field("resources", task.resources());
  if (!task.limits().empty())
    writer->field("limits", task.limits());
  // Tasks never mix resources of different roles (MESOS-6636).
  if (!task.resources().empty()) {
    writer->field("role", task.resources().begin()->allocation_info().role());
  }
  writer->field("statuses", task.statuses());
  if (task.has_user())
    writer->field("user", task.user());
  if (task.has_labels())
    writer->field("labels", task.labels());
  if (task.has_discovery())
    writer->field("discovery", JSON::Protobuf(task.discovery()));
  if (task.has_container())
    writer->field("container", JSON::Protobuf(task.container()));
  if (task.has_health_check())
    writer->field("health_check", JSON::Protobuf(task.health_check()));
}

void json(JSON::ObjectWriter* writer, const TaskStatus& status) {
  writer->field("state", TaskState_Name(status.state()));
  writer->field("timestamp", status.timestamp());
  if (status.has_labels())
    writer->field("labels", status.labels());
  if (status.has_container_status())
    writer->field("container_status", status.container_status());
  if (status.has_healthy())
    writer->field("healthy", status.healthy());
}

void json(JSON::ObjectWriter* writer, const ContainerStatus& status) {
  if (status.has_container_id())
    writer->field("container_id", JSON::Protobuf(status.container_id()));
  if (status.network_infos_size() > 0)
    writer->field("network_infos", status.network_infos());
  if (status.has_cgroup_info())
    writer->field("cgroup_info", JSON::Protobuf(status.cgroup_info()));
}

void json(JSON::ObjectWriter* writer, const NetworkInfo& info) {
  if (info.groups_size() > 0)
    writer->field("groups", info.groups());
  if (info.has_labels())
    writer->field("labels", info.labels());
  if (info.ip_addresses_size() > 0) {
    writer->field("ip_addresses", [&info](JSON::ArrayWriter* array) {
      for (const NetworkInfo::IPAddress& address : info.ip_addresses())
        array->element(JSON::Protobuf(address));
    });
  }
  if (info.has_name())
    writer->field("name", info.name());
  if (info.port_mappings_size() > 0) {
    writer->field("port_mappings", [&info](JSON::ArrayWriter* array) {
      for (const NetworkInfo::PortMapping& mapping : info.port_mappings())
        array->element(JSON::Protobuf(mapping));
    });
  }
}

void json(JSON::ObjectWriter* writer, const SlaveInfo& slave) {
  writer->field("id", slave.id().value());
  writer->field("hostname", slave.hostname());
  writer->field("port", slave.port());
  writer->field("attributes", Attributes(slave.attributes()));
  if (slave.has_domain())
    writer->field("domain", slave.domain());
}

void json(JSON::ObjectWriter* writer, const MasterInfo& master) {
  writer->field("id", master.id());
  writer->field("pid", master.pid());
  writer->field("port", master.port());
  writer->field("hostname", master.hostname());
  if (master.has_domain())
    writer->field("domain", master.domain());
}

void json(JSON::ObjectWriter* writer, const DomainInfo& domain) {
  if (!domain.has_fault_domain())
    return;
  const DomainInfo::FaultDomain& fault = domain.fault_domain();
  writer->field("fault_domain", [&fault](JSON::ObjectWriter* object) {
    object->field("region", [&fault](JSON::ObjectWriter* region) {
      region->field("name", fault.region().name());
    });
    object->field("zone", [&fault](JSON::ObjectWriter* zone) {
      zone->field("name", fault.zone().name());
    });
  });
}

void json(JSON::ObjectWriter* writer, const Offer& offer) {
  writer->field("id", offer.id().value());
  writer->field("framework_id", offer.framework_id().value());
  writer->field("allocation_info", JSON::Protobuf(offer.allocation_info()));
  writer->field("slave_id", offer.slave_id().value());
  writer->field("resources", offer.resources());
}

void json(JSON::ValueWriter* writer,
          const FrameworkInfo::Capability& capability) {
  writer->string(FrameworkInfo::Capability::Type_Name(capability.type()));
}

void json(JSON::ValueWriter* writer, const SlaveInfo::Capability& capability) {
  writer->string(SlaveInfo::Capability::Type_Name(capability.type()));
}

void json(JSON::ValueWriter* writer, const MasterInfo::Capability& capability) {
  writer->string(MasterInfo::Capability::Type_Name(capability.type()));
}

namespace internal {

namespace {

// Our writer only produces valid JSON, so parsing it back cannot fail.
template <typename T, typename Model>
Model parsed(const Model&, const T& value) {
  return JSON::parse<Model>(jsonify(value)).get();
}

}  // namespace

JSON::Object model(const Resources& resources) {
  return parsed(JSON::Object(), resources);
}

JSON::Object model(const Attributes& attributes) {
  return parsed(JSON::Object(), attributes);
}

JSON::Array model(const Labels& labels) {
  return parsed(JSON::Array(), labels);
}

JSON::Object model(const CommandInfo& command) {
  return parsed(JSON::Object(), command);
}

JSON::Object model(const ExecutorInfo& executor) {
  return parsed(JSON::Object(), executor);
}

JSON::Object model(const Task& task) {
  return parsed(JSON::Object(), task);
}

JSON::Object model(const TaskStatus& status) {
  return parsed(JSON::Object(), status);
}

}  // namespace internal
}  // namespace mesos
