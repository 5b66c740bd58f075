#ifndef MESOS_TESTS_SLAVE_CONTAINERIZER_TEST_HELPERS_HPP
#define MESOS_TESTS_SLAVE_CONTAINERIZER_TEST_HELPERS_HPP

// Small helpers shared by the tests of the real containerizers: a temporary
// work dir with a sandbox, ExecutorInfo builders, and wait-status checks.

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include <mesos/mesos.hpp>

#include <process/future.hpp>
#include <process/io.hpp>

#include <stout/duration.hpp>
#include <stout/hashset.hpp>
#include <stout/os.hpp>
#include <stout/path.hpp>
#include <stout/try.hpp>
#include <stout/uuid.hpp>

#include "slave/containerizer/containerizer.hpp"
#include "slave/flags.hpp"
#include "slave/paths.hpp"

namespace mesos {
namespace internal {
namespace slave {
namespace tests {

using LaunchResult = Containerizer::LaunchResult;

// How long a test waits for a real child process: generous, so that only a
// hang reaches it.
const Duration WAIT = Seconds(30);

// A work dir under /tmp, removed when the test ends.
class TemporaryWorkDir {
 public:
  TemporaryWorkDir() {
    Try<std::string> made =
        os::mkdtemp(path::join(os::temp(), "containerizer-XXXXXX"));
    EXPECT_TRUE(made.isSome());
    path = made.isSome() ? made.get() : "/tmp";
  }
  ~TemporaryWorkDir() { (void)os::rmdir(path); }

  std::string path;
};

// A named pipe at `path` that a child process writes to once it is ready
// (e.g. `echo > ready`), so a test can wait for it without sleeping.
class ReadySignal {
 public:
  explicit ReadySignal(const std::string& path) {
    EXPECT_EQ(0, ::mkfifo(path.c_str(), 0644));
    // Read-write, so that the pipe never reads as EOF while no writer has
    // opened it yet.
    fd_ = ::open(path.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
    EXPECT_GE(fd_, 0);
  }
  ~ReadySignal() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }

  // READY once something was written.
  process::Future<size_t> ready() {
    return process::io::read(fd_, buffer_, sizeof(buffer_));
  }

  // READY with what was written (one write of up to 64 bytes).
  process::Future<std::string> text() {
    return ready().then(
        [this](size_t size) { return std::string(buffer_, size); });
  }

 private:
  int fd_ = -1;
  char buffer_[64];
};

inline ContainerID containerId(const std::string& value) {
  ContainerID id;
  id.set_value(value);
  return id;
}

inline SlaveID agentId() {
  SlaveID id;
  id.set_value("agent-1");
  return id;
}

inline FrameworkID frameworkId() {
  FrameworkID id;
  id.set_value("framework-1");
  return id;
}

// An executor that runs `command` with the shell, with 0.5 cpus and 64 MB.
inline ExecutorInfo executor(const std::string& command,
                             const std::string& id = "executor-1") {
  ExecutorInfo info;
  info.mutable_executor_id()->set_value(id);
  *info.mutable_framework_id() = frameworkId();
  info.mutable_command()->set_value(command);
  Resource* cpus = info.add_resources();
  cpus->set_name("cpus");
  cpus->set_type(Value::SCALAR);
  cpus->mutable_scalar()->set_value(0.5);
  Resource* mem = info.add_resources();
  mem->set_name("mem");
  mem->set_type(Value::SCALAR);
  mem->mutable_scalar()->set_value(64);
  return info;
}

// Creates the run's sandbox (with the "latest" link) under `workDir`.
inline std::string sandbox(const std::string& workDir, const ExecutorInfo& info,
                           const ContainerID& containerId) {
  Try<std::string> directory = paths::createExecutorDirectory(
      workDir, agentId(), frameworkId(), info.executor_id(), containerId);
  EXPECT_TRUE(directory.isSome())
      << (directory.isError() ? directory.error() : "");
  return directory.isSome() ? directory.get() : workDir;
}

inline Flags flags(const std::string& workDir) {
  Flags result;
  result.work_dir = workDir;
  return result;
}

// Destroys every container `containerizer` knows, waiting up to `timeout`
// for each, then deletes it: a fixture's TearDown leaves no executor
// behind whatever the test did. Does nothing for a null containerizer.
inline void destroyAll(std::unique_ptr<Containerizer>* containerizer,
                       const Duration& timeout) {
  if (*containerizer == nullptr) {
    return;
  }
  process::Future<hashset<ContainerID>> ids = (*containerizer)->containers();
  if (ids.await(timeout) && ids.isReady()) {
    for (const ContainerID& id : ids.get()) {
      (*containerizer)->destroy(id).await(timeout);
    }
  }
  containerizer->reset();
}

inline bool exitedWith(const Option<int>& status, int code) {
  return status.isSome() && WIFEXITED(status.get()) &&
         WEXITSTATUS(status.get()) == code;
}

inline bool killedBy(const Option<int>& status, int signal) {
  return status.isSome() && WIFSIGNALED(status.get()) &&
         WTERMSIG(status.get()) == signal;
}

}  // namespace tests
}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_TESTS_SLAVE_CONTAINERIZER_TEST_HELPERS_HPP
