// ExternalContainerizer with the example program test-containerizer (every
// call, recovery with an orphan), with scripts that misbehave (non-zero
// exit, garbage output, hanging), and composed with the Mesos
// containerizer.

#include <signal.h>

#include <map>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include <mesos/containerizer/containerizer.pb.h>

#include <process/clock.hpp>
#include <process/gtest.hpp>
#include <process/reap.hpp>

#include <stout/numify.hpp>
#include <stout/os.hpp>
#include <stout/path.hpp>
#include <stout/protobuf.hpp>
#include <stout/strings.hpp>

#include "slave/containerizer/external_containerizer.hpp"
#include "slave/containerizer/mesos/containerizer.hpp"
#include "slave/containerizer/mesos/proc.hpp"
#include "tests/slave/containerizer/test_helpers.hpp"

namespace mesos {
namespace internal {
namespace slave {
namespace tests {
namespace {

using process::Clock;
using process::Future;

class ExternalContainerizerTest : public ::testing::Test {
 protected:
  void TearDown() override {
    Clock::resume();
    destroyAll(&containerizer, WAIT);
  }

  // An external containerizer running `program`.
  void create(const std::string& program,
              const ExternalContainerizer::Options& options =
                  ExternalContainerizer::Options()) {
    agentFlags = flags(work.path);
    agentFlags.containerizer_path = program;
    agentFlags.default_container_image = std::string("image:1");
    agentFlags.launcher_dir = "/libexec";
    Try<std::unique_ptr<Containerizer>> created =
        ExternalContainerizer::create(agentFlags, options);
    ASSERT_TRUE(created.isSome()) << created.error();
    containerizer = std::move(created).get();
  }

  // A shell script as the program; `body` sees the command as $1.
  std::string script(const std::string& body) {
    const std::string file = path::join(work.path, "containerizer.sh");
    EXPECT_TRUE(os::write(file, "#!/bin/sh\n" + body + "\n").isSome());
    EXPECT_TRUE(os::chmod(file, 0755).isSome());
    return file;
  }

  Future<LaunchResult> launch(const ContainerID& id, const ExecutorInfo& info) {
    directory = sandbox(work.path, info, id);
    return containerizer->launch(
        id, None(), info, directory, None(), agentId(),
        {{"MESOS_SLAVE_PID", "slave(1)@127.0.0.1:5051"}, {"FROM_AGENT", "yes"}},
        true);
  }

  // The pid test-containerizer recorded for `id`'s executor.
  pid_t executorPid(const ContainerID& id) {
    Try<std::string> text = os::read(
        path::join(work.path, "test-containerizer", id.value(), "pid"));
    EXPECT_TRUE(text.isSome());
    return text.isSome() ? numify<int>(strings::trim(text.get())).get() : -1;
  }

