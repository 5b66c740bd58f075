#ifndef MESOS_ROLES_HPP
#define MESOS_ROLES_HPP

#include <string>
#include <vector>

#include <stout/error.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

// Role names. A role is "*" (the default, meaning "no role") or a path of
// '/'-separated components, e.g. "eng/backend". All functions are pure and
// thread-safe.
namespace mesos {
namespace roles {

// Whether `left` is a proper descendant of `right` in the role tree:
// isStrictSubroleOf("a/b", "a") is true; ("a", "a") and ("ab", "a") are
// false.
bool isStrictSubroleOf(const std::string& left, const std::string& right);

// The ancestors of `role`, nearest first: "a/b/c" gives {"a/b", "a"}.
std::vector<std::string> ancestors(const std::string& role);

// None if `role` is a valid role name, else an Error saying why. Valid:
// "*", or components separated by single '/' (no leading or trailing '/'),
// each non-empty, not "." or "..", not "*", not starting with '-', and
// without whitespace or DEL (0x7f).
Option<Error> validate(const std::string& role);

// The first invalid role of `roles`, if any.
Option<Error> validate(const std::vector<std::string>& roles);

// The comma-separated roles of `text`, validated.
Try<std::vector<std::string>> parse(const std::string& text);

}  // namespace roles
}  // namespace mesos

#endif  // MESOS_ROLES_HPP
