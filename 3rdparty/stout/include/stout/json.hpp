#ifndef STOUT_JSON_HPP
#define STOUT_JSON_HPP

#include <charconv>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <stout/abort.hpp>
#include <stout/error.hpp>
#include <stout/jsonify.hpp>
#include <stout/none.hpp>
#include <stout/result.hpp>
#include <stout/try.hpp>

// An in-memory JSON document: `JSON::Value` is one of Null, String, Number,
// Boolean, Object or Array. Use it to parse and inspect JSON (flags, HTTP
// request bodies, external programs' output); to *produce* large JSON, use
// the streaming writer in jsonify.hpp instead.
//
//   Try<JSON::Object> object = JSON::parse<JSON::Object>(text);
//   Result<JSON::String> name = object->find<JSON::String>("framework.name");
//   std::string text = stringify(object.get());  // compact JSON
//
// Numbers remember whether they were integers: 5 prints "5", 1.5 prints
// "1.5", and a floating 5.0 prints "5.0".
namespace JSON {

struct Null {
  bool operator==(const Null&) const { return true; }
  bool operator!=(const Null&) const { return false; }
};

struct String {
  String() = default;
  String(const char* value) : value(value) {}
  String(std::string value) : value(std::move(value)) {}

  bool operator==(const String& that) const { return value == that.value; }
  bool operator!=(const String& that) const { return value != that.value; }

  std::string value;
};

struct Number {
  enum Type {
    FLOATING,
    SIGNED_INTEGER,
    UNSIGNED_INTEGER,
  };

  Number() : type(SIGNED_INTEGER), signed_integer(0) {}

  template <typename T,
            typename std::enable_if_t<std::is_floating_point_v<T>, int> = 0>
  Number(T number) : type(FLOATING), value(static_cast<double>(number)) {}

  template <typename T, typename std::enable_if_t<std::is_integral_v<T> &&
                                                      std::is_signed_v<T> &&
                                                      !std::is_same_v<T, bool>,
                                                  int> = 0>
  Number(T number)
      : type(SIGNED_INTEGER), signed_integer(static_cast<int64_t>(number)) {}

  template <typename T, typename std::enable_if_t<std::is_integral_v<T> &&
                                                      std::is_unsigned_v<T> &&
                                                      !std::is_same_v<T, bool>,
                                                  int> = 0>
  Number(T number)
      : type(UNSIGNED_INTEGER),
        unsigned_integer(static_cast<uint64_t>(number)) {}

  // The number converted to T with static_cast semantics (a floating 2.7
  // as<int>() is 2); check `type` first where precision matters.
  template <typename T>
  T as() const {
    switch (type) {
      case FLOATING:
        return static_cast<T>(value);
      case SIGNED_INTEGER:
        return static_cast<T>(signed_integer);
      case UNSIGNED_INTEGER:
        return static_cast<T>(unsigned_integer);
    }
    return T();
  }

  // Numeric equality across representations: 1 == 1u == 1.0.
  bool operator==(const Number& that) const {
    if (type == FLOATING || that.type == FLOATING) {
      return as<double>() == that.as<double>();
    }
    if (type == that.type) {
      return type == SIGNED_INTEGER ? signed_integer == that.signed_integer
                                    : unsigned_integer == that.unsigned_integer;
    }
    const Number& s = type == SIGNED_INTEGER ? *this : that;
    const Number& u = type == SIGNED_INTEGER ? that : *this;
    return s.signed_integer >= 0 &&
           static_cast<uint64_t>(s.signed_integer) == u.unsigned_integer;
  }
  bool operator!=(const Number& that) const { return !(*this == that); }

  Type type;
  union {
    double value;
    int64_t signed_integer;
    uint64_t unsigned_integer;
  };
};

struct Boolean {
  Boolean() = default;
  Boolean(bool value) : value(value) {}

  bool operator==(const Boolean& that) const { return value == that.value; }
  bool operator!=(const Boolean& that) const { return value != that.value; }

  bool value = false;
};

struct True : Boolean {
  True() : Boolean(true) {}
};

struct False : Boolean {
  False() : Boolean(false) {}
};

class Value;

struct Object {
  Object() = default;
  Object(std::initializer_list<std::pair<const std::string, Value>> values);

