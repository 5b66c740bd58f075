#ifndef MESOS_COMMON_HOST_RESOURCES_HPP
#define MESOS_COMMON_HOST_RESOURCES_HPP

#include <string>

#include <mesos/resources.hpp>

#include <stout/bytes.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

// The agent's total resources: its --resources flag, completed with values
// detected on the host, by Apache Mesos's rules (docs/resources.md).
namespace mesos {
namespace internal {

// Used when a host fact cannot be probed (Mesos's slave/constants.hpp).
constexpr double DEFAULT_CPUS = 1;
constexpr Bytes DEFAULT_MEM = Bytes(1, Bytes::GIGABYTES);
constexpr Bytes DEFAULT_DISK = Bytes(10, Bytes::GIGABYTES);
constexpr const char* DEFAULT_PORTS = "[31000-32000]";

// What the default resources are derived from; None for a fact that could
// not be determined.
struct HostFacts {
  Option<long> cpus;     // Online CPUs.
  Option<Bytes> memory;  // Total physical memory.
  Option<Bytes> disk;    // Total size of the work directory's filesystem.
};

// Probes this host: online CPUs (sysconf), total memory (sysinfo) and the
// total size of the filesystem holding `workDir` (statvfs; its nearest
// existing ancestor when `workDir` does not exist yet). Never fails: a fact
// that cannot be probed is None and a WARNING is logged. Thread-safe.
HostFacts probeHost(const std::string& workDir);

// The agent's resources: `flag` (the --resources text or JSON; None or
// empty for none) parsed with `defaultRole`, plus, for each of cpus, mem,
// disk and ports that the flag does not name (an explicit "cpus:0" counts
// as naming it), a detected amount reserved to `defaultRole`:
//
//   cpus   host cpus, else DEFAULT_CPUS
//   mem    total - 1GB if total >= 2GB, else total / 2; DEFAULT_MEM if
//          unknown; in whole MB
//   disk   total - 5GB if total >= 10GB, else total / 2; DEFAULT_DISK if
//          unknown; in whole MB
//   ports  DEFAULT_PORTS
//
// An Error if `flag` does not parse (Resources::parse's message).
Try<Resources> agentResources(const Option<std::string>& flag,
                              const HostFacts& host,
                              const std::string& defaultRole = "*");

// As above with the facts of this host (probeHost(workDir)).
Try<Resources> agentResources(const Option<std::string>& flag,
                              const std::string& workDir,
                              const std::string& defaultRole = "*");

}  // namespace internal
}  // namespace mesos

#endif  // MESOS_COMMON_HOST_RESOURCES_HPP
