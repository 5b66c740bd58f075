#ifndef MESOS_MASTER_DETECTOR_HPP
#define MESOS_MASTER_DETECTOR_HPP

// Master detection for the agent and the scheduler driver: which master to
// talk to.
//
// Only the standalone form exists (a fixed master given as `host:port`,
// `master@host:port` or `file:///path` holding one of those); ZooKeeper
// (`zk://`) is refused by `create` with an error that says so.

#include <list>
#include <mutex>
#include <string>

#include <mesos/mesos.hpp>

#include <process/future.hpp>
#include <process/pid.hpp>

#include <stout/option.hpp>
#include <stout/try.hpp>

namespace mesos {
namespace master {
namespace detector {

// The master named by `text`: `host:port` (the host may be a name, which is
// resolved), `id@host:port` (id defaults to `master`), an optional
// `http://` prefix, or `file:///path` of a file holding one of those (read
// on every call, so the file may change). An Error says what is wrong,
// including for `zk://`, which this build cannot follow.
Try<process::UPID> parseMaster(const std::string& text);

class MasterDetector {
 public:
  virtual ~MasterDetector() {}

  // A detector for `url`; an Error names what is wrong with it (unreadable
  // file, unparsable address, unsupported zk://). The caller owns it.
  static Try<MasterDetector*> create(const std::string& url);

  // The current leading master as soon as it differs from `previous`
  // (None: no leader). Pending while it equals `previous`. Thread-safe.
  virtual process::Future<Option<MasterInfo>> detect(
      const Option<MasterInfo>& previous = None()) = 0;
};

// A detector whose leader is set by its owner: `appoint` changes it and
// completes every pending `detect`. Thread-safe.
class StandaloneMasterDetector : public MasterDetector {
 public:
  StandaloneMasterDetector() = default;
  explicit StandaloneMasterDetector(const process::UPID& leader);
  ~StandaloneMasterDetector() override;

  // Makes `leader` (None: nobody) the leading master.
  void appoint(const Option<process::UPID>& leader);

  process::Future<Option<MasterInfo>> detect(
      const Option<MasterInfo>& previous = None()) override;

 private:
  std::mutex mutex_;
  Option<MasterInfo> leader_;
  std::list<process::Promise<Option<MasterInfo>>*> waiting_;
};

// The MasterInfo describing the master at `pid` (id, ip, port, hostname,
// pid, address), as a standalone detector reports it.
MasterInfo createMasterInfo(const process::UPID& pid);

}  // namespace detector
}  // namespace master
}  // namespace mesos

#endif  // MESOS_MASTER_DETECTOR_HPP
