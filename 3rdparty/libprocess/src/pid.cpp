#include <process/pid.hpp>

#include <sstream>

#include <process/process.hpp>

namespace process {

namespace {

// Splits at the first '@', then at the first ':'; any defect gives an
// empty UPID.
UPID parse(const std::string& text) {
  const size_t at = text.find('@');
  if (at == std::string::npos || at == 0)
    return UPID();
  const size_t colon = text.find(':', at + 1);
  if (colon == std::string::npos)
    return UPID();

  Try<net::IP> ip = net::IP::resolve(text.substr(at + 1, colon - at - 1));
  if (ip.isError())
    return UPID();

  const std::string port = text.substr(colon + 1);
  if (port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos) {
    return UPID();
  }
  const unsigned long number = std::stoul(port);
  if (number > 65535)
    return UPID();

  return UPID(text.substr(0, at), ip.get(), static_cast<uint16_t>(number));
}

}  // namespace

UPID::UPID(const char* text) : UPID(parse(text == nullptr ? "" : text)) {}

UPID::UPID(const std::string& text) : UPID(parse(text)) {}

UPID::UPID(const ProcessBase& process) : UPID(process.self()) {}

UPID::operator std::string() const {
  std::ostringstream out;
  out << *this;
  return out.str();
}

std::ostream& operator<<(std::ostream& stream, const UPID& pid) {
  return stream << pid.id << '@' << pid.address;
}

}  // namespace process
