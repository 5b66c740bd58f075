#ifndef PROCESS_ASYNC_HPP
#define PROCESS_ASYNC_HPP

// async: run a blocking callable off the worker threads.
//
//   Future<Try<std::string>> text = async(&os::read, path);
//
// Calls `f(args...)` (arguments copied now) on a separate pool of threads
// that grows on demand (threads idle for a while exit), so blocking there
// (disk, DNS, waitpid) never stalls the processes. Returns a future of the
// result: Future<R> for R, Future<X> followed for Future<X>, and
// Future<Nothing> for void. Thread-safe; requires process::initialize().
// Continuations on the returned future run on the pool thread unless
// deferred to a process.

#include <functional>
#include <tuple>
#include <type_traits>
#include <utility>

#include <process/dispatch.hpp>
#include <process/future.hpp>

namespace process {
namespace internal {

// Queues `task` to run once on an async pool thread.
void runAsync(std::function<void()> task);

}  // namespace internal

template <typename F, typename... A>
auto async(F&& f, A&&... a) {
  using R =
      std::decay_t<std::invoke_result_t<std::decay_t<F>&, std::decay_t<A>&...>>;
  using X = typename internal::Unwrap<R>::type;
  auto promise = std::make_shared<Promise<X>>();
  Future<X> future = promise->future();
  internal::runAsync([promise, f = std::forward<F>(f),
                      args = std::make_tuple(
                          std::decay_t<A>(std::forward<A>(a))...)]() mutable {
    if constexpr (std::is_void_v<R>) {
      std::apply(f, args);
      promise->set(Nothing());
    } else {
      internal::completePromise(
          *promise, [&]() -> decltype(auto) { return std::apply(f, args); });
    }
  });
  return future;
}

}  // namespace process

#endif  // PROCESS_ASYNC_HPP
