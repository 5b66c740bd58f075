#ifndef STOUT_PROTOBUF_HPP
#define STOUT_PROTOBUF_HPP

#include <fcntl.h>
#include <sys/types.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/message.h>
#include <google/protobuf/repeated_field.h>

#include <stout/base64.hpp>
#include <stout/error.hpp>
#include <stout/json.hpp>
#include <stout/jsonify.hpp>
#include <stout/none.hpp>
#include <stout/nothing.hpp>
#include <stout/numify.hpp>
#include <stout/result.hpp>
#include <stout/try.hpp>

#include <stout/os/fd.hpp>
#include <stout/os/write.hpp>

// Protobuf messages on disk and in pipes, in Mesos's record format: each
// record is a uint32 length in native byte order (little-endian on x86),
// then that many bytes of serialized message. Agent checkpoints (info files,
// the status update stream) and the external containerizer's pipes use it,
// so files written by Apache Mesos read here and vice versa.
//
// Also: JSON <-> protobuf conversion with Mesos's mapping (field names as in
// the .proto, enums by name, `bytes` as base64, 64-bit integers as numbers).
//
// Reading a record stream that a crash may have cut short:
//
//   protobuf::RecordReader<StatusUpdateRecord> reader(fd);
//   for (;;) {
//     Result<StatusUpdateRecord> record = reader.read();
//     if (record.isNone()) break;                 // clean end
//     if (record.isError()) {
//       if (!reader.truncated()) return Error(record.error());  // corrupt
//       os::ftruncate(fd, reader.end());          // drop the torn tail
//       break;
//     }
//     ...
//   }
//
// A torn record is one the file ends inside of (a crash mid-append); a
// complete record whose body does not parse is corruption, never "torn".
namespace protobuf {

namespace internal {

template <typename T>
struct IsRepeated : std::false_type {};
template <typename T>
struct IsRepeated<google::protobuf::RepeatedPtrField<T>> : std::true_type {};

// Appends one record (length + body) for `message` to `buffer`.
inline Try<Nothing> appendRecord(std::string* buffer,
                                 const google::protobuf::Message& message) {
  if (!message.IsInitialized()) {
    return Error(
        "Failed to serialize " + message.GetTypeName() +
        ": missing required fields: " + message.InitializationErrorString());
  }
  const size_t size = message.ByteSizeLong();
  if (size > std::numeric_limits<uint32_t>::max()) {
    return Error("Failed to serialize " + message.GetTypeName() +
                 ": too large for a record");
  }
  const uint32_t length = static_cast<uint32_t>(size);
  const size_t offset = buffer->size();
  buffer->resize(offset + sizeof(length) + size);
  std::memcpy(&(*buffer)[offset], &length, sizeof(length));
  if (!message.SerializeWithCachedSizesToArray(
          reinterpret_cast<uint8_t*>(&(*buffer)[offset + sizeof(length)]))) {
    return Error("Failed to serialize " + message.GetTypeName());
  }
  return Nothing();
}

// The records for a message or for each message of a repeated field.
template <typename T>
Try<std::string> records(const T& t) {
  std::string buffer;
  if constexpr (IsRepeated<T>::value) {
    for (const auto& message : t) {
      Try<Nothing> appended = appendRecord(&buffer, message);
      if (appended.isError())
        return Error(appended.error());
    }
  } else {
    static_assert(std::is_base_of_v<google::protobuf::Message, T>,
                  "T must be a protobuf message or a RepeatedPtrField");
    Try<Nothing> appended = appendRecord(&buffer, t);
    if (appended.isError())
      return Error(appended.error());
  }
  return buffer;
}

enum class ReadStatus {
  RECORD,     // A complete record was read and parsed.
  END,        // The stream ended exactly at a record boundary.
  TRUNCATED,  // The stream ended inside a record.
  FAILED,     // An I/O error, or a complete record that does not parse.
};

struct ReadOutcome {
  ReadStatus status;
  size_t consumed;  // Bytes read from the stream.
  std::string error;
};

inline ReadOutcome readRecord(int fd, google::protobuf::Message* message) {
  uint32_t length;
  Result<std::string> header = os::read(fd, sizeof(length));
  if (header.isError()) {
    return {ReadStatus::FAILED, 0,
            "Failed to read record length: " + header.error()};
  }
  if (header.isNone())
    return {ReadStatus::END, 0, ""};
  if (header->size() < sizeof(length)) {
    return {ReadStatus::TRUNCATED, header->size(),
            "Truncated record: the stream ended inside the record length"};
  }
  std::memcpy(&length, header->data(), sizeof(length));

  std::string body;
  if (length > 0) {
    Result<std::string> read = os::read(fd, length);
    if (read.isError()) {
      return {ReadStatus::FAILED, sizeof(length),
              "Failed to read record body: " + read.error()};
    }
    if (read.isNone() || read->size() < length) {
      const size_t got = read.isSome() ? read->size() : 0;
      return {ReadStatus::TRUNCATED, sizeof(length) + got,
              "Truncated record: expected " + std::to_string(length) +
                  " bytes of " + message->GetTypeName() + " but the stream " +
                  "ended after " + std::to_string(got)};
    }
    body = std::move(read.get());
  }

  if (!message->ParseFromString(body)) {
    return {ReadStatus::FAILED, sizeof(length) + length,
            "Corrupt record: " + std::to_string(length) +
                " bytes that do not parse as " + message->GetTypeName()};
  }
  return {ReadStatus::RECORD, sizeof(length) + length, ""};
}

}  // namespace internal

// Writes one record (or one per message of a RepeatedPtrField) to `fd` in a
// single buffered write. Fails without writing if a message lacks required
// fields. On an I/O error a prefix of the record(s) may have been written.
template <typename T>
Try<Nothing> write(int fd, const T& t) {
  Try<std::string> records = internal::records(t);
  if (records.isError())
    return Error(records.error());
  return os::write(fd, records.get());
}

// Replaces `path` atomically (see os::atomicWrite) with the record(s) of
// `t`: after a crash the file holds either the old or the new content. For
// info files such as checkpointed FrameworkInfo / ExecutorInfo.
template <typename T>
Try<Nothing> write(const std::string& path, const T& t) {
  Try<std::string> records = internal::records(t);
  if (records.isError())
    return Error(records.error());
  return os::atomicWrite(path, records.get());
}

// Appends one record to `path`, creating the file (0644) if missing. The
// record goes out in one write(2) on an O_APPEND descriptor; a crash can
// still leave it torn, which RecordReader reports. Not fsynced: call
// os::fsync on your own descriptor where durability matters.
inline Try<Nothing> append(const std::string& path,
                           const google::protobuf::Message& message) {
  Try<std::string> records = internal::records(message);
  if (records.isError())
    return Error(records.error());
  Try<int> fd = os::open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd.isError())
    return Error(fd.error());
  Try<Nothing> written = os::write(fd.get(), records.get());
  ::close(fd.get());
  if (written.isError()) {
    return Error("Failed to append to '" + path + "': " + written.error());
  }
  return Nothing();
}

