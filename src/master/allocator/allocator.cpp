#include "master/allocator/allocator.hpp"

#include <cmath>
#include <cstdint>

#include <stout/error.hpp>
#include <stout/numify.hpp>
#include <stout/strings.hpp>

namespace mesos {
namespace internal {
namespace master {
namespace allocator {

namespace {

// Mesos compares scalars at 0.001 precision; counting in thousandths keeps
// 0.1 + 0.2 >= 0.3 true.
int64_t thousandths(double value) {
  return std::llround(value * 1000.0);
}

int64_t quantityOf(const Resource& resource) {
  switch (resource.type()) {
    case Value::SCALAR:
      return thousandths(resource.scalar().value());
    case Value::RANGES: {
      int64_t count = 0;
      for (const Value::Range& range : resource.ranges().range()) {
        count += static_cast<int64_t>(range.end() - range.begin() + 1);
      }
      return count * 1000;
    }
    case Value::SET:
      return static_cast<int64_t>(resource.set().item_size()) * 1000;
    default:
      return 0;
  }
}

}  // namespace

bool containsQuantities(const Resources& resources,
                        const ResourceQuantities& quantities) {
  for (const auto& [name, quantity] : quantities) {
    int64_t remaining = thousandths(quantity);
    for (const Resource& resource : resources) {
      if (remaining <= 0) {
        break;
      }
      if (resource.name() == name) {
        remaining -= quantityOf(resource);
      }
    }
    if (remaining > 0) {
      return false;
    }
  }
  return true;
}

Try<std::vector<ResourceQuantities>> parseMinAllocatableResources(
    const std::string& text) {
  std::vector<ResourceQuantities> result;
  for (const std::string& set : strings::split(text, "|")) {
    if (strings::trim(set).empty()) {
      return Error("Invalid minimum allocatable resources '" + text +
                   "': a set of quantities is empty");
    }
    ResourceQuantities quantities;
    for (const std::string& token : strings::split(set, ";")) {
      const std::string entry = strings::trim(token);
      const size_t colon = entry.find(':');
      if (colon == std::string::npos) {
        return Error("Invalid resource quantity '" + entry +
                     "': expected 'name:quantity'");
      }
      const std::string name = strings::trim(entry.substr(0, colon));
      if (name.empty()) {
        return Error("Invalid resource quantity '" + entry +
                     "': missing resource name");
      }
      Try<double> value =
          numify<double>(strings::trim(entry.substr(colon + 1)));
      if (value.isError() || !std::isfinite(value.get()) || value.get() < 0) {
        return Error("Invalid resource quantity '" + entry +
                     "': the quantity must be a non-negative number");
      }
      quantities[name] += value.get();
    }
    result.push_back(std::move(quantities));
  }
  return result;
}

std::vector<ResourceQuantities> defaultMinAllocatableResources() {
  return {{{"cpus", 0.01}}, {{"mem", 32.0}}};
}

}  // namespace allocator
}  // namespace master
}  // namespace internal
}  // namespace mesos
