// Tests of the wire schema under proto/: every message type survives a
// serialize/parse round trip, hand-derived golden encodings match byte for
// byte, enum numbers and field signatures equal Apache Mesos 1.11's, and
// required fields stay required. See docs/protocol.md.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/message.h>
#include <google/protobuf/unknown_field_set.h>
#include <google/protobuf/util/message_differencer.h>

#include <mesos/containerizer/containerizer.pb.h>
#include <mesos/executor/executor.pb.h>
#include <mesos/mesos.pb.h>
#include <mesos/scheduler/scheduler.pb.h>
#include <messages/messages.pb.h>

namespace {

using google::protobuf::Descriptor;
using google::protobuf::DescriptorPool;
using google::protobuf::EnumDescriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::FileDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;
using google::protobuf::util::MessageDifferencer;

// ---------------------------------------------------------------------------
// Helpers.
// ---------------------------------------------------------------------------

std::string bytes(std::initializer_list<int> values) {
  std::string out;
  for (int value : values) {
    out.push_back(static_cast<char>(value));
  }
  return out;
}

std::string hex(const std::string& data) {
  std::string out;
  char buffer[4];
  for (unsigned char c : data) {
    std::snprintf(buffer, sizeof(buffer), "%02X ", c);
    out += buffer;
  }
  if (!out.empty()) {
    out.pop_back();
  }
  return out;
}

// Serializes with deterministic map ordering.
std::string serialize(const Message& message) {
  std::string out;
  {
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    EXPECT_TRUE(message.SerializeToCodedStream(&coded))
        << message.GetTypeName();
  }
  return out;
}

std::vector<const FileDescriptor*> schemaFiles() {
  return {
      mesos::TaskID::descriptor()->file(),
      mesos::scheduler::Call::descriptor()->file(),
      mesos::executor::Call::descriptor()->file(),
      mesos::containerizer::Launch::descriptor()->file(),
      mesos::internal::RunTaskMessage::descriptor()->file(),
  };
}

// Every message type of `descriptor`'s subtree except map entry types,
// which are exercised through their map fields.
void collect(const Descriptor* descriptor,
             std::vector<const Descriptor*>* out) {
  if (descriptor->options().map_entry()) {
    return;
  }
  out->push_back(descriptor);
  for (int i = 0; i < descriptor->nested_type_count(); ++i) {
    collect(descriptor->nested_type(i), out);
  }
}

std::vector<const Descriptor*> messagesOf(const FileDescriptor* file) {
  std::vector<const Descriptor*> out;
  for (int i = 0; i < file->message_type_count(); ++i) {
    collect(file->message_type(i), &out);
  }
  return out;
}

std::vector<const Descriptor*> allMessages() {
  std::vector<const Descriptor*> out;
  for (const FileDescriptor* file : schemaFiles()) {
    std::vector<const Descriptor*> messages = messagesOf(file);
    out.insert(out.end(), messages.begin(), messages.end());
  }
  return out;
}

// Fills a message through reflection. Required fields are always set (at
// any depth, so the result is initialized); with `full`, optional,
// repeated, map and oneof fields are set too down to kMaxDepth levels,
// which bounds recursive types such as ContainerID.parent.
class Filler {
 public:
  explicit Filler(bool full) : full_(full) {}

  void fill(Message* message, int depth) {
    const Descriptor* descriptor = message->GetDescriptor();
    const bool deep = full_ && depth < kMaxDepth;

    for (int i = 0; i < descriptor->field_count(); ++i) {
      const FieldDescriptor* field = descriptor->field(i);

      if (field->is_required()) {
        setSingular(message, field, depth);
      } else if (!deep) {
        continue;
      } else if (field->containing_oneof() != nullptr) {
        // Set one member per oneof, a different one at each depth.
        const auto* oneof = field->containing_oneof();
        if (oneof->field(depth % oneof->field_count()) == field) {
          setSingular(message, field, depth);
        }
      } else if (field->is_map()) {
        Message* entry = message->GetReflection()->AddMessage(message, field);
        fill(entry, depth);
      } else if (field->is_repeated()) {
        addRepeated(message, field, depth);
        if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
          addRepeated(message, field, depth + 1);
        }
      } else {
        setSingular(message, field, depth);
      }
    }
  }

 private:
  static constexpr int kMaxDepth = 3;

  int salt(const FieldDescriptor* field, int depth) const {
    return field->number() * 7 + depth + 1;
  }

  std::string text(const FieldDescriptor* field, int depth) const {
    std::string value =
        field->name() + "-" + std::to_string(salt(field, depth));
    if (field->type() == FieldDescriptor::TYPE_BYTES) {
      value += std::string("\0\xff\x80", 3);
    }
    return value;
  }

  const google::protobuf::EnumValueDescriptor* enumValue(
      const FieldDescriptor* field, int depth) const {
    const EnumDescriptor* type = field->enum_type();
    return type->value((salt(field, depth) + 1) % type->value_count());
  }

  void setSingular(Message* message, const FieldDescriptor* field, int depth) {
    const Reflection* reflection = message->GetReflection();
    const int s = salt(field, depth);

    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
        reflection->SetInt32(message, field, -s);
        break;
      case FieldDescriptor::CPPTYPE_INT64:
        reflection->SetInt64(message, field, -int64_t{s} * 1000000007);
        break;
      case FieldDescriptor::CPPTYPE_UINT32:
        reflection->SetUInt32(message, field, 3000000000u + s);
        break;
      case FieldDescriptor::CPPTYPE_UINT64:
        reflection->SetUInt64(message, field, uint64_t{1} << 40 | s);
        break;
      case FieldDescriptor::CPPTYPE_DOUBLE:
        reflection->SetDouble(message, field, s + 0.125);
        break;
      case FieldDescriptor::CPPTYPE_FLOAT:
        reflection->SetFloat(message, field, s + 0.5f);
        break;
      case FieldDescriptor::CPPTYPE_BOOL:
        reflection->SetBool(message, field, s % 2 == 0);
        break;
      case FieldDescriptor::CPPTYPE_ENUM:
        reflection->SetEnum(message, field, enumValue(field, depth));
        break;
      case FieldDescriptor::CPPTYPE_STRING:
        reflection->SetString(message, field, text(field, depth));
        break;
      case FieldDescriptor::CPPTYPE_MESSAGE:
        fill(reflection->MutableMessage(message, field), depth + 1);
        break;
    }
  }

  void addRepeated(Message* message, const FieldDescriptor* field, int depth) {
    const Reflection* reflection = message->GetReflection();
    const int s = salt(field, depth);

    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32:
        reflection->AddInt32(message, field, -s);
        break;
      case FieldDescriptor::CPPTYPE_INT64:
        reflection->AddInt64(message, field, -int64_t{s});
        break;
      case FieldDescriptor::CPPTYPE_UINT32:
        reflection->AddUInt32(message, field, s);
        break;
      case FieldDescriptor::CPPTYPE_UINT64:
        reflection->AddUInt64(message, field, s);
        break;
      case FieldDescriptor::CPPTYPE_DOUBLE:
        reflection->AddDouble(message, field, s + 0.25);
        break;
      case FieldDescriptor::CPPTYPE_FLOAT:
        reflection->AddFloat(message, field, s + 0.25f);
        break;
      case FieldDescriptor::CPPTYPE_BOOL:
        reflection->AddBool(message, field, true);
        break;
      case FieldDescriptor::CPPTYPE_ENUM:
        reflection->AddEnum(message, field, enumValue(field, depth));
        break;
      case FieldDescriptor::CPPTYPE_STRING:
        reflection->AddString(message, field, text(field, depth));
        break;
      case FieldDescriptor::CPPTYPE_MESSAGE:
        fill(reflection->AddMessage(message, field), depth + 1);
        break;
    }
  }

  const bool full_;
};

// A one-line signature of a message's fields in field-number order, e.g.
// "required string value = 1; optional mesos.ContainerID parent = 2; ".
std::string signature(const Descriptor* descriptor) {
  std::vector<const FieldDescriptor*> fields;
  for (int i = 0; i < descriptor->field_count(); ++i) {
    fields.push_back(descriptor->field(i));
  }
  std::sort(fields.begin(), fields.end(),
            [](const FieldDescriptor* a, const FieldDescriptor* b) {
              return a->number() < b->number();
            });

  auto typeName = [](const FieldDescriptor* field) -> std::string {
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_MESSAGE:
        return field->message_type()->full_name();
      case FieldDescriptor::CPPTYPE_ENUM:
        return field->enum_type()->full_name();
      default:
        return field->type_name();
    }
  };

  std::string out;
  for (const FieldDescriptor* field : fields) {
    if (field->is_map()) {
      const Descriptor* entry = field->message_type();
      out += "map<" + typeName(entry->FindFieldByNumber(1)) + ", " +
             typeName(entry->FindFieldByNumber(2)) + ">";
    } else {
      out += field->is_required()
                 ? "required"
                 : (field->is_repeated() ? "repeated" : "optional");
      out += " " + typeName(field);
    }
    out += " " + field->name() + " = " + std::to_string(field->number());

    if (field->has_default_value()) {
      std::string value;
      char buffer[32];
      switch (field->cpp_type()) {
        case FieldDescriptor::CPPTYPE_STRING:
          value = "\"" + field->default_value_string() + "\"";
          break;
        case FieldDescriptor::CPPTYPE_BOOL:
          value = field->default_value_bool() ? "true" : "false";
          break;
        case FieldDescriptor::CPPTYPE_DOUBLE:
          std::snprintf(buffer, sizeof(buffer), "%g",
                        field->default_value_double());
          value = buffer;
          break;
        case FieldDescriptor::CPPTYPE_ENUM:
          value = field->default_value_enum()->name();
          break;
        case FieldDescriptor::CPPTYPE_UINT32:
          value = std::to_string(field->default_value_uint32());
          break;
        case FieldDescriptor::CPPTYPE_INT32:
          value = std::to_string(field->default_value_int32());
          break;
        default:
          value = "?";
          break;
      }
      out += " [default = " + value + "]";
    }
    out += "; ";
  }
  return out;
}

