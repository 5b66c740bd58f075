#include "slave/files.hpp"

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>

#include <algorithm>
#include <map>

#include <process/dispatch.hpp>
#include <process/http.hpp>
#include <process/process.hpp>

#include <stout/jsonify.hpp>
#include <stout/numify.hpp>
#include <stout/os.hpp>
#include <stout/path.hpp>
#include <stout/strings.hpp>

namespace http = process::http;

using process::Future;

namespace mesos {
namespace internal {

namespace {

// The most a single read answers, so a huge file cannot blow up a
// response (Mesos pages reads the same way).
constexpr size_t MAX_READ_LENGTH = 16 * 4096 * 16;

std::string modeString(mode_t mode) {
  std::string text(10, '-');
  if (S_ISDIR(mode))
    text[0] = 'd';
  if (S_ISLNK(mode))
    text[0] = 'l';
  if (S_ISCHR(mode))
    text[0] = 'c';
  if (S_ISBLK(mode))
    text[0] = 'b';
  if (S_ISFIFO(mode))
    text[0] = 'p';
  if (S_ISSOCK(mode))
    text[0] = 's';
  const char* letters = "rwxrwxrwx";
  for (int i = 0; i < 9; i++) {
    if (mode & (1 << (8 - i)))
      text[i + 1] = letters[i];
  }
  return text;
}

std::string userName(uid_t uid) {
  struct passwd* entry = ::getpwuid(uid);
  return entry != nullptr ? entry->pw_name : std::to_string(uid);
}

std::string groupName(gid_t gid) {
  struct group* entry = ::getgrgid(gid);
  return entry != nullptr ? entry->gr_name : std::to_string(gid);
}

void jsonEntry(JSON::ObjectWriter* writer, const std::string& path,
               const struct ::stat& s) {
  writer->field("path", path);
  writer->field("nlink", static_cast<int64_t>(s.st_nlink));
  writer->field("size", static_cast<int64_t>(s.st_size));
  writer->field("mtime", static_cast<int64_t>(s.st_mtime));
  writer->field("mode", modeString(s.st_mode));
  writer->field("uid", userName(s.st_uid));
  writer->field("gid", groupName(s.st_gid));
}

bool isBelow(const std::string& path, const std::string& root) {
  return path == root || strings::startsWith(path, root + "/") || root == "/";
}

}  // namespace

class FilesProcess : public process::Process<FilesProcess> {
 public:
  FilesProcess() : ProcessBase("files") {}

  Future<Nothing> attach(const std::string& path, const std::string& name) {
    if (!os::exists(path)) {
      return process::Failure("Cannot attach '" + path +
                              "': no such file or directory");
    }
    attached_[normalize(name)] = path;
    return Nothing();
  }

  void detach(const std::string& name) { attached_.erase(normalize(name)); }

 protected:
  void initialize() override {
    route("/browse", "Lists a directory attached to the agent.",
          [this](const http::Request& request) { return browse(request); });
    route("/read", "Reads a file attached to the agent.",
          [this](const http::Request& request) { return read(request); });
  }

 private:
  // A resolved request path: the real path, or the HTTP answer refusing it.
  struct Resolved {
    Option<std::string> real;
    Option<http::Response> refusal;
  };

  static std::string normalize(std::string path) {
    while (path.size() > 1 && path.back() == '/') {
      path.pop_back();
    }
    return path;
  }

  Resolved resolve(const std::string& requested) const {
    const std::string path = normalize(requested);
    for (const std::string& component : strings::tokenize(path, "/")) {
      if (component == "..") {
        return {None(), http::BadRequest("Path '" + requested +
                                         "' must not contain '..'.\n")};
      }
    }

    // The longest attached virtual prefix serves the path.
    Option<std::string> name;
    for (const auto& [virtualPath, realPath] : attached_) {
      if (isBelow(path, virtualPath) &&
          (name.isNone() || virtualPath.size() > name->size())) {
        name = virtualPath;
      }
    }
    if (name.isNone()) {
      return {None(), http::NotFound("File not found.\n")};
    }

    const std::string root = attached_.at(name.get());
    const std::string rest =
        path.size() > name->size() ? path.substr(name->size()) : "";
    const std::string candidate = rest.empty() ? root : path::join(root, rest);

    Result<std::string> realRoot = os::realpath(root);
    Result<std::string> real = os::realpath(candidate);
    if (!realRoot.isSome() || !real.isSome()) {
      return {None(), http::NotFound("File not found.\n")};
    }
    if (!isBelow(real.get(), realRoot.get())) {
      return {None(), http::Forbidden("Path '" + requested +
                                      "' leaves the attached directory.\n")};
    }
    return {real.get(), None()};
  }

