#ifndef MESOS_LOGGING_FLAGS_HPP
#define MESOS_LOGGING_FLAGS_HPP

#include <string>

#include <stout/flags.hpp>
#include <stout/option.hpp>

namespace mesos {
namespace internal {
namespace logging {

// The logging flags every daemon takes (Mesos's names and defaults). The
// agent's and the master's Flags inherit them; FlagsBase is a virtual base,
// so all of them land in one flag set.
class Flags : public virtual flags::FlagsBase {
 public:
  Flags();

  Option<std::string> log_dir;
  int logbufsecs;
  std::string logging_level;
  bool quiet;
  Option<std::string> external_log_file;
  bool initialize_driver_logging;
};

}  // namespace logging
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_LOGGING_FLAGS_HPP
