#ifndef STOUT_OS_ENVIRONMENT_HPP
#define STOUT_OS_ENVIRONMENT_HPP

#include <stdlib.h>
#include <unistd.h>  // environ (declared under _GNU_SOURCE, as g++ sets).

#include <map>
#include <string>

#include <stout/none.hpp>
#include <stout/option.hpp>

// The process environment. Not thread-safe against concurrent setenv or
// unsetenv (a libc limitation): change the environment only at start-up or
// in a child between fork and exec.
namespace os {

inline Option<std::string> getenv(const std::string& key) {
  const char* value = ::getenv(key.c_str());
  if (value == nullptr)
    return None();
  return std::string(value);
}

// Sets `key`; with `overwrite` false an existing value is kept.
inline void setenv(const std::string& key, const std::string& value,
                   bool overwrite = true) {
  ::setenv(key.c_str(), value.c_str(), overwrite ? 1 : 0);
}

inline void unsetenv(const std::string& key) {
  ::unsetenv(key.c_str());
}

// A snapshot of every variable; an entry without '=' maps to "".
inline std::map<std::string, std::string> environment() {
  std::map<std::string, std::string> result;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; entry++) {
    const std::string variable = *entry;
    const size_t equals = variable.find('=');
    if (equals == std::string::npos) {
      result[variable] = "";
    } else {
      result[variable.substr(0, equals)] = variable.substr(equals + 1);
    }
  }
  return result;
}

}  // namespace os

#endif  // STOUT_OS_ENVIRONMENT_HPP
