#include "http_server.hpp"

#include <glog/logging.h>
#include <sys/socket.h>

#include <atomic>
#include <utility>

#include <process/event.hpp>
#include <process/message.hpp>
#include <process/process.hpp>
#include <process/transport.hpp>

#include "decoder_message.hpp"
#include "encoder.hpp"
#include "log_limiter.hpp"
#include "socket.hpp"
#include "transport_tcp.hpp"

namespace process {
namespace internal {

namespace {

using SteadyClock = std::chrono::steady_clock;

// Reading pauses while this many requests await their answers, or this
// many answer bytes await the client: a client that pipelines without
// reading cannot make us buffer without bound.
constexpr size_t kMaxPendingAnswers = 256;
constexpr size_t kMaxUnsentBytes = 4 * 1024 * 1024;

// How long a closed connection waits for the client's EOF before the
// socket is released (see `linger`).
constexpr auto kLinger = std::chrono::seconds(2);

constexpr int kReadsPerEvent = 16;

LogLimiter& droppedLog() {
  static LogLimiter limiter;
  return limiter;
}

// One HTTP request handed to a process. Answers its connection's slot
// exactly once: with the route's response, or with 404 if it is destroyed
// unanswered (no such process, or the process terminated before serving
// it).
class HttpExchange {
 public:
  HttpExchange(std::shared_ptr<InboundConnection> connection, uint64_t slot,
               http::Request request)
      : request(std::move(request)),
        connection_(std::move(connection)),
        slot_(slot) {}

  ~HttpExchange() {
    if (!answered_.load(std::memory_order_acquire))
      answer(http::NotFound());
  }

  // Runs in the context of `process`.
  static void serve(const std::shared_ptr<HttpExchange>& exchange,
                    ProcessBase& process, const std::string& path) {
    Future<http::Response> response =
        ProcessAccess::serve(&process, path, exchange->request);
    response.onAny([exchange](const Future<http::Response>& response) {
      if (response.isReady()) {
        exchange->answer(response.get());
      } else {
        exchange->answer(http::InternalServerError(
            response.isFailed() ? response.failure() : "discarded future"));
      }
    });
  }

  http::Request request;

 private:
  void answer(http::Response response) {
    if (answered_.exchange(true, std::memory_order_acq_rel))
      return;
    runInLoop([connection = connection_, slot = slot_,
               response = std::move(response)]() mutable {
      connection->respond(slot, std::move(response));
    });
  }