// Reads records of T one at a time from a file or pipe, from the
// descriptor's current offset, and remembers how far the intact prefix
// reaches. Does not own or close the descriptor. Not thread-safe.
template <typename T>
class RecordReader {
  static_assert(std::is_base_of_v<google::protobuf::Message, T>,
                "T must be a protobuf message");

 public:
  explicit RecordReader(int fd) : fd_(fd) {
    const off_t start = ::lseek(fd, 0, SEEK_CUR);
    end_ = start < 0 ? 0 : start;
  }

  // The next record; None at a clean end of stream; an Error if the stream
  // ends inside a record (then `truncated()` is true), if a record does not
  // parse, or on an I/O error.
  Result<T> read() {
    T message;
    const internal::ReadOutcome outcome = internal::readRecord(fd_, &message);
    truncated_ = outcome.status == internal::ReadStatus::TRUNCATED;
    switch (outcome.status) {
      case internal::ReadStatus::RECORD:
        end_ += static_cast<off_t>(outcome.consumed);
        return message;
      case internal::ReadStatus::END:
        return None();
      case internal::ReadStatus::TRUNCATED:
      case internal::ReadStatus::FAILED:
        break;
    }
    return Error(outcome.error);
  }

  // Whether the last read() failed because the stream ended inside a record.
  bool truncated() const { return truncated_; }

