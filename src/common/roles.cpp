#include <mesos/roles.hpp>

#include <string>
#include <vector>

#include <stout/strings.hpp>

namespace mesos {
namespace roles {

bool isStrictSubroleOf(const std::string& left, const std::string& right) {
  return left.size() > right.size() && left[right.size()] == '/' &&
         left.compare(0, right.size(), right) == 0;
}

std::vector<std::string> ancestors(const std::string& role) {
  std::vector<std::string> result;
  for (size_t i = role.size(); i > 0; i--) {
    if (role[i - 1] == '/')
      result.push_back(role.substr(0, i - 1));
  }
  return result;
}

Option<Error> validate(const std::string& role) {
  if (role == "*")
    return None();

  if (role.empty())
    return Error("Role names cannot be the empty string");
  if (role.front() == '/')
    return Error("Role '" + role + "' cannot start with a slash");
  if (role.back() == '/')
    return Error("Role '" + role + "' cannot end with a slash");
  if (role.find("//") != std::string::npos)
    return Error("Role '" + role + "' cannot contain two adjacent slashes");

  // Whitespace (\t \n \v \f \r and space) and DEL.
  static const char* const invalid = "\x09\x0a\x0b\x0c\x0d\x20\x7f";

  for (const std::string& component : strings::tokenize(role, "/")) {
    if (component == ".")
      return Error("Role '" + role + "' cannot include '.' as a component");
    if (component == "..")
      return Error("Role '" + role + "' cannot include '..' as a component");
    if (component == "*")
      return Error("Role '" + role + "' cannot include '*' as a component");
    if (component.front() == '-') {
      return Error("Role component '" + component +
                   "' is invalid because it starts with a dash");
    }
    if (component.find_first_of(invalid) != std::string::npos) {
      return Error("Role component '" + component +
                   "' is invalid because it contains backspace or whitespace");
    }
  }
  return None();
}

Option<Error> validate(const std::vector<std::string>& roles) {
  for (const std::string& role : roles) {
    Option<Error> error = validate(role);
    if (error.isSome())
      return error;
  }
  return None();
}

Try<std::vector<std::string>> parse(const std::string& text) {
  std::vector<std::string> result = strings::tokenize(text, ",");
  Option<Error> error = validate(result);
  if (error.isSome())
    return error.get();
  return result;
}

}  // namespace roles
}  // namespace mesos
