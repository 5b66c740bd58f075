#ifndef STOUT_TRY_HPP
#define STOUT_TRY_HPP

#include <ostream>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include <stout/abort.hpp>
#include <stout/error.hpp>
#include <stout/some.hpp>

// The result of an operation that can fail: a `T`, or an `E` (an `Error` by
// default) whose message says why.
//
//   Try<int> port = numify<int>(text);
//   if (port.isError()) return Error("Bad --port: " + port.error());
//
// `get()` on an error and `error()` on a value are programming errors and
// abort, printing the error message so the cause is not lost.
template <typename T, typename E = Error>
class [[nodiscard]] Try {
  static_assert(std::is_base_of_v<Error, E>, "E must derive from Error");

 public:
  Try(const T& t) : data_(std::in_place_index<0>, t) {}
  Try(T&& t) : data_(std::in_place_index<0>, std::move(t)) {}

  template <typename U,
            typename = std::enable_if_t<std::is_constructible_v<T, const U&>>>
  Try(const _Some<U>& some) : data_(std::in_place_index<0>, T(some.t)) {}

  template <typename U,
            typename = std::enable_if_t<std::is_constructible_v<T, U&&>>>
  Try(_Some<U>&& some) : data_(std::in_place_index<0>, T(std::move(some.t))) {}

  // Any error convertible to E, e.g. an `ErrnoError` into `Try<T, Error>`.
  template <typename F,
            typename = std::enable_if_t<std::is_base_of_v<Error, F> &&
                                        std::is_constructible_v<E, const F&>>>
  Try(const F& error) : data_(std::in_place_index<1>, E(error)) {}

  bool isSome() const { return data_.index() == 0; }
  bool isError() const { return data_.index() == 1; }

  const T& get() const& { return checkSome(), std::get<0>(data_); }
  T& get() & { return checkSome(), std::get<0>(data_); }
  T&& get() && { return checkSome(), std::get<0>(std::move(data_)); }

  const T& operator*() const& { return get(); }
  T& operator*() & { return get(); }
  T&& operator*() && { return std::move(*this).get(); }
  const T* operator->() const { return &get(); }
  T* operator->() { return &get(); }

  const std::string& error() const {
    if (!isError()) ABORT("Try::error() but the Try holds a value");
    return std::get<1>(data_).message;
  }

  const E& errorValue() const {
    if (!isError()) ABORT("Try::errorValue() but the Try holds a value");
    return std::get<1>(data_);
  }

 private:
  void checkSome() const {
    if (isError()) ABORT("Try::get() but the Try is an error: " + error());
  }

  std::variant<T, E> data_;
};

template <typename T, typename E>
std::ostream& operator<<(std::ostream& stream, const Try<T, E>& t) {
  if (t.isError()) return stream << "Error(" << t.error() << ")";
  return stream << t.get();
}

#endif  // STOUT_TRY_HPP
