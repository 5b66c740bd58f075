#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include <stout/json.hpp>
#include <stout/stringify.hpp>

using std::string;

TEST(JsonTest, NumbersKeepTheirKind) {
  EXPECT_EQ("5", stringify(JSON::Value(5)));
  EXPECT_EQ("1.5", stringify(JSON::Value(1.5)));
  EXPECT_EQ("5.0", stringify(JSON::Value(5.0)));
  EXPECT_EQ("0.1", stringify(JSON::Value(0.1)));
  EXPECT_EQ("-3", stringify(JSON::Value(-3)));
  EXPECT_EQ("18446744073709551615", stringify(JSON::Value(UINT64_MAX)));
  EXPECT_EQ("-9223372036854775808", stringify(JSON::Value(INT64_MIN)));
  EXPECT_EQ("1e+20", stringify(JSON::Value(1e20)));
  EXPECT_EQ("null",
            stringify(JSON::Value(std::numeric_limits<double>::infinity())));
  EXPECT_EQ("null", stringify(JSON::Value(std::nan(""))));

  JSON::Number number = 7u;
  EXPECT_EQ(JSON::Number::UNSIGNED_INTEGER, number.type);
  EXPECT_EQ(7, number.as<int>());
  EXPECT_EQ(JSON::Number(7), JSON::Number(7.0));
  EXPECT_EQ(JSON::Number(7), JSON::Number(7u));
  EXPECT_NE(JSON::Number(-1), JSON::Number(UINT64_MAX));
}

TEST(JsonTest, WriterEscapes) {
  EXPECT_EQ("\"a\\\"b\\\\c\"", stringify(JSON::String("a\"b\\c")));
  EXPECT_EQ("\"\\b\\f\\n\\r\\t\"", stringify(JSON::String("\b\f\n\r\t")));
  EXPECT_EQ("\"\\u0000\\u0001\\u001f\\u007f\"",
            stringify(JSON::String(string("\0\x01\x1f\x7f", 4))));
  EXPECT_EQ("\"/tmp/x\"", stringify(JSON::String("/tmp/x")));
  EXPECT_EQ("\"caf\xc3\xa9 \xe2\x9c\x93\"",
            stringify(JSON::String("caf\xc3\xa9 \xe2\x9c\x93")));
}

TEST(JsonTest, CompactOutput) {
  JSON::Object object;
  object.values["b"] = JSON::Array{1, "two", true, JSON::Null()};
  object.values["a"] = JSON::Object{{"x", 1.5}};
  object.values["c"] = JSON::Object();
  object.values["d"] = JSON::Array();
  object.values["e"] = JSON::False();
  EXPECT_EQ(
      "{\"a\":{\"x\":1.5},\"b\":[1,\"two\",true,null],\"c\":{},"
      "\"d\":[],\"e\":false}",
      stringify(object));
  EXPECT_EQ(stringify(object), jsonify(JSON::Value(object)));
}

TEST(JsonTest, ParseValues) {
  Try<JSON::Value> value = JSON::parse(
      " {\"s\": \"x\", \"i\": -12, \"u\": 18446744073709551615, "
      "\"f\": 2.5e1, \"t\": true, \"n\": null, \"a\": [1, [2]], "
      "\"o\": {}} ");
  ASSERT_TRUE(value.isSome()) << value.error();
  ASSERT_TRUE(value->is<JSON::Object>());
  const JSON::Object& object = value->as<JSON::Object>();

  EXPECT_EQ("x", object.values.at("s").as<JSON::String>().value);
  EXPECT_EQ(JSON::Number::SIGNED_INTEGER,
            object.values.at("i").as<JSON::Number>().type);
  EXPECT_EQ(-12, object.values.at("i").as<JSON::Number>().as<int>());
  EXPECT_EQ(JSON::Number::UNSIGNED_INTEGER,
            object.values.at("u").as<JSON::Number>().type);
  EXPECT_EQ(UINT64_MAX,
            object.values.at("u").as<JSON::Number>().as<uint64_t>());
  EXPECT_EQ(JSON::Number::FLOATING,
            object.values.at("f").as<JSON::Number>().type);
  EXPECT_DOUBLE_EQ(25.0, object.values.at("f").as<JSON::Number>().as<double>());
  EXPECT_TRUE(object.values.at("t").as<JSON::Boolean>().value);
  EXPECT_TRUE(object.values.at("n").is<JSON::Null>());
  EXPECT_EQ(2u, object.values.at("a").as<JSON::Array>().values.size());
}

TEST(JsonTest, ParseStrings) {
  EXPECT_EQ(
      "a\"\\/\b\f\n\r\t",
      JSON::parse<JSON::String>("\"a\\\"\\\\\\/\\b\\f\\n\\r\\t\"")->value);
  EXPECT_EQ("\xc3\xa9", JSON::parse<JSON::String>("\"\\u00e9\"")->value);
  EXPECT_EQ("\xe2\x9c\x93", JSON::parse<JSON::String>("\"\\u2713\"")->value);
  EXPECT_EQ("\xf0\x9f\x98\x80",
            JSON::parse<JSON::String>("\"\\ud83d\\ude00\"")->value);
  EXPECT_EQ("caf\xc3\xa9", JSON::parse<JSON::String>("\"caf\xc3\xa9\"")->value);
  EXPECT_EQ(string("\0", 1), JSON::parse<JSON::String>("\"\\u0000\"")->value);
}

TEST(JsonTest, RoundTrip) {
  const string text =
      "{\"a\":[1,-2,3.25,\"x\\ny\",{\"b\":null}],\"c\":true,\"d\":1.0,"
      "\"e\":\"\\u0001\"}";
  Try<JSON::Value> value = JSON::parse(text);
  ASSERT_TRUE(value.isSome()) << value.error();
  EXPECT_EQ(text, stringify(value.get()));
  EXPECT_EQ(value.get(), JSON::parse(stringify(value.get())).get());
}

