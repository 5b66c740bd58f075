#ifndef PROCESS_SRC_LIBEV_LOOP_HPP
#define PROCESS_SRC_LIBEV_LOOP_HPP

#include <ev.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <process/event_loop.hpp>

namespace process {
namespace internal {

// EventLoop on libev: one thread running its own ev_loop. Other threads
// talk to it only through a mutex-protected queue and an ev_async wake-up,
// so every libev call happens on the loop thread.
class LibevLoop final : public EventLoop {
 public:
  LibevLoop();
  ~LibevLoop() override;

  void start();
  void stop();

  void run_in_loop(std::function<void()> fn) override;
  TimerId delay(const Duration& delay, std::function<void()> fn) override;
  bool cancel(TimerId timer) override;
  WatchId watch(int fd, int events, std::function<void(int)> fn) override;
  void modify(WatchId watch, int events) override;
  void unwatch(WatchId watch) override;
  bool inLoopThread() const override;

 private:
  struct TimerWatcher {
    ev_timer timer;
    LibevLoop* loop;
    TimerId id;
    std::function<void()> fn;
  };

  struct IoWatcher {
    ev_io io;
    LibevLoop* loop;
    WatchId id;
    std::function<void(int)> fn;
  };

  static void onAsync(struct ev_loop* loop, ev_async* async, int revents);
  static void onTimer(struct ev_loop* loop, ev_timer* timer, int revents);
  static void onIo(struct ev_loop* loop, ev_io* io, int revents);

  void drain();
  void removeWatch(WatchId watch);

  struct ev_loop* const loop_;
  ev_async async_;
  std::thread thread_;
  std::atomic<std::thread::id> loop_thread_{};
  std::atomic<uint64_t> next_id_{1};

  std::mutex mutex_;
  std::vector<std::function<void()>> queue_;
  bool stopped_ = false;

  // Timers not yet fired nor cancelled; guards the fire/cancel race.
  std::mutex timers_mutex_;
  std::unordered_set<TimerId> pending_timers_;

  // Loop thread only.
  std::unordered_map<TimerId, TimerWatcher*> timers_;
  std::unordered_map<WatchId, IoWatcher*> watches_;
  std::unordered_set<WatchId> unwatched_early_;
  std::vector<IoWatcher*> graveyard_;
};

}  // namespace internal
}  // namespace process

#endif  // PROCESS_SRC_LIBEV_LOOP_HPP
