// The cgroups/cpu and cgroups/mem isolation of the Mesos containerizer on
// this host's cgroups (v1 or v2), under a root of its own that the test
// removes. Skipped where the host has no writable cgroups.

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include <process/gtest.hpp>
#include <process/reap.hpp>
#include <process/subprocess.hpp>

#include <stout/os.hpp>
#include <stout/path.hpp>
#include <stout/stringify.hpp>
#include <stout/strings.hpp>
#include <stout/uuid.hpp>

#include "slave/containerizer/mesos/containerizer.hpp"
#include "slave/containerizer/mesos/proc.hpp"
#include "tests/slave/containerizer/test_helpers.hpp"

namespace mesos {
namespace internal {
namespace slave {
namespace tests {
namespace {

using process::Future;

const std::string HIERARCHY = "/sys/fs/cgroup";

bool v2() {
  return os::exists(path::join(HIERARCHY, "cgroup.controllers"));
}

// The container's directory for `subsystem` ("cpu" or "memory").
std::string cgroup(const std::string& root, const std::string& subsystem,
                   const std::string& container = "") {
  return v2() ? path::join(HIERARCHY, root, container)
              : path::join(HIERARCHY, subsystem, root, container);
}

std::string value(const std::string& file) {
  Try<std::string> read = os::read(file);
  return read.isSome() ? strings::trim(read.get()) : "<" + read.error() + ">";
}

class CgroupsIsolationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root = "mesos-test-" + id::UUID::random().toString().substr(0, 8);
    // Can we make cgroups at all?
    for (const std::string& subsystem : {"cpu", "memory"}) {
      const std::string probe = cgroup(root, subsystem);
      if (os::mkdir(probe).isError()) {
        GTEST_SKIP() << "No writable cgroup hierarchy for '" << subsystem
                     << "' at " << probe;
      }
      if (v2()) {
        break;
      }
    }

    options.cgroups.root = root;
    options.cgroups.enableCfs = true;
    Flags agentFlags = flags(work.path);
    agentFlags.isolation = "cgroups/cpu,cgroups/mem";
    Try<std::unique_ptr<Containerizer>> created =
        MesosContainerizer::create(agentFlags, options);
    ASSERT_TRUE(created.isSome()) << created.error();
    containerizer = std::move(created).get();
  }

  void TearDown() override {
    destroyAll(&containerizer, WAIT);
    for (const std::string& subsystem : {"cpu", "cpuacct", "memory"}) {
      const std::string directory = cgroup(root, subsystem);
      if (os::exists(directory)) {
        ::rmdir(directory.c_str());
      }
    }
  }

  std::string root;
  MesosContainerizer::Options options;
  TemporaryWorkDir work;
  std::unique_ptr<Containerizer> containerizer;
};

TEST_F(CgroupsIsolationTest, LimitsUsageAndCleanup) {
  const ContainerID id = containerId("c1");
  const ExecutorInfo info = executor("sleep 1000 & echo > ready; wait");
  const std::string directory = sandbox(work.path, info, id);
  ReadySignal ready(path::join(directory, "ready"));
  Future<LaunchResult> launched = containerizer->launch(
      id, None(), info, directory, None(), agentId(), {}, false);
  AWAIT_READY_FOR(launched, WAIT);
  ASSERT_EQ(LaunchResult::SUCCESS, launched.get());
  AWAIT_READY_FOR(ready.ready(), WAIT);

  const std::string cpu = cgroup(root, "cpu", id.value());
  const std::string memory = cgroup(root, "memory", id.value());
  if (v2()) {
    // 512 shares map to weight 1 + (510 * 9999) / 262142 = 20.
    EXPECT_EQ("20", value(path::join(cpu, "cpu.weight")));
    EXPECT_EQ("50000 100000", value(path::join(cpu, "cpu.max")));
    EXPECT_EQ(stringify(Megabytes(64).bytes()),
              value(path::join(memory, "memory.max")));
  } else {
    EXPECT_EQ("512", value(path::join(cpu, "cpu.shares")));
    EXPECT_EQ("50000", value(path::join(cpu, "cpu.cfs_quota_us")));
    EXPECT_EQ(stringify(Megabytes(64).bytes()),
              value(path::join(memory, "memory.limit_in_bytes")));
    EXPECT_EQ(stringify(Megabytes(64).bytes()),
              value(path::join(memory, "memory.soft_limit_in_bytes")));
  }

  // The executor (and the sleep it started) are in the cgroup.
  Future<ContainerStatus> status = containerizer->status(id);
  AWAIT_READY(status);
  const std::string procs = value(path::join(memory, "cgroup.procs"));
  EXPECT_TRUE(strings::contains(procs, stringify(status->executor_pid())))
      << procs;
  EXPECT_EQ(2u, strings::tokenize(procs, "\n").size()) << procs;

  Future<ResourceStatistics> usage = containerizer->usage(id);
  AWAIT_READY(usage);
  EXPECT_GT(usage->mem_total_bytes(), 0u);
  EXPECT_TRUE(usage->has_cpus_user_time_secs());

  AWAIT_READY(
      containerizer->update(id, Resources::parse("cpus:1;mem:96").get()));
  if (v2()) {
    EXPECT_EQ("100000 100000", value(path::join(cpu, "cpu.max")));
    EXPECT_EQ(stringify(Megabytes(96).bytes()),
              value(path::join(memory, "memory.max")));
  } else {
    EXPECT_EQ("1024", value(path::join(cpu, "cpu.shares")));
    EXPECT_EQ(stringify(Megabytes(96).bytes()),
              value(path::join(memory, "memory.limit_in_bytes")));
  }

  Future<Option<ContainerTermination>> destroyed = containerizer->destroy(id);
  AWAIT_READY_FOR(destroyed, WAIT);
  EXPECT_FALSE(os::exists(cpu));
  EXPECT_FALSE(os::exists(memory));
}

// A cgroup under our root that no recovered container owns is an orphan:
// recovery kills its processes and removes it.
TEST_F(CgroupsIsolationTest, RecoveryDestroysOrphans) {
  const std::string orphan = cgroup(root, "memory", "orphan");
  ASSERT_TRUE(os::mkdir(orphan).isSome());
  if (!v2()) {
    ASSERT_TRUE(os::mkdir(cgroup(root, "cpu", "orphan")).isSome());
  }

  Try<process::Subprocess> child =
      process::subprocess("sleep", {"sleep", "1000"});
  ASSERT_TRUE(child.isSome());
  ASSERT_TRUE(
      os::write(path::join(orphan, "cgroup.procs"), stringify(child->pid()))
          .isSome());

  AWAIT_READY_FOR(containerizer->recover(None()), WAIT);
  AWAIT_READY_FOR(child->status(), WAIT);
  EXPECT_TRUE(killedBy(child->status().get(), SIGKILL));
  EXPECT_FALSE(os::exists(orphan));
}

}  // namespace
}  // namespace tests
}  // namespace slave
}  // namespace internal
}  // namespace mesos
