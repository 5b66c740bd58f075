#ifndef PROCESS_EVENT_HPP
#define PROCESS_EVENT_HPP

// The closed set of events a process handles, one at a time, in arrival
// order per sender:
//
//   DISPATCH   run a function on the process (dispatch/defer/delay)
//   MESSAGE    a named message with a byte body (send/install)
//   HTTP       an HTTP request routed to the process (network layer)
//   EXITED     a linked process terminated (link/exited)
//   TERMINATE  stop the process (terminate)
//
// Events are heap nodes that the runtime owns from the moment they are
// enqueued: it hands each one to its process exactly once, or destroys it
// unhandled when the target does not exist, has terminated, or a filter
// (process/filter.hpp) drops it. `kind` tells the concrete type, so code
// that inspects events (filters, test helpers) uses `static_cast` after
// checking it; nothing on the runtime's path needs RTTI.

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <type_traits>
#include <typeinfo>
#include <utility>

#include <process/message.hpp>
#include <process/pid.hpp>

namespace process {

class ProcessBase;

struct Event {
  enum class Kind : uint8_t { DISPATCH, MESSAGE, HTTP, EXITED, TERMINATE };

  explicit Event(Kind kind) : kind(kind) {}
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;
  virtual ~Event() = default;

  const Kind kind;

  // Intrusive link used by the mailbox; owned by the runtime.
  Event* next = nullptr;
};

// A function to run in the context of the target process. `run` is called
// at most once, on a worker thread, with the target process; never
// concurrently with any other handler of that process.
struct DispatchEvent : Event {
  DispatchEvent() : Event(Kind::DISPATCH) {}

  virtual void run(ProcessBase* process) = 0;

  // Identity of the member function a typed `dispatch(pid, &T::method)`
  // will call, for interception in tests (FUTURE_DISPATCH). Lambdas carry
  // no identity: `isMethod` is then false for every method.
  template <typename M>
  bool isMethod(M method) const {
    static_assert(std::is_member_function_pointer_v<M>);
    static_assert(sizeof(M) <= sizeof(method_));
    return method_type_ != nullptr && *method_type_ == typeid(M) &&
           std::memcmp(method_, &method, sizeof(M)) == 0;
  }

  template <typename M>
  void setMethod(M method) {
    static_assert(std::is_member_function_pointer_v<M>);
    static_assert(sizeof(M) <= sizeof(method_));
    method_type_ = &typeid(M);
    std::memcpy(method_, &method, sizeof(M));
  }

 private:
  const std::type_info* method_type_ = nullptr;
  alignas(void*) unsigned char method_[2 * sizeof(void*)];
};

struct MessageEvent : Event {
  explicit MessageEvent(Message message)
      : Event(Kind::MESSAGE), message(std::move(message)) {}

  Message message;
};

// An HTTP request for the process. The network layer fills in `path` (the
// request path after the process id, for filters and logs) and `serve`,
// which the runtime calls once in the process's context; the request and
// how it is answered live inside `serve`.
struct HttpEvent : Event {
  HttpEvent(std::string path, std::function<void(ProcessBase&)> serve)
      : Event(Kind::HTTP), path(std::move(path)), serve(std::move(serve)) {}

  std::string path;
  std::function<void(ProcessBase&)> serve;
};

// `pid`, which the receiving process had linked to, has terminated (or, for
// a remote pid, become unreachable).
struct ExitedEvent : Event {
  explicit ExitedEvent(UPID pid) : Event(Kind::EXITED), pid(std::move(pid)) {}

  UPID pid;
};

struct TerminateEvent : Event {
  TerminateEvent() : Event(Kind::TERMINATE) {}
};

}  // namespace process

#endif  // PROCESS_EVENT_HPP
