#ifndef PROCESS_SRC_MAILBOX_HPP
#define PROCESS_SRC_MAILBOX_HPP

#include <atomic>
#include <cstdint>

#include <process/event.hpp>

namespace process {
namespace internal {

// A process's mailbox: an intrusive multi-producer single-consumer queue
// whose push also decides scheduling.
//
// Producers push onto a lock-free LIFO stack (`head_`). The consumer (the
// worker running the process) takes the whole stack with one exchange and
// reverses it into a private FIFO (`cache_`), so events come out in push
// order. `head_` also encodes the consumer's state with two sentinels:
//
//   BLOCKED  the process is idle: the next push must schedule it, and its
//            pusher is told so (push returns SCHEDULE). Exactly one pusher
//            sees BLOCKED, so exactly one thread schedules the process; its
//            CAS acquires what the last consumer released in tryBlock().
//   CLOSED   the process is not running (never spawned, or terminated):
//            pushes fail and the caller destroys the event.
//
// Whoever got SCHEDULE (or spawned the process) holds its "token" until
// the consumer gives it back with `tryBlock()` (only when the mailbox is
// empty) or `close()`. Only the token holder calls pop/tryBlock/close.
class Mailbox {
 public:
  enum class Push { QUEUED, SCHEDULE, CLOSED };

  Mailbox() : head_(closed()) {}

  // Any thread. Takes ownership of `event` unless CLOSED is returned.
  Push push(Event* event) {
    Event* head = head_.load(std::memory_order_relaxed);
    do {
      if (head == closed())
        return Push::CLOSED;
      event->next = head == blocked() ? nullptr : head;
    } while (!head_.compare_exchange_weak(
        head, event, std::memory_order_acq_rel, std::memory_order_relaxed));
    return head == blocked() ? Push::SCHEDULE : Push::QUEUED;
  }

  // Spawn: CLOSED -> open, with the caller holding the token. False if the
  // mailbox was not in its initial CLOSED state.
  bool open() {
    Event* expected = closed();
    return head_.compare_exchange_strong(expected, nullptr,
                                         std::memory_order_acq_rel);
  }

  // Token holder: the next event in push order, or nullptr if none.
  Event* pop() {
    if (cache_ == nullptr) {
      if (head_.load(std::memory_order_relaxed) == nullptr)
        return nullptr;
      Event* stack = head_.exchange(nullptr, std::memory_order_acquire);
      // Reverse the LIFO stack into FIFO order.
      while (stack != nullptr) {
        Event* next = stack->next;
        stack->next = cache_;
        cache_ = stack;
        stack = next;
      }
    }
    Event* event = cache_;
    if (event != nullptr) {
      cache_ = event->next;
      event->next = nullptr;
    }
    return event;
  }

  // Token holder: gives the token back if no event is pending, making the
  // next push return SCHEDULE. False (token kept) if events are pending.
  bool tryBlock() {
    if (cache_ != nullptr)
      return false;
    Event* expected = nullptr;
    return head_.compare_exchange_strong(expected, blocked(),
                                         std::memory_order_acq_rel);
  }

  // Token holder: closes the mailbox for good and returns the events still
  // queued (a list linked by `next`, in any order) for the caller to
  // destroy. Every later push returns CLOSED.
  Event* close() {
    Event* stack = head_.exchange(closed(), std::memory_order_acq_rel);
    Event* rest = cache_;
    cache_ = nullptr;
    if (stack == blocked() || stack == closed())
      stack = nullptr;
    while (stack != nullptr) {
      Event* next = stack->next;
      stack->next = rest;
      rest = stack;
      stack = next;
    }
    return rest;
  }

  bool isClosed() const {
    return head_.load(std::memory_order_acquire) == closed();
  }

 private:
  static Event* blocked() { return reinterpret_cast<Event*>(uintptr_t(1)); }
  static Event* closed() { return reinterpret_cast<Event*>(uintptr_t(2)); }

  std::atomic<Event*> head_;
  Event* cache_ = nullptr;
};

}  // namespace internal
}  // namespace process

#endif  // PROCESS_SRC_MAILBOX_HPP
