#include <gtest/gtest.h>

#include <string>

#include <process/future.hpp>
#include <process/gtest.hpp>
#include <process/http.hpp>

using process::Future;
using process::http::Pipe;

TEST(PipeTest, ChunksInOrderThenEof) {
  Pipe pipe;
  Pipe::Reader reader = pipe.reader();
  Pipe::Writer writer = pipe.writer();

  // A read before the write waits for it; writes before reads are kept.
  Future<std::string> first = reader.read();
  EXPECT_TRUE(first.isPending());
  EXPECT_TRUE(writer.write("a"));
  EXPECT_TRUE(writer.write("bc"));
  EXPECT_TRUE(writer.write(""));  // Ignored: only close() ends the body.
  AWAIT_EXPECT_EQ("a", first);
  AWAIT_EXPECT_EQ("bc", reader.read());

  Future<std::string> end = reader.read();
  EXPECT_TRUE(end.isPending());
  EXPECT_TRUE(writer.close());
  EXPECT_FALSE(writer.close());
  EXPECT_FALSE(writer.write("late"));
  AWAIT_EXPECT_EQ("", end);
  AWAIT_EXPECT_EQ("", reader.read());
}

TEST(PipeTest, ReadAll) {
  Pipe pipe;
  Pipe::Writer writer = pipe.writer();
  for (int i = 0; i < 10000; ++i)
    writer.write("x");
  Future<std::string> all = pipe.reader().readAll();
  EXPECT_TRUE(all.isPending());
  writer.write("y");
  writer.close();
  AWAIT_EXPECT_EQ(std::string(10000, 'x') + "y", all);
}

TEST(PipeTest, WriterFailure) {
  Pipe pipe;
  Future<std::string> read = pipe.reader().read();
  EXPECT_TRUE(pipe.writer().fail("broken"));
  EXPECT_FALSE(pipe.writer().fail("again"));
  AWAIT_FAILED(read);
  EXPECT_EQ("broken", read.failure());
  AWAIT_FAILED(pipe.reader().readAll());
}

TEST(PipeTest, ReaderClose) {
  Pipe pipe;
  Pipe::Reader reader = pipe.reader();
  Pipe::Writer writer = pipe.writer();
  Future<Nothing> closed = writer.readerClosed();
  EXPECT_TRUE(closed.isPending());

  Future<std::string> read = reader.read();
  EXPECT_TRUE(reader.close());
  EXPECT_FALSE(reader.close());
  AWAIT_FAILED(read);
  AWAIT_READY(closed);
  EXPECT_FALSE(writer.write("nobody reads"));
  AWAIT_FAILED(reader.read());
}

TEST(PipeTest, HandlesShareOnePipe) {
  Pipe pipe;
  EXPECT_EQ(pipe.reader(), pipe.reader());
  EXPECT_EQ(pipe.writer(), pipe.writer());
  EXPECT_NE(pipe.reader(), Pipe().reader());
}
