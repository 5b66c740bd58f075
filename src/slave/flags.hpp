#ifndef MESOS_SLAVE_FLAGS_HPP
#define MESOS_SLAVE_FLAGS_HPP

#include <cstddef>
#include <cstdint>
#include <string>

#include <stout/bytes.hpp>
#include <stout/duration.hpp>
#include <stout/error.hpp>
#include <stout/flags.hpp>
#include <stout/json.hpp>
#include <stout/option.hpp>

#include "logging/flags.hpp"

// The agent's command-line flags: Apache Mesos 1.11's names, defaults and
// meanings for the flags this agent implements (docs/agent.md lists them).
//
//   Flags flags;
//   Try<flags::Warnings> load = flags.load("MESOS_", argc, argv);
//   Option<Error> error = load.isError() ? Error(load.error())
//                                        : flags.validate();
//
// Every flag is `--name=value` or the environment variable MESOS_<NAME>;
// the command line wins over the environment. Unknown command-line flags,
// values that do not parse (a Duration such as "10secs", a port) and values
// outside a flag's domain fail the load with a message naming the flag.
// `--work_dir` is required. validate() adds the checks that involve more
// than one flag; run it after a successful load.
//
// Decisions that differ from Mesos: `--launcher` defaults to "posix" and
// accepts only "posix" (Mesos picks "linux" when run as root on Linux; we
// have no Linux launcher). `--containerizers` accepts "mesos" and
// "external" (the revived external containerizer; see
// PROTOCOL-FACTS.md), not "docker". `--launcher_dir` defaults to the
// directory of the running executable instead of Mesos's install-time
// libexec directory.
namespace mesos {
namespace internal {
namespace slave {

class Flags : public virtual logging::Flags {
 public:
  Flags();

  // Checks across flags: `--containerizer_path` is given when
  // `--containerizers` includes "external"; the authentication timeout
  // range is not inverted. None when all hold.
  Option<Error> validate() const;

  // Master and network identity.
  Option<std::string> master;
  Option<std::string> ip;
  uint16_t port;
  Option<std::string> advertise_ip;
  Option<std::string> advertise_port;
  Option<std::string> hostname;
  bool hostname_lookup;
  Duration zk_session_timeout;

  // Directories.
  std::string work_dir;
  std::string runtime_dir;
  std::string launcher_dir;
  std::string sandbox_directory;
  std::string frameworks_home;
  std::string hadoop_home;

  // Resources and attributes offered.
  Option<std::string> resources;
  Option<std::string> attributes;
  std::string default_role;
  std::string reconfiguration_policy;

  // Containerization.
  std::string containerizers;
  Option<std::string> containerizer_path;
  std::string isolation;
  std::string launcher;
  Option<std::string> default_container_image;
  Option<JSON::Object> executor_environment_variables;
  bool switch_user;
  bool http_command_executor;
  Duration container_disk_watch_interval;
  bool enforce_container_disk_quota;

  // Executors.
  Duration executor_registration_timeout;
  Duration executor_reregistration_timeout;
  Option<Duration> executor_reregistration_retry_interval;
  Duration executor_shutdown_grace_period;
  size_t max_completed_executors_per_framework;

  // Fetcher.
  Bytes fetcher_cache_size;
  std::string fetcher_cache_dir;
  Duration fetcher_stall_timeout;

  // Registration with the master and authentication.
  Duration registration_backoff_factor;
  std::string authenticatee;
  Option<std::string> credential;
  Duration authentication_backoff_factor;
  Duration authentication_timeout_min;
  Duration authentication_timeout_max;
  bool authenticate_http_readonly;
  bool authenticate_http_readwrite;

  // Recovery after a restart.
  std::string recover;
  bool strict;
  Duration recovery_timeout;

  // Garbage collection of sandboxes.
  Duration gc_delay;
  double gc_disk_headroom;
  Duration disk_watch_interval;

  // Prints the version and exits (the caller acts on it, as on --help).
  bool version;
};

}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SLAVE_FLAGS_HPP
