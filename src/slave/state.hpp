#ifndef MESOS_SLAVE_STATE_HPP
#define MESOS_SLAVE_STATE_HPP

// The agent's checkpointed state: writing a checkpoint file, and reading
// the whole checkpoint tree back (see paths.hpp for the layout) when the
// agent restarts, so that it can reconnect to executors that survived it
// and replay unacknowledged status updates.
//
// Reading follows Apache Mesos's rules, so checkpoints written by either
// implementation recover in the other:
//
// - Something the agent may not have written yet when it died (a missing
//   file, an empty info file, a missing "latest" symlink) is not an error:
//   the state is returned as far as it goes, with a warning logged.
// - Something written but unreadable (an info file that does not parse, a
//   pid file that cannot be read, a corrupt update record) is an error.
//   With `strict`, recovery stops and returns it (the agent then refuses to
//   start rather than lose track of running executors). Without `strict`,
//   the bad item is skipped, logged, and counted in `errors` of the struct
//   that owns it; every struct's `errors` includes its children's, so
//   `State::errors` is the total.
// - A torn last record in task.updates (the agent was killed in the middle
//   of appending it) is not an error: the file is truncated to its last
//   complete record and a warning is logged. See TaskState::recover.
//
// All functions are synchronous (they do file I/O on the caller's thread)
// and thread-safe as long as no two callers work on the same files.

#include <sys/types.h>

#include <string>
#include <vector>

#include <google/protobuf/message.h>
#include <google/protobuf/repeated_field.h>

#include <mesos/mesos.hpp>
#include <mesos/resources.hpp>

#include <messages/messages.pb.h>

#include <process/pid.hpp>

#include <stout/error.hpp>
#include <stout/hashmap.hpp>
#include <stout/hashset.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/protobuf.hpp>
#include <stout/result.hpp>
#include <stout/try.hpp>
#include <stout/uuid.hpp>

#include "common/resources_utils.hpp"

namespace mesos {
namespace internal {
namespace slave {
namespace state {

// -- Writing -----------------------------------------------------------------

// Replaces the file at `path` with `data` so that after a crash at any
// moment (agent process or whole machine) it holds either its previous
// content or all of `data`: missing parent directories are created
// durably, the data goes to a temporary file in the same directory, which
// is fsynced and renamed over `path`, and the directory is fsynced. An
// error names the path and leaves the old content in place.
//
// `checkpoint(path, std::string)` writes text (pid files, boot id); the
// message overloads write one length-prefixed record per message, which
// `read` below and Mesos's own reader parse.
Try<Nothing> checkpoint(const std::string& path, const std::string& data);
Try<Nothing> checkpoint(const std::string& path,
                        const google::protobuf::Message& message);
Try<Nothing> checkpoint(
    const std::string& path,
    const google::protobuf::RepeatedPtrField<Resource>& resources);
Try<Nothing> checkpoint(const std::string& path, const Resources& resources);

// -- Reading single files ----------------------------------------------------

// The message stored at `path`, with any Resource inside converted to the
// post-reservation-refinement format (as Mesos does on reading, so files
// written by old agents recover). None for an empty file; an error naming
// the path for a missing, torn or corrupt one.
template <typename T>
Result<T> read(const std::string& path);

// Explicit forms: Resources reads one record per Resource; std::string
// reads the whole file as text (never None).
template <>
Result<Resources> read<Resources>(const std::string& path);
template <>
Result<std::string> read<std::string>(const std::string& path);

// This host's boot id (/proc/sys/kernel/random/boot_id, trimmed). The agent
// checkpoints it in paths::getBootIdPath; recovery compares the two to tell
// an agent restart from a host reboot.
Try<std::string> bootId();

template <typename T>
Result<T> read(const std::string& path) {
  Result<T> result = ::protobuf::read<T>(path);
  if (result.isSome()) {
    upgradeResources(&result.get());
  }
  return result;
}

// -- The state tree ----------------------------------------------------------
//
// Each struct has a static `recover` that reads its part of the tree under
// `rootDir` (the meta dir: paths::getMetaRootDir(workDir)). An error return
// only happens with `strict` or when a directory cannot be listed.

// One task of an executor run.
struct TaskState {
  // Reads task.info and task.updates. In task.updates, each record is a
  // StatusUpdateRecord: UPDATE records (carrying an update with a 16-byte
  // uuid) go to `updates` in file order, ACK records (carrying the uuid)
  // to `acks`. Besides the general rules above:
  //
  // - Torn tail: if the file ends inside a record, or everything from a
  //   record boundary to the end is zero bytes (a machine crash can leave
  //   the file size updated but the data unwritten), the file is truncated
  //   (ftruncate + fsync) to the end of the last complete record and a
  //   warning names the path, the offset and the bytes dropped. Not an
  //   error; earlier records are intact.
  // - Corruption in the middle: a complete record that does not parse, or
  //   parses but lacks what its type requires, is an error naming the path
  //   and byte offset. With `strict` the task (and so the recovery) fails
  //   and the file is left untouched for inspection. Without `strict` that
  //   one record is skipped (its length prefix says where the next one
  //   starts), `errors` is incremented and reading goes on. (Apache Mesos
  //   instead drops the bad record and everything after it.)
  static Try<TaskState> recover(const std::string& rootDir,
                                const SlaveID& slaveId,
                                const FrameworkID& frameworkId,
                                const ExecutorID& executorId,
                                const ContainerID& containerId,
                                const TaskID& taskId, bool strict);

