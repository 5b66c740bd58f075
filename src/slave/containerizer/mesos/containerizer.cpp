#include "slave/containerizer/mesos/containerizer.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <utility>
#include <vector>

#include <glog/logging.h>

#include <process/clock.hpp>
#include <process/collect.hpp>
#include <process/defer.hpp>
#include <process/delay.hpp>
#include <process/id.hpp>
#include <process/process.hpp>
#include <process/reap.hpp>

#include <stout/error.hpp>
#include <stout/hashmap.hpp>
#include <stout/stringify.hpp>
#include <stout/strings.hpp>

#include "slave/containerizer/mesos/fetcher.hpp"
#include "slave/containerizer/mesos/launcher.hpp"
#include "slave/containerizer/mesos/proc.hpp"
#include "slave/containerizer/termination_cache.hpp"
#include "slave/paths.hpp"

namespace mesos {
namespace internal {
namespace slave {

using process::Failure;
using process::Future;
using process::Promise;

using LaunchResult = Containerizer::LaunchResult;

class MesosContainerizerProcess : public ContainerizerProcess {
 public:
  MesosContainerizerProcess(const Flags& flags,
                            const MesosContainerizer::Options& options,
                            std::unique_ptr<CgroupsIsolator> cgroups)
      : ProcessBase(process::ID::generate("mesos-containerizer")),
        flags_(flags),
        options_(options),
        cgroups_(std::move(cgroups)) {}

  Future<Nothing> recover(const Option<state::SlaveState>& state) override;
  Future<LaunchResult> launch(const LaunchArguments& request) override;
  Future<Nothing> update(const ContainerID& containerId,
                         const Resources& resources) override;
  Future<ResourceStatistics> usage(const ContainerID& containerId) override;
  Future<ContainerStatus> status(const ContainerID& containerId) override;
  Future<Option<ContainerTermination>> wait(
      const ContainerID& containerId) override;
  Future<Option<ContainerTermination>> destroy(
      const ContainerID& containerId) override;
  Future<hashset<ContainerID>> containers() override;

 private:
  struct Container {
    enum class State {
      FETCHING,    // Fetching URIs; nothing runs yet.
      FAILED,      // The launch failed before anything ran.
      RUNNING,     // The executor runs (or was recovered).
      DESTROYING,  // Signalled; waiting for the executor to go.
      TERMINATED,  // Recovered already dead; kept until destroyed.
    };

    explicit Container(const ContainerID& id) : id(id) {}

    ContainerID id;
    State state = State::FETCHING;
    std::string directory;
    Resources resources;
    Option<pid_t> pid;
    Future<Nothing> fetching;
    bool destroyRequested = false;
    process::Timer escalation;
    std::string message;
    Promise<Option<ContainerTermination>> termination;
  };

  using ContainerPtr = std::shared_ptr<Container>;

  Failure notFound(const ContainerID& containerId) const {
    return Failure("Unknown container " + stringify(containerId));
  }

  void fetched(const LaunchArguments& request, const ContainerPtr& container,
               const Future<Nothing>& fetch,
               std::shared_ptr<Promise<LaunchResult>> promise);
  Try<Nothing> fork(const LaunchArguments& request,
                    const ContainerPtr& container);
  void watch(const ContainerPtr& container, const Future<Option<int>>& status);
  void reaped(const ContainerPtr& container, const Future<Option<int>>& status);
  void escalate(const ContainerPtr& container);
  void finish(const ContainerPtr& container, const Option<int>& status);
  Future<Nothing> destroyOrphans();

  // The pids in the container's cgroups, if it has any.
  std::vector<pid_t> cgroupPids(const ContainerID& containerId) const {
    return cgroups_ != nullptr ? cgroups_->pids(containerId)
                               : std::vector<pid_t>();
  }

