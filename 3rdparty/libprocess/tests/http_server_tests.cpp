// The HTTP server side of the transport, driven over real sockets by a
// plain client that writes exactly the bytes each test chooses.

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <process/future.hpp>
#include <process/gtest.hpp>
#include <process/http.hpp>
#include <process/id.hpp>
#include <process/process.hpp>

#include "socket_client.hpp"
#include "transport_tcp.hpp"

using process::Future;
using process::Promise;
using process::UPID;
using process::testing::SocketClient;

namespace http = process::http;

namespace {

using Handler = std::function<Future<http::Response>(const http::Request&)>;

// A process with the given routes and a recorder for named messages.
class Server : public process::Process<Server> {
 public:
  explicit Server(const std::map<std::string, Handler>& routes,
                  const std::string& id = process::ID::generate("server"))
      : ProcessBase(id) {
    for (const auto& [name, handler] : routes)
      route(name, None(), handler);
    install("note", [this](const UPID& from, const std::string& body) {
      notes.set(from.id + ":" + body);
    });
  }

  Promise<std::string> notes;
};

// Spawns a Server for the test's duration.
class Running {
 public:
  explicit Running(const std::map<std::string, Handler>& routes,
                   const std::string& id = process::ID::generate("server"))
      : server(routes, id) {
    process::spawn(server);
  }
  ~Running() {
    process::terminate(server);
    process::wait(server);
  }

  std::string path(const std::string& rest) const {
    return "/" + server.self().id + rest;
  }

  Server server;
};

Future<http::Response> ok(const std::string& body) {
  return http::OK(body);
}

std::string get(const std::string& path, const std::string& extra = "") {
  return "GET " + path + " HTTP/1.1\r\nHost: test\r\n" + extra + "\r\n";
}

network::inet::Address server() {
  return process::address();
}

}  // namespace

TEST(HttpServerTest, RouteAnsweredWithDateAndContentLength) {
  Running running({{"/hello", [](const http::Request&) { return ok("hi"); }}});

  SocketClient client(server());
  ASSERT_TRUE(client.connected()) << client.error();
  ASSERT_TRUE(client.send(get(running.path("/hello"))));
  Try<http::Response> response = client.readResponse();
  ASSERT_TRUE(response.isSome()) << response.error();
  EXPECT_EQ(200, response->code);
  EXPECT_EQ("hi", response->body);
  EXPECT_TRUE(response->headers.contains("Date"));
  EXPECT_EQ("2", response->headers.get("Content-Length").get());
}

TEST(HttpServerTest, LongestRoutePrefixAndEncodedId) {
  auto named = [](const std::string& name) {
    return [name](const http::Request&) { return ok(name); };
  };
  Running running({{"/", named("root")},
                   {"/a", named("a")},
                   {"/a/b", named("a/b")},
                   {"/x/", named("x")}},
                  process::ID::generate("routes"));
  const std::string id = running.server.self().id;  // "routes(N)"
  const std::string encoded = "/" + http::encode(id, "()");

  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/" + id, "root"},         {"/" + id + "/", "root"},
      {"/" + id + "/a", "a"},     {"/" + id + "/a/", "a"},
      {"/" + id + "/a/c", "a"},   {"/" + id + "/a/b/c/d", "a/b"},
      {"/" + id + "/x", "x"},     {encoded + "/a/b", "a/b"},
      {"/" + id + "/a?q=1", "a"},
  };
  SocketClient client(server());
  for (const auto& [path, expected] : cases) {
    ASSERT_TRUE(client.send(get(path)));
    Try<http::Response> response = client.readResponse();
    ASSERT_TRUE(response.isSome()) << path << ": " << response.error();
    EXPECT_EQ(200, response->code) << path;
    EXPECT_EQ(expected, response->body) << path;
  }

  // No route for the path, no such process, relative paths.
  for (const std::string& path :
       {"/" + id + "/nothing", std::string("/no-such-process/a"),
        "/" + id + "/../" + id + "/a", "/" + id + "/a/.."}) {
    ASSERT_TRUE(client.send(get(path)));
    Try<http::Response> response = client.readResponse();
    ASSERT_TRUE(response.isSome()) << path << ": " << response.error();
    EXPECT_EQ(404, response->code) << path;
  }
}

