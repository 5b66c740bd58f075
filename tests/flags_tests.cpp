// The agent's and master's command-line flags and constants: Mesos 1.11's
// defaults, loading from the command line and the environment, and the
// rejection of unknown flags and bad values.

#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <stout/bytes.hpp>
#include <stout/duration.hpp>

#include "master/constants.hpp"
#include "master/flags.hpp"
#include "slave/constants.hpp"
#include "slave/flags.hpp"

namespace {

namespace master = mesos::internal::master;
namespace slave = mesos::internal::slave;

// Loads `arguments` (after a program name) with the MESOS_ prefix.
template <typename Flags>
Try<flags::Warnings> load(Flags& flags, std::vector<std::string> arguments) {
  arguments.insert(arguments.begin(), "mesos-test");
  std::vector<const char*> argv;
  for (const std::string& argument : arguments)
    argv.push_back(argument.c_str());
  return flags.load("MESOS_", static_cast<int>(argv.size()), argv.data());
}

// Sets an environment variable for the lifetime of the object.
class ScopedEnv {
 public:
  ScopedEnv(std::string name, const std::string& value)
      : name_(std::move(name)) {
    ::setenv(name_.c_str(), value.c_str(), 1);
  }
  ~ScopedEnv() { ::unsetenv(name_.c_str()); }

