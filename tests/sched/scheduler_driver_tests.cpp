// MesosSchedulerDriver against a fake master process in the same OS
// process, speaking real protobuf messages.

#include <sys/wait.h>

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <mesos/resources.hpp>
#include <mesos/scheduler.hpp>

#include <process/clock.hpp>
#include <process/gtest.hpp>
#include <process/process.hpp>

#include <stout/os.hpp>
#include <stout/stringify.hpp>
#include <stout/uuid.hpp>

#include "driver/driver_test_kit.hpp"
#include "sched/fake_master.hpp"

using mesos::scheduler::Call;

using process::Clock;
using process::Future;
using process::UPID;

using std::string;
using std::vector;

namespace mesos {
namespace tests {
namespace {

struct Lost {
  ExecutorID executorId;
  SlaveID slaveId;
  int status;
};

struct Message {
  ExecutorID executorId;
  SlaveID slaveId;
  string data;
};

// Records every callback; checks none runs on the test's thread.
class RecordingScheduler : public Scheduler, public CallbackThreadCheck {
 public:
  void registered(SchedulerDriver*, const FrameworkID& frameworkId,
                  const MasterInfo&) override {
    check();
    registeredQ.put(frameworkId);
  }
  void reregistered(SchedulerDriver*, const MasterInfo& info) override {
    check();
    reregisteredQ.put(info);
  }
  void disconnected(SchedulerDriver*) override {
    check();
    disconnectedQ.put(true);
  }
  void resourceOffers(SchedulerDriver*, const vector<Offer>& offers) override {
    check();
    offersQ.put(offers);
  }
  void offerRescinded(SchedulerDriver*, const OfferID& offerId) override {
    check();
    rescindedQ.put(offerId);
  }
  void statusUpdate(SchedulerDriver*, const TaskStatus& status) override {
    check();
    statusQ.put(status);
  }
  void frameworkMessage(SchedulerDriver*, const ExecutorID& executorId,
                        const SlaveID& slaveId, const string& data) override {
    check();
    messageQ.put({executorId, slaveId, data});
  }
  void slaveLost(SchedulerDriver*, const SlaveID& slaveId) override {
    check();
    slaveLostQ.put(slaveId);
  }
  void executorLost(SchedulerDriver*, const ExecutorID& executorId,
                    const SlaveID& slaveId, int status) override {
    check();
    executorLostQ.put({executorId, slaveId, status});
  }
  void error(SchedulerDriver*, const string& message) override {
    check();
    errorQ.put(message);
  }

  EventQueue<FrameworkID> registeredQ;
  EventQueue<MasterInfo> reregisteredQ;
  EventQueue<bool> disconnectedQ;
  EventQueue<vector<Offer>> offersQ;
  EventQueue<OfferID> rescindedQ;
  EventQueue<TaskStatus> statusQ;
  EventQueue<Message> messageQ;
  EventQueue<SlaveID> slaveLostQ;
  EventQueue<Lost> executorLostQ;
  EventQueue<string> errorQ;
};

class SchedulerDriverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    master = new FakeMaster();
    ASSERT_TRUE(process::spawn(master));
    framework.set_name("test-framework");
  }

  void TearDown() override { stopMaster(); }

  void stopMaster() {
    if (master != nullptr) {
      process::terminate(master);
      process::wait(master);
      delete master;
      master = nullptr;
    }
  }

  string masterAddress() const { return stringify(master->self().address); }

  // The next call the master receives, which must be of `type`.
  Received<Call> expectCall(Call::Type type) {
    Future<Received<Call>> call = master->calls.get();
    EXPECT_TRUE(call.await(Seconds(15)));
    if (!call.isReady())
      return {};
    EXPECT_EQ(Call::Type_Name(type), Call::Type_Name(call->message.type()));
    return call.get();
  }

  // Answers the first SUBSCRIBE of `driver`; returns the scheduler pid.
  UPID registerFramework(MesosSchedulerDriver* driver,
                         RecordingScheduler* scheduler) {
    EXPECT_EQ(DRIVER_RUNNING, driver->start());
    Received<Call> subscribe = expectCall(Call::SUBSCRIBE);
    master->post(subscribe.from, registeredMessage());
    Future<FrameworkID> id = scheduler->registeredQ.get();
    EXPECT_TRUE(id.await(Seconds(15)));
    return subscribe.from;
  }

