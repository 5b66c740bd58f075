#ifndef MESOS_RESOURCES_HPP
#define MESOS_RESOURCES_HPP

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <google/protobuf/repeated_field.h>

#include <mesos/mesos.hpp>
#include <mesos/values.hpp>

#include <stout/bytes.hpp>
#include <stout/error.hpp>
#include <stout/hashmap.hpp>
#include <stout/none.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

namespace JSON {
struct Array;
}  // namespace JSON

// Resources: the cpus, mem, disk, ports, ... of an agent, an offer, a task.
//
// Two wire formats exist for the reservation of a `Resource` (see
// docs/resources.md):
//
// - "post-reservation-refinement" (Mesos >= 1.4, what `Resources` holds):
//   unreserved resources have no `reservations`; a reservation is a stack of
//   `ReservationInfo{type, role, principal, labels}`, the last entry being
//   the one that counts. `role` and `reservation` are unset.
// - "pre-reservation-refinement" (older peers, frameworks without the
//   RESERVATION_REFINEMENT capability): `role` ("*" = unreserved) plus, for
//   a dynamic reservation, `reservation{principal, labels}`.
//
// Apache Mesos's libmesos aborts when handed the older form; ours converts
// every Resource entering a `Resources` (constructors, +=, -=, contains) to
// the newer form first, so both forms can be mixed freely. The static
// predicates below accept either form. Converting back for a peer is
// src/common/resources_utils.hpp's downgradeResources().
namespace mesos {

// -- Operators on single Resource objects ----------------------------------

bool operator==(const Resource::AllocationInfo& left,
                const Resource::AllocationInfo& right);
bool operator!=(const Resource::AllocationInfo& left,
                const Resource::AllocationInfo& right);

// Type, role, principal and labels all equal.
bool operator==(const Resource::ReservationInfo& left,
                const Resource::ReservationInfo& right);
bool operator!=(const Resource::ReservationInfo& left,
                const Resource::ReservationInfo& right);

bool operator==(const Resource::DiskInfo::Source& left,
                const Resource::DiskInfo::Source& right);
bool operator!=(const Resource::DiskInfo::Source& left,
                const Resource::DiskInfo::Source& right);

// Source and persistence id equal; `volume` (how a task mounts the disk)
// is ignored.
bool operator==(const Resource::DiskInfo& left,
                const Resource::DiskInfo& right);
bool operator!=(const Resource::DiskInfo& left,
                const Resource::DiskInfo& right);

// Same name, type, allocation, reservation stack, disk, revocability,
// provider and sharedness, and equal values (scalars to 0.001). Both sides
// must be in the same reservation format.
bool operator==(const Resource& left, const Resource& right);
bool operator!=(const Resource& left, const Resource& right);

// Value arithmetic on two Resource objects of the same kind: the caller
// guarantees they differ only in value (name/type/reservations/... equal).
Resource& operator+=(Resource& left, const Resource& right);
Resource operator+(const Resource& left, const Resource& right);
Resource& operator-=(Resource& left, const Resource& right);
Resource operator-(const Resource& left, const Resource& right);

// Whether `right` could be subtracted from `left` leaving a non-negative
// remainder: same kind, and right's value contained in left's.
bool contains(const Resource& left, const Resource& right);

// -- Resources -------------------------------------------------------------

// A collection of Resource objects in which resources of the same kind
// (everything but the value equal) are combined into one entry: adding
// cpus:1 to cpus:2 gives one cpus:3. Invalid and empty (zero, no ranges,
// no items) resources are silently dropped by constructors, += and -=
// (check `validate()` first to report them). Subtraction never goes below
// zero: a resource that would is removed.
//
// Some resources never combine: persistent volumes and MOUNT/BLOCK disks
// are distinct objects; shared resources (SharedInfo set) are counted
// instead, so adding the same shared volume twice holds it with count 2.
//
// Entry order is insertion order (new kinds append), which is also the
// printing order. Copies are cheap: entries are shared copy-on-write.
// Not thread-safe for concurrent mutation of one object; distinct copies may
// be used from distinct threads.
class Resources {
 private:
  struct Resource_;
  using Entries = std::vector<std::shared_ptr<Resource_>>;