const Descriptor* findMessage(const std::string& name) {
  return DescriptorPool::generated_pool()->FindMessageTypeByName(name);
}

// Checks that `message` serializes to exactly `golden`, and that `golden`
// parses back to an equal message.
void expectGolden(const Message& message, const std::string& golden) {
  ASSERT_TRUE(message.IsInitialized()) << message.InitializationErrorString();
  EXPECT_EQ(hex(golden), hex(serialize(message))) << message.GetTypeName();

  std::unique_ptr<Message> parsed(message.New());
  ASSERT_TRUE(parsed->ParseFromString(golden)) << message.GetTypeName();
  EXPECT_TRUE(MessageDifferencer::Equals(message, *parsed))
      << message.DebugString() << "\nvs\n"
      << parsed->DebugString();
}

// Checks an enum's complete list of (name, number) pairs, in declaration
// order (the first one is the proto2 default).
void expectEnum(const EnumDescriptor* descriptor,
                const std::vector<std::pair<std::string, int>>& expected) {
  ASSERT_NE(nullptr, descriptor);
  ASSERT_EQ(static_cast<int>(expected.size()), descriptor->value_count())
      << descriptor->full_name();
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(expected[i].first, descriptor->value(i)->name())
        << descriptor->full_name() << " position " << i;
    EXPECT_EQ(expected[i].second, descriptor->value(i)->number())
        << descriptor->full_name() << "." << expected[i].first;
  }
}

// ---------------------------------------------------------------------------
// Schema inventory.
// ---------------------------------------------------------------------------

TEST(ProtocolSchema, FilesAndPackages) {
  std::vector<std::pair<std::string, std::string>> expected = {
      {"mesos/mesos.proto", "mesos"},
      {"mesos/scheduler/scheduler.proto", "mesos.scheduler"},
      {"mesos/executor/executor.proto", "mesos.executor"},
      {"mesos/containerizer/containerizer.proto", "mesos.containerizer"},
      {"messages/messages.proto", "mesos.internal"},
  };

  std::vector<const FileDescriptor*> files = schemaFiles();
  ASSERT_EQ(expected.size(), files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    EXPECT_EQ(expected[i].first, files[i]->name());
    EXPECT_EQ(expected[i].second, files[i]->package());
    EXPECT_EQ(FileDescriptor::SYNTAX_PROTO2, files[i]->syntax());
  }
}

TEST(ProtocolSchema, MessageCounts) {
  // Message types per file, nested ones included, map entries excluded.
  // A change here means a message was added or dropped: update
  // docs/protocol.md with it.
  std::map<std::string, size_t> expected = {
      {"mesos/mesos.proto", 168},
      {"mesos/scheduler/scheduler.proto", 44},
      {"mesos/executor/executor.proto", 12},
      {"mesos/containerizer/containerizer.proto", 7},
      {"messages/messages.proto", 62},
  };

  for (const FileDescriptor* file : schemaFiles()) {
    EXPECT_EQ(expected[file->name()], messagesOf(file).size()) << file->name();
  }
}

TEST(ProtocolSchema, InternalMessagesExist) {
  // Everything master, agent and the two drivers exchange, plus the
  // checkpointed records.
  const char* names[] = {
      "RegisterSlaveMessage",
      "ReregisterSlaveMessage",
      "SlaveRegisteredMessage",
      "SlaveReregisteredMessage",
      "UnregisterSlaveMessage",
      "MasterSlaveConnection",
      "PingSlaveMessage",
      "PongSlaveMessage",
      "RunTaskMessage",
      "RunTaskGroupMessage",
      "KillTaskMessage",
      "StatusUpdate",
      "StatusUpdateRecord",
      "StatusUpdateMessage",
      "StatusUpdateAcknowledgementMessage",
      "RegisterExecutorMessage",
      "ExecutorRegisteredMessage",
      "ReregisterExecutorMessage",
      "ExecutorReregisteredMessage",
      "ReconnectExecutorMessage",
      "ExitedExecutorMessage",
      "ShutdownExecutorMessage",
      "ShutdownFrameworkMessage",
      "FrameworkToExecutorMessage",
      "ExecutorToFrameworkMessage",
      "UpdateFrameworkMessage",
      "CheckpointResourcesMessage",
      "UpdateSlaveMessage",
      "RegisterFrameworkMessage",
      "ReregisterFrameworkMessage",
      "FrameworkRegisteredMessage",
      "FrameworkReregisteredMessage",
      "UnregisterFrameworkMessage",
      "DeactivateFrameworkMessage",
      "ResourceRequestMessage",
      "ResourceOffersMessage",
      "InverseOffersMessage",
      "RescindResourceOfferMessage",
      "RescindInverseOfferMessage",
      "LaunchTasksMessage",
      "ReviveOffersMessage",
      "ReconcileTasksMessage",
      "ReconcileOperationsMessage",
      "FrameworkErrorMessage",
      "LostSlaveMessage",
      "ShutdownMessage",
      "DrainSlaveMessage",
      "Archive",
      "ResourceVersionUUID",
      "AcknowledgeOperationStatusMessage",
      "UpdateOperationStatusMessage",
      "UpdateOperationStatusRecord",
      "ApplyOperationMessage",
      "TaskHealthStatus",
      "HookExecuted",
      "SubmitSchedulerRequest",
      "SubmitSchedulerResponse",
  };

  for (const char* name : names) {
    EXPECT_NE(nullptr, findMessage(std::string("mesos.internal.") + name))
        << name;
  }
}

// ---------------------------------------------------------------------------
// Round trips of every message type.
// ---------------------------------------------------------------------------

void roundTrip(const Descriptor* descriptor, bool full) {
  const Message* prototype =
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(
          descriptor);
  ASSERT_NE(nullptr, prototype) << descriptor->full_name();

  std::unique_ptr<Message> original(prototype->New());
  Filler(full).fill(original.get(), 0);
  ASSERT_TRUE(original->IsInitialized())
      << descriptor->full_name() << ": "
      << original->InitializationErrorString();

  const std::string wire = serialize(*original);
  if (full && descriptor->field_count() > 0) {
    EXPECT_FALSE(wire.empty()) << descriptor->full_name();
  }

  std::unique_ptr<Message> parsed(prototype->New());
  ASSERT_TRUE(parsed->ParseFromString(wire)) << descriptor->full_name();
  EXPECT_TRUE(MessageDifferencer::Equals(*original, *parsed))
      << descriptor->full_name();
  EXPECT_TRUE(parsed->GetReflection()->GetUnknownFields(*parsed).empty())
      << descriptor->full_name();
  EXPECT_EQ(wire, serialize(*parsed)) << descriptor->full_name();
}

TEST(ProtocolRoundTrip, RequiredFieldsOnly) {
  std::vector<const Descriptor*> messages = allMessages();
  ASSERT_FALSE(messages.empty());
  for (const Descriptor* descriptor : messages) {
    roundTrip(descriptor, false);
  }
}

TEST(ProtocolRoundTrip, WithOptionalAndRepeatedFields) {
  for (const Descriptor* descriptor : allMessages()) {
    roundTrip(descriptor, true);
  }
}

TEST(ProtocolRoundTrip, RequiredFieldsAreEnforced) {
  // A real peer rejects a message missing a required field; ours must too.
  int withRequired = 0;
  for (const Descriptor* descriptor : allMessages()) {
    bool hasRequired = false;
    for (int i = 0; i < descriptor->field_count(); ++i) {
      hasRequired = hasRequired || descriptor->field(i)->is_required();
    }

    const Message* prototype =
        google::protobuf::MessageFactory::generated_factory()->GetPrototype(
            descriptor);
    std::unique_ptr<Message> empty(prototype->New());
    EXPECT_EQ(!hasRequired, empty->IsInitialized()) << descriptor->full_name();
    EXPECT_EQ(!hasRequired, empty->ParseFromString(""))
        << descriptor->full_name();
    withRequired += hasRequired ? 1 : 0;
  }
  EXPECT_GT(withRequired, 100);
}

