#include "libev_loop.hpp"

#include <glog/logging.h>

#include <algorithm>

namespace process {
namespace internal {

namespace {

int toLibev(int events) {
  return ((events & EventLoop::READ) ? EV_READ : 0) |
         ((events & EventLoop::WRITE) ? EV_WRITE : 0);
}

int fromLibev(int revents) {
  return ((revents & EV_READ) ? EventLoop::READ : 0) |
         ((revents & EV_WRITE) ? EventLoop::WRITE : 0);
}

}  // namespace

LibevLoop::LibevLoop() : loop_(ev_loop_new(EVFLAG_AUTO | EVFLAG_NOSIGMASK)) {
  CHECK(loop_ != nullptr) << "Failed to create the libev event loop";
  ev_async_init(&async_, &LibevLoop::onAsync);
  async_.data = this;
  ev_async_start(loop_, &async_);
}

LibevLoop::~LibevLoop() {
  stop();
  for (auto& [id, timer] : timers_)
    delete timer;
  for (auto& [id, watch] : watches_)
    delete watch;
  for (IoWatcher* watch : graveyard_)
    delete watch;
  ev_async_stop(loop_, &async_);
  ev_loop_destroy(loop_);
}

void LibevLoop::start() {
  thread_ = std::thread([this]() {
    loop_thread_.store(std::this_thread::get_id());
    ev_run(loop_, 0);
    loop_thread_.store(std::thread::id());
  });
}

void LibevLoop::stop() {
  if (!thread_.joinable())
    return;
  run_in_loop([this]() { ev_break(loop_, EVBREAK_ALL); });
  thread_.join();
  std::vector<std::function<void()>> dropped;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopped_ = true;
    dropped.swap(queue_);
  }
  for (auto& [id, timer] : timers_)
    ev_timer_stop(loop_, &timer->timer);
  for (auto& [id, watch] : watches_)
    ev_io_stop(loop_, &watch->io);
}

bool LibevLoop::inLoopThread() const {
  return loop_thread_.load() == std::this_thread::get_id();
}

void LibevLoop::run_in_loop(std::function<void()> fn) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopped_)
      return;
    queue_.push_back(std::move(fn));
  }
  ev_async_send(loop_, &async_);
}

void LibevLoop::onAsync(struct ev_loop*, ev_async* async, int) {
  static_cast<LibevLoop*>(async->data)->drain();
}

void LibevLoop::drain() {
  // No io callback is on the stack here, so unwatched ones can go.
  for (IoWatcher* watch : graveyard_)
    delete watch;
  graveyard_.clear();
  std::vector<std::function<void()>> batch;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    batch.swap(queue_);
  }
  for (auto& fn : batch) {
    fn();
    fn = nullptr;
  }
}

EventLoop::TimerId LibevLoop::delay(const Duration& delay,
                                    std::function<void()> fn) {
  const TimerId id = next_id_.fetch_add(1, std::memory_order_relaxed);
  {
    std::lock_guard<std::mutex> lock(timers_mutex_);
    pending_timers_.insert(id);
  }
  const double seconds = std::max(0.0, delay.secs());
  run_in_loop([this, id, seconds, fn = std::move(fn)]() mutable {
    {
      std::lock_guard<std::mutex> lock(timers_mutex_);
      if (pending_timers_.count(id) == 0)
        return;  // Cancelled already.
    }
    auto* watcher = new TimerWatcher{{}, this, id, std::move(fn)};
    ev_timer_init(&watcher->timer, &LibevLoop::onTimer, seconds, 0.0);
    watcher->timer.data = watcher;
    // The cached loop time may be stale after a long callback.
    ev_now_update(loop_);
    ev_timer_start(loop_, &watcher->timer);
    timers_[id] = watcher;
  });
  return id;
}

bool LibevLoop::cancel(TimerId timer) {
  {
    std::lock_guard<std::mutex> lock(timers_mutex_);
    if (pending_timers_.erase(timer) == 0)
      return false;
  }
  run_in_loop([this, timer]() {
    auto it = timers_.find(timer);
    if (it == timers_.end())
      return;
    ev_timer_stop(loop_, &it->second->timer);
    delete it->second;
    timers_.erase(it);
  });
  return true;
}

void LibevLoop::onTimer(struct ev_loop* loop, ev_timer* timer, int) {
  auto* watcher = static_cast<TimerWatcher*>(timer->data);
  LibevLoop* self = watcher->loop;
  ev_timer_stop(loop, timer);
  self->timers_.erase(watcher->id);
  bool fire;
  {
    std::lock_guard<std::mutex> lock(self->timers_mutex_);
    fire = self->pending_timers_.erase(watcher->id) > 0;
  }
  if (fire)
    watcher->fn();
  delete watcher;
}

EventLoop::WatchId LibevLoop::watch(int fd, int events,
                                    std::function<void(int)> fn) {
  const WatchId id = next_id_.fetch_add(1, std::memory_order_relaxed);
  auto start = [this, id, fd, events, fn = std::move(fn)]() mutable {
    if (unwatched_early_.erase(id) > 0)
      return;
    auto* watcher = new IoWatcher{{}, this, id, std::move(fn)};
    ev_io_init(&watcher->io, &LibevLoop::onIo, fd, toLibev(events));
    watcher->io.data = watcher;
    ev_io_start(loop_, &watcher->io);
    watches_[id] = watcher;
  };
  if (inLoopThread()) {
    start();
  } else {
    run_in_loop(std::move(start));
  }
  return id;
}

void LibevLoop::modify(WatchId watch, int events) {
  run_in_loop([this, watch, events]() {
    auto it = watches_.find(watch);
    if (it == watches_.end())
      return;
    ev_io* io = &it->second->io;
    ev_io_stop(loop_, io);
    ev_io_set(io, io->fd, toLibev(events));
    ev_io_start(loop_, io);
  });
}

void LibevLoop::unwatch(WatchId watch) {
  if (inLoopThread()) {
    removeWatch(watch);
  } else {
    run_in_loop([this, watch]() { removeWatch(watch); });
  }
}

void LibevLoop::removeWatch(WatchId watch) {
  auto it = watches_.find(watch);
  if (it == watches_.end()) {
    // Its start is still queued behind us.
    unwatched_early_.insert(watch);
    return;
  }
  ev_io_stop(loop_, &it->second->io);
  // The callback may be the one unwatching itself: free it later.
  graveyard_.push_back(it->second);
  watches_.erase(it);
  run_in_loop([]() {});
}

void LibevLoop::onIo(struct ev_loop*, ev_io* io, int revents) {
  auto* watcher = static_cast<IoWatcher*>(io->data);
  watcher->fn(fromLibev(revents));
}

}  // namespace internal
}  // namespace process
