#include <sys/wait.h>
#include <unistd.h>

#include <set>
#include <unordered_set>

#include <gtest/gtest.h>

#include <stout/stringify.hpp>
#include <stout/uuid.hpp>

TEST(UUIDTest, RandomIsVersion4AndUnique) {
  std::unordered_set<id::UUID> seen;
  for (int i = 0; i < 1000; i++) {
    id::UUID uuid = id::UUID::random();
    const std::string bytes = uuid.toBytes();
    ASSERT_EQ(16u, bytes.size());
    EXPECT_EQ(0x40, bytes[6] & 0xF0);
    EXPECT_EQ(0x80, bytes[8] & 0xC0);
    EXPECT_TRUE(seen.insert(uuid).second);
  }
}

TEST(UUIDTest, StringForm) {
  Try<id::UUID> uuid =
      id::UUID::fromString("F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6");
  ASSERT_TRUE(uuid.isSome()) << uuid.error();
  EXPECT_EQ("f81d4fae-7dec-11d0-a765-00a0c91e6bf6", uuid->toString());
  EXPECT_EQ("f81d4fae-7dec-11d0-a765-00a0c91e6bf6", stringify(uuid.get()));
  EXPECT_EQ('\xf8', uuid->toBytes()[0]);
  EXPECT_EQ('\xf6', uuid->toBytes()[15]);
}

TEST(UUIDTest, RoundTrips) {
  id::UUID uuid = id::UUID::random();
  EXPECT_EQ(uuid, id::UUID::fromBytes(uuid.toBytes()).get());
  EXPECT_EQ(uuid, id::UUID::fromString(uuid.toString()).get());
  EXPECT_NE(uuid, id::UUID::random());
}

TEST(UUIDTest, RejectsBadInput) {
  EXPECT_TRUE(id::UUID::fromBytes("").isError());
  EXPECT_TRUE(id::UUID::fromBytes(std::string(15, 'a')).isError());
  EXPECT_TRUE(id::UUID::fromBytes(std::string(17, 'a')).isError());
  EXPECT_TRUE(id::UUID::fromString("").isError());
  EXPECT_TRUE(
      id::UUID::fromString("f81d4fae7dec11d0a76500a0c91e6bf6").isError());
  EXPECT_TRUE(
      id::UUID::fromString("f81d4fae-7dec-11d0-a765-00a0c91e6bfg").isError());
  EXPECT_TRUE(
      id::UUID::fromString("f81d4fae-7dec-11d0-a765_00a0c91e6bf6").isError());
  EXPECT_TRUE(
      id::UUID::fromString("f81d4fae-7dec-11d0-a765-00a0c91e6bf6 ").isError());
}

TEST(UUIDTest, Ordering) {
  std::set<id::UUID> ordered;
  id::UUID a =
      id::UUID::fromString("00000000-0000-4000-8000-000000000001").get();
  id::UUID b =
      id::UUID::fromString("00000000-0000-4000-8000-000000000002").get();
  ordered.insert(b);
  ordered.insert(a);
  EXPECT_EQ(a, *ordered.begin());
  EXPECT_TRUE(a < b);
}

TEST(UUIDTest, ForkedChildGetsFreshSequence) {
  id::UUID::random();  // Seed this thread's generator in the parent.
  int fds[2];
  ASSERT_EQ(0, ::pipe(fds));
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const std::string bytes = id::UUID::random().toBytes();
    const bool ok = ::write(fds[1], bytes.data(), bytes.size()) == 16;
    ::_exit(ok ? 0 : 1);
  }
  ::close(fds[1]);
  const std::string parent = id::UUID::random().toBytes();
  char child[16];
  ASSERT_EQ(16, ::read(fds[0], child, sizeof(child)));
  ::close(fds[0]);
  int status;
  ASSERT_EQ(pid, ::waitpid(pid, &status, 0));
  EXPECT_NE(parent, std::string(child, sizeof(child)));
}
