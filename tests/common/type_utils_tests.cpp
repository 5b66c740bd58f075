// Operators on the public messages (include/mesos/type_utils.hpp), roles
// and attributes.

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <gtest/gtest.h>

#include <mesos/attributes.hpp>
#include <mesos/mesos.hpp>
#include <mesos/roles.hpp>

#include <stout/stringify.hpp>

namespace mesos {
namespace {

template <typename ID>
ID id(const std::string& value) {
  ID result;
  result.set_value(value);
  return result;
}

ContainerID nested(const std::vector<std::string>& chain) {
  ContainerID result;
  for (size_t i = 0; i < chain.size(); i++) {
    ContainerID child;
    child.set_value(chain[i]);
    if (i > 0)
      *child.mutable_parent() = result;
    result = child;
  }
  return result;
}

TEST(TypeUtilsTest, IdsCompareOrderHashAndPrint) {
  EXPECT_EQ(id<TaskID>("a"), id<TaskID>("a"));
  EXPECT_NE(id<TaskID>("a"), id<TaskID>("b"));
  EXPECT_TRUE(id<TaskID>("a") < id<TaskID>("b"));
  EXPECT_TRUE(id<FrameworkID>("f") == "f");
  EXPECT_EQ("s1", stringify(id<SlaveID>("s1")));
  EXPECT_EQ("op", stringify(id<OperationID>("op")));
  EXPECT_EQ("rp", stringify(id<ResourceProviderID>("rp")));

  std::unordered_set<ExecutorID> executors = {
      id<ExecutorID>("e1"), id<ExecutorID>("e1"), id<ExecutorID>("e2")};
  EXPECT_EQ(2u, executors.size());
  std::set<OfferID> offers = {id<OfferID>("b"), id<OfferID>("a")};
  EXPECT_EQ("a", offers.begin()->value());

  std::unordered_map<std::pair<FrameworkID, ExecutorID>, int> pairs;
  pairs[{id<FrameworkID>("f"), id<ExecutorID>("e")}] = 1;
  EXPECT_EQ(1, (pairs[{id<FrameworkID>("f"), id<ExecutorID>("e")}]));
}

TEST(TypeUtilsTest, ContainerIdIncludesParents) {
  const ContainerID child = nested({"root", "child"});
  EXPECT_EQ("root.child", stringify(child));
  EXPECT_EQ("a.b.c", stringify(nested({"a", "b", "c"})));
  EXPECT_EQ(child, nested({"root", "child"}));
  EXPECT_NE(child, nested({"other", "child"}));
  EXPECT_NE(child, nested({"child"}));
  EXPECT_EQ(std::hash<ContainerID>()(child),
            std::hash<ContainerID>()(nested({"root", "child"})));
  std::unordered_set<ContainerID> ids = {child, nested({"child"})};
  EXPECT_EQ(2u, ids.size());
}

TEST(TypeUtilsTest, EnumsPrintTheirNames) {
  EXPECT_EQ("TASK_RUNNING", stringify(TASK_RUNNING));
  EXPECT_EQ("SOURCE_EXECUTOR", stringify(TaskStatus::SOURCE_EXECUTOR));
  EXPECT_EQ("REASON_COMMAND_EXECUTOR_FAILED",
            stringify(TaskStatus::REASON_COMMAND_EXECUTOR_FAILED));
  FrameworkInfo::Capability capability;
  capability.set_type(FrameworkInfo::Capability::MULTI_ROLE);
  EXPECT_EQ("MULTI_ROLE", stringify(capability));
  EXPECT_EQ("99", stringify(static_cast<TaskState>(99)));
  EXPECT_EQ("[ a, b ]",
            stringify(std::vector<TaskID>{id<TaskID>("a"), id<TaskID>("b")}));
}

TEST(TypeUtilsTest, LabelsAndEnvironmentCompareAsMultisets) {
  Labels left;
  Labels right;
  for (const char* key : {"a", "b", "a"}) {
    Label* label = left.add_labels();
    label->set_key(key);
    label->set_value("v");
  }
  for (const char* key : {"b", "a", "a"}) {
    Label* label = right.add_labels();
    label->set_key(key);
    label->set_value("v");
  }
  EXPECT_EQ(left, right);
  right.mutable_labels(0)->set_key("a");
  EXPECT_NE(left, right);
  EXPECT_EQ("{a: v, b: v, a: v}", stringify(left));

  CommandInfo one;
  one.set_value("echo");
  one.add_arguments("x");
  one.add_arguments("y");
  Environment::Variable* variable = one.mutable_environment()->add_variables();
  variable->set_name("A");
  variable->set_value("1");
  one.mutable_environment()->add_variables()->set_name("B");
  CommandInfo two = one;
  EXPECT_EQ(one, two);
  two.mutable_environment()->mutable_variables()->SwapElements(0, 1);
  EXPECT_EQ(one, two);
  two.mutable_arguments()->SwapElements(0, 1);
  EXPECT_NE(one, two);
}

TEST(TypeUtilsTest, TaskStatusAndExecutorInfo) {
  TaskStatus a;
  a.mutable_task_id()->set_value("t");
  a.set_state(TASK_RUNNING);
  a.set_uuid("0123456789abcdef");
  TaskStatus b = a;
  EXPECT_EQ(a, b);
  b.set_state(TASK_FINISHED);
  EXPECT_NE(a, b);

  ExecutorInfo e1;
  e1.mutable_executor_id()->set_value("e");
  Resource* cpus = e1.add_resources();
  cpus->set_name("cpus");
  cpus->set_type(Value::SCALAR);
  cpus->mutable_scalar()->set_value(1);
  ExecutorInfo e2 = e1;
  // Same resources in the older format still compare equal.
  e2.mutable_resources(0)->set_role("*");
  EXPECT_EQ(e1, e2);
  e2.mutable_resources(0)->mutable_scalar()->set_value(2);
  EXPECT_NE(e1, e2);
}

TEST(TypeUtilsTest, FrameworkInfoEquivalence) {
  FrameworkInfo a;
  a.set_user("u");
  a.set_name("n");
  a.add_roles("x");
  a.add_roles("y");
  a.add_capabilities()->set_type(FrameworkInfo::Capability::MULTI_ROLE);
  a.add_capabilities()->set_type(FrameworkInfo::Capability::PARTITION_AWARE);
  FrameworkInfo b = a;
  b.mutable_roles()->SwapElements(0, 1);
  b.mutable_capabilities()->SwapElements(0, 1);
  EXPECT_TRUE(typeutils::equivalent(a, b));
  b.set_name("other");
  EXPECT_FALSE(typeutils::equivalent(a, b));
}

TEST(TypeUtilsTest, UuidMessagePrintsCanonically) {
  UUID uuid;
  uuid.set_value(
      std::string("\x01\x23\x45\x67\x89\xab\xcd\xef"
                  "\x01\x23\x45\x67\x89\xab\xcd\xef",
                  16));
  EXPECT_EQ("01234567-89ab-cdef-0123-456789abcdef", stringify(uuid));
}

// -- Roles -------------------------------------------------------------------

TEST(RolesTest, Validate) {
  for (const char* valid : {"*", "a", "a/b", "a.b", "a-b", "a/b/c"})
    EXPECT_TRUE(roles::validate(valid).isNone()) << valid;
  for (const char* invalid : {"", "/a", "a/", "a//b", ".", "a/..", "a/*", "-a",
                              "a b", "a\tb", "a\x7f"}) {
    EXPECT_TRUE(roles::validate(invalid).isSome()) << invalid;
  }
  EXPECT_TRUE(roles::isStrictSubroleOf("a/b", "a"));
  EXPECT_FALSE(roles::isStrictSubroleOf("ab", "a"));
  EXPECT_FALSE(roles::isStrictSubroleOf("a", "a"));
  EXPECT_EQ((std::vector<std::string>{"a/b", "a"}), roles::ancestors("a/b/c"));
  EXPECT_EQ((std::vector<std::string>{"x", "y"}), roles::parse("x,y").get());
  EXPECT_TRUE(roles::parse("x,-y").isError());
}

// -- Attributes --------------------------------------------------------------

TEST(AttributesTest, Parse) {
  Try<Attributes> attributes =
      Attributes::parse("rack:r1;level:2;ports:[1-10];url:http://x:80");
  ASSERT_TRUE(attributes.isSome()) << attributes.error();
  ASSERT_EQ(4u, attributes->size());
  EXPECT_EQ("rack=r1", stringify(*attributes->begin()));
  EXPECT_EQ(2, attributes->get("level", Value::Scalar()).value());
  EXPECT_EQ("[1-10]", stringify(attributes->get("ports", Value::Ranges())));
  EXPECT_EQ("http://x:80", attributes->get("url", Value::Text()).value());

  Try<Attributes> reordered =
      Attributes::parse("level:2;ports:[1-10];url:http://x:80;rack:r1");
  EXPECT_EQ(attributes.get(), reordered.get());

  EXPECT_EQ("Invalid attribute key:value pair 'rack'",
            Attributes::parse("rack").error());
  EXPECT_EQ(
      "Bad type for attribute 'disks' value '{a,b}': sets are not supported"
      " for attributes",
      Attributes::parse("disks:{a,b}").error());
}

}  // namespace
}  // namespace mesos