TEST(ProtocolRoundTrip, UnknownFieldsArePreserved) {
  // Fields of a newer peer that this schema lacks pass through untouched.
  mesos::TaskID id;
  id.set_value("t1");
  // Field 99, wire type 0 (varint): tag = 99 << 3 | 0 = 792 = 0x98 0x06.
  const std::string wire = serialize(id) + bytes({0x98, 0x06, 0x2A});

  mesos::TaskID parsed;
  ASSERT_TRUE(parsed.ParseFromString(wire));
  EXPECT_EQ("t1", parsed.value());
  EXPECT_EQ(1, parsed.GetReflection()->GetUnknownFields(parsed).field_count());
  EXPECT_EQ(hex(wire), hex(serialize(parsed)));
}

// ---------------------------------------------------------------------------
// Golden encodings. Each expected byte string is derived by hand from
// Mesos's field numbers and wire types:
//
//   tag    = field_number << 3 | wire_type, written as a varint
//   wire types: 0 varint (ints, bools, enums), 1 fixed 64-bit (double),
//               2 length-delimited (strings, bytes, messages)
//   varint = 7 bits per byte, least significant group first, high bit set
//            on every byte but the last
//
// Generated C++ writes fields in field-number order, whatever their order
// in the .proto file, and proto2 writes a set field even when it holds the
// default value.
// ---------------------------------------------------------------------------

TEST(ProtocolGolden, TaskID) {
  mesos::TaskID id;
  id.set_value("t1");

  // value (1, LEN): tag 1<<3|2 = 0x0A, length 2, 't' '1' = 0x74 0x31.
  // clang-format off
  expectGolden(
      id,
      bytes({0x0A, 0x02, 0x74, 0x31}));
  // clang-format on
}

TEST(ProtocolGolden, TaskStatus) {
  mesos::TaskStatus status;
  status.mutable_task_id()->set_value("t1");
  status.set_state(mesos::TASK_RUNNING);
  status.set_source(mesos::TaskStatus::SOURCE_EXECUTOR);
  std::string uuid;
  for (int i = 0; i < 16; ++i) {
    uuid.push_back(static_cast<char>(i));
  }
  status.set_uuid(uuid);
  status.mutable_limitation();

  // task_id    (1, LEN):    0x0A, length 4, TaskID 0A 02 74 31.
  // state      (2, VARINT): 2<<3|0 = 0x10, TASK_RUNNING = 1.
  // source     (9, VARINT): 9<<3|0 = 72 = 0x48, SOURCE_EXECUTOR = 2.
  // uuid       (11, LEN):   11<<3|2 = 90 = 0x5A, length 16, 00..0F.
  // limitation (16, LEN):   16<<3|2 = 130 = varint 0x82 0x01 (130 & 0x7F =
  //                         2 with the high bit set, then 130 >> 7 = 1),
  //                         length 0 (empty message, but present).
  // clang-format off
  expectGolden(
      status,
      bytes({0x0A, 0x04, 0x0A, 0x02, 0x74, 0x31,
             0x10, 0x01,
             0x48, 0x02,
             0x5A, 0x10, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
             0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F,
             0x82, 0x01, 0x00}));
  // clang-format on
}

TEST(ProtocolGolden, StatusUpdateRecord) {
  mesos::internal::StatusUpdateRecord record;
  record.set_type(mesos::internal::StatusUpdateRecord::UPDATE);
  mesos::internal::StatusUpdate* update = record.mutable_update();
  update->mutable_framework_id()->set_value("f1");
  update->mutable_status()->mutable_task_id()->set_value("t1");
  update->mutable_status()->set_state(mesos::TASK_RUNNING);
  update->set_timestamp(1.0);
  update->set_latest_state(mesos::TASK_RUNNING);

  // StatusUpdate (27 bytes):
  //   framework_id (1, LEN):    0x0A, length 4, FrameworkID 0A 02 66 31.
  //   status       (4, LEN):    4<<3|2 = 0x22, length 8,
  //                             TaskStatus 0A 04 0A 02 74 31 10 01.
  //   timestamp    (5, I64):    5<<3|1 = 0x29, 1.0 as little-endian IEEE
  //                             754 (0x3FF0000000000000).
  //   latest_state (7, VARINT): 7<<3|0 = 0x38, TASK_RUNNING = 1.
  //   6 + 10 + 9 + 2 = 27 = 0x1B.
  // StatusUpdateRecord:
  //   type   (1, VARINT): 0x08, UPDATE = 0 (set, so written).
  //   update (2, LEN):    0x12, length 0x1B.
  // clang-format off
  expectGolden(
      record,
      bytes({0x08, 0x00,
             0x12, 0x1B,
             0x0A, 0x04, 0x0A, 0x02, 0x66, 0x31,
             0x22, 0x08, 0x0A, 0x04, 0x0A, 0x02, 0x74, 0x31, 0x10, 0x01,
             0x29, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x3F,
             0x38, 0x01}));
  // clang-format on
}

TEST(ProtocolGolden, RunTaskMessage) {
  mesos::internal::RunTaskMessage message;
  message.mutable_framework()->set_user("u");
  message.mutable_framework()->set_name("n");
  message.mutable_task()->set_name("t");
  message.mutable_task()->mutable_task_id()->set_value("t1");
  message.mutable_task()->mutable_slave_id()->set_value("s1");
  message.set_pid("sched@1.2.3.4:5");
  message.set_launch_executor(true);

  // framework (2, LEN):       2<<3|2 = 0x12, length 6,
  //                           FrameworkInfo: user (1) 0A 01 'u',
  //                           name (2) 12 01 'n'. Unset optional fields
  //                           with defaults (role "*", ...) are not
  //                           written.
  // pid (3, LEN):             3<<3|2 = 0x1A, length 15, "sched@1.2.3.4:5".
  // task (4, LEN):            4<<3|2 = 0x22, length 15,
  //                           TaskInfo: name (1) 0A 01 't',
  //                           task_id (2) 12 04 0A 02 74 31,
  //                           slave_id (3) 1A 04 0A 02 73 31.
  // launch_executor (6, VARINT): 6<<3|0 = 0x30, true = 1.
  // pid (3) precedes task (4) on the wire although the .proto declares
  // task first.
  // clang-format off
  expectGolden(
      message,
      bytes({0x12, 0x06, 0x0A, 0x01, 0x75, 0x12, 0x01, 0x6E,
             0x1A, 0x0F, 0x73, 0x63, 0x68, 0x65, 0x64, 0x40, 0x31, 0x2E,
             0x32, 0x2E, 0x33, 0x2E, 0x34, 0x3A, 0x35,
             0x22, 0x0F, 0x0A, 0x01, 0x74,
             0x12, 0x04, 0x0A, 0x02, 0x74, 0x31,
             0x1A, 0x04, 0x0A, 0x02, 0x73, 0x31,
             0x30, 0x01}));
  // clang-format on
}

TEST(ProtocolGolden, ExitedExecutorMessage) {
  mesos::internal::ExitedExecutorMessage message;
  message.mutable_slave_id()->set_value("s1");
  message.mutable_framework_id()->set_value("f1");
  message.mutable_executor_id()->set_value("e1");
  message.set_status(-1);

  // slave_id (1, LEN): 0A 04 0A 02 's' '1'.
  // framework_id (2, LEN): 12 04 0A 02 'f' '1'.
  // executor_id (3, LEN): 1A 04 0A 02 'e' '1'.
  // status (4, VARINT): 4<<3|0 = 0x20; int32 (not sint32), so -1 is
  //   sign-extended to 64 bits and takes ten varint bytes: nine 0xFF
  //   then 0x01.
  // clang-format off
  expectGolden(
      message,
      bytes({0x0A, 0x04, 0x0A, 0x02, 0x73, 0x31,
             0x12, 0x04, 0x0A, 0x02, 0x66, 0x31,
             0x1A, 0x04, 0x0A, 0x02, 0x65, 0x31,
             0x20, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                   0x01}));
  // clang-format on
}

TEST(ProtocolGolden, ContainerizerLaunch) {
  mesos::containerizer::Launch launch;
  launch.mutable_container_id()->set_value("c1");
  launch.set_directory("/d");
  launch.set_user("u");
  launch.mutable_slave_id()->set_value("s1");
  launch.set_checkpoint(true);

  // container_id (1, LEN):  0A 04, ContainerID 0A 02 'c' '1'.
  // directory (4, LEN):     4<<3|2 = 0x22, length 2, "/d" = 2F 64.
  // user (5, LEN):          5<<3|2 = 0x2A, length 1, 'u'.
  // slave_id (6, LEN):      6<<3|2 = 0x32, length 4, SlaveID 0A 02 's' '1'.
  // checkpoint (8, VARINT): 8<<3|0 = 0x40, true = 1.
  // clang-format off
  expectGolden(
      launch,
      bytes({0x0A, 0x04, 0x0A, 0x02, 0x63, 0x31,
             0x22, 0x02, 0x2F, 0x64,
             0x2A, 0x01, 0x75,
             0x32, 0x04, 0x0A, 0x02, 0x73, 0x31,
             0x40, 0x01}));
  // clang-format on
}

