#include "slave/containerizer/external_containerizer.hpp"

#include <signal.h>

#include <utility>
#include <vector>

#include <glog/logging.h>

#include <mesos/containerizer/containerizer.pb.h>

#include <process/collect.hpp>
#include <process/defer.hpp>
#include <process/id.hpp>
#include <process/process.hpp>

#include <stout/error.hpp>
#include <stout/hashmap.hpp>
#include <stout/os.hpp>
#include <stout/stringify.hpp>

#include "slave/containerizer/external_invocation.hpp"
#include "slave/containerizer/termination_cache.hpp"
#include "slave/paths.hpp"

namespace mesos {
namespace internal {
namespace slave {

using process::Failure;
using process::Future;
using process::Promise;

using LaunchResult = Containerizer::LaunchResult;

class ExternalContainerizerProcess : public ContainerizerProcess {
 public:
  ExternalContainerizerProcess(const Flags& flags,
                               const ExternalContainerizer::Options& options)
      : ProcessBase(process::ID::generate("external-containerizer")),
        flags_(flags),
        options_(options) {}

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
    explicit Container(const ContainerID& id) : id(id) {}

    ContainerID id;
    Option<std::string> sandbox;
    Resources resources;
    // Completes when `launch` has; every other call about the container
    // queues behind it (MESOS-1251).
    Promise<Nothing> launched;
    // The running `wait` invocation, so that destroy can end it.
    Option<pid_t> waitPid;
    bool destroying = false;
    Promise<Option<ContainerTermination>> termination;
  };

  using ContainerPtr = std::shared_ptr<Container>;

  // Runs the program; `input` may be null. `timed`: subject to the timeout.
  Future<external::Output> run(const std::string& command,
                               const google::protobuf::Message* input,
                               const Option<std::string>& sandbox,
                               const std::map<std::string, std::string>& extra,
                               bool timed, Option<pid_t>* pid = nullptr);

  // Runs the program and fails unless it exited 0.
  Future<external::Output> call(
      const std::string& command, const google::protobuf::Message* input,
      const Option<std::string>& sandbox,
      const std::map<std::string, std::string>& extra = {});

  void startWait(const ContainerPtr& container);
  void waited(const ContainerPtr& container,
              const Future<external::Output>& output);
  void doDestroy(const ContainerPtr& container);
  void finish(const ContainerPtr& container,
              const ContainerTermination& termination);
  Future<Nothing> recovered(const Option<state::SlaveState>& state,
                            const containerizer::Containers& listed);

