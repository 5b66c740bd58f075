// A local Mesos cluster made of the real binaries (mesos-master,
// mesos-agent, mesos-execute, the example programs), each a separate OS
// process on 127.0.0.1 with its own free port and temporary work dir. Used
// by the end-to-end tests; nothing here fakes a peer.
//
// The daemons run outside this process, so libprocess's Clock cannot drive
// them: waiting for one of them is a bounded poll of its HTTP endpoints
// (`eventually`), never an assertion on how long something took.

#ifndef MESOS_TESTS_E2E_CLUSTER_HPP
#define MESOS_TESTS_E2E_CLUSTER_HPP

#include <signal.h>
#include <sys/types.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <process/future.hpp>

#include <stout/duration.hpp>
#include <stout/json.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

namespace mesos {
namespace internal {
namespace tests {

// The directory holding the built programs: $MESOS_BIN_DIR, else the
// <build>/bin this test was built with.
std::string binDir();

// A TCP port on 127.0.0.1 that was free a moment ago.
uint16_t freePort();

// Polls `condition` until it holds or `timeout` passes; true if it held.
bool eventually(const std::function<bool()>& condition,
                const Duration& timeout = Seconds(60));

// GET http://127.0.0.1:<port><path> parsed as a JSON object; an Error if
// the daemon does not answer 200 with a JSON object within 5 seconds.
Try<JSON::Object> getJson(uint16_t port, const std::string& path);

// The number at `path` (e.g. "master/slaves_active") of /metrics/snapshot,
// or -1 if it cannot be read.
double metric(uint16_t port, const std::string& name);

// One running program. Its stdout and stderr go to `log`. Destroying the
// handle ends the program (SIGTERM, then SIGKILL after 10 seconds) and
// reaps it.
class Program {
 public:
  static Try<std::unique_ptr<Program>> start(
      const std::string& name, const std::vector<std::string>& args,
      const std::string& log);

  ~Program();

  pid_t pid() const { return pid_; }
  const std::string& log() const { return log_; }

  // Sends `signal`; the exit is observed through `exited()`.
  void kill(int signal);

  // The wait status once the program has ended.
  process::Future<Option<int>> exited() const { return status_; }

 private:
  Program(pid_t pid, process::Future<Option<int>> status, std::string log)
      : pid_(pid), status_(std::move(status)), log_(std::move(log)) {}

  pid_t pid_;
  process::Future<Option<int>> status_;
  std::string log_;
};

// A master and any number of agents under one temporary directory, which
// is removed (after every program is stopped) when the cluster goes away.
class Cluster {
 public:
  static Try<std::unique_ptr<Cluster>> create();
  ~Cluster();

  // Starts (or, after stopMaster, restarts on the same port and work dir)
  // the master with `flags` added to the defaults.
  Try<Nothing> startMaster(const std::vector<std::string>& flags = {});
  void stopMaster(int signal = SIGTERM);

  // Starts agent `index` (0-based; restarts reuse its port and work dir)
  // with `flags` added. Returns once the agent's /health answers.
  Try<Nothing> startAgent(size_t index,
                          const std::vector<std::string>& flags = {});
  void stopAgent(size_t index, int signal = SIGTERM);

  // Runs a program to completion (e.g. mesos-execute) with `args`; returns
  // its wait status, or an Error if it had not ended after `timeout`
  // (then it is killed). Its output is in log(name).
  Try<int> run(const std::string& name, const std::vector<std::string>& args,
               const Duration& timeout = Seconds(120));

  // Starts a program that is stopped with the cluster (e.g. a framework
  // the test fails over). Its output goes to log(logName), by default
  // log(name).
  Try<Program*> spawn(const std::string& name,
                      const std::vector<std::string>& args,
                      const std::string& logName = "");

  // Runs agent `index` to completion with `flags` added (e.g.
  // --recover=cleanup, after which the agent exits); its wait status.
  Try<int> runAgent(size_t index, const std::vector<std::string>& flags,
                    const Duration& timeout = Seconds(60));

  std::string master() const;  // "127.0.0.1:<port>"
  uint16_t masterPort() const { return masterPort_; }
  uint16_t agentPort(size_t index) const { return agents_.at(index).port; }
  std::string agentWorkDir(size_t index) const;
  const std::string& dir() const { return dir_; }
  std::string log(const std::string& name) const;  // the file's contents

 private:
  struct Agent {
    uint16_t port = 0;
    std::unique_ptr<Program> program;
  };

  explicit Cluster(std::string dir) : dir_(std::move(dir)) {}

  std::vector<std::string> agentArgs(size_t index,
                                     const std::vector<std::string>& flags);

  std::string dir_;
  uint16_t masterPort_ = 0;
  std::unique_ptr<Program> master_;
  std::vector<Agent> agents_;
  std::vector<std::unique_ptr<Program>> spawned_;
};

}  // namespace tests
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_TESTS_E2E_CLUSTER_HPP
