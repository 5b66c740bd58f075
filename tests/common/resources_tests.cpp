// Resources: parsing (flag and JSON forms), validation, printing,
// arithmetic, reservations and allocation (include/mesos/resources.hpp).

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <mesos/resources.hpp>

#include <stout/stringify.hpp>

namespace mesos {
namespace {

Resources parse(const std::string& text, const std::string& role = "*") {
  Try<Resources> resources = Resources::parse(text, role);
  EXPECT_TRUE(resources.isSome()) << text << ": " << resources.error();
  return resources.isSome() ? resources.get() : Resources();
}

std::string parseError(const std::string& text) {
  Try<Resources> resources = Resources::parse(text);
  return resources.isError() ? resources.error() : "parsed: " + text;
}

Resource resource(const std::string& name, const std::string& value,
                  const std::string& role = "*") {
  Try<Resource> result = Resources::parse(name, value, role);
  EXPECT_TRUE(result.isSome()) << result.error();
  return result.get();
}

Resource::ReservationInfo dynamicReservation(const std::string& role,
                                             const std::string& principal) {
  Resource::ReservationInfo reservation;
  reservation.set_type(Resource::ReservationInfo::DYNAMIC);
  reservation.set_role(role);
  reservation.set_principal(principal);
  return reservation;
}

// -- Parsing: the flag form --------------------------------------------------

TEST(ResourcesParseTest, AgentFlag) {
  const Resources resources =
      parse("cpus:4;mem:8192;disk:10000;ports:[31000-32000];gpus:0");

  EXPECT_EQ(4, resources.cpus().get());
  EXPECT_EQ(Megabytes(8192), resources.mem().get());
  EXPECT_EQ(Megabytes(10000), resources.disk().get());
  EXPECT_EQ("[31000-32000]", stringify(resources.ports().get()));
  // gpus:0 is empty and therefore not held.
  EXPECT_TRUE(resources.gpus().isNone());
  EXPECT_EQ(4u, resources.size());
  EXPECT_EQ("cpus:4; mem:8192; disk:10000; ports:[31000-32000]",
            stringify(resources));
}

TEST(ResourcesParseTest, WhitespaceAndEmptyTokens) {
  const Resources resources = parse(" cpus : 0.5 ; ; mem: 1 024 ;");
  EXPECT_EQ(0.5, resources.cpus().get());
  EXPECT_EQ(Megabytes(1024), resources.mem().get());
}

TEST(ResourcesParseTest, Roles) {
  const Resources resources = parse("cpus(role1):4;mem:10;disk(*):5");
  EXPECT_EQ("cpus(reservations: [(STATIC,role1)]):4; mem:10; disk:5",
            stringify(resources));
  EXPECT_EQ(parse("cpus(role1):4"), resources.reserved("role1"));
  EXPECT_EQ(parse("mem:10;disk:5"), resources.unreserved());
}

TEST(ResourcesParseTest, DefaultRole) {
  const Resources resources = parse("cpus:4;mem(*):10;disk(other):1", "role1");
  EXPECT_EQ(
      "cpus(reservations: [(STATIC,role1)]):4; mem:10; "
      "disk(reservations: [(STATIC,other)]):1",
      stringify(resources));
}

TEST(ResourcesParseTest, SameNameAddsUp) {
  const Resources resources = parse("cpus:1;cpus:2;ports:[1-5];ports:[4-9]");
  EXPECT_EQ("cpus:3; ports:[1-9]", stringify(resources));
}

TEST(ResourcesParseTest, SetsAndCustomScalars) {
  const Resources resources = parse("disks:{sda, sdb};bandwidth:1000");
  EXPECT_EQ("{sda, sdb}", stringify(resources.get<Value::Set>("disks").get()));
  EXPECT_EQ(1000, resources.get<Value::Scalar>("bandwidth")->value());
  EXPECT_EQ((std::set<std::string>{"bandwidth", "disks"}), resources.names());
}

TEST(ResourcesParseTest, EmptyText) {
  EXPECT_TRUE(parse("").empty());
  EXPECT_EQ("{}", stringify(parse("")));
}

// -- Parsing: the JSON form --------------------------------------------------

TEST(ResourcesParseTest, Json) {
  const Resources resources = parse(R"([
    {"name": "cpus", "type": "SCALAR", "scalar": {"value": 4}},
    {"name": "ports", "type": "RANGES", "role": "role1",
     "ranges": {"range": [{"begin": 31000, "end": 32000}]}},
    {"name": "disks", "type": "SET", "set": {"item": ["a", "b"]},
     "reservations": [{"type": "STATIC", "role": "role2"}]}
  ])");

