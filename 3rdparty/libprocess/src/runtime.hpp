#ifndef PROCESS_SRC_RUNTIME_HPP
#define PROCESS_SRC_RUNTIME_HPP

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <process/address.hpp>
#include <process/event.hpp>
#include <process/message.hpp>
#include <process/pid.hpp>
#include <process/transport.hpp>

#include <stout/duration.hpp>
#include <stout/option.hpp>

#include "async_pool.hpp"
#include "libev_loop.hpp"
#include "process_handle.hpp"
#include "scheduler.hpp"
#include "timer_queue.hpp"

namespace process {
namespace internal {

// The one object behind process::initialize(): process table, scheduler,
// event loop, clock timers, async pool and the transport. Created and
// destroyed under a global mutex; reached through an atomic pointer.
class Runtime {
 public:
  Runtime(size_t workers, Option<std::string> delegate);
  ~Runtime();

  // The instance, or nullptr outside initialize()..finalize().
  static Runtime* instance() {
    return instance_.load(std::memory_order_acquire);
  }
  // The instance; aborts with advice if libprocess is not initialized.
  static Runtime& get();

  static bool create(const Option<std::string>& delegate);
  static void destroy();

  // Process lifecycle.
  UPID spawn(ProcessBase* process, bool manage);
  void terminate(const UPID& pid, bool inject);
  bool wait(const UPID& pid, const Duration& timeout);

  // The handle a pid names: its own reference, or the live process with
  // its id if the pid's address is ours. Null if none.
  HandleRef lookup(const UPID& pid);
  HandleRef lookup(const std::string& id);

  // Hands `event` to `handle` (scheduling it if idle) or destroys it if
  // the process is not running. False if destroyed.
  bool enqueue(ProcessHandle* handle, Event* event);

  // lookup + enqueue; destroys the event if there is no such process.
  bool deliver(const UPID& to, Event* event);

  // Local delivery or the transport.
  void send(Message&& message);

  void link(ProcessBase* process, const UPID& to, bool reconnect);
  void remoteExited(const network::inet::Address& address);

  bool isLocal(const network::inet::Address& address) const {
    return transport_ == nullptr || address == address_;
  }

  const network::inet::Address& address() const { return address_; }
  const Option<std::string>& delegate() const { return delegate_; }
  EventLoop& loop() { return loop_; }
  TimerQueue& timers() { return timers_; }
  size_t workers() const { return scheduler_.size(); }

  // Processes runnable or running, posted timer ticks: Clock::settle()
  // waits for this to be zero.
  std::atomic<int64_t> busy{0};

  AsyncPool async;

 private:
  void start();
  void shutdown();

  // One batch of events of a process whose token this thread holds.
  void run(ProcessHandle* handle);
  void handle(ProcessHandle* handle, Event* event);
  bool filtered(ProcessHandle* handle, const Event& event);
  void finish(ProcessHandle* handle);
  bool waitOnWorker(ProcessHandle* handle, const Duration& timeout);

  static std::atomic<Runtime*> instance_;

  const Option<std::string> delegate_;
  network::inet::Address address_;

  LibevLoop loop_;
  TimerQueue timers_;
  Scheduler scheduler_;
  std::unique_ptr<Transport> transport_;

  std::mutex table_mutex_;
  std::unordered_map<std::string, ProcessHandle*> table_;

  std::mutex terminated_mutex_;
  std::condition_variable terminated_;

  std::mutex remote_mutex_;
  std::unordered_map<network::inet::Address, std::vector<std::pair<UPID, UPID>>>
      remote_links_;
};

// Handlers running on this thread, innermost first (a worker inside
// wait() runs other processes nested in the handler that waits).
struct RunFrame {
  ProcessHandle* handle;
  RunFrame* outer;
};

RunFrame*& currentFrame();

}  // namespace internal
}  // namespace process

#endif  // PROCESS_SRC_RUNTIME_HPP
