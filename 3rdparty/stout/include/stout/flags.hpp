#ifndef STOUT_FLAGS_HPP
#define STOUT_FLAGS_HPP

#include <algorithm>
#include <functional>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <stout/abort.hpp>
#include <stout/bytes.hpp>
#include <stout/duration.hpp>
#include <stout/error.hpp>
#include <stout/json.hpp>
#include <stout/none.hpp>
#include <stout/nothing.hpp>
#include <stout/numify.hpp>
#include <stout/option.hpp>
#include <stout/path.hpp>
#include <stout/some.hpp>
#include <stout/stringify.hpp>
#include <stout/strings.hpp>
#include <stout/try.hpp>

#include <stout/os/environment.hpp>
#include <stout/os/read.hpp>

// Command-line flags in Mesos's syntax, declared as members of a class:
//
//   class Flags : public virtual flags::FlagsBase {
//    public:
//     Flags() {
//       add(&Flags::port, "port", "Port to listen on.", 5051);
//       add(&Flags::work_dir, "work_dir", "Where to keep state.");  // required
//       add(&Flags::master, "master", "Master to register with.");  // Option
//       add(&Flags::executor_registration_timeout,
//           "executor_registration_timeout", "How long to wait.",
//           Minutes(1),
//           [](const Duration& d) -> Option<Error> {
//             if (d <= Duration::zero()) return Error("must be positive");
//             return None();
//           });
//     }
//     int port;
//     std::string work_dir;
//     Option<std::string> master;
//     Duration executor_registration_timeout;
//   };
//
//   Flags flags;
//   Try<flags::Warnings> load = flags.load("MESOS_", argc, argv);
//   if (load.isError()) { std::cerr << flags.usage(load.error()); exit(1); }
//   if (flags.help) { std::cout << flags.usage(); exit(0); }
//
// Syntax: `--name=value`; for booleans also `--name` (true) and `--no-name`
// (false). `--name value` is NOT accepted, as in Mesos: arguments that do
// not start with "--" are left alone, and everything after "--" is ignored.
// Names are case-insensitive on the command line. A value "file:///path"
// is replaced by that file's content (trimmed of surrounding whitespace
// except for string flags), except for Path flags.
//
// From the environment, PREFIX + name (in any case: MESOS_PORT or
// MESOS_port) sets flag `name`; the command line wins over the environment.
// Unknown environment variables with the prefix are ignored; unknown
// command-line flags are an error unless `unknowns` is set.
//
// Supported types: std::string, bool, integers, floating point, Duration,
// Bytes, Path, JSON::Object, JSON::Array, JSON::Value, Option<T> of those,
// any T with a `static Try<T> parse(const std::string&)`, and any T for
// which `flags::parse<T>` is specialized before the `add` that uses it.
namespace flags {

// A flag's name; `deprecated` names (see DeprecatedName) still load but add
// a warning.
struct Name {
  Name() = default;
  Name(const std::string& value) : value(value) {}
  Name(const char* value) : value(value) {}

  bool operator==(const Name& that) const { return value == that.value; }
  bool operator!=(const Name& that) const { return value != that.value; }

