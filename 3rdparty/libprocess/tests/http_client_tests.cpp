// http::get/post/request against our own server and against a scripted
// raw server.

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <thread>
#include <vector>

#include <process/future.hpp>
#include <process/gtest.hpp>
#include <process/http.hpp>
#include <process/id.hpp>
#include <process/process.hpp>

#include <stout/stringify.hpp>

#include "socket.hpp"

using process::Future;
using process::UPID;

namespace http = process::http;

namespace {

class Echo : public process::Process<Echo> {
 public:
  Echo() : ProcessBase(process::ID::generate("echo")) {
    route("/body", None(), [](const http::Request& request) {
      http::OK response(request.method + " " + request.body + " " +
                        request.headers.get("Content-Type").getOrElse("-"));
      return Future<http::Response>(response);
    });
    route("/client", None(), [](const http::Request& request) {
      return Future<http::Response>(http::OK(stringify(request.client.get())));
    });
    route("/query", None(), [](const http::Request& request) {
      return Future<http::Response>(http::OK(request.url.query.at("a")));
    });
    route("/close", None(), [](const http::Request&) {
      http::OK response("bye");
      response.headers.put("Connection", "close");
      return Future<http::Response>(response);
    });
  }
};

class HttpClientTest : public ::testing::Test {
 protected:
  void SetUp() override { process::spawn(echo); }
  void TearDown() override {
    process::terminate(echo);
    process::wait(echo);
  }
  Echo echo;
};

// A listening socket on 127.0.0.1 driven by the test by hand.
class RawServer {
 public:
  RawServer() {
    Try<int> fd = process::internal::listenTcp(
        network::inet::Address(net::IP::loopback(), 0), 16);
    listener_ = fd.get();
    address_ = process::internal::localAddress(listener_).get();
  }
  ~RawServer() { ::close(listener_); }

  // Accepts one connection (waiting at most 15 s).
  int accept() {
    if (!readable(listener_))
      return -1;
    Result<int> fd = process::internal::acceptTcp(listener_);
    return fd.isSome() ? fd.get() : -1;
  }

  // Reads one request head (up to the blank line).
  static std::string readHead(int fd) {
    std::string head;
    char c;
    while (head.find("\r\n\r\n") == std::string::npos && readable(fd) &&
           ::recv(fd, &c, 1, 0) == 1) {
      head.push_back(c);
    }
    return head;
  }

  static bool readable(int fd) {
    pollfd poll{fd, POLLIN, 0};
    return ::poll(&poll, 1, 15000) == 1;
  }

  http::URL url(const std::string& path) const {
    http::URL url;
    url.scheme = std::string("http");
    url.domain = stringify(address_.ip);
    url.port = address_.port;
    url.path = path;
    return url;
  }

 private:
  int listener_;
  network::inet::Address address_;
};

// Option<std::string> takes no string literal directly.
std::string S(const char* text) {
  return text;
}

const std::string kOk = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

}  // namespace

TEST_F(HttpClientTest, GetAndPostToARoute) {
  Future<http::Response> get = http::get(echo.self(), S("body"));
  AWAIT_READY(get);
  EXPECT_EQ(200, get->code);
  EXPECT_EQ("GET  -", get->body);

  Future<http::Response> post =
      http::post(echo.self(), S("/body"), None(), S("data"), S("text/plain"));
  AWAIT_READY(post);
  EXPECT_EQ("POST data text/plain", post->body);

  Future<http::Response> query =
      http::get(echo.self(), S("query"), S("?a=x%20y"));
  AWAIT_READY(query);
  EXPECT_EQ("x y", query->body);

  Future<http::Response> missing = http::get(echo.self(), S("nothing"));
  AWAIT_READY(missing);
  EXPECT_EQ(404, missing->code);

  AWAIT_FAILED(
      http::post(echo.self(), S("body"), None(), None(), S("text/plain")));
}

TEST_F(HttpClientTest, KeepAliveReusesTheConnection) {
  Future<http::Response> first = http::get(echo.self(), S("client"));
  AWAIT_READY(first);
  Future<http::Response> second = http::get(echo.self(), S("client"));
  AWAIT_READY(second);
  EXPECT_EQ(first->body, second->body);

  // The server ending the connection is no problem for the next request.
  AWAIT_READY(http::get(echo.self(), S("close")));
  Future<http::Response> third = http::get(echo.self(), S("client"));
  AWAIT_READY(third);
  EXPECT_EQ(200, third->code);

  // Without keep-alive, every request has its own connection.
  http::Request request;
  request.method = "GET";
  request.url = http::URL::parse("http://" + stringify(echo.self().address) +
                                 "/" + echo.self().id + "/client")
                    .get();
  request.keepAlive = false;
  Future<http::Response> once = http::request(request);
  AWAIT_READY(once);
  EXPECT_NE(third->body, once->body);
}