TEST(ProtocolGolden, ContainerizerTermination) {
  mesos::containerizer::Termination termination;
  termination.set_message("m");
  termination.set_status(9);
  termination.set_state(mesos::TASK_FAILED);
  termination.add_reasons(
      mesos::TaskStatus::REASON_CONTAINER_LIMITATION_MEMORY);

  // message (2, LEN):    0x12, length 1, 'm' = 0x6D.
  // status (3, VARINT):  0x18, 9.
  // state (4, VARINT):   0x20, TASK_FAILED = 3.
  // reasons (5, VARINT): 0x28, REASON_CONTAINER_LIMITATION_MEMORY = 8; a
  //   proto2 repeated enum without [packed = true] is written one tagged
  //   element at a time.
  // clang-format off
  expectGolden(
      termination,
      bytes({0x12, 0x01, 0x6D,
             0x18, 0x09,
             0x20, 0x03,
             0x28, 0x08}));
  // clang-format on
}

TEST(ProtocolGolden, SchedulerSubscribe) {
  mesos::scheduler::Call call;
  call.set_type(mesos::scheduler::Call::SUBSCRIBE);
  mesos::FrameworkInfo* framework =
      call.mutable_subscribe()->mutable_framework_info();
  framework->set_user("u");
  framework->set_name("n");
  framework->add_capabilities()->set_type(
      mesos::FrameworkInfo::Capability::MULTI_ROLE);
  call.mutable_subscribe()->set_force(true);

  // FrameworkInfo (10 bytes): user (1) 0A 01 'u', name (2) 12 01 'n',
  //   capabilities (10, LEN): 10<<3|2 = 0x52, length 2,
  //   Capability: type (1, VARINT) 08, MULTI_ROLE = 6.
  // Subscribe (14 bytes): framework_info (1, LEN) 0A 0A + 10 bytes,
  //   force (2, VARINT) 10 01.
  // Call: type (2, VARINT) 10, SUBSCRIBE = 1;
  //   subscribe (3, LEN) 3<<3|2 = 0x1A, length 14 = 0x0E.
  // clang-format off
  expectGolden(
      call,
      bytes({0x10, 0x01,
             0x1A, 0x0E,
             0x0A, 0x0A, 0x0A, 0x01, 0x75, 0x12, 0x01, 0x6E,
             0x52, 0x02, 0x08, 0x06,
             0x10, 0x01}));
  // clang-format on
}

TEST(ProtocolGolden, ScalarResource) {
  mesos::Resource resource;
  resource.set_name("cpus");
  resource.set_type(mesos::Value::SCALAR);
  resource.mutable_scalar()->set_value(1.5);

  // name (1, LEN):     0A 04 "cpus" = 63 70 75 73.
  // type (2, VARINT):  0x10, SCALAR = 0.
  // scalar (3, LEN):   0x1A, length 9, Scalar: value (1, I64) 1<<3|1 =
  //                    0x09, 1.5 = 0x3FF8000000000000 little-endian.
  // role (6) keeps its default "*" and is not written.
  // clang-format off
  expectGolden(
      resource,
      bytes({0x0A, 0x04, 0x63, 0x70, 0x75, 0x73,
             0x10, 0x00,
             0x1A, 0x09, 0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF8,
                               0x3F}));
  // clang-format on
}

TEST(ProtocolGolden, ExecutorCallUpdate) {
  mesos::executor::Call call;
  call.mutable_executor_id()->set_value("e1");
  call.mutable_framework_id()->set_value("f1");
  call.set_type(mesos::executor::Call::UPDATE);
  call.mutable_update()->mutable_status()->mutable_task_id()->set_value("t1");
  call.mutable_update()->mutable_status()->set_state(mesos::TASK_FINISHED);

  // executor_id (1, LEN):  0A 04 0A 02 'e' '1'.
  // framework_id (2, LEN): 12 04 0A 02 'f' '1'.
  // type (3, VARINT):      0x18, UPDATE = 2.
  // update (5, LEN):       5<<3|2 = 0x2A, length 10,
  //   Update: status (1, LEN) 0A 08, TaskStatus 0A 04 0A 02 't' '1' 10 02
  //   (TASK_FINISHED = 2).
  // clang-format off
  expectGolden(
      call,
      bytes({0x0A, 0x04, 0x0A, 0x02, 0x65, 0x31,
             0x12, 0x04, 0x0A, 0x02, 0x66, 0x31,
             0x18, 0x02,
             0x2A, 0x0A, 0x0A, 0x08, 0x0A, 0x04, 0x0A, 0x02, 0x74, 0x31,
                                     0x10, 0x02}));
  // clang-format on
}

// ---------------------------------------------------------------------------
// Enum values.
// ---------------------------------------------------------------------------

TEST(ProtocolEnums, TaskState) {
  expectEnum(mesos::TaskState_descriptor(), {{"TASK_STAGING", 6},
                                             {"TASK_STARTING", 0},
                                             {"TASK_RUNNING", 1},
                                             {"TASK_KILLING", 8},
                                             {"TASK_FINISHED", 2},
                                             {"TASK_FAILED", 3},
                                             {"TASK_KILLED", 4},
                                             {"TASK_ERROR", 7},
                                             {"TASK_LOST", 5},
                                             {"TASK_DROPPED", 9},
                                             {"TASK_UNREACHABLE", 10},
                                             {"TASK_GONE", 11},
                                             {"TASK_GONE_BY_OPERATOR", 12},
                                             {"TASK_UNKNOWN", 13}});

  // An unset optional TaskState reads as the first value.
  EXPECT_EQ(mesos::TASK_STAGING, mesos::Task().status_update_state());
}

TEST(ProtocolEnums, TaskStatusSource) {
  expectEnum(
      mesos::TaskStatus::Source_descriptor(),
      {{"SOURCE_MASTER", 0}, {"SOURCE_SLAVE", 1}, {"SOURCE_EXECUTOR", 2}});
}

TEST(ProtocolEnums, TaskStatusReason) {
  const EnumDescriptor* reason = mesos::TaskStatus::Reason_descriptor();
  EXPECT_EQ(35, reason->value_count());
  EXPECT_EQ("REASON_COMMAND_EXECUTOR_FAILED", reason->value(0)->name());

  std::vector<std::pair<std::string, int>> sample = {
      {"REASON_COMMAND_EXECUTOR_FAILED", 0},
      {"REASON_EXECUTOR_TERMINATED", 1},
      {"REASON_EXECUTOR_UNREGISTERED", 2},
      {"REASON_FRAMEWORK_REMOVED", 3},
      {"REASON_GC_ERROR", 4},
      {"REASON_INVALID_FRAMEWORKID", 5},
      {"REASON_INVALID_OFFERS", 6},
      {"REASON_MASTER_DISCONNECTED", 7},
      {"REASON_CONTAINER_LIMITATION_MEMORY", 8},
      {"REASON_RECONCILIATION", 9},
      {"REASON_SLAVE_DISCONNECTED", 10},
      {"REASON_SLAVE_REMOVED", 11},
      {"REASON_SLAVE_RESTARTED", 12},
      {"REASON_SLAVE_UNKNOWN", 13},
      {"REASON_TASK_INVALID", 14},
      {"REASON_TASK_UNAUTHORIZED", 15},
      {"REASON_TASK_UNKNOWN", 16},
      {"REASON_CONTAINER_PREEMPTED", 17},
      {"REASON_RESOURCES_UNKNOWN", 18},
      {"REASON_CONTAINER_LIMITATION", 19},
      {"REASON_CONTAINER_LIMITATION_DISK", 20},
      {"REASON_CONTAINER_LAUNCH_FAILED", 21},
      {"REASON_CONTAINER_UPDATE_FAILED", 22},
      {"REASON_EXECUTOR_REGISTRATION_TIMEOUT", 23},
      {"REASON_EXECUTOR_REREGISTRATION_TIMEOUT", 24},
      {"REASON_TASK_GROUP_INVALID", 25},
      {"REASON_TASK_GROUP_UNAUTHORIZED", 26},
      {"REASON_IO_SWITCHBOARD_EXITED", 27},
      {"REASON_TASK_CHECK_STATUS_UPDATED", 28},
      {"REASON_TASK_HEALTH_CHECK_STATUS_UPDATED", 29},
      {"REASON_TASK_KILLED_DURING_LAUNCH", 30},
      {"REASON_SLAVE_REMOVED_BY_OPERATOR", 31},
      {"REASON_SLAVE_REREGISTERED", 32},
      {"REASON_MAX_COMPLETION_TIME_REACHED", 33},
      {"REASON_SLAVE_DRAINING", 34},
  };
  for (const auto& [name, number] : sample) {
    const auto* value = reason->FindValueByName(name);
    ASSERT_NE(nullptr, value) << name;
    EXPECT_EQ(number, value->number()) << name;
  }

  EXPECT_EQ(mesos::TaskStatus::REASON_COMMAND_EXECUTOR_FAILED,
            mesos::TaskStatus().reason());
}

