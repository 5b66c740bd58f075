#ifndef MESOS_TESTS_SLAVE_STATUS_UPDATE_TEST_UTILS_HPP
#define MESOS_TESTS_SLAVE_STATUS_UPDATE_TEST_UTILS_HPP

// Shared by the status update tests, the crash helper and the benchmark:
// temporary directories, IDs, updates, a checkpoint tree for one task, and
// a thread-safe sink for the updates a manager forwards.

#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <utility>

#include <glog/logging.h>

#include <mesos/mesos.hpp>

#include <messages/messages.pb.h>

#include <process/future.hpp>

#include <stout/option.hpp>
#include <stout/os.hpp>
#include <stout/path.hpp>
#include <stout/try.hpp>
#include <stout/uuid.hpp>

#include "common/protobuf_utils.hpp"
#include "slave/paths.hpp"
#include "slave/state.hpp"

namespace mesos {
namespace internal {
namespace slave {
namespace tests {

// A fresh directory under `parent` (default $TMPDIR), removed with
// everything in it when destroyed.
class TemporaryDirectory {
 public:
  explicit TemporaryDirectory(const std::string& parent = os::temp()) {
    Try<std::string> made =
        os::mkdtemp(path::join(parent, "status-update-XXXXXX"));
    CHECK(made.isSome()) << made.error();
    path_ = made.get();
  }

  ~TemporaryDirectory() {
    Try<Nothing> removed = os::rmdir(path_);
    if (removed.isError()) {
      LOG(WARNING) << removed.error();
    }
  }

  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

template <typename ID>
ID makeId(const std::string& value) {
  ID id;
  id.set_value(value);
  return id;
}

// The IDs of one task of one executor run.
struct TaskIds {
  SlaveID slaveId = makeId<SlaveID>("agent-1");
  FrameworkID frameworkId = makeId<FrameworkID>("framework-1");
  ExecutorID executorId = makeId<ExecutorID>("executor-1");
  ContainerID containerId = makeId<ContainerID>("container-1");
  TaskID taskId = makeId<TaskID>("task-1");
};

// An executor's update for the task, with a fresh uuid unless given.
inline StatusUpdate makeUpdate(const TaskIds& ids, TaskState state,
                               const Option<id::UUID>& uuid = None()) {
  return protobuf::createStatusUpdate(
      ids.frameworkId, ids.slaveId, ids.taskId, state,
      TaskStatus::SOURCE_EXECUTOR,
      uuid.isSome() ? uuid.get() : id::UUID::random(), "", None(),
      ids.executorId);
}

inline id::UUID uuidOf(const StatusUpdate& update) {
  return id::UUID::fromBytes(update.uuid()).get();
}

inline std::string updatesPath(const std::string& metaDir, const TaskIds& ids) {
  return paths::getTaskUpdatesPath(metaDir, ids.slaveId, ids.frameworkId,
                                   ids.executorId, ids.containerId, ids.taskId);
}

// Checkpoints what the agent writes before the task's first update: the
// latest agent link and slave.info, framework.info and framework.pid,
// executor.info, the latest run link, the pid files, and task.info.
inline void checkpointTask(const std::string& metaDir, const TaskIds& ids) {
  CHECK(paths::createSlaveDirectory(metaDir, ids.slaveId).isSome());

  SlaveInfo slaveInfo;
  slaveInfo.set_hostname("localhost");
  *slaveInfo.mutable_id() = ids.slaveId;
  CHECK(state::checkpoint(paths::getSlaveInfoPath(metaDir, ids.slaveId),
                          slaveInfo)
            .isSome());

  FrameworkInfo frameworkInfo;
  frameworkInfo.set_user("user");
  frameworkInfo.set_name("framework");
  frameworkInfo.set_checkpoint(true);
  *frameworkInfo.mutable_id() = ids.frameworkId;
  CHECK(state::checkpoint(
            paths::getFrameworkInfoPath(metaDir, ids.slaveId, ids.frameworkId),
            frameworkInfo)
            .isSome());
  CHECK(state::checkpoint(
            paths::getFrameworkPidPath(metaDir, ids.slaveId, ids.frameworkId),
            std::string("scheduler-1@127.0.0.1:5050"))
            .isSome());

  ExecutorInfo executorInfo;
  *executorInfo.mutable_executor_id() = ids.executorId;
  *executorInfo.mutable_framework_id() = ids.frameworkId;
  executorInfo.mutable_command()->set_value("/bin/true");
  CHECK(state::checkpoint(
            paths::getExecutorInfoPath(metaDir, ids.slaveId, ids.frameworkId,
                                       ids.executorId),
            executorInfo)
            .isSome());

  CHECK(paths::createExecutorDirectory(metaDir, ids.slaveId, ids.frameworkId,
                                       ids.executorId, ids.containerId)
            .isSome());
  CHECK(state::checkpoint(
            paths::getForkedPidPath(metaDir, ids.slaveId, ids.frameworkId,
                                    ids.executorId, ids.containerId),
            std::string("4242"))
            .isSome());
  CHECK(state::checkpoint(
            paths::getLibprocessPidPath(metaDir, ids.slaveId, ids.frameworkId,
                                        ids.executorId, ids.containerId),
            std::string("executor(1)@127.0.0.1:40000"))
            .isSome());

  Task task;
  task.set_name("task");
  *task.mutable_task_id() = ids.taskId;
  *task.mutable_framework_id() = ids.frameworkId;
  *task.mutable_slave_id() = ids.slaveId;
  *task.mutable_executor_id() = ids.executorId;
  task.set_state(TASK_STAGING);
  CHECK(state::checkpoint(
            paths::getTaskInfoPath(metaDir, ids.slaveId, ids.frameworkId,
                                   ids.executorId, ids.containerId, ids.taskId),
            task)
            .isSome());
}

// Collects what a manager forwards. `callback()` may be called from any
// thread; `next()` hands the forwarded updates out in order, one each.
class ForwardSink {
 public:
  std::function<void(StatusUpdate)> callback() {
    return [this](StatusUpdate update) { push(std::move(update)); };
  }

  // The next forwarded update not yet handed out (pending until it comes).
  process::Future<StatusUpdate> next() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!updates_.empty()) {
      StatusUpdate update = std::move(updates_.front());
      updates_.pop_front();
      return update;
    }
    waiters_.emplace_back();
    return waiters_.back().future();
  }

  // Forwarded updates not yet handed out.
  size_t queued() {
    std::lock_guard<std::mutex> lock(mutex_);
    return updates_.size();
  }

  // Forwards seen so far.
  size_t total() {
    std::lock_guard<std::mutex> lock(mutex_);
    return total_;
  }

 private:
  void push(StatusUpdate update) {
    std::unique_lock<std::mutex> lock(mutex_);
    total_++;
    if (waiters_.empty()) {
      updates_.push_back(std::move(update));
      return;
    }
    process::Promise<StatusUpdate> waiter = std::move(waiters_.front());
    waiters_.pop_front();
    lock.unlock();
    waiter.set(std::move(update));
  }

  std::mutex mutex_;
  std::deque<StatusUpdate> updates_;
  std::deque<process::Promise<StatusUpdate>> waiters_;
  size_t total_ = 0;
};

}  // namespace tests
}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_TESTS_SLAVE_STATUS_UPDATE_TEST_UTILS_HPP
