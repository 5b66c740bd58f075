#include <process/subprocess.hpp>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glog/logging.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <utility>

#include <process/process.hpp>
#include <process/reap.hpp>

#include <stout/error.hpp>

#ifndef SYS_close_range
#define SYS_close_range 436
#endif

namespace process {

Subprocess::Data::~Data() {
  for (const Option<int>& fd : {in, out, err}) {
    if (fd.isSome())
      ::close(fd.get());
  }
}

Option<int> Subprocess::in() const {
  std::lock_guard<std::mutex> lock(data_->mutex);
  return data_->in;
}

void Subprocess::closeIn() const {
  Option<int> fd;
  {
    std::lock_guard<std::mutex> lock(data_->mutex);
    fd = data_->in;
    data_->in = None();
  }
  if (fd.isSome())
    ::close(fd.get());
}

Subprocess::IO Subprocess::PIPE() {
  return IO(IO::Kind::PIPE, -1, IO::DUPLICATED, "");
}

Subprocess::IO Subprocess::PATH(const std::string& path) {
  return IO(IO::Kind::PATH, -1, IO::DUPLICATED, path);
}

Subprocess::IO Subprocess::FD(int fd, IO::FDType type) {
  return IO(IO::Kind::FD, fd, type, "");
}

Subprocess::ChildHook Subprocess::ChildHook::CHDIR(
    const std::string& directory) {
  return ChildHook(Kind::CHDIR, -1, -1, directory);
}

Subprocess::ChildHook Subprocess::ChildHook::SETSID() {
  return ChildHook(Kind::SETSID, -1, -1, "");
}

Subprocess::ChildHook Subprocess::ChildHook::DUP2(int from, int to) {
  return ChildHook(Kind::DUP2, from, to, "");
}

Subprocess::ChildHook Subprocess::ChildHook::UNSET_CLOEXEC(int fd) {
  return ChildHook(Kind::UNSET_CLOEXEC, fd, -1, "");
}

namespace internal {

namespace {

constexpr const char* kDefaultPath = "/bin:/usr/bin";
const char* const kStreamNames[3] = {"stdin", "stdout", "stderr"};

// What the child reports through the close-on-exec pipe when a step
// before exec fails; nothing arrives once exec succeeded.
enum class Step : int32_t { SYNC, STDIO, HOOK, INHERIT, CLOSE, EXEC };

struct Report {
  Step step;
  int32_t index;
  int32_t error;
};

// Descriptors closed when this goes out of scope unless released.
class ScopedFds {
 public:
  ScopedFds() = default;
  ScopedFds(const ScopedFds&) = delete;
  ScopedFds& operator=(const ScopedFds&) = delete;
  ~ScopedFds() { closeAll(); }

  int add(int fd) {
    if (std::find(fds_.begin(), fds_.end(), fd) == fds_.end())
      fds_.push_back(fd);
    return fd;
  }
  void release(int fd) {
    fds_.erase(std::remove(fds_.begin(), fds_.end(), fd), fds_.end());
  }
  void closeAll() {
    for (int fd : fds_)
      ::close(fd);
    fds_.clear();
  }

 private:
  std::vector<int> fds_;
};

enum class HookKind { CHDIR, SETSID, DUP2, UNSET_CLOEXEC };

struct ChildHookPlan {
  HookKind kind;
  int a;
  int b;
  const char* path;
};

// Everything the child needs, computed before the fork so that the child
// allocates nothing and takes no lock.
struct ChildPlan {
  int stdio[3] = {-1, -1, -1};
  std::vector<ChildHookPlan> hooks;
  // Sorted; at least 3. `keep` stays open; `inherit` also loses
  // close-on-exec (everything in `keep` except the report pipe).
  std::vector<int> keep;
  std::vector<int> inherit;
  long max_fd = 0;
  int report_fd = -1;
  int sync_fd = -1;

