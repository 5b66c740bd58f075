#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <stout/bytes.hpp>
#include <stout/duration.hpp>
#include <stout/flags.hpp>
#include <stout/json.hpp>
#include <stout/os.hpp>
#include <stout/path.hpp>

using std::string;

namespace {

class TestFlags : public virtual flags::FlagsBase {
 public:
  TestFlags() {
    add(&TestFlags::name, "name", "A string.", "default");
    add(&TestFlags::port, "port", "A number.", 5051);
    add(&TestFlags::ratio, "ratio", "A double.", 0.5);
    add(&TestFlags::verbose, "verbose", "A boolean.", false);
    add(&TestFlags::timeout, "timeout", "A duration.", Seconds(10),
        [](const Duration& d) -> Option<Error> {
          if (d <= Duration::zero())
            return Error("must be positive");
          return None();
        });
    add(&TestFlags::memory, "memory", "Some bytes.", Megabytes(64));
    add(&TestFlags::master, "master", "An optional string.");
    add(&TestFlags::attributes, "attributes", "An optional JSON object.");
    add(&TestFlags::work_dir, "work_dir", "A path.", Path("/tmp/work"));
    add(&TestFlags::ping_timeout, "agent_ping_timeout",
        flags::DeprecatedName("slave_ping_timeout"), "Aliased.", Seconds(15));
    add(&TestFlags::strict, "strict", "An optional boolean.");
    add(&TestFlags::cores, "cores", "Optional, with default.", Option<int>(2));
  }

  string name;
  int port;
  double ratio;
  bool verbose;
  Duration timeout;
  Bytes memory;
  Option<string> master;
  Option<JSON::Object> attributes;
  Path work_dir;
  Duration ping_timeout;
  Option<bool> strict;
  Option<int> cores;
};

class RequiredFlags : public virtual flags::FlagsBase {
 public:
  RequiredFlags() { add(&RequiredFlags::id, "id", "Required."); }
  string id;
};

// A second flags class composed with the first, as the agent composes
// its flags with libprocess's and logging's.
class ComposedFlags : public virtual TestFlags, public virtual RequiredFlags {
 public:
  ComposedFlags() { add(&ComposedFlags::extra, "extra", "More.", 1); }
  int extra;
};

Try<flags::Warnings> load(flags::FlagsBase* flags,
                          std::vector<const char*> args,
                          const Option<string>& prefix = None(),
                          bool unknowns = false, bool duplicates = false) {
  args.insert(args.begin(), "/usr/sbin/program");
  return flags->load(prefix, static_cast<int>(args.size()), args.data(),
                     unknowns, duplicates);
}

}  // namespace

TEST(FlagsTest, Defaults) {
  TestFlags flags;
  ASSERT_TRUE(load(&flags, {}).isSome());
  EXPECT_EQ("default", flags.name);
  EXPECT_EQ(5051, flags.port);
  EXPECT_FALSE(flags.verbose);
  EXPECT_EQ(Seconds(10), flags.timeout);
  EXPECT_EQ(Megabytes(64), flags.memory);
  EXPECT_TRUE(flags.master.isNone());
  EXPECT_TRUE(flags.strict.isNone());
  EXPECT_EQ(Option<int>(2), flags.cores);
  EXPECT_FALSE(flags.help);
}

TEST(FlagsTest, LoadsEveryType) {
  TestFlags flags;
  Try<flags::Warnings> result = load(
      &flags, {"--name=x=y", "--port=80", "--ratio=0.25", "--verbose",
               "--timeout=2mins", "--memory=1GB", "--master=zk://host/mesos",
               "--attributes={\"rack\":\"r1\"}", "--work_dir=/var/lib/mesos",
               "--no-strict", "--cores=4", "positional", "--", "--port=1"});
  ASSERT_TRUE(result.isSome()) << result.error();
  EXPECT_TRUE(result->warnings.empty());
  EXPECT_EQ("x=y", flags.name);
  EXPECT_EQ(80, flags.port);
  EXPECT_DOUBLE_EQ(0.25, flags.ratio);
  EXPECT_TRUE(flags.verbose);
  EXPECT_EQ(Minutes(2), flags.timeout);
  EXPECT_EQ(Gigabytes(1), flags.memory);
  EXPECT_EQ("zk://host/mesos", flags.master.get());
  EXPECT_EQ("r1", flags.attributes->find<JSON::String>("rack")->value);
  EXPECT_EQ("/var/lib/mesos", flags.work_dir.string());
  EXPECT_EQ(Option<bool>(false), flags.strict);
  EXPECT_EQ(Option<int>(4), flags.cores);
}

