#ifndef MESOS_MASTER_REGISTRAR_HPP
#define MESOS_MASTER_REGISTRAR_HPP

// The registrar: the master's durable record of its agents (the `Registry`
// of proto/master/registry.proto), so that a restarted master knows which
// agents it admitted, which are unreachable and which are gone.
//
//   Option<std::string> directory;  // None: --registry=in_memory
//   if (flags.registry == "replicated_log") directory = flags.work_dir;
//   Registrar registrar(directory);
//   Future<Registry> registry = registrar.recover(masterInfo);
//   Future<bool> admitted =
//       registrar.apply(Owned<RegistryOperation>(new AdmitSlave(info)));
//
// Storage. With a directory, the registry lives in the file
// `<directory>/registry` (REGISTRY_FILE): one length-prefixed `Registry`
// record as written by stout's protobuf::write, replaced atomically on each
// change (temporary file in the same directory, fsync, rename, fsync of
// the directory). A crash leaves either the old or the new registry; a
// torn `.registry.tmp.*` file left by a crash is never read and is removed
// at the next recovery. Without a directory ("in_memory") nothing touches
// the disk and every master start begins with an empty registry.
//
// Operations. `apply` queues an operation; operations are applied in the
// order they were applied for, one batch at a time: the operations that
// arrive while a write is in progress are applied together, to a copy of
// the registry, and written with one write. Each operation's future is
// completed only after the batch is durable:
//   - true:  the operation was performed (possibly as a no-op, e.g.
//            MarkSlaveReachable of an admitted agent),
//   - false: the operation was rejected as invalid (e.g. AdmitSlave of an
//            agent id already admitted); the registry is unchanged by it,
//   - failed: persisting the batch failed. The registry in memory stays as
//            it was before the batch, and later operations are still
//            served. (Mesos's master aborts on this; ours may choose.)
// A batch in which no operation changed anything is not written.
//
// Destroying the Registrar fails the recovery and the operations it still
// holds (queued or being written) with "The registrar was terminated".
//
// Thread-safe: a facade over a process; the futures complete on it.

#include <string>

#include <mesos/mesos.hpp>

#include <master/registry.pb.h>

#include <process/future.hpp>
#include <process/owned.hpp>

#include <stout/hashset.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

namespace mesos {
namespace internal {
namespace master {

// The registry's file name inside the registrar's directory.
extern const char REGISTRY_FILE[];

// One change to the registry. Subclasses implement `perform`; the
// registrar calls it on a copy of the registry together with the ids of
// the admitted agents (kept in step by `perform`).
class RegistryOperation {
 public:
  RegistryOperation() = default;
  virtual ~RegistryOperation() = default;

  RegistryOperation(const RegistryOperation&) = delete;
  RegistryOperation& operator=(const RegistryOperation&) = delete;

  // Performs the operation: true if `registry` changed, false if it did
  // not need to, Error if the operation is invalid for this registry (then
  // `registry` and `slaveIDs` are unchanged). Remembers whether it
  // succeeded for `set()`.
  Try<bool> operator()(Registry* registry, hashset<SlaveID>* slaveIDs);

  // Completes the future with whether the last `operator()` succeeded.
  bool set();

  // Fails the future (persisting failed).
  bool fail(const std::string& message);

  process::Future<bool> future() const;

  // For log lines, e.g. "admit agent <id>".
  virtual std::string description() const = 0;

 protected:
  virtual Try<bool> perform(Registry* registry, hashset<SlaveID>* slaveIDs) = 0;

 private:
  process::Promise<bool> promise_;
  bool success_ = false;
};

// Adds an agent to the admitted agents. Error if its id is admitted.
class AdmitSlave : public RegistryOperation {
 public:
  explicit AdmitSlave(const SlaveInfo& info);
  std::string description() const override;

 protected:
  Try<bool> perform(Registry* registry, hashset<SlaveID>* slaveIDs) override;

