// Tests of the master's registry operations and registrar
// (src/master/registrar), over temporary work dirs. A "master restart" is
// a second Registrar on the same directory.

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <mesos/mesos.hpp>
#include <mesos/type_utils.hpp>

#include <process/future.hpp>
#include <process/gtest.hpp>
#include <process/owned.hpp>

#include <stout/hashset.hpp>
#include <stout/os.hpp>
#include <stout/path.hpp>
#include <stout/protobuf.hpp>
#include <stout/strings.hpp>
#include <stout/try.hpp>

#include "master/registrar.hpp"

namespace mesos {
namespace internal {
namespace master {
namespace {

using process::Future;
using process::Owned;

SlaveInfo agent(const std::string& id, const std::string& hostname = "") {
  SlaveInfo info;
  info.mutable_id()->set_value(id);
  info.set_hostname(hostname.empty() ? id + ".example.com" : hostname);
  info.set_port(5051);
  return info;
}

SlaveID slaveId(const std::string& id) {
  SlaveID result;
  result.set_value(id);
  return result;
}

TimeInfo at(int64_t nanoseconds) {
  TimeInfo time;
  time.set_nanoseconds(nanoseconds);
  return time;
}

MasterInfo master(const std::string& id) {
  MasterInfo info;
  info.set_id(id);
  info.set_ip(0x0100007f);
  info.set_port(5050);
  return info;
}

std::vector<std::string> admitted(const Registry& registry) {
  std::vector<std::string> ids;
  for (const Registry::Slave& slave : registry.slaves().slaves()) {
    ids.push_back(slave.info().id().value());
  }
  return ids;
}

std::vector<std::string> unreachable(const Registry& registry) {
  std::vector<std::string> ids;
  for (const Registry::UnreachableSlave& slave :
       registry.unreachable().slaves()) {
    ids.push_back(slave.id().value());
  }
  return ids;
}

std::vector<std::string> gone(const Registry& registry) {
  std::vector<std::string> ids;
  for (const Registry::GoneSlave& slave : registry.gone().slaves()) {
    ids.push_back(slave.id().value());
  }
  return ids;
}

template <typename T, typename... A>
Owned<RegistryOperation> op(A&&... a) {
  return Owned<RegistryOperation>(new T(std::forward<A>(a)...));
}

class RegistrarTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Try<std::string> made =
        os::mkdtemp(path::join(os::temp(), "registrar-XXXXXX"));
    ASSERT_TRUE(made.isSome()) << made.error();
    root_ = made.get();
    workDir_ = path::join(root_, "work");
  }

  void TearDown() override {
    Try<Nothing> removed = os::rmdir(root_);
    EXPECT_TRUE(removed.isSome()) << removed.error();
  }

  std::string file() const { return path::join(workDir_, REGISTRY_FILE); }

  // What a restarted master would recover.
  Registry restart() {
    Registrar registrar(workDir_);
    Future<Registry> registry = registrar.recover(master("restarted"));
    EXPECT_TRUE(registry.await(process::TEST_AWAIT_TIMEOUT));
    EXPECT_TRUE(registry.isReady())
        << (registry.isFailed() ? registry.failure() : "not ready");
    return registry.isReady() ? registry.get() : Registry();
  }

