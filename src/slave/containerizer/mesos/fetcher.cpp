#include "slave/containerizer/mesos/fetcher.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <memory>
#include <vector>

#include <glog/logging.h>

#include <process/http.hpp>
#include <process/subprocess.hpp>

#include <stout/error.hpp>
#include <stout/os.hpp>
#include <stout/path.hpp>
#include <stout/stringify.hpp>
#include <stout/strings.hpp>

namespace mesos {
namespace internal {
namespace slave {

using process::Failure;
using process::Future;
using process::Promise;
using process::Subprocess;

namespace {

// Appends one line to the sandbox's stderr, where Mesos's fetcher logs.
void note(const std::string& sandbox, const std::string& line) {
  const std::string file = path::join(sandbox, "stderr");
  const int fd =
      ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) {
    return;
  }
  const std::string text = "[fetcher] " + line + "\n";
  (void)os::write(fd, text);
  ::close(fd);
}

// Runs `argv` with stdout and stderr appended to the sandbox's stderr.
// READY if it exits 0. Discarding the result kills it.
Future<Nothing> run(const std::vector<std::string>& argv,
                    const std::string& sandbox) {
  const std::string log = path::join(sandbox, "stderr");
  Try<Subprocess> child = process::subprocess(
      argv[0], argv, Subprocess::PATH("/dev/null"), Subprocess::PATH(log),
      Subprocess::PATH(log), nullptr, None(), None(), {},
      {Subprocess::ChildHook::CHDIR(sandbox)});
  if (child.isError()) {
    return Failure("Failed to run " + argv[0] + ": " + child.error());
  }

  const pid_t pid = child->pid();
  auto promise = std::make_shared<Promise<Nothing>>();
  promise->future().onDiscard([pid]() { ::kill(pid, SIGKILL); });

  const std::string command = strings::join(" ", argv);
  child->status().onAny([promise, command](const Future<Option<int>>& status) {
    if (promise->future().hasDiscard()) {
      promise->discard();
    } else if (status.isReady() && status->isSome() &&
               WIFEXITED(status->get()) && WEXITSTATUS(status->get()) == 0) {
      promise->set(Nothing());
    } else {
      promise->fail("'" + command + "' failed" +
                    (status.isReady() && status->isSome()
                         ? " with wait status " + stringify(status->get())
                         : std::string()) +
                    " (see the sandbox's stderr)");
    }
  });
  return promise->future();
}

bool endsWith(const std::string& name, const std::string& suffix) {
  return strings::endsWith(name, suffix);
}

// tar or unzip for a supported archive name; None otherwise.
Option<std::vector<std::string>> extractor(const std::string& file,
                                           const std::string& sandbox) {
  for (const char* suffix :
       {".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz"}) {
    if (endsWith(file, suffix)) {
      return std::vector<std::string>{"tar", "-C", sandbox, "-xf", file};
    }
  }
  if (endsWith(file, ".zip")) {
    return std::vector<std::string>{"unzip", "-o", "-q", "-d", sandbox, file};
  }
  return None();
}

// Places one URI's file in the sandbox; its future's value is the path.
Future<std::string> download(const CommandInfo::URI& uri,
                             const std::string& sandbox,
                             const std::string& frameworksHome) {
  const std::string& value = uri.value();
  const size_t scheme = value.find("://");

  std::string source = value;
  if (scheme != std::string::npos) {
    const std::string name = strings::lower(value.substr(0, scheme));
    if (name == "file") {
      source = value.substr(scheme + 3);
    } else if (name != "http") {
      return Failure("Unsupported URI scheme '" + name + "' in '" + value +
                     "' (supported: http and local paths)");
    }
  }

  if (scheme != std::string::npos && source == value) {
    Try<process::http::URL> url = process::http::URL::parse(value);
    if (url.isError()) {
      return Failure("Malformed URI '" + value + "': " + url.error());
    }
    const std::string base = Path(url->path).basename();
    const std::string name = uri.has_output_file() ? uri.output_file() : base;
    if (name.empty() || name == "/" || name == "." || name == "..") {
      return Failure("Cannot tell a file name for '" + value +
                     "': set output_file");
    }
    const std::string target = path::join(sandbox, name);
    note(sandbox, "Downloading '" + value + "' to '" + target + "'");
    return process::http::get(url.get()).then(
        [value, target](
            const process::http::Response& response) -> Future<std::string> {
          if (response.code != 200) {
            return Failure("Failed to download '" + value + "': HTTP " +
                           response.status());
          }
          Try<Nothing> written = os::write(target, response.body);
          if (written.isError()) {
            return Failure("Failed to save '" + value +
                           "': " + written.error());
          }
          return target;
        });
  }

  if (!strings::startsWith(source, "/")) {
    if (frameworksHome.empty()) {
      return Failure("Cannot fetch relative path '" + source +
                     "': --frameworks_home is not set");
    }
    source = path::join(frameworksHome, source);
  }
  if (!os::exists(source)) {
    return Failure("Failed to fetch '" + value + "': '" + source +
                   "' does not exist");
  }
  const std::string name =
      uri.has_output_file() ? uri.output_file() : Path(source).basename();
  const std::string target = path::join(sandbox, name);
  note(sandbox, "Copying '" + source + "' to '" + target + "'");
  return run({"cp", "-f", "--", source, target}, sandbox).then([target]() {
    return target;
  });
}

Future<Nothing> finish(const CommandInfo::URI& uri, const std::string& file,
                       const std::string& sandbox) {
  if (uri.executable()) {
    Try<Nothing> chmod = os::chmod(file, 0755);
    if (chmod.isError()) {
      return Failure("Failed to make '" + file +
                     "' executable: " + chmod.error());
    }
    return Nothing();
  }
  if (uri.has_extract() && !uri.extract()) {
    return Nothing();
  }
  Option<std::vector<std::string>> command = extractor(file, sandbox);
  if (command.isNone()) {
    return Nothing();
  }
  note(sandbox, "Extracting '" + file + "'");
  return run(command.get(), sandbox);
}

Future<Nothing> fetchFrom(
    std::shared_ptr<const google::protobuf::RepeatedPtrField<CommandInfo::URI>>
        uris,
    int index, const std::string& sandbox, const std::string& frameworksHome) {
  if (index >= uris->size()) {
    return Nothing();
  }
  const CommandInfo::URI& uri = uris->Get(index);
  return download(uri, sandbox, frameworksHome)
      .then([uri, sandbox](const std::string& file) {
        return finish(uri, file, sandbox);
      })
      .then([uris, index, sandbox, frameworksHome]() {
        return fetchFrom(uris, index + 1, sandbox, frameworksHome);
      });
}

}  // namespace

Future<Nothing> fetch(
    const google::protobuf::RepeatedPtrField<CommandInfo::URI>& uris,
    const std::string& sandbox, const std::string& frameworksHome) {
  auto copy =
      std::make_shared<google::protobuf::RepeatedPtrField<CommandInfo::URI>>(
          uris);
  return fetchFrom(copy, 0, sandbox, frameworksHome)
      .onFailed([sandbox](const std::string& message) {
        note(sandbox, "Failed: " + message);
      })
      .onReady([sandbox, copy](const Nothing&) {
        if (!copy->empty()) {
          note(sandbox, "Fetched " + stringify(copy->size()) + " URI(s)");
        }
      });
}

}  // namespace slave
}  // namespace internal
}  // namespace mesos