  std::string value;
  bool deprecated = false;
};

// A name kept for backwards compatibility, typically as an alias:
// add(&Flags::agent_ping_timeout, "agent_ping_timeout",
//     flags::DeprecatedName("slave_ping_timeout"), ...).
inline Name DeprecatedName(const std::string& value) {
  Name name(value);
  name.deprecated = true;
  return name;
}

struct Warning {
  explicit Warning(std::string message) : message(std::move(message)) {}
  std::string message;
};

// Non-fatal findings of a load (currently: use of deprecated names).
struct Warnings {
  std::vector<Warning> warnings;
};

// Converts a flag value. The generic version covers the types listed
// above; specialize it for others (e.g. a protobuf message from JSON).
template <typename T>
Try<T> parse(const std::string& value);

namespace internal {

template <typename T, typename = void>
struct HasStaticParse : std::false_type {};
template <typename T>
struct HasStaticParse<
    T, std::enable_if_t<std::is_same_v<
           decltype(T::parse(std::declval<const std::string&>())), Try<T>>>>
    : std::true_type {};

template <typename T>
struct IsOption : std::false_type {};
template <typename T>
struct IsOption<Option<T>> : std::true_type {};

// The type a flag's text parses to: T for both T and Option<T> members.
template <typename T>
struct ValueOf {
  using type = T;
};
template <typename T>
struct ValueOf<Option<T>> {
  using type = T;
};

// A default value as shown in usage(): Option defaults without the Some().
template <typename T>
std::string describe(const T& value) {
  if constexpr (IsOption<T>::value) {
    return value.isSome() ? ::stringify(value.get()) : "None";
  } else {
    return ::stringify(value);
  }
}

template <typename F, typename T>
using EnableIfValidator =
    std::enable_if_t<std::is_invocable_r_v<Option<Error>, F, const T&>, int>;

}  // namespace internal

template <typename T>
Try<T> parse(const std::string& value) {
  if constexpr (std::is_same_v<T, std::string>) {
    return value;
  } else if constexpr (std::is_same_v<T, bool>) {
    if (value == "true" || value == "1")
      return true;
    if (value == "false" || value == "0")
      return false;
    return Error("Expecting a boolean (e.g., true or false)");
  } else if constexpr (std::is_arithmetic_v<T>) {
    return numify<T>(value);
  } else if constexpr (std::is_same_v<T, Path>) {
    return Path(value);
  } else if constexpr (std::is_same_v<T, JSON::Object> ||
                       std::is_same_v<T, JSON::Array> ||
                       std::is_same_v<T, JSON::Value>) {
    return JSON::parse<T>(value);
  } else if constexpr (internal::HasStaticParse<T>::value) {
    return T::parse(value);
  } else {
    static_assert(internal::HasStaticParse<T>::value,
                  "No flags::parse for this type: specialize flags::parse<T>");
    return Error("unsupported");
  }
}

// parse<T>, after replacing a "file://" value by the file's content.
template <typename T>
Try<T> fetch(const std::string& value) {
  static const std::string scheme = "file://";
  if constexpr (!std::is_same_v<T, Path>) {
    if (strings::startsWith(value, scheme)) {
      const std::string path = value.substr(scheme.size());
      Try<std::string> content = os::read(path);
      if (content.isError()) {
        return Error("Error reading file '" + path + "': " + content.error());
      }
      if constexpr (std::is_same_v<T, std::string>) {
        return content.get();
      } else {
        return parse<T>(strings::trim(content.get()));
      }
    }
  }
  return parse<T>(value);
}

class FlagsBase;

// One declared flag. The callbacks take the FlagsBase they act on (not a
// captured `this`) so that copies of a Flags object work.
struct Flag {
  // The name the flag was loaded under (the alias if loaded via it).
  const Name& effective_name() const {
    return loaded_name.isSome() ? loaded_name.get() : name;
  }

  Name name;
  Option<Name> alias;
  Option<Name> loaded_name;
  std::string help;
  bool boolean = false;
  bool required = false;
  std::function<Try<Nothing>(FlagsBase*, const std::string&)> load;
  std::function<Option<std::string>(const FlagsBase&)> stringify;
  std::function<Option<Error>(const FlagsBase&)> validate;
};

// The base of every Flags class; see the top of this file. Declaring flags
// (add) happens in constructors; loading mutates the members, so do it
// before sharing the object between threads.
class FlagsBase {
 public:
  FlagsBase() {
    add(&FlagsBase::help, "help", "Prints this help message", false);
  }
  virtual ~FlagsBase() = default;

  // Moves are deleted because derived Flags classes use virtual
  // inheritance, where a moved-from shared base could be observed.
  FlagsBase(const FlagsBase&) = default;
  FlagsBase(FlagsBase&&) = delete;
  FlagsBase& operator=(const FlagsBase&) = default;
  FlagsBase& operator=(FlagsBase&&) = delete;

