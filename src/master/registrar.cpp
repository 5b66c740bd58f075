#include "master/registrar.hpp"

#include <deque>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include <glog/logging.h>

#include <mesos/type_utils.hpp>

#include <process/async.hpp>
#include <process/defer.hpp>
#include <process/dispatch.hpp>
#include <process/id.hpp>
#include <process/process.hpp>

#include <stout/nothing.hpp>
#include <stout/os/fs.hpp>
#include <stout/os/stat.hpp>
#include <stout/path.hpp>
#include <stout/protobuf.hpp>
#include <stout/stringify.hpp>
#include <stout/strings.hpp>

#include "common/resources_utils.hpp"

using process::Future;
using process::Owned;
using process::Promise;

using std::placeholders::_1;

namespace mesos {
namespace internal {
namespace master {

const char REGISTRY_FILE[] = "registry";

namespace {

// The SlaveInfo as the registry stores it: resources in the
// PRE_RESERVATION_REFINEMENT format, so that older masters can read it.
// If a resource has refined reservations, which that format cannot express,
// all are stored as given.
SlaveInfo stored(const SlaveInfo& info) {
  SlaveInfo result(info);
  Try<Nothing> converted = convertResourceFormat(result.mutable_resources(),
                                                 PRE_RESERVATION_REFINEMENT);
  if (converted.isError()) {
    VLOG(1) << "Storing the resources of agent " << info.id()
            << " with refined reservations: " << converted.error();
  }
  return result;
}

// Removes the first element of `field` for which `matches` holds; whether
// one was removed.
template <typename T, typename F>
bool removeFirst(google::protobuf::RepeatedPtrField<T>* field, F matches) {
  for (int i = 0; i < field->size(); ++i) {
    if (matches(field->Get(i))) {
      field->DeleteSubrange(i, 1);
      return true;
    }
  }
  return false;
}

// Removes every element of `field` for which `matches` holds; whether any
// was removed.
template <typename T, typename F>
bool removeAll(google::protobuf::RepeatedPtrField<T>* field, F matches) {
  google::protobuf::RepeatedPtrField<T> kept;
  for (const T& element : *field) {
    if (!matches(element)) {
      *kept.Add() = element;
    }
  }
  if (kept.size() == field->size()) {
    return false;
  }
  field->Swap(&kept);
  return true;
}

// Records `info` as the registry's master; always a change.
class RecoverMaster : public RegistryOperation {
 public:
  explicit RecoverMaster(const MasterInfo& info) : info_(info) {}
  std::string description() const override {
    return "record master " + info_.id();
  }

 protected:
  Try<bool> perform(Registry* registry, hashset<SlaveID>*) override {
    *registry->mutable_master()->mutable_info() = info_;
    return true;
  }

