// End-to-end agent recovery (issue 8 item 4): the real mesos-master,
// mesos-agent, mesos-executor and mesos-execute (a checkpointing
// framework) as separate OS processes; the agent is killed with SIGKILL at
// the points named in each test and restarted on the same work dir.
//
// Hooks, none of them timing: a task command that waits for a file the
// test creates (`gate`); a --launcher_dir whose mesos-executor waits before
// starting the real one (an executor that has not registered); SIGSTOP on
// the scheduler (an update delivered but not acknowledged).

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <stout/numify.hpp>
#include <stout/os.hpp>
#include <stout/path.hpp>
#include <stout/stringify.hpp>
#include <stout/strings.hpp>

#include "e2e/cluster_test.hpp"

namespace mesos {
namespace internal {
namespace tests {
namespace {

// Whether `pid` runs (a zombie does not count).
bool alive(pid_t pid) {
  Try<std::string> stat = os::read("/proc/" + stringify(pid) + "/stat");
  if (stat.isError())
    return false;
  const size_t paren = stat->rfind(')');
  return paren == std::string::npos || paren + 2 >= stat->size() ||
         stat->at(paren + 2) != 'Z';
}

// The pid in the (single) checkpointed file `name` under `directory`.
Option<pid_t> checkpointedPid(const std::string& directory,
                              const std::string& name) {
  std::vector<std::string> files = findFiles(directory, name);
  if (files.size() != 1)
    return None();
  Try<std::string> text = os::read(files[0]);
  if (text.isError())
    return None();
  Try<pid_t> pid = numify<pid_t>(strings::trim(text.get()));
  return pid.isSome() ? Option<pid_t>(pid.get()) : None();
}

class AgentRecoveryTest : public ClusterTest {
 protected:
  // A shell command that waits until the test opens gate `name`.
  std::string gated(const std::string& name) const {
    return "until [ -e " + gate(name) + " ]; do sleep 0.05; done";
  }

  std::string gate(const std::string& name) const {
    return path::join(cluster->dir(), name);
  }

  void open(const std::string& name) {
    ASSERT_TRUE(os::write(gate(name), "").isSome());
  }

  // A --launcher_dir whose mesos-executor waits for gate `name` before it
  // becomes the real command executor: until then the agent has launched
  // an executor that has not registered.
  std::string gatedLauncherDir(const std::string& name) {
    const std::string dir = path::join(cluster->dir(), "launcher");
    EXPECT_TRUE(os::mkdir(dir).isSome());
    const std::string script = path::join(dir, "mesos-executor");
    EXPECT_TRUE(os::write(script, "#!/bin/sh\n" + gated(name) + "\nexec " +
                                      path::join(binDir(), "mesos-executor") +
                                      " \"$@\"\n")
                    .isSome());
    ::chmod(script.c_str(), 0755);
    return dir;
  }

  // Waits for the master to count `n` tasks in `state` ("running", ...).
  void awaitTasks(const std::string& state, double n) {
    const uint16_t port = cluster->masterPort();
    ASSERT_TRUE(eventually([&] {
      return metric(port, "master/tasks_" + state) == n;
    })) << cluster->log("master")
        << cluster->log("agent0");
  }

  // Checks the invariants every scheduler's view must keep: each delivery
  // of the same state reads the same, and at most one terminal update.
  void expectConsistent(const std::string& task) {
    const std::string output = cluster->log("mesos-execute");
    std::map<std::string, std::string> first;
    size_t terminal = 0;
    for (const PrintedUpdate& update : printedUpdates(output, task)) {
      auto [it, inserted] = first.emplace(update.state, update.text);
      EXPECT_TRUE(inserted || it->second == update.text)
          << "Two different " << update.state << " updates:\n"
          << it->second << "\n"
          << update.text;
      if (update.state != "TASK_STAGING" && update.state != "TASK_STARTING" &&
          update.state != "TASK_RUNNING" && update.state != "TASK_KILLING") {
        terminal++;
      }
    }
    EXPECT_LE(terminal, 1u) << output;
  }

