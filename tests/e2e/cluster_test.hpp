// The fixture and helpers the end-to-end test files share: a Cluster per
// test (cluster.hpp), mesos-execute runs, and readers for the programs'
// output and the agent's checkpoints.

#ifndef MESOS_TESTS_E2E_CLUSTER_TEST_HPP
#define MESOS_TESTS_E2E_CLUSTER_TEST_HPP

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <stout/duration.hpp>

#include "e2e/cluster.hpp"

namespace mesos {
namespace internal {
namespace tests {

// How often `needle` occurs in `text`.
size_t count(const std::string& text, const std::string& needle);

// Regular files called `name` under `directory` (symlinks not followed, so
// each sandbox counts once despite its `latest` link).
std::vector<std::string> findFiles(const std::string& directory,
                                   const std::string& name);

// One status update as mesos-execute prints it: the state line and its
// indented detail lines (message, source, reason).
struct PrintedUpdate {
  std::string state;
  std::string text;  // All lines, for comparing deliveries.
};

// The updates mesos-execute printed for `task`, in order.
std::vector<PrintedUpdate> printedUpdates(const std::string& output,
                                          const std::string& task);

class ClusterTest : public ::testing::Test {
 protected:
  void SetUp() override;

  // Starts the master and `agents` agents and waits until every agent is
  // registered.
  void startCluster(size_t agents = 1,
                    const std::vector<std::string>& agentFlags = {});

  // Waits until the master counts `agents` active agents.
  void awaitAgents(size_t agents);

  // Runs mesos-execute to completion; returns its exit code.
  int execute(const std::vector<std::string>& flags,
              const Duration& timeout = Seconds(120));

  // Starts mesos-execute in the background (stopped with the cluster).
  Program* spawnExecute(const std::vector<std::string>& flags);

  // Waits for `program` to end; its exit code, or -1.
  int exitCode(Program* program, const Duration& timeout = Seconds(120));

  // The value of `field` in the agent's /state (e.g. "id"), or "".
  std::string agentState(size_t index, const std::string& field);

  std::unique_ptr<Cluster> cluster;
};

}  // namespace tests
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_TESTS_E2E_CLUSTER_TEST_HPP
