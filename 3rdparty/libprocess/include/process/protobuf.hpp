#ifndef PROCESS_PROTOBUF_HPP
#define PROCESS_PROTOBUF_HPP

// Protocol buffers as libprocess messages.
//
// A protobuf travels as a message named after its full type name
// ("mesos.internal.RunTaskMessage") whose body is the serialized bytes, so
// a process built on `ProtobufProcess` exchanges messages with Apache
// Mesos's processes unchanged:
//
//   class Slave : public ProtobufProcess<Slave> {
//    public:
//     Slave() : ProcessBase("slave(1)") {
//       // The handler gets the sender, then the listed fields.
//       install<RunTaskMessage>(&Slave::runTask,
//                               &RunTaskMessage::framework,
//                               &RunTaskMessage::task);
//       // Or the whole message, with or without the sender.
//       install<PingSlaveMessage>(&Slave::ping);
//     }
//     void runTask(const UPID& from, const FrameworkInfo& framework,
//                  const TaskInfo& task);
//     void ping(const UPID& from, const PingSlaveMessage& message);
//   };
//
//   send(master, message);     // from inside the process
//   reply(message);            // to the sender of the message being handled
//
// Handler forms, for `install<M>(&T::handler, fields...)`:
//   (const UPID& from, const M&) or (const UPID& from, M&&), or the same
//   without `from`; (const UPID& from) or () to ignore the body; or the
//   sender (optional) followed by one parameter per listed field accessor
//   (`&M::field`), each receiving that field's value. A repeated field is
//   passed as a `std::vector` of its elements
//   (`google::protobuf::convert`).
//
// A body that does not parse as M, or lacks M's required fields, is
// dropped with a (rate-limited) warning naming the type and the sender;
// the handler is not called. Handlers run in the process's context, like
// every message handler; `reply` is only valid inside one.

#include <glog/logging.h>
#include <google/protobuf/message.h>
#include <google/protobuf/repeated_field.h>

#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <process/pid.hpp>
#include <process/process.hpp>

namespace google {
namespace protobuf {

// Field values as handler parameters: a plain field as it is, a repeated
// field as a vector of its elements.
template <typename T>
const T& convert(const T& t) {
  return t;
}

template <typename T>
std::vector<T> convert(const RepeatedPtrField<T>& items) {
  return std::vector<T>(items.begin(), items.end());
}

template <typename T>
std::vector<T> convert(const RepeatedField<T>& items) {
  return std::vector<T>(items.begin(), items.end());
}

}  // namespace protobuf
}  // namespace google

namespace process {

// Sends `message` to `to` from outside any process (the sender is empty,
// or `from`). Same delivery rules as ProcessBase::send.
void post(const UPID& to, const google::protobuf::Message& message);
void post(const UPID& from, const UPID& to,
          const google::protobuf::Message& message);

namespace internal {

// Parses `body` into `message`: false (after logging, rate-limited) if it
// is malformed or misses required fields.
bool parseProtobuf(google::protobuf::Message* message, const std::string& body,
                   const UPID& from);

}  // namespace internal
}  // namespace process

template <typename T>
class ProtobufProcess : public process::Process<T> {
 public:
  ~ProtobufProcess() override = default;

 protected:
  // Dispatches protobuf messages to their handlers; everything else goes
  // to the handlers installed by name (ProcessBase::install).
  void visit(const process::MessageEvent& event) override {
    auto handler = protobuf_handlers_.find(event.message.name);
    if (handler == protobuf_handlers_.end()) {
      process::Process<T>::visit(event);
      return;
    }
    from_ = event.message.from;
    handler->second(event.message.from, event.message.body);
    from_ = process::UPID();
  }

  // Sends `message` (named by its full type name) to `to`.
  void send(const process::UPID& to, const google::protobuf::Message& message) {
    std::string data;
    message.SerializeToString(&data);
    process::ProcessBase::send(to, message.GetTypeName(), std::move(data));
  }

  using process::ProcessBase::send;

  // Sends `message` to the sender of the message being handled. Only
  // valid inside a protobuf handler (aborts otherwise).
  void reply(const google::protobuf::Message& message) {
    CHECK(!from_.id.empty()) << "reply() outside a protobuf message handler";
    send(from_, message);
  }

  template <typename M>
  void install(void (T::*method)(const process::UPID&, const M&)) {
    add<M>([this, method](const process::UPID& from, M&& message) {
      (typed()->*method)(from, message);
    });
  }

  template <typename M>
  void install(void (T::*method)(const process::UPID&, M&&)) {
    add<M>([this, method](const process::UPID& from, M&& message) {
      (typed()->*method)(from, std::move(message));
    });
  }

  template <typename M>
  void install(void (T::*method)(const M&)) {
    add<M>([this, method](const process::UPID&, M&& message) {
      (typed()->*method)(message);
    });
  }

  template <typename M>
  void install(void (T::*method)(M&&)) {
    add<M>([this, method](const process::UPID&, M&& message) {
      (typed()->*method)(std::move(message));
    });
  }

  template <typename M>
  void install(void (T::*method)(const process::UPID&)) {
    add<M>([this, method](const process::UPID& from, M&&) {
      (typed()->*method)(from);
    });
  }

  template <typename M>
  void install(void (T::*method)()) {
    add<M>([this, method](const process::UPID&, M&&) { (typed()->*method)(); });
  }

  template <typename M, typename P, typename... Ps, typename... Args>
  void install(void (T::*method)(const process::UPID&, Args...),
               P (M::*field)() const, Ps (M::*... fields)() const) {
    static_assert(sizeof...(Args) == 1 + sizeof...(Ps),
                  "one handler parameter per field accessor");
    add<M>([this, method, field, fields...](const process::UPID& from,
                                            M&& message) {
      (typed()->*method)(from, google::protobuf::convert((message.*field)()),
                         google::protobuf::convert((message.*fields)())...);
    });
  }

  template <typename M, typename P, typename... Ps, typename... Args>
  void install(void (T::*method)(Args...), P (M::*field)() const,
               Ps (M::*... fields)() const) {
    static_assert(sizeof...(Args) == 1 + sizeof...(Ps),
                  "one handler parameter per field accessor");
    add<M>([this, method, field, fields...](const process::UPID&, M&& message) {
      (typed()->*method)(google::protobuf::convert((message.*field)()),
                         google::protobuf::convert((message.*fields)())...);
    });
  }

  using process::ProcessBase::install;

 private:
  T* typed() { return static_cast<T*>(this); }

  template <typename M, typename F>
  void add(F handler) {
    protobuf_handlers_[M::descriptor()->full_name()] =
        [handler = std::move(handler)](const process::UPID& from,
                                       const std::string& body) mutable {
          M message;
          if (process::internal::parseProtobuf(&message, body, from))
            handler(from, std::move(message));
        };
  }

  std::unordered_map<std::string, std::function<void(const process::UPID&,
                                                     const std::string&)>>
      protobuf_handlers_;
  process::UPID from_;
};

#endif  // PROCESS_PROTOBUF_HPP
