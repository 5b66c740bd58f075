// End-to-end tests: the real mesos-master, mesos-agent, mesos-executor,
// mesos-execute and example programs as separate OS processes on
// 127.0.0.1 (see cluster.hpp).

#include <signal.h>
#include <sys/wait.h>

#include <filesystem>

#include <gtest/gtest.h>

#include <stout/path.hpp>

#include "e2e/cluster.hpp"

namespace mesos {
namespace internal {
namespace tests {
namespace {

size_t count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

// Regular files called `name` under `directory` (symlinks not followed, so
// each sandbox counts once despite its `latest` link).
std::vector<std::string> findFiles(const std::string& directory,
                                   const std::string& name) {
  std::vector<std::string> found;
  std::error_code error;
  for (auto it =
           std::filesystem::recursive_directory_iterator(directory, error);
       !error && it != std::filesystem::recursive_directory_iterator();
       it.increment(error)) {
    if (it->is_regular_file() && it->path().filename() == name) {
      found.push_back(it->path().string());
    }
  }
  return found;
}

class ClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Try<std::unique_ptr<Cluster>> created = Cluster::create();
    ASSERT_TRUE(created.isSome()) << created.error();
    cluster = std::move(created.get());
  }

  // Starts the master and `agents` agents and waits until every agent is
  // registered.
  void startCluster(size_t agents = 1,
                    const std::vector<std::string>& agentFlags = {}) {
    Try<Nothing> master = cluster->startMaster();
    ASSERT_TRUE(master.isSome()) << master.error();
    for (size_t i = 0; i < agents; ++i) {
      Try<Nothing> agent = cluster->startAgent(i, agentFlags);
      ASSERT_TRUE(agent.isSome()) << agent.error();
    }
    awaitAgents(agents);
  }

  void awaitAgents(size_t agents) {
    const uint16_t port = cluster->masterPort();
    ASSERT_TRUE(eventually([&] {
      return metric(port, "master/slaves_active") == double(agents);
    })) << cluster->log("master");
  }

  // Runs mesos-execute to completion; returns its exit code.
  int execute(const std::vector<std::string>& flags,
              const Duration& timeout = Seconds(120)) {
    std::vector<std::string> args = {"--master=" + cluster->master()};
    args.insert(args.end(), flags.begin(), flags.end());
    Try<int> status = cluster->run("mesos-execute", args, timeout);
    EXPECT_TRUE(status.isSome()) << status.error();
    if (status.isError() || !WIFEXITED(status.get()))
      return -1;
    return WEXITSTATUS(status.get());
  }

