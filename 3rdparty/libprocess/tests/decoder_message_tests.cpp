#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <process/http.hpp>

#include "decoder.hpp"
#include "decoder_message.hpp"
#include "encoder.hpp"

namespace http = process::http;

using process::InboundMessage;
using process::isMessage;
using process::parseMessage;

namespace {

http::Request post(const std::string& path, http::Headers headers,
                   const std::string& body = "payload") {
  http::Request request;
  request.method = "POST";
  request.url.path = path;
  request.headers = std::move(headers);
  request.body = body;
  return request;
}

}  // namespace

TEST(MessageTest, LibprocessFrom) {
  http::Request request =
      post("/master/mesos.internal.RegisterSlaveMessage",
           {{"Libprocess-From", " slave(1)@10.0.0.5:5051 "}});
  EXPECT_TRUE(isMessage(request));
  Result<InboundMessage> message = parseMessage(&request);
  ASSERT_TRUE(message.isSome());
  EXPECT_EQ("slave(1)@10.0.0.5:5051", message->from);
  EXPECT_EQ("master", message->to);
  EXPECT_EQ("mesos.internal.RegisterSlaveMessage", message->name);
  EXPECT_EQ("payload", message->body);
  EXPECT_EQ("", request.body);  // Moved out.
}

TEST(MessageTest, OldUserAgentForm) {
  http::Request request =
      post("/master/mesos.internal.PongSlaveMessage",
           {{"User-Agent", "libprocess/slave(1)@10.0.0.5:5051"}});
  EXPECT_TRUE(isMessage(request));
  Result<InboundMessage> message = parseMessage(&request);
  ASSERT_TRUE(message.isSome());
  EXPECT_EQ("slave(1)@10.0.0.5:5051", message->from);
  EXPECT_EQ("master", message->to);
}

TEST(MessageTest, LibprocessFromWins) {
  http::Request request =
      post("/master/x", {{"User-Agent", "libprocess/old@1.1.1.1:1"},
                         {"libprocess-from", "new@2.2.2.2:2"}});
  Result<InboundMessage> message = parseMessage(&request);
  ASSERT_TRUE(message.isSome());
  EXPECT_EQ("new@2.2.2.2:2", message->from);
}

TEST(MessageTest, PercentEncodedId) {
  http::Request request = post("/slave%281%29/mesos.internal.RunTaskMessage",
                               {{"Libprocess-From", "master@10.0.0.1:5050"}});
  Result<InboundMessage> message = parseMessage(&request);
  ASSERT_TRUE(message.isSome());
  EXPECT_EQ("slave(1)", message->to);
  EXPECT_EQ("mesos.internal.RunTaskMessage", message->name);

  http::Request plus = post("/a+b/x", {{"Libprocess-From", "m@1.2.3.4:5"}});
  EXPECT_EQ("a b", parseMessage(&plus)->to);
}

TEST(MessageTest, NameIsTheRestVerbatim) {
  http::Request nested =
      post("/a/b/c%20d", {{"Libprocess-From", "m@1.2.3.4:5"}});
  Result<InboundMessage> message = parseMessage(&nested);
  ASSERT_TRUE(message.isSome());
  EXPECT_EQ("a", message->to);
  EXPECT_EQ("b/c%20d", message->name);

  http::Request noName = post("/master", {{"Libprocess-From", "m@1.2.3.4:5"}});
  message = parseMessage(&noName);
  ASSERT_TRUE(message.isSome());
  EXPECT_EQ("master", message->to);
  EXPECT_EQ("", message->name);

  http::Request emptyId = post("//name", {{"Libprocess-From", "m@1.2.3.4:5"}});
  message = parseMessage(&emptyId);
  ASSERT_TRUE(message.isSome());
  EXPECT_EQ("", message->to);
  EXPECT_EQ("name", message->name);
}

