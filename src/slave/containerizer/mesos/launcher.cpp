#include "slave/containerizer/mesos/launcher.hpp"

#include <signal.h>

#include <glog/logging.h>

#include <stout/hashset.hpp>
#include <stout/path.hpp>

#include "common/command_line.hpp"
#include "slave/containerizer/mesos/proc.hpp"

namespace mesos {
namespace internal {
namespace slave {
namespace posix {

using process::Subprocess;

// Mesos's os::host_default_path().
constexpr char DEFAULT_PATH[] =
    "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

std::map<std::string, std::string> environment(
    const CommandInfo& command,
    const std::map<std::string, std::string>& environment) {
  std::map<std::string, std::string> result = environment;
  if (result.count("PATH") == 0) {
    result["PATH"] = DEFAULT_PATH;
  }
  for (const Environment::Variable& variable :
       command.environment().variables()) {
    if (variable.has_type() &&
        variable.type() != Environment::Variable::VALUE) {
      LOG(WARNING) << "Leaving out environment variable '" << variable.name()
                   << "': only VALUE variables are supported";
      continue;
    }
    result[variable.name()] = variable.value();
  }
  return result;
}

Try<Subprocess> launch(const CommandInfo& command, const std::string& sandbox,
                       const std::map<std::string, std::string>& environment,
                       const std::vector<Subprocess::ParentHook>& hooks) {
  const CommandLine line = commandLine(command);
  return process::subprocess(
      line.path, line.argv, Subprocess::PATH("/dev/null"),
      Subprocess::PATH(path::join(sandbox, "stdout")),
      Subprocess::PATH(path::join(sandbox, "stderr")), nullptr, environment,
      None(), hooks,
      {Subprocess::ChildHook::SETSID(), Subprocess::ChildHook::CHDIR(sandbox)});
}

std::vector<pid_t> signal(pid_t leader, int signal,
                          const std::vector<pid_t>& extra, bool leaderReaped) {
  hashset<pid_t> targets(extra.begin(), extra.end());
  for (const proc::ProcessStat& process : proc::container(leader)) {
    targets.insert(process.pid);
  }
  targets.erase(leader);

  // The leader first: its signal is then pending before any child's death
  // can wake it, so it dies of the signal rather than exiting on its own
  // (e.g. a shell whose `wait` returned), and its status says so.
  std::vector<pid_t> result;
  if (!leaderReaped && ::kill(leader, signal) == 0) {
    result.push_back(leader);
  }
  for (pid_t pid : targets) {
    if (pid > 1 && ::kill(pid, signal) == 0) {
      result.push_back(pid);
    }
  }
  return result;
}

}  // namespace posix
}  // namespace slave
}  // namespace internal
}  // namespace mesos
