#include "http_client.hpp"

#include <glog/logging.h>

#include <algorithm>
#include <mutex>
#include <utility>

#include <process/async.hpp>

#include <stout/stringify.hpp>

#include "decoder.hpp"
#include "encoder.hpp"
#include "socket.hpp"
#include "transport_tcp.hpp"

namespace process {
namespace internal {

namespace {

using SteadyClock = std::chrono::steady_clock;

// Idle connections kept per server; more are closed when released.
constexpr size_t kMaxIdlePerServer = 32;

std::mutex& registryMutex() {
  static std::mutex mutex;
  return mutex;
}

HttpClient*& installedClient() {
  static HttpClient* client = nullptr;
  return client;
}

}  // namespace

// One request and the promise of its response. Touched on the loop thread
// once submitted.
struct HttpClient::Exchange {
  Promise<http::Response> promise;
  std::string bytes;  // The encoded request.
  bool keep_alive = false;
  std::string server;  // "domain:port", for error messages.
  network::inet::Address address;
  bool retried = false;
  bool abandoned = false;
  Connection* connection = nullptr;
};

class HttpClient::Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(HttpClient& client, const network::inet::Address& address)
      : client_(client), address_(address) {}

  ~Connection() { closeFd(fd_); }

  const network::inet::Address& address() const { return address_; }
  SteadyClock::time_point idleSince() const { return idle_since_; }

  void send(const std::shared_ptr<Exchange>& exchange) {
    exchange_ = exchange;
    exchange->connection = this;
    written_ = 0;
    received_ = false;
    if (state_ == State::NEW) {
      connect();
    } else {
      flush();
    }
  }

  // Parks the connection in the pool: any byte or EOF from the server
  // now means it is no longer usable.
  void park() {
    idle_since_ = SteadyClock::now();
    watchFor(EventLoop::READ);
  }

  // Closes the connection; a request in flight fails with `reason`, or is
  // retried once on a new connection if this one had served a request
  // before and the server closed it before answering (a keep-alive race).
  void close(const std::string& reason, bool retry = true) {
    if (state_ == State::CLOSED)
      return;
    state_ = State::CLOSED;
    if (watch_ != 0) {
      client_.transport_.loop().unwatch(watch_);
      watch_ = 0;
    }
    closeFd(fd_);
    fd_ = -1;
    std::shared_ptr<Exchange> exchange = std::move(exchange_);
    exchange_.reset();
    std::shared_ptr<Connection> self = shared_from_this();
    client_.forget(this);
    if (exchange == nullptr)
      return;
    exchange->connection = nullptr;
    if (exchange->abandoned) {
      exchange->promise.discard();
      return;
    }
    if (retry && used_ && !received_ && !exchange->retried) {
      VLOG(1) << "Retrying a request to " << exchange->server
              << " on a new connection: " << reason;
      exchange->retried = true;
      client_.start(address_, exchange);
      return;
    }
    exchange->promise.fail("Failed to get a response from " + exchange->server +
                           ": " + reason);
  }

 private:
  enum class State { NEW, CONNECTING, CONNECTED, CLOSED };

  void connect() {
    bool connected = false;
    Try<int> fd = connectTcp(address_, &connected);
    if (fd.isError()) {
      close(fd.error(), false);
      return;
    }
    fd_ = fd.get();
    state_ = connected ? State::CONNECTED : State::CONNECTING;
    watching_ = EventLoop::WRITE;
    watch_ = client_.transport_.loop().watch(
        fd_, watching_,
        [self = shared_from_this()](int events) { self->onEvents(events); });
  }

  void watchFor(int events) {
    if (events != watching_ && watch_ != 0) {
      watching_ = events;
      client_.transport_.loop().modify(watch_, events);
    }
  }

  void onEvents(int events) {
    if (state_ == State::CONNECTING) {
      Try<Nothing> result = connectResult(fd_);
      if (result.isError()) {
        close(result.error(), false);
        return;
      }
      state_ = State::CONNECTED;
    }
    if (state_ != State::CONNECTED)
      return;
    if (events & EventLoop::WRITE) {
      flush();
      if (state_ != State::CONNECTED)
        return;
    }
    if (events & EventLoop::READ)
      onReadable();
  }

  void flush() {
    if (state_ != State::CONNECTED || exchange_ == nullptr)
      return;
    const std::string& bytes = exchange_->bytes;
    while (written_ < bytes.size()) {
      const IoResult result =
          writeSome(fd_, bytes.data() + written_, bytes.size() - written_);
      if (result.kind == IoResult::DONE) {
        written_ += result.bytes;
        continue;
      }
      if (result.kind == IoResult::AGAIN) {
        watchFor(EventLoop::READ | EventLoop::WRITE);
        return;
      }
      close("write: " + errnoText(result.error));
      return;
    }
    watchFor(EventLoop::READ);
  }

