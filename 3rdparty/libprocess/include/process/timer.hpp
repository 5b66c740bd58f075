#ifndef PROCESS_TIMER_HPP
#define PROCESS_TIMER_HPP

// A handle to a one-shot callback scheduled on the process `Clock`
// (`Clock::timer`, `delay`). Copyable; copies refer to the same timer.

#include <cstdint>

#include <process/time.hpp>

namespace process {

class Timer {
 public:
  // A handle that refers to no timer; cancelling it returns false.
  Timer() = default;

  // The deadline at which the callback runs.
  const Time& timeout() const { return deadline_; }

  // Cancels the timer. Returns true if the callback had not started and
  // now never will; false if it already ran, is running, or was cancelled.
  // Thread-safe. Same as `Clock::cancel(*this)`.
  bool cancel() const;

  bool operator==(const Timer& that) const { return id_ == that.id_; }
  bool operator!=(const Timer& that) const { return id_ != that.id_; }

 private:
  friend class Clock;

  Timer(uint64_t id, const Time& deadline) : id_(id), deadline_(deadline) {}

  uint64_t id_ = 0;
  Time deadline_;
};

}  // namespace process

#endif  // PROCESS_TIMER_HPP
