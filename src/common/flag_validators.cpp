#include "common/flag_validators.hpp"

#include <arpa/inet.h>

#include <cstdint>

#include <stout/numify.hpp>
#include <stout/stringify.hpp>
#include <stout/strings.hpp>

namespace mesos {
namespace internal {
namespace flag_validators {

Option<Error> positive(const Duration& duration) {
  if (duration <= Duration::zero()) {
    return Error("Expected a positive duration, got " + stringify(duration));
  }
  return None();
}

Option<Error> validIp(const Option<std::string>& ip) {
  if (ip.isNone()) {
    return None();
  }
  in_addr address;
  if (inet_pton(AF_INET, ip->c_str(), &address) != 1) {
    return Error("'" + ip.get() + "' is not an IPv4 address");
  }
  return None();
}

Option<Error> validPort(const Option<std::string>& port) {
  if (port.isNone()) {
    return None();
  }
  Try<uint16_t> number = numify<uint16_t>(port.get());
  if (number.isError()) {
    return Error("'" + port.get() + "' is not a port number (0-65535)");
  }
  return None();
}

Option<Error> oneOf(const std::string& value,
                    const std::vector<std::string>& accepted) {
  for (const std::string& candidate : accepted) {
    if (value == candidate) {
      return None();
    }
  }
  return Error("Unknown value '" + value +
               "'; expected one of: " + strings::join(", ", accepted));
}

}  // namespace flag_validators
}  // namespace internal
}  // namespace mesos
