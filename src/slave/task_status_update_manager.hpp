#ifndef MESOS_SLAVE_TASK_STATUS_UPDATE_MANAGER_HPP
#define MESOS_SLAVE_TASK_STATUS_UPDATE_MANAGER_HPP

// The agent's reliable delivery of task status updates to the master.
//
// An executor's update reaches the agent, which hands it to the manager:
//
//   executor --update--> agent --update()--> manager --forward--> master
//   executor <---ack---- agent <--(future)--    |                   |
//                        agent --acknowledgement()--> manager <--ack-+
//
// Per task the manager keeps one stream: a FIFO of updates not yet
// acknowledged by the scheduler. Only the head of each stream is in flight:
// it is forwarded (with `latest_state` set to the state of the newest
// update the stream has received), resent with exponential backoff while no
// acknowledgement comes, and the next update is forwarded only once the
// head is acknowledged. A stream ends when a terminal update (TASK_FINISHED,
// TASK_FAILED, ...) is acknowledged.
//
// Checkpointing: for frameworks that checkpoint, every update and every
// acknowledgement is appended to the task's task.updates file (see
// paths.hpp) as a length-prefixed StatusUpdateRecord before the call that
// carries it completes, so that a restarted agent can replay the streams
// (state::recover reads the file, `recover` below rebuilds the streams).
//
// Durability decision (CheckpointSync::FSYNC, the default): the agent
// acknowledges an update to the executor as soon as `update()` completes,
// and the executor then forgets it. So `update()` completes only after the
// UPDATE record is on stable storage (fdatasync), or the update could be
// lost for good by a machine crash or power loss. Apache Mesos only
// write(2)s the record (enough to survive the agent *process* being killed,
// since the data is then in the page cache, but not the machine going
// down); CheckpointSync::WRITE gives that behaviour. ACK records are never
// synced on their own: losing one only makes the recovered agent resend an
// update the scheduler already has, which at-least-once delivery allows
// (they become durable with the next synced record of the file anyway).
// The cost of syncing is amortised by group commit: the sync runs as one
// event queued behind the calls already waiting in the manager's mailbox,
// so all UPDATE records they append share one fdatasync per file. See
// docs/performance.md for the figures.
//
// Configuration: Mesos's manager takes the whole agent Flags but uses only
// the work dir; this one takes the meta dir (paths::getMetaRootDir(work_dir))
// and the sync policy, so it does not depend on the agent's flags.
//
// Threading: TaskStatusUpdateManager is thread-safe; every call is
// dispatched to its own libprocess process, where calls are handled one at
// a time in the order they were made from one thread. TaskStatusUpdateStream
// is not thread-safe; the manager uses it from its process only.

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <mesos/mesos.hpp>

#include <messages/messages.pb.h>

#include <process/future.hpp>
#include <process/timeout.hpp>
#include <process/timer.hpp>

#include <stout/duration.hpp>
#include <stout/hashset.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/result.hpp>
#include <stout/try.hpp>
#include <stout/uuid.hpp>

#include "slave/constants.hpp"

namespace mesos {
namespace internal {
namespace slave {

namespace state {
struct SlaveState;
}  // namespace state

class TaskStatusUpdateManagerProcess;

// The first resend of an unacknowledged update comes
// STATUS_UPDATE_RETRY_INTERVAL_MIN after it was forwarded; each later one
// waits twice as long as the one before, up to
// STATUS_UPDATE_RETRY_INTERVAL_MAX, and retries never stop (both in
// slave/constants.hpp).

// How far an appended UPDATE record is pushed before the call that wrote
// it completes. See "Durability decision" above.
enum class CheckpointSync {
  // write(2) then fdatasync(2): survives an agent process kill and a
  // machine crash.
  FSYNC,
  // write(2) only: survives an agent process kill, not a machine crash.
  WRITE,
};

class TaskStatusUpdateManager {
 public:
  // Spawns the manager's process. `metaDir` is the agent's checkpoint root
  // (paths::getMetaRootDir(work_dir)); new checkpointing streams write
  // under it. Requires process::initialize().
  explicit TaskStatusUpdateManager(const std::string& metaDir,
                                   CheckpointSync sync = CheckpointSync::FSYNC);

  // Terminates the process and waits for it. Appended records are synced
  // and files closed first; calls still queued are dropped (their futures
  // stay pending).
  ~TaskStatusUpdateManager();

