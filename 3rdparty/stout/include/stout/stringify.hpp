#ifndef STOUT_STRINGIFY_HPP
#define STOUT_STRINGIFY_HPP

#include <charconv>
#include <iterator>
#include <locale>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>

#include <stout/abort.hpp>
#include <stout/error.hpp>

// stringify(x): the text of anything that can be written to an ostream,
// always in the classic "C" locale so output never depends on the host.
//
//   stringify(true)                  == "true"
//   stringify(42)                    == "42"
//   stringify(Seconds(10))           == "10secs"
//   stringify(std::vector{1, 2})     == "[ 1, 2 ]"
//   stringify(std::set{1, 2})        == "{ 1, 2 }"
//   stringify(std::map{{"a", 1}})    == "{ a: 1 }"
//
// Containers without an operator<< are printed element by element (maps and
// sets in braces, sequences in brackets), as Mesos prints them in logs.

namespace stout {
namespace internal {

template <typename T, typename = void>
struct IsStreamable : std::false_type {};
template <typename T>
struct IsStreamable<T, std::void_t<decltype(std::declval<std::ostream&>()
                                            << std::declval<const T&>())>>
    : std::true_type {};

template <typename T, typename = void>
struct IsIterable : std::false_type {};
template <typename T>
struct IsIterable<T, std::void_t<decltype(std::begin(std::declval<const T&>())),
                                 decltype(std::end(std::declval<const T&>()))>>
    : std::true_type {};

template <typename T, typename = void>
struct HasMappedType : std::false_type {};
template <typename T>
struct HasMappedType<T, std::void_t<typename T::mapped_type>> : std::true_type {
};

template <typename T, typename = void>
struct HasKeyType : std::false_type {};
template <typename T>
struct HasKeyType<T, std::void_t<typename T::key_type>> : std::true_type {};

}  // namespace internal
}  // namespace stout

inline std::string stringify(bool b) {
  return b ? "true" : "false";
}
inline std::string stringify(const std::string& s) {
  return s;
}
inline std::string stringify(const char* s) {
  return s;
}
inline std::string stringify(const Error& error) {
  return error.message;
}

template <typename T>
std::string stringify(const T& t) {
  using namespace stout::internal;
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool> &&
                !std::is_same_v<T, char>) {
    char buffer[24];
    auto result = std::to_chars(buffer, buffer + sizeof(buffer), t);
    return std::string(buffer, result.ptr);
  } else if constexpr (IsStreamable<T>::value) {
    std::ostringstream out;
    out.imbue(std::locale::classic());
    out << t;
    if (!out.good())
      ABORT("Failed to stringify");
    return out.str();
  } else if constexpr (IsIterable<T>::value) {
    const bool braces = HasKeyType<T>::value;
    std::string result = braces ? "{ " : "[ ";
    bool first = true;
    for (const auto& element : t) {
      if (!first)
        result += ", ";
      first = false;
      if constexpr (HasMappedType<T>::value) {
        result += stringify(element.first);
        result += ": ";
        result += stringify(element.second);
      } else {
        result += stringify(element);
      }
    }
    result += braces ? " }" : " ]";
    return result;
  } else {
    static_assert(IsStreamable<T>::value,
                  "stringify needs an operator<< or an iterable type");
    return {};
  }
}

#endif  // STOUT_STRINGIFY_HPP
