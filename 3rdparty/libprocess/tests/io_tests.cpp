#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <functional>
#include <string>
#include <vector>

#include <process/future.hpp>
#include <process/gtest.hpp>
#include <process/io.hpp>

#include <stout/os/fd.hpp>

#include "subprocess_test_helpers.hpp"

using process::Future;

namespace io = process::io;

namespace {

// A pipe whose ends are closed at the end of the test (unless closed
// before with `closeRead`/`closeWrite`).
class Pipe {
 public:
  explicit Pipe(bool nonblocking = true) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC | (nonblocking ? O_NONBLOCK : 0)) == 0) {
      read_ = fds[0];
      write_ = fds[1];
    }
  }
  ~Pipe() {
    closeRead();
    closeWrite();
  }

  int read() const { return read_; }
  int write() const { return write_; }
  void closeRead() {
    if (read_ >= 0)
      ::close(read_);
    read_ = -1;
  }
  void closeWrite() {
    if (write_ >= 0)
      ::close(write_);
    write_ = -1;
  }

 private:
  int read_ = -1;
  int write_ = -1;
};

// Fills the pipe until a non-blocking write would block.
void fill(int fd) {
  const std::string chunk(65536, 'f');
  while (::write(fd, chunk.data(), chunk.size()) > 0) {
  }
}

}  // namespace

TEST(IOTest, Poll) {
  Pipe pipe;
  Future<short> readable = io::poll(pipe.read(), io::READ);
  AWAIT_EXPECT_EQ(io::WRITE, io::poll(pipe.write(), io::READ | io::WRITE));
  EXPECT_TRUE(readable.isPending());
  ASSERT_SOME(os::write(pipe.write(), "x"));
  AWAIT_EXPECT_EQ(io::READ, readable);

  // A hang-up counts as readable.
  Pipe closed;
  Future<short> hangup = io::poll(closed.read(), io::READ);
  closed.closeWrite();
  AWAIT_EXPECT_EQ(io::READ, hangup);

  AWAIT_FAILED(io::poll(-1, io::READ));
  AWAIT_FAILED(io::poll(pipe.read(), 0));
}

TEST(IOTest, PollDiscard) {
  Pipe pipe;
  Future<short> readable = io::poll(pipe.read(), io::READ);
  readable.discard();
  AWAIT_DISCARDED(readable);
}

TEST(IOTest, AsyncDescriptors) {
  Pipe blocking(false);
  EXPECT_SOME_EQ(false, io::is_async(blocking.read()));
  char buffer[8];
  Future<size_t> read = io::read(blocking.read(), buffer, sizeof(buffer));
  AWAIT_FAILED(read);
  EXPECT_EQ("Expected an asynchronous file descriptor.", read.failure());
  AWAIT_FAILED(io::write(blocking.write(), buffer, sizeof(buffer)));

  ASSERT_SOME(io::prepare_async(blocking.read()));
  EXPECT_SOME_EQ(true, io::is_async(blocking.read()));
  EXPECT_ERROR(io::is_async(-1));
  AWAIT_FAILED(io::read(-1, buffer, sizeof(buffer)));
}

TEST(IOTest, Read) {
  Pipe pipe;
  char buffer[16] = {};

  // Data already there.
  ASSERT_SOME(os::write(pipe.write(), "abc"));
  AWAIT_EXPECT_EQ(3u, io::read(pipe.read(), buffer, sizeof(buffer)));
  EXPECT_EQ("abc", std::string(buffer, 3));

  // Data that comes later; at most `size` bytes.
  Future<size_t> later = io::read(pipe.read(), buffer, 2);
  EXPECT_TRUE(later.isPending());
  ASSERT_SOME(os::write(pipe.write(), "defg"));
  AWAIT_EXPECT_EQ(2u, later);
  EXPECT_EQ("de", std::string(buffer, 2));

  AWAIT_EXPECT_EQ(0u, io::read(pipe.read(), buffer, 0));

  // End of file.
  AWAIT_EXPECT_EQ(2u, io::read(pipe.read(), buffer, sizeof(buffer)));
  Future<size_t> eof = io::read(pipe.read(), buffer, sizeof(buffer));
  pipe.closeWrite();
  AWAIT_EXPECT_EQ(0u, eof);
}

// A discarded read takes nothing: the next read gets the data.
TEST(IOTest, ReadDiscard) {
  Pipe pipe;
  char buffer[16];
  Future<size_t> read = io::read(pipe.read(), buffer, sizeof(buffer));
  read.discard();
  AWAIT_DISCARDED(read);
  ASSERT_SOME(os::write(pipe.write(), "kept"));
  AWAIT_EXPECT_EQ(4u, io::read(pipe.read(), buffer, sizeof(buffer)));
  EXPECT_EQ("kept", std::string(buffer, 4));
}