  std::string path;
  std::vector<std::string> candidates;  // Empty: exec `path` as is.
  std::vector<std::string> args;        // What `argv` points into.
  std::vector<char*> argv;
  std::vector<char*> shell_argv;  // {"/bin/sh", <file>, argv[1..]}.
  std::vector<std::string> environment;
  std::vector<char*> envp_storage;
  char** envp = nullptr;
};

[[noreturn]] void childFail(const ChildPlan& plan, Step step, int index,
                            int error) {
  const Report report{step, index, error};
  while (::write(plan.report_fd, &report, sizeof(report)) < 0 &&
         errno == EINTR) {
  }
  ::_exit(127);
}

bool clearCloexec(int fd) {
  const int flags = ::fcntl(fd, F_GETFD);
  return flags >= 0 && ::fcntl(fd, F_SETFD, flags & ~FD_CLOEXEC) == 0;
}

bool dup2Retrying(int from, int to) {
  while (::dup2(from, to) < 0) {
    if (errno != EINTR)
      return false;
  }
  return true;
}

// Closes [low, high] (high < 0: to the end) with close_range(2), or one
// by one up to `limit` on kernels older than 5.9.
bool closeRange(int low, int high, long limit) {
  if (high >= 0 && low > high)
    return true;
  const unsigned int last = high < 0 ? ~0U : static_cast<unsigned int>(high);
  if (::syscall(SYS_close_range, static_cast<unsigned int>(low), last, 0) ==
      0) {
    return true;
  }
  if (errno != ENOSYS)
    return false;
  const long end = high < 0 ? limit : std::min<long>(high, limit);
  for (long fd = low; fd <= end; fd++)
    ::close(static_cast<int>(fd));
  return true;
}

void execute(ChildPlan& plan, const char* file) {
  ::execve(file, plan.argv.data(), plan.envp);
  if (errno == ENOEXEC) {
    plan.shell_argv[1] = const_cast<char*>(file);
    ::execve("/bin/sh", plan.shell_argv.data(), plan.envp);
    errno = ENOEXEC;
  }
}

// The child, between fork and exec: async-signal-safe calls only.
[[noreturn]] void childMain(ChildPlan& plan) {
  struct sigaction default_action;
  std::memset(&default_action, 0, sizeof(default_action));
  default_action.sa_handler = SIG_DFL;
  sigemptyset(&default_action.sa_mask);
  for (int signal = 1; signal < NSIG; signal++) {
    if (signal != SIGKILL && signal != SIGSTOP)
      ::sigaction(signal, &default_action, nullptr);
  }

  if (plan.sync_fd >= 0) {
    char byte;
    ssize_t n;
    do {
      n = ::read(plan.sync_fd, &byte, 1);
    } while (n < 0 && errno == EINTR);
    if (n != 1)
      childFail(plan, Step::SYNC, 0, n < 0 ? errno : EPIPE);
  }

  // Move sources that sit on another stdio number out of the way first,
  // so no dup2 below overwrites a source still needed.
  int source[3];
  for (int i = 0; i < 3; i++) {
    source[i] = plan.stdio[i];
    if (source[i] != i && source[i] < 3) {
      source[i] = ::fcntl(source[i], F_DUPFD, 3);
      if (source[i] < 0)
        childFail(plan, Step::STDIO, i, errno);
    }
  }
  for (int i = 0; i < 3; i++) {
    const bool ok =
        source[i] == i ? clearCloexec(i) : dup2Retrying(source[i], i);
    if (!ok)
      childFail(plan, Step::STDIO, i, errno);
  }

  for (size_t i = 0; i < plan.hooks.size(); i++) {
    const ChildHookPlan& hook = plan.hooks[i];
    bool ok = true;
    switch (hook.kind) {
      case HookKind::CHDIR:
        ok = ::chdir(hook.path) == 0;
        break;
      case HookKind::SETSID:
        ok = ::setsid() >= 0;
        break;
      case HookKind::DUP2:
        ok = hook.a == hook.b ? clearCloexec(hook.a)
                              : dup2Retrying(hook.a, hook.b);
        break;
      case HookKind::UNSET_CLOEXEC:
        ok = clearCloexec(hook.a);
        break;
    }
    if (!ok)
      childFail(plan, Step::HOOK, static_cast<int>(i), errno);
  }

  int low = 3;
  for (int fd : plan.keep) {
    if (!closeRange(low, fd - 1, plan.max_fd))
      childFail(plan, Step::CLOSE, 0, errno);
    low = fd + 1;
  }
  if (!closeRange(low, -1, plan.max_fd))
    childFail(plan, Step::CLOSE, 0, errno);
  for (size_t i = 0; i < plan.inherit.size(); i++) {
    if (!clearCloexec(plan.inherit[i]))
      childFail(plan, Step::INHERIT, static_cast<int>(i), errno);
  }

  sigset_t empty;
  sigemptyset(&empty);
  ::sigprocmask(SIG_SETMASK, &empty, nullptr);

  int error = ENOENT;
  if (plan.candidates.empty()) {
    execute(plan, plan.path.c_str());
    error = errno;
  } else {
    // execvp's rules: skip directories without the file; remember EACCES.
    bool denied = false;
    for (const std::string& candidate : plan.candidates) {
      execute(plan, candidate.c_str());
      if (errno == EACCES) {
        denied = true;
      } else if (errno != ENOENT && errno != ENOTDIR && errno != ESTALE &&
                 errno != ENODEV && errno != ETIMEDOUT) {
        error = errno;
        denied = false;
        break;
      }
    }
    if (denied)
      error = EACCES;
  }
  childFail(plan, Step::EXEC, 0, error);
}

// Moves `fd` to a number >= `low` (close-on-exec), so the child's stdio
// set-up and dup2 hooks cannot overwrite it.
Try<int> atLeast(int fd, int low) {
  if (fd >= low)
    return fd;
  const int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, low);
  const int error = errno;
  ::close(fd);
  if (moved < 0)
    return ErrnoError("Failed to move fd " + std::to_string(fd), error);
  return moved;
}

// A close-on-exec pipe (read end, write end), both at `low` or above.
Try<std::array<int, 2>> makePipe(int low = 3) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    return ErrnoError("Failed to create a pipe");
  Try<int> read = atLeast(fds[0], low);
  Try<int> write = atLeast(fds[1], low);
  if (read.isError() || write.isError()) {
    if (read.isSome())
      ::close(read.get());
    if (write.isSome())
      ::close(write.get());
    return Error(read.isError() ? read.error() : write.error());
  }
  return std::array<int, 2>{read.get(), write.get()};
}

void waitForExit(pid_t pid) {
  int status;
  while (::waitpid(pid, &status, __WALL) < 0 && errno == EINTR) {
  }
}

// The report comes from our own child, so its indices are in range.
std::string describe(const Report& report, const ChildPlan& plan) {
  const size_t index = static_cast<size_t>(report.index);
  std::string what;
  switch (report.step) {
    case Step::SYNC:
      what = "Failed to synchronize with the parent";
      break;
    case Step::STDIO:
      what = std::string("Failed to redirect the child's ") +
             kStreamNames[std::min<size_t>(index, 2)];
      break;
    case Step::HOOK: {
      CHECK_LT(index, plan.hooks.size());
      const ChildHookPlan& hook = plan.hooks[index];
      switch (hook.kind) {
        case HookKind::CHDIR:
          what = "Failed to change the working directory to '" +
                 std::string(hook.path) + "'";
          break;
        case HookKind::SETSID:
          what = "Failed to start a new session";
          break;
        case HookKind::DUP2:
          what = "Failed to duplicate fd " + std::to_string(hook.a) +
                 " onto fd " + std::to_string(hook.b);
          break;
        case HookKind::UNSET_CLOEXEC:
          what =
              "Failed to clear close-on-exec on fd " + std::to_string(hook.a);
          break;
      }
      break;
    }
    case Step::INHERIT:
      CHECK_LT(index, plan.inherit.size());
      what = "Failed to pass fd " + std::to_string(plan.inherit[index]) +
             " to the child";
      break;
    case Step::CLOSE:
      what = "Failed to close the child's inherited file descriptors";
      break;
    case Step::EXEC:
      what = "Failed to execute '" + plan.path + "'";
      break;
  }
  return what + ": " + std::strerror(report.error);
}

// Fills the exec part of `plan`: argv (with `flags` appended), the
// environment and, for a bare program name, execvp's search candidates.
void planExec(ChildPlan& plan, const std::string& path,
              std::vector<std::string> argv, const flags::FlagsBase* flags,
              const Option<std::map<std::string, std::string>>& environment) {
  if (flags != nullptr) {
    for (const auto& [name, flag] : *flags) {
      Option<std::string> value = flag.stringify(*flags);
      if (value.isSome())
        argv.push_back("--" + flag.effective_name().value + "=" + value.get());
    }
  }

  plan.path = path;
  plan.args = std::move(argv);
  for (std::string& arg : plan.args)
    plan.argv.push_back(&arg[0]);
  plan.argv.push_back(nullptr);
  plan.shell_argv.push_back(const_cast<char*>("/bin/sh"));
  plan.shell_argv.push_back(nullptr);
  for (size_t i = 1; i < plan.args.size(); i++)
    plan.shell_argv.push_back(&plan.args[i][0]);
  plan.shell_argv.push_back(nullptr);

  std::string search_path = kDefaultPath;
  if (environment.isSome()) {
    for (const auto& [key, value] : environment.get()) {
      plan.environment.push_back(key + "=" + value);
      if (key == "PATH")
        search_path = value;
    }
    for (std::string& entry : plan.environment)
      plan.envp_storage.push_back(&entry[0]);
    plan.envp_storage.push_back(nullptr);
    plan.envp = plan.envp_storage.data();
  } else {
    plan.envp = environ;
    if (const char* value = ::getenv("PATH"))
      search_path = value;
  }

  if (path.empty() || path.find('/') != std::string::npos)
    return;
  size_t start = 0;
  while (true) {
    const size_t colon = search_path.find(':', start);
    const std::string directory = search_path.substr(
        start, colon == std::string::npos ? std::string::npos : colon - start);
    plan.candidates.push_back((directory.empty() ? "." : directory) + "/" +
                              path);
    if (colon == std::string::npos)
      break;
    start = colon + 1;
  }
}

void sortUnique(std::vector<int>& fds) {
  std::sort(fds.begin(), fds.end());
  fds.erase(std::unique(fds.begin(), fds.end()), fds.end());
}

// Creates the child (blocking every signal on this thread meanwhile, so
// the child cannot run one of our handlers before it has reset them).
pid_t startChild(
    ChildPlan& plan,
    const Option<std::function<pid_t(const std::function<int()>&)>>& clone) {
  sigset_t all;
  sigset_t previous;
  sigfillset(&all);
  ::pthread_sigmask(SIG_SETMASK, &all, &previous);
  pid_t pid;
  if (clone.isSome()) {
    pid = clone.get()([&plan]() -> int { childMain(plan); });
  } else {
    pid = ::fork();
    if (pid == 0)
      childMain(plan);
  }
  const int error = errno;
  ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  errno = error;
  return pid;
}

// Runs the parent hooks, then lets the child go on. On failure the child
// is killed and reaped.
Option<Error> runParentHooks(pid_t pid,
                             const std::vector<Subprocess::ParentHook>& hooks,
                             ScopedFds& sync_fds, int sync_write) {
  for (const Subprocess::ParentHook& hook : hooks) {
    Try<Nothing> result = hook.parent_setup(pid);
    if (result.isError()) {
      ::kill(pid, SIGKILL);
      sync_fds.closeAll();
      waitForExit(pid);
      return Error(
          "Failed to execute Subprocess::ParentHook in parent for child '" +
          std::to_string(pid) + "': " + result.error());
    }
  }
  const char byte = 0;
  ssize_t n;
  do {
    n = ::write(sync_write, &byte, 1);
  } while (n < 0 && errno == EINTR);
  sync_fds.closeAll();
  if (n != 1) {
    ::kill(pid, SIGKILL);
    waitForExit(pid);
    return Error("Failed to synchronize child process");
  }
  return None();
}

// Blocks until the child has exec'ed (EOF: the pipe is close-on-exec) or
// reported a failure.
Option<Report> awaitExec(int report_read) {
  Report failure;
  size_t received = 0;
  while (received < sizeof(failure)) {
    const ssize_t n =
        ::read(report_read, reinterpret_cast<char*>(&failure) + received,
               sizeof(failure) - received);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    received += static_cast<size_t>(n);
  }
  if (received != sizeof(failure))
    return None();
  return failure;
}

}  // namespace

