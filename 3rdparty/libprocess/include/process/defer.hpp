#ifndef PROCESS_DEFER_HPP
#define PROCESS_DEFER_HPP

// defer: a callable that, each time it is invoked, dispatches work to a
// process instead of running it on the invoking thread. It is how a
// continuation gets back into a process:
//
//   future.then(defer(self(), &Self::_recover, std::placeholders::_1));
//   future.onAny(defer(self(), [this](const Future<int>& f) { ... }));
//
// `defer(pid, &T::method, args...)` binds `args` like std::bind (use
// std::placeholders for the arguments supplied at invocation); invoking it
// performs `dispatch(pid, &T::method, <resolved args>...)` and returns what
// that dispatch returns (void or a Future). `defer(pid, f)` invoked with
// `x...` dispatches `f(x...)` (arguments copied) to `pid`. `defer(f)` binds
// to the process whose handler creates it; outside any process it simply
// calls `f`.
//
// A deferred is a copyable value, safe to invoke from any thread, any
// number of times; each invocation is one dispatch (dropped, like any
// dispatch, if the process is gone).

#include <functional>
#include <tuple>
#include <type_traits>
#include <utility>

#include <process/dispatch.hpp>
#include <process/pid.hpp>
#include <process/process.hpp>

#include <stout/option.hpp>

namespace process {

template <typename F>
class Deferred {
 public:
  explicit Deferred(F f) : f_(std::move(f)) {}

  template <typename... X>
  auto operator()(X&&... x) const
      -> decltype(std::declval<const F&>()(std::forward<X>(x)...)) {
    return f_(std::forward<X>(x)...);
  }

 private:
  F f_;
};

namespace internal {

// The pid of the process whose handler is running on this thread, if any.
const UPID* currentPid();

template <typename T, typename M>
struct DeferredMethod {
  template <typename... Y>
  MethodDispatchResult<M> operator()(Y&&... y) const {
    return dispatch(pid, method, std::forward<Y>(y)...);
  }

  PID<T> pid;
  M method;
};

template <typename G>
struct DeferredCall {
  template <typename... Y, typename = std::enable_if_t<
                               std::is_invocable_v<G&, std::decay_t<Y>&...>>>
  auto operator()(Y&&... y) const {
    using R = std::decay_t<std::invoke_result_t<G&, std::decay_t<Y>&...>>;
    auto call = [g = g, args = std::make_tuple(std::decay_t<Y>(
                            std::forward<Y>(y))...)]() mutable -> R {
      return std::apply(g, args);
    };
    if (pid.isNone()) {
      if constexpr (std::is_void_v<R>) {
        call();
      } else {
        return typename DispatchResult<R>::type(call());
      }
    } else {
      return dispatch(pid.get(), std::move(call));
    }
  }

  Option<UPID> pid;
  G g;
};

}  // namespace internal

template <typename T, typename M, typename... A,
          typename = std::enable_if_t<internal::isMethod<M>>>
auto defer(const PID<T>& pid, M method, A&&... a) {
  return Deferred(std::bind(internal::DeferredMethod<T, M>{pid, method},
                            std::forward<A>(a)...));
}

template <typename T, typename M, typename... A,
          typename = std::enable_if_t<internal::isMethod<M>>>
auto defer(const Process<T>& process, M method, A&&... a) {
  return defer(process.self(), method, std::forward<A>(a)...);
}

template <typename T, typename M, typename... A,
          typename = std::enable_if_t<internal::isMethod<M>>>
auto defer(const Process<T>* process, M method, A&&... a) {
  return defer(process->self(), method, std::forward<A>(a)...);
}

template <typename F, typename = std::enable_if_t<!internal::isMethod<F>>>
auto defer(const UPID& pid, F&& f) {
  return Deferred(
      internal::DeferredCall<std::decay_t<F>>{pid, std::forward<F>(f)});
}

template <typename F, typename = std::enable_if_t<!internal::isMethod<F>>>
auto defer(F&& f) {
  const UPID* current = internal::currentPid();
  Option<UPID> pid;
  if (current != nullptr)
    pid = *current;
  return Deferred(
      internal::DeferredCall<std::decay_t<F>>{pid, std::forward<F>(f)});
}

}  // namespace process

#endif  // PROCESS_DEFER_HPP
