#ifndef MESOS_TESTS_SCHED_EVENT_QUEUE_HPP
#define MESOS_TESTS_SCHED_EVENT_QUEUE_HPP

// A thread-safe queue whose reader gets a Future: the tests' way to wait
// for the next callback or message without sleeping.

#include <deque>
#include <memory>
#include <mutex>

#include <process/future.hpp>

namespace mesos {
namespace tests {

template <typename T>
class EventQueue {
 public:
  // Completes the oldest pending get(), or keeps `value` for a later one.
  void put(const T& value) {
    std::shared_ptr<process::Promise<T>> waiter;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (waiters_.empty()) {
        items_.push_back(value);
        return;
      }
      waiter = waiters_.front();
      waiters_.pop_front();
    }
    waiter->set(value);
  }

  // The oldest value not yet taken, now or when it arrives.
  process::Future<T> get() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!items_.empty()) {
      T value = items_.front();
      items_.pop_front();
      return value;
    }
    auto waiter = std::make_shared<process::Promise<T>>();
    waiters_.push_back(waiter);
    return waiter->future();
  }

  // Values received and not yet taken.
  size_t size() {
    std::lock_guard<std::mutex> lock(mutex_);
    return items_.size();
  }

 private:
  std::mutex mutex_;
  std::deque<T> items_;
  std::deque<std::shared_ptr<process::Promise<T>>> waiters_;
};

}  // namespace tests
}  // namespace mesos

#endif  // MESOS_TESTS_SCHED_EVENT_QUEUE_HPP
