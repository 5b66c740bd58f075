#ifndef STOUT_DURATION_HPP
#define STOUT_DURATION_HPP

#include <cctype>
#include <cmath>
#include <cstdint>
#include <ctime>
#include <iomanip>
#include <limits>
#include <locale>
#include <ostream>
#include <sstream>
#include <string>

#include <stout/error.hpp>
#include <stout/try.hpp>

// A span of time with nanosecond resolution, printed and parsed in Mesos's
// flag format: a number followed by one of ns, us, ms, secs, mins, hrs, days,
// weeks ("10secs", "2mins", "1.5hrs").
class Duration {
 public:
  static constexpr int64_t NANOSECONDS = 1;
  static constexpr int64_t MICROSECONDS = 1000 * NANOSECONDS;
  static constexpr int64_t MILLISECONDS = 1000 * MICROSECONDS;
  static constexpr int64_t SECONDS = 1000 * MILLISECONDS;
  static constexpr int64_t MINUTES = 60 * SECONDS;
  static constexpr int64_t HOURS = 60 * MINUTES;
  static constexpr int64_t DAYS = 24 * HOURS;
  static constexpr int64_t WEEKS = 7 * DAYS;

  constexpr Duration() : nanos_(0) {}

  // Parses "<number><unit>"; the number may have a fraction and a sign.
  static Try<Duration> parse(const std::string& text) {
    size_t index = 0;
    while (index < text.size() &&
           (std::isdigit(static_cast<unsigned char>(text[index])) ||
            text[index] == '.' || text[index] == '-' || text[index] == '+')) {
      index++;
    }
    if (index == 0) {
      return Error("Invalid duration '" + text + "': expected a number");
    }

    double value;
    std::istringstream number(text.substr(0, index));
    number.imbue(std::locale::classic());
    if (!(number >> value) || !number.eof()) {
      return Error("Invalid duration '" + text + "': bad number");
    }

    const std::string unit = text.substr(index);
    int64_t factor;
    if (unit == "ns") {
      factor = NANOSECONDS;
    } else if (unit == "us") {
      factor = MICROSECONDS;
    } else if (unit == "ms") {
      factor = MILLISECONDS;
    } else if (unit == "secs") {
      factor = SECONDS;
    } else if (unit == "mins") {
      factor = MINUTES;
    } else if (unit == "hrs") {
      factor = HOURS;
    } else if (unit == "days") {
      factor = DAYS;
    } else if (unit == "weeks") {
      factor = WEEKS;
    } else {
      return Error("Invalid duration '" + text + "': unknown unit '" + unit +
                   "' (use ns, us, ms, secs, mins, hrs, days or weeks)");
    }
    return fromNanos(value * factor, text);
  }

  // A duration of `seconds` seconds; fails if it does not fit in int64 ns.
  static Try<Duration> create(double seconds) {
    return fromNanos(seconds * SECONDS, std::to_string(seconds) + "secs");
  }

  static constexpr Duration max() {
    return Duration(std::numeric_limits<int64_t>::max(), nullptr);
  }
  static constexpr Duration min() {
    return Duration(std::numeric_limits<int64_t>::min(), nullptr);
  }
  static constexpr Duration zero() { return Duration(); }

  constexpr int64_t ns() const { return nanos_; }
  constexpr double us() const { return double(nanos_) / MICROSECONDS; }
  constexpr double ms() const { return double(nanos_) / MILLISECONDS; }
  constexpr double secs() const { return double(nanos_) / SECONDS; }
  constexpr double mins() const { return double(nanos_) / MINUTES; }
  constexpr double hrs() const { return double(nanos_) / HOURS; }
  constexpr double days() const { return double(nanos_) / DAYS; }
  constexpr double weeks() const { return double(nanos_) / WEEKS; }

  struct timespec timespec() const {
    struct timespec ts;
    ts.tv_sec = nanos_ / SECONDS;
    ts.tv_nsec = nanos_ % SECONDS;
    return ts;
  }

  constexpr bool operator<(const Duration& d) const { return nanos_ < d.nanos_; }
  constexpr bool operator<=(const Duration& d) const {
    return nanos_ <= d.nanos_;
  }
  constexpr bool operator>(const Duration& d) const { return nanos_ > d.nanos_; }
  constexpr bool operator>=(const Duration& d) const {
    return nanos_ >= d.nanos_;
  }
  constexpr bool operator==(const Duration& d) const {
    return nanos_ == d.nanos_;
  }
  constexpr bool operator!=(const Duration& d) const {
    return nanos_ != d.nanos_;
  }

