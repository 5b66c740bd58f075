#ifndef PROCESS_SRC_HTTP_SERVER_HPP
#define PROCESS_SRC_HTTP_SERVER_HPP

// The server side of one accepted connection: decodes the requests a peer
// sends, hands libprocess messages to local processes, routes every other
// request to a process's HTTP routes, and writes the answers back in
// request order (HTTP/1.1 pipelining), streaming PIPE responses chunk by
// chunk.
//
// What gets an answer (docs/protocol.md, "Answers on the inbound
// connection"):
//   - a message whose User-Agent contains "libprocess/" (what libprocess
//     peers send): none at all;
//   - any other message: 202 if a process has the id, else 404;
//   - a message that cannot be parsed, or a path not starting with '/':
//     400;
//   - an HTTP request: the route's response; 404 for "/.." in the path, no
//     such process (and no delegate) or no matching route; 500 if the
//     route's future fails.
// A request the decoder refuses gets its status (400, 413, 431, ...) after
// the answers to the requests before it, and the connection closes. So
// does a request started but stalled for `partial_request` (408).
//
// Everything runs on the loop thread except the completion of route
// futures and pipe reads, which post their results back to it. The state
// is per connection: a slow or hostile client holds only its own
// connection.

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include <process/address.hpp>
#include <process/event_loop.hpp>
#include <process/http.hpp>
#include <process/pid.hpp>

#include <stout/option.hpp>

#include "decoder.hpp"

namespace process {
namespace internal {

class TcpTransport;

class InboundConnection
    : public std::enable_shared_from_this<InboundConnection> {
 public:
  InboundConnection(TcpTransport& transport, int fd,
                    const network::inet::Address& peer);
  ~InboundConnection();

  InboundConnection(const InboundConnection&) = delete;
  InboundConnection& operator=(const InboundConnection&) = delete;

  // Loop thread: starts reading.
  void start();

  // Loop thread: the answer to request `slot` is ready.
  void respond(uint64_t slot, http::Response response);

  // Loop thread: enforces the time limits (stalled request, lingering
  // close).
  void sweep(std::chrono::steady_clock::time_point now,
             std::chrono::nanoseconds partial_request);

  // Loop thread: closes at once, unanswered requests included.
  void close();

 private:
  enum class State {
    OPEN,       // Reading requests.
    DRAINING,   // No more requests: close once every answer is written.
    LINGERING,  // Answers written, write side shut: wait for the peer's EOF.
    CLOSED,
  };

  struct Slot {
    uint64_t id;
    bool ready = false;
    bool keep_alive = true;
    http::Response response;
  };

  void onEvents(int events);
  void onReadable();
  void handle(http::Request&& request);
  void handleMessage(http::Request&& request);
  void handleHttp(http::Request&& request);

  // Appends a slot for the next request; answered later by `respond`.
  uint64_t addSlot(bool keep_alive);
  // Appends an already answered slot.
  void answer(http::Response response, bool keep_alive);
  // Stops reading requests; closes once the answers are out.
  void drain();

  // Writes the answers at the head of the queue that are ready.
  void advance();
  void readChunk();
  void onChunk(const Future<std::string>& chunk);
  void flush();
  void updateWatch();
  void maybeFinish();
  void linger();

  TcpTransport& transport_;
  int fd_;
  const network::inet::Address peer_;

  State state_ = State::OPEN;
  EventLoop::WatchId watch_ = 0;
  int watching_ = 0;

  RequestDecoder decoder_;
  std::vector<http::Request> decoded_;
  std::chrono::steady_clock::time_point last_read_;
  std::chrono::steady_clock::time_point linger_start_;

  std::deque<Slot> slots_;
  uint64_t next_slot_ = 0;

  // Streaming the head answer's pipe.
  Option<http::Pipe::Reader> stream_;
  bool stream_keep_alive_ = true;
  bool chunk_pending_ = false;  // A read of `stream_` is outstanding.

  std::string out_;
  size_t out_written_ = 0;

  // The last sender pid seen, to parse it once per connection.
  std::string from_text_;
  UPID from_;
};

}  // namespace internal
}  // namespace process

#endif  // PROCESS_SRC_HTTP_SERVER_HPP
