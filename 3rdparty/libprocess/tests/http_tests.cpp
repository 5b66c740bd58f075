#include <gtest/gtest.h>

#include <string>

#include <process/http.hpp>

namespace http = process::http;

TEST(HttpTest, ReasonPhrases) {
  EXPECT_EQ("OK", http::reasonPhrase(200));
  EXPECT_EQ("Accepted", http::reasonPhrase(202));
  EXPECT_EQ("Bad Request", http::reasonPhrase(400));
  EXPECT_EQ("Not Found", http::reasonPhrase(404));
  EXPECT_EQ("Request Entity Too Large", http::reasonPhrase(413));
  EXPECT_EQ("Request Header Fields Too Large", http::reasonPhrase(431));
  EXPECT_EQ("Service Unavailable", http::reasonPhrase(503));
  EXPECT_EQ("", http::reasonPhrase(299));
  EXPECT_TRUE(http::isValidStatus(307));
  EXPECT_FALSE(http::isValidStatus(0));
  EXPECT_FALSE(http::isValidStatus(999));
}

TEST(HttpTest, HeadersAreCaseInsensitiveAndOrdered) {
  http::Headers headers;
  headers["Content-Type"] = "text/plain";
  headers.put("X-First", "1");
  headers["content-type"] = "application/json";

  EXPECT_EQ(2u, headers.size());
  EXPECT_TRUE(headers.contains("CONTENT-TYPE"));
  EXPECT_EQ(Option<std::string>("application/json"),
            headers.get("Content-Type"));
  EXPECT_EQ("Content-Type", headers.begin()->first);
  EXPECT_EQ(nullptr, headers.find("X-Missing"));
  EXPECT_TRUE(headers.get("X-Missing").isNone());

  headers.add("x-first", "2");
  EXPECT_EQ("1, 2", *headers.find("X-First"));

  EXPECT_TRUE(headers.erase("X-FIRST"));
  EXPECT_FALSE(headers.erase("X-First"));
  EXPECT_EQ(1u, headers.size());

  http::Headers same{{"content-TYPE", "application/json"}};
  EXPECT_EQ(same, headers);
  same.put("Content-Type", "text/plain");
  EXPECT_NE(same, headers);
}

TEST(HttpTest, IEquals) {
  EXPECT_TRUE(http::iequals("Libprocess-From", "libprocess-from"));
  EXPECT_FALSE(http::iequals("Libprocess-From", "Libprocess-Fro"));
  EXPECT_FALSE(http::iequals("a", "b"));
}

TEST(HttpTest, PercentEncode) {
  EXPECT_EQ("slave(1)", http::encode("slave(1)"));
  EXPECT_EQ("abcXYZ019-._!*'()", http::encode("abcXYZ019-._!*'()"));
  EXPECT_EQ("%24%26%2B%2C%2F%3A%3B%3D%3F%40", http::encode("$&+,/:;=?@"));
  EXPECT_EQ("%20%22%3C%3E%23%25%7B%7D%7C%5C%5E%7E%5B%5D%60",
            http::encode(" \"<>#%{}|\\^~[]`"));
  EXPECT_EQ("%00%0A%1F%7F%80%FF",
            http::encode(std::string("\0\n\x1f\x7f\x80\xff", 6)));
  EXPECT_EQ("a%28b%29", http::encode("a(b)", "()"));
}

TEST(HttpTest, PercentDecode) {
  EXPECT_EQ("slave(1)", http::decode("slave%281%29").get());
  EXPECT_EQ("slave(1)", http::decode("slave%281%29").get());
  EXPECT_EQ("a b c", http::decode("a+b%20c").get());
  EXPECT_EQ("\xff\xfe", http::decode("%fF%FE").get());
  EXPECT_EQ("", http::decode("").get());

  EXPECT_TRUE(http::decode("%").isError());
  EXPECT_TRUE(http::decode("%2").isError());
  EXPECT_TRUE(http::decode("abc%zz").isError());
  EXPECT_TRUE(http::decode("%%41").isError());
}

