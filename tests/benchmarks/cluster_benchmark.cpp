// cluster-benchmark: the whole cluster measured as users run it: the real
// mesos-master, mesos-agent, mesos-executor and mesos-execute binaries as
// separate OS processes on 127.0.0.1 (the e2e harness, tests/e2e/
// cluster.hpp), driven by a framework in this process. Scenarios:
//
//   launch    N short command tasks (`true`) on one agent through the
//             scheduler driver: wall time, launch rate, per-task latency
//             from launchTasks to TASK_RUNNING / TASK_FINISHED; then
//             single-task latency on the idle cluster (one at a time);
//             master and agent resident memory idle and afterwards.
//   execute   the same N tasks through `mesos-execute --count=N`: its wall
//             time (process start to exit).
//   health    `wrk` against the agent's and the master's /health.
//   recovery  N executors (bench-executor) of a checkpointing framework;
//             the agent is killed with SIGKILL and started again: time
//             until the master counts its reregistration.
//
//   cluster-benchmark [--scenarios=launch,execute,health,recovery]
//       [--tasks=1000] [--serial_tasks=50] [--executors=100,1000]
//       [--wrk_args='-t2 -c64 -d10s']
//
// Not a test: it prints figures (see docs/performance.md) and exits
// non-zero only if a scenario could not be run.

#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <glog/logging.h>

#include <mesos/resources.hpp>
#include <mesos/scheduler.hpp>

#include <process/subprocess.hpp>

#include <stout/flags.hpp>
#include <stout/os.hpp>
#include <stout/path.hpp>
#include <stout/stringify.hpp>
#include <stout/strings.hpp>

#include "benchmarks/bench_scheduler.hpp"
#include "e2e/cluster.hpp"

namespace mesos {
namespace internal {
namespace tests {
namespace {

using std::cout;
using std::endl;
using std::string;
using std::vector;

class Flags : public virtual flags::FlagsBase {
 public:
  Flags() {
    add(&Flags::scenarios, "scenarios",
        "Comma-separated: launch, execute, health, recovery.",
        "launch,execute,health,recovery");
    add(&Flags::tasks, "tasks", "Command tasks of launch and execute.", 1000);
    add(&Flags::serial_tasks, "serial_tasks",
        "Tasks run one at a time after the launch batch.", 50);
    add(&Flags::executors, "executors",
        "Comma-separated executor counts of the recovery runs.", "100,1000");
    add(&Flags::wrk, "wrk", "The wrk program.", "/usr/bin/wrk");
    add(&Flags::wrk_args, "wrk_args", "wrk's arguments before the URL.",
        "-t2 -c64 -d10s");
  }