  // Loads from environment variables named `prefix` + flag name only.
  Try<Warnings> load(const std::string& prefix) {
    return load(Values(), false, false, prefix);
  }

  // Loads from the environment (if `prefix` is set) and then `argv`, whose
  // values take precedence. `unknowns`: ignore unknown flags instead of
  // failing. `duplicates`: let a later occurrence of a flag override an
  // earlier one instead of failing.
  Try<Warnings> load(const Option<std::string>& prefix, int argc,
                     const char* const* argv, bool unknowns = false,
                     bool duplicates = false) {
    programName_ = argc > 0 ? Path(argv[0]).basename() : "";
    Values values;
    for (int i = 1; i < argc; i++) {
      const std::string arg = strings::trim(argv[i]);
      if (arg == "--")
        break;
      if (!strings::startsWith(arg, "--"))
        continue;
      values.push_back(split(arg));
    }
    return load(std::move(values), unknowns, duplicates, prefix);
  }

  // As above with a prefix; `load("MESOS_", argc, argv)`.
  Try<Warnings> load(const std::string& prefix, int argc,
                     const char* const* argv, bool unknowns = false,
                     bool duplicates = false) {
    return load(Option<std::string>(prefix), argc, argv, unknowns, duplicates);
  }

  // As above, and on success removes the flags (and a "--") from argv,
  // leaving argv[0] and the other arguments in order, null-terminated.
  Try<Warnings> load(const Option<std::string>& prefix, int* argc, char*** argv,
                     bool unknowns = false, bool duplicates = false) {
    programName_ = *argc > 0 ? Path((*argv)[0]).basename() : "";
    Values values;
    std::vector<char*> rest;
    for (int i = 1; i < *argc; i++) {
      const std::string arg = strings::trim((*argv)[i]);
      if (arg == "--") {
        for (int j = i + 1; j < *argc; j++)
          rest.push_back((*argv)[j]);
        break;
      }
      if (!strings::startsWith(arg, "--")) {
        rest.push_back((*argv)[i]);
        continue;
      }
      values.push_back(split(arg));
    }

    Try<Warnings> result =
        load(std::move(values), unknowns, duplicates, prefix);
    if (result.isSome()) {
      int i = 1;
      for (char* arg : rest)
        (*argv)[i++] = arg;
      (*argv)[i] = nullptr;
      *argc = i;
    }
    return result;
  }

  // Loads from `values` (flag name -> value; None as for a bare `--name`),
  // then, for flags not in `values`, from the environment if `prefix` is
  // set.
  Try<Warnings> load(const std::map<std::string, Option<std::string>>& values,
                     bool unknowns = false,
                     const Option<std::string>& prefix = None()) {
    return load(Values(values.begin(), values.end()), unknowns, false, prefix);
  }

  Try<Warnings> load(const std::map<std::string, std::string>& values,
                     bool unknowns = false,
                     const Option<std::string>& prefix = None()) {
    Values converted;
    for (const auto& [name, value] : values)
      converted.emplace_back(name, value);
    return load(std::move(converted), unknowns, false, prefix);
  }

  // Help text: `message` (if any), a blank line, the usage line (or the
  // message set with setUsageMessage), then one line per flag with its help
  // and default, aligned in two columns.
  std::string usage(const Option<std::string>& message = None()) const {
    static constexpr size_t kPad = 5;
    std::string usage;
    if (message.isSome())
      usage = message.get() + "\n\n";
    usage += usageMessage_.isSome()
                 ? usageMessage_.get() + "\n\n"
                 : "Usage: " + programName_ + " [options]\n\n";

    std::map<std::string, std::string> names;
    size_t width = 0;
    for (const auto& [key, flag] : flags_) {
      std::string column = flag.boolean ? "  --[no-]" + flag.name.value
                                        : "  --" + flag.name.value + "=VALUE";
      if (flag.alias.isSome()) {
        column += flag.boolean ? ", --[no-]" + flag.alias->value
                               : ", --" + flag.alias->value + "=VALUE";
      }
      width = std::max(width, column.size());
      names[key] = column;
    }

    for (const auto& [key, flag] : flags_) {
      const std::string& column = names[key];
      std::vector<std::string> lines = strings::split(flag.help, "\n");
      usage += column + std::string(width + kPad - column.size(), ' ') +
               lines[0] + "\n";
      for (size_t i = 1; i < lines.size(); i++) {
        usage += std::string(width + kPad, ' ') + lines[i] + "\n";
      }
    }
    return usage;
  }