  // Kills the agent with SIGKILL and restarts it with `flags`; checks that
  // it comes back as the same agent.
  void crashAndRestartAgent(const std::vector<std::string>& flags = {},
                            const std::function<void()>& whileDown = {}) {
    const std::string id = agentState(0, "id");
    ASSERT_FALSE(id.empty());
    cluster->stopAgent(0, SIGKILL);
    if (whileDown)
      whileDown();
    Try<Nothing> started = cluster->startAgent(0, flags);
    ASSERT_TRUE(started.isSome()) << started.error();
    const uint16_t port = cluster->agentPort(0);
    EXPECT_TRUE(eventually([&] {
      return metric(port, "slave/registered") == 1;
    })) << cluster->log("agent0");
    EXPECT_EQ(id, agentState(0, "id"));
  }
};

// (a) Killed after the launch, before the executor registered: the
// restarted agent has no executor pid to reconnect to, so, as in Mesos,
// the executor is killed at the reregistration timeout and the task is
// TASK_LOST with REASON_EXECUTOR_REREGISTRATION_TIMEOUT.
TEST_F(AgentRecoveryTest, KilledBeforeTheExecutorRegistered) {
  const std::vector<std::string> flags = {"--launcher_dir=" +
                                          gatedLauncherDir("never")};
  startCluster(1, flags);

  Program* execute = spawnExecute({"--name=unregistered", "--checkpoint",
                                   "--command=" + gated("never"),
                                   "--resources=cpus:0.1;mem:16"});
  const std::string work = cluster->agentWorkDir(0);
  ASSERT_TRUE(eventually([&] {
    return checkpointedPid(work, "forked.pid").isSome();
  })) << cluster->log("agent0");
  EXPECT_TRUE(findFiles(work, "libprocess.pid").empty());
  const pid_t executor = checkpointedPid(work, "forked.pid").get();

  crashAndRestartAgent(flags);

  EXPECT_NE(0, exitCode(execute));
  const std::string output = cluster->log("mesos-execute");
  const std::vector<PrintedUpdate> updates =
      printedUpdates(output, "unregistered");
  ASSERT_EQ(1u, updates.size()) << output;
  EXPECT_EQ("TASK_LOST", updates[0].state);
  EXPECT_NE(std::string::npos,
            updates[0].text.find("REASON_EXECUTOR_REREGISTRATION_TIMEOUT"))
      << output;
  EXPECT_NE(std::string::npos, updates[0].text.find("SOURCE_SLAVE"));
  EXPECT_TRUE(eventually([&] { return !alive(executor); }));
}

// (b) The task ends while the agent is down: the executor's TASK_FINISHED
// cannot reach the agent and stays unacknowledged in the executor driver;
// after the restart the executor reregisters with it and the scheduler
// gets it once.
TEST_F(AgentRecoveryTest, UpdateMadeWhileTheAgentIsDownArrives) {
  startCluster();

  Program* execute = spawnExecute(
      {"--name=inflight", "--checkpoint",
       "--command=" + gated("finish") + "; touch " + gate("finished"),
       "--resources=cpus:0.1;mem:16"});
  awaitTasks("running", 1);

  crashAndRestartAgent({}, [&] {
    open("finish");
    ASSERT_TRUE(eventually([&] { return os::exists(gate("finished")); }));
  });

  EXPECT_EQ(0, exitCode(execute))
      << cluster->log("mesos-execute") << cluster->log("agent0");
  const std::vector<PrintedUpdate> updates =
      printedUpdates(cluster->log("mesos-execute"), "inflight");
  ASSERT_FALSE(updates.empty());
  EXPECT_EQ("TASK_FINISHED", updates.back().state);
  EXPECT_EQ(1u, count(cluster->log("mesos-execute"), "TASK_FINISHED"));
  expectConsistent("inflight");
}

// (c) The task's first update (TASK_STARTING, the head of its stream: the
// agent forwards the next one only once it is acknowledged) reached the
// scheduler, which is stopped (SIGSTOP), so its acknowledgement is sent
// only once the agent is dead and is lost. The restarted agent resends
// the checkpointed update with the same contents; the second
// acknowledgement lets the stream go on (TASK_RUNNING, TASK_FINISHED).
TEST_F(AgentRecoveryTest, UpdateBetweenDeliveryAndAcknowledgement) {
  const std::vector<std::string> flags = {"--launcher_dir=" +
                                          gatedLauncherDir("start")};
  startCluster(1, flags);

  Program* execute = spawnExecute({"--name=unacked", "--checkpoint",
                                   "--command=" + gated("finish"),
                                   "--resources=cpus:0.1;mem:16"});
  const std::string work = cluster->agentWorkDir(0);
  ASSERT_TRUE(eventually([&] {
    return checkpointedPid(work, "forked.pid").isSome();
  })) << cluster->log("agent0");

  execute->kill(SIGSTOP);
  open("start");
  // The master has the head update (checkpointed by the agent before it
  // forwarded it); it counts the task as starting or, had TASK_RUNNING
  // already come in as the update's latest_state, running.
  const uint16_t master = cluster->masterPort();
  ASSERT_TRUE(eventually([&] {
    return metric(master, "master/tasks_starting") +
               metric(master, "master/tasks_running") ==
           1;
  })) << cluster->log("master");

  auto starting = [&] {
    return count(cluster->log("mesos-execute"), "TASK_STARTING");
  };
  size_t delivered = 0;
  crashAndRestartAgent(flags, [&] {
    execute->kill(SIGCONT);
    ASSERT_TRUE(eventually([&] { return starting() >= 1; }))
        << cluster->log("mesos-execute");
    delivered = starting();
  });

  // The update comes again, then the rest of the stream.
  ASSERT_TRUE(eventually([&] { return starting() > delivered; }))
      << cluster->log("mesos-execute") << cluster->log("agent0");
  ASSERT_TRUE(eventually([&] {
    return count(cluster->log("mesos-execute"), "TASK_RUNNING") >= 1;
  })) << cluster->log("mesos-execute");
  open("finish");

  EXPECT_EQ(0, exitCode(execute)) << cluster->log("mesos-execute");
  expectConsistent("unacked");
}

// An executor that dies while the agent is down: the restarted agent finds
// its container gone and fails the task (REASON_EXECUTOR_TERMINATED).
TEST_F(AgentRecoveryTest, ExecutorDiedWhileTheAgentWasDown) {
  startCluster();

  Program* execute = spawnExecute({"--name=orphan", "--checkpoint",
                                   "--command=" + gated("never"),
                                   "--resources=cpus:0.1;mem:16"});
  awaitTasks("running", 1);
  const std::string work = cluster->agentWorkDir(0);
  Option<pid_t> executor = checkpointedPid(work, "forked.pid");
  ASSERT_TRUE(executor.isSome());

  crashAndRestartAgent({}, [&] {
    ::kill(executor.get(), SIGKILL);
    ASSERT_TRUE(eventually([&] { return !alive(executor.get()); }));
  });

  EXPECT_NE(0, exitCode(execute));
  const std::string output = cluster->log("mesos-execute");
  const std::vector<PrintedUpdate> updates = printedUpdates(output, "orphan");
  ASSERT_FALSE(updates.empty()) << output;
  EXPECT_EQ("TASK_FAILED", updates.back().state) << output;
  EXPECT_NE(std::string::npos,
            updates.back().text.find("REASON_EXECUTOR_TERMINATED"))
      << output;
  EXPECT_NE(std::string::npos, updates.back().text.find("SOURCE_SLAVE"));
  expectConsistent("orphan");
}

// A torn checkpoint: the last record of task.updates lost its final bytes
// (a crash in the middle of a write). Recovery ignores the torn tail and
// the task still finishes.
TEST_F(AgentRecoveryTest, TornStatusUpdateCheckpointIsTolerated) {
  startCluster();

  Program* execute = spawnExecute({"--name=torn", "--checkpoint",
                                   "--command=" + gated("finish"),
                                   "--resources=cpus:0.1;mem:16"});
  awaitTasks("running", 1);
  const std::string work = cluster->agentWorkDir(0);

  crashAndRestartAgent({}, [&] {
    std::vector<std::string> files = findFiles(work, "task.updates");
    ASSERT_EQ(1u, files.size());
    Try<Bytes> size = os::stat::size(files[0]);
    ASSERT_TRUE(size.isSome());
    ASSERT_GT(size->bytes(), 3u);
    ASSERT_EQ(0, ::truncate(files[0].c_str(), size->bytes() - 3));
  });

  open("finish");
  EXPECT_EQ(0, exitCode(execute))
      << cluster->log("mesos-execute") << cluster->log("agent0");
  expectConsistent("torn");
}

// --recover=cleanup: the agent kills the executors it recovers and exits;
// the next start is a new agent (new id).
TEST_F(AgentRecoveryTest, RecoverCleanupKillsExecutorsAndStartsAfresh) {
  startCluster();

  spawnExecute({"--name=cleaned", "--checkpoint", "--command=" + gated("never"),
                "--resources=cpus:0.1;mem:16"});
  awaitTasks("running", 1);
  const std::string work = cluster->agentWorkDir(0);
  Option<pid_t> executor = checkpointedPid(work, "forked.pid");
  ASSERT_TRUE(executor.isSome());
  const std::string id = agentState(0, "id");

  cluster->stopAgent(0, SIGKILL);
  Try<int> cleanup = cluster->runAgent(0, {"--recover=cleanup"});
  ASSERT_TRUE(cleanup.isSome()) << cleanup.error();
  EXPECT_TRUE(WIFEXITED(cleanup.get()) && WEXITSTATUS(cleanup.get()) == 0)
      << cluster->log("agent0");
  EXPECT_TRUE(eventually([&] { return !alive(executor.get()); }));

  ASSERT_TRUE(cluster->startAgent(0).isSome()) << cluster->log("agent0");
  const uint16_t port = cluster->agentPort(0);
  EXPECT_TRUE(eventually([&] { return metric(port, "slave/registered") == 1; }))
      << cluster->log("agent0");
  const std::string fresh = agentState(0, "id");
  EXPECT_FALSE(fresh.empty());
  EXPECT_NE(id, fresh);
}

}  // namespace
}  // namespace tests
}  // namespace internal
}  // namespace mesos
