#ifndef PROCESS_FUTURE_HPP
#define PROCESS_FUTURE_HPP

// Future<T> / Promise<T>: a value that becomes available later.
//
// A Promise is the producer side (move-only); its Future, and every copy
// of it, is the consumer side. Copies share one state, so all of them see
// the same outcome. Every operation is thread-safe.
//
// States (see process/internal/future_state.hpp for the diagram):
//
//   PENDING   -> READY      Promise::set(value)
//             -> FAILED     Promise::fail(message)
//             -> DISCARDED  Promise::discard()
//
// A future leaves PENDING exactly once; later set/fail/discard calls return
// false and change nothing. Independently, `Future::discard()` *requests* a
// discard: it sets `hasDiscard()`, runs the `onDiscard` callbacks and is
// forwarded upstream through `then`/`repair`/`recover`/`after` chains, but
// the future stays PENDING until its producer completes it (it may honour
// the request with `Promise::discard()`, or ignore it).
//
// Callbacks (`onReady`, `onFailed`, `onDiscarded`, `onAny`, `then`, ...)
// run exactly once, in registration order, on the thread that completes the
// future; a callback added after completion runs immediately on the caller.
// A callback whose outcome never happens (an `onReady` of a failed future)
// is destroyed without running. `onDiscard` callbacks run on the thread
// that requests the discard, or immediately if one was already requested;
// if the future completes first they never run. If every Future and
// Promise of a pending state is gone, its callbacks are destroyed without
// running.
//
// Continuations run synchronously: to run one inside a process, wrap it in
// `defer(pid, ...)` (process/defer.hpp).

#include <cerrno>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <utility>

#include <process/clock.hpp>
#include <process/internal/future_state.hpp>
#include <process/timer.hpp>

#include <stout/abort.hpp>
#include <stout/duration.hpp>
#include <stout/error.hpp>
#include <stout/nothing.hpp>
#include <stout/try.hpp>

namespace process {

template <typename T>
class Future;
template <typename T>
class Promise;

// Converts to a failed Future of any type: `return Failure("disk full");`.
struct Failure {
  explicit Failure(std::string message) : message(std::move(message)) {}
  explicit Failure(const Error& error) : message(error.message) {}

  std::string message;
};

// A Failure whose message ends with the text of errno (or `code`).
struct ErrnoFailure : Failure {
  ErrnoFailure() : ErrnoFailure(errno) {}
  explicit ErrnoFailure(int code) : Failure(std::strerror(code)), code(code) {}
  explicit ErrnoFailure(const std::string& message)
      : ErrnoFailure(errno, message) {}
  ErrnoFailure(int code, const std::string& message)
      : Failure(message + ": " + std::strerror(code)), code(code) {}

  int code;
};

namespace internal {

template <typename T>
struct IsFuture : std::false_type {};
template <typename T>
struct IsFuture<Future<T>> : std::true_type {};

// The value type of the future a continuation result becomes.
template <typename R>
struct Unwrap {
  using type = R;
};
template <typename X>
struct Unwrap<Future<X>> {
  using type = X;
};
template <>
struct Unwrap<void> {
  using type = Nothing;
};

// Calls `f(arg)` if it accepts the argument, else `f()`.
template <typename F, typename A>
decltype(auto) invokeOptional(F& f, const A& arg) {
  if constexpr (std::is_invocable_v<F&, const A&>) {
    return f(arg);
  } else {
    static_assert(std::is_invocable_v<F&>,
                  "the callback must take the value (const T&) or nothing");
    return f();
  }
}

template <typename F, typename A>
using OptionalResult =
    decltype(invokeOptional(std::declval<F&>(), std::declval<const A&>()));

template <typename T>
void associate(FutureState<T>& target, const Future<T>& source);

// Completes `target` with what `thunk()` returns: a value, a Future (the
// target then follows it), or nothing (void: READY with Nothing).
template <typename X, typename Thunk>
void completeWith(FutureState<X>& target, Thunk&& thunk) {
  using R = std::decay_t<decltype(thunk())>;
  if constexpr (std::is_void_v<R>) {
    thunk();
    target.set(false, Nothing());
  } else if constexpr (IsFuture<R>::value) {
    associate(target, Future<X>(thunk()));
  } else {
    target.set(false, thunk());
  }
}

bool onWorkerThread();

// A weak reference to `future`'s state, to forward discard requests.
template <typename T>
WeakStateRef weakOf(const Future<T>& future);

}  // namespace internal

template <typename T>
class Future {
 public:
  using value_type = T;

  static Future failed(const std::string& message) {
    return Future(Failure(message));
  }

  // A pending future that nothing will ever complete (unless assigned).
  Future() : state_(new internal::FutureState<T>()) {}

