// The libprocess demo that scripts/quickstart.sh runs until the agent and
// master exist: two OS processes on 127.0.0.1 exchanging real libprocess
// messages (HTTP POSTs on the wire, exactly as Apache Mesos's libprocess
// sends them), and an HTTP route read by a plain client.
//
//   ping-pong pong                  serves; prints its UPID on stdout
//   ping-pong ping <pong-upid> [N]  streams N messages, then measures round
//                                   trips, then reads pong's /stats route
//
// The address comes from LIBPROCESS_IP / LIBPROCESS_PORT (port 0 or unset:
// a free port).

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <glog/logging.h>

#include <process/dispatch.hpp>
#include <process/future.hpp>
#include <process/http.hpp>
#include <process/latch.hpp>
#include <process/pid.hpp>
#include <process/process.hpp>

#include <stout/numify.hpp>
#include <stout/stringify.hpp>

using process::Future;
using process::Promise;
using process::UPID;

namespace {

// Counts streamed "ping" messages, answers "echo" with "echo", and reports
// its count when asked with "how-many". Also serves GET /pong/stats.
class Pong : public process::Process<Pong> {
 public:
  Pong() : process::ProcessBase("pong") {}

 protected:
  void initialize() override {
    install("ping", [this](const UPID&, const std::string&) { received_++; });
    install("echo", [this](const UPID& from, const std::string& body) {
      send(from, "echo", body);
    });
    install("how-many", [this](const UPID& from, const std::string&) {
      send(from, "count", stringify(received_));
    });
    route("/stats", "Messages received so far, as JSON.",
          [this](const process::http::Request&) {
            return process::http::OK::json(
                "{\"received\":" + stringify(received_) + "}");
          });
  }

 private:
  uint64_t received_ = 0;
};

// Drives the demo from the other OS process.
class Ping : public process::Process<Ping> {
 public:
  Ping() : process::ProcessBase("ping") {}

  Future<uint64_t> stream(const UPID& pong, uint64_t count, size_t size) {
    const std::string body(size, 'x');
    for (uint64_t i = 0; i < count; i++) {
      send(pong, "ping", body);
    }
    // Messages from one sender to one receiver arrive in order, so the
    // answer to this question counts every ping sent before it.
    send(pong, "how-many", "");
    counted_ = Promise<uint64_t>();
    return counted_.future();
  }

  Future<Nothing> echo(const UPID& pong, uint64_t rounds) {
    pong_ = pong;
    remaining_ = rounds;
    echoed_ = Promise<Nothing>();
    send(pong_, "echo", "hello");
    return echoed_.future();
  }

 protected:
  void initialize() override {
    install("count", [this](const UPID&, const std::string& body) {
      Try<uint64_t> count = numify<uint64_t>(body);
      if (count.isError()) {
        counted_.fail("Bad count from pong: " + count.error());
      } else {
        counted_.set(count.get());
      }
    });
    install("echo", [this](const UPID&, const std::string& body) {
      if (--remaining_ == 0) {
        echoed_.set(Nothing());
      } else {
        send(pong_, "echo", body);
      }
    });
  }

 private:
  UPID pong_;
  uint64_t remaining_ = 0;
  Promise<uint64_t> counted_;
  Promise<Nothing> echoed_;
};

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

int runPong() {
  Pong pong;
  process::spawn(pong);
  std::printf("%s\n", stringify(pong.self()).c_str());
  std::fflush(stdout);
  process::wait(pong.self());
  return 0;
}

int runPing(const UPID& pong, uint64_t count) {
  Ping ping;
  process::spawn(ping);

  std::printf("ping %s -> pong %s\n", stringify(ping.self()).c_str(),
              stringify(pong).c_str());

  for (size_t size : {16u, 1024u}) {
    auto start = std::chrono::steady_clock::now();
    Future<uint64_t> before = process::dispatch(
        ping.self(), [&]() { return ping.stream(pong, count, size); });
    if (!before.await(Seconds(120)) || !before.isReady()) {
      std::fprintf(stderr, "pong did not answer: %s\n",
                   before.isFailed() ? before.failure().c_str() : "timeout");
      return 1;
    }
    const double seconds = secondsSince(start);
    std::printf(
        "streamed %llu messages of %zu bytes in %.3f s: %.0f messages/s "
        "(pong has counted %llu in all)\n",
        static_cast<unsigned long long>(count), size, seconds, count / seconds,
        static_cast<unsigned long long>(before.get()));
  }

  const uint64_t rounds = 10000;
  auto start = std::chrono::steady_clock::now();
  Future<Nothing> echoed =
      process::dispatch(ping.self(), [&]() { return ping.echo(pong, rounds); });
  if (!echoed.await(Seconds(120)) || !echoed.isReady()) {
    std::fprintf(stderr, "echo round trips did not finish\n");
    return 1;
  }
  std::printf("%llu message round trips: %.1f us each\n",
              static_cast<unsigned long long>(rounds),
              secondsSince(start) * 1e6 / rounds);

  process::terminate(ping);
  process::wait(ping);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  google::InitGoogleLogging(argv[0]);
  FLAGS_logtostderr = true;

  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode != "pong" && !(mode == "ping" && argc > 2)) {
    std::fprintf(stderr, "Usage: %s pong | ping <pong-upid> [messages]\n",
                 argv[0]);
    return 2;
  }

  if (!process::initialize()) {
    std::fprintf(stderr, "Failed to initialize libprocess\n");
    return 1;
  }

  if (mode == "pong") {
    return runPong();
  }

  const UPID pong(argv[2]);
  if (!pong) {
    std::fprintf(stderr, "Bad pong UPID '%s' (expected id@ip:port)\n", argv[2]);
    return 2;
  }
  Try<uint64_t> count =
      argc > 3 ? numify<uint64_t>(argv[3]) : Try<uint64_t>(100000);
  if (count.isError() || count.get() == 0) {
    std::fprintf(stderr, "Bad message count '%s'\n", argv[3]);
    return 2;
  }
  const int status = runPing(pong, count.get());
  process::finalize();
  return status;
}
