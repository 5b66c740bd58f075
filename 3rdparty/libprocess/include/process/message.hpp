#ifndef PROCESS_MESSAGE_HPP
#define PROCESS_MESSAGE_HPP

#include <string>

#include <process/pid.hpp>

namespace process {

// A named message between processes: what `send()` produces and what a
// handler installed with `ProcessBase::install()` receives. On the wire it
// is an HTTP `POST /<to.id>/<name>` from `from` whose body is `body`; for
// protobufs `name` is the full type name and `body` the serialized bytes.
struct Message {
  std::string name;
  UPID from;
  UPID to;
  std::string body;
};

}  // namespace process

#endif  // PROCESS_MESSAGE_HPP
