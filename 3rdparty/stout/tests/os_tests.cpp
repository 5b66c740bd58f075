#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <stout/os.hpp>
#include <stout/path.hpp>

using std::string;
using std::vector;

// Each test runs in a fresh temporary directory, removed afterwards.
class OsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Try<string> directory = os::mkdtemp();
    ASSERT_TRUE(directory.isSome()) << directory.error();
    sandbox = directory.get();
  }

  void TearDown() override {
    if (!sandbox.empty()) {
      Try<Nothing> removed = os::rmdir(sandbox);
      EXPECT_TRUE(removed.isSome()) << removed.error();
    }
  }

  string at(const string& name) const { return path::join(sandbox, name); }

  static vector<string> sorted(vector<string> names) {
    std::sort(names.begin(), names.end());
    return names;
  }

  string sandbox;
};

TEST_F(OsTest, ReadWrite) {
  const string file = at("file");
  ASSERT_TRUE(os::write(file, "hello").isSome());
  EXPECT_EQ("hello", os::read(file).get());

  ASSERT_TRUE(os::write(file, "bye").isSome());
  EXPECT_EQ("bye", os::read(file).get());

  const string big(1 << 20, 'x');
  ASSERT_TRUE(os::write(file, big).isSome());
  EXPECT_EQ(big, os::read(file).get());

  ASSERT_TRUE(os::write(file, "").isSome());
  EXPECT_EQ("", os::read(file).get());
}

TEST_F(OsTest, ReadProcFile) {
  Try<string> status = os::read("/proc/self/status");
  ASSERT_TRUE(status.isSome()) << status.error();
  EXPECT_NE(string::npos, status->find("Pid:"));
}

TEST_F(OsTest, ErrorsNameThePath) {
  const string missing = at("missing/file");
  Try<string> read = os::read(missing);
  ASSERT_TRUE(read.isError());
  EXPECT_NE(string::npos, read.error().find(missing));
  EXPECT_NE(string::npos, read.error().find("No such file or directory"));

  Try<Nothing> write = os::write(missing, "x");
  ASSERT_TRUE(write.isError());
  EXPECT_NE(string::npos, write.error().find(missing));

  Try<Nothing> atomic = os::atomicWrite(missing, "x");
  ASSERT_TRUE(atomic.isError());
  EXPECT_NE(string::npos, atomic.error().find(missing));

  Try<Nothing> rm = os::rm(missing);
  ASSERT_TRUE(rm.isError());
  EXPECT_NE(string::npos, rm.error().find(missing));

  Try<vector<string>> ls = os::ls(missing);
  ASSERT_TRUE(ls.isError());
  EXPECT_NE(string::npos, ls.error().find(missing));
}

TEST_F(OsTest, AtomicWrite) {
  const string file = at("info");
  ASSERT_TRUE(os::atomicWrite(file, "one").isSome());
  EXPECT_EQ("one", os::read(file).get());
  ASSERT_TRUE(os::atomicWrite(file, "two", 0600).isSome());
  EXPECT_EQ("two", os::read(file).get());
  EXPECT_EQ(0600u, os::stat::mode(file).get() & 0777);

  // No temporary file is left behind.
  EXPECT_EQ(vector<string>{"info"}, os::ls(sandbox).get());
}

TEST_F(OsTest, AtomicWriteFailureKeepsOldContent) {
  const string directory = at("dir");
  ASSERT_TRUE(os::mkdir(directory).isSome());
  const string file = path::join(directory, "f");
  ASSERT_TRUE(os::atomicWrite(file, "old").isSome());

  // Replacing a non-empty directory by rename fails after the temporary
  // file was written; that file must be cleaned up.
  const string blocker = path::join(directory, "blocker");
  ASSERT_TRUE(os::mkdir(path::join(blocker, "child")).isSome());
  EXPECT_TRUE(os::atomicWrite(blocker, "new").isError());
  EXPECT_EQ(sorted({"blocker", "f"}), sorted(os::ls(directory).get()));
  EXPECT_EQ("old", os::read(file).get());
}

