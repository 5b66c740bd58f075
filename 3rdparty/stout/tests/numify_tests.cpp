#include <cmath>
#include <cstdint>
#include <string>

#include <gtest/gtest.h>

#include <stout/numify.hpp>

TEST(NumifyTest, Integers) {
  EXPECT_EQ(42, numify<int>("42").get());
  EXPECT_EQ(-42, numify<int>("-42").get());
  EXPECT_EQ(42, numify<int>("+42").get());
  EXPECT_EQ(255, numify<int>("0xff").get());
  EXPECT_EQ(255, numify<int>("0XFF").get());
  EXPECT_EQ(INT64_MAX, numify<int64_t>("9223372036854775807").get());
  EXPECT_EQ(UINT64_MAX, numify<uint64_t>("18446744073709551615").get());
  EXPECT_EQ(7, numify<int>("007").get());
}

TEST(NumifyTest, IntegersRejectBadInput) {
  for (const char* bad :
       {"", " 1", "1 ", "1a", "a1", "1.0", "--1", "+-1", "-+1", "+", "-", "0x",
        "0x-1", "0x+1", "0xg", "1e3", "2147483648", "-2147483649"}) {
    Try<int> result = numify<int>(bad);
    EXPECT_TRUE(result.isError()) << "'" << bad << "'";
  }
  EXPECT_TRUE(numify<unsigned>("-1").isError());
  EXPECT_TRUE(numify<uint8_t>("256").isError());
  EXPECT_TRUE(numify<uint64_t>("18446744073709551616").isError());

  Try<int> error = numify<int>("12x");
  ASSERT_TRUE(error.isError());
  EXPECT_EQ("Failed to convert '12x' to number", error.error());
}

TEST(NumifyTest, FloatingPoint) {
  EXPECT_DOUBLE_EQ(1.5, numify<double>("1.5").get());
  EXPECT_DOUBLE_EQ(-0.25, numify<double>("-0.25").get());
  EXPECT_DOUBLE_EQ(0.5, numify<double>("+.5").get());
  EXPECT_DOUBLE_EQ(1000.0, numify<double>("1e3").get());
  EXPECT_DOUBLE_EQ(3.0, numify<double>("3").get());
  EXPECT_FLOAT_EQ(0.1f, numify<float>("0.1").get());
  EXPECT_TRUE(std::isinf(numify<double>("inf").get()));
  EXPECT_TRUE(numify<double>("").isError());
  EXPECT_TRUE(numify<double>("1.5x").isError());
  EXPECT_TRUE(numify<double>("0x1.8p1").isError());
  EXPECT_TRUE(numify<double>(" 1").isError());
  EXPECT_TRUE(numify<double>("1e999").isError());
}

TEST(NumifyTest, Option) {
  EXPECT_TRUE(numify<int>(Option<std::string>(None())).isNone());
  EXPECT_EQ(3, numify<int>(Option<std::string>("3")).get());
  EXPECT_TRUE(numify<int>(Option<std::string>("x")).isError());
}
