#ifndef PROCESS_TIME_HPP
#define PROCESS_TIME_HPP

// A point in time: nanoseconds since the Unix epoch. `Clock::now()` returns
// one (real or, when the clock is paused, virtual). A plain value type.

#include <ostream>

#include <stout/duration.hpp>
#include <stout/try.hpp>

namespace process {

class Time {
 public:
  constexpr Time() : since_epoch_() {}

  // A time `seconds` after the epoch; fails if out of range or negative.
  static Try<Time> create(double seconds);

  static constexpr Time epoch() { return Time(); }
  static constexpr Time max() { return Time(Duration::max()); }

  constexpr Duration duration() const { return since_epoch_; }
  constexpr int64_t ns() const { return since_epoch_.ns(); }
  constexpr double secs() const { return since_epoch_.secs(); }

  // Arithmetic saturates like `Duration`: `Time::max() + d` stays max.
  Time& operator+=(const Duration& d) {
    since_epoch_ += d;
    return *this;
  }
  Time& operator-=(const Duration& d) {
    since_epoch_ -= d;
    return *this;
  }
  Time operator+(const Duration& d) const { return Time(*this) += d; }
  Time operator-(const Duration& d) const { return Time(*this) -= d; }
  Duration operator-(const Time& that) const {
    return since_epoch_ - that.since_epoch_;
  }

  constexpr bool operator==(const Time& t) const {
    return since_epoch_ == t.since_epoch_;
  }
  constexpr bool operator!=(const Time& t) const { return !(*this == t); }
  constexpr bool operator<(const Time& t) const {
    return since_epoch_ < t.since_epoch_;
  }
  constexpr bool operator<=(const Time& t) const {
    return since_epoch_ <= t.since_epoch_;
  }
  constexpr bool operator>(const Time& t) const { return t < *this; }
  constexpr bool operator>=(const Time& t) const { return t <= *this; }

 private:
  constexpr explicit Time(const Duration& since_epoch)
      : since_epoch_(since_epoch) {}

  Duration since_epoch_;
};

// RFC 3339 in UTC with up to nanosecond digits and no trailing zeros:
// "2014-05-12 17:01:27.264+00:00".
std::ostream& operator<<(std::ostream& stream, const Time& time);

// Prints a time as an HTTP date (RFC 1123): "Tue, 15 Nov 1994 08:12:31 GMT".
struct RFC1123 {
  explicit RFC1123(const Time& time) : time(time) {}
  Time time;
};
std::ostream& operator<<(std::ostream& stream, const RFC1123& formatter);

// Prints a time as RFC 3339, same as `operator<<(Time)`.
struct RFC3339 {
  explicit RFC3339(const Time& time) : time(time) {}
  Time time;
};
std::ostream& operator<<(std::ostream& stream, const RFC3339& formatter);

}  // namespace process

#endif  // PROCESS_TIME_HPP
