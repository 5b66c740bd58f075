#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <string>

#include <gtest/gtest.h>

#include <stout/base64.hpp>
#include <stout/json.hpp>
#include <stout/jsonify.hpp>
#include <stout/os.hpp>
#include <stout/path.hpp>
#include <stout/protobuf.hpp>

#include "stout_tests.pb.h"

using google::protobuf::RepeatedPtrField;
using std::string;
using stout::tests::Message;
using stout::tests::Nested;
using stout::tests::Required;

namespace {

Message sample(const string& id) {
  Message message;
  message.set_id(id);
  message.set_int32_value(-5);
  message.add_strings("a");
  message.mutable_nested()->set_text("inner");
  return message;
}

}  // namespace

class ProtobufTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Try<string> directory = os::mkdtemp();
    ASSERT_TRUE(directory.isSome()) << directory.error();
    sandbox = directory.get();
  }

  void TearDown() override { ASSERT_TRUE(os::rmdir(sandbox).isSome()); }

  string at(const string& name) const { return path::join(sandbox, name); }

  string sandbox;
};

TEST_F(ProtobufTest, RecordFormatIsNativeLengthThenBody) {
  const Message message = sample("x");
  const string file = at("record");
  ASSERT_TRUE(protobuf::write(file, message).isSome());

  const string bytes = os::read(file).get();
  const string body = message.SerializeAsString();
  ASSERT_EQ(4 + body.size(), bytes.size());
  uint32_t length;
  std::memcpy(&length, bytes.data(), 4);
  EXPECT_EQ(body.size(), length);
  EXPECT_EQ(static_cast<char>(body.size()), bytes[0]);  // Little-endian.
  EXPECT_EQ(body, bytes.substr(4));
}

TEST_F(ProtobufTest, WriteAndReadPath) {
  const string file = at("info");
  ASSERT_TRUE(protobuf::write(file, sample("one")).isSome());
  ASSERT_TRUE(protobuf::write(file, sample("two")).isSome());

  Result<Message> read = protobuf::read<Message>(file);
  ASSERT_TRUE(read.isSome()) << read.error();
  EXPECT_EQ("two", read->id());
  EXPECT_EQ("inner", read->nested().text());

  ASSERT_TRUE(os::write(at("empty"), "").isSome());
  EXPECT_TRUE(protobuf::read<Message>(at("empty")).isNone());

  Result<Message> missing = protobuf::read<Message>(at("missing"));
  ASSERT_TRUE(missing.isError());
  EXPECT_NE(string::npos, missing.error().find(at("missing")));
}

TEST_F(ProtobufTest, WriteRefusesUninitialized) {
  Message message;
  Try<Nothing> result = protobuf::write(at("f"), message);
  ASSERT_TRUE(result.isError());
  EXPECT_NE(string::npos, result.error().find("id")) << result.error();
  EXPECT_FALSE(os::exists(at("f")));
  EXPECT_TRUE(protobuf::serialize(message).isError());
}

TEST_F(ProtobufTest, AppendAndReadStream) {
  const string file = at("updates");
  for (int i = 0; i < 3; i++) {
    ASSERT_TRUE(protobuf::append(file, sample(std::to_string(i))).isSome());
  }

  Try<int> fd = os::open(file, O_RDONLY | O_CLOEXEC);
  ASSERT_TRUE(fd.isSome());
  for (int i = 0; i < 3; i++) {
    Result<Message> record = protobuf::read<Message>(fd.get());
    ASSERT_TRUE(record.isSome());
    EXPECT_EQ(std::to_string(i), record->id());
  }
  EXPECT_TRUE(protobuf::read<Message>(fd.get()).isNone());
  ::close(fd.get());

  Result<RepeatedPtrField<Message>> all =
      protobuf::read<RepeatedPtrField<Message>>(file);
  ASSERT_TRUE(all.isSome()) << all.error();
  ASSERT_EQ(3, all->size());
  EXPECT_EQ("2", all->Get(2).id());
}