struct SubprocessLauncher {
  using IO = Subprocess::IO;

  static HookKind kindOf(const Subprocess::ChildHook& hook) {
    using Kind = Subprocess::ChildHook::Kind;
    switch (hook.kind_) {
      case Kind::CHDIR:
        return HookKind::CHDIR;
      case Kind::SETSID:
        return HookKind::SETSID;
      case Kind::DUP2:
        return HookKind::DUP2;
      case Kind::UNSET_CLOEXEC:
        return HookKind::UNSET_CLOEXEC;
    }
    return HookKind::SETSID;
  }

  // Opens what stream `index` (0 stdin, 1 stdout, 2 stderr) of the child
  // reads or writes; a pipe's other end goes to `parent`.
  static Try<int> prepare(const IO& io, int index, ScopedFds& child_fds,
                          ScopedFds& parent_fds, Option<int>* parent) {
    const std::string name = kStreamNames[index];
    switch (io.kind_) {
      case IO::Kind::PIPE: {
        Try<std::array<int, 2>> fds = makePipe();
        if (fds.isError())
          return Error(fds.error() + " for " + name);
        const int child = index == 0 ? fds->at(0) : fds->at(1);
        const int mine = index == 0 ? fds->at(1) : fds->at(0);
        *parent = parent_fds.add(mine);
        return child_fds.add(child);
      }
      case IO::Kind::PATH: {
        const int flags = index == 0
                              ? O_RDONLY | O_CLOEXEC
                              : O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC;
        int fd;
        do {
          fd = ::open(io.path_.c_str(), flags,
                      S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH);
        } while (fd < 0 && errno == EINTR);
        if (fd < 0) {
          return ErrnoError("Failed to open '" + io.path_ + "' for " + name);
        }
        return child_fds.add(fd);
      }
      case IO::Kind::FD: {
        if (io.type_ == IO::OWNED)
          return io.fd_;  // Already in child_fds.
        const int fd = ::fcntl(io.fd_, F_DUPFD_CLOEXEC, 0);
        if (fd < 0) {
          return ErrnoError("Failed to duplicate fd " + std::to_string(io.fd_) +
                            " for " + name);
        }
        return child_fds.add(fd);
      }
    }
    return Error("Unknown redirection for " + name);
  }

