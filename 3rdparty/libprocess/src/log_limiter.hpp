#ifndef PROCESS_SRC_LOG_LIMITER_HPP
#define PROCESS_SRC_LOG_LIMITER_HPP

// Rate limiting for log lines caused by the outside world (a peer that
// keeps failing, a client sending garbage), so that one bad peer cannot
// flood the log:
//
//   static LogLimiter limiter;
//   uint64_t suppressed;
//   if (limiter.allow(&suppressed)) {
//     LOG(WARNING) << "Lost connection to " << peer << ": " << reason
//                  << LogLimiter::suppressedNote(suppressed);
//   }
//
// At most `burst` lines pass per `period` of real time; the others are
// counted and the count is reported with the next line that passes.
// Thread-safe.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace process {
namespace internal {

class LogLimiter {
 public:
  explicit LogLimiter(int burst = 10,
                      std::chrono::seconds period = std::chrono::seconds(60))
      : burst_(burst), period_(period) {}

  // True if a line may be written now; `*suppressed` is then the number
  // of lines refused since the previous allowed one.
  bool allow(uint64_t* suppressed) {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard<std::mutex> lock(mutex_);
    if (now - window_start_ >= period_) {
      window_start_ = now;
      allowed_ = 0;
    }
    if (allowed_ >= burst_) {
      ++dropped_;
      return false;
    }
    ++allowed_;
    *suppressed = dropped_;
    dropped_ = 0;
    return true;
  }

  static std::string suppressedNote(uint64_t suppressed) {
    if (suppressed == 0)
      return std::string();
    return " (" + std::to_string(suppressed) + " similar messages suppressed)";
  }

 private:
  const int burst_;
  const std::chrono::steady_clock::duration period_;

  std::mutex mutex_;
  std::chrono::steady_clock::time_point window_start_{};
  int allowed_ = 0;
  uint64_t dropped_ = 0;
};

}  // namespace internal
}  // namespace process

#endif  // PROCESS_SRC_LOG_LIMITER_HPP
