#include <list>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <stout/duration.hpp>
#include <stout/option.hpp>
#include <stout/stringify.hpp>
#include <stout/strings.hpp>

using std::string;
using std::vector;

TEST(StringsTest, Trim) {
  EXPECT_EQ("a b", strings::trim("  a b \t\r\n"));
  EXPECT_EQ("", strings::trim(" \t "));
  EXPECT_EQ("", strings::trim(""));
  EXPECT_EQ("a  ", strings::trim("  a  ", strings::PREFIX));
  EXPECT_EQ("  a", strings::trim("  a  ", strings::SUFFIX));
  EXPECT_EQ("a", strings::trim("xxaxy", "xy"));
  EXPECT_EQ("axy", strings::trim("xxaxy", strings::PREFIX, "x"));
  EXPECT_EQ("", strings::trim("xyx", strings::SUFFIX, "xy"));
}

TEST(StringsTest, Replace) {
  EXPECT_EQ("a-b-c", strings::replace("a.b.c", ".", "-"));
  EXPECT_EQ("abc", strings::replace("abc", "", "x"));
  EXPECT_EQ("xx", strings::replace("aaaa", "aa", "x"));
  EXPECT_EQ("aaa", strings::replace("a", "a", "aaa"));
}

TEST(StringsTest, Remove) {
  EXPECT_EQ("c", strings::remove("abcab", "ab"));
  EXPECT_EQ("xy", strings::remove("xaby", "ab"));
  EXPECT_EQ("cab", strings::remove("abcab", "ab", strings::PREFIX));
  EXPECT_EQ("abc", strings::remove("abcab", "ab", strings::SUFFIX));
  EXPECT_EQ("xabc", strings::remove("xabc", "ab", strings::PREFIX));
  EXPECT_EQ("a", strings::remove("a", "abc", strings::SUFFIX));
}

TEST(StringsTest, Tokenize) {
  EXPECT_EQ((vector<string>{"a", "b", "c"}),
            strings::tokenize("  a  b c ", " "));
  EXPECT_EQ((vector<string>{}), strings::tokenize("", " "));
  EXPECT_EQ((vector<string>{}), strings::tokenize(",,,", ","));
  EXPECT_EQ((vector<string>{"a", "b"}), strings::tokenize("a,b;", ",;"));
  EXPECT_EQ((vector<string>{"a", "b c  d "}),
            strings::tokenize(" a b c  d ", " ", 2));
  EXPECT_EQ((vector<string>{"a", "b", "c"}),
            strings::tokenize("a b c", " ", 0));
}

TEST(StringsTest, Split) {
  EXPECT_EQ((vector<string>{"a", "", "b"}), strings::split("a,,b", ","));
  EXPECT_EQ((vector<string>{""}), strings::split("", ","));
  EXPECT_EQ((vector<string>{"", ""}), strings::split(",", ","));
  EXPECT_EQ((vector<string>{"a", "b,c"}), strings::split("a,b,c", ",", 2));
  EXPECT_EQ((vector<string>{"a=b=c"}), strings::split("a=b=c", "=", 1));
}

TEST(StringsTest, Pairs) {
  std::map<string, vector<string>> pairs =
      strings::pairs("a=1;b=2;a=3;bad;c=4=5", ";", "=");
  EXPECT_EQ(2u, pairs.size());
  EXPECT_EQ((vector<string>{"1", "3"}), pairs["a"]);
  EXPECT_EQ((vector<string>{"2"}), pairs["b"]);
}

TEST(StringsTest, Join) {
  EXPECT_EQ("a, b, c", strings::join(", ", "a", "b", "c"));
  EXPECT_EQ("1/2", strings::join("/", 1, 2));
  EXPECT_EQ("x", strings::join(",", string("x")));
  EXPECT_EQ("1,2,3", strings::join(",", vector<int>{1, 2, 3}));
  EXPECT_EQ("", strings::join(",", vector<string>{}));
  EXPECT_EQ("a+b", strings::join("+", std::list<string>{"a", "b"}));
  EXPECT_EQ("1-true-10secs", strings::join("-", 1, true, Seconds(10)));
}

TEST(StringsTest, Predicates) {
  EXPECT_TRUE(strings::startsWith("hello", "he"));
  EXPECT_TRUE(strings::startsWith("hello", ""));
  EXPECT_FALSE(strings::startsWith("he", "hello"));
  EXPECT_TRUE(strings::startsWith("hello", 'h'));
  EXPECT_FALSE(strings::startsWith("", 'h'));
  EXPECT_TRUE(strings::endsWith("hello", "llo"));
  EXPECT_FALSE(strings::endsWith("lo", "hello"));
  EXPECT_TRUE(strings::endsWith("hello", 'o'));
  EXPECT_TRUE(strings::contains("hello", "ell"));
  EXPECT_FALSE(strings::contains("hello", "elo"));
}

TEST(StringsTest, Case) {
  EXPECT_EQ("abc-\xc3\x89", strings::lower("AbC-\xc3\x89"));
  EXPECT_EQ("ABC-1", strings::upper("aBc-1"));
}

TEST(StringsTest, Format) {
  EXPECT_EQ("x=5 y=abc", strings::format("x=%d y=%s", 5, "abc").get());
  EXPECT_EQ(string(300, 'a'),
            strings::format("%s", string(300, 'a').c_str()).get());
}

TEST(StringifyTest, Scalars) {
  EXPECT_EQ("true", stringify(true));
  EXPECT_EQ("false", stringify(false));
  EXPECT_EQ("-42", stringify(-42));
  EXPECT_EQ("18446744073709551615", stringify(UINT64_MAX));
  EXPECT_EQ("1.5", stringify(1.5));
  EXPECT_EQ("abc", stringify("abc"));
  EXPECT_EQ("abc", stringify(string("abc")));
  EXPECT_EQ("x", stringify('x'));
  EXPECT_EQ("2mins", stringify(Minutes(2)));
  EXPECT_EQ("Some(3)", stringify(Option<int>(3)));
  EXPECT_EQ("None", stringify(Option<int>()));
  EXPECT_EQ("boom", stringify(Error("boom")));
}

TEST(StringifyTest, Containers) {
  EXPECT_EQ("[ 1, 2 ]", stringify(vector<int>{1, 2}));
  EXPECT_EQ("[  ]", stringify(vector<int>{}));
  EXPECT_EQ("{ a, b }", stringify(std::set<string>{"b", "a"}));
  EXPECT_EQ("{ a: 1, b: 2 }",
            stringify(std::map<string, int>{{"b", 2}, {"a", 1}}));
  EXPECT_EQ("[ [ true ] ]", stringify(vector<vector<bool>>{{true}}));
}
