#ifndef MESOS_SLAVE_CONTAINERIZER_EXTERNAL_CONTAINERIZER_HPP
#define MESOS_SLAVE_CONTAINERIZER_EXTERNAL_CONTAINERIZER_HPP

// ExternalContainerizer (`--containerizers=external`): delegates every
// call to an external program, `--containerizer_path`, as Mesos 0.19-1.0
// did (removed from Apache Mesos in 1.1; revived here with its protocol).
//
// The protocol. Each call runs `sh -c "<containerizer_path> <command>"`:
//
//   launch     < mesos.containerizer.Launch
//   update     < mesos.containerizer.Update
//   usage      < mesos.containerizer.Usage   > mesos.ResourceStatistics
//   wait       < mesos.containerizer.Wait    > mesos.containerizer.Termination
//   destroy    < mesos.containerizer.Destroy
//   containers                                > mesos.containerizer.Containers
//   recover
//
// Input and output are one record each: a uint32 length in native byte
// order, then the serialized message. The program gets stdin, stdout and
// stderr pipes, runs as the leader of a new session, in the container's
// sandbox (for calls about a container that has one; else in the agent's
// working directory), with the agent's environment plus
// MESOS_LIBEXEC_DIRECTORY (--launcher_dir) and MESOS_WORK_DIRECTORY
// (--work_dir); `launch` also gets the executor environment the agent
// computed and MESOS_DEFAULT_CONTAINER_IMAGE (--default_container_image,
// if set). Its stderr is appended to <sandbox>/stderr (logged by the agent
// when there is no sandbox). Exit status 0 is success; anything else fails
// the call with the status and the end of the program's stderr.
//
// `launch` must not block: it starts the executor and returns, and the
// executor must not keep the launch's stdout open (or the call never
// ends). `wait` blocks until the container is gone and prints its
// Termination. A program that does not exit within `Options::timeout`
// (`wait` excepted) is killed with its process group and the call fails.
// Output that is not exactly one record of the expected message fails the
// call ("garbage"); nothing a program does can crash the agent.
//
// Semantics on top of the Containerizer contract:
// - launch: ALREADY_LAUNCHED for a known id; never NOT_SUPPORTED (the
//   protocol has no way to say it). A failed launch leaves the container
//   known until it is destroyed.
// - Calls about a container (update, usage, destroy) wait until its launch
//   has completed; update and usage then fail if the launch failed.
// - After a successful launch, `wait` is invoked and kept running; its
//   Termination (status, message, state, reasons) is the container's. If
//   `wait` fails (non-zero exit, garbage), the container is destroyed and
//   its termination says why.
// - destroy: invokes `destroy`, then kills the pending `wait` invocation;
//   the termination is the one `wait` printed if it got there first, else
//   "Container destroyed" with the killed wait's status.
// - containers(): the ids known to this containerizer (launched or
//   recovered), without invoking the program.
// - recover: invokes `recover`, then `containers`. Each listed id that is
//   the latest, uncompleted run of an executor in the agent's state is
//   recovered (and `wait` is invoked on it); every other listed id is an
//   orphan and gets `destroy` before recover completes.
// - status: the container id only.
//
// Threading: the facade (ProcessContainerizer) dispatches to one
// libprocess process; no call blocks on the program.

#include <memory>

#include <stout/duration.hpp>
#include <stout/try.hpp>

#include "slave/containerizer/containerizer.hpp"
#include "slave/containerizer/process_containerizer.hpp"
#include "slave/flags.hpp"

namespace mesos {
namespace internal {
namespace slave {

class ExternalContainerizerProcess;

class ExternalContainerizer : public ProcessContainerizer {
 public:
  struct Options {
    // How long any invocation but `wait` may run before it is killed.
    Duration timeout = Minutes(1);
  };

  // Error if --containerizer_path is not set.
  static Try<std::unique_ptr<Containerizer>> create(const Flags& flags);
  static Try<std::unique_ptr<Containerizer>> create(const Flags& flags,
                                                    const Options& options);

  // Destruction terminates the internal process; containers keep running
  // (the external program owns them) and pending `wait` invocations are
  // left to exit on their own.

 private:
  explicit ExternalContainerizer(
      std::unique_ptr<ExternalContainerizerProcess> process);
};

}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SLAVE_CONTAINERIZER_EXTERNAL_CONTAINERIZER_HPP
