// The weighted DRF sorter (src/master/allocator/sorter.hpp): dominant
// shares, weights, tie-breaking, activation, hierarchical roles, excluded
// resource names and shared resources.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <mesos/mesos.hpp>
#include <mesos/resources.hpp>

#include "master/allocator/sorter.hpp"

namespace mesos {
namespace internal {
namespace master {
namespace allocator {
namespace tests {
namespace {

using Order = std::vector<std::string>;

Resources resources(const std::string& text) {
  return Resources::parse(text).get();
}

SlaveID slaveId(const std::string& value) {
  SlaveID id;
  id.set_value(value);
  return id;
}

void addActive(DRFSorter& sorter, const std::vector<std::string>& clients) {
  for (const std::string& client : clients) {
    sorter.add(client);
    sorter.activate(client);
  }
}

TEST(DRFSorterTest, OrdersByDominantShare) {
  DRFSorter sorter;
  sorter.addTotal(slaveId("s1"), resources("cpus:100;mem:100"));
  addActive(sorter, {"a", "b", "c"});

  // a: cpus 50%; b: mem 30%; c: cpus 10%, mem 20%.
  sorter.allocated("a", slaveId("s1"), resources("cpus:50;mem:10"));
  sorter.allocated("b", slaveId("s1"), resources("cpus:5;mem:30"));
  sorter.allocated("c", slaveId("s1"), resources("cpus:10;mem:20"));

  EXPECT_EQ((Order{"c", "b", "a"}), sorter.sort());
  EXPECT_DOUBLE_EQ(0.5, sorter.share("a"));
  EXPECT_DOUBLE_EQ(0.3, sorter.share("b"));
  EXPECT_DOUBLE_EQ(0.2, sorter.share("c"));

  sorter.unallocated("a", slaveId("s1"), resources("cpus:45"));
  EXPECT_EQ((Order{"a", "c", "b"}), sorter.sort());
}

TEST(DRFSorterTest, SharesAreRelativeToThePool) {
  DRFSorter sorter;
  sorter.addTotal(slaveId("s1"), resources("cpus:10;mem:100"));
  addActive(sorter, {"a", "b"});
  sorter.allocated("a", slaveId("s1"), resources("cpus:5"));
  sorter.allocated("b", slaveId("s1"), resources("mem:40"));
  EXPECT_EQ((Order{"b", "a"}), sorter.sort());

  // Doubling the cpus halves a's share.
  sorter.addTotal(slaveId("s2"), resources("cpus:10"));
  EXPECT_EQ((Order{"a", "b"}), sorter.sort());

  sorter.removeTotal(slaveId("s2"), resources("cpus:10"));
  EXPECT_EQ((Order{"b", "a"}), sorter.sort());
}

TEST(DRFSorterTest, TiesGoToFewerAllocationsThenName) {
  DRFSorter sorter;
  sorter.addTotal(slaveId("s1"), resources("cpus:10"));
  addActive(sorter, {"b", "a"});
  EXPECT_EQ((Order{"a", "b"}), sorter.sort());

  // Equal shares; a was allocated to twice, b once.
  sorter.allocated("a", slaveId("s1"), resources("cpus:1"));
  sorter.allocated("a", slaveId("s1"), resources("cpus:1"));
  sorter.allocated("b", slaveId("s1"), resources("cpus:2"));
  EXPECT_EQ((Order{"b", "a"}), sorter.sort());

  // Giving resources back does not undo the count.
  sorter.unallocated("a", slaveId("s1"), resources("cpus:2"));
  sorter.unallocated("b", slaveId("s1"), resources("cpus:2"));
  EXPECT_EQ((Order{"b", "a"}), sorter.sort());
}

TEST(DRFSorterTest, WeightsDivideShares) {
  DRFSorter sorter;
  sorter.addTotal(slaveId("s1"), resources("cpus:100"));
  addActive(sorter, {"a", "b"});
  sorter.updateWeight("b", 4);
  sorter.allocated("a", slaveId("s1"), resources("cpus:10"));
  sorter.allocated("b", slaveId("s1"), resources("cpus:30"));

  EXPECT_DOUBLE_EQ(0.075, sorter.share("b"));
  EXPECT_EQ((Order{"b", "a"}), sorter.sort());

  sorter.updateWeight("b", 1);
  EXPECT_EQ((Order{"a", "b"}), sorter.sort());
}

TEST(DRFSorterTest, InactiveClientsAreNotSorted) {
  DRFSorter sorter;
  sorter.addTotal(slaveId("s1"), resources("cpus:10"));
  sorter.add("a");
  EXPECT_TRUE(sorter.sort().empty());
  EXPECT_FALSE(sorter.isActive("a"));

  sorter.activate("a");
  sorter.allocated("a", slaveId("s1"), resources("cpus:1"));
  sorter.deactivate("a");
  EXPECT_TRUE(sorter.sort().empty());

  // The allocation is kept while inactive.
  EXPECT_EQ(resources("cpus:1"), sorter.allocation("a", slaveId("s1")));
  sorter.activate("a");
  EXPECT_EQ((Order{"a"}), sorter.sort());
  EXPECT_EQ(1u, sorter.count());

  sorter.remove("a");
  EXPECT_FALSE(sorter.contains("a"));
  EXPECT_TRUE(sorter.sort().empty());
}

TEST(DRFSorterTest, HierarchicalRolesSortBySubtree) {
  DRFSorter sorter;
  sorter.addTotal(slaveId("s1"), resources("cpus:100"));
  addActive(sorter, {"a/x", "a/y", "b"});

  sorter.allocated("a/x", slaveId("s1"), resources("cpus:10"));
  sorter.allocated("a/y", slaveId("s1"), resources("cpus:12"));
  sorter.allocated("b", slaveId("s1"), resources("cpus:15"));

  // Subtree a holds 22 > 15: b first, then a's clients in their order.
  EXPECT_EQ((Order{"b", "a/x", "a/y"}), sorter.sort());

  // The weight of "a" applies to its whole subtree.
  sorter.updateWeight("a", 2);
  EXPECT_EQ((Order{"a/x", "a/y", "b"}), sorter.sort());
}

TEST(DRFSorterTest, ClientThatIsAlsoAnAncestor) {
  DRFSorter sorter;
  sorter.addTotal(slaveId("s1"), resources("cpus:100"));
  addActive(sorter, {"a", "b"});
  sorter.allocated("a", slaveId("s1"), resources("cpus:10"));

  addActive(sorter, {"a/c"});
  EXPECT_EQ(resources("cpus:10"), sorter.allocation("a", slaveId("s1")));
  EXPECT_EQ((Order{"b", "a/c", "a"}), sorter.sort());

  sorter.allocated("b", slaveId("s1"), resources("cpus:20"));
  sorter.allocated("a/c", slaveId("s1"), resources("cpus:5"));
  EXPECT_EQ((Order{"a/c", "a", "b"}), sorter.sort());

  // Removing the subrole turns "a" back into a plain client.
  sorter.unallocated("a/c", slaveId("s1"), resources("cpus:5"));
  sorter.remove("a/c");
  EXPECT_EQ((Order{"a", "b"}), sorter.sort());
  EXPECT_EQ(resources("cpus:10"), sorter.allocation("a", slaveId("s1")));

  sorter.remove("a");
  addActive(sorter, {"a/d"});
  EXPECT_EQ((Order{"a/d", "b"}), sorter.sort());
}

TEST(DRFSorterTest, FlatModeTakesNamesVerbatim) {
  DRFSorter sorter(false);
  sorter.addTotal(slaveId("s1"), resources("cpus:10"));
  addActive(sorter, {"x/y", "x"});
  sorter.allocated("x", slaveId("s1"), resources("cpus:1"));
  EXPECT_EQ((Order{"x/y", "x"}), sorter.sort());
}

TEST(DRFSorterTest, ExcludedResourceNamesDoNotCount) {
  DRFSorter sorter(true, std::set<std::string>{"gpus"});
  sorter.addTotal(slaveId("s1"), resources("cpus:10;gpus:1"));
  addActive(sorter, {"a", "b"});
  sorter.allocated("a", slaveId("s1"), resources("cpus:1;gpus:1"));
  sorter.allocated("b", slaveId("s1"), resources("cpus:2"));
  EXPECT_DOUBLE_EQ(0.1, sorter.share("a"));
  EXPECT_EQ((Order{"a", "b"}), sorter.sort());
}

TEST(DRFSorterTest, ScalarsCountInThousandths) {
  DRFSorter sorter;
  sorter.addTotal(slaveId("s1"), resources("cpus:1"));
  addActive(sorter, {"a", "b"});

  // 0.1 + 0.2 and 0.3 are the same share: the tie goes to fewer
  // allocations.
  sorter.allocated("a", slaveId("s1"), resources("cpus:0.1"));
  sorter.allocated("a", slaveId("s1"), resources("cpus:0.2"));
  sorter.allocated("b", slaveId("s1"), resources("cpus:0.3"));
  EXPECT_EQ(sorter.share("a"), sorter.share("b"));
  EXPECT_EQ((Order{"b", "a"}), sorter.sort());
}

TEST(DRFSorterTest, SharedResourcesCountOncePerAgent) {
  Resource volume = Resources::parse("disk", "10", "*").get();
  volume.mutable_disk()->mutable_persistence()->set_id("v1");
  volume.mutable_disk()->mutable_volume()->set_container_path("data");
  volume.mutable_disk()->mutable_volume()->set_mode(Volume::RW);
  volume.mutable_shared();

  DRFSorter sorter;
  sorter.addTotal(slaveId("s1"), resources("disk:90") + volume);
  addActive(sorter, {"a"});

  sorter.allocated("a", slaveId("s1"), Resources(volume));
  sorter.allocated("a", slaveId("s1"), Resources(volume));
  EXPECT_DOUBLE_EQ(0.1, sorter.share("a"));

  sorter.unallocated("a", slaveId("s1"), Resources(volume));
  EXPECT_DOUBLE_EQ(0.1, sorter.share("a"));
  sorter.unallocated("a", slaveId("s1"), Resources(volume));
  EXPECT_DOUBLE_EQ(0.0, sorter.share("a"));
}

}  // namespace
}  // namespace tests
}  // namespace allocator
}  // namespace master
}  // namespace internal
}  // namespace mesos