 public:
  // Iterates the entries as `const Resource&`. A shared resource appears
  // once whatever its count.
  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = Resource;
    using difference_type = std::ptrdiff_t;
    using pointer = const Resource*;
    using reference = const Resource&;

    const_iterator() = default;
    reference operator*() const;
    pointer operator->() const { return &**this; }
    const_iterator& operator++() {
      ++it_;
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator copy = *this;
      ++it_;
      return copy;
    }
    bool operator==(const const_iterator& that) const {
      return it_ == that.it_;
    }
    bool operator!=(const const_iterator& that) const {
      return it_ != that.it_;
    }

   private:
    friend class Resources;
    explicit const_iterator(Entries::const_iterator it) : it_(it) {}
    Entries::const_iterator it_;
  };
  using iterator = const_iterator;

  // -- Parsing and validation ----------------------------------------------

  // One resource from the text form of its value ("4", "[1-10]", "{a,b}"),
  // statically reserved to `role` unless `role` is "*". An Error if the
  // value does not parse or is TEXT ("Bad type for resource ..."). The
  // result is not validated (a negative scalar parses).
  static Try<Resource> parse(const std::string& name, const std::string& value,
                             const std::string& role);

  // The agent's --resources flag. Two forms:
  //
  //   cpus:4;mem:8192;disk(role1):10000;ports:[31000-32000];gpus:0
  //       ';'-separated `name[(role)]:value` (whitespace around names and
  //       anywhere in values is ignored; `role` defaults to `defaultRole`,
  //       "*" means unreserved, any other role is a STATIC reservation)
  //   [{"name":"cpus","type":"SCALAR","scalar":{"value":4}}, ...]
  //       a JSON array of Resource objects in either reservation format;
  //       a resource without role/reservations gets `defaultRole`
  //
  // Every resource is validated and then combined. Errors name the cause:
  // a malformed token or value, an unknown value type (TEXT), a negative
  // or non-finite scalar, an inverted or overlapping range, a duplicate
  // set item, an invalid role, one name used with two types, or anything
  // that cannot come from a command line (persistent volumes, revocable
  // resources, dynamic reservations). Repeated entries of the same name
  // and type are added together, as in Mesos.
  static Try<Resources> parse(const std::string& text,
                              const std::string& defaultRole = "*");

  // The steps of parse() before validation: the Resource objects of
  // `text` (JSON array if it starts with '[', else the ';' form) in the
  // post-refinement format, empty and invalid ones included.
  static Try<std::vector<Resource>> fromString(
      const std::string& text, const std::string& defaultRole = "*");
  static Try<std::vector<Resource>> fromJSON(
      const JSON::Array& array, const std::string& defaultRole = "*");
  static Try<std::vector<Resource>> fromSimpleString(
      const std::string& text, const std::string& defaultRole = "*");

  // None if `resource` is well formed, else an Error saying why: empty
  // name; type not matching the value set (or TEXT); a scalar that is
  // negative, not finite, or nonzero but rounding to 0; an inverted or
  // overlapping range; a duplicate set item; DiskInfo on a non-disk
  // resource; an invalid role or reservation stack (STATIC refinement,
  // "*" reserved, a refinement that is not a sub-role, the two formats
  // contradicting each other); SharedInfo on anything but a persistent
  // volume. Accepts either reservation format.
  static Option<Error> validate(const Resource& resource);

  // The first invalid resource, as "Resource '<r>' is invalid: <why>".
  static Option<Error> validate(
      const google::protobuf::RepeatedPtrField<Resource>& resources);

  // -- Predicates on one Resource (either reservation format) --------------

