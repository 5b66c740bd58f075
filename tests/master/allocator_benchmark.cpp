// The cost of one allocation run of the hierarchical DRF allocator with
// 1,000 agents and 50 frameworks. Not a ctest; the figures go to
// docs/performance.md ("Master allocator").
//
// Usage: allocator-benchmark [--agents=N] [--frameworks=F] [--cycles=C]
//
// Layouts: "50 roles" (one framework per role) and "1 role" (all
// frameworks in one role). Scenarios, each timed from the trigger to the
// allocator going idle (offer callbacks included):
//   full      every agent is available; the run offers all of them.
//   idle      everything is offered already; the run finds nothing.
//   declined  every offer of the previous run was declined with a long
//             refusal; refusals pile up, so each run checks more of them
//             and walks further down the frameworks (F runs, until every
//             framework has refused every agent; agents offered: mean).

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

#include <glog/logging.h>

#include <process/clock.hpp>
#include <process/dispatch.hpp>
#include <process/process.hpp>

#include <stout/numify.hpp>
#include <stout/strings.hpp>

#include "master/allocator/hierarchical.hpp"

namespace mesos {
namespace internal {
namespace master {
namespace allocator {
namespace {

using process::Clock;

using Offered = hashmap<std::string, hashmap<SlaveID, Resources>>;

// Long enough that nothing but the benchmark's own advances triggers a
// periodic run, and refusals (300 days) outlive every run.
const Duration INTERVAL = Days(1);

struct Offer {
  FrameworkID frameworkId;
  SlaveID slaveId;
  Resources resources;
};

class Bench {
 public:
  Bench(int agents, int frameworks, bool rolePerFramework) {
    process::spawn(process_);

    Options options;
    options.allocationInterval = INTERVAL;

    process::dispatch(process_.self(), [=]() {
      process_.initialize(options, [this](const FrameworkID& frameworkId,
                                          const Offered& offered) {
        std::lock_guard<std::mutex> lock(mutex_);
        for (const auto& [role, perAgent] : offered) {
          for (const auto& [slaveId, resources] : perAgent) {
            offers_.push_back({frameworkId, slaveId, resources});
          }
        }
      });

      for (int i = 0; i < frameworks; ++i) {
        FrameworkInfo info;
        info.mutable_id()->set_value("framework-" + std::to_string(i));
        info.set_name(info.id().value());
        info.set_user("user");
        info.add_roles(rolePerFramework ? "role-" + std::to_string(i) : "role");
        info.add_capabilities()->set_type(
            FrameworkInfo::Capability::MULTI_ROLE);
        process_.addFramework(info.id(), info, {}, true, {});
      }

      const Resources total =
          Resources::parse("cpus:16;mem:65536;disk:1048576;ports:[31000-32000]")
              .get();
      std::vector<SlaveInfo::Capability> capabilities(2);
      capabilities[0].set_type(SlaveInfo::Capability::MULTI_ROLE);
      capabilities[1].set_type(SlaveInfo::Capability::HIERARCHICAL_ROLE);
      for (int i = 0; i < agents; ++i) {
        SlaveInfo info;
        info.mutable_id()->set_value("agent-" + std::to_string(i));
        info.set_hostname(info.id().value());
        process_.addSlave(info.id(), info, capabilities, total, {});
      }
    });
    Clock::settle();
  }

  ~Bench() {
    process::terminate(process_);
    process::wait(process_);
  }

  // Gives back what the last run offered, with `filters`.
  void recover(const Option<Filters>& filters) {
    std::vector<Offer> offers = take();
    process::dispatch(process_.self(), [this, offers, filters]() {
      for (const Offer& offer : offers) {
        process_.recoverResources(offer.frameworkId, offer.slaveId,
                                  offer.resources, filters);
      }
    });
    Clock::settle();
  }