  std::string usage(const std::string& message) const {
    return usage(Option<std::string>(message));
  }

  void setUsageMessage(const std::string& message) { usageMessage_ = message; }

  // Flags by name, in name order.
  using const_iterator = std::map<std::string, Flag>::const_iterator;
  const_iterator begin() const { return flags_.begin(); }
  const_iterator end() const { return flags_.end(); }

  // The environment variables that would load the current values:
  // prefix + upper-case name -> value, for every flag with a value.
  std::map<std::string, std::string> buildEnvironment(
      const Option<std::string>& prefix = None()) const {
    std::map<std::string, std::string> environment;
    for (const auto& [key, flag] : flags_) {
      Option<std::string> value = flag.stringify(*this);
      if (value.isSome()) {
        environment[prefix.getOrElse("") +
                    strings::upper(flag.effective_name().value)] = value.get();
      }
    }
    return environment;
  }

  std::map<std::string, std::string> buildEnvironment(
      const std::string& prefix) const {
    return buildEnvironment(Option<std::string>(prefix));
  }

  // Declares a flag backed by member `t1`, with default `*t2` (none: the
  // flag is required), an optional alias, and a validator
  // `Option<Error>(const T1&)` run after loading. Declaring a name twice,
  // or a name starting with "no-", is a programming error and aborts.
  template <typename Flags, typename T1, typename T2, typename F>
  void add(T1 Flags::*t1, const Name& name, const Option<Name>& alias,
           const std::string& help, const T2* t2, F validate);

  template <typename Flags, typename T1, typename T2, typename F,
            internal::EnableIfValidator<F, T1> = 0>
  void add(T1 Flags::*t1, const Name& name, const Option<Name>& alias,
           const std::string& help, const T2& t2, F validate) {
    add(t1, name, alias, help, &t2, validate);
  }

  template <typename Flags, typename T1, typename T2, typename F,
            internal::EnableIfValidator<F, T1> = 0>
  void add(T1 Flags::*t1, const Name& name, const std::string& help,
           const T2& t2, F validate) {
    add(t1, name, None(), help, &t2, validate);
  }

  template <typename Flags, typename T1, typename T2>
  void add(T1 Flags::*t1, const Name& name, const Option<Name>& alias,
           const std::string& help, const T2& t2) {
    add(t1, name, alias, help, &t2, noValidation<T1>());
  }

  template <typename Flags, typename T1, typename T2>
  void add(T1 Flags::*t1, const Name& name, const std::string& help,
           const T2& t2) {
    add(t1, name, None(), help, &t2, noValidation<T1>());
  }

  // A required flag: loading fails unless it is given.
  template <typename Flags, typename T>
  void add(T Flags::*t, const Name& name, const std::string& help) {
    add(t, name, None(), help, static_cast<const T*>(nullptr),
        noValidation<T>());
  }

  // An optional flag without default: None unless given.
  template <typename Flags, typename T, typename F,
            internal::EnableIfValidator<F, Option<T>> = 0>
  void add(Option<T> Flags::*option, const Name& name,
           const Option<Name>& alias, const std::string& help, F validate) {
    add(option, name, alias, help, static_cast<const Option<T>*>(nullptr),
        validate);
    flags_.at(name.value).required = false;
  }

  template <typename Flags, typename T, typename F,
            internal::EnableIfValidator<F, Option<T>> = 0>
  void add(Option<T> Flags::*option, const Name& name, const std::string& help,
           F validate) {
    add(option, name, Option<Name>(None()), help, validate);
  }

