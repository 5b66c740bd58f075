#ifndef PROCESS_METRICS_HPP
#define PROCESS_METRICS_HPP

// Named numeric gauges, served as one JSON object by the process `metrics`
// on the route `snapshot` (`GET /metrics/snapshot`), as Mesos's metrics
// library does.
//
// A gauge is a function returning a Future<double>; it is called once per
// snapshot, on the metrics process. The snapshot answers once every gauge's
// future has completed: a READY one contributes `"name": value`; a failed or
// discarded one is left out. With the query parameter `timeout` (a stout
// duration such as `5secs`) gauges still pending after that long (Clock
// time) are left out too; without it the snapshot waits for all of them.
//
// The metrics process is spawned on the first add() after each
// process::initialize() (and terminated by process::finalize() like every
// process). All calls are thread-safe and return without waiting for the
// metrics process.

#include <functional>
#include <map>
#include <string>

#include <process/future.hpp>

namespace process {
namespace metrics {

// Registers `name`; `value` is called on each snapshot. A second add() of
// the same name replaces the first gauge.
void add(const std::string& name,
         std::function<process::Future<double>()> value);

// Unregisters `name`; unknown names are ignored.
void remove(const std::string& name);

// The current values, as the `snapshot` endpoint would render them
// (without a timeout). For code that wants the numbers without HTTP.
process::Future<std::map<std::string, double>> snapshot();

}  // namespace metrics
}  // namespace process

#endif  // PROCESS_METRICS_HPP
