// The Mesos containerizer's fetcher, through launch: local files, http://
// from a libprocess route in this test, executable bit, archive
// extraction, failures, and a destroy while a download hangs.

#include <sys/stat.h>

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include <process/gtest.hpp>
#include <process/http.hpp>
#include <process/id.hpp>
#include <process/process.hpp>
#include <process/subprocess.hpp>

#include <stout/os.hpp>
#include <stout/path.hpp>
#include <stout/stringify.hpp>
#include <stout/strings.hpp>

#include "slave/containerizer/mesos/containerizer.hpp"
#include "tests/slave/containerizer/test_helpers.hpp"

namespace mesos {
namespace internal {
namespace slave {
namespace tests {
namespace {

using process::Future;
using process::Promise;
using process::http::NotFound;
using process::http::OK;
using process::http::Request;
using process::http::Response;

// Serves /<id>/script, /<id>/missing (404) and /<id>/hang (never answers
// until the test ends).
class FileServer : public process::Process<FileServer> {
 public:
  FileServer() : ProcessBase(process::ID::generate("files")) {}

  std::string url(const std::string& name) const {
    return "http://" + stringify(self().address) + "/" + self().id + "/" + name;
  }

  Promise<Response> hang;
  Promise<Nothing> hanging;  // READY once /hang was requested.

 protected:
  void initialize() override {
    route("/script", None(), [](const Request&) -> Future<Response> {
      return OK("echo from-http > http.txt\n");
    });
    route("/missing", None(),
          [](const Request&) -> Future<Response> { return NotFound(); });
    route("/hang", None(), [this](const Request&) -> Future<Response> {
      hanging.set(Nothing());
      return hang.future();
    });
  }
};

class FetcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Flags agentFlags = flags(work.path);
    Try<std::unique_ptr<Containerizer>> created =
        MesosContainerizer::create(agentFlags);
    ASSERT_TRUE(created.isSome()) << created.error();
    containerizer = std::move(created).get();
    process::spawn(&server);
    files = path::join(work.path, "files");
    ASSERT_TRUE(os::mkdir(files).isSome());
  }

  void TearDown() override {
    server.hang.set(OK("late"));
    process::terminate(&server);
    process::wait(&server);
    containerizer.reset();
  }

  // Launches `info` and waits for its executor to end; the exit code, or
  // -1 if the launch failed (then `failure` says why).
  int run(const ExecutorInfo& info) {
    const ContainerID id = containerId("c1");
    directory = sandbox(work.path, info, id);
    Future<LaunchResult> launched = containerizer->launch(
        id, None(), info, directory, None(), agentId(), {}, false);
    if (!launched.await(WAIT) || !launched.isReady()) {
      failure = launched.isFailed() ? launched.failure() : "not ready";
      containerizer->destroy(id).await(WAIT);
      return -1;
    }
    Future<Option<ContainerTermination>> termination = containerizer->wait(id);
    if (!termination.await(WAIT) || !termination.isReady() ||
        termination->isNone() || termination->get().status.isNone()) {
      return -2;
    }
    return WEXITSTATUS(termination->get().status.get());
  }

  CommandInfo::URI* uri(ExecutorInfo* info, const std::string& value) {
    CommandInfo::URI* uri = info->mutable_command()->add_uris();
    uri->set_value(value);
    return uri;
  }

  void shell(const std::string& command) {
    Try<process::Subprocess> child = process::subprocess(command);
    ASSERT_TRUE(child.isSome());
    AWAIT_READY_FOR(child->status(), WAIT);
    ASSERT_TRUE(exitedWith(child->status().get(), 0)) << command;
  }