  TaskStatusUpdateManager(const TaskStatusUpdateManager&) = delete;
  TaskStatusUpdateManager& operator=(const TaskStatusUpdateManager&) = delete;

  // Sets the callback that sends an update to the master. Call it before
  // the first update. It runs on the manager's process, once per forward
  // and once per resend, with a copy of the head update whose
  // `latest_state` is set; it must not block. Calling back into the
  // manager from it is fine (the call is queued).
  void initialize(const std::function<void(StatusUpdate)>& forward);

  // Checkpoints `update` in the task's task.updates file (under
  // .../executors/<executorId>/runs/<containerId>/tasks/<task_id>/, created
  // on the task's first update) and queues it for reliable forwarding;
  // forwards it at once if nothing else of the task is in flight and the
  // manager is not paused.
  //
  // READY once the update is checkpointed (and synced, with FSYNC): the
  // agent may then acknowledge it to the executor. Also READY for a
  // duplicate (an update whose uuid the stream already received or
  // acknowledged), which is dropped, so that the agent re-acknowledges it.
  // FAILED if the update has no valid uuid, if the task's stream was
  // created without checkpointing, or on an I/O error (which also fails
  // every later call on that stream).
  process::Future<Nothing> update(const StatusUpdate& update,
                                  const SlaveID& slaveId,
                                  const ExecutorID& executorId,
                                  const ContainerID& containerId);

  // The same without checkpointing, for frameworks that do not checkpoint:
  // the update is retried for as long as the agent runs but is lost if it
  // restarts. READY at once; FAILED if the task's stream checkpoints, or
  // for an update without a valid uuid.
  process::Future<Nothing> update(const StatusUpdate& update,
                                  const SlaveID& slaveId);

  // Handles the scheduler's acknowledgement of the update with `uuid`,
  // which must be the task's in-flight (head) update: checkpoints it (for a
  // checkpointing stream; not synced, see above), stops resending the head
  // and forwards the next update, if any, unless paused.
  //
  // READY(true): handled, the stream goes on. READY(false): handled, and it
  // acknowledged a terminal update, so the stream is closed and freed (a
  // later update for the task starts a new stream, as in Mesos). FAILED if
  // there is no stream for the task, if `uuid` was already acknowledged
  // (duplicate) or is not the head's (unexpected, e.g. the scheduler acked
  // an older retry), or on an I/O error. A failed acknowledgement changes
  // nothing.
  process::Future<bool> acknowledgement(const TaskID& taskId,
                                        const FrameworkID& frameworkId,
                                        const id::UUID& uuid);

  // Rebuilds the streams of the agent in `state` (from state::recover on
  // `rootDir`, the meta dir): for the latest run of every executor whose
  // info was recovered and whose run is not completed, every task with
  // checkpointed updates gets its stream back, with updates and
  // acknowledgements replayed. Streams that end in an acknowledged terminal
  // update are closed; the others keep their unacknowledged updates
  // pending and append to the same file. Nothing is forwarded until
  // `resume()`. READY when done (at once for None); FAILED if a file
  // cannot be reopened.
  process::Future<Nothing> recover(const std::string& rootDir,
                                   const Option<state::SlaveState>& state);

  // Stops forwarding and resending (the agent has no master to talk to).
  // Updates and acknowledgements are still accepted and checkpointed.
  void pause();

  // Forwards the head of every stream right away and restarts its backoff
  // at STATUS_UPDATE_RETRY_INTERVAL_MIN (the agent (re)registered, or the
  // framework failed over).
  void resume();

  // Closes every stream of the framework: stops resending its updates and
  // closes its files (which stay on disk for garbage collection).
  void cleanup(const FrameworkID& frameworkId);

 private:
  std::unique_ptr<TaskStatusUpdateManagerProcess> process_;
};

// The updates and acknowledgements of one task, with their checkpoint.
// A task is identified by (task id, framework id), which Mesos requires to
// be unique over a framework's lifetime.
class TaskStatusUpdateStream {
 public:
  // -- Constructors ----------------------------------------------------------

  // A stream for the task. With `path`, a checkpointing stream: the file is
  // opened for appending and created (mode 0644, with missing parent
  // directories; durably with FSYNC) if it does not exist. Fails, naming
  // the path, if it cannot be.
  static Try<std::unique_ptr<TaskStatusUpdateStream>> create(
      const TaskID& taskId, const FrameworkID& frameworkId,
      const Option<std::string>& path,
      CheckpointSync sync = CheckpointSync::FSYNC);