  TaskID id;
  Option<Task> info;  // None if task.info is missing or empty.
  std::vector<StatusUpdate> updates;
  hashset<id::UUID> acks;
  unsigned int errors = 0;
};

// One run (container) of an executor.
struct RunState {
  // Reads the sentinel, the tasks, and the pid files. After a host reboot
  // (`rebooted`) the pids are meaningless: forked.pid is removed and
  // neither pid is read.
  static Try<RunState> recover(const std::string& rootDir,
                               const SlaveID& slaveId,
                               const FrameworkID& frameworkId,
                               const ExecutorID& executorId,
                               const ContainerID& containerId, bool strict,
                               bool rebooted);

  Option<ContainerID> id;
  hashmap<TaskID, TaskState> tasks;
  Option<pid_t> forkedPid;
  Option<process::UPID> libprocessPid;

  // Whether the executor talks to the agent over HTTP (http.marker) or as
  // a libprocess process (libprocess.pid); None if neither was recorded.
  Option<bool> http;

  // The executor terminated and all its updates were acknowledged
  // (executor.sentinel exists).
  bool completed = false;

  unsigned int errors = 0;
};

// One executor of a framework, with all its runs.
struct ExecutorState {
  static Try<ExecutorState> recover(const std::string& rootDir,
                                    const SlaveID& slaveId,
                                    const FrameworkID& frameworkId,
                                    const ExecutorID& executorId, bool strict,
                                    bool rebooted);

  ExecutorID id;
  Option<ExecutorInfo> info;
  Option<ContainerID> latest;  // Where runs/latest points; None if absent.
  hashmap<ContainerID, RunState> runs;

  // The agent made this executor for a command task (from
  // executor_generated_for_command_task, else Mesos's heuristic: a
  // "Command Executor" named executor running mesos-executor).
  bool generatedForCommandTask = false;

  unsigned int errors = 0;
};

// One framework on the agent.
struct FrameworkState {
  static Try<FrameworkState> recover(const std::string& rootDir,
                                     const SlaveID& slaveId,
                                     const FrameworkID& frameworkId,
                                     bool strict, bool rebooted);

  FrameworkID id;
  Option<FrameworkInfo> info;

  // The scheduler's pid; Some(UPID()) for an HTTP framework, which has none.
  Option<process::UPID> pid;

  hashmap<ExecutorID, ExecutorState> executors;
  unsigned int errors = 0;
};

// The agent's checkpointed resources (persistent volumes, reservations).
struct ResourcesState {
  static Try<ResourcesState> recover(const std::string& rootDir, bool strict);

  Resources resources;       // resources.info (empty if missing).
  Option<Resources> target;  // resources.target, if present.
  unsigned int errors = 0;
};

// The agent that "slaves/latest" points at.
struct SlaveState {
  static Try<SlaveState> recover(const std::string& rootDir,
                                 const SlaveID& slaveId, bool strict,
                                 bool rebooted);

  SlaveID id;
  Option<SlaveInfo> info;
  hashmap<FrameworkID, FrameworkState> frameworks;
  unsigned int errors = 0;
};

// Everything under the meta dir.
struct State {
  Option<ResourcesState> resources;  // None only if rootDir does not exist.
  Option<SlaveState> slave;          // None if no agent was checkpointed.
  bool rebooted = false;  // The boot id differs from the checkpointed one.
  unsigned int errors = 0;
};

// Reads the whole tree under `rootDir` (the meta dir). A missing `rootDir`
// yields an empty State (first start). See the rules at the top.
Try<State> recover(const std::string& rootDir, bool strict);

}  // namespace state
}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SLAVE_STATE_HPP
