#ifndef PROCESS_TRANSPORT_HPP
#define PROCESS_TRANSPORT_HPP

// The seam between the runtime and the network layer.
//
// Outbound: the runtime hands every message whose target is not a process
// of this OS process to the `Transport`. Inbound: the network layer hands
// received messages (and HTTP requests) to local processes through the
// functions in `process::transport`. The runtime never touches a socket;
// the transport never touches a mailbox or a worker.
//
// Wiring: the runtime obtains its transport from
// `internal::createTransport(loop, delegate)`, called once by
// `process::initialize()` after the event loop is running and before any
// process is spawned. The runtime's own default (src/transport_none.cpp)
// returns nullptr: no network, every pid is local, non-local sends are
// dropped. The network layer replaces it by adding its own definition
// through wire.cmake and setting PROCESS_HAS_TRANSPORT (see the CMake
// file), so no registration code has to run and the linker cannot drop it.

#include <memory>
#include <string>

#include <process/address.hpp>
#include <process/event.hpp>
#include <process/event_loop.hpp>
#include <process/message.hpp>
#include <process/pid.hpp>

#include <stout/option.hpp>
#include <stout/try.hpp>

namespace process {

class Transport {
 public:
  virtual ~Transport() = default;

  // The address stamped on every local pid (the advertised one). Read once
  // at startup; must not change afterwards.
  virtual network::inet::Address address() const = 0;

  // Called once inside process::initialize() once the runtime is up
  // (spawn works, `process::address()` is set), on the initializing
  // thread: spawn the network layer's own processes here.
  virtual void started() {}

  // Delivers `message` to a process in another OS process (`message.to`'s
  // address is not ours). Called on the sender's thread (a worker, the
  // loop, or any user thread), concurrently from several threads, never
  // with a runtime lock held. Must not block; best effort: on failure drop
  // the message (rate-limited log). Must keep the order of messages from
  // one sender to one receiver.
  virtual void send(Message&& message) = 0;

  // Local process `from` linked to remote `to`: keep a persistent
  // connection to `to.address` and call `transport::exited(to.address)`
  // when it breaks or cannot be made. With `reconnect`, an existing
  // connection to that address is replaced by a new one (its loss is not
  // reported; the new one's is). Called on a worker thread.
  virtual void link(const UPID& from, const UPID& to, bool reconnect) = 0;

  // Called once by process::finalize(), on its thread, after every process
  // has terminated and before the event loop stops: close everything. No
  // other call follows.
  virtual void shutdown() = 0;
};

namespace transport {

// Delivers a message received from the network to the local process
// `message.to.id` (the address in `message.to` is not checked). Returns
// false, dropping the message, if no such process exists (answer 404).
// Thread-safe, never blocks.
bool deliver(Message&& message);

// Delivers an HTTP request to the local process `id`; false (and the event
// is destroyed) if there is none. Thread-safe, never blocks.
bool deliver(const std::string& id, std::unique_ptr<HttpEvent> event);

// The peer at `address` is unreachable: every local process linked to a
// pid at that address gets `exited(pid)`, once per link, and those links
// are forgotten. Thread-safe.
void exited(const network::inet::Address& address);

// The process that gets HTTP requests naming no process (the `delegate`
// given to process::initialize()), if any.
Option<std::string> delegate();

}  // namespace transport

namespace internal {

// Defined once in the library: by src/transport_none.cpp (no network) or
// by the network layer. Returns the transport, nullptr for none, or an
// error that makes initialize() exit with the message (a bad
// LIBPROCESS_IP, a port in use).
Try<std::unique_ptr<Transport>> createTransport(
    EventLoop& loop, const Option<std::string>& delegate);

}  // namespace internal
}  // namespace process

#endif  // PROCESS_TRANSPORT_HPP