 private:
  const MasterInfo info_;
};

// Reads the registry from `path`: empty if the file does not exist.
Try<Registry> load(const std::string& path) {
  if (!os::exists(path)) {
    return Registry();
  }
  const std::string advice =
      ". The master cannot start with this registry; to start over with an "
      "empty registry (agents then register as new agents), move the file "
      "away";
  Result<Registry> registry = ::protobuf::read<Registry>(path);
  if (registry.isError()) {
    return Error("Failed to recover the registry: " + registry.error() +
                 advice);
  }
  if (registry.isNone()) {
    return Error("Failed to recover the registry: '" + path + "' is empty" +
                 advice);
  }
  return registry.get();
}

// Removes temporary files that a crash during a write left in `directory`.
void removeTornWrites(const std::string& directory) {
  Try<std::vector<std::string>> entries = os::ls(directory);
  if (entries.isError()) {
    return;
  }
  const std::string prefix = std::string(".") + REGISTRY_FILE + ".tmp.";
  for (const std::string& entry : entries.get()) {
    if (strings::startsWith(entry, prefix)) {
      const std::string path = path::join(directory, entry);
      LOG(INFO) << "Removing '" << path << "', left by an interrupted write";
      Try<Nothing> removed = os::rm(path);
      if (removed.isError()) {
        LOG(WARNING) << "Failed to remove '" << path
                     << "': " << removed.error();
      }
    }
  }
}

// Prepares `directory` and loads its registry; runs on the async pool.
Try<Registry> prepare(const std::string& directory) {
  Try<Nothing> created = os::mkdir(directory);
  if (created.isError()) {
    return Error("Failed to recover the registry: cannot create '" + directory +
                 "': " + created.error());
  }
  removeTornWrites(directory);
  return load(path::join(directory, REGISTRY_FILE));
}

}  // namespace

Try<bool> RegistryOperation::operator()(Registry* registry,
                                        hashset<SlaveID>* slaveIDs) {
  Try<bool> result = perform(registry, slaveIDs);
  success_ = !result.isError();
  return result;
}

bool RegistryOperation::set() {
  return promise_.set(success_);
}

bool RegistryOperation::fail(const std::string& message) {
  return promise_.fail(message);
}

Future<bool> RegistryOperation::future() const {
  return promise_.future();
}

AdmitSlave::AdmitSlave(const SlaveInfo& info) : info_(info) {
  CHECK(info_.has_id()) << "AdmitSlave needs a SlaveInfo with an id";
}

std::string AdmitSlave::description() const {
  return "admit agent " + info_.id().value();
}

Try<bool> AdmitSlave::perform(Registry* registry, hashset<SlaveID>* slaveIDs) {
  if (slaveIDs->contains(info_.id())) {
    return Error("Agent " + info_.id().value() + " is already admitted");
  }
  *registry->mutable_slaves()->add_slaves()->mutable_info() = stored(info_);
  slaveIDs->insert(info_.id());
  return true;
}

UpdateSlave::UpdateSlave(const SlaveInfo& info) : info_(info) {
  CHECK(info_.has_id()) << "UpdateSlave needs a SlaveInfo with an id";
}

std::string UpdateSlave::description() const {
  return "update agent " + info_.id().value();
}

Try<bool> UpdateSlave::perform(Registry* registry, hashset<SlaveID>* slaveIDs) {
  if (!slaveIDs->contains(info_.id())) {
    return Error("Agent " + info_.id().value() + " is not admitted");
  }
  for (Registry::Slave& slave : *registry->mutable_slaves()->mutable_slaves()) {
    if (slave.info().id() != info_.id()) {
      continue;
    }
    SlaveInfo previous(slave.info());
    upgradeResources(previous.mutable_resources());
    SlaveInfo next(info_);
    upgradeResources(next.mutable_resources());
    if (next == previous) {
      return false;
    }
    *slave.mutable_info() = stored(info_);
    return true;
  }
  return Error("Agent " + info_.id().value() + " is not in the registry");
}

MarkSlaveUnreachable::MarkSlaveUnreachable(const SlaveInfo& info,
                                           const TimeInfo& unreachableTime)
    : info_(info), unreachableTime_(unreachableTime) {
  CHECK(info_.has_id()) << "MarkSlaveUnreachable needs a SlaveInfo with an id";
}

std::string MarkSlaveUnreachable::description() const {
  return "mark agent " + info_.id().value() + " unreachable";
}

Try<bool> MarkSlaveUnreachable::perform(Registry* registry,
                                        hashset<SlaveID>* slaveIDs) {
  if (!slaveIDs->contains(info_.id())) {
    return Error("Agent " + info_.id().value() + " is not admitted");
  }
  const SlaveID& id = info_.id();
  if (!removeFirst(
          registry->mutable_slaves()->mutable_slaves(),
          [&](const Registry::Slave& s) { return s.info().id() == id; })) {
    return Error("Agent " + id.value() + " is not in the registry");
  }
  slaveIDs->erase(id);
  Registry::UnreachableSlave* unreachable =
      registry->mutable_unreachable()->add_slaves();
  *unreachable->mutable_id() = id;
  *unreachable->mutable_timestamp() = unreachableTime_;
  return true;
}

MarkSlaveReachable::MarkSlaveReachable(const SlaveInfo& info) : info_(info) {
  CHECK(info_.has_id()) << "MarkSlaveReachable needs a SlaveInfo with an id";
}

std::string MarkSlaveReachable::description() const {
  return "mark agent " + info_.id().value() + " reachable";
}

Try<bool> MarkSlaveReachable::perform(Registry* registry,
                                      hashset<SlaveID>* slaveIDs) {
  const SlaveID& id = info_.id();
  if (slaveIDs->contains(id)) {
    return false;
  }
  if (!removeFirst(
          registry->mutable_unreachable()->mutable_slaves(),
          [&](const Registry::UnreachableSlave& s) { return s.id() == id; })) {
    LOG(WARNING) << "Admitting agent " << id
                 << " that the registry does not know as unreachable";
  }
  *registry->mutable_slaves()->add_slaves()->mutable_info() = stored(info_);
  slaveIDs->insert(id);
  return true;
}

RemoveSlave::RemoveSlave(const SlaveInfo& info) : info_(info) {
  CHECK(info_.has_id()) << "RemoveSlave needs a SlaveInfo with an id";
}

std::string RemoveSlave::description() const {
  return "remove agent " + info_.id().value();
}

Try<bool> RemoveSlave::perform(Registry* registry, hashset<SlaveID>* slaveIDs) {
  const SlaveID& id = info_.id();
  if (!removeFirst(
          registry->mutable_slaves()->mutable_slaves(),
          [&](const Registry::Slave& s) { return s.info().id() == id; })) {
    return Error("Agent " + id.value() + " is not admitted");
  }
  slaveIDs->erase(id);
  return true;
}

MarkSlaveGone::MarkSlaveGone(const SlaveID& id, const TimeInfo& goneTime)
    : id_(id), goneTime_(goneTime) {}

std::string MarkSlaveGone::description() const {
  return "mark agent " + id_.value() + " gone";
}

Try<bool> MarkSlaveGone::perform(Registry* registry,
                                 hashset<SlaveID>* slaveIDs) {
  for (const Registry::GoneSlave& gone : registry->gone().slaves()) {
    if (gone.id() == id_) {
      return Error("Agent " + id_.value() + " is already marked gone");
    }
  }
  bool found = false;
  if (slaveIDs->contains(id_)) {
    found = removeFirst(
        registry->mutable_slaves()->mutable_slaves(),
        [&](const Registry::Slave& s) { return s.info().id() == id_; });
    slaveIDs->erase(id_);
  }
  if (!found) {
    found = removeFirst(
        registry->mutable_unreachable()->mutable_slaves(),
        [&](const Registry::UnreachableSlave& s) { return s.id() == id_; });
  }
  if (!found) {
    return Error("Agent " + id_.value() + " is not in the registry");
  }
  Registry::GoneSlave* gone = registry->mutable_gone()->add_slaves();
  *gone->mutable_id() = id_;
  *gone->mutable_timestamp() = goneTime_;
  return true;
}

PruneUnreachable::PruneUnreachable(const hashset<SlaveID>& toRemoveUnreachable,
                                   const hashset<SlaveID>& toRemoveGone)
    : toRemoveUnreachable_(toRemoveUnreachable), toRemoveGone_(toRemoveGone) {}

std::string PruneUnreachable::description() const {
  return "prune " + stringify(toRemoveUnreachable_.size()) +
         " unreachable and " + stringify(toRemoveGone_.size()) + " gone agents";
}

Try<bool> PruneUnreachable::perform(Registry* registry, hashset<SlaveID>*) {
  const bool unreachable =
      removeAll(registry->mutable_unreachable()->mutable_slaves(),
                [&](const Registry::UnreachableSlave& s) {
                  return toRemoveUnreachable_.contains(s.id());
                });
  const bool gone = removeAll(registry->mutable_gone()->mutable_slaves(),
                              [&](const Registry::GoneSlave& s) {
                                return toRemoveGone_.contains(s.id());
                              });
  return unreachable || gone;
}

class RegistrarProcess : public process::Process<RegistrarProcess> {
 public:
  explicit RegistrarProcess(const Option<std::string>& directory)
      : process::ProcessBase(process::ID::generate("registrar")),
        directory_(directory) {}

