#include "master/allocator/sorter.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include <glog/logging.h>

#include <stout/strings.hpp>

namespace mesos {
namespace internal {
namespace master {
namespace allocator {

struct DRFSorter::Node {
  enum Kind { ACTIVE_LEAF, INACTIVE_LEAF, INTERNAL };

  Node(std::string name_, Kind kind_, Node* parent_)
      : name(std::move(name_)), kind(kind_), parent(parent_) {
    if (parent == nullptr) {
      path = "";
    } else if (parent->parent == nullptr) {
      path = name;
    } else {
      path = parent->path + "/" + name;
    }
  }

  bool isLeaf() const { return kind != INTERNAL; }

  // The client this leaf stands for: a "." leaf stands for its parent.
  std::string clientPath() const { return name == "." ? parent->path : path; }

  Node* child(const std::string& childName) const {
    for (const std::unique_ptr<Node>& c : children) {
      if (c->name == childName) {
        return c.get();
      }
    }
    return nullptr;
  }

  Node* addChild(const std::string& childName, Kind childKind) {
    children.push_back(std::make_unique<Node>(childName, childKind, this));
    return children.back().get();
  }

  void removeChild(const Node* node) {
    auto it = std::find_if(
        children.begin(), children.end(),
        [node](const std::unique_ptr<Node>& c) { return c.get() == node; });
    CHECK(it != children.end());
    children.erase(it);
  }

  std::string name;
  std::string path;
  Kind kind;
  Node* parent;
  std::vector<std::unique_ptr<Node>> children;

  // What the subtree holds, and how often it was allocated to.
  hashmap<SlaveID, Resources> resources;
  Quantities quantities;
  uint64_t allocations = 0;

  // Computed by `sort()`.
  double share = 0.0;
};

namespace {

void addQuantities(std::map<std::string, int64_t>& to,
                   const std::map<std::string, int64_t>& from) {
  for (const auto& [name, value] : from) {
    to[name] += value;
  }
}

void subtractQuantities(std::map<std::string, int64_t>& from,
                        const std::map<std::string, int64_t>& what) {
  for (const auto& [name, value] : what) {
    auto it = from.find(name);
    CHECK(it != from.end() && it->second >= value) << name;
    it->second -= value;
    if (it->second == 0) {
      from.erase(it);
    }
  }
}

std::map<std::string, int64_t> scalarQuantities(const Resources& resources) {
  std::map<std::string, int64_t> result;
  for (const Resource& resource : resources) {
    if (resource.type() == Value::SCALAR) {
      result[resource.name()] += std::llround(resource.scalar().value() * 1000);
    }
  }
  return result;
}

}  // namespace

DRFSorter::DRFSorter(
    bool hierarchical,
    const Option<std::set<std::string>>& fairnessExcludeResourceNames)
    : hierarchical_(hierarchical),
      excluded_(fairnessExcludeResourceNames),
      root_(std::make_unique<Node>("", Node::INTERNAL, nullptr)) {}

DRFSorter::~DRFSorter() = default;

DRFSorter::Quantities DRFSorter::hold(Resources& held,
                                      const Resources& resources) {
  Resources counted = resources.nonShared();
  for (const Resource& resource : resources.shared()) {
    if (!held.contains(resource)) {
      counted += resource;
    }
  }
  held += resources;
  return scalarQuantities(counted);
}

DRFSorter::Quantities DRFSorter::release(Resources& held,
                                         const Resources& resources) {
  CHECK(held.contains(resources)) << held << " does not contain " << resources;
  held -= resources;
  Resources counted = resources.nonShared();
  for (const Resource& resource : resources.shared()) {
    if (!held.contains(resource)) {
      counted += resource;
    }
  }
  return scalarQuantities(counted);
}

bool DRFSorter::contains(const std::string& client) const {
  return clients_.contains(client);
}

bool DRFSorter::isActive(const std::string& client) const {
  return find(client)->kind == Node::ACTIVE_LEAF;
}

const hashmap<SlaveID, Resources>& DRFSorter::allocation(
    const std::string& client) const {
  return find(client)->resources;
}

Resources DRFSorter::allocation(const std::string& client,
                                const SlaveID& slaveId) const {
  const Node* node = find(client);
  auto it = node->resources.find(slaveId);
  return it == node->resources.end() ? Resources() : it->second;
}

double DRFSorter::share(const std::string& client) const {
  return calculateShare(find(client));
}

void DRFSorter::add(const std::string& client) {
  CHECK(!clients_.contains(client)) << client;

  const std::vector<std::string> tokens =
      hierarchical_ ? strings::split(client, "/")
                    : std::vector<std::string>{client};

  Node* current = root_.get();
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (current != root_.get() && current->isLeaf()) {
      pushDown(current);
    }
    Node* next = current->child(tokens[i]);
    if (next == nullptr) {
      const bool last = i + 1 == tokens.size();
      next = current->addChild(tokens[i],
                               last ? Node::INACTIVE_LEAF : Node::INTERNAL);
    }
    current = next;
  }

  // The path exists as an ancestor of other clients: the client becomes
  // its "." child.
  if (current->kind == Node::INTERNAL) {
    current = current->addChild(".", Node::INACTIVE_LEAF);
  }

