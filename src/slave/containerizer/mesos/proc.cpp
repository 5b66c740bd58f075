#include "slave/containerizer/mesos/proc.hpp"

#include <dirent.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <string>

#include <stout/error.hpp>
#include <stout/numify.hpp>
#include <stout/os/read.hpp>
#include <stout/stringify.hpp>
#include <stout/strings.hpp>

#include <stout/hashset.hpp>

namespace mesos {
namespace internal {
namespace slave {
namespace proc {

Try<ProcessStat> stat(pid_t pid) {
  Try<std::string> read = os::read("/proc/" + stringify(pid) + "/stat");
  if (read.isError()) {
    return Error("Failed to read stat of process " + stringify(pid) + ": " +
                 read.error());
  }

  // The command name (field 2) is in parentheses and may itself hold
  // spaces and parentheses, so the fields we want start after the last ')'.
  const std::string& text = read.get();
  const size_t close = text.rfind(')');
  if (close == std::string::npos) {
    return Error("Malformed stat of process " + stringify(pid));
  }
  const std::vector<std::string> fields =
      strings::tokenize(text.substr(close + 1), " \n");
  if (fields.size() < 22 || fields[0].size() != 1) {
    return Error("Malformed stat of process " + stringify(pid));
  }

  auto number = [&](size_t index) -> uint64_t {
    return std::strtoull(fields[index].c_str(), nullptr, 10);
  };

  // fields[0] is field 3 of proc(5).
  ProcessStat result;
  result.pid = pid;
  result.state = fields[0][0];
  result.ppid = static_cast<pid_t>(number(1));
  result.pgrp = static_cast<pid_t>(number(2));
  result.session = static_cast<pid_t>(number(3));
  result.utimeTicks = number(11);
  result.stimeTicks = number(12);
  result.threads = number(17);
  result.startTicks = number(19);
  result.rssPages = number(21);
  return result;
}

std::vector<ProcessStat> all() {
  std::vector<ProcessStat> result;
  DIR* dir = ::opendir("/proc");
  if (dir == nullptr) {
    return result;
  }
  while (struct dirent* entry = ::readdir(dir)) {
    if (!std::isdigit(static_cast<unsigned char>(entry->d_name[0]))) {
      continue;
    }
    Try<ProcessStat> process = stat(std::atoi(entry->d_name));
    if (process.isSome()) {
      result.push_back(process.get());
    }
  }
  ::closedir(dir);
  return result;
}

std::vector<ProcessStat> container(pid_t leader) {
  const std::vector<ProcessStat> processes = all();

  hashset<pid_t> members;
  for (const ProcessStat& process : processes) {
    if (process.pid == leader || process.session == leader ||
        process.pgrp == leader) {
      members.insert(process.pid);
    }
  }

  // Add descendants until nothing changes; the process table is small
  // enough that the quadratic worst case does not matter.
  bool grew = true;
  while (grew) {
    grew = false;
    for (const ProcessStat& process : processes) {
      if (!members.contains(process.pid) && members.contains(process.ppid)) {
        members.insert(process.pid);
        grew = true;
      }
    }
  }

  std::vector<ProcessStat> result;
  for (const ProcessStat& process : processes) {
    if (members.contains(process.pid)) {
      result.push_back(process);
    }
  }
  return result;
}

bool alive(pid_t pid) {
  Try<ProcessStat> process = stat(pid);
  return process.isSome() && process->state != 'Z';
}

long ticksPerSecond() {
  static const long ticks = ::sysconf(_SC_CLK_TCK);
  return ticks > 0 ? ticks : 100;
}

}  // namespace proc
}  // namespace slave
}  // namespace internal
}  // namespace mesos
