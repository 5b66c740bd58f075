#include "encoder.hpp"

#include <ctime>

namespace process {

namespace {

constexpr char kHex[] = "0123456789abcdef";
constexpr char kUpperHex[] = "0123456789ABCDEF";

size_t hexDigits(size_t n) {
  size_t digits = 1;
  while (n >>= 4) {
    ++digits;
  }
  return digits;
}

// Lower-case hex without leading zeros, as libprocess prints chunk sizes.
void appendHex(size_t n, std::string* out) {
  char buffer[2 * sizeof(size_t)];
  size_t i = sizeof(buffer);
  do {
    buffer[--i] = kHex[n & 0xF];
    n >>= 4;
  } while (n != 0);
  out->append(buffer + i, sizeof(buffer) - i);
}

void appendDecimal(size_t n, std::string* out) {
  char buffer[20];
  size_t i = sizeof(buffer);
  do {
    buffer[--i] = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n != 0);
  out->append(buffer + i, sizeof(buffer) - i);
}

enum class Segment { ID, NAME, PATH };

bool needsEscape(unsigned char c, Segment segment) {
  if (c <= 0x20 || c == 0x7F) {
    return true;
  }
  switch (segment) {
    case Segment::ID:
      return c == '?' || c == '#' || c == '%' || c == '+' || c == '/';
    case Segment::NAME:
      return c == '?' || c == '#';
    case Segment::PATH:
      return false;
  }
  return false;
}

size_t escapedSize(std::string_view s, Segment segment) {
  size_t size = s.size();
  for (char c : s) {
    if (needsEscape(static_cast<unsigned char>(c), segment)) {
      size += 2;
    }
  }
  return size;
}

void appendEscaped(std::string_view s, Segment segment, std::string* out) {
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (needsEscape(c, segment)) {
      out->append(s.data() + start, i - start);
      const char escape[3] = {'%', kUpperHex[c >> 4], kUpperHex[c & 0xF]};
      out->append(escape, 3);
      start = i + 1;
    }
  }
  out->append(s.data() + start, s.size() - start);
}

bool startsWith(std::string_view name, std::string_view prefix) {
  return name.size() >= prefix.size() &&
         http::iequals(name.substr(0, prefix.size()), prefix);
}

// Prefixes, not names: http-parser (so libprocess, and our decoder) takes
// any field whose name merely begins with "Transfer-Encoding" for one.
bool isFramingField(std::string_view name) {
  return startsWith(name, "Content-Length") ||
         startsWith(name, "Transfer-Encoding");
}

// "name: value\r\n", with CR and LF in the value turned into spaces.
void appendField(std::string_view name, std::string_view value,
                 std::string* out) {
  out->append(name);
  out->append(": ");
  const size_t start = out->size();
  out->append(value);
  if (value.find_first_of("\r\n") != value.npos) {
    for (size_t i = start; i < out->size(); ++i) {
      if ((*out)[i] == '\r' || (*out)[i] == '\n') {
        (*out)[i] = ' ';
      }
    }
  }
  out->append("\r\n");
}

size_t fieldsSize(const http::Headers& headers) {
  size_t size = 0;
  for (const auto& [name, value] : headers) {
    size += name.size() + value.size() + 4;
  }
  return size;
}

struct DateCache {
  std::time_t second = -1;
  std::string text;
};

std::string_view currentDate() {
  thread_local DateCache cache;
  const std::time_t now = std::time(nullptr);
  if (now != cache.second) {
    cache.second = now;
    cache.text = httpDate(now);
  }
  return cache.text;
}

}  // namespace

void encodeMessage(const OutboundMessage& message, std::string* out) {
  constexpr std::string_view kRequestLineEnd = " HTTP/1.1\r\n";
  constexpr std::string_view kUserAgent = "User-Agent: libprocess/";
  constexpr std::string_view kFrom = "\r\nLibprocess-From: ";
  constexpr std::string_view kConnection = "\r\nConnection: Keep-Alive\r\n";
  constexpr std::string_view kHost = "Host: ";
  constexpr std::string_view kChunked = "\r\nTransfer-Encoding: chunked";
  constexpr std::string_view kLastChunk = "\r\n0\r\n\r\n";

  const size_t body = message.body.size();
  size_t size = 5 + (message.toId.empty() ? 0 : 1) +
                escapedSize(message.toId, Segment::ID) + 1 +
                escapedSize(message.name, Segment::NAME) +
                kRequestLineEnd.size() + kUserAgent.size() +
                message.from.size() + kFrom.size() + message.from.size() +
                kConnection.size() + kHost.size() + message.toAddress.size() +
                4;
  if (body > 0) {
    size += kChunked.size() + hexDigits(body) + 2 + body + kLastChunk.size();
  }
  out->reserve(out->size() + size);

  out->append("POST ");
  if (!message.toId.empty()) {
    out->push_back('/');
    appendEscaped(message.toId, Segment::ID, out);
  }
  out->push_back('/');
  appendEscaped(message.name, Segment::NAME, out);
  out->append(kRequestLineEnd);
  out->append(kUserAgent);
  out->append(message.from);
  out->append(kFrom);
  out->append(message.from);
  out->append(kConnection);
  out->append(kHost);
  out->append(message.toAddress);
  if (body > 0) {
    out->append(kChunked);
    out->append("\r\n\r\n");
    appendHex(body, out);
    out->append("\r\n");
    out->append(message.body);
    out->append(kLastChunk);
  } else {
    out->append("\r\n\r\n");
  }
}