  void onReadable() {
    std::vector<char>& buffer = client_.transport_.readBuffer();
    for (int reads = 0; reads < 16 && state_ == State::CONNECTED; ++reads) {
      const IoResult result = readSome(fd_, buffer.data(), buffer.size());
      if (result.kind == IoResult::AGAIN)
        return;
      if (result.kind == IoResult::FAILED) {
        close("read: " + errnoText(result.error));
        return;
      }
      if (result.kind == IoResult::CLOSED) {
        // A body that runs until EOF completes here.
        Try<Nothing, DecodeError> finished = decoder_.finish(&responses_);
        if (finished.isSome() && deliver())
          return;
        close(finished.isError() ? finished.error()
                                 : "connection closed by the server");
        return;
      }
      if (exchange_ == nullptr) {
        close("unexpected bytes on an idle connection");
        return;
      }
      received_ = true;
      Try<Nothing, DecodeError> decoded =
          decoder_.decode(buffer.data(), result.bytes, &responses_);
      if (decoded.isError()) {
        close("malformed response: " + decoded.error());
        return;
      }
      if (deliver())
        return;
    }
  }

  // Completes the exchange with a decoded response, if there is one; true
  // if it did (the connection is then pooled or closed).
  bool deliver() {
    if (responses_.empty())
      return false;
    if (responses_.size() > 1 || exchange_ == nullptr) {
      close("unexpected extra response");
      return true;
    }
    http::Response response = std::move(responses_.front());
    responses_.clear();
    std::shared_ptr<Exchange> exchange = std::move(exchange_);
    exchange_.reset();
    exchange->connection = nullptr;
    used_ = true;
    const bool reusable = exchange->keep_alive && !decoder_.closed() &&
                          !decoder_.inProgress() && !client_.stopped_;
    exchange->promise.set(std::move(response));
    if (reusable) {
      client_.release(shared_from_this());
    } else {
      close("done", false);
    }
    return true;
  }

  HttpClient& client_;
  const network::inet::Address address_;
  State state_ = State::NEW;
  int fd_ = -1;
  EventLoop::WatchId watch_ = 0;
  int watching_ = 0;

  std::shared_ptr<Exchange> exchange_;
  size_t written_ = 0;
  bool received_ = false;  // Bytes of the current response arrived.
  bool used_ = false;      // A response was completed before.
  SteadyClock::time_point idle_since_;

  ResponseDecoder decoder_;
  std::vector<http::Response> responses_;
};

HttpClient::HttpClient(TcpTransport& transport) : transport_(transport) {}

HttpClient::~HttpClient() = default;

void HttpClient::install(HttpClient* client) {
  std::lock_guard<std::mutex> lock(registryMutex());
  installedClient() = client;
}

Future<http::Response> HttpClient::send(const http::Request& request) {
  const http::URL& url = request.url;
  if (url.scheme.isSome() && url.scheme.get() != "http") {
    return Failure("Unsupported URL scheme '" + url.scheme.get() +
                   "': only http is supported");
  }
  if (url.domain.isNone() || url.domain->empty())
    return Failure("The request URL names no server");
  const uint16_t port = url.port.isSome() ? url.port.get() : 80;

  auto exchange = std::make_shared<Exchange>();
  exchange->keep_alive = request.keepAlive;
  exchange->server = url.domain.get() + ":" + std::to_string(port);
  encodeRequest(request, &exchange->bytes);

  Future<http::Response> future = exchange->promise.future();
  future.onDiscard([weak = std::weak_ptr<Exchange>(exchange)]() {
    if (std::shared_ptr<Exchange> exchange = weak.lock()) {
      runInLoop([exchange]() {
        exchange->abandoned = true;
        if (exchange->connection != nullptr)
          exchange->connection->close("request abandoned", false);
        exchange->promise.discard();
      });
    }
  });

  Try<net::IP> ip = net::IP::parse(url.domain.get());
  if (ip.isSome()) {
    submit(network::inet::Address(ip.get(), port), exchange);
    return future;
  }
  // A host name: resolving may block on DNS, so not on this thread.
  async([domain = url.domain.get()]() {
    return net::IP::resolve(domain);
  }).onAny([exchange, port](const Future<Try<net::IP>>& resolved) {
    if (resolved.isReady() && resolved.get().isSome()) {
      submit(network::inet::Address(resolved.get().get(), port), exchange);
    } else {
      exchange->promise.fail(
          "Failed to resolve '" + exchange->server + "': " +
          (resolved.isReady() ? resolved.get().error() : "lookup failed"));
    }
  });
  return future;
}

void HttpClient::submit(const network::inet::Address& address,
                        const std::shared_ptr<Exchange>& exchange) {
  {
    std::lock_guard<std::mutex> lock(registryMutex());
    if (HttpClient* client = installedClient()) {
      client->transport_.loop().run_in_loop(
          [client, address, exchange]() { client->start(address, exchange); });
      return;
    }
  }
  exchange->promise.fail("libprocess is not initialized");
}

void HttpClient::start(const network::inet::Address& address,
                       const std::shared_ptr<Exchange>& exchange) {
  if (exchange->abandoned)
    return;
  if (stopped_) {
    exchange->promise.fail("libprocess is shutting down");
    return;
  }
  exchange->address = address;
  std::shared_ptr<Connection> connection;
  auto pool = idle_.find(address);
  if (exchange->keep_alive && !exchange->retried && pool != idle_.end()) {
    connection = std::move(pool->second.back());
    pool->second.pop_back();
    if (pool->second.empty())
      idle_.erase(pool);
  }
  if (connection == nullptr)
    connection = std::make_shared<Connection>(*this, address);
  busy_[connection.get()] = connection;
  connection->send(exchange);
}

void HttpClient::release(const std::shared_ptr<Connection>& connection) {
  busy_.erase(connection.get());
  std::vector<std::shared_ptr<Connection>>& pool = idle_[connection->address()];
  if (pool.size() >= kMaxIdlePerServer) {
    connection->close("too many idle connections", false);
    return;
  }
  pool.push_back(connection);
  connection->park();
}

void HttpClient::forget(Connection* connection) {
  if (busy_.erase(connection) > 0)
    return;
  auto pool = idle_.find(connection->address());
  if (pool == idle_.end())
    return;
  auto& connections = pool->second;
  connections.erase(
      std::remove_if(connections.begin(), connections.end(),
                     [connection](const std::shared_ptr<Connection>& c) {
                       return c.get() == connection;
                     }),
      connections.end());
  if (connections.empty())
    idle_.erase(pool);
}

void HttpClient::sweep(SteadyClock::time_point deadline) {
  std::vector<std::shared_ptr<Connection>> expired;
  for (auto& [address, connections] : idle_) {
    for (const std::shared_ptr<Connection>& connection : connections) {
      if (connection->idleSince() < deadline)
        expired.push_back(connection);
    }
  }
  for (const std::shared_ptr<Connection>& connection : expired)
    connection->close("idle", false);
}

void HttpClient::shutdown() {
  stopped_ = true;
  std::vector<std::shared_ptr<Connection>> all;
  for (auto& [connection, owner] : busy_)
    all.push_back(owner);
  for (auto& [address, connections] : idle_)
    all.insert(all.end(), connections.begin(), connections.end());
  for (const std::shared_ptr<Connection>& connection : all)
    connection->close("libprocess is shutting down", false);
}

}  // namespace internal

