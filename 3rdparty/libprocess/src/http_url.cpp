#include <process/http.hpp>

#include <ostream>
#include <string>

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

Try<URL> URL::parse(const std::string& text) {
  const size_t separator = text.find("://");
  if (separator == std::string::npos || separator == 0)
    return Error("Missing scheme in URL '" + text + "'");
  URL url;
  std::string scheme = text.substr(0, separator);
  for (char& c : scheme) {
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  }
  url.scheme = scheme;

  const size_t authority = separator + 3;
  const size_t tail = text.find_first_of("/?#", authority);
  const std::string host =
      text.substr(authority, tail == std::string::npos ? std::string::npos
                                                       : tail - authority);
  if (host.empty())
    return Error("Missing host in URL '" + text + "'");
  if (host.find_first_of("@[]") != std::string::npos) {
    return Error("Unsupported host '" + host + "' in URL '" + text +
                 "': expected host[:port]");
  }
  const size_t colon = host.find(':');
  url.domain = host.substr(0, colon);
  if (url.domain->empty())
    return Error("Missing host in URL '" + text + "'");
  if (colon != std::string::npos) {
    const std::string port = host.substr(colon + 1);
    if (port.empty() || port.size() > 5 ||
        port.find_first_not_of("0123456789") != std::string::npos ||
        std::stoul(port) > 65535) {
      return Error("Bad port '" + port + "' in URL '" + text + "'");
    }
    url.port = static_cast<uint16_t>(std::stoul(port));
  }

  std::string rest = tail == std::string::npos ? "" : text.substr(tail);
  const size_t hash = rest.find('#');
  if (hash != std::string::npos) {
    url.fragment = rest.substr(hash + 1);
    rest.resize(hash);
  }
  const size_t question = rest.find('?');
  if (question != std::string::npos) {
    Try<Query> decoded = query::decode(rest.substr(question + 1));
    if (decoded.isError())
      return Error("Bad query in URL '" + text + "': " + decoded.error());
    url.query = decoded.get();
    rest.resize(question);
  }
  url.path = rest.empty() ? "/" : rest;
  return url;
}

std::ostream& operator<<(std::ostream& stream, const URL& url) {
  if (url.scheme.isSome())
    stream << url.scheme.get() << "://";
  if (url.domain.isSome())
    stream << url.domain.get();
  if (url.port.isSome())
    stream << ":" << url.port.get();
  stream << url.path;
  if (!url.query.empty())
    stream << "?" << query::encode(url.query);
  if (url.fragment.isSome())
    stream << "#" << url.fragment.get();
  return stream;
}

}  // namespace http
}  // namespace process
