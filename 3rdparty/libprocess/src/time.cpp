#include <process/time.hpp>

#include <ctime>
#include <iomanip>
#include <sstream>

namespace process {

namespace {

// Seconds since the epoch broken down in UTC, plus the nanoseconds.
bool breakDown(const Time& time, std::tm* tm, int64_t* nanos) {
  int64_t seconds = time.ns() / Duration::SECONDS;
  *nanos = time.ns() % Duration::SECONDS;
  if (*nanos < 0) {
    *nanos += Duration::SECONDS;
    seconds--;
  }
  const std::time_t t = static_cast<std::time_t>(seconds);
  return gmtime_r(&t, tm) != nullptr;
}

}  // namespace

Try<Time> Time::create(double seconds) {
  Try<Duration> duration = Duration::create(seconds);
  if (duration.isError())
    return Error(duration.error());
  if (duration.get() < Duration::zero()) {
    return Error("Time before the epoch: " + std::to_string(seconds) + "secs");
  }
  return Time(duration.get());
}

std::ostream& operator<<(std::ostream& stream, const RFC3339& formatter) {
  std::tm tm;
  int64_t nanos;
  if (!breakDown(formatter.time, &tm, &nanos)) {
    return stream << formatter.time.secs() << "secs";
  }
  char date[32];
  std::strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S", &tm);
  std::ostringstream out;
  out << date;
  if (nanos != 0) {
    std::ostringstream fraction;
    fraction << std::setw(9) << std::setfill('0') << nanos;
    std::string digits = fraction.str();
    digits.erase(digits.find_last_not_of('0') + 1);
    out << '.' << digits;
  }
  out << "+00:00";
  return stream << out.str();
}

std::ostream& operator<<(std::ostream& stream, const Time& time) {
  return stream << RFC3339(time);
}

std::ostream& operator<<(std::ostream& stream, const RFC1123& formatter) {
  static const char* const days[] = {"Sun", "Mon", "Tue", "Wed",
                                     "Thu", "Fri", "Sat"};
  static const char* const months[] = {"Jan", "Feb", "Mar", "Apr",
                                       "May", "Jun", "Jul", "Aug",
                                       "Sep", "Oct", "Nov", "Dec"};
  std::tm tm;
  int64_t nanos;
  if (!breakDown(formatter.time, &tm, &nanos)) {
    return stream << formatter.time.secs() << "secs";
  }
  char text[40];
  std::snprintf(text, sizeof(text), "%s, %02d %s %04d %02d:%02d:%02d GMT",
                days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
                tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return stream << text;
}

}  // namespace process
