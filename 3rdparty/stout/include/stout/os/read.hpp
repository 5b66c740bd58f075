#ifndef STOUT_OS_READ_HPP
#define STOUT_OS_READ_HPP

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include <stout/error.hpp>
#include <stout/try.hpp>

#include <stout/os/fd.hpp>

namespace os {

// The whole content of `path` (also for /proc files, whose reported size is
// 0). Fails, naming the path, if it cannot be opened or read.
inline Try<std::string> read(const std::string& path) {
  Try<int> fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd.isError())
    return Error(fd.error());

  std::string data;
  struct stat s;
  if (::fstat(fd.get(), &s) == 0 && S_ISREG(s.st_mode) && s.st_size > 0) {
    data.reserve(static_cast<size_t>(s.st_size) + 1);
  }

  char buffer[16384];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof(buffer));
    if (n < 0) {
      if (errno == EINTR)
        continue;
      ErrnoError error("Failed to read '" + path + "'");
      ::close(fd.get());
      return error;
    }
    if (n == 0)
      break;
    data.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd.get());
  return data;
}

}  // namespace os

#endif  // STOUT_OS_READ_HPP