  string scenarios;
  int tasks;
  int serial_tasks;
  string executors;
  string wrk;
  string wrk_args;
};

double seconds(BenchClock::duration d) {
  return std::chrono::duration<double>(d).count();
}

double millis(BenchClock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

// Nearest-rank percentile of sorted `values`.
double percentile(const vector<double>& values, double q) {
  if (values.empty())
    return NAN;
  size_t rank = static_cast<size_t>(std::ceil(q * values.size()));
  return values[std::min(values.size(), std::max<size_t>(rank, 1)) - 1];
}

string summary(const vector<double>& unsorted) {
  vector<double> values = unsorted;
  std::sort(values.begin(), values.end());
  const size_t slowest =
      std::max_element(unsorted.begin(), unsorted.end()) - unsorted.begin();
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << "min "
      << (values.empty() ? NAN : values.front()) << " ms, median "
      << percentile(values, 0.5) << " ms, p90 " << percentile(values, 0.9)
      << " ms, max " << (values.empty() ? NAN : values.back()) << " ms (task "
      << slowest << ", n=" << values.size() << ")";
  return out.str();
}

// The pid of the program `name` started with `--work_dir=<workDir>`
// (found through /proc, since the harness keeps its handles private).
Option<pid_t> findDaemon(const string& name, const string& workDir) {
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr)
    return None();
  Option<pid_t> found;
  while (dirent* entry = ::readdir(proc)) {
    Try<pid_t> pid = numify<pid_t>(entry->d_name);
    if (pid.isError())
      continue;
    Try<string> cmdline =
        os::read(string("/proc/") + entry->d_name + "/cmdline");
    if (cmdline.isError())
      continue;
    vector<string> args = strings::split(cmdline.get(), string(1, '\0'));
    if (args.empty() || Path(args[0]).basename() != name)
      continue;
    if (std::find(args.begin(), args.end(), "--work_dir=" + workDir) !=
        args.end()) {
      found = pid.get();
      break;
    }
  }
  ::closedir(proc);
  return found;
}

// Processes whose command line contains `needle`.
vector<pid_t> findProcesses(const string& needle) {
  vector<pid_t> found;
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr)
    return found;
  while (dirent* entry = ::readdir(proc)) {
    Try<pid_t> pid = numify<pid_t>(entry->d_name);
    if (pid.isError())
      continue;
    Try<string> cmdline =
        os::read(string("/proc/") + entry->d_name + "/cmdline");
    if (cmdline.isSome() && cmdline->find(needle) != string::npos)
      found.push_back(pid.get());
  }
  ::closedir(proc);
  return found;
}

// A "Field:   123 kB" line of a /proc file, in MiB.
double procField(pid_t pid, const string& file, const string& field) {
  Try<string> text = os::read("/proc/" + stringify(pid) + "/" + file);
  if (text.isError())
    return NAN;
  for (const string& line : strings::tokenize(text.get(), "\n")) {
    if (strings::startsWith(line, field + ":")) {
      vector<string> words = strings::tokenize(line, " \t");
      if (words.size() >= 2) {
        Try<double> kb = numify<double>(words[1]);
        if (kb.isSome())
          return kb.get() / 1024.0;
      }
    }
  }
  return NAN;
}

// Seconds since midnight of a glog line ("I20261121 21:52:28.146287 ..."),
// or None if the line has no such prefix.
Option<double> glogTime(const string& line) {
  if (line.size() < 24 || line[9] != ' ' || line[12] != ':')
    return None();
  Try<double> h = numify<double>(line.substr(10, 2));
  Try<double> m = numify<double>(line.substr(13, 2));
  Try<double> s = numify<double>(line.substr(16, 9));
  if (h.isError() || m.isError() || s.isError())
    return None();
  return h.get() * 3600 + m.get() * 60 + s.get();
}

// Where the restarted agent spent its time, from its own log lines (the
// part of `log` after `offset`): the last executor reregistered, recovery
// finished, reregistered with the master; seconds since its first line.
string recoveryBreakdown(const string& log, size_t offset) {
  Option<double> first, executors, finished, reregistered;
  size_t count = 0;
  for (const string& line :
       strings::tokenize(log.substr(std::min(offset, log.size())), "\n")) {
    Option<double> t = glogTime(line);
    if (t.isNone())
      continue;
    if (first.isNone())
      first = t;
    if (line.find(" reregistered from ") != string::npos) {
      executors = t;
      ++count;
    }
    if (line.find("Finished recovery") != string::npos)
      finished = t;
    if (line.find("Reregistered with master") != string::npos)
      reregistered = t;
  }
  auto since = [&](const Option<double>& t) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(3);
    if (first.isSome() && t.isSome())
      out << t.get() - first.get() << " s";
    else
      out << "?";
    return out.str();
  };
  return "agent log: " + stringify(count) + " executors reregistered by " +
         since(executors) + ", recovery finished " + since(finished) +
         ", reregistered with the master " + since(reregistered) +
         " after its first line";
}

struct Daemons {
  pid_t master = 0;
  pid_t agent = 0;
};

Daemons daemons(Cluster& cluster) {
  Daemons d;
  d.master = findDaemon("mesos-master", path::join(cluster.dir(), "master"))
                 .getOrElse(0);
  d.agent = findDaemon("mesos-agent", cluster.agentWorkDir(0)).getOrElse(0);
  return d;
}

void printMemory(const string& when, const Daemons& d) {
  cout << std::fixed << std::setprecision(1) << "  memory " << when
       << ": master VmRSS " << procField(d.master, "status", "VmRSS")
       << " MiB (VmHWM " << procField(d.master, "status", "VmHWM")
       << "), agent VmRSS " << procField(d.agent, "status", "VmRSS")
       << " MiB (VmHWM " << procField(d.agent, "status", "VmHWM") << ")"
       << endl;
}

Try<std::unique_ptr<Cluster>> startCluster(
    const vector<string>& agentFlags = {}) {
  Try<std::unique_ptr<Cluster>> cluster = Cluster::create();
  if (cluster.isError())
    return cluster;
  Try<Nothing> master = cluster.get()->startMaster();
  if (master.isError())
    return Error(master.error());
  Try<Nothing> agent = cluster.get()->startAgent(0, agentFlags);
  if (agent.isError())
    return Error(agent.error());
  const uint16_t port = cluster.get()->masterPort();
  if (!eventually(
          [port] { return metric(port, "master/slaves_active") == 1; })) {
    return Error("The agent did not register:\n" +
                 cluster.get()->log("agent0"));
  }
  return cluster;
}

FrameworkInfo frameworkInfo(const string& name, bool checkpoint) {
  FrameworkInfo framework;
  framework.set_name(name);
  framework.set_checkpoint(checkpoint);
  framework.set_role("*");
  return framework;
}

bool launch(const Flags& flags) {
  cout << "== launch: " << flags.tasks << " command tasks `true`" << endl;
  Try<std::unique_ptr<Cluster>> cluster = startCluster();
  if (cluster.isError()) {
    std::cerr << cluster.error() << endl;
    return false;
  }
  const Daemons pids = daemons(*cluster.get());
  printMemory("idle (agent registered)", pids);

  const Resources resources = Resources::parse("cpus:0.005;mem:4").get();
  BenchScheduler scheduler(BenchScheduler::Mode::BATCH, flags.tasks, resources,
                           "true", None(), Resources());
  MesosSchedulerDriver driver(&scheduler, frameworkInfo("bench-launch", false),
                              cluster.get()->master());
  const BenchClock::time_point start = BenchClock::now();
  driver.start();
  const bool done = scheduler.awaitTerminal(Minutes(10));
  const BenchClock::time_point end = BenchClock::now();
  if (!done) {
    std::cerr << "Not every task ended:\n"
              << cluster.get()->log("agent0") << endl;
    driver.stop();
    driver.join();
    return false;
  }

  const vector<TaskTimes> times = scheduler.times();
  BenchClock::time_point firstLaunch = times[0].launched.get();
  BenchClock::time_point lastRunning = firstLaunch;
  BenchClock::time_point lastTerminal = firstLaunch;
  vector<double> toRunning;
  vector<double> toTerminal;
  for (const TaskTimes& task : times) {
    firstLaunch = std::min(firstLaunch, task.launched.get());
    if (task.running.isSome()) {
      toRunning.push_back(millis(task.running.get() - task.launched.get()));
      lastRunning = std::max(lastRunning, task.running.get());
    }
    toTerminal.push_back(millis(task.terminal.get() - task.launched.get()));
    lastTerminal = std::max(lastTerminal, task.terminal.get());
  }
  cout << std::fixed << std::setprecision(2) << "  driver start -> first "
       << "launchTasks: " << seconds(firstLaunch - start) << " s" << endl
       << "  first launchTasks -> all terminal: "
       << seconds(lastTerminal - firstLaunch) << " s (driver start -> all "
       << "terminal: " << seconds(end - start)
       << " s); not FINISHED: " << scheduler.failed() << endl
       << "  launch rate: " << std::setprecision(0)
       << toRunning.size() / seconds(lastRunning - firstLaunch)
       << " TASK_RUNNING/s, "
       << times.size() / seconds(lastTerminal - firstLaunch)
       << " TASK_FINISHED/s" << endl
       << "  launchTasks -> TASK_RUNNING: " << summary(toRunning) << endl
       << "  launchTasks -> TASK_FINISHED: " << summary(toTerminal) << endl;
  printMemory("after " + stringify(flags.tasks) + " tasks", pids);
  driver.stop();
  driver.join();

  if (flags.serial_tasks > 0) {
    BenchScheduler serial(BenchScheduler::Mode::SERIAL, flags.serial_tasks,
                          resources, "true", None(), Resources());
    MesosSchedulerDriver serialDriver(
        &serial, frameworkInfo("bench-serial", false), cluster.get()->master());
    serialDriver.start();
    const bool serialDone = serial.awaitTerminal(Minutes(5));
    serialDriver.stop();
    serialDriver.join();
    if (!serialDone) {
      std::cerr << "The serial tasks did not all end" << endl;
      return false;
    }
    vector<double> running;
    vector<double> terminal;
    for (const TaskTimes& task : serial.times()) {
      if (task.running.isSome())
        running.push_back(millis(task.running.get() - task.launched.get()));
      terminal.push_back(millis(task.terminal.get() - task.launched.get()));
    }
    cout << "  one task at a time, launchTasks -> TASK_RUNNING: "
         << summary(running) << endl
         << "  one task at a time, launchTasks -> TASK_FINISHED: "
         << summary(terminal) << endl;
    printMemory(
        "after " + stringify(flags.tasks + flags.serial_tasks) + " tasks",
        pids);
  }
  return true;
}

bool execute(const Flags& flags) {
  cout << "== execute: mesos-execute --count=" << flags.tasks
       << " --command=true" << endl;
  Try<std::unique_ptr<Cluster>> cluster = startCluster();
  if (cluster.isError()) {
    std::cerr << cluster.error() << endl;
    return false;
  }
  const BenchClock::time_point start = BenchClock::now();
  Try<int> status = cluster.get()->run(
      "mesos-execute",
      {"--master=" + cluster.get()->master(), "--name=bench", "--command=true",
       "--count=" + stringify(flags.tasks), "--resources=cpus:0.005;mem:4"},
      Minutes(10));
  const BenchClock::time_point end = BenchClock::now();
  if (status.isError() || !WIFEXITED(status.get()) ||
      WEXITSTATUS(status.get()) != 0) {
    std::cerr << "mesos-execute failed:\n"
              << cluster.get()->log("mesos-execute") << endl;
    return false;
  }
  const string output = cluster.get()->log("mesos-execute");
  size_t finished = 0;
  for (size_t at = output.find("TASK_FINISHED"); at != string::npos;
       at = output.find("TASK_FINISHED", at + 1)) {
    ++finished;
  }
  cout << std::fixed << std::setprecision(2)
       << "  mesos-execute wall time (start to exit): " << seconds(end - start)
       << " s, " << finished << " TASK_FINISHED" << endl;
  printMemory("after " + stringify(flags.tasks) + " tasks",
              daemons(*cluster.get()));
  return true;
}

// Runs wrk against http://127.0.0.1:<port>/health; prints its summary.
bool wrk(const Flags& flags, const string& who, uint16_t port,
         const string& dir) {
  const string url = "http://127.0.0.1:" + stringify(port) + "/health";
  vector<string> argv = {flags.wrk};
  for (const string& arg : strings::tokenize(flags.wrk_args, " "))
    argv.push_back(arg);
  argv.push_back(url);
  const string log = path::join(dir, "wrk-" + who + ".log");
  Try<process::Subprocess> child = process::subprocess(
      flags.wrk, argv, process::Subprocess::PATH("/dev/null"),
      process::Subprocess::PATH(log), process::Subprocess::PATH(log));
  if (child.isError()) {
    std::cerr << "Cannot run wrk: " << child.error() << endl;
    return false;
  }
  child->status().await();
  Try<string> output = os::read(log);
  cout << "  " << who << " " << strings::join(" ", argv) << endl;
  for (const string& line : strings::tokenize(
           output.isSome() ? output.get() : "(no output)", "\n")) {
    cout << "    " << line << endl;
  }
  return true;
}

bool health(const Flags& flags) {
  cout << "== health: wrk " << flags.wrk_args << endl;
  Try<std::unique_ptr<Cluster>> cluster = startCluster();
  if (cluster.isError()) {
    std::cerr << cluster.error() << endl;
    return false;
  }
  const Daemons pids = daemons(*cluster.get());
  bool ok =
      wrk(flags, "agent", cluster.get()->agentPort(0), cluster.get()->dir()) &&
      wrk(flags, "master", cluster.get()->masterPort(), cluster.get()->dir());
  printMemory("after wrk", pids);
  return ok;
}

bool recovery(const Flags& flags, int executors) {
  cout << "== recovery: " << executors << " executors" << endl;
  Try<std::unique_ptr<Cluster>> cluster = startCluster();
  if (cluster.isError()) {
    std::cerr << cluster.error() << endl;
    return false;
  }
  // The cluster's directory on the executors' command lines: the harness
  // ends every process that has it when the cluster goes away.
  const string tag = cluster.get()->dir() + "/";
  CommandInfo command;
  command.set_value("exec " + string(BENCH_EXECUTOR) + " " + tag);
  command.set_shell(true);

  const Resources small = Resources::parse("cpus:0.002;mem:1").get();
  BenchScheduler scheduler(BenchScheduler::Mode::BATCH, executors, small, "",
                           command, small);
  MesosSchedulerDriver driver(&scheduler, frameworkInfo("bench-recovery", true),
                              cluster.get()->master());
  const BenchClock::time_point start = BenchClock::now();
  driver.start();
  const bool running = scheduler.awaitRunning(Minutes(10));
  const BenchClock::time_point allRunning = BenchClock::now();
  bool ok = running;
  if (!running) {
    std::cerr << "Not every executor's task is running" << endl;
  } else {
    const Daemons pids = daemons(*cluster.get());
    const vector<pid_t> processes = findProcesses(BENCH_EXECUTOR);
    cout << std::fixed << std::setprecision(2) << "  " << executors
         << " executors running after " << seconds(allRunning - start) << " s; "
         << processes.size() << " bench-executor processes";
    if (!processes.empty()) {
      cout << "; one executor: VmRSS "
           << procField(processes[0], "status", "VmRSS") << " MiB, Pss "
           << procField(processes[0], "smaps_rollup", "Pss") << " MiB";
    }
    cout << endl;
    printMemory("with " + stringify(executors) + " executors", pids);

    const uint16_t masterPort = cluster.get()->masterPort();
    const double before = metric(masterPort, "master/slave_reregistrations");
    cluster.get()->stopAgent(0, SIGKILL);
    const size_t logOffset = cluster.get()->log("agent0").size();

    const BenchClock::time_point restart = BenchClock::now();
    Try<Nothing> agent = cluster.get()->startAgent(0);
    const BenchClock::time_point serving = BenchClock::now();
    const bool reregistered =
        agent.isSome() &&
        eventually(
            [&] {
              return metric(masterPort, "master/slave_reregistrations") >
                     before;
            },
            Minutes(5));
    const BenchClock::time_point done = BenchClock::now();
    if (!reregistered) {
      std::cerr << "The agent did not reregister:\n"
                << cluster.get()->log("agent0") << endl;
      ok = false;
    } else {
      cout << std::setprecision(2)
           << "  agent restart -> HTTP serving: " << seconds(serving - restart)
           << " s; -> reregistered with the master: " << seconds(done - restart)
           << " s; master/tasks_running now "
           << metric(masterPort, "master/tasks_running") << endl;
      cout << "  " << recoveryBreakdown(cluster.get()->log("agent0"), logOffset)
           << endl;
      printMemory("after recovery", daemons(*cluster.get()));
    }
  }

  // Tear the framework down; the agent shuts its executors down.
  driver.stop();
  driver.join();
  const bool gone = eventually(
      [&] { return findProcesses(BENCH_EXECUTOR).empty(); }, Minutes(2));
  cout << "  executors left after teardown: "
       << (gone ? "none" : stringify(findProcesses(BENCH_EXECUTOR).size()))
       << endl;
  return ok;
}

}  // namespace
}  // namespace tests
}  // namespace internal
}  // namespace mesos

