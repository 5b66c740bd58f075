#include <mesos/attributes.hpp>

#include <ostream>
#include <string>
#include <vector>

#include <stout/strings.hpp>

namespace mesos {

std::ostream& operator<<(std::ostream& stream, const Attribute& attribute) {
  stream << attribute.name() << "=";
  switch (attribute.type()) {
    case Value::SCALAR:
      return stream << attribute.scalar();
    case Value::RANGES:
      return stream << attribute.ranges();
    case Value::SET:
      return stream << attribute.set();
    case Value::TEXT:
      return stream << attribute.text();
  }
  return stream;
}

Try<Attribute> Attributes::parse(const std::string& name,
                                 const std::string& value) {
  Try<Value> parsed = internal::values::parse(value);
  if (parsed.isError()) {
    return Error("Failed to parse attribute '" + name + "' value '" + value +
                 "': " + parsed.error());
  }

  Attribute attribute;
  attribute.set_name(name);
  attribute.set_type(parsed->type());
  switch (parsed->type()) {
    case Value::SCALAR:
      *attribute.mutable_scalar() = parsed->scalar();
      return attribute;
    case Value::RANGES:
      *attribute.mutable_ranges() = parsed->ranges();
      return attribute;
    case Value::TEXT:
      *attribute.mutable_text() = parsed->text();
      return attribute;
    case Value::SET:
      break;
  }
  return Error("Bad type for attribute '" + name + "' value '" + value +
               "': sets are not supported for attributes");
}

Try<Attributes> Attributes::parse(const std::string& text) {
  Attributes attributes;
  for (const std::string& token : strings::tokenize(text, ";\n")) {
    const std::vector<std::string> pair = strings::split(token, ":", 2);
    if (pair.size() != 2 || strings::trim(pair[0]).empty() ||
        strings::trim(pair[1]).empty()) {
      return Error("Invalid attribute key:value pair '" + token + "'");
    }
    Try<Attribute> attribute = parse(strings::trim(pair[0]), pair[1]);
    if (attribute.isError())
      return Error(attribute.error());
    attributes.add(attribute.get());
  }
  return attributes;
}

bool Attributes::isValid(const Attribute& attribute) {
  if (attribute.name().empty() || !Value::Type_IsValid(attribute.type()))
    return false;
  switch (attribute.type()) {
    case Value::SCALAR:
      return attribute.has_scalar();
    case Value::RANGES:
      return attribute.has_ranges();
    case Value::TEXT:
      return attribute.has_text();
    case Value::SET:
      return false;
  }
  return false;
}

bool Attributes::contains(const Attribute& attribute) const {
  for (const Attribute& candidate : attributes_) {
    if (candidate.name() != attribute.name() ||
        candidate.type() != attribute.type()) {
      continue;
    }
    switch (candidate.type()) {
      case Value::SCALAR:
        if (candidate.scalar() == attribute.scalar())
          return true;
        break;
      case Value::RANGES:
        if (candidate.ranges() == attribute.ranges())
          return true;
        break;
      case Value::TEXT:
        if (candidate.text() == attribute.text())
          return true;
        break;
      case Value::SET:
        if (candidate.set() == attribute.set())
          return true;
        break;
    }
  }
  return false;
}

Option<Attribute> Attributes::get(const Attribute& attribute) const {
  for (const Attribute& candidate : attributes_) {
    if (candidate.name() == attribute.name() &&
        candidate.type() == attribute.type()) {
      return candidate;
    }
  }
  return None();
}

template <>
Value::Scalar Attributes::get(const std::string& name,
                              const Value::Scalar& fallback) const {
  for (const Attribute& attribute : attributes_) {
    if (attribute.name() == name && attribute.type() == Value::SCALAR)
      return attribute.scalar();
  }
  return fallback;
}

template <>
Value::Ranges Attributes::get(const std::string& name,
                              const Value::Ranges& fallback) const {
  for (const Attribute& attribute : attributes_) {
    if (attribute.name() == name && attribute.type() == Value::RANGES)
      return attribute.ranges();
  }
  return fallback;
}

template <>
Value::Text Attributes::get(const std::string& name,
                            const Value::Text& fallback) const {
  for (const Attribute& attribute : attributes_) {
    if (attribute.name() == name && attribute.type() == Value::TEXT)
      return attribute.text();
  }
  return fallback;
}

bool Attributes::operator==(const Attributes& that) const {
  if (size() != that.size())
    return false;
  for (const Attribute& attribute : attributes_) {
    if (!that.contains(attribute))
      return false;
  }
  for (const Attribute& attribute : that.attributes_) {
    if (!contains(attribute))
      return false;
  }
  return true;
}

}  // namespace mesos