  static TaskStatus status(const string& taskId, const TaskState& state) {
    TaskStatus status;
    status.mutable_task_id()->set_value(taskId);
    status.set_state(state);
    return status;
  }

  // The master's answer to a first SUBSCRIBE of framework `id`.
  internal::FrameworkRegisteredMessage registeredMessage(
      const string& id = "framework-1") const {
    internal::FrameworkRegisteredMessage registered;
    registered.mutable_framework_id()->set_value(id);
    *registered.mutable_master_info() = master->info();
    return registered;
  }

  // One offer "offer-1" to framework-1 of agent-1 at `agentPid`.
  static internal::ResourceOffersMessage offerMessage(
      const string& agentPid, const string& resources = "") {
    internal::ResourceOffersMessage offers;
    Offer* offer = offers.add_offers();
    offer->mutable_id()->set_value("offer-1");
    offer->mutable_framework_id()->set_value("framework-1");
    offer->mutable_slave_id()->set_value("agent-1");
    offer->set_hostname("agent-host");
    if (!resources.empty())
      *offer->mutable_resources() = Resources::parse(resources).get();
    offers.add_pids(agentPid);
    return offers;
  }

  // A status update of framework-1's `taskId` on agent-1 (at
  // slave(1)@127.0.0.1:`agentPort`) with `uuid`.
  static internal::StatusUpdateMessage updateMessage(const string& taskId,
                                                     const TaskState& state,
                                                     const id::UUID& uuid,
                                                     int agentPort = 5051) {
    internal::StatusUpdateMessage message;
    internal::StatusUpdate* update = message.mutable_update();
    update->mutable_framework_id()->set_value("framework-1");
    update->mutable_slave_id()->set_value("agent-1");
    *update->mutable_status() = status(taskId, state);
    update->mutable_status()->mutable_slave_id()->set_value("agent-1");
    update->set_timestamp(1);
    update->set_uuid(uuid.toBytes());
    message.set_pid("slave(1)@127.0.0.1:" + stringify(agentPort));
    return message;
  }

