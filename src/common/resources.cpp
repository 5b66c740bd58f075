#include <mesos/resources.hpp>

#include <algorithm>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <mesos/roles.hpp>

#include "common/resources_utils.hpp"

namespace mesos {

namespace {

// Everything but the value equal. Pre-refinement fields are compared too so
// that two resources in that format are not mistaken for equal.
bool sameKind(const Resource& left, const Resource& right) {
  if (left.name() != right.name() || left.type() != right.type() ||
      left.role() != right.role() ||
      left.has_reservation() != right.has_reservation() ||
      (left.has_reservation() && left.reservation() != right.reservation())) {
    return false;
  }

  if (left.has_allocation_info() != right.has_allocation_info() ||
      left.allocation_info() != right.allocation_info()) {
    return false;
  }

  if (left.reservations_size() != right.reservations_size())
    return false;
  for (int i = 0; i < left.reservations_size(); i++) {
    if (left.reservations(i) != right.reservations(i))
      return false;
  }

  if (left.has_disk() != right.has_disk() ||
      (left.has_disk() && left.disk() != right.disk())) {
    return false;
  }

  return left.has_revocable() == right.has_revocable() &&
         left.has_provider_id() == right.has_provider_id() &&
         left.provider_id().value() == right.provider_id().value() &&
         left.has_shared() == right.has_shared();
}

// Whether `left` and `right` add up to one valid Resource.
bool addable(const Resource& left, const Resource& right) {
  if (left.has_shared() || right.has_shared())
    return left == right;
  if (!sameKind(left, right))
    return false;

  if (left.has_disk()) {
    if (left.disk().has_persistence())
      return false;
    if (left.disk().has_source()) {
      switch (left.disk().source().type()) {
        case Resource::DiskInfo::Source::PATH:
          break;
        case Resource::DiskInfo::Source::MOUNT:
        case Resource::DiskInfo::Source::BLOCK:
        case Resource::DiskInfo::Source::UNKNOWN:
          // Exclusive disks: two of them are never one.
          return false;
        case Resource::DiskInfo::Source::RAW:
          if (left.disk().source().has_id())
            return false;
          break;
      }
    }
  }
  return true;
}

// Whether `right` can be taken out of `left` leaving one valid Resource
// (not necessarily non-negative; sets subtract whatever they hold).
bool subtractable(const Resource& left, const Resource& right) {
  if (left.has_shared() || right.has_shared())
    return left == right;
  if (!sameKind(left, right))
    return false;

  if (left.has_disk()) {
    if (left.disk().has_persistence() && left != right)
      return false;
    if (left.disk().has_source()) {
      switch (left.disk().source().type()) {
        case Resource::DiskInfo::Source::PATH:
          break;
        case Resource::DiskInfo::Source::MOUNT:
        case Resource::DiskInfo::Source::BLOCK:
        case Resource::DiskInfo::Source::UNKNOWN:
          if (left != right)
            return false;
          break;
        case Resource::DiskInfo::Source::RAW:
          if (left.disk().source().has_id() && left != right)
            return false;
          break;
      }
    }
  }
  return true;
}

}  // namespace

// -- Operators on single Resource objects ----------------------------------

bool operator==(const Resource::AllocationInfo& left,
                const Resource::AllocationInfo& right) {
  return left.has_role() == right.has_role() && left.role() == right.role();
}

bool operator!=(const Resource::AllocationInfo& left,
                const Resource::AllocationInfo& right) {
  return !(left == right);
}

bool operator==(const Resource::ReservationInfo& left,
                const Resource::ReservationInfo& right) {
  return left.type() == right.type() && left.role() == right.role() &&
         left.has_principal() == right.has_principal() &&
         left.principal() == right.principal() &&
         left.has_labels() == right.has_labels() &&
         (!left.has_labels() || left.labels() == right.labels());
}

bool operator!=(const Resource::ReservationInfo& left,
                const Resource::ReservationInfo& right) {
  return !(left == right);
}

bool operator==(const Resource::DiskInfo::Source& left,
                const Resource::DiskInfo::Source& right) {
  return left.type() == right.type() && left.has_path() == right.has_path() &&
         left.path().has_root() == right.path().has_root() &&
         left.path().root() == right.path().root() &&
         left.has_mount() == right.has_mount() &&
         left.mount().has_root() == right.mount().has_root() &&
         left.mount().root() == right.mount().root() &&
         left.has_vendor() == right.has_vendor() &&
         left.vendor() == right.vendor() && left.has_id() == right.has_id() &&
         left.id() == right.id() &&
         left.has_metadata() == right.has_metadata() &&
         (!left.has_metadata() || left.metadata() == right.metadata()) &&
         left.has_profile() == right.has_profile() &&
         left.profile() == right.profile();
}

bool operator!=(const Resource::DiskInfo::Source& left,
                const Resource::DiskInfo::Source& right) {
  return !(left == right);
}

bool operator==(const Resource::DiskInfo& left,
                const Resource::DiskInfo& right) {
  return left.has_source() == right.has_source() &&
         (!left.has_source() || left.source() == right.source()) &&
         left.has_persistence() == right.has_persistence() &&
         left.persistence().id() == right.persistence().id();
}

bool operator!=(const Resource::DiskInfo& left,
                const Resource::DiskInfo& right) {
  return !(left == right);
}

bool operator==(const Resource& left, const Resource& right) {
  if (!sameKind(left, right))
    return false;

  switch (left.type()) {
    case Value::SCALAR:
      return left.scalar() == right.scalar();
    case Value::RANGES:
      return left.ranges() == right.ranges();
    case Value::SET:
      return left.set() == right.set();
    case Value::TEXT:
      return false;
  }
  return false;
}

bool operator!=(const Resource& left, const Resource& right) {
  return !(left == right);
}

Resource& operator+=(Resource& left, const Resource& right) {
  switch (left.type()) {
    case Value::SCALAR:
      *left.mutable_scalar() += right.scalar();
      break;
    case Value::RANGES:
      *left.mutable_ranges() += right.ranges();
      break;
    case Value::SET:
      *left.mutable_set() += right.set();
      break;
    case Value::TEXT:
      break;
  }
  return left;
}

Resource operator+(const Resource& left, const Resource& right) {
  Resource result = left;
  result += right;
  return result;
}

Resource& operator-=(Resource& left, const Resource& right) {
  switch (left.type()) {
    case Value::SCALAR:
      *left.mutable_scalar() -= right.scalar();
      break;
    case Value::RANGES:
      *left.mutable_ranges() -= right.ranges();
      break;
    case Value::SET:
      *left.mutable_set() -= right.set();
      break;
    case Value::TEXT:
      break;
  }
  return left;
}

Resource operator-(const Resource& left, const Resource& right) {
  Resource result = left;
  result -= right;
  return result;
}

bool contains(const Resource& left, const Resource& right) {
  if (!subtractable(left, right))
    return false;

  switch (left.type()) {
    case Value::SCALAR:
      return right.scalar() <= left.scalar();
    case Value::RANGES:
      return right.ranges() <= left.ranges();
    case Value::SET:
      return right.set() <= left.set();
    case Value::TEXT:
      return false;
  }
  return false;
}

// -- Predicates on one Resource --------------------------------------------

bool Resources::isEmpty(const Resource& resource) {
  switch (resource.type()) {
    case Value::SCALAR:
      return resource.scalar() == Value::Scalar();
    case Value::RANGES:
      return resource.ranges().range_size() == 0;
    case Value::SET:
      return resource.set().item_size() == 0;
    case Value::TEXT:
      return false;
  }
  return false;
}

bool Resources::isPersistentVolume(const Resource& resource) {
  return resource.has_disk() && resource.disk().has_persistence();
}

bool Resources::isDisk(const Resource& resource,
                       const Resource::DiskInfo::Source::Type& type) {
  return resource.has_disk() && resource.disk().has_source() &&
         resource.disk().source().type() == type;
}

bool Resources::isUnreserved(const Resource& resource) {
  return resource.reservations_size() == 0 && resource.role() == "*";
}

bool Resources::isReserved(const Resource& resource,
                           const Option<std::string>& role) {
  return !isUnreserved(resource) &&
         (role.isNone() || role.get() == reservationRole(resource));
}

bool Resources::isDynamicallyReserved(const Resource& resource) {
  if (resource.reservations_size() > 0) {
    return resource.reservations(resource.reservations_size() - 1).type() ==
           Resource::ReservationInfo::DYNAMIC;
  }
  return resource.role() != "*" && resource.has_reservation();
}

bool Resources::isAllocatableTo(const Resource& resource,
                                const std::string& role) {
  if (isUnreserved(resource))
    return true;
  const std::string reserved = reservationRole(resource);
  return role == reserved || roles::isStrictSubroleOf(role, reserved);
}

bool Resources::isAllocatedToRoleSubtree(const Resource& resource,
                                         const std::string& role) {
  const std::string& allocated = resource.allocation_info().role();
  return allocated == role || roles::isStrictSubroleOf(allocated, role);
}

bool Resources::isReservedToRoleSubtree(const Resource& resource,
                                        const std::string& role) {
  if (!isReserved(resource))
    return false;
  const std::string reserved = reservationRole(resource);
  return reserved == role || roles::isStrictSubroleOf(reserved, role);
}

bool Resources::isRevocable(const Resource& resource) {
  return resource.has_revocable();
}

bool Resources::isShared(const Resource& resource) {
  return resource.has_shared();
}

bool Resources::hasRefinedReservations(const Resource& resource) {
  return resource.reservations_size() > 1;
}

bool Resources::hasResourceProvider(const Resource& resource) {
  return resource.has_provider_id();
}

std::string Resources::reservationRole(const Resource& resource) {
  if (resource.reservations_size() > 0)
    return resource.reservations(resource.reservations_size() - 1).role();
  return resource.role();
}

// -- Entries ---------------------------------------------------------------

// A Resource in the post-refinement format, with the count of a shared one.
struct Resources::Resource_ {
  explicit Resource_(Resource r) : resource(std::move(r)) {
    if (resource.has_shared())
      sharedCount = 1;
  }