TEST(JsonTest, ParseRejectsMalformedInput) {
  for (const char* bad : {
           "",
           " ",
           "{",
           "}",
           "[1,]",
           "{\"a\":1,}",
           "{a:1}",
           "{'a':1}",
           "[1 2]",
           "01",
           "-",
           "1.",
           ".5",
           "1e",
           "+1",
           "0x10",
           "NaN",
           "Infinity",
           "tru",
           "nul",
           "\"abc",
           "\"a\tb\"",
           "\"\\x\"",
           "\"\\u12\"",
           "\"\\ud83d\"",
           "\"\\ude00\"",
           "\"\\ud83d\\u0041\"",
           "{} {}",
           "[1] x",
           "// c\n1",
           "1e999",
       }) {
    Try<JSON::Value> value = JSON::parse(bad);
    EXPECT_TRUE(value.isError()) << "accepted: " << bad;
  }

  Try<JSON::Value> error = JSON::parse("[1, 2,, 3]");
  ASSERT_TRUE(error.isError());
  EXPECT_NE(string::npos, error.error().find("offset 6")) << error.error();
}

TEST(JsonTest, ParseLimitsNesting) {
  EXPECT_TRUE(JSON::parse(string(100, '[') + string(100, ']')).isSome());
  Try<JSON::Value> deep = JSON::parse(string(100000, '['));
  ASSERT_TRUE(deep.isError());
  EXPECT_NE(string::npos, deep.error().find("too deep"));
}

TEST(JsonTest, ParseTyped) {
  EXPECT_TRUE(JSON::parse<JSON::Object>("{}").isSome());
  EXPECT_TRUE(JSON::parse<JSON::Array>("[]").isSome());
  EXPECT_TRUE(JSON::parse<JSON::Value>("3").isSome());

  Try<JSON::Object> wrong = JSON::parse<JSON::Object>("[]");
  ASSERT_TRUE(wrong.isError());
  EXPECT_EQ("Expected a JSON object but found array", wrong.error());

  EXPECT_TRUE(JSON::parse<JSON::Object>("{").isError());
}

TEST(JsonTest, DuplicateKeysLastWins) {
  Try<JSON::Object> object = JSON::parse<JSON::Object>("{\"a\":1,\"a\":2}");
  ASSERT_TRUE(object.isSome());
  EXPECT_EQ(JSON::Value(2), object->values.at("a"));
}

TEST(JsonTest, Find) {
  Try<JSON::Object> object = JSON::parse<JSON::Object>(
      "{\"a\": {\"b\": {\"c\": \"deep\"}, \"list\": [{\"x\": 1}, 2]},"
      " \"n\": null, \"s\": \"str\"}");
  ASSERT_TRUE(object.isSome());

  EXPECT_EQ("deep", object->find<JSON::String>("a.b.c")->value);
  EXPECT_EQ(JSON::Number(1), object->find<JSON::Number>("a.list[0].x").get());
  EXPECT_EQ(JSON::Number(2), object->find<JSON::Number>("a.list[1]").get());
  EXPECT_TRUE(object->find<JSON::Object>("a.b").isSome());
  EXPECT_TRUE(object->find<JSON::Value>("a.b.c").isSome());

  EXPECT_TRUE(object->find<JSON::String>("a.b.missing").isNone());
  EXPECT_TRUE(object->find<JSON::String>("missing.b").isNone());
  EXPECT_TRUE(object->find<JSON::Number>("a.list[5]").isNone());
  EXPECT_TRUE(object->find<JSON::String>("n").isNone());
  EXPECT_TRUE(object->find<JSON::Null>("n").isSome());
  EXPECT_TRUE(object->find<JSON::Value>("n").isSome());
  EXPECT_TRUE(object->find<JSON::String>("n.x").isNone());

  Result<JSON::Number> wrongKind = object->find<JSON::Number>("a.b.c");
  ASSERT_TRUE(wrongKind.isError());
  EXPECT_EQ("Expected a JSON number at 'c' but found string",
            wrongKind.error());
  EXPECT_TRUE(object->find<JSON::String>("s.x").isError());
  EXPECT_TRUE(object->find<JSON::String>("s[0]").isError());
  EXPECT_TRUE(object->find<JSON::Value>("a.list[x]").isError());
  EXPECT_TRUE(object->find<JSON::Value>("a.list[]").isError());
  EXPECT_TRUE(object->find<JSON::Value>("a.list[0").isError());

  EXPECT_EQ("str", object->at<JSON::String>("s")->value);
  EXPECT_TRUE(object->at<JSON::String>("a.b").isNone());
  EXPECT_TRUE(object->at<JSON::Array>("s").isError());
}

TEST(JsonTest, ValueKinds) {
  JSON::Value value;
  EXPECT_TRUE(value.is<JSON::Null>());
  EXPECT_STREQ("null", value.kind());
  value = "text";
  EXPECT_TRUE(value.is<JSON::String>());
  value = string("text");
  EXPECT_TRUE(value.is<JSON::String>());
  value = true;
  EXPECT_TRUE(value.is<JSON::Boolean>());
  value = 3;
  EXPECT_TRUE(value.is<JSON::Number>());
  EXPECT_FALSE(value.is<JSON::String>());
  value.as<JSON::Number>() = JSON::Number(4);
  EXPECT_EQ(JSON::Value(4), value);
  EXPECT_NE(JSON::Value(4), JSON::Value("4"));
}
