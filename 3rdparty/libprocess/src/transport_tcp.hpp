#ifndef PROCESS_SRC_TRANSPORT_TCP_HPP
#define PROCESS_SRC_TRANSPORT_TCP_HPP

// The network layer: libprocess over TCP (see docs/libprocess.md,
// "Network layer", and docs/protocol.md).
//
// One listening socket per OS process. Inbound connections
// (InboundConnection, http_server.hpp) carry messages and HTTP requests to
// local processes; outbound message connections (OutboundConnection,
// outbound.hpp), one per peer address, carry our messages; client
// connections (HttpClient, http_client.hpp) carry http::get/post.
//
// Threads: every socket is read, written, opened and closed on the event
// loop thread. `send` may be called from any thread: it encodes onto the
// peer's queue under that connection's mutex and wakes the loop once per
// batch. `link` and HTTP answers are posted to the loop.

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <process/address.hpp>
#include <process/event_loop.hpp>
#include <process/message.hpp>
#include <process/pid.hpp>
#include <process/transport.hpp>

#include <stout/duration.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

namespace process {
namespace internal {

class HttpClient;
class InboundConnection;
class OutboundConnection;

// Time limits of the network layer (real time). Tests shorten them; the
// values are read on the loop thread at each sweep, so a change takes
// effect within one sweep interval.
struct NetworkTimeouts {
  // An inbound request whose bytes stopped arriving midway for this long
  // is answered 408 and its connection closed (slow or stuck clients).
  std::atomic<int64_t> partial_request_ns{Seconds(30).ns()};

  // An outbound message connection that is not linked and had nothing to
  // send for this long is closed (a later send opens a new one).
  std::atomic<int64_t> idle_outbound_ns{Seconds(60).ns()};

  // A pooled HTTP client connection idle for this long is closed.
  std::atomic<int64_t> idle_client_ns{Seconds(30).ns()};

  // How often the loop checks the limits above.
  std::atomic<int64_t> sweep_interval_ns{Seconds(1).ns()};
};

NetworkTimeouts& networkTimeouts();

// Runs `fn` on the running runtime's event loop (dropped if there is
// none): how completions on other threads get back to a connection.
void runInLoop(std::function<void()> fn);

class TcpTransport final : public Transport {
 public:
  using Clock = std::chrono::steady_clock;

  // Binds the listening socket from LIBPROCESS_IP / LIBPROCESS_PORT
  // (default 0.0.0.0 and a free port) and works out the advertised address
  // (LIBPROCESS_ADVERTISE_IP / _PORT, else the bound one, with 0.0.0.0
  // replaced by the IP of the host name). Errors name the variable or the
  // system call that failed.
  static Try<std::unique_ptr<TcpTransport>> create(
      EventLoop& loop, const Option<std::string>& delegate);

  ~TcpTransport() override;

  // -- Transport --

  network::inet::Address address() const override { return advertised_; }
  void started() override;
  void send(Message&& message) override;
  void link(const UPID& from, const UPID& to, bool reconnect) override;
  void shutdown() override;

  // -- for the connections (loop thread unless noted) --

  EventLoop& loop() { return loop_; }
  const Option<std::string>& delegate() const { return delegate_; }

  // A scratch buffer for reads; every read happens on the loop thread and
  // its bytes are consumed before the next one.
  std::vector<char>& readBuffer() { return read_buffer_; }

  // Takes `connection` out of the map (if it is still the one mapped) and
  // marks it closed, atomically with respect to `send`, so that a message
  // sent concurrently either made it into the closed connection's queue
  // before (and is dropped with it) or goes to a new connection. Returns
  // the number of queued bytes dropped. Any thread.
  size_t retire(OutboundConnection* connection);

  // The persistent connection to `address` broke: linked processes get
  // exited().
  void peerLost(const network::inet::Address& address);

  void inboundClosed(InboundConnection* connection);

 private:
  TcpTransport(EventLoop& loop, Option<std::string> delegate, int listener,
               network::inet::Address bound, network::inet::Address advertised);

  // The connection for `address`, made if there is none (any thread).
  // Null once the transport is stopping.
  std::shared_ptr<OutboundConnection> outbound(
      const network::inet::Address& address);

  void accept();
  void sweep();
  void armSweep();
  void stop();

  EventLoop& loop_;
  const Option<std::string> delegate_;
  const network::inet::Address bound_;
  const network::inet::Address advertised_;
  std::atomic<bool> stopping_{false};

  std::mutex outbound_mutex_;
  std::unordered_map<network::inet::Address,
                     std::shared_ptr<OutboundConnection>>
      outbound_;

  // Loop thread only.
  int listener_;
  EventLoop::WatchId listener_watch_ = 0;
  EventLoop::TimerId sweep_timer_ = 0;
  std::unordered_map<InboundConnection*, std::shared_ptr<InboundConnection>>
      inbound_;
  std::unique_ptr<HttpClient> client_;
  std::vector<char> read_buffer_;
};

}  // namespace internal
}  // namespace process

#endif  // PROCESS_SRC_TRANSPORT_TCP_HPP
