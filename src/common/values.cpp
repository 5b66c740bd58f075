#include <mesos/values.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <ostream>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include <stout/numify.hpp>
#include <stout/strings.hpp>

namespace mesos {

namespace {

// Thousandths, as Apache Mesos computes them (llround of value * 1000).
long long toFixed(double value) {
  if (std::isnan(value))
    return 0;
  const double scaled = value * 1000;
  constexpr double limit = 9.2e18;
  if (scaled >= limit)
    return std::numeric_limits<long long>::max();
  if (scaled <= -limit)
    return std::numeric_limits<long long>::min();
  return std::llround(scaled);
}

// Integer part and fraction are converted separately, as Mesos does, so
// the doubles we produce are bit-identical to Mesos's for the same input.
double toFloating(long long fixed) {
  const double quotient = static_cast<double>(fixed / 1000);
  const double remainder = static_cast<double>(fixed % 1000) / 1000.0;
  return quotient + remainder;
}

long long saturatingAdd(long long a, long long b) {
  long long sum;
  if (__builtin_add_overflow(a, b, &sum)) {
    return b > 0 ? std::numeric_limits<long long>::max()
                 : std::numeric_limits<long long>::min();
  }
  return sum;
}

struct Interval {
  uint64_t begin;
  uint64_t end;
};

// Sorted, merged, without inverted intervals.
std::vector<Interval> normalized(const Value::Ranges& ranges) {
  std::vector<Interval> intervals;
  intervals.reserve(static_cast<size_t>(ranges.range_size()));
  for (const Value::Range& range : ranges.range()) {
    if (range.begin() <= range.end())
      intervals.push_back({range.begin(), range.end()});
  }
  std::sort(intervals.begin(), intervals.end(),
            [](const Interval& a, const Interval& b) {
              return a.begin < b.begin || (a.begin == b.begin && a.end < b.end);
            });

  std::vector<Interval> merged;
  merged.reserve(intervals.size());
  for (const Interval& interval : intervals) {
    if (!merged.empty()) {
      Interval& last = merged.back();
      // `last.end + 1` would wrap at UINT64_MAX, where everything merges.
      if (last.end == std::numeric_limits<uint64_t>::max() ||
          interval.begin <= last.end + 1) {
        last.end = std::max(last.end, interval.end);
        continue;
      }
    }
    merged.push_back(interval);
  }
  return merged;
}

void assign(Value::Ranges* ranges, const std::vector<Interval>& intervals) {
  ranges->clear_range();
  ranges->mutable_range()->Reserve(static_cast<int>(intervals.size()));
  for (const Interval& interval : intervals) {
    Value::Range* range = ranges->add_range();
    range->set_begin(interval.begin);
    range->set_end(interval.end);
  }
}

// `left` without the integers of `right`; both normalized.
std::vector<Interval> difference(const std::vector<Interval>& left,
                                 const std::vector<Interval>& right) {
  std::vector<Interval> result;
  size_t r = 0;
  for (Interval current : left) {
    while (r < right.size() && right[r].end < current.begin)
      r++;
    bool consumed = false;
    for (size_t i = r; i < right.size() && right[i].begin <= current.end; i++) {
      if (right[i].begin > current.begin) {
        result.push_back({current.begin, right[i].begin - 1});
      }
      if (right[i].end >= current.end) {
        consumed = true;
        break;
      }
      current.begin = right[i].end + 1;
    }
    if (!consumed)
      result.push_back(current);
  }
  return result;
}

bool containsItem(const Value::Set& set, const std::string& item) {
  return std::find(set.item().begin(), set.item().end(), item) !=
         set.item().end();
}

}  // namespace

// -- Scalars ---------------------------------------------------------------

std::ostream& operator<<(std::ostream& stream, const Value::Scalar& scalar) {
  const std::streamsize precision =
      stream.precision(std::numeric_limits<double>::digits10);
  const std::ios_base::fmtflags flags =
      stream.flags(stream.flags() & ~std::ios_base::floatfield);
  // Non-finite values (invalid for resources) print as they are, so that
  // error messages show what was given.
  if (std::isfinite(scalar.value())) {
    stream << toFloating(toFixed(scalar.value()));
  } else {
    stream << scalar.value();
  }
  stream.flags(flags);
  stream.precision(precision);
  return stream;
}

bool operator==(const Value::Scalar& left, const Value::Scalar& right) {
  return toFixed(left.value()) == toFixed(right.value());
}

bool operator!=(const Value::Scalar& left, const Value::Scalar& right) {
  return !(left == right);
}

bool operator<(const Value::Scalar& left, const Value::Scalar& right) {
  return toFixed(left.value()) < toFixed(right.value());
}

bool operator<=(const Value::Scalar& left, const Value::Scalar& right) {
  return toFixed(left.value()) <= toFixed(right.value());
}

bool operator>(const Value::Scalar& left, const Value::Scalar& right) {
  return right < left;
}

bool operator>=(const Value::Scalar& left, const Value::Scalar& right) {
  return right <= left;
}

Value::Scalar operator+(const Value::Scalar& left, const Value::Scalar& right) {
  Value::Scalar result = left;
  result += right;
  return result;
}

Value::Scalar operator-(const Value::Scalar& left, const Value::Scalar& right) {
  Value::Scalar result = left;
  result -= right;
  return result;
}

Value::Scalar& operator+=(Value::Scalar& left, const Value::Scalar& right) {
  left.set_value(
      toFloating(saturatingAdd(toFixed(left.value()), toFixed(right.value()))));
  return left;
}

Value::Scalar& operator-=(Value::Scalar& left, const Value::Scalar& right) {
  const long long negated = toFixed(right.value());
  const long long subtrahend = negated == std::numeric_limits<long long>::min()
                                   ? std::numeric_limits<long long>::max()
                                   : -negated;
  left.set_value(toFloating(saturatingAdd(toFixed(left.value()), subtrahend)));
  return left;
}

// -- Ranges ----------------------------------------------------------------

std::ostream& operator<<(std::ostream& stream, const Value::Ranges& ranges) {
  stream << "[";
  for (int i = 0; i < ranges.range_size(); i++) {
    if (i > 0)
      stream << ", ";
    stream << ranges.range(i).begin() << "-" << ranges.range(i).end();
  }
  return stream << "]";
}

bool operator==(const Value::Ranges& left, const Value::Ranges& right) {
  const std::vector<Interval> a = normalized(left);
  const std::vector<Interval> b = normalized(right);
  if (a.size() != b.size())
    return false;
  for (size_t i = 0; i < a.size(); i++) {
    if (a[i].begin != b[i].begin || a[i].end != b[i].end)
      return false;
  }
  return true;
}

bool operator!=(const Value::Ranges& left, const Value::Ranges& right) {
  return !(left == right);
}

bool operator<=(const Value::Ranges& left, const Value::Ranges& right) {
  const std::vector<Interval> inner = normalized(left);
  const std::vector<Interval> outer = normalized(right);
  size_t o = 0;
  for (const Interval& interval : inner) {
    while (o < outer.size() && outer[o].end < interval.begin)
      o++;
    if (o == outer.size() || outer[o].begin > interval.begin ||
        outer[o].end < interval.end) {
      return false;
    }
  }
  return true;
}

Value::Ranges operator+(const Value::Ranges& left, const Value::Ranges& right) {
  Value::Ranges result = left;
  result += right;
  return result;
}

Value::Ranges operator-(const Value::Ranges& left, const Value::Ranges& right) {
  Value::Ranges result = left;
  result -= right;
  return result;
}

Value::Ranges& operator+=(Value::Ranges& left, const Value::Ranges& right) {
  left.mutable_range()->MergeFrom(right.range());
  coalesce(&left);
  return left;
}

Value::Ranges& operator-=(Value::Ranges& left, const Value::Ranges& right) {
  assign(&left, difference(normalized(left), normalized(right)));
  return left;
}

void coalesce(Value::Ranges* ranges) {
  assign(ranges, normalized(*ranges));
}

void coalesce(Value::Ranges* ranges, const Value::Range& range) {
  *ranges->add_range() = range;
  coalesce(ranges);
}

// -- Sets ------------------------------------------------------------------

std::ostream& operator<<(std::ostream& stream, const Value::Set& set) {
  stream << "{";
  for (int i = 0; i < set.item_size(); i++) {
    if (i > 0)
      stream << ", ";
    stream << set.item(i);
  }
  return stream << "}";
}

bool operator==(const Value::Set& left, const Value::Set& right) {
  return left <= right && right <= left;
}

bool operator!=(const Value::Set& left, const Value::Set& right) {
  return !(left == right);
}

bool operator<=(const Value::Set& left, const Value::Set& right) {
  if (right.item_size() > 8) {
    const std::unordered_set<std::string> items(right.item().begin(),
                                                right.item().end());
    for (const std::string& item : left.item()) {
      if (items.count(item) == 0)
        return false;
    }
    return true;
  }
  for (const std::string& item : left.item()) {
    if (!containsItem(right, item))
      return false;
  }
  return true;
}

Value::Set operator+(const Value::Set& left, const Value::Set& right) {
  Value::Set result = left;
  result += right;
  return result;
}

Value::Set operator-(const Value::Set& left, const Value::Set& right) {
  Value::Set result = left;
  result -= right;
  return result;
}

Value::Set& operator+=(Value::Set& left, const Value::Set& right) {
  for (const std::string& item : right.item()) {
    if (!containsItem(left, item))
      left.add_item(item);
  }
  return left;
}

Value::Set& operator-=(Value::Set& left, const Value::Set& right) {
  Value::Set result;
  for (const std::string& item : left.item()) {
    if (!containsItem(right, item))
      result.add_item(item);
  }
  left.Swap(&result);
  return left;
}

// -- Text ------------------------------------------------------------------

std::ostream& operator<<(std::ostream& stream, const Value::Text& text) {
  return stream << text.value();
}

bool operator==(const Value::Text& left, const Value::Text& right) {
  return left.value() == right.value();
}

bool operator!=(const Value::Text& left, const Value::Text& right) {
  return !(left == right);
}

// -- Parsing ---------------------------------------------------------------

namespace internal {
namespace values {

namespace {

Try<Value> parseRanges(const std::string& text, const std::string& inner) {
  Value value;
  value.set_type(Value::RANGES);
  Value::Ranges* ranges = value.mutable_ranges();
  if (inner.empty())
    return value;

  for (const std::string& element : strings::split(inner, ",")) {
    const std::vector<std::string> bounds = strings::split(element, "-");
    if (bounds.size() != 2) {
      return Error("Invalid ranges '" + text + "': expected 'begin-end' but" +
                   " found '" + element + "'");
    }
    Try<uint64_t> begin = numify<uint64_t>(bounds[0]);
    Try<uint64_t> end = numify<uint64_t>(bounds[1]);
    if (begin.isError() || end.isError()) {
      return Error("Invalid ranges '" + text + "': expected non-negative" +
                   " integers in '" + element + "'");
    }
    if (begin.get() > end.get()) {
      return Error("Invalid ranges '" + text + "': range '" + element +
                   "' has begin > end");
    }
    Value::Range* range = ranges->add_range();
    range->set_begin(begin.get());
    range->set_end(end.get());
  }
  coalesce(ranges);
  return value;
}

Try<Value> parseSet(const std::string& text, const std::string& inner) {
  Value value;
  value.set_type(Value::SET);
  if (inner.empty())
    return value;

  for (const std::string& item : strings::split(inner, ",")) {
    if (item.empty()) {
      return Error("Invalid set '" + text + "': empty item");
    }
    value.mutable_set()->add_item(item);
  }
  return value;
}

}  // namespace

Try<Value> parse(const std::string& text) {
  std::string compact;
  compact.reserve(text.size());
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
      compact.push_back(c);
  }

