// The master's task path with fake agents and schedulers: launches (valid,
// invalid, on offers that are gone), status updates and acknowledgements,
// kill, reconciliation, framework messages, executor exits; the HTTP
// endpoints; bad input; and the mesos-master binary's flag handling.

#include <stdio.h>
#include <sys/wait.h>

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <mesos/type_utils.hpp>

#include <process/clock.hpp>
#include <process/http.hpp>
#include <process/metrics.hpp>

#include <stout/json.hpp>
#include <stout/strings.hpp>
#include <stout/uuid.hpp>

#include "master_test_helpers.hpp"

namespace mesos {
namespace internal {
namespace tests {

using process::Clock;
using process::Future;

namespace http = process::http;

namespace {

StatusUpdateMessage agentUpdate(const FrameworkID& frameworkId,
                                const SlaveID& slaveId, const TaskID& taskId,
                                TaskState state, const process::UPID& agent,
                                bool withUuid = true) {
  StatusUpdateMessage message;
  StatusUpdate* update = message.mutable_update();
  *update->mutable_framework_id() = frameworkId;
  *update->mutable_slave_id() = slaveId;
  update->set_timestamp(1.0);
  TaskStatus* status = update->mutable_status();
  *status->mutable_task_id() = taskId;
  *status->mutable_slave_id() = slaveId;
  status->set_state(state);
  status->set_source(TaskStatus::SOURCE_EXECUTOR);
  if (withUuid) {
    const std::string uuid = id::UUID::random().toBytes();
    update->set_uuid(uuid);
    status->set_uuid(uuid);
  }
  message.set_pid(std::string(agent));
  return message;
}

Try<JSON::Object> getJson(const process::UPID& pid, const std::string& path) {
  Future<http::Response> response = http::get(pid, path);
  if (!response.await(Seconds(15)) || !response.isReady())
    return Error("GET " + path + " did not complete");
  if (response->code != 200)
    return Error("GET " + path + " answered " + std::to_string(response->code));
  return JSON::parse<JSON::Object>(response->body);
}

}  // namespace

class MasterTaskTest : public MasterTest {
 protected:
  // Starts a master, one agent and one framework with its first offer.
  void startCluster(const FrameworkInfo& framework = frameworkInfo()) {
    startMaster();
    agent = std::make_unique<Peer>("slave", true);
    slaveId = registerAgent(*agent, agentInfo("a1"));
    scheduler = std::make_unique<Peer>("scheduler");
    frameworkId = subscribe(*scheduler, framework);
    offer = lastOffer(*scheduler);
  }

  void TearDown() override {
    scheduler.reset();
    agent.reset();
    MasterTest::TearDown();
  }

  // Launches `tasks` on the offer; returns the updates the scheduler got.
  std::vector<TaskStatus> launch(const std::vector<TaskInfo>& tasks) {
    (*scheduler)->send(pid, acceptCall(frameworkId, offer.id(), tasks));
    Clock::settle();
    return statuses(*scheduler);
  }

  // The single TASK_ERROR launching `task` gives.
  TaskStatus invalid(const TaskInfo& task) {
    std::vector<TaskStatus> updates = launch({task});
    EXPECT_EQ(1u, updates.size());
    EXPECT_EQ(0u, (*agent)->count<RunTaskMessage>());
    return updates.empty() ? TaskStatus() : updates.back();
  }

