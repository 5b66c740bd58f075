#include "slave/state.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <utility>

#include <glog/logging.h>

#include <stout/numify.hpp>
#include <stout/os.hpp>
#include <stout/path.hpp>
#include <stout/strings.hpp>

#include "slave/paths.hpp"

namespace mesos {
namespace internal {
namespace slave {
namespace state {

namespace {

constexpr char MESOS_EXECUTOR[] = "mesos-executor";

// The non-strict half of the recovery rule: log, count, and keep what was
// recovered so far.
template <typename S>
Try<S> skip(bool strict, const std::string& message, S state) {
  if (strict) {
    return Error(message);
  }
  LOG(WARNING) << message;
  state.errors++;
  return state;
}

Try<Nothing> createParent(const std::string& path) {
  const std::string directory = Path(path).dirname();
  Try<Nothing> created = os::mkdir(directory, true, true);
  if (created.isError()) {
    return Error("Failed to create directory '" + directory +
                 "': " + created.error());
  }
  return Nothing();
}

bool allZero(const std::string& data, size_t offset) {
  for (size_t i = offset; i < data.size(); i++) {
    if (data[i] != '\0') {
      return false;
    }
  }
  return true;
}

// What a parsed record must carry for the update manager to replay it.
Option<std::string> invalid(const StatusUpdateRecord& record) {
  if (record.type() == StatusUpdateRecord::UPDATE) {
    if (!record.has_update()) {
      return std::string("an UPDATE record without an update");
    }
    if (!record.update().has_uuid()) {
      return std::string("an update without a uuid");
    }
    Try<id::UUID> uuid = id::UUID::fromBytes(record.update().uuid());
    if (uuid.isError()) {
      return "an update with a bad uuid: " + uuid.error();
    }
    return None();
  }
  if (!record.has_uuid()) {
    return std::string("an ACK record without a uuid");
  }
  Try<id::UUID> uuid = id::UUID::fromBytes(record.uuid());
  if (uuid.isError()) {
    return "an ACK record with a bad uuid: " + uuid.error();
  }
  return None();
}

// Reads every record of task.updates into `state`. The file is read whole:
// it holds a few records per task, and having it in memory lets a corrupt
// record be skipped and a torn tail be located exactly.
Try<Nothing> recoverUpdates(const std::string& path, bool strict,
                            TaskState* state) {
  Try<int> fd = os::open(path, O_RDWR | O_CLOEXEC);
  if (fd.isError()) {
    return Error("Failed to open status updates file: " + fd.error());
  }

  struct ::stat s;
  if (::fstat(fd.get(), &s) < 0) {
    ErrnoError error("Failed to stat status updates file '" + path + "'");
    ::close(fd.get());
    return error;
  }

  std::string data;
  if (s.st_size > 0) {
    Result<std::string> read =
        os::read(fd.get(), static_cast<size_t>(s.st_size));
    if (read.isError()) {
      ::close(fd.get());
      return Error("Failed to read status updates file '" + path +
                   "': " + read.error());
    }
    if (read.isSome()) {
      data = std::move(read.get());
    }
  }

  size_t offset = 0;
  Option<std::string> torn;
  while (offset < data.size()) {
    const size_t remaining = data.size() - offset;
    uint32_t length = 0;
    if (remaining < sizeof(length)) {
      torn = std::string("the file ends inside a record length");
      break;
    }
    std::memcpy(&length, data.data() + offset, sizeof(length));
    if (remaining - sizeof(length) < length) {
      torn = "the file ends inside a record of " + std::to_string(length) +
             " bytes";
      break;
    }

    StatusUpdateRecord record;
    Option<std::string> problem;
    if (!record.ParsePartialFromArray(data.data() + offset + sizeof(length),
                                      static_cast<int>(length))) {
      problem = std::string("bytes that do not parse as a StatusUpdateRecord");
    } else if (!record.IsInitialized()) {
      problem = "a StatusUpdateRecord missing required fields: " +
                record.InitializationErrorString();
    } else {
      problem = invalid(record);
    }

    if (problem.isSome()) {
      // Zeros to the end are a write the crash cut off before its data
      // reached the disk; no real record starts with a zero length.
      if (allZero(data, offset)) {
        torn = "the file ends in " + std::to_string(remaining) + " zero bytes";
        break;
      }
      const std::string message =
          "Corrupt record at offset " + std::to_string(offset) +
          " of status updates file '" + path + "' (" + std::to_string(length) +
          " bytes): " + problem.get();
      if (strict) {
        ::close(fd.get());
        return Error(message);
      }
      LOG(WARNING) << message << "; skipping it";
      state->errors++;
    } else if (record.type() == StatusUpdateRecord::UPDATE) {
      state->updates.push_back(record.update());
    } else {
      state->acks.insert(id::UUID::fromBytes(record.uuid()).get());
    }
    offset += sizeof(length) + length;
  }

  if (torn.isSome()) {
    LOG(WARNING) << "Truncating status updates file '" << path
                 << "' to its last complete record at offset " << offset
                 << ", dropping " << (data.size() - offset)
                 << " bytes: " << torn.get()
                 << " (the agent died while appending)";
    Try<Nothing> truncated =
        os::ftruncate(fd.get(), static_cast<off_t>(offset));
    if (truncated.isSome()) {
      truncated = os::fsync(fd.get());
    }
    if (truncated.isError()) {
      ::close(fd.get());
      return Error("Failed to truncate status updates file '" + path +
                   "': " + truncated.error());
    }
  }

  ::close(fd.get());
  return Nothing();
}

// Reads a text file the agent checkpointed (a pid); None if it is empty.
Result<std::string> readText(const std::string& path) {
  Result<std::string> text = read<std::string>(path);
  if (text.isError()) {
    return Error(text.error());
  }
  const std::string trimmed = strings::trim(text.get());
  if (trimmed.empty()) {
    return None();
  }
  return trimmed;
}

}  // namespace

Try<Nothing> checkpoint(const std::string& path, const std::string& data) {
  Try<Nothing> parent = createParent(path);
  if (parent.isError()) {
    return parent;
  }
  return os::atomicWrite(path, data);
}

Try<Nothing> checkpoint(const std::string& path,
                        const google::protobuf::Message& message) {
  Try<Nothing> parent = createParent(path);
  if (parent.isError()) {
    return parent;
  }
  return ::protobuf::write(path, message);
}

Try<Nothing> checkpoint(
    const std::string& path,
    const google::protobuf::RepeatedPtrField<Resource>& resources) {
  Try<Nothing> parent = createParent(path);
  if (parent.isError()) {
    return parent;
  }
  return ::protobuf::write(path, resources);
}

Try<Nothing> checkpoint(const std::string& path, const Resources& resources) {
  return checkpoint(
      path,
      static_cast<google::protobuf::RepeatedPtrField<Resource>>(resources));
}

template <>
Result<Resources> read<Resources>(const std::string& path) {
  Result<google::protobuf::RepeatedPtrField<Resource>> resources =
      read<google::protobuf::RepeatedPtrField<Resource>>(path);
  if (resources.isError()) {
    return Error(resources.error());
  }
  if (resources.isNone()) {
    return None();
  }
  return Resources(resources.get());
}

template <>
Result<std::string> read<std::string>(const std::string& path) {
  Try<std::string> text = os::read(path);
  if (text.isError()) {
    return Error(text.error());
  }
  return text.get();
}

Try<std::string> bootId() {
  Try<std::string> id = os::read("/proc/sys/kernel/random/boot_id");
  if (id.isError()) {
    return Error("Failed to read the boot id: " + id.error());
  }
  return strings::trim(id.get());
}

Try<State> recover(const std::string& rootDir, bool strict) {
  LOG(INFO) << "Recovering state from '" << rootDir << "'";

  State state;

  // No meta dir: the agent's first start, or a start after
  // --recover=cleanup removed it.
  if (!os::exists(rootDir)) {
    return state;
  }

  Try<ResourcesState> resources = ResourcesState::recover(rootDir, strict);
  if (resources.isError()) {
    return Error(resources.error());
  }
  state.resources = resources.get();
  state.errors += resources->errors;

  const std::string bootIdPath = paths::getBootIdPath(rootDir);
  if (os::exists(bootIdPath)) {
    Result<std::string> checkpointed = read<std::string>(bootIdPath);
    if (checkpointed.isError()) {
      LOG(WARNING) << "Failed to read '" << bootIdPath
                   << "': " << checkpointed.error();
    } else {
      Try<std::string> current = bootId();
      if (current.isError()) {
        return Error(current.error());
      }
      if (current.get() != strings::trim(checkpointed.get())) {
        LOG(INFO) << "Agent host rebooted";
        state.rebooted = true;
      }
    }
  }

  const std::string latest = paths::getLatestSlavePath(rootDir);
  if (!os::exists(latest)) {
    // The agent stopped (or died) before it registered and made the link.
    LOG(INFO) << "Failed to find the latest agent in '" << rootDir << "'";
    return state;
  }

  Result<std::string> directory = os::realpath(latest);
  if (!directory.isSome()) {
    return Error("Failed to find the latest agent: " +
                 (directory.isError() ? directory.error()
                                      : "'" + latest + "' is dangling"));
  }

  SlaveID slaveId;
  slaveId.set_value(Path(directory.get()).basename());

  Try<SlaveState> slave =
      SlaveState::recover(rootDir, slaveId, strict, state.rebooted);
  if (slave.isError()) {
    return Error(slave.error());
  }
  state.slave = slave.get();
  state.errors += slave->errors;
  return state;
}

Try<ResourcesState> ResourcesState::recover(const std::string& rootDir,
                                            bool strict) {
  ResourcesState state;

  const std::string infoPath = paths::getResourcesInfoPath(rootDir);
  if (!os::exists(infoPath)) {
    LOG(INFO) << "No committed checkpointed resources found at '" << infoPath
              << "'";
    return state;
  }

  Result<Resources> info = read<Resources>(infoPath);
  if (info.isError()) {
    return skip(
        strict,
        "Failed to read resources file '" + infoPath + "': " + info.error(),
        std::move(state));
  }
  if (info.isSome()) {
    state.resources = info.get();
  }

  const std::string targetPath = paths::getResourcesTargetPath(rootDir);
  if (!os::exists(targetPath)) {
    return state;
  }

  Result<Resources> target = read<Resources>(targetPath);
  if (target.isError()) {
    return skip(
        strict,
        "Failed to read resources file '" + targetPath + "': " + target.error(),
        std::move(state));
  }
  if (target.isSome()) {
    state.target = target.get();
  }
  return state;
}

Try<SlaveState> SlaveState::recover(const std::string& rootDir,
                                    const SlaveID& slaveId, bool strict,
                                    bool rebooted) {
  SlaveState state;
  state.id = slaveId;

  const std::string path = paths::getSlaveInfoPath(rootDir, slaveId);
  if (!os::exists(path)) {
    // The agent died before it registered with the master.
    LOG(WARNING) << "Failed to find agent info file '" << path << "'";
    return state;
  }

  Result<SlaveInfo> info = read<SlaveInfo>(path);
  if (info.isError()) {
    return skip(
        strict,
        "Failed to read agent info from '" + path + "': " + info.error(),
        std::move(state));
  }
  if (info.isNone()) {
    LOG(WARNING) << "Found empty agent info file '" << path << "'";
    return state;
  }
  state.info = info.get();

  Try<std::vector<std::string>> frameworks =
      paths::getFrameworkPaths(rootDir, slaveId);
  if (frameworks.isError()) {
    return Error("Failed to find frameworks for agent " + slaveId.value() +
                 ": " + frameworks.error());
  }

  for (const std::string& directory : frameworks.get()) {
    FrameworkID frameworkId;
    frameworkId.set_value(Path(directory).basename());

    Try<FrameworkState> framework = FrameworkState::recover(
        rootDir, slaveId, frameworkId, strict, rebooted);
    if (framework.isError()) {
      return Error("Failed to recover framework " + frameworkId.value() + ": " +
                   framework.error());
    }
    state.errors += framework->errors;
    state.frameworks[frameworkId] = std::move(framework.get());
  }
  return state;
}

Try<FrameworkState> FrameworkState::recover(const std::string& rootDir,
                                            const SlaveID& slaveId,
                                            const FrameworkID& frameworkId,
                                            bool strict, bool rebooted) {
  FrameworkState state;
  state.id = frameworkId;

  std::string path = paths::getFrameworkInfoPath(rootDir, slaveId, frameworkId);
  if (!os::exists(path)) {
    // The agent died between creating the directory and the info file.
    LOG(WARNING) << "Failed to find framework info file '" << path << "'";
    return state;
  }

  Result<FrameworkInfo> info = read<FrameworkInfo>(path);
  if (info.isError()) {
    return skip(
        strict,
        "Failed to read framework info from '" + path + "': " + info.error(),
        std::move(state));
  }
  if (info.isNone()) {
    LOG(WARNING) << "Found empty framework info file '" << path << "'";
    return state;
  }
  state.info = info.get();

  path = paths::getFrameworkPidPath(rootDir, slaveId, frameworkId);
  if (!os::exists(path)) {
    LOG(WARNING) << "Failed to find framework pid file '" << path << "'";
    return state;
  }

  Result<std::string> pid = readText(path);
  if (pid.isError()) {
    return skip(
        strict,
        "Failed to read framework pid from '" + path + "': " + pid.error(),
        std::move(state));
  }
  if (pid.isNone()) {
    LOG(WARNING) << "Found empty framework pid file '" << path << "'";
    return state;
  }
  state.pid = process::UPID(pid.get());

  Try<std::vector<std::string>> executors =
      paths::getExecutorPaths(rootDir, slaveId, frameworkId);
  if (executors.isError()) {
    return Error("Failed to find executors for framework " +
                 frameworkId.value() + ": " + executors.error());
  }

  for (const std::string& directory : executors.get()) {
    ExecutorID executorId;
    executorId.set_value(Path(directory).basename());

    Try<ExecutorState> executor = ExecutorState::recover(
        rootDir, slaveId, frameworkId, executorId, strict, rebooted);
    if (executor.isError()) {
      return Error("Failed to recover executor '" + executorId.value() +
                   "': " + executor.error());
    }
    state.errors += executor->errors;
    state.executors[executorId] = std::move(executor.get());
  }
  return state;
}

Try<ExecutorState> ExecutorState::recover(const std::string& rootDir,
                                          const SlaveID& slaveId,
                                          const FrameworkID& frameworkId,
                                          const ExecutorID& executorId,
                                          bool strict, bool rebooted) {
  ExecutorState state;
  state.id = executorId;

  Try<std::vector<std::string>> runs =
      paths::getExecutorRunPaths(rootDir, slaveId, frameworkId, executorId);
  if (runs.isError()) {
    return Error("Failed to find runs of executor '" + executorId.value() +
                 "': " + runs.error());
  }

  for (const std::string& directory : runs.get()) {
    if (Path(directory).basename() == paths::LATEST_SYMLINK) {
      Result<std::string> latest = os::realpath(directory);
      if (latest.isNone()) {
        // The agent died while garbage collecting: the run is gone, the
        // link not yet.
        LOG(WARNING) << "Dangling 'latest' run symlink of executor '"
                     << executorId << "'";
        continue;
      }
      if (latest.isError()) {
        return Error("Failed to find the latest run of executor '" +
                     executorId.value() + "': " + latest.error());
      }
      ContainerID containerId;
      containerId.set_value(Path(latest.get()).basename());
      state.latest = containerId;
      continue;
    }

    ContainerID containerId;
    containerId.set_value(Path(directory).basename());

    Try<RunState> run =
        RunState::recover(rootDir, slaveId, frameworkId, executorId,
                          containerId, strict, rebooted);
    if (run.isError()) {
      return Error("Failed to recover run " + containerId.value() +
                   " of executor '" + executorId.value() + "': " + run.error());
    }
    state.errors += run->errors;
    state.runs[containerId] = std::move(run.get());
  }

  if (state.latest.isNone()) {
    // The agent died before it made the "latest" link.
    LOG(WARNING) << "Failed to find the latest run of executor '" << executorId
                 << "' of framework " << frameworkId;
    return state;
  }

  std::string path =
      paths::getExecutorInfoPath(rootDir, slaveId, frameworkId, executorId);
  if (!os::exists(path)) {
    LOG(WARNING) << "Failed to find executor info file '" << path << "'";
    return state;
  }

  Result<ExecutorInfo> info = read<ExecutorInfo>(path);
  if (info.isError()) {
    return skip(
        strict,
        "Failed to read executor info from '" + path + "': " + info.error(),
        std::move(state));
  }
  if (info.isNone()) {
    LOG(WARNING) << "Found empty executor info file '" << path << "'";
    return state;
  }
  state.info = info.get();

  path = paths::getExecutorGeneratedForCommandTaskPath(rootDir, slaveId,
                                                       frameworkId, executorId);
  if (os::exists(path)) {
    Result<std::string> text = readText(path);
    if (text.isError()) {
      return skip(strict, "Failed to read '" + path + "': " + text.error(),
                  std::move(state));
    }
    Try<int> generated = numify<int>(text.isSome() ? text.get() : "");
    if (generated.isError()) {
      return skip(strict,
                  "Failed to parse '" + path + "': " + generated.error(),
                  std::move(state));
    }
    state.generatedForCommandTask = generated.get() != 0;
  } else {
    // Agents before Mesos 1.7 did not record it; Mesos recognises its
    // command executor by name and command instead.
    state.generatedForCommandTask =
        strings::endsWith(state.info->command().value(), MESOS_EXECUTOR) &&
        strings::startsWith(state.info->name(), "Command Executor");
  }
  return state;
}

Try<RunState> RunState::recover(const std::string& rootDir,
                                const SlaveID& slaveId,
                                const FrameworkID& frameworkId,
                                const ExecutorID& executorId,
                                const ContainerID& containerId, bool strict,
                                bool rebooted) {
  RunState state;
  state.id = containerId;

  // Read first, so that it is known even if the rest is only partly there.
  state.completed = os::exists(paths::getExecutorSentinelPath(
      rootDir, slaveId, frameworkId, executorId, containerId));

  Try<std::vector<std::string>> tasks = paths::getTaskPaths(
      rootDir, slaveId, frameworkId, executorId, containerId);
  if (tasks.isError()) {
    return Error("Failed to find tasks of executor run " + containerId.value() +
                 ": " + tasks.error());
  }

  for (const std::string& directory : tasks.get()) {
    TaskID taskId;
    taskId.set_value(Path(directory).basename());

    Try<TaskState> task = TaskState::recover(
        rootDir, slaveId, frameworkId, executorId, containerId, taskId, strict);
    if (task.isError()) {
      return Error("Failed to recover task " + taskId.value() + ": " +
                   task.error());
    }
    state.errors += task->errors;
    state.tasks[taskId] = std::move(task.get());
  }

  std::string path = paths::getForkedPidPath(rootDir, slaveId, frameworkId,
                                             executorId, containerId);

  // After a reboot the pids name nothing (or worse, some other process).
  // The forked pid file goes so that an agent restarted after this
  // recovery checkpointed the new boot id does not read it either.
  if (rebooted) {
    if (os::exists(path)) {
      Try<Nothing> removed = os::rm(path);
      if (removed.isError()) {
        return Error("Failed to remove executor forked pid file '" + path +
                     "': " + removed.error());
      }
    }
    return state;
  }

  if (!os::exists(path)) {
    // The agent died before the containerizer checkpointed the pid.
    LOG(WARNING) << "Failed to find executor forked pid file '" << path << "'";
    return state;
  }

  Result<std::string> pid = readText(path);
  if (pid.isError()) {
    return skip(strict,
                "Failed to read executor forked pid from '" + path +
                    "': " + pid.error(),
                std::move(state));
  }
  if (pid.isNone()) {
    LOG(WARNING) << "Found empty executor forked pid file '" << path << "'";
    return state;
  }

  Try<pid_t> forkedPid = numify<pid_t>(pid.get());
  if (forkedPid.isError()) {
    return skip(strict,
                "Failed to parse forked pid '" + pid.get() + "' from '" + path +
                    "': " + forkedPid.error(),
                std::move(state));
  }
  state.forkedPid = forkedPid.get();

  path = paths::getLibprocessPidPath(rootDir, slaveId, frameworkId, executorId,
                                     containerId);
  if (os::exists(path)) {
    pid = readText(path);
    if (pid.isError()) {
      return skip(strict,
                  "Failed to read executor libprocess pid from '" + path +
                      "': " + pid.error(),
                  std::move(state));
    }
    if (pid.isNone()) {
      LOG(WARNING) << "Found empty executor libprocess pid file '" << path
                   << "'";
      return state;
    }
    state.libprocessPid = process::UPID(pid.get());
    state.http = false;
    return state;
  }

  path = paths::getExecutorHttpMarkerPath(rootDir, slaveId, frameworkId,
                                          executorId, containerId);
  if (!os::exists(path)) {
    // The agent died before the executor subscribed.
    LOG(WARNING) << "Failed to find '" << paths::LIBPROCESS_PID_FILE << "' or '"
                 << paths::HTTP_MARKER_FILE << "' for container " << containerId
                 << " of executor '" << executorId << "' of framework "
                 << frameworkId;
    return state;
  }
  state.http = true;
  return state;
}

Try<TaskState> TaskState::recover(const std::string& rootDir,
                                  const SlaveID& slaveId,
                                  const FrameworkID& frameworkId,
                                  const ExecutorID& executorId,
                                  const ContainerID& containerId,
                                  const TaskID& taskId, bool strict) {
  TaskState state;
  state.id = taskId;

  std::string path = paths::getTaskInfoPath(rootDir, slaveId, frameworkId,
                                            executorId, containerId, taskId);
  if (!os::exists(path)) {
    // The agent died between creating the directory and the info file.
    LOG(WARNING) << "Failed to find task info file '" << path << "'";
    return state;
  }

  Result<Task> info = read<Task>(path);
  if (info.isError()) {
    return skip(strict,
                "Failed to read task info from '" + path + "': " + info.error(),
                std::move(state));
  }
  if (info.isNone()) {
    LOG(WARNING) << "Found empty task info file '" << path << "'";
    return state;
  }
  state.info = info.get();

  path = paths::getTaskUpdatesPath(rootDir, slaveId, frameworkId, executorId,
                                   containerId, taskId);
  if (!os::exists(path)) {
    // No update was checkpointed for this task yet.
    LOG(WARNING) << "Failed to find status updates file '" << path << "'";
    return state;
  }

  Try<Nothing> updates = recoverUpdates(path, strict, &state);
  if (updates.isError()) {
    return skip(strict, updates.error(), std::move(state));
  }
  return state;
}

}  // namespace state
}  // namespace slave
}  // namespace internal
}  // namespace mesos