TEST(FlagsTest, Booleans) {
  for (const auto& [arg, expected] :
       std::vector<std::pair<const char*, bool>>{{"--verbose", true},
                                                 {"--verbose=true", true},
                                                 {"--verbose=1", true},
                                                 {"--verbose=", true},
                                                 {"--verbose=false", false},
                                                 {"--verbose=0", false},
                                                 {"--no-verbose", false}}) {
    TestFlags flags;
    flags.verbose = !expected;
    ASSERT_TRUE(load(&flags, {arg}).isSome()) << arg;
    EXPECT_EQ(expected, flags.verbose) << arg;
  }
}

TEST(FlagsTest, BadInputIsAClearError) {
  const auto error = [](std::vector<const char*> args) {
    TestFlags flags;
    Try<flags::Warnings> result = load(&flags, args);
    return result.isError() ? result.error() : string("loaded");
  };

  EXPECT_EQ("Failed to load unknown flag 'nope'", error({"--nope=1"}));
  EXPECT_EQ("Failed to load unknown flag 'nope' via 'no-nope'",
            error({"--no-nope"}));
  EXPECT_EQ(
      "Failed to load flag 'port': Failed to load value 'eighty': Failed to "
      "convert 'eighty' to number",
      error({"--port=eighty"}));
  EXPECT_EQ(
      "Failed to load non-boolean flag 'port': missing value (use "
      "--port=VALUE)",
      error({"--port", "80"}));
  EXPECT_EQ("Failed to load non-boolean flag 'port' via 'no-port'",
            error({"--no-port"}));
  EXPECT_EQ(
      "Failed to load boolean flag 'verbose' via 'no-verbose' with value "
      "'true'",
      error({"--no-verbose=true"}));
  EXPECT_EQ(
      "Failed to load flag 'verbose': Failed to load value 'yes': Expecting "
      "a boolean (e.g., true or false)",
      error({"--verbose=yes"}));
  EXPECT_EQ("Flag 'port' is given more than once",
            error({"--port=1", "--port=2"}));
  EXPECT_EQ("Invalid flag 'timeout': must be positive",
            error({"--timeout=0secs"}));
  EXPECT_NE(string::npos, error({"--timeout=10"}).find("'timeout'"));
  EXPECT_NE(string::npos, error({"--memory=1.5GB"}).find("fractional"));
  EXPECT_NE(string::npos, error({"--attributes=[1]"}).find("object"));
  EXPECT_NE(string::npos, error({"--attributes={"}).find("JSON"));
}

TEST(FlagsTest, UnknownsAndDuplicatesCanBeAllowed) {
  TestFlags flags;
  ASSERT_TRUE(
      load(&flags, {"--nope=1", "--port=1", "--port=2"}, None(), true, true)
          .isSome());
  EXPECT_EQ(2, flags.port);
}

TEST(FlagsTest, CaseInsensitiveNames) {
  TestFlags flags;
  ASSERT_TRUE(load(&flags, {"--PORT=9"}).isSome());
  EXPECT_EQ(9, flags.port);
}

TEST(FlagsTest, Required) {
  RequiredFlags flags;
  Try<flags::Warnings> missing = load(&flags, {});
  ASSERT_TRUE(missing.isError());
  EXPECT_EQ("Flag 'id' is required, but it was not provided", missing.error());

  ASSERT_TRUE(load(&flags, {"--id=abc"}).isSome());
  EXPECT_EQ("abc", flags.id);
}