  TemporaryWorkDir work;
  Flags agentFlags;
  std::string directory;
  std::unique_ptr<Containerizer> containerizer;
};

TEST_F(ExternalContainerizerTest, RequiresProgram) {
  Try<std::unique_ptr<Containerizer>> created =
      ExternalContainerizer::create(flags(work.path));
  ASSERT_TRUE(created.isError());
  EXPECT_TRUE(strings::contains(created.error(), "--containerizer_path"));
}

TEST_F(ExternalContainerizerTest, ExampleProgramEveryCall) {
  create(TEST_CONTAINERIZER);
  const ContainerID id = containerId("c1");
  const ExecutorInfo info = executor(
      "echo \"$FROM_AGENT $MESOS_DEFAULT_CONTAINER_IMAGE "
      "$MESOS_LIBEXEC_DIRECTORY\" > env.txt; sleep 1000 & echo > ready; wait");
  ReadySignal ready(path::join(sandbox(work.path, info, id), "ready"));

  Future<LaunchResult> launched = launch(id, info);
  AWAIT_READY_FOR(launched, WAIT);
  EXPECT_EQ(LaunchResult::SUCCESS, launched.get());
  AWAIT_READY_FOR(ready.ready(), WAIT);
  EXPECT_EQ("yes image:1 /libexec\n",
            os::read(path::join(directory, "env.txt")).get());

  Future<hashset<ContainerID>> ids = containerizer->containers();
  AWAIT_READY(ids);
  EXPECT_TRUE(ids->contains(id));

  Future<ResourceStatistics> usage = containerizer->usage(id);
  AWAIT_READY_FOR(usage, WAIT);
  EXPECT_GE(usage->threads(), 1u);
  EXPECT_GT(usage->timestamp(), 0);
  EXPECT_DOUBLE_EQ(0.5, usage->cpus_limit());

  AWAIT_READY_FOR(
      containerizer->update(id, Resources::parse("cpus:2;mem:32").get()), WAIT);
  usage = containerizer->usage(id);
  AWAIT_READY_FOR(usage, WAIT);
  EXPECT_DOUBLE_EQ(2, usage->cpus_limit());
  EXPECT_EQ(Megabytes(32).bytes(), usage->mem_limit_bytes());

  Future<ContainerStatus> status = containerizer->status(id);
  AWAIT_READY(status);
  EXPECT_EQ(id, status->container_id());

  const pid_t pid = executorPid(id);
  Future<Option<int>> gone = process::reap(pid);
  Future<Option<ContainerTermination>> wait = containerizer->wait(id);
  Future<Option<ContainerTermination>> destroyed = containerizer->destroy(id);
  AWAIT_READY_FOR(destroyed, WAIT);
  ASSERT_TRUE(destroyed->isSome());
  EXPECT_TRUE(killedBy(destroyed->get().status, SIGKILL));
  AWAIT_READY(wait);
  AWAIT_READY_FOR(gone, WAIT);

  AWAIT_READY(containerizer->containers());
  EXPECT_TRUE(containerizer->containers()->empty());
}

TEST_F(ExternalContainerizerTest, ExampleProgramReportsExitStatus) {
  create(TEST_CONTAINERIZER);
  const ContainerID id = containerId("c1");
  AWAIT_READY_FOR(launch(id, executor("exit 3")), WAIT);
  Future<Option<ContainerTermination>> termination = containerizer->wait(id);
  AWAIT_READY_FOR(termination, WAIT);
  ASSERT_TRUE(termination->isSome());
  EXPECT_TRUE(exitedWith(termination->get().status, 3));
  EXPECT_EQ("Executor exited with status 3", termination->get().message);
}

// After a "restart", the containers the program lists are recovered if the
// agent's state has them, and destroyed as orphans otherwise.
TEST_F(ExternalContainerizerTest, RecoveryKeepsKnownAndDestroysOrphans) {
  create(TEST_CONTAINERIZER);
  const ContainerID known = containerId("known");
  const ContainerID orphan = containerId("orphan");
  const ExecutorInfo knownInfo = executor("sleep 1000", "executor-known");
  AWAIT_READY_FOR(launch(known, knownInfo), WAIT);
  AWAIT_READY_FOR(launch(orphan, executor("sleep 1000", "executor-orphan")),
                  WAIT);
  const pid_t knownPid = executorPid(known);
  const pid_t orphanPid = executorPid(orphan);
  Future<Option<int>> orphanGone = process::reap(orphanPid);

  // Restart: the old containerizer's process goes, executors stay.
  create(TEST_CONTAINERIZER);

  state::SlaveState slave;
  slave.id = agentId();
  state::ExecutorState& executorState =
      slave.frameworks[frameworkId()].executors[knownInfo.executor_id()];
  executorState.id = knownInfo.executor_id();
  executorState.latest = known;
  executorState.runs[known].id = known;

  AWAIT_READY_FOR(containerizer->recover(slave), WAIT);
  AWAIT_READY_FOR(orphanGone, WAIT);
  EXPECT_TRUE(proc::alive(knownPid));

  Future<hashset<ContainerID>> ids = containerizer->containers();
  AWAIT_READY(ids);
  EXPECT_EQ(hashset<ContainerID>({known}), ids.get());

  Future<Option<ContainerTermination>> destroyed =
      containerizer->destroy(known);
  AWAIT_READY_FOR(destroyed, WAIT);
  ASSERT_TRUE(destroyed->isSome());
  EXPECT_FALSE(proc::alive(knownPid));
}

// What the program receives: arguments, stdin record, environment, cwd.
TEST_F(ExternalContainerizerTest, ProtocolInputs) {
  const std::string log = path::join(work.path, "calls");
  ASSERT_TRUE(os::mkdir(log).isSome());
  create(script("cat > " + log + "/$1.in; env > " + log + "/$1.env; pwd > " +
                log + "/$1.cwd; [ \"$1\" != wait ] || exec sleep 1000"));

  const ContainerID id = containerId("c1");
  ExecutorInfo info = executor("ignored");
  AWAIT_READY_FOR(launch(id, info), WAIT);

  Result<containerizer::Launch> launch =
      ::protobuf::read<containerizer::Launch>(path::join(log, "launch.in"));
  ASSERT_TRUE(launch.isSome()) << (launch.isError() ? launch.error() : "none");
  EXPECT_EQ(id, launch->container_id());
  EXPECT_EQ(info.executor_id(), launch->executor_info().executor_id());
  EXPECT_EQ(directory, launch->directory());
  EXPECT_EQ(agentId(), launch->slave_id());
  EXPECT_EQ("slave(1)@127.0.0.1:5051", launch->slave_pid());
  EXPECT_TRUE(launch->checkpoint());
  EXPECT_FALSE(launch->has_task_info());

  const std::string env = os::read(path::join(log, "launch.env")).get();
  EXPECT_TRUE(strings::contains(env, "MESOS_LIBEXEC_DIRECTORY=/libexec\n"));
  EXPECT_TRUE(
      strings::contains(env, "MESOS_WORK_DIRECTORY=" + work.path + "\n"));
  EXPECT_TRUE(strings::contains(env, "MESOS_DEFAULT_CONTAINER_IMAGE=image:1"));
  EXPECT_TRUE(strings::contains(env, "FROM_AGENT=yes"));
  EXPECT_EQ(directory + "\n", os::read(path::join(log, "launch.cwd")).get());

  AWAIT_READY_FOR(containerizer->update(id, Resources::parse("cpus:1").get()),
                  WAIT);
  Result<containerizer::Update> update =
      ::protobuf::read<containerizer::Update>(path::join(log, "update.in"));
  ASSERT_TRUE(update.isSome());
  EXPECT_EQ(Resources::parse("cpus:1").get(), Resources(update->resources()));
  const std::string updateEnv = os::read(path::join(log, "update.env")).get();
  EXPECT_FALSE(strings::contains(updateEnv, "MESOS_DEFAULT_CONTAINER_IMAGE"));

  // `wait` is running (it blocks); destroy ends it.
  Future<Option<ContainerTermination>> destroyed = containerizer->destroy(id);
  AWAIT_READY_FOR(destroyed, WAIT);
  ASSERT_TRUE(destroyed->isSome());
  EXPECT_EQ("Container destroyed", destroyed->get().message);
  Result<containerizer::Destroy> destroy =
      ::protobuf::read<containerizer::Destroy>(path::join(log, "destroy.in"));
  ASSERT_TRUE(destroy.isSome());
  EXPECT_EQ(id, destroy->container_id());
}

TEST_F(ExternalContainerizerTest, NonZeroExitFailsWithStderr) {
  create(script("echo \"boom on $1\" >&2; exit 1"));
  const ContainerID id = containerId("c1");
  Future<LaunchResult> launched = launch(id, executor("true"));
  AWAIT_FAILED_FOR(launched, WAIT);
  EXPECT_TRUE(strings::contains(launched.failure(), "exited with status 1"))
      << launched.failure();
  EXPECT_TRUE(strings::contains(launched.failure(), "boom on launch"))
      << launched.failure();
  EXPECT_TRUE(strings::contains(os::read(path::join(directory, "stderr")).get(),
                                "boom on launch"));

  // Calls queued behind the failed launch fail; destroy still completes.
  AWAIT_FAILED(containerizer->usage(id));
  Future<Option<ContainerTermination>> destroyed = containerizer->destroy(id);
  AWAIT_READY_FOR(destroyed, WAIT);
  ASSERT_TRUE(destroyed->isSome());
  EXPECT_TRUE(strings::contains(destroyed->get().message, "failed launch"));

  AWAIT_FAILED_FOR(containerizer->recover(None()), WAIT);
}

TEST_F(ExternalContainerizerTest, GarbageOutputFails) {
  // `wait` answers once the test has started waiting.
  const std::string go = path::join(work.path, "go");
  create(script(
      "case $1 in launch|destroy|update) exit 0;; esac; "
      "while [ $1 = wait ] && [ ! -f " +
      go + " ]; do sleep 0.01; done; echo 'this is not a protobuf record'"));
  const ContainerID id = containerId("c1");
  AWAIT_READY_FOR(launch(id, executor("true")), WAIT);
  Future<Option<ContainerTermination>> termination = containerizer->wait(id);

  Future<ResourceStatistics> usage = containerizer->usage(id);
  AWAIT_FAILED_FOR(usage, WAIT);
  EXPECT_TRUE(strings::contains(usage.failure(), "garbage")) << usage.failure();

  // A garbage Termination: the container is destroyed, and says why.
  ASSERT_TRUE(os::touch(go).isSome());
  AWAIT_READY_FOR(termination, WAIT);
  ASSERT_TRUE(termination->isSome());
  EXPECT_TRUE(strings::contains(termination->get().message, "garbage"))
      << termination->get().message;

  Future<Nothing> recovered = containerizer->recover(None());
  AWAIT_FAILED_FOR(recovered, WAIT);
  EXPECT_TRUE(strings::contains(recovered.failure(), "garbage"));
}

TEST_F(ExternalContainerizerTest, HangingProgramIsKilled) {
  const std::string started = path::join(work.path, "started");
  ReadySignal signal(started);
  ExternalContainerizer::Options options;
  options.timeout = Seconds(10);
  create(script("[ $1 != launch ] || { echo $$ > " + started +
                "; exec sleep 1000; }"),
         options);

  Clock::pause();
  const ContainerID id = containerId("c1");
  Future<LaunchResult> launched = launch(id, executor("true"));
  Future<std::string> pid = signal.text();
  AWAIT_READY_FOR(pid, WAIT);
  Clock::settle();
  EXPECT_TRUE(launched.isPending());

  Clock::advance(options.timeout);
  AWAIT_FAILED_FOR(launched, WAIT);
  EXPECT_TRUE(strings::contains(launched.failure(), "did not finish within"))
      << launched.failure();
  Clock::resume();

  Try<int> hung = numify<int>(strings::trim(pid.get()));
  ASSERT_TRUE(hung.isSome()) << pid.get();
  AWAIT_READY_FOR(process::reap(hung.get()), WAIT);
  EXPECT_FALSE(proc::alive(hung.get()));
}

TEST_F(ExternalContainerizerTest, QueuesCallsBehindLaunch) {
  const std::string go = path::join(work.path, "go");
  const std::string log = path::join(work.path, "order");
  const std::string started = path::join(work.path, "started");
  ReadySignal signal(started);
  create(script("echo $1 >> " + log + "; if [ $1 = launch ]; then echo > " +
                started + "; while [ ! -f " + go +
                " ]; do sleep 0.01; done; fi; [ $1 != wait ] || exec sleep "
                "1000"));

  const ContainerID id = containerId("c1");
  Future<LaunchResult> launched = launch(id, executor("true"));
  Future<Nothing> updated = containerizer->update(id, Resources());
  AWAIT_READY_FOR(signal.ready(), WAIT);
  // The launch is still running: update is queued behind it.
  AWAIT_READY(containerizer->containers());
  EXPECT_TRUE(updated.isPending());
  EXPECT_EQ("launch\n", os::read(log).get());

  ASSERT_TRUE(os::touch(go).isSome());
  AWAIT_READY_FOR(launched, WAIT);
  AWAIT_READY_FOR(updated, WAIT);
  EXPECT_TRUE(strings::startsWith(os::read(log).get(), "launch\n"));
  EXPECT_TRUE(strings::contains(os::read(log).get(), "update\n"));
}

// `mesos,external`: the Mesos containerizer declines a DOCKER executor and
// the external one runs it. `external,mesos`: the external one is asked
// first and takes everything.
TEST_F(ExternalContainerizerTest, ComposedWithMesos) {
  for (const std::string& order : {"mesos,external", "external,mesos"}) {
    agentFlags = flags(work.path);
    agentFlags.containerizer_path = std::string(TEST_CONTAINERIZER);
    const Flags creatorFlags = agentFlags;
    Try<std::unique_ptr<Containerizer>> created = Containerizer::create(
        order,
        {{"mesos", [&]() { return MesosContainerizer::create(creatorFlags); }},
         {"external",
          [&]() { return ExternalContainerizer::create(creatorFlags); }}});
    ASSERT_TRUE(created.isSome()) << created.error();
    containerizer = std::move(created).get();

    const ContainerID plain = containerId("plain-" + order);
    const ContainerID docker = containerId("docker-" + order);
    ExecutorInfo dockerInfo = executor("sleep 1000", "executor-docker");
    dockerInfo.mutable_container()->set_type(ContainerInfo::DOCKER);

    AWAIT_READY_FOR(launch(plain, executor("sleep 1000")), WAIT);
    AWAIT_READY_FOR(launch(docker, dockerInfo), WAIT);

    // test-containerizer keeps a state dir for what it runs.
    const std::string state = path::join(work.path, "test-containerizer");
    EXPECT_TRUE(os::exists(path::join(state, docker.value())));
    EXPECT_EQ(order == "external,mesos",
              os::exists(path::join(state, plain.value())));

    AWAIT_READY_FOR(containerizer->destroy(plain), WAIT);
    AWAIT_READY_FOR(containerizer->destroy(docker), WAIT);
    containerizer.reset();
  }
}

}  // namespace
}  // namespace tests
}  // namespace slave
}  // namespace internal
}  // namespace mesos
