#ifndef MESOS_TESTS_DRIVER_DRIVER_TEST_KIT_HPP
#define MESOS_TESTS_DRIVER_DRIVER_TEST_KIT_HPP

// What the scheduler driver, executor driver and command executor tests
// share: a queue to wait on callbacks and messages without sleeping, a
// base for fake peers (master, agent) that record what they receive, a
// check that callbacks never run on the test's thread, and a child
// program with its output in a directory.

#include <signal.h>
#include <unistd.h>

#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include <process/dispatch.hpp>
#include <process/future.hpp>
#include <process/pid.hpp>
#include <process/protobuf.hpp>
#include <process/subprocess.hpp>

#include <stout/duration.hpp>
#include <stout/option.hpp>
#include <stout/os.hpp>
#include <stout/path.hpp>

namespace mesos {
namespace tests {

// A thread-safe queue whose reader gets a Future: the tests' way to wait
// for the next callback or message without sleeping.
template <typename T>
class EventQueue {
 public:
  // Completes the oldest pending get(), or keeps `value` for a later one.
  void put(const T& value) {
    std::shared_ptr<process::Promise<T>> waiter;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (waiters_.empty()) {
        items_.push_back(value);
        return;
      }
      waiter = waiters_.front();
      waiters_.pop_front();
    }
    waiter->set(value);
  }

  // The oldest value not yet taken, now or when it arrives.
  process::Future<T> get() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!items_.empty()) {
      T value = items_.front();
      items_.pop_front();
      return value;
    }
    auto waiter = std::make_shared<process::Promise<T>>();
    waiters_.push_back(waiter);
    return waiter->future();
  }

  // Values received and not yet taken.
  size_t size() {
    std::lock_guard<std::mutex> lock(mutex_);
    return items_.size();
  }

 private:
  std::mutex mutex_;
  std::deque<T> items_;
  std::deque<std::shared_ptr<process::Promise<T>>> waiters_;
};

// A message a fake peer received, with its sender.
template <typename M>
struct Received {
  process::UPID from;
  M message;
};

// The base of a fake peer process T (CRTP, as ProtobufProcess): sends
// real protobuf messages from any thread and records received ones.
template <typename T>
class FakePeer : public ProtobufProcess<T> {
 public:
  // Sends `message` to `to` from this process (any thread).
  template <typename M>
  void post(const process::UPID& to, const M& message) {
    process::dispatch(this->self(), &FakePeer::deliver, to,
                      message.GetTypeName(), message.SerializeAsString());
  }

 protected:
  // Puts every M this process receives, with its sender, into `queue`
  // (a member of the fake; call from its constructor).
  template <typename M>
  void record(EventQueue<Received<M>>* queue) {
    this->install(M().GetTypeName(),
                  [queue](const process::UPID& from, const std::string& body) {
                    M message;
                    if (message.ParseFromString(body)) {
                      queue->put({from, message});
                    }
                  });
  }

 private:
  void deliver(const process::UPID& to, const std::string& name,
               const std::string& body) {
    process::ProcessBase::send(to, name, body);
  }
};

// Remembers the thread that made it; `check()` (call it in every
// callback) notes a callback that ran on that thread.
class CallbackThreadCheck {
 public:
  void check() {
    if (std::this_thread::get_id() == testThread_) {
      onCallerThread = true;
    }
  }

  bool onCallerThread = false;

 private:
  const std::thread::id testThread_ = std::this_thread::get_id();
};

// A program run as a child process on 127.0.0.1 with an ephemeral
// libprocess port, its stdout and stderr in files under `directory`. The
// destructor kills it (its process group, with `setsid`) if it still runs
// and waits for it.
class ChildProgram {
 public:
  ChildProgram() = default;
  ChildProgram(const ChildProgram&) = delete;
  ChildProgram& operator=(const ChildProgram&) = delete;

  ~ChildProgram() {
    if (child_.isSome() && !child_->status().isReady()) {
      if (setsid_) {
        ::killpg(child_->pid(), SIGKILL);
      } else {
        ::kill(child_->pid(), SIGKILL);
      }
    }
    if (child_.isSome()) {
      child_->status().await(Seconds(30));
    }
  }

  // Starts `program` with `argv`, this process's environment plus
  // `environment` (which wins), in `directory` when `setsid` (then in a
  // new session, as an agent starts executors).
  Try<Nothing> start(const std::string& program,
                     const std::vector<std::string>& argv,
                     const std::string& directory,
                     const std::map<std::string, std::string>& environment,
                     bool setsid = false) {
    directory_ = directory;
    setsid_ = setsid;
    std::map<std::string, std::string> env = os::environment();
    env["LIBPROCESS_IP"] = "127.0.0.1";
    env["LIBPROCESS_PORT"] = "0";
    for (const auto& [name, value] : environment) {
      env[name] = value;
    }
    std::vector<process::Subprocess::ChildHook> hooks;
    if (setsid) {
      hooks.push_back(process::Subprocess::ChildHook::CHDIR(directory));
      hooks.push_back(process::Subprocess::ChildHook::SETSID());
    }
    Try<process::Subprocess> started = process::subprocess(
        program, argv, process::Subprocess::FD(STDIN_FILENO),
        process::Subprocess::PATH(path::join(directory, "stdout")),
        process::Subprocess::PATH(path::join(directory, "stderr")), nullptr,
        env, None(), {}, hooks);
    if (started.isError()) {
      return Error(started.error());
    }
    child_ = started.get();
    return Nothing();
  }

  // The wait status once it exited (None if it did not within `timeout`).
  Option<int> exitStatus(const Duration& timeout = Seconds(30)) {
    process::Future<Option<int>> status = child_->status();
    EXPECT_TRUE(status.await(timeout)) << output();
    return status.isReady() ? status.get() : None();
  }

  std::string stdoutText() const { return read("stdout"); }
  std::string stderrText() const { return read("stderr"); }
  std::string output() const { return stdoutText() + stderrText(); }

 private:
  std::string read(const std::string& name) const {
    Try<std::string> text = os::read(path::join(directory_, name));
    return text.isSome() ? text.get() : "";
  }

  std::string directory_;
  bool setsid_ = false;
  Option<process::Subprocess> child_;
};

}  // namespace tests
}  // namespace mesos

#endif  // MESOS_TESTS_DRIVER_DRIVER_TEST_KIT_HPP
