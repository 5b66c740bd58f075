#ifndef PROCESS_SUBPROCESS_HPP
#define PROCESS_SUBPROCESS_HPP

// Running external programs: fork, set up, exec, and learn the exit status
// asynchronously.
//
//   Try<Subprocess> child = subprocess(
//       "/usr/bin/env", {"env"},
//       Subprocess::FD(STDIN_FILENO), Subprocess::PIPE(), Subprocess::PIPE(),
//       nullptr, std::map<std::string, std::string>{{"A", "1"}}, None(), {},
//       {Subprocess::ChildHook::CHDIR("/tmp"),
//        Subprocess::ChildHook::SETSID()});
//   if (child.isError()) ... child.error() ...
//   Future<std::string> output = io::read(child->out().get());
//   child->status().onReady(...);   // waitpid status, see process/reap.hpp
//
//   Try<Subprocess> shell = subprocess("echo hi | wc -c");   // sh -c
//
// What the child gets, in this order (the API and order follow Mesos):
//   1. all signal dispositions reset to SIG_DFL (also ignored ones, so an
//      executor does not inherit an ignored SIGPIPE), signals blocked;
//   2. if there are parent hooks: a wait until they all ran in the parent;
//   3. stdin, stdout, stderr as `in`, `out`, `err` say;
//   4. the child hooks, in order;
//   5. every other descriptor closed, except `whitelist_fds` and the
//      targets of DUP2 / UNSET_CLOEXEC hooks, which are also made
//      inheritable (not close-on-exec);
//   6. an empty signal mask, then execve of `path` with `argv` and the
//      environment. A `path` without '/' is searched for in the PATH of
//      the child's environment (default "/bin:/usr/bin"), like execvp,
//      including running a file without a #! line with /bin/sh.
//
// `subprocess` returns only once the child has exec'ed, so an Error means
// no program runs: "Failed to execute '/no/such': No such file or
// directory", "Failed to change the working directory to '/x': ...", a
// failed parent hook, or a failed pipe/open/fork. A child that failed
// before exec has been reaped by then.
//
// Thread-safe; call from any thread, including process handlers (it
// blocks only for the fork and the child's set-up, not for the program).
// Everything the child needs is prepared before the fork and the child
// makes only async-signal-safe calls until exec, so it is safe in our
// multithreaded runtime. The parent's descriptors made here are
// close-on-exec, so concurrent subprocesses never inherit each other's
// pipes. Requires (and performs) process::initialize().

#include <sys/types.h>
#include <unistd.h>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <process/future.hpp>

#include <stout/flags.hpp>
#include <stout/none.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

namespace process {

namespace internal {
struct SubprocessLauncher;
}  // namespace internal

// A started child process. A value type: copies share the same child.
//
// The parent ends of PIPE redirections (`in()`, `out()`, `err()`) are
// owned by this object: they are blocking, close-on-exec, and closed only
// once the child has exited *and* the last copy of this Subprocess is
// gone (as in Mesos). Never close(2) them yourself (they would be closed
// twice, the second time maybe someone else's reused number); use
// `closeIn()` to send EOF to the child's stdin.
class Subprocess {
 public:
  // How one of stdin/stdout/stderr is set up; made by PIPE(), PATH(), FD().
  class IO {
   public:
    // For FD(): who owns the descriptor afterwards.
    enum FDType {
      // `fd` is duplicated; the caller keeps (and closes) the original.
      DUPLICATED,
      // `fd` is handed over: `subprocess` closes it in the parent, whether
      // or not it succeeds.
      OWNED,
    };

   private:
    friend class Subprocess;
    friend struct internal::SubprocessLauncher;

    enum class Kind { PIPE, PATH, FD };

    IO(Kind kind, int fd, FDType type, std::string path)
        : kind_(kind), fd_(fd), type_(type), path_(std::move(path)) {}

    Kind kind_;
    int fd_;
    FDType type_;
    std::string path_;
  };

  // Runs in the parent after the child is created and before it execs,
  // with the child's pid, in order. An Error kills the child (SIGKILL)
  // and `subprocess` returns the error. Implicit, as in Mesos.
  struct ParentHook {
    ParentHook(std::function<Try<Nothing>(pid_t)> parent_setup)
        : parent_setup(std::move(parent_setup)) {}

    std::function<Try<Nothing>(pid_t)> parent_setup;
  };

