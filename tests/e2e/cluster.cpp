#include "e2e/cluster.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <thread>

#include <process/http.hpp>
#include <process/subprocess.hpp>

#include <stout/numify.hpp>
#include <stout/os.hpp>
#include <stout/path.hpp>
#include <stout/stringify.hpp>
#include <stout/strings.hpp>

namespace mesos {
namespace internal {
namespace tests {

using process::Future;
using process::Subprocess;

std::string binDir() {
  // MESOS_BIN_DIR in the environment runs the tests against other builds
  // (e.g. the Release build of scripts/quickstart.sh).
  const char* dir = ::getenv("MESOS_BIN_DIR");
  return dir != nullptr ? dir : MESOS_BIN_DIR;
}

uint16_t freePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  uint16_t port = 0;
  if (fd >= 0 &&
      ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  if (fd >= 0)
    ::close(fd);
  return port;
}

bool eventually(const std::function<bool()>& condition,
                const Duration& timeout) {
  const auto deadline =
      std::chrono::steady_clock::now() +
      std::chrono::nanoseconds(static_cast<int64_t>(timeout.ns()));
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline)
      return false;
    // The daemons are other OS processes: poll them, gently.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

Try<JSON::Object> getJson(uint16_t port, const std::string& path) {
  Try<process::http::URL> url =
      process::http::URL::parse("http://127.0.0.1:" + stringify(port) + path);
  if (url.isError())
    return Error(url.error());
  Future<process::http::Response> response = process::http::get(url.get());
  if (!response.await(Seconds(5)) || !response.isReady()) {
    return Error("No answer from 127.0.0.1:" + stringify(port) + path);
  }
  if (response->code != 200) {
    return Error(path + " answered " + stringify(response->code));
  }
  return JSON::parse<JSON::Object>(response->body);
}

double metric(uint16_t port, const std::string& name) {
  Try<JSON::Object> snapshot = getJson(port, "/metrics/snapshot");
  if (snapshot.isError())
    return -1;
  auto it = snapshot->values.find(name);
  if (it == snapshot->values.end() || !it->second.is<JSON::Number>()) {
    return -1;
  }
  return it->second.as<JSON::Number>().as<double>();
}

namespace {

// SIGKILLs every process whose working directory lies under `directory`.
void killProcessesIn(const std::string& directory) {
  Try<std::vector<std::string>> entries = os::ls("/proc");
  if (entries.isError())
    return;
  for (const std::string& entry : entries.get()) {
    Try<pid_t> pid = numify<pid_t>(entry);
    if (pid.isError() || pid.get() == ::getpid())
      continue;
    Result<std::string> cwd = os::realpath("/proc/" + entry + "/cwd");
    if (cwd.isSome() && strings::startsWith(cwd.get() + "/", directory + "/")) {
      ::kill(pid.get(), SIGKILL);
    }
  }
}

}  // namespace

Try<std::unique_ptr<Program>> Program::start(
    const std::string& name, const std::vector<std::string>& args,
    const std::string& log) {
  std::vector<std::string> argv = {name};
  argv.insert(argv.end(), args.begin(), args.end());
  Try<Subprocess> child = process::subprocess(
      path::join(binDir(), name), argv, Subprocess::FD(STDIN_FILENO),
      Subprocess::PATH(log), Subprocess::PATH(log));
  if (child.isError()) {
    return Error("Cannot start " + name + ": " + child.error());
  }
  return std::unique_ptr<Program>(
      new Program(child->pid(), child->status(), log));
}

Program::~Program() {
  if (status_.isPending()) {
    kill(SIGTERM);
    if (!status_.await(Seconds(10))) {
      kill(SIGKILL);
      status_.await(Seconds(10));
    }
  }
}

void Program::kill(int signal) {
  if (status_.isPending())
    ::kill(pid_, signal);
}

Try<std::unique_ptr<Cluster>> Cluster::create() {
  Try<std::string> dir = os::mkdtemp("/tmp/mesos-e2e-XXXXXX");
  if (dir.isError())
    return Error(dir.error());
  return std::unique_ptr<Cluster>(new Cluster(dir.get()));
}

Cluster::~Cluster() {
  spawned_.clear();
  for (Agent& agent : agents_)
    agent.program.reset();
  master_.reset();
  // Executors run in their own sessions and outlive a killed agent; end
  // any that are still around before removing their sandboxes.
  if (::getenv("E2E_KEEP") != nullptr)
    return;
  process::subprocess("pkill -KILL -f -- '" + dir_ + "/'")
      .get()
      .status()
      .await(Seconds(10));
  // The command executor's command line does not name the directory, but
  // it runs in a sandbox under it.
  killProcessesIn(dir_);
  Try<Nothing> removed = os::rmdir(dir_);
  if (removed.isError()) {
    std::cerr << "Cannot remove " << dir_ << ": " << removed.error()
              << std::endl;
  }
}

std::string Cluster::master() const {
  return "127.0.0.1:" + stringify(masterPort_);
}

std::string Cluster::agentWorkDir(size_t index) const {
  return path::join(dir_, "agent" + stringify(index));
}

std::string Cluster::log(const std::string& name) const {
  Try<std::string> text = os::read(path::join(dir_, name + ".log"));
  return text.isSome() ? text.get() : "(no " + name + ".log)";
}

Try<Nothing> Cluster::startMaster(const std::vector<std::string>& flags) {
  if (masterPort_ == 0)
    masterPort_ = freePort();
  std::vector<std::string> args = {"--ip=127.0.0.1",
                                   "--port=" + stringify(masterPort_),
                                   "--work_dir=" + path::join(dir_, "master")};
  args.insert(args.end(), flags.begin(), flags.end());
  Try<std::unique_ptr<Program>> program =
      Program::start("mesos-master", args, path::join(dir_, "master.log"));
  if (program.isError())
    return Error(program.error());
  master_ = std::move(program.get());
  const uint16_t port = masterPort_;
  if (!eventually(
          [port] {
            return getJson(port, "/health").isSome() ||
                   metric(port, "master/elected") >= 0;
          },
          Seconds(30))) {
    return Error("The master did not come up:\n" + log("master"));
  }
  return Nothing();
}

void Cluster::stopMaster(int signal) {
  if (master_ == nullptr)
    return;
  master_->kill(signal);
  master_->exited().await(Seconds(30));
  master_.reset();
}

Try<Nothing> Cluster::startAgent(size_t index,
                                 const std::vector<std::string>& flags) {
  if (agents_.size() <= index)
    agents_.resize(index + 1);
  Agent& agent = agents_[index];
  const std::string name = "agent" + stringify(index);
  Try<std::unique_ptr<Program>> program = Program::start(
      "mesos-agent", agentArgs(index, flags), path::join(dir_, name + ".log"));
  if (program.isError())
    return Error(program.error());
  agent.program = std::move(program.get());
  const uint16_t port = agent.port;
  if (!eventually([port] { return metric(port, "slave/uptime_secs") >= 0; },
                  Seconds(30))) {
    return Error("Agent " + name + " did not come up:\n" + log(name));
  }
  return Nothing();
}

std::vector<std::string> Cluster::agentArgs(
    size_t index, const std::vector<std::string>& flags) {
  if (agents_.size() <= index)
    agents_.resize(index + 1);
  Agent& agent = agents_[index];
  if (agent.port == 0)
    agent.port = freePort();
  std::vector<std::string> args = {
      "--master=" + master(), "--ip=127.0.0.1",
      "--port=" + stringify(agent.port), "--work_dir=" + agentWorkDir(index),
      "--resources=cpus:8;mem:8192;disk:8192;ports:[31000-32000]"};
  args.insert(args.end(), flags.begin(), flags.end());
  return args;
}

Try<int> Cluster::runAgent(size_t index, const std::vector<std::string>& flags,
                           const Duration& timeout) {
  const std::string name = "agent" + stringify(index);
  Try<std::unique_ptr<Program>> program = Program::start(
      "mesos-agent", agentArgs(index, flags), path::join(dir_, name + ".log"));
  if (program.isError())
    return Error(program.error());
  Future<Option<int>> status = program.get()->exited();
  if (!status.await(timeout) || !status.isReady() || status->isNone()) {
    return Error("Agent " + name + " did not finish:\n" + log(name));
  }
  return status->get();
}

void Cluster::stopAgent(size_t index, int signal) {
  Agent& agent = agents_.at(index);
  if (agent.program == nullptr)
    return;
  agent.program->kill(signal);
  agent.program->exited().await(Seconds(30));
  agent.program.reset();
}

Try<int> Cluster::run(const std::string& name,
                      const std::vector<std::string>& args,
                      const Duration& timeout) {
  Try<std::unique_ptr<Program>> program =
      Program::start(name, args, path::join(dir_, name + ".log"));
  if (program.isError())
    return Error(program.error());
  Future<Option<int>> status = program.get()->exited();
  if (!status.await(timeout)) {
    return Error(name + " did not finish within " + stringify(timeout) + ":\n" +
                 log(name));
  }
  if (!status.isReady() || status->isNone()) {
    return Error("Lost track of " + name);
  }
  return status->get();
}

Try<Program*> Cluster::spawn(const std::string& name,
                             const std::vector<std::string>& args,
                             const std::string& logName) {
  Try<std::unique_ptr<Program>> program = Program::start(
      name, args,
      path::join(dir_, (logName.empty() ? name : logName) + ".log"));
  if (program.isError())
    return Error(program.error());
  spawned_.push_back(std::move(program.get()));
  return spawned_.back().get();
}

}  // namespace tests
}  // namespace internal
}  // namespace mesos