  static Try<Subprocess> launch(
      const std::string& path, std::vector<std::string> argv,
      const IO* const streams[3], const flags::FlagsBase* flags,
      const Option<std::map<std::string, std::string>>& environment,
      const Option<std::function<pid_t(const std::function<int()>&)>>& clone,
      const std::vector<Subprocess::ParentHook>& parent_hooks,
      const std::vector<Subprocess::ChildHook>& child_hooks,
      const std::vector<int>& whitelist_fds) {
    process::initialize();

    ScopedFds child_fds;
    ScopedFds parent_fds;
    for (int i = 0; i < 3; i++) {
      if (streams[i]->kind_ == IO::Kind::FD && streams[i]->type_ == IO::OWNED) {
        child_fds.add(streams[i]->fd_);
        ::fcntl(streams[i]->fd_, F_SETFD, FD_CLOEXEC);
      }
    }

    ChildPlan plan;
    Option<int> parents[3];
    for (int i = 0; i < 3; i++) {
      Try<int> fd = prepare(*streams[i], i, child_fds, parent_fds, &parents[i]);
      if (fd.isError())
        return Error(fd.error());
      plan.stdio[i] = fd.get();
    }
    planExec(plan, path, std::move(argv), flags, environment);

    plan.inherit = whitelist_fds;
    for (const Subprocess::ChildHook& hook : child_hooks) {
      const HookKind kind = kindOf(hook);
      plan.hooks.push_back({kind, hook.a_, hook.b_, hook.path_.c_str()});
      if (kind == HookKind::DUP2)
        plan.inherit.push_back(hook.b_);
      if (kind == HookKind::UNSET_CLOEXEC)
        plan.inherit.push_back(hook.a_);
    }
    plan.inherit.erase(std::remove_if(plan.inherit.begin(), plan.inherit.end(),
                                      [](int fd) { return fd < 3; }),
                       plan.inherit.end());
    sortUnique(plan.inherit);
    plan.max_fd = std::max(::sysconf(_SC_OPEN_MAX), 1024L) - 1;

    // Above every descriptor a hook may dup2 onto.
    Try<std::array<int, 2>> report =
        makePipe(plan.inherit.empty() ? 3 : plan.inherit.back() + 1);
    if (report.isError())
      return Error(report.error() + " to watch the child's exec");
    ScopedFds report_fds;
    const int report_read = report_fds.add(report->at(0));
    plan.report_fd = report->at(1);
    plan.keep = plan.inherit;
    plan.keep.push_back(plan.report_fd);
    sortUnique(plan.keep);

    ScopedFds sync_fds;
    int sync_write = -1;
    if (!parent_hooks.empty()) {
      Try<std::array<int, 2>> sync = makePipe();
      if (sync.isError()) {
        ::close(plan.report_fd);
        return Error(sync.error() + " to hold the child for parent hooks");
      }
      plan.sync_fd = sync->at(0);
      sync_write = sync_fds.add(sync->at(1));
    }

    const pid_t pid = startChild(plan, clone);
    const int fork_error = errno;
    child_fds.closeAll();
    ::close(plan.report_fd);
    if (plan.sync_fd >= 0)
      ::close(plan.sync_fd);
    if (pid < 0)
      return ErrnoError("Failed to fork", fork_error);

    if (!parent_hooks.empty()) {
      Option<Error> error =
          runParentHooks(pid, parent_hooks, sync_fds, sync_write);
      if (error.isSome())
        return error.get();
    }

    Option<Report> failure = awaitExec(report_read);
    if (failure.isSome()) {
      waitForExit(pid);
      return Error(describe(failure.get(), plan));
    }

    Subprocess result;
    Subprocess::Data& data = *result.data_;
    for (const Option<int>& fd : parents) {
      if (fd.isSome())
        parent_fds.release(fd.get());
    }
    data.pid = pid;
    data.in = parents[0];
    data.out = parents[1];
    data.err = parents[2];
    // The descriptors live until the child has exited, even if the caller
    // drops every copy of the Subprocess.
    data.status = reap(pid).onAny([keep_alive = result.data_]() {});
    return result;
  }
};

}  // namespace internal

