// Endpoint JSON renderings (src/common/http.hpp) and the generic protobuf
// rendering they build on, checked as exact text.

#include <string>

#include <gtest/gtest.h>

#include <mesos/attributes.hpp>
#include <mesos/mesos.hpp>
#include <mesos/resources.hpp>

#include <stout/stringify.hpp>

#include "common/http.hpp"
#include "common/protobuf_utils.hpp"

namespace mesos {
namespace {

Resources allocated(const std::string& text, const std::string& role) {
  Resources resources = Resources::parse(text).get();
  resources.allocate(role);
  return resources;
}

TEST(HttpJsonTest, Resources) {
  const Resources resources =
      Resources::parse(
          "cpus:4;mem:8192;disk:10000;ports:[31000-32000];"
          "disks:{a,b};cpus(r):0.5")
          .get();
  EXPECT_EQ(R"({"cpus":4.5,"disk":10000.0,"gpus":0.0,"mem":8192.0,)"
            R"("ports":"[31000-32000]","disks":"{a, b}"})",
            jsonify(resources));

  EXPECT_EQ(R"({"cpus":0.0,"disk":0.0,"gpus":0.0,"mem":0.0})",
            jsonify(Resources()));

  Resource revocable = *Resources::parse("cpus:1").get().begin();
  revocable.mutable_revocable();
  EXPECT_EQ(
      R"({"cpus":0.0,"cpus_revocable":1.0,"disk":0.0,"gpus":0.0,"mem":0.0})",
      jsonify(Resources(revocable)));

  // A raw repeated field renders the same way.
  const google::protobuf::RepeatedPtrField<Resource> repeated = resources;
  EXPECT_EQ(jsonify(resources), jsonify(repeated));

  EXPECT_EQ(4.5, internal::model(resources)
                     .values.at("cpus")
                     .as<JSON::Number>()
                     .as<double>());
}

TEST(HttpJsonTest, Attributes) {
  const Attributes attributes =
      Attributes::parse("rack:r1;level:2;ports:[1-10]").get();
  EXPECT_EQ(R"({"rack":"r1","level":2.0,"ports":"[1-10]"})",
            jsonify(attributes));
}

TEST(HttpJsonTest, Values) {
  Value::Scalar scalar;
  scalar.set_value(1.5);
  Value::Ranges ranges = Resources::parse("ports:[1-2]").get().ports().get();
  const std::string text = jsonify([&](JSON::ObjectWriter* writer) {
    writer->field("scalar", scalar);
    writer->field("ranges", ranges);
  });
  EXPECT_EQ(R"({"scalar":1.5,"ranges":"[1-2]"})", text);
}

TEST(HttpJsonTest, Task) {
  TaskInfo info;
  info.set_name("web");
  info.mutable_task_id()->set_value("t1");
  info.mutable_slave_id()->set_value("s1");
  *info.mutable_resources() = allocated("cpus:1;mem:32", "role1");
  Label* label = info.mutable_labels()->add_labels();
  label->set_key("k");
  label->set_value("v");
  info.mutable_command()->set_user("alice");

  FrameworkID frameworkId;
  frameworkId.set_value("f1");
  Task task = internal::protobuf::createTask(info, TASK_RUNNING, frameworkId);

  TaskStatus* status = task.add_statuses();
  status->mutable_task_id()->set_value("t1");
  status->set_state(TASK_RUNNING);
  status->set_timestamp(1700000000.25);
  status->set_healthy(true);

  EXPECT_EQ(R"({"id":"t1","name":"web","framework_id":"f1","executor_id":"",)"
            R"("slave_id":"s1","state":"TASK_RUNNING",)"
            R"("resources":{"cpus":1.0,"disk":0.0,"gpus":0.0,"mem":32.0},)"
            R"("role":"role1",)"
            R"("statuses":[{"state":"TASK_RUNNING","timestamp":1700000000.25,)"
            R"("healthy":true}],)"
            R"("user":"alice","labels":[{"key":"k","value":"v"}]})",
            jsonify(task));
}

TEST(HttpJsonTest, ExecutorInfo) {
  ExecutorInfo executor;
  executor.mutable_executor_id()->set_value("e1");
  executor.mutable_framework_id()->set_value("f1");
  executor.set_name("exec");
  CommandInfo* command = executor.mutable_command();
  command->set_value("/bin/run");
  command->set_shell(false);
  command->add_arguments("run");
  command->add_arguments("--fast");
  CommandInfo::URI* uri = command->add_uris();
  uri->set_value("http://x/y.tgz");
  Environment::Variable* variable =
      command->mutable_environment()->add_variables();
  variable->set_name("A");
  variable->set_value("1");
  *executor.mutable_resources() = allocated("cpus:0.1", "r");

  EXPECT_EQ(
      R"({"executor_id":"e1","name":"exec","framework_id":"f1",)"
      R"("command":{"shell":false,"value":"/bin/run","argv":["run","--fast"],)"
      R"("environment":{"variables":[{"name":"A","type":"VALUE",)"
      R"("value":"1"}]},"uris":[{"value":"http://x/y.tgz",)"
      R"("executable":false}]},)"
      R"("resources":{"cpus":0.1,"disk":0.0,"gpus":0.0,"mem":0.0},)"
      R"("role":"r"})",
      jsonify(executor));
}

TEST(HttpJsonTest, SlaveInfoAndCapabilities) {
  SlaveInfo slave;
  slave.set_hostname("host1");
  slave.mutable_id()->set_value("s1");
  *slave.mutable_attributes() = Attributes::parse("rack:r1").get();
  slave.mutable_domain()->mutable_fault_domain()->mutable_region()->set_name(
      "us");
  slave.mutable_domain()->mutable_fault_domain()->mutable_zone()->set_name(
      "us-1");
  EXPECT_EQ(R"({"id":"s1","hostname":"host1","port":5051,)"
            R"("attributes":{"rack":"r1"},)"
            R"("domain":{"fault_domain":{"region":{"name":"us"},)"
            R"("zone":{"name":"us-1"}}}})",
            jsonify(slave));

  FrameworkInfo framework;
  framework.add_capabilities()->set_type(FrameworkInfo::Capability::MULTI_ROLE);
  EXPECT_EQ(R"(["MULTI_ROLE"])", jsonify(framework.capabilities()));
}

// The generic rendering (stout's JSON::Protobuf): fields in .proto order,
// enums by name, bytes in base64, nested messages as objects, repeated
// fields as arrays, unset fields left out.
TEST(HttpJsonTest, ProtobufStatusUpdate) {
  FrameworkID frameworkId;
  frameworkId.set_value("f");
  SlaveID slaveId;
  slaveId.set_value("s");
  TaskID taskId;
  taskId.set_value("t");
  const std::string bytes = "0123456789abcdef";
  const internal::StatusUpdate update = internal::protobuf::createStatusUpdate(
      frameworkId, slaveId, taskId, TASK_RUNNING, TaskStatus::SOURCE_EXECUTOR,
      id::UUID::fromBytes(bytes).get(), "", None(), None(), None(), None(),
      None(), None(), None(), None(), 12.5);

  EXPECT_EQ(R"({"framework_id":{"value":"f"},"slave_id":{"value":"s"},)"
            R"("status":{"task_id":{"value":"t"},"state":"TASK_RUNNING",)"
            R"("message":"","source":"SOURCE_EXECUTOR",)"
            R"("slave_id":{"value":"s"},"timestamp":12.5,)"
            R"("uuid":"MDEyMzQ1Njc4OWFiY2RlZg=="},)"
            R"("timestamp":12.5,"uuid":"MDEyMzQ1Njc4OWFiY2RlZg=="})",
            jsonify(JSON::Protobuf(update)));
}

}  // namespace
}  // namespace mesos