  EXPECT_EQ(
      "cpus:4; ports(reservations: [(STATIC,role1)]):[31000-32000]; "
      "disks(reservations: [(STATIC,role2)]):{a, b}",
      stringify(resources));
  EXPECT_EQ(resources, parse("cpus:4;ports(role1):[31000-32000];"
                             "disks(role2):{a,b}"));
}

TEST(ResourcesParseTest, JsonDefaultRole) {
  const Resources resources = parse(
      R"([{"name": "cpus", "type": "SCALAR", "scalar": {"value": 1}},
          {"name": "mem", "type": "SCALAR", "scalar": {"value": 2},
           "role": "*"}])",
      "role1");
  EXPECT_EQ("cpus(reservations: [(STATIC,role1)]):1; mem:2",
            stringify(resources));
}

// -- Parsing: bad input ------------------------------------------------------

TEST(ResourcesParseTest, Errors) {
  EXPECT_EQ(
      "Bad type for resource 'cpus' value 'abc': expected a number, [ranges]"
      " or {set}",
      parseError("cpus:abc"));
  EXPECT_EQ(
      "Failed to parse resource 'ports' value '[10-1]': Invalid ranges"
      " '[10-1]': range '10-1' has begin > end",
      parseError("ports:[10-1]"));
  EXPECT_EQ(
      "Failed to parse resource 'ports' value '[1-5': Invalid ranges '[1-5':"
      " mismatched brackets",
      parseError("ports:[1-5"));
  EXPECT_EQ("Invalid resource 'cpus:-1': Invalid scalar resource: value <= 0",
            parseError("cpus:-1"));
  EXPECT_EQ(
      "Invalid resource 'cpus:nan': Invalid scalar resource: value is not"
      " finite",
      parseError("cpus:nan"));
  EXPECT_EQ("Invalid resource 'cpus:0': Invalid scalar resource: value <= 0",
            parseError("cpus:0.0001"));
  EXPECT_EQ(
      "Invalid resource 'disks:{a, a}': Invalid set resource: duplicated"
      " elements",
      parseError("disks:{a,a}"));
  EXPECT_EQ("Bad value for resources, missing or extra ':' in 'cpus4'",
            parseError("cpus4"));
  EXPECT_EQ("Bad value for resources, missing or extra ':' in 'cpus:4:5'",
            parseError("cpus:4:5"));
  EXPECT_EQ("Bad value for resources, mismatched parentheses in 'cpus(r:4'",
            parseError("cpus(r:4"));
  EXPECT_EQ(
      "Bad value for resources, unexpected text after ')' in 'cpus(r)x:4'",
      parseError("cpus(r)x:4"));
  EXPECT_EQ("Bad value for resources, missing resource name in ':4'",
            parseError(":4"));
  EXPECT_EQ(
      "Invalid resource 'cpus(reservations: [(STATIC,-bad)]):4': Role"
      " component '-bad' is invalid because it starts with a dash",
      parseError("cpus(-bad):4"));
  EXPECT_EQ(
      "Resources with the same name ('foo') but different types are not"
      " allowed",
      parseError("foo:1;foo:[1-2]"));
}