  Future<Registry> recover(const MasterInfo& info) {
    if (recovered_ == nullptr) {
      recovered_ = std::make_unique<Promise<Registry>>();
      Future<Try<Registry>> loaded =
          directory_.isSome()
              ? process::async(&prepare, directory_.get())
              : Future<Try<Registry>>(Try<Registry>(Registry()));
      loaded.onAny(
          process::defer(self(), &RegistrarProcess::_recover, info, _1));
    }
    return recovered_->future();
  }

  Future<bool> apply(Owned<RegistryOperation> operation) {
    if (recovered_ == nullptr) {
      return process::Failure(
          "Attempted to apply an operation to the registry before recovering");
    }
    return recovered_->future().then(
        process::defer(self(), &RegistrarProcess::_apply, operation));
  }

 private:
  void _recover(const MasterInfo& info, const Future<Try<Registry>>& loaded) {
    if (!loaded.isReady()) {
      recovered_->fail(
          "Failed to recover the registry: " +
          (loaded.isFailed() ? loaded.failure() : std::string("discarded")));
      return;
    }
    if (loaded->isError()) {
      LOG(ERROR) << loaded->error();
      recovered_->fail(loaded->error());
      return;
    }
    registry_ = loaded->get();
    LOG(INFO) << "Recovered the registry with "
              << registry_.slaves().slaves_size() << " admitted, "
              << registry_.unreachable().slaves_size() << " unreachable and "
              << registry_.gone().slaves_size() << " gone agents";

    Owned<RegistryOperation> operation(new RecoverMaster(info));
    operation->future().onAny(
        process::defer(self(), &RegistrarProcess::__recover, _1));
    operations_.push_back(operation);
    update();
  }