TEST(ProtocolEnums, SchedulerCallType) {
  expectEnum(mesos::scheduler::Call::Type_descriptor(),
             {{"UNKNOWN", 0},
              {"SUBSCRIBE", 1},
              {"TEARDOWN", 2},
              {"ACCEPT", 3},
              {"DECLINE", 4},
              {"ACCEPT_INVERSE_OFFERS", 13},
              {"DECLINE_INVERSE_OFFERS", 14},
              {"REVIVE", 5},
              {"KILL", 6},
              {"SHUTDOWN", 7},
              {"ACKNOWLEDGE", 8},
              {"ACKNOWLEDGE_OPERATION_STATUS", 15},
              {"RECONCILE", 9},
              {"RECONCILE_OPERATIONS", 16},
              {"MESSAGE", 10},
              {"REQUEST", 11},
              {"SUPPRESS", 12},
              {"UPDATE_FRAMEWORK", 17}});
}

TEST(ProtocolEnums, SchedulerEventType) {
  expectEnum(mesos::scheduler::Event::Type_descriptor(),
             {{"UNKNOWN", 0},
              {"SUBSCRIBED", 1},
              {"OFFERS", 2},
              {"INVERSE_OFFERS", 9},
              {"RESCIND", 3},
              {"RESCIND_INVERSE_OFFER", 10},
              {"UPDATE", 4},
              {"UPDATE_OPERATION_STATUS", 11},
              {"MESSAGE", 5},
              {"FAILURE", 6},
              {"ERROR", 7},
              {"HEARTBEAT", 8}});
}

TEST(ProtocolEnums, ExecutorCallAndEventType) {
  expectEnum(mesos::executor::Call::Type_descriptor(), {{"UNKNOWN", 0},
                                                        {"SUBSCRIBE", 1},
                                                        {"UPDATE", 2},
                                                        {"MESSAGE", 3},
                                                        {"HEARTBEAT", 4}});

  expectEnum(mesos::executor::Event::Type_descriptor(), {{"UNKNOWN", 0},
                                                         {"SUBSCRIBED", 1},
                                                         {"LAUNCH", 2},
                                                         {"LAUNCH_GROUP", 8},
                                                         {"KILL", 3},
                                                         {"ACKNOWLEDGED", 4},
                                                         {"MESSAGE", 5},
                                                         {"ERROR", 6},
                                                         {"SHUTDOWN", 7},
                                                         {"HEARTBEAT", 9}});
}

TEST(ProtocolEnums, StatusUpdateRecordType) {
  expectEnum(mesos::internal::StatusUpdateRecord::Type_descriptor(),
             {{"UPDATE", 0}, {"ACK", 1}});
}

TEST(ProtocolEnums, OfferOperationType) {
  expectEnum(mesos::Offer::Operation::Type_descriptor(),
             {{"UNKNOWN", 0},
              {"LAUNCH", 1},
              {"LAUNCH_GROUP", 6},
              {"RESERVE", 2},
              {"UNRESERVE", 3},
              {"CREATE", 4},
              {"DESTROY", 5},
              {"GROW_VOLUME", 11},
              {"SHRINK_VOLUME", 12},
              {"CREATE_DISK", 13},
              {"DESTROY_DISK", 14}});
}

TEST(ProtocolEnums, CapabilitiesAndSmallEnums) {
  expectEnum(mesos::FrameworkInfo::Capability::Type_descriptor(),
             {{"UNKNOWN", 0},
              {"REVOCABLE_RESOURCES", 1},
              {"TASK_KILLING_STATE", 2},
              {"GPU_RESOURCES", 3},
              {"SHARED_RESOURCES", 4},
              {"PARTITION_AWARE", 5},
              {"MULTI_ROLE", 6},
              {"RESERVATION_REFINEMENT", 7},
              {"REGION_AWARE", 8}});

  expectEnum(mesos::SlaveInfo::Capability::Type_descriptor(),
             {{"UNKNOWN", 0},
              {"MULTI_ROLE", 1},
              {"HIERARCHICAL_ROLE", 2},
              {"RESERVATION_REFINEMENT", 3},
              {"RESOURCE_PROVIDER", 4},
              {"RESIZE_VOLUME", 5},
              {"AGENT_OPERATION_FEEDBACK", 6},
              {"AGENT_DRAINING", 7},
              {"TASK_RESOURCE_LIMITS", 8}});

  expectEnum(mesos::MasterInfo::Capability::Type_descriptor(),
             {{"UNKNOWN", 0},
              {"AGENT_UPDATE", 1},
              {"AGENT_DRAINING", 2},
              {"QUOTA_V2", 3}});

  expectEnum(mesos::Status_descriptor(), {{"DRIVER_NOT_STARTED", 1},
                                          {"DRIVER_RUNNING", 2},
                                          {"DRIVER_ABORTED", 3},
                                          {"DRIVER_STOPPED", 4}});

  expectEnum(mesos::Value::Type_descriptor(),
             {{"SCALAR", 0}, {"RANGES", 1}, {"SET", 2}, {"TEXT", 3}});

  expectEnum(mesos::ExecutorInfo::Type_descriptor(),
             {{"UNKNOWN", 0}, {"DEFAULT", 1}, {"CUSTOM", 2}});

  expectEnum(mesos::ContainerInfo::Type_descriptor(),
             {{"DOCKER", 1}, {"MESOS", 2}});

  expectEnum(mesos::Volume::Mode_descriptor(), {{"RW", 1}, {"RO", 2}});

  expectEnum(mesos::OperationState_descriptor(),
             {{"OPERATION_UNSUPPORTED", 0},
              {"OPERATION_PENDING", 1},
              {"OPERATION_FINISHED", 2},
              {"OPERATION_FAILED", 3},
              {"OPERATION_ERROR", 4},
              {"OPERATION_DROPPED", 5},
              {"OPERATION_UNREACHABLE", 6},
              {"OPERATION_GONE_BY_OPERATOR", 7},
              {"OPERATION_RECOVERING", 8},
              {"OPERATION_UNKNOWN", 9}});
}

// ---------------------------------------------------------------------------
// Defaults.
// ---------------------------------------------------------------------------

TEST(ProtocolDefaults, MatchMesos) {
  EXPECT_EQ("*", mesos::FrameworkInfo().role());
  EXPECT_EQ(0.0, mesos::FrameworkInfo().failover_timeout());
  EXPECT_FALSE(mesos::FrameworkInfo().checkpoint());
  EXPECT_EQ(5050u, mesos::MasterInfo().port());
  EXPECT_EQ(5051, mesos::SlaveInfo().port());
  EXPECT_EQ("*", mesos::Resource().role());
  EXPECT_EQ(5.0, mesos::Filters().refuse_seconds());
  EXPECT_TRUE(mesos::CommandInfo().shell());
  EXPECT_TRUE(mesos::CommandInfo::URI().extract());
  EXPECT_EQ(mesos::Environment::Variable::VALUE,
            mesos::Environment::Variable().type());
  EXPECT_EQ(15.0, mesos::HealthCheck().delay_seconds());
  EXPECT_EQ(10.0, mesos::HealthCheck().interval_seconds());
  EXPECT_EQ(20.0, mesos::HealthCheck().timeout_seconds());
  EXPECT_EQ(3u, mesos::HealthCheck().consecutive_failures());
  EXPECT_EQ(10.0, mesos::HealthCheck().grace_period_seconds());
  EXPECT_EQ(mesos::NetworkInfo::IPv4,
            mesos::HealthCheck::HTTPCheckInfo().protocol());
  EXPECT_EQ(15.0, mesos::CheckInfo().delay_seconds());
  EXPECT_EQ(10.0, mesos::CheckInfo().interval_seconds());
  EXPECT_EQ(20.0, mesos::CheckInfo().timeout_seconds());
  EXPECT_TRUE(mesos::Image().cached());
  EXPECT_EQ(mesos::ContainerInfo::DockerInfo::HOST,
            mesos::ContainerInfo::DockerInfo().network());
  EXPECT_FALSE(mesos::ContainerInfo::DockerInfo().privileged());
  EXPECT_TRUE(mesos::LinuxInfo().share_cgroups());
  EXPECT_EQ(mesos::NetworkInfo::IPv4,
            mesos::NetworkInfo::IPAddress().protocol());
  EXPECT_EQ("default", mesos::CSIPluginInfo().name());
  EXPECT_FALSE(mesos::DrainConfig().mark_gone());
  EXPECT_FALSE(mesos::internal::TaskHealthStatus().kill_task());
  EXPECT_EQ(mesos::DiscoveryInfo::FRAMEWORK,
            mesos::DiscoveryInfo().visibility());
}

