#ifndef PROCESS_CLOCK_HPP
#define PROCESS_CLOCK_HPP

// The process clock: real wall-clock time, or a virtual time that tests
// control. Every timer in libprocess (`Clock::timer`, `delay`,
// `Future::after`, `Timeout`) runs on this clock, so a test pauses it,
// advances it and settles instead of sleeping:
//
//   Clock::pause();
//   Future<Nothing> f = dispatch(pid, &Agent::startRegistration);
//   Clock::advance(Seconds(1));     // fires every timer due within 1s
//   Clock::settle();                // waits until their effects are done
//   Clock::resume();
//
// All functions are thread-safe. The clock is global to the OS process
// (there is no per-process clock).

#include <functional>

#include <process/time.hpp>
#include <process/timer.hpp>

#include <stout/duration.hpp>

namespace process {

class Clock {
 public:
  // Real time, or the virtual time while paused. Works before
  // `process::initialize()`.
  static Time now();

  // Runs `thunk` once when the clock reaches `now() + duration` (a
  // non-positive duration means as soon as possible). The thunk runs on
  // the event-loop thread: keep it short and non-blocking, typically a
  // `dispatch`. While paused, timers fire only in virtual time, after
  // `advance()`/`update()` reaches their deadline, never on their own.
  // Requires `process::initialize()`.
  static Timer timer(const Duration& duration, std::function<void()> thunk);

  // Cancels `timer`; true if its thunk had not started and now never will.
  static bool cancel(const Timer& timer);

  // Freezes virtual time at the current real time. Idempotent.
  static void pause();
  static bool paused();

  // Returns to real time. Timers due by then fire promptly; later ones at
  // their (real) deadline. Idempotent.
  static void resume();

  // Moves virtual time forward by `duration` and fires every timer due.
  // Does nothing unless paused. Returns without waiting for the fired
  // thunks; call `settle()` for that.
  static void advance(const Duration& duration);

  // Moves virtual time forward to `time` (never backward); as `advance`.
  static void update(const Time& time);

  // Blocks until every process is idle (no queued or running event) and
  // no due timer is waiting to fire. Meant for tests with a paused clock;
  // with a running clock it still waits for quiescence at that instant.
  // Work done off the workers (`async`, sockets) is not waited for. Must
  // not be called from a worker thread (it would wait for itself).
  static void settle();
};

}  // namespace process

#endif  // PROCESS_CLOCK_HPP
