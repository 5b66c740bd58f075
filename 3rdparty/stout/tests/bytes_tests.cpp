#include <gtest/gtest.h>

#include <stout/bytes.hpp>
#include <stout/stringify.hpp>

TEST(BytesTest, Parse) {
  EXPECT_EQ(Bytes(64), Bytes::parse("64B").get());
  EXPECT_EQ(Kilobytes(3), Bytes::parse("3KB").get());
  EXPECT_EQ(Megabytes(64), Bytes::parse("64MB").get());
  EXPECT_EQ(Gigabytes(2), Bytes::parse("2GB").get());
  EXPECT_EQ(Terabytes(1), Bytes::parse("1TB").get());
  EXPECT_EQ(Megabytes(5), Bytes::parse("5mb").get());
  EXPECT_EQ(Bytes(0), Bytes::parse("0B").get());
}

TEST(BytesTest, ParseRejectsBadInput) {
  EXPECT_TRUE(Bytes::parse("").isError());
  EXPECT_TRUE(Bytes::parse("MB").isError());
  EXPECT_TRUE(Bytes::parse("64").isError());
  EXPECT_TRUE(Bytes::parse("64XB").isError());
  EXPECT_TRUE(Bytes::parse("-1MB").isError());
  EXPECT_TRUE(Bytes::parse(" 1MB").isError());
  EXPECT_TRUE(Bytes::parse("1MB ").isError());
  EXPECT_TRUE(Bytes::parse("99999999999999999999B").isError());
  EXPECT_TRUE(Bytes::parse("16777216TB").isError());

  Try<Bytes> fraction = Bytes::parse("1.5GB");
  ASSERT_TRUE(fraction.isError());
  EXPECT_NE(std::string::npos, fraction.error().find("fractional"));

  Try<Bytes> unit = Bytes::parse("3PB");
  ASSERT_TRUE(unit.isError());
  EXPECT_NE(std::string::npos, unit.error().find("'PB'"));
}

TEST(BytesTest, Print) {
  EXPECT_EQ("0B", stringify(Bytes(0)));
  EXPECT_EQ("1023B", stringify(Bytes(1023)));
  EXPECT_EQ("1KB", stringify(Kilobytes(1)));
  EXPECT_EQ("1536KB", stringify(Kilobytes(1536)));
  EXPECT_EQ("64MB", stringify(Megabytes(64)));
  EXPECT_EQ("3GB", stringify(Gigabytes(3)));
  EXPECT_EQ("2048TB", stringify(Terabytes(2048)));
  EXPECT_EQ("1025B", stringify(Bytes(1025)));
}

TEST(BytesTest, RoundTrip) {
  for (Bytes b : {Bytes(7), Bytes(Kilobytes(5)), Bytes(Megabytes(1536)),
                  Bytes(Gigabytes(9))}) {
    EXPECT_EQ(b, Bytes::parse(stringify(b)).get());
  }
}

TEST(BytesTest, Arithmetic) {
  EXPECT_EQ(Megabytes(3), Megabytes(1) + Megabytes(2));
  EXPECT_EQ(Kilobytes(1023), Megabytes(1) - Kilobytes(1));
  EXPECT_EQ(Megabytes(10), Megabytes(5) * 2);
  EXPECT_EQ(Megabytes(2), Megabytes(4) / 2);
  EXPECT_EQ(Bytes(1), Bytes(1025) % Kilobytes(1));
  EXPECT_EQ(1024u, Gigabytes(1).megabytes());
  EXPECT_LT(Megabytes(1), Megabytes(2));
  EXPECT_GE(Megabytes(2), Kilobytes(2048));

  Bytes b = Megabytes(1);
  b += Kilobytes(1);
  EXPECT_EQ(Bytes(1049600), b);
  b -= Kilobytes(1);
  EXPECT_EQ(Megabytes(1), b);
}
