#include "decoder_message.hpp"

#include <string_view>
#include <utility>

namespace process {

namespace {

constexpr std::string_view kUserAgentPrefix = "libprocess/";

std::string_view trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  const size_t begin = s.find_first_not_of(kSpace);
  if (begin == s.npos) {
    return {};
  }
  return s.substr(begin, s.find_last_not_of(kSpace) - begin + 1);
}

// The header naming the sender (Libprocess-From wins over User-Agent), or
// nullptr if there is none; `*agent` tells which one it is.
const std::string* senderHeader(const http::Request& request, bool* agent) {
  if (const std::string* from = request.headers.find("Libprocess-From")) {
    *agent = false;
    return from;
  }
  const std::string* userAgent = request.headers.find("User-Agent");
  if (userAgent != nullptr &&
      std::string_view(*userAgent).substr(0, kUserAgentPrefix.size()) ==
          kUserAgentPrefix) {
    *agent = true;
    return userAgent;
  }
  return nullptr;
}

}  // namespace

bool isMessage(const http::Request& request) {
  bool agent;
  return request.method == "POST" && senderHeader(request, &agent) != nullptr;
}

Result<InboundMessage> parseMessage(http::Request* request) {
  if (request->method != "POST") {
    return None();
  }
  bool agent = false;
  const std::string* header = senderHeader(*request, &agent);
  if (header == nullptr) {
    return None();
  }

  std::string_view from = *header;
  if (agent) {
    from.remove_prefix(kUserAgentPrefix.size());
  }
  from = trim(from);
  if (from.empty()) {
    return Error(std::string("Missing sender in ") +
                 (agent ? "'User-Agent'" : "'Libprocess-From'"));
  }

  const std::string& path = request->url.path;
  if (path.empty() || path[0] != '/') {
    return Error("Request URL path must start with '/'");
  }

  const size_t slash = path.find('/', 1);
  const std::string_view id = std::string_view(path).substr(
      1, slash == path.npos ? path.npos : slash - 1);
  Try<std::string> to = http::decode(id);
  if (to.isError()) {
    return Error("Failed to decode the receiver in the URL path: " +
                 to.error());
  }

  InboundMessage message;
  message.from = std::string(from);
  message.to = std::move(to.get());
  if (slash != path.npos) {
    message.name = path.substr(slash + 1);
  }
  message.body = std::move(request->body);
  return message;
}

}  // namespace process
