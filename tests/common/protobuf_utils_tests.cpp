// Message helpers (src/common/protobuf_utils.hpp).

#include <set>
#include <string>

#include <gtest/gtest.h>

#include <mesos/mesos.hpp>
#include <mesos/resources.hpp>

#include <stout/stringify.hpp>
#include <stout/uuid.hpp>

#include "common/protobuf_utils.hpp"

namespace mesos {
namespace internal {
namespace {

template <typename ID>
ID id(const std::string& value) {
  ID result;
  result.set_value(value);
  return result;
}

TEST(ProtobufUtilsTest, CreateStatusUpdate) {
  const id::UUID uuid = id::UUID::random();
  const double before = protobuf::now();

  const StatusUpdate update = protobuf::createStatusUpdate(
      id<FrameworkID>("f"), id<SlaveID>("s"), id<TaskID>("t"), TASK_FAILED,
      TaskStatus::SOURCE_EXECUTOR, uuid, "command exited",
      TaskStatus::REASON_COMMAND_EXECUTOR_FAILED, id<ExecutorID>("e"));

  ASSERT_TRUE(update.IsInitialized());
  EXPECT_EQ("f", update.framework_id().value());
  EXPECT_EQ("s", update.slave_id().value());
  EXPECT_EQ("e", update.executor_id().value());
  EXPECT_EQ(16u, update.uuid().size());
  EXPECT_EQ(uuid.toBytes(), update.uuid());
  EXPECT_GE(update.timestamp(), before);
  EXPECT_LE(update.timestamp(), protobuf::now());

  const TaskStatus& status = update.status();
  EXPECT_EQ("t", status.task_id().value());
  EXPECT_EQ(TASK_FAILED, status.state());
  EXPECT_EQ(TaskStatus::SOURCE_EXECUTOR, status.source());
  EXPECT_EQ(TaskStatus::REASON_COMMAND_EXECUTOR_FAILED, status.reason());
  EXPECT_EQ("command exited", status.message());
  EXPECT_EQ("s", status.slave_id().value());
  EXPECT_EQ(update.uuid(), status.uuid());
  EXPECT_EQ(update.timestamp(), status.timestamp());
  EXPECT_FALSE(status.has_executor_id());
  EXPECT_FALSE(status.has_healthy());
  EXPECT_FALSE(update.has_latest_state());
}

TEST(ProtobufUtilsTest, CreateStatusUpdateWithoutUuidOrSlave) {
  Resources limited = Resources::parse("mem:64").get();
  const StatusUpdate update = protobuf::createStatusUpdate(
      id<FrameworkID>("f"), None(), id<TaskID>("t"), TASK_LOST,
      TaskStatus::SOURCE_MASTER, None(), "", TaskStatus::REASON_RECONCILIATION,
      None(), true, None(), None(), None(), None(), limited, 42.5);

  EXPECT_FALSE(update.has_uuid());
  EXPECT_FALSE(update.status().has_uuid());
  EXPECT_FALSE(update.has_slave_id());
  EXPECT_FALSE(update.has_executor_id());
  EXPECT_EQ(42.5, update.timestamp());
  EXPECT_EQ(42.5, update.status().timestamp());
  EXPECT_TRUE(update.status().healthy());
  EXPECT_EQ(limited, Resources(update.status().limitation().resources()));
}

TEST(ProtobufUtilsTest, CreateStatusUpdateFromExecutorStatus) {
  TaskStatus status = protobuf::createTaskStatus(id<TaskID>("t"), TASK_RUNNING,
                                                 id::UUID::random(), 7.0);
  *status.mutable_executor_id() = id<ExecutorID>("e");

  const StatusUpdate update = protobuf::createStatusUpdate(
      id<FrameworkID>("f"), status, id<SlaveID>("s"));
  EXPECT_EQ("e", update.executor_id().value());
  EXPECT_EQ("s", update.slave_id().value());
  EXPECT_EQ("s", update.status().slave_id().value());
  EXPECT_EQ(7.0, update.timestamp());
  EXPECT_EQ(status.uuid(), update.uuid());
}

TEST(ProtobufUtilsTest, IsTerminalState) {
  for (TaskState state :
       {TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_LOST, TASK_ERROR,
        TASK_DROPPED, TASK_GONE, TASK_GONE_BY_OPERATOR}) {
    EXPECT_TRUE(protobuf::isTerminalState(state)) << state;
  }
  for (TaskState state : {TASK_STAGING, TASK_STARTING, TASK_RUNNING,
                          TASK_KILLING, TASK_UNREACHABLE, TASK_UNKNOWN}) {
    EXPECT_FALSE(protobuf::isTerminalState(state)) << state;
  }
  EXPECT_TRUE(protobuf::isTerminalState(OPERATION_FINISHED));
  EXPECT_FALSE(protobuf::isTerminalState(OPERATION_PENDING));
}

TEST(ProtobufUtilsTest, CreateTask) {
  TaskInfo info;
  info.set_name("web");
  *info.mutable_task_id() = id<TaskID>("t");
  *info.mutable_slave_id() = id<SlaveID>("s");
  *info.mutable_resources() = Resources::parse("cpus:1;mem:32").get();
  info.mutable_executor()->mutable_executor_id()->set_value("e");
  info.mutable_executor()->mutable_command()->set_user("alice");
  info.mutable_labels()->add_labels()->set_key("k");
  (*info.mutable_limits())["cpus"].set_value(2);

  const Task task =
      protobuf::createTask(info, TASK_STAGING, id<FrameworkID>("f"));
  ASSERT_TRUE(task.IsInitialized());
  EXPECT_EQ("web", task.name());
  EXPECT_EQ("t", task.task_id().value());
  EXPECT_EQ("f", task.framework_id().value());
  EXPECT_EQ("s", task.slave_id().value());
  EXPECT_EQ("e", task.executor_id().value());
  EXPECT_EQ(TASK_STAGING, task.state());
  EXPECT_EQ("alice", task.user());
  EXPECT_EQ(info.labels(), task.labels());
  EXPECT_EQ(2, task.limits().at("cpus").value());
  EXPECT_EQ(Resources(info.resources()), Resources(task.resources()));

  info.mutable_command()->set_user("bob");
  EXPECT_EQ(
      "bob",
      protobuf::createTask(info, TASK_STAGING, id<FrameworkID>("f")).user());
}

TEST(ProtobufUtilsTest, TaskHealthAndContainerStatus) {
  Task task;
  EXPECT_TRUE(protobuf::getTaskHealth(task).isNone());
  TaskStatus* first = task.add_statuses();
  first->mutable_container_status()->mutable_container_id()->set_value("c");
  TaskStatus* second = task.add_statuses();
  second->set_healthy(false);
  EXPECT_EQ(false, protobuf::getTaskHealth(task).get());
  EXPECT_EQ("c",
            protobuf::getTaskContainerStatus(task)->container_id().value());
}

TEST(ProtobufUtilsTest, FrameworkRoles) {
  FrameworkInfo framework;
  EXPECT_EQ(std::set<std::string>{"*"},
            protobuf::framework::getRoles(framework));
  framework.set_role("old");
  framework.add_roles("a");
  framework.add_roles("b");
  EXPECT_EQ(std::set<std::string>{"old"},
            protobuf::framework::getRoles(framework));
  framework.add_capabilities()->set_type(FrameworkInfo::Capability::MULTI_ROLE);
  EXPECT_EQ((std::set<std::string>{"a", "b"}),
            protobuf::framework::getRoles(framework));
  EXPECT_TRUE(protobuf::frameworkHasCapability(
      framework, FrameworkInfo::Capability::MULTI_ROLE));
  EXPECT_TRUE(
      protobuf::framework::Capabilities(framework.capabilities()).multiRole);
}

TEST(ProtobufUtilsTest, AgentCapabilities) {
  protobuf::slave::Capabilities capabilities;
  capabilities.multiRole = true;
  capabilities.reservationRefinement = true;
  const auto repeated = capabilities.toRepeatedPtrField();
  ASSERT_EQ(2, repeated.size());
  EXPECT_EQ(SlaveInfo::Capability::MULTI_ROLE, repeated.Get(0).type());
  EXPECT_EQ(capabilities, protobuf::slave::Capabilities(repeated));
}

TEST(ProtobufUtilsTest, ContainerIds) {
  const ContainerID parsed = protobuf::parseContainerId("a.b.c");
  EXPECT_EQ("a.b.c", stringify(parsed));
  EXPECT_EQ("c", parsed.value());
  EXPECT_EQ("a", protobuf::getRootContainerId(parsed).value());
  EXPECT_FALSE(protobuf::getRootContainerId(parsed).has_parent());
}

TEST(ProtobufUtilsTest, Misc) {
  EXPECT_EQ(16u, protobuf::createUUID().value().size());
  const id::UUID uuid = id::UUID::random();
  EXPECT_EQ(uuid.toBytes(), protobuf::createUUID(uuid).value());
  EXPECT_FALSE(protobuf::createLabel("k").has_value());
  EXPECT_EQ("v", protobuf::createLabel("k", std::string("v")).value());
  EXPECT_GT(protobuf::getCurrentTime().nanoseconds(), 0);
}

TEST(ProtobufUtilsTest, InjectAndStripAllocationInfo) {
  Offer::Operation operation;
  operation.set_type(Offer::Operation::LAUNCH);
  TaskInfo* task = operation.mutable_launch()->add_task_infos();
  task->set_name("t");
  *task->mutable_task_id() = id<TaskID>("t");
  *task->mutable_slave_id() = id<SlaveID>("s");
  *task->mutable_resources() = Resources::parse("cpus:1;mem:2").get();
  *task->mutable_executor()->mutable_executor_id() = id<ExecutorID>("e");
  *task->mutable_executor()->mutable_resources() =
      Resources::parse("cpus:0.1").get();
  task->mutable_resources(1)->mutable_allocation_info()->set_role("keep");

  Resource::AllocationInfo allocation;
  allocation.set_role("r");
  protobuf::injectAllocationInfo(&operation, allocation);
  EXPECT_EQ("r", task->resources(0).allocation_info().role());
  EXPECT_EQ("keep", task->resources(1).allocation_info().role());
  EXPECT_EQ("r", task->executor().resources(0).allocation_info().role());

  protobuf::stripAllocationInfo(&operation);
  EXPECT_FALSE(task->resources(0).has_allocation_info());
  EXPECT_FALSE(task->resources(1).has_allocation_info());
  EXPECT_FALSE(task->executor().resources(0).has_allocation_info());
}

}  // namespace
}  // namespace internal
}  // namespace mesos