  std::unique_ptr<Peer> agent;
  std::unique_ptr<Peer> scheduler;
  SlaveID slaveId;
  FrameworkID frameworkId;
  Offer offer;
};

TEST_F(MasterTaskTest, LaunchUpdateAcknowledgeFinish) {
  startCluster();
  ASSERT_TRUE(launch({commandTask("t1", offer)}).empty());

  ASSERT_EQ(1u, (*agent)->count<RunTaskMessage>());
  RunTaskMessage run = (*agent)->last<RunTaskMessage>();
  EXPECT_EQ(frameworkId, run.framework().id());
  EXPECT_EQ(frameworkId, run.framework_id());
  EXPECT_EQ(std::string(scheduler->pid), run.pid());
  EXPECT_EQ("t1", run.task().task_id().value());
  EXPECT_EQ(1.0, Resources(run.task().resources()).cpus().get());

  // TASK_RUNNING from the agent reaches the scheduler with the agent's pid.
  StatusUpdateMessage running = agentUpdate(
      frameworkId, slaveId, run.task().task_id(), TASK_RUNNING, agent->pid);
  (*agent)->send(pid, running);
  Clock::settle();
  std::vector<StatusUpdateMessage> forwarded =
      (*scheduler)->received<StatusUpdateMessage>();
  ASSERT_EQ(1u, forwarded.size());
  EXPECT_EQ(std::string(agent->pid), forwarded[0].pid());
  EXPECT_EQ(TASK_RUNNING, forwarded[0].update().status().state());
  EXPECT_EQ(running.update().uuid(), forwarded[0].update().uuid());

  // The ACKNOWLEDGE call becomes an acknowledgement to the agent.
  scheduler::Call ack = call(frameworkId, scheduler::Call::ACKNOWLEDGE);
  *ack.mutable_acknowledge()->mutable_slave_id() = slaveId;
  ack.mutable_acknowledge()->mutable_task_id()->set_value("t1");
  ack.mutable_acknowledge()->set_uuid(running.update().uuid());
  (*scheduler)->send(pid, ack);
  Clock::settle();
  ASSERT_EQ(1u, (*agent)->count<StatusUpdateAcknowledgementMessage>());
  StatusUpdateAcknowledgementMessage acked =
      (*agent)->last<StatusUpdateAcknowledgementMessage>();
  EXPECT_EQ(slaveId, acked.slave_id());
  EXPECT_EQ(frameworkId, acked.framework_id());
  EXPECT_EQ("t1", acked.task_id().value());
  EXPECT_EQ(running.update().uuid(), acked.uuid());

  Future<std::map<std::string, double>> metrics = process::metrics::snapshot();
  AWAIT_READY(metrics);
  EXPECT_EQ(1.0, metrics->at("master/tasks_running"));

  // TASK_FINISHED, acknowledged with the older message: the task completes.
  StatusUpdateMessage finished = agentUpdate(
      frameworkId, slaveId, run.task().task_id(), TASK_FINISHED, agent->pid);
  (*agent)->send(pid, finished);
  Clock::settle();
  StatusUpdateAcknowledgementMessage oldAck;
  *oldAck.mutable_slave_id() = slaveId;
  *oldAck.mutable_framework_id() = frameworkId;
  oldAck.mutable_task_id()->set_value("t1");
  oldAck.set_uuid(finished.update().uuid());
  (*scheduler)->send(pid, oldAck);
  Clock::settle();
  EXPECT_EQ(2u, (*agent)->count<StatusUpdateAcknowledgementMessage>());

  metrics = process::metrics::snapshot();
  AWAIT_READY(metrics);
  EXPECT_EQ(0.0, metrics->at("master/tasks_running"));
  EXPECT_EQ(1.0, metrics->at("master/tasks_finished"));

  Try<JSON::Object> state = getJson(pid, "state");
  ASSERT_FALSE(state.isError()) << state.error();
  Result<JSON::Array> completed =
      state->find<JSON::Array>("frameworks[0].completed_tasks");
  ASSERT_TRUE(completed.isSome());
  ASSERT_EQ(1u, completed->values.size());
  EXPECT_EQ("TASK_FINISHED",
            state->find<JSON::String>("frameworks[0].completed_tasks[0].state")
                ->value);
}

TEST_F(MasterTaskTest, InvalidTasksGetTaskError) {
  startCluster();

  struct Case {
    std::string name;
    std::function<void(TaskInfo*)> mutate;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"no resources", [](TaskInfo* t) { t->clear_resources(); },
       "Task uses no resources"},
      {"both",
       [&](TaskInfo* t) {
         ExecutorInfo* executor = t->mutable_executor();
         executor->mutable_executor_id()->set_value("e");
         executor->mutable_command()->set_value("exec");
       },
       "Task should have at least one (but not both) of CommandInfo or "
       "ExecutorInfo present"},
      {"neither", [](TaskInfo* t) { t->clear_command(); },
       "Task should have at least one (but not both) of CommandInfo or "
       "ExecutorInfo present"},
      {"bad id", [](TaskInfo* t) { t->mutable_task_id()->set_value("a/b"); },
       "'a/b' contains invalid characters"},
      {"empty id", [](TaskInfo* t) { t->mutable_task_id()->set_value(""); },
       "ID must not be empty"},
      {"wrong agent",
       [](TaskInfo* t) { t->mutable_slave_id()->set_value("other"); },
       "Task uses invalid agent other while agent "},
      {"too much",
       [](TaskInfo* t) {
         *t->mutable_resources() = resources("cpus:3;mem:128");
       },
       "Total resources "},
      {"grace period",
       [](TaskInfo* t) {
         t->mutable_kill_policy()->mutable_grace_period()->set_nanoseconds(-1);
       },
       "Task's 'kill_policy.grace_period' must be non-negative"},
      {"invalid resource",
       [](TaskInfo* t) {
         t->mutable_resources(0)->mutable_scalar()->set_value(-1);
       },
       "Task uses invalid resources: "},
  };

  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    (*scheduler)->clear();
    TaskInfo task = commandTask("t-" + c.name.substr(0, 3), offer);
    c.mutate(&task);
    TaskStatus status = invalid(task);
    EXPECT_EQ(TASK_ERROR, status.state());
    EXPECT_EQ(TaskStatus::REASON_TASK_INVALID, status.reason());
    EXPECT_EQ(TaskStatus::SOURCE_MASTER, status.source());
    EXPECT_FALSE(status.has_uuid());
    EXPECT_TRUE(strings::startsWith(status.message(), c.message))
        << status.message();

