// The text side of Resources: parsing the agent's --resources flag (both
// forms), validation, and printing in Apache Mesos's format.

#include <mesos/resources.hpp>

#include <cmath>
#include <ostream>
#include <sstream>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <mesos/roles.hpp>

#include <stout/json.hpp>
#include <stout/jsonify.hpp>
#include <stout/protobuf.hpp>
#include <stout/strings.hpp>

#include "common/resources_utils.hpp"

namespace mesos {

// -- Parsing ---------------------------------------------------------------

Try<Resource> Resources::parse(const std::string& name,
                               const std::string& value,
                               const std::string& role) {
  Try<Value> parsed = internal::values::parse(value);
  if (parsed.isError()) {
    return Error("Failed to parse resource '" + name + "' value '" + value +
                 "': " + parsed.error());
  }

  Resource resource;
  resource.set_name(name);
  if (role != "*") {
    Resource::ReservationInfo* reservation = resource.add_reservations();
    reservation->set_type(Resource::ReservationInfo::STATIC);
    reservation->set_role(role);
  }

  switch (parsed->type()) {
    case Value::SCALAR:
      resource.set_type(Value::SCALAR);
      *resource.mutable_scalar() = parsed->scalar();
      break;
    case Value::RANGES:
      resource.set_type(Value::RANGES);
      *resource.mutable_ranges() = parsed->ranges();
      break;
    case Value::SET:
      resource.set_type(Value::SET);
      *resource.mutable_set() = parsed->set();
      break;
    case Value::TEXT:
      return Error("Bad type for resource '" + name + "' value '" + value +
                   "': expected a number, [ranges] or {set}");
  }
  return resource;
}

Try<std::vector<Resource>> Resources::fromSimpleString(
    const std::string& text, const std::string& defaultRole) {
  std::vector<Resource> resources;

  for (const std::string& raw : strings::split(text, ";")) {
    const std::string token = strings::trim(raw);
    if (token.empty())
      continue;

    const size_t colon = token.find(':');
    if (colon == std::string::npos ||
        token.find(':', colon + 1) != std::string::npos) {
      return Error("Bad value for resources, missing or extra ':' in '" +
                   token + "'");
    }

    const std::string key = token.substr(0, colon);
    const std::string value = token.substr(colon + 1);

    std::string name;
    std::string role = defaultRole;
    const size_t open = key.find('(');
    if (open == std::string::npos) {
      if (key.find(')') != std::string::npos) {
        return Error("Bad value for resources, mismatched parentheses in '" +
                     token + "'");
      }
      name = strings::trim(key);
    } else {
      const size_t close = key.find(')', open);
      if (close == std::string::npos ||
          key.find_first_of("()", open + 1) != close) {
        return Error("Bad value for resources, mismatched parentheses in '" +
                     token + "'");
      }
      if (!strings::trim(key.substr(close + 1)).empty()) {
        return Error("Bad value for resources, unexpected text after ')' in '" +
                     token + "'");
      }
      name = strings::trim(key.substr(0, open));
      role = strings::trim(key.substr(open + 1, close - open - 1));
    }

    if (name.empty()) {
      return Error("Bad value for resources, missing resource name in '" +
                   token + "'");
    }

    Try<Resource> resource = parse(name, value, role);
    if (resource.isError())
      return Error(resource.error());
    resources.push_back(std::move(resource.get()));
  }

  return resources;
}

Try<std::vector<Resource>> Resources::fromJSON(const JSON::Array& array,
                                               const std::string& defaultRole) {
  Try<google::protobuf::RepeatedPtrField<Resource>> parsed =
      protobuf::parse<google::protobuf::RepeatedPtrField<Resource>>(array);
  if (parsed.isError()) {
    return Error("Some JSON resources were not formatted properly: " +
                 parsed.error());
  }

  std::vector<Resource> result;
  result.reserve(static_cast<size_t>(parsed->size()));
  for (Resource& resource : parsed.get()) {
    if (!resource.has_role() && resource.reservations_size() == 0)
      resource.set_role(defaultRole);
    upgradeResource(&resource);
    result.push_back(std::move(resource));
  }
  return result;
}

Try<std::vector<Resource>> Resources::fromString(
    const std::string& text, const std::string& defaultRole) {
  if (strings::startsWith(strings::trim(text), "[")) {
    Try<JSON::Array> array = JSON::parse<JSON::Array>(text);
    if (array.isError()) {
      return Error("Failed to parse resources as a JSON array: " +
                   array.error());
    }
    return fromJSON(array.get(), defaultRole);
  }
  return fromSimpleString(text, defaultRole);
}

namespace {

// What an agent's command line may not specify.
Option<Error> validateCommandLine(const Resources& resources) {
  std::unordered_map<std::string, Value::Type> types;
  for (const Resource& resource : resources) {
    if (Resources::isPersistentVolume(resource)) {
      return Error(
          "Persistent volumes cannot be specified at the command line");
    }
    if (Resources::isRevocable(resource)) {
      return Error(
          "Revocable resources cannot be specified at the command line; do"
          " not include a 'revocable' key in the resources JSON");
    }
    if (Resources::isDynamicallyReserved(resource)) {
      return Error(
          "Dynamic reservations cannot be specified at the command line; do"
          " not include a reservation with DYNAMIC type in the resources"
          " JSON");
    }

    auto inserted = types.emplace(resource.name(), resource.type());
    if (!inserted.second && inserted.first->second != resource.type()) {
      return Error("Resources with the same name ('" + resource.name() +
                   "') but different types are not allowed");
    }
  }
  return None();
}

}  // namespace

Try<Resources> Resources::parse(const std::string& text,
                                const std::string& defaultRole) {
  Try<std::vector<Resource>> resources = fromString(text, defaultRole);
  if (resources.isError())
    return Error(resources.error());

  Resources result;
  for (const Resource& resource : resources.get()) {
    Option<Error> error = validate(resource);
    if (error.isSome()) {
      return Error("Invalid resource '" + stringify(resource) +
                   "': " + error->message);
    }
    result += resource;
  }

  Option<Error> error = validateCommandLine(result);
  if (error.isSome())
    return error.get();
  return result;
}

// -- Validation ------------------------------------------------------------

namespace {

Option<Error> validateValue(const Resource& resource) {
  switch (resource.type()) {
    case Value::SCALAR: {
      if (!resource.has_scalar() || resource.has_ranges() ||
          resource.has_set()) {
        return Error("Invalid scalar resource");
      }
      const double value = resource.scalar().value();
      if (!std::isfinite(value))
        return Error("Invalid scalar resource: value is not finite");
      if (std::fabs(value) > 1e15)
        return Error("Invalid scalar resource: value is too large");
      // Negative values, and nonzero ones that would round to zero.
      if (value != 0 && resource.scalar() <= Value::Scalar())
        return Error("Invalid scalar resource: value <= 0");
      return None();
    }
    case Value::RANGES: {
      if (resource.has_scalar() || !resource.has_ranges() ||
          resource.has_set()) {
        return Error("Invalid ranges resource");
      }
      const Value::Ranges& ranges = resource.ranges();
      for (int i = 0; i < ranges.range_size(); i++) {
        const Value::Range& range = ranges.range(i);
        if (range.begin() > range.end())
          return Error("Invalid ranges resource: begin > end");
        for (int j = i + 1; j < ranges.range_size(); j++) {
          const Value::Range& other = ranges.range(j);
          if (range.begin() <= other.end() && other.begin() <= range.end())
            return Error("Invalid ranges resource: overlapping ranges");
        }
      }
      return None();
    }
    case Value::SET: {
      if (resource.has_scalar() || resource.has_ranges() ||
          !resource.has_set()) {
        return Error("Invalid set resource");
      }
      const Value::Set& set = resource.set();
      for (int i = 0; i < set.item_size(); i++) {
        for (int j = i + 1; j < set.item_size(); j++) {
          if (set.item(i) == set.item(j))
            return Error("Invalid set resource: duplicated elements");
        }
      }
      return None();
    }
    case Value::TEXT:
      return Error("Unsupported resource type");
  }
  return Error("Invalid resource type");
}

Option<Error> validateDisk(const Resource& resource) {
  if (!resource.has_disk())
    return None();
  if (resource.name() != "disk") {
    return Error("DiskInfo should not be set for " + resource.name() +
                 " resource");
  }
  if (!resource.disk().has_source())
    return None();

  const Resource::DiskInfo::Source& source = resource.disk().source();
  switch (source.type()) {
    case Resource::DiskInfo::Source::PATH:
    case Resource::DiskInfo::Source::MOUNT:
      return None();
    case Resource::DiskInfo::Source::BLOCK:
    case Resource::DiskInfo::Source::RAW:
      if (source.has_mount()) {
        return Error("Mount should not be set for " +
                     Resource::DiskInfo::Source::Type_Name(source.type()) +
                     " disk source");
      }
      if (source.has_path()) {
        return Error("Path should not be set for " +
                     Resource::DiskInfo::Source::Type_Name(source.type()) +
                     " disk source");
      }
      return None();
    case Resource::DiskInfo::Source::UNKNOWN:
      break;
  }
  return Error("Unsupported 'DiskInfo.Source.Type' in '" + stringify(source) +
               "'");
}

Option<Error> validatePreRefinement(const Resource& resource) {
  Option<Error> error = roles::validate(resource.role());
  if (error.isSome())
    return error;
  if (!resource.has_reservation())
    return None();
  if (resource.reservation().has_type()) {
    return Error(
        "'Resource.ReservationInfo.type' must not be set for the"
        " 'Resource.reservation' field");
  }
  if (resource.reservation().has_role()) {
    return Error(
        "'Resource.ReservationInfo.role' must not be set for the"
        " 'Resource.reservation' field");
  }
  if (resource.role() == "*") {
    return Error(
        "Invalid reservation: role \"*\" cannot be dynamically reserved");
  }
  return None();
}

Option<Error> validateReservations(const Resource& resource) {
  for (const Resource::ReservationInfo& reservation : resource.reservations()) {
    if (!reservation.has_type()) {
      return Error(
          "Invalid reservation: 'Resource.ReservationInfo.type' field must"
          " be set");
    }
    if (!reservation.has_role()) {
      return Error(
          "Invalid reservation: 'Resource.ReservationInfo.role' field must"
          " be set");
    }
    Option<Error> error = roles::validate(reservation.role());
    if (error.isSome())
      return error;
    if (reservation.role() == "*")
      return Error("Invalid reservation: role \"*\" cannot be reserved");
  }

  std::string ancestor = resource.reservations(0).role();
  for (int i = 1; i < resource.reservations_size(); i++) {
    const Resource::ReservationInfo& reservation = resource.reservations(i);
    if (reservation.type() == Resource::ReservationInfo::STATIC) {
      return Error(
          "Invalid refined reservation: A refined reservation cannot be"
          " STATIC");
    }
    if (!roles::isStrictSubroleOf(reservation.role(), ancestor)) {
      return Error("Invalid refined reservation: role '" + reservation.role() +
                   "' is not a refinement of '" + ancestor + "'");
    }
    ancestor = reservation.role();
  }

  if (resource.reservations_size() > 1) {
    if (resource.has_role()) {
      return Error(
          "Invalid resource format: 'Resource.role' must not be set if there"
          " is more than one reservation in 'Resource.reservations'");
    }
    if (resource.has_reservation()) {
      return Error(
          "Invalid resource format: 'Resource.reservation' must not be set"
          " if there is more than one reservation in"
          " 'Resource.reservations'");
    }
    return None();
  }

  // One reservation: the "endpoint" format may repeat it in the older
  // fields, consistently.
  const Resource::ReservationInfo& reservation = resource.reservations(0);
  if (resource.has_role() && resource.role() != reservation.role()) {
    return Error("Invalid resource format: 'Resource.role' field with '" +
                 resource.role() + "' does not match the role '" +
                 reservation.role() + "' in 'Resource.reservations'");
  }
  switch (reservation.type()) {
    case Resource::ReservationInfo::STATIC:
      if (resource.has_reservation()) {
        return Error(
            "Invalid resource format: 'Resource.reservation' must not be set"
            " if the single reservation in 'Resource.reservations' is"
            " STATIC");
      }
      return None();
    case Resource::ReservationInfo::DYNAMIC:
      if (resource.has_role() != resource.has_reservation()) {
        return Error(
            "Invalid resource format: 'Resource.role' and"
            " 'Resource.reservation' must either be both set or both not set"
            " if the single reservation in 'Resource.reservations' is"
            " DYNAMIC");
      }
      if (resource.has_reservation() &&
          (resource.reservation().principal() != reservation.principal() ||
           resource.reservation().labels() != reservation.labels())) {
        return Error(
            "Invalid resource format: 'Resource.reservation' does not match"
            " the reservation in 'Resource.reservations'");
      }
      return None();
    case Resource::ReservationInfo::UNKNOWN:
      break;
  }
  return Error("Unsupported 'Resource.ReservationInfo.Type'");
}

}  // namespace

Option<Error> Resources::validate(const Resource& resource) {
  if (resource.name().empty())
    return Error("Empty resource name");
  if (!Value::Type_IsValid(resource.type()))
    return Error("Invalid resource type");

  Option<Error> error = validateValue(resource);
  if (error.isNone())
    error = validateDisk(resource);
  if (error.isNone()) {
    error = resource.reservations_size() == 0 ? validatePreRefinement(resource)
                                              : validateReservations(resource);
  }
  if (error.isSome())
    return error;

  if (resource.has_shared()) {
    if (resource.name() != "disk")
      return Error("Resource " + resource.name() + " cannot be shared");
    if (!isPersistentVolume(resource))
      return Error("Only persistent volumes can be shared");
  }
  return None();
}

Option<Error> Resources::validate(
    const google::protobuf::RepeatedPtrField<Resource>& resources) {
  for (const Resource& resource : resources) {
    Option<Error> error = validate(resource);
    if (error.isSome()) {
      return Error("Resource '" + stringify(resource) +
                   "' is invalid: " + error->message);
    }
  }
  return None();
}

// -- Printing --------------------------------------------------------------

std::ostream& operator<<(std::ostream& stream,
                         const Resource::DiskInfo::Source& source) {
  const bool csi = source.has_id() || source.has_profile();
  const std::string identity =
      "(" + source.vendor() + "," + source.id() + "," + source.profile() + ")";

  switch (source.type()) {
    case Resource::DiskInfo::Source::MOUNT:
      stream << "MOUNT";
      if (csi) {
        stream << identity;
      } else if (source.mount().has_root()) {
        stream << ":" << source.mount().root();
      }
      return stream;
    case Resource::DiskInfo::Source::PATH:
      stream << "PATH";
      if (csi) {
        stream << identity;
      } else if (source.path().has_root()) {
        stream << ":" << source.path().root();
      }
      return stream;
    case Resource::DiskInfo::Source::BLOCK:
      return stream << "BLOCK" << (csi ? identity : "");
    case Resource::DiskInfo::Source::RAW:
      return stream << "RAW" << (csi ? identity : "");
    case Resource::DiskInfo::Source::UNKNOWN:
      break;
  }
  return stream << "UNKNOWN";
}

std::ostream& operator<<(std::ostream& stream, const Volume& volume) {
  if (volume.has_host_path()) {
    stream << volume.host_path() << ":";
  }
  stream << volume.container_path();
  if (volume.has_host_path() && volume.has_mode())
    stream << (volume.mode() == Volume::RW ? ":rw" : ":ro");
  return stream;
}

std::ostream& operator<<(std::ostream& stream,
                         const Resource::ReservationInfo& reservation) {
  stream << Resource::ReservationInfo::Type_Name(reservation.type()) << ","
         << reservation.role();
  if (reservation.has_principal())
    stream << "," << reservation.principal();
  if (reservation.has_labels())
    stream << "," << reservation.labels();
  return stream;
}

std::ostream& operator<<(std::ostream& stream, const Resource::DiskInfo& disk) {
  if (disk.has_source())
    stream << disk.source();
  if (disk.has_persistence()) {
    if (disk.has_source())
      stream << ",";
    stream << disk.persistence().id();
  }
  if (disk.has_volume())
    stream << ":" << disk.volume();
  return stream;
}

std::ostream& operator<<(std::ostream& stream, const Resource& input) {
  // Printed as if upgraded, so both formats read the same in logs.
  Resource upgraded;
  const bool older = input.has_role() || input.has_reservation();
  if (older) {
    upgraded = input;
    upgradeResource(&upgraded);
  }
  const Resource& resource = older ? upgraded : input;

  stream << resource.name();

  if (resource.has_allocation_info()) {
    stream << "(allocated: " << resource.allocation_info().role() << ")";
  }

  if (resource.reservations_size() > 0) {
    stream << "(reservations: [";
    for (int i = 0; i < resource.reservations_size(); i++) {
      if (i > 0)
        stream << ",";
      stream << "(" << resource.reservations(i) << ")";
    }
    stream << "])";
  }

  if (resource.has_disk())
    stream << "[" << resource.disk() << "]";
  if (resource.has_revocable())
    stream << "{REV}";
  if (resource.has_shared())
    stream << "<SHARED>";

  stream << ":";
  switch (resource.type()) {
    case Value::SCALAR:
      return stream << resource.scalar();
    case Value::RANGES:
      return stream << resource.ranges();
    case Value::SET:
      return stream << resource.set();
    case Value::TEXT:
      break;
  }
  return stream << "<invalid type " << static_cast<int>(resource.type()) << ">";
}

std::ostream& operator<<(
    std::ostream& stream,
    const google::protobuf::RepeatedPtrField<Resource>& resources) {
  return stream << jsonify([&resources](JSON::ArrayWriter* writer) {
           for (const Resource& resource : resources)
             writer->element(JSON::Protobuf(resource));
         });
}

}  // namespace mesos
