#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include <stout/hashmap.hpp>
#include <stout/hashset.hpp>
#include <stout/stringify.hpp>

TEST(HashmapTest, PutGetContains) {
  hashmap<std::string, int> map;
  EXPECT_TRUE(map.get("a").isNone());
  EXPECT_FALSE(map.contains("a"));

  map.put("a", 1);
  map.put("a", 2);
  map.put("b", 3);
  EXPECT_EQ(2u, map.size());
  EXPECT_EQ(Option<int>(2), map.get("a"));
  EXPECT_TRUE(map.contains("b"));
  EXPECT_TRUE(map.containsValue(3));
  EXPECT_FALSE(map.containsValue(1));

  std::vector<std::string> keys = map.keys();
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ((std::vector<std::string>{"a", "b"}), keys);

  std::vector<int> values = map.values();
  std::sort(values.begin(), values.end());
  EXPECT_EQ((std::vector<int>{2, 3}), values);
}

TEST(HashmapTest, Construction) {
  hashmap<int, std::string> list = {{1, "one"}, {2, "two"}};
  EXPECT_EQ("two", list.get(2).get());

  std::map<int, int> ordered = {{1, 10}};
  hashmap<int, int> copy(ordered);
  EXPECT_EQ(10, copy.get(1).get());
  EXPECT_EQ("{ 1: 10 }", stringify(copy));
}

TEST(HashsetTest, Operations) {
  hashset<int> a = {1, 2, 3};
  hashset<int> b = {3, 4};
  EXPECT_TRUE(a.contains(1));
  EXPECT_FALSE(a.contains(4));
  EXPECT_EQ((hashset<int>{1, 2, 3, 4}), a | b);
  EXPECT_EQ((hashset<int>{1, 2}), a - b);
  EXPECT_TRUE(b.put(5));
  EXPECT_FALSE(b.put(5));
  EXPECT_EQ("{ 7 }", stringify(hashset<int>{7}));
}