  bool isShared() const { return sharedCount.isSome(); }

  bool isEmpty() const {
    if (isShared() && sharedCount.get() == 0)
      return true;
    return Resources::isEmpty(resource);
  }

  bool contains(const Resource_& that) const {
    if (isShared() != that.isShared())
      return false;
    if (isShared()) {
      return sharedCount.get() >= that.sharedCount.get() &&
             resource == that.resource;
    }
    return mesos::contains(resource, that.resource);
  }

  // Both assume `addable`/`subtractable` (which also guarantee equal
  // sharedness).
  Resource_& operator+=(const Resource_& that) {
    if (isShared()) {
      sharedCount = sharedCount.get() + that.sharedCount.get();
    } else {
      resource += that.resource;
    }
    return *this;
  }

  Resource_& operator-=(const Resource_& that) {
    if (isShared()) {
      sharedCount = sharedCount.get() - that.sharedCount.get();
    } else {
      resource -= that.resource;
    }
    return *this;
  }

  bool negative() const {
    return (isShared() && sharedCount.get() < 0) ||
           (resource.type() == Value::SCALAR &&
            resource.scalar() < Value::Scalar());
  }

  Resource resource;
  Option<int> sharedCount;
};

namespace {

// `resource` in the post-refinement format, if it is valid.
Option<Resource> accepted(const Resource& resource) {
  Resource upgraded = resource;
  upgradeResource(&upgraded);
  if (Resources::validate(upgraded).isSome())
    return None();
  return upgraded;
}

}  // namespace

const Resource& Resources::const_iterator::operator*() const {
  return (*it_)->resource;
}

Resources::Resource_& Resources::mutableEntry(size_t index) {
  std::shared_ptr<Resource_>& entry = entries_[index];
  if (entry.use_count() > 1)
    entry = std::make_shared<Resource_>(*entry);
  return *entry;
}

void Resources::add(Resource_&& that) {
  if (that.isEmpty())
    return;
  for (size_t i = 0; i < entries_.size(); i++) {
    if (addable(entries_[i]->resource, that.resource)) {
      mutableEntry(i) += that;
      return;
    }
  }
  entries_.push_back(std::make_shared<Resource_>(std::move(that)));
}

void Resources::add(const std::shared_ptr<Resource_>& that) {
  if (that->isEmpty())
    return;
  for (size_t i = 0; i < entries_.size(); i++) {
    if (addable(entries_[i]->resource, that->resource)) {
      mutableEntry(i) += *that;
      return;
    }
  }
  entries_.push_back(that);
}

void Resources::subtract(const Resource_& that) {
  if (that.isEmpty())
    return;
  for (size_t i = 0; i < entries_.size(); i++) {
    if (!subtractable(entries_[i]->resource, that.resource))
      continue;
    Resource_& entry = mutableEntry(i);
    entry -= that;
    if (entry.negative() || entry.isEmpty())
      entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(i));
    return;
  }
}

