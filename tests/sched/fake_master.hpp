#ifndef MESOS_TESTS_SCHED_FAKE_MASTER_HPP
#define MESOS_TESTS_SCHED_FAKE_MASTER_HPP

// A fake master for scheduler driver tests: a libprocess process named
// "master" that records the scheduler Calls and other messages a driver
// sends, and sends the driver what a master would. Only one may exist at
// a time (the id is fixed, like a real master's).

#include <string>

#include <mesos/scheduler/scheduler.pb.h>
#include <mesos/mesos.hpp>

#include <messages/messages.pb.h>

#include <process/dispatch.hpp>
#include <process/id.hpp>
#include <process/protobuf.hpp>

#include "sched/event_queue.hpp"

namespace mesos {
namespace tests {

template <typename M>
struct FromPeer {
  process::UPID from;
  M message;
};

class FakeMaster : public ProtobufProcess<FakeMaster> {
 public:
  FakeMaster() : ProcessBase("master") {
    install<scheduler::Call>(&FakeMaster::onCall);
    install<internal::DeactivateFrameworkMessage>(&FakeMaster::onDeactivate);
  }

  // Sends `message` to `to` from the master (any thread).
  template <typename M>
  void post(const process::UPID& to, const M& message) {
    process::dispatch(self(), &FakeMaster::deliver, to, message.GetTypeName(),
                      message.SerializeAsString());
  }

  MasterInfo info() const {
    MasterInfo info;
    info.set_id("master-id");
    info.set_ip(0);
    info.set_port(self().address.port);
    info.set_pid(std::string(self()));
    info.set_hostname("fake-master");
    return info;
  }

  EventQueue<FromPeer<scheduler::Call>> calls;
  EventQueue<FromPeer<internal::DeactivateFrameworkMessage>> deactivations;

 private:
  void deliver(const process::UPID& to, const std::string& name,
               const std::string& body) {
    ProcessBase::send(to, name, body);
  }

  void onCall(const process::UPID& from, const scheduler::Call& call) {
    calls.put({from, call});
  }
  void onDeactivate(const process::UPID& from,
                    const internal::DeactivateFrameworkMessage& message) {
    deactivations.put({from, message});
  }
};

// A fake agent for scheduler tests: records framework messages sent
// straight to it.
class FakeSchedulerAgent : public ProtobufProcess<FakeSchedulerAgent> {
 public:
  FakeSchedulerAgent() : ProcessBase(process::ID::generate("slave")) {
    install<internal::FrameworkToExecutorMessage>(
        &FakeSchedulerAgent::onMessage);
  }

  EventQueue<internal::FrameworkToExecutorMessage> messages;

 private:
  void onMessage(const internal::FrameworkToExecutorMessage& message) {
    messages.put(message);
  }
};

}  // namespace tests
}  // namespace mesos

#endif  // MESOS_TESTS_SCHED_FAKE_MASTER_HPP
