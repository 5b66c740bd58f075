#include <gtest/gtest.h>

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <process/collect.hpp>
#include <process/future.hpp>
#include <process/gtest.hpp>
#include <process/io.hpp>
#include <process/subprocess.hpp>

#include <stout/flags.hpp>
#include <stout/os/environment.hpp>
#include <stout/os/fd.hpp>
#include <stout/os/read.hpp>

#include "subprocess_test_helpers.hpp"

using process::Future;
using process::Subprocess;
using process::subprocess;

namespace io = process::io;

namespace {

using Environment = std::map<std::string, std::string>;

// A fresh directory under $TMPDIR, removed with its files at the end.
class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern =
        std::string(base != nullptr ? base : "/tmp") + "/subprocess-XXXXXX";
    path_ = ::mkdtemp(&pattern[0]) != nullptr ? pattern : "";
  }
  ~TemporaryDirectory() {
    if (!path_.empty())
      std::system(("rm -rf '" + path_ + "'").c_str());
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Waits for the child and returns its waitpid status (-1 if unknown).
int statusOf(const Subprocess& child) {
  Future<Option<int>> status = child.status();
  if (!status.await(process::TEST_AWAIT_TIMEOUT) || !status.isReady() ||
      status->isNone()) {
    ADD_FAILURE() << "No exit status for pid " << child.pid();
    return -1;
  }
  return status->get();
}

// Runs `command` with sh, stdout and stderr piped; returns the output.
struct Output {
  std::string out;
  std::string err;
  int status = -1;
};

Output run(Try<Subprocess> child) {
  Output output;
  if (child.isError()) {
    ADD_FAILURE() << child.error();
    return output;
  }
  Future<std::string> out = child->out().isSome()
                                ? io::read(child->out().get())
                                : Future<std::string>(std::string());
  Future<std::string> err = child->err().isSome()
                                ? io::read(child->err().get())
                                : Future<std::string>(std::string());
  EXPECT_TRUE(out.await(process::TEST_AWAIT_TIMEOUT));
  EXPECT_TRUE(err.await(process::TEST_AWAIT_TIMEOUT));
  if (out.isReady())
    output.out = out.get();
  if (err.isReady())
    output.err = err.get();
  output.status = statusOf(child.get());
  return output;
}

Output shell(const std::string& command,
             const Option<Environment>& environment = None(),
             const std::vector<Subprocess::ChildHook>& hooks = {}) {
  return run(subprocess(command, Subprocess::FD(STDIN_FILENO),
                        Subprocess::PIPE(), Subprocess::PIPE(), environment,
                        None(), {}, hooks));
}

bool exitedWith(int status, int code) {
  return WIFEXITED(status) && WEXITSTATUS(status) == code;
}

bool killedBy(int status, int signal) {
  return WIFSIGNALED(status) && WTERMSIG(status) == signal;
}

}  // namespace

TEST(SubprocessTest, ExitCodes) {
  for (int code : {0, 1, 42}) {
    Try<Subprocess> child = subprocess("exit " + std::to_string(code));
    ASSERT_SOME(child);
    EXPECT_GT(child->pid(), 0);
    EXPECT_NONE(child->in());
    EXPECT_NONE(child->out());
    EXPECT_NONE(child->err());
    EXPECT_TRUE(exitedWith(statusOf(child.get()), code)) << code;
  }

  Try<Subprocess> yes = subprocess("/bin/true", {"true"});
  ASSERT_SOME(yes);
  EXPECT_TRUE(exitedWith(statusOf(yes.get()), 0));
  Try<Subprocess> no = subprocess("/bin/false", {"false"});
  ASSERT_SOME(no);
  EXPECT_TRUE(exitedWith(statusOf(no.get()), 1));
}

