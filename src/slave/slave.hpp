#ifndef MESOS_SLAVE_SLAVE_HPP
#define MESOS_SLAVE_SLAVE_HPP

// The agent: the `Slave` libprocess process that registers with the
// master, runs tasks through a Containerizer, relays status updates through
// the TaskStatusUpdateManager, and serves the agent's HTTP endpoints. Its
// code is split by concern (docs/agent.md):
//
//   slave.cpp                  wiring, state machine, bookkeeping helpers
//   master_relationship.cpp    detection, (re)registration, pings
//   task_path.cpp              runTask -> _runTask -> launchExecutor
//   executor_relationship.cpp  executor messages, updates, kills, exits
//   recovery.cpp               start-up recovery, executor reregistration
//   http.cpp                   /state, /health, /flags, metrics
//   files.{hpp,cpp}            /files/browse and /files/read
//
// State machine (Mesos's): RECOVERING (start-up, until the containerizer
// and checkpointed state are recovered) -> DISCONNECTED (no registered
// master) <-> RUNNING (registered) -> TERMINATING (shutting down; the
// process terminates itself once its frameworks are gone).
//
// Protocol: every message is a Mesos 1.11 protobuf (messages.proto). Only
// messages from the current master are acted on among the master's
// messages; a message that does not parse is logged and dropped by the
// runtime, and a message about an unknown framework, executor or task is
// logged and ignored. Nothing from outside stops the agent.
//
// Threading: a libprocess process; the collaborators passed to the
// constructor are owned by the caller and must outlive it.

#include <deque>
#include <memory>
#include <string>

#include <mesos/master/detector.hpp>
#include <mesos/mesos.hpp>
#include <mesos/resources.hpp>

#include <messages/messages.pb.h>

#include <process/future.hpp>
#include <process/http.hpp>
#include <process/protobuf.hpp>
#include <process/time.hpp>
#include <process/timer.hpp>

#include <stout/duration.hpp>
#include <stout/hashmap.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>
#include <stout/uuid.hpp>

#include "slave/containerizer/containerizer.hpp"
#include "slave/files.hpp"
#include "slave/flags.hpp"
#include "slave/framework.hpp"
#include "slave/gc.hpp"
#include "slave/state.hpp"
#include "slave/task_status_update_manager.hpp"

namespace mesos {
namespace internal {
namespace slave {

// The SlaveInfo the agent registers with (without id and port, which the
// Slave fills in): hostname (--hostname, else the host name, or the IP
// with --no-hostname_lookup), resources (--resources completed with the
// host's, docs/resources.md), attributes (--attributes). An Error names
// the bad flag.
Try<SlaveInfo> createSlaveInfo(const Flags& flags);

// The master's pid from the --master flag (host:port, id@host:port or
// file:///path), as the scheduler driver reads it.
using ::mesos::master::detector::parseMaster;

class Slave : public ProtobufProcess<Slave> {
 public:
  enum State { RECOVERING, DISCONNECTED, RUNNING, TERMINATING };

  // `info` from createSlaveInfo(flags). The id of the process is
  // "slave(N)" (the first agent of an OS process is "slave(1)").
  Slave(const Flags& flags, const SlaveInfo& info, Containerizer* containerizer,
        GarbageCollector* gc, TaskStatusUpdateManager* statusUpdateManager);

  ~Slave() override;

  // Starts a graceful shutdown, as on a ShutdownMessage: every framework
  // is shut down, the master is told (UnregisterSlaveMessage) and the
  // process terminates itself once the last framework is gone.
  void shutdown(const process::UPID& from, const std::string& message);

  // Why the agent stopped by itself at start-up (e.g. its checkpointed
  // state cannot be recovered, or was written for an incompatible agent);
  // None while it runs or after a requested shutdown. Read it after the
  // process has terminated.
  const Option<std::string>& failure() const { return failure_; }

 protected:
  void initialize() override;
  void finalize() override;
  void exited(const process::UPID& pid) override;

 private:
  // -- recovery.cpp ----------------------------------------------------------
  void recover();
  Try<Nothing> recoverState(const state::State& state);
  void recoverFramework(const state::FrameworkState& state);
  void recovered(const process::Future<Nothing>& future);
  void reregisterExecutorTimeout();
  void finishRecovery();
  void fail(const std::string& message);

  // -- master_relationship.cpp -----------------------------------------------
  void detectMaster();
  void doReliableRegistration(Duration maxBackoff, uint64_t attempt);
  void registered(const process::UPID& from, const SlaveID& slaveId,
                  const MasterSlaveConnection& connection);
  void reregistered(const process::UPID& from, const SlaveID& slaveId,
                    const MasterSlaveConnection& connection);
  void ping(const process::UPID& from, bool connected);
  void pingTimeout(uint64_t detection);
  // The link to the current master broke (e.g. the master process died):
  // a registered agent becomes DISCONNECTED and starts registering again
  // with the usual backoff, so that a master restarted at the same address
  // is rejoined without waiting for the ping timeout (unlike Mesos).
  void masterExited();
  void armPingTimer();
  void checkpointSlaveInfo();
  bool fromMaster(const process::UPID& from, const std::string& what) const;