 private:
  std::string name_;
};

// The load's error, or "" when it succeeded.
template <typename T>
std::string errorOf(const Try<T>& result) {
  return result.isError() ? result.error() : "";
}

TEST(SlaveConstantsTest, MesosValues) {
  EXPECT_EQ(Minutes(1), slave::EXECUTOR_REGISTRATION_TIMEOUT);
  EXPECT_EQ(Seconds(2), slave::EXECUTOR_REREGISTRATION_TIMEOUT);
  EXPECT_EQ(Seconds(15), slave::MAX_EXECUTOR_REREGISTRATION_TIMEOUT);
  EXPECT_EQ(Seconds(5), slave::DEFAULT_EXECUTOR_SHUTDOWN_GRACE_PERIOD);
  EXPECT_EQ(Seconds(10), slave::STATUS_UPDATE_RETRY_INTERVAL_MIN);
  EXPECT_EQ(Minutes(10), slave::STATUS_UPDATE_RETRY_INTERVAL_MAX);
  EXPECT_EQ(Seconds(1), slave::DEFAULT_REGISTRATION_BACKOFF_FACTOR);
  EXPECT_EQ(Minutes(1), slave::REGISTER_RETRY_INTERVAL_MAX);
  EXPECT_EQ(Weeks(1), slave::GC_DELAY);
  EXPECT_DOUBLE_EQ(0.1, slave::GC_DISK_HEADROOM);
  EXPECT_EQ(Minutes(1), slave::DISK_WATCH_INTERVAL);
  EXPECT_EQ(Minutes(15), slave::RECOVERY_TIMEOUT);
  EXPECT_EQ(50u, slave::MAX_COMPLETED_FRAMEWORKS);
  EXPECT_EQ(150u, slave::DEFAULT_MAX_COMPLETED_EXECUTORS_PER_FRAMEWORK);
  EXPECT_EQ(200u, slave::MAX_COMPLETED_TASKS_PER_EXECUTOR);
  EXPECT_DOUBLE_EQ(0.1, slave::DEFAULT_EXECUTOR_CPUS);
  EXPECT_EQ(Megabytes(32), slave::DEFAULT_EXECUTOR_MEM);
  EXPECT_DOUBLE_EQ(1.0, slave::DEFAULT_CPUS);
  EXPECT_EQ(Gigabytes(1), slave::DEFAULT_MEM);
  EXPECT_EQ(Gigabytes(10), slave::DEFAULT_DISK);
  EXPECT_EQ(std::string("[31000-32000]"), slave::DEFAULT_PORTS);
  EXPECT_EQ(std::string("mesos-executor"), slave::MESOS_EXECUTOR);
}

TEST(SlaveConstantsTest, MasterPingTimeoutIsPingTimeoutTimesMisses) {
  EXPECT_EQ(Seconds(75), slave::DEFAULT_MASTER_PING_TIMEOUT());
  EXPECT_EQ(master::DEFAULT_AGENT_PING_TIMEOUT * 5.0,
            slave::DEFAULT_MASTER_PING_TIMEOUT());
}

TEST(MasterConstantsTest, MesosValues) {
  EXPECT_EQ(Seconds(15), master::DEFAULT_AGENT_PING_TIMEOUT);
  EXPECT_EQ(5u, master::DEFAULT_MAX_AGENT_PING_TIMEOUTS);
  EXPECT_EQ(Minutes(10), master::MIN_AGENT_REREGISTER_TIMEOUT);
  EXPECT_EQ(50u, master::DEFAULT_MAX_COMPLETED_FRAMEWORKS);
  EXPECT_EQ(1000u, master::DEFAULT_MAX_COMPLETED_TASKS_PER_FRAMEWORK);
  EXPECT_EQ(1000u, master::DEFAULT_MAX_UNREACHABLE_TASKS_PER_FRAMEWORK);
  EXPECT_EQ(Seconds(1), master::DEFAULT_ALLOCATION_INTERVAL);
  EXPECT_DOUBLE_EQ(0.01, master::MIN_CPUS);
  EXPECT_EQ(Megabytes(32), master::MIN_MEM);
  EXPECT_EQ(Weeks(2), master::DEFAULT_REGISTRY_MAX_AGENT_AGE);
  EXPECT_EQ(102400u, master::DEFAULT_REGISTRY_MAX_AGENT_COUNT);
  EXPECT_EQ(std::string("hierarchical"), master::DEFAULT_ALLOCATOR);
}

TEST(SlaveFlagsTest, Defaults) {
  slave::Flags flags;
  ASSERT_EQ("", errorOf(load(flags, {"--work_dir=/tmp/agent"})));
  EXPECT_TRUE(flags.validate().isNone());

  EXPECT_EQ("/tmp/agent", flags.work_dir);
  EXPECT_TRUE(flags.master.isNone());
  EXPECT_TRUE(flags.ip.isNone());
  EXPECT_EQ(5051, flags.port);
  EXPECT_TRUE(flags.advertise_ip.isNone());
  EXPECT_TRUE(flags.advertise_port.isNone());
  EXPECT_TRUE(flags.hostname.isNone());
  EXPECT_TRUE(flags.hostname_lookup);
  EXPECT_TRUE(flags.resources.isNone());
  EXPECT_TRUE(flags.attributes.isNone());
  EXPECT_EQ("mesos", flags.containerizers);
  EXPECT_TRUE(flags.containerizer_path.isNone());
  EXPECT_EQ("posix/cpu,posix/mem", flags.isolation);
  EXPECT_EQ("posix", flags.launcher);
  EXPECT_FALSE(flags.launcher_dir.empty());
  EXPECT_EQ(Minutes(1), flags.executor_registration_timeout);
  EXPECT_EQ(Seconds(2), flags.executor_reregistration_timeout);
  EXPECT_TRUE(flags.executor_reregistration_retry_interval.isNone());
  EXPECT_EQ(Seconds(5), flags.executor_shutdown_grace_period);
  EXPECT_EQ(Seconds(1), flags.registration_backoff_factor);
  EXPECT_EQ(Weeks(1), flags.gc_delay);
  EXPECT_DOUBLE_EQ(0.1, flags.gc_disk_headroom);
  EXPECT_EQ(Minutes(1), flags.disk_watch_interval);
  EXPECT_EQ("reconnect", flags.recover);
  EXPECT_TRUE(flags.strict);
  EXPECT_EQ(Minutes(15), flags.recovery_timeout);
  EXPECT_EQ("*", flags.default_role);
  EXPECT_EQ(150u, flags.max_completed_executors_per_framework);
  EXPECT_TRUE(flags.log_dir.isNone());
  EXPECT_EQ("INFO", flags.logging_level);
  EXPECT_FALSE(flags.quiet);
  EXPECT_FALSE(flags.version);
  EXPECT_EQ("", flags.frameworks_home);
  EXPECT_TRUE(flags.switch_user);
  EXPECT_FALSE(flags.http_command_executor);
  EXPECT_TRUE(flags.default_container_image.isNone());
  EXPECT_EQ("/mnt/mesos/sandbox", flags.sandbox_directory);
  EXPECT_EQ(Gigabytes(2), flags.fetcher_cache_size);
  EXPECT_EQ(Minutes(1), flags.fetcher_stall_timeout);
  EXPECT_EQ("crammd5", flags.authenticatee);
  EXPECT_EQ(Seconds(5), flags.authentication_timeout_min);
  EXPECT_EQ(Minutes(1), flags.authentication_timeout_max);
  EXPECT_EQ("equal", flags.reconfiguration_policy);
  EXPECT_EQ(Seconds(10), flags.zk_session_timeout);
}

TEST(SlaveFlagsTest, CommandLineValues) {
  slave::Flags flags;
  ASSERT_EQ(
      "",
      errorOf(load(
          flags,
          {"--work_dir=/var/lib/mesos", "--master=1.2.3.4:5050", "--port=5052",
           "--ip=127.0.0.1", "--executor_registration_timeout=5mins",
           "--gc_delay=2days", "--recover=cleanup", "--no-strict",
           "--switch_user=false", "--resources=cpus:2;mem:1024",
           "--logging_level=WARNING", "--quiet", "--fetcher_cache_size=1GB"})));
  EXPECT_EQ("/var/lib/mesos", flags.work_dir);
  EXPECT_EQ("1.2.3.4:5050", flags.master.get());
  EXPECT_EQ(5052, flags.port);
  EXPECT_EQ("127.0.0.1", flags.ip.get());
  EXPECT_EQ(Minutes(5), flags.executor_registration_timeout);
  EXPECT_EQ(Days(2), flags.gc_delay);
  EXPECT_EQ("cleanup", flags.recover);
  EXPECT_FALSE(flags.strict);
  EXPECT_FALSE(flags.switch_user);
  EXPECT_EQ("cpus:2;mem:1024", flags.resources.get());
  EXPECT_EQ("WARNING", flags.logging_level);
  EXPECT_TRUE(flags.quiet);
  EXPECT_EQ(Gigabytes(1), flags.fetcher_cache_size);
}

TEST(SlaveFlagsTest, EnvironmentAndPrecedence) {
  ScopedEnv workDir("MESOS_WORK_DIR", "/from/env");
  ScopedEnv port("MESOS_PORT", "6000");
  ScopedEnv recover("MESOS_RECOVER", "cleanup");

  slave::Flags flags;
  ASSERT_EQ("", errorOf(load(flags, {"--port=7000"})));
  EXPECT_EQ("/from/env", flags.work_dir);
  EXPECT_EQ(7000, flags.port);  // The command line wins.
  EXPECT_EQ("cleanup", flags.recover);
}

TEST(SlaveFlagsTest, WorkDirIsRequired) {
  slave::Flags flags;
  const std::string error = errorOf(load(flags, {"--port=5051"}));
  EXPECT_NE(std::string::npos, error.find("work_dir")) << error;
  EXPECT_NE(std::string::npos, error.find("required")) << error;

  slave::Flags empty;
  EXPECT_NE("", errorOf(load(empty, {"--work_dir="})));
}

TEST(SlaveFlagsTest, UnknownFlagIsRejected) {
  slave::Flags flags;
  const std::string error =
      errorOf(load(flags, {"--work_dir=/tmp", "--no_such_flag=1"}));
  EXPECT_NE(std::string::npos, error.find("unknown flag 'no_such_flag'"))
      << error;

  // Unknown MESOS_ variables are ignored, as in Mesos.
  ScopedEnv unknown("MESOS_NO_SUCH_FLAG", "1");
  slave::Flags other;
  EXPECT_EQ("", errorOf(load(other, {"--work_dir=/tmp"})));
}

TEST(SlaveFlagsTest, BadValuesAreRejected) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"--executor_registration_timeout=10", "executor_registration_timeout"},
      {"--gc_delay=soon", "gc_delay"},
      {"--executor_shutdown_grace_period=-5secs",
       "executor_shutdown_grace_period"},
      {"--executor_reregistration_timeout=1mins",
       "executor_reregistration_timeout"},
      {"--port=70000", "port"},
      {"--port=http", "port"},
      {"--advertise_port=99999", "advertise_port"},
      {"--ip=localhost", "ip"},
      {"--recover=restart", "recover"},
      {"--logging_level=DEBUG", "logging_level"},
      {"--gc_disk_headroom=1.5", "gc_disk_headroom"},
      {"--launcher=linux", "launcher"},
      {"--containerizers=mesos,docker", "containerizers"},
      {"--reconfiguration_policy=any", "reconfiguration_policy"},
      {"--strict=maybe", "strict"},
      {"--executor_environment_variables={\"A\":1}",
       "executor_environment_variables"},
      {"--port", "port"},
  };
  for (const auto& [argument, name] : cases) {
    slave::Flags flags;
    const std::string error =
        errorOf(load(flags, {"--work_dir=/tmp", argument}));
    EXPECT_NE(std::string::npos, error.find("'" + name + "'"))
        << argument << ": " << error;
  }
}

