#include <process/reap.hpp>

#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glog/logging.h>

#include <atomic>
#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <process/dispatch.hpp>
#include <process/event_loop.hpp>
#include <process/id.hpp>
#include <process/process.hpp>

#include "reaper.hpp"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

namespace process {

Duration MIN_REAP_INTERVAL() {
  return Milliseconds(100);
}
Duration MAX_REAP_INTERVAL() {
  return Seconds(1);
}

namespace internal {

namespace {

std::atomic<bool> use_pidfds{true};

constexpr size_t kLowPidCount = 50;
constexpr size_t kHighPidCount = 500;

enum class WaitResult { RUNNING, REAPED, NOT_CHILD };

// __WALL: a child cloned without SIGCHLD as its exit signal is still ours.
WaitResult tryWait(pid_t pid, int* status) {
  while (true) {
    const pid_t result = ::waitpid(pid, status, WNOHANG | __WALL);
    if (result == pid)
      return WaitResult::REAPED;
    if (result == 0)
      return WaitResult::RUNNING;
    if (errno != EINTR)
      return WaitResult::NOT_CHILD;
  }
}

// For a pid that is not our child: whether it still runs. A zombie has
// exited; only its parent's wait is missing.
bool running(pid_t pid) {
  if (::kill(pid, 0) != 0 && errno == ESRCH)
    return false;
  std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  if (!std::getline(file, stat))
    return false;
  // The state follows the command name, which may itself hold ") ".
  const size_t paren = stat.rfind(')');
  if (paren == std::string::npos || paren + 2 >= stat.size())
    return true;
  const char state = stat[paren + 2];
  return state != 'Z' && state != 'X' && state != 'x';
}

// Whether `pid` has exited; if so `status` is its status if it was our
// child (reaped now), None otherwise.
bool settled(pid_t pid, Option<int>* status) {
  int raw = 0;
  switch (tryWait(pid, &raw)) {
    case WaitResult::REAPED:
      *status = raw;
      return true;
    case WaitResult::NOT_CHILD:
      *status = None();
      return !running(pid);
    case WaitResult::RUNNING:
      break;
  }
  return false;
}

// A pid's pidfd and its watch. After construction it is touched only on
// the loop thread; the last reference goes only after the watch stopped,
// so closing the pidfd then is safe.
struct PidWatch {
  PidWatch(pid_t pid, int fd) : pid(pid), fd(fd) {}
  ~PidWatch() { ::close(fd); }

  const pid_t pid;
  const int fd;
  EventLoop::WatchId id = 0;
  bool watching = false;
  bool stopped = false;
};

class ReaperProcess final : public Process<ReaperProcess> {
 public:
  ReaperProcess() : ProcessBase(ID::generate("__reaper__")) {}

  Future<Option<int>> reap(pid_t pid);

  // From a pidfd watch: `watch`'s pid has exited.
  void exited(const std::shared_ptr<PidWatch>& watch);

  // A polling tick.
  void poll();

  // Settles a polled pid now if it has exited.
  void check(pid_t pid);

 protected:
  void finalize() override;

 private:
  struct Waiters {
    std::vector<Promise<Option<int>>> promises;
    std::shared_ptr<PidWatch> watch;  // Null: polled.
  };

  void startWatch(const std::shared_ptr<PidWatch>& watch);
  void startPolling();
  void schedulePoll();
  Duration interval() const;
  void notify(pid_t pid, const Option<int>& status);

