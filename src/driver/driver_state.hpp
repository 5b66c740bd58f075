#ifndef MESOS_DRIVER_DRIVER_STATE_HPP
#define MESOS_DRIVER_DRIVER_STATE_HPP

// The life cycle MesosSchedulerDriver and MesosExecutorDriver share, as
// helpers over the members both keep (a recursive `mutex`, the `status`,
// the `process` behind the driver and the `latch` join() waits on):
//
//   NOT_STARTED --start()--> RUNNING, or ABORTED on a start error
//   RUNNING --abort()--> ABORTED
//   RUNNING or ABORTED --stop()--> STOPPED
//
// Every request (launchTasks, sendStatusUpdate, ...) is dispatched to the
// process only while RUNNING; whatever the status, the call answers it.
// The process opens the latch once the driver stopped or aborted.

#include <mutex>
#include <utility>

#include <mesos/mesos.hpp>

#include <process/dispatch.hpp>
#include <process/latch.hpp>
#include <process/process.hpp>

namespace mesos {
namespace internal {
namespace driver {

// Whether stop() applies: the driver is RUNNING or ABORTED.
inline bool stoppable(Status status) {
  return status == DRIVER_RUNNING || status == DRIVER_ABORTED;
}

// Moves a stoppable `*status` to DRIVER_STOPPED and returns what stop()
// answers: DRIVER_ABORTED if the driver had aborted, else DRIVER_STOPPED.
inline Status markStopped(Status* status) {
  const bool aborted = *status == DRIVER_ABORTED;
  *status = DRIVER_STOPPED;
  return aborted ? DRIVER_ABORTED : *status;
}

// join(): at once the status if the driver never started (`process` is
// null), else waits until `latch` opens and answers the status then. Reads
// `process` and `status` under `mutex`; waits without holding it.
template <typename P>
Status join(std::recursive_mutex& mutex, P* const& process,
            process::Latch& latch, const Status& status) {
  {
    std::lock_guard<std::recursive_mutex> lock(mutex);
    if (process == nullptr) {
      return status;
    }
  }

  latch.await();

  std::lock_guard<std::recursive_mutex> lock(mutex);
  return status;
}

// run(): start(), then join() if the driver is running; else what start()
// answered.
template <typename Driver>
Status run(Driver* driver) {
  const Status started = driver->start();
  return started != DRIVER_RUNNING ? started : driver->join();
}

// A request: under `mutex`, dispatches `method` with `args` to `process`
// if the driver is RUNNING. Answers the status either way.
template <typename P, typename M, typename... A>
Status dispatchIfRunning(std::recursive_mutex& mutex, const Status& status,
                         P* const& process, M method, A&&... args) {
  std::lock_guard<std::recursive_mutex> lock(mutex);
  if (status != DRIVER_RUNNING) {
    return status;
  }
  process::dispatch(process, method, std::forward<A>(args)...);
  return status;
}

// The status, read under `mutex`: the answer of a request that has
// nothing to do (e.g. reviveOffers with no roles).
inline Status current(std::recursive_mutex& mutex, const Status& status) {
  std::lock_guard<std::recursive_mutex> lock(mutex);
  return status;
}

// Opens `latch` under the driver's `mutex`, so that a join() woken by it
// reads the status the driver has after the stop or abort.
inline void release(std::recursive_mutex* mutex, process::Latch* latch) {
  std::lock_guard<std::recursive_mutex> lock(*mutex);
  latch->trigger();
}

// The driver's destructor: terminates `*process` (if any), waits for it and
// deletes it, so that no callback runs into a destroyed driver.
template <typename P>
void destroy(P** process) {
  if (*process != nullptr) {
    process::terminate(*process);
    process::wait(*process);
    delete *process;
    *process = nullptr;
  }
}

}  // namespace driver
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_DRIVER_DRIVER_STATE_HPP