  // The value at a dotted path, descending through objects, with an
  // optional array index per component: find<JSON::String>("a.b[2].c").
  //
  // None if some component is missing, null or out of range (an index),
  // and also if the value found is null while T is neither Null nor Value.
  // An Error if a value on the way is not an object (or not an array where
  // an index is given), if the path is malformed, or if the value found is
  // not a T.
  template <typename T>
  Result<T> find(const std::string& path) const;

  // The value at `key` (no path interpretation), with find's rules.
  template <typename T>
  Result<T> at(const std::string& key) const;

  bool operator==(const Object& that) const;
  bool operator!=(const Object& that) const { return !(*this == that); }

  std::map<std::string, Value> values;
};

struct Array {
  Array() = default;
  Array(std::initializer_list<Value> values);

  bool operator==(const Array& that) const;
  bool operator!=(const Array& that) const { return !(*this == that); }

  std::vector<Value> values;
};

class Value {
 public:
  Value() = default;
  Value(Null) {}
  Value(String string) : data_(std::move(string)) {}
  Value(Number number) : data_(number) {}
  Value(Boolean boolean) : data_(boolean) {}
  Value(Object object) : data_(std::move(object)) {}
  Value(Array array) : data_(std::move(array)) {}
  Value(const char* string) : data_(String(string)) {}
  Value(std::string string) : data_(String(std::move(string))) {}
  Value(bool boolean) : data_(Boolean(boolean)) {}

  template <typename T,
            typename std::enable_if_t<
                std::is_arithmetic_v<T> && !std::is_same_v<T, bool>, int> = 0>
  Value(T number) : data_(Number(number)) {}

  // Whether this holds a T (one of the six kinds; is<Value>() is true).
  template <typename T>
  bool is() const {
    if constexpr (std::is_same_v<T, Value>) {
      return true;
    } else {
      return std::holds_alternative<T>(data_);
    }
  }

  // The T held; asking for a kind not held is a programming error and
  // aborts (check `is<T>()` first).
  template <typename T>
  const T& as() const {
    const T* held = std::get_if<T>(&data_);
    if (held == nullptr)
      ABORT("JSON::Value::as() of a kind it does not hold");
    return *held;
  }

  template <typename T>
  T& as() {
    T* held = std::get_if<T>(&data_);
    if (held == nullptr)
      ABORT("JSON::Value::as() of a kind it does not hold");
    return *held;
  }

  // "null", "string", "number", "boolean", "object" or "array".
  const char* kind() const {
    static constexpr const char* kinds[] = {"null",    "string", "number",
                                            "boolean", "object", "array"};
    return kinds[data_.index()];
  }

  // Calls `visitor` with the held Null, String, Number, Boolean, Object or
  // Array.
  template <typename Visitor>
  decltype(auto) visit(Visitor&& visitor) const {
    return std::visit(std::forward<Visitor>(visitor), data_);
  }

  bool operator==(const Value& that) const { return data_ == that.data_; }
  bool operator!=(const Value& that) const { return !(*this == that); }