bool Resources::containsEntry(const Resource_& that) const {
  if (that.isEmpty())
    return true;
  for (const std::shared_ptr<Resource_>& entry : entries_) {
    if (entry->contains(that))
      return true;
  }
  return false;
}

// -- Construction ----------------------------------------------------------

Resources::Resources(const Resource& resource) {
  *this += resource;
}

Resources::Resources(const std::vector<Resource>& resources) {
  entries_.reserve(resources.size());
  for (const Resource& resource : resources)
    *this += resource;
}

Resources::Resources(
    const google::protobuf::RepeatedPtrField<Resource>& resources) {
  entries_.reserve(static_cast<size_t>(resources.size()));
  for (const Resource& resource : resources)
    *this += resource;
}

// -- Queries ---------------------------------------------------------------

bool Resources::contains(const Resources& that) const {
  Resources remaining = *this;
  for (const std::shared_ptr<Resource_>& entry : that.entries_) {
    if (!remaining.containsEntry(*entry))
      return false;
    // Persistent volumes never combine, so two equal ones in `that` must
    // be matched by two in `this`.
    if (isPersistentVolume(entry->resource))
      remaining.subtract(*entry);
  }
  return true;
}

bool Resources::contains(const Resource& that) const {
  Option<Resource> resource = accepted(that);
  return resource.isSome() && containsEntry(Resource_(resource.get()));
}

