#ifndef MESOS_MASTER_MASTER_HPP
#define MESOS_MASTER_MASTER_HPP

// The Mesos master: the libprocess process `master` that admits agents
// and frameworks, turns the allocator's allocations into offers, routes
// tasks to agents and status updates back to schedulers, and health-checks
// agents. It speaks Apache Mesos 1.11's message protocol (docs/protocol.md;
// docs/master.md lists what it does and does not do).
//
// The work is split by concern over several sources, all members of this
// one process:
//
//   master.cpp       wiring: handlers, registry recovery, allocator hookup,
//                    link/exited, metrics gauges
//   agents.cpp       agent (re)registration, pings, removal
//   frameworks.cpp   SUBSCRIBE and the older registration messages,
//                    failover, deactivation, teardown
//   offers.cpp       allocations -> offers, rescinds, DECLINE/REVIVE/SUPPRESS
//   tasks.cpp        ACCEPT/LAUNCH, status updates and acks, kill,
//                    reconciliation, framework messages, executor exits
//   http.cpp         /state, /state-summary, /health, /flags, /tasks,
//                    /frameworks, /slaves, /redirect
//
// Ownership: the Master does not own the allocator or the registrar; both
// must outlive it. Everything else is touched only inside the process.
//
// Until the registry is recovered (see recovered()) agent and framework
// messages are dropped, as in Mesos: peers retry.

#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <mesos/scheduler/scheduler.pb.h>
#include <messages/messages.pb.h>
#include <mesos/mesos.hpp>
#include <mesos/resources.hpp>

#include <process/future.hpp>
#include <process/http.hpp>
#include <process/owned.hpp>
#include <process/protobuf.hpp>
#include <process/time.hpp>

#include <stout/hashmap.hpp>
#include <stout/hashset.hpp>
#include <stout/option.hpp>

#include "master/allocator/allocator.hpp"
#include "master/flags.hpp"
#include "master/framework.hpp"
#include "master/registrar.hpp"
#include "master/slave.hpp"

namespace mesos {
namespace internal {
namespace master {

// The version the master reports (MasterInfo.version, /state).
constexpr char MESOS_VERSION[] = "1.11.0";

class Master : public ProtobufProcess<Master> {
 public:
  // `allocator` and `registrar` must outlive the process. `flags` are
  // copied. The process id is "master".
  Master(allocator::Allocator* allocator, Registrar* registrar,
         const Flags& flags);
  ~Master() override;

  // The two queries below read process state: call them through
  // `dispatch(pid, &Master::...)`.

  // Ready once the registry is recovered and the master serves agents and
  // frameworks; failed if the registry cannot be read (the daemon must
  // then exit).
  process::Future<Nothing> recovered();

  // The MasterInfo this master publishes (valid after initialize()).
  MasterInfo info() const { return info_; }

 protected:
  void initialize() override;
  void finalize() override;
  void exited(const process::UPID& pid) override;

 private:
  // -- master.cpp -----------------------------------------------------------
  void _recover(const process::Future<Registry>& registry);
  void addGauges();
  void removeGauges();
  double gauge(const std::string& name);

  Framework* getFramework(const FrameworkID& id);
  Slave* getSlave(const SlaveID& id);
  Slave* getSlaveByPid(const process::UPID& pid);
  // The framework `id` if `from` is its current scheduler pid; else logs
  // and returns null (messages from stale or unknown pids are dropped).
  Framework* getFrameworkFrom(const process::UPID& from, const FrameworkID& id,
                              const std::string& what);

  // Sends a status update the master generated (no uuid, never acked).
  void sendMasterUpdate(Framework* framework, const StatusUpdate& update);
  // Sends `message` to the framework's scheduler if it is connected.
  void sendToFramework(Framework* framework,
                       const google::protobuf::Message& message);
  void countTerminal(TaskState state);