  FakeMaster* master = nullptr;
  FrameworkInfo framework;
};

TEST_F(SchedulerDriverTest, ZooKeeperMasterAborts) {
  RecordingScheduler scheduler;
  MesosSchedulerDriver driver(&scheduler, framework, "zk://host:2181/mesos");

  EXPECT_EQ(DRIVER_ABORTED, driver.start());
  Future<string> error = scheduler.errorQ.get();
  AWAIT_READY(error);
  EXPECT_NE(string::npos, error->find("ZooKeeper")) << error.get();
  EXPECT_EQ(DRIVER_ABORTED, driver.join());
  EXPECT_EQ(DRIVER_ABORTED, driver.stop());
  EXPECT_FALSE(scheduler.onCallerThread);
}

TEST_F(SchedulerDriverTest, UnparsableMasterAborts) {
  RecordingScheduler scheduler;
  MesosSchedulerDriver driver(&scheduler, framework, "no port here");
  EXPECT_EQ(DRIVER_ABORTED, driver.run());
  AWAIT_READY(scheduler.errorQ.get());
}

TEST_F(SchedulerDriverTest, MasterFromFile) {
  const string path =
      "/tmp/scheduler-driver-test-" + id::UUID::random().toString();
  ASSERT_TRUE(os::write(path, masterAddress() + "\n").isSome());

  RecordingScheduler scheduler;
  MesosSchedulerDriver driver(&scheduler, framework, "file://" + path);
  EXPECT_TRUE(registerFramework(&driver, &scheduler));
  EXPECT_EQ(DRIVER_STOPPED, driver.stop());
  EXPECT_TRUE(os::rm(path).isSome());
}

TEST_F(SchedulerDriverTest, StatusValues) {
  RecordingScheduler scheduler;
  MesosSchedulerDriver driver(&scheduler, framework, masterAddress());

  EXPECT_EQ(DRIVER_NOT_STARTED, driver.join());
  EXPECT_EQ(DRIVER_NOT_STARTED, driver.stop());
  EXPECT_EQ(DRIVER_NOT_STARTED, driver.abort());
  EXPECT_EQ(DRIVER_NOT_STARTED, driver.killTask(TaskID()));

  EXPECT_EQ(DRIVER_RUNNING, driver.start());
  EXPECT_EQ(DRIVER_RUNNING, driver.start());
  EXPECT_EQ(DRIVER_ABORTED, driver.abort());
  EXPECT_EQ(DRIVER_ABORTED, driver.abort());
  EXPECT_EQ(DRIVER_ABORTED, driver.join());
  EXPECT_EQ(DRIVER_ABORTED, driver.reviveOffers());
  EXPECT_EQ(DRIVER_ABORTED, driver.stop());
  EXPECT_EQ(DRIVER_STOPPED, driver.join());
  EXPECT_EQ(DRIVER_STOPPED, driver.stop());
}

TEST_F(SchedulerDriverTest, SubscribeRetriedWithBackoff) {
  Clock::pause();
  RecordingScheduler scheduler;
  MesosSchedulerDriver driver(&scheduler, framework, masterAddress());
  EXPECT_EQ(DRIVER_RUNNING, driver.start());

  Received<Call> first = expectCall(Call::SUBSCRIBE);
  EXPECT_EQ("test-framework",
            first.message.subscribe().framework_info().name());
  EXPECT_FALSE(first.message.subscribe().framework_info().user().empty());
  EXPECT_FALSE(first.message.subscribe().framework_info().hostname().empty());
  EXPECT_FALSE(first.message.has_framework_id());
  EXPECT_EQ(0, first.from.id.find("scheduler-"));

  // The first retry comes within the 2 second backoff factor, the next
  // within twice that.
  Clock::settle();
  Clock::advance(Seconds(2));
  expectCall(Call::SUBSCRIBE);
  Clock::settle();
  Clock::advance(Seconds(4));
  expectCall(Call::SUBSCRIBE);

  master->post(first.from, registeredMessage());
  Future<FrameworkID> id = scheduler.registeredQ.get();
  AWAIT_READY(id);
  EXPECT_EQ("framework-1", id->value());

  // Registered: no more retries.
  Clock::settle();
  Clock::advance(Minutes(2));
  Clock::settle();
  EXPECT_EQ(0u, master->calls.size());

  EXPECT_EQ(DRIVER_STOPPED, driver.stop());
  Received<Call> teardown = expectCall(Call::TEARDOWN);
  EXPECT_EQ("framework-1", teardown.message.framework_id().value());
  EXPECT_EQ(DRIVER_STOPPED, driver.join());
}

TEST_F(SchedulerDriverTest, FailoverSubscribesWithFrameworkId) {
  framework.mutable_id()->set_value("framework-7");
  RecordingScheduler scheduler;
  MesosSchedulerDriver driver(&scheduler, framework, {"role-a"},
                              masterAddress(), true);
  EXPECT_EQ(DRIVER_RUNNING, driver.start());

  Received<Call> subscribe = expectCall(Call::SUBSCRIBE);
  EXPECT_EQ("framework-7", subscribe.message.framework_id().value());
  EXPECT_TRUE(subscribe.message.subscribe().force());
  ASSERT_EQ(1, subscribe.message.subscribe().suppressed_roles_size());
  EXPECT_EQ("role-a", subscribe.message.subscribe().suppressed_roles(0));

  master->post(subscribe.from, registeredMessage("framework-7"));
  AWAIT_EXPECT_EQ(string("framework-7"),
                  scheduler.registeredQ.get().then(
                      [](const FrameworkID& id) { return id.value(); }));

  // stop(failover=true) leaves the framework to a successor: no TEARDOWN.
  EXPECT_EQ(DRIVER_STOPPED, driver.stop(true));
  EXPECT_EQ(DRIVER_STOPPED, driver.join());
  Clock::pause();
  Clock::settle();
  EXPECT_EQ(0u, master->calls.size());
}

TEST_F(SchedulerDriverTest, CredentialConstructorRegisters) {
  Credential credential;
  credential.set_principal("principal");
  RecordingScheduler scheduler;
  MesosSchedulerDriver driver(&scheduler, framework, masterAddress(), false,
                              credential);
  EXPECT_TRUE(registerFramework(&driver, &scheduler));
  EXPECT_EQ(DRIVER_STOPPED, driver.stop());
}

TEST_F(SchedulerDriverTest, Callbacks) {
  RecordingScheduler scheduler;
  MesosSchedulerDriver driver(&scheduler, framework, masterAddress());
  const UPID pid = registerFramework(&driver, &scheduler);
  ASSERT_TRUE(pid);

  master->post(pid, offerMessage("slave(1)@127.0.0.1:5051"));
  Future<vector<Offer>> offered = scheduler.offersQ.get();
  AWAIT_READY(offered);
  ASSERT_EQ(1u, offered->size());
  EXPECT_EQ("offer-1", offered->at(0).id().value());

  internal::RescindResourceOfferMessage rescind;
  rescind.mutable_offer_id()->set_value("offer-1");
  master->post(pid, rescind);
  Future<OfferID> rescinded = scheduler.rescindedQ.get();
  AWAIT_READY(rescinded);
  EXPECT_EQ("offer-1", rescinded->value());

  internal::LostSlaveMessage lost;
  lost.mutable_slave_id()->set_value("agent-1");
  master->post(pid, lost);
  Future<SlaveID> slaveLost = scheduler.slaveLostQ.get();
  AWAIT_READY(slaveLost);
  EXPECT_EQ("agent-1", slaveLost->value());

  internal::ExitedExecutorMessage exited;
  exited.mutable_slave_id()->set_value("agent-1");
  exited.mutable_framework_id()->set_value("framework-1");
  exited.mutable_executor_id()->set_value("executor-1");
  exited.set_status(256);
  master->post(pid, exited);
  Future<Lost> executorLost = scheduler.executorLostQ.get();
  AWAIT_READY(executorLost);
  EXPECT_EQ("executor-1", executorLost->executorId.value());
  EXPECT_EQ("agent-1", executorLost->slaveId.value());
  EXPECT_EQ(256, executorLost->status);

  internal::ExecutorToFrameworkMessage message;
  message.mutable_slave_id()->set_value("agent-1");
  message.mutable_framework_id()->set_value("framework-1");
  message.mutable_executor_id()->set_value("executor-1");
  message.set_data("from executor");
  master->post(pid, message);
  Future<Message> received = scheduler.messageQ.get();
  AWAIT_READY(received);
  EXPECT_EQ("from executor", received->data);
  EXPECT_EQ("executor-1", received->executorId.value());

  internal::FrameworkErrorMessage error;
  error.set_message("framework removed");
  master->post(pid, error);
  AWAIT_EXPECT_EQ(string("framework removed"), scheduler.errorQ.get());

  // The error aborted the driver (and told the master).
  EXPECT_EQ(DRIVER_ABORTED, driver.join());
  Future<Received<internal::DeactivateFrameworkMessage>> deactivated =
      master->deactivations.get();
  AWAIT_READY(deactivated);
  EXPECT_EQ("framework-1", deactivated->message.framework_id().value());
  EXPECT_FALSE(scheduler.onCallerThread);
}

TEST_F(SchedulerDriverTest, IgnoresMessagesFromOthers) {
  RecordingScheduler scheduler;
  MesosSchedulerDriver driver(&scheduler, framework, masterAddress());
  const UPID pid = registerFramework(&driver, &scheduler);
  ASSERT_TRUE(pid);

  FakeSchedulerAgent impostor;
  process::spawn(impostor);
  internal::LostSlaveMessage lost;
  lost.mutable_slave_id()->set_value("agent-1");
  process::post(impostor.self(), pid, lost);

  // Sent after the impostor's message, so handled after it.
  internal::RescindResourceOfferMessage rescind;
  rescind.mutable_offer_id()->set_value("offer-9");
  process::post(master->self(), pid, rescind);
  AWAIT_READY(scheduler.rescindedQ.get());
  EXPECT_EQ(0u, scheduler.slaveLostQ.size());

  process::terminate(impostor);
  process::wait(impostor);
  EXPECT_EQ(DRIVER_STOPPED, driver.stop());
}

TEST_F(SchedulerDriverTest, Calls) {
  RecordingScheduler scheduler;
  MesosSchedulerDriver driver(&scheduler, framework, masterAddress());
  const UPID pid = registerFramework(&driver, &scheduler);
  ASSERT_TRUE(pid);

  FakeSchedulerAgent agent;
  process::spawn(agent);

  const internal::ResourceOffersMessage offers =
      offerMessage(string(agent.self()));
  const Offer* offer = &offers.offers(0);
  master->post(pid, offers);
  AWAIT_READY(scheduler.offersQ.get());

  // A malformed request is dropped (logged), not sent.
  driver.sendFrameworkMessage(ExecutorID(), SlaveID(), "");

  // A framework message before any launch goes through the master.
  ExecutorID executorId;
  executorId.set_value("executor-1");
  SlaveID agentId;
  agentId.set_value("agent-1");
  driver.sendFrameworkMessage(executorId, agentId, "via master");
  Received<Call> viaMaster = expectCall(Call::MESSAGE);
  EXPECT_EQ("via master", viaMaster.message.message().data());
  EXPECT_EQ("executor-1", viaMaster.message.message().executor_id().value());

  TaskInfo task;
  task.set_name("task");
  task.mutable_task_id()->set_value("task-1");
  task.mutable_slave_id()->set_value("agent-1");
  task.mutable_command()->set_value("true");
  Filters filters;
  filters.set_refuse_seconds(7);
  EXPECT_EQ(DRIVER_RUNNING, driver.launchTasks(offer->id(), {task}, filters));
  Received<Call> accept = expectCall(Call::ACCEPT);
  EXPECT_EQ("framework-1", accept.message.framework_id().value());
  ASSERT_EQ(1, accept.message.accept().offer_ids_size());
  EXPECT_EQ("offer-1", accept.message.accept().offer_ids(0).value());
  ASSERT_EQ(1, accept.message.accept().operations_size());
  EXPECT_EQ(Offer::Operation::LAUNCH,
            accept.message.accept().operations(0).type());
  EXPECT_EQ("task-1", accept.message.accept()
                          .operations(0)
                          .launch()
                          .task_infos(0)
                          .task_id()
                          .value());
  EXPECT_EQ(7, accept.message.accept().filters().refuse_seconds());

  // The agent's pid is known now: framework messages go straight to it.
  driver.sendFrameworkMessage(executorId, agentId, "direct");
  Future<Received<internal::FrameworkToExecutorMessage>> direct =
      agent.messages.get();
  AWAIT_READY(direct);
  EXPECT_EQ("direct", direct->message.data());
  EXPECT_EQ("framework-1", direct->message.framework_id().value());

  Offer::Operation reserve;
  reserve.set_type(Offer::Operation::RESERVE);
  driver.acceptOffers({offer->id()}, {reserve});
  EXPECT_EQ(Offer::Operation::RESERVE,
            expectCall(Call::ACCEPT).message.accept().operations(0).type());

  driver.declineOffer(offer->id(), filters);
  Received<Call> decline = expectCall(Call::DECLINE);
  EXPECT_EQ("offer-1", decline.message.decline().offer_ids(0).value());
  EXPECT_EQ(7, decline.message.decline().filters().refuse_seconds());

  driver.killTask(task.task_id());
  EXPECT_EQ("task-1", expectCall(Call::KILL).message.kill().task_id().value());

  driver.reviveOffers();
  EXPECT_EQ(0, expectCall(Call::REVIVE).message.revive().roles_size());
  driver.reviveOffers(vector<string>{});
  driver.reviveOffers({"role-b"});
  EXPECT_EQ("role-b", expectCall(Call::REVIVE).message.revive().roles(0));
  driver.suppressOffers();
  EXPECT_EQ(0, expectCall(Call::SUPPRESS).message.suppress().roles_size());
  driver.suppressOffers({"role-c"});
  EXPECT_EQ("role-c", expectCall(Call::SUPPRESS).message.suppress().roles(0));

  Request request;
  request.mutable_slave_id()->set_value("agent-1");
  driver.requestResources({request});
  EXPECT_EQ("agent-1", expectCall(Call::REQUEST)
                           .message.request()
                           .requests(0)
                           .slave_id()
                           .value());

  TaskStatus known = status("task-1", TASK_RUNNING);
  known.mutable_slave_id()->set_value("agent-1");
  driver.reconcileTasks({known});
  Received<Call> reconcile = expectCall(Call::RECONCILE);
  ASSERT_EQ(1, reconcile.message.reconcile().tasks_size());
  EXPECT_EQ("task-1", reconcile.message.reconcile().tasks(0).task_id().value());
  EXPECT_EQ("agent-1",
            reconcile.message.reconcile().tasks(0).slave_id().value());

  FrameworkInfo updated = framework;
  updated.mutable_id()->set_value("framework-1");
  updated.set_name("renamed");
  driver.updateFramework(updated, {"role-d"},
                         ::mesos::scheduler::OfferConstraints());
  Received<Call> update = expectCall(Call::UPDATE_FRAMEWORK);
  EXPECT_EQ("renamed",
            update.message.update_framework().framework_info().name());
  EXPECT_FALSE(
      update.message.update_framework().framework_info().user().empty());
  EXPECT_EQ("role-d", update.message.update_framework().suppressed_roles(0));

  process::terminate(agent);
  process::wait(agent);
  EXPECT_EQ(DRIVER_STOPPED, driver.stop());
}

TEST_F(SchedulerDriverTest, UpdateFrameworkWithWrongIdIsAnError) {
  RecordingScheduler scheduler;
  MesosSchedulerDriver driver(&scheduler, framework, masterAddress());
  ASSERT_TRUE(registerFramework(&driver, &scheduler));

  FrameworkInfo other = framework;
  other.mutable_id()->set_value("someone-else");
  driver.updateFramework(other, {}, ::mesos::scheduler::OfferConstraints());
  Future<string> error = scheduler.errorQ.get();
  AWAIT_READY(error);
  EXPECT_NE(string::npos, error->find("someone-else"));
  EXPECT_EQ(DRIVER_ABORTED, driver.join());
}

TEST_F(SchedulerDriverTest, ImplicitAcknowledgements) {
  RecordingScheduler scheduler;
  MesosSchedulerDriver driver(&scheduler, framework, masterAddress());
  const UPID pid = registerFramework(&driver, &scheduler);
  ASSERT_TRUE(pid);

  const id::UUID uuid = id::UUID::random();
  master->post(pid, updateMessage("task-1", TASK_RUNNING, uuid));

  Future<TaskStatus> received = scheduler.statusQ.get();
  AWAIT_READY(received);
  EXPECT_EQ(TASK_RUNNING, received->state());
  EXPECT_EQ(uuid.toBytes(), received->uuid());

  Received<Call> ack = expectCall(Call::ACKNOWLEDGE);
  EXPECT_EQ("agent-1", ack.message.acknowledge().slave_id().value());
  EXPECT_EQ("task-1", ack.message.acknowledge().task_id().value());
  EXPECT_EQ(uuid.toBytes(), ack.message.acknowledge().uuid());

  // An update the master made itself (no uuid, no agent pid): no ack.
  internal::StatusUpdateMessage fromMaster;
  fromMaster.mutable_update()->mutable_framework_id()->set_value("framework-1");
  *fromMaster.mutable_update()->mutable_status() = status("task-2", TASK_LOST);
  fromMaster.mutable_update()->set_timestamp(1);
  master->post(pid, fromMaster);
  Future<TaskStatus> lost = scheduler.statusQ.get();
  AWAIT_READY(lost);
  EXPECT_FALSE(lost->has_uuid());

  EXPECT_EQ(DRIVER_STOPPED, driver.stop());
  expectCall(Call::TEARDOWN);
  Clock::pause();
  Clock::settle();
  EXPECT_EQ(0u, master->calls.size());
}

TEST_F(SchedulerDriverTest, ExplicitAcknowledgements) {
  RecordingScheduler scheduler;
  MesosSchedulerDriver driver(&scheduler, framework, masterAddress(), false);
  const UPID pid = registerFramework(&driver, &scheduler);
  ASSERT_TRUE(pid);

  const id::UUID uuid = id::UUID::random();
  master->post(pid, updateMessage("task-1", TASK_FINISHED, uuid));

  Future<TaskStatus> received = scheduler.statusQ.get();
  AWAIT_READY(received);

  // Nothing is acknowledged until the scheduler says so: the next call
  // the master sees is the explicit acknowledgement.
  EXPECT_EQ(DRIVER_RUNNING, driver.acknowledgeStatusUpdate(received.get()));
  Received<Call> ack = expectCall(Call::ACKNOWLEDGE);
  EXPECT_EQ(uuid.toBytes(), ack.message.acknowledge().uuid());
  EXPECT_EQ("task-1", ack.message.acknowledge().task_id().value());

  EXPECT_EQ(DRIVER_STOPPED, driver.stop());
}

TEST_F(SchedulerDriverTest, AcknowledgingInImplicitModeAborts) {
  ::testing::FLAGS_gtest_death_test_style = "threadsafe";
  EXPECT_DEATH(
      {
        RecordingScheduler scheduler;
        MesosSchedulerDriver driver(&scheduler, framework, masterAddress());
        driver.start();
        driver.acknowledgeStatusUpdate(status("task-1", TASK_RUNNING));
      },
      "implicit acknowledgements are enabled");
}

TEST_F(SchedulerDriverTest, LaunchWhileDisconnectedIsLost) {
  Clock::pause();
  RecordingScheduler scheduler;
  MesosSchedulerDriver driver(&scheduler, framework, masterAddress());
  EXPECT_EQ(DRIVER_RUNNING, driver.start());
  expectCall(Call::SUBSCRIBE);

  TaskInfo task;
  task.set_name("task");
  task.mutable_task_id()->set_value("task-1");
  task.mutable_slave_id()->set_value("agent-1");
  OfferID offerId;
  offerId.set_value("offer-1");
  driver.launchTasks(offerId, {task});

  Future<TaskStatus> lost = scheduler.statusQ.get();
  AWAIT_READY(lost);
  EXPECT_EQ(TASK_LOST, lost->state());
  EXPECT_EQ(TaskStatus::REASON_MASTER_DISCONNECTED, lost->reason());
  EXPECT_EQ(TaskStatus::SOURCE_MASTER, lost->source());
  EXPECT_FALSE(lost->has_uuid());
  EXPECT_EQ(DRIVER_STOPPED, driver.stop());
}

TEST_F(SchedulerDriverTest, DisconnectedThenReregistered) {
  RecordingScheduler scheduler;
  MesosSchedulerDriver driver(&scheduler, framework, masterAddress());
  const UPID pid = registerFramework(&driver, &scheduler);
  ASSERT_TRUE(pid);

  Clock::pause();
  stopMaster();
  AWAIT_READY(scheduler.disconnectedQ.get());

  // A master comes back at the same address; the driver subscribes again
  // (within the backoff) as the registered framework, without force.
  master = new FakeMaster();
  process::spawn(master);
  Clock::settle();
  Clock::advance(Seconds(2));
  Received<Call> subscribe = expectCall(Call::SUBSCRIBE);
  EXPECT_EQ("framework-1", subscribe.message.framework_id().value());
  EXPECT_FALSE(subscribe.message.subscribe().force());

  internal::FrameworkReregisteredMessage reregistered;
  reregistered.mutable_framework_id()->set_value("framework-1");
  *reregistered.mutable_master_info() = master->info();
  master->post(pid, reregistered);
  Future<MasterInfo> info = scheduler.reregisteredQ.get();
  AWAIT_READY(info);
  EXPECT_EQ("master-id", info->id());

  EXPECT_EQ(DRIVER_ABORTED, driver.abort());
  AWAIT_READY(master->deactivations.get());
  EXPECT_EQ(DRIVER_ABORTED, driver.join());
  EXPECT_EQ(DRIVER_ABORTED, driver.stop());
}

// Programs that use the driver, run as child processes against the fake
// master: the example framework built from the public headers only, and
// mesos-execute.
class DriverProgramTest : public SchedulerDriverTest {
 protected:
  void SetUp() override {
    SchedulerDriverTest::SetUp();
    Try<string> dir = os::mkdtemp("/tmp/driver-program-test-XXXXXX");
    ASSERT_TRUE(dir.isSome());
    directory = dir.get();
    child = std::make_unique<ChildProgram>();
  }

