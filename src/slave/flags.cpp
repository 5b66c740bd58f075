#include "slave/flags.hpp"

#include <unistd.h>

#include <cstdlib>
#include <vector>

#include <stout/numify.hpp>
#include <stout/path.hpp>
#include <stout/strings.hpp>

#include "common/flag_validators.hpp"
#include "slave/constants.hpp"

namespace mesos {
namespace internal {
namespace slave {

namespace {

using flag_validators::oneOf;
using flag_validators::positive;
using flag_validators::validIp;
using flag_validators::validPort;

std::string temporaryDirectory() {
  const char* tmpdir = std::getenv("TMPDIR");
  return tmpdir != nullptr && *tmpdir != '\0' ? tmpdir : "/tmp";
}

// The directory of the running executable, or the working directory.
std::string executableDirectory() {
  char buffer[4096];
  const ssize_t length = ::readlink("/proc/self/exe", buffer, sizeof(buffer));
  if (length <= 0 || static_cast<size_t>(length) >= sizeof(buffer)) {
    return ".";
  }
  return Path(std::string(buffer, static_cast<size_t>(length))).dirname();
}

}  // namespace

Flags::Flags() {
  setUsageMessage(
      "Usage: mesos-agent --master=HOST:PORT --work_dir=DIR "
      "[options]");

  add(&Flags::master, "master",
      "Where to find the master: HOST:PORT, zk://..., or file:///path to a "
      "file holding either.");
  add(&Flags::ip, "ip", "IPv4 address to listen on.", validIp);
  add(&Flags::port, "port", "Port to listen on.", uint16_t(5051));
  add(&Flags::advertise_ip, "advertise_ip",
      "IPv4 address published to the master and executors instead of --ip\n"
      "(for agents behind NAT).",
      validIp);
  add(&Flags::advertise_port, "advertise_port",
      "Port published to the master and executors instead of --port.",
      validPort);
  add(&Flags::hostname, "hostname",
      "Hostname the agent reports to the master (default: looked up from "
      "the\nIP address, see --hostname_lookup).");
  add(&Flags::hostname_lookup, "hostname_lookup",
      "Whether to find the hostname by reverse DNS lookup when --hostname "
      "is\nnot given; if false, the IP address is used.",
      true);
  add(&Flags::zk_session_timeout, "zk_session_timeout",
      "ZooKeeper session timeout when --master is a zk:// URL.",
      Duration(Seconds(10)), positive);

  add(&Flags::work_dir, "work_dir", None(),
      "Directory for sandboxes and checkpointed state (required).",
      static_cast<const std::string*>(nullptr),
      [](const std::string& value) -> Option<Error> {
        if (value.empty())
          return Error("--work_dir must not be empty");
        return None();
      });
  add(&Flags::runtime_dir, "runtime_dir",
      "Directory for runtime state that does not survive a reboot.",
      ::geteuid() == 0 ? std::string("/var/run/mesos")
                       : path::join(temporaryDirectory(), "mesos", "runtime"));
  add(&Flags::launcher_dir, "launcher_dir",
      "Directory holding mesos-executor and the other helper binaries.",
      executableDirectory());
  add(&Flags::sandbox_directory, "sandbox_directory",
      "Where the sandbox is mapped inside a container with its own file\n"
      "system image.",
      std::string("/mnt/mesos/sandbox"),
      [](const std::string& value) -> Option<Error> {
        if (!strings::startsWith(value, "/"))
          return Error("Expected an absolute path, got '" + value + "'");
        return None();
      });
  add(&Flags::frameworks_home, "frameworks_home",
      "Directory prepended to relative executor paths (deprecated in "
      "Mesos).",
      std::string(""));
  add(&Flags::hadoop_home, "hadoop_home",
      "Hadoop installation the fetcher uses for hdfs:// URIs (default: "
      "$HADOOP_HOME,\nthen 'hadoop' on the PATH).",
      std::string(""));

  add(&Flags::resources, "resources",
      "Resources to offer, as 'name(role):value;...' or a JSON array of\n"
      "Resource objects; what is not given is detected from the host.");
  add(&Flags::attributes, "attributes",
      "Attributes of this agent, as 'name:value;...'.");
  add(&Flags::default_role, "default_role",
      "Role of resources given in --resources without a role.",
      std::string("*"));
  add(&Flags::reconfiguration_policy, "reconfiguration_policy",
      "How agent info may change across a restart: 'equal' (no change) or\n"
      "'additive' (only additions).",
      std::string("equal"), [](const std::string& value) {
        return oneOf(value, {"equal", "additive"});
      });

  add(&Flags::containerizers, "containerizers",
      "Comma-separated containerizers to try in order: 'mesos' and/or\n"
      "'external'.",
      std::string("mesos"), [](const std::string& value) -> Option<Error> {
        const std::vector<std::string> names = strings::split(value, ",");
        for (const std::string& name : names) {
          Option<Error> error = oneOf(name, {"mesos", "external"});
          if (error.isSome())
            return error;
        }
        return None();
      });
  add(&Flags::containerizer_path, "containerizer_path",
      "Program the external containerizer runs (required with\n"
      "--containerizers=external).");
  add(&Flags::isolation, "isolation",
      "Comma-separated isolators of the Mesos containerizer.",
      std::string("posix/cpu,posix/mem"),
      [](const std::string& value) -> Option<Error> {
        if (strings::trim(value).empty())
          return Error("Expected at least one isolator");
        return None();
      });
  add(&Flags::launcher, "launcher",
      "How the Mesos containerizer starts and kills containers: 'posix'.",
      std::string("posix"),
      [](const std::string& value) { return oneOf(value, {"posix"}); });
  add(&Flags::default_container_image, "default_container_image",
      "Image used for containers that do not name one (passed to the "
      "external\ncontainerizer as MESOS_DEFAULT_CONTAINER_IMAGE).");
  add(&Flags::executor_environment_variables, "executor_environment_variables",
      "JSON object of string values: the environment executors get instead "
      "of\nthe agent's.",
      [](const Option<JSON::Object>& object) -> Option<Error> {
        if (object.isNone())
          return None();
        for (const auto& [name, value] : object->values) {
          if (!value.is<JSON::String>()) {
            return Error("Value of '" + name + "' is not a string");
          }
        }
        return None();
      });
  add(&Flags::switch_user, "switch_user",
      "Whether to run tasks as the user who submitted them rather than as "
      "the\nagent's user.",
      true);
  add(&Flags::http_command_executor, "http_command_executor",
      "Whether the command executor uses the HTTP executor API instead of\n"
      "libprocess messages.",
      false);
  add(&Flags::container_disk_watch_interval, "container_disk_watch_interval",
      "How often container disk usage is checked against its quota.",
      Duration(Seconds(15)), positive);
  add(&Flags::enforce_container_disk_quota, "enforce_container_disk_quota",
      "Whether a container that exceeds its disk quota is killed.", false);

  add(&Flags::executor_registration_timeout, "executor_registration_timeout",
      "How long a new executor has to register before its container is\n"
      "destroyed.",
      EXECUTOR_REGISTRATION_TIMEOUT, positive);
  add(&Flags::executor_reregistration_timeout,
      "executor_reregistration_timeout",
      "How long executors have to reregister with a recovering agent (at "
      "most\n" +
          stringify(MAX_EXECUTOR_REREGISTRATION_TIMEOUT) + ").",
      EXECUTOR_REREGISTRATION_TIMEOUT,
      [](const Duration& value) -> Option<Error> {
        if (value < Duration::zero())
          return Error("Expected a non-negative duration");
        if (value > MAX_EXECUTOR_REREGISTRATION_TIMEOUT) {
          return Error("Expected at most " +
                       stringify(MAX_EXECUTOR_REREGISTRATION_TIMEOUT) +
                       ", got " + stringify(value));
        }
        return None();
      });
  add(&Flags::executor_reregistration_retry_interval,
      "executor_reregistration_retry_interval",
      "Interval at which a recovering agent resends the reconnect message "
      "to\nexecutors (default: sent once).",
      [](const Option<Duration>& value) -> Option<Error> {
        return value.isSome() ? positive(value.get()) : None();
      });
  add(&Flags::executor_shutdown_grace_period, "executor_shutdown_grace_period",
      "Time between asking an executor to shut down and destroying its\n"
      "container.",
      DEFAULT_EXECUTOR_SHUTDOWN_GRACE_PERIOD,
      [](const Duration& value) -> Option<Error> {
        if (value < Duration::zero())
          return Error("Expected a non-negative duration");
        return None();
      });
  add(&Flags::max_completed_executors_per_framework,
      "max_completed_executors_per_framework",
      "Completed executors per framework kept in memory for the endpoints.",
      DEFAULT_MAX_COMPLETED_EXECUTORS_PER_FRAMEWORK);

  add(&Flags::fetcher_cache_size, "fetcher_cache_size",
      "Space the fetcher cache may use.", DEFAULT_FETCHER_CACHE_SIZE);
  add(&Flags::fetcher_cache_dir, "fetcher_cache_dir",
      "Directory of the fetcher cache.",
      path::join(temporaryDirectory(), "mesos", "fetch"));
  add(&Flags::fetcher_stall_timeout, "fetcher_stall_timeout",
      "A download that receives nothing for this long fails.",
      DEFAULT_FETCHER_STALL_TIMEOUT, positive);

  add(&Flags::registration_backoff_factor, "registration_backoff_factor",
      "The first (re)registration with a master waits a random time up to\n"
      "this; each retry doubles the bound, up to " +
          stringify(REGISTER_RETRY_INTERVAL_MAX) + ".",
      DEFAULT_REGISTRATION_BACKOFF_FACTOR, positive);
  add(&Flags::authenticatee, "authenticatee",
      "Mechanism used to authenticate with the master.",
      std::string(DEFAULT_AUTHENTICATEE));
  add(&Flags::credential, "credential",
      "File holding the principal and secret to authenticate with.");
  add(&Flags::authentication_backoff_factor, "authentication_backoff_factor",
      "Retries of a failed authentication wait a random time up to this "
      "times\n2^attempts.",
      DEFAULT_AUTHENTICATION_BACKOFF_FACTOR, positive);
  add(&Flags::authentication_timeout_min, "authentication_timeout_min",
      "First timeout of an authentication attempt; it doubles on each "
      "retry.",
      DEFAULT_AUTHENTICATION_TIMEOUT_MIN, positive);
  add(&Flags::authentication_timeout_max, "authentication_timeout_max",
      "Largest timeout of an authentication attempt.",
      DEFAULT_AUTHENTICATION_TIMEOUT_MAX, positive);
  add(&Flags::authenticate_http_readonly, "authenticate_http_readonly",
      "Whether read-only HTTP endpoints require authentication.", false);
  add(&Flags::authenticate_http_readwrite, "authenticate_http_readwrite",
      "Whether HTTP endpoints that change state require authentication.",
      false);

  add(&Flags::recover, "recover",
      "What to do with checkpointed state on start: 'reconnect' (to "
      "running\nexecutors) or 'cleanup' (kill them and start afresh).",
      std::string("reconnect"), [](const std::string& value) {
        return oneOf(value, {"reconnect", "cleanup"});
      });
  add(&Flags::strict, "strict",
      "Whether recovery fails on any error in the checkpointed state; if "
      "false,\nunreadable state is skipped.",
      true);
  add(&Flags::recovery_timeout, "recovery_timeout",
      "How long executors of checkpointing frameworks wait for a restarted\n"
      "agent before they exit.",
      RECOVERY_TIMEOUT, positive);

  add(&Flags::gc_delay, "gc_delay",
      "Longest time a finished executor's sandbox is kept; shortened as the\n"
      "disk fills.",
      GC_DELAY, positive);
  add(&Flags::gc_disk_headroom, "gc_disk_headroom",
      "Fraction of the disk that garbage collection aims to keep free "
      "(0.0-1.0).",
      GC_DISK_HEADROOM, [](const double& value) -> Option<Error> {
        if (!(value >= 0.0 && value <= 1.0)) {
          return Error("Expected a value between 0.0 and 1.0, got " +
                       stringify(value));
        }
        return None();
      });
  add(&Flags::disk_watch_interval, "disk_watch_interval",
      "How often disk usage is checked to adjust garbage collection.",
      DISK_WATCH_INTERVAL, positive);

  add(&Flags::version, "version", "Prints the version and exits.", false);
}

Option<Error> Flags::validate() const {
  const std::vector<std::string> names = strings::split(containerizers, ",");
  for (const std::string& name : names) {
    if (name == "external" && containerizer_path.isNone()) {
      return Error(
          "--containerizer_path is required with "
          "--containerizers including 'external'");
    }
  }
  if (authentication_timeout_min > authentication_timeout_max) {
    return Error("--authentication_timeout_min (" +
                 stringify(authentication_timeout_min) +
                 ") exceeds --authentication_timeout_max (" +
                 stringify(authentication_timeout_max) + ")");
  }
  return None();
}

}  // namespace slave
}  // namespace internal
}  // namespace mesos
