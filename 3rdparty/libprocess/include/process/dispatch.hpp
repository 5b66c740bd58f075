#ifndef PROCESS_DISPATCH_HPP
#define PROCESS_DISPATCH_HPP

// dispatch: run a member function (or a callable) in the context of a
// process, asynchronously.
//
//   dispatch(pid, &Foo::bar, a, b);              // void: fire and forget
//   Future<int> n = dispatch(pid, &Foo::count);  // R or Future<R>: a future
//   dispatch(foo, &Foo::bar, a, b);              // Process<Foo>& or * too
//   Future<int> m = dispatch(upid, [] { return 42; });  // callable
//
// The call happens later, on a worker thread, as one event of the target
// process: never concurrently with its other handlers, and after every
// earlier dispatch/message from the same sender thread or process. Arguments
// are copied (or moved) into the event at dispatch time, converted to the
// method's parameter types; by-value parameters receive them by move.
//
// If the target does not exist or terminates first, the event is dropped:
// a void dispatch does nothing, a returned future stays PENDING forever. A
// method returning Future<R> makes the returned future follow it (and a
// discard requested on it is forwarded).
//
// Thread-safe; never blocks. Each dispatch costs one allocation (the event
// with its arguments) and no RTTI.

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include <process/event.hpp>
#include <process/future.hpp>
#include <process/pid.hpp>
#include <process/process.hpp>

namespace process {
namespace internal {

// The single type-erased primitive under dispatch/defer/delay: hands
// `event` (ownership included) to the process `pid`; destroys it unhandled
// if there is no such local process.
void dispatch(const UPID& pid, DispatchEvent* event);

template <typename F>
class DispatchEventImpl final : public DispatchEvent {
 public:
  explicit DispatchEventImpl(F&& f) : f_(std::move(f)) {}
  void run(ProcessBase* process) override { f_(process); }

 private:
  F f_;
};

template <typename F>
DispatchEvent* makeDispatchEvent(F&& f) {
  return new DispatchEventImpl<std::decay_t<F>>(std::forward<F>(f));
}

template <typename M>
struct MethodTraits;

template <typename C, typename R, typename... P>
struct MethodTraits<R (C::*)(P...)> {
  using Result = R;
  using Params = std::tuple<P...>;
  using Stored = std::tuple<std::decay_t<P>...>;
};
template <typename C, typename R, typename... P>
struct MethodTraits<R (C::*)(P...) const> : MethodTraits<R (C::*)(P...)> {};
template <typename C, typename R, typename... P>
struct MethodTraits<R (C::*)(P...) noexcept> : MethodTraits<R (C::*)(P...)> {};
template <typename C, typename R, typename... P>
struct MethodTraits<R (C::*)(P...) const noexcept>
    : MethodTraits<R (C::*)(P...)> {};

// What a dispatch returns for a callee returning R.
template <typename R>
struct DispatchResult {
  using type = Future<R>;
};
template <>
struct DispatchResult<void> {
  using type = void;
};
template <typename X>
struct DispatchResult<Future<X>> {
  using type = Future<X>;
};

template <typename M>
using MethodDispatchResult =
    typename DispatchResult<typename MethodTraits<M>::Result>::type;

// Calls `(t->*method)(args...)`, handing each stored argument over as the
// parameter type asks (by-value parameters get it by move).
template <typename T, typename M, typename Stored, size_t... I>
decltype(auto) callMethod(T* t, M method, Stored& args,
                          std::index_sequence<I...>) {
  using Params = typename MethodTraits<M>::Params;
  return (t->*method)(
      static_cast<std::tuple_element_t<I, Params>&&>(std::get<I>(args))...);
}

// Runs `call()` and completes `promise` with its result.
template <typename X, typename Call>
void completePromise(Promise<X>& promise, Call&& call) {
  using R = std::decay_t<decltype(call())>;
  if constexpr (IsFuture<R>::value) {
    promise.associate(call());
  } else {
    promise.set(call());
  }
}

template <typename T>
constexpr bool isMethod = std::is_member_function_pointer_v<std::decay_t<T>>;

}  // namespace internal

template <typename T, typename M, typename... A,
          typename = std::enable_if_t<internal::isMethod<M>>>
internal::MethodDispatchResult<M> dispatch(const PID<T>& pid, M method,
                                           A&&... a) {
  using Traits = internal::MethodTraits<M>;
  using Stored = typename Traits::Stored;
  using R = typename Traits::Result;
  static_assert(sizeof...(A) == std::tuple_size_v<Stored>,
                "dispatch(): wrong number of arguments for the method");
  using Indices = std::make_index_sequence<std::tuple_size_v<Stored>>;

  if constexpr (std::is_void_v<R>) {
    DispatchEvent* event = internal::makeDispatchEvent(
        [method,
         args = Stored(std::forward<A>(a)...)](ProcessBase* process) mutable {
          internal::callMethod(internal::cast<T>(process), method, args,
                               Indices());
        });
    event->setMethod(method);
    internal::dispatch(pid, event);
  } else {
    using X = typename internal::Unwrap<R>::type;
    Promise<X> promise;
    Future<X> future = promise.future();
    DispatchEvent* event = internal::makeDispatchEvent(
        [promise = std::move(promise), method,
         args = Stored(std::forward<A>(a)...)](ProcessBase* process) mutable {
          internal::completePromise(promise, [&]() -> decltype(auto) {
            return internal::callMethod(internal::cast<T>(process), method,
                                        args, Indices());
          });
        });
    event->setMethod(method);
    internal::dispatch(pid, event);
    return future;
  }
}

template <typename T, typename M, typename... A,
          typename = std::enable_if_t<internal::isMethod<M>>>
internal::MethodDispatchResult<M> dispatch(const Process<T>& process, M method,
                                           A&&... a) {
  return dispatch(process.self(), method, std::forward<A>(a)...);
}

template <typename T, typename M, typename... A,
          typename = std::enable_if_t<internal::isMethod<M>>>
internal::MethodDispatchResult<M> dispatch(const Process<T>* process, M method,
                                           A&&... a) {
  return dispatch(process->self(), method, std::forward<A>(a)...);
}

// Runs `f()` in the context of `pid`. Returns void if `f` does, else a
// future of its result (followed if `f` returns a Future).
template <typename F,
          typename = std::enable_if_t<!internal::isMethod<F> &&
                                      std::is_invocable_v<std::decay_t<F>&>>>
typename internal::DispatchResult<
    std::decay_t<std::invoke_result_t<std::decay_t<F>&>>>::type
dispatch(const UPID& pid, F&& f) {
  using R = std::decay_t<std::invoke_result_t<std::decay_t<F>&>>;
  if constexpr (std::is_void_v<R>) {
    internal::dispatch(
        pid, internal::makeDispatchEvent(
                 [f = std::forward<F>(f)](ProcessBase*) mutable { f(); }));
  } else {
    using X = typename internal::Unwrap<R>::type;
    Promise<X> promise;
    Future<X> future = promise.future();
    internal::dispatch(pid, internal::makeDispatchEvent(
                                [promise = std::move(promise),
                                 f = std::forward<F>(f)](ProcessBase*) mutable {
                                  internal::completePromise(
                                      promise,
                                      [&]() -> decltype(auto) { return f(); });
                                }));
    return future;
  }
}

}  // namespace process

#endif  // PROCESS_DISPATCH_HPP