TEST(ResourcesParseTest, JsonErrors) {
  // Overlapping port ranges are merged in the flag form (as Mesos does)
  // but rejected in the JSON form, which is not coalesced.
  EXPECT_EQ(
      "Invalid resource 'ports:[1-10, 5-20]': Invalid ranges resource:"
      " overlapping ranges",
      parseError(R"([{"name": "ports", "type": "RANGES",
          "ranges": {"range": [{"begin": 1, "end": 10},
                               {"begin": 5, "end": 20}]}}])"));

  EXPECT_NE(std::string::npos,
            parseError(R"([{"name": "cpus", "type": "SCALAR")")
                .find("Failed to parse resources as a JSON array"));

  EXPECT_NE(std::string::npos,
            parseError(R"([{"name": "cpus", "type": "BOGUS"}])")
                .find("Some JSON resources were not formatted properly"));

  EXPECT_EQ("Invalid resource 'cpus:4': Invalid scalar resource",
            parseError(R"([{"name": "cpus", "type": "SCALAR",
          "ranges": {"range": []}, "scalar": {"value": 4}}])"));

  EXPECT_EQ(
      "Dynamic reservations cannot be specified at the command line; do not"
      " include a reservation with DYNAMIC type in the resources JSON",
      parseError(R"([{"name": "cpus", "type": "SCALAR",
          "scalar": {"value": 4},
          "reservations": [{"type": "DYNAMIC", "role": "r"}]}])"));

  EXPECT_EQ(
      "Revocable resources cannot be specified at the command line; do not"
      " include a 'revocable' key in the resources JSON",
      parseError(R"([{"name": "cpus", "type": "SCALAR",
          "scalar": {"value": 4}, "revocable": {}}])"));
}

// -- Validation --------------------------------------------------------------

TEST(ResourcesValidateTest, Reservations) {
  Resource cpus = resource("cpus", "1");
  EXPECT_TRUE(Resources::validate(cpus).isNone());

  Resource refined = cpus;
  *refined.add_reservations() = dynamicReservation("a", "p");
  *refined.add_reservations() = dynamicReservation("a/b", "p");
  EXPECT_TRUE(Resources::validate(refined).isNone());

  Resource notRefinement = cpus;
  *notRefinement.add_reservations() = dynamicReservation("a", "p");
  *notRefinement.add_reservations() = dynamicReservation("c", "p");
  EXPECT_EQ("Invalid refined reservation: role 'c' is not a refinement of 'a'",
            Resources::validate(notRefinement)->message);

  Resource staticRefinement = cpus;
  *staticRefinement.add_reservations() = dynamicReservation("a", "p");
  staticRefinement.add_reservations()->set_type(
      Resource::ReservationInfo::STATIC);
  staticRefinement.mutable_reservations(1)->set_role("a/b");
  EXPECT_EQ(
      "Invalid refined reservation: A refined reservation cannot be STATIC",
      Resources::validate(staticRefinement)->message);

  Resource starReserved = cpus;
  starReserved.mutable_reservation()->set_principal("p");
  EXPECT_EQ("Invalid reservation: role \"*\" cannot be dynamically reserved",
            Resources::validate(starReserved)->message);

  Resource diskInfoOnCpus = cpus;
  diskInfoOnCpus.mutable_disk();
  EXPECT_EQ("DiskInfo should not be set for cpus resource",
            Resources::validate(diskInfoOnCpus)->message);

  Resource sharedCpus = cpus;
  sharedCpus.mutable_shared();
  EXPECT_EQ("Resource cpus cannot be shared",
            Resources::validate(sharedCpus)->message);
}

// -- Printing ----------------------------------------------------------------