  const Flags flags_;
  const MesosContainerizer::Options options_;
  std::unique_ptr<CgroupsIsolator> cgroups_;  // Null without cgroups/*.
  ContainerTable<Container> containers_;
};

namespace {

bool isDocker(const ExecutorInfo& executorInfo,
              const Option<TaskInfo>& taskInfo) {
  if (executorInfo.has_container() &&
      executorInfo.container().type() == ContainerInfo::DOCKER) {
    return true;
  }
  return taskInfo.isSome() && taskInfo->has_container() &&
         taskInfo->container().type() == ContainerInfo::DOCKER;
}

std::string describe(const Option<int>& status) {
  if (status.isNone()) {
    return "with an unknown status";
  }
  if (WIFEXITED(status.get())) {
    return "with status " + stringify(WEXITSTATUS(status.get()));
  }
  if (WIFSIGNALED(status.get())) {
    return "by signal " + stringify(WTERMSIG(status.get())) + " (" +
           strsignal(WTERMSIG(status.get())) + ")";
  }
  return "with wait status " + stringify(status.get());
}

}  // namespace

Future<LaunchResult> MesosContainerizerProcess::launch(
    const LaunchArguments& request) {
  if (containers_.contains(request.containerId)) {
    return LaunchResult::ALREADY_LAUNCHED;
  }
  if (isDocker(request.executorInfo, request.taskInfo)) {
    return LaunchResult::NOT_SUPPORTED;
  }
  if (!request.executorInfo.has_command()) {
    return Failure("Executor " + stringify(request.executorInfo.executor_id()) +
                   " has no command to run");
  }

  auto container = std::make_shared<Container>(request.containerId);
  container->directory = request.directory;
  container->resources = request.resources();
  containers_.add(container);

  LOG(INFO) << "Starting container " << request.containerId << " for executor "
            << request.executorInfo.executor_id() << " in "
            << request.directory;

  // A command task's own URIs are fetched too, unless the agent already
  // copied them into the executor's command.
  google::protobuf::RepeatedPtrField<CommandInfo::URI> uris =
      request.executorInfo.command().uris();
  if (request.taskInfo.isSome()) {
    for (const CommandInfo::URI& uri : request.taskInfo->command().uris()) {
      bool listed = false;
      for (const CommandInfo::URI& known : uris) {
        listed = listed || known.value() == uri.value();
      }
      if (!listed) {
        *uris.Add() = uri;
      }
    }
  }

  auto promise = std::make_shared<Promise<LaunchResult>>();
  container->fetching = fetch(uris, request.directory, flags_.frameworks_home);
  container->fetching.onAny(process::defer(
      self(), [this, request, container, promise](const Future<Nothing>& f) {
        fetched(request, container, f, promise);
      }));
  return promise->future();
}

void MesosContainerizerProcess::fetched(
    const LaunchArguments& request, const ContainerPtr& container,
    const Future<Nothing>& fetch,
    std::shared_ptr<Promise<LaunchResult>> promise) {
  if (!containers_.current(container)) {
    promise->fail("Container was destroyed while fetching");
    return;
  }

  if (container->destroyRequested) {
    promise->fail("Container was destroyed while fetching");
    container->message = "Container destroyed while fetching";
    finish(container, None());
    return;
  }

  if (!fetch.isReady()) {
    container->state = Container::State::FAILED;
    promise->fail("Failed to fetch URIs: " +
                  (fetch.isFailed() ? fetch.failure() : "discarded"));
    return;
  }

  Try<Nothing> forked = this->fork(request, container);
  if (forked.isError()) {
    LOG(ERROR) << "Failed to launch container " << request.containerId << ": "
               << forked.error();
    promise->fail(forked.error());
    return;
  }
  promise->set(LaunchResult::SUCCESS);
}

Try<Nothing> MesosContainerizerProcess::fork(const LaunchArguments& request,
                                             const ContainerPtr& container) {
  container->state = Container::State::FAILED;

  std::vector<process::Subprocess::ParentHook> hooks;
  if (cgroups_ != nullptr) {
    Try<Nothing> prepared =
        cgroups_->prepare(request.containerId, container->resources);
    if (prepared.isError()) {
      return Error("Failed to prepare cgroups: " + prepared.error());
    }
    CgroupsIsolator* cgroups = cgroups_.get();
    const ContainerID containerId = request.containerId;
    hooks.emplace_back([cgroups, containerId](pid_t pid) {
      return cgroups->isolate(containerId, pid);
    });
  }

  Try<process::Subprocess> child = posix::launch(
      request.executorInfo.command(), request.directory,
      posix::environment(request.executorInfo.command(), request.environment),
      hooks);
  if (child.isError()) {
    return Error("Failed to fork the executor: " + child.error());
  }

  const pid_t pid = child->pid();
  container->pid = pid;
  container->state = Container::State::RUNNING;
  watch(container, child->status());
  LOG(INFO) << "Forked executor of container " << request.containerId
            << " as pid " << pid;

  if (request.checkpoint) {
    FrameworkID frameworkId = request.executorInfo.framework_id();
    auto env = request.environment.find("MESOS_FRAMEWORK_ID");
    if (!request.executorInfo.has_framework_id() &&
        env != request.environment.end()) {
      frameworkId.set_value(env->second);
    }
    const std::string path = paths::getForkedPidPath(
        paths::getMetaRootDir(flags_.work_dir), request.slaveId, frameworkId,
        request.executorInfo.executor_id(), request.containerId);
    Try<Nothing> checkpointed = state::checkpoint(path, stringify(pid));
    if (checkpointed.isError()) {
      return Error("Failed to checkpoint the executor's pid to '" + path +
                   "': " + checkpointed.error());
    }
  }
  return Nothing();
}

void MesosContainerizerProcess::watch(const ContainerPtr& container,
                                      const Future<Option<int>>& status) {
  status.onAny(process::defer(
      self(), [this, container](const Future<Option<int>>& status) {
        reaped(container, status);
      }));
}

void MesosContainerizerProcess::reaped(const ContainerPtr& container,
                                       const Future<Option<int>>& status) {
  if (!containers_.current(container)) {
    return;
  }
  container->escalation.cancel();

  const Option<int> result =
      status.isReady() ? status.get() : Option<int>(None());
  if (container->message.empty()) {
    container->message = "Executor terminated " + describe(result);
  }
  LOG(INFO) << "Container " << container->id << ": " << container->message;

  // Whatever the executor left behind goes with it, as in Mesos; the
  // container ends once those processes are gone too.
  std::vector<Future<Option<int>>> leftovers;
  for (pid_t pid : posix::signal(container->pid.get(), SIGKILL,
                                 cgroupPids(container->id), true)) {
    leftovers.push_back(process::reap(pid));
  }
  process::await(leftovers).onAny(process::defer(
      self(),
      [this, container, result](const auto&) { finish(container, result); }));
}

void MesosContainerizerProcess::escalate(const ContainerPtr& container) {
  if (!containers_.current(container) || container->pid.isNone()) {
    return;
  }
  LOG(INFO) << "Container " << container->id
            << " still running after the grace period; sending SIGKILL";
  posix::signal(container->pid.get(), SIGKILL, cgroupPids(container->id));
}

void MesosContainerizerProcess::finish(const ContainerPtr& container,
                                       const Option<int>& status) {
  if (cgroups_ != nullptr) {
    Try<Nothing> cleaned = cgroups_->cleanup(container->id);
    if (cleaned.isError()) {
      LOG(WARNING) << "Container " << container->id << ": " << cleaned.error();
    }
  }

  ContainerTermination termination;
  termination.status = status;
  termination.message = container->message;

  containers_.finish(container, termination);
}

Future<Option<ContainerTermination>> MesosContainerizerProcess::destroy(
    const ContainerID& containerId) {
  ContainerPtr container = containers_.find(containerId);
  if (container == nullptr) {
    return None();
  }

  switch (container->state) {
    case Container::State::FETCHING:
      if (!container->destroyRequested) {
        LOG(INFO) << "Destroying container " << containerId
                  << " while it is fetching";
        container->destroyRequested = true;
        container->fetching.discard();
      }
      break;
    case Container::State::FAILED:
      container->message = "Container destroyed after a failed launch";
      finish(container, None());
      break;
    case Container::State::TERMINATED:
      containers_.erase(containerId);
      break;
    case Container::State::RUNNING:
      LOG(INFO) << "Destroying container " << containerId << " (pid "
                << container->pid.get() << ")";
      container->state = Container::State::DESTROYING;
      container->message = "Container destroyed";
      posix::signal(container->pid.get(), SIGTERM, cgroupPids(containerId));
      container->escalation =
          process::delay(options_.destroyGracePeriod, self(),
                         [this, container]() { escalate(container); });
      break;
    case Container::State::DESTROYING:
      break;
  }
  return container->termination.future();
}

Future<Option<ContainerTermination>> MesosContainerizerProcess::wait(
    const ContainerID& containerId) {
  return containers_.wait(containerId);
}

Future<Nothing> MesosContainerizerProcess::update(
    const ContainerID& containerId, const Resources& resources) {
  ContainerPtr container = containers_.find(containerId);
  if (container == nullptr) {
    return notFound(containerId);
  }
  container->resources = resources;
  if (cgroups_ != nullptr && container->state == Container::State::RUNNING) {
    Try<Nothing> updated = cgroups_->update(containerId, resources);
    if (updated.isError()) {
      return Failure("Failed to update the limits of container " +
                     stringify(containerId) + ": " + updated.error());
    }
  }
  return Nothing();
}

Future<ResourceStatistics> MesosContainerizerProcess::usage(
    const ContainerID& containerId) {
  ContainerPtr container = containers_.find(containerId);
  if (container == nullptr) {
    return notFound(containerId);
  }

  ResourceStatistics statistics;
  statistics.set_timestamp(process::Clock::now().secs());

  if (container->pid.isSome()) {
    const double ticks = static_cast<double>(proc::ticksPerSecond());
    const uint64_t page = static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
    uint64_t utime = 0, stime = 0, rss = 0, threads = 0, processes = 0;
    for (const proc::ProcessStat& process :
         proc::container(container->pid.get())) {
      if (process.state == 'Z') {
        continue;
      }
      utime += process.utimeTicks;
      stime += process.stimeTicks;
      rss += process.rssPages * page;
      threads += process.threads;
      ++processes;
    }
    statistics.set_cpus_user_time_secs(utime / ticks);
    statistics.set_cpus_system_time_secs(stime / ticks);
    statistics.set_mem_rss_bytes(rss);
    statistics.set_processes(static_cast<uint32_t>(processes));
    statistics.set_threads(static_cast<uint32_t>(threads));

    if (cgroups_ != nullptr) {
      cgroups_->usage(containerId, &statistics);
    }
  }

  Option<double> cpus = container->resources.cpus();
  if (cpus.isSome()) {
    statistics.set_cpus_limit(cpus.get());
  }
  Option<Bytes> mem = container->resources.mem();
  if (mem.isSome()) {
    statistics.set_mem_limit_bytes(mem->bytes());
  }
  return statistics;
}

Future<ContainerStatus> MesosContainerizerProcess::status(
    const ContainerID& containerId) {
  ContainerPtr container = containers_.find(containerId);
  if (container == nullptr) {
    return notFound(containerId);
  }
  ContainerStatus status;
  *status.mutable_container_id() = containerId;
  if (container->pid.isSome()) {
    status.set_executor_pid(static_cast<uint32_t>(container->pid.get()));
  }
  return status;
}

Future<hashset<ContainerID>> MesosContainerizerProcess::containers() {
  return containers_.ids();
}

Future<Nothing> MesosContainerizerProcess::recover(
    const Option<state::SlaveState>& state) {
  if (state.isSome()) {
    for (const auto& [frameworkId, framework] : state->frameworks) {
      for (const auto& [executorId, executor] : framework.executors) {
        if (executor.latest.isNone() ||
            !executor.runs.contains(executor.latest.get())) {
          continue;
        }
        const ContainerID& containerId = executor.latest.get();
        const state::RunState& run = executor.runs.at(containerId);
        if (run.completed || run.forkedPid.isNone() ||
            containers_.contains(containerId)) {
          continue;
        }

        auto container = std::make_shared<Container>(containerId);
        container->directory = paths::getExecutorRunPath(
            flags_.work_dir, state->id, frameworkId, executorId, containerId);
        if (executor.info.isSome()) {
          container->resources = executor.info->resources();
        }
        container->pid = run.forkedPid.get();
        containers_.add(container);

        if (proc::alive(run.forkedPid.get())) {
          LOG(INFO) << "Recovered container " << containerId << " of executor "
                    << executorId << " (pid " << run.forkedPid.get() << ")";
          container->state = Container::State::RUNNING;
          watch(container, process::reap(run.forkedPid.get()));
        } else {
          LOG(INFO) << "Container " << containerId << " of executor "
                    << executorId << " terminated while the agent was down";
          container->state = Container::State::TERMINATED;
          ContainerTermination termination;
          termination.message = "Executor terminated while the agent was down";
          container->termination.set(Option<ContainerTermination>(termination));
        }
      }
    }
  }
  return destroyOrphans();
}

Future<Nothing> MesosContainerizerProcess::destroyOrphans() {
  if (cgroups_ == nullptr) {
    return Nothing();
  }

  std::vector<Future<Nothing>> destroying;
  for (const ContainerID& containerId : cgroups_->containers()) {
    if (containers_.contains(containerId)) {
      continue;
    }
    LOG(INFO) << "Destroying orphan container " << containerId
              << " found in our cgroups";
    std::vector<Future<Option<int>>> dying;
    for (pid_t pid : cgroups_->pids(containerId)) {
      if (::kill(pid, SIGKILL) == 0) {
        dying.push_back(process::reap(pid));
      }
    }
    CgroupsIsolator* cgroups = cgroups_.get();
    destroying.push_back(process::await(dying).then(process::defer(
        self(), [cgroups, containerId](const auto&) -> Future<Nothing> {
          Try<Nothing> cleaned = cgroups->cleanup(containerId);
          if (cleaned.isError()) {
            LOG(WARNING) << "Orphan container " << containerId << ": "
                         << cleaned.error();
          }
          return Nothing();
        })));
  }
  return process::collect(destroying).then([](const std::vector<Nothing>&) {
    return Nothing();
  });
}

// -- Facade
// --------------------------------------------------------------------

namespace {

Try<std::unique_ptr<CgroupsIsolator>> isolation(
    const Flags& flags, const MesosContainerizer::Options& options) {
  bool posixCpu = false, posixMem = false, cgroupsCpu = false,
       cgroupsMem = false;
  for (const std::string& name : strings::tokenize(flags.isolation, ",")) {
    const std::string isolator = strings::trim(name);
    if (isolator == "posix/cpu") {
      posixCpu = true;
    } else if (isolator == "posix/mem") {
      posixMem = true;
    } else if (isolator == "cgroups/cpu") {
      cgroupsCpu = true;
    } else if (isolator == "cgroups/mem") {
      cgroupsMem = true;
    } else if (isolator != "filesystem/posix") {
      return Error("Unknown or unsupported isolator '" + isolator +
                   "' in --isolation (supported: posix/cpu, posix/mem, "
                   "filesystem/posix, cgroups/cpu, cgroups/mem)");
    }
  }
  if ((posixCpu && cgroupsCpu) || (posixMem && cgroupsMem)) {
    return Error(
        "--isolation cannot use both posix and cgroups isolators "
        "for the same resource: '" +
        flags.isolation + "'");
  }
  if (!cgroupsCpu && !cgroupsMem) {
    return std::unique_ptr<CgroupsIsolator>();
  }
  return CgroupsIsolator::create(cgroupsCpu, cgroupsMem, options.cgroups);
}

}  // namespace

Try<std::unique_ptr<Containerizer>> MesosContainerizer::create(
    const Flags& flags) {
  return create(flags, Options());
}

Try<std::unique_ptr<Containerizer>> MesosContainerizer::create(
    const Flags& flags, const Options& options) {
  if (flags.launcher != "posix") {
    return Error("Unsupported launcher '" + flags.launcher +
                 "' (supported: posix)");
  }
  Try<std::unique_ptr<CgroupsIsolator>> cgroups = isolation(flags, options);
  if (cgroups.isError()) {
    return Error(cgroups.error());
  }
  auto process = std::make_unique<MesosContainerizerProcess>(
      flags, options, std::move(cgroups).get());
  return std::unique_ptr<Containerizer>(
      new MesosContainerizer(std::move(process)));
}

MesosContainerizer::MesosContainerizer(
    std::unique_ptr<MesosContainerizerProcess> process)
    : ProcessContainerizer(std::move(process)) {}

}  // namespace slave
}  // namespace internal
}  // namespace mesos
