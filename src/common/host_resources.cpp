#include "common/host_resources.hpp"

#include <sys/statvfs.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include <glog/logging.h>

#include <mesos/roles.hpp>

#include <stout/stringify.hpp>

namespace mesos {
namespace internal {

namespace {

Option<Bytes> filesystemSize(const std::string& workDir) {
  std::string path = workDir.empty() ? "." : workDir;
  for (;;) {
    struct statvfs buffer;
    if (::statvfs(path.c_str(), &buffer) == 0) {
      return Bytes(static_cast<uint64_t>(buffer.f_blocks) *
                   static_cast<uint64_t>(buffer.f_frsize));
    }
    // The work directory is usually created later; its parent's
    // filesystem is the one it will live on.
    if (errno != ENOENT || path == "/" || path == ".")
      break;
    while (path.size() > 1 && path.back() == '/')
      path.pop_back();
    const size_t slash = path.find_last_of('/');
    if (slash == std::string::npos) {
      path = ".";
    } else {
      path = slash == 0 ? "/" : path.substr(0, slash);
    }
  }
  LOG(WARNING) << "Failed to auto-detect the size of the filesystem of '"
               << workDir << "': " << std::strerror(errno) << "; defaulting to "
               << DEFAULT_DISK;
  return None();
}

Resource detected(const std::string& name, const std::string& value,
                  const std::string& role) {
  // Our own literals always parse.
  Try<Resource> resource = Resources::parse(name, value, role);
  CHECK(resource.isSome()) << resource.error();
  return resource.get();
}

}  // namespace

HostFacts probeHost(const std::string& workDir) {
  HostFacts facts;

  const long cpus = ::sysconf(_SC_NPROCESSORS_ONLN);
  if (cpus > 0) {
    facts.cpus = cpus;
  } else {
    LOG(WARNING) << "Failed to auto-detect the number of cpus; defaulting to "
                 << DEFAULT_CPUS;
  }

  struct sysinfo info;
  if (::sysinfo(&info) == 0) {
    facts.memory = Bytes(static_cast<uint64_t>(info.totalram) * info.mem_unit);
  } else {
    LOG(WARNING) << "Failed to auto-detect the size of main memory: "
                 << std::strerror(errno) << "; defaulting to " << DEFAULT_MEM;
  }

  facts.disk = filesystemSize(workDir);
  return facts;
}

Try<Resources> agentResources(const Option<std::string>& flag,
                              const HostFacts& host,
                              const std::string& defaultRole) {
  Option<Error> invalidRole = roles::validate(defaultRole);
  if (invalidRole.isSome())
    return Error("Invalid default role: " + invalidRole->message);

  const std::string text = flag.getOrElse("");

  Try<Resources> parsed = Resources::parse(text, defaultRole);
  if (parsed.isError())
    return Error(parsed.error());

  // Names as written, so that "cpus:0" (dropped as empty) still counts as
  // specified.
  std::set<std::string> named;
  Try<std::vector<Resource>> written = Resources::fromString(text, defaultRole);
  if (written.isSome()) {
    for (const Resource& resource : written.get())
      named.insert(resource.name());
  }

  Resources resources = parsed.get();

  if (named.count("cpus") == 0) {
    const double cpus = host.cpus.isSome()
                            ? static_cast<double>(host.cpus.get())
                            : DEFAULT_CPUS;
    resources += detected("cpus", stringify(cpus), defaultRole);
  }

  if (named.count("mem") == 0) {
    Bytes mem = DEFAULT_MEM;
    if (host.memory.isSome()) {
      const Bytes total = host.memory.get();
      mem = total >= Bytes(2, Bytes::GIGABYTES)
                ? total - Bytes(1, Bytes::GIGABYTES)
                : Bytes(total.bytes() / 2);
    }
    resources += detected("mem", stringify(mem.megabytes()), defaultRole);
  }

  if (named.count("disk") == 0) {
    Bytes disk = DEFAULT_DISK;
    if (host.disk.isSome()) {
      const Bytes total = host.disk.get();
      disk = total >= Bytes(10, Bytes::GIGABYTES)
                 ? total - Bytes(5, Bytes::GIGABYTES)
                 : Bytes(total.bytes() / 2);
    }
    resources += detected("disk", stringify(disk.megabytes()), defaultRole);
  }

  if (named.count("ports") == 0)
    resources += detected("ports", DEFAULT_PORTS, defaultRole);

  return resources;
}

Try<Resources> agentResources(const Option<std::string>& flag,
                              const std::string& workDir,
                              const std::string& defaultRole) {
  return agentResources(flag, probeHost(workDir), defaultRole);
}

}  // namespace internal
}  // namespace mesos
