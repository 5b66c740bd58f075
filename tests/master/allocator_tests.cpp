// The hierarchical DRF allocator (src/master/allocator/hierarchical.hpp):
// whole-agent offers, DRF between frameworks and weighted roles, refusal
// filters and their expiry, revive and suppress, inactive frameworks and
// agents, recovery, reservations, MULTI_ROLE allocation info, capability
// filtering, minimum allocatable resources, and when allocation runs
// happen. Every timeout is driven by the paused Clock.

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <mesos/mesos.hpp>
#include <mesos/resources.hpp>

#include <process/clock.hpp>
#include <process/dispatch.hpp>
#include <process/gtest.hpp>
#include <process/process.hpp>

#include <stout/hashmap.hpp>

#include "master/allocator/allocator.hpp"
#include "master/allocator/hierarchical_drf_allocator.hpp"

namespace mesos {
namespace internal {
namespace master {
namespace allocator {
namespace tests {
namespace {

using process::Clock;

using Offered = hashmap<std::string, hashmap<SlaveID, Resources>>;

struct Allocation {
  FrameworkID frameworkId;
  Offered resources;
};

// Collects what the offer callback hands out.
class OfferSink {
 public:
  OfferCallback callback() {
    return [this](const FrameworkID& frameworkId, const Offered& resources) {
      std::lock_guard<std::mutex> lock(mutex_);
      allocations_.push_back({frameworkId, resources});
    };
  }

  std::vector<Allocation> take() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<Allocation> result;
    result.swap(allocations_);
    return result;
  }

 private:
  std::mutex mutex_;
  std::vector<Allocation> allocations_;
};

Resources resources(const std::string& text) {
  return Resources::parse(text).get();
}

Resources allocated(const std::string& text, const std::string& role) {
  Resources result = resources(text);
  result.allocate(role);
  return result;
}

SlaveID slaveId(const std::string& value) {
  SlaveID id;
  id.set_value(value);
  return id;
}

FrameworkID frameworkId(const std::string& value) {
  FrameworkID id;
  id.set_value(value);
  return id;
}

SlaveInfo createSlaveInfo(const std::string& id, const std::string& total) {
  SlaveInfo info;
  info.mutable_id()->set_value(id);
  info.set_hostname("host-" + id);
  for (const Resource& resource : resources(total)) {
    *info.add_resources() = resource;
  }
  return info;
}

// What a Mesos 1.11 agent declares.
std::vector<SlaveInfo::Capability> agentCapabilities(bool multiRole = true) {
  std::vector<SlaveInfo::Capability> result;
  for (SlaveInfo::Capability::Type type :
       {SlaveInfo::Capability::MULTI_ROLE,
        SlaveInfo::Capability::HIERARCHICAL_ROLE,
        SlaveInfo::Capability::RESERVATION_REFINEMENT}) {
    if (type == SlaveInfo::Capability::MULTI_ROLE && !multiRole) {
      continue;
    }
    SlaveInfo::Capability capability;
    capability.set_type(type);
    result.push_back(capability);
  }
  return result;
}

FrameworkInfo createFrameworkInfo(
    const std::string& id, const std::set<std::string>& roles,
    const std::vector<FrameworkInfo::Capability::Type>& capabilities = {}) {
  FrameworkInfo info;
  info.mutable_id()->set_value(id);
  info.set_name("framework-" + id);
  info.set_user("user");
  for (const std::string& role : roles) {
    info.add_roles(role);
  }
  info.add_capabilities()->set_type(FrameworkInfo::Capability::MULTI_ROLE);
  for (FrameworkInfo::Capability::Type type : capabilities) {
    info.add_capabilities()->set_type(type);
  }
  return info;
}

Filters refuseFor(double seconds) {
  Filters filters;
  filters.set_refuse_seconds(seconds);
  return filters;
}

// Everything offered to `frameworkId` over `allocations` (one allocation
// run may or may not cover several events).
Offered merged(const std::vector<Allocation>& allocations,
               const FrameworkID& frameworkId) {
  Offered result;
  for (const Allocation& allocation : allocations) {
    if (allocation.frameworkId != frameworkId) {
      continue;
    }
    for (const auto& [role, offered] : allocation.resources) {
      for (const auto& [slaveId, resources] : offered) {
        result[role][slaveId] += resources;
      }
    }
  }
  return result;
}

class HierarchicalAllocatorTest : public ::testing::Test {
 protected:
  void SetUp() override { Clock::pause(); }

  void TearDown() override { allocator.reset(); }

  static Options testOptions() {
    Options options;
    options.shuffleAgents = false;
    return options;
  }

  void initialize(const Options& options = testOptions()) {
    allocator = std::make_unique<HierarchicalDRFAllocator>();
    allocator->initialize(options, sink.callback());
  }

