#include <process/latch.hpp>

#include <chrono>

namespace process {

bool Latch::trigger() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (triggered_)
      return false;
    triggered_ = true;
  }
  opened_.notify_all();
  return true;
}

bool Latch::await(const Duration& timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  auto open = [this]() { return triggered_; };
  if (timeout < Duration::zero()) {
    opened_.wait(lock, open);
    return true;
  }
  return opened_.wait_for(lock, std::chrono::nanoseconds(timeout.ns()), open);
}

}  // namespace process
