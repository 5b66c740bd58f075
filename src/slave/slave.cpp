#include "slave/slave.hpp"

#include <mesos/attributes.hpp>
#include <mesos/type_utils.hpp>

#include <process/clock.hpp>
#include <process/defer.hpp>
#include <process/delay.hpp>
#include <process/id.hpp>

#include <stout/os.hpp>
#include <stout/strings.hpp>

#include "common/host_resources.hpp"
#include "slave/constants.hpp"
#include "slave/paths.hpp"
#include "slave/state.hpp"

using process::Clock;
using process::UPID;

namespace mesos {
namespace internal {
namespace slave {

Try<SlaveInfo> createSlaveInfo(const Flags& flags) {
  SlaveInfo info;

  Try<Resources> resources =
      agentResources(flags.resources, flags.work_dir, flags.default_role);
  if (resources.isError()) {
    return Error("Invalid --resources: " + resources.error());
  }
  info.mutable_resources()->CopyFrom(resources.get());

  if (flags.attributes.isSome()) {
    Try<Attributes> attributes = Attributes::parse(flags.attributes.get());
    if (attributes.isError()) {
      return Error("Invalid --attributes: " + attributes.error());
    }
    for (const Attribute& attribute : attributes.get()) {
      info.add_attributes()->CopyFrom(attribute);
    }
  }

  if (flags.hostname.isSome()) {
    info.set_hostname(flags.hostname.get());
  } else if (!flags.hostname_lookup && flags.ip.isSome()) {
    info.set_hostname(flags.ip.get());
  } else {
    Try<std::string> hostname = os::hostname();
    if (hostname.isError()) {
      return Error("Failed to get the hostname (use --hostname): " +
                   hostname.error());
    }
    info.set_hostname(hostname.get());
  }

  info.set_checkpoint(true);
  return info;
}

Slave::Slave(const Flags& flags, const SlaveInfo& info,
             Containerizer* containerizer, GarbageCollector* gc,
             TaskStatusUpdateManager* statusUpdateManager)
    : ProcessBase(process::ID::generate("slave")),
      flags(flags),
      info(info),
      containerizer(containerizer),
      gc(gc),
      statusUpdateManager(statusUpdateManager),
      masterPingTimeout(DEFAULT_MASTER_PING_TIMEOUT()) {}

Slave::~Slave() = default;

void Slave::initialize() {
  startTime = Clock::now();
  counters.executorDirectoryMaxAllowedAge = flags.gc_delay.secs();
  info.set_port(self().address.port);

  LOG(INFO) << "Agent " << self() << " starting with resources "
            << Resources(info.resources()) << " (work_dir '" << flags.work_dir
            << "')";

  files.reset(new Files());

  Try<Nothing> mkdir = os::mkdir(metaDir());
  if (mkdir.isError()) {
    LOG(ERROR) << "Failed to create the meta directory: " << mkdir.error();
  }

  const process::PID<Slave> pid = self();
  statusUpdateManager->initialize([pid](StatusUpdate update) {
    process::dispatch(pid, &Slave::forward, std::move(update));
  });

  install<RunTaskMessage>(&Slave::runTask, &RunTaskMessage::framework,
                          &RunTaskMessage::framework_id, &RunTaskMessage::pid,
                          &RunTaskMessage::task);
  install<RunTaskGroupMessage>(
      &Slave::runTaskGroup, &RunTaskGroupMessage::framework,
      &RunTaskGroupMessage::executor, &RunTaskGroupMessage::task_group);
  install<SlaveRegisteredMessage>(&Slave::registered,
                                  &SlaveRegisteredMessage::slave_id,
                                  &SlaveRegisteredMessage::connection);
  install<SlaveReregisteredMessage>(&Slave::reregistered,
                                    &SlaveReregisteredMessage::slave_id,
                                    &SlaveReregisteredMessage::connection);
  install<PingSlaveMessage>(&Slave::ping, &PingSlaveMessage::connected);
  install<KillTaskMessage>(&Slave::killTask);
  install<ShutdownFrameworkMessage>(&Slave::shutdownFramework,
                                    &ShutdownFrameworkMessage::framework_id);
  install<ShutdownExecutorMessage>(&Slave::shutdownExecutorMessage);
  install<FrameworkToExecutorMessage>(&Slave::schedulerMessage);
  install<ExecutorToFrameworkMessage>(&Slave::executorMessage);
  install<UpdateFrameworkMessage>(&Slave::updateFramework);
  install<CheckpointResourcesMessage>(&Slave::checkpointResources);
  install<StatusUpdateAcknowledgementMessage>(
      &Slave::statusUpdateAcknowledgement,
      &StatusUpdateAcknowledgementMessage::slave_id,
      &StatusUpdateAcknowledgementMessage::framework_id,
      &StatusUpdateAcknowledgementMessage::task_id,
      &StatusUpdateAcknowledgementMessage::uuid);
  install<RegisterExecutorMessage>(&Slave::registerExecutor,
                                   &RegisterExecutorMessage::framework_id,
                                   &RegisterExecutorMessage::executor_id);
  install<ReregisterExecutorMessage>(&Slave::reregisterExecutor);
  install<StatusUpdateMessage>(&Slave::statusUpdateMessage);
  install<ShutdownMessage>(&Slave::shutdown, &ShutdownMessage::message);

  installRoutes();
  installMetrics();

  diskWatchTimer =
      process::delay(flags.disk_watch_interval, self(), &Slave::checkDiskUsage);

  recover();
}

void Slave::finalize() {
  if (state == TERMINATING && info.has_id() && failure_.isNone()) {
    // A deliberate shutdown: the next start registers as a new agent
    // instead of recovering this one.
    Try<Nothing> removed = os::rm(paths::getLatestSlavePath(metaDir()));
    if (removed.isError()) {
      LOG(WARNING) << "Failed to remove the latest agent link: "
                   << removed.error();
    }
  }
  removeMetrics();
  Clock::cancel(pingTimer);
  Clock::cancel(diskWatchTimer);
  files.reset();
}

void Slave::exited(const UPID& pid) {
  if (master.isSome() && master.get() == pid) {
    masterExited();
    return;
  }
  LOG(INFO) << "Linked process " << pid << " exited";
}

void Slave::shutdown(const UPID& from, const std::string& message) {
  if (from && master.isSome() && from != master.get()) {
    LOG(WARNING) << "Ignoring shutdown message from " << from
                 << " because it is not from the registered master "
                 << master.get();
    return;
  }

  if (state == TERMINATING) {
    return;
  }

  LOG(INFO) << "Agent asked to shut down by "
            << (from ? stringify(from) : std::string("itself"))
            << (message.empty() ? "" : ": " + message);

  // The master learns that we go away, unless it asked for it.
  if (!from && master.isSome() && info.has_id()) {
    UnregisterSlaveMessage unregister;
    unregister.mutable_slave_id()->CopyFrom(info.id());
    send(master.get(), unregister);
  }

  state = TERMINATING;

  std::vector<Framework*> live;
  for (auto& [id, framework] : frameworks) {
    live.push_back(framework.get());
  }
  for (Framework* framework : live) {
    shutdownFramework(UPID(), framework->id());
  }

  finishShutdownIfDone();
}

void Slave::finishShutdownIfDone() {
  if (state == TERMINATING && frameworks.empty()) {
    process::terminate(self());
  }
}

Framework* Slave::getFramework(const FrameworkID& frameworkId) const {
  auto it = frameworks.find(frameworkId);
  return it == frameworks.end() ? nullptr : it->second.get();
}

Executor* Slave::getExecutor(const FrameworkID& frameworkId,
                             const ExecutorID& executorId) const {
  Framework* framework = getFramework(frameworkId);
  return framework == nullptr ? nullptr : framework->getExecutor(executorId);
}

std::string Slave::metaDir() const {
  return paths::getMetaRootDir(flags.work_dir);
}

process::Future<Nothing> Slave::garbageCollect(const std::string& path) {
  if (!os::exists(path)) {
    return Nothing();
  }
  return gc->schedule(flags.gc_delay, path).onAny([path](const auto& future) {
    if (future.isFailed()) {
      LOG(WARNING) << "Failed to garbage collect '" << path
                   << "': " << future.failure();
    }
  });
}

void Slave::checkDiskUsage() {
  Try<double> usage = pruneForDiskUsage(gc, flags.work_dir, flags.gc_delay,
                                        flags.gc_disk_headroom);
  if (usage.isError()) {
    LOG(WARNING) << "Failed to check the disk usage of '" << flags.work_dir
                 << "': " << usage.error();
  } else {
    counters.executorDirectoryMaxAllowedAge =
        gcAge(flags.gc_delay, flags.gc_disk_headroom, usage.get()).secs();
  }
  diskWatchTimer =
      process::delay(flags.disk_watch_interval, self(), &Slave::checkDiskUsage);
}

const char* stateName(Slave::State state) {
  switch (state) {
    case Slave::RECOVERING:
      return "RECOVERING";
    case Slave::DISCONNECTED:
      return "DISCONNECTED";
    case Slave::RUNNING:
      return "RUNNING";
    case Slave::TERMINATING:
      return "TERMINATING";
  }
  return "UNKNOWN";
}

}  // namespace slave
}  // namespace internal
}  // namespace mesos
