#ifndef STOUT_OS_STAT_HPP
#define STOUT_OS_STAT_HPP

#include <sys/stat.h>
#include <sys/types.h>

#include <string>

#include <stout/bytes.hpp>
#include <stout/error.hpp>
#include <stout/try.hpp>

namespace os {

// True if something (a file, a directory, even a dangling symlink) is at
// `path`. False on any error, including permission denied on a parent.
inline bool exists(const std::string& path) {
  struct stat s;
  return ::lstat(path.c_str(), &s) == 0;
}

namespace stat {

// Whether a query about a symlink answers for the link or for its target.
enum class FollowSymlink {
  DO_NOT_FOLLOW_SYMLINK,
  FOLLOW_SYMLINK,
};

namespace internal {

inline Try<struct ::stat> stat(const std::string& path, FollowSymlink follow) {
  struct ::stat s;
  const int result = follow == FollowSymlink::FOLLOW_SYMLINK
                         ? ::stat(path.c_str(), &s)
                         : ::lstat(path.c_str(), &s);
  if (result < 0)
    return ErrnoError("Failed to stat '" + path + "'");
  return s;
}

}  // namespace internal

// The predicates answer false when `path` cannot be stat'ed.
inline bool isdir(const std::string& path,
                  FollowSymlink follow = FollowSymlink::FOLLOW_SYMLINK) {
  Try<struct ::stat> s = internal::stat(path, follow);
  return s.isSome() && S_ISDIR(s->st_mode);
}

inline bool isfile(const std::string& path,
                   FollowSymlink follow = FollowSymlink::FOLLOW_SYMLINK) {
  Try<struct ::stat> s = internal::stat(path, follow);
  return s.isSome() && S_ISREG(s->st_mode);
}

inline bool islink(const std::string& path) {
  Try<struct ::stat> s =
      internal::stat(path, FollowSymlink::DO_NOT_FOLLOW_SYMLINK);
  return s.isSome() && S_ISLNK(s->st_mode);
}

// The size st_size reports (for a symlink not followed: its target's length).
inline Try<Bytes> size(const std::string& path,
                       FollowSymlink follow = FollowSymlink::FOLLOW_SYMLINK) {
  Try<struct ::stat> s = internal::stat(path, follow);
  if (s.isError())
    return Error(s.error());
  return Bytes(static_cast<uint64_t>(s->st_size));
}

// Last modification time, in seconds since the epoch.
inline Try<long> mtime(const std::string& path,
                       FollowSymlink follow = FollowSymlink::FOLLOW_SYMLINK) {
  Try<struct ::stat> s = internal::stat(path, follow);
  if (s.isError())
    return Error(s.error());
  return static_cast<long>(s->st_mtime);
}

// Permission and type bits (st_mode).
inline Try<mode_t> mode(const std::string& path,
                        FollowSymlink follow = FollowSymlink::FOLLOW_SYMLINK) {
  Try<struct ::stat> s = internal::stat(path, follow);
  if (s.isError())
    return Error(s.error());
  return s->st_mode;
}

}  // namespace stat
}  // namespace os

#endif  // STOUT_OS_STAT_HPP
