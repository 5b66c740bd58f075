// Helper for the crash test in task_status_update_manager_tests.cpp: an
// "agent" that pushes a burst of checkpointed updates and acknowledgements
// through a real TaskStatusUpdateManager and reports on stdout each one
// whose future completed, i.e. each one the agent would have acknowledged
// (to the executor for an update, to the master's ack for an ack):
//
//   W <task_id> <uuid>\n     about to call update() (progress only)
//   U <task_id> <uuid>\n     update() completed
//   A <task_id> <uuid>\n     acknowledgement() completed
//
// The test kills it with SIGKILL at some point and checks that recovery
// finds everything reported.
//
// Usage: status-update-helper <meta_dir> <tasks> <updates> <payload_bytes>
//                             fsync|write
// The checkpoint layout for tasks "task-0".."task-<tasks-1>" must exist.

#include <unistd.h>

#include <cstdlib>
#include <deque>
#include <string>
#include <vector>

#include <glog/logging.h>

#include <process/future.hpp>
#include <process/process.hpp>

#include <stout/numify.hpp>

#include "slave/task_status_update_manager.hpp"

#include "tests/slave/status_update_test_utils.hpp"

using mesos::internal::slave::TaskStatusUpdateManager;
using mesos::internal::slave::tests::makeUpdate;
using mesos::internal::slave::tests::TaskIds;

namespace {

void report(const std::string& line) {
  const std::string text = line + "\n";
  // One write(2) per line, so the parent never sees half a line from a
  // report that completed.
  CHECK(os::write(STDOUT_FILENO, text).isSome());
}

}  // namespace

int main(int argc, char** argv) {
  // To stderr only, so that test runs leave no glog files in /tmp.
  FLAGS_logtostderr = true;
  google::InitGoogleLogging(argv[0]);
  if (argc != 6) {
    LOG(ERROR) << "Usage: " << argv[0]
               << " <meta_dir> <tasks> <updates> <payload_bytes> fsync|write";
    return EXIT_FAILURE;
  }
  const std::string metaDir = argv[1];
  const int tasks = numify<int>(argv[2]).get();
  const int updates = numify<int>(argv[3]).get();
  const size_t payload = numify<size_t>(argv[4]).get();
  const mesos::internal::slave::CheckpointSync sync =
      std::string(argv[5]) == "write"
          ? mesos::internal::slave::CheckpointSync::WRITE
          : mesos::internal::slave::CheckpointSync::FSYNC;

  process::initialize();
  {
    TaskStatusUpdateManager manager(metaDir, sync);
    manager.initialize([](mesos::internal::StatusUpdate) {});

    std::vector<std::deque<mesos::internal::StatusUpdate>> unacked(tasks);
    for (int i = 0; i < updates; i++) {
      TaskIds ids;
      const int task = i % tasks;
      ids.taskId.set_value("task-" + std::to_string(task));

      mesos::internal::StatusUpdate update =
          makeUpdate(ids, mesos::TASK_RUNNING);
      update.mutable_status()->set_message(std::string(payload, 'p'));
      const id::UUID uuid = id::UUID::fromBytes(update.uuid()).get();
      report("W " + ids.taskId.value() + " " + uuid.toString());
      process::Future<Nothing> done =
          manager.update(update, ids.slaveId, ids.executorId, ids.containerId);
      CHECK(done.await(Seconds(60)) && done.isReady());
      report("U " + ids.taskId.value() + " " + uuid.toString());
      unacked[task].push_back(update);

      // Every third step acknowledges the task's head, so the file mixes
      // records of both kinds and keeps some updates pending.
      if (i % 3 == 2) {
        const id::UUID head =
            id::UUID::fromBytes(unacked[task].front().uuid()).get();
        process::Future<bool> acked =
            manager.acknowledgement(ids.taskId, ids.frameworkId, head);
        CHECK(acked.await(Seconds(60)) && acked.isReady());
        report("A " + ids.taskId.value() + " " + head.toString());
        unacked[task].pop_front();
      }
    }
  }
  process::finalize();
  return EXIT_SUCCESS;
}
