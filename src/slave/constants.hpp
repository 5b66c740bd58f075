#ifndef MESOS_SLAVE_CONSTANTS_HPP
#define MESOS_SLAVE_CONSTANTS_HPP

#include <cstddef>

#include <stout/bytes.hpp>
#include <stout/duration.hpp>

// The agent's constants, with Apache Mesos 1.11's names and values. The
// DEFAULT_* ones are the defaults of the agent flags of the same name
// (slave/flags.hpp); the others are fixed.
namespace mesos {
namespace internal {
namespace slave {

// --executor_registration_timeout: how long a launched executor has to
// register before its container is destroyed.
inline const Duration EXECUTOR_REGISTRATION_TIMEOUT = Minutes(1);

// --executor_reregistration_timeout: how long recovered executors have to
// reregister after an agent restart, and its upper bound.
inline const Duration EXECUTOR_REREGISTRATION_TIMEOUT = Seconds(2);
inline const Duration MAX_EXECUTOR_REREGISTRATION_TIMEOUT = Seconds(15);

// --executor_shutdown_grace_period: time between asking an executor to
// shut down and destroying its container.
inline const Duration DEFAULT_EXECUTOR_SHUTDOWN_GRACE_PERIOD = Seconds(5);

// Interval between heartbeats to HTTP executors.
inline const Duration DEFAULT_EXECUTOR_HEARTBEAT_INTERVAL = Minutes(30);

// --recovery_timeout: how long a checkpointing executor waits for a
// restarted agent before it exits.
inline const Duration RECOVERY_TIMEOUT = Minutes(15);

// Status update retries: the first after the MIN interval, each next one
// after twice the previous interval, capped at MAX; retries never stop.
inline const Duration STATUS_UPDATE_RETRY_INTERVAL_MIN = Seconds(10);
inline const Duration STATUS_UPDATE_RETRY_INTERVAL_MAX = Minutes(10);

// --registration_backoff_factor: the first (re)registration attempt waits a
// random time in [0, factor); each retry doubles the bound up to
// REGISTER_RETRY_INTERVAL_MAX, which stays well below the master's
// MIN_AGENT_REREGISTER_TIMEOUT.
inline const Duration DEFAULT_REGISTRATION_BACKOFF_FACTOR = Seconds(1);
inline const Duration REGISTER_RETRY_INTERVAL_MAX = Minutes(1);

// --authentication_backoff_factor, --authentication_timeout_min and
// --authentication_timeout_max.
inline const Duration DEFAULT_AUTHENTICATION_BACKOFF_FACTOR = Seconds(1);
inline const Duration DEFAULT_AUTHENTICATION_TIMEOUT_MIN = Seconds(5);
inline const Duration DEFAULT_AUTHENTICATION_TIMEOUT_MAX = Minutes(1);

// --gc_delay and --disk_watch_interval.
inline const Duration GC_DELAY = Weeks(1);
inline const Duration DISK_WATCH_INTERVAL = Minutes(1);

// --gc_disk_headroom: the fraction of the disk garbage collection keeps
// free.
constexpr double GC_DISK_HEADROOM = 0.1;

// Completed frameworks the agent remembers.
constexpr size_t MAX_COMPLETED_FRAMEWORKS = 50;

// --max_completed_executors_per_framework.
constexpr size_t DEFAULT_MAX_COMPLETED_EXECUTORS_PER_FRAMEWORK = 150;

// Completed tasks remembered per executor.
constexpr size_t MAX_COMPLETED_TASKS_PER_EXECUTOR = 200;

// The longest container ID (a directory name on every file system).
constexpr size_t MAX_CONTAINER_ID_LENGTH = 242;

// Resources offered when they cannot be detected on the host.
constexpr double DEFAULT_CPUS = 1;
constexpr Bytes DEFAULT_MEM = Bytes(1, Bytes::GIGABYTES);
constexpr Bytes DEFAULT_DISK = Bytes(10, Bytes::GIGABYTES);
constexpr char DEFAULT_PORTS[] = "[31000-32000]";

// Resources added for the command executor of a task without ExecutorInfo.
constexpr double DEFAULT_EXECUTOR_CPUS = 0.1;
constexpr Bytes DEFAULT_EXECUTOR_MEM = Bytes(32, Bytes::MEGABYTES);

// --authenticatee and --authorizer.
constexpr char DEFAULT_AUTHENTICATEE[] = "crammd5";
constexpr char DEFAULT_AUTHORIZER[] = "local";

// HTTP authentication realms of the agent's endpoints.
constexpr char READONLY_HTTP_AUTHENTICATION_REALM[] = "mesos-agent-readonly";
constexpr char READWRITE_HTTP_AUTHENTICATION_REALM[] = "mesos-agent-readwrite";
constexpr char EXECUTOR_HTTP_AUTHENTICATION_REALM[] = "mesos-agent-executor";

// --fetcher_cache_size and --fetcher_stall_timeout.
constexpr Bytes DEFAULT_FETCHER_CACHE_SIZE = Bytes(2, Bytes::GIGABYTES);
inline const Duration DEFAULT_FETCHER_STALL_TIMEOUT = Minutes(1);

// Executables in --launcher_dir.
constexpr char MESOS_DEFAULT_EXECUTOR[] = "mesos-default-executor";
constexpr char MESOS_EXECUTOR[] = "mesos-executor";

// The agent re-detects the master when no ping arrived for this long:
// the master's default ping timeout times its default allowed misses
// (75secs). A registered agent uses the master's
// `total_ping_timeout_seconds` from the registration message instead.
Duration DEFAULT_MASTER_PING_TIMEOUT();

}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SLAVE_CONSTANTS_HPP
