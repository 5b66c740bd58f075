#ifndef MESOS_SLAVE_CONTAINERIZER_MESOS_LAUNCHER_HPP
#define MESOS_SLAVE_CONTAINERIZER_MESOS_LAUNCHER_HPP

// The posix launcher of the Mesos containerizer: starts an executor as the
// leader of a new session and kills everything that belongs to it. It
// isolates nothing; a container is "the executor's session and its
// descendants" (see proc.hpp).

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

#include <mesos/mesos.hpp>

#include <process/subprocess.hpp>

#include <stout/try.hpp>

namespace mesos {
namespace internal {
namespace slave {
namespace posix {

// The executor's environment: `environment` (what the agent computed:
// MESOS_* variables, LIBPROCESS_PORT, ...), a default PATH if it has none
// (as Mesos adds one), then the VALUE variables of `command.environment`,
// which win. SECRET variables are not supported: they are left out with a
// warning.
std::map<std::string, std::string> environment(
    const CommandInfo& command,
    const std::map<std::string, std::string>& environment);

// Forks and execs `command` in `sandbox`:
//   - shell (the default): /bin/sh -c <value>; otherwise <value> with
//     `arguments` as argv (argv[0] included, as in Mesos; just <value>
//     when there are no arguments);
//   - a new session (setsid), so the executor leads its own process group
//     and does not get the agent's terminal signals;
//   - cwd = `sandbox`; stdin from /dev/null; stdout and stderr appended to
//     <sandbox>/stdout and <sandbox>/stderr;
//   - exactly `environment` as its environment;
//   - `hooks` run in the parent after fork and before exec (the cgroups
//     isolator moves the pid into its cgroups there), so the executor
//     never runs a single instruction outside its container.
// Returns once the executor has exec'ed (see process::subprocess); the
// Subprocess's status() is its wait status. Never blocks longer than the
// fork.
Try<process::Subprocess> launch(
    const CommandInfo& command, const std::string& sandbox,
    const std::map<std::string, std::string>& environment,
    const std::vector<process::Subprocess::ParentHook>& hooks);

// Sends `signal` to every process of the container led by `leader` and to
// `extra` (e.g. the pids of its cgroups), the leader first. With
// `leaderReaped`, the leader itself is left alone: its pid may already
// belong to another process. Returns the pids signalled (including
// zombies, which ignore signals but may still need reaping).
std::vector<pid_t> signal(pid_t leader, int signal,
                          const std::vector<pid_t>& extra = {},
                          bool leaderReaped = false);

}  // namespace posix
}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SLAVE_CONTAINERIZER_MESOS_LAUNCHER_HPP