  Duration& operator+=(const Duration& d) {
    nanos_ = saturate(static_cast<long double>(nanos_) + d.nanos_);
    return *this;
  }
  Duration& operator-=(const Duration& d) {
    nanos_ = saturate(static_cast<long double>(nanos_) - d.nanos_);
    return *this;
  }
  Duration& operator*=(double multiplier) {
    nanos_ = saturate(static_cast<long double>(nanos_) * multiplier);
    return *this;
  }
  Duration& operator/=(double divisor) {
    nanos_ = saturate(static_cast<long double>(nanos_) / divisor);
    return *this;
  }

  Duration operator+(const Duration& d) const { return Duration(*this) += d; }
  Duration operator-(const Duration& d) const { return Duration(*this) -= d; }
  Duration operator*(double m) const { return Duration(*this) *= m; }
  Duration operator/(double d) const { return Duration(*this) /= d; }
  double operator/(const Duration& d) const {
    return double(nanos_) / double(d.nanos_);
  }

 protected:
  constexpr Duration(int64_t value, int64_t unit) : nanos_(value * unit) {}
  Duration(double value, int64_t unit) : nanos_(saturate(value * unit)) {}

 private:
  constexpr Duration(int64_t nanos, std::nullptr_t) : nanos_(nanos) {}

  // Arithmetic saturates at max()/min() so that "forever" stays forever.
  static int64_t saturate(long double nanos) {
    if (nanos >= static_cast<long double>(std::numeric_limits<int64_t>::max()))
      return std::numeric_limits<int64_t>::max();
    if (nanos <= static_cast<long double>(std::numeric_limits<int64_t>::min()))
      return std::numeric_limits<int64_t>::min();
    return static_cast<int64_t>(nanos);
  }

  static Try<Duration> fromNanos(long double nanos, const std::string& text) {
    if (std::isnan(nanos) ||
        std::fabs(nanos) >
            static_cast<long double>(std::numeric_limits<int64_t>::max())) {
      return Error("Duration '" + text + "' is out of range");
    }
    return Duration(static_cast<int64_t>(std::llround(nanos)), nullptr);
  }

  int64_t nanos_;
};

#define STOUT_DURATION_UNIT(NAME, FACTOR)                             \
  class NAME : public Duration {                                      \
   public:                                                            \
    explicit constexpr NAME(int64_t value) : Duration(value, FACTOR) {} \
    explicit NAME(int value) : Duration(int64_t(value), FACTOR) {}     \
    explicit NAME(double value) : Duration(value, FACTOR) {}          \
  };

STOUT_DURATION_UNIT(Nanoseconds, Duration::NANOSECONDS)
STOUT_DURATION_UNIT(Microseconds, Duration::MICROSECONDS)
STOUT_DURATION_UNIT(Milliseconds, Duration::MILLISECONDS)
STOUT_DURATION_UNIT(Seconds, Duration::SECONDS)
STOUT_DURATION_UNIT(Minutes, Duration::MINUTES)
STOUT_DURATION_UNIT(Hours, Duration::HOURS)
STOUT_DURATION_UNIT(Days, Duration::DAYS)
STOUT_DURATION_UNIT(Weeks, Duration::WEEKS)

#undef STOUT_DURATION_UNIT

// Prints in the largest unit of which there is at least one whole, with up
// to six significant digits: 90 seconds print as "1.5mins".
inline std::ostream& operator<<(std::ostream& stream, const Duration& d) {
  struct Unit {
    int64_t factor;
    const char* name;
  };
  static constexpr Unit units[] = {
      {Duration::WEEKS, "weeks"},       {Duration::DAYS, "days"},
      {Duration::HOURS, "hrs"},         {Duration::MINUTES, "mins"},
      {Duration::SECONDS, "secs"},      {Duration::MILLISECONDS, "ms"},
      {Duration::MICROSECONDS, "us"},   {Duration::NANOSECONDS, "ns"}};

  const int64_t nanos = d.ns();
  const uint64_t magnitude =
      nanos < 0 ? uint64_t(-(nanos + 1)) + 1 : uint64_t(nanos);

  for (const Unit& unit : units) {
    if (magnitude >= uint64_t(unit.factor) || unit.factor == 1) {
      std::ostringstream out;
      out.imbue(std::locale::classic());
      out << std::setprecision(6) << (double(nanos) / unit.factor)
          << unit.name;
      return stream << out.str();
    }
  }
  return stream;
}

#endif  // STOUT_DURATION_HPP