TEST_F(ProtobufTest, RepeatedWriteIsOneRecordPerMessage) {
  RepeatedPtrField<Message> messages;
  *messages.Add() = sample("a");
  *messages.Add() = sample("b");
  ASSERT_TRUE(protobuf::write(at("all"), messages).isSome());

  Result<RepeatedPtrField<Message>> read =
      protobuf::read<RepeatedPtrField<Message>>(at("all"));
  ASSERT_TRUE(read.isSome());
  ASSERT_EQ(2, read->size());
  EXPECT_EQ("b", read->Get(1).id());
}

// Every way a crash can cut the last record short: inside the length, at
// the end of the length, inside the body.
TEST_F(ProtobufTest, TornLastRecordIsReportedDistinctly) {
  const string file = at("stream");
  ASSERT_TRUE(protobuf::append(file, sample("good")).isSome());
  const off_t good = static_cast<off_t>(os::stat::size(file)->bytes());
  ASSERT_TRUE(protobuf::append(file, sample("torn")).isSome());
  const off_t full = static_cast<off_t>(os::stat::size(file)->bytes());

  for (off_t cut = good + 1; cut < full; cut++) {
    Try<int> fd = os::open(file, O_RDWR | O_CLOEXEC);
    ASSERT_TRUE(fd.isSome());
    ASSERT_TRUE(os::ftruncate(fd.get(), cut).isSome());

    protobuf::RecordReader<Message> reader(fd.get());
    Result<Message> first = reader.read();
    ASSERT_TRUE(first.isSome());
    EXPECT_EQ("good", first->id());
    EXPECT_EQ(good, reader.end());

    Result<Message> second = reader.read();
    ASSERT_TRUE(second.isError()) << "cut at " << cut;
    EXPECT_TRUE(reader.truncated());
    EXPECT_NE(string::npos, second.error().find("Truncated")) << second.error();
    EXPECT_EQ(good, reader.end());

    // Recovery: drop the torn tail, then the stream reads cleanly.
    ASSERT_TRUE(os::ftruncate(fd.get(), reader.end()).isSome());
    ASSERT_TRUE(os::lseek(fd.get(), 0, SEEK_SET).isSome());
    protobuf::RecordReader<Message> again(fd.get());
    EXPECT_TRUE(again.read().isSome());
    EXPECT_TRUE(again.read().isNone());
    EXPECT_FALSE(again.truncated());
    ::close(fd.get());

    // Put the torn record back for the next cut.
    ASSERT_TRUE(protobuf::append(file, sample("torn")).isSome());
  }
}

TEST_F(ProtobufTest, MesosStyleReadFlags) {
  const string file = at("stream");
  ASSERT_TRUE(protobuf::append(file, sample("good")).isSome());
  const off_t good = static_cast<off_t>(os::stat::size(file)->bytes());
  ASSERT_TRUE(os::write(file, os::read(file).get() + "\x10\x00").isSome());

  Try<int> fd = os::open(file, O_RDONLY | O_CLOEXEC);
  ASSERT_TRUE(fd.isSome());
  EXPECT_TRUE(protobuf::read<Message>(fd.get()).isSome());
  EXPECT_TRUE(protobuf::read<Message>(fd.get()).isError());

  ASSERT_TRUE(os::lseek(fd.get(), 0, SEEK_SET).isSome());
  EXPECT_TRUE(protobuf::read<Message>(fd.get(), true, true).isSome());
  EXPECT_TRUE(protobuf::read<Message>(fd.get(), true, true).isNone());
  EXPECT_EQ(good, os::lseek(fd.get(), 0, SEEK_CUR).get());
  ::close(fd.get());
}