TEST_F(HttpClientTest, ConcurrentRequests) {
  std::vector<Future<http::Response>> responses;
  for (int i = 0; i < 50; ++i)
    responses.push_back(
        http::post(echo.self(), S("body"), None(), std::to_string(i), None()));
  for (int i = 0; i < 50; ++i) {
    AWAIT_READY(responses[i]);
    EXPECT_EQ("POST " + std::to_string(i) + " -", responses[i]->body);
  }
}

TEST(HttpClientErrorsTest, Failures) {
  // Nobody listens there.
  RawServer* closed = new RawServer();
  const http::URL url = closed->url("/");
  delete closed;
  AWAIT_FAILED(http::get(url));

  http::URL https = url;
  https.scheme = std::string("https");
  AWAIT_FAILED(http::get(https));

  http::URL nowhere;
  AWAIT_FAILED(http::get(nowhere));

  http::URL unresolvable = url;
  unresolvable.domain = std::string("no-such-host.invalid");
  AWAIT_FAILED(http::get(unresolvable));
}

// A pooled connection the server closed meanwhile: the request is retried
// once on a new connection.
TEST(HttpClientErrorsTest, RetriesOnAStalePooledConnection) {
  RawServer server;
  Future<http::Response> first = http::get(server.url("/1"));
  const int a = server.accept();
  ASSERT_GE(a, 0);
  EXPECT_EQ(0u, RawServer::readHead(a).find("GET /1 HTTP/1.1\r\n"));
  ASSERT_EQ(static_cast<ssize_t>(kOk.size()),
            ::send(a, kOk.data(), kOk.size(), 0));
  AWAIT_READY(first);
  ::close(a);

  Future<http::Response> second = http::get(server.url("/2"));
  const int b = server.accept();
  ASSERT_GE(b, 0);
  EXPECT_EQ(0u, RawServer::readHead(b).find("GET /2 HTTP/1.1\r\n"));
  ASSERT_EQ(static_cast<ssize_t>(kOk.size()),
            ::send(b, kOk.data(), kOk.size(), 0));
  AWAIT_READY(second);
  EXPECT_EQ("ok", second->body);
  ::close(b);
}

TEST(HttpClientErrorsTest, DiscardAbandonsTheRequest) {
  RawServer server;
  Future<http::Response> response = http::get(server.url("/never"));
  const int fd = server.accept();
  ASSERT_GE(fd, 0);
  RawServer::readHead(fd);
  response.discard();
  AWAIT_DISCARDED(response);
  ::close(fd);

  // A server that answers garbage, or closes midway: failures.
  Future<http::Response> garbage = http::get(server.url("/garbage"));
  const int g = server.accept();
  ASSERT_GE(g, 0);
  RawServer::readHead(g);
  const std::string bad = "HTTP/1.1 abc\r\n\r\n";
  ::send(g, bad.data(), bad.size(), 0);
  AWAIT_FAILED(garbage);
  ::close(g);

  Future<http::Response> cut = http::get(server.url("/cut"));
  const int c = server.accept();
  ASSERT_GE(c, 0);
  RawServer::readHead(c);
  const std::string half = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc";
  ::send(c, half.data(), half.size(), 0);
  ::close(c);
  AWAIT_FAILED(cut);
}

TEST(HttpUrlTest, Parse) {
  Try<http::URL> url =
      http::URL::parse("HTTP://10.0.0.1:5050/master/state?a=1&b=x%20y#top");
  ASSERT_TRUE(url.isSome()) << url.error();
  EXPECT_EQ("http", url->scheme.get());
  EXPECT_EQ("10.0.0.1", url->domain.get());
  EXPECT_EQ(5050, url->port.get());
  EXPECT_EQ("/master/state", url->path);
  EXPECT_EQ("x y", url->query.at("b"));
  EXPECT_EQ("top", url->fragment.get());
  EXPECT_EQ("http://10.0.0.1:5050/master/state?a=1&b=x%20y#top",
            stringify(url.get()));

  Try<http::URL> bare = http::URL::parse("http://example.com");
  ASSERT_TRUE(bare.isSome());
  EXPECT_EQ("/", bare->path);
  EXPECT_TRUE(bare->port.isNone());

  for (const std::string bad :
       {"example.com/x", "http://", "http://:80/", "http://h:99999/",
        "http://h:x/", "http://user@h/", "http://[::1]/", "http://h/?a=%zz"}) {
    EXPECT_TRUE(http::URL::parse(bad).isError()) << bad;
  }
}