// ---------------------------------------------------------------------------
// Field signatures of the messages the daemons and drivers rely on most,
// transcribed from Apache Mesos 1.11 (label, type, name, number, default).
// ---------------------------------------------------------------------------

TEST(ProtocolSignatures, InternalMessages) {
  const std::string update =
      "required mesos.SlaveID slave_id = 1; "
      "required mesos.FrameworkID framework_id = 2; "
      "required mesos.ExecutorID executor_id = 3; "
      "required bytes data = 4; ";

  std::map<std::string, std::string> expected = {
      {"StatusUpdate",
       "required mesos.FrameworkID framework_id = 1; "
       "optional mesos.ExecutorID executor_id = 2; "
       "optional mesos.SlaveID slave_id = 3; "
       "required mesos.TaskStatus status = 4; "
       "required double timestamp = 5; "
       "optional bytes uuid = 6; "
       "optional mesos.TaskState latest_state = 7; "},
      {"StatusUpdateRecord",
       "required mesos.internal.StatusUpdateRecord.Type type = 1; "
       "optional mesos.internal.StatusUpdate update = 2; "
       "optional bytes uuid = 3; "},
      {"ExecutorToFrameworkMessage", update},
      {"FrameworkToExecutorMessage", update},
      {"RegisterFrameworkMessage",
       "required mesos.FrameworkInfo framework = 1; "},
      {"ReregisterFrameworkMessage",
       "required mesos.FrameworkInfo framework = 2; "
       "required bool failover = 3; "},
      {"FrameworkRegisteredMessage",
       "required mesos.FrameworkID framework_id = 1; "
       "required mesos.MasterInfo master_info = 2; "},
      {"FrameworkReregisteredMessage",
       "required mesos.FrameworkID framework_id = 1; "
       "required mesos.MasterInfo master_info = 2; "},
      {"UnregisterFrameworkMessage",
       "required mesos.FrameworkID framework_id = 1; "},
      {"DeactivateFrameworkMessage",
       "required mesos.FrameworkID framework_id = 1; "},
      {"ResourceRequestMessage",
       "required mesos.FrameworkID framework_id = 1; "
       "repeated mesos.Request requests = 2; "},
      {"ResourceOffersMessage",
       "repeated mesos.Offer offers = 1; repeated string pids = 2; "},
      {"LaunchTasksMessage",
       "required mesos.FrameworkID framework_id = 1; "
       "repeated mesos.TaskInfo tasks = 3; "
       "required mesos.Filters filters = 5; "
       "repeated mesos.OfferID offer_ids = 6; "},
      {"RescindResourceOfferMessage", "required mesos.OfferID offer_id = 1; "},
      {"ReviveOffersMessage",
       "required mesos.FrameworkID framework_id = 1; "
       "repeated string roles = 2; "},
      {"RunTaskMessage",
       "optional mesos.FrameworkID framework_id = 1; "
       "required mesos.FrameworkInfo framework = 2; "
       "optional string pid = 3; "
       "required mesos.TaskInfo task = 4; "
       "repeated mesos.internal.ResourceVersionUUID resource_version_uuids = "
       "5; "
       "optional bool launch_executor = 6; "},
      {"RunTaskGroupMessage",
       "required mesos.FrameworkInfo framework = 1; "
       "required mesos.ExecutorInfo executor = 2; "
       "required mesos.TaskGroupInfo task_group = 3; "
       "repeated mesos.internal.ResourceVersionUUID resource_version_uuids = "
       "4; "
       "optional bool launch_executor = 5; "},
      {"KillTaskMessage",
       "required mesos.FrameworkID framework_id = 1; "
       "required mesos.TaskID task_id = 2; "
       "optional mesos.KillPolicy kill_policy = 3; "},
      {"StatusUpdateMessage",
       "required mesos.internal.StatusUpdate update = 1; "
       "optional string pid = 2; "},
      {"StatusUpdateAcknowledgementMessage",
       "required mesos.SlaveID slave_id = 1; "
       "required mesos.FrameworkID framework_id = 2; "
       "required mesos.TaskID task_id = 3; "
       "required bytes uuid = 4; "},
      {"LostSlaveMessage", "required mesos.SlaveID slave_id = 1; "},
      {"ReconcileTasksMessage",
       "required mesos.FrameworkID framework_id = 1; "
       "repeated mesos.TaskStatus statuses = 2; "
       "optional mesos.FrameworkInfo framework = 3; "},
      {"FrameworkErrorMessage", "required string message = 2; "},
      {"RegisterSlaveMessage",
       "required mesos.SlaveInfo slave = 1; "
       "optional string version = 2; "
       "repeated mesos.Resource checkpointed_resources = 3; "
       "repeated mesos.SlaveInfo.Capability agent_capabilities = 4; "
       "optional mesos.UUID resource_version_uuid = 5; "},
      {"ReregisterSlaveMessage",
       "required mesos.SlaveInfo slave = 2; "
       "repeated mesos.Task tasks = 3; "
       "repeated mesos.ExecutorInfo executor_infos = 4; "
       "repeated mesos.internal.Archive.Framework completed_frameworks = 5; "
       "optional string version = 6; "
       "repeated mesos.Resource checkpointed_resources = 7; "
       "repeated mesos.FrameworkInfo frameworks = 8; "
       "repeated mesos.SlaveInfo.Capability agent_capabilities = 9; "
       "optional mesos.UUID resource_version_uuid = 10; "},
      {"SlaveRegisteredMessage",
       "required mesos.SlaveID slave_id = 1; "
       "optional mesos.internal.MasterSlaveConnection connection = 2; "},
      {"SlaveReregisteredMessage",
       "required mesos.SlaveID slave_id = 1; "
       "repeated mesos.internal.ReconcileTasksMessage reconciliations = 2; "
       "optional mesos.internal.MasterSlaveConnection connection = 3; "},
      {"UnregisterSlaveMessage", "required mesos.SlaveID slave_id = 1; "},
      {"MasterSlaveConnection",
       "optional double total_ping_timeout_seconds = 1; "},
      {"PingSlaveMessage", "required bool connected = 1; "},
      {"PongSlaveMessage", ""},
      {"ShutdownFrameworkMessage",
       "required mesos.FrameworkID framework_id = 1; "},
      {"ShutdownExecutorMessage",
       "optional mesos.ExecutorID executor_id = 1; "
       "optional mesos.FrameworkID framework_id = 2; "},
      {"UpdateFrameworkMessage",
       "required mesos.FrameworkID framework_id = 1; "
       "optional string pid = 2; "
       "optional mesos.FrameworkInfo framework_info = 3; "},
      {"CheckpointResourcesMessage", "repeated mesos.Resource resources = 1; "},
      {"UpdateSlaveMessage",
       "required mesos.SlaveID slave_id = 1; "
       "repeated mesos.Resource oversubscribed_resources = 2; "
       "optional bool update_oversubscribed_resources = 5; "
       "optional mesos.internal.UpdateSlaveMessage.Operations operations = 6; "
       "optional mesos.UUID resource_version_uuid = 7; "
       "optional mesos.internal.UpdateSlaveMessage.ResourceProviders "
       "resource_providers = 8; "},
      {"RegisterExecutorMessage",
       "required mesos.FrameworkID framework_id = 1; "
       "required mesos.ExecutorID executor_id = 2; "},
      {"ExecutorRegisteredMessage",
       "required mesos.ExecutorInfo executor_info = 2; "
       "required mesos.FrameworkID framework_id = 3; "
       "required mesos.FrameworkInfo framework_info = 4; "
       "required mesos.SlaveID slave_id = 5; "
       "required mesos.SlaveInfo slave_info = 6; "},
      {"ExecutorReregisteredMessage",
       "required mesos.SlaveID slave_id = 1; "
       "required mesos.SlaveInfo slave_info = 2; "},
      {"ExitedExecutorMessage",
       "required mesos.SlaveID slave_id = 1; "
       "required mesos.FrameworkID framework_id = 2; "
       "required mesos.ExecutorID executor_id = 3; "
       "required int32 status = 4; "},
      {"ReconnectExecutorMessage", "required mesos.SlaveID slave_id = 1; "},
      {"ReregisterExecutorMessage",
       "required mesos.ExecutorID executor_id = 1; "
       "required mesos.FrameworkID framework_id = 2; "
       "repeated mesos.TaskInfo tasks = 3; "
       "repeated mesos.internal.StatusUpdate updates = 4; "},
      {"ShutdownMessage", "optional string message = 1; "},
      {"DrainSlaveMessage", "required mesos.DrainConfig config = 1; "},
      {"Archive.Framework",
       "required mesos.FrameworkInfo framework_info = 1; "
       "optional string pid = 2; "
       "repeated mesos.Task tasks = 3; "},
      {"ResourceVersionUUID",
       "optional mesos.ResourceProviderID resource_provider_id = 1; "
       "required mesos.UUID uuid = 2; "},
  };

  for (const auto& [name, fields] : expected) {
    const Descriptor* descriptor = findMessage("mesos.internal." + name);
    ASSERT_NE(nullptr, descriptor) << name;
    EXPECT_EQ(fields, signature(descriptor)) << name;
  }
}

