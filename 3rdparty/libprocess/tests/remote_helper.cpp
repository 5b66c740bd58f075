// The peer OS process of the remote tests (tests/remote_tests.cpp).
//
// It starts libprocess (address from the LIBPROCESS_* variables the test
// sets), spawns a process "helper", prints "READY <helper upid>" on stdout
// and runs until its stdin closes. The helper answers messages:
//
//   ping          -> "pong" with the same body, to the sender
//   blast "N S"   -> N messages "seq" (body: index, padded to S bytes),
//                    then "done" (body: N), to the sender
//   seq / done    <- checks that the indices arrive in order; on "done"
//                    answers "verified" with "received=<n> ordered=<0|1>"
//   link <upid>   -> links to <upid>; on exited answers "exited" (body:
//                    the pid) to whoever asked

#include <glog/logging.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <unordered_map>

#include <process/process.hpp>

using process::UPID;

namespace {

class Helper : public process::Process<Helper> {
 public:
  Helper() : ProcessBase("helper") {}

 protected:
  void initialize() override {
    install("ping", [this](const UPID& from, const std::string& body) {
      send(from, "pong", body);
    });
    install("blast", [this](const UPID& from, const std::string& body) {
      const size_t space = body.find(' ');
      const long count = std::stol(body.substr(0, space));
      const size_t size = std::stoul(body.substr(space + 1));
      for (long i = 0; i < count; ++i) {
        std::string payload = std::to_string(i);
        if (payload.size() < size)
          payload.resize(size, '.');
        send(from, "seq", std::move(payload));
      }
      send(from, "done", std::to_string(count));
    });
    install("seq", [this](const UPID&, const std::string& body) {
      if (std::stol(body.substr(0, body.find('.'))) != received_)
        ordered_ = false;
      ++received_;
    });
    install("done", [this](const UPID& from, const std::string&) {
      send(from, "verified",
           "received=" + std::to_string(received_) +
               " ordered=" + (ordered_ ? "1" : "0"));
      received_ = 0;
      ordered_ = true;
    });
    install("link", [this](const UPID& from, const std::string& body) {
      const UPID target(body);
      watchers_[target] = from;
      link(target);
    });
  }

  void exited(const UPID& pid) override {
    auto watcher = watchers_.find(pid);
    if (watcher != watchers_.end()) {
      send(watcher->second, "exited", std::string(pid));
      watchers_.erase(watcher);
    }
  }

 private:
  long received_ = 0;
  bool ordered_ = true;
  std::unordered_map<UPID, UPID> watchers_;
};

}  // namespace

int main(int argc, char** argv) {
  // To stderr only, so that test runs leave no glog files in /tmp.
  FLAGS_logtostderr = true;
  google::InitGoogleLogging(argv[0]);
  process::initialize();

  Helper helper;
  process::spawn(helper);
  std::cout << "READY " << std::string(helper.self()) << std::endl;

  // Until the test closes our stdin (or dies).
  char byte;
  while (::read(STDIN_FILENO, &byte, 1) > 0) {
  }

  process::terminate(helper);
  process::wait(helper);
  process::finalize();
  return 0;
}
