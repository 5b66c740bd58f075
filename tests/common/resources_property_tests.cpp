// Property tests of Resources arithmetic over random resource sets, with a
// seeded RNG so that a failure reproduces.

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <mesos/resources.hpp>

#include <stout/stringify.hpp>

#include "common/resources_utils.hpp"

namespace mesos {
namespace {

const char* const kRoles[] = {"*", "r1", "r2", "r1/child"};

class Generator {
 public:
  explicit Generator(uint32_t seed) : random_(seed) {}

  int below(int n) {
    return std::uniform_int_distribution<int>(0, n - 1)(random_);
  }

  // Two random Resources whose ranges and sets are disjoint (so that
  // a + b - b == a holds for them too).
  std::pair<Resources, Resources> disjointPair() {
    Resources a;
    Resources b;
    for (const char* role : kRoles) {
      for (const char* name : {"cpus", "mem"}) {
        if (below(2) == 0)
          a += scalar(name, role);
        if (below(2) == 0)
          b += scalar(name, role);
      }

      // Each port and item goes to a, b or neither.
      std::vector<uint64_t> portsA, portsB;
      for (uint64_t port = 0; port < 64; port++) {
        const int owner = below(3);
        (owner == 0 ? portsA : owner == 1 ? portsB : unused_).push_back(port);
      }
      a += ranges("ports", role, portsA);
      b += ranges("ports", role, portsB);

      Value::Set itemsA, itemsB;
      for (const char* item : {"a", "b", "c", "d", "e"}) {
        const int owner = below(3);
        if (owner == 0)
          itemsA.add_item(item);
        if (owner == 1)
          itemsB.add_item(item);
      }
      a += set("disks", role, itemsA);
      b += set("disks", role, itemsB);
    }
    return {a, b};
  }

  Resources any() {
    Resources result = disjointPair().first;
    if (below(3) == 0)
      result.allocate(kRoles[below(4)]);
    return result;
  }

 private:
  Resource base(const std::string& name, const std::string& role,
                Value::Type type) {
    Resource resource;
    resource.set_name(name);
    resource.set_type(type);
    if (std::string(role) != "*") {
      Resource::ReservationInfo* reservation = resource.add_reservations();
      reservation->set_type(Resource::ReservationInfo::STATIC);
      reservation->set_role(role);
      if (below(2) == 0) {
        reservation->set_type(Resource::ReservationInfo::DYNAMIC);
        reservation->set_principal("p");
      }
    }
    return resource;
  }

  Resource scalar(const std::string& name, const std::string& role) {
    Resource resource = base(name, role, Value::SCALAR);
    // Thousandths, with some extra precision that must round away.
    resource.mutable_scalar()->set_value(below(100000) / 1000.0 +
                                         below(5) * 1e-5);
    return resource;
  }

  // `ports` split into a random number of Range entries, in random order.
  Resource ranges(const std::string& name, const std::string& role,
                  const std::vector<uint64_t>& ports) {
    Resource resource = base(name, role, Value::RANGES);
    std::vector<Value::Range> pieces;
    for (size_t i = 0; i < ports.size();) {
      size_t j = i;
      while (j + 1 < ports.size() && ports[j + 1] == ports[j] + 1 &&
             below(4) != 0) {
        j++;
      }
      Value::Range range;
      range.set_begin(ports[i]);
      range.set_end(ports[j]);
      pieces.push_back(range);
      i = j + 1;
    }
    std::shuffle(pieces.begin(), pieces.end(), random_);
    for (const Value::Range& range : pieces)
      *resource.mutable_ranges()->add_range() = range;
    return resource;
  }

  Resource set(const std::string& name, const std::string& role,
               const Value::Set& items) {
    Resource resource = base(name, role, Value::SET);
    *resource.mutable_set() = items;
    return resource;
  }