TEST(ProtocolSignatures, CoreTypes) {
  std::map<std::string, std::string> expected = {
      {"TaskID", "required string value = 1; "},
      {"ContainerID",
       "required string value = 1; optional mesos.ContainerID parent = 2; "},
      {"FrameworkInfo",
       "required string user = 1; "
       "required string name = 2; "
       "optional mesos.FrameworkID id = 3; "
       "optional double failover_timeout = 4 [default = 0]; "
       "optional bool checkpoint = 5 [default = false]; "
       "optional string role = 6 [default = \"*\"]; "
       "optional string hostname = 7; "
       "optional string principal = 8; "
       "optional string webui_url = 9; "
       "repeated mesos.FrameworkInfo.Capability capabilities = 10; "
       "optional mesos.Labels labels = 11; "
       "repeated string roles = 12; "
       "map<string, mesos.OfferFilters> offer_filters = 13; "},
      {"MasterInfo",
       "required string id = 1; "
       "required uint32 ip = 2; "
       "required uint32 port = 3 [default = 5050]; "
       "optional string pid = 4; "
       "optional string hostname = 5; "
       "optional string version = 6; "
       "optional mesos.Address address = 7; "
       "optional mesos.DomainInfo domain = 8; "
       "repeated mesos.MasterInfo.Capability capabilities = 9; "},
      {"SlaveInfo",
       "required string hostname = 1; "
       "repeated mesos.Resource resources = 3; "
       "repeated mesos.Attribute attributes = 5; "
       "optional mesos.SlaveID id = 6; "
       "optional bool checkpoint = 7 [default = false]; "
       "optional int32 port = 8 [default = 5051]; "
       "optional mesos.DomainInfo domain = 10; "},
      {"ExecutorInfo",
       "required mesos.ExecutorID executor_id = 1; "
       "optional bytes data = 4; "
       "repeated mesos.Resource resources = 5; "
       "optional mesos.CommandInfo command = 7; "
       "optional mesos.FrameworkID framework_id = 8; "
       "optional string name = 9; "
       "optional string source = 10; "
       "optional mesos.ContainerInfo container = 11; "
       "optional mesos.DiscoveryInfo discovery = 12; "
       "optional mesos.DurationInfo shutdown_grace_period = 13; "
       "optional mesos.Labels labels = 14; "
       "optional mesos.ExecutorInfo.Type type = 15; "},
      {"CommandInfo",
       "repeated mesos.CommandInfo.URI uris = 1; "
       "optional mesos.Environment environment = 2; "
       "optional string value = 3; "
       "optional string user = 5; "
       "optional bool shell = 6 [default = true]; "
       "repeated string arguments = 7; "},
      {"CommandInfo.URI",
       "required string value = 1; "
       "optional bool executable = 2; "
       "optional bool extract = 3 [default = true]; "
       "optional bool cache = 4; "
       "optional string output_file = 5; "},
      {"Environment.Variable",
       "required string name = 1; "
       "optional string value = 2; "
       "optional mesos.Environment.Variable.Type type = 3 [default = VALUE]; "
       "optional mesos.Secret secret = 4; "},
      {"TaskInfo",
       "required string name = 1; "
       "required mesos.TaskID task_id = 2; "
       "required mesos.SlaveID slave_id = 3; "
       "repeated mesos.Resource resources = 4; "
       "optional mesos.ExecutorInfo executor = 5; "
       "optional bytes data = 6; "
       "optional mesos.CommandInfo command = 7; "
       "optional mesos.HealthCheck health_check = 8; "
       "optional mesos.ContainerInfo container = 9; "
       "optional mesos.Labels labels = 10; "
       "optional mesos.DiscoveryInfo discovery = 11; "
       "optional mesos.KillPolicy kill_policy = 12; "
       "optional mesos.CheckInfo check = 13; "
       "optional mesos.DurationInfo max_completion_time = 14; "
       "map<string, mesos.Value.Scalar> limits = 15; "},
      {"Task",
       "required string name = 1; "
       "required mesos.TaskID task_id = 2; "
       "required mesos.FrameworkID framework_id = 3; "
       "optional mesos.ExecutorID executor_id = 4; "
       "required mesos.SlaveID slave_id = 5; "
       "required mesos.TaskState state = 6; "
       "repeated mesos.Resource resources = 7; "
       "repeated mesos.TaskStatus statuses = 8; "
       "optional mesos.TaskState status_update_state = 9; "
       "optional bytes status_update_uuid = 10; "
       "optional mesos.Labels labels = 11; "
       "optional mesos.DiscoveryInfo discovery = 12; "
       "optional mesos.ContainerInfo container = 13; "
       "optional string user = 14; "
       "optional mesos.HealthCheck health_check = 15; "
       "optional mesos.KillPolicy kill_policy = 16; "
       "map<string, mesos.Value.Scalar> limits = 17; "},
      {"TaskStatus",
       "required mesos.TaskID task_id = 1; "
       "required mesos.TaskState state = 2; "
       "optional bytes data = 3; "
       "optional string message = 4; "
       "optional mesos.SlaveID slave_id = 5; "
       "optional double timestamp = 6; "
       "optional mesos.ExecutorID executor_id = 7; "
       "optional bool healthy = 8; "
       "optional mesos.TaskStatus.Source source = 9; "
       "optional mesos.TaskStatus.Reason reason = 10; "
       "optional bytes uuid = 11; "
       "optional mesos.Labels labels = 12; "
       "optional mesos.ContainerStatus container_status = 13; "
       "optional mesos.TimeInfo unreachable_time = 14; "
       "optional mesos.CheckStatusInfo check_status = 15; "
       "optional mesos.TaskResourceLimitation limitation = 16; "},
      {"Resource",
       "required string name = 1; "
       "required mesos.Value.Type type = 2; "
       "optional mesos.Value.Scalar scalar = 3; "
       "optional mesos.Value.Ranges ranges = 4; "
       "optional mesos.Value.Set set = 5; "
       "optional string role = 6 [default = \"*\"]; "
       "optional mesos.Resource.DiskInfo disk = 7; "
       "optional mesos.Resource.ReservationInfo reservation = 8; "
       "optional mesos.Resource.RevocableInfo revocable = 9; "
       "optional mesos.Resource.SharedInfo shared = 10; "
       "optional mesos.Resource.AllocationInfo allocation_info = 11; "
       "optional mesos.ResourceProviderID provider_id = 12; "
       "repeated mesos.Resource.ReservationInfo reservations = 13; "},
      {"Resource.ReservationInfo",
       "optional string principal = 1; "
       "optional mesos.Labels labels = 2; "
       "optional string role = 3; "
       "optional mesos.Resource.ReservationInfo.Type type = 4; "},
      {"Value",
       "required mesos.Value.Type type = 1; "
       "optional mesos.Value.Scalar scalar = 2; "
       "optional mesos.Value.Ranges ranges = 3; "
       "optional mesos.Value.Set set = 4; "
       "optional mesos.Value.Text text = 5; "},
      {"Attribute",
       "required string name = 1; "
       "required mesos.Value.Type type = 2; "
       "optional mesos.Value.Scalar scalar = 3; "
       "optional mesos.Value.Ranges ranges = 4; "
       "optional mesos.Value.Text text = 5; "
       "optional mesos.Value.Set set = 6; "},
      {"Offer",
       "required mesos.OfferID id = 1; "
       "required mesos.FrameworkID framework_id = 2; "
       "required mesos.SlaveID slave_id = 3; "
       "required string hostname = 4; "
       "repeated mesos.Resource resources = 5; "
       "repeated mesos.ExecutorID executor_ids = 6; "
       "repeated mesos.Attribute attributes = 7; "
       "optional mesos.URL url = 8; "
       "optional mesos.Unavailability unavailability = 9; "
       "optional mesos.Resource.AllocationInfo allocation_info = 10; "
       "optional mesos.DomainInfo domain = 11; "},
      {"Offer.Operation",
       "optional mesos.Offer.Operation.Type type = 1; "
       "optional mesos.Offer.Operation.Launch launch = 2; "
       "optional mesos.Offer.Operation.Reserve reserve = 3; "
       "optional mesos.Offer.Operation.Unreserve unreserve = 4; "
       "optional mesos.Offer.Operation.Create create = 5; "
       "optional mesos.Offer.Operation.Destroy destroy = 6; "
       "optional mesos.Offer.Operation.LaunchGroup launch_group = 7; "
       "optional mesos.OperationID id = 12; "
       "optional mesos.Offer.Operation.GrowVolume grow_volume = 13; "
       "optional mesos.Offer.Operation.ShrinkVolume shrink_volume = 14; "
       "optional mesos.Offer.Operation.CreateDisk create_disk = 15; "
       "optional mesos.Offer.Operation.DestroyDisk destroy_disk = 16; "},
      {"ContainerInfo",
       "required mesos.ContainerInfo.Type type = 1; "
       "repeated mesos.Volume volumes = 2; "
       "optional mesos.ContainerInfo.DockerInfo docker = 3; "
       "optional string hostname = 4; "
       "optional mesos.ContainerInfo.MesosInfo mesos = 5; "
       "repeated mesos.NetworkInfo network_infos = 7; "
       "optional mesos.LinuxInfo linux_info = 8; "
       "optional mesos.RLimitInfo rlimit_info = 9; "
       "optional mesos.TTYInfo tty_info = 10; "},
      {"ContainerStatus",
       "repeated mesos.NetworkInfo network_infos = 1; "
       "optional mesos.CgroupInfo cgroup_info = 2; "
       "optional uint32 executor_pid = 3; "
       "optional mesos.ContainerID container_id = 4; "},
      {"HealthCheck",
       "optional mesos.HealthCheck.HTTPCheckInfo http = 1; "
       "optional double delay_seconds = 2 [default = 15]; "
       "optional double interval_seconds = 3 [default = 10]; "
       "optional double timeout_seconds = 4 [default = 20]; "
       "optional uint32 consecutive_failures = 5 [default = 3]; "
       "optional double grace_period_seconds = 6 [default = 10]; "
       "optional mesos.CommandInfo command = 7; "
       "optional mesos.HealthCheck.Type type = 8; "
       "optional mesos.HealthCheck.TCPCheckInfo tcp = 9; "},
      {"Filters", "optional double refuse_seconds = 1 [default = 5]; "},
      {"Label", "required string key = 1; optional string value = 2; "},
      {"TimeInfo", "required int64 nanoseconds = 1; "},
      {"Address",
       "optional string hostname = 1; "
       "optional string ip = 2; "
       "required int32 port = 3; "},
  };

  for (const auto& [name, fields] : expected) {
    const Descriptor* descriptor = findMessage("mesos." + name);
    ASSERT_NE(nullptr, descriptor) << name;
    EXPECT_EQ(fields, signature(descriptor)) << name;
  }
}