TEST(SlaveFlagsTest, BadEnvironmentValueIsRejected) {
  ScopedEnv recover("MESOS_RECOVER", "sometimes");
  slave::Flags flags;
  const std::string error = errorOf(load(flags, {"--work_dir=/tmp"}));
  EXPECT_NE(std::string::npos, error.find("recover")) << error;
  EXPECT_NE(std::string::npos, error.find("sometimes")) << error;
}

TEST(SlaveFlagsTest, CrossFlagValidation) {
  slave::Flags flags;
  ASSERT_EQ("", errorOf(load(flags, {"--work_dir=/tmp",
                                     "--containerizers=external,mesos"})));
  ASSERT_TRUE(flags.validate().isSome());
  EXPECT_NE(std::string::npos,
            flags.validate()->message.find("containerizer_path"));

  slave::Flags external;
  ASSERT_EQ("", errorOf(load(external,
                             {"--work_dir=/tmp", "--containerizers=external",
                              "--containerizer_path=/bin/ec"})));
  EXPECT_TRUE(external.validate().isNone());

  slave::Flags timeouts;
  ASSERT_EQ("",
            errorOf(load(timeouts, {"--work_dir=/tmp",
                                    "--authentication_timeout_min=2mins"})));
  EXPECT_TRUE(timeouts.validate().isSome());
}