TEST(SubprocessTest, KilledBySignal) {
  for (int signal : {SIGKILL, SIGTERM}) {
    // `cat` waits for its stdin, which stays open until we close it.
    Try<Subprocess> child = subprocess("/bin/cat", {"cat"}, Subprocess::PIPE());
    ASSERT_SOME(child);
    Future<Option<int>> status = child->status();
    EXPECT_TRUE(status.isPending());
    ASSERT_EQ(0, ::kill(child->pid(), signal));
    AWAIT_READY(status);
    ASSERT_SOME(status.get());
    EXPECT_TRUE(killedBy(status->get(), signal)) << status->get();
  }

  // The child kills itself.
  Output output = shell("kill -USR1 $$");
  EXPECT_TRUE(killedBy(output.status, SIGUSR1)) << output.status;
}

TEST(SubprocessTest, PipesThroughCat) {
  Try<Subprocess> child = subprocess("/bin/cat", {"cat"}, Subprocess::PIPE(),
                                     Subprocess::PIPE(), Subprocess::PIPE());
  ASSERT_SOME(child);
  ASSERT_SOME(child->in());
  ASSERT_SOME(child->out());
  ASSERT_SOME(child->err());

  Future<std::string> out = io::read(child->out().get());
  AWAIT_READY(io::write(child->in().get(), "hello, "));
  AWAIT_READY(io::write(child->in().get(), "world\n"));
  EXPECT_TRUE(out.isPending());
  child->closeIn();
  EXPECT_NONE(child->in());
  child->closeIn();

  AWAIT_EXPECT_EQ(std::string("hello, world\n"), out);
  AWAIT_EXPECT_EQ(std::string(), io::read(child->err().get()));
  EXPECT_TRUE(exitedWith(statusOf(child.get()), 0));
}

// 64 MB through a pipe, read to EOF while the child writes: neither side
// may wait for the other.
TEST(SubprocessTest, LargeOutput) {
  const size_t size = 64 << 20;
  Try<Subprocess> child =
      subprocess("head -c " + std::to_string(size) + " /dev/zero",
                 Subprocess::FD(STDIN_FILENO), Subprocess::PIPE());
  ASSERT_SOME(child);
  Future<std::string> out = io::read(child->out().get());
  AWAIT_READY_FOR(out, Seconds(60));
  EXPECT_EQ(size, out->size());
  EXPECT_EQ(std::string::npos, out->find_first_not_of('\0'));
  EXPECT_TRUE(exitedWith(statusOf(child.get()), 0));
}

// 8 MB in and out of cat at once: a writer waiting for a full pipe must not
// stop the reader.
TEST(SubprocessTest, LargeInputAndOutput) {
  std::string data(8 << 20, 'x');
  for (size_t i = 0; i < data.size(); i += 4096)
    data[i] = static_cast<char>('a' + (i / 4096) % 26);

  Try<Subprocess> child =
      subprocess("/bin/cat", {"cat"}, Subprocess::PIPE(), Subprocess::PIPE());
  ASSERT_SOME(child);
  Future<std::string> out = io::read(child->out().get());
  Future<Nothing> written = io::write(child->in().get(), data);
  AWAIT_READY_FOR(written, Seconds(60));
  child->closeIn();
  AWAIT_READY_FOR(out, Seconds(60));
  EXPECT_TRUE(out.get() == data);
  EXPECT_TRUE(exitedWith(statusOf(child.get()), 0));
}

TEST(SubprocessTest, StderrSeparated) {
  Output output = shell("echo out; echo err >&2; echo more");
  EXPECT_EQ("out\nmore\n", output.out);
  EXPECT_EQ("err\n", output.err);
  EXPECT_TRUE(exitedWith(output.status, 0));
}