    // The whole offer came back: the next allocation offers it again.
    Clock::advance(Seconds(5));
    Clock::settle();
    offer = lastOffer(*scheduler);
  }
}

TEST_F(MasterTaskTest, DuplicateTaskIdInOneAccept) {
  startCluster();
  std::vector<TaskStatus> updates =
      launch({commandTask("same", offer), commandTask("same", offer)});
  EXPECT_EQ(1u, (*agent)->count<RunTaskMessage>());
  ASSERT_EQ(1u, updates.size());
  EXPECT_EQ(TASK_ERROR, updates[0].state());
  EXPECT_EQ("Task has duplicate ID: same", updates[0].message());
}

TEST_F(MasterTaskTest, ExecutorTaskGetsFrameworkIdFilledIn) {
  startCluster();
  TaskInfo task = commandTask("t1", offer);
  task.clear_command();
  ExecutorInfo* executor = task.mutable_executor();
  executor->mutable_executor_id()->set_value("e1");
  executor->mutable_command()->set_value("my-executor");
  *executor->mutable_resources() = resources("cpus:0.1;mem:32");
  ASSERT_TRUE(launch({task}).empty());
  RunTaskMessage run = (*agent)->last<RunTaskMessage>();
  EXPECT_EQ(frameworkId, run.task().executor().framework_id());
}

TEST_F(MasterTaskTest, LaunchGroupIsRefused) {
  startCluster();
  scheduler::Call accept = call(frameworkId, scheduler::Call::ACCEPT);
  *accept.mutable_accept()->add_offer_ids() = offer.id();
  Offer::Operation* operation = accept.mutable_accept()->add_operations();
  operation->set_type(Offer::Operation::LAUNCH_GROUP);
  ExecutorInfo* executor =
      operation->mutable_launch_group()->mutable_executor();
  executor->mutable_executor_id()->set_value("default");
  executor->set_type(ExecutorInfo::DEFAULT);
  *operation->mutable_launch_group()->mutable_task_group()->add_tasks() =
      commandTask("g1", offer);
  (*scheduler)->send(pid, accept);
  Clock::settle();
  std::vector<TaskStatus> updates = statuses(*scheduler);
  ASSERT_EQ(1u, updates.size());
  EXPECT_EQ(TASK_ERROR, updates[0].state());
  EXPECT_EQ(0u, (*agent)->count<RunTaskMessage>());
}

TEST_F(MasterTaskTest, OfferGoneMeansTaskLost) {
  startCluster();
  scheduler::Call accept =
      acceptCall(frameworkId, offer.id(), {commandTask("t1", offer)});
  accept.mutable_accept()->mutable_offer_ids(0)->set_value("gone");
  (*scheduler)->send(pid, accept);
  Clock::settle();
  std::vector<TaskStatus> updates = statuses(*scheduler);
  ASSERT_EQ(1u, updates.size());
  EXPECT_EQ(TASK_LOST, updates[0].state());
  EXPECT_EQ(TaskStatus::REASON_INVALID_OFFERS, updates[0].reason());
  EXPECT_EQ("Task launched with invalid offers: Offer gone is no longer valid",
            updates[0].message());
  EXPECT_EQ(0u, (*agent)->count<RunTaskMessage>());
}

TEST_F(MasterTaskTest, OfferGoneMeansTaskDroppedForPartitionAware) {
  FrameworkInfo framework = frameworkInfo();
  framework.add_capabilities()->set_type(
      FrameworkInfo::Capability::PARTITION_AWARE);
  startCluster(framework);
  // Using an offer twice: the second accept finds it gone.
  launch({commandTask("t1", offer)});
  std::vector<TaskStatus> updates = launch({commandTask("t2", offer)});
  ASSERT_EQ(1u, updates.size());
  EXPECT_EQ(TASK_DROPPED, updates[0].state());
  EXPECT_EQ(TaskStatus::REASON_INVALID_OFFERS, updates[0].reason());
}

TEST_F(MasterTaskTest, LaunchTasksMessageStillWorks) {
  startCluster();
  LaunchTasksMessage message;
  *message.mutable_framework_id() = frameworkId;
  *message.add_offer_ids() = offer.id();
  *message.add_tasks() = commandTask("t1", offer);
  message.mutable_filters();
  (*scheduler)->send(pid, message);
  Clock::settle();
  EXPECT_EQ(1u, (*agent)->count<RunTaskMessage>());
}

TEST_F(MasterTaskTest, ReconcileExplicitAndImplicit) {
  startCluster();
  launch({commandTask("t1", offer)});
  (*scheduler)->clear();

  // Implicit: every known task, latest state, no uuid.
  (*scheduler)->send(pid, call(frameworkId, scheduler::Call::RECONCILE));
  Clock::settle();
  std::vector<StatusUpdateMessage> updates =
      (*scheduler)->received<StatusUpdateMessage>();
  ASSERT_EQ(1u, updates.size());
  EXPECT_EQ(TASK_STAGING, updates[0].update().status().state());
  EXPECT_EQ(TaskStatus::REASON_RECONCILIATION,
            updates[0].update().status().reason());
  EXPECT_FALSE(updates[0].update().has_uuid());
  EXPECT_FALSE(updates[0].update().status().has_uuid());

  // Explicit: a known task, an unknown one and one on a known agent.
  (*scheduler)->clear();
  scheduler::Call reconcile = call(frameworkId, scheduler::Call::RECONCILE);
  reconcile.mutable_reconcile()->add_tasks()->mutable_task_id()->set_value(
      "t1");
  reconcile.mutable_reconcile()->add_tasks()->mutable_task_id()->set_value(
      "nope");
  auto* onAgent = reconcile.mutable_reconcile()->add_tasks();
  onAgent->mutable_task_id()->set_value("nope2");
  *onAgent->mutable_slave_id() = slaveId;
  (*scheduler)->send(pid, reconcile);
  Clock::settle();
  std::vector<TaskStatus> explicit_ = statuses(*scheduler);
  ASSERT_EQ(3u, explicit_.size());
  EXPECT_EQ(TASK_STAGING, explicit_[0].state());
  EXPECT_EQ(TASK_LOST, explicit_[1].state());
  EXPECT_EQ("Reconciliation: Task is unknown", explicit_[1].message());
  EXPECT_EQ(TASK_LOST, explicit_[2].state());
  EXPECT_EQ("Reconciliation: Task is unknown to the agent",
            explicit_[2].message());
  for (const TaskStatus& status : explicit_)
    EXPECT_EQ(TaskStatus::REASON_RECONCILIATION, status.reason());

  // The older ReconcileTasksMessage.
  (*scheduler)->clear();
  ReconcileTasksMessage old;
  *old.mutable_framework_id() = frameworkId;
  old.add_statuses()->mutable_task_id()->set_value("t1");
  old.mutable_statuses(0)->set_state(TASK_RUNNING);
  (*scheduler)->send(pid, old);
  Clock::settle();
  EXPECT_EQ(1u, statuses(*scheduler).size());
}

TEST_F(MasterTaskTest, ReconcileUnknownForPartitionAware) {
  FrameworkInfo framework = frameworkInfo();
  framework.add_capabilities()->set_type(
      FrameworkInfo::Capability::PARTITION_AWARE);
  startCluster(framework);
  scheduler::Call reconcile = call(frameworkId, scheduler::Call::RECONCILE);
  reconcile.mutable_reconcile()->add_tasks()->mutable_task_id()->set_value(
      "nope");
  (*scheduler)->send(pid, reconcile);
  Clock::settle();
  std::vector<TaskStatus> updates = statuses(*scheduler);
  ASSERT_EQ(1u, updates.size());
  EXPECT_EQ(TASK_UNKNOWN, updates[0].state());
}

TEST_F(MasterTaskTest, KillKnownAndUnknownTask) {
  startCluster();
  launch({commandTask("t1", offer)});

  scheduler::Call kill = call(frameworkId, scheduler::Call::KILL);
  kill.mutable_kill()->mutable_task_id()->set_value("t1");
  (*scheduler)->send(pid, kill);
  Clock::settle();
  ASSERT_EQ(1u, (*agent)->count<KillTaskMessage>());
  EXPECT_EQ("t1", (*agent)->last<KillTaskMessage>().task_id().value());

  kill.mutable_kill()->mutable_task_id()->set_value("unknown");
  (*scheduler)->send(pid, kill);
  Clock::settle();
  EXPECT_EQ(1u, (*agent)->count<KillTaskMessage>());
  std::vector<TaskStatus> updates = statuses(*scheduler);
  ASSERT_EQ(1u, updates.size());
  EXPECT_EQ("unknown", updates[0].task_id().value());
  EXPECT_EQ(TASK_LOST, updates[0].state());
  EXPECT_EQ(TaskStatus::REASON_RECONCILIATION, updates[0].reason());

  // The older KillTaskMessage.
  KillTaskMessage old;
  *old.mutable_framework_id() = frameworkId;
  old.mutable_task_id()->set_value("t1");
  (*scheduler)->send(pid, old);
  Clock::settle();
  EXPECT_EQ(2u, (*agent)->count<KillTaskMessage>());
}

TEST_F(MasterTaskTest, FrameworkMessagesBothWays) {
  startCluster();
  scheduler::Call message = call(frameworkId, scheduler::Call::MESSAGE);
  *message.mutable_message()->mutable_slave_id() = slaveId;
  message.mutable_message()->mutable_executor_id()->set_value("e1");
  message.mutable_message()->set_data("hello");
  (*scheduler)->send(pid, message);
  Clock::settle();
  ASSERT_EQ(1u, (*agent)->count<FrameworkToExecutorMessage>());
  FrameworkToExecutorMessage toExecutor =
      (*agent)->last<FrameworkToExecutorMessage>();
  EXPECT_EQ("hello", toExecutor.data());
  EXPECT_EQ(frameworkId, toExecutor.framework_id());

  // The older FrameworkToExecutorMessage from the scheduler.
  (*scheduler)->send(pid, toExecutor);
  Clock::settle();
  EXPECT_EQ(2u, (*agent)->count<FrameworkToExecutorMessage>());

  ExecutorToFrameworkMessage toFramework;
  *toFramework.mutable_slave_id() = slaveId;
  *toFramework.mutable_framework_id() = frameworkId;
  toFramework.mutable_executor_id()->set_value("e1");
  toFramework.set_data("world");
  (*agent)->send(pid, toFramework);
  Clock::settle();
  ASSERT_EQ(1u, (*scheduler)->count<ExecutorToFrameworkMessage>());
  EXPECT_EQ("world", (*scheduler)->last<ExecutorToFrameworkMessage>().data());

  // From someone who is not the agent: dropped.
  (*scheduler)->send(pid, toFramework);
  Clock::settle();
  EXPECT_EQ(1u, (*scheduler)->count<ExecutorToFrameworkMessage>());
}

TEST_F(MasterTaskTest, ExitedExecutorForwarded) {
  startCluster();
  TaskInfo task = commandTask("t1", offer);
  task.clear_command();
  task.mutable_executor()->mutable_executor_id()->set_value("e1");
  task.mutable_executor()->mutable_command()->set_value("my-executor");
  launch({task});

  ExitedExecutorMessage exited;
  *exited.mutable_slave_id() = slaveId;
  *exited.mutable_framework_id() = frameworkId;
  exited.mutable_executor_id()->set_value("e1");
  exited.set_status(0);
  (*agent)->send(pid, exited);
  Clock::settle();
  ASSERT_EQ(1u, (*scheduler)->count<ExitedExecutorMessage>());
  EXPECT_EQ("e1",
            (*scheduler)->last<ExitedExecutorMessage>().executor_id().value());
}

TEST_F(MasterTaskTest, StatusUpdatesFromStrangersAreDropped) {
  startCluster();
  launch({commandTask("t1", offer)});
  Peer stranger("slave");
  TaskID taskId;
  taskId.set_value("t1");
  stranger->send(pid, agentUpdate(frameworkId, slaveId, taskId, TASK_FINISHED,
                                  stranger.pid));
  Clock::settle();
  EXPECT_EQ(0u, (*scheduler)->count<StatusUpdateMessage>());

  Future<std::map<std::string, double>> metrics = process::metrics::snapshot();
  AWAIT_READY(metrics);
  EXPECT_EQ(1.0, metrics->at("master/invalid_status_updates"));
}

TEST_F(MasterTaskTest, TerminalUpdateWithoutUuidEndsTaskAtOnce) {
  startCluster();
  launch({commandTask("t1", offer)});
  TaskID taskId;
  taskId.set_value("t1");
  (*agent)->send(pid, agentUpdate(frameworkId, slaveId, taskId, TASK_FAILED,
                                  agent->pid, false));
  Clock::settle();
  ASSERT_EQ(1u, (*scheduler)->count<StatusUpdateMessage>());

  Try<JSON::Object> state = getJson(pid, "state");
  ASSERT_FALSE(state.isError()) << state.error();
  EXPECT_EQ(0u, state->find<JSON::Array>("frameworks[0].tasks")->values.size());
  EXPECT_EQ("TASK_FAILED",
            state->find<JSON::String>("frameworks[0].completed_tasks[0].state")
                ->value);

  // Its resources were given back: the next allocation offers them.
  Clock::advance(Seconds(1));
  Clock::settle();
  ResourceOffersMessage offers = (*scheduler)->last<ResourceOffersMessage>();
  ASSERT_EQ(1, offers.offers_size());
  EXPECT_EQ(2.0, Resources(offers.offers(0).resources()).cpus().get());
}

TEST_F(MasterTaskTest, UpdateForUnknownFrameworkIsDropped) {
  startCluster();
  FrameworkID unknown;
  unknown.set_value("unknown");
  TaskID taskId;
  taskId.set_value("t1");
  (*agent)->send(
      pid, agentUpdate(unknown, slaveId, taskId, TASK_RUNNING, agent->pid));
  Clock::settle();
  EXPECT_EQ(0u, (*scheduler)->count<StatusUpdateMessage>());
}

TEST_F(MasterTaskTest, DisconnectedAgentLosesTasksOfNonCheckpointing) {
  startCluster();
  launch({commandTask("t1", offer)});
  agent->stop();
  Clock::settle();
  std::vector<TaskStatus> updates = statuses(*scheduler);
  ASSERT_EQ(1u, updates.size());
  EXPECT_EQ(TASK_LOST, updates[0].state());
  EXPECT_EQ(TaskStatus::REASON_SLAVE_DISCONNECTED, updates[0].reason());
  EXPECT_EQ("Agent a1 disconnected", updates[0].message());
}

TEST_F(MasterTaskTest, DisconnectedAgentIsInactiveUntilItReregisters) {
  FrameworkInfo framework = frameworkInfo();
  framework.set_checkpoint(true);
  startCluster(framework);
  launch({commandTask("t1", offer)});
  // The rest of the offer comes back once the accept's default 5 s
  // refusal is over.
  for (int i = 0; i < 6; i++) {
    Clock::advance(Seconds(1));
    Clock::settle();
  }
  const size_t offersBefore = (*scheduler)->count<ResourceOffersMessage>();
  ASSERT_LE(2u, offersBefore);

  agent->stop();  // The master sees the link break.
  Clock::settle();
  EXPECT_EQ(1u, (*scheduler)->count<RescindResourceOfferMessage>());
  Clock::advance(Seconds(5));
  Clock::settle();
  EXPECT_EQ(offersBefore, (*scheduler)->count<ResourceOffersMessage>());

  // The agent restarts and reregisters, still running its task.
  Peer restarted("slave", true);
  ReregisterSlaveMessage message;
  SlaveInfo slave = agentInfo("a1");
  *slave.mutable_id() = slaveId;
  *message.mutable_slave() = slave;
  message.set_version("1.11.0");
  addCapabilities(message.mutable_agent_capabilities());
  Task* task = message.add_tasks();
  task->set_name("t1");
  task->mutable_task_id()->set_value("t1");
  *task->mutable_framework_id() = frameworkId;
  *task->mutable_slave_id() = slaveId;
  task->set_state(TASK_RUNNING);
  *task->mutable_resources() = resources("cpus:1;mem:128");
  restarted->send(pid, message);
  Clock::settle();
  ASSERT_EQ(1u, restarted->count<SlaveReregisteredMessage>());
  EXPECT_EQ(0u, (*scheduler)->count<StatusUpdateMessage>());

  Clock::advance(Seconds(1));
  Clock::settle();
  EXPECT_LT(offersBefore, (*scheduler)->count<ResourceOffersMessage>());
  Try<JSON::Object> state = getJson(pid, "state");
  ASSERT_FALSE(state.isError()) << state.error();
  EXPECT_TRUE(state->find<JSON::Boolean>("slaves[0].active")->value);
  EXPECT_EQ(std::string(restarted.pid),
            state->find<JSON::String>("slaves[0].pid")->value);
}

// -- HTTP ------------------------------------------------------------------

TEST_F(MasterTaskTest, StateEndpointFields) {
  startCluster();
  launch({commandTask("t1", offer)});

  Try<JSON::Object> state = getJson(pid, "state");
  ASSERT_FALSE(state.isError()) << state.error();
  EXPECT_EQ(std::string(pid), state->find<JSON::String>("leader")->value);
  EXPECT_EQ(std::string(pid), state->find<JSON::String>("pid")->value);
  EXPECT_EQ("1.11.0", state->find<JSON::String>("version")->value);
  EXPECT_EQ(info.id(), state->find<JSON::String>("id")->value);
  EXPECT_EQ("master.test", state->find<JSON::String>("hostname")->value);
  EXPECT_EQ(1, state->find<JSON::Number>("activated_slaves")->as<int64_t>());
  EXPECT_TRUE(state->find<JSON::Object>("flags").isSome());
  EXPECT_EQ("in_memory", state->find<JSON::String>("flags.registry")->value);

  EXPECT_EQ(slaveId.value(), state->find<JSON::String>("slaves[0].id")->value);
  EXPECT_EQ("a1", state->find<JSON::String>("slaves[0].hostname")->value);
  EXPECT_EQ(std::string(agent->pid),
            state->find<JSON::String>("slaves[0].pid")->value);
  EXPECT_EQ(
      2.0, state->find<JSON::Number>("slaves[0].resources.cpus")->as<double>());
  EXPECT_EQ(
      1.0,
      state->find<JSON::Number>("slaves[0].used_resources.cpus")->as<double>());
  EXPECT_TRUE(state->find<JSON::Boolean>("slaves[0].active")->value);

  EXPECT_EQ(frameworkId.value(),
            state->find<JSON::String>("frameworks[0].id")->value);
  EXPECT_EQ("test", state->find<JSON::String>("frameworks[0].name")->value);
  EXPECT_TRUE(state->find<JSON::Boolean>("frameworks[0].active")->value);
  EXPECT_EQ("t1",
            state->find<JSON::String>("frameworks[0].tasks[0].id")->value);
  EXPECT_EQ("TASK_STAGING",
            state->find<JSON::String>("frameworks[0].tasks[0].state")->value);
  EXPECT_EQ(1.0,
            state->find<JSON::Number>("frameworks[0].tasks[0].resources.cpus")
                ->as<double>());
  EXPECT_TRUE(state->find<JSON::Array>("completed_frameworks").isSome());

  // The other endpoints.
  Try<JSON::Object> tasks = getJson(pid, "tasks");
  ASSERT_FALSE(tasks.isError());
  EXPECT_EQ("t1", tasks->find<JSON::String>("tasks[0].id")->value);
  Try<JSON::Object> frameworks = getJson(pid, "frameworks");
  ASSERT_FALSE(frameworks.isError());
  EXPECT_EQ(frameworkId.value(),
            frameworks->find<JSON::String>("frameworks[0].id")->value);
  Try<JSON::Object> slaves = getJson(pid, "slaves");
  ASSERT_FALSE(slaves.isError());
  EXPECT_EQ(slaveId.value(), slaves->find<JSON::String>("slaves[0].id")->value);
  Try<JSON::Object> summary = getJson(pid, "state-summary");
  ASSERT_FALSE(summary.isError()) << summary.error();
  EXPECT_EQ("master.test", summary->find<JSON::String>("hostname")->value);
  EXPECT_EQ(
      1, summary->find<JSON::Number>("slaves[0].TASK_STAGING")->as<int64_t>());
  EXPECT_EQ(frameworkId.value(),
            summary->find<JSON::String>("slaves[0].framework_ids[0]")->value);
  EXPECT_EQ(
      1,
      summary->find<JSON::Number>("frameworks[0].TASK_STAGING")->as<int64_t>());
  EXPECT_EQ(slaveId.value(),
            summary->find<JSON::String>("frameworks[0].slave_ids[0]")->value);
  Try<JSON::Object> flags = getJson(pid, "flags");
  ASSERT_FALSE(flags.isError());
  EXPECT_EQ("15secs",
            flags->find<JSON::String>("flags.agent_ping_timeout")->value);

  Future<http::Response> health = http::get(pid, std::string("health"));
  AWAIT_READY(health);
  EXPECT_EQ(200, health->code);

  Future<http::Response> redirect = http::get(pid, std::string("redirect"));
  AWAIT_READY(redirect);
  EXPECT_EQ(307, redirect->code);

  Future<http::Response> jsonp =
      http::get(pid, std::string("state"), std::string("jsonp=cb"));
  AWAIT_READY(jsonp);
  EXPECT_TRUE(strings::startsWith(jsonp->body, "cb("));

  process::UPID metrics("metrics", pid.address);
  Try<JSON::Object> snapshot = getJson(metrics, "snapshot");
  ASSERT_FALSE(snapshot.isError()) << snapshot.error();
  EXPECT_EQ(1.0,
            snapshot->values["master/elected"].as<JSON::Number>().as<double>());
  EXPECT_EQ(
      1.0,
      snapshot->values["master/slaves_active"].as<JSON::Number>().as<double>());
  EXPECT_EQ(1.0, snapshot->values["master/frameworks_active"]
                     .as<JSON::Number>()
                     .as<double>());
  EXPECT_EQ(
      1.0,
      snapshot->values["master/tasks_staging"].as<JSON::Number>().as<double>());
  EXPECT_EQ(1u, snapshot->values.count("master/uptime_secs"));
}

// -- Bad input -------------------------------------------------------------

TEST_F(MasterTaskTest, GarbageAndStrangersLeaveTheMasterServing) {
  startCluster();

  // Bodies that are not the protobufs their names promise.
  Peer stranger("scheduler");
  for (const char* name :
       {"mesos.internal.RegisterSlaveMessage", "mesos.scheduler.Call",
        "mesos.internal.StatusUpdateMessage",
        "mesos.internal.ReregisterSlaveMessage"}) {
    const std::string body("\xff\xff\xff garbage", 12);
    process::post(stranger.pid, pid, name, body.data(), body.size());
  }
  // The same over a real socket, as a non-libprocess peer would send it
  // (Content-Length body, Libprocess-From header only).
  Future<http::Response> posted = http::post(
      pid, std::string("mesos.internal.RegisterSlaveMessage"),
      http::Headers({{"Libprocess-From", std::string(stranger.pid)}}),
      std::string("\x0a\xff garbage"));
  AWAIT_READY(posted);
  EXPECT_EQ(202, posted->code);
  // Calls for a framework from someone who is not its scheduler.
  stranger->send(pid, call(frameworkId, scheduler::Call::TEARDOWN));
  stranger->send(pid, call(frameworkId, scheduler::Call::REVIVE));
  // Calls without a framework id, and for an unknown framework.
  scheduler::Call noId;
  noId.set_type(scheduler::Call::TEARDOWN);
  stranger->send(pid, noId);
  FrameworkID unknown;
  unknown.set_value("unknown");
  stranger->send(pid, call(unknown, scheduler::Call::KILL));
  // Pongs and acknowledgements from nobody in particular.
  stranger->send(pid, PongSlaveMessage());
  Clock::settle();

  EXPECT_EQ(0u, (*agent)->count<ShutdownFrameworkMessage>());
  Future<http::Response> health = http::get(pid, std::string("health"));
  AWAIT_READY(health);
  EXPECT_EQ(200, health->code);

  // Still launching tasks.
  EXPECT_TRUE(launch({commandTask("t1", offer)}).empty());
  EXPECT_EQ(1u, (*agent)->count<RunTaskMessage>());
}

// -- The binary ------------------------------------------------------------

namespace {

// Runs the master binary with `args`; returns its exit status and output.
std::pair<int, std::string> runMaster(const std::string& args) {
  const std::string command =
      std::string(MESOS_MASTER_BINARY) + " " + args + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  std::string output;
  if (pipe == nullptr)
    return {-1, output};
  char buffer[4096];
  size_t n;
  while ((n = ::fread(buffer, 1, sizeof(buffer), pipe)) > 0)
    output.append(buffer, n);
  int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

}  // namespace

TEST(MasterBinaryTest, FlagErrorsExitWithStatusOne) {
  auto unknown = runMaster("--registry=in_memory --no_such_flag=1");
  EXPECT_EQ(1, unknown.first);
  EXPECT_NE(std::string::npos, unknown.second.find("no_such_flag"))
      << unknown.second;

  auto badPort = runMaster("--registry=in_memory --port=abc");
  EXPECT_EQ(1, badPort.first);
  EXPECT_NE(std::string::npos, badPort.second.find("port")) << badPort.second;

  auto noWorkDir = runMaster("");
  EXPECT_EQ(1, noWorkDir.first);
  EXPECT_NE(std::string::npos, noWorkDir.second.find("--work_dir"))
      << noWorkDir.second;

  auto badResources =
      runMaster("--registry=in_memory --min_allocatable_resources=cpus:x");
  EXPECT_EQ(1, badResources.first);

  auto help = runMaster("--help");
  EXPECT_EQ(0, help.first);
  EXPECT_NE(std::string::npos, help.second.find("--agent_ping_timeout"));

  auto version = runMaster("--version");
  EXPECT_EQ(0, version.first);
  EXPECT_NE(std::string::npos, version.second.find("1.11.0"));
}

}  // namespace tests
}  // namespace internal
}  // namespace mesos
