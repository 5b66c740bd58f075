// Throughput of the task status update manager's checkpointed path: how
// many updates + acknowledgements per second it handles with the task
// files on a given file system, with and without fsync. Not a ctest; the
// figures go to docs/performance.md.
//
// Usage: status-update-benchmark [--updates=N] [--tasks=T] [dir...]
//   dir: where to put the checkpoints (default: /dev/shm and the current
//   directory); a fresh subdirectory is made and removed under each.
//
// Patterns:
//   serial     one task; update, wait, ack, wait: the latency of one
//              update+ack round trip, nothing to batch.
//   pipelined  T tasks, all updates submitted at once, each forwarded head
//              acknowledged as soon as it is forwarded (as a fast master
//              would): throughput with group commit.
// Each pattern runs with CheckpointSync::FSYNC ("fsync") and ::WRITE
// ("write"), plus a non-checkpointing baseline ("none").

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <glog/logging.h>

#include <process/future.hpp>
#include <process/process.hpp>

#include <stout/numify.hpp>
#include <stout/strings.hpp>

#include "slave/task_status_update_manager.hpp"

#include "tests/slave/status_update_test_utils.hpp"

namespace mesos {
namespace internal {
namespace slave {
namespace tests {
namespace {

using process::Future;

enum class Mode { FSYNC, WRITE, NONE };

const char* name(Mode mode) {
  switch (mode) {
    case Mode::FSYNC:
      return "fsync";
    case Mode::WRITE:
      return "write";
    case Mode::NONE:
      return "none";
  }
  return "?";
}

Future<Nothing> submit(TaskStatusUpdateManager* manager, Mode mode,
                       const TaskIds& ids, const StatusUpdate& update) {
  if (mode == Mode::NONE) {
    return manager->update(update, ids.slaveId);
  }
  return manager->update(update, ids.slaveId, ids.executorId, ids.containerId);
}

// Seconds for `updates` update+ack round trips on one task.
double serial(const std::string& metaDir, Mode mode, int updates) {
  TaskStatusUpdateManager manager(metaDir, mode == Mode::FSYNC
                                               ? CheckpointSync::FSYNC
                                               : CheckpointSync::WRITE);
  manager.initialize([](StatusUpdate) {});
  TaskIds ids;
  ids.taskId.set_value("serial-" + std::string(name(mode)));

  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < updates; i++) {
    const StatusUpdate update = makeUpdate(ids, TASK_RUNNING);
    Future<Nothing> done = submit(&manager, mode, ids, update);
    CHECK(done.await(Seconds(60)) && done.isReady());
    Future<bool> acked =
        manager.acknowledgement(ids.taskId, ids.frameworkId, uuidOf(update));
    CHECK(acked.await(Seconds(60)) && acked.isReady());
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

// Seconds until `updates` updates spread over `tasks` tasks are all
// checkpointed, forwarded and acknowledged.
double pipelined(const std::string& metaDir, Mode mode, int updates,
                 int tasks) {
  TaskStatusUpdateManager manager(metaDir, mode == Mode::FSYNC
                                               ? CheckpointSync::FSYNC
                                               : CheckpointSync::WRITE);
  std::atomic<int> acked{0};
  process::Promise<Nothing> allAcked;
  TaskStatusUpdateManager* target = &manager;
  manager.initialize([&, target, updates](StatusUpdate update) {
    target
        ->acknowledgement(update.status().task_id(), update.framework_id(),
                          uuidOf(update))
        .onReady([&, updates](bool) {
          if (++acked == updates) {
            allAcked.set(Nothing());
          }
        });
  });

  std::vector<TaskIds> ids(tasks);
  std::vector<StatusUpdate> prepared;
  prepared.reserve(updates);
  for (int i = 0; i < updates; i++) {
    TaskIds& task = ids[i % tasks];
    task.taskId.set_value("pipelined-" + std::string(name(mode)) + "-" +
                          std::to_string(i % tasks));
    prepared.push_back(makeUpdate(task, TASK_RUNNING));
  }

  const auto start = std::chrono::steady_clock::now();
  std::vector<Future<Nothing>> done;
  done.reserve(updates);
  for (int i = 0; i < updates; i++) {
    done.push_back(submit(&manager, mode, ids[i % tasks], prepared[i]));
  }
  for (const Future<Nothing>& future : done) {
    CHECK(future.await(Seconds(600)) && future.isReady());
  }
  Future<Nothing> finished = allAcked.future();
  CHECK(finished.await(Seconds(600)));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  // Let the last acknowledgements' callbacks return before the promise and
  // counter go away.
  process::Future<bool> last = manager.acknowledgement(
      makeId<TaskID>("none"), makeId<FrameworkID>("none"), id::UUID::random());
  last.await(Seconds(60));
  return seconds;
}

void row(const std::string& dir, Mode mode, const char* pattern, int updates,
         double seconds) {
  const double ops = 2.0 * updates;  // An update and its ack.
  std::printf("%-28s %-6s %-10s %8d %9.3f %11.0f %9.1f\n", dir.c_str(),
              name(mode), pattern, updates, seconds, ops / seconds,
              seconds * 1e6 / updates);
  std::fflush(stdout);
}

int run(int argc, char** argv) {
  int updates = 2000;
  int tasks = 32;
  std::vector<std::string> dirs;
  for (int i = 1; i < argc; i++) {
    const std::string arg = argv[i];
    if (strings::startsWith(arg, "--updates=")) {
      updates = numify<int>(arg.substr(10)).get();
    } else if (strings::startsWith(arg, "--tasks=")) {
      tasks = numify<int>(arg.substr(8)).get();
    } else {
      dirs.push_back(arg);
    }
  }
  if (dirs.empty()) {
    dirs = {"/dev/shm", os::getcwd()};
  }

  process::initialize();
  std::printf("%-28s %-6s %-10s %8s %9s %11s %9s\n", "directory", "sync",
              "pattern", "updates", "seconds", "(upd+ack)/s", "us/update");
  for (const std::string& dir : dirs) {
    for (Mode mode : {Mode::FSYNC, Mode::WRITE, Mode::NONE}) {
      TemporaryDirectory scratch(dir);
      const std::string meta = paths::getMetaRootDir(scratch.path());
      // A round trip syncs once per update; keep its run short on disks.
      const int serialUpdates =
          mode == Mode::FSYNC ? std::max(1, updates / 4) : updates;
      row(dir, mode, "serial", serialUpdates,
          serial(meta, mode, serialUpdates));
      row(dir, mode, "pipelined", updates,
          pipelined(meta, mode, updates, tasks));
    }
  }
  process::finalize();
  return EXIT_SUCCESS;
}

}  // namespace
}  // namespace tests
}  // namespace slave
}  // namespace internal
}  // namespace mesos

int main(int argc, char** argv) {
  FLAGS_logtostderr = true;  // Leave no log files in /tmp.
  google::InitGoogleLogging(argv[0]);
  // Two INFO lines per update+ack would dominate what is measured here.
  FLAGS_minloglevel = google::WARNING;
  return mesos::internal::slave::tests::run(argc, argv);
}
