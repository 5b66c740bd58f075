#ifndef MESOS_SLAVE_CONTAINERIZER_MESOS_CGROUPS_HPP
#define MESOS_SLAVE_CONTAINERIZER_MESOS_CGROUPS_HPP

// The `cgroups/cpu` and `cgroups/mem` isolators of the Mesos containerizer:
// one control group per container that limits its CPU share and memory and
// reports its usage.
//
// Layout (Mesos's, with its default `--cgroups_hierarchy=/sys/fs/cgroup`
// and `--cgroups_root=mesos`):
//   cgroups v1: <hierarchy>/cpu/<root>/<container id>,
//               <hierarchy>/cpuacct/<root>/<container id> (when cpuacct is
//               mounted on its own), <hierarchy>/memory/<root>/<id>;
//   cgroups v2: <hierarchy>/<root>/<container id>, used when <hierarchy>
//               itself is the unified hierarchy (it has cgroup.controllers).
//
// Limits, from the container's resources (as Mesos computes them):
//   cpu: v1 cpu.shares = 1024 * cpus (at least 2); v2 cpu.weight mapped
//        from those shares. With `enableCfs`, also a hard cap of
//        cpus * 100ms per 100ms period (v1 cpu.cfs_quota_us, v2 cpu.max).
//   mem: v1 memory.limit_in_bytes and memory.soft_limit_in_bytes; v2
//        memory.max and memory.low; at least 32 MB.
//
// When the host cannot enforce a requested isolator (no such hierarchy, or
// it is not writable), `create` logs a WARNING saying the limits will not
// be enforced, and the isolator runs without it: containers still start.
//
// Not thread-safe: owned and called by one MesosContainerizerProcess. All
// calls do small synchronous writes to cgroupfs.

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include <mesos/mesos.hpp>
#include <mesos/resources.hpp>

#include <stout/hashset.hpp>
#include <stout/nothing.hpp>
#include <stout/try.hpp>

namespace mesos {
namespace internal {
namespace slave {

class CgroupsIsolator {
 public:
  struct Options {
    std::string hierarchy = "/sys/fs/cgroup";
    std::string root = "mesos";
    bool enableCfs = false;
  };

  // Detects the host's cgroups and prepares the `root` cgroups for the
  // requested controllers. Never fails: what cannot be enforced is logged
  // and left out (see the top of this file).
  static std::unique_ptr<CgroupsIsolator> create(bool cpu, bool mem,
                                                 const Options& options);

  // Whether CPU / memory limits are enforced.
  bool cpuEnforced() const { return cpu_; }
  bool memEnforced() const { return mem_; }

  // Creates the container's cgroups and applies `resources`' limits.
  Try<Nothing> prepare(const ContainerID& containerId,
                       const Resources& resources);

  // Moves `pid` into the container's cgroups. Called between fork and exec
  // of the executor (a ParentHook), so that it and everything it starts
  // are accounted from the start.
  Try<Nothing> isolate(const ContainerID& containerId, pid_t pid);

  // Applies new limits. A memory limit below the current usage may be
  // refused by the kernel; that is logged and the soft limit still set.
  Try<Nothing> update(const ContainerID& containerId,
                      const Resources& resources);

  // Adds cgroup accounting to `statistics`: CPU user/system time (cpuacct
  // or cpu.stat) and memory (total, rss, cache), where available.
  void usage(const ContainerID& containerId, ResourceStatistics* statistics);

  // Every process in the container's cgroups.
  std::vector<pid_t> pids(const ContainerID& containerId) const;

  // Removes the container's cgroups. Fails if processes are still in them.
  Try<Nothing> cleanup(const ContainerID& containerId);

  // Container ids that have a cgroup under `root` (to find orphans after an
  // agent restart).
  hashset<ContainerID> containers() const;

 private:
  CgroupsIsolator(const Options& options, bool v2)
      : options_(options), v2_(v2) {}

  // The container's directory in each hierarchy we use.
  std::vector<std::string> directories(const ContainerID& containerId) const;
  std::string cpuDirectory(const ContainerID& containerId) const;
  std::string cpuacctDirectory(const ContainerID& containerId) const;
  std::string memDirectory(const ContainerID& containerId) const;

  Try<Nothing> apply(const ContainerID& containerId,
                     const Resources& resources);

  Options options_;
  bool v2_ = false;
  bool cpu_ = false;
  bool mem_ = false;
  // v1 only: cpuacct mounted separately from cpu.
  bool separateCpuacct_ = false;
};

}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SLAVE_CONTAINERIZER_MESOS_CGROUPS_HPP
