#ifndef PROCESS_PROCESS_HPP
#define PROCESS_PROCESS_HPP

// Processes: actors with a private mailbox.
//
// A process is an object deriving from `Process<T>` (or `ProcessBase`).
// Once spawned it is driven by the runtime: its events (dispatches,
// messages, exited notifications, HTTP requests, terminate) are handled
// one at a time on some worker thread, never two at once, in arrival order
// per sender. Its state therefore needs no locks as long as it is touched
// only from its own handlers.
//
//   class Counter : public Process<Counter> {
//    public:
//     Counter() : ProcessBase(ID::generate("counter")) {}
//     void add(int n) { total += n; }
//     int get() const { return total; }
//    private:
//     int total = 0;
//   };
//
//   Counter counter;
//   spawn(counter);
//   dispatch(counter, &Counter::add, 5);
//   Future<int> total = dispatch(counter, &Counter::get);
//   terminate(counter);
//   wait(counter);                   // now `counter` may be destroyed
//
// Lifecycle: constructed -> spawn() -> initialize() runs first -> events
// -> terminate() -> finalize() runs last -> terminated (wait() returns,
// linked processes get exited(), later events are dropped). A process is
// spawned at most once and must not be destroyed between spawn() and the
// end of its termination (the runtime aborts if it is).
//
// Handlers must not block: wait for a Future with a continuation (`then`
// plus `defer`), and run blocking work with `async()`.

#include <cstddef>
#include <functional>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

#include <process/address.hpp>
#include <process/event.hpp>
#include <process/future.hpp>
#include <process/http.hpp>
#include <process/message.hpp>
#include <process/pid.hpp>

#include <stout/duration.hpp>
#include <stout/none.hpp>
#include <stout/option.hpp>

namespace process {

class ProcessBase;

namespace internal {

template <typename T>
struct TypeTag {
  static constexpr char id = 0;
};

struct ProcessAccess;

template <typename T>
T* cast(ProcessBase* process);

}  // namespace internal

class ProcessBase {
 public:
  // `id` names the process in its UPID; empty means a generated "(N)".
  // Ids must be unique among live processes of this OS process (spawn
  // refuses a duplicate).
  explicit ProcessBase(const std::string& id = "");
  virtual ~ProcessBase();

  ProcessBase(const ProcessBase&) = delete;
  ProcessBase& operator=(const ProcessBase&) = delete;

  // This process's pid. The id is fixed at construction; the address is
  // the runtime's (set at construction if `process::initialize()` already
  // ran, else at spawn).
  const UPID& self() const { return pid_; }

  // A handler for named messages: (sender, body).
  using MessageHandler =
      std::function<void(const UPID& from, const std::string& body)>;

  // A handler for HTTP requests to one of the process's routes. It runs in
  // the process's context; the response may complete later, on any thread.
  using HttpRequestHandler =
      std::function<Future<http::Response>(const http::Request&)>;

  // The same for routes in an authentication realm: the second argument is
  // the authenticated principal, if any.
  using AuthenticatedHttpRequestHandler = std::function<Future<http::Response>(
      const http::Request&, const Option<http::authentication::Principal>&)>;

  // What `link()` does when a connection to the remote process's address
  // already exists: REUSE it, or RECONNECT (replace it with a new one, to
  // find out whether the peer is still there after a suspected half-open
  // connection). Local links ignore it.
  enum class RemoteConnection { REUSE, RECONNECT };

 protected:
  // Called once, in the process's context, before any other event.
  virtual void initialize() {}

  // Called once, in the process's context, when the process terminates;
  // no event is handled after it.
  virtual void finalize() {}

  // Called in the process's context when `pid`, which this process linked
  // to, has terminated (or, remote, become unreachable): exactly once per
  // link.
  virtual void exited(const UPID& pid) {}

  // Handles a named message: the default calls the handler installed for
  // `event.message.name`, or drops the message if there is none.
  virtual void visit(const MessageEvent& event);

  // Installs `handler` for messages named `name` (replacing any previous
  // one). Call from the constructor or from the process's own handlers.
  void install(const std::string& name, const MessageHandler& handler);

  template <typename T>
  void install(const std::string& name,
               void (T::*method)(const UPID&, const std::string&)) {
    install(name, [this, method](const UPID& from, const std::string& body) {
      (internal::cast<T>(this)->*method)(from, body);
    });
  }