  // Seconds one run takes; the number of agents it offered in `offered`.
  double run(size_t* offered) {
    const size_t before = pending();

    // The periodic run over every agent.
    const auto start = std::chrono::steady_clock::now();
    Clock::advance(INTERVAL);
    Clock::settle();
    const auto end = std::chrono::steady_clock::now();

    *offered = pending() - before;
    return std::chrono::duration<double>(end - start).count();
  }

  size_t pending() {
    std::lock_guard<std::mutex> lock(mutex_);
    return offers_.size();
  }

  std::vector<Offer> take() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<Offer> result;
    result.swap(offers_);
    return result;
  }

 private:
  HierarchicalAllocatorProcess process_;
  std::mutex mutex_;
  std::vector<Offer> offers_;
};

struct Stats {
  double median;
  double min;
  size_t offered;
};

Stats summarize(std::vector<double> seconds, size_t offered) {
  std::sort(seconds.begin(), seconds.end());
  return {seconds[seconds.size() / 2], seconds.front(), offered};
}

void print(const char* layout, const char* scenario, const Stats& stats) {
  std::printf("| %s | %s | %.2f ms | %.2f ms | %zu |\n", layout, scenario,
              stats.median * 1e3, stats.min * 1e3, stats.offered);
}

void measure(int agents, int frameworks, int cycles, bool rolePerFramework) {
  const char* layout = rolePerFramework ? "one role per framework" : "1 role";
  Bench bench(agents, frameworks, rolePerFramework);
  size_t offered = 0;

  std::vector<double> full;
  for (int i = 0; i < cycles; ++i) {
    bench.recover(None());
    full.push_back(bench.run(&offered));
  }
  print(layout, "full", summarize(full, offered));

  std::vector<double> idle;
  for (int i = 0; i < cycles; ++i) {
    idle.push_back(bench.run(&offered));
  }
  print(layout, "idle", summarize(idle, offered));

  // Each framework refuses each agent at most once: after `frameworks`
  // rounds, everything is refused.
  Filters refuse;
  refuse.set_refuse_seconds(Days(300).secs());
  std::vector<double> declined;
  size_t total = 0;
  bench.recover(None());
  bench.run(&offered);
  for (int i = 0; i < frameworks; ++i) {
    bench.recover(refuse);
    declined.push_back(bench.run(&offered));
    total += offered;
  }
  print(layout, "declined", summarize(declined, total / frameworks));
}

}  // namespace
}  // namespace allocator
}  // namespace master
}  // namespace internal
}  // namespace mesos

int main(int argc, char** argv) {
  FLAGS_logtostderr = true;  // Leave no log files in /tmp.
  google::InitGoogleLogging(argv[0]);
  FLAGS_minloglevel = google::GLOG_WARNING;

  int agents = 1000;
  int frameworks = 50;
  int cycles = 20;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    int* target = strings::startsWith(arg, "--agents=")       ? &agents
                  : strings::startsWith(arg, "--frameworks=") ? &frameworks
                  : strings::startsWith(arg, "--cycles=")     ? &cycles
                                                              : nullptr;
    Try<int> value = target == nullptr
                         ? Try<int>(Error("unknown"))
                         : numify<int>(arg.substr(arg.find('=') + 1));
    if (value.isError() || value.get() <= 0) {
      std::fprintf(stderr,
                   "Usage: %s [--agents=N] [--frameworks=F] [--cycles=C]\n",
                   argv[0]);
      return 2;
    }
    *target = value.get();
  }

  process::initialize();
  process::Clock::pause();

  std::printf("%d agents, %d frameworks, median of %d runs\n\n", agents,
              frameworks, cycles);
  std::printf("| layout | scenario | median | min | agents offered |\n");
  std::printf("| --- | --- | --- | --- | --- |\n");
  mesos::internal::master::allocator::measure(agents, frameworks, cycles, true);
  mesos::internal::master::allocator::measure(agents, frameworks, cycles,
                                              false);

  process::Clock::resume();
  process::finalize();
  return 0;
}