TEST(MessageTest, NotMessages) {
  http::Request get = post("/master/x", {{"Libprocess-From", "m@1.2.3.4:5"}});
  get.method = "GET";
  EXPECT_FALSE(isMessage(get));
  EXPECT_TRUE(parseMessage(&get).isNone());
  EXPECT_EQ("payload", get.body);

  http::Request plain =
      post("/master/api/v1/scheduler", {{"User-Agent", "curl/8.0"}});
  EXPECT_FALSE(isMessage(plain));
  EXPECT_TRUE(parseMessage(&plain).isNone());

  http::Request notPrefix =
      post("/master/x", {{"User-Agent", "Mozilla libprocess/m@1.2.3.4:5"}});
  EXPECT_FALSE(isMessage(notPrefix));
  EXPECT_TRUE(parseMessage(&notPrefix).isNone());

  http::Request caseSensitive =
      post("/master/x", {{"User-Agent", "LIBPROCESS/m@1.2.3.4:5"}});
  EXPECT_FALSE(isMessage(caseSensitive));
}

TEST(MessageTest, MissingSenderIsAnError) {
  http::Request emptyFrom = post("/master/x", {{"Libprocess-From", "  "}});
  EXPECT_TRUE(isMessage(emptyFrom));
  Result<InboundMessage> message = parseMessage(&emptyFrom);
  ASSERT_TRUE(message.isError());
  EXPECT_NE(std::string::npos, message.error().find("Libprocess-From"));
  EXPECT_EQ("payload", emptyFrom.body);

  http::Request emptyAgent = post("/master/x", {{"User-Agent", "libprocess/"}});
  EXPECT_TRUE(parseMessage(&emptyAgent).isError());
}

TEST(MessageTest, BadPathIsAnError) {
  http::Request badEscape =
      post("/slave%2/x", {{"Libprocess-From", "m@1.2.3.4:5"}});
  EXPECT_TRUE(parseMessage(&badEscape).isError());

  http::Request relative =
      post("master/x", {{"Libprocess-From", "m@1.2.3.4:5"}});
  EXPECT_TRUE(parseMessage(&relative).isError());

  http::Request empty = post("", {{"Libprocess-From", "m@1.2.3.4:5"}});
  EXPECT_TRUE(parseMessage(&empty).isError());
}

TEST(MessageTest, FromTheWireWithContentLength) {
  // Some clients send only Libprocess-From and a Content-Length body.
  const std::string input =
      "POST /master/mesos.scheduler.Call?ignored=1 HTTP/1.1\r\n"
      "Host: 10.0.0.1:5050\r\n"
      "Libprocess-From: scheduler-x@10.0.0.9:1234\r\n"
      "Content-Type: application/x-protobuf\r\n"
      "Content-Length: 4\r\n"
      "\r\n"
      "\x08\x01\x10\x02";
  process::RequestDecoder decoder;
  std::vector<http::Request> requests;
  ASSERT_TRUE(decoder.decode(input.data(), input.size(), &requests).isSome());
  ASSERT_EQ(1u, requests.size());
  Result<InboundMessage> message = parseMessage(&requests[0]);
  ASSERT_TRUE(message.isSome());
  EXPECT_EQ("scheduler-x@10.0.0.9:1234", message->from);
  EXPECT_EQ("master", message->to);
  EXPECT_EQ("mesos.scheduler.Call", message->name);
  EXPECT_EQ("\x08\x01\x10\x02", message->body);
}

// Found by fuzzing, and faithful to libprocess: a message to an empty id
// is sent as "POST /<name>", which the receiver reads as id <name>.
TEST(MessageTest, EmptyIdDoesNotRoundTrip) {
  process::OutboundMessage outbound;
  outbound.from = "a@1.2.3.4:5";
  outbound.toId = "";
  outbound.name = "aster/x";
  const std::string bytes = process::encodeMessage(outbound);

  process::RequestDecoder decoder;
  std::vector<http::Request> requests;
  ASSERT_TRUE(decoder.decode(bytes.data(), bytes.size(), &requests).isSome());
  ASSERT_EQ(1u, requests.size());
  Result<InboundMessage> message = parseMessage(&requests[0]);
  ASSERT_TRUE(message.isSome());
  EXPECT_EQ("aster", message->to);
  EXPECT_EQ("x", message->name);
}
