#ifndef MESOS_SLAVE_PATHS_HPP
#define MESOS_SLAVE_PATHS_HPP

// The agent's directory layout under `--work_dir`, identical to Apache
// Mesos's so that a real Mesos agent can recover our checkpoints and
// operators find sandboxes where they expect them:
//
//   <work_dir>
//   |-- slaves                                     sandbox root
//   |   `-- <slave_id>/frameworks/<framework_id>/executors/<executor_id>
//   |       `-- runs
//   |           |-- latest -> <container_id>       (symlink)
//   |           `-- <container_id>                 the executor's sandbox
//   `-- meta                                       checkpoint root
//       |-- boot_id                                host boot id (text)
//       |-- resources
//       |   |-- resources.info                     committed resources
//       |   `-- resources.target                   resources being applied
//       `-- slaves
//           |-- latest -> <slave_id>               (symlink)
//           `-- <slave_id>
//               |-- slave.info                     SlaveInfo
//               `-- frameworks/<framework_id>
//                   |-- framework.info             FrameworkInfo
//                   |-- framework.pid              scheduler UPID (text)
//                   `-- executors/<executor_id>
//                       |-- executor.info          ExecutorInfo
//                       |-- executor_generated_for_command_task  "0"/"1"
//                       `-- runs
//                           |-- latest -> <container_id>
//                           `-- <container_id>
//                               |-- executor.sentinel   run completed
//                               |-- http.marker         HTTP executor
//                               |-- pids
//                               |   |-- forked.pid      executor pid
//                               |   `-- libprocess.pid  executor UPID
//                               `-- tasks/<task_id>
//                                   |-- task.info       Task
//                                   `-- task.updates    update stream
//
// Info files hold one length-prefixed protobuf record (resources files one
// record per Resource); pid files hold text; task.updates holds a sequence
// of StatusUpdateRecords (see task_status_update_manager.hpp).
//
// Most functions take a `rootDir`, as in Mesos, and the same function
// serves both trees: pass the work dir for sandbox paths and
// `getMetaRootDir(workDir)` for checkpoint paths. E.g.
// getExecutorRunPath(workDir, ...) is the sandbox, while
// getExecutorRunPath(getMetaRootDir(workDir), ...) is where that run's
// pids and tasks are checkpointed.
//
// The get* functions only join strings: they touch no file and do not
// validate IDs (IDs come validated from the master, or from this layout
// itself on recovery). The create* functions validate IDs, create
// directories and "latest" symlinks, and report failures as errors.
// All functions are thread-safe.

#include <string>
#include <vector>

#include <mesos/mesos.hpp>

#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

