#include "e2e/cluster_test.hpp"

#include <sys/wait.h>

#include <filesystem>

#include <stout/strings.hpp>

namespace mesos {
namespace internal {
namespace tests {

size_t count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos;
       at = text.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

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

std::vector<PrintedUpdate> printedUpdates(const std::string& output,
                                          const std::string& task) {
  const std::string prefix = "Received status update ";
  const std::string suffix = " for task '" + task + "'";
  std::vector<PrintedUpdate> updates;
  bool inside = false;
  for (const std::string& line : strings::split(output, "\n")) {
    if (strings::startsWith(line, prefix)) {
      inside = strings::endsWith(line, suffix);
      if (inside) {
        updates.push_back(
            {line.substr(prefix.size(),
                         line.size() - prefix.size() - suffix.size()),
             line});
      }
    } else if (inside && strings::startsWith(line, "  ")) {
      updates.back().text += "\n" + line;
    } else {
      inside = false;
    }
  }
  return updates;
}

void ClusterTest::SetUp() {
  Try<std::unique_ptr<Cluster>> created = Cluster::create();
  ASSERT_TRUE(created.isSome()) << created.error();
  cluster = std::move(created.get());
}

void ClusterTest::startCluster(size_t agents,
                               const std::vector<std::string>& agentFlags) {
  Try<Nothing> master = cluster->startMaster();
  ASSERT_TRUE(master.isSome()) << master.error();
  for (size_t i = 0; i < agents; ++i) {
    Try<Nothing> agent = cluster->startAgent(i, agentFlags);
    ASSERT_TRUE(agent.isSome()) << agent.error();
  }
  awaitAgents(agents);
}

void ClusterTest::awaitAgents(size_t agents) {
  const uint16_t port = cluster->masterPort();
  ASSERT_TRUE(eventually([&] {
    return metric(port, "master/slaves_active") == double(agents);
  })) << cluster->log("master");
}

int ClusterTest::execute(const std::vector<std::string>& flags,
                         const Duration& timeout) {
  std::vector<std::string> args = {"--master=" + cluster->master()};
  args.insert(args.end(), flags.begin(), flags.end());
  Try<int> status = cluster->run("mesos-execute", args, timeout);
  EXPECT_TRUE(status.isSome()) << status.error();
  if (status.isError() || !WIFEXITED(status.get()))
    return -1;
  return WEXITSTATUS(status.get());
}

Program* ClusterTest::spawnExecute(const std::vector<std::string>& flags) {
  std::vector<std::string> args = {"--master=" + cluster->master()};
  args.insert(args.end(), flags.begin(), flags.end());
  Try<Program*> program = cluster->spawn("mesos-execute", args);
  EXPECT_TRUE(program.isSome()) << program.error();
  return program.isSome() ? program.get() : nullptr;
}

int ClusterTest::exitCode(Program* program, const Duration& timeout) {
  if (program == nullptr)
    return -1;
  process::Future<Option<int>> status = program->exited();
  if (!status.await(timeout) || !status.isReady() || status->isNone() ||
      !WIFEXITED(status->get())) {
    return -1;
  }
  return WEXITSTATUS(status->get());
}

std::string ClusterTest::agentState(size_t index, const std::string& field) {
  Try<JSON::Object> state = getJson(cluster->agentPort(index), "/state");
  if (state.isError())
    return "";
  auto it = state->values.find(field);
  if (it == state->values.end() || !it->second.is<JSON::String>())
    return "";
  return it->second.as<JSON::String>().value;
}

}  // namespace tests
}  // namespace internal
}  // namespace mesos