  // For a file: the offset just past the last record read() returned (the
  // starting offset before any). Truncating the file here drops a torn tail.
  // For a pipe: the number of bytes in complete records read so far.
  off_t end() const { return end_; }

 private:
  int fd_;
  off_t end_;
  bool truncated_ = false;
};

namespace internal {

template <typename T>
struct Read {
  Result<T> operator()(int fd, bool ignorePartial, bool undoFailed) {
    const off_t start = undoFailed ? ::lseek(fd, 0, SEEK_CUR) : -1;
    T message;
    const ReadOutcome outcome = readRecord(fd, &message);
    if (outcome.status == ReadStatus::RECORD)
      return message;
    if (outcome.status == ReadStatus::END)
      return None();
    if (undoFailed && start >= 0)
      ::lseek(fd, start, SEEK_SET);
    if (outcome.status == ReadStatus::TRUNCATED && ignorePartial) {
      return None();
    }
    return Error(outcome.error);
  }
};

template <typename T>
struct Read<google::protobuf::RepeatedPtrField<T>> {
  Result<google::protobuf::RepeatedPtrField<T>> operator()(int fd,
                                                           bool ignorePartial,
                                                           bool undoFailed) {
    google::protobuf::RepeatedPtrField<T> messages;
    for (;;) {
      Result<T> message = Read<T>()(fd, ignorePartial, undoFailed);
      if (message.isError())
        return Error(message.error());
      if (message.isNone())
        break;
      *messages.Add() = std::move(message.get());
    }
    return messages;
  }
};

}  // namespace internal

// Mesos's single-record read, kept for code written against it: the next
// record at `fd`'s offset, None at a clean end. With `ignorePartial` a torn
// record also yields None (check RecordReader::truncated if you need to
// tell the two apart). With `undoFailed`, a torn or failed read seeks back
// to where the record started, so the offset marks the intact prefix.
// For T = RepeatedPtrField<M>, reads records until the end.
template <typename T>
Result<T> read(int fd, bool ignorePartial = false, bool undoFailed = false) {
  return internal::Read<T>()(fd, ignorePartial, undoFailed);
}

// The record stored at `path` (a file written by `write(path, ...)`), or
// all records for T = RepeatedPtrField<M>. None if the file is empty; an
// Error naming the path if it is missing, torn or corrupt.
template <typename T>
Result<T> read(const std::string& path) {
  Try<int> fd = os::open(path, O_RDONLY | O_CLOEXEC);
  if (fd.isError())
    return Error(fd.error());
  Result<T> result = read<T>(fd.get());
  ::close(fd.get());
  if (result.isError()) {
    return Error("Failed to read '" + path + "': " + result.error());
  }
  return result;
}

// `message` serialized; fails if required fields are missing.
inline Try<std::string> serialize(const google::protobuf::Message& message) {
  if (!message.IsInitialized()) {
    return Error(
        "Failed to serialize " + message.GetTypeName() +
        ": missing required fields: " + message.InitializationErrorString());
  }
  std::string data;
  if (!message.SerializeToString(&data)) {
    return Error("Failed to serialize " + message.GetTypeName());
  }
  return data;
}