  // Sends a named message from this process. Delivered in order per
  // (sender, receiver) pair; best effort: dropped if the receiver does
  // not exist. A receiver in this OS process gets it directly; any other
  // goes through the network layer (see process/transport.hpp).
  void send(const UPID& to, const std::string& name, const char* data = nullptr,
            size_t length = 0);
  void send(const UPID& to, std::string name, std::string body);

  // Links this process to `to`: `exited(to)` will be called once when it
  // terminates, or promptly if it already has or does not exist. Linking
  // again while linked is a no-op (except that RECONNECT replaces the
  // connection to a remote peer). Call from the process's own handlers.
  // Returns `to`.
  //
  // A remote `to` (another OS process) is watched through a persistent
  // connection to its address: `exited(to)` is called once that
  // connection cannot be made or breaks (the peer exited, crashed or is
  // unreachable), for every pid at that address this process linked to.
  // There is no heartbeat: a peer that hangs with its socket open is not
  // detected. After `exited`, link again to watch a restarted peer.
  UPID link(const UPID& to, RemoteConnection remote = RemoteConnection::REUSE);

  // Installs `handler` for HTTP requests to `/<id><name>` and below:
  // `name` starts with '/' ("/state", "/api/v1"); "/" is the process's own
  // root (`/<id>` or `/<id>/`). A request is served by the route whose
  // name is the longest segment-wise prefix of the path after the id
  // (`/<id>/a/b/c` tries "/a/b/c", "/a/b", "/a"; the root route only
  // matches the root), else answered 404. A trailing '/' is ignored.
  // The handler runs in the process's context and gets the whole request
  // (`url.path` as received, or with the delegate's id prepended when the
  // request reached this process as the delegate). The connection answers
  // requests in order, so a slow response delays the later ones on the
  // same connection; a failed or discarded response future is answered
  // 500 with the failure as body. `help` is accepted for compatibility and
  // not served. Call from the constructor or from the process's own
  // handlers; a second route with the same name replaces the first; an
  // invalid name aborts.
  void route(const std::string& name, const Option<std::string>& help,
             const HttpRequestHandler& handler);

  template <typename T>
  void route(const std::string& name, const Option<std::string>& help,
             Future<http::Response> (T::*method)(const http::Request&)) {
    route(name, help, [this, method](const http::Request& request) {
      return (internal::cast<T>(this)->*method)(request);
    });
  }

  // The same with the help as a string literal.
  void route(const std::string& name, const char* help,
             const HttpRequestHandler& handler) {
    route(name, Option<std::string>(std::string(help)), handler);
  }

  template <typename T>
  void route(const std::string& name, const char* help,
             Future<http::Response> (T::*method)(const http::Request&)) {
    route(name, Option<std::string>(std::string(help)), method);
  }

  // A route in an authentication `realm`. No authenticator is implemented:
  // every request is served with no principal (None), which is what Mesos
  // does for a realm that has no authenticator installed.
  void route(const std::string& name, const std::string& realm,
             const Option<std::string>& help,
             const AuthenticatedHttpRequestHandler& handler);

  template <typename T>
  void route(const std::string& name, const std::string& realm,
             const Option<std::string>& help,
             Future<http::Response> (T::*method)(
                 const http::Request&,
                 const Option<http::authentication::Principal>&)) {
    route(name, realm, help,
          [this, method](
              const http::Request& request,
              const Option<http::authentication::Principal>& principal) {
            return (internal::cast<T>(this)->*method)(request, principal);
          });
  }

 private:
  friend struct internal::ProcessAccess;
  template <typename T>
  friend class Process;

  UPID pid_;

  // The Process<T> subobject and its type, recorded by Process<T>'s
  // constructor so that typed dispatch needs no dynamic_cast.
  void* typed_ = nullptr;
  const void* typed_tag_ = nullptr;

  // Serves one HTTP request whose path after the process id is `path`.
  Future<http::Response> serve(const std::string& path,
                               const http::Request& request);

  std::unordered_map<std::string, MessageHandler> handlers_;
  std::unordered_map<std::string, HttpRequestHandler> routes_;
  std::unordered_set<UPID> links_;
};

// The base class for a process of type T (CRTP): `class Foo : public
// Process<Foo>`. Constructors name the process through the virtual base:
// `Foo() : ProcessBase(ID::generate("foo")) {}`.
template <typename T>
class Process : public virtual ProcessBase {
 public:
  ~Process() override = default;

  // This process's pid, typed.
  PID<T> self() const { return PID<T>(static_cast<const T&>(*this)); }