TEST(HttpServerTest, HandlerSeesRequest) {
  Promise<http::Request> seen;
  Running running({{"/echo", [&seen](const http::Request& request) {
                      seen.set(request);
                      return ok(request.body);
                    }}});
  SocketClient client(server());
  ASSERT_TRUE(client.send("POST " + running.path("/echo") +
                          "?a=1&b=two HTTP/1.1\r\nContent-Length: 5\r\n"
                          "X-Test: yes\r\n\r\nhello"));
  Try<http::Response> response = client.readResponse();
  ASSERT_TRUE(response.isSome()) << response.error();
  EXPECT_EQ("hello", response->body);

  AWAIT_READY(seen.future());
  const http::Request& request = seen.future().get();
  EXPECT_EQ("POST", request.method);
  EXPECT_EQ(running.path("/echo"), request.url.path);
  EXPECT_EQ("two", request.url.query.at("b"));
  EXPECT_EQ("yes", request.headers.get("X-Test").get());
  ASSERT_TRUE(request.client.isSome());
  EXPECT_NE(0, request.client->port);
}

TEST(HttpServerTest, FailedResponseIs500) {
  Running running({{"/fail", [](const http::Request&) {
                      return Future<http::Response>(
                          process::Failure("it broke"));
                    }}});
  SocketClient client(server());
  ASSERT_TRUE(client.send(get(running.path("/fail"))));
  Try<http::Response> response = client.readResponse();
  ASSERT_TRUE(response.isSome()) << response.error();
  EXPECT_EQ(500, response->code);
  EXPECT_EQ("it broke", response->body);
}

TEST(HttpServerTest, PipelinedRequestsAnsweredInOrder) {
  auto slow = std::make_shared<Promise<http::Response>>();
  Promise<bool> fastServed;
  Running running(
      {{"/slow", [slow](const http::Request&) { return slow->future(); }},
       {"/fast", [&fastServed](const http::Request&) {
          fastServed.set(true);
          return ok("fast");
        }}});

  SocketClient client(server());
  ASSERT_TRUE(client.send(get(running.path("/slow")) +
                          get(running.path("/fast")) +
                          get(running.path("/fast"))));
  // The second request is answered by its handler before the first...
  AWAIT_READY(fastServed.future());
  slow->set(http::OK("slow"));
  // ... but goes out after it.
  for (const std::string expected : {"slow", "fast", "fast"}) {
    Try<http::Response> response = client.readResponse();
    ASSERT_TRUE(response.isSome()) << response.error();
    EXPECT_EQ(expected, response->body);
  }
}

TEST(HttpServerTest, StreamedResponse) {
  http::Pipe pipe;
  Running running(
      {{"/stream",
        [&pipe](const http::Request&) {
          http::Response response = http::OK();
          response.type = http::Response::PIPE;
          response.reader = pipe.reader();
          return Future<http::Response>(response);
        }},
       {"/after", [](const http::Request&) { return ok("after"); }}});

  SocketClient client(server());
  ASSERT_TRUE(
      client.send(get(running.path("/stream")) + get(running.path("/after"))));
  http::Pipe::Writer writer = pipe.writer();
  EXPECT_TRUE(writer.write("one,"));
  EXPECT_TRUE(writer.write("two,"));
  EXPECT_TRUE(writer.write(std::string(100000, 'x')));
  EXPECT_TRUE(writer.close());

  Try<http::Response> streamed = client.readResponse();
  ASSERT_TRUE(streamed.isSome()) << streamed.error();
  EXPECT_EQ(200, streamed->code);
  EXPECT_EQ("one,two," + std::string(100000, 'x'), streamed->body);
  EXPECT_NE(std::string::npos,
            client.raw().find("Transfer-Encoding: chunked\r\n"));
  EXPECT_NE(std::string::npos, client.raw().find("\r\n4\r\none,\r\n"));

  Try<http::Response> after = client.readResponse();
  ASSERT_TRUE(after.isSome()) << after.error();
  EXPECT_EQ("after", after->body);

  // The server closed its reader once the body ended.
  AWAIT_READY(writer.readerClosed());
}