  if (compact.empty()) {
    return Error("Expecting a non-empty value");
  }

  const char first = compact.front();
  const char last = compact.back();
  const std::string inner = compact.substr(1, compact.size() - 2);

  if (first == '[') {
    if (last != ']' || compact.size() < 2 ||
        inner.find_first_of("[]{}") != std::string::npos) {
      return Error("Invalid ranges '" + text + "': mismatched brackets");
    }
    return parseRanges(text, inner);
  }

  if (first == '{') {
    if (last != '}' || compact.size() < 2 ||
        inner.find_first_of("[]{}") != std::string::npos) {
      return Error("Invalid set '" + text + "': mismatched braces");
    }
    return parseSet(text, inner);
  }

  if (compact.find_first_of("[]{}") != std::string::npos) {
    return Error("Invalid value '" + text +
                 "': unexpected bracket or brace (ranges are written"
                 " '[b-e, ...]', sets '{a, ...}')");
  }

  Value value;
  Try<double> number = numify<double>(compact);
  if (number.isSome()) {
    value.set_type(Value::SCALAR);
    value.mutable_scalar()->set_value(number.get());
  } else {
    value.set_type(Value::TEXT);
    value.mutable_text()->set_value(compact);
  }
  return value;
}

}  // namespace values
}  // namespace internal
}  // namespace mesos