  void TearDown() override {
    child.reset();
    EXPECT_TRUE(os::rmdir(directory).isSome());
    SchedulerDriverTest::TearDown();
  }

  void start(const string& program, const vector<string>& argv) {
    Try<Nothing> started = child->start(program, argv, directory, {});
    ASSERT_TRUE(started.isSome()) << started.error();
  }

  // The next call of `type`, skipping others (acknowledgements, ...).
  Received<Call> waitCall(Call::Type type) {
    while (true) {
      Future<Received<Call>> call = master->calls.get();
      EXPECT_TRUE(call.await(Seconds(30))) << output();
      if (!call.isReady())
        return {};
      if (call->message.type() == type)
        return call.get();
    }
  }

  Option<int> exitStatus() { return child->exitStatus(); }
  string output() { return child->output(); }

  // Registers the framework that subscribed with `subscribe` and offers it
  // `resources` on agent-1.
  void registerAndOffer(const Received<Call>& subscribe,
                        const string& resources) {
    master->post(subscribe.from, registeredMessage());
    master->post(subscribe.from,
                 offerMessage("slave(1)@127.0.0.1:1", resources));
  }

  void update(const UPID& to, const string& taskId, const TaskState& state) {
    master->post(to, updateMessage(taskId, state, id::UUID::random(), 1));
  }

