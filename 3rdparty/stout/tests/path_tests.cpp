#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <stout/path.hpp>

TEST(PathTest, Join) {
  EXPECT_EQ("a/b", path::join("a", "b"));
  EXPECT_EQ("a/b", path::join("a/", "b"));
  EXPECT_EQ("a/b", path::join("a", "/b"));
  EXPECT_EQ("a/b", path::join("a/", "/b"));
  EXPECT_EQ("/a/b/c/d", path::join("/a", "b", "c/", "/d"));
  EXPECT_EQ("/b", path::join("/", "b"));
  EXPECT_EQ("b", path::join("", "b"));
  EXPECT_EQ("a/", path::join("a", ""));
  EXPECT_EQ("x/y/z", path::join(std::vector<std::string>{"x", "y", "z"}));
  EXPECT_EQ("", path::join(std::vector<std::string>{}));
}

TEST(PathTest, Absolute) {
  EXPECT_TRUE(path::absolute("/a"));
  EXPECT_FALSE(path::absolute("a/b"));
  EXPECT_FALSE(path::absolute(""));
  EXPECT_TRUE(Path("/").absolute());
}

TEST(PathTest, Basename) {
  EXPECT_EQ("lib", Path("/usr/lib").basename());
  EXPECT_EQ("usr", Path("/usr/").basename());
  EXPECT_EQ("usr", Path("usr").basename());
  EXPECT_EQ("/", Path("/").basename());
  EXPECT_EQ("/", Path("///").basename());
  EXPECT_EQ(".", Path(".").basename());
  EXPECT_EQ("..", Path("..").basename());
  EXPECT_EQ(".", Path("").basename());
  EXPECT_EQ("c", Path("a//b//c//").basename());
}

TEST(PathTest, Dirname) {
  EXPECT_EQ("/usr", Path("/usr/lib").dirname());
  EXPECT_EQ("/", Path("/usr/").dirname());
  EXPECT_EQ(".", Path("usr").dirname());
  EXPECT_EQ("/", Path("/").dirname());
  EXPECT_EQ("/", Path("//usr").dirname());
  EXPECT_EQ(".", Path(".").dirname());
  EXPECT_EQ(".", Path("..").dirname());
  EXPECT_EQ(".", Path("").dirname());
  EXPECT_EQ("a//b", Path("a//b//c//").dirname());
}

TEST(PathTest, Extension) {
  EXPECT_EQ(".gz", Path("/a/b.tar.gz").extension().get());
  EXPECT_TRUE(Path("/a/b").extension().isNone());
  EXPECT_TRUE(Path("/a/.hidden").extension().isNone());
  EXPECT_TRUE(Path("..").extension().isNone());
  EXPECT_EQ(".", Path("a.").extension().get());
}

TEST(PathTest, Normalize) {
  EXPECT_EQ("/a/c", path::normalize("/a/./b/../c//").get());
  EXPECT_EQ("..", path::normalize("a/../..").get());
  EXPECT_EQ("/", path::normalize("/..").get());
  EXPECT_EQ("/", path::normalize("/").get());
  EXPECT_EQ(".", path::normalize("").get());
  EXPECT_EQ(".", path::normalize("a/..").get());
  EXPECT_EQ("../../b", path::normalize("../../a/../b").get());
  EXPECT_EQ("a/b", path::normalize("./a//b/.").get());
}
