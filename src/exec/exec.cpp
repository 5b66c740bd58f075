// MesosExecutorDriver: the public driver object. Its methods check and
// change the driver status under `mutex` and dispatch the work to the
// ExecutorProcess, which owns all protocol state.

#include <mesos/executor.hpp>

#include <cstdio>

#include <glog/logging.h>

#include <process/dispatch.hpp>
#include <process/latch.hpp>
#include <process/process.hpp>

#include <stout/os.hpp>

#include "driver/driver_state.hpp"
#include "exec/executor_process.hpp"

using mesos::internal::ExecutorConfiguration;
using mesos::internal::ExecutorProcess;

using process::dispatch;

using std::string;

namespace mesos {

MesosExecutorDriver::MesosExecutorDriver(Executor* executor)
    : MesosExecutorDriver(executor, os::environment()) {}

MesosExecutorDriver::MesosExecutorDriver(
    Executor* _executor, const std::map<string, string>& _environment)
    : executor(_executor),
      process(nullptr),
      latch(nullptr),
      status(DRIVER_NOT_STARTED),
      environment(_environment) {
  GOOGLE_PROTOBUF_VERIFY_VERSION;
  process::initialize();
  latch = new process::Latch();
}

MesosExecutorDriver::~MesosExecutorDriver() {
  internal::driver::destroy(&process);
  delete latch;
}

Status MesosExecutorDriver::start() {
  std::lock_guard<std::recursive_mutex> lock(mutex);
  if (status != DRIVER_NOT_STARTED)
    return status;

  // Line-buffered output, so a task's output is captured promptly even
  // when redirected to the sandbox's files.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::setvbuf(stderr, nullptr, _IOLBF, 0);

  Try<ExecutorConfiguration> config = ExecutorConfiguration::parse(environment);
  Option<string> startError;
  if (config.isError()) {
    LOG(ERROR) << "Cannot start the executor driver: " << config.error();
    startError = config.error();
  }

  // With a start error the process only reports it (error callback on its
  // own thread, latch opened), so join() returns DRIVER_ABORTED.
  process = new ExecutorProcess(
      this, executor, config.isSome() ? config.get() : ExecutorConfiguration(),
      &mutex, latch, startError);
  status = startError.isSome() ? DRIVER_ABORTED : DRIVER_RUNNING;
  process::spawn(process);
  return status;
}

Status MesosExecutorDriver::stop() {
  std::lock_guard<std::recursive_mutex> lock(mutex);
  if (!internal::driver::stoppable(status))
    return status;

  CHECK(process != nullptr);
  dispatch(process, &ExecutorProcess::stop);
  return internal::driver::markStopped(&status);
}

Status MesosExecutorDriver::abort() {
  std::lock_guard<std::recursive_mutex> lock(mutex);
  if (status != DRIVER_RUNNING)
    return status;

  CHECK(process != nullptr);
  process->aborted.store(true);
  // Dispatched, so requests queued before the abort are still sent.
  dispatch(process, &ExecutorProcess::abort);
  return status = DRIVER_ABORTED;
}

Status MesosExecutorDriver::join() {
  return internal::driver::join(mutex, process, *latch, status);
}

Status MesosExecutorDriver::run() {
  return internal::driver::run(this);
}

Status MesosExecutorDriver::sendStatusUpdate(const TaskStatus& taskStatus) {
  return internal::driver::dispatchIfRunning(
      mutex, status, process, &ExecutorProcess::sendStatusUpdate, taskStatus);
}

Status MesosExecutorDriver::sendFrameworkMessage(const string& data) {
  return internal::driver::dispatchIfRunning(
      mutex, status, process, &ExecutorProcess::sendFrameworkMessage, data);
}

}  // namespace mesos