  string directory;
  std::unique_ptr<ChildProgram> child;
};

TEST_F(DriverProgramTest, PublicApiFramework) {
  start(PUBLIC_API_FRAMEWORK,
        {"test-framework", "--master=" + masterAddress(), "--num_tasks=2",
         "--executor=/path/to/test-executor"});

  Received<Call> subscribe = waitCall(Call::SUBSCRIBE);
  EXPECT_EQ("Test Framework (C++)",
            subscribe.message.subscribe().framework_info().name());
  registerAndOffer(subscribe, "cpus:4;mem:1024");

  Received<Call> accept = waitCall(Call::ACCEPT);
  ASSERT_EQ(1, accept.message.accept().operations_size());
  const Offer::Operation::Launch& launch =
      accept.message.accept().operations(0).launch();
  ASSERT_EQ(2, launch.task_infos_size());
  for (const TaskInfo& task : launch.task_infos()) {
    EXPECT_EQ("/path/to/test-executor", task.executor().command().value());
    EXPECT_EQ(Resources::parse("cpus:1;mem:128").get(),
              Resources(task.resources()));
  }

  for (const TaskInfo& task : launch.task_infos()) {
    update(subscribe.from, task.task_id().value(), TASK_RUNNING);
    update(subscribe.from, task.task_id().value(), TASK_FINISHED);
  }

  // All finished: the framework stops (tearing itself down) and exits 0.
  waitCall(Call::TEARDOWN);
  Option<int> status = exitStatus();
  ASSERT_TRUE(status.isSome());
  EXPECT_TRUE(WIFEXITED(status.get()) && WEXITSTATUS(status.get()) == 0)
      << output();
}

TEST_F(DriverProgramTest, MesosExecuteAllFinished) {
  start(MESOS_EXECUTE,
        {"mesos-execute", "--master=" + masterAddress(), "--name=hello",
         "--command=echo hi", "--count=2", "--env={\"GREETING\":\"hi\"}",
         "--resources=cpus:1;mem:64"});

  Received<Call> subscribe = waitCall(Call::SUBSCRIBE);
  EXPECT_EQ("mesos-execute instance",
            subscribe.message.subscribe().framework_info().name());
  registerAndOffer(subscribe, "cpus:2;mem:512");

  Received<Call> accept = waitCall(Call::ACCEPT);
  const Offer::Operation::Launch& launch =
      accept.message.accept().operations(0).launch();
  ASSERT_EQ(2, launch.task_infos_size());
  EXPECT_EQ("hello-0", launch.task_infos(0).task_id().value());
  EXPECT_EQ("hello-1", launch.task_infos(1).task_id().value());
  EXPECT_EQ("echo hi", launch.task_infos(0).command().value());
  ASSERT_EQ(1, launch.task_infos(0).command().environment().variables_size());
  EXPECT_EQ("GREETING",
            launch.task_infos(0).command().environment().variables(0).name());

  update(subscribe.from, "hello-0", TASK_RUNNING);
  update(subscribe.from, "hello-0", TASK_FINISHED);
  update(subscribe.from, "hello-1", TASK_FINISHED);

  Option<int> status = exitStatus();
  ASSERT_TRUE(status.isSome());
  EXPECT_TRUE(WIFEXITED(status.get()) && WEXITSTATUS(status.get()) == 0)
      << output();
  EXPECT_NE(string::npos,
            output().find("Received status update TASK_RUNNING for task "
                          "'hello-0'"));
}

TEST_F(DriverProgramTest, MesosExecuteFailedTask) {
  start(MESOS_EXECUTE, {"mesos-execute", "--master=" + masterAddress(),
                        "--name=broken", "--command=exit 1"});

  Received<Call> subscribe = waitCall(Call::SUBSCRIBE);
  registerAndOffer(subscribe, "cpus:2;mem:512");
  Received<Call> accept = waitCall(Call::ACCEPT);
  ASSERT_EQ(1,
            accept.message.accept().operations(0).launch().task_infos_size());

  update(subscribe.from, "broken", TASK_FAILED);

  Option<int> status = exitStatus();
  ASSERT_TRUE(status.isSome());
  EXPECT_TRUE(WIFEXITED(status.get()) && WEXITSTATUS(status.get()) != 0)
      << output();
}

TEST_F(DriverProgramTest, MesosExecuteNeedsCommand) {
  start(MESOS_EXECUTE,
        {"mesos-execute", "--master=" + masterAddress(), "--name=nothing"});
  Option<int> status = exitStatus();
  ASSERT_TRUE(status.isSome());
  EXPECT_TRUE(WIFEXITED(status.get()) && WEXITSTATUS(status.get()) != 0);
  EXPECT_NE(string::npos, output().find("--command"));
}

}  // namespace
}  // namespace tests
}  // namespace mesos
