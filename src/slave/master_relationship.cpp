// The agent's relationship with the master: detection from --master,
// (re)registration with randomized exponential backoff, health pings, the
// ping timeout that makes the agent look for the master again, and a
// broken link to the master that makes it register again at once.

#include <random>

#include <mesos/type_utils.hpp>

#include <process/clock.hpp>
#include <process/delay.hpp>

#include <stout/os.hpp>
#include <stout/stringify.hpp>

#include "common/protobuf_utils.hpp"
#include "slave/constants.hpp"
#include "slave/paths.hpp"
#include "slave/slave.hpp"
#include "slave/state.hpp"

using process::Clock;
using process::UPID;

namespace mesos {
namespace internal {
namespace slave {

namespace {

// A uniformly random fraction of `d` in [0, d).
Duration randomFraction(const Duration& d) {
  static thread_local std::mt19937_64 generator{std::random_device{}()};
  std::uniform_real_distribution<double> distribution(0.0, 1.0);
  return d * distribution(generator);
}

// The version we report: real masters ignore agents without a SemVer
// version of at least 1.0.0.
constexpr char AGENT_VERSION[] = "1.11.0";

void addCapabilities(
    google::protobuf::RepeatedPtrField<SlaveInfo::Capability>* capabilities) {
  for (SlaveInfo::Capability::Type type :
       {SlaveInfo::Capability::MULTI_ROLE,
        SlaveInfo::Capability::HIERARCHICAL_ROLE,
        SlaveInfo::Capability::RESERVATION_REFINEMENT}) {
    capabilities->Add()->set_type(type);
  }
}

}  // namespace

void Slave::detectMaster() {
  detection++;
  Clock::cancel(pingTimer);

  if (state == RUNNING) {
    state = DISCONNECTED;
  }
  statusUpdateManager->pause();

  if (flags.master.isNone()) {
    LOG(WARNING) << "No --master given; the agent stays disconnected";
    master = None();
    return;
  }

  Try<UPID> detected = parseMaster(flags.master.get());
  if (detected.isError()) {
    LOG(ERROR) << "Failed to detect the master: " << detected.error()
               << "; retrying in " << REGISTER_RETRY_INTERVAL_MAX;
    master = None();
    process::delay(REGISTER_RETRY_INTERVAL_MAX, self(), &Slave::detectMaster);
    return;
  }

  master = detected.get();
  LOG(INFO) << "New master detected at " << master.get();
  link(master.get(), RemoteConnection::RECONNECT);

  armPingTimer();

  // The first attempt waits a random part of the backoff factor so that
  // many agents seeing the same master do not all register at once.
  const uint64_t attempt = ++registrationAttempt;
  process::delay(randomFraction(flags.registration_backoff_factor), self(),
                 &Slave::doReliableRegistration,
                 flags.registration_backoff_factor * 2, attempt);
}

void Slave::doReliableRegistration(Duration maxBackoff, uint64_t attempt) {
  if (attempt != registrationAttempt || master.isNone() ||
      state != DISCONNECTED) {
    return;
  }

  if (!info.has_id()) {
    RegisterSlaveMessage message;
    message.mutable_slave()->CopyFrom(info);
    message.mutable_checkpointed_resources()->CopyFrom(checkpointedResources);
    message.set_version(AGENT_VERSION);
    addCapabilities(message.mutable_agent_capabilities());
    LOG(INFO) << "Registering with master " << master.get();
    send(master.get(), message);
  } else {
    ReregisterSlaveMessage message;
    message.mutable_slave()->CopyFrom(info);
    message.mutable_checkpointed_resources()->CopyFrom(checkpointedResources);
    message.set_version(AGENT_VERSION);
    addCapabilities(message.mutable_agent_capabilities());

    for (const auto& [frameworkId, framework] : frameworks) {
      message.add_frameworks()->CopyFrom(framework->info);

      for (const auto& [executorId, tasks] : framework->pending) {
        for (const auto& [taskId, task] : tasks) {
          Task* record = message.add_tasks();
          record->CopyFrom(
              protobuf::createTask(task, TASK_STAGING, frameworkId));
          record->mutable_slave_id()->CopyFrom(info.id());
        }
      }

      for (const auto& [executorId, executor] : framework->executors) {
        if (!executor->commandExecutor) {
          message.add_executor_infos()->CopyFrom(executor->info);
        }
        for (const TaskInfo& task : executor->queuedTasks) {
          Task* record = message.add_tasks();
          record->CopyFrom(
              protobuf::createTask(task, TASK_STAGING, frameworkId));
          record->mutable_slave_id()->CopyFrom(info.id());
        }
        for (const auto& [taskId, task] : executor->launchedTasks) {
          message.add_tasks()->CopyFrom(task);
        }
        for (const auto& [taskId, task] : executor->terminatedTasks) {
          message.add_tasks()->CopyFrom(task);
        }
      }
    }

    for (const std::shared_ptr<Framework>& completed : completedFrameworks) {
      Archive::Framework* archived = message.add_completed_frameworks();
      archived->mutable_framework_info()->CopyFrom(completed->info);
      if (completed->pid.isSome()) {
        archived->set_pid(completed->pid.get());
      }
      for (const std::shared_ptr<Executor>& executor :
           completed->completedExecutors) {
        for (const Task& task : executor->completedTasks) {
          archived->add_tasks()->CopyFrom(task);
        }
      }
    }

    LOG(INFO) << "Reregistering with master " << master.get() << " as agent "
              << info.id();
    send(master.get(), message);
  }

  maxBackoff = std::min(maxBackoff, REGISTER_RETRY_INTERVAL_MAX);
  process::delay(randomFraction(maxBackoff), self(),
                 &Slave::doReliableRegistration, maxBackoff * 2, attempt);
}

bool Slave::fromMaster(const UPID& from, const std::string& what) const {
  if (master.isSome() && from == master.get()) {
    return true;
  }
  LOG(WARNING) << "Ignoring " << what << " from " << from
               << " because it is not from the current master "
               << (master.isSome() ? stringify(master.get()) : "(none)");
  return false;
}

void Slave::registered(const UPID& from, const SlaveID& slaveId,
                       const MasterSlaveConnection& connection) {
  if (!fromMaster(from, "registration")) {
    return;
  }

  if (connection.has_total_ping_timeout_seconds()) {
    masterPingTimeout =
        Seconds(static_cast<int64_t>(connection.total_ping_timeout_seconds()));
  }

  switch (state) {
    case DISCONNECTED: {
      if (info.has_id() && info.id() != slaveId) {
        LOG(ERROR) << "Registered with id " << slaveId << " but this agent is "
                   << info.id() << "; shutting down";
        shutdown(UPID(), "Registered with a different agent id");
        return;
      }
      LOG(INFO) << "Registered with master " << master.get()
                << "; given agent ID " << slaveId;
      info.mutable_id()->CopyFrom(slaveId);
      state = RUNNING;
      completedRegistration = true;
      // Watch the connection again if an earlier break ended the link.
      link(master.get());
      checkpointSlaveInfo();
      statusUpdateManager->resume();
      armPingTimer();
      break;
    }
    case RUNNING:
      if (info.id() != slaveId) {
        LOG(ERROR) << "Already registered as " << info.id()
                   << " but the master says " << slaveId << "; shutting down";
        shutdown(UPID(), "Registered with a different agent id");
      }
      break;
    case RECOVERING:
    case TERMINATING:
      LOG(WARNING) << "Ignoring registration because the agent is "
                   << stateName(state);
      break;
  }
}

void Slave::reregistered(const UPID& from, const SlaveID& slaveId,
                         const MasterSlaveConnection& connection) {
  if (!fromMaster(from, "reregistration")) {
    return;
  }

  if (info.has_id() && info.id() != slaveId) {
    LOG(ERROR) << "Reregistered as " << slaveId << " but this agent is "
               << info.id() << "; shutting down";
    shutdown(UPID(), "Reregistered with a different agent id");
    return;
  }

  if (connection.has_total_ping_timeout_seconds()) {
    masterPingTimeout =
        Seconds(static_cast<int64_t>(connection.total_ping_timeout_seconds()));
  }

  switch (state) {
    case DISCONNECTED:
      LOG(INFO) << "Reregistered with master " << master.get();
      state = RUNNING;
      completedRegistration = true;
      link(master.get());
      statusUpdateManager->resume();
      armPingTimer();
      break;
    case RUNNING:
      LOG(WARNING) << "Already reregistered with master " << master.get();
      break;
    case RECOVERING:
    case TERMINATING:
      LOG(WARNING) << "Ignoring reregistration because the agent is "
                   << stateName(state);
      break;
  }
}

void Slave::ping(const UPID& from, bool connected) {
  if (!fromMaster(from, "ping")) {
    return;
  }

  send(from, PongSlaveMessage());

  if (!connected && state == RUNNING) {
    // The master does not count us as registered (e.g. after a one-way
    // partition): register again.
    LOG(INFO) << "Master " << from
              << " says this agent is not connected; reregistering";
    detectMaster();
    return;
  }

  armPingTimer();
}

void Slave::masterExited() {
  if (state != RUNNING) {
    // Not registered (or going away): the registration attempts already
    // under way, if any, keep their backoff.
    LOG(INFO) << "Lost the connection to master " << master.get() << " while "
              << stateName(state);
    return;
  }

  LOG(WARNING) << "Master " << master.get()
               << " disconnected; registering again until it answers";
  state = DISCONNECTED;
  statusUpdateManager->pause();

  // The ping timer stays armed: should the master never answer, the ping
  // timeout detects it again as before. The link is made anew once the
  // master answers (on the next registration).
  const uint64_t attempt = ++registrationAttempt;
  process::delay(randomFraction(flags.registration_backoff_factor), self(),
                 &Slave::doReliableRegistration,
                 flags.registration_backoff_factor * 2, attempt);
}

void Slave::armPingTimer() {
  Clock::cancel(pingTimer);
  pingTimer =
      process::delay(masterPingTimeout, self(), &Slave::pingTimeout, detection);
}

void Slave::pingTimeout(uint64_t detectionAtArm) {
  if (detectionAtArm != detection || state == TERMINATING) {
    return;
  }
  LOG(INFO) << "No pings from master received within " << masterPingTimeout
            << "; detecting the master again";
  detectMaster();
}

void Slave::checkpointSlaveInfo() {
  const std::string path = paths::getSlaveInfoPath(metaDir(), info.id());
  Try<Nothing> written = state::checkpoint(path, info);
  if (written.isError()) {
    LOG(ERROR) << "Failed to checkpoint the agent info: " << written.error();
    return;
  }

  const std::string latest = paths::getLatestSlavePath(metaDir());
  if (os::exists(latest) || os::stat::islink(latest)) {
    Try<Nothing> removed = os::rm(latest);
    if (removed.isError()) {
      LOG(ERROR) << "Failed to replace the latest agent link: "
                 << removed.error();
    }
  }
  Try<Nothing> link =
      os::symlink(paths::getSlavePath(metaDir(), info.id()), latest);
  if (link.isError()) {
    LOG(ERROR) << "Failed to link the latest agent: " << link.error();
  }
}

}  // namespace slave
}  // namespace internal
}  // namespace mesos
