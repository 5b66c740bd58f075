#ifndef MESOS_SLAVE_CONTAINERIZER_MESOS_PROC_HPP
#define MESOS_SLAVE_CONTAINERIZER_MESOS_PROC_HPP

// What the posix launcher knows about a container's processes, read from
// Linux's /proc. A container started by the posix launcher is the session
// led by its executor (the executor calls setsid(2) before exec), so its
// processes are: those in that session or process group, plus every
// descendant of those (a child that started its own session, as a command
// executor may do for its task, is still a descendant).
//
// All functions read /proc synchronously: a few small files per process.
// A process that exits while it is being read is skipped, never an error.

#include <sys/types.h>

#include <cstdint>
#include <vector>

#include <stout/option.hpp>
#include <stout/try.hpp>

namespace mesos {
namespace internal {
namespace slave {
namespace proc {

// The fields of /proc/<pid>/stat that we use (see proc(5)).
struct ProcessStat {
  pid_t pid = 0;
  char state = '?';  // 'R', 'S', 'Z' (zombie), ...
  pid_t ppid = 0;
  pid_t pgrp = 0;
  pid_t session = 0;
  uint64_t utimeTicks = 0;  // User time, in clock ticks (sysconf(_SC_CLK_TCK)).
  uint64_t stimeTicks = 0;  // System time, in clock ticks.
  uint64_t threads = 0;
  uint64_t startTicks = 0;  // Start time after boot, in clock ticks.
  uint64_t rssPages = 0;    // Resident set size, in pages.
};

// The stat of `pid`; an Error if it does not exist (any more) or the file
// does not parse.
Try<ProcessStat> stat(pid_t pid);

// The stat of every process on the host.
std::vector<ProcessStat> all();

// The processes of the container led by `leader` (see the top of this
// file), `leader` included if it is still there. Zombies are included so
// that a caller that kills them can also wait for them.
std::vector<ProcessStat> container(pid_t leader);

// Whether `pid` exists and is not a zombie.
bool alive(pid_t pid);

// Clock ticks per second, for the *Ticks fields.
long ticksPerSecond();

}  // namespace proc
}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SLAVE_CONTAINERIZER_MESOS_PROC_HPP
