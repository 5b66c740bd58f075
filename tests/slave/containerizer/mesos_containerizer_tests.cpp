// MesosContainerizer with real child processes: launch (environment,
// sandbox, stdout/stderr, argv), wait, destroy (SIGTERM, then SIGKILL after
// the grace period; the whole session), usage from /proc, update, status,
// checkpointing the forked pid, recovery of live and dead executors after a
// "restart", and the isolation flag.

#include <signal.h>
#include <sys/wait.h>

#include <map>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include <process/clock.hpp>
#include <process/gtest.hpp>
#include <process/reap.hpp>
#include <process/subprocess.hpp>

#include <stout/numify.hpp>
#include <stout/os.hpp>
#include <stout/path.hpp>
#include <stout/strings.hpp>

#include "slave/containerizer/composing.hpp"
#include "slave/containerizer/mesos/containerizer.hpp"
#include "slave/containerizer/mesos/proc.hpp"
#include "slave/state.hpp"
#include "tests/slave/containerizer/test_helpers.hpp"

namespace mesos {
namespace internal {
namespace slave {
namespace tests {
namespace {

using process::Clock;
using process::Future;

class MesosContainerizerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Try<std::unique_ptr<Containerizer>> created =
        MesosContainerizer::create(flags(work.path));
    ASSERT_TRUE(created.isSome()) << created.error();
    containerizer = std::move(created).get();
  }

  void TearDown() override {
    Clock::resume();
    destroyAll(&containerizer, WAIT);
  }

  Future<LaunchResult> launch(
      const ContainerID& id, const ExecutorInfo& info,
      const std::map<std::string, std::string>& environment = {},
      bool checkpoint = false, const Option<TaskInfo>& task = None()) {
    directory = sandbox(work.path, info, id);
    return containerizer->launch(id, task, info, directory, None(), agentId(),
                                 environment, checkpoint);
  }