 private:
  const SlaveInfo info_;
};

// Replaces an admitted agent's SlaveInfo (no-op if equal). Error if the
// agent is not admitted.
class UpdateSlave : public RegistryOperation {
 public:
  explicit UpdateSlave(const SlaveInfo& info);
  std::string description() const override;

 protected:
  Try<bool> perform(Registry* registry, hashset<SlaveID>* slaveIDs) override;

 private:
  const SlaveInfo info_;
};

// Moves an admitted agent to the end of the unreachable list with
// `unreachableTime`. Error if the agent is not admitted.
class MarkSlaveUnreachable : public RegistryOperation {
 public:
  MarkSlaveUnreachable(const SlaveInfo& info, const TimeInfo& unreachableTime);
  std::string description() const override;

 protected:
  Try<bool> perform(Registry* registry, hashset<SlaveID>* slaveIDs) override;

 private:
  const SlaveInfo info_;
  const TimeInfo unreachableTime_;
};

// Admits an agent that re-registers: a no-op if it is admitted; otherwise
// removes it from the unreachable list (if there) and admits it with
// `info` (also when it is in neither list, e.g. after its unreachable
// entry was pruned).
class MarkSlaveReachable : public RegistryOperation {
 public:
  explicit MarkSlaveReachable(const SlaveInfo& info);
  std::string description() const override;

 protected:
  Try<bool> perform(Registry* registry, hashset<SlaveID>* slaveIDs) override;

 private:
  const SlaveInfo info_;
};

// Removes an admitted agent. Error if the agent is not admitted.
class RemoveSlave : public RegistryOperation {
 public:
  explicit RemoveSlave(const SlaveInfo& info);
  std::string description() const override;

 protected:
  Try<bool> perform(Registry* registry, hashset<SlaveID>* slaveIDs) override;

 private:
  const SlaveInfo info_;
};

// Moves an admitted or unreachable agent to the end of the gone list with
// `goneTime`. Error if it is already gone or in neither list.
class MarkSlaveGone : public RegistryOperation {
 public:
  MarkSlaveGone(const SlaveID& id, const TimeInfo& goneTime);
  std::string description() const override;

 protected:
  Try<bool> perform(Registry* registry, hashset<SlaveID>* slaveIDs) override;

 private:
  const SlaveID id_;
  const TimeInfo goneTime_;
};

// Drops the given ids from the unreachable list and from the gone list
// (the registry's garbage collection). Ids not listed are ignored; a
// no-op when none is listed.
class PruneUnreachable : public RegistryOperation {
 public:
  explicit PruneUnreachable(const hashset<SlaveID>& toRemoveUnreachable,
                            const hashset<SlaveID>& toRemoveGone = {});
  std::string description() const override;

 protected:
  Try<bool> perform(Registry* registry, hashset<SlaveID>* slaveIDs) override;

 private:
  const hashset<SlaveID> toRemoveUnreachable_;
  const hashset<SlaveID> toRemoveGone_;
};

class RegistrarProcess;

class Registrar {
 public:
  // `directory`: where REGISTRY_FILE lives (the master's --work_dir);
  // None keeps the registry in memory only (--registry=in_memory).
  explicit Registrar(const Option<std::string>& directory);
  ~Registrar();

  Registrar(const Registrar&) = delete;
  Registrar& operator=(const Registrar&) = delete;

  // Loads the registry (empty when there is no file yet, or in memory),
  // records `info` as its master and persists it, then returns it. Fails,
  // naming the file, if the registry file cannot be read or parsed: the
  // master must not start then (moving the file away starts over with an
  // empty registry, after which agents re-register as new). A second call
  // returns the first call's result.
  process::Future<Registry> recover(const MasterInfo& info);

  // Applies `operation` after recovery (see the file comment for the
  // meaning of the result). Fails if `recover` was not called, or failed.
  process::Future<bool> apply(process::Owned<RegistryOperation> operation);

 private:
  RegistrarProcess* process_;
};

}  // namespace master
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_MASTER_REGISTRAR_HPP