  std::unordered_map<pid_t, Waiters> waiters_;
  size_t polled_ = 0;
  bool poll_scheduled_ = false;
};

std::mutex reaper_mutex;
ReaperProcess* reaper = nullptr;
PID<ReaperProcess> reaper_pid;

// The runtime's reaper, spawned on first use after each initialize();
// finalize() terminates it like every process.
PID<ReaperProcess> reaperPid() {
  std::lock_guard<std::mutex> lock(reaper_mutex);
  if (reaper == nullptr) {
    reaper = new ReaperProcess();
    reaper_pid = spawn(reaper, true);
  }
  return reaper_pid;
}

Future<Option<int>> ReaperProcess::reap(pid_t pid) {
  auto known = waiters_.find(pid);
  if (known != waiters_.end()) {
    known->second.promises.emplace_back();
    return known->second.promises.back().future();
  }

  Waiters& waiters = waiters_[pid];
  waiters.promises.emplace_back();
  Future<Option<int>> future = waiters.promises.back().future();

  // A pid that has already exited is settled by a check queued behind us,
  // not here: other `reap` calls for it may already wait in our mailbox,
  // and they must share the status rather than find it taken.
  if (use_pidfds.load(std::memory_order_relaxed)) {
    const int fd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    if (fd >= 0) {
      // Readable at once if the process is already a zombie.
      waiters.watch = std::make_shared<PidWatch>(pid, fd);
      startWatch(waiters.watch);
      return future;
    }
    // ESRCH: no such process; the check below answers None.
    static std::atomic<bool> warned{false};
    if (errno != ESRCH && !warned.exchange(true)) {
      LOG(WARNING) << "pidfd_open(" << pid << ") failed ("
                   << std::strerror(errno)
                   << "): polling for process exits every "
                   << MIN_REAP_INTERVAL() << " to " << MAX_REAP_INTERVAL()
                   << " instead (reported once)";
    }
  }
  startPolling();
  dispatch(self(), &ReaperProcess::check, pid);
  return future;
}

void ReaperProcess::check(pid_t pid) {
  auto it = waiters_.find(pid);
  if (it == waiters_.end() || it->second.watch != nullptr)
    return;
  Option<int> status;
  if (settled(pid, &status))
    notify(pid, status);
}

void ReaperProcess::startWatch(const std::shared_ptr<PidWatch>& watch) {
  EventLoop& loop = eventLoop();
  const PID<ReaperProcess> self = this->self();
  loop.run_in_loop([&loop, watch, self]() {
    if (watch->stopped)
      return;
    watch->watching = true;
    // A pidfd turns readable once its process has exited, and stays so:
    // stop at once, or the level-triggered watch fires on every iteration.
    watch->id =
        loop.watch(watch->fd, EventLoop::READ, [&loop, watch, self](int) {
          watch->watching = false;
          loop.unwatch(watch->id);
          dispatch(self, &ReaperProcess::exited, watch);
        });
  });
}

void ReaperProcess::exited(const std::shared_ptr<PidWatch>& watch) {
  auto it = waiters_.find(watch->pid);
  if (it == waiters_.end() || it->second.watch != watch)
    return;
  int status = 0;
  switch (tryWait(watch->pid, &status)) {
    case WaitResult::REAPED:
      notify(watch->pid, status);
      break;
    case WaitResult::NOT_CHILD:
      notify(watch->pid, None());
      break;
    case WaitResult::RUNNING:
      // Not expected once the pidfd is readable; polling settles it.
      it->second.watch.reset();
      startPolling();
      break;
  }
}

void ReaperProcess::startPolling() {
  polled_++;
  schedulePoll();
}

void ReaperProcess::schedulePoll() {
  if (polled_ == 0 || poll_scheduled_)
    return;
  poll_scheduled_ = true;
  const PID<ReaperProcess> self = this->self();
  eventLoop().delay(interval(),
                    [self]() { dispatch(self, &ReaperProcess::poll); });
}

void ReaperProcess::poll() {
  poll_scheduled_ = false;
  std::vector<std::pair<pid_t, Option<int>>> done;
  for (const auto& [pid, waiters] : waiters_) {
    if (waiters.watch != nullptr)
      continue;
    Option<int> status;
    if (settled(pid, &status))
      done.emplace_back(pid, status);
  }
  for (const auto& [pid, status] : done)
    notify(pid, status);
  schedulePoll();
}

Duration ReaperProcess::interval() const {
  if (polled_ <= kLowPidCount)
    return MIN_REAP_INTERVAL();
  if (polled_ >= kHighPidCount)
    return MAX_REAP_INTERVAL();
  const double fraction = static_cast<double>(polled_ - kLowPidCount) /
                          static_cast<double>(kHighPidCount - kLowPidCount);
  return MIN_REAP_INTERVAL() +
         (MAX_REAP_INTERVAL() - MIN_REAP_INTERVAL()) * fraction;
}

void ReaperProcess::notify(pid_t pid, const Option<int>& status) {
  auto it = waiters_.find(pid);
  if (it == waiters_.end())
    return;
  Waiters waiters = std::move(it->second);
  waiters_.erase(it);
  if (waiters.watch == nullptr)
    polled_--;
  for (Promise<Option<int>>& promise : waiters.promises)
    promise.set(status);
}

void ReaperProcess::finalize() {
  {
    std::lock_guard<std::mutex> lock(reaper_mutex);
    if (reaper == this)
      reaper = nullptr;
  }
  EventLoop& loop = eventLoop();
  for (auto& [pid, waiters] : waiters_) {
    if (waiters.watch == nullptr)
      continue;
    loop.run_in_loop([&loop, watch = waiters.watch]() {
      watch->stopped = true;
      if (watch->watching) {
        watch->watching = false;
        loop.unwatch(watch->id);
      }
    });
  }
}

}  // namespace

bool useReaperPidfds(bool enabled) {
  return use_pidfds.exchange(enabled);
}

}  // namespace internal

Future<Option<int>> reap(pid_t pid) {
  if (pid <= 0) {
    return Failure("Cannot reap pid " + std::to_string(pid) +
                   ": expected a positive process id");
  }
  process::initialize();
  return dispatch(internal::reaperPid(), &internal::ReaperProcess::reap, pid);
}

}  // namespace process
