#ifndef MESOS_MASTER_CONSTANTS_HPP
#define MESOS_MASTER_CONSTANTS_HPP

#include <cstddef>

#include <stout/bytes.hpp>
#include <stout/duration.hpp>

// The master's constants, with Apache Mesos 1.11's names and values. The
// DEFAULT_* ones are the defaults of the master flags of the same name
// (master/flags.hpp); the others are fixed. The agent derives its master
// ping timeout from the two ping defaults (slave/constants.hpp).
namespace mesos {
namespace internal {
namespace master {

// Outstanding offers a framework may hold at once.
constexpr int MAX_OFFERS_PER_FRAMEWORK = 50;

// The smallest offer: at least this many cpus or this much memory.
constexpr double MIN_CPUS = 0.01;
constexpr Bytes MIN_MEM = Bytes(32, Bytes::MEGABYTES);

// How long a v0 (message based) authentication may take.
inline const Duration DEFAULT_AUTHENTICATION_V0_TIMEOUT = Seconds(15);

// Interval between heartbeats to an HTTP (v1) scheduler.
inline const Duration DEFAULT_HEARTBEAT_INTERVAL = Seconds(15);

// --agent_ping_timeout: the master pings each agent this often and counts
// a miss when no pong arrived in between.
inline const Duration DEFAULT_AGENT_PING_TIMEOUT = Seconds(15);

// --max_agent_ping_timeouts: consecutive misses before the agent is
// considered unreachable.
constexpr size_t DEFAULT_MAX_AGENT_PING_TIMEOUTS = 5;

// The smallest --agent_reregister_timeout a (newly elected) master accepts;
// it is also the default.
inline const Duration MIN_AGENT_REREGISTER_TIMEOUT = Minutes(10);

// --recovery_agent_removal_limit as a fraction: 1.0 is "100%".
constexpr double RECOVERY_AGENT_REMOVAL_PERCENT_LIMIT = 1.0;

// Removed agents remembered (to refuse their reregistration).
constexpr size_t MAX_REMOVED_SLAVES = 100000;

// --max_operator_event_stream_subscribers.
constexpr size_t DEFAULT_MAX_OPERATOR_EVENT_STREAM_SUBSCRIBERS = 1000;

// --max_completed_frameworks.
constexpr size_t DEFAULT_MAX_COMPLETED_FRAMEWORKS = 50;

// --max_completed_tasks_per_framework.
constexpr size_t DEFAULT_MAX_COMPLETED_TASKS_PER_FRAMEWORK = 1000;

// --max_unreachable_tasks_per_framework.
constexpr size_t DEFAULT_MAX_UNREACHABLE_TASKS_PER_FRAMEWORK = 1000;

// How often the --whitelist file is re-read.
inline const Duration WHITELIST_WATCH_INTERVAL = Seconds(5);

// Default `limit` of the /master/tasks endpoint.
constexpr size_t TASK_LIMIT = 100;

// --registry_gc_interval, --registry_max_agent_age and
// --registry_max_agent_count.
inline const Duration DEFAULT_REGISTRY_GC_INTERVAL = Minutes(15);
inline const Duration DEFAULT_REGISTRY_MAX_AGENT_AGE = Weeks(2);
constexpr size_t DEFAULT_REGISTRY_MAX_AGENT_COUNT = 100 * 1024;

// Leader election labels (ZooKeeper) and the session timeout.
constexpr char MASTER_INFO_LABEL[] = "info";
constexpr char MASTER_INFO_JSON_LABEL[] = "json.info";
inline const Duration ZOOKEEPER_SESSION_TIMEOUT = Seconds(10);

// --authenticators.
constexpr char DEFAULT_AUTHENTICATOR[] = "crammd5";

// --allocator. "HierarchicalDRF" (the name before 1.11) is accepted too.
constexpr char DEFAULT_ALLOCATOR[] = "hierarchical";

// --allocation_interval.
inline const Duration DEFAULT_ALLOCATION_INTERVAL = Seconds(1);

// --authorizers.
constexpr char DEFAULT_AUTHORIZER[] = "local";

// HTTP authentication realms of the master's endpoints.
constexpr char READONLY_HTTP_AUTHENTICATION_REALM[] = "mesos-master-readonly";
constexpr char READWRITE_HTTP_AUTHENTICATION_REALM[] = "mesos-master-readwrite";
constexpr char DEFAULT_HTTP_FRAMEWORK_AUTHENTICATION_REALM[] =
    "mesos-master-scheduler";

// A role's weight unless --weights (or the weights API) says otherwise.
constexpr double DEFAULT_WEIGHT = 1.0;

}  // namespace master
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_MASTER_CONSTANTS_HPP
