#ifndef STOUT_PATH_HPP
#define STOUT_PATH_HPP

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <stout/none.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

// Lexical path manipulation: nothing here touches the file system.
namespace path {

// `left` and `right` joined by exactly one '/': one trailing separator of
// `left` and one leading separator of `right` are absorbed, so
// join("a/", "/b") == "a/b". An empty `left` yields `right` unchanged.
inline std::string join(const std::string& left, const std::string& right) {
  if (left.empty())
    return right;
  size_t leftEnd = left.size();
  if (leftEnd > 0 && left[leftEnd - 1] == '/')
    leftEnd--;
  size_t rightStart = (!right.empty() && right[0] == '/') ? 1 : 0;
  std::string result;
  result.reserve(leftEnd + 1 + right.size() - rightStart);
  result.append(left, 0, leftEnd);
  result += '/';
  result.append(right, rightStart, std::string::npos);
  return result;
}

template <typename... Paths>
std::string join(const std::string& first, const std::string& second,
                 const std::string& third, const Paths&... rest) {
  return join(join(first, second), third, rest...);
}

// The components joined pairwise as above; "" for an empty list.
inline std::string join(const std::vector<std::string>& paths) {
  std::string result;
  for (const std::string& path : paths)
    result = join(result, path);
  return result;
}

// True for paths that start at the root ("/...").
inline bool absolute(const std::string& path) {
  return !path.empty() && path[0] == '/';
}

// `path` with "." components and redundant separators removed and ".."
// applied lexically: "/a/./b/../c//" -> "/a/c", "a/../.." -> "..",
// "/.." -> "/", "" -> ".". Symlinks are not consulted, so the result names
// the same file only where no component is a symlink.
inline Try<std::string> normalize(const std::string& path) {
  const bool isAbsolute = absolute(path);
  std::vector<std::string> components;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos)
      end = path.size();
    const std::string component = path.substr(start, end - start);
    start = end + 1;
    if (component.empty() || component == ".")
      continue;
    if (component == "..") {
      if (!components.empty() && components.back() != "..") {
        components.pop_back();
      } else if (!isAbsolute) {
        components.push_back(component);
      }
      continue;
    }
    components.push_back(component);
  }

  std::string result = isAbsolute ? "/" : "";
  for (size_t i = 0; i < components.size(); i++) {
    if (i > 0)
      result += '/';
    result += components[i];
  }
  if (result.empty())
    result = ".";
  return result;
}

}  // namespace path

// A file system path with POSIX basename(3)/dirname(3) semantics (computed
// lexically, never modifying the stored string).
class Path {
 public:
  Path() = default;
  explicit Path(std::string path) : value(std::move(path)) {}

  // The last component, ignoring trailing separators:
  // "/usr/lib" -> "lib", "/usr/" -> "usr", "/" -> "/", "" -> ".".
  std::string basename() const {
    if (value.empty())
      return ".";
    const size_t end = value.find_last_not_of('/');
    if (end == std::string::npos)
      return "/";
    const size_t start = value.find_last_of('/', end);
    return start == std::string::npos ? value.substr(0, end + 1)
                                      : value.substr(start + 1, end - start);
  }

  // Everything before the last component:
  // "/usr/lib" -> "/usr", "/usr/" -> "/", "usr" -> ".", "/" -> "/".
  std::string dirname() const {
    if (value.empty())
      return ".";
    size_t end = value.find_last_not_of('/');
    if (end == std::string::npos)
      return "/";
    end = value.find_last_of('/', end);
    if (end == std::string::npos)
      return ".";
    end = value.find_last_not_of('/', end);
    if (end == std::string::npos)
      return "/";
    return value.substr(0, end + 1);
  }

  // The basename's extension including the dot ("a/b.tar.gz" -> ".gz"), or
  // None when the basename has no dot after its first character.
  Option<std::string> extension() const {
    const std::string base = basename();
    const size_t dot = base.rfind('.');
    if (dot == std::string::npos || dot == 0 || base == "..")
      return None();
    return base.substr(dot);
  }

  bool absolute() const { return path::absolute(value); }

  const std::string& string() const { return value; }
  operator std::string() const { return value; }

  bool operator==(const Path& that) const { return value == that.value; }
  bool operator!=(const Path& that) const { return value != that.value; }
  bool operator<(const Path& that) const { return value < that.value; }

  std::string value;
};

inline std::ostream& operator<<(std::ostream& stream, const Path& path) {
  return stream << path.value;
}

#endif  // STOUT_PATH_HPP
