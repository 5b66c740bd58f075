#include <deque>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <process/http.hpp>

namespace process {
namespace http {

struct Pipe::Data {
  enum class End { OPEN, CLOSED, FAILED };

  std::mutex mutex;
  End read_end = End::OPEN;
  End write_end = End::OPEN;
  std::string failure;
  std::deque<std::string> chunks;
  std::deque<Promise<std::string>> reads;
  Promise<Nothing> reader_closed;
};

Pipe::Pipe() : data_(std::make_shared<Data>()) {}

Pipe::Reader Pipe::reader() const {
  return Reader(data_);
}

Pipe::Writer Pipe::writer() const {
  return Writer(data_);
}

Future<std::string> Pipe::Reader::read() {
  std::lock_guard<std::mutex> lock(data_->mutex);
  if (data_->read_end == Data::End::CLOSED)
    return Failure("closed");
  if (!data_->chunks.empty()) {
    std::string chunk = std::move(data_->chunks.front());
    data_->chunks.pop_front();
    return chunk;
  }
  switch (data_->write_end) {
    case Data::End::CLOSED:
      return std::string();
    case Data::End::FAILED:
      return Failure(data_->failure);
    case Data::End::OPEN:
      break;
  }
  data_->reads.emplace_back();
  return data_->reads.back().future();
}

Future<std::string> Pipe::Reader::readAll() {
  // Chunks already buffered complete their reads at once: handle those in
  // a loop, so a long buffered body does not recurse once per chunk.
  struct State {
    Reader reader;
    std::string body;
    Promise<std::string> promise;

    static void next(const std::shared_ptr<State>& state) {
      while (true) {
        Future<std::string> chunk = state->reader.read();
        if (chunk.isPending()) {
          chunk.onAny([state](const Future<std::string>& chunk) {
            if (state->take(chunk))
              next(state);
          });
          return;
        }
        if (!state->take(chunk))
          return;
      }
    }

    // Consumes a completed read; true if more is to come.
    bool take(const Future<std::string>& chunk) {
      if (!chunk.isReady()) {
        promise.fail(chunk.isFailed() ? chunk.failure() : "discarded");
        return false;
      }
      if (chunk.get().empty()) {
        promise.set(std::move(body));
        return false;
      }
      body += chunk.get();
      return true;
    }
  };

  auto state = std::make_shared<State>(State{*this, std::string(), {}});
  Future<std::string> result = state->promise.future();
  State::next(state);
  return result;
}

bool Pipe::Reader::close() {
  std::deque<Promise<std::string>> reads;
  {
    std::lock_guard<std::mutex> lock(data_->mutex);
    if (data_->read_end == Data::End::CLOSED)
      return false;
    data_->read_end = Data::End::CLOSED;
    data_->chunks.clear();
    reads.swap(data_->reads);
  }
  // Outside the lock: callbacks may use the pipe again.
  for (Promise<std::string>& read : reads)
    read.fail("closed");
  data_->reader_closed.set(Nothing());
  return true;
}

bool Pipe::Writer::write(std::string s) {
  Promise<std::string> waiting;
  {
    std::lock_guard<std::mutex> lock(data_->mutex);
    if (data_->write_end != Data::End::OPEN ||
        data_->read_end == Data::End::CLOSED) {
      return false;
    }
    if (s.empty())
      return true;
    if (data_->reads.empty()) {
      data_->chunks.push_back(std::move(s));
      return true;
    }
    waiting = std::move(data_->reads.front());
    data_->reads.pop_front();
  }
  waiting.set(std::move(s));
  return true;
}

bool Pipe::Writer::close() {
  std::deque<Promise<std::string>> reads;
  {
    std::lock_guard<std::mutex> lock(data_->mutex);
    if (data_->write_end != Data::End::OPEN)
      return false;
    data_->write_end = Data::End::CLOSED;
    // Outstanding reads exist only when no chunk is buffered.
    reads.swap(data_->reads);
  }
  for (Promise<std::string>& read : reads)
    read.set(std::string());
  return true;
}

bool Pipe::Writer::fail(const std::string& message) {
  std::deque<Promise<std::string>> reads;
  {
    std::lock_guard<std::mutex> lock(data_->mutex);
    if (data_->write_end != Data::End::OPEN)
      return false;
    data_->write_end = Data::End::FAILED;
    data_->failure = message;
    data_->chunks.clear();
    reads.swap(data_->reads);
  }
  for (Promise<std::string>& read : reads)
    read.fail(message);
  return true;
}

Future<Nothing> Pipe::Writer::readerClosed() const {
  return data_->reader_closed.future();
}

}  // namespace http
}  // namespace process
