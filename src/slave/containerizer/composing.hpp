#ifndef MESOS_SLAVE_CONTAINERIZER_COMPOSING_HPP
#define MESOS_SLAVE_CONTAINERIZER_COMPOSING_HPP

// ComposingContainerizer: one Containerizer made of several, tried in
// order. It is what the agent uses when `--containerizers` names more than
// one (see Containerizer::create).
//
// - launch: asks each containerizer in order. NOT_SUPPORTED moves on to
//   the next; SUCCESS (or ALREADY_LAUNCHED, passed through) makes that
//   containerizer the container's owner; a FAILED launch fails the whole
//   launch at once, without trying the rest (the container stays known,
//   routed to the containerizer that failed, until the caller destroys
//   it). NOT_SUPPORTED from all of them answers NOT_SUPPORTED and forgets
//   the id. A launch of an id that is already known here (launching,
//   launched or being destroyed) answers ALREADY_LAUNCHED without asking
//   anyone.
// - destroy while launching: the destroy goes to the containerizer whose
//   launch is in progress, and its future completes with that
//   containerizer's answer. No further containerizer is tried: if the one
//   in progress answers NOT_SUPPORTED and others remain, the launch FAILS
//   with "Container was destroyed while launching". Its SUCCESS, and
//   NOT_SUPPORTED from the last one, are passed through.
// - update/usage/status: go to the owner (or, while launching, to the
//   containerizer being tried); FAILED for an unknown container.
// - wait/destroy: go to the owner. destroy of an unknown id is READY with
//   None; wait of an unknown id asks every containerizer in order and
//   answers the first termination one still remembers (a container that
//   ended just before the call, see termination_cache.hpp), else None.
// - A container is forgotten when its destroy completes (in any way) or
//   when the owner's wait for it completes.
// - recover: recovers every containerizer (in parallel), then asks each
//   for its containers(), which become LAUNCHED containers owned by it. An
//   id reported by two containerizers fails recovery.
// - containers(): every id known here (the union over the owners).
//
// Threading: all methods may be called from any thread; the bookkeeping
// lives in a libprocess process, so calls are handled one at a time in
// arrival order. The composed containerizers are called from that process
// and must not block.

#include <memory>
#include <vector>

#include <stout/try.hpp>

#include "slave/containerizer/containerizer.hpp"
#include "slave/containerizer/process_containerizer.hpp"

namespace mesos {
namespace internal {
namespace slave {

class ComposingContainerizer : public ProcessContainerizer {
 public:
  // Error if `containerizers` is empty or holds a null pointer.
  static Try<std::unique_ptr<ComposingContainerizer>> create(
      std::vector<std::unique_ptr<Containerizer>> containerizers);

  // Destruction deletes the composed containerizers after the internal
  // process has terminated. Futures still pending then may never complete.

 private:
  explicit ComposingContainerizer(
      std::vector<std::unique_ptr<Containerizer>> containerizers);
};

}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SLAVE_CONTAINERIZER_COMPOSING_HPP