 private:
  std::variant<Null, String, Number, Boolean, Object, Array> data_;
};

inline Object::Object(
    std::initializer_list<std::pair<const std::string, Value>> values)
    : values(values) {}

inline bool Object::operator==(const Object& that) const {
  return values == that.values;
}

inline Array::Array(std::initializer_list<Value> values) : values(values) {}

inline bool Array::operator==(const Array& that) const {
  return values == that.values;
}

namespace internal {

template <typename T>
constexpr const char* kindName() {
  if constexpr (std::is_same_v<T, Null>)
    return "null";
  if constexpr (std::is_same_v<T, String>)
    return "string";
  if constexpr (std::is_same_v<T, Number>)
    return "number";
  if constexpr (std::is_same_v<T, Boolean>)
    return "boolean";
  if constexpr (std::is_same_v<T, Object>)
    return "object";
  if constexpr (std::is_same_v<T, Array>)
    return "array";
  return "value";
}

template <typename T>
Result<T> extract(const Value& value, const std::string& where) {
  if constexpr (std::is_same_v<T, Value>) {
    return value;
  } else {
    static_assert(std::is_same_v<T, Null> || std::is_same_v<T, String> ||
                      std::is_same_v<T, Number> || std::is_same_v<T, Boolean> ||
                      std::is_same_v<T, Object> || std::is_same_v<T, Array>,
                  "find<T>/at<T>: T must be a JSON type");
    if (value.is<T>())
      return value.as<T>();
    if (value.is<Null>())
      return None();
    return Error("Expected a JSON " + std::string(kindName<T>()) + " at '" +
                 where + "' but found " + value.kind());
  }
}

}  // namespace internal

template <typename T>
Result<T> Object::at(const std::string& key) const {
  auto it = values.find(key);
  if (it == values.end())
    return None();
  return internal::extract<T>(it->second, key);
}

template <typename T>
Result<T> Object::find(const std::string& path) const {
  const size_t dot = path.find('.');
  const std::string head = path.substr(0, dot);
  std::string name = head;

  Option<size_t> index;
  const size_t bracket = head.find('[');
  if (bracket != std::string::npos) {
    if (head.back() != ']' || bracket + 2 > head.size() - 1) {
      return Error("Malformed JSON path component '" + head + "'");
    }
    const std::string digits =
        head.substr(bracket + 1, head.size() - bracket - 2);
    size_t parsed = 0;
    const auto result =
        std::from_chars(digits.data(), digits.data() + digits.size(), parsed);
    if (result.ec != std::errc() ||
        result.ptr != digits.data() + digits.size()) {
      return Error("Malformed JSON path index in '" + head + "'");
    }
    index = parsed;
    name = head.substr(0, bracket);
  }

  auto it = values.find(name);
  if (it == values.end())
    return None();

  const Value* value = &it->second;
  if (index.isSome()) {
    if (!value->is<Array>()) {
      return Error("JSON value at '" + name + "' is not an array");
    }
    const std::vector<Value>& elements = value->as<Array>().values;
    if (index.get() >= elements.size())
      return None();
    value = &elements[index.get()];
  }

  if (dot == std::string::npos)
    return internal::extract<T>(*value, head);

  if (!value->is<Object>()) {
    if (value->is<Null>())
      return None();
    return Error("JSON value at '" + head + "' is not an object");
  }
  return value->as<Object>().find<T>(path.substr(dot + 1));
}

// Writers for the model, so `jsonify` and `stringify` accept it.
inline void json(ObjectWriter* writer, const Object& object) {
  for (const auto& [key, value] : object.values)
    writer->field(key, value);
}

inline void json(ArrayWriter* writer, const Array& array) {
  for (const Value& value : array.values)
    writer->element(value);
}

inline void json(ValueWriter* writer, const Null&) {
  writer->null();
}
inline void json(ValueWriter* writer, const String& string) {
  writer->string(string.value);
}
inline void json(ValueWriter* writer, const Boolean& boolean) {
  writer->boolean(boolean.value);
}
inline void json(ValueWriter* writer, const Number& number) {
  switch (number.type) {
    case Number::FLOATING:
      writer->number(number.value);
      break;
    case Number::SIGNED_INTEGER:
      writer->number(number.signed_integer);
      break;
    case Number::UNSIGNED_INTEGER:
      writer->number(number.unsigned_integer);
      break;
  }
}

inline void json(ValueWriter* writer, const Value& value) {
  value.visit([writer](const auto& held) { writer->value(held); });
}

inline std::ostream& operator<<(std::ostream& stream, const Value& value) {
  return stream << jsonify(value);
}
inline std::ostream& operator<<(std::ostream& stream, const Object& object) {
  return stream << jsonify(object);
}
inline std::ostream& operator<<(std::ostream& stream, const Array& array) {
  return stream << jsonify(array);
}
inline std::ostream& operator<<(std::ostream& stream, const String& string) {
  return stream << jsonify(string);
}
inline std::ostream& operator<<(std::ostream& stream, const Number& number) {
  return stream << jsonify(number);
}
inline std::ostream& operator<<(std::ostream& stream, const Boolean& boolean) {
  return stream << jsonify(boolean);
}
inline std::ostream& operator<<(std::ostream& stream, const Null& null) {
  return stream << "null";
}

namespace internal {

// A strict RFC 8259 recursive-descent parser. Rejects comments, trailing
// commas, single quotes, leading zeros, unescaped control characters in
// strings, invalid escapes and unpaired surrogates, and anything after the
// value but whitespace. Nesting deeper than kMaxDepth is rejected so that
// hostile input cannot exhaust the stack. Duplicate object keys: the last
// one wins. Bytes >= 0x80 in strings are kept as they are.
class Parser {
 public:
  static constexpr int kMaxDepth = 512;

  explicit Parser(std::string_view text) : text_(text) {}

  Try<Value> parse() {
    Value value;
    skipWhitespace();
    if (!parseValue(&value, 0))
      return failure();
    skipWhitespace();
    if (position_ != text_.size()) {
      error_ = "unexpected data after the JSON value";
      return failure();
    }
    return value;
  }

