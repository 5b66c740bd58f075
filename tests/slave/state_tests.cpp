// Reading the checkpoint tree back (src/slave/state.hpp): the full layout,
// missing and empty files, the strict/non-strict rule, torn tails at every
// byte offset, corruption in the middle, and reboots.

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <stout/os.hpp>
#include <stout/strings.hpp>

#include "slave/paths.hpp"
#include "slave/state.hpp"

#include "tests/slave/status_update_test_utils.hpp"

namespace mesos {
namespace internal {
namespace slave {
namespace tests {
namespace {

// One framed record, as the agent appends it: native-endian uint32 length,
// then the bytes.
std::string frame(const std::string& body) {
  const uint32_t length = static_cast<uint32_t>(body.size());
  std::string bytes(sizeof(length), '\0');
  std::memcpy(&bytes[0], &length, sizeof(length));
  return bytes + body;
}

std::string updateRecord(const StatusUpdate& update) {
  StatusUpdateRecord record;
  record.set_type(StatusUpdateRecord::UPDATE);
  *record.mutable_update() = update;
  return frame(record.SerializeAsString());
}

std::string ackRecord(const std::string& uuidBytes) {
  StatusUpdateRecord record;
  record.set_type(StatusUpdateRecord::ACK);
  record.set_uuid(uuidBytes);
  return frame(record.SerializeAsString());
}

class StateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    meta = paths::getMetaRootDir(work.path());
    checkpointTask(meta, ids);
  }

  Try<state::TaskState> recoverTask(bool strict) {
    return state::TaskState::recover(meta, ids.slaveId, ids.frameworkId,
                                     ids.executorId, ids.containerId,
                                     ids.taskId, strict);
  }

  void writeUpdates(const std::string& bytes) {
    ASSERT_TRUE(os::write(updatesPath(meta, ids), bytes).isSome());
  }

  std::string readUpdates() { return os::read(updatesPath(meta, ids)).get(); }

