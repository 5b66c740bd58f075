#include "transport_tcp.hpp"

#include <glog/logging.h>
#include <unistd.h>

#include <cstdlib>
#include <future>
#include <utility>

#include <stout/numify.hpp>
#include <stout/stringify.hpp>

#include "http_client.hpp"
#include "http_server.hpp"
#include "log_limiter.hpp"
#include "outbound.hpp"
#include "runtime.hpp"
#include "socket.hpp"

namespace process {
namespace internal {

namespace {

using SteadyClock = std::chrono::steady_clock;

// The kernel caps this at net.core.somaxconn.
constexpr int kListenBacklog = 4096;

constexpr size_t kReadBufferBytes = 256 * 1024;

constexpr int kAcceptsPerEvent = 64;

// After accept() fails for lack of file descriptors, the listener rests
// for this long instead of spinning on the still-pending connection.
const Duration kAcceptBackoff = Milliseconds(100);

Option<std::string> variable(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0')
    return None();
  return std::string(value);
}

Try<Option<net::IP>> ipVariable(const char* name) {
  Option<std::string> text = variable(name);
  if (text.isNone())
    return Option<net::IP>(None());
  Try<net::IP> ip = net::IP::parse(text.get());
  if (ip.isError()) {
    return Error(std::string("Invalid ") + name + "='" + text.get() +
                 "': expected an IPv4 address such as 10.0.0.1");
  }
  return Option<net::IP>(ip.get());
}

Try<Option<uint16_t>> portVariable(const char* name) {
  Option<std::string> text = variable(name);
  if (text.isNone())
    return Option<uint16_t>(None());
  Try<uint16_t> port = numify<uint16_t>(text.get());
  if (port.isError()) {
    return Error(std::string("Invalid ") + name + "='" + text.get() +
                 "': expected a port number between 0 and 65535");
  }
  return Option<uint16_t>(port.get());
}

// The address other processes can reach us at when we listen on 0.0.0.0:
// the IP of our host name, as libprocess does.
net::IP hostIp() {
  char hostname[512] = {};
  if (::gethostname(hostname, sizeof(hostname) - 1) == 0) {
    Try<net::IP> ip = net::IP::resolve(hostname);
    if (ip.isSome())
      return ip.get();
    LOG(WARNING) << "Failed to resolve the host name '" << hostname << "' ("
                 << ip.error() << "): advertising 127.0.0.1, so"
                 << " only local processes can reach this one; set"
                 << " LIBPROCESS_IP or LIBPROCESS_ADVERTISE_IP";
  }
  return net::IP::loopback();
}

LogLimiter& acceptLog() {
  static LogLimiter limiter;
  return limiter;
}

}  // namespace

NetworkTimeouts& networkTimeouts() {
  static NetworkTimeouts timeouts;
  return timeouts;
}

void runInLoop(std::function<void()> fn) {
  if (Runtime* runtime = Runtime::instance())
    runtime->loop().run_in_loop(std::move(fn));
}

Try<std::unique_ptr<TcpTransport>> TcpTransport::create(
    EventLoop& loop, const Option<std::string>& delegate) {
  Try<Option<net::IP>> ip = ipVariable("LIBPROCESS_IP");
  if (ip.isError())
    return Error(ip.error());
  Try<Option<uint16_t>> port = portVariable("LIBPROCESS_PORT");
  if (port.isError())
    return Error(port.error());
  Try<Option<net::IP>> advertiseIp = ipVariable("LIBPROCESS_ADVERTISE_IP");
  if (advertiseIp.isError())
    return Error(advertiseIp.error());
  Try<Option<uint16_t>> advertisePort =
      portVariable("LIBPROCESS_ADVERTISE_PORT");
  if (advertisePort.isError())
    return Error(advertisePort.error());

  const network::inet::Address requested(
      ip->isSome() ? ip->get() : net::IP::any(),
      port->isSome() ? port->get() : 0);
  Try<int> listener = listenTcp(requested, kListenBacklog);
  if (listener.isError()) {
    return Error("Failed to listen on " + stringify(requested) + ": " +
                 listener.error() +
                 " (choose another LIBPROCESS_IP / LIBPROCESS_PORT)");
  }
  Try<network::inet::Address> bound = localAddress(listener.get());
  if (bound.isError()) {
    closeFd(listener.get());
    return Error("Failed to listen on " + stringify(requested) + ": " +
                 bound.error());
  }

  network::inet::Address advertised = bound.get();
  if (advertiseIp->isSome())
    advertised.ip = advertiseIp->get();
  if (advertisePort->isSome())
    advertised.port = advertisePort->get();
  if (advertised.ip.isAny())
    advertised.ip = hostIp();

  VLOG(1) << "libprocess listens on " << bound.get() << " as " << advertised;
  return std::unique_ptr<TcpTransport>(new TcpTransport(
      loop, delegate, listener.get(), bound.get(), advertised));
}

TcpTransport::TcpTransport(EventLoop& loop, Option<std::string> delegate,
                           int listener, network::inet::Address bound,
                           network::inet::Address advertised)
    : loop_(loop),
      delegate_(std::move(delegate)),
      bound_(bound),
      advertised_(advertised),
      listener_(listener),
      client_(new HttpClient(*this)),
      read_buffer_(kReadBufferBytes) {}

TcpTransport::~TcpTransport() {
  closeFd(listener_);
}

void TcpTransport::started() {
  // Not before: a connection accepted earlier could deliver to a runtime
  // that is not reachable yet.
  loop_.run_in_loop([this]() {
    listener_watch_ =
        loop_.watch(listener_, EventLoop::READ, [this](int) { accept(); });
    armSweep();
  });
  HttpClient::install(client_.get());
}

void TcpTransport::accept() {
  for (int accepts = 0; accepts < kAcceptsPerEvent; ++accepts) {
    Result<int> fd = acceptTcp(listener_);
    if (fd.isNone())
      return;
    if (fd.isError()) {
      uint64_t suppressed = 0;
      if (acceptLog().allow(&suppressed)) {
        LOG(WARNING) << "Failed to accept a connection on " << bound_ << ": "
                     << fd.error()
                     << " (if this is 'Too many open files', raise the limit"
                     << " with ulimit -n)"
                     << LogLimiter::suppressedNote(suppressed);
      }
      loop_.unwatch(listener_watch_);
      listener_watch_ = 0;
      loop_.delay(kAcceptBackoff, [this]() {
        if (!stopping_ && listener_watch_ == 0) {
          listener_watch_ = loop_.watch(listener_, EventLoop::READ,
                                        [this](int) { accept(); });
        }
      });
      return;
    }
    Try<network::inet::Address> peer = peerAddress(fd.get());
    if (peer.isError()) {
      // Gone already.
      closeFd(fd.get());
      continue;
    }
    auto connection =
        std::make_shared<InboundConnection>(*this, fd.get(), peer.get());
    inbound_.emplace(connection.get(), connection);
    connection->start();
  }
}

std::shared_ptr<OutboundConnection> TcpTransport::outbound(
    const network::inet::Address& address) {
  std::lock_guard<std::mutex> lock(outbound_mutex_);
  if (stopping_.load(std::memory_order_relaxed))
    return nullptr;
  std::shared_ptr<OutboundConnection>& connection = outbound_[address];
  if (connection == nullptr)
    connection = std::make_shared<OutboundConnection>(*this, address);
  return connection;
}

void TcpTransport::send(Message&& message) {
  const network::inet::Address& address = message.to.address;
  if (address.port == 0 || address.ip.isAny()) {
    VLOG(1) << "Dropped message '" << message.name << "' for " << message.to
            << ": not a reachable address";
    return;
  }
  // A connection that closes between the lookup and the enqueue has left
  // the map by then (see `retire`): the second lookup makes a new one.
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::shared_ptr<OutboundConnection> connection = outbound(address);
    if (connection == nullptr || connection->enqueue(message))
      return;
  }
}

void TcpTransport::link(const UPID& from, const UPID& to, bool reconnect) {
  loop_.run_in_loop([this, address = to.address, reconnect]() {
    if (stopping_)
      return;
    if (address.port == 0 || address.ip.isAny()) {
      peerLost(address);
      return;
    }
    if (std::shared_ptr<OutboundConnection> connection = outbound(address))
      connection->link(reconnect);
  });
}

size_t TcpTransport::retire(OutboundConnection* connection) {
  std::lock_guard<std::mutex> lock(outbound_mutex_);
  const size_t dropped = connection->markClosed();
  auto it = outbound_.find(connection->address());
  if (it != outbound_.end() && it->second.get() == connection)
    outbound_.erase(it);
  return dropped;
}

void TcpTransport::peerLost(const network::inet::Address& address) {
  transport::exited(address);
}

void TcpTransport::inboundClosed(InboundConnection* connection) {
  inbound_.erase(connection);
}

void TcpTransport::armSweep() {
  sweep_timer_ = loop_.delay(
      Nanoseconds(networkTimeouts().sweep_interval_ns.load()), [this]() {
        sweep_timer_ = 0;
        if (!stopping_)
          sweep();
      });
}

void TcpTransport::sweep() {
  NetworkTimeouts& timeouts = networkTimeouts();
  const SteadyClock::time_point now = SteadyClock::now();

  const std::chrono::nanoseconds partial(timeouts.partial_request_ns.load());
  std::vector<std::shared_ptr<InboundConnection>> inbound;
  inbound.reserve(inbound_.size());
  for (auto& [raw, connection] : inbound_)
    inbound.push_back(connection);
  for (const std::shared_ptr<InboundConnection>& connection : inbound)
    connection->sweep(now, partial);

  const auto idle_outbound =
      now - std::chrono::nanoseconds(timeouts.idle_outbound_ns.load());
  std::vector<std::shared_ptr<OutboundConnection>> idle;
  {
    std::lock_guard<std::mutex> lock(outbound_mutex_);
    for (auto it = outbound_.begin(); it != outbound_.end();) {
      if (it->second->markClosedIfIdle(idle_outbound)) {
        idle.push_back(std::move(it->second));
        it = outbound_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (const std::shared_ptr<OutboundConnection>& connection : idle) {
    VLOG(1) << "Closing idle connection to " << connection->address();
    connection->close();
  }

  client_->sweep(now -
                 std::chrono::nanoseconds(timeouts.idle_client_ns.load()));
  armSweep();
}

void TcpTransport::shutdown() {
  stopping_ = true;
  HttpClient::install(nullptr);
  std::promise<void> done;
  loop_.run_in_loop([this, &done]() {
    stop();
    done.set_value();
  });
  done.get_future().wait();
}

void TcpTransport::stop() {
  if (listener_watch_ != 0) {
    loop_.unwatch(listener_watch_);
    listener_watch_ = 0;
  }
  closeFd(listener_);
  listener_ = -1;
  if (sweep_timer_ != 0) {
    loop_.cancel(sweep_timer_);
    sweep_timer_ = 0;
  }

  std::vector<std::shared_ptr<OutboundConnection>> outbound;
  {
    std::lock_guard<std::mutex> lock(outbound_mutex_);
    for (auto& [address, connection] : outbound_) {
      connection->markClosed();
      outbound.push_back(std::move(connection));
    }
    outbound_.clear();
  }
  for (const std::shared_ptr<OutboundConnection>& connection : outbound)
    connection->close();

  std::vector<std::shared_ptr<InboundConnection>> inbound;
  for (auto& [raw, connection] : inbound_)
    inbound.push_back(connection);
  for (const std::shared_ptr<InboundConnection>& connection : inbound)
    connection->close();
  inbound_.clear();

  client_->shutdown();
}

Try<std::unique_ptr<Transport>> createTransport(
    EventLoop& loop, const Option<std::string>& delegate) {
  Try<std::unique_ptr<TcpTransport>> transport =
      TcpTransport::create(loop, delegate);
  if (transport.isError())
    return Error(transport.error());
  return std::unique_ptr<Transport>(std::move(transport.get()));
}

}  // namespace internal
}  // namespace process