  // A step run in the child between fork and exec. The set is closed (no
  // public constructor) because the child may only make
  // async-signal-safe calls; each failure is reported by `subprocess` as
  // an Error naming the step.
  class ChildHook {
   public:
    // chdir(2) to `directory`.
    static ChildHook CHDIR(const std::string& directory);
    // setsid(2): the child leads a new session and process group (its
    // session id and process group id equal its pid).
    static ChildHook SETSID();
    // dup2(2) `from` onto `to`; `to` stays open across exec.
    static ChildHook DUP2(int from, int to);
    // Clears close-on-exec on `fd` so the program inherits it.
    static ChildHook UNSET_CLOEXEC(int fd);

   private:
    friend struct internal::SubprocessLauncher;

    enum class Kind { CHDIR, SETSID, DUP2, UNSET_CLOEXEC };

    ChildHook(Kind kind, int a, int b, std::string path)
        : kind_(kind), a_(a), b_(b), path_(std::move(path)) {}

    Kind kind_;
    int a_;
    int b_;
    std::string path_;
  };

  // A new pipe: the child gets one end, the parent the other through
  // in()/out()/err().
  static IO PIPE();
  // A file: opened read-only for stdin; for stdout/stderr created (mode
  // 0644) if missing and appended to.
  static IO PATH(const std::string& path);
  // An open descriptor of the parent (the default: the parent's own
  // stdin/stdout/stderr).
  static IO FD(int fd, IO::FDType type = IO::DUPLICATED);

  pid_t pid() const { return data_->pid; }

  // The parent end of a PIPE redirection (write end for stdin, read ends
  // for stdout/stderr), None for PATH and FD.
  Option<int> in() const;
  Option<int> out() const { return data_->out; }
  Option<int> err() const { return data_->err; }

  // Closes the parent end of a stdin PIPE now, so the child reads EOF once
  // pending io::write()s are done; `in()` is None afterwards. Idempotent.
  // Thread-safe, but a descriptor obtained from `in()` before must no
  // longer be used.
  void closeIn() const;

  // The child's waitpid(2) status (WIFEXITED/WEXITSTATUS/WIFSIGNALED...),
  // from process::reap: Some once it exits, None only if someone else
  // reaped it first (another waitpid, SIGCHLD ignored). Never fails.
  // Each call returns a new future: discarding it has no effect on the
  // child or on other callers' futures.
  Future<Option<int>> status() const { return undiscardable(data_->status); }

 private:
  friend struct internal::SubprocessLauncher;

  struct Data {
    Data() = default;
    Data(const Data&) = delete;
    Data& operator=(const Data&) = delete;
    ~Data();

    pid_t pid = -1;
    mutable std::mutex mutex;  // Guards `in` (closeIn).
    Option<int> in;
    Option<int> out;
    Option<int> err;
    Future<Option<int>> status;
  };

  Subprocess() : data_(std::make_shared<Data>()) {}

  std::shared_ptr<Data> data_;
};

// Starts `path` with `argv` (argv[0] included; Mesos convention) and the
// redirections above. `flags`, if given, are appended to argv as
// "--name=value" for every flag that has a value. `environment`: None
// inherits this process's environment; a map (even an empty one) is the
// whole environment of the child. `clone`, if given, replaces fork(): it
// must create the child, run the function it receives there (which never
// returns) and return the child's pid, or -1 with errno set.
Try<Subprocess> subprocess(
    const std::string& path, std::vector<std::string> argv,
    const Subprocess::IO& in = Subprocess::FD(STDIN_FILENO),
    const Subprocess::IO& out = Subprocess::FD(STDOUT_FILENO),
    const Subprocess::IO& err = Subprocess::FD(STDERR_FILENO),
    const flags::FlagsBase* flags = nullptr,
    const Option<std::map<std::string, std::string>>& environment = None(),
    const Option<std::function<pid_t(const std::function<int()>&)>>& clone =
        None(),
    const std::vector<Subprocess::ParentHook>& parent_hooks = {},
    const std::vector<Subprocess::ChildHook>& child_hooks = {},
    const std::vector<int>& whitelist_fds = {});

// Runs `command` with the shell: path "sh", argv {"sh", "-c", command}.
Try<Subprocess> subprocess(
    const std::string& command,
    const Subprocess::IO& in = Subprocess::FD(STDIN_FILENO),
    const Subprocess::IO& out = Subprocess::FD(STDOUT_FILENO),
    const Subprocess::IO& err = Subprocess::FD(STDERR_FILENO),
    const Option<std::map<std::string, std::string>>& environment = None(),
    const Option<std::function<pid_t(const std::function<int()>&)>>& clone =
        None(),
    const std::vector<Subprocess::ParentHook>& parent_hooks = {},
    const std::vector<Subprocess::ChildHook>& child_hooks = {},
    const std::vector<int>& whitelist_fds = {});

}  // namespace process

#endif  // PROCESS_SUBPROCESS_HPP
