// End-to-end tests: the real mesos-master, mesos-agent, mesos-executor,
// mesos-execute and example programs as separate OS processes on
// 127.0.0.1 (see cluster.hpp).

#include <signal.h>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <stout/os.hpp>
#include <stout/path.hpp>

#include "e2e/cluster_test.hpp"

namespace mesos {
namespace internal {
namespace tests {
namespace {

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

  // The task runs until the test creates `finish` (after the restart).
  const std::string finish = path::join(cluster->dir(), "finish");
  Program* execute = spawnExecute(
      {"--name=survivor", "--checkpoint",
       "--command=until [ -e " + finish + " ]; do sleep 0.05; done",
       "--resources=cpus:0.1;mem:16"});

  const uint16_t masterPort = cluster->masterPort();
  ASSERT_TRUE(eventually([&] {
    return metric(masterPort, "master/tasks_running") == 1;
  })) << cluster->log("mesos-execute");

  cluster->stopAgent(0, SIGKILL);
  ASSERT_TRUE(cluster->startAgent(0).isSome()) << cluster->log("agent0");
  ASSERT_TRUE(os::write(finish, "").isSome());

  EXPECT_EQ(0, exitCode(execute))
      << cluster->log("mesos-execute") << cluster->log("agent0");

  // TASK_RUNNING may come twice (its acknowledgement lost with the
  // agent), TASK_FINISHED once.
  const std::string output = cluster->log("mesos-execute");
  EXPECT_LE(1u, count(output, "TASK_RUNNING")) << output;
  EXPECT_EQ(1u, count(output, "TASK_FINISHED")) << output;
}

}  // namespace
}  // namespace tests
}  // namespace internal
}  // namespace mesos
