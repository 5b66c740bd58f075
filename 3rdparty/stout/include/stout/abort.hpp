#ifndef STOUT_ABORT_HPP
#define STOUT_ABORT_HPP

#include <cstdio>
#include <cstdlib>
#include <string>

// ABORT(message): report a broken invariant of our own and stop the process.
// For bad input use `Try`/`Error` instead; this is only for programming
// errors such as `Option::get()` on an empty option.
#define ABORT(message) ::stout::internal::abort(__FILE__, __LINE__, (message))

namespace stout {
namespace internal {

[[noreturn]] inline void abort(const char* file, int line,
                               const std::string& message) {
  std::fprintf(stderr, "ABORT: (%s:%d): %s\n", file, line, message.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace internal
}  // namespace stout

#endif  // STOUT_ABORT_HPP