size_t Resources::count(const Resource& that) const {
  Resource resource = that;
  upgradeResource(&resource);
  for (const std::shared_ptr<Resource_>& entry : entries_) {
    if (entry->resource == resource) {
      return entry->isShared() ? static_cast<size_t>(entry->sharedCount.get())
                               : 1;
    }
  }
  return 0;
}

Resources Resources::filter(
    const std::function<bool(const Resource&)>& predicate) const {
  Resources result;
  for (const std::shared_ptr<Resource_>& entry : entries_) {
    // Entries of one Resources never combine with each other, so the
    // filtered ones can be taken as they are.
    if (predicate(entry->resource))
      result.entries_.push_back(entry);
  }
  return result;
}

hashmap<std::string, Resources> Resources::reservations() const {
  hashmap<std::string, Resources> result;
  for (const std::shared_ptr<Resource_>& entry : entries_) {
    if (isReserved(entry->resource))
      result[reservationRole(entry->resource)].add(entry);
  }
  return result;
}

Resources Resources::reserved(const Option<std::string>& role) const {
  return filter(
      [&role](const Resource& resource) { return isReserved(resource, role); });
}

Resources Resources::unreserved() const {
  return filter(isUnreserved);
}

Resources Resources::allocatableTo(const std::string& role) const {
  return filter([&role](const Resource& resource) {
    return isAllocatableTo(resource, role);
  });
}

Resources Resources::allocatedToRoleSubtree(const std::string& role) const {
  return filter([&role](const Resource& resource) {
    return isAllocatedToRoleSubtree(resource, role);
  });
}

Resources Resources::reservedToRoleSubtree(const std::string& role) const {
  return filter([&role](const Resource& resource) {
    return isReservedToRoleSubtree(resource, role);
  });
}

Resources Resources::persistentVolumes() const {
  return filter(isPersistentVolume);
}

Resources Resources::revocable() const {
  return filter(isRevocable);
}

Resources Resources::nonRevocable() const {
  return filter(
      [](const Resource& resource) { return !isRevocable(resource); });
}

Resources Resources::shared() const {
  return filter(isShared);
}

Resources Resources::nonShared() const {
  return filter([](const Resource& resource) { return !isShared(resource); });
}

hashmap<std::string, Resources> Resources::allocations() const {
  hashmap<std::string, Resources> result;
  for (const std::shared_ptr<Resource_>& entry : entries_) {
    const Resource& resource = entry->resource;
    if (resource.has_allocation_info() &&
        resource.allocation_info().has_role()) {
      result[resource.allocation_info().role()].add(entry);
    }
  }
  return result;
}

Resources Resources::toUnreserved() const {
  Resources result;
  for (const std::shared_ptr<Resource_>& entry : entries_) {
    if (entry->resource.reservations_size() == 0) {
      result.add(entry);
      continue;
    }
    Resource_ copy = *entry;
    copy.resource.clear_reservations();
    result.add(std::move(copy));
  }
  return result;
}