TEST_F(ProtobufTest, CorruptRecordIsNotTorn) {
  const string file = at("corrupt");
  const string garbage = "\xff\xff\xff\xff\xff";
  const uint32_t length = static_cast<uint32_t>(garbage.size());
  string record(reinterpret_cast<const char*>(&length), 4);
  ASSERT_TRUE(os::write(file, record + garbage).isSome());

  Try<int> fd = os::open(file, O_RDONLY | O_CLOEXEC);
  ASSERT_TRUE(fd.isSome());
  protobuf::RecordReader<Message> reader(fd.get());
  Result<Message> read = reader.read();
  ASSERT_TRUE(read.isError());
  EXPECT_FALSE(reader.truncated());
  EXPECT_NE(string::npos, read.error().find("Corrupt")) << read.error();

  ASSERT_TRUE(os::lseek(fd.get(), 0, SEEK_SET).isSome());
  EXPECT_TRUE(protobuf::read<Message>(fd.get(), true, true).isError());
  EXPECT_EQ(0, os::lseek(fd.get(), 0, SEEK_CUR).get());
  ::close(fd.get());
}

TEST_F(ProtobufTest, HugeLengthInShortFileIsTorn) {
  const string file = at("huge");
  const uint32_t length = 0xFFFFFFF0u;
  ASSERT_TRUE(
      os::write(file, string(reinterpret_cast<const char*>(&length), 4) + "ab")
          .isSome());
  Try<int> fd = os::open(file, O_RDONLY | O_CLOEXEC);
  ASSERT_TRUE(fd.isSome());
  protobuf::RecordReader<Message> reader(fd.get());
  EXPECT_TRUE(reader.read().isError());
  EXPECT_TRUE(reader.truncated());
  EXPECT_EQ(0, reader.end());
  ::close(fd.get());
}

TEST_F(ProtobufTest, ReadsFromPipe) {
  int fds[2];
  ASSERT_EQ(0, ::pipe(fds));
  ASSERT_TRUE(protobuf::write(fds[1], sample("p1")).isSome());
  ASSERT_TRUE(protobuf::write(fds[1], sample("p2")).isSome());
  ASSERT_TRUE(os::write(fds[1], string("\x05\x00", 2)).isSome());
  ::close(fds[1]);

  protobuf::RecordReader<Message> reader(fds[0]);
  EXPECT_EQ("p1", reader.read()->id());
  EXPECT_EQ("p2", reader.read()->id());
  EXPECT_TRUE(reader.read().isError());
  EXPECT_TRUE(reader.truncated());
  ::close(fds[0]);
}

TEST(ProtobufSerializeTest, RoundTrip) {
  Try<string> bytes = protobuf::serialize(sample("s"));
  ASSERT_TRUE(bytes.isSome());
  Try<Message> message = protobuf::deserialize<Message>(bytes.get());
  ASSERT_TRUE(message.isSome());
  EXPECT_EQ("s", message->id());
  EXPECT_TRUE(protobuf::deserialize<Message>("\xff\xff").isError());
  EXPECT_TRUE(protobuf::deserialize<Required>("").isError());
}

TEST(Base64Test, EncodeDecode) {
  EXPECT_EQ("", base64::encode(""));
  EXPECT_EQ("Zg==", base64::encode("f"));
  EXPECT_EQ("Zm8=", base64::encode("fo"));
  EXPECT_EQ("Zm9v", base64::encode("foo"));
  EXPECT_EQ("Zm9vYmFy", base64::encode("foobar"));
  EXPECT_EQ("AP8=", base64::encode(string("\x00\xff", 2)));
  EXPECT_EQ("foobar", base64::decode("Zm9vYmFy").get());
  EXPECT_EQ("fo", base64::decode("Zm8=").get());
  EXPECT_EQ("fo", base64::decode("Zm8").get());
  EXPECT_EQ("f", base64::decode("Zg==").get());
  EXPECT_EQ(string("\x00\xff", 2), base64::decode("AP8=").get());
  EXPECT_TRUE(base64::decode("Z").isError());
  EXPECT_TRUE(base64::decode("Zm9v!").isError());
  EXPECT_TRUE(base64::decode("Zm 9v").isError());
  EXPECT_TRUE(base64::decode("Z=9v").isError());
}