TEST(SlaveFlagsTest, UsageListsEveryFlag) {
  slave::Flags flags;
  const std::string usage = flags.usage();
  size_t count = 0;
  for (const auto& [name, flag] : flags) {
    const bool listed =
        usage.find("--" + name + "=VALUE") != std::string::npos ||
        usage.find("--[no-]" + name) != std::string::npos;
    EXPECT_TRUE(listed) << name;
    count++;
  }
  EXPECT_GE(count, 50u);
  EXPECT_NE(std::string::npos, usage.find("--work_dir=VALUE"));
  EXPECT_NE(std::string::npos, usage.find("(default: 5051)"));
  EXPECT_NE(std::string::npos, usage.find("(default: 1mins)"));
}

TEST(MasterFlagsTest, Defaults) {
  master::Flags flags;
  ASSERT_EQ("", errorOf(load(flags, {"--work_dir=/tmp/master"})));
  EXPECT_TRUE(flags.validate().isNone());

  EXPECT_EQ("/tmp/master", flags.work_dir.get());
  EXPECT_TRUE(flags.ip.isNone());
  EXPECT_EQ(5050, flags.port);
  EXPECT_TRUE(flags.advertise_ip.isNone());
  EXPECT_TRUE(flags.advertise_port.isNone());
  EXPECT_TRUE(flags.hostname.isNone());
  EXPECT_TRUE(flags.hostname_lookup);
  EXPECT_EQ("replicated_log", flags.registry);
  EXPECT_FALSE(flags.registry_strict);
  EXPECT_EQ(Minutes(1), flags.registry_fetch_timeout);
  EXPECT_EQ(Seconds(20), flags.registry_store_timeout);
  EXPECT_EQ(Minutes(15), flags.registry_gc_interval);
  EXPECT_EQ(Weeks(2), flags.registry_max_agent_age);
  EXPECT_EQ(102400u, flags.registry_max_agent_count);
  EXPECT_EQ(Seconds(15), flags.agent_ping_timeout);
  EXPECT_EQ(5u, flags.max_agent_ping_timeouts);
  EXPECT_EQ(Minutes(10), flags.agent_reregister_timeout);
  EXPECT_EQ("100%", flags.recovery_agent_removal_limit);
  EXPECT_TRUE(flags.agent_removal_rate_limit.isNone());
  EXPECT_EQ("hierarchical", flags.allocator);
  EXPECT_EQ(Seconds(1), flags.allocation_interval);
  EXPECT_TRUE(flags.offer_timeout.isNone());
  EXPECT_EQ("cpus:0.01|mem:32", flags.min_allocatable_resources);
  EXPECT_TRUE(flags.roles.isNone());
  EXPECT_TRUE(flags.weights.isNone());
  EXPECT_EQ("drf", flags.role_sorter);
  EXPECT_EQ("drf", flags.framework_sorter);
  EXPECT_EQ(50u, flags.max_completed_frameworks);
  EXPECT_EQ(1000u, flags.max_completed_tasks_per_framework);
  EXPECT_EQ(1000u, flags.max_unreachable_tasks_per_framework);
  EXPECT_EQ(1000u, flags.max_operator_event_stream_subscribers);
  EXPECT_FALSE(flags.authenticate_frameworks);
  EXPECT_FALSE(flags.authenticate_agents);
  EXPECT_FALSE(flags.authenticate_http_readonly);
  EXPECT_FALSE(flags.authenticate_http_readwrite);
  EXPECT_FALSE(flags.authenticate_http_frameworks);
  EXPECT_EQ("crammd5", flags.authenticators);
  EXPECT_EQ(Seconds(15), flags.authentication_v0_timeout);
  EXPECT_TRUE(flags.cluster.isNone());
  EXPECT_TRUE(flags.log_dir.isNone());
  EXPECT_EQ("INFO", flags.logging_level);
  EXPECT_FALSE(flags.quiet);
  EXPECT_EQ(Seconds(10), flags.zk_session_timeout);
}

