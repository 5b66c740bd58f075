// End-to-end failovers (issue 11 item 2): a scheduler killed and restarted
// with its FrameworkID keeps its tasks; one that stays away longer than
// its failover timeout loses them; a master killed and restarted with the
// default ping settings is rejoined by its agent in seconds (the agent
// registers again as soon as its link to the master breaks).

#include <signal.h>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <stout/os.hpp>
#include <stout/path.hpp>
#include <stout/strings.hpp>

#include "e2e/cluster_test.hpp"

namespace mesos {
namespace internal {
namespace tests {
namespace {

class FailoverTest : public ClusterTest {
 protected:
  // test-executor, started only once the test creates `gate`: until then
  // the tasks stay queued at the agent (TASK_STAGING).
  std::string gatedExecutor() const {
    return "until [ -e " + gate() + " ]; do sleep 0.05; done; exec " +
           path::join(binDir(), "test-executor");
  }

  std::string gate() const { return path::join(cluster->dir(), "go"); }

  // Starts test-framework instance `name` with `flags`.
  Program* framework(const std::string& name,
                     const std::vector<std::string>& flags) {
    std::vector<std::string> args = {"--master=" + cluster->master(),
                                     "--num_tasks=2",
                                     "--executor=" + gatedExecutor()};
    args.insert(args.end(), flags.begin(), flags.end());
    Try<Program*> program = cluster->spawn("test-framework", args, name);
    EXPECT_TRUE(program.isSome()) << program.error();
    return program.isSome() ? program.get() : nullptr;
  }

  // The FrameworkID instance `name` printed once registered.
  std::string frameworkId(const std::string& name) {
    const std::string marker = "Registered with framework ID ";
    std::string id;
    eventually([&] {
      for (const std::string& line : strings::split(cluster->log(name), "\n")) {
        if (strings::startsWith(line, marker))
          id = line.substr(marker.size());
      }
      return !id.empty();
    });
    return id;
  }

  bool masterMetricIs(const std::string& name, double value) {
    const uint16_t port = cluster->masterPort();
    return eventually([&] { return metric(port, name) == value; });
  }
};

TEST_F(FailoverTest, SchedulerFailoverKeepsItsTasks) {
  startCluster();

  Program* first = framework("framework1", {"--failover_timeout=300"});
  const std::string id = frameworkId("framework1");
  ASSERT_FALSE(id.empty()) << cluster->log("framework1");
  ASSERT_TRUE(masterMetricIs("master/tasks_staging", 2))
      << cluster->log("master");

  // The scheduler dies: the master keeps the framework, inactive, with
  // its tasks, for the failover timeout.
  first->kill(SIGKILL);
  ASSERT_TRUE(first->exited().await(Seconds(30)));
  ASSERT_TRUE(masterMetricIs("master/frameworks_inactive", 1))
      << cluster->log("master");
  EXPECT_EQ(2, metric(cluster->masterPort(), "master/tasks_staging"));

  // A new instance with the same FrameworkID takes over; the tasks'
  // updates then go to it.
  Program* second = framework(
      "framework2", {"--failover_timeout=300", "--framework_id=" + id});
  ASSERT_TRUE(masterMetricIs("master/frameworks_active", 1))
      << cluster->log("master") << cluster->log("framework2");
  EXPECT_EQ(0, metric(cluster->masterPort(), "master/frameworks_inactive"));

  ASSERT_TRUE(os::write(gate(), "").isSome());
  EXPECT_EQ(0, exitCode(second))
      << cluster->log("framework2") << cluster->log("master");
  const std::string output = cluster->log("framework2");
  EXPECT_NE(std::string::npos, output.find("Task 0 is in state TASK_FINISHED"))
      << output;
  EXPECT_NE(std::string::npos, output.find("Task 1 is in state TASK_FINISHED"))
      << output;
  EXPECT_EQ(2, metric(cluster->masterPort(), "master/tasks_finished"));
}

TEST_F(FailoverTest, SchedulerAwayPastItsFailoverTimeoutLosesItsTasks) {
  startCluster();

  Program* first = framework("framework1", {"--failover_timeout=1"});
  ASSERT_FALSE(frameworkId("framework1").empty()) << cluster->log("framework1");
  ASSERT_TRUE(masterMetricIs("master/tasks_staging", 2))
      << cluster->log("master");

  first->kill(SIGKILL);

  // The master removes the framework and its tasks; the agent shuts the
  // framework down.
  ASSERT_TRUE(masterMetricIs("master/tasks_staging", 0))
      << cluster->log("master");
  EXPECT_TRUE(masterMetricIs("master/frameworks_inactive", 0));
  EXPECT_EQ(0, metric(cluster->masterPort(), "master/frameworks_active"));
  const uint16_t agent = cluster->agentPort(0);
  EXPECT_TRUE(eventually([&] {
    return metric(agent, "slave/frameworks_active") == 0;
  })) << cluster->log("agent0");
}

// Unlike MasterRestartAgentsReregister (cluster_tests.cpp), the default
// ping settings (75 s before an agent gives up on a silent master): the
// agent notices the broken link and registers again with backoff.
TEST_F(FailoverTest, MasterRestartRejoinedWithoutWaitingForPings) {
  startCluster();

  cluster->stopMaster(SIGKILL);
  ASSERT_TRUE(cluster->startMaster().isSome()) << cluster->log("master");

  ASSERT_TRUE(eventually(
      [&] {
        return metric(cluster->masterPort(), "master/slaves_active") == 1;
      },
      Seconds(30)))
      << cluster->log("master") << cluster->log("agent0");
  EXPECT_EQ(1, metric(cluster->masterPort(), "master/slave_reregistrations"));

  EXPECT_EQ(0, execute({"--name=after-restart", "--command=true",
                        "--resources=cpus:0.1;mem:16"}))
      << cluster->log("mesos-execute");
}

}  // namespace
}  // namespace tests
}  // namespace internal
}  // namespace mesos
