#ifndef PROCESS_REAP_HPP
#define PROCESS_REAP_HPP

// Waiting for an OS process to exit.
//
//   Future<Option<int>> status = process::reap(pid);
//   status.onReady([](const Option<int>& s) {
//     if (s.isSome() && WIFEXITED(s.get())) ... WEXITSTATUS(s.get()) ...
//   });
//
// `reap(pid)` completes when `pid` has exited:
//   - Some(status), the raw waitpid(2) status, if `pid` is a child of this
//     process that nobody else has waited for. The reaper then reaps it
//     (no zombie is left).
//   - None if `pid` is not our child (for example an executor started by
//     an earlier incarnation of the agent: re-parented processes are
//     watched too), or if its status was taken by someone else (another
//     waitpid, SIGCHLD set to SIG_IGN), or if no such process exists when
//     `reap` is called (a process that is gone cannot be told apart from
//     one reaped elsewhere). A non-child counts as exited once it is dead,
//     even if its parent has not reaped it yet (a zombie).
//
// Policy: the reaper only ever waits for pids someone asked about, each
// with its own waitpid(pid, WNOHANG); it never calls waitpid(-1), so other code
// in the process may fork and wait for its own children. `reap` calls for the
// same pid share one wait: every call made before the reaper collects the
// status gets it, even for a child that has already exited (a zombie is
// collected only after the calls queued with it). A call made after that, or
// after anyone else reaped the child, yields None: keep the future rather than
// calling `reap` again.
//
// How exits are noticed: a pidfd (pidfd_open(2), Linux 5.3+) per pid,
// watched by the event loop, so an exit is seen within one loop iteration
// for children and non-children alike, with no signal handler and no
// SIGCHLD disposition change. Where pidfds are unavailable (old kernel,
// seccomp, out of descriptors) the pid is polled instead, every
// MIN_REAP_INTERVAL() with up to 50 polled pids, growing linearly to
// MAX_REAP_INTERVAL() at 500 (Mesos's intervals).
//
// The timing is real time, independent of the libprocess Clock (a paused
// Clock does not delay reaping). The returned future is never discarded
// and ignores discard requests; it never fails except for an invalid pid
// (<= 0). Callbacks run on a worker thread, inside the reaper process:
// keep them short or `defer` them. Thread-safe; requires (and performs)
// process::initialize(). After process::finalize() pending results never
// arrive.

#include <sys/types.h>

#include <process/future.hpp>

#include <stout/duration.hpp>
#include <stout/option.hpp>

namespace process {

// Bounds of the polling interval (used only where pidfds are unavailable).
Duration MIN_REAP_INTERVAL();
Duration MAX_REAP_INTERVAL();

Future<Option<int>> reap(pid_t pid);

}  // namespace process

#endif  // PROCESS_REAP_HPP
