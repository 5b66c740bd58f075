#include "socket.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <stout/stringify.hpp>

namespace process {
namespace internal {

namespace {

Error errnoError(const std::string& call, int error) {
  return Error(call + ": " + errnoText(error));
}

void setNoDelay(int fd) {
  int on = 1;
  // Best effort: Nagle only adds latency to writes we already batch.
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
}

Try<int> tcpSocket() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
                          IPPROTO_TCP);
  if (fd < 0)
    return errnoError("socket", errno);
  setNoDelay(fd);
  return fd;
}

}  // namespace

std::string errnoText(int error) {
  return std::strerror(error);
}

void closeFd(int fd) {
  if (fd < 0)
    return;
  const int saved = errno;
  ::close(fd);
  errno = saved;
}

Try<int> listenTcp(const network::inet::Address& address, int backlog) {
  Try<int> fd = tcpSocket();
  if (fd.isError())
    return fd;
  int on = 1;
  if (::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) != 0) {
    const int error = errno;
    closeFd(fd.get());
    return errnoError("setsockopt(SO_REUSEADDR)", error);
  }
  const sockaddr_in in = address.toSockaddr();
  if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&in), sizeof(in)) !=
      0) {
    const int error = errno;
    closeFd(fd.get());
    return Error("bind " + stringify(address) + ": " + errnoText(error));
  }
  if (::listen(fd.get(), backlog) != 0) {
    const int error = errno;
    closeFd(fd.get());
    return errnoError("listen", error);
  }
  return fd;
}

Result<int> acceptTcp(int listener) {
  while (true) {
    const int fd =
        ::accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
      setNoDelay(fd);
      return fd;
    }
    switch (errno) {
      case EINTR:
        continue;
      case EAGAIN:
        return None();
      // The peer gave up before we took the connection: try the next.
      case ECONNABORTED:
      case EPROTO:
        continue;
      default:
        return errnoError("accept", errno);
    }
  }
}

Try<int> connectTcp(const network::inet::Address& address, bool* connected) {
  Try<int> fd = tcpSocket();
  if (fd.isError())
    return fd;
  const sockaddr_in in = address.toSockaddr();
  int result;
  do {
    result =
        ::connect(fd.get(), reinterpret_cast<const sockaddr*>(&in), sizeof(in));
  } while (result != 0 && errno == EINTR);
  if (result == 0) {
    *connected = true;
    return fd;
  }
  if (errno == EINPROGRESS) {
    *connected = false;
    return fd;
  }
  const int error = errno;
  closeFd(fd.get());
  return errnoError("connect", error);
}

Try<Nothing> connectResult(int fd) {
  int error = 0;
  socklen_t length = sizeof(error);
  if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0)
    return errnoError("getsockopt(SO_ERROR)", errno);
  if (error != 0)
    return errnoError("connect", error);
  return Nothing();
}

Try<network::inet::Address> localAddress(int fd) {
  sockaddr_in in{};
  socklen_t length = sizeof(in);
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&in), &length) != 0)
    return errnoError("getsockname", errno);
  return network::inet::Address::fromSockaddr(in);
}

Try<network::inet::Address> peerAddress(int fd) {
  sockaddr_in in{};
  socklen_t length = sizeof(in);
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&in), &length) != 0)
    return errnoError("getpeername", errno);
  return network::inet::Address::fromSockaddr(in);
}

IoResult readSome(int fd, char* data, size_t size) {
  while (true) {
    const ssize_t n = ::recv(fd, data, size, 0);
    if (n > 0)
      return IoResult{IoResult::DONE, static_cast<size_t>(n)};
    if (n == 0)
      return IoResult{IoResult::CLOSED};
    if (errno == EINTR)
      continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK)
      return IoResult{IoResult::AGAIN};
    return IoResult{IoResult::FAILED, 0, errno};
  }
}

IoResult writeSome(int fd, const char* data, size_t size) {
  while (true) {
    const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n >= 0)
      return IoResult{IoResult::DONE, static_cast<size_t>(n)};
    if (errno == EINTR)
      continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK)
      return IoResult{IoResult::AGAIN};
    return IoResult{IoResult::FAILED, 0, errno};
  }
}

IoResult writeSome(int fd, const iovec* buffers, size_t count) {
  msghdr message{};
  message.msg_iov = const_cast<iovec*>(buffers);
  message.msg_iovlen = count;
  while (true) {
    const ssize_t n = ::sendmsg(fd, &message, MSG_NOSIGNAL);
    if (n >= 0)
      return IoResult{IoResult::DONE, static_cast<size_t>(n)};
    if (errno == EINTR)
      continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK)
      return IoResult{IoResult::AGAIN};
    return IoResult{IoResult::FAILED, 0, errno};
  }
}

}  // namespace internal
}  // namespace process