  std::unique_ptr<Cluster> cluster;
};

TEST_F(ClusterTest, MesosExecuteRunsTwoHundredTasks) {
  startCluster();

  EXPECT_EQ(0, execute({"--name=many", "--command=true", "--count=200",
                        "--resources=cpus:0.01;mem:1"}))
      << cluster->log("mesos-execute");

  const std::string output = cluster->log("mesos-execute");
  EXPECT_EQ(200u, count(output, "TASK_FINISHED")) << output;
  EXPECT_EQ(200, metric(cluster->masterPort(), "master/tasks_finished"));
  EXPECT_EQ(0, metric(cluster->masterPort(), "master/tasks_running"));
}

TEST_F(ClusterTest, FailedTaskMakesMesosExecuteFail) {
  startCluster();

  EXPECT_NE(0, execute({"--name=failing", "--command=exit 3",
                        "--resources=cpus:0.1;mem:16"}));

  const std::string output = cluster->log("mesos-execute");
  EXPECT_NE(std::string::npos, output.find("TASK_FAILED")) << output;
  EXPECT_NE(std::string::npos, output.find("3")) << output;
}

TEST_F(ClusterTest, KillTasks) {
  startCluster();

  EXPECT_NE(0, execute({"--name=sleeper", "--command=sleep 1000", "--count=3",
                        "--kill_after=1secs", "--resources=cpus:0.1;mem:16"}));

  const std::string output = cluster->log("mesos-execute");
  EXPECT_EQ(3u, count(output, "TASK_KILLED")) << output;
  EXPECT_EQ(3, metric(cluster->masterPort(), "master/tasks_killed"));
}

TEST_F(ClusterTest, TestFrameworkWithCustomExecutor) {
  startCluster();

  Try<int> status =
      cluster->run("test-framework",
                   {"--master=" + cluster->master(), "--num_tasks=20",
                    "--executor=" + path::join(binDir(), "test-executor")});
  ASSERT_TRUE(status.isSome()) << status.error();
  EXPECT_TRUE(WIFEXITED(status.get()) && WEXITSTATUS(status.get()) == 0)
      << cluster->log("test-framework");
  EXPECT_EQ(20, metric(cluster->masterPort(), "master/tasks_finished"));
}

TEST_F(ClusterTest, ExternalContainerizerFirstInComposingOrder) {
  startCluster(1, {"--containerizers=external,mesos",
                   "--containerizer_path=" +
                       path::join(binDir(), "test-containerizer")});

  EXPECT_EQ(0, execute({"--name=external", "--count=3",
                        "--command=echo external > marker",
                        "--resources=cpus:0.1;mem:16"}))
      << cluster->log("mesos-execute") << cluster->log("agent0");

  // The tasks ran in their sandboxes (the markers), launched by the
  // external program, which records each container in its state directory
  // under the agent's work dir.
  EXPECT_EQ(3u, findFiles(cluster->agentWorkDir(0), "marker").size());
  EXPECT_EQ(3, metric(cluster->masterPort(), "master/tasks_finished"));
}

TEST_F(ClusterTest, MasterRestartAgentsReregister) {
  // With --master=host:port (no ZooKeeper) an agent notices a new master
  // when the old one's pings stop, as in Mesos: keep that window short.
  const std::vector<std::string> pings = {"--agent_ping_timeout=1secs",
                                          "--max_agent_ping_timeouts=2"};
  ASSERT_TRUE(cluster->startMaster(pings).isSome()) << cluster->log("master");
  ASSERT_TRUE(cluster->startAgent(0).isSome()) << cluster->log("agent0");
  awaitAgents(1);

  cluster->stopMaster(SIGKILL);
  ASSERT_TRUE(cluster->startMaster(pings).isSome()) << cluster->log("master");

  // The durable registry remembers the agent; it reregisters on its own.
  awaitAgents(1);
  EXPECT_EQ(1, metric(cluster->masterPort(), "master/slave_reregistrations"));

  EXPECT_EQ(0, execute({"--name=after-restart", "--command=true",
                        "--resources=cpus:0.1;mem:16"}))
      << cluster->log("mesos-execute");
}

TEST_F(ClusterTest, AgentKilledAndRestartedKeepsCheckpointedTask) {
  startCluster();

  Try<Program*> execute = cluster->spawn(
      "mesos-execute",
      {"--master=" + cluster->master(), "--name=survivor", "--checkpoint",
       "--command=sleep 3", "--resources=cpus:0.1;mem:16"});
  ASSERT_TRUE(execute.isSome()) << execute.error();

  const uint16_t masterPort = cluster->masterPort();
  ASSERT_TRUE(eventually([&] {
    return metric(masterPort, "master/tasks_running") == 1;
  })) << cluster->log("mesos-execute");

  cluster->stopAgent(0, SIGKILL);
  ASSERT_TRUE(cluster->startAgent(0).isSome()) << cluster->log("agent0");

  process::Future<Option<int>> status = execute.get()->exited();
  ASSERT_TRUE(status.await(Seconds(120))) << cluster->log("mesos-execute");
  ASSERT_TRUE(status->isSome());
  EXPECT_TRUE(WIFEXITED(status->get()) && WEXITSTATUS(status->get()) == 0)
      << cluster->log("mesos-execute") << cluster->log("agent0");

  const std::string output = cluster->log("mesos-execute");
  EXPECT_EQ(1u, count(output, "TASK_RUNNING")) << output;
  EXPECT_EQ(1u, count(output, "TASK_FINISHED")) << output;
}

}  // namespace
}  // namespace tests
}  // namespace internal
}  // namespace mesos