  const Flags flags_;
  const ExternalContainerizer::Options options_;
  ContainerTable<Container> containers_;
};

Future<external::Output> ExternalContainerizerProcess::run(
    const std::string& command, const google::protobuf::Message* input,
    const Option<std::string>& sandbox,
    const std::map<std::string, std::string>& extra, bool timed,
    Option<pid_t>* pid) {
  std::map<std::string, std::string> environment = os::environment();
  environment["MESOS_LIBEXEC_DIRECTORY"] = flags_.launcher_dir;
  environment["MESOS_WORK_DIRECTORY"] = flags_.work_dir;
  for (const auto& [name, value] : extra) {
    environment[name] = value;
  }

  Try<external::Invocation> invocation = external::invoke(
      flags_.containerizer_path.get(), command, input, sandbox, environment,
      timed ? Option<Duration>(options_.timeout) : Option<Duration>(None()));
  if (invocation.isError()) {
    return Failure(invocation.error());
  }
  if (pid != nullptr) {
    *pid = invocation->pid;
  }
  return invocation->output;
}

Future<external::Output> ExternalContainerizerProcess::call(
    const std::string& command, const google::protobuf::Message* input,
    const Option<std::string>& sandbox,
    const std::map<std::string, std::string>& extra) {
  return run(command, input, sandbox, extra, true)
      .then([command](
                const external::Output& output) -> Future<external::Output> {
        Option<Error> error = external::failed(command, output);
        if (error.isSome()) {
          return Failure(error->message);
        }
        return output;
      });
}

Future<LaunchResult> ExternalContainerizerProcess::launch(
    const LaunchArguments& request) {
  if (containers_.contains(request.containerId)) {
    return LaunchResult::ALREADY_LAUNCHED;
  }

  auto container = std::make_shared<Container>(request.containerId);
  container->sandbox = request.directory;
  container->resources = request.resources();
  containers_.add(container);

  containerizer::Launch launch;
  *launch.mutable_container_id() = request.containerId;
  if (request.taskInfo.isSome()) {
    *launch.mutable_task_info() = request.taskInfo.get();
  }
  *launch.mutable_executor_info() = request.executorInfo;
  launch.set_directory(request.directory);
  if (request.user.isSome()) {
    launch.set_user(request.user.get());
  }
  *launch.mutable_slave_id() = request.slaveId;
  auto slavePid = request.environment.find("MESOS_SLAVE_PID");
  if (slavePid != request.environment.end()) {
    launch.set_slave_pid(slavePid->second);
  }
  launch.set_checkpoint(request.checkpoint);

  std::map<std::string, std::string> environment = request.environment;
  if (flags_.default_container_image.isSome()) {
    environment["MESOS_DEFAULT_CONTAINER_IMAGE"] =
        flags_.default_container_image.get();
  }

  LOG(INFO) << "Launching container " << request.containerId
            << " with the external containerizer";
  const ContainerID containerId = request.containerId;
  return call("launch", &launch, container->sandbox, environment)
      .onAny(process::defer(
          self(),
          [this, container](const Future<external::Output>& output) {
            if (output.isReady()) {
              container->launched.set(Nothing());
              if (containers_.current(container)) {
                startWait(container);
              }
            } else {
              container->launched.fail(output.isFailed() ? output.failure()
                                                         : "discarded");
            }
          }))
      .then([](const external::Output&) { return LaunchResult::SUCCESS; })
      .repair([containerId](
                  const Future<LaunchResult>& failed) -> Future<LaunchResult> {
        return Failure("Failed to launch container " + stringify(containerId) +
                       ": " + failed.failure());
      });
}

void ExternalContainerizerProcess::startWait(const ContainerPtr& container) {
  containerizer::Wait wait;
  *wait.mutable_container_id() = container->id;
  Option<pid_t> pid;
  Future<external::Output> output =
      run("wait", &wait, container->sandbox, {}, false, &pid);
  container->waitPid = pid;
  output.onAny(process::defer(
      self(), [this, container](const Future<external::Output>& output) {
        waited(container, output);
      }));
}

void ExternalContainerizerProcess::waited(
    const ContainerPtr& container, const Future<external::Output>& output) {
  container->waitPid = None();
  if (!containers_.current(container)) {
    return;
  }

  ContainerTermination termination;
  Option<std::string> error;
  if (!output.isReady()) {
    error = output.isFailed() ? output.failure() : "discarded";
  } else if (Option<Error> failed = external::failed("wait", output.get());
             failed.isSome()) {
    if (container->destroying) {
      // We killed it: the container was destroyed.
      termination.status = output->status;
      termination.message = "Container destroyed";
      finish(container, termination);
      return;
    }
    error = failed->message;
  } else {
    Try<containerizer::Termination> parsed =
        external::parse<containerizer::Termination>("wait", output.get());
    if (parsed.isError()) {
      error = parsed.error();
    } else {
      if (parsed->has_status()) {
        termination.status = parsed->status();
      }
      termination.message = parsed->message();
      if (parsed->has_state()) {
        termination.state = parsed->state();
      }
      for (int reason : parsed->reasons()) {
        termination.reasons.push_back(static_cast<TaskStatus::Reason>(reason));
      }
      finish(container, termination);
      return;
    }
  }

  // Without a Termination we cannot know the container ended; make sure
  // it did before saying so.
  LOG(ERROR) << "Container " << container->id << ": " << error.get()
             << "; destroying it";
  termination.message = "External containerizer 'wait' failed: " + error.get();
  if (container->destroying) {
    finish(container, termination);
    return;
  }
  container->destroying = true;
  containerizer::Destroy destroy;
  *destroy.mutable_container_id() = container->id;
  call("destroy", &destroy, container->sandbox)
      .onAny(
          process::defer(self(), [this, container, termination](const auto&) {
            finish(container, termination);
          }));
}

void ExternalContainerizerProcess::finish(
    const ContainerPtr& container, const ContainerTermination& termination) {
  containers_.finish(container, termination);
}

Future<Option<ContainerTermination>> ExternalContainerizerProcess::destroy(
    const ContainerID& containerId) {
  ContainerPtr container = containers_.find(containerId);
  if (container == nullptr) {
    return None();
  }
  container->launched.future().onAny(process::defer(
      self(), [this, container](const auto&) { doDestroy(container); }));
  return container->termination.future();
}

void ExternalContainerizerProcess::doDestroy(const ContainerPtr& container) {
  if (!containers_.current(container) || container->destroying) {
    return;
  }
  container->destroying = true;
  LOG(INFO) << "Destroying container " << container->id
            << " with the external containerizer";

  containerizer::Destroy destroy;
  *destroy.mutable_container_id() = container->id;
  const bool launched = container->launched.future().isReady();
  call("destroy", &destroy, container->sandbox)
      .onAny(process::defer(self(), [this, container, launched](
                                        const Future<external::Output>& done) {
        if (!done.isReady()) {
          LOG(ERROR) << "Container " << container->id << ": "
                     << (done.isFailed() ? done.failure() : "discarded");
        }
        if (!containers_.current(container)) {
          return;  // `wait` already reported the end.
        }
        if (!launched) {
          ContainerTermination termination;
          termination.message = "Container destroyed after a failed launch";
          finish(container, termination);
        } else if (container->waitPid.isSome()) {
          // `waited` completes the destroy once the wait is gone.
          ::killpg(container->waitPid.get(), SIGKILL);
        }
      }));
}

Future<Option<ContainerTermination>> ExternalContainerizerProcess::wait(
    const ContainerID& containerId) {
  return containers_.wait(containerId);
}

Future<Nothing> ExternalContainerizerProcess::update(
    const ContainerID& containerId, const Resources& resources) {
  ContainerPtr container = containers_.find(containerId);
  if (container == nullptr) {
    return Failure("Unknown container " + stringify(containerId));
  }
  return container->launched.future().then(
      process::defer(self(), [this, container, resources]() -> Future<Nothing> {
        container->resources = resources;
        containerizer::Update update;
        *update.mutable_container_id() = container->id;
        *update.mutable_resources() = resources;
        return call("update", &update, container->sandbox)
            .then([](const external::Output&) { return Nothing(); });
      }));
}

Future<ResourceStatistics> ExternalContainerizerProcess::usage(
    const ContainerID& containerId) {
  ContainerPtr container = containers_.find(containerId);
  if (container == nullptr) {
    return Failure("Unknown container " + stringify(containerId));
  }
  return container->launched.future().then(
      process::defer(self(), [this, container]() {
        containerizer::Usage usage;
        *usage.mutable_container_id() = container->id;
        return call("usage", &usage, container->sandbox)
            .then([](const external::Output& output)
                      -> Future<ResourceStatistics> {
              Try<ResourceStatistics> statistics =
                  external::parse<ResourceStatistics>("usage", output);
              if (statistics.isError()) {
                return Failure(statistics.error());
              }
              return statistics.get();
            });
      }));
}

Future<ContainerStatus> ExternalContainerizerProcess::status(
    const ContainerID& containerId) {
  if (!containers_.contains(containerId)) {
    return Failure("Unknown container " + stringify(containerId));
  }
  ContainerStatus status;
  *status.mutable_container_id() = containerId;
  return status;
}

Future<hashset<ContainerID>> ExternalContainerizerProcess::containers() {
  return containers_.ids();
}

Future<Nothing> ExternalContainerizerProcess::recover(
    const Option<state::SlaveState>& state) {
  return call("recover", nullptr, None())
      .then(process::defer(self(),
                           [this](const external::Output&) {
                             return call("containers", nullptr, None());
                           }))
      .then(process::defer(
          self(),
          [this, state](const external::Output& output) -> Future<Nothing> {
            Try<containerizer::Containers> listed =
                external::parse<containerizer::Containers>("containers",
                                                           output);
            if (listed.isError()) {
              return Failure(listed.error());
            }
            return recovered(state, listed.get());
          }));
}

Future<Nothing> ExternalContainerizerProcess::recovered(
    const Option<state::SlaveState>& state,
    const containerizer::Containers& listed) {
  // The latest, uncompleted run of every checkpointed executor, with its
  // sandbox.
  hashmap<ContainerID, std::string> expected;
  if (state.isSome()) {
    for (const auto& [frameworkId, framework] : state->frameworks) {
      for (const auto& [executorId, executor] : framework.executors) {
        if (executor.latest.isNone()) {
          continue;
        }
        auto run = executor.runs.find(executor.latest.get());
        if (run != executor.runs.end() && run->second.completed) {
          continue;
        }
        expected[executor.latest.get()] =
            paths::getExecutorRunPath(flags_.work_dir, state->id, frameworkId,
                                      executorId, executor.latest.get());
      }
    }
  }

  std::vector<ContainerPtr> recovered;
  std::vector<Future<Nothing>> orphans;
  for (const ContainerID& containerId : listed.containers()) {
    if (containers_.contains(containerId)) {
      continue;
    }
    auto sandbox = expected.find(containerId);
    if (sandbox == expected.end()) {
      LOG(INFO) << "Destroying orphan container " << containerId
                << " of the external containerizer";
      containerizer::Destroy destroy;
      *destroy.mutable_container_id() = containerId;
      orphans.push_back(
          call("destroy", &destroy, None())
              .then([](const external::Output&) { return Nothing(); })
              .repair([containerId](const Future<Nothing>& failed) {
                LOG(ERROR) << "Failed to destroy orphan container "
                           << containerId << ": " << failed.failure();
                return Nothing();
              }));
      continue;
    }
    LOG(INFO) << "Recovered container " << containerId
              << " of the external containerizer";
    auto container = std::make_shared<Container>(containerId);
    container->sandbox = sandbox->second;
    container->launched.set(Nothing());
    containers_.add(container);
    recovered.push_back(container);
  }

  for (const ContainerPtr& container : recovered) {
    startWait(container);
  }

  return process::collect(orphans).then(
      [](const std::vector<Nothing>&) { return Nothing(); });
}

// -- Facade
// --------------------------------------------------------------------

Try<std::unique_ptr<Containerizer>> ExternalContainerizer::create(
    const Flags& flags) {
  return create(flags, Options());
}

Try<std::unique_ptr<Containerizer>> ExternalContainerizer::create(
    const Flags& flags, const Options& options) {
  if (flags.containerizer_path.isNone() || flags.containerizer_path->empty()) {
    return Error(
        "The external containerizer needs --containerizer_path (the program "
        "to run)");
  }
  return std::unique_ptr<Containerizer>(new ExternalContainerizer(
      std::make_unique<ExternalContainerizerProcess>(flags, options)));
}

ExternalContainerizer::ExternalContainerizer(
    std::unique_ptr<ExternalContainerizerProcess> process)
    : ProcessContainerizer(std::move(process)) {}

}  // namespace slave
}  // namespace internal
}  // namespace mesos
