#ifndef MESOS_VALUES_HPP
#define MESOS_VALUES_HPP

#include <iosfwd>
#include <string>

#include <mesos/mesos.pb.h>

#include <stout/try.hpp>

// Arithmetic, comparison, printing and parsing of the `Value` types that
// resources and attributes carry: `Value::Scalar`, `Value::Ranges`,
// `Value::Set` and `Value::Text`. Framework code written for Apache Mesos
// uses these operators directly (`offer.resources(0).scalar() + ...`).
//
// All functions are pure and thread-safe; none of them fails or aborts.
namespace mesos {

// -- Scalars ---------------------------------------------------------------
//
// Mesos keeps three decimal digits of a scalar: every comparison and every
// arithmetic result converts the operands to a fixed-point count of
// thousandths (round half away from zero), computes exactly, and converts
// back. So 0.1 + 0.2 == 0.3 holds, 0.0004 == 0, and 1.0005 + 0 == 1.001.
// The stored double of an operand is never changed by a comparison; the
// result of +, -, +=, -= is always a multiple of 0.001 (as nearly as a
// double can be). Values beyond +/-9.2e15 saturate; NaN compares as 0 (use
// `Resources::validate` to reject such input).

// Prints the value rounded to three decimals with up to 15 significant
// digits and no trailing zeros: 4 -> "4", 0.1 -> "0.1", 1.23456 -> "1.235".
std::ostream& operator<<(std::ostream& stream, const Value::Scalar& scalar);

bool operator==(const Value::Scalar& left, const Value::Scalar& right);
bool operator!=(const Value::Scalar& left, const Value::Scalar& right);
bool operator<(const Value::Scalar& left, const Value::Scalar& right);
bool operator<=(const Value::Scalar& left, const Value::Scalar& right);
bool operator>(const Value::Scalar& left, const Value::Scalar& right);
bool operator>=(const Value::Scalar& left, const Value::Scalar& right);

Value::Scalar operator+(const Value::Scalar& left, const Value::Scalar& right);
Value::Scalar operator-(const Value::Scalar& left, const Value::Scalar& right);
Value::Scalar& operator+=(Value::Scalar& left, const Value::Scalar& right);
Value::Scalar& operator-=(Value::Scalar& left, const Value::Scalar& right);

// -- Ranges ----------------------------------------------------------------
//
// A `Value::Ranges` is a set of integers written as inclusive intervals.
// Every result of +, -, +=, -= is coalesced: sorted by `begin`, with
// overlapping and adjacent intervals merged ([1-2] + [3-4] is [1-4]).
// Comparisons coalesce their operands first, so they do not depend on how
// the intervals are split or ordered. An inverted interval (begin > end)
// holds no integer and is dropped by coalescing.

// "[31000-32000, 33000-33005]" (intervals in stored order, ", " between
// them); "[]" when empty.
std::ostream& operator<<(std::ostream& stream, const Value::Ranges& ranges);

// Whether both hold the same integers.
bool operator==(const Value::Ranges& left, const Value::Ranges& right);
bool operator!=(const Value::Ranges& left, const Value::Ranges& right);

// Whether every integer of `left` is in `right`.
bool operator<=(const Value::Ranges& left, const Value::Ranges& right);

Value::Ranges operator+(const Value::Ranges& left, const Value::Ranges& right);
Value::Ranges operator-(const Value::Ranges& left, const Value::Ranges& right);
Value::Ranges& operator+=(Value::Ranges& left, const Value::Ranges& right);
Value::Ranges& operator-=(Value::Ranges& left, const Value::Ranges& right);

// Rewrites `ranges` in coalesced form (see above), in place.
void coalesce(Value::Ranges* ranges);

// Adds `range` to `ranges` and coalesces the result.
void coalesce(Value::Ranges* ranges, const Value::Range& range);

// -- Sets ------------------------------------------------------------------
//
// A `Value::Set` is a set of strings; item order is kept but never matters
// for comparison. + appends the items of `right` not already present; -
// removes the items of `right`.

// "{a, b, c}"; "{}" when empty.
std::ostream& operator<<(std::ostream& stream, const Value::Set& set);

// Whether both hold the same items (duplicates do not count twice).
bool operator==(const Value::Set& left, const Value::Set& right);
bool operator!=(const Value::Set& left, const Value::Set& right);

// Whether every item of `left` is in `right`.
bool operator<=(const Value::Set& left, const Value::Set& right);

Value::Set operator+(const Value::Set& left, const Value::Set& right);
Value::Set operator-(const Value::Set& left, const Value::Set& right);
Value::Set& operator+=(Value::Set& left, const Value::Set& right);
Value::Set& operator-=(Value::Set& left, const Value::Set& right);

// -- Text ------------------------------------------------------------------

std::ostream& operator<<(std::ostream& stream, const Value::Text& text);
bool operator==(const Value::Text& left, const Value::Text& right);
bool operator!=(const Value::Text& left, const Value::Text& right);

namespace internal {
namespace values {

// Parses the text form of a value, as written in the agent's --resources
// and --attributes flags. Whitespace anywhere is ignored. The form decides
// the type:
//
//   "[31000-32000, 33000-33005]"  RANGES: comma-separated "begin-end" pairs
//                                 of unsigned integers; coalesced; "[]" is
//                                 empty
//   "{a, b, c}"                   SET: comma-separated non-empty items;
//                                 "{}" is empty
//   "4", "0.5", "1e3"             SCALAR: anything numify<double> accepts
//   anything else                 TEXT (e.g. "rack1")
//
// Errors, each naming the offending text: an empty value, a bracket or
// brace out of place or unbalanced, a range element that is not two
// integers joined by '-', an inverted range (begin > end), an empty set
// item. A negative or non-finite scalar parses here; `Resources::validate`
// rejects it for resources.
Try<Value> parse(const std::string& text);

}  // namespace values
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_VALUES_HPP
