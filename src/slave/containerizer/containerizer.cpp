#include "slave/containerizer/containerizer.hpp"

#include <utility>

#include <stout/error.hpp>
#include <stout/strings.hpp>

#include "slave/containerizer/composing.hpp"

namespace mesos {
namespace internal {
namespace slave {

Try<std::unique_ptr<Containerizer>> Containerizer::create(
    const std::string& names, const std::map<std::string, Creator>& creators) {
  // Split, not tokenize: an empty piece is an error, as in Mesos.
  const std::vector<std::string> ordered = strings::split(names, ",");

  // Validate every name before creating anything.
  hashset<std::string> seen;
  for (const std::string& name : ordered) {
    if (name.empty()) {
      return Error("Empty containerizer name in --containerizers '" + names +
                   "'");
    }
    if (creators.count(name) == 0) {
      return Error("Unknown or unsupported containerizer: " + name);
    }
    if (!seen.insert(name).second) {
      return Error("Duplicate containerizer '" + name +
                   "' in --containerizers '" + names + "'");
    }
  }

  std::vector<std::unique_ptr<Containerizer>> containerizers;
  for (const std::string& name : ordered) {
    Try<std::unique_ptr<Containerizer>> containerizer = creators.at(name)();
    if (containerizer.isError()) {
      return Error("Failed to create containerizer '" + name +
                   "': " + containerizer.error());
    }
    if (containerizer.get() == nullptr) {
      return Error("Failed to create containerizer '" + name +
                   "': its creator returned nothing");
    }
    containerizers.push_back(std::move(containerizer).get());
  }

  if (containerizers.size() == 1) {
    return std::move(containerizers.front());
  }

  Try<std::unique_ptr<ComposingContainerizer>> composing =
      ComposingContainerizer::create(std::move(containerizers));
  if (composing.isError()) {
    return Error(composing.error());
  }
  return std::unique_ptr<Containerizer>(std::move(composing).get());
}

std::ostream& operator<<(std::ostream& stream,
                         Containerizer::LaunchResult result) {
  switch (result) {
    case Containerizer::LaunchResult::SUCCESS:
      return stream << "SUCCESS";
    case Containerizer::LaunchResult::ALREADY_LAUNCHED:
      return stream << "ALREADY_LAUNCHED";
    case Containerizer::LaunchResult::NOT_SUPPORTED:
      return stream << "NOT_SUPPORTED";
  }
  return stream << "UNKNOWN";
}

}  // namespace slave
}  // namespace internal
}  // namespace mesos
