#ifndef STOUT_OS_SYSTEM_HPP
#define STOUT_OS_SYSTEM_HPP

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <sys/types.h>
#include <unistd.h>

#include <string>
#include <vector>

#include <stout/error.hpp>
#include <stout/none.hpp>
#include <stout/result.hpp>
#include <stout/try.hpp>

// Facts about this process and host.
namespace os {

inline size_t pagesize() {
  return static_cast<size_t>(::sysconf(_SC_PAGESIZE));
}

inline pid_t getpid() {
  return ::getpid();
}

// gethostname(2), without DNS canonicalisation (which can block for seconds
// on a host with broken resolvers).
inline Try<std::string> hostname() {
  char buffer[HOST_NAME_MAX + 1];
  if (::gethostname(buffer, sizeof(buffer)) < 0) {
    return ErrnoError("Failed to get the hostname");
  }
  buffer[HOST_NAME_MAX] = '\0';
  return std::string(buffer);
}

// The name of the user running this process (its real uid); None if the
// uid has no passwd entry (common in containers).
inline Result<std::string> user() {
  const uid_t uid = ::getuid();
  long size = ::sysconf(_SC_GETPW_R_SIZE_MAX);
  if (size <= 0)
    size = 1024;
  std::vector<char> buffer(static_cast<size_t>(size));
  struct passwd entry;
  struct passwd* result = nullptr;
  for (;;) {
    const int error =
        ::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &result);
    if (error == ERANGE) {
      buffer.resize(buffer.size() * 2);
      continue;
    }
    if (error != 0) {
      return ErrnoError("Failed to look up uid " + std::to_string(uid), error);
    }
    break;
  }
  if (result == nullptr)
    return None();
  return std::string(result->pw_name);
}

}  // namespace os

#endif  // STOUT_OS_SYSTEM_HPP