TEST(FlagsTest, DeprecatedAlias) {
  TestFlags flags;
  Try<flags::Warnings> result = load(&flags, {"--slave_ping_timeout=3secs"});
  ASSERT_TRUE(result.isSome()) << result.error();
  ASSERT_EQ(1u, result->warnings.size());
  EXPECT_EQ("Loaded deprecated flag 'slave_ping_timeout'",
            result->warnings[0].message);
  EXPECT_EQ(Seconds(3), flags.ping_timeout);

  TestFlags both;
  EXPECT_TRUE(
      load(&both, {"--slave_ping_timeout=3secs", "--agent_ping_timeout=4secs"})
          .isError());

  TestFlags current;
  result = load(&current, {"--agent_ping_timeout=5secs"});
  ASSERT_TRUE(result.isSome());
  EXPECT_TRUE(result->warnings.empty());
}

TEST(FlagsTest, Environment) {
  os::setenv("STOUT_FLAGS_TEST_PORT", "7");
  os::setenv("STOUT_FLAGS_TEST_name", "from-env");
  os::setenv("STOUT_FLAGS_TEST_VERBOSE", "true");
  os::setenv("STOUT_FLAGS_TEST_UNKNOWN", "ignored");
  os::setenv("STOUT_FLAGS_TEST_SLAVE_PING_TIMEOUT", "9secs");

  TestFlags flags;
  Try<flags::Warnings> result =
      load(&flags, {"--port=8", "--no-verbose"}, string("STOUT_FLAGS_TEST_"));
  ASSERT_TRUE(result.isSome()) << result.error();
  EXPECT_EQ(8, flags.port);  // The command line wins.
  EXPECT_EQ("from-env", flags.name);
  EXPECT_FALSE(flags.verbose);
  EXPECT_EQ(Seconds(9), flags.ping_timeout);

  TestFlags envOnly;
  ASSERT_TRUE(envOnly.load("STOUT_FLAGS_TEST_").isSome());
  EXPECT_EQ(7, envOnly.port);
  EXPECT_TRUE(envOnly.verbose);

  os::setenv("STOUT_FLAGS_TEST_PORT", "bad");
  TestFlags bad;
  EXPECT_TRUE(bad.load("STOUT_FLAGS_TEST_").isError());

  for (const char* key :
       {"STOUT_FLAGS_TEST_PORT", "STOUT_FLAGS_TEST_name",
        "STOUT_FLAGS_TEST_VERBOSE", "STOUT_FLAGS_TEST_UNKNOWN",
        "STOUT_FLAGS_TEST_SLAVE_PING_TIMEOUT"}) {
    os::unsetenv(key);
  }
}

TEST(FlagsTest, FileValues) {
  Try<string> directory = os::mkdtemp();
  ASSERT_TRUE(directory.isSome());
  const string json = path::join(directory.get(), "attributes.json");
  const string port = path::join(directory.get(), "port");
  ASSERT_TRUE(os::write(json, "{\"a\": 1}\n").isSome());
  ASSERT_TRUE(os::write(port, "1234\n").isSome());

  TestFlags flags;
  Try<flags::Warnings> result =
      load(&flags, {("--attributes=file://" + json).c_str(),
                    ("--port=file://" + port).c_str(),
                    ("--work_dir=file://" + port).c_str()});
  ASSERT_TRUE(result.isSome()) << result.error();
  EXPECT_EQ(1, flags.attributes->find<JSON::Number>("a")->as<int>());
  EXPECT_EQ(1234, flags.port);
  EXPECT_EQ("file://" + port, flags.work_dir.string());

  TestFlags missing;
  Try<flags::Warnings> error = load(&missing, {"--port=file:///nonexistent"});
  ASSERT_TRUE(error.isError());
  EXPECT_NE(string::npos, error.error().find("/nonexistent"));

  ASSERT_TRUE(os::rmdir(directory.get()).isSome());
}

TEST(FlagsTest, Composition) {
  ComposedFlags flags;
  ASSERT_TRUE(load(&flags, {"--id=x", "--port=1", "--extra=3"}).isSome());
  EXPECT_EQ("x", flags.id);
  EXPECT_EQ(1, flags.port);
  EXPECT_EQ(3, flags.extra);

  // Copies keep working: the flag callbacks do not capture `this`.
  ComposedFlags copy = flags;
  ASSERT_TRUE(load(&copy, {"--id=y", "--port=2"}).isSome());
  EXPECT_EQ(2, copy.port);
  EXPECT_EQ(1, flags.port);
}

