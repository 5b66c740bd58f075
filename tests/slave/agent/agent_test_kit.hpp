#ifndef MESOS_TESTS_SLAVE_AGENT_AGENT_TEST_KIT_HPP
#define MESOS_TESTS_SLAVE_AGENT_AGENT_TEST_KIT_HPP

// What the agent tests drive the Slave with:
//
// - FakePeer: a libprocess process standing in for the master or an
//   executor. It sends real protobuf messages from its own pid and keeps
//   every message it receives, so a test can wait for the next message of
//   a type (`receive<M>()`) or check that none came (`count<M>()`).
// - TestContainerizer: an in-test Containerizer that records launches and
//   lets the test decide how launches end and when containers terminate.
// - AgentTest: a fixture with a temporary work dir, a paused-clock-ready
//   agent (flags, gc, status update manager, containerizer) and helpers for
//   the common steps (register with the fake master, launch a task,
//   register its executor).

#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <gtest/gtest.h>

#include <mesos/mesos.hpp>
#include <mesos/type_utils.hpp>

#include <messages/messages.pb.h>

#include <process/clock.hpp>
#include <process/dispatch.hpp>
#include <process/future.hpp>
#include <process/gtest.hpp>
#include <process/id.hpp>
#include <process/pid.hpp>
#include <process/process.hpp>

#include <stout/hashmap.hpp>
#include <stout/os.hpp>
#include <stout/path.hpp>
#include <stout/uuid.hpp>

#include "slave/containerizer/containerizer.hpp"
#include "slave/flags.hpp"
#include "slave/gc.hpp"
#include "slave/paths.hpp"
#include "slave/slave.hpp"
#include "slave/state.hpp"
#include "slave/task_status_update_manager.hpp"

namespace mesos {
namespace internal {
namespace slave {
namespace tests {

class FakePeerProcess : public process::Process<FakePeerProcess> {
 public:
  explicit FakePeerProcess(const std::string& id) : ProcessBase(id) {}

  void post(const process::UPID& to, const std::string& name,
            const std::string& body) {
    process::ProcessBase::send(to, name, body);
  }

  void linkTo(const process::UPID& to) { link(to); }

  // Next message named `name` (in arrival order).
  process::Future<process::Message> next(const std::string& name) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& queue = received_[name];
    if (!queue.empty()) {
      process::Message message = queue.front();
      queue.pop_front();
      return message;
    }
    waiting_[name].emplace_back();
    return waiting_[name].back().future();
  }

  size_t count(const std::string& name) {
    std::lock_guard<std::mutex> lock(mutex_);
    return received_[name].size();
  }

 protected:
  void visit(const process::MessageEvent& event) override {
    std::unique_ptr<process::Promise<process::Message>> promise;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto& waiting = waiting_[event.message.name];
      if (waiting.empty()) {
        received_[event.message.name].push_back(event.message);
        return;
      }
      promise.reset(
          new process::Promise<process::Message>(std::move(waiting.front())));
      waiting.pop_front();
    }
    promise->set(event.message);
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::deque<process::Message>> received_;
  std::map<std::string, std::deque<process::Promise<process::Message>>>
      waiting_;
};

// A FakePeer owns its process; destroying it terminates the process.
class FakePeer {
 public:
  explicit FakePeer(const std::string& id) : process_(new FakePeerProcess(id)) {
    pid_ = process::spawn(process_.get());
  }

  ~FakePeer() {
    process::terminate(process_.get());
    process::wait(process_.get());
  }

  const process::UPID& pid() const { return pid_; }

  template <typename M>
  void send(const process::UPID& to, const M& message) {
    std::string body;
    message.SerializeToString(&body);
    sendRaw(to, message.GetTypeName(), body);
  }

  void sendRaw(const process::UPID& to, const std::string& name,
               const std::string& body) {
    process::dispatch(process_.get(), &FakePeerProcess::post, to, name, body);
  }

