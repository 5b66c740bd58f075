#ifndef MESOS_SLAVE_CONTAINERIZER_EXTERNAL_INVOCATION_HPP
#define MESOS_SLAVE_CONTAINERIZER_EXTERNAL_INVOCATION_HPP

// One run of the external containerizer program (see
// external_containerizer.hpp for the protocol): start it, feed it its input
// record, collect its output and exit status, enforce the timeout.

#include <sys/types.h>

#include <cstdint>
#include <cstring>
#include <map>
#include <string>

#include <google/protobuf/message.h>

#include <process/future.hpp>

#include <stout/duration.hpp>
#include <stout/error.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

namespace mesos {
namespace internal {
namespace slave {
namespace external {

// What a finished invocation produced.
struct Output {
  Option<int> status;     // Wait status; None if it could not be reaped.
  std::string out;        // Everything it wrote to stdout.
  std::string errorTail;  // The last KB of its stderr, trimmed.
};

struct Invocation {
  pid_t pid = -1;  // Leader of the invocation's session.
  // READY once the program exited and its stdout and stderr were read to
  // the end. FAILED if it ran longer than the timeout (it and its process
  // group were killed with SIGKILL) or a pipe failed.
  process::Future<Output> output;
};

// Runs `sh -c "<program> <command>"` in a new session, with `input` (if
// not null) written to its stdin as one record and stdin then closed, cwd
// `sandbox` (if given), exactly `environment` as environment, stderr
// appended to <sandbox>/stderr (logged if there is no sandbox). An Error if
// it cannot be started. Never blocks.
Try<Invocation> invoke(const std::string& program, const std::string& command,
                       const google::protobuf::Message* input,
                       const Option<std::string>& sandbox,
                       const std::map<std::string, std::string>& environment,
                       const Option<Duration>& timeout);

// "exited with status 1", "was killed by signal 9", ...
std::string describe(const Option<int>& status);

// An error unless the program exited with status 0; the error names the
// command, how it ended and the end of its stderr.
Option<Error> failed(const std::string& command, const Output& output);

// The one record of T that `output.out` must be, or an error saying what
// is wrong with it (empty, truncated, trailing garbage, not a T).
template <typename T>
Try<T> parse(const std::string& command, const Output& output) {
  const std::string& out = output.out;
  T message;
  const std::string what = "'" + command + "' printed ";
  uint32_t length = 0;
  if (out.size() < sizeof(length)) {
    return Error(what + (out.empty() ? "nothing" : "a truncated record") +
                 " instead of a " + message.GetTypeName());
  }
  std::memcpy(&length, out.data(), sizeof(length));
  if (out.size() - sizeof(length) != length) {
    return Error(what + "garbage: a record of " + std::to_string(length) +
                 " bytes announced, " +
                 std::to_string(out.size() - sizeof(length)) + " bytes sent");
  }
  if (!message.ParseFromArray(out.data() + sizeof(length),
                              static_cast<int>(length))) {
    return Error(what + "garbage: the record is not a valid " +
                 message.GetTypeName());
  }
  return message;
}

}  // namespace external
}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SLAVE_CONTAINERIZER_EXTERNAL_INVOCATION_HPP
