#ifndef MESOS_COMMON_FLAG_VALIDATORS_HPP
#define MESOS_COMMON_FLAG_VALIDATORS_HPP

// Validators shared by the agent's and the master's flags. Each returns
// None for an acceptable value, or an Error whose message says what was
// wrong and what is expected; stout's flags prefix it with the flag name.

#include <string>
#include <vector>

#include <stout/duration.hpp>
#include <stout/error.hpp>
#include <stout/option.hpp>

namespace mesos {
namespace internal {
namespace flag_validators {

// A duration greater than zero.
Option<Error> positive(const Duration& duration);

// None, or a dotted IPv4 address.
Option<Error> validIp(const Option<std::string>& ip);

// None, or a port number 0-65535.
Option<Error> validPort(const Option<std::string>& port);

// `value` is one of `accepted` (compared exactly).
Option<Error> oneOf(const std::string& value,
                    const std::vector<std::string>& accepted);

}  // namespace flag_validators
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_COMMON_FLAG_VALIDATORS_HPP