 protected:
  Process() {
    if (typed_ == nullptr) {
      typed_ = this;
      typed_tag_ = &internal::TypeTag<T>::id;
    }
  }

 private:
  friend struct internal::ProcessAccess;
};

// Starts the runtime: worker threads, the event loop, and (when linked in)
// the network layer. Idempotent and thread-safe; returns true only for the
// call that did the work. Must precede spawn/dispatch/timers. Workers:
// $LIBPROCESS_NUM_WORKER_THREADS if set to a positive number, else the
// number of cores. `delegate` names the process that receives HTTP
// requests whose path names no process (used by the network layer).
bool initialize(const Option<std::string>& delegate = None());

// Terminates every process, stops all threads and destroys the runtime.
// Call from a non-worker thread once nothing else uses libprocess; a later
// `initialize()` starts afresh.
void finalize();

// The address in every local pid (0.0.0.0:0 until a network layer sets
// one).
network::inet::Address address();

// Number of worker threads (0 before initialize()).
size_t workers();

// Starts `process` and returns its pid (an empty UPID if it was already
// spawned or its id is taken). With `manage`, the runtime deletes it after
// it terminates; do not touch it after terminate() then.
UPID spawn(ProcessBase* process, bool manage = false);

template <typename T>
PID<T> spawn(T* t, bool manage = false) {
  const UPID pid = spawn(static_cast<ProcessBase*>(t), manage);
  PID<T> typed;
  if (!pid.id.empty())
    static_cast<UPID&>(typed) = pid;
  return typed;
}

template <typename T>
PID<T> spawn(T& t, bool manage = false) {
  return spawn(&t, manage);
}

// Asks `pid` to terminate. With `inject` (the default) the request goes
// ahead of the events already queued, which are then dropped; otherwise it
// is handled after them. Thread-safe; a no-op for unknown or terminated
// pids. Returns immediately.
void terminate(const UPID& pid, bool inject = true);
void terminate(const ProcessBase& process, bool inject = true);
void terminate(const ProcessBase* process, bool inject = true);

// Blocks until `pid` has terminated (finalize() done, links notified) or
// `timeout` of real time passed (negative: forever). Returns true if it
// terminated, and true at once for an unknown or already terminated pid.
// On a non-worker thread this sleeps. On a worker thread (inside a
// handler) it does not sleep: the thread keeps running other runnable
// processes until `pid` terminates, so the runtime never stalls; waiting
// there for a process that is itself blocked further down this thread's
// stack aborts.
bool wait(const UPID& pid, const Duration& timeout = Seconds(-1));
bool wait(const ProcessBase& process, const Duration& timeout = Seconds(-1));
bool wait(const ProcessBase* process, const Duration& timeout = Seconds(-1));

// Sends a named message from outside any process (`from` is empty unless
// given). Same delivery rules as ProcessBase::send.
void post(const UPID& to, const std::string& name, const char* data = nullptr,
          size_t length = 0);
void post(const UPID& from, const UPID& to, const std::string& name,
          const char* data = nullptr, size_t length = 0);

namespace internal {

// Runtime access to a process's private parts.
struct ProcessAccess {
  static void* typed(ProcessBase* p) { return p->typed_; }
  static const void* tag(ProcessBase* p) { return p->typed_tag_; }
  static UPID& pid(ProcessBase* p) { return p->pid_; }
  static std::unordered_set<UPID>& links(ProcessBase* p) { return p->links_; }
  static void initialize(ProcessBase* p) { p->initialize(); }
  static void finalize(ProcessBase* p) { p->finalize(); }
  static void exited(ProcessBase* p, const UPID& pid) { p->exited(pid); }
  static void visit(ProcessBase* p, const MessageEvent& e) { p->visit(e); }
  static Future<http::Response> serve(ProcessBase* p, const std::string& path,
                                      const http::Request& request) {
    return p->serve(path, request);
  }
};

// Typed access to a process from its ProcessBase, without RTTI in the
// common case (one Process<T> base); falls back to dynamic_cast otherwise.
template <typename T>
T* cast(ProcessBase* process) {
  if constexpr (std::is_same_v<T, ProcessBase>) {
    return process;
  } else {
    if (ProcessAccess::tag(process) == &TypeTag<T>::id) {
      return static_cast<T*>(
          static_cast<Process<T>*>(ProcessAccess::typed(process)));
    }
    return dynamic_cast<T*>(process);
  }
}

}  // namespace internal
}  // namespace process

#endif  // PROCESS_PROCESS_HPP
