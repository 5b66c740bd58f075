#ifndef PROCESS_SRC_SOCKET_HPP
#define PROCESS_SRC_SOCKET_HPP

// Thin helpers over non-blocking IPv4 TCP sockets, for the transport. Every
// socket made here is non-blocking and close-on-exec, with TCP_NODELAY
// set (the transport batches writes itself). Failures come back as errors
// whose message names the call and the errno text; nothing here logs.

#include <sys/types.h>
#include <sys/uio.h>

#include <cstddef>
#include <string>

#include <process/address.hpp>

#include <stout/error.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/result.hpp>
#include <stout/try.hpp>

namespace process {
namespace internal {

// A listening socket bound to `address` (port 0 picks a free port), with
// SO_REUSEADDR so that a restarted daemon can take its port back at once.
Try<int> listenTcp(const network::inet::Address& address, int backlog);

// The next pending connection: Some(fd), None if none is pending, or an
// error (EMFILE and the like; the listener stays usable).
Result<int> acceptTcp(int listener);

// A socket whose connect() to `address` has started. `*connected` tells
// whether it completed at once (otherwise wait for writability and call
// `connectResult`).
Try<int> connectTcp(const network::inet::Address& address, bool* connected);

// The outcome of a non-blocking connect once the socket is writable.
Try<Nothing> connectResult(int fd);

Try<network::inet::Address> localAddress(int fd);
Try<network::inet::Address> peerAddress(int fd);

// Outcome of one read or write: bytes moved, or AGAIN (would block), or
// CLOSED (EOF on read), or FAILED with `error` set.
struct IoResult {
  enum Kind { DONE, AGAIN, CLOSED, FAILED };
  Kind kind;
  size_t bytes = 0;
  int error = 0;
};

// recv() retried on EINTR.
IoResult readSome(int fd, char* data, size_t size);

// send() with MSG_NOSIGNAL, retried on EINTR.
IoResult writeSome(int fd, const char* data, size_t size);

// The same for `count` buffers in one call (sendmsg).
IoResult writeSome(int fd, const iovec* buffers, size_t count);

// close() that keeps errno intact; ignores -1.
void closeFd(int fd);

// "connection refused" style text for an errno value.
std::string errnoText(int error);

}  // namespace internal
}  // namespace process

#endif  // PROCESS_SRC_SOCKET_HPP