TEST(HttpTest, PercentEncodingRoundTripsEveryByte) {
  std::string all;
  for (int c = 0; c < 256; ++c) {
    all.push_back(static_cast<char>(c));
  }
  const std::string encoded = http::encode(all);
  for (char c : encoded) {
    EXPECT_TRUE(c > 0x20 && c < 0x7F) << int(c);
  }
  Try<std::string> decoded = http::decode(encoded);
  ASSERT_FALSE(decoded.isError()) << decoded.error();
  EXPECT_EQ(all, decoded.get());
}

TEST(HttpTest, QueryDecode) {
  Try<http::Query> query =
      http::query::decode("foo=1&bar=%20&baz&foo=3;x=a+b&&");
  ASSERT_FALSE(query.isError()) << query.error();
  EXPECT_EQ(
      (http::Query{{"foo", "3"}, {"bar", " "}, {"baz", ""}, {"x", "a b"}}),
      query.get());

  EXPECT_TRUE(http::query::decode("").get().empty());
  EXPECT_EQ((http::Query{{"a", "b=c"}}), http::query::decode("a=b=c").get());
  EXPECT_TRUE(http::query::decode("a=%zz").isError());
  EXPECT_TRUE(http::query::decode("%x=1").isError());
}

TEST(HttpTest, QueryRoundTrip) {
  const http::Query query{
      {"jsonp", "callback"}, {"a b", "c&d=e"}, {"empty", ""}, {"%", "+"}};
  const std::string encoded = http::query::encode(query);
  EXPECT_EQ("%25=%2B&a%20b=c%26d%3De&empty=&jsonp=callback", encoded);
  EXPECT_EQ(query, http::query::decode(encoded).get());
}

TEST(HttpTest, ResponseHelpers) {
  EXPECT_EQ("200 OK", http::OK().status());
  EXPECT_EQ(http::Response::NONE, http::OK().type);

  http::OK ok("hello");
  EXPECT_EQ(http::Response::BODY, ok.type);
  EXPECT_EQ("hello", ok.body);

  http::OK json = http::OK::json("{\"a\":1}");
  EXPECT_EQ("{\"a\":1}", json.body);
  EXPECT_EQ("application/json", *json.headers.find("Content-Type"));

  http::OK jsonp = http::OK::json("{}", std::string("cb"));
  EXPECT_EQ("cb({});", jsonp.body);
  EXPECT_EQ("text/javascript", *jsonp.headers.find("Content-Type"));

  EXPECT_EQ("202 Accepted", http::Accepted().status());
  EXPECT_EQ("400 Bad Request", http::BadRequest("why").status());
  EXPECT_EQ("why", http::BadRequest("why").body);
  EXPECT_EQ("403 Forbidden", http::Forbidden().status());
  EXPECT_EQ("404 Not Found", http::NotFound().status());
  EXPECT_EQ("409 Conflict", http::Conflict().status());
  EXPECT_EQ("413 Request Entity Too Large",
            http::RequestEntityTooLarge().status());
  EXPECT_EQ("500 Internal Server Error", http::InternalServerError().status());
  EXPECT_EQ("503 Service Unavailable", http::ServiceUnavailable().status());

  http::TemporaryRedirect redirect("http://10.0.0.1:5050/master/state");
  EXPECT_EQ(307, redirect.code);
  EXPECT_EQ("http://10.0.0.1:5050/master/state",
            *redirect.headers.find("Location"));

  http::MethodNotAllowed notAllowed({"GET", "POST"}, std::string("PUT"));
  EXPECT_EQ("405 Method Not Allowed", notAllowed.status());
  EXPECT_EQ("GET, POST", *notAllowed.headers.find("Allow"));
  EXPECT_EQ("Expecting one of { 'GET', 'POST' }, but received 'PUT'",
            notAllowed.body);

  http::Unauthorized unauthorized({"Basic realm=\"mesos\"", "Bearer"});
  EXPECT_EQ(401, unauthorized.code);
  EXPECT_EQ("Basic realm=\"mesos\", Bearer",
            *unauthorized.headers.find("WWW-Authenticate"));

  http::Response custom(599);
  EXPECT_EQ("599 ", custom.status());
  custom.reason = "Custom";
  EXPECT_EQ("599 Custom", custom.status());
}