  // -- agents.cpp -----------------------------------------------------------
  void registerSlave(const process::UPID& from, RegisterSlaveMessage&& message);
  void _registerSlave(const process::UPID& pid, const SlaveInfo& info,
                      const std::string& version,
                      const std::vector<SlaveInfo::Capability>& capabilities,
                      const process::Future<bool>& admitted);
  void reregisterSlave(const process::UPID& from,
                       ReregisterSlaveMessage&& message);
  void _reregisterSlave(const process::UPID& pid,
                        const ReregisterSlaveMessage& message,
                        const process::Future<bool>& admitted);
  void unregisterSlave(const process::UPID& from,
                       const UnregisterSlaveMessage& message);
  void pong(const process::UPID& from);
  void pingTick(const SlaveID& slaveId, uint64_t timerId);
  void startPings(Slave* slave);
  void sendSlaveRegistered(Slave* slave, bool reregistered);
  void reconcileKnownSlave(Slave* slave, const ReregisterSlaveMessage& message);
  // The agent is unreachable (health check) or gone (unregistered):
  // persists that, then removes it with its tasks and offers.
  void markUnreachable(const SlaveID& slaveId, const std::string& why);
  void removeSlave(const SlaveID& slaveId, const std::string& why);
  void _removeSlave(const SlaveInfo& info, bool unreachable,
                    const std::string& why);
  // A disconnected agent loses the tasks and executors of a framework that
  // does not checkpoint (they cannot survive an agent restart): TASK_LOST
  // with REASON_SLAVE_DISCONNECTED.
  void removeFrameworkFromSlave(Slave* slave, Framework* framework);
  void reregisterTimeout();
  bool validVersion(const std::string& version) const;

  // -- frameworks.cpp -------------------------------------------------------
  void receive(const process::UPID& from, scheduler::Call&& call);
  void subscribe(const process::UPID& from, const FrameworkInfo& info,
                 const std::set<std::string>& suppressedRoles, bool force);
  void registerFramework(const process::UPID& from,
                         RegisterFrameworkMessage&& message);
  void reregisterFramework(const process::UPID& from,
                           ReregisterFrameworkMessage&& message);
  void unregisterFramework(const process::UPID& from,
                           const UnregisterFrameworkMessage& message);
  void deactivateFramework(const process::UPID& from,
                           const DeactivateFrameworkMessage& message);
  void frameworkError(const process::UPID& to, const std::string& message);
  void deactivate(Framework* framework, bool rescind);
  void activate(Framework* framework);
  void failoverTimeout(const FrameworkID& frameworkId, uint64_t timerId);
  void removeFramework(const FrameworkID& frameworkId);

  // -- offers.cpp -----------------------------------------------------------
  void offer(const FrameworkID& frameworkId,
             const hashmap<std::string, hashmap<SlaveID, Resources>>& offers);
  // Drops an outstanding offer; with `rescind` the framework is told; its
  // resources go back to the allocator (without filters).
  void removeOffer(const OfferID& offerId, bool rescind);
  // Drops an outstanding offer from the books without giving its
  // resources back; false if there is no such offer.
  bool takeOffer(const OfferID& offerId, Offer* offer, Resources* resources);
  void offerTimeout(const OfferID& offerId);
  void decline(Framework* framework, const scheduler::Call::Decline& decline);
  void revive(Framework* framework, const std::set<std::string>& roles);
  void suppress(Framework* framework, const std::set<std::string>& roles);
  void reviveOffers(const process::UPID& from,
                    const ReviveOffersMessage& message);

