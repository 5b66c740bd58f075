#ifndef PROCESS_COLLECT_HPP
#define PROCESS_COLLECT_HPP

// Combining futures.
//
//   collect(futures)  ready with all the values (in input order) once every
//                     input is ready; FAILED as soon as any input fails
//                     ("Collect failed: <message>") or is discarded
//                     ("Collect failed: future discarded").
//   await(futures)    ready with the inputs themselves once none is
//                     pending, whatever their outcome.
//
// Both come as a vector form and a variadic form (giving a tuple), and an
// empty vector gives a ready result. Discarding the result requests a
// discard of every input and then completes the result as DISCARDED right
// away, even if an input ignores the request. Thread-safe; no process is
// involved: the result completes on the thread that completes the last
// (or failing) input. Nothing here keeps an input alive: inputs that can
// never complete are freed with their result.

#include <atomic>
#include <cstddef>
#include <memory>
#include <optional>
#include <tuple>
#include <utility>
#include <vector>

#include <process/future.hpp>

namespace process {
namespace internal {

// State shared by the input callbacks of one collect/await. The inputs'
// callbacks own it; the result only refers to it weakly.
template <typename Result>
struct Gather {
  explicit Gather(size_t inputs) : remaining(inputs) {}

  // Counts one completed input; true for the last one.
  bool arrive() {
    return remaining.fetch_sub(1, std::memory_order_acq_rel) == 1;
  }

  std::atomic<size_t> remaining;
  Promise<Result> promise;
  std::vector<WeakStateRef> inputs;
};

template <typename G>
auto startGather(const std::shared_ptr<G>& gather) {
  auto result = gather->promise.future();
  std::weak_ptr<G> weak = gather;
  result.onDiscard([weak]() {
    if (std::shared_ptr<G> gather = weak.lock()) {
      for (const WeakStateRef& input : gather->inputs)
        input.discard();
      gather->promise.discard();
    }
  });
  return result;
}

// Records `future`'s outcome in `slot` (owned by `gather`).
template <typename G, typename T>
void collectInput(const std::shared_ptr<G>& gather, const Future<T>& future,
                  std::optional<T>& slot) {
  future.onAny([gather, &slot](const Future<T>& future) {
    if (future.isFailed()) {
      gather->promise.fail("Collect failed: " + future.failure());
    } else if (future.isDiscarded()) {
      gather->promise.fail("Collect failed: future discarded");
    } else {
      slot = future.get();
      if (gather->arrive())
        gather->finish();
    }
  });
}

template <typename... Ts>
struct CollectTuple : Gather<std::tuple<Ts...>> {
  CollectTuple() : Gather<std::tuple<Ts...>>(sizeof...(Ts)) {}

  void finish() { finish(std::index_sequence_for<Ts...>()); }

  template <size_t... I>
  void finish(std::index_sequence<I...>) {
    this->promise.set(std::tuple<Ts...>(std::move(*std::get<I>(values))...));
  }

  std::tuple<std::optional<Ts>...> values;
};

template <typename T>
struct CollectVector : Gather<std::vector<T>> {
  explicit CollectVector(size_t n) : Gather<std::vector<T>>(n), values(n) {}

  void finish() {
    std::vector<T> result;
    result.reserve(values.size());
    for (std::optional<T>& value : values)
      result.push_back(std::move(*value));
    this->promise.set(std::move(result));
  }

  std::vector<std::optional<T>> values;
};

template <typename... Ts, size_t... I>
Future<std::tuple<Ts...>> collect(std::index_sequence<I...>,
                                  const Future<Ts>&... futures) {
  auto gather = std::make_shared<CollectTuple<Ts...>>();
  (gather->inputs.push_back(weakOf(futures)), ...);
  Future<std::tuple<Ts...>> result = startGather(gather);
  (collectInput(gather, futures, std::get<I>(gather->values)), ...);
  return result;
}

template <typename... Ts>
struct AwaitTuple : Gather<std::tuple<Future<Ts>...>> {
  AwaitTuple() : Gather<std::tuple<Future<Ts>...>>(sizeof...(Ts)) {}
  std::tuple<std::optional<Future<Ts>>...> values;
};

template <typename... Ts, size_t... I>
Future<std::tuple<Future<Ts>...>> await(std::index_sequence<I...>,
                                        const Future<Ts>&... futures) {
  auto gather = std::make_shared<AwaitTuple<Ts...>>();
  (gather->inputs.push_back(weakOf(futures)), ...);
  Future<std::tuple<Future<Ts>...>> result = startGather(gather);
  (futures.onAny([gather](const Future<Ts>& future) {
    std::get<I>(gather->values) = future;
    if (gather->arrive()) {
      gather->promise.set(
          std::tuple<Future<Ts>...>(*std::get<I>(gather->values)...));
    }
  }),
   ...);
  return result;
}

}  // namespace internal

template <typename T>
Future<std::vector<T>> collect(const std::vector<Future<T>>& futures) {
  if (futures.empty())
    return std::vector<T>();
  auto gather = std::make_shared<internal::CollectVector<T>>(futures.size());
  for (const Future<T>& future : futures) {
    gather->inputs.push_back(internal::weakOf(future));
  }
  Future<std::vector<T>> result = internal::startGather(gather);
  for (size_t i = 0; i < futures.size(); ++i) {
    internal::collectInput(gather, futures[i], gather->values[i]);
  }
  return result;
}

template <typename T>
Future<std::vector<Future<T>>> await(const std::vector<Future<T>>& futures) {
  if (futures.empty())
    return futures;
  struct AwaitVector : internal::Gather<std::vector<Future<T>>> {
    explicit AwaitVector(size_t n)
        : internal::Gather<std::vector<Future<T>>>(n), values(n) {}
    std::vector<std::optional<Future<T>>> values;
  };
  auto gather = std::make_shared<AwaitVector>(futures.size());
  for (const Future<T>& future : futures) {
    gather->inputs.push_back(internal::weakOf(future));
  }
  Future<std::vector<Future<T>>> result = internal::startGather(gather);
  for (size_t i = 0; i < futures.size(); ++i) {
    futures[i].onAny([gather, i](const Future<T>& future) {
      gather->values[i] = future;
      if (gather->arrive()) {
        std::vector<Future<T>> completed;
        completed.reserve(gather->values.size());
        for (auto& value : gather->values)
          completed.push_back(*value);
        gather->promise.set(std::move(completed));
      }
    });
  }
  return result;
}

template <typename... Ts>
Future<std::tuple<Ts...>> collect(const Future<Ts>&... futures) {
  return internal::collect(std::index_sequence_for<Ts...>(), futures...);
}

template <typename... Ts>
Future<std::tuple<Future<Ts>...>> await(const Future<Ts>&... futures) {
  return internal::await(std::index_sequence_for<Ts...>(), futures...);
}

// Ready with `future` once it is no longer pending. Discarding the result
// forwards the request to `future` but completes the result (DISCARDED)
// right away: a way to stop waiting for a computation that ignores
// discards.
template <typename T>
Future<Future<T>> await(const Future<T>& future) {
  return await(std::vector<Future<T>>{future})
      .then([](const std::vector<Future<T>>& futures) {
        return Future<Future<T>>(futures.front());
      });
}

}  // namespace process

#endif  // PROCESS_COLLECT_HPP