  // Ready futures.
  /*implicit*/ Future(const T& value) : Future() { state_->set(false, value); }
  /*implicit*/ Future(T&& value) : Future() {
    state_->set(false, std::move(value));
  }
  template <typename U, typename = std::enable_if_t<
                            !std::is_same_v<std::decay_t<U>, T> &&
                            !std::is_same_v<std::decay_t<U>, Future> &&
                            !std::is_base_of_v<Failure, std::decay_t<U>> &&
                            !internal::IsFuture<std::decay_t<U>>::value &&
                            std::is_constructible_v<T, U&&>>>
  /*implicit*/ Future(U&& value) : Future() {
    state_->set(false, std::forward<U>(value));
  }

  // A failed future.
  /*implicit*/ Future(const Failure& failure) : Future() {
    state_->fail(false, failure.message);
  }

  // Ready with the value or failed with the error.
  /*implicit*/ Future(const Try<T>& t) : Future() {
    if (t.isSome()) {
      state_->set(false, t.get());
    } else {
      state_->fail(false, t.error());
    }
  }

  Future(const Future& that) : state_(that.state_) { state_->ref(); }
  // A moved-from future may only be assigned to or destroyed.
  Future(Future&& that) noexcept : state_(that.state_) {
    that.state_ = nullptr;
  }
  Future& operator=(const Future& that) {
    Future(that).swap(*this);
    return *this;
  }
  Future& operator=(Future&& that) noexcept {
    Future(std::move(that)).swap(*this);
    return *this;
  }
  ~Future() {
    if (state_ != nullptr)
      state_->unref();
  }

  // Identity of the shared state (for use as a map key).
  bool operator==(const Future& that) const { return state_ == that.state_; }
  bool operator!=(const Future& that) const { return state_ != that.state_; }
  bool operator<(const Future& that) const { return state_ < that.state_; }

  bool isPending() const { return status() == Status::PENDING; }
  bool isReady() const { return status() == Status::READY; }
  bool isFailed() const { return status() == Status::FAILED; }
  bool isDiscarded() const { return status() == Status::DISCARDED; }
  bool hasDiscard() const { return state_->hasDiscard(); }

  // Requests a discard (see the top of this file). Returns false if one was
  // already requested or the future is no longer pending.
  bool discard() { return state_->requestDiscard(); }

  // Blocks the calling thread until the future is no longer pending, or
  // for at most `timeout` of real time (a negative timeout waits forever;
  // the paused Clock does not affect it). Returns true if no longer
  // pending. Must not be called on a worker thread while pending (aborts):
  // use a continuation there.
  bool await(const Duration& timeout = Seconds(-1)) const {
    return state_->await(timeout);
  }

  // The value; blocks like `await()` while pending (so never on a worker
  // thread). Aborts if the future failed or was discarded.
  const T& get() const {
    if (!isReady()) {
      await();
      if (isFailed())
        ABORT("Future::get() but the future failed: " + failure());
      if (isDiscarded())
        ABORT("Future::get() but the future was discarded");
    }
    return state_->value();
  }
  const T& operator*() const { return get(); }
  const T* operator->() const { return &get(); }

  // The failure message; aborts unless the future failed.
  const std::string& failure() const {
    if (!isFailed())
      ABORT("Future::failure() but the future has not failed");
    return state_->failure();
  }

  // Callback registration; each returns *this for chaining. `f` may take
  // the argument named or nothing.
  template <typename F>  // f()
  const Future& onDiscard(F&& f) const {
    auto callback = [f = std::forward<F>(f)](internal::StateBase&) mutable {
      f();
    };
    if (!state_->tryAdd(internal::Callback::DISCARD_REQUESTED, callback) &&
        hasDiscard()) {
      callback(*state_);
    }
    return *this;
  }

  template <typename F>  // f(const T&) or f()
  const Future& onReady(F&& f) const {
    auto callback = [f = std::forward<F>(f)](internal::StateBase& s) mutable {
      internal::invokeOptional(f, cast(s).value());
    };
    if (!state_->tryAdd(internal::Callback::READY, callback) && isReady()) {
      callback(*state_);
    }
    return *this;
  }

  template <typename F>  // f(const std::string& message) or f()
  const Future& onFailed(F&& f) const {
    auto callback = [f = std::forward<F>(f)](internal::StateBase& s) mutable {
      internal::invokeOptional(f, cast(s).failure());
    };
    if (!state_->tryAdd(internal::Callback::FAILED, callback) && isFailed()) {
      callback(*state_);
    }
    return *this;
  }

  template <typename F>  // f()
  const Future& onDiscarded(F&& f) const {
    auto callback = [f = std::forward<F>(f)](internal::StateBase&) mutable {
      f();
    };
    if (!state_->tryAdd(internal::Callback::DISCARDED, callback) &&
        isDiscarded()) {
      callback(*state_);
    }
    return *this;
  }

