#include <process/process.hpp>

#include <glog/logging.h>

#include <process/defer.hpp>
#include <process/dispatch.hpp>
#include <process/event_loop.hpp>
#include <process/id.hpp>
#include <process/transport.hpp>

#include "runtime.hpp"

namespace process {

using internal::HandleRef;
using internal::PidAccess;
using internal::ProcessHandle;
using internal::Runtime;

ProcessBase::ProcessBase(const std::string& id) {
  pid_.id = id.empty() ? ID::generate() : id;
  if (Runtime* runtime = Runtime::instance())
    pid_.address = runtime->address();
  PidAccess::setHandle(pid_, HandleRef(new ProcessHandle(pid_.id), true));
}

ProcessBase::~ProcessBase() {
  ProcessHandle* handle = PidAccess::handle(pid_).get();
  const ProcessHandle::State state = handle->state.load();
  if (state == ProcessHandle::State::RUNNING ||
      (state == ProcessHandle::State::TERMINATING && !handle->manage)) {
    LOG(FATAL) << "Process " << pid_ << " destroyed while running: call"
               << " terminate() and wait() before destroying it";
  }
}

void ProcessBase::visit(const MessageEvent& event) {
  auto handler = handlers_.find(event.message.name);
  if (handler == handlers_.end()) {
    VLOG(1) << "Dropped message '" << event.message.name << "' from "
            << event.message.from << ": " << pid_ << " has no handler";
    return;
  }
  handler->second(event.message.from, event.message.body);
}

void ProcessBase::install(const std::string& name,
                          const MessageHandler& handler) {
  handlers_[name] = handler;
}

void ProcessBase::send(const UPID& to, const std::string& name,
                       const char* data, size_t length) {
  send(to, name, data == nullptr ? std::string() : std::string(data, length));
}

void ProcessBase::send(const UPID& to, std::string name, std::string body) {
  Runtime::get().send(Message{std::move(name), pid_, to, std::move(body)});
}

UPID ProcessBase::link(const UPID& to, RemoteConnection remote) {
  Runtime::get().link(this, to, remote == RemoteConnection::RECONNECT);
  return to;
}

network::inet::Address address() {
  Runtime* runtime = Runtime::instance();
  return runtime != nullptr ? runtime->address() : network::inet::Address();
}

size_t workers() {
  Runtime* runtime = Runtime::instance();
  return runtime != nullptr ? runtime->workers() : 0;
}

UPID spawn(ProcessBase* process, bool manage) {
  return Runtime::get().spawn(process, manage);
}

void terminate(const UPID& pid, bool inject) {
  if (Runtime* runtime = Runtime::instance())
    runtime->terminate(pid, inject);
}

void terminate(const ProcessBase& process, bool inject) {
  terminate(process.self(), inject);
}

void terminate(const ProcessBase* process, bool inject) {
  terminate(process->self(), inject);
}

bool wait(const UPID& pid, const Duration& timeout) {
  Runtime* runtime = Runtime::instance();
  return runtime == nullptr || runtime->wait(pid, timeout);
}

bool wait(const ProcessBase& process, const Duration& timeout) {
  return wait(process.self(), timeout);
}

bool wait(const ProcessBase* process, const Duration& timeout) {
  return wait(process->self(), timeout);
}

void post(const UPID& to, const std::string& name, const char* data,
          size_t length) {
  post(UPID(), to, name, data, length);
}

void post(const UPID& from, const UPID& to, const std::string& name,
          const char* data, size_t length) {
  Runtime::get().send(
      Message{name, from, to,
              data == nullptr ? std::string() : std::string(data, length)});
}

EventLoop& eventLoop() {
  return Runtime::get().loop();
}

namespace internal {

void dispatch(const UPID& pid, DispatchEvent* event) {
  Runtime* runtime = Runtime::instance();
  if (runtime == nullptr) {
    delete event;
    return;
  }
  runtime->deliver(pid, event);
}

const UPID* currentPid() {
  RunFrame* frame = currentFrame();
  if (frame == nullptr || frame->handle->process == nullptr)
    return nullptr;
  return &frame->handle->process->self();
}

bool onWorkerThread() {
  return Scheduler::onWorkerThread();
}

}  // namespace internal

namespace transport {

bool deliver(Message&& message) {
  Runtime& runtime = Runtime::get();
  HandleRef handle = runtime.lookup(message.to.id);
  if (!handle)
    return false;
  return runtime.enqueue(handle.get(), new MessageEvent(std::move(message)));
}

bool deliver(const std::string& id, std::unique_ptr<HttpEvent> event) {
  Runtime& runtime = Runtime::get();
  HandleRef handle = runtime.lookup(id);
  if (!handle)
    return false;
  return runtime.enqueue(handle.get(), event.release());
}

void exited(const network::inet::Address& address) {
  Runtime::get().remoteExited(address);
}

Option<std::string> delegate() {
  return Runtime::get().delegate();
}

}  // namespace transport
}  // namespace process
