#include "exec/executor_process.hpp"

#include <signal.h>
#include <unistd.h>

#include <cstdlib>

#include <glog/logging.h>

#include <process/clock.hpp>
#include <process/delay.hpp>
#include <process/dispatch.hpp>
#include <process/id.hpp>
#include <process/process.hpp>

#include <stout/os.hpp>

#include "common/protobuf_utils.hpp"
#include "driver/driver_state.hpp"

using process::UPID;

using std::string;

namespace mesos {
namespace internal {

namespace {

// Kills the executor's whole process group once the shutdown grace period
// has passed, so an executor that ignores shutdown still goes away (Mesos
// does the same; it is skipped with MESOS_LOCAL).
class ShutdownProcess : public process::Process<ShutdownProcess> {
 public:
  explicit ShutdownProcess(const Duration& gracePeriod)
      : ProcessBase(process::ID::generate("exec-shutdown")),
        gracePeriod_(gracePeriod) {}

 protected:
  // Nothing is logged here: the executor may be exiting already (its
  // main() returning) while this runs on a worker thread.
  void initialize() override {
    process::delay(gracePeriod_, self(), &ShutdownProcess::kill);
  }

 private:
  void kill() {
    LOG(INFO) << "Shutdown grace period over: killing the process group";
    ::killpg(0, SIGKILL);
    // The signal may take a moment to arrive; never outlive it.
    ::sleep(5);
    ::_exit(EXIT_FAILURE);
  }

