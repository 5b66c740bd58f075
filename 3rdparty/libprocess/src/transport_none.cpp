#include <process/transport.hpp>

namespace process {
namespace internal {

// The build without a network layer: every pid is local.
Try<std::unique_ptr<Transport>> createTransport(
    EventLoop& loop, const Option<std::string>& delegate) {
  return std::unique_ptr<Transport>();
}

}  // namespace internal
}  // namespace process
