#include <process/id.hpp>

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace process {
namespace ID {

namespace {

std::mutex& countersMutex() {
  static std::mutex mutex;
  return mutex;
}

std::unordered_map<std::string, uint64_t>& counters() {
  static auto* counters = new std::unordered_map<std::string, uint64_t>();
  return *counters;
}

}  // namespace

std::string generate(const std::string& prefix) {
  uint64_t n;
  {
    std::lock_guard<std::mutex> lock(countersMutex());
    n = ++counters()[prefix];
  }
  return prefix + "(" + std::to_string(n) + ")";
}

}  // namespace ID
}  // namespace process
