#include <process/io.hpp>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cstring>
#include <memory>
#include <utility>

#include <process/event_loop.hpp>
#include <process/process.hpp>

#include <stout/error.hpp>
#include <stout/os/fd.hpp>

namespace process {
namespace io {

namespace {

bool wouldBlock(int error) {
  return error == EAGAIN || error == EWOULDBLOCK;
}

// Writes run only on the loop thread, where SIGPIPE stays blocked, so a
// closed reader turns into EPIPE instead of killing the process. The
// signal is still generated (pending on this thread) and is consumed here.
void blockSigpipe() {
  thread_local bool blocked = false;
  if (blocked)
    return;
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  blocked = true;
}

void consumeSigpipe() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGPIPE);
  const struct timespec zero = {0, 0};
  while (sigtimedwait(&set, nullptr, &zero) == SIGPIPE) {
  }
}

// A single read or write with EINTR retried: bytes, or -1 with errno.
ssize_t readOnce(int fd, void* data, size_t size) {
  ssize_t n;
  do {
    n = ::read(fd, data, size);
  } while (n < 0 && errno == EINTR);
  return n;
}

ssize_t writeOnce(int fd, const void* data, size_t size) {
  blockSigpipe();
  ssize_t n;
  do {
    n = ::write(fd, data, size);
  } while (n < 0 && errno == EINTR);
  if (n < 0 && errno == EPIPE) {
    consumeSigpipe();
    errno = EPIPE;
  }
  return n;
}

Option<std::string> checkAsync(int fd) {
  Try<bool> async = is_async(fd);
  if (async.isError()) {
    return "Failed to check if file descriptor was asynchronous: " +
           async.error();
  }
  if (!async.get())
    return std::string("Expected an asynchronous file descriptor.");
  return None();
}

// A close-on-exec, non-blocking duplicate of `fd` that the operation owns.
Try<int> duplicate(int fd, const std::string& what) {
  if (fd < 0)
    return Error(std::string("Bad ") + what + ": " + std::strerror(EBADF));
  const int dup = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (dup < 0)
    return ErrnoError("Failed to duplicate " + what);
  Try<Nothing> nonblock = os::nonblock(dup);
  if (nonblock.isError()) {
    ::close(dup);
    return Error("Failed to make duplicated " + what +
                 " asynchronous: " + nonblock.error());
  }
  return dup;
}

int toLoop(short events) {
  return ((events & READ) ? EventLoop::READ : 0) |
         ((events & WRITE) ? EventLoop::WRITE : 0);
}

short fromLoop(int events) {
  return static_cast<short>(((events & EventLoop::READ) ? READ : 0) |
                            ((events & EventLoop::WRITE) ? WRITE : 0));
}

// One asynchronous operation, driven entirely on the loop thread once
// started. It is kept alive by whatever the loop holds (the queued start
// or the fd watch); the future only holds it weakly, to cancel it.
class Op : public std::enable_shared_from_this<Op> {
 public:
  // The operation closes the `owned` descriptors (its duplicates).
  Op(EventLoop& loop, int fd, int events, std::vector<int> owned = {})
      : loop_(loop), fd_(fd), events_(events), owned_(std::move(owned)) {}
  virtual ~Op() { closeOwned(); }

  // Runs the first step on the loop thread, and forwards a discard
  // request on `future` to it.
  template <typename T>
  void start(const Future<T>& future) {
    std::weak_ptr<Op> weak = shared_from_this();
    future.onDiscard([weak]() {
      if (std::shared_ptr<Op> op = weak.lock())
        op->cancel();
    });
    loop_.run_in_loop([self = shared_from_this()]() { self->advance(0); });
  }

 protected:
  // Makes as much progress as possible without blocking; `ready` is the
  // readiness just reported (0 for the first step). True when the
  // operation has its outcome; `complete()` then reports it.
  virtual bool step(int ready) = 0;
  virtual void complete() = 0;
  virtual void discard() = 0;

  // Waits on `fd` for `events` from now on (the next readiness callback).
  void waitOn(int fd, int events) {
    if (fd == fd_ && events == events_)
      return;
    stopWatching();
    fd_ = fd;
    events_ = events;
  }

  int fd() const { return fd_; }

 private:
  void advance(int ready) {
    if (done_)
      return;
    if (!step(ready)) {
      if (!watching_) {
        watching_ = true;
        watch_ = loop_.watch(
            fd_, events_,
            [self = shared_from_this()](int events) { self->advance(events); });
      }
      return;
    }
    finish();
    complete();
  }

  void cancel() {
    loop_.run_in_loop([self = shared_from_this()]() {
      if (self->done_)
        return;
      self->finish();
      self->discard();
    });
  }

