#ifndef MESOS_COMMON_COMMAND_LINE_HPP
#define MESOS_COMMON_COMMAND_LINE_HPP

// How a CommandInfo becomes a program and its argv, the same for every
// launcher (the Mesos containerizer's executor, the command executor's
// task), as in Mesos.

#include <string>
#include <vector>

#include <mesos/mesos.hpp>

namespace mesos {
namespace internal {

struct CommandLine {
  std::string path;               // The program to exec.
  std::vector<std::string> argv;  // Its argv, argv[0] included.
};

// With `shell` (the default): /bin/sh -c <value>. Otherwise <value> with
// `arguments` as argv (argv[0] included, as in Mesos; just <value> when
// there are no arguments).
inline CommandLine commandLine(const CommandInfo& command) {
  if (!command.has_shell() || command.shell()) {
    return {"/bin/sh", {"sh", "-c", command.value()}};
  }
  CommandLine result{command.value(),
                     {command.arguments().begin(), command.arguments().end()}};
  if (result.argv.empty()) {
    result.argv.push_back(command.value());
  }
  return result;
}

}  // namespace internal
}  // namespace mesos

#endif  // MESOS_COMMON_COMMAND_LINE_HPP
