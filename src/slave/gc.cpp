#include "slave/gc.hpp"

#include <errno.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <glog/logging.h>

#include <process/async.hpp>
#include <process/clock.hpp>
#include <process/defer.hpp>
#include <process/delay.hpp>
#include <process/dispatch.hpp>
#include <process/id.hpp>
#include <process/process.hpp>
#include <process/time.hpp>
#include <process/timer.hpp>

#include <stout/error.hpp>
#include <stout/os.hpp>

namespace mesos {
namespace internal {
namespace slave {

using process::Clock;
using process::Future;
using process::Promise;
using process::Time;
using process::Timer;

namespace {

// One scheduled path. `promise` may be completed from an async pool thread;
// every other field is touched by the collector's actor only.
struct PathInfo {
  explicit PathInfo(std::string p) : path(std::move(p)) {}

  const std::string path;
  Promise<Nothing> promise;
  bool removing = false;
};

using Batch = std::vector<std::shared_ptr<PathInfo>>;

// True when nothing at all (not even a dangling symlink) is at `path`, as
// opposed to being unable to look (e.g. a parent we may not search).
bool absent(const std::string& path) {
  struct stat s;
  return ::lstat(path.c_str(), &s) < 0 && errno == ENOENT;
}

// Removes `path`: a directory recursively (symlinks inside are unlinked,
// never followed), anything else (a file, a symlink) by unlinking it.
Try<Nothing> removePath(const std::string& path) {
  struct stat s;
  if (::lstat(path.c_str(), &s) < 0) {
    return ErrnoError("Failed to stat '" + path + "'");
  }
  if (S_ISDIR(s.st_mode)) {
    return os::rmdir(path, true, true, true);
  }
  return os::rm(path);
}

// Removes every path of `batch` and completes its promise. Runs on the
// async pool. Removal goes on past errors so that whatever can be freed is.
void removeAll(const Batch& batch) {
  for (const std::shared_ptr<PathInfo>& info : batch) {
    if (absent(info->path)) {
      LOG(INFO) << "Garbage collected path '" << info->path
                << "' no longer exists";
      info->promise.set(Nothing());
      continue;
    }

    LOG(INFO) << "Deleting '" << info->path << "'";
    Try<Nothing> removed = removePath(info->path);
    if (removed.isError() && !absent(info->path)) {
      LOG(WARNING) << "Failed to delete '" << info->path
                   << "': " << removed.error();
      info->promise.fail(removed.error());
    } else {
      LOG(INFO) << "Deleted '" << info->path << "'";
      info->promise.set(Nothing());
    }
  }
}

}  // namespace

class GarbageCollectorProcess
    : public process::Process<GarbageCollectorProcess> {
 public:
  explicit GarbageCollectorProcess(const std::string& workDir)
      : ProcessBase(process::ID::generate("agent-garbage-collector")) {
    VLOG(1) << "Garbage collector for work dir '" << workDir << "'";
  }

  ~GarbageCollectorProcess() override {
    for (auto& entry : paths_) {
      entry.second->promise.discard();
    }
  }

  Future<Nothing> schedule(const Duration& d, const std::string& path) {
    LOG(INFO) << "Scheduling '" << path << "' for gc " << d << " in the future";

    if (timeouts_.count(path) > 0) {
      // Replace the existing schedule: unschedule first (which discards the
      // old future, or waits if the path is being removed right now).
      return unschedule(path).then(
          defer(self(), [this, d, path](bool) { return schedule(d, path); }));
    }

    const Time removalTime = Clock::now() + d;
    auto info = std::make_shared<PathInfo>(path);
    timeouts_.emplace(path, removalTime);
    paths_.emplace(removalTime, info);

    // The timer always targets the earliest removal time; only a new
    // earliest entry needs it moved.
    if (paths_.begin()->first == removalTime) {
      reset();
    }

    return info->promise.future();
  }

  Future<bool> unschedule(const std::string& path) {
    LOG(INFO) << "Unscheduling '" << path << "' from gc";

    auto timeout = timeouts_.find(path);
    if (timeout == timeouts_.end()) {
      return false;
    }

    auto range = paths_.equal_range(timeout->second);
    for (auto it = range.first; it != range.second; ++it) {
      std::shared_ptr<PathInfo> info = it->second;
      if (info->path != path) {
        continue;
      }

      if (info->removing) {
        // Too late to keep it: report false, as if unschedule had come
        // after the removal, once the removal is over.
        return info->promise.future().then([]() { return false; });
      }

      info->promise.discard();
      paths_.erase(it);
      timeouts_.erase(timeout);
      return true;
    }

    LOG(FATAL) << "Garbage collector lost track of '" << path << "'";
    return false;
  }

  void prune(const Duration& d) {
    const Time now = Clock::now();
    for (auto it = paths_.begin(); it != paths_.end();
         it = paths_.upper_bound(it->first)) {
      const Duration remaining = std::max(Duration::zero(), it->first - now);
      if (remaining <= d) {
        LOG(INFO) << "Pruning directories with remaining removal time "
                  << remaining;
        process::dispatch(self(), &GarbageCollectorProcess::remove, it->first);
      }
    }
  }

 private:
  // Points the timer at the earliest removal time, if any. A timer takes a
  // duration, not a deadline: should the Clock move between reading it and
  // arming the timer (a test advancing a paused Clock), the timer would
  // fire late, so it is re-armed until its deadline is not past the
  // removal time or the removal is due at once. A running Clock always
  // moves on between the two readings, and firing a few microseconds late
  // is harmless there: the timer is armed once.
  void reset() {
    Clock::cancel(timer_);
    timer_ = Timer();
    if (paths_.empty()) {
      return;
    }

    const Time removalTime = paths_.begin()->first;
    for (;;) {
      const Duration remaining =
          std::max(Duration::zero(), removalTime - Clock::now());
      timer_ = process::delay(remaining, self(),
                              &GarbageCollectorProcess::remove, removalTime);
      if (!Clock::paused() || remaining == Duration::zero() ||
          timer_.timeout() <= removalTime || !Clock::cancel(timer_)) {
        return;
      }
    }
  }

  // Queues the paths due at `removalTime` that are not already being
  // removed.
  void remove(const Time& removalTime) {
    Batch batch;
    auto range = paths_.equal_range(removalTime);
    for (auto it = range.first; it != range.second; ++it) {
      if (it->second->removing) {
        VLOG(1) << "Skipping deletion of '" << it->second->path
                << "' as it is already in progress";
        continue;
      }
      it->second->removing = true;
      batch.push_back(it->second);
    }

    if (range.first == range.second) {
      LOG(INFO) << "Ignoring gc event as the paths were already removed or "
                << "were unscheduled";
    }

    // Even an empty batch goes through the queue, so that a timer for a
    // time whose paths are still being removed waits for that removal
    // rather than firing again at once.
    queue_.push_back(std::move(batch));
    startNext();
  }

  // Starts the next queued batch unless one is running: at most one
  // removal occupies the async pool at any time.
  void startNext() {
    if (running_ || queue_.empty()) {
      return;
    }
    running_ = true;
    Batch batch = std::move(queue_.front());
    queue_.pop_front();

    process::async([batch]() {
      removeAll(batch);
    }).onAny(defer(self(), [this, batch](const Future<Nothing>&) {
      _remove(batch);
    }));
  }

  // The batch is done (each promise is complete): forget its paths, move
  // the timer and run the next batch.
  void _remove(const Batch& batch) {
    for (const std::shared_ptr<PathInfo>& info : batch) {
      auto timeout = timeouts_.find(info->path);
      CHECK(timeout != timeouts_.end());
      auto range = paths_.equal_range(timeout->second);
      auto it = std::find_if(range.first, range.second,
                             [&](const auto& e) { return e.second == info; });
      CHECK(it != range.second);
      paths_.erase(it);
      timeouts_.erase(timeout);
    }

    running_ = false;
    reset();
    startNext();
  }

  // Scheduled paths by removal time, earliest first.
  std::multimap<Time, std::shared_ptr<PathInfo>> paths_;

  // The removal time of each scheduled path.
  std::unordered_map<std::string, Time> timeouts_;

  Timer timer_;

  std::deque<Batch> queue_;
  bool running_ = false;
};

GarbageCollector::GarbageCollector(const std::string& workDir)
    : process_(new GarbageCollectorProcess(workDir)) {
  process::spawn(process_);
}

GarbageCollector::~GarbageCollector() {
  process::terminate(*process_);
  process::wait(*process_);
  delete process_;
}

Future<Nothing> GarbageCollector::schedule(const Duration& d,
                                           const std::string& path) {
  return process::dispatch(process_->self(), &GarbageCollectorProcess::schedule,
                           d, path);
}

Future<bool> GarbageCollector::unschedule(const std::string& path) {
  return process::dispatch(process_->self(),
                           &GarbageCollectorProcess::unschedule, path);
}

void GarbageCollector::prune(const Duration& d) {
  process::dispatch(process_->self(), &GarbageCollectorProcess::prune, d);
}

Duration gcAge(const Duration& gcDelay, double headroom, double usage) {
  return gcDelay * std::max(0.0, 1.0 - headroom - usage);
}

Try<double> checkDiskUsage(const std::string& path) {
  struct statvfs buf;
  if (::statvfs(path.c_str(), &buf) < 0) {
    return ErrnoError("Failed to statvfs '" + path + "'");
  }
  if (buf.f_blocks == 0) {
    return Error("File system of '" + path + "' reports no blocks");
  }
  return static_cast<double>(buf.f_blocks - buf.f_bfree) /
         static_cast<double>(buf.f_blocks);
}

Try<double> pruneForDiskUsage(GarbageCollector* gc, const std::string& workDir,
                              const Duration& gcDelay, double headroom) {
  Try<double> usage = checkDiskUsage(workDir);
  if (usage.isError()) {
    LOG(ERROR) << "Failed to get disk usage: " << usage.error();
    return usage;
  }

  const Duration age = gcAge(gcDelay, headroom, usage.get());
  LOG(INFO) << "Current disk usage " << usage.get() * 100.0
            << "%. Max allowed age: " << age;
  gc->prune(gcDelay - age);
  return usage;
}

}  // namespace slave
}  // namespace internal
}  // namespace mesos
