#ifndef PROCESS_SRC_ASYNC_POOL_HPP
#define PROCESS_SRC_ASYNC_POOL_HPP

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace process {
namespace internal {

// Threads for `async()`: a thread is started whenever queued tasks outnumber
// idle threads (up to kMaxThreads; beyond that tasks queue), so a task
// blocked waiting for another never starves it; a thread idle for
// kIdleTimeout exits.
class AsyncPool {
 public:
  AsyncPool() = default;
  ~AsyncPool() { stop(); }

  void submit(std::function<void()> task);

  // Lets running tasks finish, drops queued ones, joins every thread.
  void stop();

 private:
  void work();

  static constexpr size_t kMaxThreads = 64;

  std::mutex mutex_;
  std::condition_variable available_;
  std::deque<std::function<void()>> tasks_;
  std::unordered_map<std::thread::id, std::thread> threads_;
  std::vector<std::thread> finished_;
  size_t idle_ = 0;
  bool stopping_ = false;
};

}  // namespace internal
}  // namespace process

#endif  // PROCESS_SRC_ASYNC_POOL_HPP