  void __recover(const Future<bool>& stored) {
    if (!stored.isReady()) {
      recovered_->fail(
          "Failed to recover the registry: failed to persist "
          "the MasterInfo: " +
          (stored.isFailed() ? stored.failure() : std::string("discarded")));
      return;
    }
    recovered_->set(registry_);
  }

  Future<bool> _apply(Owned<RegistryOperation> operation) {
    Future<bool> future = operation->future();
    operations_.push_back(operation);
    if (!updating_) {
      update();
    }
    return future;
  }

  // Applies every queued operation to a copy of the registry and persists
  // the copy; `_update` completes them.
  void update() {
    if (operations_.empty() || updating_) {
      return;
    }
    updating_ = true;

    Registry next = registry_;
    hashset<SlaveID> slaveIDs;
    for (const Registry::Slave& slave : next.slaves().slaves()) {
      slaveIDs.insert(slave.info().id());
    }

    bool changed = false;
    for (const Owned<RegistryOperation>& operation : operations_) {
      Try<bool> result = (*operation)(&next, &slaveIDs);
      if (result.isError()) {
        LOG(WARNING) << "Rejected registry operation '"
                     << operation->description() << "': " << result.error();
      } else {
        changed = changed || result.get();
      }
    }

    writing_.swap(operations_);

    if (!changed || directory_.isNone()) {
      _update(Future<Try<Nothing>>(Try<Nothing>(Nothing())), next);
      return;
    }

    const std::string path = path::join(directory_.get(), REGISTRY_FILE);
    process::async([path, next]() {
      return ::protobuf::write(path, next);
    }).onAny(process::defer(self(), &RegistrarProcess::_update, _1, next));
  }

  void _update(const Future<Try<Nothing>>& written, const Registry& next) {
    updating_ = false;
    std::deque<Owned<RegistryOperation>> applied;
    applied.swap(writing_);

    Option<std::string> error;
    if (!written.isReady()) {
      error = written.isFailed() ? written.failure() : "discarded";
    } else if (written->isError()) {
      error = written->error();
    }

    if (error.isSome()) {
      LOG(ERROR) << "Failed to update the registry: " << error.get();
      for (const Owned<RegistryOperation>& operation : applied) {
        operation->fail("Failed to update the registry: " + error.get());
      }
    } else {
      registry_ = next;
      for (const Owned<RegistryOperation>& operation : applied) {
        operation->set();
      }
    }

    update();
  }

  // Nothing completes these any more: fail them rather than leave them
  // pending forever.
  void finalize() override {
    const std::string message = "The registrar was terminated";
    if (recovered_ != nullptr) {
      recovered_->fail(message);
    }
    for (const Owned<RegistryOperation>& operation : writing_) {
      operation->fail(message);
    }
    for (const Owned<RegistryOperation>& operation : operations_) {
      operation->fail(message);
    }
  }

  const Option<std::string> directory_;
  std::unique_ptr<Promise<Registry>> recovered_;
  Registry registry_;

  // Waiting for the next write, and in the write in progress.
  std::deque<Owned<RegistryOperation>> operations_;
  std::deque<Owned<RegistryOperation>> writing_;
  bool updating_ = false;
};

Registrar::Registrar(const Option<std::string>& directory)
    : process_(new RegistrarProcess(directory)) {
  process::spawn(process_);
}

Registrar::~Registrar() {
  process::terminate(process_);
  process::wait(process_);
  delete process_;
}

Future<Registry> Registrar::recover(const MasterInfo& info) {
  return process::dispatch(process_, &RegistrarProcess::recover, info);
}

Future<bool> Registrar::apply(Owned<RegistryOperation> operation) {
  return process::dispatch(process_, &RegistrarProcess::apply, operation);
}

}  // namespace master
}  // namespace internal
}  // namespace mesos