  // Syncs records still waiting for it (completing `synced()` futures),
  // cancels `timer` and closes the file.
  ~TaskStatusUpdateStream();

  TaskStatusUpdateStream(const TaskStatusUpdateStream&) = delete;
  TaskStatusUpdateStream& operator=(const TaskStatusUpdateStream&) = delete;

  // -- Queries ---------------------------------------------------------------

  const TaskID& taskId() const { return taskId_; }
  const FrameworkID& frameworkId() const { return frameworkId_; }
  bool checkpoint() const { return path_.isSome(); }
  const Option<std::string>& path() const { return path_; }

  // Updates received and not yet acknowledged, oldest (the head) first.
  const std::deque<StatusUpdate>& pending() const { return pending_; }

  // The uuids of every update received / acknowledged on this stream.
  const hashset<id::UUID>& received() const { return received_; }
  const hashset<id::UUID>& acknowledged() const { return acknowledged_; }

  // Whether a terminal update was acknowledged.
  bool terminated() const { return terminated_; }

  // The head update; None if nothing is pending; an Error once an I/O
  // error has broken the stream.
  Result<StatusUpdate> next() const;

  // -- Modifiers -------------------------------------------------------------

  // Appends `update` to the stream (and its UPDATE record to the file).
  // True if added; false if its uuid was already received or acknowledged
  // (a duplicate, nothing written). An error if it has no valid uuid, or
  // on an I/O error, after which every call fails: the file is cut back to
  // its last complete record if possible and the stream is broken.
  Try<bool> update(const StatusUpdate& update);

  // Acknowledges the head (and appends an ACK record). True if done; false
  // if `uuid` was already acknowledged (duplicate, nothing written). An
  // error if nothing is pending or `uuid` is not the head's (nothing
  // written), or on an I/O error (as for update()).
  Try<bool> acknowledgement(const id::UUID& uuid);

  // Rebuilds the in-memory stream from recovered records, writing nothing:
  // each update is received in order, then acknowledged if `acks` has its
  // uuid. An error for an update without a valid uuid.
  Try<Nothing> replay(const std::vector<StatusUpdate>& updates,
                      const hashset<id::UUID>& acks);

  // READY now if every UPDATE record appended so far is durable (always,
  // for WRITE or a stream without checkpoint); otherwise completed by the
  // next `sync()`: READY, or FAILED if it fails.
  process::Future<Nothing> synced();

  // Makes every record appended so far durable (one fdatasync) if any
  // UPDATE record is waiting for it, and completes the `synced()` futures.
  // A failure breaks the stream.
  Try<Nothing> sync();

  // -- Retry state, owned by the manager -------------------------------------

  // When the in-flight head is to be resent; None while nothing is in
  // flight (not forwarded yet, paused, or acknowledged).
  Option<process::Timeout> timeout;

  // The wait before the pending resend; doubles on each resend.
  Duration interval = STATUS_UPDATE_RETRY_INTERVAL_MIN;

  // The timer of the pending resend, and the manager-wide number of the
  // forward that armed it (a fired timer whose number differs is stale).
  process::Timer timer;
  uint64_t forwardNumber = 0;

 private:
  TaskStatusUpdateStream(const TaskID& taskId, const FrameworkID& frameworkId,
                         const Option<std::string>& path, CheckpointSync sync,
                         int fd, off_t size);

  // Writes one record; on failure breaks the stream.
  Try<Nothing> append(const StatusUpdateRecord& record);

  Try<Nothing> broken() const;

  const TaskID taskId_;
  const FrameworkID frameworkId_;
  const Option<std::string> path_;
  const CheckpointSync sync_;
  const int fd_;  // -1 without checkpoint.
  off_t size_;    // Bytes of complete records in the file.

  std::deque<StatusUpdate> pending_;
  hashset<id::UUID> received_;
  hashset<id::UUID> acknowledged_;
  bool terminated_ = false;

  // Completed by the next sync(); set while an UPDATE record awaits it.
  std::unique_ptr<process::Promise<Nothing>> unsynced_;

  Option<std::string> error_;  // Set once an I/O error broke the stream.
};

}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SLAVE_TASK_STATUS_UPDATE_MANAGER_HPP