  void link(const process::UPID& to) {
    process::dispatch(process_.get(), &FakePeerProcess::linkTo, to);
  }

  // The next message of type M, parsed.
  template <typename M>
  process::Future<M> receive() {
    return process_->next(M().GetTypeName())
        .then([](const process::Message& message) -> process::Future<M> {
          M parsed;
          if (!parsed.ParseFromString(message.body)) {
            return process::Failure("Failed to parse " + message.name);
          }
          return parsed;
        });
  }

  // How many messages of type M arrived and were not yet received.
  template <typename M>
  size_t count() {
    return process_->count(M().GetTypeName());
  }

 private:
  std::unique_ptr<FakePeerProcess> process_;
  process::UPID pid_;
};

// A Containerizer whose behaviour the test controls. Thread-safe.
class TestContainerizer : public Containerizer {
 public:
  struct Launch {
    ContainerID containerId;
    Option<TaskInfo> taskInfo;
    ExecutorInfo executorInfo;
    std::string directory;
    std::map<std::string, std::string> environment;
    bool checkpoint = false;
  };

  process::Future<Nothing> recover(const Option<state::SlaveState>&) override {
    return Nothing();
  }

  process::Future<LaunchResult> launch(
      const ContainerID& containerId, const Option<TaskInfo>& taskInfo,
      const ExecutorInfo& executorInfo, const std::string& directory,
      const Option<std::string>&, const SlaveID& slaveId,
      const std::map<std::string, std::string>& environment,
      bool checkpoint) override {
    std::lock_guard<std::mutex> lock(mutex_);
    if (checkpoint && metaDir.isSome()) {
      // As a real containerizer does: the pid the agent recovers.
      Try<Nothing> written = state::checkpoint(
          paths::getForkedPidPath(metaDir.get(), slaveId,
                                  executorInfo.framework_id(),
                                  executorInfo.executor_id(), containerId),
          std::to_string(::getpid()));
      if (written.isError()) {
        return process::Failure(written.error());
      }
    }
    Launch launch{containerId, taskInfo,    executorInfo,
                  directory,   environment, checkpoint};
    launches_.push_back(launch);
    terminations_.emplace(
        containerId,
        std::make_shared<process::Promise<Option<ContainerTermination>>>());
    if (!launchWaiters_.empty()) {
      launchWaiters_.front().set(launch);
      launchWaiters_.pop_front();
    } else {
      pendingLaunches_.push_back(launch);
    }
    if (launchResult_.isSome()) {
      return launchResult_.get();
    }
    return LaunchResult::SUCCESS;
  }

  process::Future<Nothing> update(const ContainerID& containerId,
                                  const Resources&) override {
    std::lock_guard<std::mutex> lock(mutex_);
    updates_++;
    if (updateResult_.isSome()) {
      return updateResult_.get();
    }
    return Nothing();
  }

  process::Future<ResourceStatistics> usage(const ContainerID&) override {
    return ResourceStatistics();
  }

  process::Future<ContainerStatus> status(const ContainerID&) override {
    return ContainerStatus();
  }

  process::Future<Option<ContainerTermination>> wait(
      const ContainerID& containerId) override {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = terminations_.find(containerId);
    if (it == terminations_.end()) {
      return None();
    }
    return it->second->future();
  }

  process::Future<Option<ContainerTermination>> destroy(
      const ContainerID& containerId) override {
    std::lock_guard<std::mutex> lock(mutex_);
    destroyed_.push_back(containerId);
    auto it = terminations_.find(containerId);
    if (it == terminations_.end()) {
      return None();
    }
    ContainerTermination termination;
    termination.status = 9;  // As if killed by SIGKILL.
    termination.message = "Container destroyed";
    it->second->set(Option<ContainerTermination>(termination));
    return it->second->future();
  }

  process::Future<hashset<ContainerID>> containers() override {
    std::lock_guard<std::mutex> lock(mutex_);
    hashset<ContainerID> ids;
    for (const auto& [id, promise] : terminations_) {
      ids.insert(id);
    }
    return ids;
  }

