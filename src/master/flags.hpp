#ifndef MESOS_MASTER_FLAGS_HPP
#define MESOS_MASTER_FLAGS_HPP

#include <cstddef>
#include <cstdint>
#include <string>

#include <stout/duration.hpp>
#include <stout/error.hpp>
#include <stout/flags.hpp>
#include <stout/option.hpp>

#include "logging/flags.hpp"

// The master's command-line flags: Apache Mesos 1.11's names, defaults and
// meanings for the flags this master implements (docs/master.md lists
// them). Loading works as for the agent (slave/flags.hpp): `--name=value`
// or MESOS_<NAME>, the command line winning; bad values fail the load with
// a message naming the flag; validate() adds the checks across flags.
// The `agent` flags still load under their pre-1.0 `slave` names, with a
// deprecation warning.
//
// `--registry`: "replicated_log" (Mesos's default, and ours) keeps the
// registry durably in `--work_dir` (our own file format, not Mesos's
// replicated log) and therefore requires `--work_dir`; "in_memory" keeps
// it in memory only, so agents must re-register after a master restart.
namespace mesos {
namespace internal {
namespace master {

class Flags : public virtual logging::Flags {
 public:
  Flags();

  // Checks across flags: `--work_dir` is given unless
  // `--registry=in_memory`. None when all hold.
  Option<Error> validate() const;

  // Network identity.
  Option<std::string> ip;
  uint16_t port;
  Option<std::string> advertise_ip;
  Option<std::string> advertise_port;
  Option<std::string> hostname;
  bool hostname_lookup;
  Option<std::string> cluster;

  // Leader election (only a single master without ZooKeeper is supported;
  // the flags are accepted for compatibility).
  Option<std::string> zk;
  Option<size_t> quorum;
  Duration zk_session_timeout;

  // Registry of agents.
  Option<std::string> work_dir;
  std::string registry;
  bool registry_strict;
  Duration registry_fetch_timeout;
  Duration registry_store_timeout;
  Duration registry_gc_interval;
  Duration registry_max_agent_age;
  size_t registry_max_agent_count;
  bool log_auto_initialize;

  // Agent health and removal.
  Duration agent_ping_timeout;
  size_t max_agent_ping_timeouts;
  Duration agent_reregister_timeout;
  std::string recovery_agent_removal_limit;
  Option<std::string> agent_removal_rate_limit;

  // Allocation.
  std::string allocator;
  Duration allocation_interval;
  std::string min_allocatable_resources;
  Option<std::string> roles;
  Option<std::string> weights;
  Option<std::string> whitelist;
  std::string role_sorter;
  std::string framework_sorter;
  Option<std::string> fair_sharing_excluded_resource_names;
  bool filter_gpu_resources;
  Option<Duration> offer_timeout;

  // Memory bounds of the endpoints' history.
  size_t max_completed_frameworks;
  size_t max_completed_tasks_per_framework;
  size_t max_unreachable_tasks_per_framework;
  size_t max_operator_event_stream_subscribers;
  bool publish_per_framework_metrics;

  // Authentication and authorization.
  bool authenticate_frameworks;
  bool authenticate_agents;
  bool authenticate_http_readonly;
  bool authenticate_http_readwrite;
  bool authenticate_http_frameworks;
  Option<std::string> credentials;
  std::string authenticators;
  Duration authentication_v0_timeout;
  std::string authorizers;

  // Prints the version and exits (the caller acts on it, as on --help).
  bool version;
};

}  // namespace master
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_MASTER_FLAGS_HPP
