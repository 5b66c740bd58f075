#include "slave/paths.hpp"

#include <errno.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <vector>

#include <glog/logging.h>

#include <stout/error.hpp>
#include <stout/os.hpp>
#include <stout/path.hpp>
#include <stout/strings.hpp>

namespace mesos {
namespace internal {
namespace slave {
namespace paths {

namespace {

constexpr char META_DIR[] = "meta";
constexpr char SLAVES_DIR[] = "slaves";
constexpr char FRAMEWORKS_DIR[] = "frameworks";
constexpr char EXECUTORS_DIR[] = "executors";
constexpr char EXECUTOR_RUNS_DIR[] = "runs";
constexpr char PIDS_DIR[] = "pids";
constexpr char TASKS_DIR[] = "tasks";
constexpr char RESOURCES_DIR[] = "resources";
constexpr char EXECUTOR_GENERATED_FOR_COMMAND_TASK_FILE[] =
    "executor_generated_for_command_task";

// A missing parent means "nothing checkpointed yet", which recovery treats
// like an empty directory.
Try<std::vector<std::string>> listDirectory(const std::string& directory) {
  if (!os::exists(directory)) {
    return std::vector<std::string>();
  }
  Try<std::vector<std::string>> names = os::ls(directory);
  if (names.isError()) {
    return Error(names.error());
  }
  std::vector<std::string> result;
  for (const std::string& name : names.get()) {
    if (!strings::startsWith(name, ".")) {
      result.push_back(path::join(directory, name));
    }
  }
  return result;
}

// The link is made under a temporary name and renamed over `link`, so a
// crash leaves either the old or the new link, never none. The target is
// relative (the sibling's name), so the tree can be moved as a whole.
Try<Nothing> pointLatestAt(const std::string& directory,
                           const std::string& link) {
  const std::string temporary =
      path::join(Path(link).dirname(), "." + Path(link).basename() + ".tmp." +
                                           std::to_string(::getpid()));
  if (os::exists(temporary)) {
    Try<Nothing> removed = os::rm(temporary);
    if (removed.isError()) {
      return Error(removed.error());
    }
  }
  Try<Nothing> linked = os::symlink(Path(directory).basename(), temporary);
  if (linked.isError()) {
    return Error(linked.error());
  }
  Try<Nothing> renamed = os::rename(temporary, link, true);
  if (renamed.isError()) {
    Try<Nothing> removed = os::rm(temporary);
    if (removed.isError()) {
      LOG(WARNING) << "Failed to remove '" << temporary
                   << "': " << removed.error();
    }
    return Error(renamed.error());
  }
  return Nothing();
}

Try<Nothing> chown(const std::string& user, const std::string& path) {
  long size = ::sysconf(_SC_GETPW_R_SIZE_MAX);
  std::vector<char> buffer(size > 0 ? static_cast<size_t>(size) : 16384);
  struct passwd entry;
  struct passwd* found = nullptr;
  int error;
  while ((error = ::getpwnam_r(user.c_str(), &entry, buffer.data(),
                               buffer.size(), &found)) == ERANGE) {
    buffer.resize(buffer.size() * 2);
  }
  if (error != 0) {
    return ErrnoError("Failed to look up user '" + user + "'", error);
  }
  if (found == nullptr) {
    return Error("No such user '" + user + "'");
  }
  if (::chown(path.c_str(), entry.pw_uid, entry.pw_gid) < 0) {
    return ErrnoError("Failed to chown '" + path + "' to '" + user + "'");
  }
  return Nothing();
}

}  // namespace

std::string getMetaRootDir(const std::string& workDir) {
  return path::join(workDir, META_DIR);
}

std::string getSandboxRootDir(const std::string& workDir) {
  return path::join(workDir, SLAVES_DIR);
}

std::string getBootIdPath(const std::string& rootDir) {
  return path::join(rootDir, BOOT_ID_FILE);
}

std::string getResourcesInfoPath(const std::string& rootDir) {
  return path::join(rootDir, RESOURCES_DIR, RESOURCES_INFO_FILE);
}

std::string getResourcesTargetPath(const std::string& rootDir) {
  return path::join(rootDir, RESOURCES_DIR, RESOURCES_TARGET_FILE);
}

std::string getLatestSlavePath(const std::string& rootDir) {
  return path::join(rootDir, SLAVES_DIR, LATEST_SYMLINK);
}

std::string getSlavePath(const std::string& rootDir, const SlaveID& slaveId) {
  return path::join(rootDir, SLAVES_DIR, slaveId.value());
}

std::string getSlaveInfoPath(const std::string& rootDir,
                             const SlaveID& slaveId) {
  return path::join(getSlavePath(rootDir, slaveId), SLAVE_INFO_FILE);
}

Try<std::vector<std::string>> getFrameworkPaths(const std::string& rootDir,
                                                const SlaveID& slaveId) {
  return listDirectory(
      path::join(getSlavePath(rootDir, slaveId), FRAMEWORKS_DIR));
}

std::string getFrameworkPath(const std::string& rootDir, const SlaveID& slaveId,
                             const FrameworkID& frameworkId) {
  return path::join(getSlavePath(rootDir, slaveId), FRAMEWORKS_DIR,
                    frameworkId.value());
}

std::string getFrameworkInfoPath(const std::string& rootDir,
                                 const SlaveID& slaveId,
                                 const FrameworkID& frameworkId) {
  return path::join(getFrameworkPath(rootDir, slaveId, frameworkId),
                    FRAMEWORK_INFO_FILE);
}

std::string getFrameworkPidPath(const std::string& rootDir,
                                const SlaveID& slaveId,
                                const FrameworkID& frameworkId) {
  return path::join(getFrameworkPath(rootDir, slaveId, frameworkId),
                    FRAMEWORK_PID_FILE);
}

Try<std::vector<std::string>> getExecutorPaths(const std::string& rootDir,
                                               const SlaveID& slaveId,
                                               const FrameworkID& frameworkId) {
  return listDirectory(path::join(
      getFrameworkPath(rootDir, slaveId, frameworkId), EXECUTORS_DIR));
}

std::string getExecutorPath(const std::string& rootDir, const SlaveID& slaveId,
                            const FrameworkID& frameworkId,
                            const ExecutorID& executorId) {
  return path::join(getFrameworkPath(rootDir, slaveId, frameworkId),
                    EXECUTORS_DIR, executorId.value());
}

std::string getExecutorInfoPath(const std::string& rootDir,
                                const SlaveID& slaveId,
                                const FrameworkID& frameworkId,
                                const ExecutorID& executorId) {
  return path::join(getExecutorPath(rootDir, slaveId, frameworkId, executorId),
                    EXECUTOR_INFO_FILE);
}

std::string getExecutorGeneratedForCommandTaskPath(
    const std::string& rootDir, const SlaveID& slaveId,
    const FrameworkID& frameworkId, const ExecutorID& executorId) {
  return path::join(getExecutorPath(rootDir, slaveId, frameworkId, executorId),
                    EXECUTOR_GENERATED_FOR_COMMAND_TASK_FILE);
}

Try<std::vector<std::string>> getExecutorRunPaths(
    const std::string& rootDir, const SlaveID& slaveId,
    const FrameworkID& frameworkId, const ExecutorID& executorId) {
  return listDirectory(
      path::join(getExecutorPath(rootDir, slaveId, frameworkId, executorId),
                 EXECUTOR_RUNS_DIR));
}

std::string getExecutorRunPath(const std::string& rootDir,
                               const SlaveID& slaveId,
                               const FrameworkID& frameworkId,
                               const ExecutorID& executorId,
                               const ContainerID& containerId) {
  return path::join(getExecutorPath(rootDir, slaveId, frameworkId, executorId),
                    EXECUTOR_RUNS_DIR, containerId.value());
}

std::string getExecutorLatestRunPath(const std::string& rootDir,
                                     const SlaveID& slaveId,
                                     const FrameworkID& frameworkId,
                                     const ExecutorID& executorId) {
  return path::join(getExecutorPath(rootDir, slaveId, frameworkId, executorId),
                    EXECUTOR_RUNS_DIR, LATEST_SYMLINK);
}

std::string getExecutorSentinelPath(const std::string& rootDir,
                                    const SlaveID& slaveId,
                                    const FrameworkID& frameworkId,
                                    const ExecutorID& executorId,
                                    const ContainerID& containerId) {
  return path::join(getExecutorRunPath(rootDir, slaveId, frameworkId,
                                       executorId, containerId),
                    EXECUTOR_SENTINEL_FILE);
}

std::string getExecutorHttpMarkerPath(const std::string& rootDir,
                                      const SlaveID& slaveId,
                                      const FrameworkID& frameworkId,
                                      const ExecutorID& executorId,
                                      const ContainerID& containerId) {
  return path::join(getExecutorRunPath(rootDir, slaveId, frameworkId,
                                       executorId, containerId),
                    HTTP_MARKER_FILE);
}

std::string getForkedPidPath(const std::string& rootDir, const SlaveID& slaveId,
                             const FrameworkID& frameworkId,
                             const ExecutorID& executorId,
                             const ContainerID& containerId) {
  return path::join(getExecutorRunPath(rootDir, slaveId, frameworkId,
                                       executorId, containerId),
                    PIDS_DIR, FORKED_PID_FILE);
}

std::string getLibprocessPidPath(const std::string& rootDir,
                                 const SlaveID& slaveId,
                                 const FrameworkID& frameworkId,
                                 const ExecutorID& executorId,
                                 const ContainerID& containerId) {
  return path::join(getExecutorRunPath(rootDir, slaveId, frameworkId,
                                       executorId, containerId),
                    PIDS_DIR, LIBPROCESS_PID_FILE);
}

Try<std::vector<std::string>> getTaskPaths(const std::string& rootDir,
                                           const SlaveID& slaveId,
                                           const FrameworkID& frameworkId,
                                           const ExecutorID& executorId,
                                           const ContainerID& containerId) {
  return listDirectory(
      path::join(getExecutorRunPath(rootDir, slaveId, frameworkId, executorId,
                                    containerId),
                 TASKS_DIR));
}

std::string getTaskPath(const std::string& rootDir, const SlaveID& slaveId,
                        const FrameworkID& frameworkId,
                        const ExecutorID& executorId,
                        const ContainerID& containerId, const TaskID& taskId) {
  return path::join(getExecutorRunPath(rootDir, slaveId, frameworkId,
                                       executorId, containerId),
                    TASKS_DIR, taskId.value());
}

std::string getTaskInfoPath(const std::string& rootDir, const SlaveID& slaveId,
                            const FrameworkID& frameworkId,
                            const ExecutorID& executorId,
                            const ContainerID& containerId,
                            const TaskID& taskId) {
  return path::join(getTaskPath(rootDir, slaveId, frameworkId, executorId,
                                containerId, taskId),
                    TASK_INFO_FILE);
}

std::string getTaskUpdatesPath(const std::string& rootDir,
                               const SlaveID& slaveId,
                               const FrameworkID& frameworkId,
                               const ExecutorID& executorId,
                               const ContainerID& containerId,
                               const TaskID& taskId) {
  return path::join(getTaskPath(rootDir, slaveId, frameworkId, executorId,
                                containerId, taskId),
                    TASK_UPDATES_FILE);
}

Try<ExecutorRunPath> parseExecutorRunPath(const std::string& rootDir,
                                          const std::string& dir) {
  // The trailing separator keeps "/work" from matching "/work2/...".
  const std::string prefix = path::join(rootDir, "");
  if (!strings::startsWith(dir, prefix)) {
    return Error("Directory '" + dir + "' is not under the root directory '" +
                 prefix + "'");
  }

  const std::vector<std::string> tokens =
      strings::tokenize(dir.substr(prefix.size()), "/");
  if (tokens.size() < 8) {
    return Error("Directory '" + dir +
                 "' is too short to be an executor run path");
  }
  if (tokens[0] != SLAVES_DIR || tokens[2] != FRAMEWORKS_DIR ||
      tokens[4] != EXECUTORS_DIR || tokens[6] != EXECUTOR_RUNS_DIR) {
    return Error("Directory '" + dir + "' is not an executor run path");
  }

  ExecutorRunPath result;
  result.slaveId.set_value(tokens[1]);
  result.frameworkId.set_value(tokens[3]);
  result.executorId.set_value(tokens[5]);
  result.containerId.set_value(tokens[7]);
  return result;
}

Try<Nothing> validateId(const std::string& id, const std::string& kind) {
  if (id.empty()) {
    return Error("Invalid " + kind + ": empty");
  }
  if (id == "." || id == "..") {
    return Error("Invalid " + kind + " '" + id + "'");
  }
  if (id.find('/') != std::string::npos || id.find('\0') != std::string::npos) {
    return Error("Invalid " + kind + " '" + id +
                 "': contains '/' or a NUL character");
  }
  return Nothing();
}

Try<Nothing> createSandboxDirectory(const std::string& directory,
                                    const Option<std::string>& user) {
  // Durably: the same call makes the run's checkpoint directory under the
  // meta dir, and a checkpoint inside a directory whose own entry is lost
  // in a crash is lost with it.
  Try<Nothing> created = os::mkdir(directory, true, true);
  if (created.isError()) {
    return Error("Failed to create sandbox: " + created.error());
  }

  Try<Nothing> restricted = os::chmod(directory, 0750);
  if (restricted.isError()) {
    return Error("Failed to restrict sandbox: " + restricted.error());
  }

  if (user.isSome()) {
    Try<Nothing> owned = chown(user.get(), directory);
    if (owned.isError()) {
      Try<Nothing> removed = os::rmdir(directory);
      if (removed.isError()) {
        LOG(WARNING) << "Failed to remove sandbox '" << directory
                     << "' after a failed chown: " << removed.error();
      }
      return Error(owned.error());
    }
  }
  return Nothing();
}

Try<std::string> createExecutorDirectory(const std::string& rootDir,
                                         const SlaveID& slaveId,
                                         const FrameworkID& frameworkId,
                                         const ExecutorID& executorId,
                                         const ContainerID& containerId,
                                         const Option<std::string>& user) {
  for (const auto& [id, kind] :
       {std::make_pair(&slaveId.value(), "agent ID"),
        std::make_pair(&frameworkId.value(), "framework ID"),
        std::make_pair(&executorId.value(), "executor ID"),
        std::make_pair(&containerId.value(), "container ID")}) {
    Try<Nothing> valid = validateId(*id, kind);
    if (valid.isError()) {
      return Error(valid.error());
    }
  }

  const std::string directory = getExecutorRunPath(
      rootDir, slaveId, frameworkId, executorId, containerId);

  LOG(INFO) << "Creating sandbox '" << directory << "'"
            << (user.isSome() ? " for user '" + user.get() + "'" : "");

  Try<Nothing> created = createSandboxDirectory(directory, user);
  if (created.isError()) {
    return Error("Failed to create executor directory '" + directory +
                 "': " + created.error());
  }

  const std::string latest =
      getExecutorLatestRunPath(rootDir, slaveId, frameworkId, executorId);
  Try<Nothing> linked = pointLatestAt(directory, latest);
  if (linked.isError()) {
    return Error("Failed to point '" + latest + "' at '" + directory +
                 "': " + linked.error());
  }
  return directory;
}

Try<std::string> createSlaveDirectory(const std::string& rootDir,
                                      const SlaveID& slaveId) {
  Try<Nothing> valid = validateId(slaveId.value(), "agent ID");
  if (valid.isError()) {
    return Error(valid.error());
  }

  const std::string directory = getSlavePath(rootDir, slaveId);
  Try<Nothing> created = os::mkdir(directory, true, true);
  if (created.isError()) {
    return Error("Failed to create agent directory '" + directory +
                 "': " + created.error());
  }

  const std::string latest = getLatestSlavePath(rootDir);
  Try<Nothing> linked = pointLatestAt(directory, latest);
  if (linked.isError()) {
    return Error("Failed to point '" + latest + "' at '" + directory +
                 "': " + linked.error());
  }
  return directory;
}

}  // namespace paths
}  // namespace slave
}  // namespace internal
}  // namespace mesos
