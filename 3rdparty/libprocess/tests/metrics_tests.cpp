// The metrics process: gauges evaluated per snapshot, served as JSON on
// /metrics/snapshot over a real socket.

#include <gtest/gtest.h>

#include <string>

#include <process/clock.hpp>
#include <process/future.hpp>
#include <process/gtest.hpp>
#include <process/http.hpp>
#include <process/metrics.hpp>
#include <process/pid.hpp>
#include <process/process.hpp>

#include <stout/json.hpp>

using process::Clock;
using process::Future;
using process::Promise;
using process::UPID;

namespace http = process::http;
namespace metrics = process::metrics;

namespace {

UPID metricsPid() {
  // Any process's address is the runtime's address.
  UPID pid = process::spawn(new process::ProcessBase(), true);
  process::terminate(pid);
  return UPID("metrics", pid.address);
}

Try<JSON::Object> getSnapshot(const std::string& query = "") {
  Future<http::Response> response = http::get(
      metricsPid(), std::string("snapshot"),
      query.empty() ? Option<std::string>(None()) : Option<std::string>(query));
  response.await(Seconds(15));
  if (!response.isReady())
    return Error("snapshot request did not complete");
  if (response->code != 200)
    return Error("snapshot answered " + std::to_string(response->code));
  return JSON::parse<JSON::Object>(response->body);
}

}  // namespace

TEST(MetricsTest, GaugesEvaluatedPerSnapshot) {
  int calls = 0;
  metrics::add("test/counter", [&calls]() -> Future<double> {
    return static_cast<double>(++calls);
  });
  metrics::add("test/constant", []() -> Future<double> { return 2.5; });

  Future<std::map<std::string, double>> first = metrics::snapshot();
  AWAIT_READY(first);
  EXPECT_EQ(1.0, first->at("test/counter"));
  EXPECT_EQ(2.5, first->at("test/constant"));

  Try<JSON::Object> json = getSnapshot();
  ASSERT_FALSE(json.isError()) << json.error();
  Result<JSON::Number> counter = json->find<JSON::Number>("test/counter");
  ASSERT_TRUE(counter.isSome());
  EXPECT_EQ(2.0, counter->as<double>());

  metrics::remove("test/counter");
  metrics::remove("test/constant");
  Future<std::map<std::string, double>> after = metrics::snapshot();
  AWAIT_READY(after);
  EXPECT_EQ(0u, after->count("test/counter"));
  EXPECT_EQ(0u, after->count("test/constant"));
}

TEST(MetricsTest, FailedGaugeLeftOut) {
  metrics::add("test/failing",
               []() -> Future<double> { return Future<double>::failed("no"); });
  metrics::add("test/good", []() -> Future<double> { return 1.0; });

  Try<JSON::Object> json = getSnapshot();
  ASSERT_FALSE(json.isError()) << json.error();
  EXPECT_EQ(0u, json->values.count("test/failing"));
  EXPECT_EQ(1u, json->values.count("test/good"));

  metrics::remove("test/failing");
  metrics::remove("test/good");
}

TEST(MetricsTest, PendingGaugeLeftOutAfterTimeout) {
  Promise<double> never;
  metrics::add("test/pending", [&never]() { return never.future(); });
  metrics::add("test/ready", []() -> Future<double> { return 3.0; });

  Clock::pause();
  Future<http::Response> response = http::get(
      metricsPid(), std::string("snapshot"), std::string("timeout=1secs"));
  // The timeout is a Clock timer: once the request is being served, move
  // the clock past it.
  while (response.isPending()) {
    Clock::settle();
    Clock::advance(Seconds(2));
    response.await(Milliseconds(10));
  }
  Clock::resume();

  AWAIT_READY(response);
  ASSERT_EQ(200, response->code);
  Try<JSON::Object> json = JSON::parse<JSON::Object>(response->body);
  ASSERT_FALSE(json.isError()) << json.error();
  EXPECT_EQ(0u, json->values.count("test/pending"));
  EXPECT_EQ(1u, json->values.count("test/ready"));

  metrics::remove("test/pending");
  metrics::remove("test/ready");
}

TEST(MetricsTest, BadTimeoutIsBadRequest) {
  Future<http::Response> response = http::get(
      metricsPid(), std::string("snapshot"), std::string("timeout=soon"));
  AWAIT_READY(response);
  EXPECT_EQ(400, response->code);
}
