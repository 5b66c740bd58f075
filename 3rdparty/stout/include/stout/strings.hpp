#ifndef STOUT_STRINGS_HPP
#define STOUT_STRINGS_HPP

#include <cctype>
#include <cstdio>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <stout/error.hpp>
#include <stout/none.hpp>
#include <stout/option.hpp>
#include <stout/stringify.hpp>
#include <stout/try.hpp>

// String utilities in the shape Mesos code uses them. All functions are pure
// and thread-safe; none of them throws.
namespace strings {

// Which end(s) of a string `trim` and `remove` act on.
enum Mode {
  PREFIX,
  SUFFIX,
  ANY,
};

const std::string WHITESPACE = " \t\n\r";

// `from` without the leading and/or trailing characters that are in `chars`.
inline std::string trim(const std::string& from, Mode mode,
                        const std::string& chars = WHITESPACE) {
  size_t start = 0;
  size_t end = from.size();
  if (mode == PREFIX || mode == ANY) {
    start = from.find_first_not_of(chars);
    if (start == std::string::npos)
      return "";
  }
  if (mode == SUFFIX || mode == ANY) {
    const size_t last = from.find_last_not_of(chars);
    if (last == std::string::npos)
      return "";
    end = last + 1;
  }
  return from.substr(start, end - start);
}

// `from` without leading and trailing characters in `chars`.
inline std::string trim(const std::string& from,
                        const std::string& chars = WHITESPACE) {
  return trim(from, ANY, chars);
}

// `s` with every non-overlapping occurrence of `from`, scanning left to
// right, replaced by `to`. An empty `from` leaves `s` unchanged.
inline std::string replace(const std::string& s, const std::string& from,
                           const std::string& to) {
  if (from.empty())
    return s;
  std::string result;
  result.reserve(s.size());
  size_t index = 0;
  for (;;) {
    const size_t found = s.find(from, index);
    if (found == std::string::npos)
      break;
    result.append(s, index, found - index);
    result += to;
    index = found + from.size();
  }
  result.append(s, index, std::string::npos);
  return result;
}

// `from` without `substring`: every occurrence (ANY), or only a leading
// (PREFIX) or trailing (SUFFIX) one.
inline std::string remove(const std::string& from, const std::string& substring,
                          Mode mode = ANY) {
  if (substring.empty())
    return from;
  if (mode == ANY)
    return replace(from, substring, "");
  if (mode == PREFIX) {
    return from.compare(0, substring.size(), substring) == 0
               ? from.substr(substring.size())
               : from;
  }
  if (from.size() >= substring.size() &&
      from.compare(from.size() - substring.size(), substring.size(),
                   substring) == 0) {
    return from.substr(0, from.size() - substring.size());
  }
  return from;
}

// The non-empty runs of `s` between characters in `delims`. With
// `maxTokens`, stops after that many tokens; the last one then holds the
// rest of the string (delimiters included). maxTokens == 0 means no limit.
inline std::vector<std::string> tokenize(
    const std::string& s, const std::string& delims,
    const Option<size_t>& maxTokens = None()) {
  std::vector<std::string> tokens;
  if (maxTokens.isSome() && maxTokens.get() == 0)
    return tokenize(s, delims);

  size_t offset = 0;
  for (;;) {
    const size_t start = s.find_first_not_of(delims, offset);
    if (start == std::string::npos)
      break;
    if (maxTokens.isSome() && tokens.size() + 1 == maxTokens.get()) {
      tokens.push_back(s.substr(start));
      break;
    }
    const size_t end = s.find_first_of(delims, start);
    tokens.push_back(s.substr(start, end - start));
    if (end == std::string::npos)
      break;
    offset = end;
  }
  return tokens;
}

// The pieces of `s` between characters in `delims`, keeping empty pieces:
// split("a,,b", ",") == {"a", "", "b"}, split("", ",") == {""}. With
// `maxTokens`, the last piece holds the rest of the string.
inline std::vector<std::string> split(
    const std::string& s, const std::string& delims,
    const Option<size_t>& maxTokens = None()) {
  std::vector<std::string> tokens;
  size_t offset = 0;
  for (;;) {
    if (maxTokens.isSome() && maxTokens.get() > 0 &&
        tokens.size() + 1 == maxTokens.get()) {
      tokens.push_back(s.substr(offset));
      break;
    }
    const size_t end = s.find_first_of(delims, offset);
    tokens.push_back(s.substr(offset, end - offset));
    if (end == std::string::npos)
      break;
    offset = end + 1;
  }
  return tokens;
}

// Key/value pairs: "a=1;b=2;a=3" with pairs(s, ";", "=") gives
// {a: [1, 3], b: [2]}. Entries that do not split into exactly two tokens
// are skipped.
inline std::map<std::string, std::vector<std::string>> pairs(
    const std::string& s, const std::string& delims1,
    const std::string& delims2) {
  std::map<std::string, std::vector<std::string>> result;
  for (const std::string& token : tokenize(s, delims1)) {
    std::vector<std::string> pair = tokenize(token, delims2);
    if (pair.size() == 2)
      result[pair[0]].push_back(pair[1]);
  }
  return result;
}

// The elements of `iterable`, stringified, with `separator` between them.
template <typename Iterable,
          typename = decltype(std::begin(std::declval<const Iterable&>()))>
std::string join(const std::string& separator, const Iterable& iterable) {
  std::string result;
  bool first = true;
  for (const auto& element : iterable) {
    if (!first)
      result += separator;
    first = false;
    result += stringify(element);
  }
  return result;
}

inline std::string join(const std::string& separator, const std::string& only) {
  return only;
}

inline std::string join(const std::string& separator, const char* only) {
  return only;
}

// join(", ", a, b, c...): each argument stringified, separated.
template <typename T1, typename T2, typename... Ts>
std::string join(const std::string& separator, const T1& first,
                 const T2& second, const Ts&... rest) {
  std::string result = stringify(first);
  result += separator;
  result += stringify(second);
  ((result += separator, result += stringify(rest)), ...);
  return result;
}

inline bool startsWith(const std::string& s, const std::string& prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

inline bool startsWith(const std::string& s, char c) {
  return !s.empty() && s.front() == c;
}

inline bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

inline bool endsWith(const std::string& s, char c) {
  return !s.empty() && s.back() == c;
}

inline bool contains(const std::string& s, const std::string& substring) {
  return s.find(substring) != std::string::npos;
}

// ASCII-only case mapping; other bytes (UTF-8 included) are kept.
inline std::string lower(const std::string& s) {
  std::string result = s;
  for (char& c : result) {
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  }
  return result;
}

inline std::string upper(const std::string& s) {
  std::string result = s;
  for (char& c : result) {
    if (c >= 'a' && c <= 'z')
      c = static_cast<char>(c - 'a' + 'A');
  }
  return result;
}

// printf-style formatting; an Error if the format is invalid for the
// arguments (as vsnprintf reports it). Arguments must be printf-compatible:
// pass `s.c_str()`, not a std::string.
template <typename... Args>
Try<std::string> format(const std::string& fmt, Args... args) {
  const int size = std::snprintf(nullptr, 0, fmt.c_str(), args...);
  if (size < 0)
    return Error("Failed to format '" + fmt + "'");
  std::string result(static_cast<size_t>(size), '\0');
  std::snprintf(result.data(), result.size() + 1, fmt.c_str(), args...);
  return result;
}

}  // namespace strings

#endif  // STOUT_STRINGS_HPP