  std::mt19937 random_;
  std::vector<uint64_t> unused_;
};

bool allPositive(const Resources& resources) {
  for (const Resource& resource : resources) {
    if (Resources::validate(resource).isSome())
      return false;
    if (Resources::isEmpty(resource))
      return false;
  }
  return true;
}

constexpr int kIterations = 300;

TEST(ResourcesPropertyTest, AddThenSubtractIsIdentity) {
  Generator generator(20240601);
  for (int i = 0; i < kIterations; i++) {
    const auto [a, b] = generator.disjointPair();
    SCOPED_TRACE("a = " + stringify(a) + "\nb = " + stringify(b));
    ASSERT_EQ(a, (a + b) - b);
    ASSERT_EQ(b, (a + b) - a);
    ASSERT_EQ(a + b, b + a);
  }
}

TEST(ResourcesPropertyTest, SumContainsItsParts) {
  Generator generator(7);
  for (int i = 0; i < kIterations; i++) {
    const Resources a = generator.any();
    const Resources b = generator.any();
    SCOPED_TRACE("a = " + stringify(a) + "\nb = " + stringify(b));
    const Resources sum = a + b;
    ASSERT_TRUE(sum.contains(a));
    ASSERT_TRUE(sum.contains(b));
    ASSERT_TRUE(a.contains(a - b));
    ASSERT_TRUE(sum.contains(sum - a));
    for (const Resource& resource : a)
      ASSERT_TRUE(sum.contains(resource));
  }
}

TEST(ResourcesPropertyTest, SubtractionNeverGoesNegative) {
  Generator generator(99);
  for (int i = 0; i < kIterations; i++) {
    const Resources a = generator.any();
    const Resources b = generator.any();
    SCOPED_TRACE("a = " + stringify(a) + "\nb = " + stringify(b));
    const Resources difference = a - b;
    ASSERT_TRUE(allPositive(difference));
    ASSERT_TRUE(allPositive(a + b));
    ASSERT_TRUE((difference - a).empty());
  }
}

TEST(ResourcesPropertyTest, QuantitiesAddUp) {
  Generator generator(5);
  for (int i = 0; i < kIterations; i++) {
    const auto [a, b] = generator.disjointPair();
    const Resources sum = a + b;
    const Value::Scalar zero;
    ASSERT_EQ(a.get<Value::Scalar>("cpus").getOrElse(zero) +
                  b.get<Value::Scalar>("cpus").getOrElse(zero),
              sum.get<Value::Scalar>("cpus").getOrElse(zero));
    ASSERT_EQ(a.get<Value::Ranges>("ports").getOrElse(Value::Ranges()) +
                  b.get<Value::Ranges>("ports").getOrElse(Value::Ranges()),
              sum.get<Value::Ranges>("ports").getOrElse(Value::Ranges()));
    ASSERT_EQ(a.toUnreserved().cpus(), a.cpus());
  }
}

TEST(ResourcesPropertyTest, FiltersPartition) {
  Generator generator(11);
  for (int i = 0; i < kIterations; i++) {
    const Resources a = generator.any();
    SCOPED_TRACE("a = " + stringify(a));
    Resources rebuilt = a.unreserved();
    for (const auto& [role, reserved] : a.reservations())
      rebuilt += reserved;
    ASSERT_EQ(a, rebuilt);
    ASSERT_EQ(a, a.reserved() + a.unreserved());
    ASSERT_EQ(a, a.revocable() + a.nonRevocable());
    ASSERT_TRUE(a.allocatableTo("r1/child").contains(a.allocatableTo("r1")));
    ASSERT_EQ(a.unreserved(), a.allocatableTo("r3"));
  }
}

TEST(ResourcesPropertyTest, AllocateUnallocateRoundTrip) {
  Generator generator(13);
  for (int i = 0; i < kIterations; i++) {
    Resources a = generator.any();
    a.unallocate();
    Resources allocated = a;
    allocated.allocate("role");
    for (const Resource& resource : allocated)
      ASSERT_EQ("role", resource.allocation_info().role());
    allocated.unallocate();
    ASSERT_EQ(a, allocated);
  }
}

TEST(ResourcesPropertyTest, FormatConversionRoundTrip) {
  Generator generator(17);
  for (int i = 0; i < kIterations; i++) {
    const Resources a = generator.any();
    google::protobuf::RepeatedPtrField<Resource> wire = a;
    ASSERT_TRUE(downgradeResources(&wire).isSome());
    for (const Resource& resource : wire) {
      ASSERT_EQ(0, resource.reservations_size());
      ASSERT_TRUE(resource.has_role());
    }
    // Resources reads the older format directly...
    ASSERT_EQ(a, Resources(wire));
    // ...and upgrading restores the exact messages.
    upgradeResources(&wire);
    google::protobuf::RepeatedPtrField<Resource> original = a;
    ASSERT_EQ(original.size(), wire.size());
    for (int j = 0; j < wire.size(); j++)
      ASSERT_EQ(original.Get(j).SerializeAsString(),
                wire.Get(j).SerializeAsString());
  }
}

TEST(ResourcesPropertyTest, JsonRoundTrip) {
  Generator generator(19);
  for (int i = 0; i < kIterations; i++) {
    Resources a = generator.any();
    a.unallocate();
    // Command lines cannot carry dynamic reservations.
    a = a.filter([](const Resource& resource) {
      return !Resources::isDynamicallyReserved(resource);
    });
    const google::protobuf::RepeatedPtrField<Resource> repeated = a;
    Try<Resources> parsed = Resources::parse(stringify(repeated));
    ASSERT_TRUE(parsed.isSome()) << parsed.error();
    ASSERT_EQ(a, parsed.get());
  }
}

}  // namespace
}  // namespace mesos
