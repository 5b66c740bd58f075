#include <gtest/gtest.h>

#include <stout/duration.hpp>
#include <stout/stringify.hpp>

TEST(DurationTest, ParseAndPrint) {
  EXPECT_EQ(Seconds(10), Duration::parse("10secs").get());
  EXPECT_EQ(Minutes(2), Duration::parse("2mins").get());
  EXPECT_EQ(Minutes(90), Duration::parse("1.5hrs").get());
  EXPECT_EQ("10secs", stringify(Seconds(10)));
  EXPECT_EQ("1.5mins", stringify(Seconds(90)));
  EXPECT_EQ("0ns", stringify(Duration::zero()));
  EXPECT_TRUE(Duration::parse("10").isError());
  EXPECT_TRUE(Duration::parse("secs").isError());
  EXPECT_TRUE(Duration::parse("10 secs").isError());
  EXPECT_TRUE(Duration::parse("10years").isError());
}

TEST(DurationTest, Arithmetic) {
  EXPECT_EQ(Seconds(3), Seconds(1) + Seconds(2));
  EXPECT_EQ(Duration::max(), Duration::max() + Seconds(1));
  EXPECT_DOUBLE_EQ(2.0, Minutes(2) / Minutes(1));
  EXPECT_LT(Milliseconds(999), Seconds(1));
}
