#include <process/clock.hpp>

#include <glog/logging.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <limits>
#include <mutex>
#include <thread>

#include <process/timer.hpp>

#include "runtime.hpp"

namespace process {

namespace {

std::atomic<bool> clock_paused{false};
std::atomic<int64_t> virtual_ns{0};
std::mutex clock_mutex;

int64_t realNow() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void clockChanged() {
  if (internal::Runtime* runtime = internal::Runtime::instance()) {
    runtime->timers().clockChanged();
  }
}

}  // namespace

Time Clock::now() {
  const int64_t ns = clock_paused.load(std::memory_order_acquire)
                         ? virtual_ns.load(std::memory_order_acquire)
                         : realNow();
  return Time::epoch() + Nanoseconds(ns);
}

Timer Clock::timer(const Duration& duration, std::function<void()> thunk) {
  internal::Runtime& runtime = internal::Runtime::get();
  const Time now = Clock::now();
  const Time deadline = duration > Duration::zero() ? now + duration : now;
  const uint64_t id = runtime.timers().add(deadline, std::move(thunk));
  return Timer(id, deadline);
}

bool Clock::cancel(const Timer& timer) {
  internal::Runtime* runtime = internal::Runtime::instance();
  return runtime != nullptr && timer.id_ != 0 &&
         runtime->timers().cancel(timer.id_, timer.deadline_);
}

bool Timer::cancel() const {
  return Clock::cancel(*this);
}

void Clock::pause() {
  std::lock_guard<std::mutex> lock(clock_mutex);
  if (clock_paused.load())
    return;
  virtual_ns.store(realNow(), std::memory_order_release);
  clock_paused.store(true, std::memory_order_release);
  clockChanged();
}

bool Clock::paused() {
  return clock_paused.load(std::memory_order_acquire);
}

void Clock::resume() {
  std::lock_guard<std::mutex> lock(clock_mutex);
  if (!clock_paused.load())
    return;
  clock_paused.store(false, std::memory_order_release);
  clockChanged();
}

void Clock::advance(const Duration& duration) {
  std::lock_guard<std::mutex> lock(clock_mutex);
  if (!clock_paused.load())
    return;
  const int64_t now = virtual_ns.load();
  const int64_t step = std::max<int64_t>(0, duration.ns());
  virtual_ns.store(step > std::numeric_limits<int64_t>::max() - now
                       ? std::numeric_limits<int64_t>::max()
                       : now + step,
                   std::memory_order_release);
  clockChanged();
}

void Clock::update(const Time& time) {
  std::lock_guard<std::mutex> lock(clock_mutex);
  if (!clock_paused.load())
    return;
  if (time.ns() <= virtual_ns.load())
    return;
  virtual_ns.store(time.ns(), std::memory_order_release);
  clockChanged();
}

void Clock::settle() {
  CHECK(!internal::Scheduler::onWorkerThread())
      << "Clock::settle() called from a process handler would wait for itself";
  internal::Runtime& runtime = internal::Runtime::get();
  for (int round = 0; runtime.busy.load(std::memory_order_acquire) != 0;
       ++round) {
    if (round < 100) {
      std::this_thread::yield();
    } else {
      std::this_thread::sleep_for(std::chrono::microseconds(50));
    }
  }
}

}  // namespace process
