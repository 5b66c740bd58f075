// TaskStatusUpdateManager (src/slave/task_status_update_manager.hpp):
// ordering, the retry schedule, acknowledgement checks, duplicates,
// terminal streams, pause/resume, cleanup, streams without checkpoint,
// recovery, and an agent killed with SIGKILL in the middle of a burst.
// Every timeout is driven by the paused Clock.

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <process/clock.hpp>
#include <process/future.hpp>
#include <process/gtest.hpp>

#include <stout/hashmap.hpp>
#include <stout/os.hpp>
#include <stout/strings.hpp>

#include "slave/paths.hpp"
#include "slave/state.hpp"
#include "slave/task_status_update_manager.hpp"

#include "tests/slave/status_update_test_utils.hpp"

extern char** environ;

namespace mesos {
namespace internal {
namespace slave {
namespace tests {
namespace {

using process::Clock;
using process::Future;

class TaskStatusUpdateManagerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    meta = paths::getMetaRootDir(work.path());
    checkpointTask(meta, ids);
    start();
  }

  void TearDown() override { manager.reset(); }

  void start(CheckpointSync sync = CheckpointSync::FSYNC) {
    manager.reset();
    sink = std::make_unique<ForwardSink>();
    manager = std::make_unique<TaskStatusUpdateManager>(meta, sync);
    manager->initialize(sink->callback());
  }

  Future<Nothing> update(const StatusUpdate& update) {
    return manager->update(update, ids.slaveId, ids.executorId,
                           ids.containerId);
  }

  Future<bool> ack(const StatusUpdate& update) {
    return manager->acknowledgement(update.status().task_id(),
                                    update.framework_id(), uuidOf(update));
  }

  // What the task's file holds now.
  state::TaskState checkpointed() {
    Try<state::TaskState> task = state::TaskState::recover(
        meta, ids.slaveId, ids.frameworkId, ids.executorId, ids.containerId,
        ids.taskId, true);
    CHECK(task.isSome()) << task.error();
    return task.get();
  }

  // Nothing is forwarded by the events and timers due so far.
  void expectNothingForwarded() {
    Clock::settle();
    EXPECT_EQ(0u, sink->queued());
  }

