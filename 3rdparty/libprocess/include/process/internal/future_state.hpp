#ifndef PROCESS_INTERNAL_FUTURE_STATE_HPP
#define PROCESS_INTERNAL_FUTURE_STATE_HPP

// The shared state behind `Future<T>`/`Promise<T>` (see process/future.hpp
// for the contract). Not part of the public API.
//
// State machine (`status_`, changed only under `lock_`):
//
//             set()            fail()           Promise::discard()
//   PENDING ---------> READY  -------> FAILED  ------------------> DISCARDED
//      |                 ^                ^                            ^
//      +-----------------+----------------+----------------------------+
//                 exactly one transition out of PENDING, ever
//
//   `discard_` (the discard *request*, Future::discard()) is a separate
//   flag: false -> true at most once and only while PENDING. It does not
//   complete the future; the producer decides whether to honour it.
//
// A completed state never changes again: a second set/fail/discard returns
// false. `transition()` aborts on anything else (a bug in this file).
//
// Layout: one allocation per state holding the refcounts, the status, the
// value (or failure message) and an inline slot for the first callback;
// later callbacks are heap nodes in a FIFO list. Callbacks run in the
// order they were registered, exactly once, on the thread that completes
// the state (or, if registered after completion, on the registering
// thread). Callbacks still pending when the last strong reference goes
// away are destroyed without running.
//
// References: `strong_` counts Futures, Promises and callbacks that can
// observe the value; `weak_` counts upstream links used only to forward a
// discard request (plus one for all strong references together). The
// value lives until `weak_` reaches zero; callbacks are dropped as soon as
// `strong_` does, which breaks cycles between chained futures.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <new>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>

#include <stout/abort.hpp>
#include <stout/duration.hpp>

namespace process {
namespace internal {

inline void cpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

// A test-and-test-and-set lock for the very short critical sections of a
// future state (no allocation or user code runs under it).
class SpinLock {
 public:
  void lock() {
    for (int spins = 0; locked_.exchange(true, std::memory_order_acquire);) {
      while (locked_.load(std::memory_order_relaxed)) {
        if (++spins < 64) {
          cpuRelax();
        } else {
          std::this_thread::yield();
        }
      }
    }
  }
  void unlock() { locked_.store(false, std::memory_order_release); }

 private:
  std::atomic<bool> locked_{false};
};

enum class FutureStatus : uint8_t { PENDING, READY, FAILED, DISCARDED };

class StateBase;

// A type-erased callback node. `invoke(self, state, run)` runs the
// callback if `run` is true, then destroys (and frees) the node.
struct Callback {
  enum Kind : uint8_t { ANY, READY, FAILED, DISCARDED, DISCARD_REQUESTED };

  using Invoke = void (*)(Callback* self, StateBase& state, bool run);

  Invoke invoke;
  Callback* next;
  Kind kind;
  bool heap;
};

template <typename F>
struct CallbackImpl final : Callback {
  explicit CallbackImpl(F&& f) : f(std::move(f)) {}

  static void call(Callback* self, StateBase& state, bool run) {
    CallbackImpl* impl = static_cast<CallbackImpl*>(self);
    const bool heap = impl->heap;
    if (run)
      impl->f(state);
    impl->~CallbackImpl();
    if (heap)
      ::operator delete(impl);
  }

  F f;
};

class StateBase {
 public:
  StateBase(const StateBase&) = delete;
  StateBase& operator=(const StateBase&) = delete;

  FutureStatus status() const {
    return status_.load(std::memory_order_acquire);
  }
  bool hasDiscard() const { return discard_.load(std::memory_order_acquire); }

  void ref() { strong_.fetch_add(1, std::memory_order_relaxed); }
  void unref() {
    if (strong_.fetch_sub(1, std::memory_order_acq_rel) == 1)
      lastRefGone();
  }

