#ifndef MESOS_TESTS_SLAVE_CONTAINERIZER_FAKE_CONTAINERIZER_HPP
#define MESOS_TESTS_SLAVE_CONTAINERIZER_FAKE_CONTAINERIZER_HPP

// A test-only Containerizer whose answers the test controls. Nothing runs:
// a "container" is an entry in a table. Thread-safe (a mutex guards the
// table), since the composing containerizer calls it from its process while
// the test inspects it.
//
// - launch: answers at once according to `mode()` (SUCCESS, NOT_SUPPORTED
//   or a failure), or, in Mode::HOLD, stays pending until the test calls
//   `completeLaunch` / `failLaunch`. `launchStarted(id)` becomes READY when
//   a launch of `id` reaches this containerizer. SUCCESS (and a launch that
//   is pending) makes the id known.
// - wait: READY with the termination when the container is destroyed or
//   `terminate`d; None for an unknown id.
// - destroy: a known container is removed and its waiters get a
//   termination with message "destroyed"; a pending launch of it fails.
//   With `holdDestroys(true)`, destroy stays pending until
//   `completeDestroys()`. Unknown: READY with None.
// - update/usage/status: READY for a known id (recorded), FAILED otherwise.
// - recover: makes the ids given to `setRecoverable` known, or fails with
//   the message given to `failRecover`.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <process/future.hpp>

#include <stout/hashmap.hpp>

#include "slave/containerizer/containerizer.hpp"

namespace mesos {
namespace internal {
namespace slave {
namespace tests {

class FakeContainerizer : public Containerizer {
 public:
  enum class Mode { SUCCESS, NOT_SUPPORTED, FAIL, HOLD };

  explicit FakeContainerizer(Mode mode = Mode::SUCCESS) : mode_(mode) {}

  // -- Control ---------------------------------------------------------------

  void setRecoverable(const hashset<ContainerID>& ids) {
    std::lock_guard<std::mutex> lock(mutex_);
    recoverable_ = ids;
  }

  void failRecover(const std::string& message) {
    std::lock_guard<std::mutex> lock(mutex_);
    recoverFailure_ = message;
  }

  void holdDestroys(bool hold) {
    std::lock_guard<std::mutex> lock(mutex_);
    holdDestroys_ = hold;
  }

  process::Future<Nothing> launchStarted(const ContainerID& id) {
    std::lock_guard<std::mutex> lock(mutex_);
    return started_[id].future();
  }

  // Completes a held launch of `id` with `result`.
  void completeLaunch(const ContainerID& id, LaunchResult result) {
    std::unique_ptr<process::Promise<LaunchResult>> promise;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = containers_.find(id);
      if (it == containers_.end() || it->second.launch == nullptr) {
        return;
      }
      promise = std::move(it->second.launch);
      if (result != LaunchResult::SUCCESS) {
        containers_.erase(it);
      }
    }
    promise->set(result);
  }

  void failLaunch(const ContainerID& id, const std::string& message) {
    std::unique_ptr<process::Promise<LaunchResult>> promise;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = containers_.find(id);
      if (it == containers_.end() || it->second.launch == nullptr) {
        return;
      }
      promise = std::move(it->second.launch);
    }
    promise->fail(message);
  }

  // Ends a container by itself (as if its executor exited).
  void terminate(const ContainerID& id, int status) {
    ContainerTermination termination;
    termination.status = status;
    termination.message = "exited";
    finish(id, termination);
  }

  // Completes every held destroy.
  void completeDestroys() {
    std::vector<
        std::pair<ContainerID, process::Promise<Option<ContainerTermination>>*>>
        held;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (auto& [id, promise] : heldDestroys_) {
        held.emplace_back(id, promise.get());
      }
    }
    for (auto& [id, promise] : held) {
      ContainerTermination termination;
      termination.message = "destroyed";
      const bool known = finish(id, termination);
      if (known) {
        promise->set(Option<ContainerTermination>(termination));
      } else {
        promise->set(Option<ContainerTermination>(None()));
      }
    }
  }

  // -- Inspection ------------------------------------------------------------

  bool knows(const ContainerID& id) {
    std::lock_guard<std::mutex> lock(mutex_);
    return containers_.contains(id);
  }

  int launches() {
    std::lock_guard<std::mutex> lock(mutex_);
    return launches_;
  }

  int destroys() {
    std::lock_guard<std::mutex> lock(mutex_);
    return destroys_;
  }

  std::vector<std::string> calls() {
    std::lock_guard<std::mutex> lock(mutex_);
    return calls_;
  }

  // -- Containerizer ---------------------------------------------------------

  process::Future<Nothing> recover(const Option<state::SlaveState>&) override {
    std::lock_guard<std::mutex> lock(mutex_);
    calls_.push_back("recover");
    if (recoverFailure_.isSome()) {
      return process::Failure(recoverFailure_.get());
    }
    for (const ContainerID& id : recoverable_) {
      containers_[id];
    }
    return Nothing();
  }