namespace mesos {
namespace internal {
namespace slave {
namespace paths {

// The name of the symlinks that point at the newest agent and executor run.
inline constexpr char LATEST_SYMLINK[] = "latest";

// File names, for callers that need to recognise them.
inline constexpr char BOOT_ID_FILE[] = "boot_id";
inline constexpr char SLAVE_INFO_FILE[] = "slave.info";
inline constexpr char FRAMEWORK_INFO_FILE[] = "framework.info";
inline constexpr char FRAMEWORK_PID_FILE[] = "framework.pid";
inline constexpr char EXECUTOR_INFO_FILE[] = "executor.info";
inline constexpr char EXECUTOR_SENTINEL_FILE[] = "executor.sentinel";
inline constexpr char HTTP_MARKER_FILE[] = "http.marker";
inline constexpr char FORKED_PID_FILE[] = "forked.pid";
inline constexpr char LIBPROCESS_PID_FILE[] = "libprocess.pid";
inline constexpr char TASK_INFO_FILE[] = "task.info";
inline constexpr char TASK_UPDATES_FILE[] = "task.updates";
inline constexpr char RESOURCES_INFO_FILE[] = "resources.info";
inline constexpr char RESOURCES_TARGET_FILE[] = "resources.target";

// -- Roots -------------------------------------------------------------------

// <workDir>/meta: the root of every checkpoint.
std::string getMetaRootDir(const std::string& workDir);

// <workDir>/slaves: the root of every sandbox.
std::string getSandboxRootDir(const std::string& workDir);

// -- Host and agent ----------------------------------------------------------

// <rootDir>/boot_id (pass the meta dir).
std::string getBootIdPath(const std::string& rootDir);

// <rootDir>/resources/resources.info (pass the meta dir).
std::string getResourcesInfoPath(const std::string& rootDir);

// <rootDir>/resources/resources.target (pass the meta dir).
std::string getResourcesTargetPath(const std::string& rootDir);

// <rootDir>/slaves/latest.
std::string getLatestSlavePath(const std::string& rootDir);

// <rootDir>/slaves/<slaveId>.
std::string getSlavePath(const std::string& rootDir, const SlaveID& slaveId);

// <rootDir>/slaves/<slaveId>/slave.info.
std::string getSlaveInfoPath(const std::string& rootDir,
                             const SlaveID& slaveId);

// -- Frameworks --------------------------------------------------------------

// The framework directories under an agent directory (full paths, in no
// particular order). Empty if there are none or the parent is missing; an
// error only if the parent exists and cannot be listed. Names starting
// with '.' (temporary files) are left out, as Mesos's glob does.
Try<std::vector<std::string>> getFrameworkPaths(const std::string& rootDir,
                                                const SlaveID& slaveId);

std::string getFrameworkPath(const std::string& rootDir, const SlaveID& slaveId,
                             const FrameworkID& frameworkId);

std::string getFrameworkInfoPath(const std::string& rootDir,
                                 const SlaveID& slaveId,
                                 const FrameworkID& frameworkId);

std::string getFrameworkPidPath(const std::string& rootDir,
                                const SlaveID& slaveId,
                                const FrameworkID& frameworkId);

// -- Executors ---------------------------------------------------------------

// The executor directories of a framework; listing rules as above.
Try<std::vector<std::string>> getExecutorPaths(const std::string& rootDir,
                                               const SlaveID& slaveId,
                                               const FrameworkID& frameworkId);

std::string getExecutorPath(const std::string& rootDir, const SlaveID& slaveId,
                            const FrameworkID& frameworkId,
                            const ExecutorID& executorId);

std::string getExecutorInfoPath(const std::string& rootDir,
                                const SlaveID& slaveId,
                                const FrameworkID& frameworkId,
                                const ExecutorID& executorId);

// Holds "1" if the agent generated the executor for a command task.
std::string getExecutorGeneratedForCommandTaskPath(
    const std::string& rootDir, const SlaveID& slaveId,
    const FrameworkID& frameworkId, const ExecutorID& executorId);

// The run directories of an executor, the "latest" symlink included;
// listing rules as above.
Try<std::vector<std::string>> getExecutorRunPaths(
    const std::string& rootDir, const SlaveID& slaveId,
    const FrameworkID& frameworkId, const ExecutorID& executorId);

// .../executors/<executorId>/runs/<containerId>: the sandbox under the
// work dir, the run's checkpoint directory under the meta dir.
std::string getExecutorRunPath(const std::string& rootDir,
                               const SlaveID& slaveId,
                               const FrameworkID& frameworkId,
                               const ExecutorID& executorId,
                               const ContainerID& containerId);

// .../executors/<executorId>/runs/latest.
std::string getExecutorLatestRunPath(const std::string& rootDir,
                                     const SlaveID& slaveId,
                                     const FrameworkID& frameworkId,
                                     const ExecutorID& executorId);

// Present once the agent has finished with the run (executor terminated
// and all its updates acknowledged).
std::string getExecutorSentinelPath(const std::string& rootDir,
                                    const SlaveID& slaveId,
                                    const FrameworkID& frameworkId,
                                    const ExecutorID& executorId,
                                    const ContainerID& containerId);

// Present if the executor subscribed over the HTTP API (it then has no
// libprocess pid).
std::string getExecutorHttpMarkerPath(const std::string& rootDir,
                                      const SlaveID& slaveId,
                                      const FrameworkID& frameworkId,
                                      const ExecutorID& executorId,
                                      const ContainerID& containerId);

// .../runs/<containerId>/pids/forked.pid.
std::string getForkedPidPath(const std::string& rootDir, const SlaveID& slaveId,
                             const FrameworkID& frameworkId,
                             const ExecutorID& executorId,
                             const ContainerID& containerId);

// .../runs/<containerId>/pids/libprocess.pid.
std::string getLibprocessPidPath(const std::string& rootDir,
                                 const SlaveID& slaveId,
                                 const FrameworkID& frameworkId,
                                 const ExecutorID& executorId,
                                 const ContainerID& containerId);

// -- Tasks -------------------------------------------------------------------

// The task directories of a run; listing rules as above.
Try<std::vector<std::string>> getTaskPaths(const std::string& rootDir,
                                           const SlaveID& slaveId,
                                           const FrameworkID& frameworkId,
                                           const ExecutorID& executorId,
                                           const ContainerID& containerId);

std::string getTaskPath(const std::string& rootDir, const SlaveID& slaveId,
                        const FrameworkID& frameworkId,
                        const ExecutorID& executorId,
                        const ContainerID& containerId, const TaskID& taskId);

std::string getTaskInfoPath(const std::string& rootDir, const SlaveID& slaveId,
                            const FrameworkID& frameworkId,
                            const ExecutorID& executorId,
                            const ContainerID& containerId,
                            const TaskID& taskId);

std::string getTaskUpdatesPath(const std::string& rootDir,
                               const SlaveID& slaveId,
                               const FrameworkID& frameworkId,
                               const ExecutorID& executorId,
                               const ContainerID& containerId,
                               const TaskID& taskId);

// -- Parsing -----------------------------------------------------------------

// The IDs named by a run directory path.
struct ExecutorRunPath {
  SlaveID slaveId;
  FrameworkID frameworkId;
  ExecutorID executorId;
  ContainerID containerId;
};

// Parses `dir` = <rootDir>/slaves/<sid>/frameworks/<fid>/executors/<eid>/
// runs/<cid>[/...]. An error if `dir` is not under `rootDir` or does not
// have that shape.
Try<ExecutorRunPath> parseExecutorRunPath(const std::string& rootDir,
                                          const std::string& dir);

// -- Creating ----------------------------------------------------------------

// An error unless `id` can safely be one path component: non-empty, not
// "." or "..", and without '/' or NUL. `kind` names it in the message
// ("agent ID", ...).
Try<Nothing> validateId(const std::string& id, const std::string& kind);

// Creates `directory` (and missing parents, each made durable with an
// fsync of its parent) for use as a sandbox: mode 0750 so other users
// cannot read task data, owned by `user` when given. On a failed chown the
// directory is removed again.
Try<Nothing> createSandboxDirectory(const std::string& directory,
                                    const Option<std::string>& user = None());

// Creates the run directory <rootDir>/.../runs/<containerId> as a sandbox
// (see createSandboxDirectory) and points runs/latest at it, replacing the
// previous link atomically. Returns the run directory. The agent calls it
// twice per run, as Mesos's does: with the work dir for the sandbox and
// with the meta dir for the run's checkpoint directory (whose runs/latest
// recovery follows). Fails on an invalid ID or any file system error.
Try<std::string> createExecutorDirectory(
    const std::string& rootDir, const SlaveID& slaveId,
    const FrameworkID& frameworkId, const ExecutorID& executorId,
    const ContainerID& containerId, const Option<std::string>& user = None());

// Creates <rootDir>/slaves/<slaveId> and points slaves/latest at it,
// replacing the previous link atomically. Returns the directory. Used with
// the meta dir (the agent's checkpoint root) and the work dir.
Try<std::string> createSlaveDirectory(const std::string& rootDir,
                                      const SlaveID& slaveId);

}  // namespace paths
}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SLAVE_PATHS_HPP
