// Messages between two OS processes over loopback TCP, and a route server
// for HTTP load generators. Not a ctest; see docs/performance.md.
//
//   libprocess-remote-benchmarks                 throughput and latency
//       [--sizes=16,1024,65536,1048576] [--scale=1.0] [--rtts=20000]
//   libprocess-remote-benchmarks --serve-http    prints the address of a
//       route /bench/ping answering "pong"; runs until stdin closes
//
// Throughput: a source process here sends N messages of S bytes to a sink
// process in a second OS process (this binary started with --peer),
// which grants credit every W/4 messages so that at most W (64 MiB worth,
// at most 65,536) are in flight; the clock stops when the sink confirms
// the last one. Latency: one message there and one back, one at a time.

#include <glog/logging.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <process/dispatch.hpp>
#include <process/future.hpp>
#include <process/http.hpp>
#include <process/process.hpp>

#include "child_process.hpp"

using process::Future;
using process::Promise;
using process::UPID;

namespace {

using SteadyClock = std::chrono::steady_clock;

// -- the peer OS process ----------------------------------------------------

class Sink : public process::Process<Sink> {
 public:
  Sink() : ProcessBase("sink") {}

 protected:
  void initialize() override {
    install("window", [this](const UPID&, const std::string& body) {
      credit_ = std::stoul(body);
      received_ = 0;
    });
    install("data", [this](const UPID& from, const std::string&) {
      if (++received_ % credit_ == 0)
        send(from, "ack", std::to_string(received_));
    });
    install("end", [this](const UPID& from, const std::string&) {
      send(from, "end-ack", std::to_string(received_));
    });
    install("ping", [this](const UPID& from, const std::string& body) {
      send(from, "pong", body);
    });
  }

 private:
  size_t credit_ = 1;
  size_t received_ = 0;
};

int peer() {
  process::initialize();
  Sink sink;
  process::spawn(sink);
  std::cout << "READY " << std::string(sink.self()) << std::endl;
  char byte;
  while (::read(STDIN_FILENO, &byte, 1) > 0) {
  }
  process::terminate(sink);
  process::wait(sink);
  process::finalize();
  return 0;
}

// -- the measuring side -----------------------------------------------------

class Source : public process::Process<Source> {
 public:
  explicit Source(UPID sink) : ProcessBase("source"), sink_(std::move(sink)) {}

  // Sends `count` messages of `size` bytes; completes with the seconds
  // from the first send to the sink's confirmation of the last.
  Future<double> throughput(size_t count, size_t size) {
    count_ = count;
    body_ = std::string(size, 'x');
    window_ = std::max<size_t>(
        4, std::min<size_t>(65536, (64u << 20) / std::max<size_t>(size, 1)));
    sent_ = 0;
    done_ = Promise<double>();
    send(sink_, "window", std::to_string(window_ / 4));
    start_ = SteadyClock::now();
    pump(window_);
    return done_.future();
  }

  // Round trips of a 16-byte message; completes with their durations.
  Future<std::vector<double>> latency(size_t count) {
    rtts_.clear();
    rtts_.reserve(count);
    rtt_count_ = count;
    rtt_done_ = Promise<std::vector<double>>();
    ping();
    return rtt_done_.future();
  }

 protected:
  void initialize() override {
    install("ack",
            [this](const UPID&, const std::string&) { pump(window_ / 4); });
    install("end-ack", [this](const UPID&, const std::string&) {
      done_.set(
          std::chrono::duration<double>(SteadyClock::now() - start_).count());
    });
    install("pong", [this](const UPID&, const std::string&) {
      rtts_.push_back(
          std::chrono::duration<double>(SteadyClock::now() - ping_start_)
              .count());
      if (rtts_.size() == rtt_count_) {
        rtt_done_.set(rtts_);
      } else {
        ping();
      }
    });
  }

 private:
  void pump(size_t n) {
    for (size_t i = 0; i < n && sent_ < count_; ++i, ++sent_)
      send(sink_, "data", body_);
    if (sent_ == count_) {
      send(sink_, "end", std::string());
      ++sent_;  // Only once.
    }
  }

  void ping() {
    ping_start_ = SteadyClock::now();
    send(sink_, "ping", std::string(16, 'p'));
  }

  const UPID sink_;
  size_t count_ = 0;
  size_t sent_ = 0;
  size_t window_ = 1;
  std::string body_;
  SteadyClock::time_point start_;
  Promise<double> done_;