TEST_F(OsTest, ExistsAndStat) {
  const string file = at("file");
  const string link = at("link");
  const string dangling = at("dangling");
  ASSERT_TRUE(os::write(file, "12345").isSome());
  ASSERT_TRUE(os::symlink(file, link).isSome());
  ASSERT_TRUE(fs::symlink(at("nowhere"), dangling).isSome());

  EXPECT_TRUE(os::exists(file));
  EXPECT_TRUE(os::exists(dangling));
  EXPECT_FALSE(os::exists(at("nowhere")));

  EXPECT_TRUE(os::stat::isfile(file));
  EXPECT_FALSE(os::stat::isdir(file));
  EXPECT_TRUE(os::stat::isdir(sandbox));
  EXPECT_TRUE(os::stat::islink(link));
  EXPECT_FALSE(os::stat::islink(file));
  EXPECT_TRUE(os::stat::isfile(link));
  EXPECT_FALSE(
      os::stat::isfile(link, os::stat::FollowSymlink::DO_NOT_FOLLOW_SYMLINK));

  EXPECT_EQ(Bytes(5), os::stat::size(file).get());
  EXPECT_EQ(Bytes(5), os::stat::size(link).get());
  EXPECT_EQ(Bytes(file.size()),
            os::stat::size(link, os::stat::FollowSymlink::DO_NOT_FOLLOW_SYMLINK)
                .get());
  EXPECT_TRUE(os::stat::size(at("nowhere")).isError());

  Try<long> mtime = os::stat::mtime(file);
  ASSERT_TRUE(mtime.isSome());
  EXPECT_GT(mtime.get(), 0);
}

TEST_F(OsTest, Touch) {
  const string file = at("touched");
  ASSERT_TRUE(os::touch(file).isSome());
  EXPECT_TRUE(os::stat::isfile(file));
  ASSERT_TRUE(os::write(file, "keep").isSome());
  ASSERT_TRUE(os::touch(file).isSome());
  EXPECT_EQ("keep", os::read(file).get());
  EXPECT_TRUE(os::touch(at("missing/file")).isError());
}

TEST_F(OsTest, Mkdir) {
  const string nested = at("a/b/c");
  ASSERT_TRUE(os::mkdir(nested).isSome());
  EXPECT_TRUE(os::stat::isdir(nested));
  EXPECT_TRUE(os::mkdir(nested).isSome());
  EXPECT_TRUE(os::mkdir(at("a//b/./d/"), true, true).isSome());
  EXPECT_TRUE(os::stat::isdir(at("a/b/d")));

  EXPECT_TRUE(os::mkdir(nested, false).isError());
  EXPECT_TRUE(os::mkdir(at("x/y"), false).isError());
  EXPECT_TRUE(os::mkdir(at("x"), false).isSome());

  ASSERT_TRUE(os::write(at("file"), "").isSome());
  Try<Nothing> blocked = os::mkdir(at("file/sub"));
  ASSERT_TRUE(blocked.isError());
  EXPECT_NE(string::npos, blocked.error().find(at("file/sub")));
  EXPECT_TRUE(os::mkdir(at("file")).isError());
}

TEST_F(OsTest, MkdirRelative) {
  const string cwd = os::getcwd();
  ASSERT_TRUE(os::chdir(sandbox).isSome());
  EXPECT_TRUE(os::mkdir("rel/dir").isSome());
  ASSERT_TRUE(os::chdir(cwd).isSome());
  EXPECT_TRUE(os::stat::isdir(at("rel/dir")));
  EXPECT_TRUE(os::chdir(at("missing")).isError());
}

TEST_F(OsTest, Ls) {
  EXPECT_TRUE(os::ls(sandbox)->empty());
  ASSERT_TRUE(os::write(at("f"), "").isSome());
  ASSERT_TRUE(os::mkdir(at("d")).isSome());
  ASSERT_TRUE(os::write(at(".hidden"), "").isSome());
  EXPECT_EQ(sorted({".hidden", "d", "f"}), sorted(os::ls(sandbox).get()));
  EXPECT_TRUE(os::ls(at("f")).isError());
}