  // -- Test controls ---------------------------------------------------------

  // Where checkpointed launches record their forked pid.
  Option<std::string> metaDir;

  // The next launch (in order).
  process::Future<Launch> nextLaunch() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!pendingLaunches_.empty()) {
      Launch launch = pendingLaunches_.front();
      pendingLaunches_.pop_front();
      return launch;
    }
    launchWaiters_.emplace_back();
    return launchWaiters_.back().future();
  }

  // The container ends by itself with wait status `status`.
  void terminate(const ContainerID& containerId, int status,
                 const Option<TaskState>& state = None()) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = terminations_.find(containerId);
    if (it != terminations_.end()) {
      ContainerTermination termination;
      termination.status = status;
      termination.state = state;
      termination.message = "Container exited";
      it->second->set(Option<ContainerTermination>(termination));
    }
  }

  void setLaunchResult(const process::Future<LaunchResult>& result) {
    std::lock_guard<std::mutex> lock(mutex_);
    launchResult_ = result;
  }

  void setUpdateResult(const process::Future<Nothing>& result) {
    std::lock_guard<std::mutex> lock(mutex_);
    updateResult_ = result;
  }

  size_t destroyedCount() {
    std::lock_guard<std::mutex> lock(mutex_);
    return destroyed_.size();
  }

  size_t launchCount() {
    std::lock_guard<std::mutex> lock(mutex_);
    return launches_.size();
  }

 private:
  std::mutex mutex_;
  std::vector<Launch> launches_;
  std::deque<Launch> pendingLaunches_;
  std::deque<process::Promise<Launch>> launchWaiters_;
  std::map<ContainerID,
           std::shared_ptr<process::Promise<Option<ContainerTermination>>>>
      terminations_;
  std::vector<ContainerID> destroyed_;
  size_t updates_ = 0;
  Option<process::Future<LaunchResult>> launchResult_;
  Option<process::Future<Nothing>> updateResult_;
};

class AgentTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Starts the agent with `flags` (registration backoff etc. already set
  // up by SetUp; tests may change `flags` before calling this). The clock
  // is paused first.
  void startAgent();

  // Lets the agent register with the fake master: advances the clock past
  // the first registration backoff, answers SlaveRegisteredMessage.
  void registerAgent();

  // The fake master accepts the agent's reregistration
  // (SlaveReregisteredMessage with the agent's id).
  void acceptReregistration();

  // The fake master acknowledges `update` to the agent.
  void acknowledge(const StatusUpdate& update);

  // A framework info with an id (checkpoint as given).
  FrameworkInfo framework(bool checkpoint = false) const;

  // A command task with 1 cpu / 64 MB.
  TaskInfo commandTask(const std::string& id) const;

  // A task for a custom executor `executorId`.
  TaskInfo executorTask(const std::string& id,
                        const std::string& executorId) const;

  // Sends RunTaskMessage from the fake master.
  void runTask(const FrameworkInfo& framework, const TaskInfo& task);

  // Registers a fake executor (a new FakePeer) for the launched
  // container and returns it with its ExecutorRegisteredMessage handled.
  std::unique_ptr<FakePeer> registerExecutor(
      const TestContainerizer::Launch& launch);

  // A status update with a fresh uuid, as an executor makes it.
  StatusUpdate executorUpdate(const TaskID& taskId, TaskState state,
                              const ExecutorID& executorId) const;

  std::string workDir;
  Flags flags;
  SlaveID slaveId;
  std::unique_ptr<FakePeer> master;
  std::unique_ptr<TestContainerizer> containerizer;
  std::unique_ptr<GarbageCollector> gc;
  std::unique_ptr<TaskStatusUpdateManager> statusUpdateManager;
  Slave* slave = nullptr;
  process::PID<Slave> slavePid;
};

}  // namespace tests
}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_TESTS_SLAVE_AGENT_AGENT_TEST_KIT_HPP
