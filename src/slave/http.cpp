// The agent's own HTTP endpoints (/state, /health, /flags) and the gauges
// it registers with the `metrics` process (/metrics/snapshot).

#include <map>

#include <mesos/attributes.hpp>

#include <process/clock.hpp>
#include <process/dispatch.hpp>
#include <process/metrics.hpp>

#include <stout/jsonify.hpp>
#include <stout/stringify.hpp>

#include "common/http.hpp"
#include "common/protobuf_utils.hpp"
#include "slave/slave.hpp"

namespace http = process::http;

using process::Future;

namespace mesos {
namespace internal {
namespace slave {

namespace {

// The metrics every agent reports (Mesos 1.11's names).
const char* const METRICS[] = {
    "slave/uptime_secs",
    "slave/registered",
    "slave/frameworks_active",
    "slave/tasks_staging",
    "slave/tasks_starting",
    "slave/tasks_running",
    "slave/tasks_killing",
    "slave/tasks_finished",
    "slave/tasks_failed",
    "slave/tasks_killed",
    "slave/tasks_lost",
    "slave/tasks_dropped",
    "slave/tasks_gone",
    "slave/executors_registering",
    "slave/executors_running",
    "slave/executors_terminating",
    "slave/executors_terminated",
    "slave/valid_status_updates",
    "slave/invalid_status_updates",
    "slave/valid_framework_messages",
    "slave/invalid_framework_messages",
    "slave/container_launch_errors",
    "slave/executor_directory_max_allowed_age_secs",
};

void jsonTaskInfo(JSON::ObjectWriter* writer, const TaskInfo& task,
                  const FrameworkID& frameworkId) {
  json(writer, protobuf::createTask(task, TASK_STAGING, frameworkId));
}

void jsonExecutor(JSON::ObjectWriter* writer, const Executor& executor) {
  writer->field("id", executor.id.value());
  writer->field("name", executor.info.name());
  writer->field("source", executor.info.source());
  writer->field("container", executor.containerId.value());
  writer->field("directory", executor.directory);
  writer->field("resources", Resources(executor.info.resources()));
  writer->field("type",
                std::string(executor.commandExecutor ? "COMMAND" : "CUSTOM"));
  writer->field("labels", executor.info.labels());

  writer->field("tasks", [&](JSON::ArrayWriter* array) {
    for (const auto& [taskId, task] : executor.launchedTasks) {
      array->element(task);
    }
  });
  writer->field("queued_tasks", [&](JSON::ArrayWriter* array) {
    for (const TaskInfo& task : executor.queuedTasks) {
      array->element([&](JSON::ObjectWriter* object) {
        jsonTaskInfo(object, task, executor.frameworkId);
      });
    }
  });
  writer->field("completed_tasks", [&](JSON::ArrayWriter* array) {
    for (const auto& [taskId, task] : executor.terminatedTasks) {
      array->element(task);
    }
    for (const Task& task : executor.completedTasks) {
      array->element(task);
    }
  });
}

void jsonFramework(JSON::ObjectWriter* writer, const Framework& framework) {
  const FrameworkInfo& info = framework.info;
  writer->field("id", info.id().value());
  writer->field("name", info.name());
  writer->field("user", info.user());
  writer->field("failover_timeout", info.failover_timeout());
  writer->field("checkpoint", info.checkpoint());
  writer->field("hostname", info.hostname());
  writer->field("role", info.role());
  writer->field("roles", [&](JSON::ArrayWriter* array) {
    for (const std::string& role : info.roles()) {
      array->element(role);
    }
  });
  if (info.has_principal()) {
    writer->field("principal", info.principal());
  }
  writer->field("capabilities", [&](JSON::ArrayWriter* array) {
    for (const FrameworkInfo::Capability& capability : info.capabilities()) {
      array->element(capability);
    }
  });

  writer->field("executors", [&](JSON::ArrayWriter* array) {
    for (const auto& [executorId, executor] : framework.executors) {
      array->element(
          [&](JSON::ObjectWriter* object) { jsonExecutor(object, *executor); });
    }
  });
  writer->field("completed_executors", [&](JSON::ArrayWriter* array) {
    for (const std::shared_ptr<Executor>& executor :
         framework.completedExecutors) {
      array->element(
          [&](JSON::ObjectWriter* object) { jsonExecutor(object, *executor); });
    }
  });
}

}  // namespace

void Slave::installRoutes() {
  route("/health", "Answers 200 OK while the agent runs.",
        [](const http::Request&) -> Future<http::Response> {
          return http::OK();
        });
  route("/state", "The agent's frameworks, executors and tasks as JSON.",
        &Slave::stateEndpoint);
  route("/state.json", "Alias of /state.", &Slave::stateEndpoint);
  route("/flags", "The agent's flags as JSON.", &Slave::flagsEndpoint);
}

void Slave::installMetrics() {
  const process::PID<Slave> pid = self();
  for (const char* name : METRICS) {
    const std::string metricName = name;
    process::metrics::add(metricName, [pid, metricName]() -> Future<double> {
      return process::dispatch(pid, &Slave::metric, metricName);
    });
  }
}

void Slave::removeMetrics() {
  for (const char* name : METRICS) {
    process::metrics::remove(name);
  }
}

double Slave::metric(const std::string& name) const {
  if (name == "slave/uptime_secs") {
    return (process::Clock::now() - startTime).secs();
  }
  if (name == "slave/registered") {
    return state == RUNNING ? 1 : 0;
  }
  if (name == "slave/frameworks_active") {
    double active = 0;
    for (const auto& [id, framework] : frameworks) {
      active += framework->state == Framework::RUNNING ? 1 : 0;
    }
    return active;
  }

  static const std::map<std::string, TaskState> liveStates = {
      {"slave/tasks_staging", TASK_STAGING},
      {"slave/tasks_starting", TASK_STARTING},
      {"slave/tasks_running", TASK_RUNNING},
      {"slave/tasks_killing", TASK_KILLING},
  };
  auto live = liveStates.find(name);
  if (live != liveStates.end()) {
    double count = 0;
    for (const auto& [id, framework] : frameworks) {
      for (const auto& [executorId, tasks] : framework->pending) {
        count += live->second == TASK_STAGING ? tasks.size() : 0;
      }
      for (const auto& [executorId, executor] : framework->executors) {
        if (live->second == TASK_STAGING) {
          count += executor->queuedTasks.size();
        }
        for (const auto& [taskId, task] : executor->launchedTasks) {
          count += task.state() == live->second ? 1 : 0;
        }
      }
    }
    return count;
  }

  static const std::map<std::string, Executor::State> executorStates = {
      {"slave/executors_registering", Executor::REGISTERING},
      {"slave/executors_running", Executor::RUNNING},
      {"slave/executors_terminating", Executor::TERMINATING},
      {"slave/executors_terminated", Executor::TERMINATED},
  };
  auto executorState = executorStates.find(name);
  if (executorState != executorStates.end()) {
    double count = 0;
    for (const auto& [id, framework] : frameworks) {
      for (const auto& [executorId, executor] : framework->executors) {
        count += executor->state == executorState->second ? 1 : 0;
      }
    }
    return count;
  }

  const std::map<std::string, double> counted = {
      {"slave/tasks_finished", counters.tasksFinished},
      {"slave/tasks_failed", counters.tasksFailed},
      {"slave/tasks_killed", counters.tasksKilled},
      {"slave/tasks_lost", counters.tasksLost},
      {"slave/tasks_dropped", counters.tasksDropped},
      {"slave/tasks_gone", counters.tasksGone},
      {"slave/valid_status_updates", counters.validStatusUpdates},
      {"slave/invalid_status_updates", counters.invalidStatusUpdates},
      {"slave/valid_framework_messages", counters.validFrameworkMessages},
      {"slave/invalid_framework_messages", counters.invalidFrameworkMessages},
      {"slave/container_launch_errors", counters.containerLaunchErrors},
      {"slave/executor_directory_max_allowed_age_secs",
       counters.executorDirectoryMaxAllowedAge},
  };
  auto value = counted.find(name);
  return value == counted.end() ? 0 : value->second;
}

Future<http::Response> Slave::stateEndpoint(const http::Request& request) {
  const std::string body = jsonify([&](JSON::ObjectWriter* writer) {
    writer->field("version", std::string("1.11.0"));
    writer->field("start_time", startTime.secs());
    if (info.has_id()) {
      writer->field("id", info.id().value());
    }
    writer->field("pid", std::string(self()));
    writer->field("hostname", info.hostname());
    writer->field("state", std::string(stateName(state)));
    writer->field("capabilities", [](JSON::ArrayWriter* array) {
      array->element(std::string("MULTI_ROLE"));
      array->element(std::string("HIERARCHICAL_ROLE"));
      array->element(std::string("RESERVATION_REFINEMENT"));
    });
    writer->field("resources", Resources(info.resources()));
    writer->field("attributes", Attributes(info.attributes()));
    if (master.isSome()) {
      writer->field("master_hostname", stringify(master->address.ip));
    }
    if (flags.log_dir.isSome()) {
      writer->field("log_dir", flags.log_dir.get());
    }
    if (flags.external_log_file.isSome()) {
      writer->field("external_log_file", flags.external_log_file.get());
    }

    writer->field("flags", [&](JSON::ObjectWriter* object) {
      for (const auto& [name, flag] : flags) {
        Option<std::string> value = flag.stringify(flags);
        if (value.isSome()) {
          object->field(name, value.get());
        }
      }
    });

    writer->field("frameworks", [&](JSON::ArrayWriter* array) {
      for (const auto& [id, framework] : frameworks) {
        array->element([&](JSON::ObjectWriter* object) {
          jsonFramework(object, *framework);
        });
      }
    });
    writer->field("completed_frameworks", [&](JSON::ArrayWriter* array) {
      for (const std::shared_ptr<Framework>& framework : completedFrameworks) {
        array->element([&](JSON::ObjectWriter* object) {
          jsonFramework(object, *framework);
        });
      }
    });
  });

  auto jsonp = request.url.query.find("jsonp");
  return http::OK::json(body, jsonp == request.url.query.end()
                                  ? Option<std::string>()
                                  : Option<std::string>(jsonp->second));
}

Future<http::Response> Slave::flagsEndpoint(const http::Request& request) {
  return http::OK::json(jsonify([&](JSON::ObjectWriter* writer) {
    writer->field("flags", [&](JSON::ObjectWriter* object) {
      for (const auto& [name, flag] : flags) {
        Option<std::string> value = flag.stringify(flags);
        if (value.isSome()) {
          object->field(name, value.get());
        }
      }
    });
  }));
}

}  // namespace slave
}  // namespace internal
}  // namespace mesos
