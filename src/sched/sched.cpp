// MesosSchedulerDriver: the public driver object. Its methods check and
// change the driver status under `mutex` and dispatch the work to the
// SchedulerProcess, which owns all protocol state.

#include <mesos/scheduler.hpp>

#include <set>

#include <glog/logging.h>

#include <process/dispatch.hpp>
#include <process/latch.hpp>
#include <process/process.hpp>

#include <stout/os.hpp>
#include <stout/uuid.hpp>

#include "driver/driver_state.hpp"
#include "sched/constants.hpp"
#include <mesos/master/detector.hpp>
#include "sched/scheduler_process.hpp"

using mesos::internal::SchedulerProcess;
using mesos::master::detector::MasterDetector;

using process::dispatch;

using std::string;
using std::vector;

namespace mesos {

namespace {

// Fills what Mesos fills when the framework leaves it empty.
void fillMissingFrameworkInfoFields(FrameworkInfo* framework) {
  if (framework->user().empty()) {
    Result<string> user = os::user();
    if (user.isSome())
      framework->set_user(user.get());
  }
  if (framework->hostname().empty()) {
    Try<string> hostname = os::hostname();
    if (hostname.isSome())
      framework->set_hostname(hostname.get());
  }
}

}  // namespace

MesosSchedulerDriver::MesosSchedulerDriver(Scheduler* scheduler,
                                           const FrameworkInfo& framework,
                                           const string& master)
    : MesosSchedulerDriver(scheduler, framework, vector<string>(), master,
                           true) {}

MesosSchedulerDriver::MesosSchedulerDriver(Scheduler* scheduler,
                                           const FrameworkInfo& framework,
                                           const string& master,
                                           const Credential& credential)
    : MesosSchedulerDriver(scheduler, framework, vector<string>(), master, true,
                           credential) {}

MesosSchedulerDriver::MesosSchedulerDriver(Scheduler* scheduler,
                                           const FrameworkInfo& framework,
                                           const string& master,
                                           bool implicitAcknowledgements)
    : MesosSchedulerDriver(scheduler, framework, vector<string>(), master,
                           implicitAcknowledgements) {}

MesosSchedulerDriver::MesosSchedulerDriver(Scheduler* scheduler,
                                           const FrameworkInfo& framework,
                                           const string& master,
                                           bool implicitAcknowledgements,
                                           const Credential& credential)
    : MesosSchedulerDriver(scheduler, framework, vector<string>(), master,
                           implicitAcknowledgements, credential) {}

MesosSchedulerDriver::MesosSchedulerDriver(
    Scheduler* _scheduler, const FrameworkInfo& _framework,
    const vector<string>& suppressedRoles, const string& _master,
    bool implicitAcknowledgements)
    : scheduler(_scheduler),
      framework(_framework),
      initialSuppressedRoles(suppressedRoles),
      master(_master),
      process(nullptr),
      latch(nullptr),
      status(DRIVER_NOT_STARTED),
      implicitAcknowlegements(implicitAcknowledgements),
      credential(nullptr),
      schedulerId("scheduler-" + id::UUID::random().toString()) {
  initialize();
}

MesosSchedulerDriver::MesosSchedulerDriver(
    Scheduler* _scheduler, const FrameworkInfo& _framework,
    const vector<string>& suppressedRoles, const string& _master,
    bool implicitAcknowledgements, const Credential& _credential)
    : scheduler(_scheduler),
      framework(_framework),
      initialSuppressedRoles(suppressedRoles),
      master(_master),
      process(nullptr),
      latch(nullptr),
      status(DRIVER_NOT_STARTED),
      implicitAcknowlegements(implicitAcknowledgements),
      credential(new Credential(_credential)),
      schedulerId("scheduler-" + id::UUID::random().toString()) {
  initialize();
}

void MesosSchedulerDriver::initialize() {
  GOOGLE_PROTOBUF_VERIFY_VERSION;
  process::initialize();
  if (process::address().ip.isLoopback()) {
    LOG(WARNING) << "Scheduler driver bound to a loopback address; remote "
                 << "masters cannot reach it (set LIBPROCESS_IP)";
  }
  latch = new process::Latch();
  fillMissingFrameworkInfoFields(&framework);
  url = master;
}

MesosSchedulerDriver::~MesosSchedulerDriver() {
  // Terminated even without stop()/abort(), so no callback runs into a
  // destroyed driver.
  internal::driver::destroy(&process);
  delete latch;
  delete credential;
  detector.reset();
}

Status MesosSchedulerDriver::start() {
  std::lock_guard<std::recursive_mutex> lock(mutex);
  if (status != DRIVER_NOT_STARTED)
    return status;

  Option<string> startError;

  internal::scheduler::Flags flags;
  Try<flags::Warnings> load = flags.load("MESOS_");
  if (load.isError())
    startError = "Failed to load the scheduler flags: " + load.error();

  if (startError.isNone() && detector == nullptr) {
    if (url == "local" || url == "localquiet") {
      startError = string(
          "The 'local' master (an in-process cluster) is not supported; "
          "start a mesos-master and give its host:port");
    } else {
      Try<MasterDetector*> created = MasterDetector::create(url);
      if (created.isError())
        startError = "Failed to create a master detector for '" + master +
                     "': " + created.error();
      else
        detector.reset(created.get());
    }
  }

  Option<Credential> cred;
  if (credential != nullptr)
    cred = *credential;

  // With a start error the process only reports it (error callback on its
  // own thread, latch opened), so join() returns DRIVER_ABORTED.
  process =
      new SchedulerProcess(this, scheduler, framework, initialSuppressedRoles,
                           cred, implicitAcknowlegements, schedulerId,
                           detector.get(), flags, &mutex, latch, startError);
  status = startError.isSome() ? DRIVER_ABORTED : DRIVER_RUNNING;
  if (startError.isSome())
    process->running.store(false);
  process::spawn(process);
  return status;
}

Status MesosSchedulerDriver::stop(bool failover) {
  std::lock_guard<std::recursive_mutex> lock(mutex);
  LOG(INFO) << "Asked to stop the driver";
  if (!internal::driver::stoppable(status))
    return status;

  if (process != nullptr) {
    process->running.store(false);
    dispatch(process, &SchedulerProcess::stop, failover);
  }
  return internal::driver::markStopped(&status);
}

Status MesosSchedulerDriver::abort() {
  std::lock_guard<std::recursive_mutex> lock(mutex);
  LOG(INFO) << "Asked to abort the driver";
  if (status != DRIVER_RUNNING)
    return status;

  CHECK(process != nullptr);
  process->running.store(false);
  // Dispatched, so requests queued before the abort are still sent.
  dispatch(process, &SchedulerProcess::abort);
  return status = DRIVER_ABORTED;
}

Status MesosSchedulerDriver::join() {
  return internal::driver::join(mutex, process, *latch, status);
}

Status MesosSchedulerDriver::run() {
  return internal::driver::run(this);
}

Status MesosSchedulerDriver::requestResources(const vector<Request>& requests) {
  return internal::driver::dispatchIfRunning(
      mutex, status, process, &SchedulerProcess::requestResources, requests);
}

Status MesosSchedulerDriver::launchTasks(const OfferID& offerId,
                                         const vector<TaskInfo>& tasks,
                                         const Filters& filters) {
  return launchTasks(vector<OfferID>{offerId}, tasks, filters);
}

Status MesosSchedulerDriver::launchTasks(const vector<OfferID>& offerIds,
                                         const vector<TaskInfo>& tasks,
                                         const Filters& filters) {
  return internal::driver::dispatchIfRunning(mutex, status, process,
                                             &SchedulerProcess::launchTasks,
                                             offerIds, tasks, filters);
}

Status MesosSchedulerDriver::killTask(const TaskID& taskId) {
  return internal::driver::dispatchIfRunning(
      mutex, status, process, &SchedulerProcess::killTask, taskId);
}

Status MesosSchedulerDriver::acceptOffers(
    const vector<OfferID>& offerIds, const vector<Offer::Operation>& operations,
    const Filters& filters) {
  return internal::driver::dispatchIfRunning(mutex, status, process,
                                             &SchedulerProcess::acceptOffers,
                                             offerIds, operations, filters);
}

Status MesosSchedulerDriver::declineOffer(const OfferID& offerId,
                                          const Filters& filters) {
  return internal::driver::dispatchIfRunning(mutex, status, process,
                                             &SchedulerProcess::declineOffer,
                                             offerId, filters);
}

Status MesosSchedulerDriver::reviveOffers() {
  return internal::driver::dispatchIfRunning(mutex, status, process,
                                             &SchedulerProcess::reviveOffers,
                                             vector<string>());
}

Status MesosSchedulerDriver::reviveOffers(const vector<string>& roles) {
  if (roles.empty())
    return internal::driver::current(mutex, status);
  return internal::driver::dispatchIfRunning(
      mutex, status, process, &SchedulerProcess::reviveOffers, roles);
}

Status MesosSchedulerDriver::suppressOffers() {
  return internal::driver::dispatchIfRunning(mutex, status, process,
                                             &SchedulerProcess::suppressOffers,
                                             vector<string>());
}

Status MesosSchedulerDriver::suppressOffers(const vector<string>& roles) {
  if (roles.empty())
    return internal::driver::current(mutex, status);
  return internal::driver::dispatchIfRunning(
      mutex, status, process, &SchedulerProcess::suppressOffers, roles);
}

Status MesosSchedulerDriver::acknowledgeStatusUpdate(
    const TaskStatus& taskStatus) {
  std::lock_guard<std::recursive_mutex> lock(mutex);
  if (status != DRIVER_RUNNING)
    return status;
  if (implicitAcknowlegements) {
    LOG(FATAL) << "Cannot call acknowledgeStatusUpdate: implicit "
               << "acknowledgements are enabled (see the "
               << "MesosSchedulerDriver constructors)";
  }
  dispatch(process, &SchedulerProcess::acknowledgeStatusUpdate, taskStatus);
  return status;
}

Status MesosSchedulerDriver::sendFrameworkMessage(const ExecutorID& executorId,
                                                  const SlaveID& slaveId,
                                                  const string& data) {
  return internal::driver::dispatchIfRunning(
      mutex, status, process, &SchedulerProcess::sendFrameworkMessage,
      executorId, slaveId, data);
}

Status MesosSchedulerDriver::reconcileTasks(
    const vector<TaskStatus>& statuses) {
  return internal::driver::dispatchIfRunning(
      mutex, status, process, &SchedulerProcess::reconcileTasks, statuses);
}

Status MesosSchedulerDriver::updateFramework(
    const FrameworkInfo& frameworkInfo, const vector<string>& suppressedRoles,
    ::mesos::scheduler::OfferConstraints&& offerConstraints) {
  std::lock_guard<std::recursive_mutex> lock(mutex);
  if (status != DRIVER_RUNNING)
    return status;

  framework = frameworkInfo;
  fillMissingFrameworkInfoFields(&framework);

  const std::set<string> roles(suppressedRoles.begin(), suppressedRoles.end());
  if (roles.size() != suppressedRoles.size())
    LOG(WARNING) << "updateFramework: duplicate suppressed roles ignored";

  dispatch(process, &SchedulerProcess::updateFramework, framework, roles,
           offerConstraints);
  return status;
}

}  // namespace mesos
