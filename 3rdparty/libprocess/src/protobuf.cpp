#include <process/protobuf.hpp>

#include <glog/logging.h>

#include "log_limiter.hpp"

namespace process {

void post(const UPID& to, const google::protobuf::Message& message) {
  post(UPID(), to, message);
}

void post(const UPID& from, const UPID& to,
          const google::protobuf::Message& message) {
  std::string data;
  message.SerializeToString(&data);
  post(from, to, message.GetTypeName(), data.data(), data.size());
}

namespace internal {

bool parseProtobuf(google::protobuf::Message* message, const std::string& body,
                   const UPID& from) {
  static LogLimiter limiter;
  std::string problem;
  if (!message->ParsePartialFromString(body)) {
    problem = "malformed bytes";
  } else if (!message->IsInitialized()) {
    problem =
        "missing required fields: " + message->InitializationErrorString();
  } else {
    return true;
  }
  uint64_t suppressed = 0;
  if (limiter.allow(&suppressed)) {
    LOG(WARNING) << "Dropped a " << message->GetTypeName() << " from " << from
                 << " (" << body.size() << " bytes): " << problem
                 << LogLimiter::suppressedNote(suppressed);
  }
  return false;
}

}  // namespace internal
}  // namespace process
