#ifndef MESOS_SLAVE_GC_HPP
#define MESOS_SLAVE_GC_HPP

// The agent's garbage collector: removes sandbox and metadata directories a
// while after the work they belong to has finished, and sooner when the disk
// fills up. Behaviour follows Apache Mesos 1.11:
//
//   * `schedule(d, path)` removes `path` (recursively, without following
//     symlinks) once `d` has elapsed on the libprocess Clock. The returned
//     future becomes READY when the path is gone (a path that no longer
//     exists counts as gone) and FAILED, with the removal error, when it
//     could not be removed completely; removal continues past errors, so as
//     much as possible is freed either way.
//   * Scheduling a path that is already scheduled first unschedules it (its
//     earlier future is DISCARDED) and then schedules it afresh with the new
//     delay. If that path is being removed at that moment, the new schedule
//     is made once the removal finishes.
//   * `unschedule(path)` returns true when the path was scheduled and now is
//     not (its schedule future is DISCARDED), false when it was not
//     scheduled. A path whose removal is already under way cannot be saved:
//     the result then waits for the removal and is false (or FAILED if the
//     removal failed).
//   * `prune(d)` removes, right away, every path due within `d` from now.
//     The agent calls it when disk usage grows (see `gcAge`).
//
// Directory removal runs off the collector's actor, on the libprocess async
// pool, one batch at a time, so a large tree never stalls the agent and
// never occupies more than one pool thread. Destroying the collector
// discards the futures of paths not yet removed.

#include <string>

#include <process/future.hpp>

#include <stout/duration.hpp>
#include <stout/nothing.hpp>
#include <stout/try.hpp>

namespace mesos {
namespace internal {
namespace slave {

class GarbageCollectorProcess;

class GarbageCollector {
 public:
  // `workDir` is the agent's work directory; the paths scheduled are
  // normally beneath it. Spawns the collector's process.
  explicit GarbageCollector(const std::string& workDir);

  // Terminates and waits for the process. Pending schedule futures are
  // discarded; a removal already running finishes on its own.
  virtual ~GarbageCollector();

  GarbageCollector(const GarbageCollector&) = delete;
  GarbageCollector& operator=(const GarbageCollector&) = delete;

  virtual process::Future<Nothing> schedule(const Duration& d,
                                            const std::string& path);

  virtual process::Future<bool> unschedule(const std::string& path);

  virtual void prune(const Duration& d);

 private:
  GarbageCollectorProcess* process_;
};

// The largest age a sandbox may reach before the disk-usage check prunes
// it, as Mesos's agent computes it from its `--gc_delay` and
// `--gc_disk_headroom` flags and the work dir's disk usage (a fraction in
// [0, 1]): gcDelay * max(0, 1 - headroom - usage). The agent then calls
// `prune(gcDelay - gcAge(...))`, i.e. it removes everything that has
// already waited for at least that age.
Duration gcAge(const Duration& gcDelay, double headroom, double usage);

// The fraction (in [0, 1]) of the blocks of the file system holding `path`
// that are in use, from statvfs(2): (total - free) / total. An error if
// statvfs fails or the file system reports no blocks.
Try<double> checkDiskUsage(const std::string& path);

// One round of the agent's periodic disk check (run every
// `--disk_watch_interval`): measures the usage of `workDir`'s file system
// and prunes `gc` by `gcDelay - gcAge(gcDelay, headroom, usage)`. Returns
// the usage measured, or the error (nothing is pruned then).
Try<double> pruneForDiskUsage(GarbageCollector* gc, const std::string& workDir,
                              const Duration& gcDelay, double headroom);

}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SLAVE_GC_HPP
