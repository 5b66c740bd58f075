#ifndef MESOS_TESTS_MASTER_MASTER_TEST_HELPERS_HPP
#define MESOS_TESTS_MASTER_MASTER_TEST_HELPERS_HPP

// Test kit for the master: a running Master (in-memory or durable
// registry) and fake peers (agents, schedulers) that speak real protobuf
// messages to it. Every test runs with a paused Clock; after an action,
// Clock::settle() lets every message between the processes be handled, and
// the fake peers' inboxes can then be read.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <mesos/scheduler/scheduler.pb.h>
#include <messages/messages.pb.h>
#include <mesos/mesos.hpp>
#include <mesos/resources.hpp>

#include <process/clock.hpp>
#include <process/dispatch.hpp>
#include <process/event.hpp>
#include <process/gtest.hpp>
#include <process/id.hpp>
#include <process/owned.hpp>
#include <process/process.hpp>
#include <process/protobuf.hpp>

#include <stout/option.hpp>

#include "master/allocator/hierarchical_drf_allocator.hpp"
#include "master/flags.hpp"
#include "master/master.hpp"
#include "master/registrar.hpp"

namespace mesos {
namespace internal {
namespace tests {

// A peer that records every message it receives. Optionally answers
// PingSlaveMessage with PongSlaveMessage, as a healthy agent does.
class FakePeer : public process::ProcessBase {
 public:
  explicit FakePeer(const std::string& prefix, bool pong = false)
      : process::ProcessBase(process::ID::generate(prefix)), pong_(pong) {}

  // Messages of type M received so far, oldest first.
  template <typename M>
  std::vector<M> received() const {
    std::vector<M> result;
    std::lock_guard<std::mutex> lock(mutex_);
    for (const process::Message& message : messages_) {
      if (message.name != M().GetTypeName())
        continue;
      M parsed;
      if (parsed.ParseFromString(message.body))
        result.push_back(parsed);
    }
    return result;
  }

  template <typename M>
  size_t count() const {
    return received<M>().size();
  }

  // The latest message of type M; fails the test if there is none.
  template <typename M>
  M last() const {
    std::vector<M> all = received<M>();
    EXPECT_FALSE(all.empty()) << "no " << M().GetTypeName() << " received";
    return all.empty() ? M() : all.back();
  }

  void clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    messages_.clear();
  }

  // Sends `message` to `to` as this peer.
  void send(const process::UPID& to, const google::protobuf::Message& message) {
    process::post(self(), to, message);
  }

  void setPong(bool pong) {
    std::lock_guard<std::mutex> lock(mutex_);
    pong_ = pong;
  }

 protected:
  void visit(const process::MessageEvent& event) override {
    bool pong = false;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      messages_.push_back(event.message);
      pong = pong_;
    }
    if (pong && event.message.name == PingSlaveMessage().GetTypeName())
      process::post(self(), event.message.from, PongSlaveMessage());
  }

 private:
  mutable std::mutex mutex_;
  std::vector<process::Message> messages_;
  bool pong_;
};

// A spawned FakePeer, terminated when destroyed.
struct Peer {
  explicit Peer(const std::string& prefix, bool pong = false)
      : process(new FakePeer(prefix, pong)) {
    pid = process::spawn(process, true);
  }
  ~Peer() { stop(); }

  void stop() {
    if (!stopped) {
      process::terminate(pid);
      process::wait(pid);
      stopped = true;
    }
  }

  FakePeer* operator->() { return process; }

  FakePeer* process;
  process::UPID pid;
  bool stopped = false;
};

inline Resources resources(const std::string& text) {
  Try<Resources> parsed = Resources::parse(text);
  EXPECT_FALSE(parsed.isError()) << parsed.error();
  return parsed.isError() ? Resources() : parsed.get();
}

inline master::Flags defaultFlags() {
  master::Flags flags;
  flags.registry = "in_memory";
  flags.hostname = std::string("master.test");
  return flags;
}

// A master with its allocator and registrar, all owned here.
class MasterTest : public ::testing::Test {
 protected:
  void SetUp() override { process::Clock::pause(); }

  void TearDown() override {
    stopMaster();
    process::Clock::resume();
  }

  // Starts a master and waits for its registry to be recovered.
  void startMaster(const master::Flags& flags = defaultFlags(),
                   const Option<std::string>& registryDir = None()) {
    allocator_.reset(new master::allocator::HierarchicalDRFAllocator());
    registrar_.reset(new master::Registrar(registryDir));
    master_.reset(
        new master::Master(allocator_.get(), registrar_.get(), flags));
    pid = process::spawn(master_.get());
    AWAIT_READY(process::dispatch(pid, &master::Master::recovered));
    info = process::dispatch(pid, &master::Master::info).get();
    process::Clock::settle();
  }

  // Waits until every registry write applied for so far is durable: a
  // no-op operation completes only after the writes queued before it.
  void awaitRegistry() {
    AWAIT_READY(registrar_->apply(process::Owned<master::RegistryOperation>(
        new master::PruneUnreachable({}, {}))));
  }

