#include "master/flags.hpp"

#include <cmath>
#include <vector>

#include <stout/numify.hpp>
#include <stout/strings.hpp>

#include "common/flag_validators.hpp"
#include "master/allocator/allocator.hpp"
#include "master/constants.hpp"

namespace mesos {
namespace internal {
namespace master {

namespace {

using flag_validators::oneOf;
using flag_validators::positive;
using flag_validators::validIp;
using flag_validators::validPort;

Option<Error> atLeastOne(const size_t& value) {
  if (value < 1)
    return Error("Expected at least 1");
  return None();
}

// "N%" with 0 <= N <= 100.
Option<Error> validPercentage(const std::string& value) {
  const std::string number = strings::remove(value, "%", strings::SUFFIX);
  Try<double> percent = numify<double>(number);
  if (number == value || percent.isError() || !(percent.get() >= 0.0) ||
      percent.get() > 100.0) {
    return Error("Expected a percentage such as '100%', got '" + value + "'");
  }
  return None();
}

// "N/DURATION": at most N removals per DURATION, e.g. "1/10mins".
Option<Error> validRateLimit(const Option<std::string>& value) {
  if (value.isNone())
    return None();
  const std::vector<std::string> parts = strings::split(value.get(), "/");
  const Error error("Expected 'N/DURATION' such as '1/10mins', got '" +
                    value.get() + "'");
  if (parts.size() != 2)
    return error;
  Try<unsigned> count = numify<unsigned>(parts[0]);
  Try<Duration> per = Duration::parse(parts[1]);
  if (count.isError() || count.get() == 0 || per.isError() ||
      per.get() <= Duration::zero()) {
    return error;
  }
  return None();
}

// "role=weight,..." with positive finite weights.
Option<Error> validWeights(const Option<std::string>& value) {
  if (value.isNone())
    return None();
  for (const std::string& entry : strings::split(value.get(), ",")) {
    const std::vector<std::string> pair = strings::split(entry, "=");
    if (pair.size() != 2 || pair[0].empty()) {
      return Error("Expected 'role=weight' entries, got '" + entry + "'");
    }
    Try<double> weight = numify<double>(pair[1]);
    if (weight.isError() || !std::isfinite(weight.get()) ||
        weight.get() <= 0.0) {
      return Error("Weight of role '" + pair[0] +
                   "' is not a positive number: '" + pair[1] + "'");
    }
  }
  return None();
}

}  // namespace

Flags::Flags() {
  setUsageMessage("Usage: mesos-master --work_dir=DIR [options]");

  add(&Flags::ip, "ip", "IPv4 address to listen on.", validIp);
  add(&Flags::port, "port", "Port to listen on.", uint16_t(5050));
  add(&Flags::advertise_ip, "advertise_ip",
      "IPv4 address published to agents and frameworks instead of --ip.",
      validIp);
  add(&Flags::advertise_port, "advertise_port",
      "Port published to agents and frameworks instead of --port.", validPort);
  add(&Flags::hostname, "hostname",
      "Hostname the master advertises (default: looked up from the IP\n"
      "address, see --hostname_lookup).");
  add(&Flags::hostname_lookup, "hostname_lookup",
      "Whether to find the hostname by reverse DNS lookup when --hostname "
      "is\nnot given; if false, the IP address is used.",
      true);
  add(&Flags::cluster, "cluster", "Human-readable name of the cluster.");

  add(&Flags::zk, "zk", "ZooKeeper URL for leader election.");
  add(&Flags::quorum, "quorum",
      "Size of the replicated log's quorum (with --zk).",
      [](const Option<size_t>& value) -> Option<Error> {
        if (value.isSome() && value.get() < 1)
          return Error("Expected at least 1");
        return None();
      });
  add(&Flags::zk_session_timeout, "zk_session_timeout",
      "ZooKeeper session timeout.", ZOOKEEPER_SESSION_TIMEOUT, positive);

  add(&Flags::work_dir, "work_dir",
      "Directory of the master's durable state (the registry); required\n"
      "unless --registry=in_memory.",
      [](const Option<std::string>& value) -> Option<Error> {
        if (value.isSome() && value->empty())
          return Error("--work_dir must not be empty");
        return None();
      });
  add(&Flags::registry, "registry",
      "Where the registry of agents is kept: 'replicated_log' (durably, in\n"
      "--work_dir) or 'in_memory' (lost on restart).",
      std::string("replicated_log"), [](const std::string& value) {
        return oneOf(value, {"replicated_log", "in_memory"});
      });
  add(&Flags::registry_strict, "registry_strict",
      "Whether the master refuses agents the registry does not allow "
      "(Mesos:\nexperimental).",
      false);
  add(&Flags::registry_fetch_timeout, "registry_fetch_timeout",
      "Time after which reading the registry on start is a failure.",
      Duration(Minutes(1)), positive);
  add(&Flags::registry_store_timeout, "registry_store_timeout",
      "Time after which an update of the registry is a failure.",
      Duration(Seconds(20)), positive);
  add(&Flags::registry_gc_interval, "registry_gc_interval",
      "How often unreachable and gone agents are pruned from the registry.",
      DEFAULT_REGISTRY_GC_INTERVAL, positive);
  add(&Flags::registry_max_agent_age, "registry_max_agent_age",
      "Longest time an unreachable or gone agent stays in the registry.",
      DEFAULT_REGISTRY_MAX_AGENT_AGE, positive);
  add(&Flags::registry_max_agent_count, "registry_max_agent_count",
      "Most unreachable or gone agents kept in the registry.",
      DEFAULT_REGISTRY_MAX_AGENT_COUNT);
  add(&Flags::log_auto_initialize, "log_auto_initialize",
      "Whether an empty registry is initialized on the first start.", true);

  add(&Flags::agent_ping_timeout, "agent_ping_timeout",
      flags::DeprecatedName("slave_ping_timeout"),
      "Interval of the master's pings to each agent; a ping unanswered "
      "within\nit is a miss.",
      DEFAULT_AGENT_PING_TIMEOUT, [](const Duration& value) -> Option<Error> {
        if (value < Seconds(1) || value > Minutes(15)) {
          return Error("Expected a duration between 1secs and 15mins, got " +
                       stringify(value));
        }
        return None();
      });
  add(&Flags::max_agent_ping_timeouts, "max_agent_ping_timeouts",
      flags::DeprecatedName("max_slave_ping_timeouts"),
      "Consecutive missed pings after which an agent is unreachable.",
      DEFAULT_MAX_AGENT_PING_TIMEOUTS, atLeastOne);
  add(&Flags::agent_reregister_timeout, "agent_reregister_timeout",
      flags::DeprecatedName("slave_reregister_timeout"),
      "How long agents known from the registry have to reregister after a\n"
      "master failover before they are unreachable (at least " +
          stringify(MIN_AGENT_REREGISTER_TIMEOUT) + ").",
      MIN_AGENT_REREGISTER_TIMEOUT, [](const Duration& value) -> Option<Error> {
        if (value < MIN_AGENT_REREGISTER_TIMEOUT) {
          return Error("Expected at least " +
                       stringify(MIN_AGENT_REREGISTER_TIMEOUT) + ", got " +
                       stringify(value));
        }
        return None();
      });
  add(&Flags::recovery_agent_removal_limit, "recovery_agent_removal_limit",
      flags::DeprecatedName("recovery_slave_removal_limit"),
      "Largest share of registered agents that may be removed for not\n"
      "reregistering after a failover; above it the master exits.",
      std::string("100%"), validPercentage);
  add(&Flags::agent_removal_rate_limit, "agent_removal_rate_limit",
      flags::DeprecatedName("slave_removal_rate_limit"),
      "Most agents removed for failed health checks per time, as "
      "'N/DURATION'\n(default: no limit).",
      validRateLimit);

  add(&Flags::allocator, "allocator",
      "Allocator: 'hierarchical' (weighted DRF; 'HierarchicalDRF' is the "
      "same).",
      std::string(DEFAULT_ALLOCATOR), [](const std::string& value) {
        return oneOf(value, {"hierarchical", "HierarchicalDRF"});
      });
  add(&Flags::allocation_interval, "allocation_interval",
      "Interval between batch allocations.", DEFAULT_ALLOCATION_INTERVAL,
      positive);
  add(&Flags::min_allocatable_resources, "min_allocatable_resources",
      "Smallest offer: alternatives separated by '|', each a ';' separated "
      "set\nof 'name:quantity' that must all be met.",
      std::string("cpus:0.01|mem:32"),
      [](const std::string& value) -> Option<Error> {
        auto parsed = allocator::parseMinAllocatableResources(value);
        if (parsed.isError())
          return Error(parsed.error());
        return None();
      });
  add(&Flags::roles, "roles",
      "Comma-separated list of the roles frameworks may use (deprecated in\n"
      "Mesos; default: any role).");
  add(&Flags::weights, "weights",
      "Role weights as 'role=weight,...' (default: 1 each).", validWeights);
  add(&Flags::whitelist, "whitelist",
      "File listing the hostnames of agents whose resources are offered\n"
      "(default: all).");
  add(&Flags::role_sorter, "role_sorter", flags::DeprecatedName("user_sorter"),
      "Policy between roles: 'drf' ('random' is not implemented).",
      std::string("drf"),
      [](const std::string& value) { return oneOf(value, {"drf"}); });
  add(&Flags::framework_sorter, "framework_sorter",
      "Policy between the frameworks of a role: 'drf'.", std::string("drf"),
      [](const std::string& value) { return oneOf(value, {"drf"}); });
  add(&Flags::fair_sharing_excluded_resource_names,
      "fair_sharing_excluded_resource_names",
      "Comma-separated resource names left out of dominant share "
      "computations.");
  add(&Flags::filter_gpu_resources, "filter_gpu_resources",
      "Whether agents with GPUs are offered only to GPU-aware frameworks.",
      true);
  add(&Flags::offer_timeout, "offer_timeout",
      "Time after which an unanswered offer is rescinded (default: never).",
      [](const Option<Duration>& value) -> Option<Error> {
        return value.isSome() ? positive(value.get()) : None();
      });

  add(&Flags::max_completed_frameworks, "max_completed_frameworks",
      "Completed frameworks kept in memory for the endpoints.",
      DEFAULT_MAX_COMPLETED_FRAMEWORKS);
  add(&Flags::max_completed_tasks_per_framework,
      "max_completed_tasks_per_framework",
      "Completed tasks per framework kept in memory for the endpoints.",
      DEFAULT_MAX_COMPLETED_TASKS_PER_FRAMEWORK);
  add(&Flags::max_unreachable_tasks_per_framework,
      "max_unreachable_tasks_per_framework",
      "Unreachable tasks per framework kept in memory for the endpoints.",
      DEFAULT_MAX_UNREACHABLE_TASKS_PER_FRAMEWORK);
  add(&Flags::max_operator_event_stream_subscribers,
      "max_operator_event_stream_subscribers",
      "Most concurrent subscribers of the operator API event stream.",
      DEFAULT_MAX_OPERATOR_EVENT_STREAM_SUBSCRIBERS);
  add(&Flags::publish_per_framework_metrics, "publish_per_framework_metrics",
      "Whether metrics are published per framework.", true);

  add(&Flags::authenticate_frameworks, "authenticate_frameworks",
      flags::DeprecatedName("authenticate"),
      "Whether only authenticated frameworks may register.", false);
  add(&Flags::authenticate_agents, "authenticate_agents",
      flags::DeprecatedName("authenticate_slaves"),
      "Whether only authenticated agents may register.", false);
  add(&Flags::authenticate_http_readonly, "authenticate_http_readonly",
      "Whether read-only HTTP endpoints require authentication.", false);
  add(&Flags::authenticate_http_readwrite, "authenticate_http_readwrite",
      flags::DeprecatedName("authenticate_http"),
      "Whether HTTP endpoints that change state require authentication.",
      false);
  add(&Flags::authenticate_http_frameworks, "authenticate_http_frameworks",
      "Whether HTTP (v1) schedulers must authenticate.", false);
  add(&Flags::credentials, "credentials",
      "File of the principals and secrets accepted for authentication.");
  add(&Flags::authenticators, "authenticators",
      "Mechanism used to authenticate frameworks and agents.",
      std::string(DEFAULT_AUTHENTICATOR));
  add(&Flags::authentication_v0_timeout, "authentication_v0_timeout",
      "Time after which an unfinished message-based authentication is\n"
      "cancelled.",
      DEFAULT_AUTHENTICATION_V0_TIMEOUT, positive);
  add(&Flags::authorizers, "authorizers", "Authorizer of requests.",
      std::string(DEFAULT_AUTHORIZER));

  add(&Flags::version, "version", "Prints the version and exits.", false);
}

Option<Error> Flags::validate() const {
  if (registry == "replicated_log" && work_dir.isNone()) {
    return Error(
        "--work_dir is required with --registry=replicated_log "
        "(or use --registry=in_memory)");
  }
  return None();
}

}  // namespace master
}  // namespace internal
}  // namespace mesos