 private:
  Error failure() const {
    return Error("Failed to parse JSON at offset " + std::to_string(position_) +
                 ": " + error_);
  }

  bool fail(const char* message) {
    error_ = message;
    return false;
  }

  void skipWhitespace() {
    while (position_ < text_.size()) {
      const char c = text_[position_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        break;
      position_++;
    }
  }

  bool consume(std::string_view literal) {
    if (text_.compare(position_, literal.size(), literal) != 0)
      return false;
    position_ += literal.size();
    return true;
  }

  bool parseValue(Value* out, int depth) {
    if (position_ >= text_.size())
      return fail("unexpected end of input");
    switch (text_[position_]) {
      case '{':
        return parseObject(out, depth + 1);
      case '[':
        return parseArray(out, depth + 1);
      case '"': {
        std::string string;
        if (!parseString(&string))
          return false;
        *out = String(std::move(string));
        return true;
      }
      case 't':
        if (!consume("true"))
          return fail("invalid literal");
        *out = Boolean(true);
        return true;
      case 'f':
        if (!consume("false"))
          return fail("invalid literal");
        *out = Boolean(false);
        return true;
      case 'n':
        if (!consume("null"))
          return fail("invalid literal");
        *out = Null();
        return true;
      default:
        return parseNumber(out);
    }
  }

  bool parseObject(Value* out, int depth) {
    if (depth > kMaxDepth)
      return fail("nesting too deep");
    position_++;
    Object object;
    skipWhitespace();
    if (position_ < text_.size() && text_[position_] == '}') {
      position_++;
      *out = std::move(object);
      return true;
    }
    for (;;) {
      skipWhitespace();
      if (position_ >= text_.size() || text_[position_] != '"') {
        return fail("expected a string key");
      }
      std::string key;
      if (!parseString(&key))
        return false;
      skipWhitespace();
      if (position_ >= text_.size() || text_[position_] != ':') {
        return fail("expected ':'");
      }
      position_++;
      skipWhitespace();
      Value value;
      if (!parseValue(&value, depth))
        return false;
      object.values.insert_or_assign(std::move(key), std::move(value));
      skipWhitespace();
      if (position_ >= text_.size())
        return fail("unterminated object");
      if (text_[position_] == ',') {
        position_++;
        continue;
      }
      if (text_[position_] == '}') {
        position_++;
        *out = std::move(object);
        return true;
      }
      return fail("expected ',' or '}'");
    }
  }

  bool parseArray(Value* out, int depth) {
    if (depth > kMaxDepth)
      return fail("nesting too deep");
    position_++;
    Array array;
    skipWhitespace();
    if (position_ < text_.size() && text_[position_] == ']') {
      position_++;
      *out = std::move(array);
      return true;
    }
    for (;;) {
      skipWhitespace();
      Value value;
      if (!parseValue(&value, depth))
        return false;
      array.values.push_back(std::move(value));
      skipWhitespace();
      if (position_ >= text_.size())
        return fail("unterminated array");
      if (text_[position_] == ',') {
        position_++;
        continue;
      }
      if (text_[position_] == ']') {
        position_++;
        *out = std::move(array);
        return true;
      }
      return fail("expected ',' or ']'");
    }
  }

  bool parseHex4(uint32_t* out) {
    if (position_ + 4 > text_.size())
      return fail("truncated \\u escape");
    uint32_t code = 0;
    for (int i = 0; i < 4; i++) {
      const char c = text_[position_++];
      code <<= 4;
      if (c >= '0' && c <= '9') {
        code |= static_cast<uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        code |= static_cast<uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        code |= static_cast<uint32_t>(c - 'A' + 10);
      } else {
        return fail("invalid \\u escape");
      }
    }
    *out = code;
    return true;
  }

  static void appendUtf8(std::string* out, uint32_t code) {
    if (code < 0x80) {
      out->push_back(static_cast<char>(code));
    } else if (code < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (code >> 6)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (code >> 12)));
      out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (code >> 18)));
      out->push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
  }