  void addSlave(const std::string& id, const std::string& total,
                const hashmap<FrameworkID, Resources>& used = {},
                bool multiRole = true) {
    const SlaveInfo info = createSlaveInfo(id, total);
    allocator->addSlave(info.id(), info, agentCapabilities(multiRole),
                        resources(total), used);
  }

  void addFramework(const FrameworkInfo& info,
                    const hashmap<SlaveID, Resources>& used = {},
                    bool active = true,
                    const std::set<std::string>& suppressedRoles = {}) {
    allocator->addFramework(info.id(), info, used, active, suppressedRoles);
  }

  // Waits until the allocator is idle and returns what it offered.
  std::vector<Allocation> offers() {
    Clock::settle();
    return sink.take();
  }

  // Lets queued calls take effect at the current time first.
  std::vector<Allocation> advance(const Duration& duration) {
    Clock::settle();
    Clock::advance(duration);
    return offers();
  }

  OfferSink sink;
  std::unique_ptr<HierarchicalDRFAllocator> allocator;
};

TEST_F(HierarchicalAllocatorTest, OneFrameworkGetsTheWholeAgent) {
  initialize();
  addSlave("a1", "cpus:4;mem:4096;disk:1000;ports:[31000-32000]");
  addFramework(createFrameworkInfo("f1", {"role1"}));

  std::vector<Allocation> allocations = offers();
  ASSERT_EQ(1u, allocations.size());
  EXPECT_EQ(frameworkId("f1"), allocations[0].frameworkId);
  ASSERT_EQ(1u, allocations[0].resources.size());
  ASSERT_EQ(1u, allocations[0].resources["role1"].size());
  EXPECT_EQ(allocated("cpus:4;mem:4096;disk:1000;ports:[31000-32000]", "role1"),
            allocations[0].resources["role1"][slaveId("a1")]);

  // Nothing is left to offer while the framework holds it all.
  EXPECT_TRUE(advance(Seconds(5)).empty());
}

TEST_F(HierarchicalAllocatorTest, TwoFrameworksShareTwoAgents) {
  initialize();
  addFramework(createFrameworkInfo("f1", {"role1"}));
  addFramework(createFrameworkInfo("f2", {"role1"}));
  EXPECT_TRUE(offers().empty());

  addSlave("a1", "cpus:2;mem:1024");
  addSlave("a2", "cpus:2;mem:1024");

  std::vector<Allocation> allocations = offers();
  ASSERT_EQ(2u, allocations.size());
  std::set<std::string> frameworks;
  std::set<std::string> agents;
  for (Allocation& allocation : allocations) {
    frameworks.insert(allocation.frameworkId.value());
    ASSERT_EQ(1u, allocation.resources["role1"].size());
    agents.insert(allocation.resources["role1"].begin()->first.value());
  }
  EXPECT_EQ((std::set<std::string>{"f1", "f2"}), frameworks);
  EXPECT_EQ((std::set<std::string>{"a1", "a2"}), agents);
}

TEST_F(HierarchicalAllocatorTest, TwoRolesShareTwoAgents) {
  initialize();
  addFramework(createFrameworkInfo("f1", {"x"}));
  addFramework(createFrameworkInfo("f2", {"y"}));
  addSlave("a1", "cpus:2;mem:1024");
  addSlave("a2", "cpus:2;mem:1024");

  std::vector<Allocation> allocations = offers();
  ASSERT_EQ(2u, allocations.size());
  for (Allocation& allocation : allocations) {
    ASSERT_EQ(1u, allocation.resources.size());
    EXPECT_EQ(1u, allocation.resources.begin()->second.size());
  }
}

TEST_F(HierarchicalAllocatorTest, LowerDominantShareGetsTheNextAgent) {
  initialize();
  addFramework(createFrameworkInfo("f1", {"role1"}));
  addFramework(createFrameworkInfo("f2", {"role1"}));

  // f1 holds three quarters of a1, f2 one quarter.
  addSlave("a1", "cpus:4;mem:4096",
           {{frameworkId("f1"), allocated("cpus:3;mem:3072", "role1")},
            {frameworkId("f2"), allocated("cpus:1;mem:1024", "role1")}});
  EXPECT_TRUE(offers().empty());

  addSlave("a2", "cpus:4;mem:4096");
  std::vector<Allocation> allocations = offers();
  ASSERT_EQ(1u, allocations.size());
  EXPECT_EQ(frameworkId("f2"), allocations[0].frameworkId);
  EXPECT_EQ(allocated("cpus:4;mem:4096", "role1"),
            allocations[0].resources["role1"][slaveId("a2")]);
}

TEST_F(HierarchicalAllocatorTest,
       UsedResourcesCountWhenTheFrameworkComesLater) {
  initialize();

  // After a master failover the agent reports f1's usage before f1
  // resubscribes; it is counted once f1 is known.
  addSlave("a1", "cpus:4;mem:4096",
           {{frameworkId("f1"), allocated("cpus:4;mem:4096", "role1")}});
  addFramework(createFrameworkInfo("f1", {"role1"}),
               {{slaveId("a1"), allocated("cpus:4;mem:4096", "role1")}});
  addFramework(createFrameworkInfo("f2", {"role1"}));
  EXPECT_TRUE(offers().empty());

  addSlave("a2", "cpus:1;mem:1024");
  std::vector<Allocation> allocations = offers();
  ASSERT_EQ(1u, allocations.size());
  EXPECT_EQ(frameworkId("f2"), allocations[0].frameworkId);
}

TEST_F(HierarchicalAllocatorTest, WeightsFavourHeavierRoles) {
  initialize();
  WeightInfo weight;
  weight.set_role("b");
  weight.set_weight(3);
  allocator->updateWeights({weight});

  addFramework(createFrameworkInfo("fa", {"a"}));
  addFramework(createFrameworkInfo("fb", {"b"}));
  for (const char* id : {"a1", "a2", "a3", "a4"}) {
    addSlave(id, "cpus:1;mem:1024");
  }

  hashmap<std::string, size_t> agents;
  for (Allocation& allocation : offers()) {
    for (auto& [role, offered] : allocation.resources) {
      agents[role] += offered.size();
    }
  }
  EXPECT_EQ(1u, agents["a"]);
  EXPECT_EQ(3u, agents["b"]);
}

TEST_F(HierarchicalAllocatorTest, EqualWeightsSplitEvenly) {
  initialize();
  addFramework(createFrameworkInfo("fa", {"a"}));
  addFramework(createFrameworkInfo("fb", {"b"}));
  for (const char* id : {"a1", "a2", "a3", "a4"}) {
    addSlave(id, "cpus:1;mem:1024");
  }

  hashmap<std::string, size_t> agents;
  for (Allocation& allocation : offers()) {
    for (auto& [role, offered] : allocation.resources) {
      agents[role] += offered.size();
    }
  }
  EXPECT_EQ(2u, agents["a"]);
  EXPECT_EQ(2u, agents["b"]);
}

TEST_F(HierarchicalAllocatorTest, RefusalFiltersTheAgentUntilItExpires) {
  initialize();
  addSlave("a1", "cpus:2;mem:1024");
  addFramework(createFrameworkInfo("f1", {"role1"}));
  std::vector<Allocation> allocations = offers();
  ASSERT_EQ(1u, allocations.size());

  const Resources offered = allocations[0].resources["role1"][slaveId("a1")];
  allocator->recoverResources(frameworkId("f1"), slaveId("a1"), offered,
                              refuseFor(5));

  for (int second = 1; second < 5; ++second) {
    EXPECT_TRUE(advance(Seconds(1)).empty()) << "after " << second << "s";
  }

  allocations = advance(Seconds(1));
  ASSERT_EQ(1u, allocations.size());
  EXPECT_EQ(offered, allocations[0].resources["role1"][slaveId("a1")]);
}

TEST_F(HierarchicalAllocatorTest, DeclineWithoutRefuseSecondsRefusesFor5s) {
  initialize();
  addSlave("a1", "cpus:2;mem:1024");
  addFramework(createFrameworkInfo("f1", {"role1"}));
  std::vector<Allocation> allocations = offers();
  ASSERT_EQ(1u, allocations.size());

  // The master passes the DECLINE call's (default) Filters.
  allocator->recoverResources(frameworkId("f1"), slaveId("a1"),
                              allocations[0].resources["role1"][slaveId("a1")],
                              Filters());

  EXPECT_TRUE(advance(Seconds(4)).empty());
  EXPECT_EQ(1u, advance(Seconds(1)).size());
}

TEST_F(HierarchicalAllocatorTest, RefusalOnlyCoversWhatWasRefused) {
  initialize();
  addSlave("a1", "cpus:4;mem:4096");
  addFramework(createFrameworkInfo("f1", {"role1"}));
  ASSERT_EQ(1u, offers().size());

  // f1 keeps half (a task) and refuses the rest for a long time.
  allocator->recoverResources(frameworkId("f1"), slaveId("a1"),
                              allocated("cpus:2;mem:2048", "role1"),
                              refuseFor(1000));
  EXPECT_TRUE(advance(Seconds(1)).empty());

  // The task ends: more than what was refused is available again.
  allocator->recoverResources(frameworkId("f1"), slaveId("a1"),
                              allocated("cpus:2;mem:2048", "role1"), None());
  std::vector<Allocation> allocations = advance(Seconds(1));
  ASSERT_EQ(1u, allocations.size());
  EXPECT_EQ(allocated("cpus:4;mem:4096", "role1"),
            allocations[0].resources["role1"][slaveId("a1")]);
}

TEST_F(HierarchicalAllocatorTest, RefusalIsCappedAt365Days) {
  initialize();
  addSlave("a1", "cpus:2;mem:1024");
  addFramework(createFrameworkInfo("f1", {"role1"}));
  std::vector<Allocation> allocations = offers();
  ASSERT_EQ(1u, allocations.size());

  allocator->recoverResources(frameworkId("f1"), slaveId("a1"),
                              allocations[0].resources["role1"][slaveId("a1")],
                              refuseFor(1e12));

  EXPECT_TRUE(advance(Days(364)).empty());
  EXPECT_EQ(1u, advance(Days(1)).size());
}

TEST_F(HierarchicalAllocatorTest, RefusalFiltersOnlyThatFramework) {
  initialize();
  addSlave("a1", "cpus:2;mem:1024");
  addFramework(createFrameworkInfo("f1", {"role1"}));
  std::vector<Allocation> allocations = offers();
  ASSERT_EQ(1u, allocations.size());

  addFramework(createFrameworkInfo("f2", {"role1"}));
  EXPECT_TRUE(offers().empty());

  allocator->recoverResources(frameworkId("f1"), slaveId("a1"),
                              allocations[0].resources["role1"][slaveId("a1")],
                              refuseFor(100));
  allocations = advance(Seconds(1));
  ASSERT_EQ(1u, allocations.size());
  EXPECT_EQ(frameworkId("f2"), allocations[0].frameworkId);
}

TEST_F(HierarchicalAllocatorTest, ReviveClearsFiltersAndAllocatesAtOnce) {
  Options options = testOptions();
  options.allocationInterval = Seconds(10);
  initialize(options);
  addSlave("a1", "cpus:2;mem:1024");
  addFramework(createFrameworkInfo("f1", {"role1"}));
  std::vector<Allocation> allocations = offers();
  ASSERT_EQ(1u, allocations.size());

  allocator->recoverResources(frameworkId("f1"), slaveId("a1"),
                              allocations[0].resources["role1"][slaveId("a1")],
                              refuseFor(1000));
  EXPECT_TRUE(advance(Seconds(10)).empty());

  allocator->reviveOffers(frameworkId("f1"), {});
  EXPECT_EQ(1u, offers().size());
}

TEST_F(HierarchicalAllocatorTest, SuppressStopsOffersAndReviveRestarts) {
  initialize();
  addSlave("a1", "cpus:2;mem:1024");
  addFramework(createFrameworkInfo("f1", {"role1"}));
  std::vector<Allocation> allocations = offers();
  ASSERT_EQ(1u, allocations.size());

  allocator->suppressOffers(frameworkId("f1"), {});
  allocator->recoverResources(frameworkId("f1"), slaveId("a1"),
                              allocations[0].resources["role1"][slaveId("a1")],
                              None());
  EXPECT_TRUE(advance(Seconds(1)).empty());
  EXPECT_TRUE(advance(Seconds(60)).empty());

  allocator->reviveOffers(frameworkId("f1"), {"role1"});
  EXPECT_EQ(1u, offers().size());
}

TEST_F(HierarchicalAllocatorTest, SuppressedRolesAtSubscription) {
  initialize();
  addSlave("a1", "cpus:1;mem:512");
  addSlave("a2", "cpus:1;mem:512");
  addFramework(createFrameworkInfo("f1", {"r1", "r2"}), {}, true, {"r1"});

  std::vector<Allocation> allocations = offers();
  ASSERT_EQ(1u, allocations.size());
  EXPECT_EQ(0u, allocations[0].resources.count("r1"));
  EXPECT_EQ(2u, allocations[0].resources["r2"].size());
}

TEST_F(HierarchicalAllocatorTest, InactiveFrameworkGetsNothing) {
  initialize();
  addSlave("a1", "cpus:2;mem:1024");
  addFramework(createFrameworkInfo("f1", {"role1"}), {}, false);
  EXPECT_TRUE(offers().empty());
  EXPECT_TRUE(advance(Seconds(5)).empty());

  allocator->activateFramework(frameworkId("f1"));
  std::vector<Allocation> allocations = offers();
  ASSERT_EQ(1u, allocations.size());

  allocator->deactivateFramework(frameworkId("f1"));
  allocator->recoverResources(frameworkId("f1"), slaveId("a1"),
                              allocations[0].resources["role1"][slaveId("a1")],
                              None());
  EXPECT_TRUE(advance(Seconds(5)).empty());
}

TEST_F(HierarchicalAllocatorTest, DeactivationClearsFilters) {
  initialize();
  addSlave("a1", "cpus:2;mem:1024");
  addFramework(createFrameworkInfo("f1", {"role1"}));
  std::vector<Allocation> allocations = offers();
  ASSERT_EQ(1u, allocations.size());

  allocator->recoverResources(frameworkId("f1"), slaveId("a1"),
                              allocations[0].resources["role1"][slaveId("a1")],
                              refuseFor(1000));
  allocator->deactivateFramework(frameworkId("f1"));
  allocator->activateFramework(frameworkId("f1"));
  EXPECT_EQ(1u, offers().size());
}

TEST_F(HierarchicalAllocatorTest, RemovedAgentIsNeverOffered) {
  initialize();
  addSlave("a1", "cpus:2;mem:1024");
  addSlave("a2", "cpus:2;mem:1024");
  addFramework(createFrameworkInfo("f1", {"role1"}));
  std::vector<Allocation> allocations = offers();
  ASSERT_EQ(1u, allocations.size());
  ASSERT_EQ(2u, allocations[0].resources["role1"].size());

  allocator->removeSlave(slaveId("a1"));
  for (const char* id : {"a1", "a2"}) {
    allocator->recoverResources(frameworkId("f1"), slaveId(id),
                                allocated("cpus:2;mem:1024", "role1"), None());
  }

  allocations = advance(Seconds(1));
  ASSERT_EQ(1u, allocations.size());
  ASSERT_EQ(1u, allocations[0].resources["role1"].size());
  EXPECT_EQ(1u, allocations[0].resources["role1"].count(slaveId("a2")));
}

TEST_F(HierarchicalAllocatorTest, DeactivatedAgentIsNotOffered) {
  initialize();
  addSlave("a1", "cpus:2;mem:1024");
  allocator->deactivateSlave(slaveId("a1"));
  addFramework(createFrameworkInfo("f1", {"role1"}));
  EXPECT_TRUE(offers().empty());
  EXPECT_TRUE(advance(Seconds(1)).empty());

  // Reactivation waits for the next periodic run.
  allocator->activateSlave(slaveId("a1"));
  EXPECT_TRUE(offers().empty());
  EXPECT_EQ(1u, advance(Seconds(1)).size());
}

TEST_F(HierarchicalAllocatorTest, RecoveredResourcesGoOutWithTheNextRun) {
  initialize();
  addSlave("a1", "cpus:4;mem:4096");
  addFramework(createFrameworkInfo("f1", {"role1"}));
  ASSERT_EQ(1u, offers().size());

  // A task using cpus:1;mem:1024 finishes.
  allocator->recoverResources(frameworkId("f1"), slaveId("a1"),
                              allocated("cpus:1;mem:1024", "role1"), None());
  EXPECT_TRUE(offers().empty());

  std::vector<Allocation> allocations = advance(Seconds(1));
  ASSERT_EQ(1u, allocations.size());
  EXPECT_EQ(allocated("cpus:1;mem:1024", "role1"),
            allocations[0].resources["role1"][slaveId("a1")]);
}

TEST_F(HierarchicalAllocatorTest, RemovedFrameworkReleasesEverything) {
  initialize();
  addSlave("a1", "cpus:2;mem:1024");
  addFramework(createFrameworkInfo("f1", {"role1"}));
  ASSERT_EQ(1u, offers().size());

  allocator->removeFramework(frameworkId("f1"));
  addFramework(createFrameworkInfo("f2", {"role2"}));
  std::vector<Allocation> allocations = offers();
  ASSERT_EQ(1u, allocations.size());
  EXPECT_EQ(frameworkId("f2"), allocations[0].frameworkId);

  // A late recovery for the removed framework is ignored.
  allocator->recoverResources(frameworkId("f1"), slaveId("a1"),
                              allocated("cpus:2;mem:1024", "role1"), None());
  EXPECT_TRUE(advance(Seconds(1)).empty());
}

TEST_F(HierarchicalAllocatorTest, ReservationsGoOnlyToTheirRole) {
  initialize();
  addFramework(createFrameworkInfo("fa", {"a"}));
  addFramework(createFrameworkInfo("fb", {"b"}));
  addSlave("a1", "cpus:4;mem:2048;cpus(b):2;mem(b):1024");

  hashmap<std::string, Allocation> byFramework;
  for (Allocation& allocation : offers()) {
    byFramework[allocation.frameworkId.value()] = allocation;
  }
  ASSERT_EQ(2u, byFramework.size());

  EXPECT_EQ(allocated("cpus:4;mem:2048", "a"),
            byFramework["fa"].resources["a"][slaveId("a1")]);
  EXPECT_EQ(allocated("cpus(b):2;mem(b):1024", "b"),
            byFramework["fb"].resources["b"][slaveId("a1")]);
}

TEST_F(HierarchicalAllocatorTest, ReservationsAreNeverOfferedToOtherRoles) {
  initialize();
  addFramework(createFrameworkInfo("fa", {"a"}));
  addSlave("a1", "cpus(b):2;mem(b):1024");
  EXPECT_TRUE(offers().empty());
  EXPECT_TRUE(advance(Seconds(10)).empty());
}

TEST_F(HierarchicalAllocatorTest, AncestorReservationsReachSubroles) {
  initialize();
  addFramework(createFrameworkInfo("f1", {"eng/backend"}));
  addSlave("a1", "cpus(eng):2;mem(eng):1024;cpus:1;mem:512");

  std::vector<Allocation> allocations = offers();
  ASSERT_EQ(1u, allocations.size());
  EXPECT_EQ(
      allocated("cpus(eng):2;mem(eng):1024;cpus:1;mem:512", "eng/backend"),
      allocations[0].resources["eng/backend"][slaveId("a1")]);
}

TEST_F(HierarchicalAllocatorTest, MultiRoleOffersCarryAllocationInfo) {
  initialize();
  addFramework(createFrameworkInfo("f1", {"r1", "r2"}));
  addSlave("a1", "cpus:2;mem:1024");
  addSlave("a2", "cpus:2;mem:1024");

  Offered offered = merged(offers(), frameworkId("f1"));
  ASSERT_EQ(2u, offered.size());
  for (const char* role : {"r1", "r2"}) {
    ASSERT_EQ(1u, offered[role].size()) << role;
    for (const Resource& resource : offered[role].begin()->second) {
      ASSERT_TRUE(resource.has_allocation_info());
      EXPECT_EQ(role, resource.allocation_info().role());
    }
  }
}

TEST_F(HierarchicalAllocatorTest, MultiRoleFrameworkSkipsOldAgents) {
  initialize();
  addFramework(createFrameworkInfo("f1", {"r1"}));
  addSlave("a1", "cpus:2;mem:1024", {}, false);
  EXPECT_TRUE(offers().empty());
  EXPECT_TRUE(advance(Seconds(1)).empty());
}

TEST_F(HierarchicalAllocatorTest, GpuAgentsOnlyGoToGpuCapableFrameworks) {
  initialize();
  addFramework(createFrameworkInfo("f1", {"role1"}));
  addSlave("a1", "cpus:2;mem:1024;gpus:1");
  EXPECT_TRUE(offers().empty());

  addFramework(createFrameworkInfo("f2", {"role1"},
                                   {FrameworkInfo::Capability::GPU_RESOURCES}));
  std::vector<Allocation> allocations = offers();
  ASSERT_EQ(1u, allocations.size());
  EXPECT_EQ(frameworkId("f2"), allocations[0].frameworkId);
}

TEST_F(HierarchicalAllocatorTest, GpuFilteringCanBeTurnedOff) {
  Options options = testOptions();
  options.filterGpuResources = false;
  initialize(options);
  addFramework(createFrameworkInfo("f1", {"role1"}));
  addSlave("a1", "cpus:2;mem:1024;gpus:1");
  EXPECT_EQ(1u, offers().size());
}

TEST_F(HierarchicalAllocatorTest, RevocableResourcesNeedTheCapability) {
  initialize();
  addFramework(createFrameworkInfo("f1", {"role1"}));

  Resource revocable = Resources::parse("cpus", "2", "*").get();
  revocable.mutable_revocable();
  const Resources total = resources("cpus:1;mem:1024") + revocable;
  const SlaveInfo info = createSlaveInfo("a1", "cpus:1;mem:1024");
  allocator->addSlave(info.id(), info, agentCapabilities(), total, {});

  std::vector<Allocation> allocations = offers();
  ASSERT_EQ(1u, allocations.size());
  EXPECT_EQ(allocated("cpus:1;mem:1024", "role1"),
            allocations[0].resources["role1"][slaveId("a1")]);
}

TEST_F(HierarchicalAllocatorTest, MinimumAllocatableResources) {
  initialize();
  addFramework(createFrameworkInfo("f1", {"role1"}));

  // Neither 0.01 cpus nor 32 MB of memory.
  addSlave("tiny", "cpus:0.005;mem:16");
  EXPECT_TRUE(offers().empty());

  addSlave("cpus", "cpus:1;mem:16");
  addSlave("mem", "cpus:0.001;mem:64");
  Offered offered = merged(offers(), frameworkId("f1"));
  EXPECT_EQ(2u, offered["role1"].size());
  EXPECT_EQ(0u, offered["role1"].count(slaveId("tiny")));
}

TEST_F(HierarchicalAllocatorTest, LeftoversBelowTheMinimumAreNotOffered) {
  initialize();
  addSlave("a1", "cpus:4;mem:1024");
  addFramework(createFrameworkInfo("f1", {"role1"}));
  ASSERT_EQ(1u, offers().size());

  allocator->recoverResources(frameworkId("f1"), slaveId("a1"),
                              allocated("cpus:0.005;mem:16", "role1"), None());
  EXPECT_TRUE(advance(Seconds(1)).empty());

  allocator->recoverResources(frameworkId("f1"), slaveId("a1"),
                              allocated("cpus:0.005;mem:16", "role1"), None());
  EXPECT_EQ(1u, advance(Seconds(1)).size());
}

TEST_F(HierarchicalAllocatorTest, NoMinimumOffersAnything) {
  Options options = testOptions();
  options.minAllocatableResources = None();
  initialize(options);
  addFramework(createFrameworkInfo("f1", {"role1"}));
  addSlave("tiny", "cpus:0.005;mem:16");
  EXPECT_EQ(1u, offers().size());
}

TEST_F(HierarchicalAllocatorTest, FrameworkOfferFiltersReplaceTheMinimum) {
  initialize();
  FrameworkInfo info = createFrameworkInfo("f1", {"role1"});
  OfferFilters::ResourceQuantities* quantities =
      (*info.mutable_offer_filters())["role1"]
          .mutable_min_allocatable_resources()
          ->add_quantities();
  (*quantities->mutable_quantities())["cpus"].set_value(2);
  addFramework(info);

  addSlave("a1", "cpus:1;mem:1024");
  EXPECT_TRUE(offers().empty());
  addSlave("a2", "cpus:2;mem:1024");
  std::vector<Allocation> allocations = offers();
  ASSERT_EQ(1u, allocations.size());
  EXPECT_EQ(1u, allocations[0].resources["role1"].count(slaveId("a2")));
}

TEST_F(HierarchicalAllocatorTest, EventsTriggerAllocationWithoutWaiting) {
  Options options = testOptions();
  options.allocationInterval = Seconds(10);
  initialize(options);

  addSlave("a1", "cpus:2;mem:1024");
  addFramework(createFrameworkInfo("f1", {"role1"}));
  std::vector<Allocation> allocations = offers();
  ASSERT_EQ(1u, allocations.size());

  // A new agent is offered at once.
  addSlave("a2", "cpus:2;mem:1024");
  EXPECT_EQ(1u, offers().size());

  // An agent that grows is offered its new resources at once.
  allocator->updateSlave(slaveId("a1"), createSlaveInfo("a1", "cpus:3"),
                         resources("cpus:3;mem:1024"), None());
  allocations = offers();
  ASSERT_EQ(1u, allocations.size());
  EXPECT_EQ(allocated("cpus:1", "role1"),
            allocations[0].resources["role1"][slaveId("a1")]);
}

TEST_F(HierarchicalAllocatorTest, RecoveriesAreBatchedByTheInterval) {
  Options options = testOptions();
  options.allocationInterval = Seconds(10);
  initialize(options);
  addSlave("a1", "cpus:2;mem:1024");
  addSlave("a2", "cpus:2;mem:1024");
  addFramework(createFrameworkInfo("f1", {"role1"}));
  ASSERT_EQ(1u, offers().size());

  for (const char* id : {"a1", "a2"}) {
    allocator->recoverResources(frameworkId("f1"), slaveId(id),
                                allocated("cpus:2;mem:1024", "role1"), None());
  }
  EXPECT_TRUE(offers().empty());
  EXPECT_TRUE(advance(Seconds(9)).empty());

  std::vector<Allocation> allocations = advance(Seconds(1));
  ASSERT_EQ(1u, allocations.size());
  EXPECT_EQ(2u, allocations[0].resources["role1"].size());
}

TEST_F(HierarchicalAllocatorTest, PendingTriggersCoalesceIntoOneRun) {
  HierarchicalAllocatorProcess process;
  process::spawn(process);

  // Everything arrives in one burst, before the queued run starts.
  process::dispatch(process.self(), [&process, this]() {
    process.initialize(testOptions(), sink.callback());
    const FrameworkInfo framework = createFrameworkInfo("f1", {"role1"});
    process.addFramework(framework.id(), framework, {}, true, {});
    for (const char* id : {"a1", "a2", "a3"}) {
      const SlaveInfo info = createSlaveInfo(id, "cpus:1;mem:512");
      process.addSlave(info.id(), info, agentCapabilities(),
                       resources("cpus:1;mem:512"), {});
    }
  });

  std::vector<Allocation> allocations = offers();
  process::terminate(process);
  process::wait(process);

  ASSERT_EQ(1u, allocations.size());
  EXPECT_EQ(3u, allocations[0].resources["role1"].size());
}

TEST_F(HierarchicalAllocatorTest, PauseStopsAllocation) {
  initialize();
  allocator->pause();
  addSlave("a1", "cpus:2;mem:1024");
  addFramework(createFrameworkInfo("f1", {"role1"}));
  EXPECT_TRUE(offers().empty());
  EXPECT_TRUE(advance(Seconds(5)).empty());

  allocator->resume();
  EXPECT_EQ(1u, advance(Seconds(1)).size());
}

TEST_F(HierarchicalAllocatorTest, ShuffledAgentOrderIsReproducible) {
  // Agents of different sizes, all visited in one run: who gets which
  // depends on the visiting order.
  auto run = [](uint32_t seed) {
    OfferSink sink;
    Options options;
    options.seed = seed;
    HierarchicalDRFAllocator allocator;
    allocator.initialize(options, sink.callback());
    allocator.pause();
    for (const char* id : {"f1", "f2", "f3"}) {
      const FrameworkInfo info = createFrameworkInfo(id, {"role1"});
      allocator.addFramework(info.id(), info, {}, true, {});
    }
    for (int i = 0; i < 6; ++i) {
      const std::string total = "cpus:" + std::to_string(i + 1);
      const SlaveInfo info = createSlaveInfo("a" + std::to_string(i), total);
      allocator.addSlave(info.id(), info, agentCapabilities(), resources(total),
                         {});
    }
    allocator.resume();
    Clock::settle();
    Clock::advance(Seconds(1));
    Clock::settle();

    std::map<std::string, std::string> owner;
    for (Allocation& allocation : sink.take()) {
      for (auto& [slaveId, offered] : allocation.resources["role1"]) {
        owner[slaveId.value()] = allocation.frameworkId.value();
      }
    }
    return owner;
  };

  const std::map<std::string, std::string> first = run(7);
  EXPECT_EQ(6u, first.size());
  EXPECT_EQ(first, run(7));
}

TEST_F(HierarchicalAllocatorTest, UpdateFrameworkChangesRoles) {
  initialize();
  addFramework(createFrameworkInfo("f1", {"r1"}));
  addSlave("a1", "cpus:2;mem:1024");
  std::vector<Allocation> allocations = offers();
  ASSERT_EQ(1u, allocations.size());
  ASSERT_EQ(1u, allocations[0].resources.count("r1"));

  allocator->updateFramework(frameworkId("f1"),
                             createFrameworkInfo("f1", {"r2"}), {});
  allocator->recoverResources(frameworkId("f1"), slaveId("a1"),
                              allocated("cpus:2;mem:1024", "r1"), None());

  allocations = advance(Seconds(1));
  ASSERT_EQ(1u, allocations.size());
  EXPECT_EQ(0u, allocations[0].resources.count("r1"));
  EXPECT_EQ(1u, allocations[0].resources.count("r2"));
}

TEST_F(HierarchicalAllocatorTest, HierarchicalRoleNeedsACapableAgent) {
  initialize();
  addFramework(createFrameworkInfo("f1", {"eng/backend"}));

  const SlaveInfo info = createSlaveInfo("a1", "cpus:2;mem:1024");
  SlaveInfo::Capability multiRole;
  multiRole.set_type(SlaveInfo::Capability::MULTI_ROLE);
  allocator->addSlave(info.id(), info, {multiRole},
                      resources("cpus:2;mem:1024"), {});
  EXPECT_TRUE(offers().empty());

  // The agent reregisters with HIERARCHICAL_ROLE.
  allocator->updateSlave(info.id(), info, None(), agentCapabilities());
  EXPECT_EQ(1u, offers().size());
}

TEST(MinAllocatableResourcesTest, Parse) {
  Try<std::vector<ResourceQuantities>> parsed =
      parseMinAllocatableResources("disk:1|cpus:1;mem:32;ports:1");
  ASSERT_TRUE(parsed.isSome()) << parsed.error();
  ASSERT_EQ(2u, parsed->size());
  EXPECT_EQ((ResourceQuantities{{"disk", 1}}), parsed->at(0));
  EXPECT_EQ((ResourceQuantities{{"cpus", 1}, {"mem", 32}, {"ports", 1}}),
            parsed->at(1));

  parsed = parseMinAllocatableResources("cpus:0.01|mem:32");
  ASSERT_TRUE(parsed.isSome());
  EXPECT_EQ(defaultMinAllocatableResources(), parsed.get());

  EXPECT_TRUE(parseMinAllocatableResources("").isError());
  EXPECT_TRUE(parseMinAllocatableResources("cpus:1||mem:1").isError());
  EXPECT_TRUE(parseMinAllocatableResources("cpus").isError());
  EXPECT_TRUE(parseMinAllocatableResources(":1").isError());
  EXPECT_TRUE(parseMinAllocatableResources("cpus:-1").isError());
  EXPECT_TRUE(parseMinAllocatableResources("cpus:x").isError());
  EXPECT_TRUE(parseMinAllocatableResources("cpus:inf").isError());
}

TEST(MinAllocatableResourcesTest, ContainsQuantities) {
  const Resources offered =
      resources("cpus:0.1;cpus(r):0.2;mem:16;ports:[1-3,10-11];disk:0");
  EXPECT_TRUE(containsQuantities(offered, {{"cpus", 0.3}}));
  EXPECT_FALSE(containsQuantities(offered, {{"cpus", 0.301}}));
  EXPECT_TRUE(containsQuantities(offered, {{"ports", 5}}));
  EXPECT_FALSE(containsQuantities(offered, {{"ports", 6}}));
  EXPECT_FALSE(containsQuantities(offered, {{"cpus", 0.1}, {"mem", 32}}));
  EXPECT_FALSE(containsQuantities(offered, {{"gpus", 1}}));
  EXPECT_TRUE(containsQuantities(offered, {{"gpus", 0}}));
  EXPECT_TRUE(containsQuantities(offered, {}));
}

}  // namespace
}  // namespace tests
}  // namespace allocator
}  // namespace master
}  // namespace internal
}  // namespace mesos
