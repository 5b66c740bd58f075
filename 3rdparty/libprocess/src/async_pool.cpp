#include "async_pool.hpp"

#include <chrono>

#include <process/async.hpp>

#include "runtime.hpp"

namespace process {
namespace internal {

namespace {
constexpr std::chrono::seconds kIdleTimeout(10);
}  // namespace

void AsyncPool::submit(std::function<void()> task) {
  std::vector<std::thread> finished;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_)
      return;
    tasks_.push_back(std::move(task));
    finished.swap(finished_);
    // Each idle thread takes one task; start another thread for the rest.
    if (tasks_.size() > idle_ && threads_.size() < kMaxThreads) {
      std::thread thread([this]() { work(); });
      const std::thread::id id = thread.get_id();
      threads_.emplace(id, std::move(thread));
    } else {
      available_.notify_one();
    }
  }
  for (std::thread& thread : finished)
    thread.join();
}

void AsyncPool::work() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    if (stopping_)
      return;
    if (!tasks_.empty()) {
      std::function<void()> task = std::move(tasks_.front());
      tasks_.pop_front();
      lock.unlock();
      task();
      task = nullptr;
      lock.lock();
      continue;
    }
    idle_++;
    const bool woken = available_.wait_for(
        lock, kIdleTimeout, [this]() { return stopping_ || !tasks_.empty(); });
    idle_--;
    if (!woken) {
      // Idle too long: hand our std::thread over to be joined later.
      auto self = threads_.find(std::this_thread::get_id());
      finished_.push_back(std::move(self->second));
      threads_.erase(self);
      return;
    }
  }
}

void AsyncPool::stop() {
  std::vector<std::thread> threads;
  std::deque<std::function<void()>> dropped;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    dropped.swap(tasks_);
    for (auto& [id, thread] : threads_)
      threads.push_back(std::move(thread));
    threads_.clear();
    for (auto& thread : finished_)
      threads.push_back(std::move(thread));
    finished_.clear();
  }
  available_.notify_all();
  for (std::thread& thread : threads)
    thread.join();
}

void runAsync(std::function<void()> task) {
  Runtime::get().async.submit(std::move(task));
}

}  // namespace internal
}  // namespace process