  // Stops watching and closes the duplicates before the outcome is
  // reported: a continuation may close the caller's fd right away, and a
  // pipe reader sees EOF as soon as a write-all is READY.
  void finish() {
    done_ = true;
    stopWatching();
    closeOwned();
  }

  void closeOwned() {
    for (int fd : owned_)
      ::close(fd);
    owned_.clear();
  }

  void stopWatching() {
    if (watching_) {
      loop_.unwatch(watch_);
      watching_ = false;
    }
  }

  EventLoop& loop_;
  int fd_;
  int events_;
  std::vector<int> owned_;
  bool done_ = false;
  bool watching_ = false;
  EventLoop::WatchId watch_ = 0;
};

// An Op that completes a Promise<T>: FAILED with `failure_` if set, else
// READY with `value_`.
template <typename T>
class PromiseOp : public Op {
 public:
  using Op::Op;

  Future<T> future() { return promise_.future(); }

 protected:
  void complete() override {
    if (failure_.isSome()) {
      promise_.fail(failure_.get());
    } else {
      promise_.set(std::move(value_));
    }
  }
  void discard() override { promise_.discard(); }

  bool fail(const std::string& message) {
    failure_ = message;
    return true;
  }
  bool failErrno(const std::string& message) {
    return fail(message + ": " + std::strerror(errno));
  }

  T value_{};
  Option<std::string> failure_;

 private:
  Promise<T> promise_;
};

class PollOp final : public PromiseOp<short> {
 public:
  using PromiseOp::PromiseOp;

 private:
  bool step(int ready) override {
    if (ready == 0)
      return false;
    value_ = fromLoop(ready);
    return true;
  }
};

class ReadOp final : public PromiseOp<size_t> {
 public:
  ReadOp(EventLoop& loop, int fd, void* data, size_t size)
      : PromiseOp(loop, fd, EventLoop::READ), data_(data), size_(size) {}

 private:
  bool step(int) override {
    const ssize_t n = readOnce(fd(), data_, size_);
    if (n >= 0) {
      value_ = static_cast<size_t>(n);
      return true;
    }
    if (wouldBlock(errno))
      return false;
    return failErrno("Failed to read from fd " + std::to_string(fd()));
  }

  void* data_;
  size_t size_;
};

class WriteOp final : public PromiseOp<size_t> {
 public:
  WriteOp(EventLoop& loop, int fd, const void* data, size_t size)
      : PromiseOp(loop, fd, EventLoop::WRITE), data_(data), size_(size) {}

 private:
  bool step(int) override {
    const ssize_t n = writeOnce(fd(), data_, size_);
    if (n >= 0) {
      value_ = static_cast<size_t>(n);
      return true;
    }
    if (wouldBlock(errno))
      return false;
    return failErrno("Failed to write to fd " + std::to_string(fd()));
  }

  const void* data_;
  size_t size_;
};

// Reads at most this many chunks per readiness callback, so one fast
// writer cannot monopolize the loop thread.
constexpr int kChunksPerStep = 16;

class ReadAllOp final : public PromiseOp<std::string> {
 public:
  ReadAllOp(EventLoop& loop, int fd)
      : PromiseOp(loop, fd, EventLoop::READ, {fd}),
        chunk_(new char[BUFFERED_READ_SIZE]) {}

 private:
  bool step(int) override {
    for (int i = 0; i < kChunksPerStep; i++) {
      const ssize_t n = readOnce(fd(), chunk_.get(), BUFFERED_READ_SIZE);
      if (n == 0)
        return true;
      if (n < 0) {
        if (wouldBlock(errno))
          return false;
        return failErrno("Failed to read");
      }
      value_.append(chunk_.get(), static_cast<size_t>(n));
    }
    return false;
  }

  std::unique_ptr<char[]> chunk_;
};

class WriteAllOp final : public PromiseOp<Nothing> {
 public:
  WriteAllOp(EventLoop& loop, int fd, std::string data)
      : PromiseOp(loop, fd, EventLoop::WRITE, {fd}), data_(std::move(data)) {}

 private:
  bool step(int) override {
    while (offset_ < data_.size()) {
      const ssize_t n =
          writeOnce(fd(), data_.data() + offset_, data_.size() - offset_);
      if (n < 0) {
        if (wouldBlock(errno))
          return false;
        return failErrno("Failed to write");
      }
      offset_ += static_cast<size_t>(n);
    }
    return true;
  }

