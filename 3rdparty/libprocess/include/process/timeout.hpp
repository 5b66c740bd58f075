#ifndef PROCESS_TIMEOUT_HPP
#define PROCESS_TIMEOUT_HPP

// A deadline measured on the process `Clock` (so it follows
// `Clock::pause()`/`advance()`). A plain value type.

#include <process/clock.hpp>
#include <process/time.hpp>

#include <stout/duration.hpp>

namespace process {

class Timeout {
 public:
  // A timeout that has already expired (its deadline is the epoch).
  Timeout() = default;
  explicit Timeout(const Time& time) : deadline_(time) {}

  // A timeout `duration` from `Clock::now()`; saturates at `Time::max()`,
  // so `Timeout::in(Duration::max())` never expires.
  static Timeout in(const Duration& duration) {
    return Timeout(Clock::now() + duration);
  }

  const Time& time() const { return deadline_; }

  bool expired() const { return deadline_ <= Clock::now(); }

  // Time left until the deadline; zero once expired (never negative).
  Duration remaining() const {
    const Duration left = deadline_ - Clock::now();
    return left > Duration::zero() ? left : Duration::zero();
  }

  bool operator==(const Timeout& that) const {
    return deadline_ == that.deadline_;
  }
  bool operator<(const Timeout& that) const {
    return deadline_ < that.deadline_;
  }
  bool operator<=(const Timeout& that) const {
    return deadline_ <= that.deadline_;
  }

 private:
  Time deadline_;
};

}  // namespace process

#endif  // PROCESS_TIMEOUT_HPP