  Future<http::Response> browse(const http::Request& request) {
    auto path = request.url.query.find("path");
    if (path == request.url.query.end()) {
      return http::BadRequest("Expecting 'path=value' in query.\n");
    }

    Resolved resolved = resolve(path->second);
    if (resolved.refusal.isSome()) {
      return resolved.refusal.get();
    }
    const std::string real = resolved.real.get();
    const std::string base = normalize(path->second);

    struct ::stat s;
    if (::stat(real.c_str(), &s) < 0) {
      return http::NotFound("File not found.\n");
    }

    std::map<std::string, struct ::stat> entries;
    if (!S_ISDIR(s.st_mode)) {
      entries[base] = s;
    } else {
      Try<std::vector<std::string>> names = os::ls(real);
      if (names.isError()) {
        return http::InternalServerError(names.error() + "\n");
      }
      for (const std::string& name : names.get()) {
        struct ::stat entry;
        if (::lstat(path::join(real, name).c_str(), &entry) == 0) {
          entries[path::join(base, name)] = entry;
        }
      }
    }

    return http::OK::json(jsonify([&](JSON::ArrayWriter* writer) {
      for (const auto& [entryPath, entry] : entries) {
        writer->element([&](JSON::ObjectWriter* object) {
          jsonEntry(object, entryPath, entry);
        });
      }
    }));
  }

  Future<http::Response> read(const http::Request& request) {
    auto path = request.url.query.find("path");
    if (path == request.url.query.end()) {
      return http::BadRequest("Expecting 'path=value' in query.\n");
    }

    auto offsetParam = request.url.query.find("offset");
    if (offsetParam == request.url.query.end()) {
      return http::BadRequest("Expecting 'offset=value' in query.\n");
    }
    Try<int64_t> offset = numify<int64_t>(offsetParam->second);
    if (offset.isError() || offset.get() < -1) {
      return http::BadRequest("Failed to parse offset: '" +
                              offsetParam->second + "'.\n");
    }

    Option<int64_t> length;
    auto lengthParam = request.url.query.find("length");
    if (lengthParam != request.url.query.end()) {
      Try<int64_t> parsed = numify<int64_t>(lengthParam->second);
      if (parsed.isError() || parsed.get() < -1) {
        return http::BadRequest("Failed to parse length: '" +
                                lengthParam->second + "'.\n");
      }
      if (parsed.get() >= 0) {
        length = parsed.get();
      }
    }

    Resolved resolved = resolve(path->second);
    if (resolved.refusal.isSome()) {
      return resolved.refusal.get();
    }
    const std::string real = resolved.real.get();
    if (os::stat::isdir(real)) {
      return http::BadRequest("Cannot read a directory.\n");
    }

    Try<std::string> content = os::read(real);
    if (content.isError()) {
      return http::NotFound("Failed to read '" + path->second +
                            "': " + content.error() + "\n");
    }
    const int64_t size = static_cast<int64_t>(content->size());

    if (offset.get() == -1) {
      return http::OK::json(jsonify([&](JSON::ObjectWriter* writer) {
        writer->field("data", std::string());
        writer->field("offset", size);
      }));
    }

    const int64_t start = std::min(offset.get(), size);
    int64_t count = std::min<int64_t>(size - start, MAX_READ_LENGTH);
    if (length.isSome()) {
      count = std::min(count, length.get());
    }

    return http::OK::json(jsonify([&](JSON::ObjectWriter* writer) {
      writer->field("data", content->substr(start, count));
      writer->field("offset", start);
    }));
  }

  std::map<std::string, std::string> attached_;
};

Files::Files() : process_(new FilesProcess()) {
  process::spawn(process_.get());
}

Files::~Files() {
  process::terminate(process_.get());
  process::wait(process_.get());
}

Future<Nothing> Files::attach(const std::string& path,
                              const std::string& name) {
  return process::dispatch(process_.get(), &FilesProcess::attach, path, name);
}

void Files::detach(const std::string& name) {
  process::dispatch(process_.get(), &FilesProcess::detach, name);
}

}  // namespace internal
}  // namespace mesos
