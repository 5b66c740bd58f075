#ifndef STOUT_OS_WRITE_HPP
#define STOUT_OS_WRITE_HPP

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <vector>

#include <stout/error.hpp>
#include <stout/nothing.hpp>
#include <stout/path.hpp>
#include <stout/try.hpp>

#include <stout/os/fd.hpp>

namespace os {

// Replaces the content of `path` with `data`, creating the file (mode 0644
// less the umask) if needed. Not atomic: a crash can leave a partial file;
// use `atomicWrite` for anything recovery reads back.
inline Try<Nothing> write(const std::string& path, const std::string& data) {
  Try<int> fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd.isError())
    return Error(fd.error());
  Try<Nothing> result = write(fd.get(), data);
  ::close(fd.get());
  if (result.isError()) {
    return Error("Failed to write '" + path + "': " + result.error());
  }
  return Nothing();
}

// Replaces `path` with a file holding exactly `data`, such that after a
// crash at any moment `path` holds either its old content or all of `data`,
// never a mix: writes a temporary file in the same directory, fsyncs it,
// renames it over `path` and fsyncs the directory. The new file gets `mode`
// (not subject to the umask). On failure the temporary file is removed and
// `path` is untouched.
inline Try<Nothing> atomicWrite(const std::string& path,
                                const std::string& data, mode_t mode = 0644) {
  const Path target(path);
  const std::string directory = target.dirname();
  std::string temp =
      path::join(directory, "." + target.basename() + ".tmp.XXXXXX");
  std::vector<char> buffer(temp.begin(), temp.end());
  buffer.push_back('\0');

  const int fd = ::mkostemp(buffer.data(), O_CLOEXEC);
  if (fd < 0) {
    return ErrnoError("Failed to create a temporary file to write '" + path +
                      "'");
  }
  temp = buffer.data();

  const auto fail = [&](const std::string& message) -> Try<Nothing> {
    ::close(fd);
    ::unlink(temp.c_str());
    return Error("Failed to write '" + path + "': " + message);
  };

  if (::fchmod(fd, mode) < 0)
    return fail(ErrnoError("fchmod").message);

  Try<Nothing> written = write(fd, data);
  if (written.isError())
    return fail(written.error());

  Try<Nothing> synced = fsync(fd);
  if (synced.isError())
    return fail(synced.error());

  if (::rename(temp.c_str(), path.c_str()) < 0) {
    return fail(ErrnoError("rename").message);
  }
  ::close(fd);

  Try<Nothing> directorySynced = fsync(directory);
  if (directorySynced.isError()) {
    return Error("Wrote '" + path +
                 "' but failed to make it durable: " + directorySynced.error());
  }
  return Nothing();
}

// Creates `path` if missing (mode 0644 less the umask) and sets its access
// and modification times to now.
inline Try<Nothing> touch(const std::string& path) {
  Try<int> fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd.isError())
    return Error(fd.error());
  const int result = ::futimens(fd.get(), nullptr);
  const int error = errno;
  ::close(fd.get());
  if (result < 0)
    return ErrnoError("Failed to touch '" + path + "'", error);
  return Nothing();
}

}  // namespace os

#endif  // STOUT_OS_WRITE_HPP