Try<Subprocess> subprocess(
    const std::string& path, std::vector<std::string> argv,
    const Subprocess::IO& in, const Subprocess::IO& out,
    const Subprocess::IO& err, const flags::FlagsBase* flags,
    const Option<std::map<std::string, std::string>>& environment,
    const Option<std::function<pid_t(const std::function<int()>&)>>& clone,
    const std::vector<Subprocess::ParentHook>& parent_hooks,
    const std::vector<Subprocess::ChildHook>& child_hooks,
    const std::vector<int>& whitelist_fds) {
  const Subprocess::IO* const streams[3] = {&in, &out, &err};
  return internal::SubprocessLauncher::launch(
      path, std::move(argv), streams, flags, environment, clone, parent_hooks,
      child_hooks, whitelist_fds);
}

Try<Subprocess> subprocess(
    const std::string& command, const Subprocess::IO& in,
    const Subprocess::IO& out, const Subprocess::IO& err,
    const Option<std::map<std::string, std::string>>& environment,
    const Option<std::function<pid_t(const std::function<int()>&)>>& clone,
    const std::vector<Subprocess::ParentHook>& parent_hooks,
    const std::vector<Subprocess::ChildHook>& child_hooks,
    const std::vector<int>& whitelist_fds) {
  return subprocess("sh", {"sh", "-c", command}, in, out, err, nullptr,
                    environment, clone, parent_hooks, child_hooks,
                    whitelist_fds);
}

}  // namespace process
