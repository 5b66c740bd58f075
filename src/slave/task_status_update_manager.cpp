#include "slave/task_status_update_manager.hpp"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <glog/logging.h>

#include <process/delay.hpp>
#include <process/dispatch.hpp>
#include <process/id.hpp>
#include <process/process.hpp>

#include <stout/hashmap.hpp>
#include <stout/os.hpp>
#include <stout/path.hpp>
#include <stout/protobuf.hpp>
#include <stout/stringify.hpp>

#include "common/protobuf_utils.hpp"
#include "slave/paths.hpp"
#include "slave/state.hpp"

namespace mesos {
namespace internal {
namespace slave {

using process::Failure;
using process::Future;
using process::Promise;
using process::Timeout;

namespace {

// "TASK_RUNNING (Status UUID: ...) for task t of framework f", as Mesos
// logs updates.
std::string describe(const StatusUpdate& update) {
  std::string uuid = "none";
  if (update.has_uuid()) {
    Try<id::UUID> parsed = id::UUID::fromBytes(update.uuid());
    uuid = parsed.isSome() ? parsed->toString() : "invalid";
  }
  return stringify(update.status().state()) + " (Status UUID: " + uuid +
         ") for task " + update.status().task_id().value() + " of framework " +
         update.framework_id().value();
}

}  // namespace

// -- TaskStatusUpdateStream --------------------------------------------------

Try<std::unique_ptr<TaskStatusUpdateStream>> TaskStatusUpdateStream::create(
    const TaskID& taskId, const FrameworkID& frameworkId,
    const Option<std::string>& path, CheckpointSync sync) {
  if (path.isNone()) {
    return std::unique_ptr<TaskStatusUpdateStream>(
        new TaskStatusUpdateStream(taskId, frameworkId, path, sync, -1, 0));
  }

  const bool durable = sync == CheckpointSync::FSYNC;
  const std::string directory = Path(path.get()).dirname();
  Try<Nothing> created = os::mkdir(directory, true, durable);
  if (created.isError()) {
    return Error("Failed to create '" + directory + "': " + created.error());
  }

  const bool existed = os::exists(path.get());
  Try<int> fd =
      os::open(path.get(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd.isError()) {
    return Error("Failed to open '" + path.get() +
                 "' for status updates: " + fd.error());
  }

  Try<off_t> size = os::lseek(fd.get(), 0, SEEK_END);
  Try<Nothing> ready =
      size.isError() ? Try<Nothing>(Error(size.error())) : Nothing();
  // A new file's directory entry must be durable before an update in it
  // is acknowledged, or a crash could lose the whole file.
  if (ready.isSome() && !existed && durable) {
    ready = os::fsync(directory);
  }
  if (ready.isError()) {
    ::close(fd.get());
    return Error("Failed to open '" + path.get() +
                 "' for status updates: " + ready.error());
  }

  return std::unique_ptr<TaskStatusUpdateStream>(new TaskStatusUpdateStream(
      taskId, frameworkId, path, sync, fd.get(), size.get()));
}

TaskStatusUpdateStream::TaskStatusUpdateStream(const TaskID& taskId,
                                               const FrameworkID& frameworkId,
                                               const Option<std::string>& path,
                                               CheckpointSync sync, int fd,
                                               off_t size)
    : taskId_(taskId),
      frameworkId_(frameworkId),
      path_(path),
      sync_(sync),
      fd_(fd),
      size_(size) {}

TaskStatusUpdateStream::~TaskStatusUpdateStream() {
  if (unsynced_ != nullptr) {
    Try<Nothing> synced = sync();
    if (synced.isError()) {
      LOG(ERROR) << synced.error();
    }
  }
  timer.cancel();
  if (fd_ >= 0) {
    Try<Nothing> closed = os::close(fd_);
    if (closed.isError()) {
      LOG(ERROR) << "Failed to close '" << path_.get()
                 << "': " << closed.error();
    }
  }
}

Result<StatusUpdate> TaskStatusUpdateStream::next() const {
  if (error_.isSome()) {
    return Error(error_.get());
  }
  if (pending_.empty()) {
    return None();
  }
  return pending_.front();
}

Try<Nothing> TaskStatusUpdateStream::broken() const {
  if (error_.isSome()) {
    return Error(error_.get());
  }
  return Nothing();
}

Try<bool> TaskStatusUpdateStream::update(const StatusUpdate& update) {
  Try<Nothing> usable = broken();
  if (usable.isError()) {
    return Error(usable.error());
  }

  if (!update.has_uuid()) {
    return Error("Task status update is missing 'uuid'");
  }
  Try<id::UUID> uuid = id::UUID::fromBytes(update.uuid());
  if (uuid.isError()) {
    return Error("Task status update has an invalid 'uuid': " + uuid.error());
  }

  // The agent got the scheduler's ack, died, and the executor, never
  // acked itself, resent the update.
  if (acknowledged_.contains(uuid.get())) {
    LOG(WARNING) << "Ignoring task status update " << describe(update)
                 << " that has already been acknowledged by the framework";
    return false;
  }

  // The agent checkpointed the update but died before acking the executor.
  if (received_.contains(uuid.get())) {
    LOG(WARNING) << "Ignoring duplicate task status update "
                 << describe(update);
    return false;
  }

  if (checkpoint()) {
    StatusUpdateRecord record;
    record.set_type(StatusUpdateRecord::UPDATE);
    *record.mutable_update() = update;
    Try<Nothing> written = append(record);
    if (written.isError()) {
      return Error(written.error());
    }
    if (sync_ == CheckpointSync::FSYNC && unsynced_ == nullptr) {
      unsynced_ = std::make_unique<Promise<Nothing>>();
    }
  }

  received_.insert(uuid.get());
  pending_.push_back(update);
  return true;
}

Try<bool> TaskStatusUpdateStream::acknowledgement(const id::UUID& uuid) {
  Try<Nothing> usable = broken();
  if (usable.isError()) {
    return Error(usable.error());
  }

  if (acknowledged_.contains(uuid)) {
    LOG(WARNING) << "Duplicate task status update acknowledgement (UUID: "
                 << uuid << ") for task " << taskId_ << " of framework "
                 << frameworkId_;
    return false;
  }

  if (pending_.empty()) {
    return Error("Unexpected task status update acknowledgement (UUID: " +
                 uuid.toString() + ") for task " + taskId_.value() +
                 " of framework " + frameworkId_.value() +
                 ": no update is pending");
  }

  const StatusUpdate& head = pending_.front();
  const id::UUID expected = id::UUID::fromBytes(head.uuid()).get();
  if (uuid != expected) {
    return Error("Unexpected task status update acknowledgement (received " +
                 uuid.toString() + ", expecting " + expected.toString() +
                 ") for update " + describe(head));
  }

  if (checkpoint()) {
    StatusUpdateRecord record;
    record.set_type(StatusUpdateRecord::ACK);
    record.set_uuid(uuid.toBytes());
    Try<Nothing> written = append(record);
    if (written.isError()) {
      return Error(written.error());
    }
  }

  acknowledged_.insert(uuid);
  terminated_ = terminated_ || protobuf::isTerminalState(head.status().state());
  pending_.pop_front();
  return true;
}

Try<Nothing> TaskStatusUpdateStream::replay(
    const std::vector<StatusUpdate>& updates, const hashset<id::UUID>& acks) {
  Try<Nothing> usable = broken();
  if (usable.isError()) {
    return usable;
  }

  VLOG(1) << "Replaying task status update stream for task " << taskId_;

  for (const StatusUpdate& update : updates) {
    Try<id::UUID> uuid = id::UUID::fromBytes(update.uuid());
    if (uuid.isError()) {
      return Error("Cannot replay task status update " + describe(update) +
                   ": invalid uuid: " + uuid.error());
    }
    if (received_.contains(uuid.get())) {
      continue;
    }
    received_.insert(uuid.get());

    if (acks.contains(uuid.get())) {
      acknowledged_.insert(uuid.get());
      terminated_ =
          terminated_ || protobuf::isTerminalState(update.status().state());
    } else {
      pending_.push_back(update);
    }
  }
  return Nothing();
}

Future<Nothing> TaskStatusUpdateStream::synced() {
  if (unsynced_ != nullptr) {
    return unsynced_->future();
  }
  return Nothing();
}

Try<Nothing> TaskStatusUpdateStream::sync() {
  if (unsynced_ == nullptr) {
    return broken();
  }
  std::unique_ptr<Promise<Nothing>> waiting = std::move(unsynced_);

  if (error_.isNone()) {
    int result;
    do {
      result = ::fdatasync(fd_);
    } while (result < 0 && errno == EINTR);
    if (result < 0) {
      error_ = ErrnoError("Failed to sync '" + path_.get() + "'").message;
    }
  }

  if (error_.isSome()) {
    waiting->fail(error_.get());
    return Error(error_.get());
  }
  waiting->set(Nothing());
  return Nothing();
}

Try<Nothing> TaskStatusUpdateStream::append(const StatusUpdateRecord& record) {
  Try<Nothing> written = ::protobuf::write(fd_, record);
  if (written.isError()) {
    error_ = "Failed to checkpoint a task status update record for task " +
             taskId_.value() + " to '" + path_.get() + "': " + written.error();
    // Cut off a partly written record so the file stays readable up to
    // here after a restart.
    if (::ftruncate(fd_, size_) < 0) {
      LOG(ERROR) << ErrnoError("Failed to truncate '" + path_.get() +
                               "' back to " + std::to_string(size_) + " bytes")
                        .message;
    }
    return Error(error_.get());
  }
  size_ += static_cast<off_t>(sizeof(uint32_t) + record.ByteSizeLong());
  return Nothing();
}

// -- TaskStatusUpdateManagerProcess ------------------------------------------

class TaskStatusUpdateManagerProcess
    : public process::Process<TaskStatusUpdateManagerProcess> {
 public:
  TaskStatusUpdateManagerProcess(const std::string& metaDir,
                                 CheckpointSync sync)
      : ProcessBase(process::ID::generate("task-status-update-manager")),
        metaDir_(metaDir),
        sync_(sync) {}

  void setForward(const std::function<void(StatusUpdate)>& forward) {
    forward_ = forward;
  }

  Future<Nothing> checkpointedUpdate(const StatusUpdate& update,
                                     const SlaveID& slaveId,
                                     const ExecutorID& executorId,
                                     const ContainerID& containerId) {
    return handleUpdate(update, slaveId, true, executorId, containerId);
  }

  Future<Nothing> plainUpdate(const StatusUpdate& update,
                              const SlaveID& slaveId) {
    return handleUpdate(update, slaveId, false, None(), None());
  }

  Future<bool> acknowledgement(const TaskID& taskId,
                               const FrameworkID& frameworkId,
                               const id::UUID& uuid);

  Future<Nothing> recover(const std::string& rootDir,
                          const Option<state::SlaveState>& state);

  void pause();
  void resume();
  void cleanup(const FrameworkID& frameworkId);

  // Fired by a stream's timer.
  void retry(const FrameworkID& frameworkId, const TaskID& taskId,
             uint64_t forwardNumber);

  // Syncs the streams appended to since the last flush.
  void flush();

 protected:
  void finalize() override { streams_.clear(); }

 private:
  Future<Nothing> handleUpdate(const StatusUpdate& update,
                               const SlaveID& slaveId, bool checkpoint,
                               const Option<ExecutorID>& executorId,
                               const Option<ContainerID>& containerId);

  // Sends the head of `stream` and arms its resend after `interval`.
  void forward(TaskStatusUpdateStream* stream, const Duration& interval);

  TaskStatusUpdateStream* find(const FrameworkID& frameworkId,
                               const TaskID& taskId);

  Try<TaskStatusUpdateStream*> open(const TaskID& taskId,
                                    const FrameworkID& frameworkId,
                                    const Option<std::string>& path);

  void close(const FrameworkID& frameworkId, const TaskID& taskId);

  const std::string metaDir_;
  const CheckpointSync sync_;

  std::function<void(StatusUpdate)> forward_;
  bool paused_ = false;
  uint64_t forwards_ = 0;

  hashmap<FrameworkID, hashmap<TaskID, std::unique_ptr<TaskStatusUpdateStream>>>
      streams_;

  // Streams with records awaiting a sync, and whether flush() is queued.
  std::vector<std::pair<FrameworkID, TaskID>> dirty_;
  bool flushQueued_ = false;
};

Future<Nothing> TaskStatusUpdateManagerProcess::handleUpdate(
    const StatusUpdate& update, const SlaveID& slaveId, bool checkpoint,
    const Option<ExecutorID>& executorId,
    const Option<ContainerID>& containerId) {
  const TaskID& taskId = update.status().task_id();
  const FrameworkID& frameworkId = update.framework_id();

  LOG(INFO) << "Received task status update " << describe(update);

  TaskStatusUpdateStream* stream = find(frameworkId, taskId);
  if (stream == nullptr) {
    Option<std::string> path;
    if (checkpoint) {
      path = paths::getTaskUpdatesPath(metaDir_, slaveId, frameworkId,
                                       executorId.get(), containerId.get(),
                                       taskId);
    }
    Try<TaskStatusUpdateStream*> opened = open(taskId, frameworkId, path);
    if (opened.isError()) {
      return Failure(opened.error());
    }
    stream = opened.get();
  }

  if (stream->checkpoint() != checkpoint) {
    return Failure("Mismatched checkpoint value for task status update " +
                   describe(update) +
                   " (expected checkpoint=" + stringify(stream->checkpoint()) +
                   " actual checkpoint=" + stringify(checkpoint) + ")");
  }

  Try<bool> added = stream->update(update);
  if (added.isError()) {
    if (stream->received().empty()) {
      close(frameworkId, taskId);
    }
    return Failure(added.error());
  }

  Future<Nothing> durable = stream->synced();
  if (durable.isPending()) {
    dirty_.emplace_back(frameworkId, taskId);
    if (!flushQueued_) {
      // Queued behind the events already in the mailbox, so every update
      // among them shares this one sync.
      flushQueued_ = true;
      process::dispatch(self(), &TaskStatusUpdateManagerProcess::flush);
    }
  }

  if (added.get() && !paused_ && stream->timeout.isNone()) {
    forward(stream, STATUS_UPDATE_RETRY_INTERVAL_MIN);
  }
  return durable;
}

void TaskStatusUpdateManagerProcess::flush() {
  flushQueued_ = false;
  std::vector<std::pair<FrameworkID, TaskID>> dirty;
  std::swap(dirty, dirty_);
  for (const auto& [frameworkId, taskId] : dirty) {
    TaskStatusUpdateStream* stream = find(frameworkId, taskId);
    if (stream != nullptr) {
      Try<Nothing> synced = stream->sync();
      if (synced.isError()) {
        LOG(ERROR) << synced.error();
      }
    }
  }
}

Future<bool> TaskStatusUpdateManagerProcess::acknowledgement(
    const TaskID& taskId, const FrameworkID& frameworkId,
    const id::UUID& uuid) {
  LOG(INFO) << "Received task status update acknowledgement (UUID: " << uuid
            << ") for task " << taskId << " of framework " << frameworkId;

  TaskStatusUpdateStream* stream = find(frameworkId, taskId);
  if (stream == nullptr) {
    // Before recovery, or after the stream was closed.
    return Failure("Cannot find the task status update stream for task " +
                   taskId.value() + " of framework " + frameworkId.value());
  }

  const Result<StatusUpdate> head = stream->next();
  Try<bool> acknowledged = stream->acknowledgement(uuid);
  if (acknowledged.isError()) {
    return Failure(acknowledged.error());
  }
  if (!acknowledged.get()) {
    return Failure("Duplicate task status update acknowledgement (UUID: " +
                   uuid.toString() + ") for task " + taskId.value() +
                   " of framework " + frameworkId.value());
  }

  stream->timer.cancel();
  stream->timeout = None();

  if (stream->terminated()) {
    if (!stream->pending().empty()) {
      LOG(WARNING) << "Acknowledged a terminal task status update "
                   << describe(head.get()) << " but updates are still pending";
    }
    close(frameworkId, taskId);
    return false;
  }

  if (!paused_ && !stream->pending().empty()) {
    forward(stream, STATUS_UPDATE_RETRY_INTERVAL_MIN);
  }
  return true;
}

void TaskStatusUpdateManagerProcess::retry(const FrameworkID& frameworkId,
                                           const TaskID& taskId,
                                           uint64_t forwardNumber) {
  TaskStatusUpdateStream* stream = find(frameworkId, taskId);
  if (paused_ || stream == nullptr || stream->timeout.isNone() ||
      stream->forwardNumber != forwardNumber || stream->pending().empty()) {
    return;
  }

  LOG(WARNING) << "Resending task status update "
               << describe(stream->pending().front());
  forward(stream,
          std::min(stream->interval * 2, STATUS_UPDATE_RETRY_INTERVAL_MAX));
}

void TaskStatusUpdateManagerProcess::forward(TaskStatusUpdateStream* stream,
                                             const Duration& interval) {
  CHECK(!paused_);
  CHECK(!stream->pending().empty());

  StatusUpdate update = stream->pending().front();
  update.set_latest_state(stream->pending().back().status().state());

  // Armed before the callback runs, so the resend is due `interval` after
  // this point however long the callback takes.
  stream->timer.cancel();
  stream->interval = interval;
  stream->timeout = Timeout::in(interval);
  stream->forwardNumber = ++forwards_;
  stream->timer = process::delay(
      interval, self(), &TaskStatusUpdateManagerProcess::retry,
      stream->frameworkId(), stream->taskId(), stream->forwardNumber);

  VLOG(1) << "Forwarding task status update " << describe(update);
  if (forward_) {
    forward_(update);
  } else {
    LOG(ERROR) << "Dropping task status update " << describe(update)
               << ": the manager was not initialized with a forward callback";
  }
}

void TaskStatusUpdateManagerProcess::pause() {
  LOG(INFO) << "Pausing sending task status updates";
  paused_ = true;
  for (auto& [frameworkId, tasks] : streams_) {
    for (auto& [taskId, stream] : tasks) {
      stream->timer.cancel();
      stream->timeout = None();
    }
  }
}

void TaskStatusUpdateManagerProcess::resume() {
  LOG(INFO) << "Resuming sending task status updates";
  paused_ = false;
  for (auto& [frameworkId, tasks] : streams_) {
    for (auto& [taskId, stream] : tasks) {
      if (!stream->pending().empty()) {
        LOG(WARNING) << "Resending task status update "
                     << describe(stream->pending().front());
        forward(stream.get(), STATUS_UPDATE_RETRY_INTERVAL_MIN);
      }
    }
  }
}

void TaskStatusUpdateManagerProcess::cleanup(const FrameworkID& frameworkId) {
  LOG(INFO) << "Closing task status update streams for framework "
            << frameworkId;
  streams_.erase(frameworkId);
}

Future<Nothing> TaskStatusUpdateManagerProcess::recover(
    const std::string& rootDir, const Option<state::SlaveState>& state) {
  LOG(INFO) << "Recovering task status update manager";

  if (state.isNone()) {
    return Nothing();
  }

  for (const auto& [frameworkId, framework] : state->frameworks) {
    for (const auto& [executorId, executor] : framework.executors) {
      LOG(INFO) << "Recovering executor '" << executorId << "' of framework "
                << frameworkId;

      if (executor.info.isNone()) {
        LOG(WARNING) << "Skipping recovering task status updates of executor '"
                     << executorId << "' of framework " << frameworkId
                     << " because its info cannot be recovered";
        continue;
      }
      if (executor.latest.isNone()) {
        LOG(WARNING) << "Skipping recovering task status updates of executor '"
                     << executorId << "' of framework " << frameworkId
                     << " because its latest run cannot be recovered";
        continue;
      }

      // Only the latest run can still have a live executor.
      const ContainerID& latest = executor.latest.get();
      auto run = executor.runs.find(latest);
      if (run == executor.runs.end()) {
        LOG(WARNING) << "Skipping recovering task status updates of executor '"
                     << executorId << "' of framework " << frameworkId
                     << " because its latest run " << latest
                     << " was not recovered";
        continue;
      }
      if (run->second.completed) {
        VLOG(1) << "Skipping recovering task status updates of executor '"
                << executorId << "' of framework " << frameworkId
                << " because its latest run " << latest << " is completed";
        continue;
      }

      for (const auto& [taskId, task] : run->second.tasks) {
        // The executor never got the task, or the agent died before the
        // first update was checkpointed.
        if (task.updates.empty()) {
          LOG(WARNING) << "No status updates found for task " << taskId
                       << " of framework " << frameworkId;
          continue;
        }
        if (find(frameworkId, taskId) != nullptr) {
          LOG(WARNING) << "Not recovering task status updates of task "
                       << taskId << " of framework " << frameworkId
                       << ": it already has a stream";
          continue;
        }

        Try<TaskStatusUpdateStream*> stream =
            open(taskId, frameworkId,
                 paths::getTaskUpdatesPath(rootDir, state->id, frameworkId,
                                           executorId, latest, taskId));
        if (stream.isError()) {
          return Failure("Failed to recover task status updates for task " +
                         taskId.value() + " of framework " +
                         frameworkId.value() + ": " + stream.error());
        }

        Try<Nothing> replayed = stream.get()->replay(task.updates, task.acks);
        if (replayed.isError()) {
          return Failure("Failed to replay status updates for task " +
                         taskId.value() + " of framework " +
                         frameworkId.value() + ": " + replayed.error());
        }

        // Unacknowledged updates wait in `pending` for resume().
        if (stream.get()->terminated()) {
          close(frameworkId, taskId);
        }
      }
    }
  }
  return Nothing();
}

TaskStatusUpdateStream* TaskStatusUpdateManagerProcess::find(
    const FrameworkID& frameworkId, const TaskID& taskId) {
  auto tasks = streams_.find(frameworkId);
  if (tasks == streams_.end()) {
    return nullptr;
  }
  auto stream = tasks->second.find(taskId);
  return stream == tasks->second.end() ? nullptr : stream->second.get();
}

Try<TaskStatusUpdateStream*> TaskStatusUpdateManagerProcess::open(
    const TaskID& taskId, const FrameworkID& frameworkId,
    const Option<std::string>& path) {
  VLOG(1) << "Creating status update stream for task " << taskId
          << " of framework " << frameworkId;
  Try<std::unique_ptr<TaskStatusUpdateStream>> stream =
      TaskStatusUpdateStream::create(taskId, frameworkId, path, sync_);
  if (stream.isError()) {
    return Error(stream.error());
  }
  TaskStatusUpdateStream* result = stream->get();
  streams_[frameworkId][taskId] = std::move(stream.get());
  return result;
}

void TaskStatusUpdateManagerProcess::close(const FrameworkID& frameworkId,
                                           const TaskID& taskId) {
  VLOG(1) << "Cleaning up status update stream for task " << taskId
          << " of framework " << frameworkId;
  auto tasks = streams_.find(frameworkId);
  CHECK(tasks != streams_.end());
  CHECK(tasks->second.erase(taskId) == 1);
  if (tasks->second.empty()) {
    streams_.erase(tasks);
  }
}

// -- TaskStatusUpdateManager -------------------------------------------------

TaskStatusUpdateManager::TaskStatusUpdateManager(const std::string& metaDir,
                                                 CheckpointSync sync)
    : process_(new TaskStatusUpdateManagerProcess(metaDir, sync)) {
  process::spawn(process_.get());
}

TaskStatusUpdateManager::~TaskStatusUpdateManager() {
  process::terminate(process_.get());
  process::wait(process_.get());
}

void TaskStatusUpdateManager::initialize(
    const std::function<void(StatusUpdate)>& forward) {
  process::dispatch(process_.get(), &TaskStatusUpdateManagerProcess::setForward,
                    forward);
}

Future<Nothing> TaskStatusUpdateManager::update(
    const StatusUpdate& update, const SlaveID& slaveId,
    const ExecutorID& executorId, const ContainerID& containerId) {
  return process::dispatch(process_.get(),
                           &TaskStatusUpdateManagerProcess::checkpointedUpdate,
                           update, slaveId, executorId, containerId);
}

Future<Nothing> TaskStatusUpdateManager::update(const StatusUpdate& update,
                                                const SlaveID& slaveId) {
  return process::dispatch(process_.get(),
                           &TaskStatusUpdateManagerProcess::plainUpdate, update,
                           slaveId);
}

Future<bool> TaskStatusUpdateManager::acknowledgement(
    const TaskID& taskId, const FrameworkID& frameworkId,
    const id::UUID& uuid) {
  return process::dispatch(process_.get(),
                           &TaskStatusUpdateManagerProcess::acknowledgement,
                           taskId, frameworkId, uuid);
}

Future<Nothing> TaskStatusUpdateManager::recover(
    const std::string& rootDir, const Option<state::SlaveState>& state) {
  return process::dispatch(
      process_.get(), &TaskStatusUpdateManagerProcess::recover, rootDir, state);
}

void TaskStatusUpdateManager::pause() {
  process::dispatch(process_.get(), &TaskStatusUpdateManagerProcess::pause);
}

void TaskStatusUpdateManager::resume() {
  process::dispatch(process_.get(), &TaskStatusUpdateManagerProcess::resume);
}

void TaskStatusUpdateManager::cleanup(const FrameworkID& frameworkId) {
  process::dispatch(process_.get(), &TaskStatusUpdateManagerProcess::cleanup,
                    frameworkId);
}

}  // namespace slave
}  // namespace internal
}  // namespace mesos