TEST(ResourcesPrintTest, Annotations) {
  Resource disk = resource("disk", "100");
  Resource::ReservationInfo* reservation = disk.add_reservations();
  *reservation = dynamicReservation("role1", "principal1");
  Label* label = reservation->mutable_labels()->add_labels();
  label->set_key("k");
  label->set_value("v");
  disk.mutable_allocation_info()->set_role("role1");
  disk.mutable_disk()->mutable_persistence()->set_id("id1");
  disk.mutable_disk()->mutable_volume()->set_container_path("path");
  disk.mutable_disk()->mutable_volume()->set_mode(Volume::RW);
  Resource::DiskInfo::Source* source = disk.mutable_disk()->mutable_source();
  source->set_type(Resource::DiskInfo::Source::MOUNT);
  source->mutable_mount()->set_root("/mnt");
  disk.mutable_shared();

  EXPECT_EQ(
      "disk(allocated: role1)(reservations: [(DYNAMIC,role1,principal1,"
      "{k: v})])[MOUNT:/mnt,id1:path]<SHARED>:100",
      stringify(disk));

  Resources resources = disk;
  resources += disk;
  EXPECT_EQ(2u, resources.count(disk));
  EXPECT_EQ(stringify(disk) + "<2>", stringify(resources));

  Resource revocable = resource("cpus", "0.5");
  revocable.mutable_revocable();
  EXPECT_EQ("cpus{REV}:0.5", stringify(revocable));
}

TEST(ResourcesPrintTest, PreRefinementPrintsAsUpgraded) {
  Resource cpus = resource("cpus", "2");
  cpus.set_role("role1");
  EXPECT_EQ("cpus(reservations: [(STATIC,role1)]):2", stringify(cpus));
}

// -- Arithmetic --------------------------------------------------------------

TEST(ResourcesTest, CombinesSameKind) {
  Resources resources = parse("cpus:1;mem:5");
  resources += resource("cpus", "2");
  EXPECT_EQ("cpus:3; mem:5", stringify(resources));
  EXPECT_EQ(2u, resources.size());

  resources += resource("cpus", "1", "role1");
  EXPECT_EQ(3u, resources.size());
  EXPECT_EQ(4, resources.cpus().get());
}

TEST(ResourcesTest, SubtractionNeverGoesNegative) {
  Resources resources = parse("cpus:1;mem:5");
  resources -= resource("cpus", "2");
  EXPECT_EQ("mem:5", stringify(resources));
  resources -= parse("mem:5");
  EXPECT_TRUE(resources.empty());
}

TEST(ResourcesTest, SubtractionSplitsRanges) {
  const Resources resources =
      parse("ports:[31000-32000]") - parse("ports:[31500-31500]");
  EXPECT_EQ("ports:[31000-31499, 31501-32000]", stringify(resources));
}

TEST(ResourcesTest, InvalidAndEmptyResourcesAreIgnored) {
  Resource negative = resource("cpus", "1");
  negative.mutable_scalar()->set_value(-1);
  Resources resources = negative;
  EXPECT_TRUE(resources.empty());
  resources += resource("mem", "0");
  EXPECT_TRUE(resources.empty());
  EXPECT_FALSE(parse("cpus:1").contains(negative));
}

TEST(ResourcesTest, Contains) {
  const Resources total = parse("cpus:4;mem:1024;ports:[1-100]");
  EXPECT_TRUE(total.contains(parse("cpus:4;ports:[10-20]")));
  EXPECT_FALSE(total.contains(parse("cpus:4.001")));
  EXPECT_FALSE(total.contains(parse("ports:[99-101]")));
  EXPECT_FALSE(total.contains(parse("cpus(role1):1")));
  EXPECT_TRUE(total.contains(Resources()));
  EXPECT_TRUE(total.contains(resource("mem", "512")));
}

TEST(ResourcesTest, EqualityIgnoresSplitting) {
  Resources split;
  split += resource("cpus", "1");
  split += resource("cpus", "3");
  split += resource("ports", "[1-5]");
  split += resource("ports", "[6-10]");
  EXPECT_EQ(parse("ports:[1-10];cpus:4"), split);
  EXPECT_NE(parse("ports:[1-10];cpus:4.5"), split);
}

