// test-containerizer: a small, real external containerizer program (see
// src/slave/containerizer/external_containerizer.hpp for the protocol).
//
//   test-containerizer <launch|wait|destroy|update|usage|containers|recover>
//
// Each command reads its input record (if any) from stdin and writes its
// result record (if any) to stdout. State lives in
// $MESOS_WORK_DIRECTORY/test-containerizer/<container id>/:
//   launch     the Launch record it was started with
//   pid        the executor's pid (leader of its own process group)
//   resources  the latest Update record (from `update`)
//   status     the executor's wait status, once it has exited
//
// `launch` forks a monitor that leaves the session of the call, starts the
// executor, waits for it and records its status, so the executor outlives
// `launch`, which returns at once. `wait` blocks until the status is
// recorded and prints the Termination. `destroy` kills the executor's
// process group. `containers` lists those whose executor has not exited;
// `recover` forgets those that have. `usage` reads /proc/<pid>/stat.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <mesos/containerizer/containerizer.pb.h>
#include <mesos/mesos.pb.h>

#include <stout/numify.hpp>
#include <stout/os.hpp>
#include <stout/path.hpp>
#include <stout/protobuf.hpp>
#include <stout/stringify.hpp>
#include <stout/strings.hpp>

using namespace mesos;

namespace {

int fail(const std::string& message) {
  std::cerr << "test-containerizer: " << message << std::endl;
  return 1;
}

std::string stateRoot() {
  Option<std::string> work = os::getenv("MESOS_WORK_DIRECTORY");
  return path::join(work.isSome() ? work.get() : os::temp(),
                    "test-containerizer");
}

std::string stateDir(const ContainerID& id) {
  return path::join(stateRoot(), id.value());
}

template <typename T>
Try<T> input() {
  Result<T> message = ::protobuf::read<T>(STDIN_FILENO);
  if (message.isError()) {
    return Error(message.error());
  }
  if (message.isNone()) {
    return Error("expected a record on stdin");
  }
  return message.get();
}

Option<pid_t> executorPid(const ContainerID& id) {
  Try<std::string> text = os::read(path::join(stateDir(id), "pid"));
  if (text.isError()) {
    return None();
  }
  Try<int> pid = numify<int>(strings::trim(text.get()));
  return pid.isSome() ? Option<pid_t>(pid.get()) : None();
}

// Runs in the monitor: start the executor, wait for it, record how it
// ended. Never returns.
[[noreturn]] void monitor(const containerizer::Launch& launch,
                          const std::string& state) {
  ::setsid();  // Out of the `launch` call's session: killing it spares us.
  const std::string sandbox = launch.directory();
  const int null = ::open("/dev/null", O_RDONLY);
  const int out = ::open(path::join(sandbox, "stdout").c_str(),
                         O_WRONLY | O_CREAT | O_APPEND, 0644);
  const int err = ::open(path::join(sandbox, "stderr").c_str(),
                         O_WRONLY | O_CREAT | O_APPEND, 0644);
  // Let go of the call's pipes so that `launch` can end.
  ::dup2(null, STDIN_FILENO);
  ::dup2(out, STDOUT_FILENO);
  ::dup2(err, STDERR_FILENO);

  const CommandInfo& command = launch.executor_info().command();
  const pid_t executor = ::fork();
  if (executor == 0) {
    ::setpgid(0, 0);  // Its own group, which `destroy` kills.
    if (::chdir(sandbox.c_str()) != 0) {
      ::_exit(127);
    }
    for (const Environment::Variable& variable :
         command.environment().variables()) {
      ::setenv(variable.name().c_str(), variable.value().c_str(), 1);
    }
    if (!command.has_shell() || command.shell()) {
      ::execl("/bin/sh", "sh", "-c", command.value().c_str(), nullptr);
    } else {
      std::vector<char*> argv;
      for (const std::string& argument : command.arguments()) {
        argv.push_back(const_cast<char*>(argument.c_str()));
      }
      if (argv.empty()) {
        argv.push_back(const_cast<char*>(command.value().c_str()));
      }
      argv.push_back(nullptr);
      ::execv(command.value().c_str(), argv.data());
    }
    ::_exit(127);
  }

  int status = 0;
  if (executor > 0) {
    // Also here, so the group exists before anyone can read the pid.
    ::setpgid(executor, executor);
    (void)os::atomicWrite(path::join(state, "pid"), stringify(executor));
    while (::waitpid(executor, &status, 0) < 0 && errno == EINTR) {
    }
  } else {
    status = 127 << 8;
  }
  (void)os::atomicWrite(path::join(state, "status"), stringify(status));
  ::_exit(0);
}

int launch() {
  Try<containerizer::Launch> launch = input<containerizer::Launch>();
  if (launch.isError()) {
    return fail("launch: " + launch.error());
  }
  const std::string state = stateDir(launch->container_id());
  if (os::exists(state)) {
    return fail("launch: container " + launch->container_id().value() +
                " exists");
  }
  Try<Nothing> created = os::mkdir(state);
  if (created.isError()) {
    return fail("launch: " + created.error());
  }
  (void)::protobuf::write(path::join(state, "launch"), launch.get());

  const pid_t child = ::fork();
  if (child < 0) {
    return fail("launch: fork failed");
  }
  if (child == 0) {
    monitor(launch.get(), state);
  }

  // Return once the executor's pid is recorded, so that destroy and usage
  // find it right after launch.
  const std::string pidFile = path::join(state, "pid");
  while (!os::exists(pidFile) && !os::exists(path::join(state, "status"))) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return 0;
}

// Blocks until `pid` (not our child) has exited.
void awaitExit(pid_t pid) {
  const int fd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (fd >= 0) {
    struct pollfd poller = {fd, POLLIN, 0};
    while (::poll(&poller, 1, -1) < 0 && errno == EINTR) {
    }
    ::close(fd);
    return;
  }
  while (::kill(pid, 0) == 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

int wait() {
  Try<containerizer::Wait> wait = input<containerizer::Wait>();
  if (wait.isError()) {
    return fail("wait: " + wait.error());
  }
  const std::string state = stateDir(wait->container_id());
  if (!os::exists(state)) {
    return fail("wait: unknown container " + wait->container_id().value());
  }

  const std::string statusFile = path::join(state, "status");
  Option<pid_t> pid = executorPid(wait->container_id());
  while (!os::exists(statusFile)) {
    if (!os::exists(state)) {
      return fail("wait: container " + wait->container_id().value() +
                  " vanished");
    }
    if (pid.isSome()) {
      awaitExit(pid.get());
    }
    // The monitor writes the status right after the executor is reaped.
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }

  containerizer::Termination termination;
  Try<std::string> text = os::read(statusFile);
  Try<int> status = text.isSome() ? numify<int>(strings::trim(text.get()))
                                  : Try<int>(Error(text.error()));
  if (status.isSome()) {
    termination.set_status(status.get());
    termination.set_message(WIFSIGNALED(status.get())
                                ? "Executor killed by signal " +
                                      stringify(WTERMSIG(status.get()))
                                : "Executor exited with status " +
                                      stringify(WEXITSTATUS(status.get())));
  } else {
    termination.set_message("Executor ended with an unreadable status");
  }
  return ::protobuf::write(STDOUT_FILENO, termination).isSome() ? 0 : 1;
}

int destroy() {
  Try<containerizer::Destroy> destroy = input<containerizer::Destroy>();
  if (destroy.isError()) {
    return fail("destroy: " + destroy.error());
  }
  // Done once the executor is gone and the monitor has recorded it, not
  // just signalled.
  Option<pid_t> pid = executorPid(destroy->container_id());
  if (pid.isSome() && ::killpg(pid.get(), SIGKILL) == 0) {
    awaitExit(pid.get());
    const std::string status =
        path::join(stateDir(destroy->container_id()), "status");
    for (int i = 0; i < 1000 && !os::exists(status); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  return 0;
}

int update() {
  Try<containerizer::Update> update = input<containerizer::Update>();
  if (update.isError()) {
    return fail("update: " + update.error());
  }
  const std::string state = stateDir(update->container_id());
  if (!os::exists(state)) {
    return fail("update: unknown container " + update->container_id().value());
  }
  Try<Nothing> written =
      ::protobuf::write(path::join(state, "resources"), update.get());
  return written.isSome() ? 0 : fail("update: " + written.error());
}

int usage() {
  Try<containerizer::Usage> usage = input<containerizer::Usage>();
  if (usage.isError()) {
    return fail("usage: " + usage.error());
  }
  Option<pid_t> pid = executorPid(usage->container_id());
  Try<std::string> stat =
      os::read("/proc/" + stringify(pid.isSome() ? pid.get() : 0) + "/stat");
  if (pid.isNone() || stat.isError()) {
    return fail("usage: no running executor for " +
                usage->container_id().value());
  }
  // Fields after the command name: state is field 3 of proc(5).
  const std::vector<std::string> fields =
      strings::tokenize(stat->substr(stat->rfind(')') + 1), " ");
  const double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
  ResourceStatistics statistics;
  statistics.set_timestamp(
      std::chrono::duration<double>(
          std::chrono::system_clock::now().time_since_epoch())
          .count());
  statistics.set_cpus_user_time_secs(std::stoull(fields[11]) / ticks);
  statistics.set_cpus_system_time_secs(std::stoull(fields[12]) / ticks);
  statistics.set_threads(static_cast<uint32_t>(std::stoul(fields[17])));
  statistics.set_mem_rss_bytes(std::stoull(fields[21]) *
                               static_cast<uint64_t>(::sysconf(_SC_PAGESIZE)));

  // Limits: the latest update, else what the executor was launched with.
  const std::string state = stateDir(usage->container_id());
  Result<containerizer::Update> update =
      ::protobuf::read<containerizer::Update>(path::join(state, "resources"));
  Result<containerizer::Launch> launch =
      ::protobuf::read<containerizer::Launch>(path::join(state, "launch"));
  const auto& resources = update.isSome() ? update->resources()
                          : launch.isSome()
                              ? launch->executor_info().resources()
                              : google::protobuf::RepeatedPtrField<Resource>();
  for (const Resource& resource : resources) {
    if (resource.name() == "cpus") {
      statistics.set_cpus_limit(resource.scalar().value());
    } else if (resource.name() == "mem") {
      statistics.set_mem_limit_bytes(
          static_cast<uint64_t>(resource.scalar().value() * 1024 * 1024));
    }
  }
  return ::protobuf::write(STDOUT_FILENO, statistics).isSome() ? 0 : 1;
}

int containers() {
  containerizer::Containers result;
  Try<std::vector<std::string>> entries = os::ls(stateRoot());
  if (entries.isSome()) {
    for (const std::string& entry : entries.get()) {
      if (!os::exists(path::join(stateRoot(), entry, "status"))) {
        result.add_containers()->set_value(entry);
      }
    }
  }
  return ::protobuf::write(STDOUT_FILENO, result).isSome() ? 0 : 1;
}

// Forgets containers whose executor has exited (their Termination was
// delivered before the agent restarted, or nobody waits for it any more).
int recover() {
  Try<std::vector<std::string>> entries = os::ls(stateRoot());
  if (entries.isSome()) {
    for (const std::string& entry : entries.get()) {
      if (os::exists(path::join(stateRoot(), entry, "status"))) {
        (void)os::rmdir(path::join(stateRoot(), entry));
      }
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    return fail("usage: test-containerizer <command>");
  }
  const std::string command = argv[1];
  if (command == "launch")
    return launch();
  if (command == "wait")
    return wait();
  if (command == "destroy")
    return destroy();
  if (command == "update")
    return update();
  if (command == "usage")
    return usage();
  if (command == "containers")
    return containers();
  if (command == "recover")
    return recover();
  return fail("unknown command '" + command + "'");
}
