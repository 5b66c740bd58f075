#ifndef PROCESS_SRC_HTTP_CLIENT_HPP
#define PROCESS_SRC_HTTP_CLIENT_HPP

// The HTTP client behind http::request/get/post (process/http.hpp): one
// request in flight per connection, idle keep-alive connections pooled per
// server address.
//
// The public functions run on the caller's thread only to encode the
// request (and resolve a host name on the async pool); everything with a
// socket happens on the loop thread of the running transport, which owns
// the one HttpClient and registers it with `install`.

#include <chrono>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <process/address.hpp>
#include <process/future.hpp>
#include <process/http.hpp>

namespace process {
namespace internal {

class TcpTransport;

class HttpClient {
 public:
  explicit HttpClient(TcpTransport& transport);
  ~HttpClient();

  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Any thread: sends `request` through the installed client (see
  // http::request for the contract).
  static Future<http::Response> send(const http::Request& request);

  // Makes `client` the one `send` uses (nullptr: none, requests fail).
  // Thread-safe; a request racing with uninstalling either reaches the
  // old client's loop or fails.
  static void install(HttpClient* client);

  // Loop thread: closes pooled connections idle since before `deadline`.
  void sweep(std::chrono::steady_clock::time_point deadline);

  // Loop thread: fails every request in flight, closes every connection;
  // later requests fail.
  void shutdown();

 private:
  struct Exchange;
  class Connection;

  static void submit(const network::inet::Address& address,
                     const std::shared_ptr<Exchange>& exchange);

  // Loop thread.
  void start(const network::inet::Address& address,
             const std::shared_ptr<Exchange>& exchange);
  void release(const std::shared_ptr<Connection>& connection);
  void forget(Connection* connection);

  TcpTransport& transport_;
  bool stopped_ = false;

  // Loop thread only. A connection is either busy (an exchange in flight)
  // or idle in the pool of its address.
  std::unordered_map<Connection*, std::shared_ptr<Connection>> busy_;
  std::unordered_map<network::inet::Address,
                     std::vector<std::shared_ptr<Connection>>>
      idle_;
};

}  // namespace internal
}  // namespace process

#endif  // PROCESS_SRC_HTTP_CLIENT_HPP