TEST(ProtobufJsonTest, RendersLikeMesos) {
  Message message;
  message.set_id("id");
  message.set_double_value(1.0);
  message.set_float_value(0.5f);
  message.set_int64_value(-9007199254740993);
  message.set_uint64_value(UINT64_MAX);
  message.set_bool_value(true);
  message.set_bytes_value(string("\x00\x01", 2));
  message.set_color(stout::tests::GREEN);
  message.mutable_nested()->add_numbers(1);
  message.add_colors(stout::tests::RED);
  message.add_blobs("hi");
  message.add_bools(false);
  message.add_nesteds()->set_text("n");

  const string expected =
      "{\"id\":\"id\",\"double_value\":1.0,\"float_value\":0.5,"
      "\"int64_value\":-9007199254740993,"
      "\"uint64_value\":18446744073709551615,\"bool_value\":true,"
      "\"bytes_value\":\"AAE=\",\"color\":\"GREEN\","
      "\"nested\":{\"numbers\":[1]},\"nesteds\":[{\"text\":\"n\"}],"
      "\"colors\":[\"RED\"],\"blobs\":[\"aGk=\"],\"bools\":[false],"
      "\"with_default\":42}";
  EXPECT_EQ(expected, jsonify(JSON::Protobuf(message)));

  // The tree form renders the same fields (in key order).
  JSON::Object object = JSON::protobuf(message);
  EXPECT_EQ(14u, object.values.size());
  EXPECT_EQ(JSON::Value(42), object.values.at("with_default"));
  EXPECT_EQ(0u, object.values.count("deprecated_with_default"));
  EXPECT_EQ(JSON::Number::UNSIGNED_INTEGER,
            object.values.at("uint64_value").as<JSON::Number>().type);
  EXPECT_EQ(JSON::parse(expected).get(), JSON::Value(object));
}

TEST(ProtobufJsonTest, MapsRenderAsObjects) {
  stout::tests::WithMap message;
  (*message.mutable_nested_by_name())["a"].set_text("x");
  (*message.mutable_names())[7] = "seven";

  const string streamed = jsonify(JSON::Protobuf(message));
  Try<JSON::Value> parsed = JSON::parse(streamed);
  ASSERT_TRUE(parsed.isSome()) << parsed.error();
  EXPECT_EQ(JSON::parse("{\"nested_by_name\":{\"a\":{\"text\":\"x\"}},"
                        "\"names\":{\"7\":\"seven\"}}")
                .get(),
            parsed.get());
  EXPECT_EQ(parsed.get(), JSON::Value(JSON::protobuf(message)));
}

TEST(ProtobufJsonTest, MessagesStreamInsideWriters) {
  Message message = sample("m");
  RepeatedPtrField<Message> messages;
  *messages.Add() = message;

  const string out = jsonify([&](JSON::ObjectWriter* writer) {
    writer->field("one", message);
    writer->field("many", messages);
  });
  Try<JSON::Object> parsed = JSON::parse<JSON::Object>(out);
  ASSERT_TRUE(parsed.isSome()) << parsed.error();
  EXPECT_EQ("m", parsed->find<JSON::String>("one.id")->value);
  EXPECT_EQ("inner", parsed->find<JSON::String>("many[0].nested.text")->value);
  EXPECT_EQ(1u, JSON::protobuf(messages).values.size());
}

