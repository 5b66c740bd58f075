#include <gtest/gtest.h>

#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

#include <process/clock.hpp>
#include <process/collect.hpp>
#include <process/future.hpp>
#include <process/gtest.hpp>
#include <process/io.hpp>
#include <process/reap.hpp>
#include <process/subprocess.hpp>

#include <stout/numify.hpp>
#include <stout/strings.hpp>

#include "reaper.hpp"
#include "subprocess_test_helpers.hpp"

using process::Clock;
using process::Future;
using process::reap;
using process::Subprocess;
using process::subprocess;

namespace io = process::io;

namespace {

// Forks a child that exits with `code` once it can read a byte from (or
// sees EOF on) the returned pipe's read end, so the test decides when.
struct Child {
  pid_t pid = -1;
  int release = -1;  // Write end: close it to let the child exit.
};

Child forkChild(int code) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    return Child();
  const pid_t pid = ::fork();
  if (pid == 0) {
    // Keep no other child's release end open, or that one never exits.
    char byte;
    ::dup2(fds[0], STDIN_FILENO);
    ::syscall(SYS_close_range, 3u, ~0u, 0u);
    while (::read(STDIN_FILENO, &byte, 1) < 0 && errno == EINTR) {
    }
    ::_exit(code);
  }
  ::close(fds[0]);
  return Child{pid, fds[1]};
}

// Blocks until `pid` (our child) has exited, without reaping it.
void awaitZombie(pid_t pid) {
  siginfo_t info;
  while (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOWAIT) <
             0 &&
         errno == EINTR) {
  }
}

bool exitedWith(const Option<int>& status, int code) {
  return status.isSome() && WIFEXITED(status.get()) &&
         WEXITSTATUS(status.get()) == code;
}

// Runs every test with pidfds and with the polling fallback.
class ReapTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    previous_ = process::internal::useReaperPidfds(GetParam());
  }
  void TearDown() override { process::internal::useReaperPidfds(previous_); }

 private:
  bool previous_ = true;
};

}  // namespace

TEST_P(ReapTest, Child) {
  Child child = forkChild(7);
  ASSERT_GT(child.pid, 0);
  Future<Option<int>> status = reap(child.pid);
  EXPECT_TRUE(status.isPending());
  ::close(child.release);
  AWAIT_READY(status);
  EXPECT_TRUE(exitedWith(status.get(), 7));
  // Reaped: no zombie left.
  EXPECT_EQ(-1, ::waitpid(child.pid, nullptr, WNOHANG));
  EXPECT_EQ(ECHILD, errno);
}

TEST_P(ReapTest, ChildThatAlreadyExited) {
  Child child = forkChild(3);
  ASSERT_GT(child.pid, 0);
  ::close(child.release);
  awaitZombie(child.pid);
  AWAIT_READY(reap(child.pid));
  // Now gone: a second reap cannot know the status.
  AWAIT_EXPECT_EQ(Option<int>(None()), reap(child.pid));
}

TEST_P(ReapTest, KilledChild) {
  Child child = forkChild(0);
  ASSERT_GT(child.pid, 0);
  Future<Option<int>> status = reap(child.pid);
  ASSERT_EQ(0, ::kill(child.pid, SIGKILL));
  AWAIT_READY(status);
  ASSERT_SOME(status.get());
  EXPECT_TRUE(WIFSIGNALED(status->get()));
  EXPECT_EQ(SIGKILL, WTERMSIG(status->get()));
  ::close(child.release);
}

TEST_P(ReapTest, SeveralWaitersShareTheStatus) {
  Child child = forkChild(9);
  ASSERT_GT(child.pid, 0);
  Future<Option<int>> first = reap(child.pid);
  Future<Option<int>> second = reap(child.pid);
  ::close(child.release);
  AWAIT_READY(first);
  AWAIT_READY(second);
  EXPECT_TRUE(exitedWith(first.get(), 9)) << first->getOrElse(-1);
  EXPECT_TRUE(exitedWith(second.get(), 9)) << second->getOrElse(-1);
}

// The reaper waits only for pids it was asked about.
TEST_P(ReapTest, LeavesOtherChildrenAlone) {
  Child other = forkChild(5);
  Child watched = forkChild(6);
  ASSERT_GT(other.pid, 0);
  ASSERT_GT(watched.pid, 0);
  ::close(other.release);
  awaitZombie(other.pid);
  Future<Option<int>> status = reap(watched.pid);
  ::close(watched.release);
  AWAIT_READY(status);
  EXPECT_TRUE(exitedWith(status.get(), 6));

  int raw = 0;
  ASSERT_EQ(other.pid, ::waitpid(other.pid, &raw, 0));
  EXPECT_TRUE(exitedWith(raw, 5));
}

TEST_P(ReapTest, NonexistentPid) {
  Child child = forkChild(0);
  ASSERT_GT(child.pid, 0);
  ::close(child.release);
  ASSERT_EQ(child.pid, ::waitpid(child.pid, nullptr, 0));
  AWAIT_EXPECT_EQ(Option<int>(None()), reap(child.pid));
}

// A grandchild (re-parented when its parent exits) is not ours: its exit
// is still noticed, with no status.
TEST_P(ReapTest, NonChild) {
  int fds[2];
  ASSERT_EQ(0, ::pipe2(fds, O_CLOEXEC));
  Try<Subprocess> parent =
      subprocess("cat <&3 >/dev/null 2>&1 & echo $!", Subprocess::FD(fds[0]),
                 Subprocess::PIPE(), Subprocess::FD(STDERR_FILENO), None(),
                 None(), {}, {Subprocess::ChildHook::DUP2(0, 3)});
  ::close(fds[0]);
  ASSERT_SOME(parent);
  Future<std::string> out = io::read(parent->out().get());
  AWAIT_READY(out);
  Try<int> pid = numify<int>(strings::trim(out.get()));
  ASSERT_SOME(pid);
  AWAIT_READY(parent->status());

  ASSERT_EQ(0, ::kill(pid.get(), 0));
  Future<Option<int>> status = reap(pid.get());
  EXPECT_TRUE(status.isPending());
  ::close(fds[1]);  // cat reads EOF and exits.
  AWAIT_EXPECT_EQ(Option<int>(None()), status);
}

TEST_P(ReapTest, WorksWithPausedClock) {
  Clock::pause();
  Child child = forkChild(4);
  ASSERT_GT(child.pid, 0);
  Future<Option<int>> status = reap(child.pid);
  ::close(child.release);
  AWAIT_READY(status);
  EXPECT_TRUE(exitedWith(status.get(), 4));
  Clock::resume();
}

TEST_P(ReapTest, ManyChildren) {
  std::vector<Child> children;
  std::vector<Future<Option<int>>> statuses;
  for (int i = 0; i < 100; i++) {
    children.push_back(forkChild(i));
    ASSERT_GT(children.back().pid, 0);
    statuses.push_back(reap(children.back().pid));
  }
  for (const Child& child : children)
    ::close(child.release);
  AWAIT_READY(process::collect(statuses));
  for (int i = 0; i < 100; i++)
    EXPECT_TRUE(exitedWith(statuses[i].get(), i)) << i;
}

INSTANTIATE_TEST_SUITE_P(Mechanism, ReapTest, ::testing::Values(true, false),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "Pidfd" : "Polling";
                         });

TEST(ReapInvalidTest, NonPositivePid) {
  AWAIT_FAILED(reap(0));
  AWAIT_FAILED(reap(-1));
}
