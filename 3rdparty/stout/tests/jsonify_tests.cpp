#include <list>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <stout/json.hpp>
#include <stout/jsonify.hpp>
#include <stout/option.hpp>

using std::string;

namespace example {

struct Task {
  string id;
  double cpus;
  std::vector<string> labels;
};

// Taught to the writer by an overload found through the type's namespace.
void json(JSON::ObjectWriter* writer, const Task& task) {
  writer->field("id", task.id);
  writer->field("cpus", task.cpus);
  writer->field("labels", task.labels);
}

struct Port {
  int number;
};

void json(JSON::ValueWriter* writer, const Port& port) {
  writer->number(port.number);
}

struct Range {
  int begin;
  int end;
};

void json(JSON::ArrayWriter* writer, const Range& range) {
  for (int i = range.begin; i < range.end; i++)
    writer->element(i);
}

}  // namespace example

TEST(JsonifyTest, Scalars) {
  EXPECT_EQ("true", jsonify(true));
  EXPECT_EQ("-7", jsonify(-7));
  EXPECT_EQ("7", jsonify(7u));
  EXPECT_EQ("0.5", jsonify(0.5));
  EXPECT_EQ("2.0", jsonify(2.0));
  EXPECT_EQ("0.100000001490116", jsonify(0.1f));
  EXPECT_EQ("\"s\"", jsonify("s"));
  EXPECT_EQ("\"s\"", jsonify(string("s")));
  EXPECT_EQ("null", jsonify(None()));
  EXPECT_EQ("null", jsonify(Option<int>()));
  EXPECT_EQ("3", jsonify(Option<int>(3)));
}

TEST(JsonifyTest, Containers) {
  EXPECT_EQ("[1,2,3]", jsonify(std::vector<int>{1, 2, 3}));
  EXPECT_EQ("[]", jsonify(std::vector<int>{}));
  EXPECT_EQ("[\"a\",\"b\"]", jsonify(std::set<string>{"b", "a"}));
  EXPECT_EQ("{\"a\":1,\"b\":[true]}", jsonify(std::map<string, JSON::Value>{
                                          {"a", 1}, {"b", JSON::Array{true}}}));
  EXPECT_EQ("{\"1\":\"x\"}", jsonify(std::map<int, string>{{1, "x"}}));
  EXPECT_EQ("[[1],[]]", jsonify(std::list<std::vector<int>>{{1}, {}}));
}

TEST(JsonifyTest, Callables) {
  const std::vector<example::Task> tasks = {{"t1", 0.5, {"a"}},
                                            {"t\"2", 1.0, {}}};
  const string out = jsonify([&](JSON::ObjectWriter* writer) {
    writer->field("version", "1.11.0");
    writer->field("count", tasks.size());
    writer->field("tasks", [&](JSON::ArrayWriter* writer) {
      for (const example::Task& task : tasks)
        writer->element(task);
    });
    writer->field("empty", [](JSON::ObjectWriter*) {});
    writer->field("port", example::Port{5050});
    writer->field("range", example::Range{1, 4});
    writer->field("value", JSON::Object{{"k", JSON::Null()}});
  });
  EXPECT_EQ(
      "{\"version\":\"1.11.0\",\"count\":2,\"tasks\":["
      "{\"id\":\"t1\",\"cpus\":0.5,\"labels\":[\"a\"]},"
      "{\"id\":\"t\\\"2\",\"cpus\":1.0,\"labels\":[]}],"
      "\"empty\":{},\"port\":5050,\"range\":[1,2,3],"
      "\"value\":{\"k\":null}}",
      out);

  // What the writer produces, the parser reads back.
  Try<JSON::Object> parsed = JSON::parse<JSON::Object>(out);
  ASSERT_TRUE(parsed.isSome()) << parsed.error();
  EXPECT_EQ("t\"2", parsed->find<JSON::String>("tasks[1].id")->value);
}

TEST(JsonifyTest, ValueWriterChoosesKind) {
  struct Shape {
    int kind;
  };
  const auto write = [](const Shape& shape) {
    return jsonify([&](JSON::ArrayWriter* array) {
      array->element([&](JSON::ObjectWriter* object) {
        object->field("shape", example::Port{shape.kind});
      });
    });
  };
  EXPECT_EQ("[{\"shape\":3}]", write(Shape{3}));

  string out;
  JSON::ValueWriter writer(&out);
  writer.array([](JSON::ArrayWriter* array) {
    array->element(None());
    array->element(false);
    array->element("x");
    array->element(1);
    array->element([](JSON::ObjectWriter* object) { object->field("a", 1); });
    array->element(std::vector<int>{2});
  });
  EXPECT_EQ("[null,false,\"x\",1,{\"a\":1},[2]]", out);
}

TEST(JsonifyTest, AppendsToBuffer) {
  string buffer = "prefix:";
  jsonify(&buffer, std::vector<int>{1});
  EXPECT_EQ("prefix:[1]", buffer);
}
