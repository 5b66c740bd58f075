#ifndef STOUT_RESULT_HPP
#define STOUT_RESULT_HPP

#include <ostream>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include <stout/abort.hpp>
#include <stout/error.hpp>
#include <stout/none.hpp>
#include <stout/option.hpp>
#include <stout/some.hpp>
#include <stout/try.hpp>

// Three outcomes: a value, nothing (not an error: e.g. end of file), or an
// error. Reading the next record from a file is the canonical use:
// `Some(record)`, `None()` at a clean end, `Error` on corruption.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(None) : data_(std::in_place_index<1>) {}
  Result(const T& t) : data_(std::in_place_index<0>, t) {}
  Result(T&& t) : data_(std::in_place_index<0>, std::move(t)) {}

  template <typename U,
            typename = std::enable_if_t<std::is_constructible_v<T, const U&>>>
  Result(const _Some<U>& some) : data_(std::in_place_index<0>, T(some.t)) {}

  template <typename U,
            typename = std::enable_if_t<std::is_constructible_v<T, U&&>>>
  Result(_Some<U>&& some)
    : data_(std::in_place_index<0>, T(std::move(some.t))) {}

  template <typename F,
            typename = std::enable_if_t<std::is_base_of_v<Error, F>>>
  Result(const F& error) : data_(std::in_place_index<2>, Error(error)) {}

  Result(const Option<T>& option) : data_(std::in_place_index<1>) {
    if (option.isSome()) data_.template emplace<0>(option.get());
  }

  Result(const Try<T>& t) : data_(std::in_place_index<1>) {
    if (t.isSome()) {
      data_.template emplace<0>(t.get());
    } else {
      data_.template emplace<2>(Error(t.error()));
    }
  }

  bool isSome() const { return data_.index() == 0; }
  bool isNone() const { return data_.index() == 1; }
  bool isError() const { return data_.index() == 2; }

  const T& get() const& { return checkSome(), std::get<0>(data_); }
  T& get() & { return checkSome(), std::get<0>(data_); }
  T&& get() && { return checkSome(), std::get<0>(std::move(data_)); }

  const T& operator*() const& { return get(); }
  T& operator*() & { return get(); }
  const T* operator->() const { return &get(); }
  T* operator->() { return &get(); }

  const std::string& error() const {
    if (!isError()) ABORT("Result::error() but the Result is not an error");
    return std::get<2>(data_).message;
  }

 private:
  void checkSome() const {
    if (isNone()) ABORT("Result::get() but the Result is None");
    if (isError()) ABORT("Result::get() but the Result is an error: " + error());
  }

  std::variant<T, None, Error> data_;
};

template <typename T>
std::ostream& operator<<(std::ostream& stream, const Result<T>& r) {
  if (r.isNone()) return stream << "None";
  if (r.isError()) return stream << "Error(" << r.error() << ")";
  return stream << r.get();
}

#endif  // STOUT_RESULT_HPP