  clients_[client] = current;
  sorted_ = None();
}

void DRFSorter::pushDown(Node* node) {
  Node* dot = node->addChild(".", node->kind);
  dot->resources = node->resources;
  dot->quantities = node->quantities;
  dot->allocations = node->allocations;
  node->kind = Node::INTERNAL;
  clients_[node->path] = dot;
}

void DRFSorter::remove(const std::string& client) {
  Node* leaf = find(client);
  clients_.erase(client);

  for (Node* node = leaf->parent; node != root_.get(); node = node->parent) {
    for (const auto& [slaveId, resources] : leaf->resources) {
      Resources& held = node->resources[slaveId];
      subtractQuantities(node->quantities, release(held, resources));
      if (held.empty()) {
        node->resources.erase(slaveId);
      }
    }
  }

  Node* node = leaf->parent;
  node->removeChild(leaf);

  // Prune internal nodes left without clients, and fold a "." leaf back
  // into its parent once it is the only child.
  while (node != root_.get()) {
    Node* parent = node->parent;
    if (node->children.empty()) {
      parent->removeChild(node);
    } else if (node->children.size() == 1 && node->children[0]->name == ".") {
      node->kind = node->children[0]->kind;
      node->children.clear();
      clients_[node->path] = node;
    }
    node = parent;
  }

  sorted_ = None();
}

void DRFSorter::activate(const std::string& client) {
  Node* node = find(client);
  if (node->kind != Node::ACTIVE_LEAF) {
    node->kind = Node::ACTIVE_LEAF;
    sorted_ = None();
  }
}

void DRFSorter::deactivate(const std::string& client) {
  Node* node = find(client);
  if (node->kind != Node::INACTIVE_LEAF) {
    node->kind = Node::INACTIVE_LEAF;
    sorted_ = None();
  }
}

void DRFSorter::updateWeight(const std::string& path, double weight) {
  weights_[path] = weight;
  sorted_ = None();
}

void DRFSorter::allocated(const std::string& client, const SlaveID& slaveId,
                          const Resources& resources) {
  for (Node* node = find(client); node != root_.get(); node = node->parent) {
    addQuantities(node->quantities, hold(node->resources[slaveId], resources));
    ++node->allocations;
  }
  sorted_ = None();
}

void DRFSorter::unallocated(const std::string& client, const SlaveID& slaveId,
                            const Resources& resources) {
  for (Node* node = find(client); node != root_.get(); node = node->parent) {
    Resources& held = node->resources[slaveId];
    subtractQuantities(node->quantities, release(held, resources));
    if (held.empty()) {
      node->resources.erase(slaveId);
    }
  }
  sorted_ = None();
}

void DRFSorter::addTotal(const SlaveID& slaveId, const Resources& resources) {
  if (resources.empty()) {
    return;
  }
  addQuantities(totalQuantities_, hold(total_[slaveId], resources));
  sorted_ = None();
}

void DRFSorter::removeTotal(const SlaveID& slaveId,
                            const Resources& resources) {
  if (resources.empty()) {
    return;
  }
  Resources& held = total_[slaveId];
  subtractQuantities(totalQuantities_, release(held, resources));
  if (held.empty()) {
    total_.erase(slaveId);
  }
  sorted_ = None();
}

std::vector<std::string> DRFSorter::sort() {
  if (sorted_.isNone()) {
    std::vector<std::string> result;
    result.reserve(clients_.size());
    listActive(root_.get(), &result);
    sorted_ = std::move(result);
  }
  return sorted_.get();
}

void DRFSorter::listActive(Node* node, std::vector<std::string>* result) {
  std::vector<Node*> candidates;
  for (const std::unique_ptr<Node>& child : node->children) {
    if (child->kind != Node::INACTIVE_LEAF) {
      child->share = calculateShare(child.get());
      candidates.push_back(child.get());
    }
  }

  std::sort(candidates.begin(), candidates.end(),
            [](const Node* left, const Node* right) {
              if (left->share != right->share) {
                return left->share < right->share;
              }
              if (left->allocations != right->allocations) {
                return left->allocations < right->allocations;
              }
              return left->path < right->path;
            });

  for (Node* candidate : candidates) {
    if (candidate->isLeaf()) {
      result->push_back(candidate->clientPath());
    } else {
      listActive(candidate, result);
    }
  }
}

DRFSorter::Node* DRFSorter::find(const std::string& client) const {
  auto it = clients_.find(client);
  CHECK(it != clients_.end()) << "Unknown sorter client '" << client << "'";
  return it->second;
}

double DRFSorter::calculateShare(const Node* node) const {
  double share = 0.0;
  for (const auto& [name, total] : totalQuantities_) {
    if (total <= 0 || (excluded_.isSome() && excluded_->count(name) > 0)) {
      continue;
    }
    auto held = node->quantities.find(name);
    if (held != node->quantities.end()) {
      share = std::max(share, static_cast<double>(held->second) /
                                  static_cast<double>(total));
    }
  }

  auto weight = weights_.find(node->path);
  return weight == weights_.end() ? share : share / weight->second;
}

}  // namespace allocator
}  // namespace master
}  // namespace internal
}  // namespace mesos
