#ifndef PROCESS_SRC_SCHEDULER_HPP
#define PROCESS_SRC_SCHEDULER_HPP

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "process_handle.hpp"

namespace process {
namespace internal {

// Worker threads and the run queue.
//
// A runnable process is in exactly one place: the global FIFO queue, or
// the "next" slot of one worker. A process made runnable by a handler
// running on a worker goes into that worker's slot and runs on the same
// thread right after the current batch, without waking anyone: a
// request/response between two processes then stays on one core with no
// system call. Idle workers spin briefly, then steal from other workers'
// slots before sleeping on the global queue. A worker takes at most
// `kMaxStreak` processes in a row from its slot before looking at the
// global queue, so a ping-pong pair cannot starve other processes.
class Scheduler {
 public:
  // `run(handle)` runs one batch of a process; the scheduler hands it the
  // token it was given with `schedule`.
  Scheduler(size_t workers, std::function<void(ProcessHandle*)> run);
  ~Scheduler();

  void start();

  // Wakes every worker and joins them. Processes still queued stay queued.
  void stop();

  // Makes `handle` runnable. The caller holds the process's token and
  // passes it on. Any thread.
  void schedule(ProcessHandle* handle);

  // Requeues a process behind the others (after a full batch). Worker only.
  void yield(ProcessHandle* handle);

  // True if a process other than the current ones waits to run, i.e. the
  // current batch should make room. Worker only.
  bool othersWaiting() const;

  // Runs one batch of some runnable process on the calling worker; false
  // if none was runnable. Used by wait() on a worker thread.
  bool runOne();

  size_t size() const { return workers_.size(); }

  // True on one of this process's worker threads (any Scheduler).
  static bool onWorkerThread();

 private:
  struct Worker {
    std::atomic<ProcessHandle*> next{nullptr};
    unsigned streak = 0;
    std::thread thread;
  };

  void work(Worker* worker);
  ProcessHandle* take(Worker* worker, bool block);
  ProcessHandle* popGlobal();
  void pushGlobal(ProcessHandle* handle);
  ProcessHandle* steal(Worker* self);
  bool anythingRunnable(Worker* self) const;
  Worker* currentWorker() const;

  static constexpr unsigned kMaxStreak = 16;
  static constexpr int kSpins = 256;

  const std::function<void(ProcessHandle*)> run_;
  std::vector<std::unique_ptr<Worker>> workers_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  ProcessHandle* head_ = nullptr;
  ProcessHandle* tail_ = nullptr;
  std::atomic<size_t> queued_{0};
  size_t sleepers_ = 0;
  bool stopping_ = false;
};

}  // namespace internal
}  // namespace process

#endif  // PROCESS_SRC_SCHEDULER_HPP