TEST(SubprocessTest, PathRedirection) {
  TemporaryDirectory directory;
  ASSERT_FALSE(directory.path().empty());
  const std::string out = directory.path() + "/out";
  const std::string err = directory.path() + "/err";

  // Created, then appended to.
  for (const char* word : {"one", "two"}) {
    Try<Subprocess> child =
        subprocess(std::string("echo ") + word + "; echo " + word + " >&2",
                   Subprocess::FD(STDIN_FILENO), Subprocess::PATH(out),
                   Subprocess::PATH(err));
    ASSERT_SOME(child);
    EXPECT_NONE(child->out());
    EXPECT_TRUE(exitedWith(statusOf(child.get()), 0));
  }
  EXPECT_SOME_EQ(std::string("one\ntwo\n"), os::read(out));
  EXPECT_SOME_EQ(std::string("one\ntwo\n"), os::read(err));

  // stdin from a file.
  Try<Subprocess> cat = subprocess("/bin/cat", {"cat"}, Subprocess::PATH(out),
                                   Subprocess::PIPE());
  ASSERT_SOME(cat);
  AWAIT_EXPECT_EQ(std::string("one\ntwo\n"), io::read(cat->out().get()));
  EXPECT_TRUE(exitedWith(statusOf(cat.get()), 0));

  Try<Subprocess> missing = subprocess(
      "/bin/cat", {"cat"}, Subprocess::PATH(directory.path() + "/no/such"));
  ASSERT_ERROR(missing);
  EXPECT_NE(std::string::npos, missing.error().find("for stdin"))
      << missing.error();
}

TEST(SubprocessTest, FdRedirection) {
  TemporaryDirectory directory;
  const std::string path = directory.path() + "/file";
  Try<int> fd = os::open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  ASSERT_SOME(fd);

  // DUPLICATED: the caller keeps its descriptor.
  Try<Subprocess> child =
      subprocess("echo duplicated", Subprocess::FD(STDIN_FILENO),
                 Subprocess::FD(fd.get()));
  ASSERT_SOME(child);
  EXPECT_TRUE(exitedWith(statusOf(child.get()), 0));
  EXPECT_GE(::fcntl(fd.get(), F_GETFD), 0);

  // OWNED: handed over and closed in the parent (its number may already
  // be reused by another descriptor, but not for this file).
  struct stat before;
  ASSERT_EQ(0, ::fstat(fd.get(), &before));
  child = subprocess("echo owned >&2", Subprocess::FD(STDIN_FILENO),
                     Subprocess::FD(STDOUT_FILENO),
                     Subprocess::FD(fd.get(), Subprocess::IO::OWNED));
  ASSERT_SOME(child);
  struct stat after;
  EXPECT_TRUE(::fstat(fd.get(), &after) != 0 || after.st_ino != before.st_ino ||
              after.st_dev != before.st_dev);
  EXPECT_TRUE(exitedWith(statusOf(child.get()), 0));

  EXPECT_SOME_EQ(std::string("duplicated\nowned\n"), os::read(path));

  // A bad descriptor is reported before anything runs.
  Try<Subprocess> bad =
      subprocess("true", Subprocess::FD(STDIN_FILENO), Subprocess::FD(-1));
  ASSERT_ERROR(bad);
  EXPECT_NE(std::string::npos, bad.error().find("Bad file descriptor"))
      << bad.error();
}

TEST(SubprocessTest, Environment) {
  // Inherited by default.
  os::setenv("SUBPROCESS_TEST_INHERITED", "inherited");
  EXPECT_EQ("inherited\n", shell("echo $SUBPROCESS_TEST_INHERITED").out);
  os::unsetenv("SUBPROCESS_TEST_INHERITED");

  // Replaced: only what is given (sh itself is found through the default
  // search path).
  Output output =
      shell("echo \"$A-$B-$HOME\"", Environment{{"A", "1"}, {"B", "two"}});
  EXPECT_EQ("1-two-\n", output.out);
  EXPECT_TRUE(exitedWith(output.status, 0));

  // Cleared.
  Output empty = run(subprocess(
      "/usr/bin/env", {"env"}, Subprocess::FD(STDIN_FILENO), Subprocess::PIPE(),
      Subprocess::PIPE(), nullptr, Environment()));
  EXPECT_EQ("", empty.out);
  EXPECT_TRUE(exitedWith(empty.status, 0));

  // PATH of the child's environment is the one searched.
  TemporaryDirectory directory;
  const std::string tool = directory.path() + "/subprocess-test-tool";
  Try<int> fd = os::open(tool, O_WRONLY | O_CREAT | O_CLOEXEC, 0755);
  ASSERT_SOME(fd);
  ASSERT_SOME(os::write(fd.get(), "#!/bin/sh\necho tool \"$@\"\n"));
  ::close(fd.get());
  Output found = run(subprocess(
      "subprocess-test-tool", {"subprocess-test-tool", "arg"},
      Subprocess::FD(STDIN_FILENO), Subprocess::PIPE(), Subprocess::PIPE(),
      nullptr, Environment{{"PATH", "/nonexistent:" + directory.path()}}));
  EXPECT_EQ("tool arg\n", found.out);
}

