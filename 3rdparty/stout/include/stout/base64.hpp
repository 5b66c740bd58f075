#ifndef STOUT_BASE64_HPP
#define STOUT_BASE64_HPP

#include <cstdint>
#include <string>

#include <stout/error.hpp>
#include <stout/try.hpp>

// RFC 4648 base64 with the standard alphabet, as Mesos uses it for protobuf
// `bytes` fields in JSON.
namespace base64 {

// `data` encoded, with '=' padding.
inline std::string encode(const std::string& data) {
  static constexpr char alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string result;
  result.reserve((data.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    const uint32_t chunk = static_cast<uint8_t>(data[i]) << 16 |
                           static_cast<uint8_t>(data[i + 1]) << 8 |
                           static_cast<uint8_t>(data[i + 2]);
    result.push_back(alphabet[chunk >> 18]);
    result.push_back(alphabet[(chunk >> 12) & 0x3F]);
    result.push_back(alphabet[(chunk >> 6) & 0x3F]);
    result.push_back(alphabet[chunk & 0x3F]);
  }
  const size_t rest = data.size() - i;
  if (rest > 0) {
    uint32_t chunk = static_cast<uint8_t>(data[i]) << 16;
    if (rest == 2)
      chunk |= static_cast<uint8_t>(data[i + 1]) << 8;
    result.push_back(alphabet[chunk >> 18]);
    result.push_back(alphabet[(chunk >> 12) & 0x3F]);
    result.push_back(rest == 2 ? alphabet[(chunk >> 6) & 0x3F] : '=');
    result.push_back('=');
  }
  return result;
}

// The bytes `text` encodes. Padding may be omitted; any character outside
// the alphabet (whitespace included), misplaced padding or an impossible
// length is an error.
inline Try<std::string> decode(const std::string& text) {
  const auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z')
      return c - 'A';
    if (c >= 'a' && c <= 'z')
      return c - 'a' + 26;
    if (c >= '0' && c <= '9')
      return c - '0' + 52;
    if (c == '+')
      return 62;
    if (c == '/')
      return 63;
    return -1;
  };

  size_t length = text.size();
  if (length % 4 == 0 && length > 0 && text[length - 1] == '=') {
    length--;
    if (text[length - 1] == '=')
      length--;
  }
  if (length % 4 == 1) {
    return Error("Invalid base64: impossible length " +
                 std::to_string(text.size()));
  }

  std::string result;
  result.reserve(length / 4 * 3 + 2);
  uint32_t chunk = 0;
  int bits = 0;
  for (size_t i = 0; i < length; i++) {
    const int v = value(text[i]);
    if (v < 0) {
      return Error("Invalid base64: unexpected character at offset " +
                   std::to_string(i));
    }
    chunk = chunk << 6 | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      result.push_back(static_cast<char>((chunk >> bits) & 0xFF));
    }
  }
  return result;
}

}  // namespace base64

#endif  // STOUT_BASE64_HPP
