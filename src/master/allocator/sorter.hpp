#ifndef MESOS_MASTER_ALLOCATOR_SORTER_HPP
#define MESOS_MASTER_ALLOCATOR_SORTER_HPP

// DRFSorter: orders the clients of one level of the allocator (the roles,
// or the frameworks of one role) by weighted dominant resource fairness,
// as Apache Mesos's DRF sorter does.
//
// A client's dominant share is, over the scalar resources of the pool
// (the total of every agent added), the largest fraction it holds:
//
//   share = max over resource names r (not excluded, pool total > 0) of
//             allocated(r) / total(r)
//
// divided by the client's weight (default 1). `sort()` lists the active
// clients from the lowest share up; equal shares go first to the client
// that has been allocated to fewer times (every `allocated()` call counts,
// none is ever uncounted, so equal claimants take turns), then by name.
//
// Hierarchical mode (for roles) treats names as '/'-separated paths and
// sorts level by level: siblings are ordered by the shares of their whole
// subtrees (with the weight of their own path), and each subtree's clients
// are listed, in order, before the next sibling's. A client may also be
// an ancestor of another ("a" and "a/b"): it then competes inside "a"'s
// subtree as a sibling of "a/b". Flat mode (for frameworks) takes names
// verbatim.
//
// Only active clients are sorted; inactive ones keep their allocation
// (which still counts towards their ancestors) and allocation count.
// Scalars are counted in thousandths, so equal allocations give exactly
// equal shares. A shared resource counts once per agent however many
// copies a client holds.
//
// Not thread-safe: owned and used by one allocator process. Calls naming a
// client must name one that was added (a programming error otherwise).

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <mesos/mesos.hpp>
#include <mesos/resources.hpp>

#include <stout/hashmap.hpp>
#include <stout/none.hpp>
#include <stout/option.hpp>

namespace mesos {
namespace internal {
namespace master {
namespace allocator {

class DRFSorter {
 public:
  // `fairnessExcludeResourceNames` are left out of every share.
  explicit DRFSorter(bool hierarchical = true,
                     const Option<std::set<std::string>>&
                         fairnessExcludeResourceNames = None());
  ~DRFSorter();

  DRFSorter(const DRFSorter&) = delete;
  DRFSorter& operator=(const DRFSorter&) = delete;

  // -- Queries ---------------------------------------------------------------

  bool contains(const std::string& client) const;
  bool isActive(const std::string& client) const;

  // Number of clients, active or not.
  size_t count() const { return clients_.size(); }

  // What `client` holds, per agent (agents where it holds nothing are
  // absent).
  const hashmap<SlaveID, Resources>& allocation(
      const std::string& client) const;
  Resources allocation(const std::string& client, const SlaveID& slaveId) const;

  // The client's weighted dominant share (for the subtree of a client
  // that is also an ancestor, the share of the client alone).
  double share(const std::string& client) const;

  // -- Modifiers -------------------------------------------------------------

  // Adds `client`, inactive, holding nothing. Must not be present.
  void add(const std::string& client);

  // Removes `client` and its allocation (ancestors no longer count it).
  void remove(const std::string& client);

  // Includes (excludes) `client` in `sort()`. Idempotent.
  void activate(const std::string& client);
  void deactivate(const std::string& client);

  // Sets the weight of `path` (a client or, hierarchically, any ancestor
  // path, present or not: it applies whenever the path exists).
  void updateWeight(const std::string& path, double weight);

  // `client` got (gave back) `resources` on `slaveId`. Giving back
  // requires holding them.
  void allocated(const std::string& client, const SlaveID& slaveId,
                 const Resources& resources);
  void unallocated(const std::string& client, const SlaveID& slaveId,
                   const Resources& resources);

  // Grows (shrinks) the pool the shares are relative to. Shrinking
  // requires the agent's pool to hold `resources`.
  void addTotal(const SlaveID& slaveId, const Resources& resources);
  void removeTotal(const SlaveID& slaveId, const Resources& resources);

  // The active clients, in allocation order (see above).
  std::vector<std::string> sort();

 private:
  struct Node;

  // Scalar quantities by name, in thousandths.
  using Quantities = std::map<std::string, int64_t>;

  // Adds `resources` to `held` and returns the quantities that were not
  // already counted (shared resources count once).
  static Quantities hold(Resources& held, const Resources& resources);

  // Subtracts `resources` from `held` and returns the quantities that no
  // longer count.
  static Quantities release(Resources& held, const Resources& resources);

  Node* find(const std::string& client) const;
  double calculateShare(const Node* node) const;
  void listActive(Node* node, std::vector<std::string>* result);

  // Turns the client leaf `node` into an internal node whose "." child
  // is the client.
  void pushDown(Node* node);

  const bool hierarchical_;
  const Option<std::set<std::string>> excluded_;

  std::unique_ptr<Node> root_;
  hashmap<std::string, Node*> clients_;
  hashmap<std::string, double> weights_;

  hashmap<SlaveID, Resources> total_;
  Quantities totalQuantities_;

  // The last `sort()` result, valid until the next change.
  Option<std::vector<std::string>> sorted_;
};

}  // namespace allocator
}  // namespace master
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_MASTER_ALLOCATOR_SORTER_HPP
