#ifndef STOUT_JSONIFY_HPP
#define STOUT_JSONIFY_HPP

#include <charconv>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <stout/none.hpp>
#include <stout/option.hpp>
#include <stout/stringify.hpp>

// A streaming JSON writer: `jsonify(x)` renders `x` as compact JSON straight
// into a std::string, without building a JSON::Value tree first. This is
// what large endpoints (/state) use.
//
//   std::string body = jsonify([&](JSON::ObjectWriter* writer) {
//     writer->field("id", id);                          // string
//     writer->field("cpus", 0.5);                       // 0.5
//     writer->field("tasks", [&](JSON::ArrayWriter* writer) {
//       for (const Task& task : tasks) writer->element(task);
//     });
//   });
//
// What a value becomes, checked in this order:
//   bool -> true/false; integers -> 42; floating point -> 15 significant
//   digits, always with a '.' or exponent (1.0, 0.1, 1e+20; NaN and
//   infinities, which JSON cannot express, become null); anything
//   convertible to std::string_view -> an escaped string; None, nullptr ->
//   null; Option<T> -> its value or null; a callable taking
//   `JSON::ObjectWriter*` or `JSON::ArrayWriter*` -> that object or array;
//   a type with a `json(JSON::ObjectWriter*, const T&)`,
//   `json(JSON::ArrayWriter*, const T&)` or `json(JSON::ValueWriter*,
//   const T&)` overload found by argument-dependent lookup -> what that
//   overload writes; a map -> an object (keys stringified); any other
//   iterable -> an array.
//
// To teach the writer a type, declare the `json` overload in the type's
// namespace, before the first jsonify of that type in a translation unit.
//
// Strings are written byte for byte except '"', '\\' and control characters
// (U+0000..U+001F, U+007F), which are escaped; UTF-8 passes through as is.
//
// Writers are not thread-safe; each renders into one string.
namespace JSON {

class ObjectWriter;
class ArrayWriter;
class ValueWriter;

namespace internal {

template <typename T>
void write(std::string* out, const T& value);

// Appends `text` as a quoted, escaped JSON string.
inline void appendString(std::string* out, std::string_view text) {
  // 1 for bytes that need an escape.
  static constexpr auto escape = [] {
    struct Table {
      bool value[256] = {};
    } table;
    for (int c = 0; c < 0x20; c++)
      table.value[c] = true;
    table.value[static_cast<unsigned char>('"')] = true;
    table.value[static_cast<unsigned char>('\\')] = true;
    table.value[0x7F] = true;
    return table;
  }();

  out->push_back('"');
  const char* run = text.data();
  const char* end = text.data() + text.size();
  for (const char* p = run; p != end; ++p) {
    const unsigned char c = static_cast<unsigned char>(*p);
    if (!escape.value[c])
      continue;
    out->append(run, static_cast<size_t>(p - run));
    run = p + 1;
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default: {
        static constexpr char hex[] = "0123456789abcdef";
        const char escaped[6] = {'\\', 'u',         '0',
                                 '0',  hex[c >> 4], hex[c & 0xF]};
        out->append(escaped, sizeof(escaped));
        break;
      }
    }
  }
  out->append(run, static_cast<size_t>(end - run));
  out->push_back('"');
}

inline void appendNumber(std::string* out, long long value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out->append(buffer, result.ptr);
}

inline void appendNumber(std::string* out, unsigned long long value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out->append(buffer, result.ptr);
}

// 15 significant digits, as Mesos prints doubles, so 0.1 stays "0.1" and
// integral values keep a decimal point ("1.0") to read back as floating.
inline void appendNumber(std::string* out, double value) {
  if (!std::isfinite(value)) {
    out->append("null");
    return;
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value,
                                    std::chars_format::general, 15);
  const std::string_view text(buffer, static_cast<size_t>(result.ptr - buffer));
  out->append(text);
  if (text.find_first_of(".e") == std::string_view::npos)
    out->append(".0");
}

template <typename T>
void appendArithmetic(std::string* out, T value) {
  if constexpr (std::is_floating_point_v<T>) {
    appendNumber(out, static_cast<double>(value));
  } else if constexpr (std::is_signed_v<T>) {
    appendNumber(out, static_cast<long long>(value));
  } else {
    appendNumber(out, static_cast<unsigned long long>(value));
  }
}

}  // namespace internal

// Writes the members of one JSON object: `{` on construction, `}` on
// destruction. Obtained by taking `JSON::ObjectWriter*` in a callable or a
// `json` overload; never stored beyond that call.
class ObjectWriter {
 public:
  explicit ObjectWriter(std::string* out) : out_(out) { out_->push_back('{'); }
  ~ObjectWriter() { out_->push_back('}'); }

  ObjectWriter(const ObjectWriter&) = delete;
  ObjectWriter& operator=(const ObjectWriter&) = delete;

  // Appends `"key":value`. Keys are not checked for duplicates.
  template <typename T>
  void field(std::string_view key, const T& value) {
    if (!first_)
      out_->push_back(',');
    first_ = false;
    internal::appendString(out_, key);
    out_->push_back(':');
    internal::write(out_, value);
  }

