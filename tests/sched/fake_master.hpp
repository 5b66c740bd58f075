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

#include <process/id.hpp>

#include "driver/driver_test_kit.hpp"

namespace mesos {
namespace tests {

class FakeMaster : public FakePeer<FakeMaster> {
 public:
  FakeMaster() : ProcessBase("master") {
    record(&calls);
    record(&deactivations);
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

  EventQueue<Received<scheduler::Call>> calls;
  EventQueue<Received<internal::DeactivateFrameworkMessage>> deactivations;
};

// A fake agent for scheduler tests: records framework messages sent
// straight to it.
class FakeSchedulerAgent : public FakePeer<FakeSchedulerAgent> {
 public:
  FakeSchedulerAgent() : ProcessBase(process::ID::generate("slave")) {
    record(&messages);
  }

  EventQueue<Received<internal::FrameworkToExecutorMessage>> messages;
};

}  // namespace tests
}  // namespace mesos

#endif  // MESOS_TESTS_SCHED_FAKE_MASTER_HPP
