#ifndef MESOS_SLAVE_CONTAINERIZER_MESOS_CONTAINERIZER_HPP
#define MESOS_SLAVE_CONTAINERIZER_MESOS_CONTAINERIZER_HPP

// MesosContainerizer (`--containerizers=mesos`, the default): runs an
// executor as a plain child process of the agent, in its sandbox, with the
// posix launcher (launcher.hpp), the fetcher (fetcher.hpp) and optional
// cgroups limits (cgroups.hpp). docs/containerizers.md has the details.
//
// Per call, beyond the Containerizer contract:
// - launch: NOT_SUPPORTED for a DOCKER ContainerInfo (on the task or the
//   executor), so a composing containerizer can try the next one. Fetches
//   the executor's CommandInfo.uris (and, for a command task, the task's
//   own URIs not already listed), then prepares the cgroups, then forks the
//   executor (posix::launch) and, with `checkpoint`, writes its pid to the
//   run's forked.pid (paths::getForkedPidPath under the meta dir) before
//   answering SUCCESS. A fetch or fork failure fails the launch; the
//   container stays known until it is destroyed.
// - wait: the termination once the executor exited and every other process
//   of the container was killed and is gone: `status` is the executor's
//   wait status (None if it was not our child, i.e. recovered), `message`
//   says how it ended.
// - destroy: SIGTERM to every process of the container, SIGKILL to what is
//   left after `Options::destroyGracePeriod`, then as wait. During the
//   fetch: the fetch is stopped, the launch fails with "Container was
//   destroyed while fetching" and destroy completes (status None).
// - usage: from /proc over the container's processes (cpus_user_time_secs,
//   cpus_system_time_secs, mem_rss_bytes, processes, threads), overridden
//   by cgroup accounting where cgroups are in use; plus cpus_limit and
//   mem_limit_bytes from the container's resources and a timestamp.
// - update: records the resources (usage reports them as limits) and
//   applies them to the cgroups.
// - status: container_id and executor_pid.
// - recover: for the latest run of every checkpointed executor that is not
//   completed and has a forked.pid: a live pid is watched again (wait,
//   usage, destroy work; its status is None since it is no longer our
//   child); a dead one is a container whose termination is already known,
//   kept until destroyed. Then processes in cgroups under our root that
//   belong to no recovered container (orphans) are killed and their cgroups
//   removed, before recover completes.
//
// Threading: the facade (ProcessContainerizer) dispatches to one
// libprocess process; calls never block on child processes or downloads.

#include <memory>

#include <stout/duration.hpp>
#include <stout/try.hpp>

#include "slave/containerizer/containerizer.hpp"
#include "slave/containerizer/mesos/cgroups.hpp"
#include "slave/containerizer/process_containerizer.hpp"
#include "slave/flags.hpp"

namespace mesos {
namespace internal {
namespace slave {

class MesosContainerizerProcess;

class MesosContainerizer : public ProcessContainerizer {
 public:
  // What the agent's flags do not (yet) say.
  struct Options {
    // Where and how the cgroups isolators work (Mesos's
    // --cgroups_hierarchy, --cgroups_root, --cgroups_enable_cfs).
    CgroupsIsolator::Options cgroups;
    // Between SIGTERM and SIGKILL on destroy. Short, because the agent has
    // already given the executor --executor_shutdown_grace_period to exit
    // on its own before it destroys the container.
    Duration destroyGracePeriod = Seconds(3);
  };

  // Validates `--isolation` (comma-separated; known: posix/cpu, posix/mem,
  // filesystem/posix, cgroups/cpu, cgroups/mem; anything else is an error,
  // as is mixing posix/X with cgroups/X) and `--launcher` (posix).
  static Try<std::unique_ptr<Containerizer>> create(const Flags& flags);
  static Try<std::unique_ptr<Containerizer>> create(const Flags& flags,
                                                    const Options& options);

  // Destruction terminates the internal process. Running executors are
  // left running (an agent restart recovers them).

 private:
  explicit MesosContainerizer(
      std::unique_ptr<MesosContainerizerProcess> process);
};

}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SLAVE_CONTAINERIZER_MESOS_CONTAINERIZER_HPP