  // -- tasks.cpp ------------------------------------------------------------
  void accept(Framework* framework, scheduler::Call::Accept accept);
  void launchTasks(const process::UPID& from, LaunchTasksMessage&& message);
  void launch(Framework* framework, Slave* slave, TaskInfo task,
              Resources* available);
  void statusUpdate(const process::UPID& from, StatusUpdateMessage&& message);
  void acknowledge(Framework* framework, const SlaveID& slaveId,
                   const TaskID& taskId, const std::string& uuid);
  void statusUpdateAcknowledgement(
      const process::UPID& from,
      const StatusUpdateAcknowledgementMessage& message);
  void kill(Framework* framework, const TaskID& taskId,
            const Option<SlaveID>& slaveId);
  void killTask(const process::UPID& from, const KillTaskMessage& message);
  void reconcile(Framework* framework,
                 const std::vector<std::pair<TaskID, Option<SlaveID>>>& tasks);
  void reconcileTasks(const process::UPID& from,
                      ReconcileTasksMessage&& message);
  void frameworkToExecutor(const process::UPID& from,
                           FrameworkToExecutorMessage&& message);
  void executorToFramework(const process::UPID& from,
                           ExecutorToFrameworkMessage&& message);
  void exitedExecutor(const process::UPID& from,
                      ExitedExecutorMessage&& message);
  // Records `update` on the task (both the agent's and the framework's
  // copy): the state becomes `latest_state` (else the status's) unless the
  // task is terminal already; a status with the same state as the last one
  // replaces it. On the transition to a terminal state or TASK_UNREACHABLE
  // the task's resources go back to the allocator and the terminal state is
  // counted. False if neither copy exists.
  bool updateTask(Slave* slave, const StatusUpdate& update);

  // Removes a task from the framework and agent records (the framework
  // keeps it among its completed tasks, or its unreachable tasks when
  // `unreachable`); recovers its resources if it is neither terminal nor
  // unreachable.
  void removeTask(Framework* framework, Slave* slave, const TaskID& taskId,
                  bool unreachable = false);

  // -- http.cpp -------------------------------------------------------------
  void addRoutes();
  process::Future<process::http::Response> state(
      const process::http::Request& request);
  process::Future<process::http::Response> stateSummary(
      const process::http::Request& request);
  process::Future<process::http::Response> health(
      const process::http::Request& request);
  process::Future<process::http::Response> flagsEndpoint(
      const process::http::Request& request);
  process::Future<process::http::Response> tasksEndpoint(
      const process::http::Request& request);
  process::Future<process::http::Response> frameworksEndpoint(
      const process::http::Request& request);
  process::Future<process::http::Response> slavesEndpoint(
      const process::http::Request& request);
  process::Future<process::http::Response> redirect(
      const process::http::Request& request);

  // -- state ----------------------------------------------------------------
  allocator::Allocator* allocator_;
  Registrar* registrar_;
  const Flags flags_;

  MasterInfo info_;
  process::Time startTime_;
  Option<process::Time> electedTime_;
  bool elected_ = false;
  process::Promise<Nothing> recovered_;

  hashmap<FrameworkID, process::Owned<Framework>> frameworks_;
  std::deque<process::Owned<Framework>> completedFrameworks_;
  uint64_t nextFrameworkId_ = 0;
  uint64_t nextTimerId_ = 0;

  hashmap<SlaveID, process::Owned<Slave>> slaves_;
  // Agents in the recovered registry that have not reregistered yet.
  hashmap<SlaveID, SlaveInfo> recoveredSlaves_;
  hashmap<SlaveID, SlaveInfo> unreachableSlaves_;
  hashset<SlaveID> goneSlaves_;
  // Agents being admitted or readmitted by the registrar, by pid.
  hashset<process::UPID> registering_;
  hashset<SlaveID> reregistering_;
  hashset<SlaveID> removing_;
  uint64_t nextSlaveId_ = 0;

  hashmap<OfferID, Offer> offers_;
  // Offers keep their resources in the allocator's format here.
  hashmap<OfferID, Resources> offerResources_;
  uint64_t nextOfferId_ = 0;

  // Counters behind the metrics (tasks that reached each terminal state,
  // messages dropped as invalid, ...).
  std::map<std::string, double> counters_;
};

}  // namespace master
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_MASTER_MASTER_HPP