TEST(ProtobufJsonTest, ParseRoundTrip) {
  Message message = sample("round");
  message.set_uint64_value(UINT64_MAX);
  message.set_int64_value(INT64_MIN);
  message.set_bytes_value(string("\x00\xfe", 2));
  message.set_float_value(0.25f);
  message.set_color(stout::tests::RED);
  message.add_colors(stout::tests::GREEN);
  message.add_blobs("b");
  message.add_nesteds()->add_numbers(-1);

  Try<Message> parsed =
      protobuf::parse<Message>(JSON::Value(JSON::protobuf(message)));
  ASSERT_TRUE(parsed.isSome()) << parsed.error();
  message.set_with_default(42);
  EXPECT_EQ(message.SerializeAsString(), parsed->SerializeAsString());

  Try<Message> streamed = protobuf::parse<Message>(
      JSON::parse(jsonify(JSON::Protobuf(message))).get());
  ASSERT_TRUE(streamed.isSome()) << streamed.error();
  EXPECT_EQ(message.SerializeAsString(), streamed->SerializeAsString());
}

TEST(ProtobufJsonTest, ParseLeniencies) {
  Try<Message> parsed = protobuf::parse<Message>(
      JSON::parse(
          "{\"id\":\"x\", \"unknown\": 1, \"nested\": null,"
          " \"int64_value\": \"-12\", \"uint32_value\": 3.0,"
          " \"color\": \"PURPLE\", \"colors\": [\"RED\", \"PURPLE\", 2],"
          " \"double_value\": 2}")
          .get());
  ASSERT_TRUE(parsed.isSome()) << parsed.error();
  EXPECT_FALSE(parsed->has_nested());
  EXPECT_EQ(-12, parsed->int64_value());
  EXPECT_EQ(3u, parsed->uint32_value());
  EXPECT_FALSE(parsed->has_color());
  ASSERT_EQ(2, parsed->colors_size());
  EXPECT_EQ(stout::tests::GREEN, parsed->colors(1));
  EXPECT_DOUBLE_EQ(2.0, parsed->double_value());
}

TEST(ProtobufJsonTest, ParseErrorsNameTheField) {
  const auto error = [](const string& json) {
    Try<Message> parsed = protobuf::parse<Message>(JSON::parse(json).get());
    return parsed.isError() ? parsed.error() : string("parsed");
  };

  EXPECT_EQ("Failed to parse stout.tests.Message: missing required fields: id",
            error("{}"));
  EXPECT_EQ(
      "Failed to parse stout.tests.Message: Field 'int32_value': number out "
      "of range",
      error("{\"id\":\"x\",\"int32_value\":2147483648}"));
  EXPECT_EQ(
      "Failed to parse stout.tests.Message: Field 'nested.numbers': expected "
      "a number but found boolean",
      error("{\"id\":\"x\",\"nested\":{\"numbers\":[1,true]}}"));
  EXPECT_EQ(
      "Failed to parse stout.tests.Message: Field 'nesteds.text': expected a "
      "string but found boolean",
      error("{\"id\":\"x\",\"nesteds\":[{\"text\":true}]}"));
  EXPECT_NE(string::npos,
            error("{\"id\":\"x\",\"uint32_value\":-1}").find("out of range"));
  EXPECT_NE(string::npos,
            error("{\"id\":\"x\",\"int32_value\":1.5}").find("integer"));
  EXPECT_NE(string::npos,
            error("{\"id\":\"x\",\"strings\":\"a\"}").find("array"));
  EXPECT_NE(string::npos,
            error("{\"id\":\"x\",\"bytes_value\":\"!!\"}").find("base64"));
  EXPECT_NE(string::npos, error("{\"id\":\"x\",\"nested\":[]}").find("object"));

  Try<Message> notObject = protobuf::parse<Message>(JSON::Value(3));
  EXPECT_TRUE(notObject.isError());

  Try<RepeatedPtrField<Message>> list =
      protobuf::parse<RepeatedPtrField<Message>>(
          JSON::parse("[{\"id\":\"a\"},{\"id\":\"b\"}]").get());
  ASSERT_TRUE(list.isSome()) << list.error();
  EXPECT_EQ(2, list->size());
  EXPECT_TRUE(protobuf::parse<RepeatedPtrField<Message>>(
                  JSON::parse("[{\"id\":\"a\"},{}]").get())
                  .isError());
}