TEST(FlagsTest, RemovesParsedArguments) {
  TestFlags flags;
  std::vector<string> storage = {"prog",      "--port=3", "a",
                                 "--verbose", "--",       "--b"};
  std::vector<char*> argv;
  for (string& arg : storage)
    argv.push_back(arg.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(storage.size());
  char** args = argv.data();

  ASSERT_TRUE(flags.load(None(), &argc, &args).isSome());
  EXPECT_EQ(3, argc);
  EXPECT_STREQ("prog", args[0]);
  EXPECT_STREQ("a", args[1]);
  EXPECT_STREQ("--b", args[2]);
  EXPECT_EQ(nullptr, args[3]);
  EXPECT_EQ(3, flags.port);
  EXPECT_TRUE(flags.verbose);
}

TEST(FlagsTest, LoadFromMap) {
  TestFlags flags;
  ASSERT_TRUE(
      flags.load(std::map<string, string>{{"port", "5"}, {"verbose", "true"}})
          .isSome());
  EXPECT_EQ(5, flags.port);
  EXPECT_TRUE(flags.verbose);

  TestFlags optional;
  ASSERT_TRUE(optional
                  .load(std::map<string, Option<string>>{
                      {"verbose", None()}, {"master", string("m")}})
                  .isSome());
  EXPECT_TRUE(optional.verbose);
  EXPECT_EQ("m", optional.master.get());
  EXPECT_TRUE(
      optional.load(std::map<string, string>{{"bogus", "1"}}).isError());
  EXPECT_TRUE(
      optional.load(std::map<string, string>{{"bogus", "1"}}, true).isSome());
}

TEST(FlagsTest, Usage) {
  TestFlags flags;
  ASSERT_TRUE(load(&flags, {"--help"}).isSome());
  EXPECT_TRUE(flags.help);

  const string usage = flags.usage("Bad flag");
  EXPECT_EQ(0u, usage.find("Bad flag\n\nUsage: program [options]\n\n"));
  EXPECT_NE(string::npos, usage.find("  --[no-]help "));
  EXPECT_NE(string::npos,
            usage.find("Prints this help message (default: false)"));
  EXPECT_NE(string::npos, usage.find("  --port=VALUE "));
  EXPECT_NE(string::npos, usage.find("A number. (default: 5051)\n"));
  EXPECT_NE(string::npos, usage.find("A duration. (default: 10secs)\n"));
  EXPECT_NE(string::npos, usage.find("Some bytes. (default: 64MB)\n"));
  EXPECT_NE(string::npos, usage.find("An optional string.\n"));
  EXPECT_NE(string::npos, usage.find("  --agent_ping_timeout=VALUE, "
                                     "--slave_ping_timeout=VALUE "));

  // Help texts start in one column.
  const size_t port = usage.find("  --port=VALUE");
  const size_t help = usage.find("  --[no-]help");
  EXPECT_EQ(usage.find("A number.", port) - port,
            usage.find("Prints", help) - help);

  flags.setUsageMessage("Custom");
  EXPECT_EQ(0u, flags.usage().find("Custom\n\n"));
}

TEST(FlagsTest, StringifyAndEnvironment) {
  TestFlags flags;
  ASSERT_TRUE(
      load(&flags, {"--master=m", "--slave_ping_timeout=1secs"}).isSome());

  std::map<string, string> values;
  for (const auto& [name, flag] : flags) {
    Option<string> value = flag.stringify(flags);
    if (value.isSome())
      values[name] = value.get();
  }
  EXPECT_EQ("5051", values["port"]);
  EXPECT_EQ("10secs", values["timeout"]);
  EXPECT_EQ("64MB", values["memory"]);
  EXPECT_EQ("m", values["master"]);
  EXPECT_EQ("false", values["verbose"]);
  EXPECT_EQ(0u, values.count("attributes"));

  std::map<string, string> environment = flags.buildEnvironment("MESOS_");
  EXPECT_EQ("5051", environment["MESOS_PORT"]);
  EXPECT_EQ("1secs", environment["MESOS_SLAVE_PING_TIMEOUT"]);

  const string text = stringify(flags);
  EXPECT_NE(string::npos, text.find("--master=\"m\""));
  EXPECT_NE(string::npos, text.find("--port=\"5051\""));
}