TEST(HttpServerTest, StreamReaderClosedWhenClientLeaves) {
  http::Pipe pipe;
  Promise<bool> served;
  Running running({{"/stream", [&](const http::Request&) {
                      http::Response response = http::OK();
                      response.type = http::Response::PIPE;
                      response.reader = pipe.reader();
                      served.set(true);
                      return Future<http::Response>(response);
                    }}});
  {
    SocketClient client(server());
    ASSERT_TRUE(client.send(get(running.path("/stream"))));
    AWAIT_READY(served.future());
    ASSERT_TRUE(pipe.writer().write("first"));
  }
  AWAIT_READY(pipe.writer().readerClosed());
  EXPECT_FALSE(pipe.writer().write("more"));
}

TEST(HttpServerTest, ConnectionCloseIsHonoured) {
  Running running({{"/hello", [](const http::Request&) { return ok("hi"); }}});

  SocketClient client(server());
  ASSERT_TRUE(client.send(get(running.path("/hello"), "Connection: close\r\n") +
                          get(running.path("/hello"))));
  Try<std::string> all = client.readUntilClosed();
  ASSERT_TRUE(all.isSome()) << all.error();
  // One answer, saying so, then EOF; the second request is ignored.
  EXPECT_EQ(0u, all->find("HTTP/1.1 200 OK\r\n"));
  EXPECT_NE(std::string::npos, all->find("Connection: close\r\n"));
  EXPECT_EQ(std::string::npos, all->find("HTTP/1.1", 1));

  SocketClient old(server());
  ASSERT_TRUE(old.send("GET " + running.path("/hello") + " HTTP/1.0\r\n\r\n"));
  Try<std::string> answer = old.readUntilClosed();
  ASSERT_TRUE(answer.isSome()) << answer.error();
  EXPECT_EQ(0u, answer->find("HTTP/1.1 200 OK\r\n"));
}

// A client speaking the libprocess protocol without being libprocess
// (only Libprocess-From, a Content-Length body) gets an answer per message.
TEST(HttpServerTest, MessageFromPlainClientIsAnswered) {
  Running running({});
  const std::string from = "client(1)@10.1.2.3:4567";

  SocketClient client(server());
  ASSERT_TRUE(client.send("POST " + running.path("/note") +
                          " HTTP/1.1\r\nLibprocess-From: " + from +
                          "\r\nContent-Type: application/x-protobuf\r\n"
                          "Content-Length: 5\r\n\r\nhello"));
  Try<http::Response> response = client.readResponse();
  ASSERT_TRUE(response.isSome()) << response.error();
  EXPECT_EQ(202, response->code);
  AWAIT_EXPECT_EQ("client(1):hello", running.server.notes.future());

  ASSERT_TRUE(
      client.send("POST /no-such-process/note HTTP/1.1\r\n"
                  "Libprocess-From: " +
                  from + "\r\nContent-Length: 0\r\n\r\n"));
  response = client.readResponse();
  ASSERT_TRUE(response.isSome()) << response.error();
  EXPECT_EQ(404, response->code);

  // No sender: not deliverable.
  ASSERT_TRUE(client.send("POST " + running.path("/note") +
                          " HTTP/1.1\r\nLibprocess-From: \r\n"
                          "Content-Length: 0\r\n\r\n"));
  response = client.readResponse();
  ASSERT_TRUE(response.isSome()) << response.error();
  EXPECT_EQ(400, response->code);
}

// What libprocess itself sends gets no answer at all.
TEST(HttpServerTest, MessageFromLibprocessIsNotAnswered) {
  Running running({{"/hello", [](const http::Request&) { return ok("hi"); }}});
  const std::string from = "peer(1)@10.1.2.3:4567";

  SocketClient client(server());
  ASSERT_TRUE(client.send(
      "POST " + running.path("/note") + " HTTP/1.1\r\nUser-Agent: libprocess/" +
      from + "\r\nLibprocess-From: " + from +
      "\r\nConnection: Keep-Alive\r\nHost: x\r\nTransfer-Encoding: chunked"
      "\r\n\r\n5\r\nhello\r\n0\r\n\r\n" +
      get(running.path("/hello"))));
  AWAIT_EXPECT_EQ("peer(1):hello", running.server.notes.future());
  // The first answer on the connection is the GET's.
  Try<http::Response> response = client.readResponse();
  ASSERT_TRUE(response.isSome()) << response.error();
  EXPECT_EQ(200, response->code);
  EXPECT_EQ("hi", response->body);
}