  TemporaryWorkDir work;
  std::string files;
  std::string directory;
  std::string failure;
  FileServer server;
  std::unique_ptr<Containerizer> containerizer;
};

TEST_F(FetcherTest, LocalFileMadeExecutable) {
  const std::string script = path::join(files, "script.sh");
  ASSERT_TRUE(
      os::write(script, "#!/bin/sh\necho local > local.txt\n").isSome());

  ExecutorInfo info = executor("./script.sh");
  uri(&info, "file://" + script)->set_executable(true);
  EXPECT_EQ(0, run(info)) << failure;
  EXPECT_EQ("local\n", os::read(path::join(directory, "local.txt")).get());

  struct stat s;
  ASSERT_EQ(0, ::stat(path::join(directory, "script.sh").c_str(), &s));
  EXPECT_TRUE(s.st_mode & S_IXUSR);
  EXPECT_TRUE(strings::contains(os::read(path::join(directory, "stderr")).get(),
                                "[fetcher]"));
}

TEST_F(FetcherTest, HttpAndArchives) {
  const std::string inner = path::join(files, "inner");
  ASSERT_TRUE(os::mkdir(inner).isSome());
  ASSERT_TRUE(os::write(path::join(inner, "a.txt"), "from tar\n").isSome());
  ASSERT_TRUE(os::write(path::join(inner, "b.txt"), "from zip\n").isSome());
  shell("tar czf " + files + "/bundle.tar.gz -C " + inner + " a.txt");
  shell("cd " + inner + " && zip -q " + files + "/bundle.zip b.txt");

  ExecutorInfo info = executor(
      "sh fetched.sh && cat a.txt b.txt > both.txt && test -f bundle.tar.gz");
  uri(&info, server.url("script"))->set_output_file("fetched.sh");
  uri(&info, path::join(files, "bundle.tar.gz"));
  uri(&info, path::join(files, "bundle.zip"));
  // Not extracted when asked not to.
  shell("cp " + files + "/bundle.tar.gz " + files + "/kept.tgz");
  uri(&info, path::join(files, "kept.tgz"))->set_extract(false);

  EXPECT_EQ(0, run(info)) << failure;
  EXPECT_EQ("from-http\n", os::read(path::join(directory, "http.txt")).get());
  EXPECT_EQ("from tar\nfrom zip\n",
            os::read(path::join(directory, "both.txt")).get());
  EXPECT_TRUE(os::exists(path::join(directory, "kept.tgz")));
}

TEST_F(FetcherTest, Failures) {
  ExecutorInfo missing = executor("true");
  uri(&missing, path::join(files, "no-such-file"));
  EXPECT_EQ(-1, run(missing));
  EXPECT_TRUE(strings::contains(failure, "does not exist")) << failure;
  EXPECT_TRUE(strings::contains(os::read(path::join(directory, "stderr")).get(),
                                "does not exist"));

  ExecutorInfo notFound = executor("true");
  uri(&notFound, server.url("missing"));
  EXPECT_EQ(-1, run(notFound));
  EXPECT_TRUE(strings::contains(failure, "404")) << failure;

  ExecutorInfo relative = executor("true");
  uri(&relative, "relative/file");
  EXPECT_EQ(-1, run(relative));
  EXPECT_TRUE(strings::contains(failure, "frameworks_home")) << failure;

  ExecutorInfo scheme = executor("true");
  uri(&scheme, "hdfs://namenode/file");
  EXPECT_EQ(-1, run(scheme));
  EXPECT_TRUE(strings::contains(failure, "hdfs")) << failure;

  ExecutorInfo badArchive = executor("true");
  ASSERT_TRUE(os::write(path::join(files, "bad.tar.gz"), "not a tar").isSome());
  uri(&badArchive, path::join(files, "bad.tar.gz"));
  EXPECT_EQ(-1, run(badArchive));
  EXPECT_TRUE(strings::contains(failure, "tar")) << failure;
}

TEST_F(FetcherTest, DestroyWhileFetching) {
  ExecutorInfo info = executor("touch ran");
  uri(&info, server.url("hang"))->set_output_file("never");
  const ContainerID id = containerId("c1");
  directory = sandbox(work.path, info, id);
  Future<LaunchResult> launched = containerizer->launch(
      id, None(), info, directory, None(), agentId(), {}, false);

  // Destroy once the download is in flight.
  AWAIT_READY_FOR(server.hanging.future(), WAIT);
  Future<Option<ContainerTermination>> destroyed = containerizer->destroy(id);

  AWAIT_FAILED_FOR(launched, WAIT);
  EXPECT_TRUE(strings::contains(launched.failure(), "destroyed"))
      << launched.failure();
  AWAIT_READY_FOR(destroyed, WAIT);
  ASSERT_TRUE(destroyed->isSome());
  EXPECT_TRUE(destroyed->get().status.isNone());
  EXPECT_FALSE(os::exists(path::join(directory, "ran")));
}

}  // namespace
}  // namespace tests
}  // namespace slave
}  // namespace internal
}  // namespace mesos