  TemporaryWorkDir work;
  std::string directory;
  std::unique_ptr<Containerizer> containerizer;
};

TEST_F(MesosContainerizerTest, RunsCommandInSandbox) {
  ExecutorInfo info = executor(
      "echo \"$FROM_AGENT $BOTH\" > env.txt; pwd > cwd.txt; echo out; "
      "echo err >&2; exit 0");
  Environment::Variable* variable =
      info.mutable_command()->mutable_environment()->add_variables();
  variable->set_name("BOTH");
  variable->set_value("command");

  const ContainerID id = containerId("c1");
  Future<LaunchResult> launched =
      launch(id, info, {{"FROM_AGENT", "agent"}, {"BOTH", "agent"}});
  AWAIT_READY_FOR(launched, WAIT);
  EXPECT_EQ(LaunchResult::SUCCESS, launched.get());

  Future<Option<ContainerTermination>> termination = containerizer->wait(id);
  AWAIT_READY_FOR(termination, WAIT);
  ASSERT_TRUE(termination->isSome());
  EXPECT_TRUE(exitedWith(termination->get().status, 0));

  EXPECT_EQ("agent command\n",
            os::read(path::join(directory, "env.txt")).get());
  EXPECT_EQ(directory + "\n", os::read(path::join(directory, "cwd.txt")).get());
  EXPECT_EQ("out\n", os::read(path::join(directory, "stdout")).get());
  EXPECT_TRUE(strings::contains(os::read(path::join(directory, "stderr")).get(),
                                "err\n"));

  // Gone once terminated; a late wait still learns how it ended.
  AWAIT_READY(containerizer->containers());
  EXPECT_FALSE(containerizer->containers().get().contains(id));
  Future<Option<ContainerTermination>> again = containerizer->wait(id);
  AWAIT_READY(again);
  ASSERT_TRUE(again->isSome());
  EXPECT_TRUE(exitedWith(again->get().status, 0));
}

TEST_F(MesosContainerizerTest, RunsArgvWithoutShell) {
  ExecutorInfo info = executor("/bin/sh");
  info.mutable_command()->set_shell(false);
  info.mutable_command()->add_arguments("sh");
  info.mutable_command()->add_arguments("-c");
  info.mutable_command()->add_arguments("exit 3");

  const ContainerID id = containerId("c1");
  AWAIT_READY_FOR(launch(id, info), WAIT);
  Future<Option<ContainerTermination>> termination = containerizer->wait(id);
  AWAIT_READY_FOR(termination, WAIT);
  ASSERT_TRUE(termination->isSome());
  EXPECT_TRUE(exitedWith(termination->get().status, 3));
  EXPECT_TRUE(strings::contains(termination->get().message, "status 3"));
}

TEST_F(MesosContainerizerTest, MissingProgramFailsLaunch) {
  ExecutorInfo info = executor("/no/such/program");
  info.mutable_command()->set_shell(false);
  const ContainerID id = containerId("c1");
  AWAIT_FAILED_FOR(launch(id, info), WAIT);

  // The caller destroys after a failed launch.
  Future<Option<ContainerTermination>> destroyed = containerizer->destroy(id);
  AWAIT_READY_FOR(destroyed, WAIT);
  ASSERT_TRUE(destroyed->isSome());
  EXPECT_TRUE(destroyed->get().status.isNone());
}

TEST_F(MesosContainerizerTest, AlreadyLaunchedAndDockerNotSupported) {
  const ContainerID id = containerId("c1");
  AWAIT_READY_FOR(launch(id, executor("sleep 1000")), WAIT);

  Future<LaunchResult> again = launch(id, executor("sleep 1000"));
  AWAIT_READY(again);
  EXPECT_EQ(LaunchResult::ALREADY_LAUNCHED, again.get());

  ExecutorInfo docker = executor("true", "executor-2");
  docker.mutable_container()->set_type(ContainerInfo::DOCKER);
  Future<LaunchResult> unsupported = launch(containerId("c2"), docker);
  AWAIT_READY(unsupported);
  EXPECT_EQ(LaunchResult::NOT_SUPPORTED, unsupported.get());
  AWAIT_READY(containerizer->containers());
  EXPECT_FALSE(containerizer->containers().get().contains(containerId("c2")));
}

TEST_F(MesosContainerizerTest, DestroyKillsTheWholeSession) {
  const ContainerID id = containerId("c1");
  const ExecutorInfo info =
      executor("sleep 1000 & echo $! > child.pid; echo > ready; wait");
  ReadySignal ready(path::join(sandbox(work.path, info, id), "ready"));
  AWAIT_READY_FOR(launch(id, info), WAIT);
  AWAIT_READY_FOR(ready.ready(), WAIT);

  const std::string pidFile = path::join(directory, "child.pid");
  Try<int> child = numify<int>(strings::trim(os::read(pidFile).get()));
  ASSERT_TRUE(child.isSome());
  EXPECT_TRUE(proc::alive(child.get()));
  Future<Option<int>> childGone = process::reap(child.get());

  Future<Option<ContainerTermination>> destroyed = containerizer->destroy(id);
  AWAIT_READY_FOR(destroyed, WAIT);
  ASSERT_TRUE(destroyed->isSome());
  EXPECT_TRUE(killedBy(destroyed->get().status, SIGTERM));
  EXPECT_EQ("Container destroyed", destroyed->get().message);
  AWAIT_READY_FOR(childGone, WAIT);
  EXPECT_FALSE(proc::alive(child.get()));

  // Destroy again: unknown now.
  Future<Option<ContainerTermination>> again = containerizer->destroy(id);
  AWAIT_READY(again);
  EXPECT_TRUE(again->isNone());
}

TEST_F(MesosContainerizerTest, DestroyEscalatesToSigkill) {
  const ContainerID id = containerId("c1");
  const ExecutorInfo info = executor("trap '' TERM; echo > ready; sleep 1000");
  ReadySignal ready(path::join(sandbox(work.path, info, id), "ready"));
  AWAIT_READY_FOR(launch(id, info), WAIT);
  AWAIT_READY_FOR(ready.ready(), WAIT);

  Clock::pause();
  Future<Option<ContainerTermination>> destroyed = containerizer->destroy(id);
  Clock::settle();
  EXPECT_TRUE(destroyed.isPending());

  Clock::advance(MesosContainerizer::Options().destroyGracePeriod);
  Clock::settle();
  AWAIT_READY_FOR(destroyed, WAIT);
  ASSERT_TRUE(destroyed->isSome());
  EXPECT_TRUE(killedBy(destroyed->get().status, SIGKILL));
  Clock::resume();
}

TEST_F(MesosContainerizerTest, UsageUpdateAndStatus) {
  const ContainerID id = containerId("c1");
  const ExecutorInfo info = executor("sleep 1000 & echo > ready; wait");
  ReadySignal ready(path::join(sandbox(work.path, info, id), "ready"));
  AWAIT_READY_FOR(launch(id, info), WAIT);
  AWAIT_READY_FOR(ready.ready(), WAIT);

  Future<ContainerStatus> status = containerizer->status(id);
  AWAIT_READY(status);
  EXPECT_EQ(id, status->container_id());
  ASSERT_TRUE(status->has_executor_pid());

  Future<ResourceStatistics> usage = containerizer->usage(id);
  AWAIT_READY(usage);
  EXPECT_GT(usage->timestamp(), 0);
  EXPECT_EQ(2u, usage->processes());  // sh and sleep.
  EXPECT_GE(usage->threads(), 2u);
  EXPECT_GT(usage->mem_rss_bytes(), 0u);
  EXPECT_TRUE(usage->has_cpus_user_time_secs());
  EXPECT_TRUE(usage->has_cpus_system_time_secs());
  EXPECT_DOUBLE_EQ(0.5, usage->cpus_limit());
  EXPECT_EQ(Megabytes(64).bytes(), usage->mem_limit_bytes());

  Resources resources = Resources::parse("cpus:2;mem:128").get();
  AWAIT_READY(containerizer->update(id, resources));
  usage = containerizer->usage(id);
  AWAIT_READY(usage);
  EXPECT_DOUBLE_EQ(2, usage->cpus_limit());
  EXPECT_EQ(Megabytes(128).bytes(), usage->mem_limit_bytes());
}

TEST_F(MesosContainerizerTest, UnknownContainer) {
  const ContainerID id = containerId("nope");
  AWAIT_FAILED(containerizer->usage(id));
  AWAIT_FAILED(containerizer->status(id));
  AWAIT_FAILED(containerizer->update(id, Resources()));
  Future<Option<ContainerTermination>> wait = containerizer->wait(id);
  AWAIT_READY(wait);
  EXPECT_TRUE(wait->isNone());
  Future<Option<ContainerTermination>> destroy = containerizer->destroy(id);
  AWAIT_READY(destroy);
  EXPECT_TRUE(destroy->isNone());
}

// The executor of a checkpointing framework keeps running across an agent
// restart; a new containerizer over the same work dir finds it through the
// checkpointed forked pid and can use and destroy it.
TEST_F(MesosContainerizerTest, RecoversLiveExecutor) {
  const ContainerID id = containerId("c1");
  const ExecutorInfo info = executor("sleep 1000");
  AWAIT_READY_FOR(launch(id, info, {}, true), WAIT);

  const std::string metaDir = paths::getMetaRootDir(work.path);
  Result<std::string> pidText =
      state::read<std::string>(paths::getForkedPidPath(
          metaDir, agentId(), frameworkId(), info.executor_id(), id));
  ASSERT_TRUE(pidText.isSome());
  Future<ContainerStatus> status = containerizer->status(id);
  AWAIT_READY(status);
  EXPECT_EQ(stringify(status->executor_pid()), pidText.get());

  // "Restart": a new containerizer; the old one's process goes away with
  // the executor still running.
  Try<std::unique_ptr<Containerizer>> created =
      MesosContainerizer::create(flags(work.path));
  ASSERT_TRUE(created.isSome());
  containerizer = std::move(created).get();

  Try<state::RunState> run = state::RunState::recover(
      metaDir, agentId(), frameworkId(), info.executor_id(), id, true, false);
  ASSERT_TRUE(run.isSome()) << run.error();
  ASSERT_TRUE(run->forkedPid.isSome());

  state::SlaveState slave;
  slave.id = agentId();
  state::ExecutorState& executorState =
      slave.frameworks[frameworkId()].executors[info.executor_id()];
  executorState.id = info.executor_id();
  executorState.info = info;
  executorState.latest = id;
  executorState.runs[id] = run.get();

  AWAIT_READY(containerizer->recover(slave));
  Future<hashset<ContainerID>> ids = containerizer->containers();
  AWAIT_READY(ids);
  EXPECT_TRUE(ids->contains(id));

  Future<ResourceStatistics> usage = containerizer->usage(id);
  AWAIT_READY(usage);
  EXPECT_GE(usage->processes(), 1u);

  const pid_t pid = run->forkedPid.get();
  Future<Option<ContainerTermination>> destroyed = containerizer->destroy(id);
  AWAIT_READY_FOR(destroyed, WAIT);
  ASSERT_TRUE(destroyed->isSome());
  EXPECT_FALSE(proc::alive(pid));
}

TEST_F(MesosContainerizerTest, RecoversDeadExecutorAsTerminated) {
  // A pid that surely is gone: a child we ran and reaped.
  Try<process::Subprocess> child = process::subprocess("true");
  ASSERT_TRUE(child.isSome());
  AWAIT_READY_FOR(child->status(), WAIT);

  const ContainerID id = containerId("c1");
  state::SlaveState slave;
  slave.id = agentId();
  state::ExecutorState& executorState =
      slave.frameworks[frameworkId()].executors[executor("x").executor_id()];
  executorState.latest = id;
  executorState.runs[id].id = id;
  executorState.runs[id].forkedPid = child->pid();

  AWAIT_READY(containerizer->recover(slave));
  Future<Option<ContainerTermination>> wait = containerizer->wait(id);
  AWAIT_READY(wait);
  ASSERT_TRUE(wait->isSome());
  EXPECT_TRUE(wait->get().status.isNone());

  // Known until destroyed.
  AWAIT_READY(containerizer->containers());
  EXPECT_TRUE(containerizer->containers().get().contains(id));
  AWAIT_READY(containerizer->destroy(id));
  AWAIT_READY(containerizer->containers());
  EXPECT_FALSE(containerizer->containers().get().contains(id));
}

// Through a composing containerizer too, a wait that arrives after the
// executor ended learns how it ended.
TEST(ComposingMesosContainerizerTest, LateWaitGetsTermination) {
  TemporaryWorkDir work;
  Try<std::unique_ptr<Containerizer>> mesos =
      MesosContainerizer::create(flags(work.path));
  ASSERT_TRUE(mesos.isSome());
  std::vector<std::unique_ptr<Containerizer>> inner;
  inner.push_back(std::move(mesos).get());
  Try<std::unique_ptr<ComposingContainerizer>> composing =
      ComposingContainerizer::create(std::move(inner));
  ASSERT_TRUE(composing.isSome());

  const ContainerID id = containerId("c1");
  const ExecutorInfo info = executor("exit 7");
  AWAIT_READY_FOR(
      composing.get()->launch(id, None(), info, sandbox(work.path, info, id),
                              None(), agentId(), {}, false),
      WAIT);
  // Until the composing containerizer has forgotten the container.
  while (true) {
    Future<hashset<ContainerID>> ids = composing.get()->containers();
    AWAIT_READY(ids);
    if (!ids->contains(id)) {
      break;
    }
    Future<Option<ContainerTermination>> waited = composing.get()->wait(id);
    AWAIT_READY_FOR(waited, WAIT);
  }
  Future<Option<ContainerTermination>> late = composing.get()->wait(id);
  AWAIT_READY(late);
  ASSERT_TRUE(late->isSome());
  EXPECT_TRUE(exitedWith(late->get().status, 7));
}

TEST(MesosContainerizerCreateTest, ValidatesIsolation) {
  TemporaryWorkDir work;
  Flags bad = flags(work.path);
  bad.isolation = "posix/cpu,network/magic";
  Try<std::unique_ptr<Containerizer>> created = MesosContainerizer::create(bad);
  ASSERT_TRUE(created.isError());
  EXPECT_TRUE(strings::contains(created.error(), "network/magic"));

  Flags mixed = flags(work.path);
  mixed.isolation = "posix/mem,cgroups/mem";
  EXPECT_TRUE(MesosContainerizer::create(mixed).isError());

  Flags good = flags(work.path);
  good.isolation = "posix/cpu,posix/mem,filesystem/posix";
  EXPECT_TRUE(MesosContainerizer::create(good).isSome());
}

}  // namespace
}  // namespace tests
}  // namespace slave
}  // namespace internal
}  // namespace mesos
