#ifndef MESOS_SCHEDULER_HPP
#define MESOS_SCHEDULER_HPP

// The scheduler side of the Mesos framework API (libmesos).
//
// A framework implements `Scheduler` (the callbacks) and drives Mesos
// through a `SchedulerDriver`, normally a `MesosSchedulerDriver`:
//
//   MyScheduler scheduler;
//   FrameworkInfo framework;
//   framework.set_name("my-framework");
//   MesosSchedulerDriver driver(&scheduler, framework, "10.0.0.1:5050");
//   return driver.run() == DRIVER_STOPPED ? 0 : 1;
//
// The interface (classes, methods, default arguments) is Apache Mesos
// 1.11's, so framework code written for Apache Mesos compiles and links
// against this library unchanged. See docs/drivers.md.

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <mesos/scheduler/scheduler.pb.h>
#include <mesos/mesos.hpp>

namespace process {
class Latch;
}  // namespace process

namespace mesos {

class SchedulerDriver;

namespace scheduler {
class MesosProcess;
}  // namespace scheduler

namespace internal {
class SchedulerProcess;
}  // namespace internal

namespace master {
namespace detector {
class MasterDetector;
}  // namespace detector
}  // namespace master

// The callbacks a framework's scheduler implements.
//
// Callbacks are invoked one at a time, never concurrently, on the driver's
// own thread (never on a thread that called into the driver). A callback
// that blocks holds up every later callback; it may call any driver method
// except join() (which would wait for itself) and must not destroy the
// driver.
//
// `driver` is the driver that runs this scheduler; it stays the same from
// start() until join() returns.
class Scheduler {
 public:
  virtual ~Scheduler() {}

  // The master accepted this framework for the first time (or, after a
  // failover with a FrameworkID, accepted the new scheduler instance).
  // `frameworkId` is the id the master assigned; `masterInfo` describes
  // the master.
  virtual void registered(SchedulerDriver* driver,
                          const FrameworkID& frameworkId,
                          const MasterInfo& masterInfo) = 0;

  // The framework, registered before, is registered again after the
  // driver lost and regained its master (a restarted or newly elected
  // master). Only called after an earlier `registered`.
  virtual void reregistered(SchedulerDriver* driver,
                            const MasterInfo& masterInfo) = 0;

  // The driver lost its master (it exited or another one is being
  // elected). The driver keeps trying to register again; `reregistered`
  // follows when it succeeds. Calls made meanwhile are dropped.
  virtual void disconnected(SchedulerDriver* driver) = 0;

  // New offers; each offer holds resources of one agent. Offered
  // resources are not offered again to this framework until they are
  // declined/used (launchTasks, acceptOffers, declineOffer) or rescinded.
  // Other frameworks may be offered the same resources; the first to use
  // them wins and a later launch on them ends in TASK_LOST.
  virtual void resourceOffers(SchedulerDriver* driver,
                              const std::vector<Offer>& offers) = 0;

  // `offerId` is no longer valid (its agent was lost, or its resources
  // were used elsewhere). Launching on an offer that was never rescinded
  // but is invalid anyway yields TASK_LOST updates.
  virtual void offerRescinded(SchedulerDriver* driver,
                              const OfferID& offerId) = 0;

  // A task changed state. With implicit acknowledgements (the default)
  // returning from this callback acknowledges the update; if the
  // scheduler dies before returning, the update is delivered again. With
  // explicit acknowledgements the scheduler must call
  // SchedulerDriver::acknowledgeStatusUpdate(status) itself. Updates made
  // by the master or the driver (no `uuid`) need no acknowledgement.
  virtual void statusUpdate(SchedulerDriver* driver,
                            const TaskStatus& status) = 0;

  // An executor sent `data` (best effort, never retransmitted).
  virtual void frameworkMessage(SchedulerDriver* driver,
                                const ExecutorID& executorId,
                                const SlaveID& slaveId,
                                const std::string& data) = 0;

  // An agent was declared lost (machine failure, partition); its tasks
  // usually need rescheduling. Not reliably delivered.
  virtual void slaveLost(SchedulerDriver* driver, const SlaveID& slaveId) = 0;

  // An executor exited with `status` (a wait status); tasks it still had
  // get TASK_LOST updates. Not reliably delivered.
  virtual void executorLost(SchedulerDriver* driver,
                            const ExecutorID& executorId,
                            const SlaveID& slaveId, int status) = 0;

  // An unrecoverable error (the master refused the framework, the master
  // address cannot be used, ...). The driver is already aborted when this
  // is called.
  virtual void error(SchedulerDriver* driver, const std::string& message) = 0;
};

// What a scheduler can ask of Mesos, and the driver's lifecycle. Every
// method returns the driver's status after the call: DRIVER_RUNNING when a
// request was accepted for sending, otherwise the (unchanged) status that
// made the driver refuse it. Requests are sent asynchronously; none
// blocks on the master.
class SchedulerDriver {
 public:
  // Call stop() (or abort()) before destroying a driver.
  virtual ~SchedulerDriver() {}

