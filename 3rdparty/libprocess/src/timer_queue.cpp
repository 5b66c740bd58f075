#include "timer_queue.hpp"

#include <limits>
#include <vector>

#include <process/clock.hpp>

namespace process {
namespace internal {

uint64_t TimerQueue::add(const Time& deadline, std::function<void()> thunk) {
  bool rearm_needed = false;
  uint64_t id;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    id = next_id_++;
    const Key key(deadline.ns(), id);
    timers_.emplace(key, std::move(thunk));
    const bool earliest = timers_.begin()->first == key;
    if (Clock::paused()) {
      if (deadline <= Clock::now())
        postTickLocked();
    } else if (earliest) {
      rearm_needed = true;
    }
  }
  if (rearm_needed)
    loop_.run_in_loop([this]() { rearm(); });
  return id;
}

bool TimerQueue::cancel(uint64_t id, const Time& deadline) {
  std::lock_guard<std::mutex> lock(mutex_);
  return timers_.erase(Key(deadline.ns(), id)) > 0;
}

void TimerQueue::clockChanged() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (Clock::paused()) {
    if (!timers_.empty() && timers_.begin()->first.first <= Clock::now().ns()) {
      postTickLocked();
    }
  }
  // Arm (running clock) or disarm (paused) the real-time timer.
  loop_.run_in_loop([this]() { rearm(); });
}

void TimerQueue::clear() {
  std::map<Key, std::function<void()>> dropped;
  std::lock_guard<std::mutex> lock(mutex_);
  dropped.swap(timers_);
}

void TimerQueue::postTickLocked() {
  if (tick_posted_)
    return;
  tick_posted_ = true;
  busy_.fetch_add(1, std::memory_order_relaxed);
  loop_.run_in_loop([this]() {
    tick();
    busy_.fetch_sub(1, std::memory_order_acq_rel);
  });
}

void TimerQueue::tick() {
  std::vector<std::function<void()>> due;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    tick_posted_ = false;
    const int64_t now = Clock::now().ns();
    while (!timers_.empty() && timers_.begin()->first.first <= now) {
      due.push_back(std::move(timers_.begin()->second));
      timers_.erase(timers_.begin());
    }
  }
  for (auto& thunk : due) {
    thunk();
    thunk = nullptr;
  }
  rearm();
}

void TimerQueue::rearm() {
  int64_t deadline = std::numeric_limits<int64_t>::max();
  bool paused;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    paused = Clock::paused();
    if (!timers_.empty())
      deadline = timers_.begin()->first.first;
  }
  const bool wanted =
      !paused && deadline != std::numeric_limits<int64_t>::max();
  if (armed_ != 0 && (!wanted || armed_deadline_ != deadline)) {
    loop_.cancel(armed_);
    armed_ = 0;
  }
  if (!wanted || armed_ != 0)
    return;
  const Duration delay = Nanoseconds(deadline) - Clock::now().duration();
  armed_deadline_ = deadline;
  armed_ = loop_.delay(delay, [this]() {
    armed_ = 0;
    tick();
  });
}

}  // namespace internal
}  // namespace process