  const Duration gracePeriod_;
};

Option<string> get(const std::map<string, string>& environment,
                   const string& key) {
  auto it = environment.find(key);
  if (it == environment.end())
    return None();
  return it->second;
}

}  // namespace

Try<ExecutorConfiguration> ExecutorConfiguration::parse(
    const std::map<string, string>& environment) {
  ExecutorConfiguration config;
  config.local = get(environment, "MESOS_LOCAL").isSome();

  auto required = [&](const string& key) -> Try<string> {
    Option<string> value = get(environment, key);
    if (value.isNone())
      return Error("Expecting '" + key + "' to be set in the environment");
    return value.get();
  };

  Try<string> value = required("MESOS_SLAVE_PID");
  if (value.isError())
    return Error(value.error());
  config.slave = UPID(value.get());
  if (!config.slave)
    return Error("Cannot parse MESOS_SLAVE_PID '" + value.get() + "'");

  for (const char* key : {"MESOS_SLAVE_ID", "MESOS_FRAMEWORK_ID",
                          "MESOS_EXECUTOR_ID", "MESOS_DIRECTORY"}) {
    value = required(key);
    if (value.isError())
      return Error(value.error());
  }
  config.slaveId.set_value(environment.at("MESOS_SLAVE_ID"));
  config.frameworkId.set_value(environment.at("MESOS_FRAMEWORK_ID"));
  config.executorId.set_value(environment.at("MESOS_EXECUTOR_ID"));
  config.directory = environment.at("MESOS_DIRECTORY");

  Option<string> grace =
      get(environment, "MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD");
  if (grace.isSome()) {
    Try<Duration> parsed = Duration::parse(grace.get());
    if (parsed.isError())
      return Error(
          "Failed to parse value '" + grace.get() +
          "' of 'MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD': " + parsed.error());
    config.shutdownGracePeriod = parsed.get();
  }

  Option<string> checkpoint = get(environment, "MESOS_CHECKPOINT");
  config.checkpoint = checkpoint.isSome() && checkpoint.get() == "1";

  if (config.checkpoint) {
    Option<string> timeout = get(environment, "MESOS_RECOVERY_TIMEOUT");
    if (timeout.isSome()) {
      Try<Duration> parsed = Duration::parse(timeout.get());
      if (parsed.isError())
        return Error("Failed to parse value '" + timeout.get() +
                     "' of 'MESOS_RECOVERY_TIMEOUT': " + parsed.error());
      config.recoveryTimeout = parsed.get();
    }
  }

  return config;
}

ExecutorProcess::ExecutorProcess(MesosExecutorDriver* driver,
                                 Executor* executor,
                                 const ExecutorConfiguration& config,
                                 std::recursive_mutex* mutex,
                                 process::Latch* latch,
                                 const Option<string>& startError)
    : ProcessBase(process::ID::generate("executor")),
      driver_(driver),
      executor_(executor),
      config_(config),
      mutex_(mutex),
      latch_(latch),
      startError_(startError) {}

void ExecutorProcess::initialize() {
  if (startError_.isSome()) {
    aborted.store(true);
    internal::driver::release(mutex_, latch_);
    executor_->error(driver_, startError_.get());
    return;
  }

  install<ExecutorRegisteredMessage>(&ExecutorProcess::registered,
                                     &ExecutorRegisteredMessage::executor_info,
                                     &ExecutorRegisteredMessage::framework_id,
                                     &ExecutorRegisteredMessage::framework_info,
                                     &ExecutorRegisteredMessage::slave_id,
                                     &ExecutorRegisteredMessage::slave_info);
  install<ExecutorReregisteredMessage>(
      &ExecutorProcess::reregistered, &ExecutorReregisteredMessage::slave_id,
      &ExecutorReregisteredMessage::slave_info);
  install<ReconnectExecutorMessage>(&ExecutorProcess::reconnect,
                                    &ReconnectExecutorMessage::slave_id);
  install<RunTaskMessage>(&ExecutorProcess::runTask, &RunTaskMessage::task);
  install<KillTaskMessage>(&ExecutorProcess::killTask,
                           &KillTaskMessage::task_id);
  install<StatusUpdateAcknowledgementMessage>(
      &ExecutorProcess::statusUpdateAcknowledgement,
      &StatusUpdateAcknowledgementMessage::slave_id,
      &StatusUpdateAcknowledgementMessage::framework_id,
      &StatusUpdateAcknowledgementMessage::task_id,
      &StatusUpdateAcknowledgementMessage::uuid);
  install<FrameworkToExecutorMessage>(&ExecutorProcess::frameworkMessage,
                                      &FrameworkToExecutorMessage::slave_id,
                                      &FrameworkToExecutorMessage::framework_id,
                                      &FrameworkToExecutorMessage::executor_id,
                                      &FrameworkToExecutorMessage::data);
  install<ShutdownExecutorMessage>(&ExecutorProcess::shutdown);

  VLOG(1) << "Executor started at " << self() << " with pid " << ::getpid();

  link(config_.slave);

  RegisterExecutorMessage message;
  *message.mutable_framework_id() = config_.frameworkId;
  *message.mutable_executor_id() = config_.executorId;
  send(config_.slave, message);
}

void ExecutorProcess::finalize() {
  // Whatever ended the process, join() must not wait any longer.
  internal::driver::release(mutex_, latch_);
  for (auto& waiter : ackWaiters_)
    waiter->discard();
  ackWaiters_.clear();
}

void ExecutorProcess::connected() {
  connected_ = true;
  connection_ = id::UUID::random();
  process::delay(STATUS_UPDATE_RETRY_INTERVAL, self(),
                 &ExecutorProcess::retryUpdates, connection_);
}

void ExecutorProcess::registered(const ExecutorInfo& executorInfo,
                                 const FrameworkID& frameworkId,
                                 const FrameworkInfo& frameworkInfo,
                                 const SlaveID& slaveId,
                                 const SlaveInfo& slaveInfo) {
  if (aborted.load())
    return;

  LOG(INFO) << "Executor registered on agent " << slaveId.value();
  connected();

  executor_->registered(driver_, executorInfo, frameworkInfo, slaveInfo);
}

void ExecutorProcess::reregistered(const SlaveID& slaveId,
                                   const SlaveInfo& slaveInfo) {
  if (aborted.load())
    return;

  if (slaveId.value() != config_.slaveId.value()) {
    LOG(WARNING) << "Ignoring reregistration on agent " << slaveId.value()
                 << " (this executor belongs to agent "
                 << config_.slaveId.value() << ")";
    return;
  }

  LOG(INFO) << "Executor reregistered on agent " << slaveId.value();
  connected();

  executor_->reregistered(driver_, slaveInfo);
}

void ExecutorProcess::reconnect(const UPID& from, const SlaveID& slaveId) {
  if (aborted.load())
    return;

  LOG(INFO) << "Received reconnect request from agent " << slaveId.value()
            << " at " << from;

  // The agent restarted: talk to its new pid over a fresh connection (an
  // old one may be half-open).
  config_.slave = from;
  link(config_.slave, RemoteConnection::RECONNECT);

  ReregisterExecutorMessage message;
  *message.mutable_executor_id() = config_.executorId;
  *message.mutable_framework_id() = config_.frameworkId;
  for (const auto& [uuid, update] : updates_)
    *message.add_updates() = update;
  for (const auto& [taskId, task] : tasks_)
    *message.add_tasks() = task;
  send(config_.slave, message);
}

void ExecutorProcess::runTask(const TaskInfo& task) {
  if (aborted.load())
    return;

  if (!connected_) {
    LOG(WARNING) << "Ignoring task " << task.task_id().value()
                 << ": the executor is not registered with the agent";
    return;
  }

  for (const auto& entry : tasks_) {
    if (entry.first == task.task_id().value()) {
      LOG(WARNING) << "Ignoring duplicate task " << task.task_id().value();
      return;
    }
  }
  tasks_.emplace_back(task.task_id().value(), task);

  executor_->launchTask(driver_, task);
}

void ExecutorProcess::killTask(const TaskID& taskId) {
  if (aborted.load())
    return;
  if (!connected_) {
    LOG(WARNING) << "Kill of task " << taskId.value()
                 << " received while disconnected from the agent";
  }
  executor_->killTask(driver_, taskId);
}

void ExecutorProcess::statusUpdateAcknowledgement(
    const SlaveID& slaveId, const FrameworkID& frameworkId,
    const TaskID& taskId, const string& uuid) {
  Try<id::UUID> parsed = id::UUID::fromBytes(uuid);
  if (parsed.isError()) {
    LOG(WARNING) << "Ignoring a status update acknowledgement for task "
                 << taskId.value() << " with a malformed uuid";
    return;
  }
  if (aborted.load())
    return;

  auto update = updates_.begin();
  while (update != updates_.end() && !(update->first == parsed.get()))
    ++update;
  if (update == updates_.end()) {
    LOG(WARNING) << "Ignoring unknown status update acknowledgement "
                 << parsed->toString() << " for task " << taskId.value();
    return;
  }

  VLOG(1) << "Status update " << parsed->toString() << " for task "
          << taskId.value() << " acknowledged";
  updates_.erase(update);
  tasks_.remove_if([&](const std::pair<string, TaskInfo>& entry) {
    return entry.first == taskId.value();
  });
  checkAcknowledged();
}

void ExecutorProcess::frameworkMessage(const SlaveID& slaveId,
                                       const FrameworkID& frameworkId,
                                       const ExecutorID& executorId,
                                       const string& data) {
  if (aborted.load())
    return;
  if (!connected_) {
    LOG(WARNING) << "Ignoring framework message: the executor is "
                 << "disconnected from the agent";
    return;
  }
  executor_->frameworkMessage(driver_, data);
}

void ExecutorProcess::shutdown() {
  if (aborted.load())
    return;

  LOG(INFO) << "Executor asked to shut down";
  if (!config_.local) {
    LOG(INFO) << "Killing the executor's process group in "
              << config_.shutdownGracePeriod;
    process::spawn(new ShutdownProcess(config_.shutdownGracePeriod), true);
  }

  executor_->shutdown(driver_);

  // Nothing from the agent is handled after a shutdown.
  aborted.store(true);
  // Locally (tests) the process ends instead of the process group; a
  // stop() the callback queued still runs first.
  if (config_.local)
    process::terminate(self(), false);
}

void ExecutorProcess::stop() {
  process::terminate(self());
  internal::driver::release(mutex_, latch_);
}

void ExecutorProcess::abort() {
  LOG(INFO) << "Deactivating the executor driver";
  internal::driver::release(mutex_, latch_);
}

void ExecutorProcess::recoveryTimeout(const id::UUID& connection) {
  if (connected_ || !(connection == connection_))
    return;
  LOG(INFO) << "The agent did not come back within the recovery timeout of "
            << config_.recoveryTimeout << "; shutting down";
  shutdown();
}

void ExecutorProcess::retryUpdates(const id::UUID& connection) {
  if (aborted.load() || !connected_ || !(connection == connection_))
    return;

  for (const auto& [uuid, update] : updates_) {
    VLOG(1) << "Re-sending unacknowledged status update " << uuid.toString()
            << " for task " << update.status().task_id().value();
    StatusUpdateMessage message;
    *message.mutable_update() = update;
    message.set_pid(self());
    send(config_.slave, message);
  }

  process::delay(STATUS_UPDATE_RETRY_INTERVAL, self(),
                 &ExecutorProcess::retryUpdates, connection);
}

void ExecutorProcess::exited(const UPID& pid) {
  if (aborted.load() || pid != config_.slave)
    return;

  // A checkpointing framework's agent may come back and reconnect.
  if (config_.checkpoint && connected_) {
    connected_ = false;
    LOG(INFO) << "Agent exited, but the framework checkpoints: waiting "
              << config_.recoveryTimeout << " for agent "
              << config_.slaveId.value() << " to reconnect";
    process::delay(config_.recoveryTimeout, self(),
                   &ExecutorProcess::recoveryTimeout, connection_);
    executor_->disconnected(driver_);
    return;
  }

  LOG(INFO) << "Agent exited; shutting down";
  connected_ = false;
  shutdown();
}

void ExecutorProcess::sendStatusUpdate(const TaskStatus& status) {
  if (status.state() == TASK_STAGING) {
    LOG(ERROR) << "Executor is not allowed to send TASK_STAGING status "
               << "updates; aborting";
    driver_->abort();
    executor_->error(driver_, "Attempted to send TASK_STAGING status update");
    return;
  }

  const id::UUID uuid = id::UUID::random();

  StatusUpdateMessage message;
  StatusUpdate* update = message.mutable_update();
  *update->mutable_framework_id() = config_.frameworkId;
  *update->mutable_executor_id() = config_.executorId;
  *update->mutable_slave_id() = config_.slaveId;
  *update->mutable_status() = status;
  update->set_timestamp(process::Clock::now().secs());
  update->mutable_status()->set_timestamp(update->timestamp());
  update->set_uuid(uuid.toBytes());
  update->mutable_status()->set_uuid(uuid.toBytes());
  *update->mutable_status()->mutable_slave_id() = config_.slaveId;
  if (!update->status().has_executor_id())
    *update->mutable_status()->mutable_executor_id() = config_.executorId;
  if (!update->status().has_source())
    update->mutable_status()->set_source(TaskStatus::SOURCE_EXECUTOR);
  message.set_pid(self());

  VLOG(1) << "Sending status update " << uuid.toString() << " for task "
          << status.task_id().value() << " in state "
          << TaskState_Name(status.state());

  // A status built by the executor may lack required fields: drop it with
  // a clear log line instead of crashing.
  if (!message.IsInitialized()) {
    LOG(ERROR) << "Dropping a status update with missing required fields: "
               << message.InitializationErrorString();
    return;
  }

  updates_.emplace_back(uuid, *update);
  send(config_.slave, message);
}

void ExecutorProcess::sendFrameworkMessage(const string& data) {
  ExecutorToFrameworkMessage message;
  *message.mutable_slave_id() = config_.slaveId;
  *message.mutable_framework_id() = config_.frameworkId;
  *message.mutable_executor_id() = config_.executorId;
  message.set_data(data);
  if (!message.IsInitialized()) {
    LOG(ERROR) << "Dropping a framework message with missing required "
               << "fields: " << message.InitializationErrorString();
    return;
  }
  send(config_.slave, message);
}

process::Future<Nothing> ExecutorProcess::acknowledged() {
  if (updates_.empty())
    return Nothing();
  auto promise = std::make_shared<process::Promise<Nothing>>();
  ackWaiters_.push_back(promise);
  return promise->future();
}

void ExecutorProcess::checkAcknowledged() {
  if (!updates_.empty())
    return;
  for (auto& waiter : ackWaiters_)
    waiter->set(Nothing());
  ackWaiters_.clear();
}

process::Future<Nothing> ExecutorProcess::waitForAcknowledgements(
    MesosExecutorDriver* driver) {
  std::lock_guard<std::recursive_mutex> lock(driver->mutex);
  if (driver->status != DRIVER_RUNNING || driver->process == nullptr)
    return process::Failure("The executor driver is not running");
  return process::dispatch(driver->process, &ExecutorProcess::acknowledged);
}

}  // namespace internal
}  // namespace mesos
