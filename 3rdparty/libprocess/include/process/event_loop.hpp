#ifndef PROCESS_EVENT_LOOP_HPP
#define PROCESS_EVENT_LOOP_HPP

// The event loop: one thread that owns timers and file-descriptor readiness
// (sockets now, child reaping later). It sits behind this interface so that
// no libev type appears in a header; the runtime creates it in
// `process::initialize()` and stops it in `process::finalize()`.
//
// Contracts common to every callback given to the loop:
//   - it runs on the loop thread, never on the caller's thread (even when
//     the caller is the loop thread: it is queued, not run inline);
//   - it runs at most once per occurrence (see each function), and is
//     destroyed on the loop thread;
//   - it must be short and must not block: hand real work to a process
//     with `dispatch`, or to `async`;
//   - callbacks still queued when the loop stops are destroyed unrun.
// Every function is thread-safe.

#include <cstdint>
#include <functional>

#include <stout/duration.hpp>

namespace process {

class EventLoop {
 public:
  using TimerId = uint64_t;
  using WatchId = uint64_t;

  // Readiness bits for `watch`.
  enum Events : int { READ = 1, WRITE = 2 };

  virtual ~EventLoop() = default;

  // Runs `fn` exactly once on the loop thread. Calls from one thread run
  // in the order made.
  virtual void run_in_loop(std::function<void()> fn) = 0;

  // Runs `fn` once on the loop thread after `delay` of real (monotonic)
  // time. This is NOT the process Clock and ignores Clock::pause(): use
  // `Clock::timer`/`delay` for anything a test must control.
  virtual TimerId delay(const Duration& delay, std::function<void()> fn) = 0;

  // Cancels a `delay`: true if `fn` had not started and now never will.
  virtual bool cancel(TimerId timer) = 0;

  // Calls `fn(events)` on the loop thread each time `fd` is ready for any
  // of `events` (READ | WRITE), until `unwatch`. Level-triggered: a
  // readable fd that is not read is reported again. The caller keeps the
  // fd open until after `unwatch`.
  virtual WatchId watch(int fd, int events, std::function<void(int)> fn) = 0;

  // Changes the readiness a watch waits for.
  virtual void modify(WatchId watch, int events) = 0;

  // Stops a watch. Called on the loop thread, `fn` never runs again after
  // it returns; from another thread, `fn` may still be running or run once
  // more while the request travels to the loop.
  virtual void unwatch(WatchId watch) = 0;

  // True on the loop thread.
  virtual bool inLoopThread() const = 0;
};

// The runtime's event loop. Requires process::initialize().
EventLoop& eventLoop();

}  // namespace process

#endif  // PROCESS_EVENT_LOOP_HPP