  size_t rtt_count_ = 0;
  std::vector<double> rtts_;
  SteadyClock::time_point ping_start_;
  Promise<std::vector<double>> rtt_done_;
};

std::string option(int argc, char** argv, const std::string& name,
                   const std::string& fallback) {
  const std::string prefix = "--" + name + "=";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind(prefix, 0) == 0)
      return arg.substr(prefix.size());
  }
  return fallback;
}

bool flag(int argc, char** argv, const std::string& name) {
  for (int i = 1; i < argc; ++i) {
    if (argv[i] == "--" + name)
      return true;
  }
  return false;
}

size_t defaultCount(size_t size) {
  if (size <= 1024)
    return 1000000;
  if (size <= 65536)
    return 50000;
  return 2000;
}

int measure(int argc, char** argv) {
  const double scale = std::stod(option(argc, argv, "scale", "1.0"));
  const size_t rtts = std::stoul(option(argc, argv, "rtts", "20000"));
  std::vector<size_t> sizes;
  std::string list = option(argc, argv, "sizes", "16,1024,65536,1048576");
  for (size_t begin = 0; begin < list.size();) {
    size_t end = list.find(',', begin);
    if (end == std::string::npos)
      end = list.size();
    sizes.push_back(std::stoul(list.substr(begin, end - begin)));
    begin = end + 1;
  }

  Try<std::unique_ptr<process::testing::ChildProcess>> child =
      process::testing::ChildProcess::start("/proc/self/exe", {"--peer"}, {});
  if (child.isError()) {
    std::cerr << "Failed to start the peer: " << child.error() << std::endl;
    return 1;
  }
  Try<std::string> line = child.get()->readLine(std::chrono::seconds(30));
  if (line.isError() || line->rfind("READY ", 0) != 0) {
    std::cerr << "The peer did not start" << std::endl;
    return 1;
  }
  const UPID sink(line->substr(6));

  process::initialize();
  Source source(sink);
  process::spawn(source);

  std::printf("%10s %12s %14s %12s %10s\n", "size", "messages", "msg/s", "MB/s",
              "seconds");
  for (size_t size : sizes) {
    const size_t count =
        std::max<size_t>(1, static_cast<size_t>(defaultCount(size) * scale));
    // A short warm-up: connections, allocator, page cache.
    Future<double> warm =
        process::dispatch(source.self(), &Source::throughput,
                          std::min<size_t>(count, 1000), size);
    warm.await();
    Future<double> seconds =
        process::dispatch(source.self(), &Source::throughput, count, size);
    if (!seconds.await(Seconds(600)) || !seconds.isReady()) {
      std::cerr << "Timed out at size " << size << std::endl;
      return 1;
    }
    const double s = seconds.get();
    std::printf("%10zu %12zu %14.0f %12.1f %10.2f\n", size, count, count / s,
                count * static_cast<double>(size) / s / 1e6, s);
  }

  Future<std::vector<double>> latency =
      process::dispatch(source.self(), &Source::latency, rtts);
  if (latency.await(Seconds(600)) && latency.isReady()) {
    std::vector<double> samples = latency.get();
    std::sort(samples.begin(), samples.end());
    auto at = [&](double q) {
      return samples[std::min(samples.size() - 1,
                              static_cast<size_t>(q * samples.size()))] *
             1e6;
    };
    std::printf(
        "round trip (16 B, %zu samples): median %.1f us, p90 %.1f us,"
        " p99 %.1f us\n",
        samples.size(), at(0.5), at(0.9), at(0.99));
  }

  process::terminate(source);
  process::wait(source);
  child.get()->closeStdin();
  child.get()->wait();
  process::finalize();
  return 0;
}

class Bench : public process::Process<Bench> {
 public:
  Bench() : ProcessBase("bench") {
    route("/ping", None(), [](const process::http::Request&) {
      return Future<process::http::Response>(process::http::OK("pong"));
    });
  }
};

int serveHttp() {
  process::initialize();
  Bench bench;
  process::spawn(bench);
  std::cout << "http://" << process::address() << "/bench/ping" << std::endl;
  char byte;
  while (::read(STDIN_FILENO, &byte, 1) > 0) {
  }
  process::terminate(bench);
  process::wait(bench);
  process::finalize();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  FLAGS_logtostderr = true;  // Leave no log files in /tmp.
  google::InitGoogleLogging(argv[0]);
  // Both sides on loopback unless the caller chose otherwise.
  ::setenv("LIBPROCESS_IP", "127.0.0.1", 0);
  if (flag(argc, argv, "peer"))
    return peer();
  if (flag(argc, argv, "serve-http"))
    return serveHttp();
  return measure(argc, argv);
}