  static bool isEmpty(const Resource& resource);
  static bool isPersistentVolume(const Resource& resource);
  static bool isDisk(const Resource& resource,
                     const Resource::DiskInfo::Source::Type& type);
  static bool isUnreserved(const Resource& resource);
  // Reserved at all, or (with `role`) reserved to exactly that role.
  static bool isReserved(const Resource& resource,
                         const Option<std::string>& role = None());
  static bool isReserved(const Resource& resource, const std::string& role) {
    return isReserved(resource, Option<std::string>(role));
  }
  // The last reservation is DYNAMIC.
  static bool isDynamicallyReserved(const Resource& resource);
  // Unreserved, or reserved to `role` or to an ancestor of it.
  static bool isAllocatableTo(const Resource& resource,
                              const std::string& role);
  static bool isAllocatedToRoleSubtree(const Resource& resource,
                                       const std::string& role);
  static bool isReservedToRoleSubtree(const Resource& resource,
                                      const std::string& role);
  static bool isRevocable(const Resource& resource);
  static bool isShared(const Resource& resource);
  static bool hasRefinedReservations(const Resource& resource);
  static bool hasResourceProvider(const Resource& resource);

  // The role of the last reservation; "*" for an unreserved resource.
  static std::string reservationRole(const Resource& resource);

  // -- Construction ----------------------------------------------------------

  Resources() = default;
  Resources(const Resource& resource);
  Resources(const std::vector<Resource>& resources);
  Resources(const google::protobuf::RepeatedPtrField<Resource>& resources);

  // -- Queries ---------------------------------------------------------------

  // Number of entries (not a sum of quantities).
  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }

  const_iterator begin() const { return const_iterator(entries_.begin()); }
  const_iterator end() const { return const_iterator(entries_.end()); }

  // Whether `that` could be subtracted from this without anything going
  // negative (a valid `that` resource; invalid ones are never contained).
  bool contains(const Resources& that) const;
  bool contains(const Resource& that) const;

  // How many of `that` this holds: the count of a shared resource, 1 for
  // an equal non-shared one, else 0.
  size_t count(const Resource& that) const;

  // The entries for which `predicate` holds.
  Resources filter(const std::function<bool(const Resource&)>& predicate) const;

  // Reserved resources grouped by reservation role.
  hashmap<std::string, Resources> reservations() const;

  Resources reserved(const Option<std::string>& role = None()) const;
  Resources reserved(const std::string& role) const {
    return reserved(Option<std::string>(role));
  }
  Resources unreserved() const;
  Resources allocatableTo(const std::string& role) const;
  Resources allocatedToRoleSubtree(const std::string& role) const;
  Resources reservedToRoleSubtree(const std::string& role) const;
  Resources persistentVolumes() const;
  Resources revocable() const;
  Resources nonRevocable() const;
  Resources shared() const;
  Resources nonShared() const;

  // Allocated resources grouped by `allocation_info.role`; resources
  // without an allocation are left out.
  hashmap<std::string, Resources> allocations() const;

  // Everything with its reservations removed.
  Resources toUnreserved() const;

  // Pre-1.4 names: flatten() is toUnreserved(); flatten(role) is
  // everything statically reserved to `role` ("*": unreserved), an Error
  // if `role` is not a valid role name.
  Resources flatten() const { return toUnreserved(); }
  Try<Resources> flatten(const std::string& role) const;

  // Every entry with `reservation` pushed onto (popped off) its stack. The
  // caller guarantees the result is valid (a refinement of each entry's
  // current role; every entry reserved for pop).
  Resources pushReservation(const Resource::ReservationInfo& reservation) const;
  Resources popReservation() const;

  // The scalar entries reduced to name, type and value (no reservation,
  // allocation, disk, ...), combined by name.
  Resources createStrippedScalarQuantity() const;

  // Resources of this that satisfy `targets` regardless of reservation:
  // each target is taken first from its own reservation role, then from
  // unreserved resources, then from any role. None if some target cannot
  // be satisfied.
  Option<Resources> find(const Resources& targets) const;

  // The entries named `name`.
  Resources get(const std::string& name) const;

  // The sum of the values of `name` entries of type T (Value::Scalar,
  // Value::Ranges or Value::Set); None if there is none.
  template <typename T>
  Option<T> get(const std::string& name) const;

  Resources scalars() const;
  std::set<std::string> names() const;
  std::map<std::string, Value::Type> types() const;

  // Sums of the well-known resources; mem and disk are in MB on the wire.
  Option<double> cpus() const;
  Option<double> gpus() const;
  Option<Bytes> mem() const;
  Option<Bytes> disk() const;
  Option<Value::Ranges> ports() const;
  Option<Value::Ranges> ephemeral_ports() const;

  // -- Modifiers -------------------------------------------------------------

  // Sets (clears) `allocation_info.role` on every entry.
  void allocate(const std::string& role);
  void unallocate();

  // -- Operators -------------------------------------------------------------

  operator google::protobuf::RepeatedPtrField<Resource>() const;

  // Same resources in any split: this contains that and that contains this.
  bool operator==(const Resources& that) const;
  bool operator!=(const Resources& that) const { return !(*this == that); }

  Resources operator+(const Resource& that) const;
  Resources operator+(const Resources& that) const;
  Resources& operator+=(const Resource& that);
  Resources& operator+=(const Resources& that);

  Resources operator-(const Resource& that) const;
  Resources operator-(const Resources& that) const;
  Resources& operator-=(const Resource& that);
  Resources& operator-=(const Resources& that);

  friend std::ostream& operator<<(std::ostream& stream,
                                  const Resources& resources);

 private:
  // Adds/subtracts an entry already converted and validated.
  void add(const std::shared_ptr<Resource_>& that);
  void add(Resource_&& that);
  void subtract(const Resource_& that);
  bool containsEntry(const Resource_& that) const;

  // The entry at `index`, unshared so that it can be modified.
  Resource_& mutableEntry(size_t index);

  Entries entries_;
};