// Broken requests are refused (a 4xx or a closed connection) without
// disturbing anyone else.
TEST(HttpServerTest, MalformedRequestsAreRefused) {
  Running running({{"/hello", [](const http::Request&) { return ok("hi"); }}});
  const std::string hello = get(running.path("/hello"));

  struct Case {
    std::string name;
    std::string bytes;
    int status;
  };
  const std::vector<Case> corpus = {
      {"garbage", "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 binary", 400},
      {"bad method", "G@T / HTTP/1.1\r\n\r\n", 400},
      {"bad version", "GET / HTTP/2.0\r\n\r\n", 505},
      {"no version", "GET /\r\n\r\n", 505},
      {"bad header", "GET / HTTP/1.1\r\nNo colon here\r\n\r\n", 400},
      {"huge header",
       "GET / HTTP/1.1\r\nX-Big: " + std::string(200 * 1024, 'a') + "\r\n\r\n",
       431},
      {"too many headers",
       [] {
         std::string request = "GET / HTTP/1.1\r\n";
         for (int i = 0; i < 500; ++i)
           request += "X-" + std::to_string(i) + ": v\r\n";
         return request + "\r\n";
       }(),
       431},
      {"bad content length",
       "POST / HTTP/1.1\r\nContent-Length: banana\r\n\r\n", 400},
      {"two content lengths",
       "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
       400},
      {"huge body", "POST / HTTP/1.1\r\nContent-Length: 999999999999\r\n\r\n",
       413},
      {"bad chunk",
       "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400},
      {"relative path", "GET relative HTTP/1.1\r\n\r\n", 400},
      {"truncated",
       "POST " + running.path("/hello") +
           " HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc",
       400},
  };

  for (const Case& test : corpus) {
    const std::string& name = test.name;
    SocketClient bad(server());
    ASSERT_TRUE(bad.connected()) << name;
    bad.send(test.bytes);
    bad.shutdownWrite();
    // One answer with the status, then the server closes.
    Try<std::string> answer = bad.readUntilClosed();
    ASSERT_TRUE(answer.isSome()) << name << ": " << answer.error();
    EXPECT_EQ(0u, answer->find("HTTP/1.1 " + std::to_string(test.status) + " "))
        << name << ": " << *answer;
    EXPECT_NE(std::string::npos, answer->find("Connection: close\r\n")) << name;

    // Everyone else is still served.
    SocketClient good(server());
    ASSERT_TRUE(good.send(hello)) << name;
    Try<http::Response> response = good.readResponse();
    ASSERT_TRUE(response.isSome()) << name << ": " << response.error();
    EXPECT_EQ("hi", response->body) << name;
  }
}

// A request held open midway (slowloris) holds only its own connection,
// and is answered 408 once it stalls for the partial-request timeout.
TEST(HttpServerTest, StalledRequestDoesNotBlockOthers) {
  Running running({{"/hello", [](const http::Request&) { return ok("hi"); }}});

  SocketClient slow(server());
  ASSERT_TRUE(slow.send("GET " + running.path("/hello") +
                        " HTTP/1.1\r\nHost: test\r\nX-Slow: "));

  for (int i = 0; i < 3; ++i) {
    SocketClient other(server());
    ASSERT_TRUE(other.send(get(running.path("/hello"))));
    Try<http::Response> response = other.readResponse();
    ASSERT_TRUE(response.isSome()) << response.error();
    EXPECT_EQ("hi", response->body);
  }

  process::internal::NetworkTimeouts& timeouts =
      process::internal::networkTimeouts();
  const int64_t partial = timeouts.partial_request_ns.load();
  const int64_t sweep = timeouts.sweep_interval_ns.load();
  timeouts.partial_request_ns = Milliseconds(200).ns();
  timeouts.sweep_interval_ns = Milliseconds(50).ns();

  Try<std::string> answer = slow.readUntilClosed();

  timeouts.partial_request_ns = partial;
  timeouts.sweep_interval_ns = sweep;

  ASSERT_TRUE(answer.isSome()) << answer.error();
  EXPECT_EQ(0u, answer->find("HTTP/1.1 408 Request Time-out\r\n")) << *answer;
}

// A client that half-closes after its request still gets the answer.
TEST(HttpServerTest, HalfClosedClientIsAnswered) {
  Running running({{"/hello", [](const http::Request&) { return ok("hi"); }}});
  SocketClient client(server());
  ASSERT_TRUE(client.send(get(running.path("/hello"))));
  client.shutdownWrite();
  Try<std::string> answer = client.readUntilClosed();
  ASSERT_TRUE(answer.isSome()) << answer.error();
  EXPECT_EQ(0u, answer->find("HTTP/1.1 200 OK\r\n"));
}

// Requests whose first segment names no process go to the delegate.
TEST(HttpServerTest, DelegateGetsRequestsForNoProcess) {
  process::finalize();
  process::initialize(std::string("delegated"));
  {
    Promise<std::string> path;
    Running running(
        {{"/", [](const http::Request&) { return ok("root"); }},
         {"/state", [](const http::Request&) { return ok("state"); }},
         {"/nobody",
          [&path](const http::Request& request) {
            path.set(request.url.path);
            return ok("nobody");
          }}},
        "delegated");
    SocketClient client(server());
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"/", "root"},
        {"/state", "state"},
        {"/delegated/state", "state"},
        {"/nobody/x", "nobody"},
    };
    for (const auto& [target, expected] : cases) {
      ASSERT_TRUE(client.send(get(target)));
      Try<http::Response> response = client.readResponse();
      ASSERT_TRUE(response.isSome()) << target << ": " << response.error();
      EXPECT_EQ(expected, response->body) << target;
    }
    AWAIT_EXPECT_EQ("/delegated/nobody/x", path.future());
  }
  process::finalize();
  process::initialize();
}