  void stopMaster() {
    if (master_ == nullptr)
      return;
    process::terminate(pid);
    process::wait(pid);
    master_.reset();
    registrar_.reset();
    allocator_.reset();
  }

  static SlaveInfo agentInfo(const std::string& hostname,
                             const std::string& text = "cpus:2;mem:1024") {
    SlaveInfo slave;
    slave.set_hostname(hostname);
    *slave.mutable_resources() = resources(text);
    return slave;
  }

  static void addCapabilities(
      google::protobuf::RepeatedPtrField<SlaveInfo::Capability>* list) {
    for (SlaveInfo::Capability::Type type :
         {SlaveInfo::Capability::MULTI_ROLE,
          SlaveInfo::Capability::HIERARCHICAL_ROLE,
          SlaveInfo::Capability::RESERVATION_REFINEMENT})
      list->Add()->set_type(type);
  }

  // Registers `agent` and returns its SlaveID.
  SlaveID registerAgent(Peer& agent, const SlaveInfo& slave) {
    RegisterSlaveMessage message;
    *message.mutable_slave() = slave;
    message.set_version("1.11.0");
    addCapabilities(message.mutable_agent_capabilities());
    agent->send(pid, message);
    process::Clock::settle();
    return agent->last<SlaveRegisteredMessage>().slave_id();
  }

  static FrameworkInfo frameworkInfo(const std::string& name = "test") {
    FrameworkInfo framework;
    framework.set_name(name);
    framework.set_user("nobody");
    return framework;
  }

  // Subscribes `scheduler` with a Call (`force`: a new scheduler instance
  // failing over) and returns the FrameworkID of the registered or
  // reregistered message it got (an empty id if neither).
  FrameworkID subscribe(Peer& scheduler, const FrameworkInfo& framework,
                        bool force = false) {
    const size_t registered = scheduler->count<FrameworkRegisteredMessage>();
    const size_t reregistered =
        scheduler->count<FrameworkReregisteredMessage>();
    scheduler::Call call;
    call.set_type(scheduler::Call::SUBSCRIBE);
    *call.mutable_subscribe()->mutable_framework_info() = framework;
    call.mutable_subscribe()->set_force(force);
    if (framework.has_id())
      *call.mutable_framework_id() = framework.id();
    scheduler->send(pid, call);
    process::Clock::settle();
    if (scheduler->count<FrameworkRegisteredMessage>() > registered)
      return scheduler->last<FrameworkRegisteredMessage>().framework_id();
    if (scheduler->count<FrameworkReregisteredMessage>() > reregistered)
      return scheduler->last<FrameworkReregisteredMessage>().framework_id();
    ADD_FAILURE() << "no (re)registration for " << framework.name();
    return FrameworkID();
  }

  scheduler::Call call(const FrameworkID& frameworkId,
                       scheduler::Call::Type type) {
    scheduler::Call call;
    call.set_type(type);
    *call.mutable_framework_id() = frameworkId;
    return call;
  }

  // A command task using `text` resources of `offer`.
  static TaskInfo commandTask(const std::string& id, const Offer& offer,
                              const std::string& text = "cpus:1;mem:128") {
    TaskInfo task;
    task.set_name(id);
    task.mutable_task_id()->set_value(id);
    *task.mutable_slave_id() = offer.slave_id();
    *task.mutable_resources() = resources(text);
    task.mutable_command()->set_value("sleep 1000");
    return task;
  }

  scheduler::Call acceptCall(const FrameworkID& frameworkId,
                             const OfferID& offerId,
                             const std::vector<TaskInfo>& tasks) {
    scheduler::Call accept = call(frameworkId, scheduler::Call::ACCEPT);
    *accept.mutable_accept()->add_offer_ids() = offerId;
    Offer::Operation* operation = accept.mutable_accept()->add_operations();
    operation->set_type(Offer::Operation::LAUNCH);
    for (const TaskInfo& task : tasks)
      *operation->mutable_launch()->add_task_infos() = task;
    return accept;
  }

  // The latest offer the scheduler received.
  static Offer lastOffer(Peer& scheduler) {
    ResourceOffersMessage offers = scheduler->last<ResourceOffersMessage>();
    EXPECT_EQ(1, offers.offers_size());
    return offers.offers_size() > 0 ? offers.offers(0) : Offer();
  }

  // The status updates the scheduler received.
  static std::vector<TaskStatus> statuses(Peer& scheduler) {
    std::vector<TaskStatus> result;
    for (const StatusUpdateMessage& message :
         scheduler->received<StatusUpdateMessage>())
      result.push_back(message.update().status());
    return result;
  }

  process::PID<master::Master> pid;
  MasterInfo info;

 private:
  std::unique_ptr<master::allocator::HierarchicalDRFAllocator> allocator_;
  std::unique_ptr<master::Registrar> registrar_;
  std::unique_ptr<master::Master> master_;
};

}  // namespace tests
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_TESTS_MASTER_MASTER_TEST_HELPERS_HPP
