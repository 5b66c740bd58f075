#include "outbound.hpp"

#include <glog/logging.h>

#include <algorithm>
#include <utility>

#include <stout/stringify.hpp>

#include "encoder.hpp"
#include "log_limiter.hpp"
#include "socket.hpp"
#include "transport_tcp.hpp"

namespace process {
namespace internal {

namespace {

constexpr size_t kBlockBytes = 256 * 1024;

// Written blocks kept for reuse, per connection.
constexpr size_t kSpareBlocks = 8;

// Blocks per sendmsg().
constexpr size_t kBlocksPerWrite = 64;

// An upper bound of encodeMessage's output (every escapable byte of the
// id and name escaped, the fixed text generously counted).
size_t encodedBound(const Message& message, size_t from, size_t address) {
  return message.body.size() +
         3 * (message.to.id.size() + message.name.size()) + 2 * from + address +
         256;
}

LogLimiter& failureLog() {
  static LogLimiter limiter;
  return limiter;
}

}  // namespace

OutboundConnection::OutboundConnection(TcpTransport& transport,
                                       const network::inet::Address& address)
    : transport_(transport),
      address_(address),
      address_text_(stringify(address)),
      last_active_(std::chrono::steady_clock::now()) {}

OutboundConnection::~OutboundConnection() {
  // Only reached with the socket still open when the loop stopped first.
  closeFd(fd_);
}

bool OutboundConnection::enqueue(const Message& message) {
  bool post = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (closed_)
      return false;
    // A connection mostly carries one sender's messages: format its pid
    // once, not per message.
    if (from_text_.empty() || message.from.id != from_id_ ||
        message.from.address != from_address_) {
      from_id_ = message.from.id;
      from_address_ = message.from.address;
      from_text_ = std::string(message.from);
    }
    const size_t bound =
        encodedBound(message, from_text_.size(), address_text_.size());
    if (pending_.empty() ||
        pending_.back().capacity() - pending_.back().size() < bound) {
      pending_.push_back(takeBlock(bound));
    }
    std::string& block = pending_.back();
    const size_t before = block.size();
    encodeMessage(OutboundMessage{from_text_, message.to.id, address_text_,
                                  message.name, message.body},
                  &block);
    pending_bytes_ += block.size() - before;
    if (!scheduled_) {
      scheduled_ = true;
      post = true;
    }
  }
  if (post) {
    transport_.loop().run_in_loop(
        [self = shared_from_this()]() { self->flush(); });
  }
  return true;
}

std::string OutboundConnection::takeBlock(size_t bound) {
  if (bound <= kBlockBytes && !spare_.empty()) {
    std::string block = std::move(spare_.back());
    spare_.pop_back();
    return block;
  }
  std::string block;
  block.reserve(std::max(bound, kBlockBytes));
  return block;
}

void OutboundConnection::link(bool reconnect) {
  linked_ = true;
  if (reconnect &&
      (state_ == State::CONNECTING || state_ == State::CONNECTED)) {
    closeSocket();
    // A partly written message cannot be resumed on another socket.
    if (written_ > 0) {
      writing_.pop_front();
      written_ = 0;
    }
    state_ = State::NEW;
  }
  if (state_ == State::NEW)
    connect();
}

size_t OutboundConnection::markClosed() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (closed_)
    return 0;
  closed_ = true;
  const size_t dropped = pending_bytes_;
  pending_.clear();
  pending_bytes_ = 0;
  spare_.clear();
  return dropped;
}