  TemporaryDirectory work;
  std::string meta;
  TaskIds ids;
};

TEST_F(StateTest, MissingRootIsAFirstStart) {
  Try<state::State> state = state::recover(meta + "-missing", true);
  ASSERT_TRUE(state.isSome()) << state.error();
  EXPECT_TRUE(state->resources.isNone());
  EXPECT_TRUE(state->slave.isNone());
  EXPECT_EQ(0u, state->errors);
}

TEST_F(StateTest, RecoversTheWholeLayout) {
  const StatusUpdate running = makeUpdate(ids, TASK_RUNNING);
  const StatusUpdate finished = makeUpdate(ids, TASK_FINISHED);
  writeUpdates(updateRecord(running) + ackRecord(running.uuid()) +
               updateRecord(finished));
  ASSERT_TRUE(
      state::checkpoint(paths::getBootIdPath(meta), state::bootId().get())
          .isSome());

  Try<state::State> state = state::recover(meta, true);
  ASSERT_TRUE(state.isSome()) << state.error();
  EXPECT_FALSE(state->rebooted);
  EXPECT_EQ(0u, state->errors);
  ASSERT_TRUE(state->slave.isSome());

  const state::SlaveState& slave = state->slave.get();
  EXPECT_EQ(ids.slaveId, slave.id);
  ASSERT_TRUE(slave.info.isSome());
  EXPECT_EQ("localhost", slave.info->hostname());
  ASSERT_EQ(1u, slave.frameworks.size());

  const state::FrameworkState& framework = slave.frameworks.at(ids.frameworkId);
  ASSERT_TRUE(framework.info.isSome());
  EXPECT_EQ("framework", framework.info->name());
  ASSERT_TRUE(framework.pid.isSome());
  EXPECT_EQ("scheduler-1@127.0.0.1:5050", stringify(framework.pid.get()));
  ASSERT_EQ(1u, framework.executors.size());

  const state::ExecutorState& executor = framework.executors.at(ids.executorId);
  ASSERT_TRUE(executor.info.isSome());
  EXPECT_EQ(ids.executorId, executor.info->executor_id());
  EXPECT_FALSE(executor.generatedForCommandTask);
  ASSERT_TRUE(executor.latest.isSome());
  EXPECT_EQ(ids.containerId, executor.latest.get());
  ASSERT_EQ(1u, executor.runs.size());

  const state::RunState& run = executor.runs.at(ids.containerId);
  EXPECT_FALSE(run.completed);
  ASSERT_TRUE(run.forkedPid.isSome());
  EXPECT_EQ(4242, run.forkedPid.get());
  ASSERT_TRUE(run.libprocessPid.isSome());
  EXPECT_EQ("executor(1)@127.0.0.1:40000", stringify(run.libprocessPid.get()));
  ASSERT_TRUE(run.http.isSome());
  EXPECT_FALSE(run.http.get());
  ASSERT_EQ(1u, run.tasks.size());

  const state::TaskState& task = run.tasks.at(ids.taskId);
  ASSERT_TRUE(task.info.isSome());
  EXPECT_EQ(ids.taskId, task.info->task_id());
  ASSERT_EQ(2u, task.updates.size());
  EXPECT_EQ(running.SerializeAsString(), task.updates[0].SerializeAsString());
  EXPECT_EQ(finished.SerializeAsString(), task.updates[1].SerializeAsString());
  ASSERT_EQ(1u, task.acks.size());
  EXPECT_TRUE(task.acks.contains(uuidOf(running)));
}

TEST_F(StateTest, MissingAndEmptyFilesAreNotErrors) {
  // No task.updates yet: the task is recovered without updates.
  Try<state::TaskState> task = recoverTask(true);
  ASSERT_TRUE(task.isSome()) << task.error();
  EXPECT_TRUE(task->info.isSome());
  EXPECT_TRUE(task->updates.empty());
  EXPECT_EQ(0u, task->errors);

  // An empty framework info (created, then the agent died): recovery
  // stops there without error.
  ASSERT_TRUE(
      os::write(paths::getFrameworkInfoPath(meta, ids.slaveId, ids.frameworkId),
                "")
          .isSome());
  Try<state::State> state = state::recover(meta, true);
  ASSERT_TRUE(state.isSome()) << state.error();
  const state::FrameworkState& framework =
      state->slave->frameworks.at(ids.frameworkId);
  EXPECT_TRUE(framework.info.isNone());
  EXPECT_TRUE(framework.executors.empty());
  EXPECT_EQ(0u, state->errors);

  // No agent link: nothing to recover.
  ASSERT_TRUE(os::rm(paths::getLatestSlavePath(meta)).isSome());
  state = state::recover(meta, true);
  ASSERT_TRUE(state.isSome()) << state.error();
  EXPECT_TRUE(state->slave.isNone());
}

TEST_F(StateTest, HttpExecutorAndSentinel) {
  const std::string pid = paths::getLibprocessPidPath(
      meta, ids.slaveId, ids.frameworkId, ids.executorId, ids.containerId);
  ASSERT_TRUE(os::rm(pid).isSome());
  ASSERT_TRUE(state::checkpoint(paths::getExecutorHttpMarkerPath(
                                    meta, ids.slaveId, ids.frameworkId,
                                    ids.executorId, ids.containerId),
                                std::string())
                  .isSome());
  ASSERT_TRUE(state::checkpoint(paths::getExecutorSentinelPath(
                                    meta, ids.slaveId, ids.frameworkId,
                                    ids.executorId, ids.containerId),
                                std::string())
                  .isSome());

  Try<state::RunState> run =
      state::RunState::recover(meta, ids.slaveId, ids.frameworkId,
                               ids.executorId, ids.containerId, true, false);
  ASSERT_TRUE(run.isSome()) << run.error();
  EXPECT_TRUE(run->completed);
  EXPECT_TRUE(run->libprocessPid.isNone());
  ASSERT_TRUE(run->http.isSome());
  EXPECT_TRUE(run->http.get());
}

TEST_F(StateTest, RebootDropsPids) {
  ASSERT_TRUE(state::checkpoint(paths::getBootIdPath(meta),
                                std::string("some-other-boot"))
                  .isSome());
  Try<state::State> state = state::recover(meta, true);
  ASSERT_TRUE(state.isSome()) << state.error();
  EXPECT_TRUE(state->rebooted);

  const state::RunState& run = state->slave->frameworks.at(ids.frameworkId)
                                   .executors.at(ids.executorId)
                                   .runs.at(ids.containerId);
  EXPECT_TRUE(run.forkedPid.isNone());
  EXPECT_TRUE(run.libprocessPid.isNone());
  EXPECT_EQ(1u, run.tasks.size());
  EXPECT_FALSE(os::exists(paths::getForkedPidPath(
      meta, ids.slaveId, ids.frameworkId, ids.executorId, ids.containerId)));
}

TEST_F(StateTest, BadInfoFileIsStrictOrCounted) {
  const std::string path = paths::getExecutorInfoPath(
      meta, ids.slaveId, ids.frameworkId, ids.executorId);
  // A complete record whose bytes are not an ExecutorInfo.
  ASSERT_TRUE(os::write(path, frame("\xff\xff\xff")).isSome());

  Try<state::State> strict = state::recover(meta, true);
  ASSERT_TRUE(strict.isError());
  EXPECT_TRUE(strings::contains(strict.error(), path)) << strict.error();

  Try<state::State> lenient = state::recover(meta, false);
  ASSERT_TRUE(lenient.isSome()) << lenient.error();
  EXPECT_EQ(1u, lenient->errors);
  EXPECT_EQ(1u, lenient->slave->errors);
  const state::ExecutorState& executor =
      lenient->slave->frameworks.at(ids.frameworkId)
          .executors.at(ids.executorId);
  EXPECT_TRUE(executor.info.isNone());
  EXPECT_EQ(1u, executor.errors);
}

TEST_F(StateTest, BadPidIsStrictOrCounted) {
  ASSERT_TRUE(state::checkpoint(
                  paths::getForkedPidPath(meta, ids.slaveId, ids.frameworkId,
                                          ids.executorId, ids.containerId),
                  std::string("not-a-pid"))
                  .isSome());
  EXPECT_TRUE(state::recover(meta, true).isError());
  Try<state::State> lenient = state::recover(meta, false);
  ASSERT_TRUE(lenient.isSome()) << lenient.error();
  EXPECT_EQ(1u, lenient->errors);
}

// The agent was killed while appending the last record: whatever prefix of
// it reached the file, recovery keeps every earlier record, cuts the file
// back to them and reports no error.
TEST_F(StateTest, TornLastRecordAtEveryOffsetIsTruncated) {
  const StatusUpdate first = makeUpdate(ids, TASK_STARTING);
  const StatusUpdate second = makeUpdate(ids, TASK_RUNNING);
  StatusUpdate last = makeUpdate(ids, TASK_FINISHED);
  last.mutable_status()->set_message(std::string(300, 'm'));

  const std::string intact =
      updateRecord(first) + ackRecord(first.uuid()) + updateRecord(second);
  const std::string torn = updateRecord(last);

  for (size_t cut = 0; cut < torn.size(); cut++) {
    SCOPED_TRACE("cut after " + std::to_string(cut) + " bytes");
    writeUpdates(intact + torn.substr(0, cut));

    Try<state::TaskState> task = recoverTask(true);
    ASSERT_TRUE(task.isSome()) << task.error();
    EXPECT_EQ(0u, task->errors);
    ASSERT_EQ(2u, task->updates.size());
    EXPECT_EQ(uuidOf(first), uuidOf(task->updates[0]));
    EXPECT_EQ(uuidOf(second), uuidOf(task->updates[1]));
    EXPECT_EQ(1u, task->acks.size());
    EXPECT_EQ(intact, readUpdates());
  }

  // The complete record is kept.
  writeUpdates(intact + torn);
  Try<state::TaskState> task = recoverTask(true);
  ASSERT_TRUE(task.isSome()) << task.error();
  EXPECT_EQ(3u, task->updates.size());
  EXPECT_EQ(intact + torn, readUpdates());
}

// A machine crash can leave the file longer than the data that reached
// the disk, the rest reading as zeros.
TEST_F(StateTest, ZeroFilledTailIsTruncated) {
  const StatusUpdate update = makeUpdate(ids, TASK_RUNNING);
  const std::string intact = updateRecord(update);
  for (size_t zeros : {1u, 3u, 4u, 5u, 4096u}) {
    SCOPED_TRACE(std::to_string(zeros) + " zero bytes");
    writeUpdates(intact + std::string(zeros, '\0'));
    Try<state::TaskState> task = recoverTask(true);
    ASSERT_TRUE(task.isSome()) << task.error();
    EXPECT_EQ(1u, task->updates.size());
    EXPECT_EQ(0u, task->errors);
    EXPECT_EQ(intact, readUpdates());
  }
}

TEST_F(StateTest, CorruptRecordInTheMiddle) {
  const StatusUpdate first = makeUpdate(ids, TASK_STARTING);
  const StatusUpdate third = makeUpdate(ids, TASK_RUNNING);
  std::string corrupt = updateRecord(makeUpdate(ids, TASK_KILLING));
  // Garble the body but keep the length: the framing still holds.
  for (size_t i = 4; i < 12; i++) {
    corrupt[i] = '\xff';
  }
  const std::string bytes = updateRecord(first) + corrupt + updateRecord(third);
  writeUpdates(bytes);

  Try<state::TaskState> strict = recoverTask(true);
  ASSERT_TRUE(strict.isError());
  EXPECT_TRUE(strings::contains(strict.error(), updatesPath(meta, ids)))
      << strict.error();
  EXPECT_TRUE(strings::contains(
      strict.error(),
      "Corrupt record at offset " + std::to_string(updateRecord(first).size())))
      << strict.error();
  EXPECT_EQ(bytes, readUpdates());  // Left for inspection.

  // The whole recovery fails too, naming the task.
  Try<state::State> state = state::recover(meta, true);
  ASSERT_TRUE(state.isError());
  EXPECT_TRUE(strings::contains(state.error(), "task-1")) << state.error();

  Try<state::TaskState> lenient = recoverTask(false);
  ASSERT_TRUE(lenient.isSome()) << lenient.error();
  EXPECT_EQ(1u, lenient->errors);
  ASSERT_EQ(2u, lenient->updates.size());
  EXPECT_EQ(uuidOf(first), uuidOf(lenient->updates[0]));
  EXPECT_EQ(uuidOf(third), uuidOf(lenient->updates[1]));

  Try<state::State> counted = state::recover(meta, false);
  ASSERT_TRUE(counted.isSome()) << counted.error();
  EXPECT_EQ(1u, counted->errors);
}

TEST_F(StateTest, RecordsMissingWhatTheirTypeNeedsAreCorrupt) {
  const StatusUpdate update = makeUpdate(ids, TASK_RUNNING);

  StatusUpdateRecord noUpdate;
  noUpdate.set_type(StatusUpdateRecord::UPDATE);
  for (const std::string& bad :
       {ackRecord("short"), frame(noUpdate.SerializeAsString())}) {
    writeUpdates(updateRecord(update) + bad + ackRecord(update.uuid()));
    Try<state::TaskState> strict = recoverTask(true);
    ASSERT_TRUE(strict.isError());
    EXPECT_TRUE(strings::contains(strict.error(), "Corrupt record"))
        << strict.error();

    Try<state::TaskState> lenient = recoverTask(false);
    ASSERT_TRUE(lenient.isSome()) << lenient.error();
    EXPECT_EQ(1u, lenient->errors);
    EXPECT_EQ(1u, lenient->updates.size());
    EXPECT_EQ(1u, lenient->acks.size());
  }
}

TEST_F(StateTest, Resources) {
  const Resources resources = Resources::parse("cpus:2;mem:1024").get();
  ASSERT_TRUE(
      state::checkpoint(paths::getResourcesInfoPath(meta), resources).isSome());

  Try<state::State> state = state::recover(meta, true);
  ASSERT_TRUE(state.isSome()) << state.error();
  ASSERT_TRUE(state->resources.isSome());
  EXPECT_EQ(resources, state->resources->resources);
  EXPECT_TRUE(state->resources->target.isNone());

  ASSERT_TRUE(
      os::write(paths::getResourcesTargetPath(meta), frame("\xff")).isSome());
  EXPECT_TRUE(state::recover(meta, true).isError());
  Try<state::State> lenient = state::recover(meta, false);
  ASSERT_TRUE(lenient.isSome());
  EXPECT_EQ(1u, lenient->errors);
}

TEST_F(StateTest, CheckpointReplacesAtomically) {
  const std::string path = path::join(meta, "new", "dir", "file.pid");
  ASSERT_TRUE(state::checkpoint(path, std::string("first")).isSome());
  ASSERT_TRUE(state::checkpoint(path, std::string("second")).isSome());
  EXPECT_EQ("second", os::read(path).get());

  // No temporary file is left next to it.
  Try<std::vector<std::string>> names = os::ls(Path(path).dirname());
  ASSERT_TRUE(names.isSome());
  EXPECT_EQ(std::vector<std::string>{"file.pid"}, names.get());

  SlaveInfo info;
  info.set_hostname("h");
  ASSERT_TRUE(state::checkpoint(path, info).isSome());
  Result<SlaveInfo> read = state::read<SlaveInfo>(path);
  ASSERT_TRUE(read.isSome());
  EXPECT_EQ("h", read->hostname());

  // A message missing required fields is refused; the old file stays.
  EXPECT_TRUE(state::checkpoint(path, SlaveInfo()).isError());
  EXPECT_TRUE(state::read<SlaveInfo>(path).isSome());
}

TEST_F(StateTest, DanglingLatestRunIsSkipped) {
  const std::string run = paths::getExecutorRunPath(
      meta, ids.slaveId, ids.frameworkId, ids.executorId, ids.containerId);
  ASSERT_TRUE(os::rmdir(run).isSome());

  Try<state::ExecutorState> executor = state::ExecutorState::recover(
      meta, ids.slaveId, ids.frameworkId, ids.executorId, true, false);
  ASSERT_TRUE(executor.isSome()) << executor.error();
  EXPECT_TRUE(executor->latest.isNone());
  EXPECT_TRUE(executor->runs.empty());
  EXPECT_EQ(0u, executor->errors);
}

}  // namespace
}  // namespace tests
}  // namespace slave
}  // namespace internal
}  // namespace mesos