  process::Future<LaunchResult> launch(
      const ContainerID& id, const Option<TaskInfo>&, const ExecutorInfo&,
      const std::string&, const Option<std::string>&, const SlaveID&,
      const std::map<std::string, std::string>&, bool) override {
    process::Future<LaunchResult> result;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++launches_;
      calls_.push_back("launch " + id.value());
      switch (mode_) {
        case Mode::SUCCESS:
          containers_[id];
          result = LaunchResult::SUCCESS;
          break;
        case Mode::NOT_SUPPORTED:
          result = LaunchResult::NOT_SUPPORTED;
          break;
        case Mode::FAIL:
          result = process::Failure("launch failed");
          break;
        case Mode::HOLD: {
          Entry& entry = containers_[id];
          entry.launch = std::make_unique<process::Promise<LaunchResult>>();
          result = entry.launch->future();
          break;
        }
      }
    }
    startedPromise(id).set(Nothing());
    return result;
  }

  process::Future<Nothing> update(const ContainerID& id,
                                  const Resources&) override {
    std::lock_guard<std::mutex> lock(mutex_);
    calls_.push_back("update " + id.value());
    if (!containers_.contains(id)) {
      return process::Failure("unknown container");
    }
    return Nothing();
  }

  process::Future<ResourceStatistics> usage(const ContainerID& id) override {
    std::lock_guard<std::mutex> lock(mutex_);
    calls_.push_back("usage " + id.value());
    if (!containers_.contains(id)) {
      return process::Failure("unknown container");
    }
    ResourceStatistics statistics;
    statistics.set_timestamp(1.0);
    return statistics;
  }

  process::Future<ContainerStatus> status(const ContainerID& id) override {
    std::lock_guard<std::mutex> lock(mutex_);
    calls_.push_back("status " + id.value());
    if (!containers_.contains(id)) {
      return process::Failure("unknown container");
    }
    ContainerStatus status;
    status.mutable_container_id()->CopyFrom(id);
    return status;
  }

  process::Future<Option<ContainerTermination>> wait(
      const ContainerID& id) override {
    std::lock_guard<std::mutex> lock(mutex_);
    calls_.push_back("wait " + id.value());
    auto it = containers_.find(id);
    if (it == containers_.end()) {
      return Option<ContainerTermination>(None());
    }
    return it->second.termination->future();
  }

  process::Future<Option<ContainerTermination>> destroy(
      const ContainerID& id) override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++destroys_;
      calls_.push_back("destroy " + id.value());
      if (holdDestroys_) {
        auto promise =
            std::make_shared<process::Promise<Option<ContainerTermination>>>();
        heldDestroys_.emplace_back(id, promise);
        return promise->future();
      }
    }
    ContainerTermination termination;
    termination.message = "destroyed";
    if (!finish(id, termination)) {
      return Option<ContainerTermination>(None());
    }
    return Option<ContainerTermination>(termination);
  }

  process::Future<hashset<ContainerID>> containers() override {
    std::lock_guard<std::mutex> lock(mutex_);
    hashset<ContainerID> ids;
    for (const auto& entry : containers_) {
      ids.insert(entry.first);
    }
    return ids;
  }

 private:
  struct Entry {
    std::unique_ptr<process::Promise<LaunchResult>> launch;  // While held.
    std::shared_ptr<process::Promise<Option<ContainerTermination>>>
        termination =
            std::make_shared<process::Promise<Option<ContainerTermination>>>();
  };

  process::Promise<Nothing>& startedPromise(const ContainerID& id) {
    std::lock_guard<std::mutex> lock(mutex_);
    return started_[id];
  }

  // Removes `id`, failing its pending launch and completing its waiters.
  // False if `id` was unknown.
  bool finish(const ContainerID& id, const ContainerTermination& termination) {
    Entry entry;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = containers_.find(id);
      if (it == containers_.end()) {
        return false;
      }
      entry = std::move(it->second);
      containers_.erase(it);
    }
    if (entry.launch != nullptr) {
      entry.launch->fail("Container destroyed during launch");
    }
    entry.termination->set(Option<ContainerTermination>(termination));
    return true;
  }

  std::mutex mutex_;
  Mode mode_;
  hashset<ContainerID> recoverable_;
  Option<std::string> recoverFailure_;
  bool holdDestroys_ = false;
  hashmap<ContainerID, Entry> containers_;
  hashmap<ContainerID, process::Promise<Nothing>> started_;
  std::vector<std::pair<ContainerID, std::shared_ptr<process::Promise<
                                         Option<ContainerTermination>>>>>
      heldDestroys_;
  int launches_ = 0;
  int destroys_ = 0;
  std::vector<std::string> calls_;
};

}  // namespace tests
}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_TESTS_SLAVE_CONTAINERIZER_FAKE_CONTAINERIZER_HPP