  bool parseString(std::string* out) {
    position_++;
    for (;;) {
      size_t run = position_;
      while (run < text_.size()) {
        const unsigned char c = static_cast<unsigned char>(text_[run]);
        if (c == '"' || c == '\\' || c < 0x20)
          break;
        run++;
      }
      out->append(text_.data() + position_, run - position_);
      position_ = run;
      if (position_ >= text_.size())
        return fail("unterminated string");

      const char c = text_[position_];
      if (c == '"') {
        position_++;
        return true;
      }
      if (c != '\\')
        return fail("unescaped control character in string");

      position_++;
      if (position_ >= text_.size())
        return fail("unterminated string");
      const char escape = text_[position_++];
      switch (escape) {
        case '"':
          out->push_back('"');
          break;
        case '\\':
          out->push_back('\\');
          break;
        case '/':
          out->push_back('/');
          break;
        case 'b':
          out->push_back('\b');
          break;
        case 'f':
          out->push_back('\f');
          break;
        case 'n':
          out->push_back('\n');
          break;
        case 'r':
          out->push_back('\r');
          break;
        case 't':
          out->push_back('\t');
          break;
        case 'u': {
          uint32_t code;
          if (!parseHex4(&code))
            return false;
          if (code >= 0xDC00 && code <= 0xDFFF) {
            return fail("unpaired low surrogate in \\u escape");
          }
          if (code >= 0xD800 && code <= 0xDBFF) {
            uint32_t low;
            if (!consume("\\u") || !parseHex4(&low) || low < 0xDC00 ||
                low > 0xDFFF) {
              return fail("unpaired high surrogate in \\u escape");
            }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
          }
          appendUtf8(out, code);
          break;
        }
        default:
          return fail("invalid escape in string");
      }
    }
  }

  bool parseNumber(Value* out) {
    const size_t start = position_;
    bool integral = true;
    if (position_ < text_.size() && text_[position_] == '-')
      position_++;
    if (position_ >= text_.size())
      return fail("invalid number");
    if (text_[position_] == '0') {
      position_++;
    } else if (text_[position_] >= '1' && text_[position_] <= '9') {
      while (position_ < text_.size() && isDigit(text_[position_]))
        position_++;
    } else {
      return fail("unexpected character");
    }
    if (position_ < text_.size() && text_[position_] == '.') {
      integral = false;
      position_++;
      if (position_ >= text_.size() || !isDigit(text_[position_])) {
        return fail("expected a digit after '.'");
      }
      while (position_ < text_.size() && isDigit(text_[position_]))
        position_++;
    }
    if (position_ < text_.size() &&
        (text_[position_] == 'e' || text_[position_] == 'E')) {
      integral = false;
      position_++;
      if (position_ < text_.size() &&
          (text_[position_] == '+' || text_[position_] == '-')) {
        position_++;
      }
      if (position_ >= text_.size() || !isDigit(text_[position_])) {
        return fail("expected a digit in the exponent");
      }
      while (position_ < text_.size() && isDigit(text_[position_]))
        position_++;
    }

    const char* begin = text_.data() + start;
    const char* end = text_.data() + position_;
    if (integral) {
      int64_t signed_integer;
      auto result = std::from_chars(begin, end, signed_integer);
      if (result.ec == std::errc() && result.ptr == end) {
        *out = Number(signed_integer);
        return true;
      }
      uint64_t unsigned_integer;
      result = std::from_chars(begin, end, unsigned_integer);
      if (result.ec == std::errc() && result.ptr == end) {
        *out = Number(unsigned_integer);
        return true;
      }
    }
    double floating;
    const auto result = std::from_chars(begin, end, floating);
    if (result.ec != std::errc() || result.ptr != end) {
      position_ = start;
      return fail("number out of range");
    }
    *out = Number(floating);
    return true;
  }

  static bool isDigit(char c) { return c >= '0' && c <= '9'; }

  std::string_view text_;
  size_t position_ = 0;
  std::string error_;
};

}  // namespace internal

// Parses one JSON value (surrounded by optional whitespace); an Error with
// the byte offset and reason otherwise.
inline Try<Value> parse(const std::string& text) {
  return internal::Parser(text).parse();
}

// Parses and requires a T at the top level, e.g. parse<JSON::Object>(text).
template <typename T>
Try<T> parse(const std::string& text) {
  Try<Value> value = parse(text);
  if (value.isError())
    return Error(value.error());
  if constexpr (std::is_same_v<T, Value>) {
    return value.get();
  } else {
    if (!value->is<T>()) {
      return Error("Expected a JSON " + std::string(internal::kindName<T>()) +
                   " but found " + value->kind());
    }
    return std::move(value->as<T>());
  }
}

}  // namespace JSON

#endif  // STOUT_JSON_HPP
