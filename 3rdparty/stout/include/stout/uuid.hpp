#ifndef STOUT_UUID_HPP
#define STOUT_UUID_HPP

#include <sys/types.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <ostream>
#include <random>
#include <string>

#include <stout/error.hpp>
#include <stout/try.hpp>

namespace id {

// A 128-bit RFC 4122 UUID. On the wire (protobuf `bytes` fields such as
// TaskStatus.uuid) it is the 16 raw bytes of `toBytes()`; in paths and logs
// it is the 36-character form of `toString()`.
//
// There is no default constructor so that an all-zero UUID is never created
// by accident; use `random()` or one of the parsers.
class UUID {
 public:
  // A fresh version-4 (random) UUID. Thread-safe: each thread draws from its
  // own generator, seeded from std::random_device, and reseeded in a forked
  // child so parent and child never produce the same sequence.
  static UUID random() {
    struct Generator {
      pid_t pid = -1;
      std::mt19937_64 engine;
    };
    thread_local Generator generator;
    if (generator.pid != ::getpid()) {
      std::random_device device;
      std::seed_seq seed{device(), device(), device(), device(),
                         device(), device(), device(), device()};
      generator.engine.seed(seed);
      generator.pid = ::getpid();
    }

    UUID uuid;
    const uint64_t high = generator.engine();
    const uint64_t low = generator.engine();
    std::memcpy(uuid.data_.data(), &high, 8);
    std::memcpy(uuid.data_.data() + 8, &low, 8);
    uuid.data_[6] = static_cast<uint8_t>((uuid.data_[6] & 0x0F) | 0x40);
    uuid.data_[8] = static_cast<uint8_t>((uuid.data_[8] & 0x3F) | 0x80);
    return uuid;
  }

  // The UUID whose raw form is `bytes`; fails unless it is exactly 16 bytes.
  static Try<UUID> fromBytes(const std::string& bytes) {
    if (bytes.size() != 16) {
      return Error("Invalid UUID: expected 16 bytes, got " +
                   std::to_string(bytes.size()));
    }
    UUID uuid;
    std::memcpy(uuid.data_.data(), bytes.data(), 16);
    return uuid;
  }

  // Parses the canonical 8-4-4-4-12 hex form (either case), e.g.
  // "f81d4fae-7dec-11d0-a765-00a0c91e6bf6"; anything else is an error.
  static Try<UUID> fromString(const std::string& text) {
    if (text.size() != 36) {
      return Error("Invalid UUID '" + text + "': expected 36 characters");
    }
    UUID uuid;
    size_t out = 0;
    for (size_t i = 0; i < 36;) {
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (text[i] != '-') {
          return Error("Invalid UUID '" + text + "': expected '-' at " +
                       std::to_string(i));
        }
        i++;
        continue;
      }
      const int high = hexValue(text[i]);
      const int low = hexValue(text[i + 1]);
      if (high < 0 || low < 0) {
        return Error("Invalid UUID '" + text + "': bad hex digit");
      }
      uuid.data_[out++] = static_cast<uint8_t>(high << 4 | low);
      i += 2;
    }
    return uuid;
  }

  // The 16 raw bytes, in RFC 4122 (network) order.
  std::string toBytes() const {
    return std::string(reinterpret_cast<const char*>(data_.data()), 16);
  }

  // Lower-case 8-4-4-4-12 hex.
  std::string toString() const {
    static constexpr char digits[] = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    for (size_t i = 0; i < 16; i++) {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        text.push_back('-');
      text.push_back(digits[data_[i] >> 4]);
      text.push_back(digits[data_[i] & 0x0F]);
    }
    return text;
  }

  bool operator==(const UUID& that) const { return data_ == that.data_; }
  bool operator!=(const UUID& that) const { return data_ != that.data_; }
  bool operator<(const UUID& that) const { return data_ < that.data_; }

  size_t hash() const {
    uint64_t high;
    uint64_t low;
    std::memcpy(&high, data_.data(), 8);
    std::memcpy(&low, data_.data() + 8, 8);
    return std::hash<uint64_t>()(high ^ (low * 0x9E3779B97F4A7C15ULL));
  }

 private:
  UUID() : data_{} {}

  static int hexValue(char c) {
    if (c >= '0' && c <= '9')
      return c - '0';
    if (c >= 'a' && c <= 'f')
      return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
      return c - 'A' + 10;
    return -1;
  }

  std::array<uint8_t, 16> data_;
};

inline std::ostream& operator<<(std::ostream& stream, const UUID& uuid) {
  return stream << uuid.toString();
}

}  // namespace id

namespace std {
template <>
struct hash<id::UUID> {
  size_t operator()(const id::UUID& uuid) const { return uuid.hash(); }
};
}  // namespace std

#endif  // STOUT_UUID_HPP
