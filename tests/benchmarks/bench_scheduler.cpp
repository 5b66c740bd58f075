#include "benchmarks/bench_scheduler.hpp"

#include <iostream>

#include <stout/stringify.hpp>

#include "common/protobuf_utils.hpp"

namespace mesos {
namespace internal {
namespace tests {

BenchScheduler::BenchScheduler(Mode mode, int tasks,
                               const Resources& taskResources,
                               const std::string& command,
                               const Option<CommandInfo>& executor,
                               const Resources& executorResources)
    : mode_(mode),
      tasks_(tasks),
      taskResources_(taskResources),
      command_(command),
      executor_(executor),
      executorResources_(executorResources),
      times_(tasks) {}

void BenchScheduler::resourceOffers(SchedulerDriver* driver,
                                    const std::vector<Offer>& offers) {
  for (const Offer& offer : offers) {
    Resources remaining = offer.resources();
    Option<std::string> role;
    if (offer.resources_size() > 0 &&
        offer.resources(0).has_allocation_info()) {
      role = offer.resources(0).allocation_info().role();
    }
    remaining.unallocate();

    std::vector<TaskInfo> tasks;
    std::vector<int> numbers;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      // SERIAL: at most one task in flight.
      const bool idle = launched_ == terminal_;
      while (launched_ < tasks_ && (mode_ == Mode::BATCH || idle) &&
             (mode_ == Mode::BATCH || tasks.empty())) {
        Option<Resources> task = remaining.find(taskResources_);
        if (task.isNone())
          break;
        remaining -= task.get();
        Option<Resources> executor;
        if (executor_.isSome()) {
          executor = remaining.find(executorResources_);
          if (executor.isNone())
            break;
          remaining -= executor.get();
        }

        const int number = launched_++;
        TaskInfo info;
        info.set_name("bench");
        info.mutable_task_id()->set_value("task-" + stringify(number));
        *info.mutable_slave_id() = offer.slave_id();
        if (role.isSome())
          task->allocate(role.get());
        *info.mutable_resources() = task.get();
        if (executor_.isSome()) {
          ExecutorInfo* executorInfo = info.mutable_executor();
          executorInfo->mutable_executor_id()->set_value("executor-" +
                                                         stringify(number));
          executorInfo->set_name("bench-executor");
          *executorInfo->mutable_command() = executor_.get();
          if (role.isSome())
            executor->allocate(role.get());
          *executorInfo->mutable_resources() = executor.get();
        } else {
          info.mutable_command()->set_value(command_);
        }
        tasks.push_back(info);
        numbers.push_back(number);
      }
    }

    if (tasks.empty()) {
      // Nothing to do with it now; let it come back at once in SERIAL mode.
      Filters filters;
      filters.set_refuse_seconds(mode_ == Mode::SERIAL ? 0 : 5);
      driver->declineOffer(offer.id(), filters);
      continue;
    }

    const BenchClock::time_point now = BenchClock::now();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (int number : numbers)
        times_[number].launched = now;
    }
    Filters filters;
    if (mode_ == Mode::SERIAL)
      filters.set_refuse_seconds(0);
    driver->launchTasks(offer.id(), tasks, filters);
  }
}

void BenchScheduler::statusUpdate(SchedulerDriver* driver,
                                  const TaskStatus& status) {
  const BenchClock::time_point now = BenchClock::now();
  const std::string& id = status.task_id().value();
  if (id.rfind("task-", 0) != 0)
    return;
  const size_t number = std::stoul(id.substr(5));

  bool revive = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (number >= times_.size())
      return;
    TaskTimes& task = times_[number];
    task.state = status.state();
    if (status.state() == TASK_RUNNING && task.running.isNone()) {
      task.running = now;
      ++running_;
    }
    if (protobuf::isTerminalState(status.state()) && task.terminal.isNone()) {
      task.terminal = now;
      ++terminal_;
      if (status.state() != TASK_FINISHED) {
        ++failed_;
        std::cerr << "Task " << id << " ended "
                  << TaskState_Name(status.state()) << ": " << status.message()
                  << std::endl;
      }
      revive = mode_ == Mode::SERIAL && launched_ < tasks_;
    }
  }
  changed_.notify_all();

  // The agent's resources come back with the update; ask for them now
  // rather than at the next periodic allocation.
  if (revive)
    driver->reviveOffers();
}

void BenchScheduler::error(SchedulerDriver*, const std::string& message) {
  std::cerr << "Framework error: " << message << std::endl;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    error_ = true;
  }
  changed_.notify_all();
}

bool BenchScheduler::await(const Duration& timeout,
                           const std::function<bool()>& done) {
  std::unique_lock<std::mutex> lock(mutex_);
  return changed_.wait_for(
             lock, std::chrono::nanoseconds(static_cast<int64_t>(timeout.ns())),
             [&] { return error_ || done(); }) &&
         !error_;
}

bool BenchScheduler::awaitTerminal(const Duration& timeout) {
  return await(timeout, [this] { return terminal_ >= tasks_; });
}

bool BenchScheduler::awaitRunning(const Duration& timeout) {
  return await(timeout,
               [this] { return running_ >= tasks_ || terminal_ >= tasks_; });
}

std::vector<TaskTimes> BenchScheduler::times() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return times_;
}

int BenchScheduler::failed() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return failed_;
}

}  // namespace tests
}  // namespace internal
}  // namespace mesos