TEST(IOTest, ReadToEnd) {
  Pipe pipe(false);
  Future<std::string> all = io::read(pipe.read());
  std::string data(3 << 20, 'd');
  for (size_t i = 0; i < data.size(); i += 1000)
    data[i] = static_cast<char>('0' + (i / 1000) % 10);
  Future<Nothing> written = io::write(pipe.write(), data);
  AWAIT_READY(written);
  EXPECT_TRUE(all.isPending());
  pipe.closeWrite();
  AWAIT_READY(all);
  EXPECT_TRUE(all.get() == data);

  // An empty stream.
  Pipe empty;
  Future<std::string> nothing = io::read(empty.read());
  empty.closeWrite();
  AWAIT_EXPECT_EQ(std::string(), nothing);

  AWAIT_FAILED(io::read(-1));
}

// The caller may close its descriptor right away: the read works on a
// duplicate, and discarding it leaves the caller's descriptor usable.
TEST(IOTest, ReadToEndOwnsADuplicate) {
  Pipe pipe;
  const int copy = ::dup(pipe.read());
  ASSERT_GE(copy, 0);
  Future<std::string> all = io::read(copy);
  ::close(copy);
  ASSERT_SOME(os::write(pipe.write(), "survives"));
  pipe.closeWrite();
  AWAIT_EXPECT_EQ(std::string("survives"), all);

  Pipe other;
  Future<std::string> discarded = io::read(other.read());
  discarded.discard();
  AWAIT_DISCARDED(discarded);
  ASSERT_SOME(os::write(other.write(), "x"));
  char byte;
  AWAIT_EXPECT_EQ(1u, io::read(other.read(), &byte, 1));
}

TEST(IOTest, Write) {
  Pipe pipe;
  AWAIT_EXPECT_EQ(5u, io::write(pipe.write(), "hello", 5));
  AWAIT_EXPECT_EQ(0u, io::write(pipe.write(), "", 0));

  // A full pipe: the write waits for room.
  fill(pipe.write());
  Future<size_t> waiting = io::write(pipe.write(), "more", 4);
  EXPECT_TRUE(waiting.isPending());
  std::string drained(1 << 20, '\0');
  ASSERT_GT(::read(pipe.read(), &drained[0], drained.size()), 0);
  AWAIT_EXPECT_EQ(4u, waiting);
}

TEST(IOTest, WriteDiscard) {
  Pipe pipe;
  fill(pipe.write());
  Future<size_t> sized = io::write(pipe.write(), "x", 1);
  Future<Nothing> all = io::write(pipe.write(), std::string(100, 'y'));
  sized.discard();
  all.discard();
  AWAIT_DISCARDED(sized);
  AWAIT_DISCARDED(all);
}

// A reader that went away is a failure, not a SIGPIPE.
TEST(IOTest, WriteToClosedPipe) {
  Pipe pipe;
  pipe.closeRead();
  Future<Nothing> all = io::write(pipe.write(), std::string("data"));
  AWAIT_FAILED(all);
  EXPECT_NE(std::string::npos, all.failure().find("Broken pipe"))
      << all.failure();
  Future<size_t> sized = io::write(pipe.write(), "d", 1);
  AWAIT_FAILED(sized);
  EXPECT_NE(std::string::npos, sized.failure().find("Broken pipe"));
  AWAIT_FAILED(io::write(-1, std::string("x")));
}

TEST(IOTest, Redirect) {
  Pipe from;
  Pipe to;
  std::vector<std::string> chunks;
  Future<Nothing> redirected = io::redirect(
      from.read(), to.write(), 3,
      {[&chunks](const std::string& chunk) { chunks.push_back(chunk); }});
  Future<std::string> received = io::read(to.read());
  ASSERT_SOME(os::write(from.write(), "abcdefg"));
  from.closeWrite();
  AWAIT_READY(redirected);
  to.closeWrite();
  AWAIT_EXPECT_EQ(std::string("abcdefg"), received);
  std::string joined;
  for (const std::string& chunk : chunks) {
    EXPECT_LE(chunk.size(), 3u);
    joined += chunk;
  }
  EXPECT_EQ("abcdefg", joined);
}

// Through a slow reader: the redirect waits for room in `to`.
TEST(IOTest, RedirectLarge) {
  Pipe from;
  Pipe to;
  const std::string data(4 << 20, 'r');
  Future<Nothing> redirected =
      io::redirect(from.read(), to.write(), io::BUFFERED_READ_SIZE);
  Future<Nothing> written = io::write(from.write(), data);
  Future<std::string> received = io::read(to.read());
  AWAIT_READY(written);
  from.closeWrite();
  AWAIT_READY(redirected);
  to.closeWrite();
  AWAIT_READY(received);
  EXPECT_EQ(data.size(), received->size());
}

TEST(IOTest, RedirectToDevNull) {
  Pipe from;
  Future<Nothing> redirected = io::redirect(from.read(), None());
  ASSERT_SOME(os::write(from.write(), "gone"));
  from.closeWrite();
  AWAIT_READY(redirected);

  Pipe discarded;
  Future<Nothing> stopped = io::redirect(discarded.read(), None());
  stopped.discard();
  AWAIT_DISCARDED(stopped);

  AWAIT_FAILED(io::redirect(-1, None()));
}