// The T that `data` encodes; fails on malformed bytes or missing required
// fields.
template <typename T>
Try<T> deserialize(const std::string& data) {
  static_assert(std::is_base_of_v<google::protobuf::Message, T>,
                "T must be a protobuf message");
  T message;
  if (!message.ParseFromString(data)) {
    return Error("Failed to deserialize " + message.GetTypeName());
  }
  return message;
}

namespace internal {

using google::protobuf::FieldDescriptor;

// Converts a JSON number (or a numeric string, as proto3 JSON writes 64-bit
// integers) to the integer type I, refusing fractions and overflow.
template <typename I>
Try<I> toInteger(const JSON::Value& value) {
  if (value.is<JSON::String>()) {
    return numify<I>(value.as<JSON::String>().value);
  }
  if (!value.is<JSON::Number>()) {
    return Error("expected a number but found " + std::string(value.kind()));
  }
  const JSON::Number& number = value.as<JSON::Number>();
  switch (number.type) {
    case JSON::Number::SIGNED_INTEGER: {
      const int64_t n = number.signed_integer;
      if constexpr (std::is_unsigned_v<I>) {
        if (n < 0 || static_cast<uint64_t>(n) > std::numeric_limits<I>::max()) {
          break;
        }
      } else {
        if (n < std::numeric_limits<I>::min() ||
            n > std::numeric_limits<I>::max()) {
          break;
        }
      }
      return static_cast<I>(n);
    }
    case JSON::Number::UNSIGNED_INTEGER:
      if (number.unsigned_integer >
          static_cast<uint64_t>(std::numeric_limits<I>::max())) {
        break;
      }
      return static_cast<I>(number.unsigned_integer);
    case JSON::Number::FLOATING: {
      const double d = number.value;
      if (std::trunc(d) != d)
        return Error("expected an integer");
      if (d < static_cast<double>(std::numeric_limits<I>::min()) ||
          d >= static_cast<double>(std::numeric_limits<I>::max()) + 1.0) {
        break;
      }
      return static_cast<I>(d);
    }
  }
  return Error("number out of range");
}

inline Try<double> toDouble(const JSON::Value& value) {
  if (value.is<JSON::String>()) {
    return numify<double>(value.as<JSON::String>().value);
  }
  if (!value.is<JSON::Number>()) {
    return Error("expected a number but found " + std::string(value.kind()));
  }
  return value.as<JSON::Number>().as<double>();
}

inline Try<Nothing> parseMessage(google::protobuf::Message* message,
                                 const JSON::Object& object);

// Sets `field` to `value`, or adds `value` to it if it is repeated.
template <typename V>
void store(google::protobuf::Message* message, const FieldDescriptor* field,
           const V& value) {
  const google::protobuf::Reflection* r = message->GetReflection();
  const bool add = field->is_repeated();
  if constexpr (std::is_same_v<V, int32_t>) {
    add ? r->AddInt32(message, field, value)
        : r->SetInt32(message, field, value);
  } else if constexpr (std::is_same_v<V, int64_t>) {
    add ? r->AddInt64(message, field, value)
        : r->SetInt64(message, field, value);
  } else if constexpr (std::is_same_v<V, uint32_t>) {
    add ? r->AddUInt32(message, field, value)
        : r->SetUInt32(message, field, value);
  } else if constexpr (std::is_same_v<V, uint64_t>) {
    add ? r->AddUInt64(message, field, value)
        : r->SetUInt64(message, field, value);
  } else if constexpr (std::is_same_v<V, double>) {
    add ? r->AddDouble(message, field, value)
        : r->SetDouble(message, field, value);
  } else if constexpr (std::is_same_v<V, float>) {
    add ? r->AddFloat(message, field, value)
        : r->SetFloat(message, field, value);
  } else if constexpr (std::is_same_v<V, bool>) {
    add ? r->AddBool(message, field, value) : r->SetBool(message, field, value);
  } else if constexpr (std::is_same_v<V, std::string>) {
    add ? r->AddString(message, field, value)
        : r->SetString(message, field, value);
  } else {
    static_assert(
        std::is_same_v<V, const google::protobuf::EnumValueDescriptor*>);
    add ? r->AddEnum(message, field, value) : r->SetEnum(message, field, value);
  }
}

template <typename I>
Try<Nothing> storeInteger(google::protobuf::Message* message,
                          const FieldDescriptor* field,
                          const JSON::Value& value) {
  Try<I> number = toInteger<I>(value);
  if (number.isError())
    return Error(number.error());
  store(message, field, number.get());
  return Nothing();
}

// Sets (or, for a repeated field, adds) one element of `field` from `value`.
inline Try<Nothing> parseElement(google::protobuf::Message* message,
                                 const FieldDescriptor* field,
                                 const JSON::Value& value) {
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      return storeInteger<int32_t>(message, field, value);
    case FieldDescriptor::CPPTYPE_INT64:
      return storeInteger<int64_t>(message, field, value);
    case FieldDescriptor::CPPTYPE_UINT32:
      return storeInteger<uint32_t>(message, field, value);
    case FieldDescriptor::CPPTYPE_UINT64:
      return storeInteger<uint64_t>(message, field, value);
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT: {
      Try<double> number = toDouble(value);
      if (number.isError())
        return Error(number.error());
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_FLOAT) {
        store(message, field, static_cast<float>(number.get()));
      } else {
        store(message, field, number.get());
      }
      return Nothing();
    }
    case FieldDescriptor::CPPTYPE_BOOL:
      if (!value.is<JSON::Boolean>()) {
        return Error("expected a boolean but found " +
                     std::string(value.kind()));
      }
      store(message, field, value.as<JSON::Boolean>().value);
      return Nothing();
    case FieldDescriptor::CPPTYPE_STRING: {
      if (!value.is<JSON::String>()) {
        return Error("expected a string but found " +
                     std::string(value.kind()));
      }
      const std::string& text = value.as<JSON::String>().value;
      if (field->type() != FieldDescriptor::TYPE_BYTES) {
        store(message, field, text);
        return Nothing();
      }
      Try<std::string> decoded = base64::decode(text);
      if (decoded.isError())
        return Error(decoded.error());
      store(message, field, decoded.get());
      return Nothing();
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const google::protobuf::EnumValueDescriptor* descriptor = nullptr;
      if (value.is<JSON::String>()) {
        descriptor =
            field->enum_type()->FindValueByName(value.as<JSON::String>().value);
      } else if (value.is<JSON::Number>()) {
        Try<int32_t> number = toInteger<int32_t>(value);
        if (number.isError())
          return Error(number.error());
        descriptor = field->enum_type()->FindValueByNumber(number.get());
      } else {
        return Error("expected an enum name but found " +
                     std::string(value.kind()));
      }
      if (descriptor == nullptr) {
        // As proto2 does with unknown enum values on the wire: drop them
        // from optional and repeated fields so newer peers stay readable.
        if (field->is_required()) {
          return Error("unknown value " + stringify(value) + " of enum " +
                       field->enum_type()->full_name());
        }
        return Nothing();
      }
      store(message, field, descriptor);
      return Nothing();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      if (!value.is<JSON::Object>()) {
        return Error("expected an object but found " +
                     std::string(value.kind()));
      }
      const google::protobuf::Reflection* r = message->GetReflection();
      google::protobuf::Message* nested =
          field->is_repeated() ? r->AddMessage(message, field)
                               : r->MutableMessage(message, field);
      return parseMessage(nested, value.as<JSON::Object>());
    }
  }
  return Nothing();
}

