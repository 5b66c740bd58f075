#ifndef PROCESS_LOOP_HPP
#define PROCESS_LOOP_HPP

// loop: an asynchronous while-loop.
//
//   Future<size_t> total = loop(
//       self(),                                    // optional: run in pid
//       [=]() { return socket.recv(); },           // iterate: T or Future<T>
//       [=](const std::string& data) -> ControlFlow<size_t> {
//         if (data.empty()) return Break(count);
//         count += data.size();
//         return Continue();
//       });                                        // body: ControlFlow<V> or
//                                                  //   Future<ControlFlow<V>>
//
// Repeats iterate-then-body until the body returns `Break(v)`, which makes
// the loop's future READY with `v` (`Break()` gives Nothing). A failed or
// discarded iterate/body future fails/discards the loop. Iterations whose
// futures are already complete run in a plain `while`, so the stack never
// grows however many iterations there are; otherwise the loop resumes from
// the thread that completes the future, or (with a pid) by a dispatch to
// that process, in which case iterate and body always run inside it.
//
// Discarding the loop's future requests a discard of the future the loop
// is currently waiting on, and stops the loop before its next iterate or
// body call (the loop future is then DISCARDED).

#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <utility>

#include <process/dispatch.hpp>
#include <process/future.hpp>
#include <process/pid.hpp>

#include <stout/nothing.hpp>
#include <stout/option.hpp>

namespace process {

template <typename T>
class ControlFlow {
 public:
  enum class Statement { CONTINUE, BREAK };

  ControlFlow(Statement statement, Option<T> value)
      : statement_(statement), value_(std::move(value)) {}

  Statement statement() const { return statement_; }

  // The Break value; aborts for Continue.
  T& value() & { return value_.get(); }
  const T& value() const& { return value_.get(); }
  T&& value() && { return std::move(value_).get(); }

 private:
  Statement statement_;
  Option<T> value_;
};

namespace internal {

template <typename T>
struct BreakValue {
  template <typename U>
  operator ControlFlow<U>() const& {
    return ControlFlow<U>(ControlFlow<U>::Statement::BREAK, U(value));
  }
  template <typename U>
  operator ControlFlow<U>() && {
    return ControlFlow<U>(ControlFlow<U>::Statement::BREAK,
                          U(std::move(value)));
  }
  T value;
};

template <typename T>
struct FlowValue {
  using type = T;
};
template <typename T>
struct FlowValue<ControlFlow<T>> {
  using type = T;
};

}  // namespace internal

struct Continue {
  template <typename T>
  operator ControlFlow<T>() const {
    return ControlFlow<T>(ControlFlow<T>::Statement::CONTINUE, None());
  }
};

template <typename T>
internal::BreakValue<std::decay_t<T>> Break(T&& value) {
  return {std::forward<T>(value)};
}

inline ControlFlow<Nothing> Break() {
  return ControlFlow<Nothing>(ControlFlow<Nothing>::Statement::BREAK,
                              Nothing());
}

namespace internal {

template <typename Iterate, typename Body, typename T, typename V>
class Loop : public std::enable_shared_from_this<Loop<Iterate, Body, T, V>> {
 public:
  Loop(Option<UPID> pid, Iterate&& iterate, Body&& body)
      : pid_(std::move(pid)),
        iterate_(std::move(iterate)),
        body_(std::move(body)) {}

  Future<V> start() {
    auto self = this->shared_from_this();
    Future<V> result = promise_.future();
    std::weak_ptr<Loop> weak = self;
    result.onDiscard([weak]() {
      if (auto loop = weak.lock())
        loop->discardCurrent();
    });
    if (pid_.isSome()) {
      dispatch(pid_.get(), [self]() { self->run(); });
    } else {
      run();
    }
    return result;
  }

 private:
  using Flow = ControlFlow<V>;

  // Runs iterations until one has to wait.
  void run() {
    while (true) {
      if (stopIfDiscarded())
        return;
      Future<T> item = iterate_();
      if (item.isPending() && wait(item, &Loop::onItem))
        return;
      if (!checkReady(item))
        return;
      if (!step(item.get()))
        return;
    }
  }

  // Runs the body for `value`; returns true to keep looping here.
  bool step(const T& value) {
    if (stopIfDiscarded())
      return false;
    Future<Flow> flow = body_(value);
    if (flow.isPending() && wait(flow, &Loop::onFlow))
      return false;
    if (!checkReady(flow))
      return false;
    if (flow.get().statement() == Flow::Statement::BREAK) {
      promise_.set(flow.get().value());
      return false;
    }
    return true;
  }

  void onItem(const Future<T>& item) {
    if (checkReady(item) && step(item.get()))
      run();
  }

  void onFlow(const Future<Flow>& flow) {
    if (!checkReady(flow))
      return;
    if (flow.get().statement() == Flow::Statement::BREAK) {
      promise_.set(flow.get().value());
    } else {
      run();
    }
  }

  // Arranges for `resume(future)` once `future` completes; returns false
  // if it completed meanwhile and the caller should go on synchronously.
  template <typename X>
  bool wait(const Future<X>& future, void (Loop::*resume)(const Future<X>&)) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      current_.reset();
      current_.emplace(weakOf(future));
    }
    if (promise_.future().hasDiscard()) {
      Future<X>(future).discard();
    }
    if (!future.isPending())
      return false;
    auto self = this->shared_from_this();
    future.onAny([self, resume](const Future<X>& future) {
      if (self->pid_.isSome()) {
        dispatch(self->pid_.get(),
                 [self, resume, future]() { ((*self).*resume)(future); });
      } else {
        ((*self).*resume)(future);
      }
    });
    return true;
  }

  template <typename X>
  bool checkReady(const Future<X>& future) {
    if (future.isReady())
      return true;
    if (future.isFailed()) {
      promise_.fail(future.failure());
    } else {
      promise_.discard();
    }
    return false;
  }

  bool stopIfDiscarded() {
    if (!promise_.future().hasDiscard())
      return false;
    promise_.discard();
    return true;
  }

  void discardCurrent() {
    std::optional<WeakStateRef> current;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (current_)
        current.emplace(*current_);
    }
    if (current)
      current->discard();
  }

  const Option<UPID> pid_;
  Iterate iterate_;
  Body body_;
  Promise<V> promise_;
  std::mutex mutex_;
  // The future the loop waits on; weak, so that a future that never
  // completes does not keep the loop alive through a cycle.
  std::optional<WeakStateRef> current_;
};

}  // namespace internal

template <typename Iterate, typename Body>
auto loop(const Option<UPID>& pid, Iterate&& iterate, Body&& body) {
  using I = std::decay_t<std::invoke_result_t<std::decay_t<Iterate>&>>;
  using T = typename internal::Unwrap<I>::type;
  using B = std::decay_t<std::invoke_result_t<std::decay_t<Body>&, const T&>>;
  using V =
      typename internal::FlowValue<typename internal::Unwrap<B>::type>::type;
  using L = internal::Loop<std::decay_t<Iterate>, std::decay_t<Body>, T, V>;
  auto loop = std::make_shared<L>(pid, std::forward<Iterate>(iterate),
                                  std::forward<Body>(body));
  return loop->start();
}

template <typename Iterate, typename Body>
auto loop(Iterate&& iterate, Body&& body) {
  return loop(None(), std::forward<Iterate>(iterate), std::forward<Body>(body));
}

}  // namespace process

#endif  // PROCESS_LOOP_HPP
