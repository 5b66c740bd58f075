#ifndef PROCESS_DELAY_HPP
#define PROCESS_DELAY_HPP

// delay: dispatch later, on the process Clock.
//
//   Timer t = delay(Seconds(5), self(), &Self::timeout, attempt);
//   Clock::cancel(t);   // or t.cancel(): true if it had not fired
//
// After `duration` (Clock time: instant under a paused clock only once
// `Clock::advance` passes it) performs `dispatch(pid, method, args...)`,
// with the arguments copied now. The result of a non-void method is
// discarded. Thread-safe. Requires `process::initialize()`.

#include <tuple>
#include <type_traits>
#include <utility>

#include <process/clock.hpp>
#include <process/dispatch.hpp>
#include <process/pid.hpp>
#include <process/process.hpp>
#include <process/timer.hpp>

#include <stout/duration.hpp>

namespace process {

template <typename T, typename M, typename... A,
          typename = std::enable_if_t<internal::isMethod<M>>>
Timer delay(const Duration& duration, const PID<T>& pid, M method, A&&... a) {
  return Clock::timer(duration, [pid, method,
                                 args = std::make_tuple(std::decay_t<A>(
                                     std::forward<A>(a))...)]() {
    std::apply([&](const auto&... x) { dispatch(pid, method, x...); }, args);
  });
}

template <typename T, typename M, typename... A,
          typename = std::enable_if_t<internal::isMethod<M>>>
Timer delay(const Duration& duration, const Process<T>& process, M method,
            A&&... a) {
  return delay(duration, process.self(), method, std::forward<A>(a)...);
}

template <typename T, typename M, typename... A,
          typename = std::enable_if_t<internal::isMethod<M>>>
Timer delay(const Duration& duration, const Process<T>* process, M method,
            A&&... a) {
  return delay(duration, process->self(), method, std::forward<A>(a)...);
}

// Dispatches `f()` to `pid` after `duration`; its result is discarded.
template <typename F, typename = std::enable_if_t<!internal::isMethod<F>>>
Timer delay(const Duration& duration, const UPID& pid, F&& f) {
  return Clock::timer(duration, [pid, f = std::forward<F>(f)]() {
    dispatch(pid, [f]() mutable { f(); });
  });
}

}  // namespace process

#endif  // PROCESS_DELAY_HPP
