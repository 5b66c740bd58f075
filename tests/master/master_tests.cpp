// The master with fake agents and schedulers: agent registration,
// re-registration and health checks; framework subscription, failover,
// teardown and failover timeout; offers, declines, revive, suppress and
// the offer timeout. Clock-driven throughout.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <mesos/type_utils.hpp>

#include <process/clock.hpp>
#include <process/gmock.hpp>
#include <process/http.hpp>

#include <stout/json.hpp>
#include <stout/os.hpp>
#include <stout/strings.hpp>

#include "master_test_helpers.hpp"

namespace mesos {
namespace internal {
namespace tests {

using process::Clock;

// -- Agents -----------------------------------------------------------------

namespace {

// A re-registration of `slave` (with its id) reporting one running task
// of `framework`.
ReregisterSlaveMessage reregistration(const SlaveInfo& slave,
                                      const FrameworkInfo& framework,
                                      const std::string& taskId) {
  ReregisterSlaveMessage message;
  *message.mutable_slave() = slave;
  message.set_version("1.11.0");
  *message.add_frameworks() = framework;
  Task* task = message.add_tasks();
  task->set_name(taskId);
  task->mutable_task_id()->set_value(taskId);
  *task->mutable_framework_id() = framework.id();
  *task->mutable_slave_id() = slave.id();
  task->set_state(TASK_RUNNING);
  *task->mutable_resources() = resources("cpus:1;mem:128");
  return message;
}

}  // namespace

TEST_F(MasterTest, AgentRegistersAndGetsItsIdAgain) {
  startMaster();
  Peer agent("slave", true);
  const SlaveID id = registerAgent(agent, agentInfo("a1"));
  EXPECT_TRUE(strings::startsWith(id.value(), info.id() + "-S"));
  SlaveRegisteredMessage registered = agent->last<SlaveRegisteredMessage>();
  EXPECT_EQ(75.0, registered.connection().total_ping_timeout_seconds());

  // A retry from the same pid gets the same id.
  EXPECT_EQ(id, registerAgent(agent, agentInfo("a1")));
  EXPECT_EQ(2u, agent->count<SlaveRegisteredMessage>());

  // The master pings it at once.
  EXPECT_LE(1u, agent->count<PingSlaveMessage>());
}

TEST_F(MasterTest, AgentWithoutSemVerVersionIsIgnored) {
  startMaster();
  Peer agent("slave");
  for (const std::string version : {"", "0.28.0", "banana"}) {
    RegisterSlaveMessage message;
    *message.mutable_slave() = agentInfo("old");
    if (!version.empty())
      message.set_version(version);
    agent->send(pid, message);
  }
  Clock::settle();
  EXPECT_EQ(0u, agent->count<SlaveRegisteredMessage>());

  // The master keeps serving.
  Peer good("slave", true);
  registerAgent(good, agentInfo("good"));
}

TEST_F(MasterTest, AgentWithInvalidResourcesIsShutDown) {
  startMaster();
  Peer agent("slave");
  RegisterSlaveMessage message;
  SlaveInfo slave = agentInfo("bad");
  slave.mutable_resources(0)->mutable_scalar()->set_value(-1);
  *message.mutable_slave() = slave;
  message.set_version("1.11.0");
  agent->send(pid, message);
  Clock::settle();
  EXPECT_EQ(0u, agent->count<SlaveRegisteredMessage>());
  EXPECT_EQ(1u, agent->count<ShutdownMessage>());
}

TEST_F(MasterTest, HealthyAgentStaysRegistered) {
  startMaster();
  Peer agent("slave", true);
  registerAgent(agent, agentInfo("a1"));
  for (int i = 0; i < 10; i++) {
    Clock::advance(Seconds(15));
    Clock::settle();
  }
  EXPECT_LE(10u, agent->count<PingSlaveMessage>());
  Peer scheduler("scheduler");
  subscribe(scheduler, frameworkInfo());
  EXPECT_EQ(0u, scheduler->count<LostSlaveMessage>());
}

TEST_F(MasterTest, AgentMissingPingsIsRemovedAndTasksLost) {
  startMaster();
  Peer agent("slave", true);
  const SlaveID slaveId = registerAgent(agent, agentInfo("a1"));

  Peer scheduler("scheduler");
  const FrameworkID frameworkId = subscribe(scheduler, frameworkInfo());
  const Offer offer = lastOffer(scheduler);
  scheduler->send(
      pid, acceptCall(frameworkId, offer.id(), {commandTask("t1", offer)}));
  Clock::settle();
  ASSERT_EQ(1u, agent->count<RunTaskMessage>());

  // The agent stops answering: after 5 missed pings it is unreachable.
  agent->setPong(false);
  for (int i = 0; i < 4; i++) {
    Clock::advance(Seconds(15));
    Clock::settle();
  }
  EXPECT_EQ(0u, scheduler->count<LostSlaveMessage>());
  Clock::advance(Seconds(15));
  Clock::settle();
  Clock::advance(Seconds(15));
  Clock::settle();

  ASSERT_EQ(1u, scheduler->count<LostSlaveMessage>());
  EXPECT_EQ(slaveId, scheduler->last<LostSlaveMessage>().slave_id());
  std::vector<TaskStatus> updates = statuses(scheduler);
  ASSERT_EQ(1u, updates.size());
  EXPECT_EQ(TASK_LOST, updates[0].state());
  EXPECT_EQ(TaskStatus::REASON_SLAVE_REMOVED, updates[0].reason());
  EXPECT_FALSE(updates[0].has_uuid());
  EXPECT_EQ("Agent a1 removed: health check timed out", updates[0].message());

  // The agent comes back: the framework is not partition-aware, so it is
  // shut down there.
  SlaveInfo slave = agentInfo("a1");
  *slave.mutable_id() = slaveId;
  FrameworkInfo framework = frameworkInfo();
  *framework.mutable_id() = frameworkId;
  Peer back("slave", true);
  back->send(pid, reregistration(slave, framework, "t1"));
  Clock::settle();
  ASSERT_EQ(1u, back->count<SlaveReregisteredMessage>());
  ASSERT_EQ(1u, back->count<ShutdownFrameworkMessage>());
  EXPECT_EQ(frameworkId, back->last<ShutdownFrameworkMessage>().framework_id());
}

TEST_F(MasterTest, PartitionAwareTasksBecomeUnreachable) {
  startMaster();
  Peer agent("slave");
  registerAgent(agent, agentInfo("a1"));
  Peer scheduler("scheduler");
  FrameworkInfo framework = frameworkInfo();
  framework.add_capabilities()->set_type(
      FrameworkInfo::Capability::PARTITION_AWARE);
  const FrameworkID frameworkId = subscribe(scheduler, framework);
  const Offer offer = lastOffer(scheduler);
  scheduler->send(
      pid, acceptCall(frameworkId, offer.id(), {commandTask("t1", offer)}));
  Clock::settle();

  for (int i = 0; i < 6; i++) {
    Clock::advance(Seconds(15));
    Clock::settle();
  }
  std::vector<TaskStatus> updates = statuses(scheduler);
  ASSERT_EQ(1u, updates.size());
  EXPECT_EQ(TASK_UNREACHABLE, updates[0].state());
  EXPECT_TRUE(updates[0].has_unreachable_time());

  // The task is kept apart as unreachable...
  process::Future<process::http::Response> state =
      process::http::get(pid, std::string("state"));
  AWAIT_READY(state);
  Try<JSON::Object> json = JSON::parse<JSON::Object>(state->body);
  ASSERT_FALSE(json.isError()) << json.error();
  EXPECT_EQ(
      "t1",
      json->find<JSON::String>("frameworks[0].unreachable_tasks[0].id")->value);
  scheduler->clear();
  scheduler->send(pid, call(frameworkId, scheduler::Call::RECONCILE));
  Clock::settle();
  updates = statuses(scheduler);
  ASSERT_EQ(1u, updates.size());
  EXPECT_EQ(TASK_UNREACHABLE, updates[0].state());

  // ... and comes back with its agent, which keeps running it.
  SlaveInfo slave = agentInfo("a1");
  *slave.mutable_id() = offer.slave_id();
  *framework.mutable_id() = frameworkId;
  Peer back("slave", true);
  back->send(pid, reregistration(slave, framework, "t1"));
  Clock::settle();
  ASSERT_EQ(1u, back->count<SlaveReregisteredMessage>());
  EXPECT_EQ(0u, back->count<ShutdownFrameworkMessage>());
  scheduler->clear();
  scheduler->send(pid, call(frameworkId, scheduler::Call::RECONCILE));
  Clock::settle();
  updates = statuses(scheduler);
  ASSERT_EQ(1u, updates.size());
  EXPECT_EQ(TASK_RUNNING, updates[0].state());
}

TEST_F(MasterTest, AgentReregistersKnownAndUnknown) {
  startMaster();
  Peer agent("slave", true);
  SlaveInfo slave = agentInfo("a1");
  *slave.mutable_id() = registerAgent(agent, slave);

  ReregisterSlaveMessage message;
  *message.mutable_slave() = slave;
  message.set_version("1.11.0");
  addCapabilities(message.mutable_agent_capabilities());
  agent->send(pid, message);
  Clock::settle();
  ASSERT_EQ(1u, agent->count<SlaveReregisteredMessage>());
  EXPECT_EQ(slave.id(), agent->last<SlaveReregisteredMessage>().slave_id());

  // An agent with an id this (in-memory) master never saw is readmitted,
  // with the tasks it reports.
  Peer other("slave", true);
  SlaveInfo otherInfo = agentInfo("a2");
  otherInfo.mutable_id()->set_value("previous-S7");
  ReregisterSlaveMessage again;
  *again.mutable_slave() = otherInfo;
  again.set_version("1.11.0");
  FrameworkInfo framework = frameworkInfo();
  framework.mutable_id()->set_value("previous-0000");
  *again.add_frameworks() = framework;
  Task* task = again.add_tasks();
  task->set_name("t");
  task->mutable_task_id()->set_value("t");
  *task->mutable_framework_id() = framework.id();
  *task->mutable_slave_id() = otherInfo.id();
  task->set_state(TASK_RUNNING);
  *task->mutable_resources() = resources("cpus:1;mem:64");
  other->send(pid, again);
  Clock::settle();
  ASSERT_EQ(1u, other->count<SlaveReregisteredMessage>());

  // The framework re-subscribes and finds its task.
  Peer scheduler("scheduler");
  subscribe(scheduler, framework);
  scheduler::Call reconcile = call(framework.id(), scheduler::Call::RECONCILE);
  scheduler->send(pid, reconcile);
  Clock::settle();
  std::vector<TaskStatus> updates = statuses(scheduler);
  ASSERT_EQ(1u, updates.size());
  EXPECT_EQ(TASK_RUNNING, updates[0].state());
}

TEST_F(MasterTest, UnregisteredAgentIsRemoved) {
  startMaster();
  Peer agent("slave", true);
  const SlaveID id = registerAgent(agent, agentInfo("a1"));
  Peer scheduler("scheduler");
  subscribe(scheduler, frameworkInfo());

  UnregisterSlaveMessage message;
  *message.mutable_slave_id() = id;
  // From someone else: ignored.
  scheduler->send(pid, message);
  Clock::settle();
  EXPECT_EQ(0u, scheduler->count<LostSlaveMessage>());

  agent->send(pid, message);
  Clock::settle();
  EXPECT_EQ(1u, scheduler->count<LostSlaveMessage>());
  EXPECT_EQ(1u, scheduler->count<RescindResourceOfferMessage>());
}

TEST_F(MasterTest, DurableRegistryKnowsAgentsAfterRestart) {
  Try<std::string> dir = os::mkdtemp("/tmp/master-test-XXXXXX");
  ASSERT_FALSE(dir.isError());
  master::Flags flags = defaultFlags();
  flags.registry = "replicated_log";
  flags.work_dir = dir.get();

  SlaveInfo first = agentInfo("a1");
  SlaveInfo second = agentInfo("a2");
  {
    startMaster(flags, dir.get());
    Peer agent1("slave", true);
    Peer agent2("slave", true);
    process::Future<process::Message> registered1 =
        FUTURE_MESSAGE(testing::Eq(SlaveRegisteredMessage().GetTypeName()),
                       testing::_, agent1.pid);
    RegisterSlaveMessage message;
    *message.mutable_slave() = first;
    message.set_version("1.11.0");
    agent1->send(pid, message);
    AWAIT_READY(registered1);
    Clock::settle();
    *first.mutable_id() = agent1->last<SlaveRegisteredMessage>().slave_id();

    process::Future<process::Message> registered2 =
        FUTURE_MESSAGE(testing::Eq(SlaveRegisteredMessage().GetTypeName()),
                       testing::_, agent2.pid);
    *message.mutable_slave() = second;
    agent2->send(pid, message);
    AWAIT_READY(registered2);
    Clock::settle();
    *second.mutable_id() = agent2->last<SlaveRegisteredMessage>().slave_id();
    awaitRegistry();
    stopMaster();
  }

  startMaster(flags, dir.get());
  Peer agent1("slave", true);
  process::Future<process::Message> reregistered =
      FUTURE_MESSAGE(testing::Eq(SlaveReregisteredMessage().GetTypeName()),
                     testing::_, agent1.pid);
  ReregisterSlaveMessage message;
  *message.mutable_slave() = first;
  message.set_version("1.11.0");
  agent1->send(pid, message);
  AWAIT_READY(reregistered);

  // The other agent never comes back: after agent_reregister_timeout it
  // is unreachable.
  Clock::settle();
  Clock::advance(Minutes(10));
  Clock::settle();
  process::Future<process::http::Response> state =
      process::http::get(pid, std::string("state"));
  AWAIT_READY(state);
  Try<JSON::Object> json = JSON::parse<JSON::Object>(state->body);
  ASSERT_FALSE(json.isError()) << json.error();
  EXPECT_EQ(1, json->find<JSON::Number>("unreachable_slaves")->as<int64_t>());
  EXPECT_EQ(1, json->find<JSON::Number>("activated_slaves")->as<int64_t>());

  awaitRegistry();
  stopMaster();
  os::rmdir(dir.get());
}

// -- Frameworks --------------------------------------------------------------

TEST_F(MasterTest, FrameworkSubscribes) {
  startMaster();
  Peer scheduler("scheduler");
  const FrameworkID id = subscribe(scheduler, frameworkInfo());
  EXPECT_EQ(info.id() + "-0000", id.value());
  FrameworkRegisteredMessage registered =
      scheduler->last<FrameworkRegisteredMessage>();
  EXPECT_EQ(std::string(pid), registered.master_info().pid());
  EXPECT_EQ("1.11.0", registered.master_info().version());

  // The older RegisterFrameworkMessage works too.
  Peer old("scheduler");
  RegisterFrameworkMessage message;
  *message.mutable_framework() = frameworkInfo("old");
  old->send(pid, message);
  Clock::settle();
  EXPECT_EQ(info.id() + "-0001",
            old->last<FrameworkRegisteredMessage>().framework_id().value());
}

TEST_F(MasterTest, FrameworkWithInvalidRoleGetsError) {
  startMaster();
  Peer scheduler("scheduler");
  FrameworkInfo framework = frameworkInfo();
  framework.set_role("a/../b");
  scheduler::Call subscribeCall;
  subscribeCall.set_type(scheduler::Call::SUBSCRIBE);
  *subscribeCall.mutable_subscribe()->mutable_framework_info() = framework;
  scheduler->send(pid, subscribeCall);
  Clock::settle();
  EXPECT_EQ(0u, scheduler->count<FrameworkRegisteredMessage>());
  EXPECT_EQ(1u, scheduler->count<FrameworkErrorMessage>());
}

TEST_F(MasterTest, RolesFlagRestrictsFrameworkRoles) {
  master::Flags flags = defaultFlags();
  flags.roles = std::string("eng,ops");
  flags.weights = std::string("eng=2,ops=1");
  startMaster(flags);

  Peer refused("scheduler");
  FrameworkInfo framework = frameworkInfo();
  framework.set_role("sales");
  scheduler::Call subscribeCall;
  subscribeCall.set_type(scheduler::Call::SUBSCRIBE);
  *subscribeCall.mutable_subscribe()->mutable_framework_info() = framework;
  refused->send(pid, subscribeCall);
  Clock::settle();
  EXPECT_EQ("Role 'sales' is not present in the master's --roles",
            refused->last<FrameworkErrorMessage>().message());

  Peer accepted("scheduler");
  framework.set_role("eng");
  EXPECT_NE(FrameworkID(), subscribe(accepted, framework));
  Peer star("scheduler");
  EXPECT_NE(FrameworkID(), subscribe(star, frameworkInfo()));
}

TEST_F(MasterTest, FrameworkFailsOverToNewScheduler) {
  startMaster();
  Peer agent("slave", true);
  registerAgent(agent, agentInfo("a1"));
  Peer first("scheduler");
  FrameworkInfo framework = frameworkInfo();
  framework.set_failover_timeout(60);
  *framework.mutable_id() = subscribe(first, framework);
  ASSERT_EQ(1u, first->count<ResourceOffersMessage>());

  // A new instance that does not say it fails over is refused.
  Peer stray("scheduler");
  scheduler::Call strayCall;
  strayCall.set_type(scheduler::Call::SUBSCRIBE);
  *strayCall.mutable_subscribe()->mutable_framework_info() = framework;
  *strayCall.mutable_framework_id() = framework.id();
  stray->send(pid, strayCall);
  Clock::settle();
  EXPECT_EQ(0u, stray->count<FrameworkRegisteredMessage>());
  EXPECT_EQ("Framework failed over",
            stray->last<FrameworkErrorMessage>().message());
  EXPECT_EQ(0u, first->count<FrameworkErrorMessage>());

  // With `force`, it takes over (and gets FrameworkRegisteredMessage, as
  // from Mesos); the old one is told.
  Peer second("scheduler");
  EXPECT_EQ(framework.id(), subscribe(second, framework, true));
  EXPECT_EQ(1u, second->count<FrameworkRegisteredMessage>());
  EXPECT_EQ("Framework failed over",
            first->last<FrameworkErrorMessage>().message());

  // The same scheduler subscribing again is a re-registration.
  EXPECT_EQ(framework.id(), subscribe(second, framework));
  EXPECT_EQ(1u, second->count<FrameworkReregisteredMessage>());

  // Calls from the old scheduler are ignored now.
  first->send(pid, call(framework.id(), scheduler::Call::TEARDOWN));
  Clock::settle();
  EXPECT_EQ(0u, agent->count<ShutdownFrameworkMessage>());

  second->send(pid, call(framework.id(), scheduler::Call::TEARDOWN));
  Clock::settle();
  EXPECT_EQ(1u, agent->count<ShutdownFrameworkMessage>());
}

TEST_F(MasterTest, TeardownShutsTheFrameworkDown) {
  startMaster();
  Peer agent("slave", true);
  registerAgent(agent, agentInfo("a1"));
  Peer scheduler("scheduler");
  const FrameworkID id = subscribe(scheduler, frameworkInfo());

  scheduler->send(pid, call(id, scheduler::Call::TEARDOWN));
  Clock::settle();
  ASSERT_EQ(1u, agent->count<ShutdownFrameworkMessage>());
  EXPECT_EQ(id, agent->last<ShutdownFrameworkMessage>().framework_id());

  // Re-subscribing with a removed id is an error.
  FrameworkInfo framework = frameworkInfo();
  *framework.mutable_id() = id;
  scheduler::Call again;
  again.set_type(scheduler::Call::SUBSCRIBE);
  *again.mutable_subscribe()->mutable_framework_info() = framework;
  *again.mutable_framework_id() = id;
  scheduler->send(pid, again);
  Clock::settle();
  EXPECT_EQ("Framework has been removed",
            scheduler->last<FrameworkErrorMessage>().message());
}

TEST_F(MasterTest, DisconnectedFrameworkRemovedAfterFailoverTimeout) {
  startMaster();
  Peer agent("slave", true);
  registerAgent(agent, agentInfo("a1"));
  auto scheduler = std::make_unique<Peer>("scheduler");
  FrameworkInfo framework = frameworkInfo();
  framework.set_failover_timeout(10);
  const FrameworkID id = subscribe(*scheduler, framework);

  scheduler->stop();  // The master sees the link break.
  Clock::settle();
  Clock::advance(Seconds(9));
  Clock::settle();
  EXPECT_EQ(0u, agent->count<ShutdownFrameworkMessage>());
  Clock::advance(Seconds(2));
  Clock::settle();
  EXPECT_EQ(1u, agent->count<ShutdownFrameworkMessage>());
  EXPECT_EQ(id, agent->last<ShutdownFrameworkMessage>().framework_id());
}

TEST_F(MasterTest, ReconnectWithinFailoverTimeoutKeepsFramework) {
  startMaster();
  Peer agent("slave", true);
  registerAgent(agent, agentInfo("a1"));
  auto first = std::make_unique<Peer>("scheduler");
  FrameworkInfo framework = frameworkInfo();
  framework.set_failover_timeout(10);
  *framework.mutable_id() = subscribe(*first, framework);
  first->stop();
  Clock::settle();

  Peer second("scheduler");
  EXPECT_EQ(framework.id(), subscribe(second, framework, true));
  Clock::advance(Seconds(20));
  Clock::settle();
  EXPECT_EQ(0u, agent->count<ShutdownFrameworkMessage>());
}

TEST_F(MasterTest, DeactivatedFrameworkGetsNoOffers) {
  startMaster();
  Peer agent("slave", true);
  registerAgent(agent, agentInfo("a1"));
  Peer scheduler("scheduler");
  const FrameworkID id = subscribe(scheduler, frameworkInfo());
  ASSERT_EQ(1u, scheduler->count<ResourceOffersMessage>());

  DeactivateFrameworkMessage message;
  *message.mutable_framework_id() = id;
  scheduler->send(pid, message);
  Clock::settle();
  EXPECT_EQ(1u, scheduler->count<RescindResourceOfferMessage>());
  Clock::advance(Seconds(5));
  Clock::settle();
  EXPECT_EQ(1u, scheduler->count<ResourceOffersMessage>());
}

// -- Offers ------------------------------------------------------------------

TEST_F(MasterTest, OfferCarriesAgentResourcesInTheFrameworksFormat) {
  startMaster();
  Peer agent("slave", true);
  const SlaveID slaveId = registerAgent(agent, agentInfo("a1"));
  Peer scheduler("scheduler");
  const FrameworkID id = subscribe(scheduler, frameworkInfo());

  ResourceOffersMessage offers = scheduler->last<ResourceOffersMessage>();
  ASSERT_EQ(1, offers.offers_size());
  ASSERT_EQ(1, offers.pids_size());
  EXPECT_EQ(std::string(agent.pid), offers.pids(0));
  const Offer& offer = offers.offers(0);
  EXPECT_TRUE(strings::startsWith(offer.id().value(), info.id() + "-O"));
  EXPECT_EQ(id, offer.framework_id());
  EXPECT_EQ(slaveId, offer.slave_id());
  EXPECT_EQ("a1", offer.hostname());
  EXPECT_FALSE(offer.has_allocation_info());
  for (const Resource& resource : offer.resources()) {
    // Pre-refinement format, no allocation info.
    EXPECT_EQ("*", resource.role());
    EXPECT_EQ(0, resource.reservations_size());
    EXPECT_FALSE(resource.has_allocation_info());
  }
  EXPECT_EQ(resources("cpus:2;mem:1024"), Resources(offer.resources()));

  // A MULTI_ROLE framework gets allocation info.
  Peer multi("scheduler");
  FrameworkInfo framework = frameworkInfo("multi");
  framework.add_roles("eng");
  framework.add_capabilities()->set_type(FrameworkInfo::Capability::MULTI_ROLE);
  framework.add_capabilities()->set_type(
      FrameworkInfo::Capability::RESERVATION_REFINEMENT);
  const FrameworkID multiId = subscribe(multi, framework);
  scheduler->send(pid, [&] {
    scheduler::Call decline = call(id, scheduler::Call::DECLINE);
    *decline.mutable_decline()->add_offer_ids() = offer.id();
    decline.mutable_decline()->mutable_filters()->set_refuse_seconds(1000);
    return decline;
  }());
  Clock::settle();
  Clock::advance(Seconds(1));
  Clock::settle();
  ASSERT_EQ(1u, multi->count<ResourceOffersMessage>());
  const Offer multiOffer = lastOffer(multi);
  EXPECT_EQ(multiId, multiOffer.framework_id());
  EXPECT_EQ("eng", multiOffer.allocation_info().role());
  for (const Resource& resource : multiOffer.resources()) {
    EXPECT_EQ("eng", resource.allocation_info().role());
    EXPECT_FALSE(resource.has_role());
  }
}

TEST_F(MasterTest, DeclineWithFiltersThenRevive) {
  startMaster();
  Peer agent("slave", true);
  registerAgent(agent, agentInfo("a1"));
  Peer scheduler("scheduler");
  const FrameworkID id = subscribe(scheduler, frameworkInfo());
  const Offer offer = lastOffer(scheduler);

  scheduler::Call decline = call(id, scheduler::Call::DECLINE);
  *decline.mutable_decline()->add_offer_ids() = offer.id();
  decline.mutable_decline()->mutable_filters()->set_refuse_seconds(60);
  scheduler->send(pid, decline);
  Clock::settle();
  for (int i = 0; i < 10; i++) {
    Clock::advance(Seconds(1));
    Clock::settle();
  }
  EXPECT_EQ(1u, scheduler->count<ResourceOffersMessage>());

  scheduler->send(pid, call(id, scheduler::Call::REVIVE));
  Clock::settle();
  EXPECT_EQ(2u, scheduler->count<ResourceOffersMessage>());

  // Declining an unknown offer is harmless.
  scheduler::Call bogus = call(id, scheduler::Call::DECLINE);
  bogus.mutable_decline()->add_offer_ids()->set_value("no-such-offer");
  scheduler->send(pid, bogus);
  Clock::settle();
}

TEST_F(MasterTest, DeclineWithoutFiltersRefusesFiveSeconds) {
  startMaster();
  Peer agent("slave", true);
  registerAgent(agent, agentInfo("a1"));
  Peer scheduler("scheduler");
  const FrameworkID id = subscribe(scheduler, frameworkInfo());

  scheduler::Call decline = call(id, scheduler::Call::DECLINE);
  *decline.mutable_decline()->add_offer_ids() = lastOffer(scheduler).id();
  scheduler->send(pid, decline);
  Clock::settle();
  Clock::advance(Seconds(3));
  Clock::settle();
  EXPECT_EQ(1u, scheduler->count<ResourceOffersMessage>());
  for (int i = 0; i < 4; i++) {
    Clock::advance(Seconds(1));
    Clock::settle();
  }
  EXPECT_EQ(2u, scheduler->count<ResourceOffersMessage>());
}

TEST_F(MasterTest, SuppressStopsOffersUntilRevive) {
  startMaster();
  Peer agent("slave", true);
  registerAgent(agent, agentInfo("a1"));
  Peer scheduler("scheduler");
  const FrameworkID id = subscribe(scheduler, frameworkInfo());

  scheduler->send(pid, call(id, scheduler::Call::SUPPRESS));
  scheduler::Call decline = call(id, scheduler::Call::DECLINE);
  *decline.mutable_decline()->add_offer_ids() = lastOffer(scheduler).id();
  decline.mutable_decline()->mutable_filters()->set_refuse_seconds(0);
  scheduler->send(pid, decline);
  Clock::settle();
  for (int i = 0; i < 5; i++) {
    Clock::advance(Seconds(1));
    Clock::settle();
  }
  EXPECT_EQ(1u, scheduler->count<ResourceOffersMessage>());

  ReviveOffersMessage revive;
  *revive.mutable_framework_id() = id;
  scheduler->send(pid, revive);
  Clock::settle();
  EXPECT_EQ(2u, scheduler->count<ResourceOffersMessage>());
}

TEST_F(MasterTest, OfferTimeoutRescinds) {
  master::Flags flags = defaultFlags();
  flags.offer_timeout = Seconds(30);
  startMaster(flags);
  Peer agent("slave", true);
  registerAgent(agent, agentInfo("a1"));
  Peer scheduler("scheduler");
  subscribe(scheduler, frameworkInfo());
  const Offer offer = lastOffer(scheduler);

  Clock::advance(Seconds(29));
  Clock::settle();
  EXPECT_EQ(0u, scheduler->count<RescindResourceOfferMessage>());
  Clock::advance(Seconds(1));
  Clock::settle();
  ASSERT_EQ(1u, scheduler->count<RescindResourceOfferMessage>());
  EXPECT_EQ(offer.id(),
            scheduler->last<RescindResourceOfferMessage>().offer_id());

  // The resources are offered again at the next allocation.
  Clock::advance(Seconds(1));
  Clock::settle();
  EXPECT_EQ(2u, scheduler->count<ResourceOffersMessage>());
}

}  // namespace tests
}  // namespace internal
}  // namespace mesos
