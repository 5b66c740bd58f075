#ifndef STOUT_OPTION_HPP
#define STOUT_OPTION_HPP

#include <functional>
#include <optional>
#include <ostream>
#include <type_traits>
#include <utility>

#include <stout/abort.hpp>
#include <stout/none.hpp>
#include <stout/some.hpp>

// A value that may be absent: `None()` or `Some(value)`.
//
// `get()` on an empty option is a programming error and aborts; check
// `isSome()` first or use `getOrElse()`.
template <typename T>
class Option {
 public:
  Option() = default;
  Option(None) {}
  Option(const T& t) : value_(t) {}
  Option(T&& t) : value_(std::move(t)) {}

  template <typename U,
            typename = std::enable_if_t<std::is_constructible_v<T, const U&>>>
  Option(const _Some<U>& some) : value_(T(some.t)) {}

  template <typename U,
            typename = std::enable_if_t<std::is_constructible_v<T, U&&>>>
  Option(_Some<U>&& some) : value_(T(std::move(some.t))) {}

  template <typename U,
            typename = std::enable_if_t<!std::is_same_v<T, U> &&
                                        std::is_constructible_v<T, const U&>>>
  Option(const Option<U>& that) {
    if (that.isSome()) value_.emplace(that.get());
  }

  bool isSome() const { return value_.has_value(); }
  bool isNone() const { return !value_.has_value(); }

  const T& get() const& { return check(), *value_; }
  T& get() & { return check(), *value_; }
  T&& get() && { return check(), std::move(*value_); }

  const T& operator*() const& { return get(); }
  T& operator*() & { return get(); }
  T&& operator*() && { return std::move(*this).get(); }
  const T* operator->() const { return &get(); }
  T* operator->() { return &get(); }

  template <typename U>
  T getOrElse(U&& fallback) const& {
    return isSome() ? *value_ : T(std::forward<U>(fallback));
  }

  bool operator==(const Option& that) const { return value_ == that.value_; }
  bool operator!=(const Option& that) const { return !(*this == that); }
  bool operator==(const T& that) const { return isSome() && *value_ == that; }
  bool operator!=(const T& that) const { return !(*this == that); }

 private:
  void check() const {
    if (!value_.has_value()) ABORT("Option::get() but the option is None");
  }

  std::optional<T> value_;
};

template <typename T>
std::ostream& operator<<(std::ostream& stream, const Option<T>& option) {
  if (option.isNone()) return stream << "None";
  return stream << "Some(" << option.get() << ")";
}

// The first of `left` and `right` that is some, or none.
template <typename T>
Option<T> operator|(const Option<T>& left, const Option<T>& right) {
  return left.isSome() ? left : right;
}

namespace std {
template <typename T>
struct hash<Option<T>> {
  size_t operator()(const Option<T>& option) const {
    return option.isSome() ? std::hash<T>()(option.get()) : 0;
  }
};
}  // namespace std

#endif  // STOUT_OPTION_HPP
