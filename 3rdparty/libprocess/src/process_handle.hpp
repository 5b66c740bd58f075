#ifndef PROCESS_SRC_PROCESS_HANDLE_HPP
#define PROCESS_SRC_PROCESS_HANDLE_HPP

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include <process/pid.hpp>
#include <process/process.hpp>

#include "mailbox.hpp"

namespace process {
namespace internal {

// The runtime's record of one process. It outlives the ProcessBase (UPIDs
// keep it alive through their counted reference) so that a send to a
// terminated process finds a closed mailbox instead of freed memory.
struct ProcessHandle {
  enum class State : uint8_t { CREATED, RUNNING, TERMINATING, TERMINATED };

  explicit ProcessHandle(std::string id) : id(std::move(id)) {}

  std::atomic<int32_t> refs{1};
  const std::string id;

  Mailbox mailbox;

  // Run-queue link; used only while the handle is queued.
  ProcessHandle* next_runnable = nullptr;

  // Valid from spawn until termination completes; touched only by the
  // token holder (and by spawn before the token is handed out).
  ProcessBase* process = nullptr;
  bool manage = false;
  bool initialized = false;

  std::atomic<State> state{State::CREATED};

  // Set by terminate(pid, inject=true); checked before every event.
  std::atomic<bool> terminate_requested{false};

  // Local processes linked to this one; `linkers_closed` once it has
  // terminated (later links get exited() at once).
  std::mutex links_mutex;
  std::vector<UPID> linkers;
  bool linkers_closed = false;
};

}  // namespace internal
}  // namespace process

#endif  // PROCESS_SRC_PROCESS_HANDLE_HPP