// Fills `message` from `object`. Unknown keys are ignored (for forward
// compatibility) and null means "unset"; required fields are checked by the
// caller once the whole message is built.
inline Try<Nothing> parseMessage(google::protobuf::Message* message,
                                 const JSON::Object& object) {
  const google::protobuf::Descriptor* descriptor = message->GetDescriptor();
  for (const auto& [name, value] : object.values) {
    const FieldDescriptor* field = descriptor->FindFieldByName(name);
    if (field == nullptr || value.is<JSON::Null>())
      continue;

    Try<Nothing> parsed = Nothing();
    if (field->is_repeated()) {
      if (!value.is<JSON::Array>()) {
        parsed =
            Error("expected an array but found " + std::string(value.kind()));
      } else {
        for (const JSON::Value& element : value.as<JSON::Array>().values) {
          parsed = parseElement(message, field, element);
          if (parsed.isError())
            break;
        }
      }
    } else {
      parsed = parseElement(message, field, value);
    }

    if (parsed.isError()) {
      // Nested failures already start with "Field '...'"; chain the path.
      const std::string& error = parsed.error();
      if (error.rfind("Field '", 0) == 0) {
        return Error("Field '" + name + "." + error.substr(7));
      }
      return Error("Field '" + name + "': " + error);
    }
  }
  return Nothing();
}