  // Starts the driver: connects to the master and registers. Must precede
  // every other call. DRIVER_RUNNING on success.
  virtual Status start() = 0;

  // Stops the driver. With `failover` false the framework is done: the
  // master tears it down with all its tasks and executors. With
  // `failover` true they keep running for the framework's failover
  // timeout, so that a new scheduler (in this or another process) can
  // take over with the same FrameworkID.
  virtual Status stop(bool failover = false) = 0;

  // Stops all callbacks without stopping the framework (the master only
  // deactivates it). join() then returns DRIVER_ABORTED, which lets code
  // tell an abort from a stop; stop() may still be called afterwards.
  virtual Status abort() = 0;

  // Blocks until the driver is stopped or aborted and returns
  // DRIVER_STOPPED or DRIVER_ABORTED (at once when not running).
  virtual Status join() = 0;

  // start() then join().
  virtual Status run() = 0;

  // Asks for resources (hints for the allocator); answers come as offers.
  virtual Status requestResources(const std::vector<Request>& requests) = 0;

  // Launches `tasks` on the (aggregated) resources of `offerIds`, which
  // must all be from one agent. Unused resources are declined with
  // `filters` (the default Filters has a 5 second refusal). With no tasks
  // the offers are declined. A task launched while the driver is
  // disconnected gets TASK_LOST (TASK_DROPPED for PARTITION_AWARE
  // frameworks) from the driver.
  virtual Status launchTasks(const std::vector<OfferID>& offerIds,
                             const std::vector<TaskInfo>& tasks,
                             const Filters& filters = Filters()) = 0;

  // Deprecated single-offer form of the above.
  virtual Status launchTasks(const OfferID& offerId,
                             const std::vector<TaskInfo>& tasks,
                             const Filters& filters = Filters()) = 0;

  // Asks the master to kill a task. Not reliable: dropped while
  // disconnected; retry after a failover if no update arrives.
  virtual Status killTask(const TaskID& taskId) = 0;

  // Accepts `offerIds` (one agent) applying `operations` in order
  // (Offer::Operation: LAUNCH, RESERVE, CREATE, ...); what is left is
  // declined with `filters`. Operations must not carry an `id` (the driver
  // cannot deliver operation status updates; it aborts the process).
  virtual Status acceptOffers(const std::vector<OfferID>& offerIds,
                              const std::vector<Offer::Operation>& operations,
                              const Filters& filters = Filters()) = 0;

  // Declines an offer entirely, applying `filters`; may be called at any
  // time, not only inside resourceOffers.
  virtual Status declineOffer(const OfferID& offerId,
                              const Filters& filters = Filters()) = 0;

  // Clears all offer filters and the set of suppressed roles. While
  // disconnected the driver only updates its own set, which it sends when
  // it registers again.
  virtual Status reviveOffers() = 0;

  // The same for `roles` only; a no-op for an empty list.
  virtual Status reviveOffers(const std::vector<std::string>& roles) = 0;

  // Stops offers for every role of the framework until reviveOffers() or
  // updateFramework() (same disconnected behaviour as reviveOffers).
  virtual Status suppressOffers() = 0;

  // The same for `roles` only; a no-op for an empty list.
  virtual Status suppressOffers(const std::vector<std::string>& roles) = 0;

  // Acknowledges `status` (as received in statusUpdate) once the scheduler
  // has durably handled it. Only with explicit acknowledgements (see the
  // MesosSchedulerDriver constructors); with implicit ones this call
  // aborts the process.
  virtual Status acknowledgeStatusUpdate(const TaskStatus& status) = 0;

  // Sends `data` to an executor (best effort, never retransmitted).
  virtual Status sendFrameworkMessage(const ExecutorID& executorId,
                                      const SlaveID& slaveId,
                                      const std::string& data) = 0;

  // Asks the master for the latest state of the tasks in `statuses` (only
  // task_id and slave_id are used); unknown tasks come back TASK_LOST.
  // An empty list asks for every task the master knows.
  virtual Status reconcileTasks(const std::vector<TaskStatus>& statuses) = 0;