  template <typename Flags, typename T>
  void add(Option<T> Flags::*option, const Name& name,
           const std::string& help) {
    add(option, name, Option<Name>(None()), help, noValidation<Option<T>>());
  }

  template <typename Flags, typename T>
  void add(Option<T> Flags::*option, const Name& name,
           const Option<Name>& alias, const std::string& help) {
    add(option, name, alias, help, noValidation<Option<T>>());
  }

  // Set by `--help`; the caller decides what to do (usually print usage()).
  bool help = false;

 protected:
  // From argv[0]; shown in the default usage line.
  std::string programName_;
  Option<std::string> usageMessage_;

 private:
  using Values = std::vector<std::pair<std::string, Option<std::string>>>;

  template <typename T>
  static auto noValidation() {
    return [](const T&) -> Option<Error> { return None(); };
  }

  // "--name=value" -> (name, value); "--name" / "--no-name" -> (name, None).
  static std::pair<std::string, Option<std::string>> split(
      const std::string& arg) {
    const size_t equals = arg.find('=');
    if (equals == std::string::npos) {
      return {strings::lower(arg.substr(2)), None()};
    }
    return {strings::lower(arg.substr(2, equals - 2)), arg.substr(equals + 1)};
  }

  // The flag called `name` (or aliased so), or nullptr.
  Flag* find(const std::string& name) {
    auto alias = aliases_.find(name);
    auto it = flags_.find(alias != aliases_.end() ? alias->second : name);
    return it == flags_.end() ? nullptr : &it->second;
  }

  Try<Warnings> load(Values values, bool unknowns, bool duplicates,
                     const Option<std::string>& prefix) {
    if (prefix.isSome()) {
      // Flags given explicitly, by canonical name, so that neither an alias
      // nor a "no-" form in the environment overrides them.
      std::set<std::string> given;
      for (const auto& value : values) {
        const Flag* flag =
            find(strings::remove(value.first, "no-", strings::PREFIX));
        if (flag != nullptr)
          given.insert(flag->name.value);
      }
      for (const auto& [key, value] : os::environment()) {
        if (!strings::startsWith(key, prefix.get()))
          continue;
        const std::string name = strings::lower(key.substr(prefix->size()));
        const Flag* flag = find(strings::remove(name, "no-", strings::PREFIX));
        if (flag != nullptr && given.count(flag->name.value) == 0) {
          values.emplace_back(name, value);
        }
      }
    }

    Warnings warnings;
    std::set<std::string> loaded;
    for (const auto& [name, value] : values) {
      const bool negated = strings::startsWith(name, "no-");
      const std::string flagName = negated ? name.substr(3) : name;

      Flag* flag = find(flagName);
      if (flag == nullptr) {
        if (unknowns)
          continue;
        return Error("Failed to load unknown flag '" + flagName + "'" +
                     (negated ? " via '" + name + "'" : ""));
      }

      if (!duplicates && loaded.count(flag->name.value) > 0) {
        return Error("Flag '" + flagName + "' is given more than once");
      }

      std::string text;
      if (!flag->boolean) {
        if (negated) {
          return Error("Failed to load non-boolean flag '" + flagName +
                       "' via '" + name + "'");
        }
        if (value.isNone()) {
          return Error("Failed to load non-boolean flag '" + flagName +
                       "': missing value (use --" + flagName + "=VALUE)");
        }
        text = value.get();
      } else if (value.isNone() || value->empty()) {
        text = negated ? "false" : "true";
      } else if (negated) {
        return Error("Failed to load boolean flag '" + flagName + "' via '" +
                     name + "' with value '" + value.get() + "'");
      } else {
        text = value.get();
      }

      Try<Nothing> result = flag->load(this, text);
      if (result.isError()) {
        return Error("Failed to load flag '" + flagName +
                     "': " + result.error());
      }

      loaded.insert(flag->name.value);
      flag->loaded_name = flag->alias.isSome() && flag->alias->value == flagName
                              ? flag->alias.get()
                              : flag->name;
      if (flag->loaded_name->deprecated) {
        warnings.warnings.emplace_back("Loaded deprecated flag '" + flagName +
                                       "'");
      }
    }

    for (const auto& [key, flag] : flags_) {
      if (flag.required && flag.loaded_name.isNone()) {
        return Error("Flag '" + flag.name.value +
                     "' is required, but it was not provided");
      }
      Option<Error> error = flag.validate(*this);
      if (error.isSome()) {
        return Error("Invalid flag '" + flag.name.value +
                     "': " + error->message);
      }
    }
    return warnings;
  }

