#ifndef STOUT_HASHSET_HPP
#define STOUT_HASHSET_HPP

#include <functional>
#include <initializer_list>
#include <set>
#include <unordered_set>

// std::unordered_set with `contains`, set union (`|`) and difference (`-`).
// Iteration order is unspecified.
template <typename Elem, typename Hash = std::hash<Elem>,
          typename Equal = std::equal_to<Elem>>
class hashset : public std::unordered_set<Elem, Hash, Equal> {
 public:
  using Base = std::unordered_set<Elem, Hash, Equal>;
  using Base::Base;

  hashset() = default;

  hashset(const std::set<Elem>& set) : Base(set.begin(), set.end()) {}

  bool contains(const Elem& elem) const { return Base::count(elem) > 0; }

  // Inserts `elem`; true if it was not already present.
  bool put(const Elem& elem) { return Base::insert(elem).second; }
};

// The elements in either set.
template <typename Elem, typename Hash, typename Equal>
hashset<Elem, Hash, Equal> operator|(const hashset<Elem, Hash, Equal>& left,
                                     const hashset<Elem, Hash, Equal>& right) {
  hashset<Elem, Hash, Equal> result = left;
  result.insert(right.begin(), right.end());
  return result;
}

// The elements of `left` that are not in `right`.
template <typename Elem, typename Hash, typename Equal>
hashset<Elem, Hash, Equal> operator-(const hashset<Elem, Hash, Equal>& left,
                                     const hashset<Elem, Hash, Equal>& right) {
  hashset<Elem, Hash, Equal> result;
  for (const Elem& elem : left) {
    if (!right.contains(elem))
      result.insert(elem);
  }
  return result;
}

#endif  // STOUT_HASHSET_HPP
