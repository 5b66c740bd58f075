#ifndef MESOS_TESTS_EXEC_FAKE_AGENT_HPP
#define MESOS_TESTS_EXEC_FAKE_AGENT_HPP

// A fake agent for executor tests: a libprocess process that records what
// executors send it (real protobuf messages) and sends them messages as an
// agent would.

#include <string>

#include <mesos/mesos.hpp>

#include <messages/messages.pb.h>

#include <process/id.hpp>

#include "driver/driver_test_kit.hpp"

namespace mesos {
namespace tests {

class FakeAgent : public FakePeer<FakeAgent> {
 public:
  FakeAgent() : ProcessBase(process::ID::generate("slave")) {
    record(&registrations);
    record(&reregistrations);
    record(&updates);
    record(&messages);
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

  // Registers the executor at `to` (ExecutorRegisteredMessage) as
  // `executorId` of "framework-1" (`framework`, if given) on "agent-1",
  // running `command`.
  void registered(const process::UPID& to, const std::string& executorId,
                  const std::string& command,
                  const FrameworkInfo& framework = FrameworkInfo()) {
    internal::ExecutorRegisteredMessage message;
    message.mutable_executor_info()->mutable_executor_id()->set_value(
        executorId);
    message.mutable_executor_info()->mutable_command()->set_value(command);
    message.mutable_framework_id()->set_value("framework-1");
    *message.mutable_framework_info() = framework;
    if (!framework.has_name()) {
      message.mutable_framework_info()->set_name("framework");
      message.mutable_framework_info()->set_user("user");
    }
    message.mutable_slave_id()->set_value("agent-1");
    message.mutable_slave_info()->set_hostname("localhost");
    post(to, message);
  }

  EventQueue<Received<internal::RegisterExecutorMessage>> registrations;
  EventQueue<Received<internal::ReregisterExecutorMessage>> reregistrations;
  EventQueue<Received<internal::StatusUpdateMessage>> updates;
  EventQueue<Received<internal::ExecutorToFrameworkMessage>> messages;
};

}  // namespace tests
}  // namespace mesos

#endif  // MESOS_TESTS_EXEC_FAKE_AGENT_HPP
