#ifndef MESOS_EXEC_EXECUTOR_PROCESS_HPP
#define MESOS_EXEC_EXECUTOR_PROCESS_HPP

// The libprocess process behind MesosExecutorDriver: registers with the
// agent, turns the agent's messages into Executor callbacks, sends status
// updates (keeping them until acknowledged, re-sending them every
// STATUS_UPDATE_RETRY_INTERVAL while registered) and framework messages,
// and handles the agent going away (reconnect within the recovery timeout
// for checkpointing frameworks, otherwise shutdown).
//
// Every callback runs inside one of this process's handlers: serialized,
// never on a thread that called the driver.

#include <atomic>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include <mesos/executor.hpp>
#include <mesos/mesos.hpp>

#include <messages/messages.pb.h>

#include <process/future.hpp>
#include <process/latch.hpp>
#include <process/pid.hpp>
#include <process/protobuf.hpp>

#include <stout/duration.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/uuid.hpp>

namespace mesos {
namespace internal {

// How often an unacknowledged status update is sent again.
inline const Duration STATUS_UPDATE_RETRY_INTERVAL = Seconds(10);

// Defaults when the agent does not set the variables (Mesos's values).
inline const Duration DEFAULT_EXECUTOR_SHUTDOWN_GRACE_PERIOD = Seconds(5);
inline const Duration DEFAULT_RECOVERY_TIMEOUT = Minutes(15);

// What the executor driver reads from its environment.
struct ExecutorConfiguration {
  process::UPID slave;
  SlaveID slaveId;
  FrameworkID frameworkId;
  ExecutorID executorId;
  std::string directory;
  bool local = false;
  bool checkpoint = false;
  Duration recoveryTimeout = DEFAULT_RECOVERY_TIMEOUT;
  Duration shutdownGracePeriod = DEFAULT_EXECUTOR_SHUTDOWN_GRACE_PERIOD;

  // Parses the MESOS_* variables of `environment`; the Error names the
  // missing or malformed variable.
  static Try<ExecutorConfiguration> parse(
      const std::map<std::string, std::string>& environment);
};

class ExecutorProcess : public ProtobufProcess<ExecutorProcess> {
 public:
  // `startError`, if set, is a configuration error found by start(): the
  // process then only reports it (error callback, latch).
  ExecutorProcess(MesosExecutorDriver* driver, Executor* executor,
                  const ExecutorConfiguration& config,
                  std::recursive_mutex* mutex, process::Latch* latch,
                  const Option<std::string>& startError = None());

  // Requests from the driver (dispatched).
  void stop();
  void abort();
  void sendStatusUpdate(const TaskStatus& status);
  void sendFrameworkMessage(const std::string& data);

  // Completes once no status update sent so far is unacknowledged
  // (dispatch it). Used by our own executors (mesos-executor) to exit only
  // after their terminal update was acknowledged.
  process::Future<Nothing> acknowledged();

  // The same through a driver: MesosExecutorDriver keeps its process
  // private and befriends this class. Fails if the driver is not running.
  static process::Future<Nothing> waitForAcknowledgements(
      MesosExecutorDriver* driver);

  // Set by the driver's abort(): no callback starts after it.
  std::atomic<bool> aborted{false};

 protected:
  void initialize() override;
  void finalize() override;
  void exited(const process::UPID& pid) override;

 private:
  void registered(const ExecutorInfo& executorInfo,
                  const FrameworkID& frameworkId,
                  const FrameworkInfo& frameworkInfo, const SlaveID& slaveId,
                  const SlaveInfo& slaveInfo);
  void reregistered(const SlaveID& slaveId, const SlaveInfo& slaveInfo);
  void reconnect(const process::UPID& from, const SlaveID& slaveId);
  void runTask(const TaskInfo& task);
  void killTask(const TaskID& taskId);
  void statusUpdateAcknowledgement(const SlaveID& slaveId,
                                   const FrameworkID& frameworkId,
                                   const TaskID& taskId,
                                   const std::string& uuid);
  void frameworkMessage(const SlaveID& slaveId, const FrameworkID& frameworkId,
                        const ExecutorID& executorId, const std::string& data);
  void shutdown();
  // The agent (re)registered the executor: a new connection, whose
  // status update retries start now.
  void connected();
  void recoveryTimeout(const id::UUID& connection);
  void retryUpdates(const id::UUID& connection);
  void checkAcknowledged();

  MesosExecutorDriver* driver_;
  Executor* executor_;
  ExecutorConfiguration config_;
  std::recursive_mutex* mutex_;
  process::Latch* latch_;
  const Option<std::string> startError_;

  bool connected_ = false;
  // Identifies one registration, so stale timers can tell they are stale.
  id::UUID connection_ = id::UUID::random();

  // Unacknowledged updates, in the order sent, and the tasks with no
  // acknowledged update yet (both go into a reregistration).
  std::list<std::pair<id::UUID, StatusUpdate>> updates_;
  std::list<std::pair<std::string, TaskInfo>> tasks_;

  std::list<std::shared_ptr<process::Promise<Nothing>>> ackWaiters_;
};

}  // namespace internal
}  // namespace mesos

#endif  // MESOS_EXEC_EXECUTOR_PROCESS_HPP