TEST(SubprocessTest, PathSearch) {
  Output output =
      run(subprocess("echo", {"echo", "searched"}, Subprocess::FD(STDIN_FILENO),
                     Subprocess::PIPE(), Subprocess::PIPE()));
  EXPECT_EQ("searched\n", output.out);

  Try<Subprocess> missing =
      subprocess("subprocess-test-no-such-program", {"x"});
  ASSERT_ERROR(missing);
  EXPECT_EQ(
      "Failed to execute 'subprocess-test-no-such-program': No such file or "
      "directory",
      missing.error());
}

TEST(SubprocessTest, ExecFailure) {
  Try<Subprocess> child = subprocess("/no/such", {"such"});
  ASSERT_ERROR(child);
  EXPECT_EQ("Failed to execute '/no/such': No such file or directory",
            child.error());

  TemporaryDirectory directory;
  const std::string file = directory.path() + "/not-executable";
  Try<int> fd = os::open(file, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  ASSERT_SOME(fd);
  ::close(fd.get());
  child = subprocess(file, {"x"}, Subprocess::PIPE(), Subprocess::PIPE());
  ASSERT_ERROR(child);
  EXPECT_EQ("Failed to execute '" + file + "': Permission denied",
            child.error());

  child = subprocess(directory.path(), {"x"});
  ASSERT_ERROR(child);
  EXPECT_EQ("Failed to execute '" + directory.path() + "': Permission denied",
            child.error());
}

// A file without "#!" runs with /bin/sh, as execvp does.
TEST(SubprocessTest, ScriptWithoutInterpreterLine) {
  TemporaryDirectory directory;
  const std::string script = directory.path() + "/script";
  Try<int> fd = os::open(script, O_WRONLY | O_CREAT | O_CLOEXEC, 0755);
  ASSERT_SOME(fd);
  ASSERT_SOME(os::write(fd.get(), "echo plain \"$1\"\nexit 3\n"));
  ::close(fd.get());
  Output output =
      run(subprocess(script, {"script", "x"}, Subprocess::FD(STDIN_FILENO),
                     Subprocess::PIPE(), Subprocess::PIPE()));
  EXPECT_EQ("plain x\n", output.out);
  EXPECT_TRUE(exitedWith(output.status, 3));
}

TEST(SubprocessTest, WorkingDirectory) {
  TemporaryDirectory directory;
  char resolved[PATH_MAX];
  ASSERT_NE(nullptr, ::realpath(directory.path().c_str(), resolved));
  Output output =
      shell("pwd -P", None(), {Subprocess::ChildHook::CHDIR(directory.path())});
  EXPECT_EQ(std::string(resolved) + "\n", output.out);

  Try<Subprocess> missing = subprocess(
      "pwd", Subprocess::FD(STDIN_FILENO), Subprocess::FD(STDOUT_FILENO),
      Subprocess::FD(STDERR_FILENO), None(), None(), {},
      {Subprocess::ChildHook::CHDIR("/no/such/dir")});
  ASSERT_ERROR(missing);
  EXPECT_EQ(
      "Failed to change the working directory to '/no/such/dir': No such "
      "file or directory",
      missing.error());
}

TEST(SubprocessTest, Setsid) {
  Try<Subprocess> child = subprocess(
      "/bin/cat", {"cat"}, Subprocess::PIPE(), Subprocess::FD(STDOUT_FILENO),
      Subprocess::FD(STDERR_FILENO), nullptr, None(), None(), {},
      {Subprocess::ChildHook::SETSID()});
  ASSERT_SOME(child);
  EXPECT_EQ(child->pid(), ::getsid(child->pid()));
  EXPECT_EQ(child->pid(), ::getpgid(child->pid()));
  child->closeIn();
  EXPECT_TRUE(exitedWith(statusOf(child.get()), 0));

  Try<Subprocess> plain = subprocess("/bin/cat", {"cat"}, Subprocess::PIPE());
  ASSERT_SOME(plain);
  EXPECT_EQ(::getsid(0), ::getsid(plain->pid()));
  plain->closeIn();
  EXPECT_TRUE(exitedWith(statusOf(plain.get()), 0));
}

// Dispositions and the mask are reset: an ignored or blocked signal in the
// parent still kills the child.
TEST(SubprocessTest, SignalsReset) {
  struct sigaction ignore = {};
  struct sigaction previous = {};
  ignore.sa_handler = SIG_IGN;
  ASSERT_EQ(0, ::sigaction(SIGUSR2, &ignore, &previous));
  Output ignored = shell("kill -USR2 $$; echo survived");
  ::sigaction(SIGUSR2, &previous, nullptr);
  EXPECT_TRUE(killedBy(ignored.status, SIGUSR2)) << ignored.status;
  EXPECT_EQ("", ignored.out);

  sigset_t term;
  sigset_t mask;
  sigemptyset(&term);
  sigaddset(&term, SIGTERM);
  ASSERT_EQ(0, ::pthread_sigmask(SIG_BLOCK, &term, &mask));
  Output blocked = shell("kill -TERM $$; echo survived");
  ::pthread_sigmask(SIG_SETMASK, &mask, nullptr);
  EXPECT_TRUE(killedBy(blocked.status, SIGTERM)) << blocked.status;
}

// Only stdio, the whitelist and hook targets reach the program.
TEST(SubprocessTest, InheritedDescriptors) {
  int fds[2];
  ASSERT_EQ(0, ::pipe(fds));  // Not close-on-exec: would leak by default.
  const std::string check =
      "for fd in " + std::to_string(fds[0]) + " " + std::to_string(fds[1]) +
      "; do if [ -e /proc/$$/fd/$fd ]; then echo open; else echo closed; fi;"
      " done";
  EXPECT_EQ("closed\nclosed\n", shell(check).out);

  Output whitelisted = run(subprocess(
      // dash redirects only single-digit fds: write through /proc.
      "sh",
      {"sh", "-c",
       check + "; echo passed >/proc/$$/fd/" + std::to_string(fds[1])},
      Subprocess::FD(STDIN_FILENO), Subprocess::PIPE(), Subprocess::PIPE(),
      nullptr, None(), None(), {}, {}, {fds[1]}));
  EXPECT_EQ("closed\nopen\n", whitelisted.out);
  ::close(fds[1]);
  ASSERT_SOME(os::nonblock(fds[0]));
  AWAIT_EXPECT_EQ(std::string("passed\n"), io::read(fds[0]));
  ::close(fds[0]);

  // DUP2 onto a high number, which the program then inherits.
  Try<int> file = os::open("/dev/null", O_RDONLY | O_CLOEXEC);
  ASSERT_SOME(file);
  Output duplicated = shell("[ -e /proc/$$/fd/77 ] && echo open", None(),
                            {Subprocess::ChildHook::DUP2(file.get(), 77)});
  EXPECT_EQ("open\n", duplicated.out);
  ::close(file.get());
}

TEST(SubprocessTest, Flags) {
  class TestFlags : public virtual flags::FlagsBase {
   public:
    TestFlags() {
      add(&TestFlags::name, "name", "A name.", std::string("value"));
      add(&TestFlags::unset, "unset", "No value.");
    }
    std::string name;
    Option<std::string> unset;
  };
  TestFlags flags;
  Output output =
      run(subprocess("echo", {"echo", "arg"}, Subprocess::FD(STDIN_FILENO),
                     Subprocess::PIPE(), Subprocess::PIPE(), &flags));
  EXPECT_NE(std::string::npos, output.out.find("arg "));
  EXPECT_NE(std::string::npos, output.out.find("--name=value"));
  EXPECT_EQ(std::string::npos, output.out.find("--unset"));
}

TEST(SubprocessTest, ParentHooks) {
  std::vector<pid_t> seen;
  Try<Subprocess> child =
      subprocess("/bin/true", {"true"}, Subprocess::FD(STDIN_FILENO),
                 Subprocess::FD(STDOUT_FILENO), Subprocess::FD(STDERR_FILENO),
                 nullptr, None(), None(),
                 {Subprocess::ParentHook([&seen](pid_t pid) -> Try<Nothing> {
                   seen.push_back(pid);
                   return Nothing();
                 })});
  ASSERT_SOME(child);
  ASSERT_EQ(1u, seen.size());
  EXPECT_EQ(child->pid(), seen[0]);
  EXPECT_TRUE(exitedWith(statusOf(child.get()), 0));

  Try<Subprocess> failed = subprocess(
      "/bin/true", {"true"}, Subprocess::FD(STDIN_FILENO),
      Subprocess::FD(STDOUT_FILENO), Subprocess::FD(STDERR_FILENO), nullptr,
      None(), None(), {Subprocess::ParentHook([](pid_t) -> Try<Nothing> {
        return Error("no cgroup");
      })});
  ASSERT_ERROR(failed);
  EXPECT_NE(std::string::npos, failed.error().find(": no cgroup"))
      << failed.error();
}

TEST(SubprocessTest, CustomClone) {
  int calls = 0;
  std::function<pid_t(const std::function<int()>&)> clone =
      [&calls](const std::function<int()>& child) -> pid_t {
    calls++;
    const pid_t pid = ::fork();
    if (pid == 0)
      ::_exit(child());
    return pid;
  };
  Output output =
      run(subprocess("echo cloned", Subprocess::FD(STDIN_FILENO),
                     Subprocess::PIPE(), Subprocess::PIPE(), None(), clone));
  EXPECT_EQ(1, calls);
  EXPECT_EQ("cloned\n", output.out);
}

// Discarding one status future affects neither the child nor the others.
TEST(SubprocessTest, StatusIgnoresDiscard) {
  Try<Subprocess> child = subprocess("/bin/cat", {"cat"}, Subprocess::PIPE());
  ASSERT_SOME(child);
  Future<Option<int>> discarded = child->status();
  Future<Option<int>> kept = child->status();
  discarded.discard();
  child->closeIn();
  AWAIT_READY(kept);
  ASSERT_SOME(kept.get());
  EXPECT_TRUE(exitedWith(kept->get(), 0));
  EXPECT_FALSE(discarded.isFailed());
}

TEST(SubprocessTest, ManyConcurrent) {
  const int count = 200;
  std::vector<Subprocess> children;
  std::vector<Future<Option<int>>> statuses;
  for (int i = 0; i < count; i++) {
    Try<Subprocess> child =
        subprocess("/bin/sh", {"sh", "-c", "exit " + std::to_string(i % 50)},
                   Subprocess::FD(STDIN_FILENO), Subprocess::PIPE());
    ASSERT_SOME(child) << i;
    children.push_back(child.get());
    statuses.push_back(child->status());
  }
  AWAIT_READY_FOR(process::collect(statuses), Seconds(60));
  for (int i = 0; i < count; i++) {
    ASSERT_SOME(statuses[i].get()) << i;
    EXPECT_TRUE(exitedWith(statuses[i]->get(), i % 50)) << i;
    AWAIT_EXPECT_EQ(std::string(), io::read(children[i].out().get()));
  }
}

// Started from several threads at once (each fork blocks every signal on
// its own thread only).
TEST(SubprocessTest, ConcurrentCallers) {
  std::vector<Future<Option<int>>> statuses(64);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; t++) {
    threads.emplace_back([t, &statuses]() {
      for (int i = t; i < 64; i += 4) {
        Try<Subprocess> child = subprocess("exit " + std::to_string(i));
        if (child.isSome())
          statuses[i] = child->status();
      }
    });
  }
  for (std::thread& thread : threads)
    thread.join();
  AWAIT_READY(process::collect(statuses));
  for (int i = 0; i < 64; i++) {
    ASSERT_SOME(statuses[i].get());
    EXPECT_TRUE(exitedWith(statuses[i]->get(), i)) << i;
  }
}