TEST(MasterFlagsTest, CommandLineAndEnvironment) {
  ScopedEnv allocation("MESOS_ALLOCATION_INTERVAL", "5secs");
  ScopedEnv port("MESOS_PORT", "6000");

  master::Flags flags;
  ASSERT_EQ(
      "", errorOf(load(
              flags,
              {"--registry=in_memory", "--port=6050", "--offer_timeout=30secs",
               "--weights=a=2,b=0.5", "--min_allocatable_resources=cpus:1",
               "--agent_removal_rate_limit=1/10mins",
               "--recovery_agent_removal_limit=50%", "--cluster=test"})));
  EXPECT_TRUE(flags.validate().isNone());
  EXPECT_EQ("in_memory", flags.registry);
  EXPECT_EQ(6050, flags.port);
  EXPECT_EQ(Seconds(5), flags.allocation_interval);
  EXPECT_EQ(Seconds(30), flags.offer_timeout.get());
  EXPECT_EQ("a=2,b=0.5", flags.weights.get());
  EXPECT_EQ("1/10mins", flags.agent_removal_rate_limit.get());
  EXPECT_EQ("test", flags.cluster.get());
}

TEST(MasterFlagsTest, DeprecatedAgentNamesWarn) {
  master::Flags flags;
  Try<flags::Warnings> result =
      load(flags, {"--work_dir=/tmp", "--slave_ping_timeout=30secs",
                   "--max_slave_ping_timeouts=3", "--authenticate_slaves",
                   "--user_sorter=drf"});
  ASSERT_EQ("", errorOf(result));
  EXPECT_EQ(Seconds(30), flags.agent_ping_timeout);
  EXPECT_EQ(3u, flags.max_agent_ping_timeouts);
  EXPECT_TRUE(flags.authenticate_agents);
  EXPECT_EQ("drf", flags.role_sorter);
  EXPECT_EQ(4u, result->warnings.size());
}