template <typename T>
struct Parse {
  Try<T> operator()(const JSON::Value& value) {
    static_assert(std::is_base_of_v<google::protobuf::Message, T>,
                  "T must be a protobuf message");
    if (!value.is<JSON::Object>()) {
      return Error("Failed to parse " + T().GetTypeName() +
                   ": expected a JSON object but found " + value.kind());
    }
    T message;
    Try<Nothing> parsed = parseMessage(&message, value.as<JSON::Object>());
    if (parsed.isError()) {
      return Error("Failed to parse " + message.GetTypeName() + ": " +
                   parsed.error());
    }
    if (!message.IsInitialized()) {
      return Error(
          "Failed to parse " + message.GetTypeName() +
          ": missing required fields: " + message.InitializationErrorString());
    }
    return message;
  }
};

template <typename T>
struct Parse<google::protobuf::RepeatedPtrField<T>> {
  Try<google::protobuf::RepeatedPtrField<T>> operator()(
      const JSON::Value& value) {
    if (!value.is<JSON::Array>()) {
      return Error("Failed to parse repeated " + T().GetTypeName() +
                   ": expected a JSON array but found " + value.kind());
    }
    google::protobuf::RepeatedPtrField<T> messages;
    for (const JSON::Value& element : value.as<JSON::Array>().values) {
      Try<T> message = Parse<T>()(element);
      if (message.isError())
        return Error(message.error());
      *messages.Add() = std::move(message.get());
    }
    return messages;
  }
};

}  // namespace internal

// The T described by `value` (a JSON object; for T = RepeatedPtrField<M>, a
// JSON array of objects), with the mapping JSON::protobuf produces. Errors
// name the field path, e.g. "Field 'container.docker.image': expected a
// string but found number".
template <typename T>
Try<T> parse(const JSON::Value& value) {
  return internal::Parse<T>()(value);
}

}  // namespace protobuf

namespace JSON {

// A protobuf message to be rendered as JSON, by jsonify (streamed) or
// JSON::protobuf (as an Object). Any message converts to it implicitly, so
// `writer->field("executor", executorInfo)` works; a more specific
// `json(ObjectWriter*, const M&)` overload for a message type M still wins.
// Holds a reference: use it within the full expression.
struct Protobuf {
  Protobuf(const google::protobuf::Message& message) : message(message) {}

