// Value::Scalar / Ranges / Set arithmetic, comparison, printing and the
// text parser (include/mesos/values.hpp).

#include <cstdint>
#include <limits>
#include <random>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include <mesos/values.hpp>

#include <stout/stringify.hpp>

namespace mesos {
namespace {

Value::Scalar scalar(double value) {
  Value::Scalar result;
  result.set_value(value);
  return result;
}

Value::Ranges ranges(
    std::initializer_list<std::pair<uint64_t, uint64_t>> list) {
  Value::Ranges result;
  for (const auto& [begin, end] : list) {
    Value::Range* range = result.add_range();
    range->set_begin(begin);
    range->set_end(end);
  }
  return result;
}

Value::Set set(std::initializer_list<const char*> items) {
  Value::Set result;
  for (const char* item : items)
    result.add_item(item);
  return result;
}

Value::Ranges parseRanges(const std::string& text) {
  Try<Value> value = internal::values::parse(text);
  EXPECT_TRUE(value.isSome()) << text;
  EXPECT_EQ(Value::RANGES, value->type());
  return value->ranges();
}

// -- Scalars -----------------------------------------------------------------

TEST(ScalarTest, RoundsToThreeDecimals) {
  EXPECT_EQ(scalar(0.3), scalar(0.1) + scalar(0.2));
  EXPECT_EQ(scalar(0), scalar(0.0004));
  EXPECT_NE(scalar(0), scalar(0.0005));
  EXPECT_EQ(1.001, (scalar(1.0005) + scalar(0)).value());
  EXPECT_EQ(0.3, (scalar(0.1) + scalar(0.2)).value());
  EXPECT_EQ(0.1, (scalar(0.3) - scalar(0.2)).value());
}

TEST(ScalarTest, NoDriftOverManyOperations) {
  Value::Scalar total = scalar(0);
  for (int i = 0; i < 10000; i++)
    total += scalar(0.1);
  EXPECT_EQ(1000.0, total.value());
  for (int i = 0; i < 10000; i++)
    total -= scalar(0.1);
  EXPECT_EQ(0.0, total.value());
}

TEST(ScalarTest, Comparisons) {
  EXPECT_TRUE(scalar(1) < scalar(1.001));
  EXPECT_FALSE(scalar(1) < scalar(1.0004));
  EXPECT_TRUE(scalar(1) <= scalar(1.0004));
  EXPECT_TRUE(scalar(2) > scalar(1));
  EXPECT_TRUE(scalar(2) >= scalar(2));
  EXPECT_TRUE(scalar(-1) < scalar(0));
}

TEST(ScalarTest, Printing) {
  EXPECT_EQ("4", stringify(scalar(4)));
  EXPECT_EQ("0.1", stringify(scalar(0.1)));
  EXPECT_EQ("1.235", stringify(scalar(1.23456)));
  EXPECT_EQ("8192", stringify(scalar(8192)));
  EXPECT_EQ("1000000", stringify(scalar(1e6)));
  EXPECT_EQ("-2.5", stringify(scalar(-2.5)));
}

TEST(ScalarTest, ExtremesSaturateInsteadOfOverflowing) {
  const double huge = std::numeric_limits<double>::max();
  EXPECT_EQ(scalar(huge), scalar(huge) + scalar(huge));
  EXPECT_EQ(scalar(0), scalar(std::nan("")));
}

// -- Ranges ------------------------------------------------------------------

TEST(RangesTest, AdditionCoalesces) {
  EXPECT_EQ("[1-10]", stringify(ranges({{1, 5}}) + ranges({{6, 10}})));
  EXPECT_EQ("[1-10]", stringify(ranges({{1, 8}}) + ranges({{3, 10}})));
  EXPECT_EQ("[1-2, 4-5]", stringify(ranges({{4, 5}}) + ranges({{1, 2}})));
  EXPECT_EQ("[1-10]", stringify(ranges({{1, 10}}) + ranges({{2, 3}})));
  EXPECT_EQ("[0-18446744073709551615]",
            stringify(ranges({{0, 10}}) +
                      ranges({{5, std::numeric_limits<uint64_t>::max()}})));
}

TEST(RangesTest, SubtractionSplits) {
  EXPECT_EQ("[1-4, 6-10]", stringify(ranges({{1, 10}}) - ranges({{5, 5}})));
  EXPECT_EQ("[1-2, 9-10]", stringify(ranges({{1, 10}}) - ranges({{3, 8}})));
  EXPECT_EQ("[]", stringify(ranges({{1, 10}}) - ranges({{0, 20}})));
  EXPECT_EQ("[6-10]", stringify(ranges({{1, 10}}) - ranges({{0, 5}})));
  EXPECT_EQ("[1-4]", stringify(ranges({{1, 10}}) - ranges({{5, 20}})));
  EXPECT_EQ("[1-1, 3-3, 5-5]",
            stringify(ranges({{1, 5}}) - ranges({{2, 2}, {4, 4}})));
  EXPECT_EQ("[1-10]", stringify(ranges({{1, 10}}) - ranges({{20, 30}})));
}

TEST(RangesTest, EqualityIgnoresSplitAndOrder) {
  EXPECT_EQ(ranges({{1, 10}}), ranges({{6, 10}, {1, 5}}));
  EXPECT_EQ(ranges({{1, 10}}), ranges({{1, 7}, {3, 10}}));
  EXPECT_NE(ranges({{1, 10}}), ranges({{1, 9}}));
  EXPECT_EQ(Value::Ranges(), ranges({{5, 1}}));
}

TEST(RangesTest, Containment) {
  EXPECT_TRUE(ranges({{2, 3}}) <= ranges({{1, 10}}));
  EXPECT_TRUE(ranges({{1, 5}, {6, 10}}) <= ranges({{1, 10}}));
  EXPECT_TRUE(ranges({{1, 10}}) <= ranges({{1, 5}, {6, 10}}));
  EXPECT_FALSE(ranges({{1, 11}}) <= ranges({{1, 10}}));
  EXPECT_FALSE(ranges({{4, 6}}) <= ranges({{1, 4}, {6, 10}}));
  EXPECT_TRUE(Value::Ranges() <= ranges({{1, 2}}));
}

TEST(RangesTest, CoalesceInPlace) {
  Value::Ranges value = ranges({{10, 20}, {1, 3}, {4, 5}, {15, 25}});
  coalesce(&value);
  EXPECT_EQ("[1-5, 10-25]", stringify(value));

  Value::Range range;
  range.set_begin(6);
  range.set_end(9);
  coalesce(&value, range);
  EXPECT_EQ("[1-25]", stringify(value));
}

// Property: ranges arithmetic agrees with std::set arithmetic on small
// random inputs.
TEST(RangesTest, AgreesWithSetModel) {
  std::mt19937 random(1234);
  std::uniform_int_distribution<uint64_t> point(0, 60);
  std::uniform_int_distribution<int> count(0, 4);

  const auto randomRanges = [&](std::set<uint64_t>* model) {
    Value::Ranges result;
    for (int i = count(random); i > 0; i--) {
      uint64_t begin = point(random);
      uint64_t end = point(random);
      if (begin > end)
        std::swap(begin, end);
      Value::Range* range = result.add_range();
      range->set_begin(begin);
      range->set_end(end);
      for (uint64_t p = begin; p <= end; p++)
        model->insert(p);
    }
    return result;
  };
  const auto toSet = [](const Value::Ranges& value) {
    std::set<uint64_t> result;
    for (const Value::Range& range : value.range()) {
      for (uint64_t p = range.begin(); p <= range.end(); p++)
        result.insert(p);
    }
    return result;
  };

  for (int iteration = 0; iteration < 2000; iteration++) {
    std::set<uint64_t> a;
    std::set<uint64_t> b;
    const Value::Ranges left = randomRanges(&a);
    const Value::Ranges right = randomRanges(&b);

    std::set<uint64_t> sum = a;
    sum.insert(b.begin(), b.end());
    std::set<uint64_t> difference;
    for (uint64_t p : a) {
      if (b.count(p) == 0)
        difference.insert(p);
    }
    const bool subset = std::includes(b.begin(), b.end(), a.begin(), a.end());

    ASSERT_EQ(sum, toSet(left + right));
    ASSERT_EQ(difference, toSet(left - right));
    ASSERT_EQ(subset, left <= right);
    ASSERT_EQ(a == b, left == right);

    // Results are coalesced: sorted, disjoint, not adjacent.
    const Value::Ranges result = left + right;
    for (int i = 1; i < result.range_size(); i++)
      ASSERT_LT(result.range(i - 1).end() + 1, result.range(i).begin());
  }
}

// -- Sets --------------------------------------------------------------------

TEST(SetTest, Arithmetic) {
  EXPECT_EQ("{a, b, c}", stringify(set({"a", "b"}) + set({"b", "c"})));
  EXPECT_EQ("{a}", stringify(set({"a", "b"}) - set({"b", "c"})));
  EXPECT_EQ("{}", stringify(Value::Set()));
  EXPECT_EQ(set({"a", "b"}), set({"b", "a"}));
  EXPECT_NE(set({"a", "b"}), set({"a", "c"}));
  EXPECT_NE(set({"a"}), set({"a", "b"}));
  EXPECT_TRUE(set({"a"}) <= set({"b", "a"}));
  EXPECT_FALSE(set({"a", "d"}) <= set({"b", "a"}));
}

// -- Parsing -----------------------------------------------------------------

TEST(ValuesParseTest, Scalar) {
  Try<Value> value = internal::values::parse(" 4.5 ");
  ASSERT_TRUE(value.isSome());
  EXPECT_EQ(Value::SCALAR, value->type());
  EXPECT_EQ(4.5, value->scalar().value());

  value = internal::values::parse("-1");
  ASSERT_TRUE(value.isSome());
  EXPECT_EQ(-1, value->scalar().value());
}

TEST(ValuesParseTest, Ranges) {
  EXPECT_EQ("[31000-32000, 33000-33005]",
            stringify(parseRanges("[31000-32000, 33000-33005]")));
  EXPECT_EQ("[31000-32000, 33000-33005]",
            stringify(parseRanges("[33000-33005,31000-32000]")));
  EXPECT_EQ("[1-20]", stringify(parseRanges("[1-10, 5-20]")));
  EXPECT_EQ("[]", stringify(parseRanges("[]")));
}

TEST(ValuesParseTest, Set) {
  Try<Value> value = internal::values::parse("{a, b ,c}");
  ASSERT_TRUE(value.isSome());
  EXPECT_EQ(Value::SET, value->type());
  EXPECT_EQ("{a, b, c}", stringify(value->set()));
}

TEST(ValuesParseTest, Text) {
  Try<Value> value = internal::values::parse("rack-1");
  ASSERT_TRUE(value.isSome());
  EXPECT_EQ(Value::TEXT, value->type());
  EXPECT_EQ("rack-1", value->text().value());
}

TEST(ValuesParseTest, Errors) {
  const auto error = [](const std::string& text) {
    Try<Value> value = internal::values::parse(text);
    return value.isError() ? value.error() : std::string("parsed");
  };

  EXPECT_EQ("Expecting a non-empty value", error("  "));
  EXPECT_EQ("Invalid ranges '[1-10': mismatched brackets", error("[1-10"));
  EXPECT_EQ("Invalid ranges '[10-1]': range '10-1' has begin > end",
            error("[10-1]"));
  EXPECT_EQ("Invalid ranges '[1-2-3]': expected 'begin-end' but found '1-2-3'",
            error("[1-2-3]"));
  EXPECT_EQ("Invalid ranges '[a-b]': expected non-negative integers in 'a-b'",
            error("[a-b]"));
  EXPECT_EQ("Invalid ranges '[1,2]': expected 'begin-end' but found '1'",
            error("[1,2]"));
  EXPECT_EQ("Invalid set '{a,,b}': empty item", error("{a,,b}"));
  EXPECT_EQ("Invalid set '{a': mismatched braces", error("{a"));
  EXPECT_NE("parsed", error("4]"));
  EXPECT_NE("parsed", error("[[1-2]]"));
}

}  // namespace
}  // namespace mesos
