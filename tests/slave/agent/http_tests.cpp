// The agent's endpoints: /state, /health, /flags, /metrics/snapshot and
// the sandbox browser /files/browse and /files/read.

#include <process/http.hpp>

#include <stout/json.hpp>

#include "agent_test_kit.hpp"

namespace http = process::http;

using process::Clock;
using process::Future;

namespace mesos {
namespace internal {
namespace slave {
namespace tests {

class AgentHttpTest : public AgentTest {
 protected:
  Future<http::Response> get(const std::string& id, const std::string& path,
                             const Option<std::string>& query = None()) {
    process::UPID target(id, process::address());
    return http::get(target, path, query);
  }

  // Launches a command task and returns its sandbox.
  std::string sandbox() {
    startAgent();
    registerAgent();
    Future<TestContainerizer::Launch> launch = containerizer->nextLaunch();
    runTask(framework(), commandTask("task-1"));
    Clock::settle();
    EXPECT_TRUE(launch.await(process::TEST_AWAIT_TIMEOUT));
    return launch->directory;
  }
};

TEST_F(AgentHttpTest, StateHealthAndFlags) {
  const std::string directory = sandbox();

  Future<http::Response> health = get(slavePid.id, "health");
  AWAIT_READY(health);
  EXPECT_EQ(200, health->code);

  Future<http::Response> state = get(slavePid.id, "state");
  AWAIT_READY(state);
  ASSERT_EQ(200, state->code) << state->body;
  Try<JSON::Object> object = JSON::parse<JSON::Object>(state->body);
  ASSERT_TRUE(object.isSome()) << object.error();
  EXPECT_EQ(JSON::Value(JSON::String(slaveId.value())), object->values["id"]);
  EXPECT_EQ(JSON::Value(JSON::String("agent.test")),
            object->values["hostname"]);

  ASSERT_TRUE(object->values["frameworks"].is<JSON::Array>());
  const JSON::Array& frameworks =
      object->values["frameworks"].as<JSON::Array>();
  ASSERT_EQ(1u, frameworks.values.size());
  JSON::Object frameworkJson = frameworks.values[0].as<JSON::Object>();
  EXPECT_EQ(JSON::Value(JSON::String("framework-1")),
            frameworkJson.values["id"]);
  const JSON::Array& executors =
      frameworkJson.values["executors"].as<JSON::Array>();
  ASSERT_EQ(1u, executors.values.size());
  JSON::Object executorJson = executors.values[0].as<JSON::Object>();
  EXPECT_EQ(JSON::Value(JSON::String(directory)),
            executorJson.values["directory"]);
  EXPECT_EQ(
      1u, executorJson.values["queued_tasks"].as<JSON::Array>().values.size());

  Future<http::Response> flagsResponse = get(slavePid.id, "flags");
  AWAIT_READY(flagsResponse);
  Try<JSON::Object> flagsJson = JSON::parse<JSON::Object>(flagsResponse->body);
  ASSERT_TRUE(flagsJson.isSome()) << flagsJson.error();
  JSON::Object values = flagsJson->values["flags"].as<JSON::Object>();
  EXPECT_EQ(JSON::Value(JSON::String(workDir)), values.values["work_dir"]);
}

TEST_F(AgentHttpTest, MetricsSnapshot) {
  sandbox();

  Future<http::Response> snapshot = get("metrics", "snapshot");
  AWAIT_READY(snapshot);
  ASSERT_EQ(200, snapshot->code) << snapshot->body;
  Try<JSON::Object> object = JSON::parse<JSON::Object>(snapshot->body);
  ASSERT_TRUE(object.isSome()) << object.error();
  EXPECT_EQ(1.0,
            object->values["slave/registered"].as<JSON::Number>().as<double>());
  EXPECT_EQ(
      1.0,
      object->values["slave/tasks_staging"].as<JSON::Number>().as<double>());
  EXPECT_EQ(1.0, object->values["slave/executors_registering"]
                     .as<JSON::Number>()
                     .as<double>());
  EXPECT_EQ(
      0.0,
      object->values["slave/tasks_running"].as<JSON::Number>().as<double>());
  EXPECT_EQ(1.0, object->values["slave/frameworks_active"]
                     .as<JSON::Number>()
                     .as<double>());
  EXPECT_EQ(1u, object->values.count("slave/uptime_secs"));
}

TEST_F(AgentHttpTest, FilesBrowseAndRead) {
  const std::string directory = sandbox();
  ASSERT_TRUE(
      os::write(path::join(directory, "stdout"), "hello sandbox").isSome());

  Future<http::Response> browse = get("files", "browse", "path=" + directory);
  AWAIT_READY(browse);
  ASSERT_EQ(200, browse->code) << browse->body;
  Try<JSON::Array> entries = JSON::parse<JSON::Array>(browse->body);
  ASSERT_TRUE(entries.isSome()) << entries.error();
  bool found = false;
  for (const JSON::Value& entry : entries->values) {
    JSON::Object file = entry.as<JSON::Object>();
    if (file.values["path"] ==
        JSON::Value(JSON::String(path::join(directory, "stdout")))) {
      found = true;
      EXPECT_EQ(13.0, file.values["size"].as<JSON::Number>().as<double>());
      EXPECT_EQ(1u, file.values.count("mode"));
      EXPECT_EQ(1u, file.values.count("uid"));
    }
  }
  EXPECT_TRUE(found) << browse->body;

  Future<http::Response> read =
      get("files", "read",
          "path=" + path::join(directory, "stdout") + "&offset=6&length=3");
  AWAIT_READY(read);
  ASSERT_EQ(200, read->code) << read->body;
  Try<JSON::Object> data = JSON::parse<JSON::Object>(read->body);
  ASSERT_TRUE(data.isSome()) << data.error();
  EXPECT_EQ(JSON::Value(JSON::String("san")), data->values["data"]);
  EXPECT_EQ(6.0, data->values["offset"].as<JSON::Number>().as<double>());

  Future<http::Response> size =
      get("files", "read",
          "path=" + path::join(directory, "stdout") + "&offset=-1");
  AWAIT_READY(size);
  Try<JSON::Object> sizeJson = JSON::parse<JSON::Object>(size->body);
  ASSERT_TRUE(sizeJson.isSome()) << sizeJson.error();
  EXPECT_EQ(13.0, sizeJson->values["offset"].as<JSON::Number>().as<double>());
}

TEST_F(AgentHttpTest, FilesRefusesPathsOutsideSandboxes) {
  const std::string directory = sandbox();

  const std::string outside = path::join(workDir, "secret");
  ASSERT_TRUE(os::write(outside, "secret").isSome());
  ASSERT_TRUE(os::symlink(outside, path::join(directory, "link")).isSome());

  // ".." is refused outright.
  Future<http::Response> dots =
      get("files", "read", "path=" + directory + "/../../secret&offset=0");
  AWAIT_READY(dots);
  EXPECT_EQ(400, dots->code);

  // A symlink that leaves the sandbox is refused.
  Future<http::Response> link =
      get("files", "read", "path=" + directory + "/link&offset=0");
  AWAIT_READY(link);
  EXPECT_EQ(403, link->code);

  // Paths that are not in any sandbox are not found.
  Future<http::Response> other = get("files", "browse", "path=" + workDir);
  AWAIT_READY(other);
  EXPECT_EQ(404, other->code);

  // Missing or bad parameters.
  Future<http::Response> noPath = get("files", "browse");
  AWAIT_READY(noPath);
  EXPECT_EQ(400, noPath->code);
  Future<http::Response> badOffset =
      get("files", "read", "path=" + directory + "/stdout&offset=abc");
  AWAIT_READY(badOffset);
  EXPECT_EQ(400, badOffset->code);
  Future<http::Response> directoryRead =
      get("files", "read", "path=" + directory + "&offset=0");
  AWAIT_READY(directoryRead);
  EXPECT_EQ(400, directoryRead->code);
}

}  // namespace tests
}  // namespace slave
}  // namespace internal
}  // namespace mesos
