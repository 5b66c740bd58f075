#include <process/future.hpp>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace process {
namespace internal {

bool StateBase::tryRef() {
  uint32_t count = strong_.load(std::memory_order_relaxed);
  while (count != 0) {
    if (strong_.compare_exchange_weak(count, count + 1,
                                      std::memory_order_acq_rel,
                                      std::memory_order_relaxed)) {
      return true;
    }
  }
  return false;
}

void StateBase::lastRefGone() {
  // A completed state holds no callbacks and no upstream link any more.
  if (status() != FutureStatus::PENDING) {
    weakUnref();
    return;
  }
  lock_.lock();
  Callback* callback = head_;
  head_ = tail_ = nullptr;
  StateBase* upstream = upstream_;
  upstream_ = nullptr;
  lock_.unlock();
  while (callback != nullptr) {
    Callback* next = callback->next;
    callback->invoke(callback, *this, false);
    callback = next;
  }
  if (upstream != nullptr)
    upstream->weakUnref();
  weakUnref();
}

bool StateBase::completeDiscarded(bool from_promise) {
  if (!lockForCompletion(from_promise))
    return false;
  transitionAndRun(FutureStatus::DISCARDED);
  return true;
}

bool StateBase::markAssociated() {
  lock_.lock();
  const bool ok =
      status_.load(std::memory_order_relaxed) == FutureStatus::PENDING &&
      !associated_;
  if (ok)
    associated_ = true;
  lock_.unlock();
  return ok;
}

void StateBase::setUpstream(StateBase* upstream) {
  upstream->weak_.fetch_add(1, std::memory_order_relaxed);
  lock_.lock();
  if (!discard_.load(std::memory_order_relaxed)) {
    StateBase* previous = upstream_;
    upstream_ = upstream;
    lock_.unlock();
    if (previous != nullptr)
      previous->weakUnref();
    return;
  }
  lock_.unlock();
  // A discard was requested before we knew where to forward it.
  if (upstream->tryRef()) {
    upstream->requestDiscard();
    upstream->unref();
  }
  upstream->weakUnref();
}

bool StateBase::requestDiscard() {
  bool first = true;
  bool result = false;
  ref();
  StateBase* current = this;
  while (current != nullptr) {
    current->lock_.lock();
    if (current->discard_.load(std::memory_order_relaxed) ||
        current->status_.load(std::memory_order_relaxed) !=
            FutureStatus::PENDING) {
      current->lock_.unlock();
      current->unref();
      break;
    }
    current->discard_.store(true, std::memory_order_release);

    // Take the DISCARD_REQUESTED callbacks out, keeping the others' order.
    Callback* requested = nullptr;
    Callback** requested_tail = &requested;
    Callback* kept_tail = nullptr;
    for (Callback** link = &current->head_; *link != nullptr;) {
      Callback* callback = *link;
      if (callback->kind == Callback::DISCARD_REQUESTED) {
        *link = callback->next;
        callback->next = nullptr;
        *requested_tail = callback;
        requested_tail = &callback->next;
      } else {
        kept_tail = callback;
        link = &callback->next;
      }
    }
    current->tail_ = kept_tail;
    StateBase* upstream = current->upstream_;
    current->upstream_ = nullptr;
    current->lock_.unlock();

    if (first)
      result = true;
    first = false;
    while (requested != nullptr) {
      Callback* following = requested->next;
      requested->invoke(requested, *current, true);
      requested = following;
    }

    StateBase* next = nullptr;
    if (upstream != nullptr) {
      if (upstream->tryRef())
        next = upstream;
      upstream->weakUnref();
    }
    current->unref();
    current = next;
  }
  return result;
}

bool StateBase::await(const Duration& timeout) {
  if (status() != FutureStatus::PENDING)
    return true;
  if (onWorkerThread()) {
    ABORT(
        "Future::await()/get() on a pending future from a process handler "
        "would block a worker thread; chain a continuation with then() (and "
        "defer()) instead");
  }
  struct Waiter {
    std::mutex mutex;
    std::condition_variable done_cv;
    bool done = false;
  };
  auto waiter = std::make_shared<Waiter>();
  auto callback = [waiter](StateBase&) {
    {
      std::lock_guard<std::mutex> lock(waiter->mutex);
      waiter->done = true;
    }
    waiter->done_cv.notify_all();
  };
  if (!tryAdd(Callback::ANY, callback))
    return true;
  std::unique_lock<std::mutex> lock(waiter->mutex);
  auto done = [&]() { return waiter->done; };
  if (timeout < Duration::zero()) {
    waiter->done_cv.wait(lock, done);
    return true;
  }
  return waiter->done_cv.wait_for(lock, std::chrono::nanoseconds(timeout.ns()),
                                  done);
}

}  // namespace internal
}  // namespace process