int main(int argc, char** argv) {
  using namespace mesos::internal::tests;

  // The figures go to stdout; the driver's INFO/WARNING lines would only
  // interleave with them (the daemons log to their own files).
  FLAGS_minloglevel = google::GLOG_ERROR;
  FLAGS_logtostderr = true;  // Leave no log files in /tmp.
  google::InitGoogleLogging(argv[0]);

  Flags flags;
  Try<flags::Warnings> load = flags.load(None(), argc, argv);
  if (flags.help) {
    std::cout << flags.usage() << std::endl;
    return 0;
  }
  if (load.isError()) {
    std::cerr << flags.usage(load.error()) << std::endl;
    return 1;
  }

  bool ok = true;
  for (const std::string& scenario : strings::tokenize(flags.scenarios, ",")) {
    if (scenario == "launch") {
      ok = launch(flags) && ok;
    } else if (scenario == "execute") {
      ok = execute(flags) && ok;
    } else if (scenario == "health") {
      ok = health(flags) && ok;
    } else if (scenario == "recovery") {
      for (const std::string& count : strings::tokenize(flags.executors, ",")) {
        Try<int> executors = numify<int>(count);
        if (executors.isError()) {
          std::cerr << "Bad --executors: " << count << std::endl;
          return 1;
        }
        ok = recovery(flags, executors.get()) && ok;
      }
    } else {
      std::cerr << "Unknown scenario '" << scenario << "'" << std::endl;
      return 1;
    }
  }
  return ok ? 0 : 1;
}
