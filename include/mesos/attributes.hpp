#ifndef MESOS_ATTRIBUTES_HPP
#define MESOS_ATTRIBUTES_HPP

#include <cstddef>
#include <iosfwd>
#include <string>

#include <google/protobuf/repeated_field.h>

#include <mesos/mesos.hpp>
#include <mesos/values.hpp>

#include <stout/option.hpp>
#include <stout/try.hpp>

// Agent attributes (the --attributes flag): named values that Mesos passes
// along in offers without interpreting them. A value is a SCALAR, RANGES or
// TEXT; attribute SETs are not supported (as in Mesos).
namespace mesos {

// "name=value", the value printed in its type's text form.
std::ostream& operator<<(std::ostream& stream, const Attribute& attribute);

// An ordered list of attributes. Thread-compatible (like a std::vector).
class Attributes {
 public:
  // The --attributes flag: "rack:r1;zone:west;level:2;ports:[1-10]",
  // entries separated by ';' or newlines, each "name:value" with the value
  // in the text form of internal::values::parse (a value may contain ':').
  // An Error names the first malformed entry or value; a SET value is an
  // error.
  static Try<Attributes> parse(const std::string& text);

  // One attribute from the text form of its value.
  static Try<Attribute> parse(const std::string& name,
                              const std::string& value);

  // Name set, and a SCALAR, RANGES or TEXT value of the declared type.
  static bool isValid(const Attribute& attribute);

  Attributes() = default;
  Attributes(const google::protobuf::RepeatedPtrField<Attribute>& attributes)
      : attributes_(attributes) {}

  size_t size() const { return static_cast<size_t>(attributes_.size()); }
  bool empty() const { return attributes_.empty(); }

  auto begin() const { return attributes_.begin(); }
  auto end() const { return attributes_.end(); }

  // Whether an attribute with the same name, type and value is present.
  bool contains(const Attribute& attribute) const;

  // The first attribute with the name and type of `attribute`.
  Option<Attribute> get(const Attribute& attribute) const;

  // The value of the first attribute called `name` of T's type
  // (Value::Scalar, Value::Ranges or Value::Text), else `fallback`.
  template <typename T>
  T get(const std::string& name, const T& fallback) const;

  void add(const Attribute& attribute) { *attributes_.Add() = attribute; }

  operator const google::protobuf::RepeatedPtrField<Attribute>&() const {
    return attributes_;
  }

  // Same attributes regardless of order.
  bool operator==(const Attributes& that) const;
  bool operator!=(const Attributes& that) const { return !(*this == that); }

 private:
  google::protobuf::RepeatedPtrField<Attribute> attributes_;
};

template <>
Value::Scalar Attributes::get(const std::string& name,
                              const Value::Scalar& fallback) const;
template <>
Value::Ranges Attributes::get(const std::string& name,
                              const Value::Ranges& fallback) const;
template <>
Value::Text Attributes::get(const std::string& name,
                            const Value::Text& fallback) const;

}  // namespace mesos

#endif  // MESOS_ATTRIBUTES_HPP
