// The agent's work dir layout (src/slave/paths.hpp): every path spelled out
// as Apache Mesos lays it out, and the directory/symlink creators.

#include <sys/stat.h>

#include <string>

#include <gtest/gtest.h>

#include <stout/os.hpp>
#include <stout/path.hpp>

#include "slave/paths.hpp"

#include "tests/slave/status_update_test_utils.hpp"

namespace mesos {
namespace internal {
namespace slave {
namespace tests {
namespace {

const std::string WORK = "/var/lib/mesos";
const std::string META = "/var/lib/mesos/meta";
const std::string RUN =
    "/var/lib/mesos/meta/slaves/agent-1/frameworks/framework-1/executors/"
    "executor-1/runs/container-1";

TEST(PathsTest, Roots) {
  EXPECT_EQ(META, paths::getMetaRootDir(WORK));
  EXPECT_EQ("/var/lib/mesos/slaves", paths::getSandboxRootDir(WORK));
  EXPECT_EQ("/var/lib/mesos/meta/boot_id", paths::getBootIdPath(META));
  EXPECT_EQ("/var/lib/mesos/meta/resources/resources.info",
            paths::getResourcesInfoPath(META));
  EXPECT_EQ("/var/lib/mesos/meta/resources/resources.target",
            paths::getResourcesTargetPath(META));
}

TEST(PathsTest, CheckpointLayout) {
  const TaskIds ids;
  EXPECT_EQ("/var/lib/mesos/meta/slaves/latest",
            paths::getLatestSlavePath(META));
  EXPECT_EQ("/var/lib/mesos/meta/slaves/agent-1",
            paths::getSlavePath(META, ids.slaveId));
  EXPECT_EQ("/var/lib/mesos/meta/slaves/agent-1/slave.info",
            paths::getSlaveInfoPath(META, ids.slaveId));

  const std::string framework =
      "/var/lib/mesos/meta/slaves/agent-1/frameworks/framework-1";
  EXPECT_EQ(framework,
            paths::getFrameworkPath(META, ids.slaveId, ids.frameworkId));
  EXPECT_EQ(framework + "/framework.info",
            paths::getFrameworkInfoPath(META, ids.slaveId, ids.frameworkId));
  EXPECT_EQ(framework + "/framework.pid",
            paths::getFrameworkPidPath(META, ids.slaveId, ids.frameworkId));

  const std::string executor = framework + "/executors/executor-1";
  EXPECT_EQ(executor, paths::getExecutorPath(META, ids.slaveId, ids.frameworkId,
                                             ids.executorId));
  EXPECT_EQ(executor + "/executor.info",
            paths::getExecutorInfoPath(META, ids.slaveId, ids.frameworkId,
                                       ids.executorId));
  EXPECT_EQ(executor + "/executor_generated_for_command_task",
            paths::getExecutorGeneratedForCommandTaskPath(
                META, ids.slaveId, ids.frameworkId, ids.executorId));
  EXPECT_EQ(executor + "/runs/latest",
            paths::getExecutorLatestRunPath(META, ids.slaveId, ids.frameworkId,
                                            ids.executorId));

  EXPECT_EQ(RUN, paths::getExecutorRunPath(META, ids.slaveId, ids.frameworkId,
                                           ids.executorId, ids.containerId));
  EXPECT_EQ(RUN + "/executor.sentinel",
            paths::getExecutorSentinelPath(META, ids.slaveId, ids.frameworkId,
                                           ids.executorId, ids.containerId));
  EXPECT_EQ(RUN + "/http.marker",
            paths::getExecutorHttpMarkerPath(META, ids.slaveId, ids.frameworkId,
                                             ids.executorId, ids.containerId));
  EXPECT_EQ(RUN + "/pids/forked.pid",
            paths::getForkedPidPath(META, ids.slaveId, ids.frameworkId,
                                    ids.executorId, ids.containerId));
  EXPECT_EQ(RUN + "/pids/libprocess.pid",
            paths::getLibprocessPidPath(META, ids.slaveId, ids.frameworkId,
                                        ids.executorId, ids.containerId));
  EXPECT_EQ(RUN + "/tasks/task-1",
            paths::getTaskPath(META, ids.slaveId, ids.frameworkId,
                               ids.executorId, ids.containerId, ids.taskId));
  EXPECT_EQ(
      RUN + "/tasks/task-1/task.info",
      paths::getTaskInfoPath(META, ids.slaveId, ids.frameworkId, ids.executorId,
                             ids.containerId, ids.taskId));
  EXPECT_EQ(RUN + "/tasks/task-1/task.updates", updatesPath(META, ids));
}

TEST(PathsTest, SandboxLayout) {
  const TaskIds ids;
  EXPECT_EQ(
      "/var/lib/mesos/slaves/agent-1/frameworks/framework-1/executors/"
      "executor-1/runs/container-1",
      paths::getExecutorRunPath(WORK, ids.slaveId, ids.frameworkId,
                                ids.executorId, ids.containerId));
  EXPECT_EQ(
      "/var/lib/mesos/slaves/agent-1/frameworks/framework-1/executors/"
      "executor-1/runs/latest",
      paths::getExecutorLatestRunPath(WORK, ids.slaveId, ids.frameworkId,
                                      ids.executorId));
}

TEST(PathsTest, ParseExecutorRunPath) {
  const std::string sandbox =
      "/var/lib/mesos/slaves/agent-1/frameworks/framework-1/executors/"
      "executor-1/runs/container-1/tasks/task-1";
  Try<paths::ExecutorRunPath> parsed =
      paths::parseExecutorRunPath(WORK, sandbox);
  ASSERT_TRUE(parsed.isSome()) << parsed.error();
  EXPECT_EQ("agent-1", parsed->slaveId.value());
  EXPECT_EQ("framework-1", parsed->frameworkId.value());
  EXPECT_EQ("executor-1", parsed->executorId.value());
  EXPECT_EQ("container-1", parsed->containerId.value());

  EXPECT_TRUE(paths::parseExecutorRunPath(WORK,
                                          "/elsewhere/slaves/a/"
                                          "frameworks/b/executors/c/"
                                          "runs/d")
                  .isError());
  EXPECT_TRUE(paths::parseExecutorRunPath("/var/lib/mes", RUN).isError());
  EXPECT_TRUE(paths::parseExecutorRunPath(WORK, WORK + "/slaves/a/frameworks/b")
                  .isError());
  EXPECT_TRUE(paths::parseExecutorRunPath(
                  WORK, WORK + "/slaves/a/tasks/b/executors/c/runs/d")
                  .isError());
}

TEST(PathsTest, ValidateId) {
  EXPECT_TRUE(paths::validateId("task-1.2_x", "task ID").isSome());
  EXPECT_TRUE(paths::validateId("", "task ID").isError());
  EXPECT_TRUE(paths::validateId(".", "task ID").isError());
  EXPECT_TRUE(paths::validateId("..", "task ID").isError());
  EXPECT_TRUE(paths::validateId("a/b", "task ID").isError());
  EXPECT_TRUE(paths::validateId(std::string("a\0b", 3), "task ID").isError());
}

TEST(PathsTest, CreateExecutorDirectoryPointsLatestAtNewestRun) {
  TemporaryDirectory work;
  TaskIds ids;

  Try<std::string> first =
      paths::createExecutorDirectory(work.path(), ids.slaveId, ids.frameworkId,
                                     ids.executorId, ids.containerId);
  ASSERT_TRUE(first.isSome()) << first.error();
  EXPECT_EQ(paths::getExecutorRunPath(work.path(), ids.slaveId, ids.frameworkId,
                                      ids.executorId, ids.containerId),
            first.get());
  EXPECT_TRUE(os::stat::isdir(first.get()));
  Try<mode_t> mode = os::stat::mode(first.get());
  ASSERT_TRUE(mode.isSome());
  EXPECT_EQ(0750u, mode.get() & 0777);

  const std::string latest = paths::getExecutorLatestRunPath(
      work.path(), ids.slaveId, ids.frameworkId, ids.executorId);
  EXPECT_TRUE(os::stat::islink(latest));
  EXPECT_EQ(os::realpath(first.get()).get(), os::realpath(latest).get());

  Try<std::string> second = paths::createExecutorDirectory(
      work.path(), ids.slaveId, ids.frameworkId, ids.executorId,
      makeId<ContainerID>("container-2"));
  ASSERT_TRUE(second.isSome()) << second.error();
  EXPECT_EQ(os::realpath(second.get()).get(), os::realpath(latest).get());

  // Only the two runs and the link; no temporary link left behind.
  Try<std::vector<std::string>> runs = paths::getExecutorRunPaths(
      work.path(), ids.slaveId, ids.frameworkId, ids.executorId);
  ASSERT_TRUE(runs.isSome());
  EXPECT_EQ(3u, runs->size());
  Try<std::vector<std::string>> all = os::ls(Path(latest).dirname());
  ASSERT_TRUE(all.isSome());
  EXPECT_EQ(3u, all->size());
}

TEST(PathsTest, CreateExecutorDirectoryRejectsBadIds) {
  TemporaryDirectory work;
  TaskIds ids;
  EXPECT_TRUE(paths::createExecutorDirectory(work.path(), ids.slaveId,
                                             makeId<FrameworkID>(".."),
                                             ids.executorId, ids.containerId)
                  .isError());
  EXPECT_TRUE(
      paths::createExecutorDirectory(work.path(), ids.slaveId, ids.frameworkId,
                                     makeId<ExecutorID>("a/b"), ids.containerId)
          .isError());
  EXPECT_FALSE(os::exists(paths::getSandboxRootDir(work.path())));
}

TEST(PathsTest, CreateSlaveDirectory) {
  TemporaryDirectory work;
  const std::string meta = paths::getMetaRootDir(work.path());

  Try<std::string> first =
      paths::createSlaveDirectory(meta, makeId<SlaveID>("agent-1"));
  ASSERT_TRUE(first.isSome()) << first.error();
  Try<std::string> second =
      paths::createSlaveDirectory(meta, makeId<SlaveID>("agent-2"));
  ASSERT_TRUE(second.isSome()) << second.error();

  const std::string latest = paths::getLatestSlavePath(meta);
  EXPECT_EQ(meta + "/slaves/agent-2", second.get());
  EXPECT_EQ(os::realpath(second.get()).get(), os::realpath(latest).get());
  EXPECT_TRUE(os::stat::isdir(first.get()));
}

TEST(PathsTest, ListingsSkipMissingDirectoriesAndTemporaryFiles) {
  TemporaryDirectory work;
  TaskIds ids;
  const std::string meta = paths::getMetaRootDir(work.path());

  Try<std::vector<std::string>> none =
      paths::getFrameworkPaths(meta, ids.slaveId);
  ASSERT_TRUE(none.isSome());
  EXPECT_TRUE(none->empty());

  const std::string framework =
      paths::getFrameworkPath(meta, ids.slaveId, ids.frameworkId);
  ASSERT_TRUE(os::mkdir(framework).isSome());
  ASSERT_TRUE(os::write(path::join(Path(framework).dirname(), ".tmp.123"), "x")
                  .isSome());

  Try<std::vector<std::string>> one =
      paths::getFrameworkPaths(meta, ids.slaveId);
  ASSERT_TRUE(one.isSome());
  ASSERT_EQ(1u, one->size());
  EXPECT_EQ(framework, one->front());
}

}  // namespace
}  // namespace tests
}  // namespace slave
}  // namespace internal
}  // namespace mesos