 private:
  std::string* out_;
  bool first_ = true;
};

// Writes the elements of one JSON array: `[` on construction, `]` on
// destruction.
class ArrayWriter {
 public:
  explicit ArrayWriter(std::string* out) : out_(out) { out_->push_back('['); }
  ~ArrayWriter() { out_->push_back(']'); }

  ArrayWriter(const ArrayWriter&) = delete;
  ArrayWriter& operator=(const ArrayWriter&) = delete;

  template <typename T>
  void element(const T& value) {
    if (!first_)
      out_->push_back(',');
    first_ = false;
    internal::write(out_, value);
  }

 private:
  std::string* out_;
  bool first_ = true;
};

// Writes exactly one JSON value of any kind; the extension point for types
// that are not always an object or always an array. Call exactly one of the
// methods, exactly once.
class ValueWriter {
 public:
  explicit ValueWriter(std::string* out) : out_(out) {}

  ValueWriter(const ValueWriter&) = delete;
  ValueWriter& operator=(const ValueWriter&) = delete;

  void null() { out_->append("null"); }
  void boolean(bool value) { out_->append(value ? "true" : "false"); }
  void string(std::string_view value) { internal::appendString(out_, value); }

  template <typename T, typename = std::enable_if_t<std::is_arithmetic_v<T> &&
                                                    !std::is_same_v<T, bool>>>
  void number(T value) {
    internal::appendArithmetic(out_, value);
  }

  // Calls `f(ObjectWriter*)` / `f(ArrayWriter*)` to fill the object / array.
  template <typename F>
  void object(F&& f) {
    ObjectWriter writer(out_);
    f(&writer);
  }

  template <typename F>
  void array(F&& f) {
    ArrayWriter writer(out_);
    f(&writer);
  }

  // Any value jsonify accepts.
  template <typename T>
  void value(const T& value) {
    internal::write(out_, value);
  }

 private:
  std::string* out_;
};

namespace internal {

template <typename Writer, typename T, typename = void>
struct HasJson : std::false_type {};
template <typename Writer, typename T>
struct HasJson<Writer, T,
               std::void_t<decltype(json(std::declval<Writer*>(),
                                         std::declval<const T&>()))>>
    : std::true_type {};

template <typename T>
struct IsOption : std::false_type {};
template <typename T>
struct IsOption<Option<T>> : std::true_type {};

template <typename T>
void write(std::string* out, const T& value) {
  using stout::internal::HasMappedType;
  using stout::internal::IsIterable;

  if constexpr (std::is_same_v<T, bool>) {
    out->append(value ? "true" : "false");
  } else if constexpr (std::is_arithmetic_v<T>) {
    appendArithmetic(out, value);
  } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
    appendString(out, std::string_view(value));
  } else if constexpr (std::is_same_v<T, None> ||
                       std::is_same_v<T, std::nullptr_t>) {
    out->append("null");
  } else if constexpr (IsOption<T>::value) {
    if (value.isSome()) {
      write(out, value.get());
    } else {
      out->append("null");
    }
  } else if constexpr (std::is_invocable_v<const T&, ObjectWriter*>) {
    ObjectWriter writer(out);
    value(&writer);
  } else if constexpr (std::is_invocable_v<const T&, ArrayWriter*>) {
    ArrayWriter writer(out);
    value(&writer);
  } else if constexpr (HasJson<ObjectWriter, T>::value) {
    ObjectWriter writer(out);
    json(&writer, value);
  } else if constexpr (HasJson<ArrayWriter, T>::value) {
    ArrayWriter writer(out);
    json(&writer, value);
  } else if constexpr (HasJson<ValueWriter, T>::value) {
    ValueWriter writer(out);
    json(&writer, value);
  } else if constexpr (HasMappedType<T>::value && IsIterable<T>::value) {
    ObjectWriter writer(out);
    for (const auto& entry : value) {
      if constexpr (std::is_convertible_v<decltype(entry.first),
                                          std::string_view>) {
        writer.field(entry.first, entry.second);
      } else {
        writer.field(stringify(entry.first), entry.second);
      }
    }
  } else if constexpr (IsIterable<T>::value) {
    ArrayWriter writer(out);
    for (const auto& element : value)
      writer.element(element);
  } else {
    static_assert(IsIterable<T>::value,
                  "jsonify: no way to write this type; declare a json() "
                  "overload for it (see jsonify.hpp)");
  }
}

}  // namespace internal
}  // namespace JSON

// `value` as compact JSON (see the rules above).
template <typename T>
std::string jsonify(const T& value) {
  std::string out;
  JSON::internal::write(&out, value);
  return out;
}

// Appends `value` as compact JSON to `*out`, reusing its capacity.
template <typename T>
void jsonify(std::string* out, const T& value) {
  JSON::internal::write(out, value);
}

#endif  // STOUT_JSONIFY_HPP
