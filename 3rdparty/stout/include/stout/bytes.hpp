#ifndef STOUT_BYTES_HPP
#define STOUT_BYTES_HPP

#include <cctype>
#include <charconv>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

#include <stout/error.hpp>
#include <stout/try.hpp>

// An amount of memory or disk, counted in whole bytes. Units are binary
// (1KB = 1024B), as in Mesos's flags and resources.
//
// Text form: a whole number followed by B, KB, MB, GB or TB (case-insensitive
// unit), e.g. "64MB". Fractions ("1.5GB") are rejected, as Mesos does, so a
// value never silently rounds.
class Bytes {
 public:
  static constexpr uint64_t BYTES = 1;
  static constexpr uint64_t KILOBYTES = 1024 * BYTES;
  static constexpr uint64_t MEGABYTES = 1024 * KILOBYTES;
  static constexpr uint64_t GIGABYTES = 1024 * MEGABYTES;
  static constexpr uint64_t TERABYTES = 1024 * GIGABYTES;

  constexpr Bytes(uint64_t bytes = 0) : value_(bytes) {}
  constexpr Bytes(uint64_t value, uint64_t unit) : value_(value * unit) {}

  // Parses "<digits><unit>"; fails on a missing number, a fraction, an
  // unknown unit, or a value that does not fit in 64 bits.
  static Try<Bytes> parse(const std::string& text) {
    size_t index = 0;
    while (index < text.size() &&
           std::isdigit(static_cast<unsigned char>(text[index]))) {
      index++;
    }
    if (index < text.size() && text[index] == '.') {
      return Error("Invalid bytes '" + text +
                   "': fractional bytes are not supported");
    }
    if (index == 0) {
      return Error("Invalid bytes '" + text + "': expected a number");
    }

    uint64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + index, value);
    if (ec != std::errc() || end != text.data() + index) {
      return Error("Invalid bytes '" + text + "': number out of range");
    }

    std::string unit = text.substr(index);
    for (char& c : unit) {
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }

    uint64_t factor;
    if (unit == "B") {
      factor = BYTES;
    } else if (unit == "KB") {
      factor = KILOBYTES;
    } else if (unit == "MB") {
      factor = MEGABYTES;
    } else if (unit == "GB") {
      factor = GIGABYTES;
    } else if (unit == "TB") {
      factor = TERABYTES;
    } else {
      return Error("Invalid bytes '" + text + "': unknown unit '" +
                   text.substr(index) + "' (use B, KB, MB, GB or TB)");
    }

    if (value > UINT64_MAX / factor) {
      return Error("Invalid bytes '" + text + "': out of range");
    }
    return Bytes(value * factor);
  }

  constexpr uint64_t bytes() const { return value_; }
  constexpr uint64_t kilobytes() const { return value_ / KILOBYTES; }
  constexpr uint64_t megabytes() const { return value_ / MEGABYTES; }
  constexpr uint64_t gigabytes() const { return value_ / GIGABYTES; }
  constexpr uint64_t terabytes() const { return value_ / TERABYTES; }

  constexpr bool operator<(const Bytes& b) const { return value_ < b.value_; }
  constexpr bool operator<=(const Bytes& b) const { return value_ <= b.value_; }
  constexpr bool operator>(const Bytes& b) const { return value_ > b.value_; }
  constexpr bool operator>=(const Bytes& b) const { return value_ >= b.value_; }
  constexpr bool operator==(const Bytes& b) const { return value_ == b.value_; }
  constexpr bool operator!=(const Bytes& b) const { return value_ != b.value_; }

  // Plain unsigned arithmetic: subtracting a larger amount wraps, so callers
  // compare first where that can happen.
  Bytes& operator+=(const Bytes& b) {
    value_ += b.value_;
    return *this;
  }
  Bytes& operator-=(const Bytes& b) {
    value_ -= b.value_;
    return *this;
  }
  Bytes& operator*=(uint64_t m) {
    value_ *= m;
    return *this;
  }
  Bytes& operator/=(uint64_t d) {
    value_ /= d;
    return *this;
  }
  Bytes& operator%=(const Bytes& b) {
    value_ %= b.value_;
    return *this;
  }

  constexpr Bytes operator+(const Bytes& b) const { return value_ + b.value_; }
  constexpr Bytes operator-(const Bytes& b) const { return value_ - b.value_; }
  constexpr Bytes operator*(uint64_t m) const { return value_ * m; }
  constexpr Bytes operator/(uint64_t d) const { return value_ / d; }
  constexpr Bytes operator%(const Bytes& b) const { return value_ % b.value_; }

 private:
  uint64_t value_;
};

class Kilobytes : public Bytes {
 public:
  explicit constexpr Kilobytes(uint64_t value) : Bytes(value, KILOBYTES) {}
};

class Megabytes : public Bytes {
 public:
  explicit constexpr Megabytes(uint64_t value) : Bytes(value, MEGABYTES) {}
};

class Gigabytes : public Bytes {
 public:
  explicit constexpr Gigabytes(uint64_t value) : Bytes(value, GIGABYTES) {}
};

class Terabytes : public Bytes {
 public:
  explicit constexpr Terabytes(uint64_t value) : Bytes(value, TERABYTES) {}
};

// Prints in the largest unit that loses nothing: 1536KB stays "1536KB",
// 2048KB prints "2MB", 0 prints "0B".
inline std::ostream& operator<<(std::ostream& stream, const Bytes& bytes) {
  static constexpr const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  uint64_t value = bytes.bytes();
  size_t unit = 0;
  while (value != 0 && value % 1024 == 0 &&
         unit + 1 < sizeof(units) / sizeof(units[0])) {
    value /= 1024;
    unit++;
  }
  return stream << value << units[unit];
}

namespace std {
template <>
struct hash<Bytes> {
  size_t operator()(const Bytes& bytes) const {
    return std::hash<uint64_t>()(bytes.bytes());
  }
};
}  // namespace std

#endif  // STOUT_BYTES_HPP