Try<Resources> Resources::flatten(const std::string& role) const {
  Option<Error> error = roles::validate(role);
  if (error.isSome())
    return error.get();

  Resources result = toUnreserved();
  if (role == "*")
    return result;

  Resource::ReservationInfo reservation;
  reservation.set_type(Resource::ReservationInfo::STATIC);
  reservation.set_role(role);
  return result.pushReservation(reservation);
}

Resources Resources::pushReservation(
    const Resource::ReservationInfo& reservation) const {
  Resources result;
  for (const std::shared_ptr<Resource_>& entry : entries_) {
    Resource_ copy = *entry;
    *copy.resource.add_reservations() = reservation;
    if (validate(copy.resource).isNone())
      result.add(std::move(copy));
  }
  return result;
}

Resources Resources::popReservation() const {
  Resources result;
  for (const std::shared_ptr<Resource_>& entry : entries_) {
    if (entry->resource.reservations_size() == 0) {
      result.add(entry);
      continue;
    }
    Resource_ copy = *entry;
    copy.resource.mutable_reservations()->RemoveLast();
    result.add(std::move(copy));
  }
  return result;
}

Resources Resources::createStrippedScalarQuantity() const {
  Resources result;
  for (const std::shared_ptr<Resource_>& entry : entries_) {
    if (entry->resource.type() != Value::SCALAR)
      continue;
    Resource scalar;
    scalar.set_name(entry->resource.name());
    scalar.set_type(Value::SCALAR);
    *scalar.mutable_scalar() = entry->resource.scalar();
    result.add(Resource_(std::move(scalar)));
  }
  return result;
}

namespace {

// The resources of `total` that satisfy one `target`, looked for first in
// the target's reservation role, then unreserved, then anywhere.
Option<Resources> findOne(const Resources& total, const Resource& target) {
  Resources available = total;
  Resources remaining = Resources(target).toUnreserved();
  Resources found;

  std::vector<std::function<bool(const Resource&)>> predicates;
  if (Resources::isReserved(target)) {
    const std::string role = Resources::reservationRole(target);
    predicates.push_back([role](const Resource& resource) {
      return Resources::isReserved(resource, role);
    });
  }
  predicates.push_back(Resources::isUnreserved);
  predicates.push_back([](const Resource&) { return true; });

  for (const auto& predicate : predicates) {
    for (const Resource& candidate : available.filter(predicate)) {
      const Resources unreserved = Resources(candidate).toUnreserved();
      if (unreserved.contains(remaining)) {
        for (Resource resource : remaining) {
          *resource.mutable_reservations() = candidate.reservations();
          found += resource;
        }
        return found;
      }
      if (remaining.contains(unreserved)) {
        found += candidate;
        available -= candidate;
        remaining -= unreserved;
      }
    }
  }
  return None();
}

}  // namespace

Option<Resources> Resources::find(const Resources& targets) const {
  Resources total;
  for (const Resource& target : targets) {
    Option<Resources> found = findOne(*this, target);
    if (found.isNone())
      return None();
    total += found.get();
  }
  return total;
}

Resources Resources::get(const std::string& name) const {
  return filter(
      [&name](const Resource& resource) { return resource.name() == name; });
}

namespace {

template <typename T>
Option<T> sum(const Resources& resources, const std::string& name,
              Value::Type type, const T& (Resource::*value)() const) {
  Option<T> total;
  for (const Resource& resource : resources) {
    if (resource.name() != name || resource.type() != type)
      continue;
    if (total.isNone()) {
      total = (resource.*value)();
    } else {
      total.get() += (resource.*value)();
    }
  }
  return total;
}

}  // namespace

template <>
Option<Value::Scalar> Resources::get(const std::string& name) const {
  return sum(*this, name, Value::SCALAR, &Resource::scalar);
}

template <>
Option<Value::Ranges> Resources::get(const std::string& name) const {
  return sum(*this, name, Value::RANGES, &Resource::ranges);
}

template <>
Option<Value::Set> Resources::get(const std::string& name) const {
  return sum(*this, name, Value::SET, &Resource::set);
}

Resources Resources::scalars() const {
  return filter([](const Resource& resource) {
    return resource.type() == Value::SCALAR;
  });
}

std::set<std::string> Resources::names() const {
  std::set<std::string> result;
  for (const Resource& resource : *this)
    result.insert(resource.name());
  return result;
}

