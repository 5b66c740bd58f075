#include <string>

#include <gtest/gtest.h>

#include <stout/none.hpp>
#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/result.hpp>
#include <stout/some.hpp>
#include <stout/try.hpp>

TEST(OptionTest, Basics) {
  Option<int> none = None();
  Option<int> some = Some(3);
  EXPECT_TRUE(none.isNone());
  EXPECT_TRUE(some.isSome());
  EXPECT_EQ(3, some.get());
  EXPECT_EQ(7, none.getOrElse(7));
  EXPECT_EQ(some, (none | some));
  EXPECT_TRUE(some == 3);
  EXPECT_TRUE(none != 3);
}

TEST(TryTest, Basics) {
  Try<std::string> value = std::string("x");
  Try<std::string> error = Error("bad");
  EXPECT_TRUE(value.isSome());
  EXPECT_EQ("x", value.get());
  EXPECT_TRUE(error.isError());
  EXPECT_EQ("bad", error.error());

  Try<Nothing> errno_error = ErrnoError("Failed to x", ENOENT);
  EXPECT_EQ("Failed to x: No such file or directory", errno_error.error());
}

TEST(ResultTest, Basics) {
  Result<int> some = 1;
  Result<int> none = None();
  Result<int> error = Error("e");
  EXPECT_TRUE(some.isSome());
  EXPECT_TRUE(none.isNone());
  EXPECT_TRUE(error.isError());
  EXPECT_EQ("e", error.error());
}

TEST(OptionDeathTest, GetOnNoneAborts) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  Option<int> none;
  EXPECT_DEATH((void)none.get(), "None");
}
