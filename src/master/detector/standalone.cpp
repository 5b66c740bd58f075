#include <mesos/master/detector.hpp>

#include <arpa/inet.h>

#include <process/address.hpp>

#include <stout/numify.hpp>
#include <stout/os.hpp>
#include <stout/stringify.hpp>
#include <stout/strings.hpp>
#include <stout/uuid.hpp>

namespace mesos {
namespace master {
namespace detector {

MasterInfo createMasterInfo(const process::UPID& pid) {
  const std::string ip = stringify(pid.address.ip);
  MasterInfo info;
  info.set_id(stringify(pid) + "-" + id::UUID::random().toString());
  info.set_ip(pid.address.ip.in().s_addr);
  info.set_port(pid.address.port);
  info.set_pid(stringify(pid));
  info.set_hostname(ip);
  info.mutable_address()->set_ip(ip);
  info.mutable_address()->set_port(pid.address.port);
  info.mutable_address()->set_hostname(ip);
  return info;
}

Try<process::UPID> parseMaster(const std::string& text) {
  std::string master = strings::trim(text);
  if (master.empty()) {
    return Error("Expecting a master address, got an empty string");
  }
  if (strings::startsWith(master, "zk://")) {
    return Error("ZooKeeper master detection ('" + master +
                 "') is not supported by this build; give the master as "
                 "host:port or file:///path");
  }
  if (strings::startsWith(master, "file://")) {
    const std::string path = master.substr(7);
    Try<std::string> contents = os::read(path);
    if (contents.isError()) {
      return Error("Failed to read the master from '" + path +
                   "': " + contents.error());
    }
    if (strings::startsWith(strings::trim(contents.get()), "file://")) {
      return Error("The master file '" + path + "' names another file");
    }
    return parseMaster(contents.get());
  }
  if (strings::startsWith(master, "http://")) {
    master = master.substr(7);
  }
  while (!master.empty() && master.back() == '/') {
    master.pop_back();
  }

  std::string id = "master";
  const size_t at = master.find('@');
  if (at != std::string::npos) {
    id = master.substr(0, at);
    master = master.substr(at + 1);
  }

  const size_t colon = master.rfind(':');
  if (id.empty() || colon == std::string::npos || colon == 0) {
    return Error("Invalid master '" + text + "': expecting host:port");
  }

  Try<uint16_t> port = numify<uint16_t>(master.substr(colon + 1));
  if (port.isError() || port.get() == 0) {
    return Error("Invalid master port in '" + text + "'");
  }

  Try<net::IP> ip = net::IP::resolve(master.substr(0, colon));
  if (ip.isError()) {
    return Error("Failed to resolve master '" + text + "': " + ip.error());
  }

  return process::UPID(id, ip.get(), port.get());
}

Try<MasterDetector*> MasterDetector::create(const std::string& url) {
  Try<process::UPID> master = parseMaster(url);
  if (master.isError())
    return Error(master.error());
  return new StandaloneMasterDetector(master.get());
}

StandaloneMasterDetector::StandaloneMasterDetector(
    const process::UPID& leader) {
  leader_ = createMasterInfo(leader);
}

StandaloneMasterDetector::~StandaloneMasterDetector() {
  std::list<process::Promise<Option<MasterInfo>>*> waiting;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    waiting.swap(waiting_);
  }
  for (auto* promise : waiting) {
    promise->discard();
    delete promise;
  }
}

void StandaloneMasterDetector::appoint(const Option<process::UPID>& leader) {
  std::list<process::Promise<Option<MasterInfo>>*> waiting;
  Option<MasterInfo> info;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (leader.isSome())
      leader_ = createMasterInfo(leader.get());
    else
      leader_ = None();
    info = leader_;
    waiting.swap(waiting_);
  }
  // Completed outside the lock: continuations may call detect() again.
  for (auto* promise : waiting) {
    promise->set(info);
    delete promise;
  }
}

process::Future<Option<MasterInfo>> StandaloneMasterDetector::detect(
    const Option<MasterInfo>& previous) {
  std::lock_guard<std::mutex> lock(mutex_);
  const bool same = previous.isSome() == leader_.isSome() &&
                    (previous.isNone() || previous->id() == leader_->id());
  if (!same)
    return leader_;
  auto* promise = new process::Promise<Option<MasterInfo>>();
  waiting_.push_back(promise);
  return promise->future();
}

}  // namespace detector
}  // namespace master
}  // namespace mesos
