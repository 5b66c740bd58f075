#ifndef PROCESS_TESTS_SOCKET_CLIENT_HPP
#define PROCESS_TESTS_SOCKET_CLIENT_HPP

// A plain blocking TCP client for tests: writes exactly the bytes it is
// given (malformed ones included) and reads what the server answers, with
// a deadline on every read so a test can never hang. Not thread-safe.

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <vector>

#include <process/address.hpp>
#include <process/http.hpp>

#include <stout/error.hpp>
#include <stout/try.hpp>

#include "decoder.hpp"

namespace process {
namespace testing {

class SocketClient {
 public:
  static constexpr std::chrono::milliseconds kTimeout{15000};

  explicit SocketClient(const network::inet::Address& address) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const sockaddr_in in = address.toSockaddr();
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&in), sizeof(in)) !=
        0) {
      error_ = std::strerror(errno);
      ::close(fd_);
      fd_ = -1;
    }
  }

  ~SocketClient() {
    if (fd_ >= 0)
      ::close(fd_);
  }

  SocketClient(const SocketClient&) = delete;
  SocketClient& operator=(const SocketClient&) = delete;

  bool connected() const { return fd_ >= 0; }
  const std::string& error() const { return error_; }

  bool send(const std::string& bytes) {
    size_t sent = 0;
    while (sent < bytes.size()) {
      const ssize_t n =
          ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n < 0) {
        if (errno == EINTR)
          continue;
        return false;
      }
      sent += static_cast<size_t>(n);
    }
    return true;
  }

  // Half-closes: the server sees EOF.
  void shutdownWrite() { ::shutdown(fd_, SHUT_WR); }

  // Reads the next complete response (decoding chunked bodies). An error
  // if the server closed first or nothing came within `timeout`.
  Try<http::Response> readResponse(
      std::chrono::milliseconds timeout = kTimeout) {
    while (responses_.empty()) {
      Try<bool> more = readSome(timeout);
      if (more.isError())
        return Error(more.error());
      if (!more.get()) {
        Try<Nothing, DecodeError> finished = decoder_.finish(&responses_);
        if (responses_.empty()) {
          return Error(finished.isError() ? finished.error()
                                          : "connection closed");
        }
      }
    }
    http::Response response = std::move(responses_.front());
    responses_.erase(responses_.begin());
    return response;
  }

  // Every byte until the server closes the connection.
  Try<std::string> readUntilClosed(
      std::chrono::milliseconds timeout = kTimeout) {
    while (true) {
      Try<bool> more = readSome(timeout);
      if (more.isError())
        return Error(more.error());
      if (!more.get())
        return raw_;
    }
  }

  // The raw bytes read so far.
  const std::string& raw() const { return raw_; }

 private:
  // Reads once: true if bytes came, false on EOF (or reset).
  Try<bool> readSome(std::chrono::milliseconds timeout) {
    pollfd poll{fd_, POLLIN, 0};
    int ready;
    do {
      ready = ::poll(&poll, 1, static_cast<int>(timeout.count()));
    } while (ready < 0 && errno == EINTR);
    if (ready == 0)
      return Error("timed out waiting for the server");
    char data[65536];
    const ssize_t n = ::recv(fd_, data, sizeof(data), 0);
    if (n <= 0)
      return false;
    raw_.append(data, static_cast<size_t>(n));
    Try<Nothing, DecodeError> decoded =
        decoder_.decode(data, static_cast<size_t>(n), &responses_);
    if (decoded.isError())
      return Error("bad response: " + decoded.error());
    return true;
  }

  int fd_ = -1;
  std::string error_;
  std::string raw_;
  ResponseDecoder decoder_;
  std::vector<http::Response> responses_;
};

}  // namespace testing
}  // namespace process

#endif  // PROCESS_TESTS_SOCKET_CLIENT_HPP