TEST(ResourcesTest, CopiesAreIndependent) {
  Resources a = parse("cpus:1");
  Resources b = a;
  b += resource("cpus", "1");
  EXPECT_EQ(1, a.cpus().get());
  EXPECT_EQ(2, b.cpus().get());
  a -= resource("cpus", "1");
  EXPECT_TRUE(a.empty());
  EXPECT_EQ(2, b.cpus().get());
}

TEST(ResourcesTest, SelfArithmetic) {
  Resources a = parse("cpus:1;ports:[1-2]");
  a += a;
  EXPECT_EQ("cpus:2; ports:[1-2]", stringify(a));
  a -= a;
  EXPECT_TRUE(a.empty());
}

TEST(ResourcesTest, Getters) {
  const Resources resources =
      parse("cpus:1;cpus(r):2;mem:10;ports:[1-5];ports(r):[7-8];disks:{a}");
  EXPECT_EQ(3, resources.cpus().get());
  EXPECT_EQ("[1-5, 7-8]", stringify(resources.ports().get()));
  EXPECT_EQ(parse("cpus:1;cpus(r):2"), resources.get("cpus"));
  EXPECT_EQ(parse("cpus:1;cpus(r):2;mem:10"), resources.scalars());
  EXPECT_EQ(Value::SET, resources.types().at("disks"));
  EXPECT_TRUE(resources.get<Value::Scalar>("nothing").isNone());
  EXPECT_TRUE(resources.ephemeral_ports().isNone());

  google::protobuf::RepeatedPtrField<Resource> repeated = resources;
  EXPECT_EQ(static_cast<int>(resources.size()), repeated.size());
  EXPECT_EQ(resources, Resources(repeated));
}

// -- Reservations and allocation ---------------------------------------------

TEST(ResourcesTest, ReservationFilters) {
  Resource dynamic = resource("cpus", "1");
  *dynamic.add_reservations() = dynamicReservation("role1", "p");

  const Resources resources =
      parse("cpus:1;cpus(role1):2;mem(role2):3") + dynamic;

  EXPECT_EQ(parse("cpus:1"), resources.unreserved());
  EXPECT_EQ(parse("cpus(role1):2") + dynamic, resources.reserved("role1"));
  EXPECT_EQ(parse("cpus(role1):2;mem(role2):3") + dynamic,
            resources.reserved());
  EXPECT_EQ(2u, resources.reservations().size());
  EXPECT_EQ(parse("mem(role2):3"), resources.reservations().at("role2"));
  EXPECT_TRUE(Resources::isDynamicallyReserved(dynamic));
  EXPECT_EQ("role1", Resources::reservationRole(dynamic));
  EXPECT_EQ("*", Resources::reservationRole(resource("cpus", "1")));

  EXPECT_EQ(parse("cpus:4;mem:3"), resources.toUnreserved());
  EXPECT_EQ(parse("cpus:4;mem:3"), resources.flatten());
  EXPECT_EQ(parse("cpus(r3):4;mem(r3):3"), resources.flatten("r3").get());
  EXPECT_TRUE(resources.flatten("bad role").isError());
}

TEST(ResourcesTest, AllocatableTo) {
  const Resources resources = parse("cpus:1;cpus(a):2;cpus(a/b):4;cpus(c):8");
  EXPECT_EQ(3, resources.allocatableTo("a").cpus().get());
  EXPECT_EQ(7, resources.allocatableTo("a/b").cpus().get());
  EXPECT_EQ(7, resources.allocatableTo("a/b/c").cpus().get());
  EXPECT_EQ(1, resources.allocatableTo("ab").cpus().get());
  EXPECT_EQ(9, resources.allocatableTo("c").cpus().get());
  EXPECT_EQ(6, resources.reservedToRoleSubtree("a").cpus().get());
}