  void add(Flag flag) {
    std::vector<Name> names = {flag.name};
    if (flag.alias.isSome()) {
      if (flag.alias.get() == flag.name) {
        ABORT("Flag '" + flag.name.value + "' has itself as alias");
      }
      names.push_back(flag.alias.get());
    }
    for (const Name& name : names) {
      if (flags_.count(name.value) > 0 || aliases_.count(name.value) > 0) {
        ABORT("Flag '" + name.value + "' is declared twice");
      }
      if (strings::startsWith(name.value, "no-")) {
        ABORT("Flag '" + name.value + "' starts with the reserved 'no-'");
      }
    }
    if (flag.alias.isSome())
      aliases_[flag.alias->value] = flag.name.value;
    const std::string key = flag.name.value;
    flags_.emplace(key, std::move(flag));
  }

  std::map<std::string, Flag> flags_;
  std::map<std::string, std::string> aliases_;  // alias -> name
};

template <typename Flags, typename T1, typename T2, typename F>
void FlagsBase::add(T1 Flags::*t1, const Name& name, const Option<Name>& alias,
                    const std::string& help, const T2* t2, F validate) {
  using Value = typename internal::ValueOf<T1>::type;

  Flags* flags = dynamic_cast<Flags*>(this);
  if (flags == nullptr) {
    ABORT("Flag '" + name.value + "' added to a class that is not a " +
          "FlagsBase");
  }

  Flag flag;
  flag.name = name;
  flag.alias = alias;
  flag.boolean = std::is_same_v<Value, bool>;
  flag.required = t2 == nullptr;
  flag.help = help;
  if (t2 != nullptr) {
    flags->*t1 = T1(*t2);
    flag.help += (help.empty() || help.back() == '\n' ? "" : " ");
    flag.help += "(default: " + internal::describe(*t2) + ")";
  }

  flag.load = [t1](FlagsBase* base, const std::string& text) -> Try<Nothing> {
    Flags* flags = dynamic_cast<Flags*>(base);
    if (flags == nullptr)
      return Nothing();
    Try<Value> value = fetch<Value>(text);
    if (value.isError()) {
      return Error("Failed to load value '" + text + "': " + value.error());
    }
    flags->*t1 = std::move(value.get());
    return Nothing();
  };

  flag.stringify = [t1](const FlagsBase& base) -> Option<std::string> {
    const Flags* flags = dynamic_cast<const Flags*>(&base);
    if (flags == nullptr)
      return None();
    if constexpr (internal::IsOption<T1>::value) {
      if ((flags->*t1).isNone())
        return None();
      return ::stringify((flags->*t1).get());
    } else {
      return ::stringify(flags->*t1);
    }
  };

  flag.validate = [t1, validate](const FlagsBase& base) -> Option<Error> {
    const Flags* flags = dynamic_cast<const Flags*>(&base);
    if (flags == nullptr)
      return None();
    return validate(flags->*t1);
  };

  add(std::move(flag));
}

// The flags with values, as `--name="value"` separated by spaces (for logs).
inline std::ostream& operator<<(std::ostream& stream, const FlagsBase& flags) {
  bool first = true;
  for (const auto& [key, flag] : flags) {
    Option<std::string> value = flag.stringify(flags);
    if (value.isNone())
      continue;
    if (!first)
      stream << ' ';
    first = false;
    stream << "--" << flag.effective_name().value << "=\"" << value.get()
           << '"';
  }
  return stream;
}

}  // namespace flags

#endif  // STOUT_FLAGS_HPP
