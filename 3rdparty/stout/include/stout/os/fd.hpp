#ifndef STOUT_OS_FD_HPP
#define STOUT_OS_FD_HPP

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <string>

#include <stout/error.hpp>
#include <stout/none.hpp>
#include <stout/nothing.hpp>
#include <stout/result.hpp>
#include <stout/try.hpp>

// File-descriptor helpers. Every call retries on EINTR, so a signal never
// surfaces as a spurious failure; every failure is an ErrnoError.
namespace os {

// open(2); the descriptor, or an error naming `path`. Callers normally pass
// O_CLOEXEC so descriptors do not leak into forked executors.
inline Try<int> open(const std::string& path, int flags, mode_t mode = 0) {
  int fd;
  do {
    fd = ::open(path.c_str(), flags, mode);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0)
    return ErrnoError("Failed to open '" + path + "'");
  return fd;
}

// close(2). EINTR is not retried: on Linux the descriptor is already
// released, and retrying could close a descriptor another thread reused.
inline Try<Nothing> close(int fd) {
  if (::close(fd) != 0 && errno != EINTR) {
    return ErrnoError("Failed to close fd " + std::to_string(fd));
  }
  return Nothing();
}

// Flushes the file's data and metadata to stable storage.
inline Try<Nothing> fsync(int fd) {
  int result;
  do {
    result = ::fsync(fd);
  } while (result < 0 && errno == EINTR);
  if (result < 0)
    return ErrnoError("Failed to fsync fd " + std::to_string(fd));
  return Nothing();
}

// Opens `path` (a file or a directory) read-only and fsyncs it. Fsyncing a
// directory makes a rename or create inside it durable.
inline Try<Nothing> fsync(const std::string& path) {
  Try<int> fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd.isError())
    return Error(fd.error());
  Try<Nothing> result = fsync(fd.get());
  ::close(fd.get());
  if (result.isError()) {
    return Error("Failed to fsync '" + path + "': " + result.error());
  }
  return Nothing();
}

namespace internal {

inline Try<Nothing> setFlag(int fd, int get, int set, int flag, bool on,
                            const char* what) {
  const int flags = ::fcntl(fd, get);
  if (flags < 0) {
    return ErrnoError(std::string("Failed to get flags to set ") + what +
                      " on fd " + std::to_string(fd));
  }
  const int updated = on ? (flags | flag) : (flags & ~flag);
  if (updated != flags && ::fcntl(fd, set, updated) < 0) {
    return ErrnoError(std::string("Failed to set ") + what + " on fd " +
                      std::to_string(fd));
  }
  return Nothing();
}

inline Try<bool> hasFlag(int fd, int get, int flag) {
  const int flags = ::fcntl(fd, get);
  if (flags < 0) {
    return ErrnoError("Failed to get flags of fd " + std::to_string(fd));
  }
  return (flags & flag) != 0;
}

}  // namespace internal

inline Try<Nothing> nonblock(int fd) {
  return internal::setFlag(fd, F_GETFL, F_SETFL, O_NONBLOCK, true,
                           "O_NONBLOCK");
}

inline Try<bool> isNonblock(int fd) {
  return internal::hasFlag(fd, F_GETFL, O_NONBLOCK);
}

inline Try<Nothing> cloexec(int fd) {
  return internal::setFlag(fd, F_GETFD, F_SETFD, FD_CLOEXEC, true,
                           "FD_CLOEXEC");
}

inline Try<Nothing> unsetCloexec(int fd) {
  return internal::setFlag(fd, F_GETFD, F_SETFD, FD_CLOEXEC, false,
                           "FD_CLOEXEC");
}

inline Try<bool> isCloexec(int fd) {
  return internal::hasFlag(fd, F_GETFD, FD_CLOEXEC);
}

// lseek(2): the resulting offset.
inline Try<off_t> lseek(int fd, off_t offset, int whence) {
  const off_t result = ::lseek(fd, offset, whence);
  if (result < 0)
    return ErrnoError("Failed to lseek fd " + std::to_string(fd));
  return result;
}

// ftruncate(2): cuts (or zero-extends) the file to `length` bytes.
inline Try<Nothing> ftruncate(int fd, off_t length) {
  int result;
  do {
    result = ::ftruncate(fd, length);
  } while (result < 0 && errno == EINTR);
  if (result < 0) {
    return ErrnoError("Failed to truncate fd " + std::to_string(fd) + " to " +
                      std::to_string(length) + " bytes");
  }
  return Nothing();
}

// Reads up to `size` bytes from the current offset, looping over short
// reads. Some(bytes) with fewer than `size` bytes means the end of the file
// came first; None means the file was already at its end. EAGAIN on a
// non-blocking descriptor is an error.
inline Result<std::string> read(int fd, size_t size) {
  std::string data;
  // A corrupt length must not make us allocate gigabytes up front, so the
  // buffer grows with what actually arrives.
  data.resize(size < (1u << 20) ? size : (1u << 20));
  size_t offset = 0;
  while (offset < size) {
    if (offset == data.size()) {
      data.resize(data.size() * 2 < size ? data.size() * 2 : size);
    }
    const ssize_t n = ::read(fd, &data[offset], data.size() - offset);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return ErrnoError("Failed to read from fd " + std::to_string(fd));
    }
    if (n == 0)
      break;
    offset += static_cast<size_t>(n);
  }
  if (offset == 0 && size > 0)
    return None();
  data.resize(offset);
  return data;
}

// Writes all of `data`, looping over short writes and EINTR. On error some
// prefix of `data` may have been written.
inline Try<Nothing> write(int fd, const void* data, size_t size) {
  const char* bytes = static_cast<const char*>(data);
  size_t offset = 0;
  while (offset < size) {
    const ssize_t n = ::write(fd, bytes + offset, size - offset);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return ErrnoError("Failed to write to fd " + std::to_string(fd));
    }
    offset += static_cast<size_t>(n);
  }
  return Nothing();
}

inline Try<Nothing> write(int fd, const std::string& data) {
  return write(fd, data.data(), data.size());
}

}  // namespace os

#endif  // STOUT_OS_FD_HPP
