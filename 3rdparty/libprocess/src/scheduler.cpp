#include "scheduler.hpp"

#include <glog/logging.h>

#include <process/internal/future_state.hpp>

namespace process {
namespace internal {

namespace {

struct WorkerTag {
  const Scheduler* scheduler = nullptr;
  void* worker = nullptr;
};

thread_local WorkerTag tl_worker;

}  // namespace

Scheduler::Scheduler(size_t workers, std::function<void(ProcessHandle*)> run)
    : run_(std::move(run)) {
  CHECK_GT(workers, 0u);
  for (size_t i = 0; i < workers; ++i) {
    workers_.push_back(std::make_unique<Worker>());
  }
}

Scheduler::~Scheduler() {
  stop();
}

void Scheduler::start() {
  for (auto& worker : workers_) {
    Worker* w = worker.get();
    w->thread = std::thread([this, w]() { work(w); });
  }
}

void Scheduler::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& worker : workers_) {
    if (worker->thread.joinable())
      worker->thread.join();
  }
}

bool Scheduler::onWorkerThread() {
  return tl_worker.scheduler != nullptr;
}

Scheduler::Worker* Scheduler::currentWorker() const {
  return tl_worker.scheduler == this ? static_cast<Worker*>(tl_worker.worker)
                                     : nullptr;
}

void Scheduler::schedule(ProcessHandle* handle) {
  if (Worker* worker = currentWorker()) {
    ProcessHandle* previous =
        worker->next.exchange(handle, std::memory_order_acq_rel);
    if (previous != nullptr)
      pushGlobal(previous);
    return;
  }
  pushGlobal(handle);
}

void Scheduler::yield(ProcessHandle* handle) {
  pushGlobal(handle);
}

bool Scheduler::othersWaiting() const {
  const Worker* worker = currentWorker();
  return queued_.load(std::memory_order_relaxed) > 0 ||
         (worker != nullptr &&
          worker->next.load(std::memory_order_relaxed) != nullptr);
}

bool Scheduler::runOne() {
  Worker* worker = currentWorker();
  CHECK(worker != nullptr);
  ProcessHandle* handle = take(worker, false);
  if (handle == nullptr)
    return false;
  run_(handle);
  return true;
}

void Scheduler::pushGlobal(ProcessHandle* handle) {
  handle->next_runnable = nullptr;
  bool wake = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (tail_ == nullptr) {
      head_ = handle;
    } else {
      tail_->next_runnable = handle;
    }
    tail_ = handle;
    queued_.fetch_add(1, std::memory_order_relaxed);
    wake = sleepers_ > 0;
  }
  if (wake)
    wake_.notify_one();
}

ProcessHandle* Scheduler::popGlobal() {
  if (queued_.load(std::memory_order_relaxed) == 0)
    return nullptr;
  std::lock_guard<std::mutex> lock(mutex_);
  ProcessHandle* handle = head_;
  if (handle != nullptr) {
    head_ = handle->next_runnable;
    if (head_ == nullptr)
      tail_ = nullptr;
    handle->next_runnable = nullptr;
    queued_.fetch_sub(1, std::memory_order_relaxed);
  }
  return handle;
}

ProcessHandle* Scheduler::steal(Worker* self) {
  for (auto& worker : workers_) {
    if (worker.get() == self ||
        worker->next.load(std::memory_order_relaxed) == nullptr) {
      continue;
    }
    ProcessHandle* handle =
        worker->next.exchange(nullptr, std::memory_order_acq_rel);
    if (handle != nullptr)
      return handle;
  }
  return nullptr;
}

bool Scheduler::anythingRunnable(Worker* self) const {
  if (queued_.load(std::memory_order_relaxed) > 0)
    return true;
  for (const auto& worker : workers_) {
    if (worker->next.load(std::memory_order_relaxed) != nullptr)
      return true;
  }
  return false;
}

ProcessHandle* Scheduler::take(Worker* worker, bool block) {
  while (true) {
    ProcessHandle* handle = nullptr;
    if (worker->streak < kMaxStreak) {
      handle = worker->next.exchange(nullptr, std::memory_order_acq_rel);
      if (handle != nullptr) {
        worker->streak++;
        return handle;
      }
    }
    worker->streak = 0;
    if ((handle = popGlobal()) != nullptr)
      return handle;
    handle = worker->next.exchange(nullptr, std::memory_order_acq_rel);
    if (handle != nullptr)
      return handle;
    if ((handle = steal(worker)) != nullptr)
      return handle;
    if (!block)
      return nullptr;

    // Spinning briefly lets a process scheduled by another thread start
    // without a futex wake-up; on a shared machine keep it short.
    bool found = false;
    for (int i = 0; i < kSpins && !found; ++i) {
      cpuRelax();
      found = anythingRunnable(worker);
    }
    if (found)
      continue;

    std::unique_lock<std::mutex> lock(mutex_);
    if (stopping_)
      return nullptr;
    if (head_ == nullptr) {
      sleepers_++;
      wake_.wait(lock);
      sleepers_--;
    }
    if (stopping_)
      return nullptr;
  }
}

void Scheduler::work(Worker* worker) {
  tl_worker.scheduler = this;
  tl_worker.worker = worker;
  while (ProcessHandle* handle = take(worker, true)) {
    run_(handle);
  }
  tl_worker = WorkerTag();
}

}  // namespace internal
}  // namespace process
