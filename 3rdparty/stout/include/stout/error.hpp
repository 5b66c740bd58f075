#ifndef STOUT_ERROR_HPP
#define STOUT_ERROR_HPP

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

// The failure half of `Try<T>` and `Result<T>`. The message is meant for a
// person: say what failed and, where it helps, what to do about it.
class Error {
 public:
  explicit Error(std::string message) : message(std::move(message)) {}

  std::string message;
};

// An `Error` whose message ends with the text of `errno` (or of `code`),
// e.g. `ErrnoError("Failed to open '/x'")` -> "Failed to open '/x': No such
// file or directory".
class ErrnoError : public Error {
 public:
  ErrnoError() : ErrnoError(errno) {}
  explicit ErrnoError(int code) : Error(std::strerror(code)), code(code) {}
  explicit ErrnoError(const std::string& prefix) : ErrnoError(prefix, errno) {}
  ErrnoError(const std::string& prefix, int code)
    : Error(prefix + ": " + std::strerror(code)), code(code) {}

  int code;
};

#endif  // STOUT_ERROR_HPP
