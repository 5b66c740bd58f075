#ifndef STOUT_NUMIFY_HPP
#define STOUT_NUMIFY_HPP

#include <charconv>
#include <string>
#include <type_traits>

#include <stout/error.hpp>
#include <stout/none.hpp>
#include <stout/option.hpp>
#include <stout/result.hpp>
#include <stout/try.hpp>

// numify<T>(text): the number `text` spells, or an Error naming it.
//
// Strict: the whole string must be the number, with no surrounding space or
// trailing characters. Integers are decimal with an optional sign ('+' or
// '-'; '-' only for signed types), or hexadecimal with a "0x"/"0X" prefix.
// Floating point accepts decimal and exponent forms, "inf" and "nan".
// Values that do not fit in T are errors, never wrapped or clamped.
template <typename T>
Try<T> numify(const std::string& text) {
  static_assert(std::is_arithmetic_v<T> && !std::is_same_v<T, bool>,
                "numify<T> needs an integer or floating-point T");

  const auto failure = [&text]() {
    return Error("Failed to convert '" + text + "' to number");
  };

  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (begin == end)
    return failure();

  T value{};
  std::from_chars_result result;

  if constexpr (std::is_integral_v<T>) {
    if (text.size() > 2 && text[0] == '0' &&
        (text[1] == 'x' || text[1] == 'X')) {
      if (text[2] == '-' || text[2] == '+')
        return failure();
      result = std::from_chars(begin + 2, end, value, 16);
    } else {
      // from_chars takes no '+'; a second sign after it must still fail.
      if (*begin == '+' && end - begin > 1 && begin[1] != '-')
        begin++;
      result = std::from_chars(begin, end, value, 10);
    }
  } else {
    if (*begin == '+' && end - begin > 1 && begin[1] != '-')
      begin++;
    result = std::from_chars(begin, end, value, std::chars_format::general);
  }

  if (result.ec != std::errc() || result.ptr != end)
    return failure();
  return value;
}

// As above, but None for None: handy for optional query parameters.
template <typename T>
Result<T> numify(const Option<std::string>& text) {
  if (text.isNone())
    return None();
  Try<T> value = numify<T>(text.get());
  if (value.isError())
    return Error(value.error());
  return value.get();
}

#endif  // STOUT_NUMIFY_HPP
