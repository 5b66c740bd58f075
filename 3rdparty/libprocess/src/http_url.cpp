#include <process/http.hpp>

namespace process {
namespace http {

namespace {

constexpr char kHex[] = "0123456789ABCDEF";

// The characters libprocess escapes beyond controls and non-ASCII bytes.
constexpr std::string_view kEscaped = "$&+,/:;=?@ \"<>#%{}|\\^~[]`";

int hexValue(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string encode(std::string_view s, std::string_view additional) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const unsigned char byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7F || kEscaped.find(c) != kEscaped.npos ||
        additional.find(c) != additional.npos) {
      out.push_back('%');
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0F]);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Try<std::string> decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c != '%') {
      out.push_back(c);
    } else {
      const int high = i + 1 < s.size() ? hexValue(s[i + 1]) : -1;
      const int low = i + 2 < s.size() ? hexValue(s[i + 2]) : -1;
      if (high < 0 || low < 0) {
        return Error("Malformed % escape in '" + std::string(s) + "': '" +
                     std::string(s.substr(i, 3)) + "'");
      }
      out.push_back(static_cast<char>((high << 4) | low));
      i += 2;
    }
  }
  return out;
}

namespace query {

Try<Query> decode(std::string_view query) {
  Query result;
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find_first_of("&;", start);
    if (end == query.npos) {
      end = query.size();
    }
    const std::string_view pair = query.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) {
      continue;
    }

    const size_t equals = pair.find('=');
    Try<std::string> key = http::decode(pair.substr(0, equals));
    if (key.isError()) {
      return Error(key.error());
    }
    std::string value;
    if (equals != pair.npos) {
      Try<std::string> decoded = http::decode(pair.substr(equals + 1));
      if (decoded.isError()) {
        return Error(decoded.error());
      }
      value = std::move(decoded.get());
    }
    result[std::move(key.get())] = std::move(value);
  }
  return result;
}

std::string encode(const Query& query) {
  std::string out;
  for (const auto& [key, value] : query) {
    if (!out.empty()) {
      out.push_back('&');
    }
    out.append(http::encode(key));
    out.push_back('=');
    out.append(http::encode(value));
  }
  return out;
}

}  // namespace query

}  // namespace http
}  // namespace process