  const std::shared_ptr<InboundConnection> connection_;
  const uint64_t slot_;
  std::atomic<bool> answered_{false};
};

bool deliverHttp(const std::string& id, const std::string& path,
                 const std::shared_ptr<HttpExchange>& exchange) {
  return transport::deliver(
      id,
      std::make_unique<HttpEvent>(path, [exchange, path](ProcessBase& process) {
        HttpExchange::serve(exchange, process, path);
      }));
}

void closeReader(http::Response& response) {
  if (response.reader.isSome())
    response.reader->close();
}

}  // namespace

InboundConnection::InboundConnection(TcpTransport& transport, int fd,
                                     const network::inet::Address& peer)
    : transport_(transport),
      fd_(fd),
      peer_(peer),
      last_read_(SteadyClock::now()) {}

InboundConnection::~InboundConnection() {
  // Only reached with the socket open when the loop stopped first.
  closeFd(fd_);
}

void InboundConnection::start() {
  watching_ = EventLoop::READ;
  watch_ = transport_.loop().watch(
      fd_, watching_,
      [self = shared_from_this()](int events) { self->onEvents(events); });
}

void InboundConnection::onEvents(int events) {
  if ((events & EventLoop::WRITE) && state_ != State::CLOSED)
    flush();
  if (!(events & EventLoop::READ))
    return;
  if (state_ == State::OPEN) {
    onReadable();
  } else if (state_ == State::LINGERING) {
    std::vector<char>& buffer = transport_.readBuffer();
    for (int reads = 0; reads < kReadsPerEvent; ++reads) {
      const IoResult result = readSome(fd_, buffer.data(), buffer.size());
      if (result.kind == IoResult::AGAIN)
        return;
      if (result.kind != IoResult::DONE) {
        close();
        return;
      }
    }
  }
}

void InboundConnection::onReadable() {
  std::vector<char>& buffer = transport_.readBuffer();
  for (int reads = 0; reads < kReadsPerEvent; ++reads) {
    if (state_ != State::OPEN || !(watching_ & EventLoop::READ))
      break;
    const IoResult result = readSome(fd_, buffer.data(), buffer.size());
    if (result.kind == IoResult::AGAIN)
      break;
    if (result.kind == IoResult::FAILED) {
      VLOG(1) << "Closing connection from " << peer_
              << ": read: " << errnoText(result.error);
      close();
      return;
    }
    if (result.kind == IoResult::CLOSED) {
      // The client finished sending. A half-closed client still gets its
      // answers, except a stream, which is meant for a client that stays.
      if (stream_.isSome()) {
        close();
        return;
      }
      Try<Nothing, DecodeError> finished = decoder_.finish();
      if (finished.isError()) {
        const DecodeError& error = finished.errorValue();
        answer(http::Response(error.status, error.message), false);
      }
      drain();
      break;
    }

    last_read_ = SteadyClock::now();
    Try<Nothing, DecodeError> decoded =
        decoder_.decode(buffer.data(), result.bytes, &decoded_);
    for (http::Request& request : decoded_)
      handle(std::move(request));
    decoded_.clear();
    if (decoded.isError()) {
      const DecodeError& error = decoded.errorValue();
      VLOG(1) << "Refusing bytes from " << peer_ << " with " << error.status
              << ": " << error.message;
      answer(http::Response(error.status, error.message), false);
      drain();
      break;
    }
    if (decoder_.closed()) {
      drain();
      break;
    }
    updateWatch();
  }
  advance();
}

void InboundConnection::handle(http::Request&& request) {
  request.client = peer_;
  if (request.url.path.empty() || request.url.path[0] != '/') {
    answer(http::BadRequest("Request URL path must start with '/'"),
           request.keepAlive);
    return;
  }
  if (isMessage(request)) {
    handleMessage(std::move(request));
    return;
  }
  if (request.url.path.find("/..") != std::string::npos) {
    answer(http::NotFound(), request.keepAlive);
    return;
  }
  handleHttp(std::move(request));
}

void InboundConnection::handleMessage(http::Request&& request) {
  // libprocess peers do not read answers to their messages (older ones
  // broke on them), so a message whose User-Agent names libprocess gets
  // none; any other client gets 202 or 404.
  const std::string* agent = request.headers.find("User-Agent");
  const bool silent =
      agent != nullptr && agent->find("libprocess/") != std::string::npos;
  const bool keep_alive = request.keepAlive;

  Result<InboundMessage> parsed = parseMessage(&request);
  if (!parsed.isSome()) {
    answer(http::BadRequest(parsed.isError() ? parsed.error()
                                             : "Not a libprocess message"),
           keep_alive);
    return;
  }
  InboundMessage& inbound = parsed.get();
  if (inbound.from != from_text_) {
    from_text_ = inbound.from;
    from_ = UPID(from_text_);
  }
  const std::string to = inbound.to;
  const bool delivered = transport::deliver(
      Message{std::move(inbound.name), from_,
              UPID(std::move(inbound.to), transport_.address()),
              std::move(inbound.body)});
  if (!delivered) {
    uint64_t suppressed = 0;
    if (droppedLog().allow(&suppressed)) {
      LOG(INFO) << "Dropped a message from " << from_text_ << " for process '"
                << to << "': no such process"
                << LogLimiter::suppressedNote(suppressed);
    }
  }
  if (!silent) {
    answer(delivered ? http::Response(http::Accepted())
                     : http::Response(http::NotFound()),
           keep_alive);
  }
}

void InboundConnection::handleHttp(http::Request&& request) {
  // "/<id>/<rest>": the first segment, percent-decoded, names the process;
  // with no such process the delegate (if any) gets the whole path.
  const std::string path = request.url.path;
  Option<std::string> id;
  std::string rest;
  const size_t begin = path.find_first_not_of('/');
  if (begin != std::string::npos) {
    const size_t end = path.find('/', begin);
    Try<std::string> decoded = http::decode(path.substr(begin, end - begin));
    if (decoded.isSome())
      id = decoded.get();
    if (end != std::string::npos)
      rest = path.substr(end);
  }

  auto exchange = std::make_shared<HttpExchange>(
      shared_from_this(), addSlot(request.keepAlive), std::move(request));
  if (id.isSome() && deliverHttp(id.get(), rest, exchange))
    return;
  const Option<std::string>& delegate = transport_.delegate();
  if (delegate.isSome()) {
    exchange->request.url.path =
        "/" + delegate.get() + (begin == std::string::npos ? "" : path);
    deliverHttp(delegate.get(), path, exchange);
  }
  // Undelivered, the exchange answers 404 as it goes away here.
}

uint64_t InboundConnection::addSlot(bool keep_alive) {
  Slot slot;
  slot.id = next_slot_++;
  slot.keep_alive = keep_alive;
  slots_.push_back(std::move(slot));
  return slots_.back().id;
}

void InboundConnection::answer(http::Response response, bool keep_alive) {
  Slot slot;
  slot.id = next_slot_++;
  slot.ready = true;
  slot.keep_alive = keep_alive;
  slot.response = std::move(response);
  slots_.push_back(std::move(slot));
}

void InboundConnection::respond(uint64_t slot, http::Response response) {
  if (state_ == State::CLOSED || slots_.empty() || slot < slots_.front().id ||
      slot > slots_.back().id) {
    closeReader(response);
    return;
  }
  Slot& target = slots_[slot - slots_.front().id];
  target.ready = true;
  target.response = std::move(response);
  advance();
}

void InboundConnection::drain() {
  if (state_ == State::OPEN)
    state_ = State::DRAINING;
  updateWatch();
}

void InboundConnection::advance() {
  while ((state_ == State::OPEN || state_ == State::DRAINING) &&
         stream_.isNone() && !slots_.empty() && slots_.front().ready) {
    Slot slot = std::move(slots_.front());
    slots_.pop_front();
    http::Response& response = slot.response;

    const std::string* connection = response.headers.find("Connection");
    if (connection != nullptr && http::iequals(*connection, "close"))
      slot.keep_alive = false;
    if (!slot.keep_alive)
      response.headers.put("Connection", "close");

    if (response.type == http::Response::PIPE && response.reader.isNone()) {
      LOG(ERROR) << "A route answered a PIPE response without a reader";
      response = http::InternalServerError("PIPE response without a reader");
      if (!slot.keep_alive)
        response.headers.put("Connection", "close");
    }

    encodeResponse(response, &out_);
    if (response.type == http::Response::PIPE) {
      stream_ = response.reader;
      stream_keep_alive_ = slot.keep_alive;
      break;
    }
    if (!slot.keep_alive) {
      for (Slot& dropped : slots_)
        closeReader(dropped.response);
      slots_.clear();
      drain();
      break;
    }
  }
  flush();
}

void InboundConnection::readChunk() {
  // One read at a time, and none while the client is behind.
  if (state_ == State::CLOSED || stream_.isNone() || chunk_pending_ ||
      out_.size() - out_written_ >= kMaxUnsentBytes) {
    return;
  }
  chunk_pending_ = true;
  stream_->read().onAny(
      [self = shared_from_this()](const Future<std::string>& chunk) {
        runInLoop([self, chunk]() { self->onChunk(chunk); });
      });
}

void InboundConnection::onChunk(const Future<std::string>& chunk) {
  chunk_pending_ = false;
  if (state_ == State::CLOSED || stream_.isNone())
    return;
  if (!chunk.isReady()) {
    // The headers are out: the only way left to report the failure is a
    // body without its final chunk.
    VLOG(1) << "Aborting a streamed response to " << peer_ << ": "
            << (chunk.isFailed() ? chunk.failure() : "discarded");
    close();
    return;
  }
  if (chunk.get().empty()) {
    encodeLastChunk(&out_);
    stream_->close();
    stream_ = None();
    if (!stream_keep_alive_) {
      for (Slot& dropped : slots_)
        closeReader(dropped.response);
      slots_.clear();
      drain();
    }
    advance();
    return;
  }
  encodeChunk(chunk.get(), &out_);
  flush();
}

void InboundConnection::flush() {
  while (out_written_ < out_.size()) {
    const IoResult result =
        writeSome(fd_, out_.data() + out_written_, out_.size() - out_written_);
    if (result.kind == IoResult::DONE) {
      out_written_ += result.bytes;
      continue;
    }
    if (result.kind == IoResult::AGAIN)
      break;
    VLOG(1) << "Closing connection from " << peer_
            << ": write: " << errnoText(result.error);
    close();
    return;
  }
  if (out_written_ == out_.size()) {
    out_written_ = 0;
    if (out_.capacity() > kMaxUnsentBytes) {
      std::string().swap(out_);
    } else {
      out_.clear();
    }
  }
  // The next chunk of a stream, unless the client is behind.
  readChunk();
  updateWatch();
  maybeFinish();
}

void InboundConnection::updateWatch() {
  if (state_ == State::CLOSED || watch_ == 0)
    return;
  int events = 0;
  const size_t unsent = out_.size() - out_written_;
  if ((state_ == State::OPEN && slots_.size() < kMaxPendingAnswers &&
       unsent < kMaxUnsentBytes) ||
      state_ == State::LINGERING) {
    events |= EventLoop::READ;
  }
  if (unsent > 0)
    events |= EventLoop::WRITE;
  if (events != watching_) {
    watching_ = events;
    transport_.loop().modify(watch_, events);
  }
}

void InboundConnection::maybeFinish() {
  if (state_ == State::DRAINING && slots_.empty() && stream_.isNone() &&
      out_.size() == out_written_) {
    linger();
  }
}

void InboundConnection::linger() {
  // Closing with unread request bytes in the socket would make the kernel
  // reset the connection, which can destroy the answer we just sent before
  // the client reads it. Shut the write side, read until the client's EOF
  // (or `kLinger`), then close.
  ::shutdown(fd_, SHUT_WR);
  state_ = State::LINGERING;
  linger_start_ = SteadyClock::now();
  updateWatch();
}

void InboundConnection::sweep(SteadyClock::time_point now,
                              std::chrono::nanoseconds partial_request) {
  if (state_ == State::LINGERING && now - linger_start_ > kLinger) {
    close();
  } else if (state_ == State::OPEN && decoder_.inProgress() &&
             now - last_read_ > partial_request) {
    VLOG(1) << "Closing connection from " << peer_
            << ": a request stalled midway";
    answer(http::Response(408), false);
    drain();
    advance();
  }
}

void InboundConnection::close() {
  if (state_ == State::CLOSED)
    return;
  state_ = State::CLOSED;
  if (watch_ != 0) {
    transport_.loop().unwatch(watch_);
    watch_ = 0;
  }
  closeFd(fd_);
  fd_ = -1;
  if (stream_.isSome()) {
    stream_->close();
    stream_ = None();
  }
  for (Slot& slot : slots_)
    closeReader(slot.response);
  slots_.clear();
  out_.clear();
  out_written_ = 0;
  transport_.inboundClosed(this);
}

}  // namespace internal
}  // namespace process