std::map<std::string, Value::Type> Resources::types() const {
  std::map<std::string, Value::Type> result;
  for (const Resource& resource : *this)
    result[resource.name()] = resource.type();
  return result;
}

Option<double> Resources::cpus() const {
  Option<Value::Scalar> value = get<Value::Scalar>("cpus");
  return value.isSome() ? Option<double>(value->value()) : None();
}

Option<double> Resources::gpus() const {
  Option<Value::Scalar> value = get<Value::Scalar>("gpus");
  return value.isSome() ? Option<double>(value->value()) : None();
}

Option<Bytes> Resources::mem() const {
  Option<Value::Scalar> value = get<Value::Scalar>("mem");
  if (value.isNone())
    return None();
  return Megabytes(static_cast<uint64_t>(value->value()));
}

Option<Bytes> Resources::disk() const {
  Option<Value::Scalar> value = get<Value::Scalar>("disk");
  if (value.isNone())
    return None();
  return Megabytes(static_cast<uint64_t>(value->value()));
}

Option<Value::Ranges> Resources::ports() const {
  return get<Value::Ranges>("ports");
}

Option<Value::Ranges> Resources::ephemeral_ports() const {
  return get<Value::Ranges>("ephemeral_ports");
}

// -- Modifiers -------------------------------------------------------------

void Resources::allocate(const std::string& role) {
  Resources result;
  for (const std::shared_ptr<Resource_>& entry : entries_) {
    Resource_ copy = *entry;
    copy.resource.mutable_allocation_info()->set_role(role);
    result.add(std::move(copy));
  }
  // Re-adding combines entries that differed only in their allocation.
  entries_ = std::move(result.entries_);
}

void Resources::unallocate() {
  Resources result;
  for (const std::shared_ptr<Resource_>& entry : entries_) {
    if (!entry->resource.has_allocation_info()) {
      result.add(entry);
      continue;
    }
    Resource_ copy = *entry;
    copy.resource.clear_allocation_info();
    result.add(std::move(copy));
  }
  entries_ = std::move(result.entries_);
}

// -- Operators -------------------------------------------------------------

Resources::operator google::protobuf::RepeatedPtrField<Resource>() const {
  google::protobuf::RepeatedPtrField<Resource> result;
  result.Reserve(static_cast<int>(entries_.size()));
  for (const Resource& resource : *this)
    *result.Add() = resource;
  return result;
}

bool Resources::operator==(const Resources& that) const {
  return contains(that) && that.contains(*this);
}

Resources Resources::operator+(const Resource& that) const {
  Resources result = *this;
  result += that;
  return result;
}

Resources Resources::operator+(const Resources& that) const {
  Resources result = *this;
  result += that;
  return result;
}

Resources& Resources::operator+=(const Resource& that) {
  Option<Resource> resource = accepted(that);
  if (resource.isSome())
    add(Resource_(std::move(resource.get())));
  return *this;
}

Resources& Resources::operator+=(const Resources& that) {
  if (this == &that) {
    const Resources copy = that;
    return *this += copy;
  }
  for (const std::shared_ptr<Resource_>& entry : that.entries_)
    add(entry);
  return *this;
}

Resources Resources::operator-(const Resource& that) const {
  Resources result = *this;
  result -= that;
  return result;
}

Resources Resources::operator-(const Resources& that) const {
  Resources result = *this;
  result -= that;
  return result;
}

Resources& Resources::operator-=(const Resource& that) {
  Option<Resource> resource = accepted(that);
  if (resource.isSome())
    subtract(Resource_(std::move(resource.get())));
  return *this;
}

Resources& Resources::operator-=(const Resources& that) {
  if (this == &that) {
    entries_.clear();
    return *this;
  }
  for (const std::shared_ptr<Resource_>& entry : that.entries_)
    subtract(*entry);
  return *this;
}

std::ostream& operator<<(std::ostream& stream, const Resources& resources) {
  if (resources.empty())
    return stream << "{}";
  for (size_t i = 0; i < resources.entries_.size(); i++) {
    if (i > 0)
      stream << "; ";
    const Resources::Resource_& entry = *resources.entries_[i];
    stream << entry.resource;
    if (entry.isShared())
      stream << "<" << entry.sharedCount.get() << ">";
  }
  return stream;
}

}  // namespace mesos