bool OutboundConnection::markClosedIfIdle(
    std::chrono::steady_clock::time_point deadline) {
  if (linked_ || state_ == State::CONNECTING || last_active_ > deadline ||
      !writing_.empty()) {
    return false;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (closed_ || !pending_.empty() || scheduled_)
    return false;
  closed_ = true;
  return true;
}

void OutboundConnection::close() {
  if (state_ == State::CLOSED)
    return;
  state_ = State::CLOSED;
  closeSocket();
  writing_.clear();
  written_ = 0;
}

void OutboundConnection::connect() {
  bool connected = false;
  Try<int> fd = connectTcp(address_, &connected);
  if (fd.isError()) {
    fail(fd.error());
    return;
  }
  fd_ = fd.get();
  state_ = connected ? State::CONNECTED : State::CONNECTING;
  watching_ = connected ? EventLoop::READ : EventLoop::WRITE;
  watch_ = transport_.loop().watch(
      fd_, watching_,
      [self = shared_from_this()](int events) { self->onEvents(events); });
  if (connected)
    flush();
}

void OutboundConnection::watchFor(int events) {
  if (events != watching_ && watch_ != 0) {
    watching_ = events;
    transport_.loop().modify(watch_, events);
  }
}

void OutboundConnection::flush() {
  switch (state_) {
    case State::NEW:
      connect();
      return;
    case State::CONNECTING:
    case State::CLOSED:
      return;
    case State::CONNECTED:
      break;
  }
  iovec buffers[kBlocksPerWrite];
  std::vector<std::string> written;
  // Called with `mutex_` held: written blocks of the usual size are kept
  // for the senders to fill again.
  auto recycle = [&]() {
    for (std::string& block : written) {
      if (spare_.size() < kSpareBlocks && block.capacity() >= kBlockBytes &&
          block.capacity() < 2 * kBlockBytes) {
        block.clear();
        spare_.push_back(std::move(block));
      }
    }
    written.clear();
  };
  while (true) {
    if (writing_.empty()) {
      std::lock_guard<std::mutex> lock(mutex_);
      recycle();
      if (pending_.empty()) {
        scheduled_ = false;
        break;
      }
      writing_.swap(pending_);
      pending_bytes_ = 0;
    }

    size_t count = 0;
    for (auto block = writing_.begin();
         block != writing_.end() && count < kBlocksPerWrite; ++block) {
      const size_t skip = count == 0 ? written_ : 0;
      buffers[count].iov_base = block->data() + skip;
      buffers[count].iov_len = block->size() - skip;
      ++count;
    }
    const IoResult result = writeSome(fd_, buffers, count);
    if (result.kind == IoResult::AGAIN) {
      if (!written.empty()) {
        std::lock_guard<std::mutex> lock(mutex_);
        recycle();
      }
      // `scheduled_` stays set: writability resumes the flush.
      watchFor(EventLoop::READ | EventLoop::WRITE);
      return;
    }
    if (result.kind == IoResult::FAILED) {
      fail("write: " + errnoText(result.error));
      return;
    }
    last_active_ = std::chrono::steady_clock::now();
    size_t bytes = result.bytes;
    while (bytes > 0) {
      const size_t left = writing_.front().size() - written_;
      if (bytes < left) {
        written_ += bytes;
        break;
      }
      bytes -= left;
      written_ = 0;
      written.push_back(std::move(writing_.front()));
      writing_.pop_front();
    }
  }
  watchFor(EventLoop::READ);
}

void OutboundConnection::onEvents(int events) {
  if (state_ == State::CONNECTING) {
    Try<Nothing> result = connectResult(fd_);
    if (result.isError()) {
      fail(result.error());
      return;
    }
    state_ = State::CONNECTED;
    last_active_ = std::chrono::steady_clock::now();
    flush();
    return;
  }
  if (state_ != State::CONNECTED)
    return;
  if (events & EventLoop::READ) {
    drainReads();
    if (state_ != State::CONNECTED)
      return;
  }
  if (events & EventLoop::WRITE)
    flush();
}

void OutboundConnection::drainReads() {
  // The peer only ever answers our messages (202s from peers that send
  // them); nothing in them matters, so they are not even parsed.
  std::vector<char>& buffer = transport_.readBuffer();
  for (int reads = 0; reads < 16; ++reads) {
    const IoResult result = readSome(fd_, buffer.data(), buffer.size());
    switch (result.kind) {
      case IoResult::DONE:
        continue;
      case IoResult::AGAIN:
        return;
      case IoResult::CLOSED:
        fail("connection closed by the peer");
        return;
      case IoResult::FAILED:
        fail("read: " + errnoText(result.error));
        return;
    }
  }
}

void OutboundConnection::closeSocket() {
  if (watch_ != 0) {
    transport_.loop().unwatch(watch_);
    watch_ = 0;
  }
  watching_ = 0;
  closeFd(fd_);
  fd_ = -1;
}

void OutboundConnection::fail(const std::string& reason) {
  if (state_ == State::CLOSED)
    return;
  const bool connected = state_ == State::CONNECTED;
  state_ = State::CLOSED;
  closeSocket();

  size_t dropped = transport_.retire(this);
  for (const std::string& block : writing_)
    dropped += block.size();
  dropped -= written_;
  writing_.clear();
  written_ = 0;

  uint64_t suppressed = 0;
  if ((linked_ || dropped > 0) && failureLog().allow(&suppressed)) {
    LOG(INFO) << (connected ? "Lost connection to " : "Failed to connect to ")
              << address_text_ << ": " << reason
              << (dropped > 0 ? "; dropped " + std::to_string(dropped) +
                                    " bytes of queued messages"
                              : std::string())
              << (linked_ ? "; linked processes get exited()" : "")
              << LogLimiter::suppressedNote(suppressed);
  } else {
    VLOG(1) << "Closed connection to " << address_text_ << ": " << reason;
  }

  if (linked_)
    transport_.peerLost(address_);
}

}  // namespace internal
}  // namespace process
