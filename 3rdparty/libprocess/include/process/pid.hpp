#ifndef PROCESS_PID_HPP
#define PROCESS_PID_HPP

// Process identifiers.
//
// A `UPID` names a process anywhere: its id (unique within one OS process,
// e.g. "slave(1)") and the network address of the OS process that hosts
// it. Its text form is `id@ip:port` ("master@10.0.0.1:5050").
//
// A `PID<T>` is a `UPID` that also records the process's C++ type, which
// is what `dispatch(pid, &T::method, ...)` needs.
//
// Both are values: copy them freely, compare them, hash them, use them as
// map keys, from any thread. A UPID taken from a live local process (via
// `self()`, `spawn()` or a copy of those) also carries a private reference
// to that process's mailbox so that sending to it needs no table lookup;
// that reference never affects equality, ordering, hashing or printing.
// Such a UPID keeps naming that one incarnation: once the process has
// terminated, events sent through it are dropped even if a new process
// later takes the same id. A UPID parsed from text carries no reference
// and is looked up by id each time.

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <type_traits>
#include <utility>

#include <process/address.hpp>

namespace process {

class ProcessBase;
struct UPID;

namespace internal {

// The runtime's per-process record (mailbox, state, links). Defined in the
// runtime sources; public headers only hold counted references to it.
struct ProcessHandle;

void retain(ProcessHandle* handle);
void release(ProcessHandle* handle);

// A counted reference to a `ProcessHandle`; null when the UPID was not
// obtained from a live local process.
class HandleRef {
 public:
  HandleRef() = default;
  explicit HandleRef(ProcessHandle* handle, bool adopt = false)
      : handle_(handle) {
    if (handle_ != nullptr && !adopt)
      retain(handle_);
  }
  HandleRef(const HandleRef& that) : handle_(that.handle_) {
    if (handle_ != nullptr)
      retain(handle_);
  }
  HandleRef(HandleRef&& that) noexcept : handle_(that.handle_) {
    that.handle_ = nullptr;
  }
  HandleRef& operator=(HandleRef that) noexcept {
    std::swap(handle_, that.handle_);
    return *this;
  }
  ~HandleRef() {
    if (handle_ != nullptr)
      release(handle_);
  }

  ProcessHandle* get() const { return handle_; }
  ProcessHandle* operator->() const { return handle_; }
  explicit operator bool() const { return handle_ != nullptr; }

 private:
  ProcessHandle* handle_ = nullptr;
};

// Runtime access to the private reference inside a UPID.
struct PidAccess;

}  // namespace internal

struct UPID {
  UPID() = default;
  UPID(std::string id, const net::IP& ip, uint16_t port)
      : id(std::move(id)), address(ip, port) {}
  UPID(std::string id, const network::inet::Address& address)
      : id(std::move(id)), address(address) {}

  // Parses `id@ip:port`: the id is everything before the first '@', the
  // host everything up to the next ':', the port the decimal rest. The
  // host may be a name (resolved to IPv4, see `net::IP::resolve`). Any
  // malformed text (no '@', empty id, bad host, bad port) gives an empty
  // UPID rather than an error, as Mesos does.
  /*implicit*/ UPID(const char* text);
  /*implicit*/ UPID(const std::string& text);

  // The pid of `process` (same as `process.self()`).
  /*implicit*/ UPID(const ProcessBase& process);

  // The text form, `id@ip:port`.
  operator std::string() const;

  // True when the UPID names a reachable process: a non-empty id and a
  // concrete address (not 0.0.0.0, not port 0).
  explicit operator bool() const {
    return !id.empty() && !address.ip.isAny() && address.port != 0;
  }
  bool operator!() const {
    return id.empty() && address.ip.isAny() && address.port == 0;
  }

  bool operator==(const UPID& that) const {
    return id == that.id && address == that.address;
  }
  bool operator!=(const UPID& that) const { return !(*this == that); }
  bool operator<(const UPID& that) const {
    if (address != that.address)
      return address < that.address;
    return id < that.id;
  }

  std::string id;
  network::inet::Address address;

 private:
  friend struct internal::PidAccess;

  internal::HandleRef handle_;
};

// "id@ip:port".
std::ostream& operator<<(std::ostream& stream, const UPID& pid);

// A UPID typed with the class of the process it names, which must derive
// from `ProcessBase` (usually through `Process<T>`). Converts implicitly to
// a `PID` of any base class, never to a derived one.
template <typename T = ProcessBase>
struct PID : UPID {
  PID() = default;
  /*implicit*/ PID(const T* t) : UPID(static_cast<const ProcessBase&>(*t)) {}
  /*implicit*/ PID(const T& t) : UPID(static_cast<const ProcessBase&>(t)) {}

  template <typename Base,
            typename = std::enable_if_t<std::is_convertible_v<T*, Base*>>>
  operator PID<Base>() const {
    PID<Base> pid;
    static_cast<UPID&>(pid) = *this;
    return pid;
  }

 private:
  template <typename U>
  friend struct PID;
};

namespace internal {

struct PidAccess {
  static const HandleRef& handle(const UPID& pid) { return pid.handle_; }
  static void setHandle(UPID& pid, HandleRef handle) {
    pid.handle_ = std::move(handle);
  }
};

}  // namespace internal
}  // namespace process

namespace std {

template <>
struct hash<process::UPID> {
  size_t operator()(const process::UPID& pid) const {
    size_t seed = std::hash<std::string>()(pid.id);
    seed ^= std::hash<network::inet::Address>()(pid.address) + 0x9e3779b9 +
            (seed << 6) + (seed >> 2);
    return seed;
  }
};

template <typename T>
struct hash<process::PID<T>> : hash<process::UPID> {};

}  // namespace std

#endif  // PROCESS_PID_HPP
