// mesos-agent: loads the flags (--flag=value or MESOS_<FLAG>), binds
// libprocess per --ip/--port, builds the containerizer(s), garbage
// collector and status update manager, and runs the Slave until it shuts
// down. As in Mesos, SIGUSR1 shuts the agent down for good (its frameworks
// are shut down and the master is told), while SIGTERM and SIGINT keep
// their default action, so that executors outlive an agent restart. Exit
// status 1 for any bad flag or start-up failure, with a message saying what
// is wrong.

#include <signal.h>

#include <chrono>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include <glog/logging.h>

#include <process/address.hpp>
#include <process/dispatch.hpp>
#include <process/process.hpp>

#include <stout/os.hpp>
#include <stout/stringify.hpp>
#include <stout/strings.hpp>

#include "slave/containerizer/containerizer.hpp"
#include "slave/containerizer/external_containerizer.hpp"
#include "slave/containerizer/mesos/containerizer.hpp"
#include "slave/flags.hpp"
#include "slave/gc.hpp"
#include "slave/paths.hpp"
#include "slave/slave.hpp"
#include "slave/task_status_update_manager.hpp"

using mesos::SlaveInfo;
using namespace mesos::internal::slave;

namespace {

constexpr char USAGE[] =
    "Usage: mesos-agent --master=HOST:PORT --work_dir=DIR [options]\n\n"
    "Every option can also be given as the environment variable "
    "MESOS_<OPTION>.";

int fail(const std::string& message) {
  std::cerr << "mesos-agent: " << message << "\n"
            << "See 'mesos-agent --help' for the options." << std::endl;
  return EXIT_FAILURE;
}

bool wantsHelp(int argc, char** argv) {
  for (int i = 1; i < argc; i++) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "--help=true" || arg == "-h") {
      return true;
    }
  }
  return false;
}

void initializeLogging(const Flags& flags, const char* argv0) {
  if (flags.log_dir.isSome()) {
    FLAGS_log_dir = flags.log_dir.get();
  } else {
    FLAGS_logtostderr = true;
  }
  FLAGS_logbufsecs = flags.logbufsecs;
  if (flags.logging_level == "WARNING") {
    FLAGS_minloglevel = google::GLOG_WARNING;
  } else if (flags.logging_level == "ERROR") {
    FLAGS_minloglevel = google::GLOG_ERROR;
  }
  if (flags.quiet) {
    FLAGS_stderrthreshold = google::GLOG_FATAL;
  }
  google::InitGoogleLogging(argv0);
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  flags.setUsageMessage(USAGE);

  if (wantsHelp(argc, argv)) {
    std::cout << flags.usage() << std::endl;
    return EXIT_SUCCESS;
  }

  Try<flags::Warnings> load = flags.load("MESOS_", argc, argv);
  if (load.isError()) {
    return fail("Failed to load flags: " + load.error());
  }
  if (flags.version) {
    std::cout << "mesos 1.11.0" << std::endl;
    return EXIT_SUCCESS;
  }
  Option<Error> invalid = flags.validate();
  if (invalid.isSome()) {
    return fail(invalid->message);
  }
  if (flags.master.isNone()) {
    return fail("Missing required option --master");
  }
  Try<process::UPID> master = parseMaster(flags.master.get());
  if (master.isError()) {
    return fail(master.error());
  }
  if (flags.port == 0) {
    return fail("Invalid --port=0: the agent needs a fixed port");
  }

  initializeLogging(flags, argv[0]);
  for (const flags::Warning& warning : load->warnings) {
    LOG(WARNING) << warning.message;
  }

  // The runtime binds per LIBPROCESS_*; the flags win over the environment.
  if (flags.ip.isSome()) {
    os::setenv("LIBPROCESS_IP", flags.ip.get());
  }
  os::setenv("LIBPROCESS_PORT", stringify(flags.port));
  if (flags.advertise_ip.isSome()) {
    os::setenv("LIBPROCESS_ADVERTISE_IP", flags.advertise_ip.get());
  }
  if (flags.advertise_port.isSome()) {
    os::setenv("LIBPROCESS_ADVERTISE_PORT", flags.advertise_port.get());
  }

  // SIGUSR1 is taken by a thread of ours (below); block it before any
  // runtime thread exists so that every thread inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  Try<SlaveInfo> info = createSlaveInfo(flags);
  if (info.isError()) {
    return fail(info.error());
  }

  // Containerizers spawn processes of their own: the runtime comes first.
  process::initialize(std::string("slave(1)"));

  std::map<std::string, Containerizer::Creator> creators;
  creators["mesos"] = [&flags]() { return MesosContainerizer::create(flags); };
  creators["external"] = [&flags]() {
    return ExternalContainerizer::create(flags);
  };
  Try<std::unique_ptr<Containerizer>> containerizer =
      Containerizer::create(flags.containerizers, creators);
  if (containerizer.isError()) {
    return fail("Failed to create a containerizer: " + containerizer.error());
  }

  const network::inet::Address address = process::address();
  LOG(INFO) << "Agent advertises " << address << " to the master "
            << master.get() << " and to its executors";
  if (address.ip.isAny() ||
      (address.ip.isLoopback() && !master->address.ip.isLoopback())) {
    LOG(WARNING) << "The advertised address " << address
                 << " cannot be reached from other hosts, so the master "
                 << "will not be able to talk to this agent: set --ip or "
                 << "--advertise_ip to an address the master can reach";
  }

  GarbageCollector gc(flags.work_dir);
  TaskStatusUpdateManager statusUpdateManager(
      paths::getMetaRootDir(flags.work_dir));

  Slave* slave = new Slave(flags, info.get(), containerizer.get().get(), &gc,
                           &statusUpdateManager);
  const process::PID<Slave> pid = process::spawn(slave);

  std::thread([signals, pid]() {
    int signal = 0;
    if (sigwait(&signals, &signal) == 0) {
      LOG(INFO) << "Received " << ::strsignal(signal) << "; shutting down";
      process::dispatch(pid, &Slave::shutdown, process::UPID(),
                        std::string("Received signal ") + ::strsignal(signal));
    }
  }).detach();

  process::wait(pid);
  const Option<std::string> failure = slave->failure();
  delete slave;
  if (failure.isSome()) {
    std::cerr << "mesos-agent: " << failure.get() << std::endl;
    return EXIT_FAILURE;
  }

  // The last messages (UnregisterSlaveMessage) leave on the event loop;
  // give them a moment before the process ends.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  return EXIT_SUCCESS;
}