TEST_F(OsTest, RmdirRecursive) {
  ASSERT_TRUE(os::mkdir(at("tree/a/b")).isSome());
  ASSERT_TRUE(os::write(at("tree/a/file"), "x").isSome());
  ASSERT_TRUE(os::write(at("tree/a/b/file"), "x").isSome());

  EXPECT_TRUE(os::rmdir(at("tree"), false).isError());
  ASSERT_TRUE(os::rmdir(at("tree")).isSome());
  EXPECT_FALSE(os::exists(at("tree")));
  EXPECT_TRUE(os::rmdir(at("tree")).isError());
}

TEST_F(OsTest, RmdirKeepsRoot) {
  ASSERT_TRUE(os::mkdir(at("root/sub")).isSome());
  ASSERT_TRUE(os::write(at("root/file"), "x").isSome());
  ASSERT_TRUE(os::rmdir(at("root"), true, false).isSome());
  EXPECT_TRUE(os::stat::isdir(at("root")));
  EXPECT_TRUE(os::ls(at("root"))->empty());
}

TEST_F(OsTest, RmdirDoesNotFollowSymlinks) {
  // A sandbox holding a symlink to a directory outside it: removing the
  // sandbox must not touch the target's content.
  ASSERT_TRUE(os::mkdir(at("outside")).isSome());
  ASSERT_TRUE(os::write(at("outside/precious"), "x").isSome());
  ASSERT_TRUE(os::mkdir(at("sandbox/dir")).isSome());
  ASSERT_TRUE(os::symlink(at("outside"), at("sandbox/dir/link")).isSome());
  ASSERT_TRUE(
      os::symlink(at("outside/precious"), at("sandbox/flink")).isSome());

  ASSERT_TRUE(os::rmdir(at("sandbox")).isSome());
  EXPECT_FALSE(os::exists(at("sandbox")));
  EXPECT_EQ("x", os::read(at("outside/precious")).get());

  // A symlink given as the root is removed as a link.
  ASSERT_TRUE(os::symlink(at("outside"), at("rootlink")).isSome());
  ASSERT_TRUE(os::rmdir(at("rootlink")).isSome());
  EXPECT_FALSE(os::exists(at("rootlink")));
  EXPECT_TRUE(os::exists(at("outside/precious")));
}

TEST_F(OsTest, RmdirContinueOnError) {
  if (::geteuid() == 0) {
    GTEST_SKIP() << "root ignores directory permissions";
  }
  ASSERT_TRUE(os::mkdir(at("tree/locked/inner")).isSome());
  ASSERT_TRUE(os::mkdir(at("tree/free")).isSome());
  ASSERT_TRUE(os::chmod(at("tree/locked"), 0500).isSome());

  Try<Nothing> result = os::rmdir(at("tree"), true, true, true);
  EXPECT_TRUE(result.isError());
  EXPECT_FALSE(os::exists(at("tree/free")));
  ASSERT_TRUE(os::chmod(at("tree/locked"), 0700).isSome());
}

TEST_F(OsTest, RmAndRename) {
  ASSERT_TRUE(os::write(at("a"), "1").isSome());
  ASSERT_TRUE(os::rename(at("a"), at("b")).isSome());
  EXPECT_FALSE(os::exists(at("a")));
  EXPECT_EQ("1", os::read(at("b")).get());

  ASSERT_TRUE(os::write(at("c"), "2").isSome());
  ASSERT_TRUE(os::rename(at("c"), at("b"), true).isSome());
  EXPECT_EQ("2", os::read(at("b")).get());

  Try<Nothing> missing = os::rename(at("c"), at("d"));
  ASSERT_TRUE(missing.isError());
  EXPECT_NE(string::npos, missing.error().find(at("c")));

  ASSERT_TRUE(os::rm(at("b")).isSome());
  EXPECT_FALSE(os::exists(at("b")));
}

