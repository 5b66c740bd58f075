// The cluster benchmark's framework: a scheduler (run by the real
// MesosSchedulerDriver of libmesos, in the benchmark's OS process) that
// launches a fixed number of tasks and records, per task, when it was
// handed to launchTasks and when its TASK_RUNNING and terminal updates
// arrived. Nothing is faked: the master and agent are the real daemons.

#ifndef MESOS_TESTS_BENCHMARKS_BENCH_SCHEDULER_HPP
#define MESOS_TESTS_BENCHMARKS_BENCH_SCHEDULER_HPP

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include <mesos/resources.hpp>
#include <mesos/scheduler.hpp>

#include <stout/duration.hpp>
#include <stout/option.hpp>

namespace mesos {
namespace internal {
namespace tests {

using BenchClock = std::chrono::steady_clock;

struct TaskTimes {
  Option<BenchClock::time_point> launched;  // passed to launchTasks
  Option<BenchClock::time_point> running;   // TASK_RUNNING arrived
  Option<BenchClock::time_point> terminal;  // a terminal update arrived
  Option<TaskState> state;                  // the last state seen
};

class BenchScheduler : public Scheduler {
 public:
  enum class Mode {
    BATCH,   // every task as soon as offers allow (as mesos-execute)
    SERIAL,  // one task at a time: the next after the previous finished
  };

  // `tasks` tasks of `taskResources`, each running `command` through the
  // command executor, or, with `executor` set, each in its own executor
  // of that command with `executorResources`.
  BenchScheduler(Mode mode, int tasks, const Resources& taskResources,
                 const std::string& command,
                 const Option<CommandInfo>& executor,
                 const Resources& executorResources);

  // Blocks until every task is in a terminal state (`terminal`) or
  // TASK_RUNNING at least (otherwise), or `timeout` passes; true if so.
  bool awaitTerminal(const Duration& timeout);
  bool awaitRunning(const Duration& timeout);

  // A copy of the per-task records, indexed by task number.
  std::vector<TaskTimes> times() const;

  // Tasks whose terminal state was not TASK_FINISHED.
  int failed() const;

  void registered(SchedulerDriver*, const FrameworkID&,
                  const MasterInfo&) override {}
  void reregistered(SchedulerDriver*, const MasterInfo&) override {}
  void disconnected(SchedulerDriver*) override {}
  void resourceOffers(SchedulerDriver* driver,
                      const std::vector<Offer>& offers) override;
  void offerRescinded(SchedulerDriver*, const OfferID&) override {}
  void statusUpdate(SchedulerDriver* driver, const TaskStatus& status) override;
  void frameworkMessage(SchedulerDriver*, const ExecutorID&, const SlaveID&,
                        const std::string&) override {}
  void slaveLost(SchedulerDriver*, const SlaveID&) override {}
  void executorLost(SchedulerDriver*, const ExecutorID&, const SlaveID&,
                    int) override {}
  void error(SchedulerDriver*, const std::string& message) override;

 private:
  bool await(const Duration& timeout, const std::function<bool()>& done);

  const Mode mode_;
  const int tasks_;
  const Resources taskResources_;
  const std::string command_;
  const Option<CommandInfo> executor_;
  const Resources executorResources_;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<TaskTimes> times_;
  int launched_ = 0;
  int running_ = 0;
  int terminal_ = 0;
  int failed_ = 0;
  bool error_ = false;
};

}  // namespace tests
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_TESTS_BENCHMARKS_BENCH_SCHEDULER_HPP
