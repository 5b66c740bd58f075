// Reservation format conversion (src/common/resources_utils.hpp) and the
// agent's default resources (src/common/host_resources.hpp).

#include <string>

#include <gtest/gtest.h>

#include <mesos/resources.hpp>

#include <stout/stringify.hpp>

#include "common/host_resources.hpp"
#include "common/resources_utils.hpp"

namespace mesos {
namespace {

using internal::HostFacts;

Resource cpus(double value) {
  Resource resource;
  resource.set_name("cpus");
  resource.set_type(Value::SCALAR);
  resource.mutable_scalar()->set_value(value);
  return resource;
}

Resource::ReservationInfo reservation(Resource::ReservationInfo::Type type,
                                      const std::string& role) {
  Resource::ReservationInfo result;
  result.set_type(type);
  result.set_role(role);
  if (type == Resource::ReservationInfo::DYNAMIC) {
    result.set_principal("principal");
    Label* label = result.mutable_labels()->add_labels();
    label->set_key("k");
    label->set_value("v");
  }
  return result;
}

std::string text(const Resource& resource) {
  return resource.ShortDebugString();
}

TEST(ResourceFormatTest, UpgradePreRefinement) {
  Resource unreserved = cpus(1);
  unreserved.set_role("*");
  upgradeResource(&unreserved);
  EXPECT_EQ(text(cpus(1)), text(unreserved));

  Resource statically = cpus(1);
  statically.set_role("r");
  upgradeResource(&statically);
  Resource expected = cpus(1);
  *expected.add_reservations() =
      reservation(Resource::ReservationInfo::STATIC, "r");
  EXPECT_EQ(text(expected), text(statically));

  Resource dynamically = cpus(1);
  dynamically.set_role("r");
  dynamically.mutable_reservation()->set_principal("principal");
  *dynamically.mutable_reservation()->mutable_labels() =
      reservation(Resource::ReservationInfo::DYNAMIC, "r").labels();
  upgradeResource(&dynamically);
  expected = cpus(1);
  *expected.add_reservations() =
      reservation(Resource::ReservationInfo::DYNAMIC, "r");
  EXPECT_EQ(text(expected), text(dynamically));

  // Already upgraded: unchanged.
  Resource again = expected;
  upgradeResource(&again);
  EXPECT_EQ(text(expected), text(again));
}

TEST(ResourceFormatTest, Downgrade) {
  Resource unreserved = cpus(1);
  ASSERT_TRUE(downgradeResource(&unreserved).isSome());
  EXPECT_EQ("name: \"cpus\" type: SCALAR scalar { value: 1 } role: \"*\"",
            text(unreserved));

  Resource dynamic = cpus(1);
  *dynamic.add_reservations() =
      reservation(Resource::ReservationInfo::DYNAMIC, "r");
  ASSERT_TRUE(downgradeResource(&dynamic).isSome());
  EXPECT_EQ(
      "name: \"cpus\" type: SCALAR scalar { value: 1 } role: \"r\" "
      "reservation { principal: \"principal\" labels { labels { key: \"k\" "
      "value: \"v\" } } }",
      text(dynamic));

  Resource refined = cpus(1);
  *refined.add_reservations() =
      reservation(Resource::ReservationInfo::STATIC, "r");
  *refined.add_reservations() =
      reservation(Resource::ReservationInfo::DYNAMIC, "r/s");
  const Resource before = refined;
  Try<Nothing> result = downgradeResource(&refined);
  ASSERT_TRUE(result.isError());
  EXPECT_EQ("Cannot downgrade resources containing refined reservations",
            result.error());
  EXPECT_EQ(text(before), text(refined));
}

TEST(ResourceFormatTest, Endpoint) {
  Resource statically = cpus(1);
  *statically.add_reservations() =
      reservation(Resource::ReservationInfo::STATIC, "r");
  ASSERT_TRUE(convertResourceFormat(&statically, ENDPOINT).isSome());
  EXPECT_EQ("r", statically.role());
  EXPECT_FALSE(statically.has_reservation());
  EXPECT_EQ(1, statically.reservations_size());
  EXPECT_TRUE(Resources::validate(statically).isNone());

  Resource refined = cpus(1);
  *refined.add_reservations() =
      reservation(Resource::ReservationInfo::STATIC, "r");
  *refined.add_reservations() =
      reservation(Resource::ReservationInfo::DYNAMIC, "r/s");
  ASSERT_TRUE(convertResourceFormat(&refined, ENDPOINT).isSome());
  EXPECT_FALSE(refined.has_role());
  EXPECT_TRUE(Resources::validate(refined).isNone());
}

TEST(ResourceFormatTest, WholeMessages) {
  Offer offer;
  offer.mutable_id()->set_value("o");
  offer.mutable_framework_id()->set_value("f");
  offer.mutable_slave_id()->set_value("s");
  offer.set_hostname("h");
  *offer.add_resources() = cpus(1);
  Resource reserved = cpus(2);
  *reserved.add_reservations() =
      reservation(Resource::ReservationInfo::STATIC, "r");
  *offer.add_resources() = reserved;

  ASSERT_TRUE(downgradeResources(&offer).isSome());
  EXPECT_EQ("*", offer.resources(0).role());
  EXPECT_EQ("r", offer.resources(1).role());
  EXPECT_EQ(0, offer.resources(1).reservations_size());

  upgradeResources(&offer);
  EXPECT_FALSE(offer.resources(0).has_role());
  EXPECT_EQ(text(reserved), text(offer.resources(1)));

  TaskInfo task;
  task.set_name("t");
  task.mutable_task_id()->set_value("t");
  task.mutable_slave_id()->set_value("s");
  Resource executorCpus = cpus(0.1);
  executorCpus.set_role("r");
  *task.mutable_executor()->add_resources() = executorCpus;
  task.mutable_executor()->mutable_executor_id()->set_value("e");
  int visited = 0;
  forEachResource(&task, [&visited](Resource*) { visited++; });
  EXPECT_EQ(1, visited);
  upgradeResources(&task);
  EXPECT_EQ(1, task.executor().resources(0).reservations_size());
  EXPECT_FALSE(task.executor().resources(0).has_role());
}

// -- Default agent resources -------------------------------------------------

TEST(HostResourcesTest, DetectedFromHostFacts) {
  HostFacts host;
  host.cpus = 8;
  host.memory = Bytes(16, Bytes::GIGABYTES);
  host.disk = Bytes(100, Bytes::GIGABYTES);

  Try<Resources> resources = internal::agentResources(None(), host);
  ASSERT_TRUE(resources.isSome()) << resources.error();
  EXPECT_EQ("cpus:8; mem:15360; disk:97280; ports:[31000-32000]",
            stringify(resources.get()));
}

TEST(HostResourcesTest, SmallHostsGetHalf) {
  HostFacts host;
  host.cpus = 1;
  host.memory = Bytes(1536, Bytes::MEGABYTES);
  host.disk = Bytes(8, Bytes::GIGABYTES);

  Try<Resources> resources = internal::agentResources(None(), host);
  ASSERT_TRUE(resources.isSome());
  EXPECT_EQ(Megabytes(768), resources->mem().get());
  EXPECT_EQ(Megabytes(4096), resources->disk().get());
}

TEST(HostResourcesTest, UnknownFactsUseDefaults) {
  Try<Resources> resources = internal::agentResources(None(), HostFacts());
  ASSERT_TRUE(resources.isSome());
  EXPECT_EQ("cpus:1; mem:1024; disk:10240; ports:[31000-32000]",
            stringify(resources.get()));
}

TEST(HostResourcesTest, FlagOverridesPerName) {
  HostFacts host;
  host.cpus = 8;
  host.memory = Bytes(16, Bytes::GIGABYTES);
  host.disk = Bytes(100, Bytes::GIGABYTES);

  Try<Resources> resources = internal::agentResources(
      std::string("cpus:0;mem(r):512;ports:[1-2];gpus:1"), host, "r");
  ASSERT_TRUE(resources.isSome()) << resources.error();
  // cpus:0 counts as specified; detected disk takes the default role.
  EXPECT_EQ(
      "mem(reservations: [(STATIC,r)]):512; ports(reservations: "
      "[(STATIC,r)]):[1-2]; gpus(reservations: [(STATIC,r)]):1; "
      "disk(reservations: [(STATIC,r)]):97280",
      stringify(resources.get()));

  EXPECT_TRUE(internal::agentResources(std::string("cpus:-1"), host).isError());
  EXPECT_TRUE(internal::agentResources(None(), host, "bad role").isError());
}

TEST(HostResourcesTest, ProbesThisHost) {
  const HostFacts facts = internal::probeHost("/nonexistent/work/dir");
  ASSERT_TRUE(facts.cpus.isSome());
  EXPECT_GT(facts.cpus.get(), 0);
  ASSERT_TRUE(facts.memory.isSome());
  EXPECT_GT(facts.memory->bytes(), 0u);
  ASSERT_TRUE(facts.disk.isSome());
  EXPECT_GT(facts.disk->bytes(), 0u);

  Try<Resources> resources =
      internal::agentResources(None(), std::string("/tmp"));
  ASSERT_TRUE(resources.isSome());
  EXPECT_EQ(facts.cpus.get(), resources->cpus().get());
}

}  // namespace
}  // namespace mesos