  template <typename F>  // f(const Future<T>&) or f()
  const Future& onAny(F&& f) const {
    auto callback = [f = std::forward<F>(f)](internal::StateBase& s) mutable {
      internal::invokeOptional(f, Future(borrow(s)));
    };
    if (!state_->tryAdd(internal::Callback::ANY, callback)) {
      callback(*state_);
    }
    return *this;
  }

  // When this future is READY, calls `f(value)` (or `f()`) and returns a
  // future of its result: `f` may return X, Future<X> (followed) or void
  // (Future<Nothing>). A failure or discard of this future is passed on
  // without calling `f`; so is a value that arrives after a discard was
  // requested (the result is then DISCARDED). Discarding the result
  // requests a discard of this future (and of the future `f` returned).
  template <typename F>
  auto then(F&& f) const {
    using R = std::decay_t<internal::OptionalResult<std::decay_t<F>, T>>;
    using X = typename internal::Unwrap<R>::type;
    auto* next = new internal::FutureState<X>(2);
    next->linkUpstream(state_);
    auto callback = [next = internal::StateRef<internal::FutureState<X>>(next),
                     f = std::forward<F>(f)](internal::StateBase& s) mutable {
      internal::FutureState<T>& self = cast(s);
      switch (self.status()) {
        case internal::FutureStatus::READY:
          if (self.hasDiscard()) {
            next->completeDiscarded(false);
          } else {
            internal::completeWith(*next, [&]() -> decltype(auto) {
              return internal::invokeOptional(f, self.value());
            });
          }
          break;
        case internal::FutureStatus::FAILED:
          next->fail(false, self.failure());
          break;
        default:
          next->completeDiscarded(false);
          break;
      }
    };
    if (!state_->tryAdd(internal::Callback::ANY, callback)) {
      callback(*state_);
    }
    return Future<X>(next);
  }

  // When this future FAILS, the result follows `f(future)` (which returns
  // T or Future<T>); otherwise it completes like this future. Discarding
  // the result requests a discard upstream.
  template <typename F>
  Future repair(F&& f) const {
    return recoverIf(std::forward<F>(f), false);
  }

  // Like `repair`, but `f(future)` also handles a DISCARDED future.
  template <typename F>
  Future recover(F&& f) const {
    return recoverIf(std::forward<F>(f), true);
  }

  // If this future is still pending `duration` (Clock time) from now, the
  // result follows `f(future)` (T or Future<T>; `f` runs on the event-loop
  // thread and typically discards `future` and returns a Failure);
  // otherwise it completes like this future. Discarding the result
  // requests a discard upstream but does not stop the timer.
  template <typename F>
  Future after(const Duration& duration, F&& f) const;

  // Future<T> converts to Future<Nothing>: ready when this is ready;
  // failure and discard pass through.
  template <typename U = T,
            typename = std::enable_if_t<!std::is_same_v<U, Nothing>>>
  operator Future<Nothing>() const {
    return then([](const U&) { return Nothing(); });
  }

 private:
  using Status = internal::FutureStatus;

  template <typename U>
  friend class Future;
  friend class Promise<T>;
  template <typename U>
  friend void internal::associate(internal::FutureState<U>&, const Future<U>&);
  template <typename U>
  friend Future<U> undiscardable(const Future<U>& future);
  template <typename U>
  friend internal::WeakStateRef internal::weakOf(const Future<U>& future);

  struct Borrow {
    internal::FutureState<T>* state;
  };

  // Adopts one reference.
  explicit Future(internal::FutureState<T>* state) : state_(state) {}
  // Takes a new reference.
  explicit Future(Borrow borrowed) : state_(borrowed.state) { state_->ref(); }

  static internal::FutureState<T>& cast(internal::StateBase& s) {
    return static_cast<internal::FutureState<T>&>(s);
  }
  static Borrow borrow(internal::StateBase& s) { return Borrow{&cast(s)}; }

  Status status() const { return state_->status(); }
  void swap(Future& that) noexcept { std::swap(state_, that.state_); }

  template <typename F>
  Future recoverIf(F&& f, bool discarded) const {
    auto* next = new internal::FutureState<T>(2);
    next->linkUpstream(state_);
    auto callback = [next = internal::StateRef<internal::FutureState<T>>(next),
                     f = std::forward<F>(f),
                     discarded](internal::StateBase& s) mutable {
      internal::FutureState<T>& self = cast(s);
      if (self.status() == Status::FAILED ||
          (discarded && self.status() == Status::DISCARDED)) {
        Future future(borrow(s));
        internal::completeWith(*next,
                               [&]() -> decltype(auto) { return f(future); });
      } else {
        next->copyFrom(self);
      }
    };
    if (!state_->tryAdd(internal::Callback::ANY, callback)) {
      callback(*state_);
    }
    return Future(next);
  }