template <>
Option<Value::Scalar> Resources::get(const std::string& name) const;
template <>
Option<Value::Ranges> Resources::get(const std::string& name) const;
template <>
Option<Value::Set> Resources::get(const std::string& name) const;

// -- Printing ----------------------------------------------------------------
//
// The format of Apache Mesos 1.11 (docs/resources.md):
//
//   cpus:4
//   cpus(allocated: role1):4
//   cpus(reservations: [(STATIC,role1)]):4
//   disk(reservations: [(DYNAMIC,role1,principal,{k: v})])[MOUNT:/mnt,id1:
//   path]{REV}<SHARED>:100
//
// A Resources prints its entries joined by "; " ("{}" when empty); a shared
// entry is followed by "<count>".

std::ostream& operator<<(std::ostream& stream, const Resource& resource);

// "STATIC,role" plus ",principal" and ",{labels}" when set.
std::ostream& operator<<(std::ostream& stream,
                         const Resource::ReservationInfo& reservation);

// "[source][,persistence-id][:volume]".
std::ostream& operator<<(std::ostream& stream, const Resource::DiskInfo& disk);

// "MOUNT:root", "PATH:root", "BLOCK", "RAW" ("(vendor,id,profile)" instead
// of the root for CSI-backed disks).
std::ostream& operator<<(std::ostream& stream,
                         const Resource::DiskInfo::Source& source);

// "host_path:container_path:rw" (or just container_path).
std::ostream& operator<<(std::ostream& stream, const Volume& volume);

// As JSON: a raw repeated field may be unvalidated or in either format.
std::ostream& operator<<(
    std::ostream& stream,
    const google::protobuf::RepeatedPtrField<Resource>& resources);

}  // namespace mesos

#endif  // MESOS_RESOURCES_HPP
