#include <process/metrics.hpp>

#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include <glog/logging.h>

#include <process/collect.hpp>
#include <process/dispatch.hpp>
#include <process/http.hpp>
#include <process/process.hpp>

#include <stout/duration.hpp>
#include <stout/json.hpp>
#include <stout/stringify.hpp>

namespace process {
namespace metrics {
namespace {

using Values = std::map<std::string, double>;

class MetricsProcess final : public Process<MetricsProcess> {
 public:
  MetricsProcess() : ProcessBase("metrics") {}

  void add(const std::string& name, std::function<Future<double>()> value) {
    gauges_[name] = std::move(value);
  }

  void remove(const std::string& name) { gauges_.erase(name); }

  Future<Values> snapshot(const Option<Duration>& timeout) {
    std::vector<std::string> names;
    std::vector<Future<double>> values;
    for (const auto& [name, gauge] : gauges_) {
      Future<double> value = gauge();
      if (timeout.isSome()) {
        // A pending gauge is given up on after the timeout; discard the
        // original so its producer may stop working on it.
        value = value.after(timeout.get(), [](Future<double> pending) {
          pending.discard();
          return Future<double>::failed("timed out");
        });
      }
      names.push_back(name);
      values.push_back(std::move(value));
    }
    return await(values).then(
        [names = std::move(names)](const std::vector<Future<double>>& done) {
          Values result;
          for (size_t i = 0; i < done.size(); ++i)
            if (done[i].isReady())
              result[names[i]] = done[i].get();
          return result;
        });
  }

 protected:
  void initialize() override {
    route("/snapshot", "Numeric gauges as one JSON object.",
          [this](const http::Request& request) -> Future<http::Response> {
            Option<Duration> timeout;
            auto param = request.url.query.find("timeout");
            if (param != request.url.query.end()) {
              Try<Duration> parsed = Duration::parse(param->second);
              if (parsed.isError())
                return http::BadRequest(
                    "Invalid 'timeout' parameter: " + parsed.error() + "\n");
              timeout = parsed.get();
            }
            return snapshot(timeout).then([](const Values& values) {
              JSON::Object object;
              for (const auto& [name, value] : values)
                object.values[name] = JSON::Number(value);
              return http::Response(http::OK::json(stringify(object)));
            });
          });
  }

  void finalize() override;

 private:
  std::map<std::string, std::function<Future<double>()>> gauges_;
};

std::mutex metrics_mutex;
MetricsProcess* metrics_process = nullptr;
PID<MetricsProcess> metrics_pid;

// The runtime's metrics process, spawned on first use after each
// initialize(); finalize() terminates it like every process.
PID<MetricsProcess> metricsPid() {
  std::lock_guard<std::mutex> lock(metrics_mutex);
  if (metrics_process == nullptr) {
    metrics_process = new MetricsProcess();
    metrics_pid = spawn(metrics_process, true);
  }
  return metrics_pid;
}

void MetricsProcess::finalize() {
  std::lock_guard<std::mutex> lock(metrics_mutex);
  if (metrics_process == this)
    metrics_process = nullptr;
}

}  // namespace

void add(const std::string& name, std::function<Future<double>()> value) {
  dispatch(metricsPid(), &MetricsProcess::add, name, std::move(value));
}

void remove(const std::string& name) {
  dispatch(metricsPid(), &MetricsProcess::remove, name);
}

Future<std::map<std::string, double>> snapshot() {
  return dispatch(metricsPid(), &MetricsProcess::snapshot,
                  Option<Duration>(None()));
}

}  // namespace metrics
}  // namespace process