namespace http {

Future<Response> request(const Request& request) {
  return internal::HttpClient::send(request);
}

Future<Response> get(const URL& url, const Option<Headers>& headers) {
  Request request;
  request.method = "GET";
  request.url = url;
  request.keepAlive = true;
  if (headers.isSome())
    request.headers = headers.get();
  return internal::HttpClient::send(request);
}

namespace {

Try<URL> processUrl(const UPID& upid, const Option<std::string>& path,
                    const Option<std::string>& query,
                    const Option<std::string>& scheme) {
  URL url;
  url.scheme = scheme.isSome() ? scheme.get() : "http";
  url.domain = stringify(upid.address.ip);
  url.port = upid.address.port;
  url.path = "/" + upid.id;
  if (path.isSome()) {
    const std::string& tail = path.get();
    const size_t begin = tail.find_first_not_of('/');
    if (begin != std::string::npos)
      url.path += "/" + tail.substr(begin);
  }
  if (query.isSome()) {
    std::string text = query.get();
    if (!text.empty() && text[0] == '?')
      text.erase(0, 1);
    Try<Query> decoded = query::decode(text);
    if (decoded.isError())
      return Error("Failed to decode HTTP query string: " + decoded.error());
    url.query = decoded.get();
  }
  return url;
}

}  // namespace

Future<Response> get(const UPID& upid, const Option<std::string>& path,
                     const Option<std::string>& query,
                     const Option<Headers>& headers,
                     const Option<std::string>& scheme) {
  Try<URL> url = processUrl(upid, path, query, scheme);
  if (url.isError())
    return Failure(url.error());
  return get(url.get(), headers);
}

Future<Response> post(const URL& url, const Option<Headers>& headers,
                      const Option<std::string>& body,
                      const Option<std::string>& contentType) {
  if (body.isNone() && contentType.isSome())
    return Failure("Attempted to do a POST with a Content-Type but no body");
  Request request;
  request.method = "POST";
  request.url = url;
  request.keepAlive = true;
  if (headers.isSome())
    request.headers = headers.get();
  if (body.isSome())
    request.body = body.get();
  if (contentType.isSome())
    request.headers.put("Content-Type", contentType.get());
  return internal::HttpClient::send(request);
}

Future<Response> post(const UPID& upid, const Option<std::string>& path,
                      const Option<Headers>& headers,
                      const Option<std::string>& body,
                      const Option<std::string>& contentType,
                      const Option<std::string>& scheme) {
  Try<URL> url = processUrl(upid, path, None(), scheme);
  if (url.isError())
    return Failure(url.error());
  return post(url.get(), headers, body, contentType);
}

}  // namespace http
}  // namespace process