  std::string root_;
  std::string workDir_;
};

TEST_F(RegistrarTest, RecoverFromNothingIsEmpty) {
  Registrar registrar(workDir_);
  Future<Registry> registry = registrar.recover(master("m1"));
  AWAIT_READY(registry);
  EXPECT_EQ("m1", registry->master().info().id());
  EXPECT_EQ(0, registry->slaves().slaves_size());
  EXPECT_EQ(0, registry->unreachable().slaves_size());
  EXPECT_EQ(0, registry->gone().slaves_size());

  // The MasterInfo is persisted before recovery completes.
  Result<Registry> stored = ::protobuf::read<Registry>(file());
  ASSERT_TRUE(stored.isSome());
  EXPECT_EQ("m1", stored->master().info().id());
}

TEST_F(RegistrarTest, ApplyBeforeRecoverFails) {
  Registrar registrar(workDir_);
  AWAIT_FAILED(registrar.apply(op<AdmitSlave>(agent("a"))));
}

TEST_F(RegistrarTest, SecondRecoverReturnsTheSameRegistry) {
  Registrar registrar(workDir_);
  AWAIT_READY(registrar.recover(master("m1")));
  Future<Registry> again = registrar.recover(master("m2"));
  AWAIT_READY(again);
  EXPECT_EQ("m1", again->master().info().id());
}

TEST_F(RegistrarTest, AdmittedAgentSurvivesRestart) {
  {
    Registrar registrar(workDir_);
    AWAIT_READY(registrar.recover(master("m1")));
    AWAIT_EXPECT_TRUE(registrar.apply(op<AdmitSlave>(agent("a", "host-a"))));
  }

  Registry registry = restart();
  EXPECT_EQ("restarted", registry.master().info().id());
  ASSERT_EQ(std::vector<std::string>{"a"}, admitted(registry));
  EXPECT_EQ("host-a", registry.slaves().slaves(0).info().hostname());
  EXPECT_EQ(5051, registry.slaves().slaves(0).info().port());
}

TEST_F(RegistrarTest, DuplicateAdmitIsRejected) {
  {
    Registrar registrar(workDir_);
    AWAIT_READY(registrar.recover(master("m1")));
    AWAIT_EXPECT_TRUE(registrar.apply(op<AdmitSlave>(agent("a"))));
    AWAIT_EXPECT_FALSE(registrar.apply(op<AdmitSlave>(agent("a", "other"))));
  }

  Registry registry = restart();
  ASSERT_EQ(std::vector<std::string>{"a"}, admitted(registry));
  EXPECT_EQ("a.example.com", registry.slaves().slaves(0).info().hostname());
}

TEST_F(RegistrarTest, UnreachableAndReachable) {
  {
    Registrar registrar(workDir_);
    AWAIT_READY(registrar.recover(master("m1")));
    AWAIT_EXPECT_TRUE(registrar.apply(op<AdmitSlave>(agent("a"))));
    AWAIT_EXPECT_TRUE(registrar.apply(op<AdmitSlave>(agent("b"))));
    AWAIT_EXPECT_TRUE(
        registrar.apply(op<MarkSlaveUnreachable>(agent("a"), at(42))));

    // Only an admitted agent can become unreachable.
    AWAIT_EXPECT_FALSE(
        registrar.apply(op<MarkSlaveUnreachable>(agent("a"), at(43))));
    AWAIT_EXPECT_FALSE(
        registrar.apply(op<MarkSlaveUnreachable>(agent("x"), at(43))));
  }

  Registry registry = restart();
  EXPECT_EQ(std::vector<std::string>{"b"}, admitted(registry));
  ASSERT_EQ(std::vector<std::string>{"a"}, unreachable(registry));
  EXPECT_EQ(42, registry.unreachable().slaves(0).timestamp().nanoseconds());

  {
    Registrar registrar(workDir_);
    AWAIT_READY(registrar.recover(master("m2")));
    AWAIT_EXPECT_TRUE(
        registrar.apply(op<MarkSlaveReachable>(agent("a", "new-a"))));

    // Reachable again, and an agent the registry never knew: both are
    // admitted (the latter after a warning), neither is an error.
    AWAIT_EXPECT_TRUE(registrar.apply(op<MarkSlaveReachable>(agent("a"))));
    AWAIT_EXPECT_TRUE(registrar.apply(op<MarkSlaveReachable>(agent("c"))));
  }

  registry = restart();
  EXPECT_EQ((std::vector<std::string>{"b", "a", "c"}), admitted(registry));
  EXPECT_TRUE(unreachable(registry).empty());
  EXPECT_EQ("new-a", registry.slaves().slaves(1).info().hostname());
}

TEST_F(RegistrarTest, UpdateAndRemove) {
  {
    Registrar registrar(workDir_);
    AWAIT_READY(registrar.recover(master("m1")));
    AWAIT_EXPECT_TRUE(registrar.apply(op<AdmitSlave>(agent("a"))));
    AWAIT_EXPECT_TRUE(registrar.apply(op<AdmitSlave>(agent("b"))));

    AWAIT_EXPECT_TRUE(registrar.apply(op<UpdateSlave>(agent("a", "moved"))));
    AWAIT_EXPECT_TRUE(registrar.apply(op<UpdateSlave>(agent("a", "moved"))));
    AWAIT_EXPECT_FALSE(registrar.apply(op<UpdateSlave>(agent("x"))));

    AWAIT_EXPECT_TRUE(registrar.apply(op<RemoveSlave>(agent("b"))));
    AWAIT_EXPECT_FALSE(registrar.apply(op<RemoveSlave>(agent("b"))));
  }

  Registry registry = restart();
  ASSERT_EQ(std::vector<std::string>{"a"}, admitted(registry));
  EXPECT_EQ("moved", registry.slaves().slaves(0).info().hostname());
  EXPECT_TRUE(unreachable(registry).empty());
  EXPECT_TRUE(gone(registry).empty());
}

TEST_F(RegistrarTest, GoneAndPrune) {
  {
    Registrar registrar(workDir_);
    AWAIT_READY(registrar.recover(master("m1")));
    for (const char* id : {"a", "b", "c", "d"}) {
      AWAIT_EXPECT_TRUE(registrar.apply(op<AdmitSlave>(agent(id))));
    }
    AWAIT_EXPECT_TRUE(
        registrar.apply(op<MarkSlaveUnreachable>(agent("b"), at(1))));
    AWAIT_EXPECT_TRUE(
        registrar.apply(op<MarkSlaveUnreachable>(agent("c"), at(2))));

    // Gone from admitted, and from unreachable.
    AWAIT_EXPECT_TRUE(registrar.apply(op<MarkSlaveGone>(slaveId("a"), at(3))));
    AWAIT_EXPECT_TRUE(registrar.apply(op<MarkSlaveGone>(slaveId("b"), at(4))));

    // Already gone, or unknown.
    AWAIT_EXPECT_FALSE(registrar.apply(op<MarkSlaveGone>(slaveId("a"), at(5))));
    AWAIT_EXPECT_FALSE(registrar.apply(op<MarkSlaveGone>(slaveId("x"), at(5))));

    // Pruning drops "c" from the unreachable and "b" from the gone list.
    AWAIT_EXPECT_TRUE(registrar.apply(op<PruneUnreachable>(
        hashset<SlaveID>{slaveId("c")}, hashset<SlaveID>{slaveId("b")})));

    // Ids the registry does not hold are ignored.
    AWAIT_EXPECT_TRUE(
        registrar.apply(op<PruneUnreachable>(hashset<SlaveID>{slaveId("zz")})));
  }

  Registry registry = restart();
  EXPECT_EQ(std::vector<std::string>{"d"}, admitted(registry));
  EXPECT_TRUE(unreachable(registry).empty());
  ASSERT_EQ(std::vector<std::string>{"a"}, gone(registry));
  EXPECT_EQ(3, registry.gone().slaves(0).timestamp().nanoseconds());
}

TEST_F(RegistrarTest, InMemoryWritesNoFile) {
  {
    Registrar registrar{None()};
    Future<Registry> registry = registrar.recover(master("m1"));
    AWAIT_READY(registry);
    EXPECT_EQ("m1", registry->master().info().id());
    AWAIT_EXPECT_TRUE(registrar.apply(op<AdmitSlave>(agent("a"))));
    AWAIT_EXPECT_FALSE(registrar.apply(op<AdmitSlave>(agent("a"))));
    AWAIT_EXPECT_TRUE(
        registrar.apply(op<MarkSlaveUnreachable>(agent("a"), at(1))));
  }

  Registrar restarted{None()};
  Future<Registry> registry = restarted.recover(master("m2"));
  AWAIT_READY(registry);
  EXPECT_EQ(0, registry->slaves().slaves_size());
  EXPECT_EQ(0, registry->unreachable().slaves_size());

  Try<std::vector<std::string>> entries = os::ls(root_);
  ASSERT_TRUE(entries.isSome());
  EXPECT_TRUE(entries->empty());
}

// Operations issued back to back (the later ones queue while earlier
// writes are in progress, and are written together) complete in order,
// each seeing the effect of the ones before it.
TEST_F(RegistrarTest, OperationsApplyInOrder) {
  const int count = 50;
  {
    Registrar registrar(workDir_);
    Future<Registry> recovered = registrar.recover(master("m1"));

    // Issued before recovery completes: they wait for it.
    std::vector<Future<bool>> results;
    for (int i = 0; i < count; ++i) {
      const std::string id = "agent-" + std::to_string(i);
      results.push_back(registrar.apply(op<AdmitSlave>(agent(id))));
      results.push_back(
          registrar.apply(op<MarkSlaveUnreachable>(agent(id), at(i))));
      results.push_back(
          registrar.apply(op<MarkSlaveReachable>(agent(id, "back"))));
      results.push_back(registrar.apply(op<AdmitSlave>(agent(id))));
    }
    AWAIT_READY(recovered);

    for (size_t i = 0; i < results.size(); ++i) {
      AWAIT_READY(results[i]);
      // Every fourth is the duplicate admission.
      EXPECT_EQ(i % 4 != 3, results[i].get()) << "operation " << i;
    }
  }

  Registry registry = restart();
  ASSERT_EQ(count, registry.slaves().slaves_size());
  for (int i = 0; i < count; ++i) {
    EXPECT_EQ("agent-" + std::to_string(i),
              registry.slaves().slaves(i).info().id().value());
    EXPECT_EQ("back", registry.slaves().slaves(i).info().hostname());
  }
  EXPECT_TRUE(unreachable(registry).empty());
}

TEST_F(RegistrarTest, PersistenceFailureFailsAndKeepsServing) {
  Registrar registrar(workDir_);
  AWAIT_READY(registrar.recover(master("m1")));
  AWAIT_EXPECT_TRUE(registrar.apply(op<AdmitSlave>(agent("a"))));

  // Make the work dir unusable: a file where the directory was.
  const std::string moved = path::join(root_, "moved");
  ASSERT_EQ(0, ::rename(workDir_.c_str(), moved.c_str()));
  ASSERT_TRUE(os::write(workDir_, "not a directory").isSome());

  Future<bool> failed = registrar.apply(op<AdmitSlave>(agent("b")));
  AWAIT_FAILED(failed);
  EXPECT_TRUE(strings::contains(failed.failure(), "registry"))
      << failed.failure();

  // Restore the directory: "b" was never admitted, "a" still is.
  ASSERT_TRUE(os::rm(workDir_).isSome());
  ASSERT_EQ(0, ::rename(moved.c_str(), workDir_.c_str()));
  AWAIT_EXPECT_FALSE(registrar.apply(op<AdmitSlave>(agent("a"))));
  AWAIT_EXPECT_TRUE(registrar.apply(op<AdmitSlave>(agent("c"))));

  Registry registry = restart();
  EXPECT_EQ((std::vector<std::string>{"a", "c"}), admitted(registry));
}

TEST_F(RegistrarTest, CorruptFileFailsRecoveryNamingTheFile) {
  ASSERT_TRUE(os::mkdir(workDir_).isSome());
  // A whole record whose bytes are not a Registry.
  const std::string record =
      std::string("\x0d\x00\x00\x00", 4) + "garbage-bytes";
  ASSERT_TRUE(os::write(file(), record).isSome());

  Registrar registrar(workDir_);
  Future<Registry> registry = registrar.recover(master("m1"));
  AWAIT_FAILED(registry);
  EXPECT_TRUE(strings::contains(registry.failure(), file()))
      << registry.failure();
  EXPECT_TRUE(strings::contains(registry.failure(), "move the file away"))
      << registry.failure();

  // Operations fail too; the file is left for the operator.
  AWAIT_FAILED(registrar.apply(op<AdmitSlave>(agent("a"))));
  Try<std::string> content = os::read(file());
  ASSERT_TRUE(content.isSome());
  EXPECT_TRUE(strings::contains(content.get(), "garbage-bytes"));
}

TEST_F(RegistrarTest, EmptyFileFailsRecovery) {
  ASSERT_TRUE(os::mkdir(workDir_).isSome());
  ASSERT_TRUE(os::write(file(), "").isSome());

  Registrar registrar(workDir_);
  Future<Registry> registry = registrar.recover(master("m1"));
  AWAIT_FAILED(registry);
  EXPECT_TRUE(strings::contains(registry.failure(), file()))
      << registry.failure();
}

TEST_F(RegistrarTest, TornTemporaryFileIsIgnored) {
  {
    Registrar registrar(workDir_);
    AWAIT_READY(registrar.recover(master("m1")));
    AWAIT_EXPECT_TRUE(registrar.apply(op<AdmitSlave>(agent("a"))));
  }

  // What a crash in the middle of a write leaves behind.
  const std::string torn = path::join(workDir_, ".registry.tmp.AbC123");
  ASSERT_TRUE(os::write(torn, std::string("\x40\x00\x00\x00\x0a", 5)).isSome());

  Registry registry = restart();
  EXPECT_EQ(std::vector<std::string>{"a"}, admitted(registry));
  EXPECT_FALSE(os::exists(torn));
}

// As Mesos does, resources are stored in the pre-reservation-refinement
// format; comparing an update with the stored info sees through it.
TEST_F(RegistrarTest, ResourcesAreStoredInThePreRefinementFormat) {
  SlaveInfo info = agent("a");
  Resource* cpus = info.add_resources();
  cpus->set_name("cpus");
  cpus->set_type(Value::SCALAR);
  cpus->mutable_scalar()->set_value(2);
  Resource::ReservationInfo* reservation = cpus->add_reservations();
  reservation->set_type(Resource::ReservationInfo::DYNAMIC);
  reservation->set_role("analytics");
  reservation->set_principal("ops");

  {
    Registrar registrar(workDir_);
    AWAIT_READY(registrar.recover(master("m1")));
    AWAIT_EXPECT_TRUE(registrar.apply(op<AdmitSlave>(info)));
    AWAIT_EXPECT_TRUE(registrar.apply(op<UpdateSlave>(info)));
  }

  Registry registry = restart();
  ASSERT_EQ(1, registry.slaves().slaves_size());
  const SlaveInfo& stored = registry.slaves().slaves(0).info();
  ASSERT_EQ(1, stored.resources_size());
  EXPECT_EQ("analytics", stored.resources(0).role());
  EXPECT_EQ(0, stored.resources(0).reservations_size());
  EXPECT_EQ("ops", stored.resources(0).reservation().principal());
}

}  // namespace
}  // namespace master
}  // namespace internal
}  // namespace mesos
