#ifndef STOUT_SOME_HPP
#define STOUT_SOME_HPP

#include <type_traits>
#include <utility>

// `Some(x)` converts to `Option<T>`, `Try<T>` or `Result<T>` holding `x`,
// for any T constructible from x's type.
template <typename T>
struct _Some {
  T t;
};

template <typename T>
_Some<std::decay_t<T>> Some(T&& t) {
  return {std::forward<T>(t)};
}

#endif  // STOUT_SOME_HPP