TEST_F(OsTest, Realpath) {
  ASSERT_TRUE(os::mkdir(at("real")).isSome());
  ASSERT_TRUE(os::symlink(at("real"), at("link")).isSome());
  Result<string> real = os::realpath(at("real"));
  ASSERT_TRUE(real.isSome());
  EXPECT_EQ(real.get(), os::realpath(at("link/../real")).get());
  EXPECT_EQ(real.get(), os::realpath(at("link")).get());
  EXPECT_TRUE(os::realpath(at("missing")).isNone());
}

TEST_F(OsTest, Environment) {
  const string key = "STOUT_OS_TEST_VARIABLE";
  os::unsetenv(key);
  EXPECT_TRUE(os::getenv(key).isNone());
  os::setenv(key, "one");
  EXPECT_EQ("one", os::getenv(key).get());
  os::setenv(key, "two", false);
  EXPECT_EQ("one", os::getenv(key).get());
  os::setenv(key, "a=b");
  EXPECT_EQ("a=b", os::environment()[key]);
  os::unsetenv(key);
  EXPECT_TRUE(os::getenv(key).isNone());
  EXPECT_EQ(0u, os::environment().count(key));
}

TEST_F(OsTest, FileDescriptors) {
  Try<int> fd = os::open(at("fd"), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  ASSERT_TRUE(fd.isSome()) << fd.error();

  EXPECT_TRUE(os::isCloexec(fd.get()).get());
  ASSERT_TRUE(os::unsetCloexec(fd.get()).isSome());
  EXPECT_FALSE(os::isCloexec(fd.get()).get());
  ASSERT_TRUE(os::cloexec(fd.get()).isSome());
  EXPECT_TRUE(os::isCloexec(fd.get()).get());

  EXPECT_FALSE(os::isNonblock(fd.get()).get());
  ASSERT_TRUE(os::nonblock(fd.get()).isSome());
  EXPECT_TRUE(os::isNonblock(fd.get()).get());

  ASSERT_TRUE(os::write(fd.get(), "abcdef").isSome());
  ASSERT_TRUE(os::fsync(fd.get()).isSome());
  EXPECT_EQ(6, os::lseek(fd.get(), 0, SEEK_CUR).get());
  ASSERT_TRUE(os::ftruncate(fd.get(), 3).isSome());
  EXPECT_EQ(0, os::lseek(fd.get(), 0, SEEK_SET).get());

  Result<string> some = os::read(fd.get(), 2);
  EXPECT_EQ("ab", some.get());
  Result<string> partial = os::read(fd.get(), 5);
  EXPECT_EQ("c", partial.get());
  EXPECT_TRUE(os::read(fd.get(), 5).isNone());

  ASSERT_TRUE(os::close(fd.get()).isSome());
  EXPECT_TRUE(os::isCloexec(fd.get()).isError());
  EXPECT_TRUE(os::write(fd.get(), "x").isError());
  EXPECT_TRUE(os::fsync(sandbox).isSome());
  EXPECT_TRUE(os::open(at("missing/x"), O_RDONLY).isError());
}

TEST_F(OsTest, ReadFromPipeAcrossShortReads) {
  int fds[2];
  ASSERT_EQ(0, ::pipe(fds));
  ASSERT_TRUE(os::write(fds[1], "hello").isSome());
  ASSERT_TRUE(os::write(fds[1], " world").isSome());
  ::close(fds[1]);
  EXPECT_EQ("hello world", os::read(fds[0], 11).get());
  EXPECT_TRUE(os::read(fds[0], 1).isNone());
  ::close(fds[0]);
}

TEST(OsSystemTest, Facts) {
  EXPECT_GT(os::pagesize(), 0u);
  EXPECT_EQ(::getpid(), os::getpid());
  Try<string> hostname = os::hostname();
  ASSERT_TRUE(hostname.isSome());
  EXPECT_FALSE(hostname->empty());
  Result<string> user = os::user();
  EXPECT_FALSE(user.isError());
  EXPECT_FALSE(os::temp().empty());
}
