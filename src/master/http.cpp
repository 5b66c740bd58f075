// The master's HTTP endpoints: /state (also reached as /master/state),
// /state-summary, /health, /flags, /tasks, /frameworks, /slaves and
// /redirect, with Apache Mesos 1.11's field names. /metrics/snapshot is the
// metrics process's.

#include <map>
#include <set>
#include <string>
#include <vector>

#include <process/http.hpp>

#include <stout/jsonify.hpp>
#include <stout/stringify.hpp>

#include "common/http.hpp"
#include "common/resources_utils.hpp"
#include "master/master.hpp"

namespace mesos {
namespace internal {
namespace master {

namespace http = process::http;
using process::Future;

namespace {

http::Response jsonResponse(const http::Request& request,
                            const std::string& body) {
  auto jsonp = request.url.query.find("jsonp");
  return http::OK::json(body, jsonp == request.url.query.end()
                                  ? Option<std::string>(None())
                                  : Option<std::string>(jsonp->second));
}

// An array of resources in the endpoint format (both reservation forms).
void writeFull(JSON::ObjectWriter* writer, const char* name,
               const Resources& resources) {
  google::protobuf::RepeatedPtrField<Resource> full = resources;
  convertResourceFormat(&full, ENDPOINT);
  writer->field(name, [&](JSON::ArrayWriter* array) {
    for (const Resource& resource : full)
      array->element(resource);
  });
}

void writeReserved(JSON::ObjectWriter* writer, const Resources& resources) {
  writer->field("reserved_resources", [&](JSON::ObjectWriter* object) {
    for (const auto& [role, reserved] : resources.reservations())
      object->field(role, reserved);
  });
}

void writeTasks(JSON::ArrayWriter* array, const hashmap<TaskID, Task>& tasks) {
  for (const auto& [id, task] : tasks)
    array->element(task);
}

void writeFramework(JSON::ObjectWriter* writer, const Framework& framework,
                    const hashmap<OfferID, Offer>& offers,
                    const hashmap<OfferID, Resources>& offerResources) {
  const FrameworkInfo& info = framework.info;
  Resources offered;
  for (const OfferID& id : framework.offers)
    if (offerResources.contains(id))
      offered += offerResources.at(id);
  const Resources used = framework.totalUsedResources();

  writer->field("id", info.id().value());
  writer->field("name", info.name());
  writer->field("pid", stringify(framework.pid));
  writer->field("used_resources", used);
  writer->field("offered_resources", offered);
  writer->field("capabilities", info.capabilities());
  writer->field("hostname", info.hostname());
  writer->field("webui_url", info.webui_url());
  writer->field("active", framework.active);
  writer->field("connected", framework.connected);
  writer->field("recovered", framework.recovered);
  writer->field("user", info.user());
  writer->field("failover_timeout", info.failover_timeout());
  writer->field("checkpoint", info.checkpoint());
  if (framework.capabilities.multiRole)
    writer->field("roles", info.roles());
  else
    writer->field("role", info.has_role() ? info.role() : std::string("*"));
  writer->field("registered_time", framework.registeredTime.secs());
  writer->field("unregistered_time", framework.unregisteredTime.isSome()
                                         ? framework.unregisteredTime->secs()
                                         : 0.0);
  if (framework.reregisteredTime.isSome())
    writer->field("reregistered_time", framework.reregisteredTime->secs());
  if (info.has_principal())
    writer->field("principal", info.principal());
  writer->field("resources", used + offered);
  writer->field("allocated_resources", used);
  writer->field("tasks", [&](JSON::ArrayWriter* array) {
    writeTasks(array, framework.tasks);
  });
  writer->field("unreachable_tasks", [&](JSON::ArrayWriter* array) {
    writeTasks(array, framework.unreachableTasks);
  });
  writer->field("completed_tasks", [&](JSON::ArrayWriter* array) {
    for (const Task& task : framework.completedTasks)
      array->element(task);
  });
  writer->field("offers", [&](JSON::ArrayWriter* array) {
    for (const OfferID& id : framework.offers)
      if (offers.contains(id))
        array->element(offers.at(id));
  });
  writer->field("executors", [&](JSON::ArrayWriter* array) {
    for (const auto& [slaveId, executors] : framework.executors)
      for (const auto& [executorId, executor] : executors)
        array->element([&](JSON::ObjectWriter* object) {
          json(object, executor);
          object->field("slave_id", slaveId.value());
        });
  });
}

void writeSlave(JSON::ObjectWriter* writer, const Slave& slave,
                const hashmap<OfferID, Resources>& offerResources) {
  const Resources total = slave.totalResources();
  Resources used;
  for (const auto& [frameworkId, resources] : slave.usedResources())
    used += resources;
  Resources offered;
  for (const OfferID& id : slave.offers)
    if (offerResources.contains(id))
      offered += offerResources.at(id);

  writer->field("id", slave.id().value());
  writer->field("pid", stringify(slave.pid));
  writer->field("hostname", slave.info.hostname());
  writer->field("port", static_cast<int64_t>(slave.pid.address.port));
  writer->field("registered_time", slave.registeredTime.secs());
  if (slave.reregisteredTime.isSome())
    writer->field("reregistered_time", slave.reregisteredTime->secs());
  writer->field("resources", total);
  writer->field("used_resources", used);
  writer->field("offered_resources", offered);
  writeReserved(writer, total);
  writer->field("unreserved_resources", total.unreserved());
  writer->field("attributes", Attributes(slave.info.attributes()));
  writer->field("active", slave.active);
  writer->field("deactivated", !slave.active);
  writer->field("version", slave.version);
  writer->field("capabilities", slave.capabilityList);
  writeFull(writer, "reserved_resources_full", total.reserved());
  writeFull(writer, "unreserved_resources_full", total.unreserved());
  writeFull(writer, "used_resources_full", used);
  writeFull(writer, "offered_resources_full", offered);
  if (slave.info.has_domain())
    writer->field("domain", slave.info.domain());
}

// The task states /state-summary counts, by name.
const TaskState kSummaryStates[] = {
    TASK_STAGING,          TASK_STARTING,    TASK_RUNNING,
    TASK_KILLING,          TASK_FINISHED,    TASK_KILLED,
    TASK_FAILED,           TASK_LOST,        TASK_ERROR,
    TASK_DROPPED,          TASK_UNREACHABLE, TASK_GONE,
    TASK_GONE_BY_OPERATOR, TASK_UNKNOWN};

// "TASK_RUNNING": n, ... for `tasks`.
template <typename Tasks>
void writeTaskCounts(JSON::ObjectWriter* writer, const Tasks& tasks) {
  std::map<TaskState, int64_t> counts;
  for (const Task& task : tasks)
    counts[task.state()]++;
  for (TaskState state : kSummaryStates)
    writer->field(TaskState_Name(state), counts[state]);
}

}  // namespace

void Master::addRoutes() {
  route("/state", "Information about the state of the master.", &Master::state);
  route("/state-summary", "Summary of the agents and frameworks.",
        &Master::stateSummary);
  route("/health", "Health check of the master.", &Master::health);
  route("/flags", "The flags the master was started with.",
        &Master::flagsEndpoint);
  route("/tasks", "Tasks known to the master.", &Master::tasksEndpoint);
  route("/frameworks", "Frameworks known to the master.",
        &Master::frameworksEndpoint);
  route("/slaves", "Agents known to the master.", &Master::slavesEndpoint);
  route("/redirect", "Redirects to the leading master.", &Master::redirect);
}

Future<http::Response> Master::state(const http::Request& request) {
  size_t active = 0;
  for (const auto& [id, slave] : slaves_)
    if (slave->active)
      active++;

  const std::string body = jsonify([&](JSON::ObjectWriter* writer) {
    writer->field("version", MESOS_VERSION);
    writer->field("start_time", startTime_.secs());
    if (electedTime_.isSome())
      writer->field("elected_time", electedTime_->secs());
    writer->field("id", info_.id());
    writer->field("pid", stringify(self()));
    writer->field("hostname", info_.hostname());
    writer->field("activated_slaves", static_cast<int64_t>(active));
    writer->field("deactivated_slaves",
                  static_cast<int64_t>(slaves_.size() - active));
    writer->field("unreachable_slaves",
                  static_cast<int64_t>(unreachableSlaves_.size()));
    if (flags_.cluster.isSome())
      writer->field("cluster", flags_.cluster.get());
    if (elected_) {
      writer->field("leader", stringify(self()));
      writer->field("leader_info", info_);
    }
    if (flags_.log_dir.isSome())
      writer->field("log_dir", flags_.log_dir.get());
    writer->field("flags", [&](JSON::ObjectWriter* object) {
      for (const auto& [name, flag] : flags_) {
        Option<std::string> value = flag.stringify(flags_);
        if (value.isSome())
          object->field(name, value.get());
      }
    });
    writer->field("slaves", [&](JSON::ArrayWriter* array) {
      for (const auto& [id, slave] : slaves_)
        array->element([&](JSON::ObjectWriter* object) {
          writeSlave(object, *slave, offerResources_);
        });
    });
    writer->field("recovered_slaves", [&](JSON::ArrayWriter* array) {
      for (const auto& [id, info] : recoveredSlaves_)
        array->element(info);
    });
    writer->field("frameworks", [&](JSON::ArrayWriter* array) {
      for (const auto& [id, framework] : frameworks_)
        array->element([&](JSON::ObjectWriter* object) {
          writeFramework(object, *framework, offers_, offerResources_);
        });
    });
    writer->field("completed_frameworks", [&](JSON::ArrayWriter* array) {
      for (const auto& framework : completedFrameworks_)
        array->element([&](JSON::ObjectWriter* object) {
          writeFramework(object, *framework, offers_, offerResources_);
        });
    });
    writer->field("orphan_tasks", [](JSON::ArrayWriter*) {});
    writer->field("unregistered_frameworks", [](JSON::ArrayWriter*) {});
  });
  return jsonResponse(request, body);
}

Future<http::Response> Master::stateSummary(const http::Request& request) {
  const std::string body = jsonify([&](JSON::ObjectWriter* writer) {
    writer->field("hostname", info_.hostname());
    if (flags_.cluster.isSome())
      writer->field("cluster", flags_.cluster.get());
    writer->field("slaves", [&](JSON::ArrayWriter* array) {
      for (const auto& [id, slave] : slaves_) {
        array->element([&](JSON::ObjectWriter* object) {
          writeSlave(object, *slave, offerResources_);
          std::vector<Task> tasks;
          std::vector<std::string> frameworkIds;
          for (const auto& [frameworkId, frameworkTasks] : slave->tasks) {
            frameworkIds.push_back(frameworkId.value());
            for (const auto& [taskId, task] : frameworkTasks)
              tasks.push_back(task);
          }
          writeTaskCounts(object, tasks);
          object->field("framework_ids", frameworkIds);
        });
      }
    });
    writer->field("frameworks", [&](JSON::ArrayWriter* array) {
      for (const auto& [id, framework] : frameworks_) {
        array->element([&](JSON::ObjectWriter* object) {
          const FrameworkInfo& info = framework->info;
          Resources offered;
          for (const OfferID& offerId : framework->offers)
            if (offerResources_.contains(offerId))
              offered += offerResources_.at(offerId);
          object->field("id", info.id().value());
          object->field("name", info.name());
          object->field("pid", stringify(framework->pid));
          object->field("used_resources", framework->totalUsedResources());
          object->field("offered_resources", offered);
          object->field("capabilities", info.capabilities());
          object->field("hostname", info.hostname());
          object->field("webui_url", info.webui_url());
          object->field("active", framework->active);
          object->field("connected", framework->connected);
          object->field("recovered", framework->recovered);
          std::vector<Task> tasks;
          std::set<std::string> slaveIds;
          for (const auto& [taskId, task] : framework->tasks) {
            tasks.push_back(task);
            slaveIds.insert(task.slave_id().value());
          }
          for (const Task& task : framework->completedTasks)
            tasks.push_back(task);
          writeTaskCounts(object, tasks);
          object->field("slave_ids", slaveIds);
        });
      }
    });
  });
  return jsonResponse(request, body);
}

Future<http::Response> Master::health(const http::Request&) {
  return http::OK();
}

Future<http::Response> Master::flagsEndpoint(const http::Request& request) {
  const std::string body = jsonify([&](JSON::ObjectWriter* writer) {
    writer->field("flags", [&](JSON::ObjectWriter* object) {
      for (const auto& [name, flag] : flags_) {
        Option<std::string> value = flag.stringify(flags_);
        if (value.isSome())
          object->field(name, value.get());
      }
    });
  });
  return jsonResponse(request, body);
}

Future<http::Response> Master::tasksEndpoint(const http::Request& request) {
  const std::string body = jsonify([&](JSON::ObjectWriter* writer) {
    writer->field("tasks", [&](JSON::ArrayWriter* array) {
      for (const auto& [id, framework] : frameworks_) {
        writeTasks(array, framework->tasks);
        for (const Task& task : framework->completedTasks)
          array->element(task);
      }
      for (const auto& framework : completedFrameworks_)
        for (const Task& task : framework->completedTasks)
          array->element(task);
    });
  });
  return jsonResponse(request, body);
}

Future<http::Response> Master::frameworksEndpoint(
    const http::Request& request) {
  const std::string body = jsonify([&](JSON::ObjectWriter* writer) {
    writer->field("frameworks", [&](JSON::ArrayWriter* array) {
      for (const auto& [id, framework] : frameworks_)
        array->element([&](JSON::ObjectWriter* object) {
          writeFramework(object, *framework, offers_, offerResources_);
        });
    });
    writer->field("completed_frameworks", [&](JSON::ArrayWriter* array) {
      for (const auto& framework : completedFrameworks_)
        array->element([&](JSON::ObjectWriter* object) {
          writeFramework(object, *framework, offers_, offerResources_);
        });
    });
    writer->field("unregistered_frameworks", [](JSON::ArrayWriter*) {});
  });
  return jsonResponse(request, body);
}

Future<http::Response> Master::slavesEndpoint(const http::Request& request) {
  const std::string body = jsonify([&](JSON::ObjectWriter* writer) {
    writer->field("slaves", [&](JSON::ArrayWriter* array) {
      for (const auto& [id, slave] : slaves_)
        array->element([&](JSON::ObjectWriter* object) {
          writeSlave(object, *slave, offerResources_);
        });
    });
    writer->field("recovered_slaves", [&](JSON::ArrayWriter* array) {
      for (const auto& [id, info] : recoveredSlaves_)
        array->element(info);
    });
  });
  return jsonResponse(request, body);
}

Future<http::Response> Master::redirect(const http::Request&) {
  // This master is always the leader: redirect to itself.
  return http::TemporaryRedirect("//" + info_.hostname() + ":" +
                                 stringify(info_.port()));
}

}  // namespace master
}  // namespace internal
}  // namespace mesos