  TemporaryDirectory work;
  std::string meta;
  TaskIds ids;
  std::unique_ptr<ForwardSink> sink;
  std::unique_ptr<TaskStatusUpdateManager> manager;
};

TEST_F(TaskStatusUpdateManagerTest, OneUpdateInFlightNextAfterAck) {
  Clock::pause();
  const StatusUpdate starting = makeUpdate(ids, TASK_STARTING);
  const StatusUpdate running = makeUpdate(ids, TASK_RUNNING);
  AWAIT_READY(update(starting));
  AWAIT_READY(update(running));

  Future<StatusUpdate> first = sink->next();
  AWAIT_READY(first);
  EXPECT_EQ(uuidOf(starting), uuidOf(first.get()));
  EXPECT_EQ(TASK_STARTING, first->status().state());
  expectNothingForwarded();

  AWAIT_EXPECT_TRUE(ack(starting));
  Future<StatusUpdate> second = sink->next();
  AWAIT_READY(second);
  EXPECT_EQ(uuidOf(running), uuidOf(second.get()));

  AWAIT_EXPECT_TRUE(ack(running));
  expectNothingForwarded();

  state::TaskState task = checkpointed();
  ASSERT_EQ(2u, task.updates.size());
  EXPECT_EQ(uuidOf(starting), uuidOf(task.updates[0]));
  EXPECT_EQ(uuidOf(running), uuidOf(task.updates[1]));
  EXPECT_EQ(2u, task.acks.size());
}

// The forwarded copy carries the state of the newest update received, so
// the master learns a task finished even while an older update is retried.
TEST_F(TaskStatusUpdateManagerTest, ForwardSetsLatestState) {
  Clock::pause();
  const StatusUpdate running = makeUpdate(ids, TASK_RUNNING);
  AWAIT_READY(update(running));
  Future<StatusUpdate> forwarded = sink->next();
  AWAIT_READY(forwarded);
  EXPECT_EQ(TASK_RUNNING, forwarded->latest_state());

  AWAIT_READY(update(makeUpdate(ids, TASK_FINISHED)));
  Clock::advance(STATUS_UPDATE_RETRY_INTERVAL_MIN);
  Future<StatusUpdate> retried = sink->next();
  AWAIT_READY(retried);
  EXPECT_EQ(TASK_RUNNING, retried->status().state());
  EXPECT_EQ(TASK_FINISHED, retried->latest_state());

  // The checkpoint holds the update as received.
  EXPECT_FALSE(checkpointed().updates[0].has_latest_state());
}

TEST_F(TaskStatusUpdateManagerTest, RetriesWithExponentialBackoff) {
  Clock::pause();
  const StatusUpdate running = makeUpdate(ids, TASK_RUNNING);
  AWAIT_READY(update(running));
  AWAIT_READY(sink->next());
  Clock::settle();

  const std::vector<Duration> schedule = {
      Seconds(10),  Seconds(20),  Seconds(40),  Seconds(80), Seconds(160),
      Seconds(320), Seconds(600), Seconds(600), Seconds(600)};
  for (const Duration& wait : schedule) {
    SCOPED_TRACE("resend after " + stringify(wait));
    Clock::advance(wait - Milliseconds(1));
    expectNothingForwarded();
    Clock::advance(Milliseconds(1));
    Future<StatusUpdate> resent = sink->next();
    AWAIT_READY(resent);
    EXPECT_EQ(uuidOf(running), uuidOf(resent.get()));
    Clock::settle();
  }

  // Acknowledged: no more resends.
  AWAIT_EXPECT_TRUE(ack(running));
  Clock::advance(Minutes(30));
  expectNothingForwarded();
}

TEST_F(TaskStatusUpdateManagerTest, AckOfAnUpdateThatIsNotTheHeadFails) {
  Clock::pause();
  const StatusUpdate starting = makeUpdate(ids, TASK_STARTING);
  const StatusUpdate running = makeUpdate(ids, TASK_RUNNING);
  AWAIT_READY(update(starting));
  AWAIT_READY(update(running));
  AWAIT_READY(sink->next());

  Future<bool> early = ack(running);
  AWAIT_FAILED(early);
  EXPECT_TRUE(strings::contains(early.failure(), "Unexpected"))
      << early.failure();
  AWAIT_FAILED(manager->acknowledgement(ids.taskId, ids.frameworkId,
                                        id::UUID::random()));
  AWAIT_FAILED(manager->acknowledgement(makeId<TaskID>("other"),
                                        ids.frameworkId, uuidOf(starting)));

  // Nothing changed: the head is still in flight and acknowledgeable.
  EXPECT_TRUE(checkpointed().acks.empty());
  AWAIT_EXPECT_TRUE(ack(starting));
  Future<StatusUpdate> next = sink->next();
  AWAIT_READY(next);
  EXPECT_EQ(uuidOf(running), uuidOf(next.get()));

  // A second ack of the same update is a duplicate.
  Future<bool> duplicate = ack(starting);
  AWAIT_FAILED(duplicate);
  EXPECT_TRUE(strings::contains(duplicate.failure(), "Duplicate"))
      << duplicate.failure();
  EXPECT_EQ(1u, checkpointed().acks.size());
}

TEST_F(TaskStatusUpdateManagerTest, DuplicateUpdatesAreDropped) {
  Clock::pause();
  const StatusUpdate running = makeUpdate(ids, TASK_RUNNING);
  AWAIT_READY(update(running));
  AWAIT_READY(update(running));  // READY, so the agent re-acks the executor.
  AWAIT_READY(sink->next());
  expectNothingForwarded();
  EXPECT_EQ(1u, checkpointed().updates.size());

  // Also after the scheduler acknowledged it.
  AWAIT_EXPECT_TRUE(ack(running));
  AWAIT_READY(update(running));
  expectNothingForwarded();
  Clock::advance(STATUS_UPDATE_RETRY_INTERVAL_MIN);
  expectNothingForwarded();
  EXPECT_EQ(1u, checkpointed().updates.size());
}

TEST_F(TaskStatusUpdateManagerTest, UpdateWithoutUuidFails) {
  StatusUpdate update = makeUpdate(ids, TASK_RUNNING);
  update.clear_uuid();
  AWAIT_FAILED(this->update(update));
  update.set_uuid("not sixteen bytes");
  AWAIT_FAILED(this->update(update));
  EXPECT_EQ(0u, sink->total());
}

TEST_F(TaskStatusUpdateManagerTest, TerminalStreamClosesAfterAck) {
  Clock::pause();
  const StatusUpdate finished = makeUpdate(ids, TASK_FINISHED);
  AWAIT_READY(update(finished));
  AWAIT_READY(sink->next());

  AWAIT_EXPECT_FALSE(ack(finished));
  Future<bool> again = ack(finished);
  AWAIT_FAILED(again);
  EXPECT_TRUE(strings::contains(again.failure(), "Cannot find"))
      << again.failure();
  Clock::advance(Minutes(30));
  expectNothingForwarded();

  // A later update for the task opens a new stream and is forwarded, as
  // Mesos does for a duplicate terminal update after the ack.
  const StatusUpdate killed = makeUpdate(ids, TASK_KILLED);
  AWAIT_READY(update(killed));
  Future<StatusUpdate> forwarded = sink->next();
  AWAIT_READY(forwarded);
  EXPECT_EQ(uuidOf(killed), uuidOf(forwarded.get()));
  AWAIT_EXPECT_FALSE(ack(killed));

  // Both streams appended to the same file.
  state::TaskState task = checkpointed();
  EXPECT_EQ(2u, task.updates.size());
  EXPECT_EQ(2u, task.acks.size());
}

TEST_F(TaskStatusUpdateManagerTest, TerminalAckDropsUpdatesStillPending) {
  Clock::pause();
  const StatusUpdate finished = makeUpdate(ids, TASK_FINISHED);
  AWAIT_READY(update(finished));
  AWAIT_READY(update(makeUpdate(ids, TASK_KILLED)));
  AWAIT_READY(sink->next());

  AWAIT_EXPECT_FALSE(ack(finished));
  Clock::advance(STATUS_UPDATE_RETRY_INTERVAL_MIN);
  expectNothingForwarded();
}

TEST_F(TaskStatusUpdateManagerTest, PauseStopsForwardingResumeResendsAtOnce) {
  Clock::pause();
  manager->pause();
  const StatusUpdate running = makeUpdate(ids, TASK_RUNNING);
  AWAIT_READY(update(running));  // Still checkpointed while paused.
  expectNothingForwarded();
  Clock::advance(Minutes(30));
  expectNothingForwarded();

  manager->resume();
  Future<StatusUpdate> forwarded = sink->next();
  AWAIT_READY(forwarded);
  EXPECT_EQ(uuidOf(running), uuidOf(forwarded.get()));

  // In flight, then paused: no resends; resumed: resent right away, and
  // the backoff starts over.
  Clock::advance(Seconds(10));
  AWAIT_READY(sink->next());
  manager->pause();
  Clock::advance(Minutes(30));
  expectNothingForwarded();

  manager->resume();
  AWAIT_READY(sink->next());
  Clock::advance(Seconds(10));
  AWAIT_READY(sink->next());

  // Acks are handled while paused; the next update waits for resume().
  const StatusUpdate finished = makeUpdate(ids, TASK_FINISHED);
  AWAIT_READY(update(finished));
  manager->pause();
  AWAIT_EXPECT_TRUE(ack(running));
  expectNothingForwarded();
  manager->resume();
  Future<StatusUpdate> next = sink->next();
  AWAIT_READY(next);
  EXPECT_EQ(uuidOf(finished), uuidOf(next.get()));
}

TEST_F(TaskStatusUpdateManagerTest, CleanupClosesTheFrameworksStreams) {
  Clock::pause();
  TaskIds other;
  other.frameworkId = makeId<FrameworkID>("framework-2");
  checkpointTask(meta, other);

  const StatusUpdate mine = makeUpdate(ids, TASK_RUNNING);
  const StatusUpdate theirs = makeUpdate(other, TASK_RUNNING);
  AWAIT_READY(update(mine));
  AWAIT_READY(manager->update(theirs, other.slaveId, other.executorId,
                              other.containerId));
  AWAIT_READY(sink->next());
  AWAIT_READY(sink->next());

  manager->cleanup(ids.frameworkId);
  Clock::advance(STATUS_UPDATE_RETRY_INTERVAL_MIN);
  Future<StatusUpdate> resent = sink->next();
  AWAIT_READY(resent);
  EXPECT_EQ(uuidOf(theirs), uuidOf(resent.get()));
  expectNothingForwarded();

  AWAIT_FAILED(ack(mine));
  AWAIT_EXPECT_TRUE(ack(theirs));
  EXPECT_TRUE(os::exists(updatesPath(meta, ids)));  // Left for GC.
}

TEST_F(TaskStatusUpdateManagerTest, StreamsWithoutCheckpoint) {
  Clock::pause();
  const StatusUpdate running = makeUpdate(ids, TASK_RUNNING);
  AWAIT_READY(manager->update(running, ids.slaveId));
  Future<StatusUpdate> forwarded = sink->next();
  AWAIT_READY(forwarded);
  EXPECT_EQ(uuidOf(running), uuidOf(forwarded.get()));
  Clock::advance(STATUS_UPDATE_RETRY_INTERVAL_MIN);
  AWAIT_READY(sink->next());

  // The two kinds of update do not mix in one stream.
  Future<Nothing> mixed = update(makeUpdate(ids, TASK_FINISHED));
  AWAIT_FAILED(mixed);
  EXPECT_TRUE(strings::contains(mixed.failure(), "Mismatched checkpoint"))
      << mixed.failure();

  AWAIT_EXPECT_TRUE(ack(running));
  EXPECT_FALSE(os::exists(updatesPath(meta, ids)));
}

TEST_F(TaskStatusUpdateManagerTest, WithoutFsync) {
  start(CheckpointSync::WRITE);
  const StatusUpdate running = makeUpdate(ids, TASK_RUNNING);
  AWAIT_READY(update(running));
  AWAIT_READY(sink->next());
  AWAIT_EXPECT_TRUE(ack(running));
  EXPECT_EQ(1u, checkpointed().updates.size());
  EXPECT_EQ(1u, checkpointed().acks.size());
}

TEST_F(TaskStatusUpdateManagerTest, BurstOfUpdatesAcrossTasks) {
  std::vector<TaskIds> tasks(8);
  std::vector<Future<Nothing>> done;
  for (size_t i = 0; i < tasks.size(); i++) {
    tasks[i].taskId = makeId<TaskID>("burst-" + std::to_string(i));
    checkpointTask(meta, tasks[i]);
    for (int j = 0; j < 20; j++) {
      done.push_back(manager->update(makeUpdate(tasks[i], TASK_RUNNING),
                                     ids.slaveId, ids.executorId,
                                     ids.containerId));
    }
  }
  for (const Future<Nothing>& future : done) {
    AWAIT_READY(future);
  }
  for (const TaskIds& task : tasks) {
    Try<state::TaskState> recovered = state::TaskState::recover(
        meta, ids.slaveId, ids.frameworkId, ids.executorId, ids.containerId,
        task.taskId, true);
    ASSERT_TRUE(recovered.isSome()) << recovered.error();
    EXPECT_EQ(20u, recovered->updates.size());
  }
  EXPECT_EQ(tasks.size(), sink->total());
}

// -- Recovery ----------------------------------------------------------------

class TaskStatusUpdateManagerRecoveryTest : public TaskStatusUpdateManagerTest {
 protected:
  // Restarts the manager as a restarted agent would: read the state, then
  // hand the agent's part to a new manager.
  void restart() {
    start();
    Try<state::State> state = state::recover(meta, true);
    ASSERT_TRUE(state.isSome()) << state.error();
    ASSERT_TRUE(state->slave.isSome());
    manager->pause();  // The agent has no master yet.
    AWAIT_READY(manager->recover(meta, state->slave));
  }
};

TEST_F(TaskStatusUpdateManagerRecoveryTest, ReplaysPendingNotAcknowledged) {
  Clock::pause();
  std::vector<StatusUpdate> updates;
  for (int i = 0; i < 5; i++) {
    updates.push_back(makeUpdate(ids, TASK_RUNNING));
    AWAIT_READY(update(updates.back()));
  }
  AWAIT_READY(sink->next());
  AWAIT_EXPECT_TRUE(ack(updates[0]));
  AWAIT_READY(sink->next());
  AWAIT_EXPECT_TRUE(ack(updates[1]));

  restart();
  expectNothingForwarded();

  manager->resume();
  Future<StatusUpdate> first = sink->next();
  AWAIT_READY(first);
  EXPECT_EQ(uuidOf(updates[2]), uuidOf(first.get()));
  expectNothingForwarded();

  // Acked updates were not replayed as pending; the rest come in order.
  for (int i = 2; i < 5; i++) {
    AWAIT_EXPECT_TRUE(ack(updates[i]));
    if (i < 4) {
      Future<StatusUpdate> next = sink->next();
      AWAIT_READY(next);
      EXPECT_EQ(uuidOf(updates[i + 1]), uuidOf(next.get()));
    }
  }
  AWAIT_FAILED(ack(updates[0]));  // Duplicate, even across the restart.

  // The recovered stream appends to the same file.
  const StatusUpdate finished = makeUpdate(ids, TASK_FINISHED);
  AWAIT_READY(update(finished));
  state::TaskState task = checkpointed();
  EXPECT_EQ(6u, task.updates.size());
  EXPECT_EQ(5u, task.acks.size());

  // An update the executor resends after the restart is a duplicate.
  AWAIT_READY(update(updates[4]));
  EXPECT_EQ(6u, checkpointed().updates.size());
}

TEST_F(TaskStatusUpdateManagerRecoveryTest, TerminatedStreamIsNotRecovered) {
  Clock::pause();
  const StatusUpdate finished = makeUpdate(ids, TASK_FINISHED);
  AWAIT_READY(update(finished));
  AWAIT_READY(sink->next());
  AWAIT_EXPECT_FALSE(ack(finished));

  restart();
  manager->resume();
  expectNothingForwarded();
  AWAIT_FAILED(ack(finished));
}

TEST_F(TaskStatusUpdateManagerRecoveryTest, TornTailIsDroppedAndStreamGoesOn) {
  Clock::pause();
  const StatusUpdate running = makeUpdate(ids, TASK_RUNNING);
  AWAIT_READY(update(running));
  manager.reset();

  // Half of a record, as if the agent died in the middle of appending.
  const std::string path = updatesPath(meta, ids);
  const std::string intact = os::read(path).get();
  ASSERT_TRUE(
      os::write(path, intact + intact.substr(0, intact.size() / 2)).isSome());

  restart();
  EXPECT_EQ(intact, os::read(path).get());
  manager->resume();
  Future<StatusUpdate> forwarded = sink->next();
  AWAIT_READY(forwarded);
  EXPECT_EQ(uuidOf(running), uuidOf(forwarded.get()));

  const StatusUpdate finished = makeUpdate(ids, TASK_FINISHED);
  AWAIT_READY(update(finished));
  AWAIT_EXPECT_TRUE(ack(running));
  AWAIT_READY(sink->next());
  EXPECT_EQ(2u, checkpointed().updates.size());
}

TEST_F(TaskStatusUpdateManagerRecoveryTest, SkipsCompletedAndUnknownRuns) {
  Clock::pause();
  AWAIT_READY(update(makeUpdate(ids, TASK_RUNNING)));
  ASSERT_TRUE(state::checkpoint(paths::getExecutorSentinelPath(
                                    meta, ids.slaveId, ids.frameworkId,
                                    ids.executorId, ids.containerId),
                                std::string())
                  .isSome());

  restart();
  manager->resume();
  expectNothingForwarded();
  AWAIT_READY(manager->recover(meta, None()));
}

// An agent killed with SIGKILL in the middle of a burst loses nothing it
// acknowledged: every update whose update() completed, and every
// acknowledgement whose acknowledgement() completed, is found by recovery.
// Killed mid-append, the torn last record is cut off.
TEST_F(TaskStatusUpdateManagerRecoveryTest, KilledAgentLosesNothingAcked) {
  manager.reset();
  const int tasks = 3;
  std::vector<TaskIds> all(tasks);
  for (int i = 0; i < tasks; i++) {
    all[i].taskId = makeId<TaskID>("task-" + std::to_string(i));
    checkpointTask(meta, all[i]);
  }

  // Rounds with fsync kill the helper mostly while it waits for the disk;
  // rounds without (big records, write(2) only) mostly in the middle of a
  // write, leaving a torn record.
  struct Round {
    size_t killAfter;
    std::string sync;
    std::string payload;
  };
  const std::vector<Round> rounds = {
      {1, "fsync", "65536"},   {40, "fsync", "65536"},
      {3, "write", "4194304"}, {5, "write", "4194304"},
      {8, "write", "4194304"}, {13, "write", "4194304"},
      {60, "write", "262144"}, {200, "write", "262144"}};

  size_t previousRecords = 0;
  size_t tornRounds = 0;
  for (const Round& round : rounds) {
    const size_t killAfter = round.killAfter;
    SCOPED_TRACE("killed after " + std::to_string(killAfter) +
                 " more reports, " + round.sync);

    int out[2];
    ASSERT_EQ(0, ::pipe2(out, O_CLOEXEC));
    const std::string stderrPath = path::join(work.path(), "helper.stderr");

    posix_spawn_file_actions_t actions;
    ASSERT_EQ(0, posix_spawn_file_actions_init(&actions));
    ASSERT_EQ(0, posix_spawn_file_actions_adddup2(&actions, out[1], 1));
    ASSERT_EQ(0, posix_spawn_file_actions_addopen(
                     &actions, 2, stderrPath.c_str(),
                     O_WRONLY | O_CREAT | O_TRUNC, 0644));
    const std::string helper = STATUS_UPDATE_HELPER;
    std::vector<std::string> args = {
        helper,    meta,          std::to_string(tasks),
        "1000000", round.payload, round.sync};
    std::vector<char*> argv;
    for (std::string& arg : args) {
      argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    pid_t pid;
    ASSERT_EQ(0, posix_spawn(&pid, helper.c_str(), &actions, nullptr,
                             argv.data(), environ));
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);

    // The size of a task's file (0 while it has none).
    const auto size = [this](const TaskIds& task) {
      Try<Bytes> bytes = os::stat::size(updatesPath(meta, task));
      return bytes.isSome() ? bytes.get() : Bytes(0);
    };

    // Read reports until enough came, then kill the helper as it starts
    // its next update (so the kill lands while that update is being
    // written), then take the reports it wrote before dying.
    std::string output;
    size_t scanned = 0;
    size_t reports = 0;
    bool killed = false;
    char buffer[4096];
    for (;;) {
      const ssize_t n = ::read(out[0], buffer, sizeof(buffer));
      if (n < 0 && errno == EINTR) {
        continue;
      }
      ASSERT_GE(n, 0);
      if (n == 0) {
        break;
      }
      output.append(buffer, static_cast<size_t>(n));
      for (size_t end; (end = output.find('\n', scanned)) != std::string::npos;
           scanned = end + 1) {
        if (output[scanned] != 'W') {
          reports++;
        } else if (!killed && reports >= killAfter) {
          // Wait (spinning, bounded) until the record starts to reach the
          // file, so that the kill most likely lands inside the write.
          const std::vector<std::string> fields =
              strings::tokenize(output.substr(scanned, end - scanned), " ");
          ASSERT_EQ(3u, fields.size());
          TaskIds task;
          task.taskId = makeId<TaskID>(fields[1]);
          const Bytes before = size(task);
          for (int spin = 0; spin < 10000000 && size(task) == before; spin++) {
          }
          ASSERT_EQ(0, ::kill(pid, SIGKILL));
          killed = true;
        }
      }
    }
    ::close(out[0]);
    int status;
    ASSERT_EQ(pid, ::waitpid(pid, &status, 0));
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "helper exited on its own: " << os::read(stderrPath).get();

    // Only complete lines are reports.
    output = output.substr(0, output.rfind('\n') + 1);

    // Files as the helper left them.
    hashmap<std::string, Bytes> sizes;
    for (const TaskIds& task : all) {
      sizes[task.taskId.value()] = size(task);
    }

    Try<state::State> state = state::recover(meta, true);
    ASSERT_TRUE(state.isSome()) << state.error();
    ASSERT_TRUE(state->slave.isSome());
    const state::RunState& run = state->slave->frameworks.at(ids.frameworkId)
                                     .executors.at(ids.executorId)
                                     .runs.at(ids.containerId);

    size_t lines = 0;
    for (const std::string& line : strings::tokenize(output, "\n")) {
      const std::vector<std::string> fields = strings::tokenize(line, " ");
      ASSERT_EQ(3u, fields.size()) << line;
      if (fields[0] == "W") {
        continue;  // Started, not completed: may or may not be on disk.
      }
      const TaskID taskId = makeId<TaskID>(fields[1]);
      const id::UUID uuid = id::UUID::fromString(fields[2]).get();
      ASSERT_TRUE(run.tasks.contains(taskId)) << line;
      const state::TaskState& task = run.tasks.at(taskId);
      if (fields[0] == "U") {
        bool found = false;
        for (const StatusUpdate& update : task.updates) {
          found = found || uuidOf(update) == uuid;
        }
        EXPECT_TRUE(found) << "lost acknowledged update: " << line;
      } else {
        EXPECT_TRUE(task.acks.contains(uuid)) << "lost ack: " << line;
      }
      lines++;
    }
    EXPECT_GE(lines, killAfter);

    // Every record recovered, reported or not, was a complete one.
    size_t records = 0;
    for (const auto& [taskId, task] : run.tasks) {
      records += task.updates.size() + task.acks.size();
      EXPECT_EQ(0u, task.errors);
    }
    EXPECT_GE(records, previousRecords + lines);
    previousRecords = records;

    bool torn = false;
    for (const TaskIds& task : all) {
      torn = torn || size(task) < sizes[task.taskId.value()];
    }
    tornRounds += torn ? 1 : 0;

    // The recovered streams replay and go on.
    restart();
    manager->resume();
    Clock::settle();
    manager.reset();
  }

  // How often the kill tore a record depends on timing; shown, not checked.
  RecordProperty("rounds_with_torn_tail", static_cast<int>(tornRounds));
  std::cout << "Rounds that left a torn record: " << tornRounds << " of "
            << rounds.size() << std::endl;
}

}  // namespace
}  // namespace tests
}  // namespace slave
}  // namespace internal
}  // namespace mesos