std::string encodeMessage(const OutboundMessage& message) {
  std::string out;
  encodeMessage(message, &out);
  return out;
}

std::string httpDate(std::time_t seconds) {
  std::tm tm;
  gmtime_r(&seconds, &tm);
  char buffer[64];
  const size_t length =
      std::strftime(buffer, sizeof(buffer), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return std::string(buffer, length);
}

void encodeResponse(const http::Response& response, std::string* out) {
  encodeResponse(response, currentDate(), out);
}

void encodeResponse(const http::Response& response, std::string_view date,
                    std::string* out) {
  const std::string_view reason = response.reason.empty()
                                      ? http::reasonPhrase(response.code)
                                      : std::string_view(response.reason);
  const bool body = response.type == http::Response::BODY;

  out->reserve(out->size() + 64 + reason.size() + fieldsSize(response.headers) +
               date.size() + (body ? response.body.size() : 0));

  out->append("HTTP/1.1 ");
  appendDecimal(response.code, out);
  out->push_back(' ');
  out->append(reason);
  out->append("\r\n");

  for (const auto& [name, value] : response.headers) {
    if (!isFramingField(name) && !http::iequals(name, "Date")) {
      appendField(name, value, out);
    }
  }

  out->append("Date: ");
  out->append(date);
  out->append("\r\n");

  switch (response.type) {
    case http::Response::NONE:
      out->append("Content-Length: 0\r\n\r\n");
      break;
    case http::Response::BODY:
      out->append("Content-Length: ");
      appendDecimal(response.body.size(), out);
      out->append("\r\n\r\n");
      out->append(response.body);
      break;
    case http::Response::PIPE:
      out->append("Transfer-Encoding: chunked\r\n\r\n");
      break;
  }
}

void encodeRequest(const http::Request& request, std::string* out) {
  const http::URL& url = request.url;
  const std::string query = http::query::encode(url.query);
  const bool length = !request.body.empty() || request.method == "POST" ||
                      request.method == "PUT" || request.method == "PATCH";

  out->reserve(out->size() + 96 + request.method.size() +
               escapedSize(url.path, Segment::PATH) + query.size() +
               fieldsSize(request.headers) +
               (url.domain.isSome() ? url.domain->size() : 0) +
               request.body.size());

  out->append(request.method);
  out->push_back(' ');
  if (url.path != "*" && (url.path.empty() || url.path[0] != '/')) {
    out->push_back('/');
  }
  appendEscaped(url.path, Segment::PATH, out);
  if (!query.empty()) {
    out->push_back('?');
    out->append(query);
  }
  out->append(" HTTP/1.1\r\n");

  for (const auto& [name, value] : request.headers) {
    if (!isFramingField(name)) {
      appendField(name, value, out);
    }
  }

  if (url.domain.isSome() && !request.headers.contains("Host")) {
    out->append("Host: ");
    out->append(url.domain.get());
    if (url.port.isSome()) {
      out->push_back(':');
      appendDecimal(url.port.get(), out);
    }
    out->append("\r\n");
  }

  if (!request.headers.contains("Connection")) {
    out->append(request.keepAlive ? "Connection: Keep-Alive\r\n"
                                  : "Connection: close\r\n");
  }

  if (length) {
    out->append("Content-Length: ");
    appendDecimal(request.body.size(), out);
    out->append("\r\n");
  }

  out->append("\r\n");
  out->append(request.body);
}

void encodeChunk(std::string_view data, std::string* out) {
  if (data.empty()) {
    return;
  }
  out->reserve(out->size() + hexDigits(data.size()) + 4 + data.size());
  appendHex(data.size(), out);
  out->append("\r\n");
  out->append(data);
  out->append("\r\n");
}

void encodeLastChunk(std::string* out) {
  out->append("0\r\n\r\n");
}

}  // namespace process