// A route in an authentication realm is served, with no principal.
TEST(HttpServerTest, RealmRouteHasNoPrincipal) {
  class Realm : public process::Process<Realm> {
   public:
    Realm() : ProcessBase(process::ID::generate("realm")) {
      route("/who", "operators", None(),
            [](const http::Request&,
               const Option<http::authentication::Principal>& principal) {
              return ok(principal.isSome() ? "someone" : "nobody");
            });
    }
  };
  Realm realm;
  process::spawn(realm);
  SocketClient client(server());
  ASSERT_TRUE(client.send(get("/" + realm.self().id + "/who")));
  Try<http::Response> response = client.readResponse();
  ASSERT_TRUE(response.isSome()) << response.error();
  EXPECT_EQ("nobody", response->body);
  process::terminate(realm);
  process::wait(realm);
}

// Every form of route() declaration compiles and serves.
TEST(HttpServerTest, RouteForms) {
  class Forms : public process::Process<Forms> {
   public:
    Forms() : ProcessBase(process::ID::generate("forms")) {
      route("/literal", "Help as a literal.", &Forms::method);
      route("/string", std::string("Help as a string."), &Forms::method);
      route("/none", None(), &Forms::method);
      route("/lambda", "Help.", [](const http::Request&) { return ok("l"); });
    }

   private:
    Future<http::Response> method(const http::Request&) { return ok("m"); }
  };
  Forms forms;
  process::spawn(forms);
  SocketClient client(server());
  for (const std::string path : {"/literal", "/string", "/none", "/lambda"}) {
    ASSERT_TRUE(client.send(get("/" + forms.self().id + path)));
    Try<http::Response> response = client.readResponse();
    ASSERT_TRUE(response.isSome()) << response.error();
    EXPECT_EQ(path == "/lambda" ? "l" : "m", response->body) << path;
  }
  process::terminate(forms);
  process::wait(forms);
}