TEST(ResourcesTest, PushAndPopReservation) {
  const Resources base = parse("cpus(a):1;mem(a):2");
  const Resources refined =
      base.pushReservation(dynamicReservation("a/b", "p"));
  EXPECT_EQ(
      "cpus(reservations: [(STATIC,a),(DYNAMIC,a/b,p)]):1; "
      "mem(reservations: [(STATIC,a),(DYNAMIC,a/b,p)]):2",
      stringify(refined));
  EXPECT_TRUE(Resources::hasRefinedReservations(*refined.begin()));
  EXPECT_EQ(base, refined.popReservation());
  EXPECT_EQ(parse("cpus:1;mem:2"), base.popReservation());
  // Not a refinement of "a": dropped.
  EXPECT_TRUE(base.pushReservation(dynamicReservation("x", "p")).empty());
}

TEST(ResourcesTest, AllocateAndUnallocate) {
  Resources resources = parse("cpus:1;mem(r):2");
  Resources allocated = resources;
  allocated.allocate("r");
  for (const Resource& resource : allocated)
    EXPECT_EQ("r", resource.allocation_info().role());
  EXPECT_EQ(
      "cpus(allocated: r):1; mem(allocated: r)(reservations: "
      "[(STATIC,r)]):2",
      stringify(allocated));
  EXPECT_NE(resources, allocated);
  EXPECT_FALSE(resources.contains(allocated));
  EXPECT_EQ(1u, allocated.allocations().size());
  EXPECT_EQ(allocated, allocated.allocations().at("r"));
  EXPECT_TRUE(resources.allocations().empty());

  allocated.unallocate();
  EXPECT_EQ(resources, allocated);
}

TEST(ResourcesTest, AllocateCombinesEntries) {
  Resource a = resource("cpus", "1");
  a.mutable_allocation_info()->set_role("a");
  Resource b = resource("cpus", "2");
  b.mutable_allocation_info()->set_role("b");

  Resources resources = Resources(a) + b;
  EXPECT_EQ(2u, resources.size());
  resources.allocate("c");
  EXPECT_EQ(1u, resources.size());

  Resource three = resource("cpus", "3");
  three.mutable_allocation_info()->set_role("c");
  EXPECT_TRUE(resources.contains(three));
}

TEST(ResourcesTest, Filters) {
  Resource revocable = resource("cpus", "1");
  revocable.mutable_revocable();
  const Resources resources = parse("cpus:2;mem:3") + revocable;
  EXPECT_EQ(Resources(revocable), resources.revocable());
  EXPECT_EQ(parse("cpus:2;mem:3"), resources.nonRevocable());
  EXPECT_EQ(parse("mem:3"), resources.filter([](const Resource& resource) {
    return resource.name() == "mem";
  }));
  EXPECT_TRUE(resources.shared().empty());
  EXPECT_EQ(resources, resources.nonShared());
  EXPECT_EQ(parse("cpus:3;mem:3"), resources.createStrippedScalarQuantity());
}

TEST(ResourcesTest, PersistentVolumesDoNotCombine) {
  Resource volume = resource("disk", "10", "r");
  volume.mutable_disk()->mutable_persistence()->set_id("v1");
  volume.mutable_disk()->mutable_volume()->set_container_path("data");
  volume.mutable_disk()->mutable_volume()->set_mode(Volume::RW);

  Resources resources = volume;
  resources += volume;
  EXPECT_EQ(2u, resources.size());
  EXPECT_TRUE(resources.contains(Resources(volume) + volume));
  EXPECT_FALSE(Resources(volume).contains(Resources(volume) + volume));
  EXPECT_EQ(2u, resources.persistentVolumes().size());
}

TEST(ResourcesTest, Find) {
  const Resources total = parse("cpus(r):2;cpus:3;mem:10");
  Option<Resources> found = total.find(parse("cpus(r):3;mem(r):4"));
  ASSERT_TRUE(found.isSome());
  EXPECT_EQ(parse("cpus(r):2;cpus:1;mem:4"), found.get());
  EXPECT_TRUE(total.find(parse("cpus:6")).isNone());
}

}  // namespace
}  // namespace mesos
