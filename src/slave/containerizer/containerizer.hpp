#ifndef MESOS_SLAVE_CONTAINERIZER_CONTAINERIZER_HPP
#define MESOS_SLAVE_CONTAINERIZER_CONTAINERIZER_HPP

// The agent's view of a containerizer: the component that starts an
// executor (and, for a command task, its task) in an isolated container,
// reports its resource usage, applies resource changes, and tells the agent
// when the container has terminated. The agent talks to exactly one
// Containerizer; when the `--containerizers` flag names several, that one
// is a ComposingContainerizer (composing.hpp) over them, in flag order.
//
// Threading: every method may be called from any thread and never blocks;
// results arrive through futures. Implementations serialize their own
// state (typically in a libprocess Process behind the facade).
//
// Failure meaning: a FAILED future means the operation was attempted and
// did not succeed (the message says why). "This containerizer cannot run
// this kind of executor" is not a failure: `launch` answers NOT_SUPPORTED.
// Nothing here throws.
//
// See docs/containerizers.md for the contract in prose and the Apache Mesos
// behaviours it follows.

#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <mesos/mesos.hpp>
#include <mesos/resources.hpp>

#include <process/future.hpp>

#include <stout/hashset.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

#include "slave/state.hpp"

namespace mesos {
namespace internal {
namespace slave {

// How a container ended, as reported by `wait` and `destroy`. This is the
// C++ counterpart of Mesos 1.x's `mesos.slave.ContainerTermination`, whose
// proto (include/mesos/slave/containerizer.proto) is not part of our
// schema: it never crosses the wire, the agent turns it into a
// TaskStatus.
struct ContainerTermination {
  // The wait status of the container's init process (as from waitpid(2));
  // None if it is unknown (e.g. the process was not our child, or the
  // container was destroyed before anything ran).
  Option<int> status;

  // Human-readable explanation, e.g. why the container was destroyed.
  std::string message;

  // Why the containerizer ended the container (e.g.
  // REASON_CONTAINER_LIMITATION_MEMORY), in the order they happened.
  std::vector<TaskStatus::Reason> reasons;

  // The task state the agent should report for the executor's tasks, if
  // the containerizer knows better than the agent (e.g. TASK_FAILED after
  // a resource limitation). None: the agent decides.
  Option<TaskState> state;
};

class Containerizer {
 public:
  // The outcome of a launch that did not fail.
  enum class LaunchResult {
    SUCCESS,           // The container was started and is now owned by
                       // this containerizer.
    ALREADY_LAUNCHED,  // A container with this id already exists here;
                       // nothing was started.
    NOT_SUPPORTED,     // This containerizer cannot run this executor;
                       // nothing was started and nothing is remembered.
  };

  // Makes one containerizer per name, in order, from `creators`.
  //
  // `names` is the value of the agent's `--containerizers` flag: names
  // separated by commas, tried in the order given (as Mesos documents the
  // flag). Errors, all found before any creator runs: an empty name
  // (including an empty `names`); a name without a creator ("Unknown or
  // unsupported containerizer: x", Mesos's message); a name given twice.
  // A creator's own error is returned prefixed with the name. One name
  // yields that containerizer itself; several yield a
  // ComposingContainerizer over them in the order given. Creators run on
  // the caller's thread, in flag order.
  using Creator = std::function<Try<std::unique_ptr<Containerizer>>()>;
  static Try<std::unique_ptr<Containerizer>> create(
      const std::string& names, const std::map<std::string, Creator>& creators);

  virtual ~Containerizer() = default;

  // Recovers the containers this containerizer launched before the agent
  // restarted. `state` is the agent's checkpointed state (None when the
  // agent has none, e.g. on a fresh start or without checkpointing). The
  // future is READY once every recoverable container is known to
  // `containers()`; it fails if recovery found something it could not make
  // sense of. Called once, before any other method.
  virtual process::Future<Nothing> recover(
      const Option<state::SlaveState>& state) = 0;

  // Starts `executorInfo` in a new container `containerId` whose sandbox
  // is `directory` (already created by the agent), running as `user` (None:
  // the agent's own user), with `environment` added to the executor's
  // environment. `slaveId` names this agent. With `checkpoint`, the
  // containerizer records what it needs to `recover` the container after
  // an agent restart.
  //
  // `taskInfo` is set when the executor is the agent-generated command
  // executor for that task (the task has no ExecutorInfo of its own): a
  // containerizer may then run the task's command or container directly.
  // It is None for a framework's custom executor, whose tasks arrive later
  // over the executor protocol. This one signature covers both forms of
  // the older interface (executor only; task and executor).
  //
  // Answers SUCCESS, ALREADY_LAUNCHED or NOT_SUPPORTED (see LaunchResult).
  // A FAILED future means the launch was attempted and failed; the
  // container may still be partly set up, so the caller must `destroy` it
  // (the agent always does). `destroy` may be called while a launch is
  // pending; the launch then fails or completes, and `destroy` resolves
  // once the container is gone.
  virtual process::Future<LaunchResult> launch(
      const ContainerID& containerId, const Option<TaskInfo>& taskInfo,
      const ExecutorInfo& executorInfo, const std::string& directory,
      const Option<std::string>& user, const SlaveID& slaveId,
      const std::map<std::string, std::string>& environment,
      bool checkpoint) = 0;

  // Sets the container's resources to `resources` (the executor's plus its
  // tasks'). Fails for an unknown container.
  virtual process::Future<Nothing> update(const ContainerID& containerId,
                                          const Resources& resources) = 0;

  // The container's current resource usage. Fails for an unknown
  // container.
  virtual process::Future<ResourceStatistics> usage(
      const ContainerID& containerId) = 0;

  // The container's status (e.g. its network addresses). Fails for an
  // unknown container.
  virtual process::Future<ContainerStatus> status(
      const ContainerID& containerId) = 0;

  // Becomes READY with the termination once the container has terminated
  // (by itself or through `destroy`). READY with None right away for a
  // container this containerizer does not know (never launched, not
  // supported, or already gone). Any number of callers may wait.
  virtual process::Future<Option<ContainerTermination>> wait(
      const ContainerID& containerId) = 0;

  // Kills every process in the container and releases its resources. READY
  // with the termination once the container is gone, or with None for a
  // container this containerizer does not know. Destroying twice is fine:
  // both futures complete. A FAILED future means the container could not
  // be cleaned up.
  //
  // This follows Mesos 1.x (`Future<Option<ContainerTermination>>`) rather
  // than the older `void destroy()`, so the caller learns when and how the
  // container ended.
  virtual process::Future<Option<ContainerTermination>> destroy(
      const ContainerID& containerId) = 0;

  // The ids of every container this containerizer currently knows:
  // recovered, launched, or being launched or destroyed.
  virtual process::Future<hashset<ContainerID>> containers() = 0;
};

std::ostream& operator<<(std::ostream& stream,
                         Containerizer::LaunchResult result);

}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SLAVE_CONTAINERIZER_CONTAINERIZER_HPP