  // Stores `f` (moving from it) as a callback of `kind` and returns true,
  // or returns false without touching `f` if it can no longer be stored:
  // the state is complete or, for DISCARD_REQUESTED, a discard was already
  // requested. The caller then decides whether to run it right away.
  template <typename F>
  bool tryAdd(Callback::Kind kind, F& f) {
    using Impl = CallbackImpl<F>;
    constexpr bool fits = sizeof(Impl) <= kInlineSize &&
                          alignof(Impl) <= alignof(std::max_align_t);
    void* memory = nullptr;
    if (!fits || inline_used_.load(std::memory_order_relaxed)) {
      memory = ::operator new(sizeof(Impl));
    }
    lock_.lock();
    if (status_.load(std::memory_order_relaxed) != FutureStatus::PENDING ||
        (kind == Callback::DISCARD_REQUESTED &&
         discard_.load(std::memory_order_relaxed))) {
      lock_.unlock();
      if (memory != nullptr)
        ::operator delete(memory);
      return false;
    }
    bool heap = true;
    if (memory == nullptr) {
      if (!inline_used_.load(std::memory_order_relaxed)) {
        inline_used_.store(true, std::memory_order_relaxed);
        memory = inline_;
        heap = false;
      } else {
        // Another thread took the inline slot since we looked.
        lock_.unlock();
        memory = ::operator new(sizeof(Impl));
        lock_.lock();
        if (status_.load(std::memory_order_relaxed) != FutureStatus::PENDING ||
            (kind == Callback::DISCARD_REQUESTED &&
             discard_.load(std::memory_order_relaxed))) {
          lock_.unlock();
          ::operator delete(memory);
          return false;
        }
      }
    }
    Impl* impl = new (memory) Impl(std::move(f));
    impl->invoke = &Impl::call;
    impl->next = nullptr;
    impl->kind = kind;
    impl->heap = heap;
    if (tail_ == nullptr) {
      head_ = impl;
    } else {
      tail_->next = impl;
    }
    tail_ = impl;
    lock_.unlock();
    return true;
  }

  // Future::discard(): sets the discard request, runs DISCARD_REQUESTED
  // callbacks and forwards the request up the chain of upstream states.
  // Returns false if already requested or no longer pending.
  bool requestDiscard();

  // Completes a pending state as DISCARDED. `from_promise` is true when
  // called through a `Promise`, which is refused once it is associated.
  bool completeDiscarded(bool from_promise);

  // Makes `upstream` the state a discard request is forwarded to,
  // replacing any previous one; forwards immediately if a discard was
  // already requested here.
  void setUpstream(StateBase* upstream);

  // Same, for a state no other thread can see yet. A completed upstream
  // needs no link: a discard request would not reach it anyway.
  void linkUpstream(StateBase* upstream) {
    if (upstream->status() != FutureStatus::PENDING)
      return;
    upstream->weak_.fetch_add(1, std::memory_order_relaxed);
    upstream_ = upstream;
  }

  // Marks the state as following another future (Promise::associate).
  // Returns false if it is complete or already associated.
  bool markAssociated();

  // Blocks until complete or `timeout` (negative: forever) of real time
  // passes; true if complete. Aborts if called on a worker thread while
  // pending, since that could deadlock the runtime.
  bool await(const Duration& timeout);

 protected:
  // `references`: strong references the creator holds.
  explicit StateBase(uint32_t references) : strong_(references) {}
  virtual ~StateBase() = default;

  // Takes the lock if the state may complete (pending and, for promise
  // calls, not associated); returns false with the lock released if not.
  bool lockForCompletion(bool from_promise) {
    lock_.lock();
    if (status_.load(std::memory_order_relaxed) != FutureStatus::PENDING ||
        (from_promise && associated_)) {
      lock_.unlock();
      return false;
    }
    return true;
  }

  // With the lock held and the value stored: publishes `to`, releases the
  // lock and runs the callbacks.
  void transitionAndRun(FutureStatus to) {
    if (to == FutureStatus::PENDING ||
        status_.load(std::memory_order_relaxed) != FutureStatus::PENDING) {
      ABORT("Impossible future transition");
    }
    status_.store(to, std::memory_order_release);
    Callback* callback = head_;
    head_ = tail_ = nullptr;
    StateBase* upstream = upstream_;
    upstream_ = nullptr;
    lock_.unlock();
    if (upstream != nullptr)
      upstream->weakUnref();
    runList(callback, to);
  }

  void runList(Callback* callback, FutureStatus status) {
    while (callback != nullptr) {
      Callback* next = callback->next;
      const bool run = callback->kind == Callback::ANY ||
                       (callback->kind == Callback::READY &&
                        status == FutureStatus::READY) ||
                       (callback->kind == Callback::FAILED &&
                        status == FutureStatus::FAILED) ||
                       (callback->kind == Callback::DISCARDED &&
                        status == FutureStatus::DISCARDED);
      callback->invoke(callback, *this, run);
      callback = next;
    }
  }

