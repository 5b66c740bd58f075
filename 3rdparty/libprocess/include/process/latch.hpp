#ifndef PROCESS_LATCH_HPP
#define PROCESS_LATCH_HPP

// Latch: a one-shot gate. `trigger()` opens it (once); `await()` blocks
// until it is open. Thread-safe.
//
// `await` blocks the calling thread for real: do not call it from a
// process handler unless the trigger cannot depend on the worker pool.

#include <condition_variable>
#include <mutex>

#include <stout/duration.hpp>

namespace process {

class Latch {
 public:
  Latch() = default;
  Latch(const Latch&) = delete;
  Latch& operator=(const Latch&) = delete;

  // Opens the latch; true only for the call that opened it.
  bool trigger();

  // Waits until open or `timeout` of real time passed (negative: forever);
  // true if open.
  bool await(const Duration& timeout = Seconds(-1));

 private:
  std::mutex mutex_;
  std::condition_variable opened_;
  bool triggered_ = false;
};

}  // namespace process

#endif  // PROCESS_LATCH_HPP
