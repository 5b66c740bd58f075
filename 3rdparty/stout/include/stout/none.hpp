#ifndef STOUT_NONE_HPP
#define STOUT_NONE_HPP

// `None()` converts to an empty `Option<T>` or `Result<T>` of any T, so a
// function can `return None();` without naming its value type.
struct None {};

#endif  // STOUT_NONE_HPP