  SpinLock lock_;

 private:
  friend class WeakStateRef;

  static constexpr size_t kInlineSize = 64;

  bool tryRef();
  void weakUnref() {
    // Weak references are only taken by holders of a strong one, so when
    // the count is down to ours no other thread can change it.
    if (weak_.load(std::memory_order_acquire) == 1 ||
        weak_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      delete this;
    }
  }
  void lastRefGone();

  std::atomic<uint32_t> strong_;
  std::atomic<uint32_t> weak_{1};
  std::atomic<FutureStatus> status_{FutureStatus::PENDING};
  std::atomic<bool> discard_{false};
  std::atomic<bool> inline_used_{false};
  bool associated_ = false;
  Callback* head_ = nullptr;
  Callback* tail_ = nullptr;
  StateBase* upstream_ = nullptr;
  alignas(std::max_align_t) unsigned char inline_[kInlineSize];
};

template <typename T>
class FutureState final : public StateBase {
 public:
  explicit FutureState(uint32_t references = 1) : StateBase(references) {}

  ~FutureState() override {
    switch (status()) {
      case FutureStatus::READY:
        storage_.value.~T();
        break;
      case FutureStatus::FAILED:
        storage_.failure.~basic_string();
        break;
      default:
        break;
    }
  }

  // Valid only once READY / FAILED respectively.
  const T& value() const { return storage_.value; }
  const std::string& failure() const { return storage_.failure; }

  template <typename... A>
  bool set(bool from_promise, A&&... a) {
    if (!lockForCompletion(from_promise))
      return false;
    new (&storage_.value) T(std::forward<A>(a)...);
    transitionAndRun(FutureStatus::READY);
    return true;
  }

  bool fail(bool from_promise, const std::string& message) {
    if (!lockForCompletion(from_promise))
      return false;
    new (&storage_.failure) std::string(message);
    transitionAndRun(FutureStatus::FAILED);
    return true;
  }

  // Completes this state like `source`, which must be complete.
  void copyFrom(const FutureState& source) {
    switch (source.status()) {
      case FutureStatus::READY:
        set(false, source.value());
        break;
      case FutureStatus::FAILED:
        fail(false, source.failure());
        break;
      case FutureStatus::DISCARDED:
        completeDiscarded(false);
        break;
      case FutureStatus::PENDING:
        ABORT("copyFrom() of a pending future");
    }
  }

 private:
  union Storage {
    Storage() {}
    ~Storage() {}
    T value;
    std::string failure;
  } storage_;
};

// A reference that does not keep the value or the callbacks alive, only
// the memory: used to forward a discard request without creating a cycle.
class WeakStateRef {
 public:
  // The caller holds a strong reference to `state`.
  explicit WeakStateRef(StateBase* state) : state_(state) {
    state_->weak_.fetch_add(1, std::memory_order_relaxed);
  }
  WeakStateRef(const WeakStateRef& that) : WeakStateRef(that.state_) {}
  WeakStateRef& operator=(const WeakStateRef&) = delete;
  ~WeakStateRef() { state_->weakUnref(); }

  // Requests a discard if some Future or Promise still refers to the state.
  void discard() const {
    if (state_->tryRef()) {
      state_->requestDiscard();
      state_->unref();
    }
  }

 private:
  StateBase* state_;
};

// An owning pointer to a state (one strong reference).
template <typename S>
class StateRef {
 public:
  StateRef() = default;
  explicit StateRef(S* state) : state_(state) {}  // Adopts a reference.
  StateRef(const StateRef& that) : state_(that.state_) {
    if (state_ != nullptr)
      state_->ref();
  }
  StateRef(StateRef&& that) noexcept : state_(that.state_) {
    that.state_ = nullptr;
  }
  StateRef& operator=(StateRef that) noexcept {
    std::swap(state_, that.state_);
    return *this;
  }
  ~StateRef() {
    if (state_ != nullptr)
      state_->unref();
  }

  S* get() const { return state_; }
  S* operator->() const { return state_; }
  S& operator*() const { return *state_; }

 private:
  S* state_ = nullptr;
};

}  // namespace internal
}  // namespace process

#endif  // PROCESS_INTERNAL_FUTURE_STATE_HPP
