#ifndef PROCESS_SRC_REAPER_HPP
#define PROCESS_SRC_REAPER_HPP

namespace process {
namespace internal {

// Whether `reap` watches new pids through pidfds (the default) or polls
// them; returns the previous setting. Pids already watched keep their
// mechanism. For tests of the polling fallback.
bool useReaperPidfds(bool enabled);

}  // namespace internal
}  // namespace process

#endif  // PROCESS_SRC_REAPER_HPP