  // -- task_path.cpp ---------------------------------------------------------
  void runTask(const process::UPID& from, const FrameworkInfo& frameworkInfo,
               const FrameworkID& frameworkId, const std::string& pid,
               const TaskInfo& task);
  void _runTask(const process::Future<bool>& unschedule,
                const FrameworkInfo& frameworkInfo, const TaskInfo& task);
  void runTaskGroup(const process::UPID& from,
                    const FrameworkInfo& frameworkInfo,
                    const ExecutorInfo& executorInfo,
                    const TaskGroupInfo& taskGroup);
  ExecutorInfo getExecutorInfo(const FrameworkInfo& frameworkInfo,
                               const TaskInfo& task) const;
  Executor* launchExecutor(Framework* framework,
                           const ExecutorInfo& executorInfo,
                           const TaskInfo& task);
  void executorLaunched(
      const FrameworkID& frameworkId, const ExecutorID& executorId,
      const ContainerID& containerId,
      const process::Future<Containerizer::LaunchResult>& future);
  void sendQueuedTasks(const process::Future<Nothing>& update,
                       const FrameworkID& frameworkId,
                       const ExecutorID& executorId,
                       const ContainerID& containerId);
  void registerExecutorTimeout(const FrameworkID& frameworkId,
                               const ExecutorID& executorId,
                               const ContainerID& containerId);
  process::Future<bool> unschedule(const std::string& path);

  // -- executor_relationship.cpp ---------------------------------------------
  void registerExecutor(const process::UPID& from,
                        const FrameworkID& frameworkId,
                        const ExecutorID& executorId);
  void reregisterExecutor(const process::UPID& from,
                          const ReregisterExecutorMessage& message);
  void statusUpdateMessage(const process::UPID& from,
                           const StatusUpdateMessage& message);
  // Handles an update from an executor (`pid` its pid) or made by the
  // agent itself (`pid` None: no acknowledgement to send).
  void statusUpdate(StatusUpdate update, const Option<process::UPID>& pid);
  void forward(StatusUpdate update);
  void statusUpdateAcknowledgement(const process::UPID& from,
                                   const SlaveID& slaveId,
                                   const FrameworkID& frameworkId,
                                   const TaskID& taskId,
                                   const std::string& uuid);
  void killTask(const process::UPID& from, const KillTaskMessage& message);
  void shutdownFramework(const process::UPID& from,
                         const FrameworkID& frameworkId);
  void shutdownExecutorMessage(const process::UPID& from,
                               const ShutdownExecutorMessage& message);
  void shutdownExecutor(Framework* framework, Executor* executor);
  void shutdownExecutorTimeout(const FrameworkID& frameworkId,
                               const ExecutorID& executorId,
                               const ContainerID& containerId);
  void schedulerMessage(const process::UPID& from,
                        const FrameworkToExecutorMessage& message);
  void executorMessage(const process::UPID& from,
                       const ExecutorToFrameworkMessage& message);
  void updateFramework(const process::UPID& from,
                       const UpdateFrameworkMessage& message);
  void checkpointResources(const process::UPID& from,
                           const CheckpointResourcesMessage& message);
  void executorTerminated(
      const FrameworkID& frameworkId, const ExecutorID& executorId,
      const ContainerID& containerId,
      const process::Future<Option<ContainerTermination>>& termination);
  void sendExecutorTerminatedUpdate(
      const TaskID& taskId,
      const process::Future<Option<ContainerTermination>>& termination,
      const FrameworkID& frameworkId, const Executor& executor);
  void removeExecutor(Framework* framework, Executor* executor);
  void removeFramework(Framework* framework);

  // -- http.cpp --------------------------------------------------------------
  void installRoutes();
  void installMetrics();
  void removeMetrics();
  process::Future<process::http::Response> stateEndpoint(
      const process::http::Request& request);
  process::Future<process::http::Response> flagsEndpoint(
      const process::http::Request& request);
  double metric(const std::string& name) const;

  // -- slave.cpp -------------------------------------------------------------
  Framework* getFramework(const FrameworkID& frameworkId) const;
  Executor* getExecutor(const FrameworkID& frameworkId,
                        const ExecutorID& executorId) const;
  std::string metaDir() const;
  // Schedules `path` for removal after --gc_delay; READY once removed
  // (at once if it does not exist).
  process::Future<Nothing> garbageCollect(const std::string& path);
  void checkDiskUsage();
  void finishShutdownIfDone();

  const Flags flags;
  SlaveInfo info;
  Containerizer* const containerizer;
  GarbageCollector* const gc;
  TaskStatusUpdateManager* const statusUpdateManager;
  std::unique_ptr<Files> files;

  State state = RECOVERING;
  Option<std::string> failure_;
  Option<state::SlaveState> recoveredState;
  process::Time startTime;

  Option<process::UPID> master;
  uint64_t detection = 0;  // Bumped on each (re)detection.
  uint64_t registrationAttempt = 0;
  Duration masterPingTimeout;
  process::Timer pingTimer;
  process::Timer diskWatchTimer;
  bool completedRegistration = false;

  Resources checkpointedResources;

  hashmap<FrameworkID, std::unique_ptr<Framework>> frameworks;
  std::deque<std::shared_ptr<Framework>> completedFrameworks;

  // Counters behind /metrics/snapshot (Mesos's slave/* names).
  struct Counters {
    double tasksFinished = 0;
    double tasksFailed = 0;
    double tasksKilled = 0;
    double tasksLost = 0;
    double tasksDropped = 0;
    double tasksGone = 0;
    double validStatusUpdates = 0;
    double invalidStatusUpdates = 0;
    double validFrameworkMessages = 0;
    double invalidFrameworkMessages = 0;
    double containerLaunchErrors = 0;
    double executorDirectoryMaxAllowedAge = 0;
  } counters;
};

const char* stateName(Slave::State state);

}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SLAVE_SLAVE_HPP