  const google::protobuf::Message& message;
};

namespace internal {

// The fields Mesos renders: every set field, every non-empty repeated field,
// and unset optional fields that declare an explicit default and are not
// deprecated (so consumers see e.g. a default `role` without it being set).
inline std::vector<const google::protobuf::FieldDescriptor*> renderedFields(
    const google::protobuf::Message& message) {
  const google::protobuf::Descriptor* descriptor = message.GetDescriptor();
  const google::protobuf::Reflection* reflection = message.GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  fields.reserve(static_cast<size_t>(descriptor->field_count()));
  for (int i = 0; i < descriptor->field_count(); i++) {
    const google::protobuf::FieldDescriptor* field = descriptor->field(i);
    if (field->is_repeated()) {
      if (reflection->FieldSize(message, field) > 0)
        fields.push_back(field);
    } else if (reflection->HasField(message, field) ||
               (field->has_default_value() && !field->options().deprecated())) {
      fields.push_back(field);
    }
  }
  return fields;
}

// Calls `f` with element `index` of `field` (index < 0: the singular value)
// as a bool, integer, double, const std::string& (bytes already base64,
// enums by name) or Protobuf.
template <typename F>
void visitField(const google::protobuf::Message& message,
                const google::protobuf::FieldDescriptor* field, int index,
                F&& f) {
  using google::protobuf::FieldDescriptor;
  const google::protobuf::Reflection* r = message.GetReflection();
  const bool repeated = index >= 0;
  switch (field->cpp_type()) {
    case FieldDescriptor::CPPTYPE_BOOL:
      f(repeated ? r->GetRepeatedBool(message, field, index)
                 : r->GetBool(message, field));
      break;
    case FieldDescriptor::CPPTYPE_INT32:
      f(repeated ? r->GetRepeatedInt32(message, field, index)
                 : r->GetInt32(message, field));
      break;
    case FieldDescriptor::CPPTYPE_INT64:
      f(repeated ? r->GetRepeatedInt64(message, field, index)
                 : r->GetInt64(message, field));
      break;
    case FieldDescriptor::CPPTYPE_UINT32:
      f(repeated ? r->GetRepeatedUInt32(message, field, index)
                 : r->GetUInt32(message, field));
      break;
    case FieldDescriptor::CPPTYPE_UINT64:
      f(repeated ? r->GetRepeatedUInt64(message, field, index)
                 : r->GetUInt64(message, field));
      break;
    case FieldDescriptor::CPPTYPE_FLOAT:
      f(static_cast<double>(repeated
                                ? r->GetRepeatedFloat(message, field, index)
                                : r->GetFloat(message, field)));
      break;
    case FieldDescriptor::CPPTYPE_DOUBLE:
      f(repeated ? r->GetRepeatedDouble(message, field, index)
                 : r->GetDouble(message, field));
      break;
    case FieldDescriptor::CPPTYPE_ENUM:
      f((repeated ? r->GetRepeatedEnum(message, field, index)
                  : r->GetEnum(message, field))
            ->name());
      break;
    case FieldDescriptor::CPPTYPE_STRING: {
      std::string scratch;
      const std::string& value =
          repeated
              ? r->GetRepeatedStringReference(message, field, index, &scratch)
              : r->GetStringReference(message, field, &scratch);
      if (field->type() == FieldDescriptor::TYPE_BYTES) {
        f(base64::encode(value));
      } else {
        f(value);
      }
      break;
    }
    case FieldDescriptor::CPPTYPE_MESSAGE:
      f(Protobuf(repeated ? r->GetRepeatedMessage(message, field, index)
                          : r->GetMessage(message, field)));
      break;
  }
}

// The JSON object key of a map entry: its key field as text (map keys are
// strings, integers or bools).
inline std::string mapKey(const google::protobuf::Message& entry) {
  using google::protobuf::FieldDescriptor;
  const FieldDescriptor* key = entry.GetDescriptor()->map_key();
  const google::protobuf::Reflection* r = entry.GetReflection();
  switch (key->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return r->GetString(entry, key);
    case FieldDescriptor::CPPTYPE_BOOL:
      return r->GetBool(entry, key) ? "true" : "false";
    case FieldDescriptor::CPPTYPE_INT32:
      return std::to_string(r->GetInt32(entry, key));
    case FieldDescriptor::CPPTYPE_INT64:
      return std::to_string(r->GetInt64(entry, key));
    case FieldDescriptor::CPPTYPE_UINT32:
      return std::to_string(r->GetUInt32(entry, key));
    case FieldDescriptor::CPPTYPE_UINT64:
      return std::to_string(r->GetUInt64(entry, key));
    default:
      return "";
  }
}

}  // namespace internal

// Streams `protobuf.message` as a JSON object (no intermediate tree). Map
// fields become objects keyed by the map key, as Mesos renders them.
inline void json(ObjectWriter* writer, const Protobuf& protobuf) {
  const google::protobuf::Message& message = protobuf.message;
  const google::protobuf::Reflection* reflection = message.GetReflection();
  for (const google::protobuf::FieldDescriptor* field :
       internal::renderedFields(message)) {
    if (field->is_map()) {
      writer->field(field->name(), [&](ObjectWriter* object) {
        const int size = reflection->FieldSize(message, field);
        for (int i = 0; i < size; i++) {
          const google::protobuf::Message& entry =
              reflection->GetRepeatedMessage(message, field, i);
          const std::string key = internal::mapKey(entry);
          internal::visitField(
              entry, entry.GetDescriptor()->map_value(), -1,
              [&](const auto& value) { object->field(key, value); });
        }
      });
    } else if (field->is_repeated()) {
      writer->field(field->name(), [&](ArrayWriter* array) {
        const int size = reflection->FieldSize(message, field);
        for (int i = 0; i < size; i++) {
          internal::visitField(message, field, i, [array](const auto& value) {
            array->element(value);
          });
        }
      });
    } else {
      internal::visitField(message, field, -1, [&](const auto& value) {
        writer->field(field->name(), value);
      });
    }
  }
}

// `message` as a JSON::Object, with the same mapping as the streaming form.
inline Object protobuf(const google::protobuf::Message& message);

namespace internal {

template <typename T>
Value toValue(const T& value) {
  if constexpr (std::is_same_v<T, Protobuf>) {
    return JSON::protobuf(value.message);
  } else {
    return Value(value);
  }
}

}  // namespace internal

inline Object protobuf(const google::protobuf::Message& message) {
  Object object;
  const google::protobuf::Reflection* reflection = message.GetReflection();
  for (const google::protobuf::FieldDescriptor* field :
       internal::renderedFields(message)) {
    if (field->is_map()) {
      Object map;
      const int size = reflection->FieldSize(message, field);
      for (int i = 0; i < size; i++) {
        const google::protobuf::Message& entry =
            reflection->GetRepeatedMessage(message, field, i);
        internal::visitField(entry, entry.GetDescriptor()->map_value(), -1,
                             [&](const auto& value) {
                               map.values[internal::mapKey(entry)] =
                                   internal::toValue(value);
                             });
      }
      object.values.emplace(field->name(), std::move(map));
    } else if (field->is_repeated()) {
      Array array;
      const int size = reflection->FieldSize(message, field);
      array.values.reserve(static_cast<size_t>(size));
      for (int i = 0; i < size; i++) {
        internal::visitField(message, field, i, [&](const auto& value) {
          array.values.push_back(internal::toValue(value));
        });
      }
      object.values.emplace(field->name(), std::move(array));
    } else {
      internal::visitField(message, field, -1, [&](const auto& value) {
        object.values.emplace(field->name(), internal::toValue(value));
      });
    }
  }
  return object;
}

// Each message of `messages` as a JSON object, in an array.
template <typename T>
Array protobuf(const google::protobuf::RepeatedPtrField<T>& messages) {
  Array array;
  array.values.reserve(static_cast<size_t>(messages.size()));
  for (const T& message : messages)
    array.values.push_back(protobuf(message));
  return array;
}

}  // namespace JSON

#endif  // STOUT_PROTOBUF_HPP
