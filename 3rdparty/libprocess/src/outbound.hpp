#ifndef PROCESS_SRC_OUTBOUND_HPP
#define PROCESS_SRC_OUTBOUND_HPP

// One outbound message connection: every libprocess message from this OS
// process to one peer address (ip:port) goes through it, in the order the
// senders called `enqueue`, which keeps per sender->receiver order.
//
// Writes are batched: senders encode their messages into the blocks of
// `pending_` (256 KiB each, reused); the loop takes all pending blocks at
// once and writes them with as few sendmsg() calls as the socket accepts,
// so under load one system call carries many messages, and a burst grows
// a list of blocks instead of reallocating one big buffer. The peer's
// answers (202s, if it sends any) are read and discarded.
//
// Lifecycle: NEW -> (first flush or link) CONNECTING -> CONNECTED ->
// CLOSED. Any failure (connect refused, write error, EOF from the peer)
// closes it for good: queued messages are dropped (delivery is best
// effort), the transport forgets it and, if it was linked, reports the
// peer's address as exited. A later send opens a new connection.

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <process/address.hpp>
#include <process/event_loop.hpp>
#include <process/message.hpp>

namespace process {
namespace internal {

class TcpTransport;

class OutboundConnection
    : public std::enable_shared_from_this<OutboundConnection> {
 public:
  OutboundConnection(TcpTransport& transport,
                     const network::inet::Address& address);
  ~OutboundConnection();

  OutboundConnection(const OutboundConnection&) = delete;
  OutboundConnection& operator=(const OutboundConnection&) = delete;

  const network::inet::Address& address() const { return address_; }

  // Any thread. Queues `message` for the peer and makes sure the loop will
  // write it. Returns false, queuing nothing, if the connection is already
  // closed: the caller should take a fresh connection.
  bool enqueue(const Message& message);

  // Loop thread. Marks the connection persistent (its loss is reported)
  // and connects if it is not yet connecting. With `reconnect`, an open
  // socket is replaced by a new one; bytes of a partly written batch are
  // dropped, queued messages go out on the new socket.
  void link(bool reconnect);

  // Marks the connection closed: later `enqueue`s return false and the
  // queue is dropped. Returns the number of bytes dropped. Any thread; the
  // transport calls it while taking the connection out of its map.
  size_t markClosed();

  // Loop thread. If the connection is unlinked and has had nothing to send
  // since `deadline`, marks it closed and returns true.
  bool markClosedIfIdle(std::chrono::steady_clock::time_point deadline);

  // Loop thread. Closes the socket of a connection the transport retired
  // (shutdown, idle), reporting nothing.
  void close();

 private:
  enum class State { NEW, CONNECTING, CONNECTED, CLOSED };

  void connect();
  void flush();
  void onEvents(int events);
  void drainReads();
  void watchFor(int events);
  void fail(const std::string& reason);
  void closeSocket();

  TcpTransport& transport_;
  const network::inet::Address address_;
  const std::string address_text_;

  // A block for a message of at most `bound` encoded bytes: a spare one
  // if it fits, else a new one. Called with `mutex_` held.
  std::string takeBlock(size_t bound);

  std::mutex mutex_;
  std::deque<std::string> pending_;  // Encoded messages; the last one fills.
  size_t pending_bytes_ = 0;
  std::vector<std::string> spare_;  // Written blocks, emptied, for reuse.
  bool scheduled_ = false;  // A flush is posted or waits for writability.
  bool closed_ = false;
  std::string from_id_;  // The last sender, with its text form.
  network::inet::Address from_address_;
  std::string from_text_;

  // Loop thread only.
  State state_ = State::NEW;
  int fd_ = -1;
  EventLoop::WatchId watch_ = 0;
  int watching_ = 0;
  std::deque<std::string> writing_;  // Taken from `pending_` by the loop.
  size_t written_ = 0;               // Bytes of the first block sent.
  bool linked_ = false;
  std::chrono::steady_clock::time_point last_active_;
};

}  // namespace internal
}  // namespace process

#endif  // PROCESS_SRC_OUTBOUND_HPP