  // Replaces the FrameworkInfo, the suppressed roles and the offer
  // constraints, at the master and for every later registration. Only
  // after registration: `frameworkInfo.id` must be the assigned id
  // (otherwise the driver aborts and error() is called). `user` and
  // `hostname` are filled in as at construction when empty. The master
  // reports an invalid update through error().
  virtual Status updateFramework(
      const FrameworkInfo& frameworkInfo,
      const std::vector<std::string>& suppressedRoles,
      ::mesos::scheduler::OfferConstraints&& offerConstraints) = 0;
};

// The SchedulerDriver that talks to a Mesos master. Thread-safe: every
// method may be called from any thread, including from callbacks.
//
// A scheduler fails over by creating a new driver whose FrameworkInfo
// carries the FrameworkID received in Scheduler::registered.
//
// Configuration also comes from MESOS_* environment variables (e.g.
// MESOS_REGISTRATION_BACKOFF_FACTOR) and libprocess's LIBPROCESS_IP /
// LIBPROCESS_PORT; see docs/drivers.md. See src/examples/test_framework.cpp
// for an example.
class MesosSchedulerDriver : public SchedulerDriver {
 public:
  // A driver for `scheduler` (which must outlive it), registering
  // `framework` with the master at `master`:
  //
  //   host:port   or   master@host:port
  //   file:///path/to/file   (the file holds one of the other forms)
  //   zk://host1:port1,host2:port2,.../path (not supported: start()
  //                                          answers DRIVER_ABORTED)
  //
  // A FrameworkInfo with an id makes the driver fail over to that
  // framework. Empty `user` / `hostname` are filled in with the current
  // user and this host's name.
  MesosSchedulerDriver(Scheduler* scheduler, const FrameworkInfo& framework,
                       const std::string& master);

  // The same, authenticating with `credential` (see docs/drivers.md: no
  // authentication is performed by this implementation).
  MesosSchedulerDriver(Scheduler* scheduler, const FrameworkInfo& framework,
                       const std::string& master, const Credential& credential);

  // The same as the two above, choosing implicit (true, the default of the
  // constructors above) or explicit acknowledgement of status updates.
  MesosSchedulerDriver(Scheduler* scheduler, const FrameworkInfo& framework,
                       const std::string& master,
                       bool implicitAcknowledgements);

  MesosSchedulerDriver(Scheduler* scheduler, const FrameworkInfo& framework,
                       const std::string& master, bool implicitAcknowlegements,
                       const Credential& credential);

  // The same, also giving the roles that start out suppressed.
  MesosSchedulerDriver(Scheduler* scheduler, const FrameworkInfo& framework,
                       const std::vector<std::string>& suppressedRoles,
                       const std::string& master,
                       bool implicitAcknowledgements);

  MesosSchedulerDriver(Scheduler* scheduler, const FrameworkInfo& framework,
                       const std::vector<std::string>& suppressedRoles,
                       const std::string& master, bool implicitAcknowlegements,
                       const Credential& credential);

  // Terminates the driver's process and waits for it: after this no
  // callback runs. Must not be called from a callback of this driver.
  ~MesosSchedulerDriver() override;

  // See SchedulerDriver.
  Status start() override;
  Status stop(bool failover = false) override;
  Status abort() override;
  Status join() override;
  Status run() override;

  Status requestResources(const std::vector<Request>& requests) override;

  Status launchTasks(const OfferID& offerId, const std::vector<TaskInfo>& tasks,
                     const Filters& filters = Filters()) override;

  Status launchTasks(const std::vector<OfferID>& offerIds,
                     const std::vector<TaskInfo>& tasks,
                     const Filters& filters = Filters()) override;

  Status killTask(const TaskID& taskId) override;

  Status acceptOffers(const std::vector<OfferID>& offerIds,
                      const std::vector<Offer::Operation>& operations,
                      const Filters& filters = Filters()) override;

  Status declineOffer(const OfferID& offerId,
                      const Filters& filters = Filters()) override;

  Status reviveOffers() override;
  Status reviveOffers(const std::vector<std::string>& roles) override;
  Status suppressOffers() override;
  Status suppressOffers(const std::vector<std::string>& roles) override;

  Status acknowledgeStatusUpdate(const TaskStatus& status) override;

  Status sendFrameworkMessage(const ExecutorID& executorId,
                              const SlaveID& slaveId,
                              const std::string& data) override;

  Status reconcileTasks(const std::vector<TaskStatus>& statuses) override;

  Status updateFramework(
      const FrameworkInfo& frameworkInfo,
      const std::vector<std::string>& suppressedRoles,
      ::mesos::scheduler::OfferConstraints&& offerConstraints) override;

 protected:
  // Finds the master; made by start() from the master string unless a
  // subclass (tests) set one before.
  std::shared_ptr<master::detector::MasterDetector> detector;

 private:
  void initialize();

  Scheduler* scheduler;
  FrameworkInfo framework;
  const std::vector<std::string> initialSuppressedRoles;
  std::string master;

  // The libprocess process that talks to the master and runs callbacks.
  internal::SchedulerProcess* process;

  // The master string as given (host:port, file://, zk://).
  std::string url;

  // Serializes the driver's methods (recursive: callbacks may call in).
  std::recursive_mutex mutex;

  // Opened when the driver stops or aborts (join waits on it).
  process::Latch* latch;

  Status status;

  const bool implicitAcknowlegements;

  const Credential* credential;

  // The process id, "scheduler-<uuid>".
  std::string schedulerId;
};

}  // namespace mesos

#endif  // MESOS_SCHEDULER_HPP
