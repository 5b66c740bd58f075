#ifndef PROCESS_SRC_TIMER_QUEUE_HPP
#define PROCESS_SRC_TIMER_QUEUE_HPP

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <utility>

#include <process/event_loop.hpp>
#include <process/time.hpp>

namespace process {
namespace internal {

// The Clock's pending timers, ordered by deadline. Thunks run on the event
// loop thread in "ticks". With the real clock, one real-time loop timer is
// armed for the earliest deadline. With the paused clock nothing is armed:
// a tick is posted whenever a timer is, or becomes, due in virtual time
// (on creation, advance, update), and each posted tick counts in `busy`
// until its thunks have run, which is what lets Clock::settle() see them.
class TimerQueue {
 public:
  TimerQueue(EventLoop& loop, std::atomic<int64_t>& busy)
      : loop_(loop), busy_(busy) {}

  // Returns the timer id.
  uint64_t add(const Time& deadline, std::function<void()> thunk);
  bool cancel(uint64_t id, const Time& deadline);

  // The clock was paused, resumed or moved: re-evaluate what is due.
  void clockChanged();

  // Drops every pending timer (runtime shutdown).
  void clear();

 private:
  using Key = std::pair<int64_t, uint64_t>;

  void postTickLocked();
  void tick();
  void rearm();

  EventLoop& loop_;
  std::atomic<int64_t>& busy_;

  std::mutex mutex_;
  std::map<Key, std::function<void()>> timers_;
  uint64_t next_id_ = 1;
  bool tick_posted_ = false;

  // Loop thread only.
  EventLoop::TimerId armed_ = 0;
  int64_t armed_deadline_ = 0;
};

}  // namespace internal
}  // namespace process

#endif  // PROCESS_SRC_TIMER_QUEUE_HPP
