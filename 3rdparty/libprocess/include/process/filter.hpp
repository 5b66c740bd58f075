#ifndef PROCESS_FILTER_HPP
#define PROCESS_FILTER_HPP

// Event interception, for tests: a filter sees every event just before the
// process that receives it would handle it, and may drop it. The helpers in
// process/gmock.hpp (FUTURE_MESSAGE, DROP_MESSAGE, FUTURE_DISPATCH, ...)
// are built on this hook.

#include <process/event.hpp>
#include <process/pid.hpp>

namespace process {

class Filter {
 public:
  virtual ~Filter() = default;

  // Called for each event of `process`, on the worker thread about to
  // handle it, in the order the process would handle them. Return true to
  // drop the event (it is destroyed unhandled). Calls are serialized (one
  // at a time across all workers). Must not block and must not call
  // `filter()`; it may dispatch, send, or complete promises.
  virtual bool filter(const UPID& process, const Event& event) = 0;
};

// Installs `filter` (nullptr removes it); at most one filter at a time.
// When this returns, the previous filter is not running and will not be
// called again. Costs nothing measurable while no filter is installed.
void filter(Filter* filter);

}  // namespace process

#endif  // PROCESS_FILTER_HPP
