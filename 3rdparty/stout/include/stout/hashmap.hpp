#ifndef STOUT_HASHMAP_HPP
#define STOUT_HASHMAP_HPP

#include <functional>
#include <initializer_list>
#include <map>
#include <unordered_map>
#include <utility>
#include <vector>

#include <stout/none.hpp>
#include <stout/option.hpp>

// std::unordered_map with the lookups Mesos code reads naturally:
// `contains`, `get` (a copy, or None), `put` (insert or overwrite).
// Iteration order is unspecified, as for std::unordered_map.
template <typename Key, typename Value, typename Hash = std::hash<Key>,
          typename Equal = std::equal_to<Key>>
class hashmap : public std::unordered_map<Key, Value, Hash, Equal> {
 public:
  using Base = std::unordered_map<Key, Value, Hash, Equal>;
  using Base::Base;

  hashmap() = default;

  hashmap(const std::map<Key, Value>& map) : Base(map.begin(), map.end()) {}

  // Sets `key` to `value`, replacing any previous value.
  void put(const Key& key, const Value& value) {
    Base::insert_or_assign(key, value);
  }

  void put(const Key& key, Value&& value) {
    Base::insert_or_assign(key, std::move(value));
  }

  // A copy of the value at `key`, or None if there is none.
  Option<Value> get(const Key& key) const {
    auto it = Base::find(key);
    if (it == Base::end())
      return None();
    return it->second;
  }

  bool contains(const Key& key) const { return Base::count(key) > 0; }

  bool containsValue(const Value& value) const {
    for (const auto& entry : *this) {
      if (entry.second == value)
        return true;
    }
    return false;
  }

  std::vector<Key> keys() const {
    std::vector<Key> result;
    result.reserve(Base::size());
    for (const auto& entry : *this)
      result.push_back(entry.first);
    return result;
  }

  std::vector<Value> values() const {
    std::vector<Value> result;
    result.reserve(Base::size());
    for (const auto& entry : *this)
      result.push_back(entry.second);
    return result;
  }
};

#endif  // STOUT_HASHMAP_HPP