TEST(MasterFlagsTest, WorkDirRequiredForReplicatedLog) {
  master::Flags flags;
  ASSERT_EQ("", errorOf(load(flags, {})));
  ASSERT_TRUE(flags.validate().isSome());
  EXPECT_NE(std::string::npos, flags.validate()->message.find("--work_dir"));

  master::Flags inMemory;
  ASSERT_EQ("", errorOf(load(inMemory, {"--registry=in_memory"})));
  EXPECT_TRUE(inMemory.validate().isNone());
}

TEST(MasterFlagsTest, BadValuesAreRejected) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"--agent_ping_timeout=15", "agent_ping_timeout"},
      {"--agent_ping_timeout=0secs", "agent_ping_timeout"},
      {"--max_agent_ping_timeouts=0", "max_agent_ping_timeouts"},
      {"--agent_reregister_timeout=5mins", "agent_reregister_timeout"},
      {"--allocation_interval=-1secs", "allocation_interval"},
      {"--offer_timeout=never", "offer_timeout"},
      {"--port=65536", "port"},
      {"--registry=zookeeper", "registry"},
      {"--allocator=random", "allocator"},
      {"--logging_level=VERBOSE", "logging_level"},
      {"--min_allocatable_resources=cpus", "min_allocatable_resources"},
      {"--weights=a=-1", "weights"},
      {"--weights=a", "weights"},
      {"--recovery_agent_removal_limit=150%", "recovery_agent_removal_limit"},
      {"--recovery_agent_removal_limit=50", "recovery_agent_removal_limit"},
      {"--agent_removal_rate_limit=1/soon", "agent_removal_rate_limit"},
      {"--role_sorter=random", "role_sorter"},
      {"--agent_ping_timeout=1hrs", "agent_ping_timeout"},
      {"--advertise_ip=1.2.3", "advertise_ip"},
  };
  for (const auto& [argument, name] : cases) {
    master::Flags flags;
    const std::string error =
        errorOf(load(flags, {"--work_dir=/tmp", argument}));
    EXPECT_NE(std::string::npos, error.find("'" + name + "'"))
        << argument << ": " << error;
  }
}

TEST(MasterFlagsTest, UnknownFlagIsRejected) {
  master::Flags flags;
  const std::string error = errorOf(
      load(flags, {"--work_dir=/tmp", "--framework_failover_timeout=1"}));
  EXPECT_NE(std::string::npos,
            error.find("unknown flag 'framework_failover_timeout'"))
      << error;
}

TEST(MasterFlagsTest, UsageListsEveryFlag) {
  master::Flags flags;
  const std::string usage = flags.usage();
  size_t count = 0;
  for (const auto& [name, flag] : flags) {
    const bool listed =
        usage.find("--" + name + "=VALUE") != std::string::npos ||
        usage.find("--[no-]" + name) != std::string::npos;
    EXPECT_TRUE(listed) << name;
    count++;
  }
  EXPECT_GE(count, 50u);
  EXPECT_NE(std::string::npos, usage.find("--slave_ping_timeout=VALUE"));
  EXPECT_NE(std::string::npos, usage.find("(default: 5050)"));
  EXPECT_NE(std::string::npos, usage.find("(default: 15secs)"));
}

}  // namespace
