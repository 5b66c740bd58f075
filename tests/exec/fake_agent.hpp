#ifndef MESOS_TESTS_EXEC_FAKE_AGENT_HPP
#define MESOS_TESTS_EXEC_FAKE_AGENT_HPP

// A fake agent for executor tests: a libprocess process that records what
// executors send it (real protobuf messages) and sends them messages as an
// agent would.

#include <string>
#include <utility>

#include <mesos/mesos.hpp>

#include <messages/messages.pb.h>

#include <process/dispatch.hpp>
#include <process/id.hpp>
#include <process/protobuf.hpp>

#include "sched/event_queue.hpp"

namespace mesos {
namespace tests {

template <typename M>
struct Received {
  process::UPID from;
  M message;
};

class FakeAgent : public ProtobufProcess<FakeAgent> {
 public:
  FakeAgent() : ProcessBase(process::ID::generate("slave")) {
    install<internal::RegisterExecutorMessage>(&FakeAgent::onRegister);
    install<internal::ReregisterExecutorMessage>(&FakeAgent::onReregister);
    install<internal::StatusUpdateMessage>(&FakeAgent::onUpdate);
    install<internal::ExecutorToFrameworkMessage>(&FakeAgent::onMessage);
  }

  // Sends `message` to `to` from this agent (any thread).
  template <typename M>
  void post(const process::UPID& to, const M& message) {
    process::dispatch(self(), &FakeAgent::deliver, to, message.GetTypeName(),
                      message.SerializeAsString());
  }

  // Acknowledges `update` to the executor at `to`, as an agent does once
  // it checkpointed the update.
  void acknowledge(const process::UPID& to,
                   const internal::StatusUpdate& update) {
    internal::StatusUpdateAcknowledgementMessage ack;
    *ack.mutable_slave_id() = update.slave_id();
    *ack.mutable_framework_id() = update.framework_id();
    *ack.mutable_task_id() = update.status().task_id();
    ack.set_uuid(update.uuid());
    post(to, ack);
  }

  EventQueue<Received<internal::RegisterExecutorMessage>> registrations;
  EventQueue<Received<internal::ReregisterExecutorMessage>> reregistrations;
  EventQueue<Received<internal::StatusUpdateMessage>> updates;
  EventQueue<Received<internal::ExecutorToFrameworkMessage>> messages;

 private:
  void deliver(const process::UPID& to, const std::string& name,
               const std::string& body) {
    ProcessBase::send(to, name, body);
  }

  void onRegister(const process::UPID& from,
                  const internal::RegisterExecutorMessage& message) {
    registrations.put({from, message});
  }
  void onReregister(const process::UPID& from,
                    const internal::ReregisterExecutorMessage& message) {
    reregistrations.put({from, message});
  }
  void onUpdate(const process::UPID& from,
                const internal::StatusUpdateMessage& message) {
    updates.put({from, message});
  }
  void onMessage(const process::UPID& from,
                 const internal::ExecutorToFrameworkMessage& message) {
    messages.put({from, message});
  }
};

}  // namespace tests
}  // namespace mesos

#endif  // MESOS_TESTS_EXEC_FAKE_AGENT_HPP