TEST(ProtocolSignatures, SchedulerExecutorAndContainerizer) {
  std::map<std::string, std::string> expected = {
      {"mesos.scheduler.Call",
       "optional mesos.FrameworkID framework_id = 1; "
       "optional mesos.scheduler.Call.Type type = 2; "
       "optional mesos.scheduler.Call.Subscribe subscribe = 3; "
       "optional mesos.scheduler.Call.Accept accept = 4; "
       "optional mesos.scheduler.Call.Decline decline = 5; "
       "optional mesos.scheduler.Call.Kill kill = 6; "
       "optional mesos.scheduler.Call.Shutdown shutdown = 7; "
       "optional mesos.scheduler.Call.Acknowledge acknowledge = 8; "
       "optional mesos.scheduler.Call.Reconcile reconcile = 9; "
       "optional mesos.scheduler.Call.Message message = 10; "
       "optional mesos.scheduler.Call.Request request = 11; "
       "optional mesos.scheduler.Call.AcceptInverseOffers "
       "accept_inverse_offers = 13; "
       "optional mesos.scheduler.Call.DeclineInverseOffers "
       "decline_inverse_offers = 14; "
       "optional mesos.scheduler.Call.Revive revive = 15; "
       "optional mesos.scheduler.Call.Suppress suppress = 16; "
       "optional mesos.scheduler.Call.AcknowledgeOperationStatus "
       "acknowledge_operation_status = 17; "
       "optional mesos.scheduler.Call.ReconcileOperations "
       "reconcile_operations = 18; "
       "optional mesos.scheduler.Call.UpdateFramework update_framework = 19; "},
      {"mesos.scheduler.Call.Subscribe",
       "required mesos.FrameworkInfo framework_info = 1; "
       "optional bool force = 2; "
       "repeated string suppressed_roles = 3; "
       "optional mesos.scheduler.OfferConstraints offer_constraints = 4; "},
      {"mesos.scheduler.Call.Accept",
       "repeated mesos.OfferID offer_ids = 1; "
       "repeated mesos.Offer.Operation operations = 2; "
       "optional mesos.Filters filters = 3; "},
      {"mesos.scheduler.Call.Decline",
       "repeated mesos.OfferID offer_ids = 1; "
       "optional mesos.Filters filters = 2; "},
      {"mesos.scheduler.Call.Kill",
       "required mesos.TaskID task_id = 1; "
       "optional mesos.SlaveID slave_id = 2; "
       "optional mesos.KillPolicy kill_policy = 3; "},
      {"mesos.scheduler.Call.Acknowledge",
       "required mesos.SlaveID slave_id = 1; "
       "required mesos.TaskID task_id = 2; "
       "required bytes uuid = 3; "},
      {"mesos.scheduler.Call.Reconcile.Task",
       "required mesos.TaskID task_id = 1; "
       "optional mesos.SlaveID slave_id = 2; "},
      {"mesos.scheduler.Call.Message",
       "required mesos.SlaveID slave_id = 1; "
       "required mesos.ExecutorID executor_id = 2; "
       "required bytes data = 3; "},
      {"mesos.scheduler.Call.Request", "repeated mesos.Request requests = 1; "},
      {"mesos.scheduler.Event",
       "optional mesos.scheduler.Event.Type type = 1; "
       "optional mesos.scheduler.Event.Subscribed subscribed = 2; "
       "optional mesos.scheduler.Event.Offers offers = 3; "
       "optional mesos.scheduler.Event.Rescind rescind = 4; "
       "optional mesos.scheduler.Event.Update update = 5; "
       "optional mesos.scheduler.Event.Message message = 6; "
       "optional mesos.scheduler.Event.Failure failure = 7; "
       "optional mesos.scheduler.Event.Error error = 8; "
       "optional mesos.scheduler.Event.InverseOffers inverse_offers = 9; "
       "optional mesos.scheduler.Event.RescindInverseOffer "
       "rescind_inverse_offer = 10; "
       "optional mesos.scheduler.Event.UpdateOperationStatus "
       "update_operation_status = 11; "},
      {"mesos.scheduler.Event.Subscribed",
       "required mesos.FrameworkID framework_id = 1; "
       "optional double heartbeat_interval_seconds = 2; "
       "optional mesos.MasterInfo master_info = 3; "},
      {"mesos.executor.Call",
       "required mesos.ExecutorID executor_id = 1; "
       "required mesos.FrameworkID framework_id = 2; "
       "optional mesos.executor.Call.Type type = 3; "
       "optional mesos.executor.Call.Subscribe subscribe = 4; "
       "optional mesos.executor.Call.Update update = 5; "
       "optional mesos.executor.Call.Message message = 6; "},
      {"mesos.executor.Call.Message", "required bytes data = 2; "},
      {"mesos.executor.Event",
       "optional mesos.executor.Event.Type type = 1; "
       "optional mesos.executor.Event.Subscribed subscribed = 2; "
       "optional mesos.executor.Event.Acknowledged acknowledged = 3; "
       "optional mesos.executor.Event.Launch launch = 4; "
       "optional mesos.executor.Event.Kill kill = 5; "
       "optional mesos.executor.Event.Message message = 6; "
       "optional mesos.executor.Event.Error error = 7; "
       "optional mesos.executor.Event.LaunchGroup launch_group = 8; "},
      {"mesos.executor.Event.Subscribed",
       "required mesos.ExecutorInfo executor_info = 1; "
       "required mesos.FrameworkInfo framework_info = 2; "
       "required mesos.SlaveInfo slave_info = 3; "
       "optional mesos.ContainerID container_id = 4; "},
      {"mesos.containerizer.Launch",
       "required mesos.ContainerID container_id = 1; "
       "optional mesos.TaskInfo task_info = 2; "
       "optional mesos.ExecutorInfo executor_info = 3; "
       "optional string directory = 4; "
       "optional string user = 5; "
       "optional mesos.SlaveID slave_id = 6; "
       "optional string slave_pid = 7; "
       "optional bool checkpoint = 8; "},
      {"mesos.containerizer.Update",
       "required mesos.ContainerID container_id = 1; "
       "repeated mesos.Resource resources = 2; "},
      {"mesos.containerizer.Wait",
       "required mesos.ContainerID container_id = 1; "},
      {"mesos.containerizer.Destroy",
       "required mesos.ContainerID container_id = 1; "},
      {"mesos.containerizer.Usage",
       "required mesos.ContainerID container_id = 1; "},
      {"mesos.containerizer.Termination",
       "optional string message = 2; "
       "optional int32 status = 3; "
       "optional mesos.TaskState state = 4; "
       "repeated mesos.TaskStatus.Reason reasons = 5; "},
      {"mesos.containerizer.Containers",
       "repeated mesos.ContainerID containers = 1; "},
  };

  for (const auto& [name, fields] : expected) {
    const Descriptor* descriptor = findMessage(name);
    ASSERT_NE(nullptr, descriptor) << name;
    EXPECT_EQ(fields, signature(descriptor)) << name;
  }
}

}  // namespace
