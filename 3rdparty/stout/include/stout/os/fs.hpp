#ifndef STOUT_OS_FS_HPP
#define STOUT_OS_FS_HPP

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <string>
#include <vector>

#include <stout/abort.hpp>
#include <stout/error.hpp>
#include <stout/none.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/path.hpp>
#include <stout/result.hpp>
#include <stout/try.hpp>

#include <stout/os/environment.hpp>
#include <stout/os/fd.hpp>
#include <stout/os/stat.hpp>

// File-system operations. Each failure is an error naming the path involved.
namespace os {

// Creates `directory` with mode 0755 (less the umask). With `recursive`
// (the default) missing parents are created too and an existing directory
// is success; without it the call is a plain mkdir(2) and fails if the
// directory exists. With `sync`, each directory created is made durable by
// fsyncing its parent.
inline Try<Nothing> mkdir(const std::string& directory, bool recursive = true,
                          bool sync = false) {
  if (!recursive) {
    if (::mkdir(directory.c_str(), 0755) < 0) {
      return ErrnoError("Failed to create directory '" + directory + "'");
    }
    if (sync) {
      Try<Nothing> synced = fsync(Path(directory).dirname());
      if (synced.isError())
        return Error(synced.error());
    }
    return Nothing();
  }

  std::string current = path::absolute(directory) ? "/" : "";
  size_t start = 0;
  while (start < directory.size()) {
    size_t end = directory.find('/', start);
    if (end == std::string::npos)
      end = directory.size();
    const std::string component = directory.substr(start, end - start);
    start = end + 1;
    if (component.empty())
      continue;

    const std::string parent = current.empty() ? "." : current;
    current = current.empty() ? component : path::join(current, component);
    if (::mkdir(current.c_str(), 0755) == 0) {
      if (sync) {
        Try<Nothing> synced = fsync(parent);
        if (synced.isError())
          return Error(synced.error());
      }
    } else if (errno != EEXIST) {
      return ErrnoError("Failed to create directory '" + current + "'");
    }
  }

  if (!stat::isdir(directory)) {
    return Error("Failed to create directory '" + directory +
                 "': a non-directory exists at that path");
  }
  return Nothing();
}

// The names in `directory`, without "." and "..", in no particular order.
inline Try<std::vector<std::string>> ls(const std::string& directory) {
  DIR* dir = ::opendir(directory.c_str());
  if (dir == nullptr) {
    return ErrnoError("Failed to open directory '" + directory + "'");
  }
  std::vector<std::string> entries;
  for (;;) {
    errno = 0;
    struct dirent* entry = ::readdir(dir);
    if (entry == nullptr) {
      if (errno != 0) {
        ErrnoError error("Failed to read directory '" + directory + "'");
        ::closedir(dir);
        return error;
      }
      break;
    }
    const std::string name = entry->d_name;
    if (name != "." && name != "..")
      entries.push_back(name);
  }
  ::closedir(dir);
  return entries;
}

namespace internal {

// Removes everything inside the directory open at `fd` (which it closes),
// never following symlinks: a link is unlinked, not descended into. Errors
// are appended to `errors`; with `continueOnError` the walk goes on after
// one.
inline void rmdirContents(int fd, const std::string& path, bool continueOnError,
                          std::vector<std::string>* errors) {
  DIR* dir = ::fdopendir(fd);
  if (dir == nullptr) {
    errors->push_back(
        ErrnoError("Failed to open directory '" + path + "'").message);
    ::close(fd);
    return;
  }

  for (;;) {
    errno = 0;
    struct dirent* entry = ::readdir(dir);
    if (entry == nullptr) {
      if (errno != 0) {
        errors->push_back(
            ErrnoError("Failed to read directory '" + path + "'").message);
      }
      break;
    }
    const std::string name = entry->d_name;
    if (name == "." || name == "..")
      continue;
    const std::string child = path::join(path, name);

    bool isDirectory = entry->d_type == DT_DIR;
    if (entry->d_type == DT_UNKNOWN) {
      struct ::stat s;
      if (::fstatat(fd, name.c_str(), &s, AT_SYMLINK_NOFOLLOW) == 0) {
        isDirectory = S_ISDIR(s.st_mode);
      }
    }

    if (isDirectory) {
      const int childFd = ::openat(
          fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (childFd < 0) {
        errors->push_back(
            ErrnoError("Failed to open directory '" + child + "'").message);
      } else {
        rmdirContents(childFd, child, continueOnError, errors);
      }
      if (errors->empty() || continueOnError) {
        if (::unlinkat(fd, name.c_str(), AT_REMOVEDIR) < 0) {
          errors->push_back(
              ErrnoError("Failed to remove directory '" + child + "'").message);
        }
      }
    } else if (::unlinkat(fd, name.c_str(), 0) < 0) {
      errors->push_back(ErrnoError("Failed to remove '" + child + "'").message);
    }

    if (!errors->empty() && !continueOnError)
      break;
  }
  ::closedir(dir);
}

}  // namespace internal

// Removes `directory`. Non-recursive: rmdir(2), so it must be empty.
// Recursive (the default): removes everything beneath it without following
// symlinks (a symlink to a directory outside is unlinked, its target kept),
// then the directory itself unless `removeRoot` is false. If `directory` is
// itself a symlink, only the link is removed. With `continueOnError`, removes
// all it can and then reports the first failure.
inline Try<Nothing> rmdir(const std::string& directory, bool recursive = true,
                          bool removeRoot = true,
                          bool continueOnError = false) {
  if (!recursive) {
    if (::rmdir(directory.c_str()) < 0) {
      return ErrnoError("Failed to remove directory '" + directory + "'");
    }
    return Nothing();
  }

  if (stat::islink(directory)) {
    if (removeRoot && ::unlink(directory.c_str()) < 0) {
      return ErrnoError("Failed to remove '" + directory + "'");
    }
    return Nothing();
  }

  const int fd = ::open(directory.c_str(),
                        O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    return ErrnoError("Failed to open directory '" + directory + "'");
  }

  std::vector<std::string> errors;
  internal::rmdirContents(fd, directory, continueOnError, &errors);
  if (removeRoot && (errors.empty() || continueOnError)) {
    if (::rmdir(directory.c_str()) < 0) {
      errors.push_back(
          ErrnoError("Failed to remove directory '" + directory + "'").message);
    }
  }

  if (!errors.empty()) {
    std::string message = errors.front();
    if (errors.size() > 1) {
      message +=
          " (and " + std::to_string(errors.size() - 1) + " more failures)";
    }
    return Error(message);
  }
  return Nothing();
}

// Removes a file, a symlink or an empty directory.
inline Try<Nothing> rm(const std::string& path) {
  if (::remove(path.c_str()) < 0) {
    return ErrnoError("Failed to remove '" + path + "'");
  }
  return Nothing();
}

// rename(2): atomically replaces `to` (if it exists) with `from`. With
// `sync`, the directories of both are fsynced so the rename survives a
// crash.
inline Try<Nothing> rename(const std::string& from, const std::string& to,
                           bool sync = false) {
  if (::rename(from.c_str(), to.c_str()) < 0) {
    return ErrnoError("Failed to rename '" + from + "' to '" + to + "'");
  }
  if (sync) {
    const std::string toDirectory = Path(to).dirname();
    const std::string fromDirectory = Path(from).dirname();
    Try<Nothing> synced = fsync(toDirectory);
    if (synced.isError())
      return Error(synced.error());
    if (fromDirectory != toDirectory) {
      synced = fsync(fromDirectory);
      if (synced.isError())
        return Error(synced.error());
    }
  }
  return Nothing();
}

// Creates a symlink at `link` pointing to `original` (which need not exist).
inline Try<Nothing> symlink(const std::string& original,
                            const std::string& link) {
  if (::symlink(original.c_str(), link.c_str()) < 0) {
    return ErrnoError("Failed to symlink '" + link + "' to '" + original + "'");
  }
  return Nothing();
}

// The canonical absolute path (symlinks, "." and ".." resolved); None if
// `path` or a component of it does not exist.
inline Result<std::string> realpath(const std::string& path) {
  char buffer[PATH_MAX];
  if (::realpath(path.c_str(), buffer) == nullptr) {
    if (errno == ENOENT || errno == ENOTDIR)
      return None();
    return ErrnoError("Failed to resolve '" + path + "'");
  }
  return std::string(buffer);
}

inline Try<Nothing> chmod(const std::string& path, mode_t mode) {
  if (::chmod(path.c_str(), mode) < 0) {
    return ErrnoError("Failed to chmod '" + path + "'");
  }
  return Nothing();
}

// The current working directory; aborts only if the process has none
// (it was removed), which no caller can recover from either.
inline std::string getcwd() {
  std::vector<char> buffer(PATH_MAX);
  for (;;) {
    if (::getcwd(buffer.data(), buffer.size()) != nullptr) {
      return buffer.data();
    }
    if (errno != ERANGE)
      ABORT("Failed to get the current directory");
    buffer.resize(buffer.size() * 2);
  }
}

inline Try<Nothing> chdir(const std::string& directory) {
  if (::chdir(directory.c_str()) < 0) {
    return ErrnoError("Failed to change directory to '" + directory + "'");
  }
  return Nothing();
}

// The directory for temporary files: $TMPDIR, or "/tmp".
inline std::string temp() {
  Option<std::string> tmpdir = getenv("TMPDIR");
  return tmpdir.isSome() && !tmpdir->empty() ? tmpdir.get() : "/tmp";
}

// Creates a fresh directory (mode 0700) from `pattern`, whose last six
// characters must be "XXXXXX"; returns its path.
inline Try<std::string> mkdtemp(
    const std::string& pattern = path::join(temp(), "XXXXXX")) {
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (::mkdtemp(buffer.data()) == nullptr) {
    return ErrnoError("Failed to create a temporary directory from '" +
                      pattern + "'");
  }
  return std::string(buffer.data());
}

}  // namespace os

// Mesos spells symlink creation `fs::symlink`; keep that spelling working.
namespace fs {
inline Try<Nothing> symlink(const std::string& original,
                            const std::string& link) {
  return os::symlink(original, link);
}
}  // namespace fs

#endif  // STOUT_OS_FS_HPP
