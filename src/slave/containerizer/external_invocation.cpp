#include "slave/containerizer/external_invocation.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <memory>
#include <mutex>
#include <tuple>
#include <vector>

#include <glog/logging.h>

#include <process/collect.hpp>
#include <process/io.hpp>
#include <process/subprocess.hpp>

#include <stout/path.hpp>
#include <stout/protobuf.hpp>
#include <stout/stringify.hpp>
#include <stout/strings.hpp>

namespace mesos {
namespace internal {
namespace slave {
namespace external {

using process::Failure;
using process::Future;
using process::Subprocess;

namespace {

constexpr size_t TAIL = 1024;

// Keeps the last TAIL bytes of a stream. The hooks of io::redirect run on
// the event loop; the result is read after the redirect completed.
struct Tail {
  std::mutex mutex;
  std::string data;

  void add(const std::string& chunk) {
    std::lock_guard<std::mutex> lock(mutex);
    data += chunk;
    if (data.size() > TAIL) {
      data.erase(0, data.size() - TAIL);
    }
  }

  std::string get() {
    std::lock_guard<std::mutex> lock(mutex);
    return strings::trim(data);
  }
};

}  // namespace

std::string describe(const Option<int>& status) {
  if (status.isNone()) {
    return "ended with an unknown status";
  }
  if (WIFEXITED(status.get())) {
    return "exited with status " + stringify(WEXITSTATUS(status.get()));
  }
  if (WIFSIGNALED(status.get())) {
    return "was killed by signal " + stringify(WTERMSIG(status.get()));
  }
  return "ended with wait status " + stringify(status.get());
}

Option<Error> failed(const std::string& command, const Output& output) {
  if (output.status.isSome() && WIFEXITED(output.status.get()) &&
      WEXITSTATUS(output.status.get()) == 0) {
    return None();
  }
  return Error(
      "External containerizer '" + command + "' " + describe(output.status) +
      (output.errorTail.empty() ? std::string() : ": " + output.errorTail));
}

Try<Invocation> invoke(const std::string& program, const std::string& command,
                       const google::protobuf::Message* input,
                       const Option<std::string>& sandbox,
                       const std::map<std::string, std::string>& environment,
                       const Option<Duration>& timeout) {
  std::string record;
  if (input != nullptr) {
    Try<std::string> serialized = ::protobuf::internal::records(*input);
    if (serialized.isError()) {
      return Error(serialized.error());
    }
    record = serialized.get();
  }

  std::vector<Subprocess::ChildHook> hooks = {Subprocess::ChildHook::SETSID()};
  if (sandbox.isSome()) {
    hooks.push_back(Subprocess::ChildHook::CHDIR(sandbox.get()));
  }

  VLOG(1) << "Invoking external containerizer: " << program << " " << command;
  Try<Subprocess> child = process::subprocess(
      program + " " + command, Subprocess::PIPE(), Subprocess::PIPE(),
      Subprocess::PIPE(), environment, None(), {}, hooks);
  if (child.isError()) {
    return Error("Failed to run the external containerizer '" + program + " " +
                 command + "': " + child.error());
  }

  // Feed stdin, then close it so the program sees EOF. A program that
  // exits without reading makes the write fail (EPIPE): not our failure.
  if (input != nullptr) {
    Subprocess keep = child.get();
    process::io::write(child->in().get(), record).onAny([keep](const auto&) {
      keep.closeIn();
    });
  } else {
    child->closeIn();
  }

  // stderr goes to the sandbox as it comes; we keep its tail for errors.
  auto tail = std::make_shared<Tail>();
  Option<int> log = None();
  if (sandbox.isSome()) {
    const std::string file = path::join(sandbox.get(), "stderr");
    const int fd =
        ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd >= 0) {
      log = fd;
    }
  }
  Future<Nothing> errors = process::io::redirect(
      child->err().get(), log, 4096,
      {[tail](const std::string& chunk) { tail->add(chunk); }});
  if (log.isSome()) {
    ::close(log.get());  // redirect works on its own duplicate.
  }

  Future<std::string> out = process::io::read(child->out().get());
  Future<Option<int>> status = child->status();

  const bool logTail = sandbox.isNone();
  Future<Output> output =
      process::await(out, errors, status)
          .then([command, tail,
                 logTail](const std::tuple<Future<std::string>, Future<Nothing>,
                                           Future<Option<int>>>& results)
                    -> Future<Output> {
            const Future<std::string>& out = std::get<0>(results);
            const Future<Option<int>>& status = std::get<2>(results);
            if (!out.isReady()) {
              return Failure(
                  "Failed to read the output of '" + command +
                  "': " + (out.isFailed() ? out.failure() : "discarded"));
            }
            Output result;
            result.status = status.isReady() ? status.get() : None();
            result.out = out.get();
            result.errorTail = tail->get();
            if (logTail && !result.errorTail.empty()) {
              LOG(INFO) << "External containerizer '" << command
                        << "' wrote to stderr: " << result.errorTail;
            }
            return result;
          });

  if (timeout.isSome()) {
    const pid_t pid = child->pid();
    const Duration limit = timeout.get();
    output =
        output.after(limit,
                     [pid, command, limit, out,
                      errors](Future<Output> pending) -> Future<Output> {
                       // The whole session of the invocation goes (it leads its
                       // own process group); the reads end with it.
                       ::killpg(pid, SIGKILL);
                       pending.discard();
                       Future<std::string>(out).discard();
                       Future<Nothing>(errors).discard();
                       return Failure("External containerizer '" + command +
                                      "' did not finish within " +
                                      stringify(limit) + "; killed it");
                     });
  }

  return Invocation{child->pid(), output};
}

}  // namespace external
}  // namespace slave
}  // namespace internal
}  // namespace mesos
