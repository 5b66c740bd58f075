#include "slave/containerizer/mesos/cgroups.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include <glog/logging.h>

#include <stout/bytes.hpp>
#include <stout/error.hpp>
#include <stout/os.hpp>
#include <stout/path.hpp>
#include <stout/stringify.hpp>
#include <stout/strings.hpp>

namespace mesos {
namespace internal {
namespace slave {

namespace {

// Mesos's floors for the limits it writes.
constexpr uint64_t CPU_SHARES_PER_CPU = 1024;
constexpr uint64_t MIN_CPU_SHARES = 2;
constexpr uint64_t CFS_PERIOD_US = 100000;
constexpr uint64_t MIN_CFS_QUOTA_US = 1000;
const Bytes MIN_MEMORY = Megabytes(32);

// Writes `value` to the control file `name` in `directory`. cgroupfs files
// exist already; os::write's O_CREAT never creates one.
Try<Nothing> control(const std::string& directory, const std::string& name,
                     const std::string& value) {
  Try<Nothing> written = os::write(path::join(directory, name), value);
  if (written.isError()) {
    return Error("Failed to set " + name + " to '" + value +
                 "': " + written.error());
  }
  return Nothing();
}

// The value of `key` in a "key value" per line file (cpu.stat, memory.stat,
// cpuacct.stat).
Option<uint64_t> field(const std::string& file, const std::string& key) {
  Try<std::string> read = os::read(file);
  if (read.isError()) {
    return None();
  }
  for (const std::string& line : strings::tokenize(read.get(), "\n")) {
    const std::vector<std::string> parts = strings::tokenize(line, " ");
    if (parts.size() == 2 && parts[0] == key) {
      return std::strtoull(parts[1].c_str(), nullptr, 10);
    }
  }
  return None();
}

Option<uint64_t> number(const std::string& file) {
  Try<std::string> read = os::read(file);
  if (read.isError()) {
    return None();
  }
  return std::strtoull(strings::trim(read.get()).c_str(), nullptr, 10);
}

// Creates `directory` (and parents) to check that we may; logs why not.
bool usable(const std::string& directory, const std::string& what) {
  Try<Nothing> created = os::mkdir(directory);
  if (created.isError()) {
    LOG(WARNING) << "Cannot enforce " << what
                 << " limits with cgroups: " << created.error();
    return false;
  }
  return true;
}

}  // namespace

std::unique_ptr<CgroupsIsolator> CgroupsIsolator::create(
    bool cpu, bool mem, const Options& options) {
  const bool v2 =
      os::exists(path::join(options.hierarchy, "cgroup.controllers"));
  std::unique_ptr<CgroupsIsolator> isolator(new CgroupsIsolator(options, v2));

  if (v2) {
    Try<std::string> controllers =
        os::read(path::join(options.hierarchy, "cgroup.controllers"));
    const std::vector<std::string> available = strings::tokenize(
        controllers.isSome() ? controllers.get() : std::string(), " \n");
    auto has = [&](const std::string& name) {
      return std::find(available.begin(), available.end(), name) !=
             available.end();
    };

    const std::string root = path::join(options.hierarchy, options.root);
    if ((cpu || mem) && usable(root, "CPU and memory")) {
      // Children of `root` only get the controllers enabled in the
      // subtree_control of every ancestor.
      for (const std::string& name :
           {std::string("cpu"), std::string("memory")}) {
        const bool wanted = name == "cpu" ? cpu : mem;
        if (!wanted) {
          continue;
        }
        if (!has(name)) {
          LOG(WARNING) << "Cannot enforce " << name
                       << " limits: the cgroup v2 controller '" << name
                       << "' is not available in " << options.hierarchy;
          continue;
        }
        Try<Nothing> top =
            control(options.hierarchy, "cgroup.subtree_control", "+" + name);
        Try<Nothing> ours = control(root, "cgroup.subtree_control", "+" + name);
        if (top.isError() || ours.isError()) {
          LOG(WARNING) << "Cannot enforce " << name << " limits: "
                       << (top.isError() ? top.error() : ours.error());
          continue;
        }
        (name == "cpu" ? isolator->cpu_ : isolator->mem_) = true;
      }
    }
  } else {
    if (cpu) {
      const std::string cpuRoot =
          path::join(options.hierarchy, "cpu", options.root);
      if (!os::exists(path::join(options.hierarchy, "cpu", "cpu.shares"))) {
        LOG(WARNING) << "Cannot enforce CPU limits: no cgroup v1 'cpu' "
                     << "hierarchy at " << path::join(options.hierarchy, "cpu");
      } else if (usable(cpuRoot, "CPU")) {
        isolator->cpu_ = true;
        const std::string cpuacct = path::join(options.hierarchy, "cpuacct");
        Result<std::string> a = os::realpath(cpuacct);
        Result<std::string> b =
            os::realpath(path::join(options.hierarchy, "cpu"));
        isolator->separateCpuacct_ =
            a.isSome() && b.isSome() && a.get() != b.get() &&
            os::exists(path::join(cpuacct, "cpuacct.stat")) &&
            usable(path::join(cpuacct, options.root), "CPU accounting");
      }
    }
    if (mem) {
      const std::string memRoot =
          path::join(options.hierarchy, "memory", options.root);
      if (!os::exists(path::join(options.hierarchy, "memory",
                                 "memory.limit_in_bytes"))) {
        LOG(WARNING) << "Cannot enforce memory limits: no cgroup v1 'memory' "
                     << "hierarchy at "
                     << path::join(options.hierarchy, "memory");
      } else if (usable(memRoot, "memory")) {
        isolator->mem_ = true;
      }
    }
  }

  LOG(INFO) << "cgroups isolation (" << (v2 ? "v2" : "v1") << " under "
            << options.hierarchy << ", root '" << options.root
            << "'): CPU limits "
            << (isolator->cpu_ ? "enforced" : "NOT enforced")
            << ", memory limits "
            << (isolator->mem_ ? "enforced" : "NOT enforced");
  return isolator;
}

std::string CgroupsIsolator::cpuDirectory(
    const ContainerID& containerId) const {
  return v2_ ? path::join(options_.hierarchy, options_.root,
                          containerId.value())
             : path::join(options_.hierarchy, "cpu", options_.root,
                          containerId.value());
}

std::string CgroupsIsolator::cpuacctDirectory(
    const ContainerID& containerId) const {
  return separateCpuacct_ ? path::join(options_.hierarchy, "cpuacct",
                                       options_.root, containerId.value())
                          : cpuDirectory(containerId);
}

std::string CgroupsIsolator::memDirectory(
    const ContainerID& containerId) const {
  return v2_ ? path::join(options_.hierarchy, options_.root,
                          containerId.value())
             : path::join(options_.hierarchy, "memory", options_.root,
                          containerId.value());
}

std::vector<std::string> CgroupsIsolator::directories(
    const ContainerID& containerId) const {
  std::vector<std::string> result;
  if (v2_) {
    if (cpu_ || mem_) {
      result.push_back(cpuDirectory(containerId));
    }
    return result;
  }
  if (cpu_) {
    result.push_back(cpuDirectory(containerId));
    if (separateCpuacct_) {
      result.push_back(cpuacctDirectory(containerId));
    }
  }
  if (mem_) {
    result.push_back(memDirectory(containerId));
  }
  return result;
}

Try<Nothing> CgroupsIsolator::prepare(const ContainerID& containerId,
                                      const Resources& resources) {
  for (const std::string& directory : directories(containerId)) {
    Try<Nothing> created = os::mkdir(directory);
    if (created.isError()) {
      return Error("Failed to create cgroup: " + created.error());
    }
  }
  return apply(containerId, resources);
}

Try<Nothing> CgroupsIsolator::isolate(const ContainerID& containerId,
                                      pid_t pid) {
  for (const std::string& directory : directories(containerId)) {
    Try<Nothing> moved = control(directory, "cgroup.procs", stringify(pid));
    if (moved.isError()) {
      return Error("Failed to move process " + stringify(pid) +
                   " into its cgroup: " + moved.error());
    }
  }
  return Nothing();
}

Try<Nothing> CgroupsIsolator::update(const ContainerID& containerId,
                                     const Resources& resources) {
  return apply(containerId, resources);
}

Try<Nothing> CgroupsIsolator::apply(const ContainerID& containerId,
                                    const Resources& resources) {
  const Option<double> cpus = resources.cpus();
  if (cpu_ && cpus.isSome()) {
    const uint64_t shares = std::max(
        static_cast<uint64_t>(CPU_SHARES_PER_CPU * cpus.get()), MIN_CPU_SHARES);
    const uint64_t quota = std::max(
        static_cast<uint64_t>(CFS_PERIOD_US * cpus.get()), MIN_CFS_QUOTA_US);
    const std::string directory = cpuDirectory(containerId);

    if (v2_) {
      // The mapping of v1 shares [2, 262144] onto v2 weights [1, 10000]
      // that runc and systemd use.
      const uint64_t weight =
          1 + ((std::min<uint64_t>(shares, 262144) - 2) * 9999) / 262142;
      Try<Nothing> set = control(directory, "cpu.weight", stringify(weight));
      if (set.isError()) {
        return set;
      }
      if (options_.enableCfs) {
        set = control(directory, "cpu.max",
                      stringify(quota) + " " + stringify(CFS_PERIOD_US));
        if (set.isError()) {
          return set;
        }
      }
    } else {
      Try<Nothing> set = control(directory, "cpu.shares", stringify(shares));
      if (set.isError()) {
        return set;
      }
      if (options_.enableCfs) {
        set = control(directory, "cpu.cfs_period_us", stringify(CFS_PERIOD_US));
        if (set.isSome()) {
          set = control(directory, "cpu.cfs_quota_us", stringify(quota));
        }
        if (set.isError()) {
          return set;
        }
      }
    }
  }

  const Option<Bytes> mem = resources.mem();
  if (mem_ && mem.isSome()) {
    const std::string limit =
        stringify(std::max(mem.get(), MIN_MEMORY).bytes());
    const std::string directory = memDirectory(containerId);
    const std::string soft = v2_ ? "memory.low" : "memory.soft_limit_in_bytes";
    const std::string hard = v2_ ? "memory.max" : "memory.limit_in_bytes";

    Try<Nothing> set = control(directory, soft, limit);
    if (set.isError()) {
      return set;
    }
    set = control(directory, hard, limit);
    if (set.isError()) {
      // Lowering the hard limit below what is in use fails with EBUSY; the
      // soft limit still applies pressure, as in Mesos.
      LOG(WARNING) << "Container " << containerId
                   << ": keeping the previous hard memory limit: "
                   << set.error();
    }
  }
  return Nothing();
}

void CgroupsIsolator::usage(const ContainerID& containerId,
                            ResourceStatistics* statistics) {
  if (cpu_) {
    if (v2_) {
      const std::string stat =
          path::join(cpuDirectory(containerId), "cpu.stat");
      Option<uint64_t> user = field(stat, "user_usec");
      Option<uint64_t> system = field(stat, "system_usec");
      if (user.isSome() && system.isSome()) {
        statistics->set_cpus_user_time_secs(user.get() / 1e6);
        statistics->set_cpus_system_time_secs(system.get() / 1e6);
      }
    } else {
      // cpuacct.stat counts in USER_HZ.
      const std::string stat =
          path::join(cpuacctDirectory(containerId), "cpuacct.stat");
      Option<uint64_t> user = field(stat, "user");
      Option<uint64_t> system = field(stat, "system");
      const long hz = ::sysconf(_SC_CLK_TCK) > 0 ? ::sysconf(_SC_CLK_TCK) : 100;
      if (user.isSome() && system.isSome()) {
        statistics->set_cpus_user_time_secs(static_cast<double>(user.get()) /
                                            hz);
        statistics->set_cpus_system_time_secs(
            static_cast<double>(system.get()) / hz);
      }
    }
  }

  if (mem_) {
    const std::string directory = memDirectory(containerId);
    const std::string stat = path::join(directory, "memory.stat");
    Option<uint64_t> total = number(path::join(
        directory, v2_ ? "memory.current" : "memory.usage_in_bytes"));
    if (total.isSome()) {
      statistics->set_mem_total_bytes(total.get());
    }
    Option<uint64_t> rss = field(stat, v2_ ? "anon" : "total_rss");
    if (rss.isSome()) {
      statistics->set_mem_anon_bytes(rss.get());
      statistics->set_mem_rss_bytes(rss.get());
    }
    Option<uint64_t> cache = field(stat, v2_ ? "file" : "total_cache");
    if (cache.isSome()) {
      statistics->set_mem_cache_bytes(cache.get());
      statistics->set_mem_file_bytes(cache.get());
    }
  }
}

std::vector<pid_t> CgroupsIsolator::pids(const ContainerID& containerId) const {
  hashset<pid_t> unique;
  for (const std::string& directory : directories(containerId)) {
    Try<std::string> read = os::read(path::join(directory, "cgroup.procs"));
    if (read.isError()) {
      continue;
    }
    for (const std::string& line : strings::tokenize(read.get(), "\n")) {
      const pid_t pid = std::atoi(line.c_str());
      if (pid > 0) {
        unique.insert(pid);
      }
    }
  }
  return std::vector<pid_t>(unique.begin(), unique.end());
}

Try<Nothing> CgroupsIsolator::cleanup(const ContainerID& containerId) {
  for (const std::string& directory : directories(containerId)) {
    if (!os::exists(directory)) {
      continue;
    }
    // A cgroup is removed with rmdir(2) even though it "contains" control
    // files; it must have no processes.
    Try<Nothing> removed = os::rmdir(directory, false);
    if (removed.isError()) {
      return Error("Failed to remove cgroup: " + removed.error());
    }
  }
  return Nothing();
}

hashset<ContainerID> CgroupsIsolator::containers() const {
  hashset<ContainerID> result;
  std::vector<std::string> roots;
  if (v2_) {
    roots.push_back(path::join(options_.hierarchy, options_.root));
  } else {
    if (cpu_) {
      roots.push_back(path::join(options_.hierarchy, "cpu", options_.root));
    }
    if (mem_) {
      roots.push_back(path::join(options_.hierarchy, "memory", options_.root));
    }
  }
  for (const std::string& root : roots) {
    Try<std::vector<std::string>> entries = os::ls(root);
    if (entries.isError()) {
      continue;
    }
    for (const std::string& entry : entries.get()) {
      if (os::stat::isdir(path::join(root, entry))) {
        ContainerID containerId;
        containerId.set_value(entry);
        result.insert(containerId);
      }
    }
  }
  return result;
}

}  // namespace slave
}  // namespace internal
}  // namespace mesos
