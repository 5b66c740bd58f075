#include "sched/scheduler_process.hpp"

#include <cstdlib>
#include <random>

#include <glog/logging.h>

#include <process/clock.hpp>
#include <process/defer.hpp>
#include <process/delay.hpp>

#include <stout/stringify.hpp>

#include "common/protobuf_utils.hpp"
#include "driver/driver_state.hpp"

using process::Clock;
using process::Future;
using process::UPID;

using std::string;
using std::vector;

namespace mesos {
namespace internal {

using ::mesos::scheduler::Call;

namespace {

// A uniformly random fraction in [0, 1], for registration backoff.
double randomFraction() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(generator);
}

}  // namespace

SchedulerProcess::SchedulerProcess(
    MesosSchedulerDriver* driver, Scheduler* scheduler,
    const FrameworkInfo& framework, const vector<string>& suppressedRoles,
    const Option<Credential>& credential, bool implicitAcknowledgements,
    const string& schedulerId, master::detector::MasterDetector* detector,
    const scheduler::Flags& flags, std::recursive_mutex* mutex,
    process::Latch* latch, const Option<string>& startError)
    : ProcessBase(schedulerId),
      driver_(driver),
      scheduler_(scheduler),
      framework_(framework),
      suppressedRoles_(suppressedRoles.begin(), suppressedRoles.end()),
      credential_(credential),
      implicitAcknowledgements_(implicitAcknowledgements),
      detector_(detector),
      flags_(flags),
      mutex_(mutex),
      latch_(latch),
      startError_(startError),
      failover_(framework.has_id() && !framework.id().value().empty()) {}

void SchedulerProcess::initialize() {
  if (startError_.isSome()) {
    // start() already answered DRIVER_ABORTED; the callback runs here so
    // that it never runs on the caller's thread.
    running.store(false);
    internal::driver::release(mutex_, latch_);
    scheduler_->error(driver_, startError_.get());
    return;
  }

  install<FrameworkRegisteredMessage>(&SchedulerProcess::registered,
                                      &FrameworkRegisteredMessage::framework_id,
                                      &FrameworkRegisteredMessage::master_info);
  install<FrameworkReregisteredMessage>(
      &SchedulerProcess::reregistered,
      &FrameworkReregisteredMessage::framework_id,
      &FrameworkReregisteredMessage::master_info);
  install<ResourceOffersMessage>(&SchedulerProcess::resourceOffers,
                                 &ResourceOffersMessage::offers,
                                 &ResourceOffersMessage::pids);
  install<RescindResourceOfferMessage>(&SchedulerProcess::rescindOffer,
                                       &RescindResourceOfferMessage::offer_id);
  install<StatusUpdateMessage>(&SchedulerProcess::statusUpdate,
                               &StatusUpdateMessage::update,
                               &StatusUpdateMessage::pid);
  install<LostSlaveMessage>(&SchedulerProcess::lostSlave,
                            &LostSlaveMessage::slave_id);
  install<ExitedExecutorMessage>(
      &SchedulerProcess::lostExecutor, &ExitedExecutorMessage::executor_id,
      &ExitedExecutorMessage::slave_id, &ExitedExecutorMessage::status);
  install<ExecutorToFrameworkMessage>(&SchedulerProcess::frameworkMessage,
                                      &ExecutorToFrameworkMessage::slave_id,
                                      &ExecutorToFrameworkMessage::executor_id,
                                      &ExecutorToFrameworkMessage::data);
  install<FrameworkErrorMessage>(&SchedulerProcess::frameworkError,
                                 &FrameworkErrorMessage::message);

  if (credential_.isSome()) {
    LOG(WARNING) << "A credential was given but this driver does not "
                 << "authenticate; registering without authentication";
  }

  detector_->detect().onAny(process::defer(self(), &SchedulerProcess::detected,
                                           std::placeholders::_1));
}

void SchedulerProcess::detected(const Future<Option<MasterInfo>>& future) {
  if (!running.load())
    return;

  if (!future.isReady()) {
    error("Failed to detect a master: " +
          (future.isFailed() ? future.failure() : string("discarded")));
    return;
  }

  master_ = future.get();

  if (connected_) {
    // Whatever happened (the master failed, or another one took over) we
    // register again, so the scheduler must learn of the disconnection.
    connected_ = false;
    scheduler_->disconnected(driver_);
  }
  connected_ = false;
  linked_ = false;

  if (master_.isSome()) {
    LOG(INFO) << "New master detected at " << master_->pid();
    Clock::cancel(registrationTimer_);
    doReliableRegistration(flags_.registration_backoff_factor);
  } else {
    LOG(INFO) << "No master detected";
  }

  detector_->detect(master_).onAny(process::defer(
      self(), &SchedulerProcess::detected, std::placeholders::_1));
}

void SchedulerProcess::exited(const UPID& pid) {
  if (!running.load() || master_.isNone() || pid != UPID(master_->pid()))
    return;

  LOG(WARNING) << "Master " << pid << " disconnected; registering again";
  linked_ = false;

  if (!connected_) {
    // A registration retry is already scheduled; it links again.
    return;
  }

  connected_ = false;
  scheduler_->disconnected(driver_);

  // Retry after a random delay so that a master that is down is not
  // re-dialed in a tight loop (each failed link reports exited again).
  const Duration backoff = flags_.registration_backoff_factor;
  Clock::cancel(registrationTimer_);
  registrationTimer_ =
      process::delay(backoff * randomFraction(), self(),
                     &SchedulerProcess::doReliableRegistration, backoff * 2);
}

void SchedulerProcess::doReliableRegistration(Duration maxBackoff) {
  if (!running.load() || connected_ || master_.isNone())
    return;

  if (!linked_) {
    link(UPID(master_->pid()));
    linked_ = true;
  }

  Call subscribe;
  subscribe.set_type(Call::SUBSCRIBE);
  Call::Subscribe* body = subscribe.mutable_subscribe();
  *body->mutable_framework_info() = framework_;
  *body->mutable_offer_constraints() = offerConstraints_;
  for (const string& role : suppressedRoles_)
    body->add_suppressed_roles(role);
  if (framework_.has_id() && !framework_.id().value().empty()) {
    body->set_force(failover_);
    *subscribe.mutable_framework_id() = framework_.id();
  }

  VLOG(1) << "Sending SUBSCRIBE call to " << master_->pid();
  sendToMaster(subscribe);

  maxBackoff = std::min(maxBackoff, scheduler::REGISTRATION_RETRY_INTERVAL_MAX);
  if (framework_.has_failover_timeout()) {
    Try<Duration> timeout = Duration::create(framework_.failover_timeout());
    if (timeout.isSome() && timeout.get() > Duration::zero())
      maxBackoff = std::min(maxBackoff, timeout.get() / 10);
  }

  const Duration wait = maxBackoff * randomFraction();
  VLOG(1) << "Will retry registration in " << wait << " if necessary";
  registrationTimer_ = process::delay(
      wait, self(), &SchedulerProcess::doReliableRegistration, maxBackoff * 2);
}

bool SchedulerProcess::fromMaster(const UPID& from, const char* what) {
  if (master_.isSome() && from == UPID(master_->pid()))
    return true;
  LOG(WARNING) << "Ignoring " << what << " from '" << from
               << "' which is not the leading master '"
               << (master_.isSome() ? master_->pid() : string("none")) << "'";
  return false;
}

void SchedulerProcess::connected() {
  connected_ = true;
  failover_ = false;
  Clock::cancel(registrationTimer_);

  if (sendUpdateFrameworkOnConnect_)
    sendUpdateFramework();
  sendUpdateFrameworkOnConnect_ = false;
}

void SchedulerProcess::registered(const UPID& from,
                                  const FrameworkID& frameworkId,
                                  const MasterInfo& masterInfo) {
  if (!running.load() || connected_)
    return;
  if (!fromMaster(from, "framework registered message"))
    return;

  LOG(INFO) << "Framework registered with " << frameworkId.value();
  *framework_.mutable_id() = frameworkId;
  connected();

  scheduler_->registered(driver_, frameworkId, masterInfo);
}

void SchedulerProcess::reregistered(const UPID& from,
                                    const FrameworkID& frameworkId,
                                    const MasterInfo& masterInfo) {
  if (!running.load() || connected_)
    return;
  if (!fromMaster(from, "framework reregistered message"))
    return;

  if (framework_.id().value() != frameworkId.value()) {
    LOG(WARNING) << "Ignoring framework reregistered message for framework "
                 << frameworkId.value() << " (this is "
                 << framework_.id().value() << ")";
    return;
  }

  LOG(INFO) << "Framework reregistered with " << frameworkId.value();
  connected();

  scheduler_->reregistered(driver_, masterInfo);
}

void SchedulerProcess::resourceOffers(const UPID& from,
                                      const vector<Offer>& offers,
                                      const vector<string>& pids) {
  if (!running.load() || !connected_ || !fromMaster(from, "offers"))
    return;
  if (offers.empty())
    return;

  for (size_t i = 0; i < offers.size(); i++) {
    if (i >= pids.size())
      break;
    const UPID pid(pids[i]);
    if (pid != UPID())
      savedOffers_[offers[i].id().value()][offers[i].slave_id().value()] = pid;
    else
      VLOG(1) << "Failed to parse agent pid '" << pids[i] << "'";
  }

  scheduler_->resourceOffers(driver_, offers);
}

void SchedulerProcess::rescindOffer(const UPID& from, const OfferID& offerId) {
  if (!running.load() || !connected_ || !fromMaster(from, "offer rescind"))
    return;
  savedOffers_.erase(offerId.value());
  scheduler_->offerRescinded(driver_, offerId);
}

void SchedulerProcess::statusUpdate(const UPID& from,
                                    const StatusUpdate& update,
                                    const string& pid) {
  if (!running.load())
    return;

  // Updates the driver makes itself (from == UPID()) skip these checks.
  if (from != UPID()) {
    if (!connected_ || !fromMaster(from, "status update"))
      return;
  }

  if (update.framework_id().value() != framework_.id().value()) {
    LOG(WARNING) << "Ignoring status update for framework "
                 << update.framework_id().value();
    return;
  }

  VLOG(2) << "Received status update for task "
          << update.status().task_id().value() << " in state "
          << TaskState_Name(update.status().state()) << " from agent '" << pid
          << "'";

  // Only an update with a uuid that came through the master is
  // acknowledged (the master's own updates carry none, and neither do the
  // driver's); the scheduler sees the uuid exactly when an ack is due.
  TaskStatus status = update.status();
  const bool acknowledgeable =
      update.has_uuid() && !update.uuid().empty() && from != UPID();
  if (acknowledgeable)
    status.set_uuid(update.uuid());
  else
    status.clear_uuid();

  scheduler_->statusUpdate(driver_, status);

  if (!implicitAcknowledgements_ || !acknowledgeable)
    return;

  // The driver may have been stopped or aborted inside the callback.
  if (!running.load() || !connected_)
    return;

  Call ack = call(Call::ACKNOWLEDGE);
  *ack.mutable_acknowledge()->mutable_slave_id() = update.slave_id();
  *ack.mutable_acknowledge()->mutable_task_id() = update.status().task_id();
  ack.mutable_acknowledge()->set_uuid(update.uuid());
  sendToMaster(ack);
}

void SchedulerProcess::lostSlave(const UPID& from, const SlaveID& slaveId) {
  if (!running.load() || !connected_ || !fromMaster(from, "lost agent"))
    return;
  savedSlavePids_.erase(slaveId.value());
  scheduler_->slaveLost(driver_, slaveId);
}

void SchedulerProcess::lostExecutor(const UPID& from,
                                    const ExecutorID& executorId,
                                    const SlaveID& slaveId, int32_t status) {
  if (!running.load() || !connected_ || !fromMaster(from, "exited executor"))
    return;
  scheduler_->executorLost(driver_, executorId, slaveId, status);
}

void SchedulerProcess::frameworkMessage(const UPID& from,
                                        const SlaveID& slaveId,
                                        const ExecutorID& executorId,
                                        const string& data) {
  // Executor messages may come straight from an agent, so the sender is
  // not checked (as in Mesos).
  if (!running.load())
    return;
  scheduler_->frameworkMessage(driver_, executorId, slaveId, data);
}

void SchedulerProcess::frameworkError(const UPID& from, const string& message) {
  if (!running.load())
    return;
  if (master_.isSome() && from != UPID(master_->pid())) {
    LOG(WARNING) << "Ignoring framework error from '" << from << "'";
    return;
  }
  error(message);
}

void SchedulerProcess::error(const string& message) {
  if (!running.load())
    return;
  LOG(ERROR) << "Scheduler driver error: " << message;
  driver_->abort();
  scheduler_->error(driver_, message);
}

Call SchedulerProcess::call(Call::Type type) const {
  Call result;
  result.set_type(type);
  *result.mutable_framework_id() = framework_.id();
  return result;
}

void SchedulerProcess::sendToMaster(const google::protobuf::Message& message) {
  if (master_.isNone())
    return;
  sendChecked(UPID(master_->pid()), message);
}

void SchedulerProcess::sendChecked(const UPID& to,
                                   const google::protobuf::Message& message) {
  // A request built from the framework's own protobufs may lack required
  // fields; it is dropped with a clear log line instead of crashing.
  if (!message.IsInitialized()) {
    LOG(ERROR) << "Dropping " << message.GetTypeName()
               << " with missing required fields: "
               << message.InitializationErrorString();
    return;
  }
  send(to, message);
}

void SchedulerProcess::sendUpdateFramework() {
  Call update = call(Call::UPDATE_FRAMEWORK);
  Call::UpdateFramework* body = update.mutable_update_framework();
  *body->mutable_framework_info() = framework_;
  *body->mutable_offer_constraints() = offerConstraints_;
  for (const string& role : suppressedRoles_)
    body->add_suppressed_roles(role);
  sendToMaster(update);
}

void SchedulerProcess::stop(bool failover) {
  LOG(INFO) << "Stopping framework " << framework_.id().value();

  // The process ends whether or not the master hears of it.
  process::terminate(self());

  if (connected_ && !failover)
    sendToMaster(call(Call::TEARDOWN));

  internal::driver::release(mutex_, latch_);
}

void SchedulerProcess::abort() {
  LOG(INFO) << "Aborting framework " << framework_.id().value();

  // Not terminated: a later stop() still reaches this process.
  if (connected_) {
    DeactivateFrameworkMessage message;
    *message.mutable_framework_id() = framework_.id();
    sendToMaster(message);
  }

  internal::driver::release(mutex_, latch_);
}

void SchedulerProcess::killTask(const TaskID& taskId) {
  if (!connected_) {
    LOG(WARNING) << "Ignoring kill of task " << taskId.value()
                 << ": the master is disconnected";
    return;
  }
  Call kill = call(Call::KILL);
  *kill.mutable_kill()->mutable_task_id() = taskId;
  sendToMaster(kill);
}

void SchedulerProcess::requestResources(const vector<Request>& requests) {
  if (!connected_) {
    LOG(WARNING) << "Ignoring resource request: the master is disconnected";
    return;
  }
  Call request = call(Call::REQUEST);
  for (const Request& r : requests)
    *request.mutable_request()->add_requests() = r;
  sendToMaster(request);
}

void SchedulerProcess::launchTasks(const vector<OfferID>& offerIds,
                                   const vector<TaskInfo>& tasks,
                                   const Filters& filters) {
  Offer::Operation operation;
  operation.set_type(Offer::Operation::LAUNCH);
  for (const TaskInfo& task : tasks)
    *operation.mutable_launch()->add_task_infos() = task;
  acceptOffers(offerIds, {operation}, filters);
}

void SchedulerProcess::acceptOffers(const vector<OfferID>& offerIds,
                                    const vector<Offer::Operation>& operations,
                                    const Filters& filters) {
  if (!connected_) {
    LOG(WARNING) << "Ignoring accept of offers: the master is disconnected";

    // The tasks will never run: tell the scheduler (TASK_DROPPED for
    // partition-aware frameworks, TASK_LOST for the others).
    const TaskState state =
        protobuf::frameworkHasCapability(
            framework_, FrameworkInfo::Capability::PARTITION_AWARE)
            ? TASK_DROPPED
            : TASK_LOST;
    for (const Offer::Operation& operation : operations) {
      if (operation.type() != Offer::Operation::LAUNCH)
        continue;
      for (const TaskInfo& task : operation.launch().task_infos()) {
        const StatusUpdate update = protobuf::createStatusUpdate(
            framework_.id(), None(), task.task_id(), state,
            TaskStatus::SOURCE_MASTER, None(), "Master disconnected",
            TaskStatus::REASON_MASTER_DISCONNECTED);
        statusUpdate(UPID(), update, "");
      }
    }
    return;
  }

  Call accept = call(Call::ACCEPT);
  Call::Accept* body = accept.mutable_accept();
  for (const Offer::Operation& operation : operations) {
    if (operation.has_id()) {
      LOG(FATAL) << "An offer operation's 'id' field was set, which the "
                 << "scheduler driver does not allow (it cannot deliver "
                 << "operation status updates)";
    }
    *body->add_operations() = operation;
  }

  for (const OfferID& offerId : offerIds) {
    *body->add_offer_ids() = offerId;
    auto offer = savedOffers_.find(offerId.value());
    if (offer == savedOffers_.end()) {
      LOG(WARNING) << "Attempting to accept an unknown offer "
                   << offerId.value();
      continue;
    }
    // Keep the pids of agents that will run tasks, for framework messages.
    for (const Offer::Operation& operation : operations) {
      if (operation.type() != Offer::Operation::LAUNCH)
        continue;
      for (const TaskInfo& task : operation.launch().task_infos()) {
        auto pid = offer->second.find(task.slave_id().value());
        if (pid != offer->second.end())
          savedSlavePids_[task.slave_id().value()] = pid->second;
        else
          LOG(WARNING) << "Attempting to launch task " << task.task_id().value()
                       << " with the wrong agent id "
                       << task.slave_id().value();
      }
    }
    savedOffers_.erase(offer);
  }

  *body->mutable_filters() = filters;
  sendToMaster(accept);
}

void SchedulerProcess::declineOffer(const OfferID& offerId,
                                    const Filters& filters) {
  if (!connected_) {
    LOG(WARNING) << "Ignoring decline of offer " << offerId.value()
                 << ": the master is disconnected";
    return;
  }
  if (savedOffers_.erase(offerId.value()) == 0)
    LOG(WARNING) << "Attempting to decline an unknown offer "
                 << offerId.value();

  Call decline = call(Call::DECLINE);
  *decline.mutable_decline()->add_offer_ids() = offerId;
  *decline.mutable_decline()->mutable_filters() = filters;
  sendToMaster(decline);
}

void SchedulerProcess::reviveOffers(const vector<string>& roles) {
  if (roles.empty()) {
    suppressedRoles_.clear();
  } else {
    for (const string& role : roles)
      suppressedRoles_.erase(role);
  }

  if (!connected_) {
    // The new set goes to the master when the driver registers again.
    sendUpdateFrameworkOnConnect_ = true;
    return;
  }

  Call revive = call(Call::REVIVE);
  for (const string& role : roles)
    revive.mutable_revive()->add_roles(role);
  sendToMaster(revive);
}

void SchedulerProcess::suppressOffers(const vector<string>& roles) {
  if (roles.empty()) {
    suppressedRoles_ =
        std::set<string>(framework_.roles().begin(), framework_.roles().end());
    if (framework_.has_role())
      suppressedRoles_.insert(framework_.role());
  } else {
    suppressedRoles_.insert(roles.begin(), roles.end());
  }

  if (!connected_) {
    sendUpdateFrameworkOnConnect_ = true;
    return;
  }

  Call suppress = call(Call::SUPPRESS);
  for (const string& role : roles)
    suppress.mutable_suppress()->add_roles(role);
  sendToMaster(suppress);
}

void SchedulerProcess::acknowledgeStatusUpdate(const TaskStatus& status) {
  if (!connected_) {
    LOG(WARNING) << "Ignoring acknowledgement of a status update of task "
                 << status.task_id().value() << ": the master is disconnected";
    return;
  }

  // Updates without uuid (made by the master or the driver) need none.
  if (!status.has_uuid() || !status.has_slave_id())
    return;

  Call ack = call(Call::ACKNOWLEDGE);
  *ack.mutable_acknowledge()->mutable_slave_id() = status.slave_id();
  *ack.mutable_acknowledge()->mutable_task_id() = status.task_id();
  ack.mutable_acknowledge()->set_uuid(status.uuid());
  sendToMaster(ack);
}

void SchedulerProcess::sendFrameworkMessage(const ExecutorID& executorId,
                                            const SlaveID& slaveId,
                                            const string& data) {
  if (!connected_) {
    LOG(WARNING) << "Ignoring framework message: the master is disconnected";
    return;
  }

  auto pid = savedSlavePids_.find(slaveId.value());
  if (pid != savedSlavePids_.end()) {
    // Straight to the agent, as Mesos's driver does once it knows it.
    FrameworkToExecutorMessage message;
    *message.mutable_slave_id() = slaveId;
    *message.mutable_framework_id() = framework_.id();
    *message.mutable_executor_id() = executorId;
    message.set_data(data);
    sendChecked(pid->second, message);
    return;
  }

  Call message = call(Call::MESSAGE);
  *message.mutable_message()->mutable_slave_id() = slaveId;
  *message.mutable_message()->mutable_executor_id() = executorId;
  message.mutable_message()->set_data(data);
  sendToMaster(message);
}

void SchedulerProcess::reconcileTasks(const vector<TaskStatus>& statuses) {
  if (!connected_) {
    LOG(WARNING) << "Ignoring task reconciliation: the master is disconnected";
    return;
  }
  Call reconcile = call(Call::RECONCILE);
  for (const TaskStatus& status : statuses) {
    Call::Reconcile::Task* task = reconcile.mutable_reconcile()->add_tasks();
    *task->mutable_task_id() = status.task_id();
    if (status.has_slave_id())
      *task->mutable_slave_id() = status.slave_id();
  }
  sendToMaster(reconcile);
}

void SchedulerProcess::updateFramework(
    const FrameworkInfo& framework, const std::set<string>& suppressedRoles,
    const ::mesos::scheduler::OfferConstraints& offerConstraints) {
  if (!framework_.has_id() || framework_.id().value().empty()) {
    error(
        "MesosSchedulerDriver::updateFramework() must not be called before "
        "the framework is registered with the master");
    return;
  }
  if (framework.id().value() != framework_.id().value()) {
    error(
        "The 'FrameworkInfo.id' given to "
        "MesosSchedulerDriver::updateFramework() (" +
        framework.id().value() + ") differs from the registered one (" +
        framework_.id().value() + ")");
    return;
  }

  framework_ = framework;
  suppressedRoles_ = suppressedRoles;
  offerConstraints_ = offerConstraints;

  if (connected_)
    sendUpdateFramework();
  else
    sendUpdateFrameworkOnConnect_ = true;
}

}  // namespace internal
}  // namespace mesos
