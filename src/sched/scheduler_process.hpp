#ifndef MESOS_SCHED_SCHEDULER_PROCESS_HPP
#define MESOS_SCHED_SCHEDULER_PROCESS_HPP

// The libprocess process behind MesosSchedulerDriver: it finds the master,
// registers (SUBSCRIBE calls with backoff), turns the master's messages
// into Scheduler callbacks and the driver's requests into scheduler Calls.
//
// Every callback runs inside one of this process's handlers, so callbacks
// are serialized and never run on a thread that called the driver. The
// driver's methods only dispatch here (never touching this state
// directly), except `running`, which they clear to stop callbacks at once.

#include <atomic>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <mesos/scheduler/scheduler.pb.h>
#include <mesos/mesos.hpp>
#include <mesos/scheduler.hpp>

#include <messages/messages.pb.h>

#include <process/future.hpp>
#include <process/latch.hpp>
#include <process/pid.hpp>
#include <process/protobuf.hpp>
#include <process/timer.hpp>

#include <stout/option.hpp>

#include "sched/constants.hpp"
#include <mesos/master/detector.hpp>

namespace mesos {
namespace internal {

class SchedulerProcess : public ProtobufProcess<SchedulerProcess> {
 public:
  // `startError`, if set, is a configuration error found by start(): the
  // process then only reports it (error callback, latch) and does nothing
  // else. `mutex` and `latch` are the driver's.
  SchedulerProcess(MesosSchedulerDriver* driver, Scheduler* scheduler,
                   const FrameworkInfo& framework,
                   const std::vector<std::string>& suppressedRoles,
                   const Option<Credential>& credential,
                   bool implicitAcknowledgements,
                   const std::string& schedulerId,
                   master::detector::MasterDetector* detector,
                   const scheduler::Flags& flags, std::recursive_mutex* mutex,
                   process::Latch* latch,
                   const Option<std::string>& startError = None());

  // Requests from the driver (dispatched). All are dropped (with a log
  // line) while disconnected, except as noted in scheduler.hpp.
  void stop(bool failover);
  void abort();
  void killTask(const TaskID& taskId);
  void requestResources(const std::vector<Request>& requests);
  void launchTasks(const std::vector<OfferID>& offerIds,
                   const std::vector<TaskInfo>& tasks, const Filters& filters);
  void acceptOffers(const std::vector<OfferID>& offerIds,
                    const std::vector<Offer::Operation>& operations,
                    const Filters& filters);
  void declineOffer(const OfferID& offerId, const Filters& filters);
  void reviveOffers(const std::vector<std::string>& roles);
  void suppressOffers(const std::vector<std::string>& roles);
  void acknowledgeStatusUpdate(const TaskStatus& status);
  void sendFrameworkMessage(const ExecutorID& executorId,
                            const SlaveID& slaveId, const std::string& data);
  void reconcileTasks(const std::vector<TaskStatus>& statuses);
  void updateFramework(
      const FrameworkInfo& framework,
      const std::set<std::string>& suppressedRoles,
      const ::mesos::scheduler::OfferConstraints& offerConstraints);

  // Cleared by the driver's stop()/abort(): no callback starts after it.
  std::atomic<bool> running{true};

 protected:
  void initialize() override;
  void exited(const process::UPID& pid) override;

 private:
  void detected(const process::Future<Option<MasterInfo>>& future);
  void doReliableRegistration(Duration maxBackoff);

  // Message handlers (from the master).
  void registered(const process::UPID& from, const FrameworkID& frameworkId,
                  const MasterInfo& masterInfo);
  void reregistered(const process::UPID& from, const FrameworkID& frameworkId,
                    const MasterInfo& masterInfo);
  void resourceOffers(const process::UPID& from,
                      const std::vector<Offer>& offers,
                      const std::vector<std::string>& pids);
  void rescindOffer(const process::UPID& from, const OfferID& offerId);
  void statusUpdate(const process::UPID& from, const StatusUpdate& update,
                    const std::string& pid);
  void lostSlave(const process::UPID& from, const SlaveID& slaveId);
  void lostExecutor(const process::UPID& from, const ExecutorID& executorId,
                    const SlaveID& slaveId, int32_t status);
  void frameworkMessage(const process::UPID& from, const SlaveID& slaveId,
                        const ExecutorID& executorId, const std::string& data);
  void frameworkError(const process::UPID& from, const std::string& message);

  // Aborts the driver and reports `message` through Scheduler::error.
  void error(const std::string& message);

  // True if `from` is the current master (logs why not otherwise).
  bool fromMaster(const process::UPID& from, const char* what);

  // The master (re)registered the framework: stops the registration
  // retries and sends the framework update made while disconnected.
  void connected();

  // A Call of `type` for this framework (framework_id set).
  ::mesos::scheduler::Call call(::mesos::scheduler::Call::Type type) const;
  void sendToMaster(const google::protobuf::Message& message);
  void sendChecked(const process::UPID& to,
                   const google::protobuf::Message& message);
  void sendUpdateFramework();

  MesosSchedulerDriver* driver_;
  Scheduler* scheduler_;
  FrameworkInfo framework_;
  std::set<std::string> suppressedRoles_;
  ::mesos::scheduler::OfferConstraints offerConstraints_;
  const Option<Credential> credential_;
  const bool implicitAcknowledgements_;
  master::detector::MasterDetector* detector_;
  const scheduler::Flags flags_;
  std::recursive_mutex* mutex_;
  process::Latch* latch_;
  const Option<std::string> startError_;

  // Subscribing as a new instance of an existing framework (force=true).
  bool failover_;
  Option<MasterInfo> master_;
  bool connected_ = false;
  bool linked_ = false;
  bool sendUpdateFrameworkOnConnect_ = false;
  process::Timer registrationTimer_;

  // Agent pids learned from offers, to send framework messages directly.
  std::unordered_map<std::string, std::unordered_map<std::string,
                                                     process::UPID>>
      savedOffers_;  // offer id -> agent id -> agent pid
  std::unordered_map<std::string, process::UPID> savedSlavePids_;
};

}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SCHED_SCHEDULER_PROCESS_HPP
