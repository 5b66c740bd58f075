#ifndef PROCESS_TESTS_CHILD_PROCESS_HPP
#define PROCESS_TESTS_CHILD_PROCESS_HPP

// A helper binary run as a separate OS process, for tests and benchmarks
// that need a real peer across a socket. Started with posix_spawn (a
// multi-threaded test process must not fork and keep running), with its
// stdin and stdout on pipes. Destroying it kills (SIGKILL) and reaps the
// child if it is still running. Not thread-safe.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <stout/error.hpp>
#include <stout/try.hpp>

extern char** environ;

namespace process {
namespace testing {

class ChildProcess {
 public:
  // Runs `path` with `args` and this process's environment plus `env`
  // ("NAME=value" entries, overriding).
  static Try<std::unique_ptr<ChildProcess>> start(
      const std::string& path, const std::vector<std::string>& args,
      const std::vector<std::string>& env) {
    int in[2];
    int out[2];
    if (::pipe2(in, O_CLOEXEC) != 0)
      return Error(std::string("pipe: ") + std::strerror(errno));
    if (::pipe2(out, O_CLOEXEC) != 0) {
      ::close(in[0]);
      ::close(in[1]);
      return Error(std::string("pipe: ") + std::strerror(errno));
    }

    std::vector<std::string> environment;
    for (char** entry = environ; *entry != nullptr; ++entry) {
      const std::string text = *entry;
      const std::string name = text.substr(0, text.find('='));
      bool overridden = false;
      for (const std::string& added : env)
        overridden |= added.substr(0, added.find('=')) == name;
      if (!overridden)
        environment.push_back(text);
    }
    environment.insert(environment.end(), env.begin(), env.end());

    std::vector<std::string> arguments{path};
    arguments.insert(arguments.end(), args.begin(), args.end());

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);

    pid_t pid = -1;
    const int error =
        ::posix_spawn(&pid, path.c_str(), &actions, nullptr,
                      pointers(arguments).data(), pointers(environment).data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    if (error != 0) {
      ::close(in[1]);
      ::close(out[0]);
      return Error("posix_spawn " + path + ": " + std::strerror(error));
    }
    return std::unique_ptr<ChildProcess>(new ChildProcess(pid, in[1], out[0]));
  }

  ~ChildProcess() {
    closeStdin();
    if (out_ >= 0)
      ::close(out_);
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      wait();
    }
  }

  pid_t pid() const { return pid_; }

  // The next line the child writes (without the newline), waiting at most
  // `timeout`; an error on timeout or EOF.
  Try<std::string> readLine(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      const size_t newline = buffer_.find('\n');
      if (newline != std::string::npos) {
        std::string line = buffer_.substr(0, newline);
        buffer_.erase(0, newline + 1);
        return line;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0)
        return Error("timed out waiting for the child's output");
      pollfd poll{out_, POLLIN, 0};
      if (::poll(&poll, 1, static_cast<int>(left.count())) < 0 &&
          errno != EINTR) {
        return Error(std::string("poll: ") + std::strerror(errno));
      }
      char data[4096];
      const ssize_t n = ::read(out_, data, sizeof(data));
      if (n == 0)
        return Error("the child closed its output");
      if (n > 0)
        buffer_.append(data, static_cast<size_t>(n));
    }
  }

  // Asks the child to finish by closing its stdin.
  void closeStdin() {
    if (in_ >= 0) {
      ::close(in_);
      in_ = -1;
    }
  }

  void kill(int signal = SIGKILL) {
    if (pid_ > 0)
      ::kill(pid_, signal);
  }

  // Reaps the child; its wait status, or -1 if already reaped.
  int wait() {
    if (pid_ <= 0)
      return -1;
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    return status;
  }

 private:
  ChildProcess(pid_t pid, int in, int out) : pid_(pid), in_(in), out_(out) {}

  static std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> result;
    for (std::string& s : strings)
      result.push_back(s.data());
    result.push_back(nullptr);
    return result;
  }

  pid_t pid_;
  int in_;
  int out_;
  std::string buffer_;
};

}  // namespace testing
}  // namespace process

#endif  // PROCESS_TESTS_CHILD_PROCESS_HPP