  internal::FutureState<T>* state_;
};

template <typename T>
class Promise {
 public:
  Promise() : state_(new internal::FutureState<T>()) {}
  explicit Promise(const T& value) : Promise() { set(value); }

  Promise(Promise&& that) noexcept : state_(that.state_) {
    that.state_ = nullptr;
  }
  Promise& operator=(Promise&& that) noexcept {
    std::swap(state_, that.state_);
    return *this;
  }
  Promise(const Promise&) = delete;
  Promise& operator=(const Promise&) = delete;

  // Destroying a pending promise does not complete its future.
  ~Promise() {
    if (state_ != nullptr)
      state_->unref();
  }

  // Each returns true if it completed the future; false if the future was
  // already complete or the promise is associated with another future.
  // The promise may be destroyed by another thread as soon as the future
  // completes, even before these calls return.
  bool set(const T& value) { return hold()->set(true, value); }
  bool set(T&& value) { return hold()->set(true, std::move(value)); }
  bool fail(const std::string& message) { return hold()->fail(true, message); }
  bool discard() { return hold()->completeDiscarded(true); }

  // Makes this promise's future follow `future`: it completes as `future`
  // does, and a discard requested on it is forwarded to `future`. Returns
  // false (and does nothing) if already complete or associated. After
  // this, set/fail/discard on the promise return false.
  bool associate(const Future<T>& future) {
    internal::StateRef<internal::FutureState<T>> state = hold();
    if (!state->markAssociated())
      return false;
    internal::associate(*state, future);
    return true;
  }

  template <typename U, typename = std::enable_if_t<
                            std::is_same_v<std::decay_t<U>, Future<T>>>>
  bool set(U&& future) {
    return associate(future);
  }

  Future<T> future() const {
    state_->ref();
    return Future<T>(state_);
  }

 private:
  // A reference that keeps the state alive while completing it: the
  // callbacks may wake a thread that destroys this promise.
  internal::StateRef<internal::FutureState<T>> hold() const {
    state_->ref();
    return internal::StateRef<internal::FutureState<T>>(state_);
  }

  internal::FutureState<T>* state_;
};

namespace internal {

template <typename T>
void associate(FutureState<T>& target, const Future<T>& source) {
  target.setUpstream(source.state_);
  auto callback = [target = (target.ref(), StateRef<FutureState<T>>(&target))](
                      StateBase& s) mutable {
    target->copyFrom(static_cast<FutureState<T>&>(s));
  };
  if (!source.state_->tryAdd(Callback::ANY, callback)) {
    callback(*source.state_);
  }
}

}  // namespace internal

namespace internal {

template <typename T>
WeakStateRef weakOf(const Future<T>& future) {
  return WeakStateRef(future.state_);
}

}  // namespace internal

// A future that completes like `future` but does not forward discard
// requests to it: `undiscardable(f).discard()` leaves `f` untouched.
template <typename T>
Future<T> undiscardable(const Future<T>& future) {
  auto* next = new internal::FutureState<T>(2);
  auto callback = [next = internal::StateRef<internal::FutureState<T>>(next)](
                      internal::StateBase& s) mutable {
    next->copyFrom(static_cast<internal::FutureState<T>&>(s));
  };
  if (!future.state_->tryAdd(internal::Callback::ANY, callback)) {
    callback(*future.state_);
  }
  return Future<T>(next);
}

template <typename T>
template <typename F>
Future<T> Future<T>::after(const Duration& duration, F&& f) const {
  struct Race {
    std::mutex mutex;
    bool done = false;
    Timer timer;
  };
  auto race = std::make_shared<Race>();
  auto* next = new internal::FutureState<T>(2);
  next->linkUpstream(state_);
  internal::StateRef<internal::FutureState<T>> result(next);

  Future self = *this;
  Timer timer = Clock::timer(
      duration, [race, result, self, f = std::forward<F>(f)]() mutable {
        {
          std::lock_guard<std::mutex> lock(race->mutex);
          if (race->done)
            return;
          race->done = true;
        }
        internal::completeWith(*result,
                               [&]() -> decltype(auto) { return f(self); });
      });
  {
    std::lock_guard<std::mutex> lock(race->mutex);
    race->timer = timer;
  }

  onAny([race, result](const Future& future) {
    Timer pending;
    {
      std::lock_guard<std::mutex> lock(race->mutex);
      if (race->done)
        return;
      race->done = true;
      pending = race->timer;
    }
    Clock::cancel(pending);
    result->copyFrom(*future.state_);
  });
  return Future(next);
}

}  // namespace process

#endif  // PROCESS_FUTURE_HPP
