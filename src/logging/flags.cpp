#include "logging/flags.hpp"

#include "common/flag_validators.hpp"

namespace mesos {
namespace internal {
namespace logging {

Flags::Flags() {
  add(&Flags::log_dir, "log_dir",
      "Directory for log files (default: log to stderr only).");
  add(&Flags::logbufsecs, "logbufsecs", "Seconds log output may be buffered.",
      0, [](const int& value) -> Option<Error> {
        if (value < 0) {
          return Error("Expected a non-negative number");
        }
        return None();
      });
  add(&Flags::logging_level, "logging_level",
      "Lowest severity logged: INFO, WARNING or ERROR.", std::string("INFO"),
      [](const std::string& value) {
        return flag_validators::oneOf(value, {"INFO", "WARNING", "ERROR"});
      });
  add(&Flags::quiet, "quiet", "Whether to log nothing to stderr.", false);
  add(&Flags::external_log_file, "external_log_file",
      "Log file written by something else (e.g. the service manager), "
      "shown\nby the /files endpoints.");
  add(&Flags::initialize_driver_logging, "initialize_driver_logging",
      "Whether the drivers this process starts set up logging the same way.",
      true);
}

}  // namespace logging
}  // namespace internal
}  // namespace mesos