  std::string data_;
  size_t offset_ = 0;
};

// Alternates between reading a chunk from `from` and writing it all to
// `to` (both duplicates owned).
class RedirectOp final : public PromiseOp<Nothing> {
 public:
  RedirectOp(EventLoop& loop, int from, int to, size_t chunk,
             std::vector<std::function<void(const std::string&)>> hooks)
      : PromiseOp(loop, from, EventLoop::READ, {from, to}),
        from_(from),
        to_(to),
        size_(chunk),
        hooks_(std::move(hooks)) {}

 private:
  bool step(int) override {
    for (int i = 0; i < kChunksPerStep; i++) {
      if (pending_.empty()) {
        pending_.resize(size_);
        const ssize_t n = readOnce(from_, &pending_[0], size_);
        if (n <= 0) {
          pending_.clear();
          if (n == 0)
            return true;
          if (wouldBlock(errno)) {
            waitOn(from_, EventLoop::READ);
            return false;
          }
          return failErrno("Failed to read from the redirected fd");
        }
        pending_.resize(static_cast<size_t>(n));
        offset_ = 0;
        for (const auto& hook : hooks_)
          hook(pending_);
      }
      while (offset_ < pending_.size()) {
        const ssize_t n = writeOnce(to_, pending_.data() + offset_,
                                    pending_.size() - offset_);
        if (n < 0) {
          if (wouldBlock(errno)) {
            waitOn(to_, EventLoop::WRITE);
            return false;
          }
          return failErrno("Failed to write to the redirect target");
        }
        offset_ += static_cast<size_t>(n);
      }
      pending_.clear();
    }
    waitOn(from_, EventLoop::READ);
    return false;
  }

  const int from_;
  const int to_;
  const size_t size_;
  const std::vector<std::function<void(const std::string&)>> hooks_;
  std::string pending_;  // Read, not yet all written; empty: read next.
  size_t offset_ = 0;    // Bytes of `pending_` written.
};

template <typename OpT, typename... A>
auto launch(A&&... args) {
  auto op = std::make_shared<OpT>(eventLoop(), std::forward<A>(args)...);
  auto future = op->future();
  op->start(future);
  return future;
}

}  // namespace

Try<Nothing> prepare_async(int fd) {
  return os::nonblock(fd);
}

Try<bool> is_async(int fd) {
  return os::isNonblock(fd);
}

Future<short> poll(int fd, short events) {
  process::initialize();
  if ((events & (READ | WRITE)) == 0) {
    return Failure("io::poll: expected io::READ and/or io::WRITE, got " +
                   std::to_string(events));
  }
  if (fd < 0 || ::fcntl(fd, F_GETFD) < 0)
    return ErrnoFailure(EBADF, "Failed to poll fd " + std::to_string(fd));
  return launch<PollOp>(fd, toLoop(events));
}

Future<size_t> read(int fd, void* data, size_t size) {
  process::initialize();
  if (Option<std::string> error = checkAsync(fd); error.isSome())
    return Failure(error.get());
  if (size == 0)
    return 0;
  // Data that is already there needs no trip through the loop.
  const ssize_t n = readOnce(fd, data, size);
  if (n >= 0)
    return static_cast<size_t>(n);
  if (!wouldBlock(errno))
    return ErrnoFailure("Failed to read from fd " + std::to_string(fd));
  return launch<ReadOp>(fd, data, size);
}

Future<std::string> read(int fd) {
  process::initialize();
  Try<int> dup = duplicate(fd, "file descriptor");
  if (dup.isError())
    return Failure(dup.error());
  return launch<ReadAllOp>(dup.get());
}

Future<size_t> write(int fd, const void* data, size_t size) {
  process::initialize();
  if (Option<std::string> error = checkAsync(fd); error.isSome())
    return Failure(error.get());
  if (size == 0)
    return 0;
  return launch<WriteOp>(fd, data, size);
}

Future<Nothing> write(int fd, const std::string& data) {
  process::initialize();
  Try<int> dup = duplicate(fd, "file descriptor");
  if (dup.isError())
    return Failure(dup.error());
  return launch<WriteAllOp>(dup.get(), data);
}

Future<Nothing> redirect(
    int from, Option<int> to, size_t chunk,
    const std::vector<std::function<void(const std::string&)>>& hooks) {
  process::initialize();
  if (chunk == 0)
    return Failure("io::redirect: the chunk size must be positive");
  Try<int> source = duplicate(from, "'from' file descriptor");
  if (source.isError())
    return Failure(source.error());
  Try<int> target =
      to.isNone() ? os::open("/dev/null", O_WRONLY | O_CLOEXEC | O_NONBLOCK)
                  : duplicate(to.get(), "'to' file descriptor");
  if (target.isError()) {
    ::close(source.get());
    return Failure(target.error());
  }
  return launch<RedirectOp>(source.get(), target.get(), chunk, hooks);
}

}  // namespace io
}  // namespace process
