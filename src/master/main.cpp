// mesos-master: loads the flags (--name=value or MESOS_NAME), binds
// libprocess to --ip/--port, recovers the registry and serves until
// killed. Bad flags print a message and the usage and exit with status 1.

#include <stdlib.h>

#include <iostream>
#include <string>

#include <glog/logging.h>

#include <process/dispatch.hpp>
#include <process/process.hpp>

#include <stout/stringify.hpp>

#include "master/allocator/hierarchical_drf_allocator.hpp"
#include "master/flags.hpp"
#include "master/master.hpp"
#include "master/registrar.hpp"

using mesos::internal::master::Flags;
using mesos::internal::master::Master;
using mesos::internal::master::Registrar;
using mesos::internal::master::allocator::HierarchicalDRFAllocator;
using mesos::internal::master::allocator::parseMinAllocatableResources;

namespace {

void initializeLogging(const Flags& flags, const char* argv0) {
  google::InitGoogleLogging(argv0);
  if (flags.log_dir.isSome()) {
    FLAGS_log_dir = flags.log_dir.get();
    FLAGS_logtostderr = false;
    FLAGS_alsologtostderr = !flags.quiet;
  } else {
    FLAGS_logtostderr = !flags.quiet;
  }
  FLAGS_logbufsecs = flags.logbufsecs;
  if (flags.logging_level == "WARNING")
    FLAGS_minloglevel = google::GLOG_WARNING;
  else if (flags.logging_level == "ERROR")
    FLAGS_minloglevel = google::GLOG_ERROR;
}

}  // namespace

int main(int argc, char** argv) {
  Flags flags;
  Try<flags::Warnings> load = flags.load("MESOS_", argc, argv);
  if (load.isError()) {
    std::cerr << flags.usage(load.error()) << std::endl;
    return EXIT_FAILURE;
  }
  if (flags.help) {
    std::cout << flags.usage() << std::endl;
    return EXIT_SUCCESS;
  }
  if (flags.version) {
    std::cout << "mesos " << mesos::internal::master::MESOS_VERSION
              << std::endl;
    return EXIT_SUCCESS;
  }
  Option<Error> invalid = flags.validate();
  if (invalid.isSome()) {
    std::cerr << flags.usage(invalid->message) << std::endl;
    return EXIT_FAILURE;
  }
  Try<std::vector<mesos::internal::master::allocator::ResourceQuantities>>
      minimum = parseMinAllocatableResources(flags.min_allocatable_resources);
  if (minimum.isError()) {
    std::cerr << flags.usage(
                     "Invalid value for flag "
                     "'min_allocatable_resources': " +
                     minimum.error())
              << std::endl;
    return EXIT_FAILURE;
  }

  initializeLogging(flags, argv[0]);
  for (const auto& warning : load->warnings)
    LOG(WARNING) << warning.message;

  // libprocess takes its address from the environment.
  if (flags.ip.isSome())
    ::setenv("LIBPROCESS_IP", flags.ip->c_str(), 1);
  ::setenv("LIBPROCESS_PORT", stringify(flags.port).c_str(), 1);
  if (flags.advertise_ip.isSome())
    ::setenv("LIBPROCESS_ADVERTISE_IP", flags.advertise_ip->c_str(), 1);
  if (flags.advertise_port.isSome())
    ::setenv("LIBPROCESS_ADVERTISE_PORT", flags.advertise_port->c_str(), 1);

  process::initialize(std::string("master"));

  Option<std::string> directory;
  if (flags.registry != "in_memory")
    directory = flags.work_dir;

  HierarchicalDRFAllocator allocator;
  Registrar registrar(directory);
  Master* master = new Master(&allocator, &registrar, flags);
  process::PID<Master> pid = process::spawn(master, false);

  process::Future<Nothing> recovered =
      process::dispatch(pid, &Master::recovered);
  recovered.await();
  if (!recovered.isReady()) {
    LOG(ERROR) << "Master failed to start: "
               << (recovered.isFailed() ? recovered.failure()
                                        : std::string("recovery discarded"));
    process::terminate(pid);
    process::wait(pid);
    delete master;
    return EXIT_FAILURE;
  }

  process::wait(pid);
  delete master;
  return EXIT_SUCCESS;
}
