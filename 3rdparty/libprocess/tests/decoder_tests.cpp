#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include <process/http.hpp>

#include "decoder.hpp"

namespace http = process::http;

using process::DecodeError;
using process::DecoderLimits;
using process::RequestDecoder;
using process::ResponseDecoder;

namespace {

struct Decoded {
  std::vector<http::Request> requests;
  Option<DecodeError> error;
};

// Feeds `input` in the given pieces (sizes summing to the input's size),
// then signals EOF if `eof`.
Decoded decodePieces(const std::string& input,
                     const std::vector<size_t>& pieces, bool eof = false,
                     const DecoderLimits& limits = DecoderLimits()) {
  RequestDecoder decoder(limits);
  Decoded result;
  size_t offset = 0;
  for (size_t piece : pieces) {
    Try<Nothing, DecodeError> decoded =
        decoder.decode(input.data() + offset, piece, &result.requests);
    offset += piece;
    if (decoded.isError()) {
      result.error = decoded.errorValue();
      return result;
    }
  }
  if (eof) {
    Try<Nothing, DecodeError> finished = decoder.finish();
    if (finished.isError()) {
      result.error = finished.errorValue();
    }
  }
  return result;
}

Decoded decode(const std::string& input, bool eof = false,
               const DecoderLimits& limits = DecoderLimits()) {
  return decodePieces(input, {input.size()}, eof, limits);
}

void expectSameRequests(const std::vector<http::Request>& expected,
                        const std::vector<http::Request>& actual,
                        const std::string& context) {
  ASSERT_EQ(expected.size(), actual.size()) << context;
  for (size_t i = 0; i < expected.size(); ++i) {
    const http::Request& e = expected[i];
    const http::Request& a = actual[i];
    EXPECT_EQ(e.method, a.method) << context;
    EXPECT_EQ(e.url.path, a.url.path) << context;
    EXPECT_EQ(e.url.query, a.url.query) << context;
    EXPECT_EQ(e.url.fragment, a.url.fragment) << context;
    EXPECT_EQ(e.headers, a.headers) << context;
    EXPECT_EQ(e.body, a.body) << context;
    EXPECT_EQ(e.keepAlive, a.keepAlive) << context;
  }
}

// Decoding `input` in two pieces split at every offset, and one byte at a
// time, gives the same result as decoding it whole.
void expectSplitInvariant(const std::string& input) {
  const Decoded whole = decode(input);
  for (size_t split = 0; split <= input.size(); ++split) {
    const Decoded pieces = decodePieces(input, {split, input.size() - split});
    const std::string context = "split at " + std::to_string(split);
    expectSameRequests(whole.requests, pieces.requests, context);
    ASSERT_EQ(whole.error.isSome(), pieces.error.isSome()) << context;
  }
  const Decoded bytes =
      decodePieces(input, std::vector<size_t>(input.size(), 1));
  expectSameRequests(whole.requests, bytes.requests, "byte by byte");
}

const std::string kMessage =
    "POST /master/mesos.internal.RegisterSlaveMessage HTTP/1.1\r\n"
    "User-Agent: libprocess/slave(1)@10.0.0.5:5051\r\n"
    "Libprocess-From: slave(1)@10.0.0.5:5051\r\n"
    "Connection: Keep-Alive\r\n"
    "Host: 10.0.0.1:5050\r\n"
    "Transfer-Encoding: chunked\r\n"
    "\r\n"
    "b\r\n"
    "hello world\r\n"
    "0\r\n"
    "\r\n";

}  // namespace

TEST(DecoderTest, LibprocessMessage) {
  const Decoded decoded = decode(kMessage);
  ASSERT_TRUE(decoded.error.isNone());
  ASSERT_EQ(1u, decoded.requests.size());
  const http::Request& request = decoded.requests[0];
  EXPECT_EQ("POST", request.method);
  EXPECT_EQ("/master/mesos.internal.RegisterSlaveMessage", request.url.path);
  EXPECT_TRUE(request.url.query.empty());
  EXPECT_TRUE(request.url.fragment.isNone());
  EXPECT_EQ("hello world", request.body);
  EXPECT_TRUE(request.keepAlive);
  EXPECT_TRUE(request.client.isNone());
  EXPECT_EQ(5u, request.headers.size());
  EXPECT_EQ("slave(1)@10.0.0.5:5051", *request.headers.find("libprocess-from"));
  EXPECT_EQ("chunked", *request.headers.find("Transfer-Encoding"));
}

TEST(DecoderTest, SplitAtEveryOffset) {
  expectSplitInvariant(kMessage);
}

TEST(DecoderTest, PipelinedRequests) {
  const std::string input =
      kMessage +
      "GET /master/state?jsonp=cb&x=a%20b#frag HTTP/1.1\r\n"
      "Host: 10.0.0.1:5050\r\n"
      "X-Empty:\r\n"
      "Accept: text/plain\r\n"
      "accept: application/json\r\n"
      "\r\n"
      "POST /slave(1)/mesos.internal.PingSlaveMessage HTTP/1.1\r\n"
      "Libprocess-From: master@10.0.0.1:5050\r\n"
      "Content-Length: 3\r\n"
      "\r\n"
      "abc"
      "\r\n"  // A stray CRLF between requests is allowed.
      "DELETE /x HTTP/1.1\r\n"
      "\r\n";

  const Decoded decoded = decode(input);
  ASSERT_TRUE(decoded.error.isNone()) << decoded.error->message;
  ASSERT_EQ(4u, decoded.requests.size());

  const http::Request& get = decoded.requests[1];
  EXPECT_EQ("GET", get.method);
  EXPECT_EQ("/master/state", get.url.path);
  EXPECT_EQ((http::Query{{"jsonp", "cb"}, {"x", "a b"}}), get.url.query);
  EXPECT_EQ(Option<std::string>("frag"), get.url.fragment);
  EXPECT_EQ("", *get.headers.find("X-Empty"));
  EXPECT_EQ("text/plain, application/json", *get.headers.find("Accept"));
  EXPECT_EQ(3u, get.headers.size());
  EXPECT_EQ("", get.body);

  const http::Request& ping = decoded.requests[2];
  EXPECT_EQ("abc", ping.body);
  EXPECT_EQ("master@10.0.0.1:5050", *ping.headers.find("Libprocess-From"));

  EXPECT_EQ("DELETE", decoded.requests[3].method);

  expectSplitInvariant(input);
}

TEST(DecoderTest, ChunkedBodies) {
  const std::string input =
      "POST /a/b HTTP/1.1\r\n"
      "Transfer-Encoding: chunked\r\n"
      "\r\n"
      "3\r\nabc\r\n"
      "A;name=value;other\r\n0123456789\r\n"
      "1; ext=\"quoted\"\r\nZ\r\n"
      "00000\r\n"
      "X-Trailer: ignored\r\n"
      "\r\n"
      "POST /a/c HTTP/1.1\r\n"
      "transfer-encoding: CHUNKED\r\n"
      "\r\n"
      "0\r\n"
      "\r\n";
  const Decoded decoded = decode(input);
  ASSERT_TRUE(decoded.error.isNone()) << decoded.error->message;
  ASSERT_EQ(2u, decoded.requests.size());
  EXPECT_EQ("abc0123456789Z", decoded.requests[0].body);
  EXPECT_FALSE(decoded.requests[0].headers.contains("X-Trailer"));
  EXPECT_EQ("", decoded.requests[1].body);
  expectSplitInvariant(input);
}

TEST(DecoderTest, ContentLength) {
  const std::string body(70000, 'q');
  const std::string input =
      "PUT /files HTTP/1.1\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\n\r\n" + body + "POST /x HTTP/1.1\r\nContent-Length: 0\r\n\r\n";
  const Decoded decoded = decode(input);
  ASSERT_TRUE(decoded.error.isNone());
  ASSERT_EQ(2u, decoded.requests.size());
  EXPECT_EQ(body, decoded.requests[0].body);
  EXPECT_EQ("", decoded.requests[1].body);
}

TEST(DecoderTest, RandomSplits) {
  std::string input;
  for (int i = 0; i < 20; ++i) {
    input += kMessage;
    input += "GET /metrics/snapshot?x=" + std::to_string(i) +
             " HTTP/1.1\r\nHost: h\r\n\r\n";
  }
  const Decoded whole = decode(input);
  ASSERT_EQ(40u, whole.requests.size());

  std::mt19937 random(42);
  for (int round = 0; round < 200; ++round) {
    std::vector<size_t> pieces;
    size_t left = input.size();
    while (left > 0) {
      const size_t piece = std::min<size_t>(left, random() % 64 + 1);
      pieces.push_back(piece);
      left -= piece;
    }
    expectSameRequests(whole.requests, decodePieces(input, pieces).requests,
                       "round " + std::to_string(round));
  }
}

TEST(DecoderTest, KeepAliveFollowsHttpVersion) {
  const Decoded http11 = decode("GET / HTTP/1.1\r\n\r\n");
  ASSERT_EQ(1u, http11.requests.size());
  EXPECT_TRUE(http11.requests[0].keepAlive);

  const Decoded http10 = decode("GET / HTTP/1.0\r\n\r\n");
  ASSERT_EQ(1u, http10.requests.size());
  EXPECT_FALSE(http10.requests[0].keepAlive);

  const Decoded http10KeepAlive =
      decode("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  ASSERT_EQ(1u, http10KeepAlive.requests.size());
  EXPECT_TRUE(http10KeepAlive.requests[0].keepAlive);

  const Decoded close = decode("GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
  ASSERT_EQ(1u, close.requests.size());
  EXPECT_FALSE(close.requests[0].keepAlive);
}

TEST(DecoderTest, BytesAfterCloseAreIgnored) {
  RequestDecoder decoder;
  std::vector<http::Request> requests;
  const std::string input =
      "GET /a HTTP/1.1\r\nConnection: close\r\n\r\n"
      "GET /b HTTP/1.1\r\n\r\n";
  ASSERT_TRUE(decoder.decode(input.data(), input.size(), &requests).isSome());
  ASSERT_EQ(1u, requests.size());
  EXPECT_EQ("/a", requests[0].url.path);
  EXPECT_TRUE(decoder.closed());
  ASSERT_TRUE(decoder.decode("garbage", 7, &requests).isSome());
  EXPECT_EQ(1u, requests.size());
  EXPECT_TRUE(decoder.finish().isSome());
}

TEST(DecoderTest, UpgradeIsIgnored) {
  const std::string input =
      "GET /a HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"
      "GET /b HTTP/1.1\r\n\r\n";
  const Decoded decoded = decode(input);
  ASSERT_TRUE(decoded.error.isNone()) << decoded.error->message;
  ASSERT_EQ(2u, decoded.requests.size());
  EXPECT_EQ("/b", decoded.requests[1].url.path);
  expectSplitInvariant(input);
}

TEST(DecoderTest, AbsoluteFormTarget) {
  const Decoded decoded = decode(
      "GET http://10.0.0.1:5050/master/state?a=1#f HTTP/1.1\r\n\r\n"
      "GET http://example.com HTTP/1.1\r\n\r\n");
  ASSERT_TRUE(decoded.error.isNone()) << decoded.error->message;
  ASSERT_EQ(2u, decoded.requests.size());
  const http::URL& url = decoded.requests[0].url;
  EXPECT_EQ(Option<std::string>("http"), url.scheme);
  EXPECT_EQ(Option<std::string>("10.0.0.1"), url.domain);
  EXPECT_EQ(Option<uint16_t>(5050), url.port);
  EXPECT_EQ("/master/state", url.path);
  EXPECT_EQ((http::Query{{"a", "1"}}), url.query);
  EXPECT_EQ(Option<std::string>("f"), url.fragment);
  EXPECT_EQ("/", decoded.requests[1].url.path);
}

TEST(DecoderTest, AsteriskFormTarget) {
  const Decoded decoded = decode("OPTIONS * HTTP/1.1\r\n\r\n");
  ASSERT_TRUE(decoded.error.isNone()) << decoded.error->message;
  ASSERT_EQ(1u, decoded.requests.size());
  EXPECT_EQ("*", decoded.requests[0].url.path);
}

TEST(DecoderTest, FoldedHeaderValue) {
  const std::string input = "GET / HTTP/1.1\r\nX-Long: a\r\n b\r\nY: c\r\n\r\n";
  const Decoded decoded = decode(input);
  ASSERT_TRUE(decoded.error.isNone()) << decoded.error->message;
  ASSERT_EQ(1u, decoded.requests.size());
  EXPECT_EQ("a b", *decoded.requests[0].headers.find("X-Long"));
  EXPECT_EQ("c", *decoded.requests[0].headers.find("Y"));
  EXPECT_EQ(2u, decoded.requests[0].headers.size());
  expectSplitInvariant(input);
}

TEST(DecoderTest, InProgressAndTruncation) {
  RequestDecoder decoder;
  std::vector<http::Request> requests;
  EXPECT_FALSE(decoder.inProgress());
  ASSERT_TRUE(decoder.decode("\r\n", 2, &requests).isSome());
  EXPECT_FALSE(decoder.inProgress());

  const std::string partial =
      "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc";
  ASSERT_TRUE(
      decoder.decode(partial.data(), partial.size(), &requests).isSome());
  EXPECT_TRUE(decoder.inProgress());
  EXPECT_TRUE(requests.empty());

  Try<Nothing, DecodeError> finished = decoder.finish();
  ASSERT_TRUE(finished.isError());
  EXPECT_EQ(400, finished.errorValue().status);
  EXPECT_TRUE(decoder.failed());
}

TEST(DecoderTest, CleanEof) {
  RequestDecoder decoder;
  std::vector<http::Request> requests;
  const std::string input = "GET / HTTP/1.1\r\n\r\n";
  ASSERT_TRUE(decoder.decode(input.data(), input.size(), &requests).isSome());
  EXPECT_TRUE(decoder.finish().isSome());
  EXPECT_EQ(1u, requests.size());
}

TEST(DecoderTest, ErrorsAreSticky) {
  RequestDecoder decoder;
  std::vector<http::Request> requests;
  const std::string input = "GET / HTTP/1.1\r\n\r\nBOGUS\r\n\r\n";
  Try<Nothing, DecodeError> decoded =
      decoder.decode(input.data(), input.size(), &requests);
  ASSERT_TRUE(decoded.isError());
  EXPECT_EQ(1u, requests.size());  // The request before the garbage.
  EXPECT_TRUE(decoder.failed());

  const std::string good = "GET / HTTP/1.1\r\n\r\n";
  EXPECT_TRUE(decoder.decode(good.data(), good.size(), &requests).isError());
  EXPECT_TRUE(decoder.finish().isError());
  EXPECT_EQ(1u, requests.size());
}

struct Malformed {
  const char* name;
  std::string input;
  uint16_t status;
  bool eof = false;
};

TEST(DecoderTest, MalformedInputGivesTheRightStatus) {
  DecoderLimits small;
  small.maxBodyBytes = 10;

  const std::vector<Malformed> corpus = {
      {"bad method", "BOGUS / HTTP/1.1\r\n\r\n", 400},
      {"lower-case method", "get / HTTP/1.1\r\n\r\n", 400},
      {"garbage bytes", std::string("\x00\x01\x02\xff\xfe", 5), 400},
      {"tls hello", "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 400},
      {"http/0.9 request line", "GET /\r\n\r\n", 505},
      {"bad version", "GET / HTTP/x.1\r\n\r\n", 400},
      {"space in target", "GET /a b HTTP/1.1\r\n\r\n", 400},
      {"control in target", "GET /a\x01 HTTP/1.1\r\n\r\n", 400},
      // Found by fuzzing: http-parser lets these two through in a target.
      {"tab in target", "GET /a\tb HTTP/1.1\r\n\r\n", 400},
      {"form feed in target", "POST /m/x\x0c HTTP/1.1\r\n\r\n", 400},
      {"control in field name", "GET / HTTP/1.1\r\nBad\x01Name: x\r\n\r\n",
       400},
      {"slash in field name", "GET / HTTP/1.1\r\nBad/Name: x\r\n\r\n", 400},
      {"space in field name", "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n", 400},
      // Found by fuzzing: http-parser accepts a NUL as a value's first byte.
      {"nul at value start",
       std::string(
           "POST /m/x HTTP/1.1\r\nLibprocess-From:\0z@1.2.3.4:5\r\n\r\n", 52),
       400},
      {"control in trailer",
       "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nT: "
       "\x01\r\n\r\n",
       400},
      {"nul in value", std::string("GET / HTTP/1.1\r\nX: a\0b\r\n\r\n", 26),
       400},
      {"field without colon", "GET / HTTP/1.1\r\nNoColon\r\n\r\n", 400},
      {"non-numeric length", "POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
       400},
      {"negative length", "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400},
      {"overflowing length",
       "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
       400},
      {"two lengths in one field",
       "POST / HTTP/1.1\r\nContent-Length: 1 2\r\n\r\nab", 400},
      {"duplicate length",
       "POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n"
       "hello!",
       400},
      {"duplicate equal length",
       "POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n"
       "hello",
       400},
      {"length and chunked",
       "POST / HTTP/1.1\r\nContent-Length: 5\r\n"
       "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
       400},
      {"unknown transfer coding",
       "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\nxx", 400},
      {"bad chunk size",
       "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400},
      {"negative chunk size",
       "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n",
       400},
      {"overflowing chunk size",
       "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
       "fffffffffffffffffffff\r\n",
       400},
      {"chunk longer than its size",
       "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
       "2\r\nhello\r\n0\r\n\r\n",
       400},
      {"shorter body than length, then garbage",
       "POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\nhello\r\n\r\n", 400},
      {"malformed query", "GET /?a=%zz HTTP/1.1\r\n\r\n", 400},
      // Found by fuzzing: neither origin-form nor absolute-form.
      {"relative target",
       "POST *maste/rx HTTP/1.1\nLibprocess-From: a@\r\n\r\n", 400},
      {"target without host", "GET http:/x HTTP/1.1\r\n\r\n", 400},
      {"truncated request line", "GET /master/sta", 400, true},
      {"truncated headers", "GET / HTTP/1.1\r\nHost: x\r\n", 400, true},
      {"truncated body", "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc",
       400, true},
      {"truncated chunk",
       "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel", 400,
       true},
      {"huge header",
       "GET / HTTP/1.1\r\nX-Big: " + std::string(100 * 1024, 'a') + "\r\n\r\n",
       431},
      {"huge header split over fields",
       "GET / HTTP/1.1\r\n" +
           [] {
             std::string fields;
             for (int i = 0; i < 90; ++i) {
               fields += "X-" + std::to_string(i) + ": " +
                         std::string(1000, 'v') + "\r\n";
             }
             return fields;
           }() +
           "\r\n",
       431},
      {"too many fields",
       "GET / HTTP/1.1\r\n" +
           [] {
             std::string fields;
             for (int i = 0; i < 101; ++i) {
               fields += "X-" + std::to_string(i) + ": v\r\n";
             }
             return fields;
           }() +
           "\r\n",
       431},
      {"huge trailers",
       "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T: " +
           std::string(90 * 1024, 't') + "\r\n\r\n",
       431},
      {"huge target", "GET /" + std::string(70000, 'p') + " HTTP/1.1\r\n\r\n",
       414},
      {"http/2", "GET / HTTP/2.0\r\n\r\n", 505},
      {"connect", "CONNECT example.com:443 HTTP/1.1\r\n\r\n", 501},
  };

  for (const Malformed& m : corpus) {
    const Decoded decoded = decode(m.input, m.eof);
    ASSERT_TRUE(decoded.error.isSome()) << m.name;
    EXPECT_EQ(m.status, decoded.error->status)
        << m.name << ": " << decoded.error->message;
    EXPECT_FALSE(decoded.error->message.empty()) << m.name;

    // Split at every offset: same verdict, never a crash.
    if (m.input.size() < 2000) {
      for (size_t split = 0; split <= m.input.size(); ++split) {
        const Decoded pieces =
            decodePieces(m.input, {split, m.input.size() - split}, m.eof);
        ASSERT_TRUE(pieces.error.isSome()) << m.name << " split " << split;
        EXPECT_EQ(m.status, pieces.error->status)
            << m.name << " split " << split;
      }
    }
  }
}

// Found by fuzzing: a request target that is both too long for the limit
// and malformed further on gives 431 when a read ends inside it (the limit
// is seen first) and 400 when it arrives whole (the syntax error is). Either
// way the request is refused.
TEST(DecoderTest, FirstViolationSeenWins) {
  DecoderLimits limits;
  limits.maxHeaderBytes = 16;
  const std::string input =
      "POST /" + std::string(40, 'x') + std::string(1, '\0');

  const Decoded whole = decode(input, false, limits);
  ASSERT_TRUE(whole.error.isSome());
  EXPECT_EQ(400, whole.error->status);

  const Decoded split =
      decodePieces(input, {30, input.size() - 30}, false, limits);
  ASSERT_TRUE(split.error.isSome());
  EXPECT_EQ(431, split.error->status);
}

TEST(DecoderTest, BodyLimits) {
  DecoderLimits limits;
  limits.maxBodyBytes = 10;

  const Decoded atLimit = decode(
      "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789", false, limits);
  ASSERT_TRUE(atLimit.error.isNone());
  EXPECT_EQ("0123456789", atLimit.requests[0].body);

  const Decoded overLength =
      decode("POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n", false, limits);
  ASSERT_TRUE(overLength.error.isSome());
  EXPECT_EQ(413, overLength.error->status);

  const Decoded hugeLength =
      decode("POST / HTTP/1.1\r\nContent-Length: 1000000000000\r\n\r\n");
  ASSERT_TRUE(hugeLength.error.isSome());
  EXPECT_EQ(413, hugeLength.error->status);

  const Decoded chunkedAtLimit = decode(
      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\n01234\r\n5\r\n56789\r\n0\r\n\r\n",
      false, limits);
  ASSERT_TRUE(chunkedAtLimit.error.isNone());
  EXPECT_EQ("0123456789", chunkedAtLimit.requests[0].body);

  const Decoded chunkedOver = decode(
      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\n01234\r\n6\r\n",
      false, limits);
  ASSERT_TRUE(chunkedOver.error.isSome());
  EXPECT_EQ(413, chunkedOver.error->status);
}

TEST(DecoderTest, HeaderLimits) {
  DecoderLimits limits;
  limits.maxHeaderBytes = 64;
  limits.maxHeaderCount = 2;

  EXPECT_TRUE(decode("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\n\r\n", false, limits)
                  .error.isNone());
  const Decoded tooMany =
      decode("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", false, limits);
  ASSERT_TRUE(tooMany.error.isSome());
  EXPECT_EQ(431, tooMany.error->status);

  const Decoded tooLong =
      decode("GET / HTTP/1.1\r\nA: " + std::string(64, 'x') + "\r\n\r\n", false,
             limits);
  ASSERT_TRUE(tooLong.error.isSome());
  EXPECT_EQ(431, tooLong.error->status);
}

// -- responses --------------------------------------------------------------

namespace {

struct DecodedResponses {
  std::vector<http::Response> responses;
  Option<DecodeError> error;
};

DecodedResponses decodeResponses(const std::string& input,
                                 const std::vector<size_t>& pieces, bool eof) {
  ResponseDecoder decoder;
  DecodedResponses result;
  size_t offset = 0;
  for (size_t piece : pieces) {
    Try<Nothing, DecodeError> decoded =
        decoder.decode(input.data() + offset, piece, &result.responses);
    offset += piece;
    if (decoded.isError()) {
      result.error = decoded.errorValue();
      return result;
    }
  }
  if (eof) {
    Try<Nothing, DecodeError> finished = decoder.finish(&result.responses);
    if (finished.isError()) {
      result.error = finished.errorValue();
    }
  }
  return result;
}

DecodedResponses decodeResponses(const std::string& input, bool eof = false) {
  return decodeResponses(input, {input.size()}, eof);
}

}  // namespace

TEST(DecoderTest, PipelinedResponses) {
  const std::string input =
      "HTTP/1.1 202 Accepted\r\n"
      "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
      "Content-Length: 0\r\n"
      "\r\n"
      "HTTP/1.1 100 Continue\r\n"
      "\r\n"
      "HTTP/1.1 200 OK\r\n"
      "Content-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n"
      "\r\n"
      "2\r\n{}\r\n0\r\n\r\n"
      "HTTP/1.1 204 No Content\r\n"
      "\r\n"
      "HTTP/1.1 404 Not Here\r\n"
      "Content-Length: 4\r\n"
      "\r\n"
      "gone";

  const DecodedResponses whole = decodeResponses(input);
  ASSERT_TRUE(whole.error.isNone()) << whole.error->message;
  ASSERT_EQ(4u, whole.responses.size());
  EXPECT_EQ(202, whole.responses[0].code);
  EXPECT_EQ("Accepted", whole.responses[0].reason);
  EXPECT_EQ(http::Response::BODY, whole.responses[0].type);
  EXPECT_EQ(200, whole.responses[1].code);
  EXPECT_EQ("{}", whole.responses[1].body);
  EXPECT_EQ("application/json",
            *whole.responses[1].headers.find("content-type"));
  EXPECT_EQ(204, whole.responses[2].code);
  EXPECT_EQ(404, whole.responses[3].code);
  EXPECT_EQ("Not Here", whole.responses[3].reason);
  EXPECT_EQ("gone", whole.responses[3].body);

  for (size_t split = 0; split <= input.size(); ++split) {
    const DecodedResponses pieces =
        decodeResponses(input, {split, input.size() - split}, false);
    ASSERT_TRUE(pieces.error.isNone()) << split;
    ASSERT_EQ(4u, pieces.responses.size()) << split;
    for (size_t i = 0; i < 4; ++i) {
      EXPECT_EQ(whole.responses[i].code, pieces.responses[i].code);
      EXPECT_EQ(whole.responses[i].reason, pieces.responses[i].reason);
      EXPECT_EQ(whole.responses[i].headers, pieces.responses[i].headers);
      EXPECT_EQ(whole.responses[i].body, pieces.responses[i].body);
    }
  }
}

TEST(DecoderTest, ResponseUntilClose) {
  const std::string input = "HTTP/1.1 200 OK\r\n\r\nstreamed until EOF";
  ResponseDecoder decoder;
  std::vector<http::Response> responses;
  ASSERT_TRUE(decoder.decode(input.data(), input.size(), &responses).isSome());
  EXPECT_TRUE(responses.empty());
  EXPECT_TRUE(decoder.inProgress());
  ASSERT_TRUE(decoder.finish(&responses).isSome());
  ASSERT_EQ(1u, responses.size());
  EXPECT_EQ("streamed until EOF", responses[0].body);
  EXPECT_TRUE(decoder.closed());
}

TEST(DecoderTest, ResponseConnectionClose) {
  const DecodedResponses decoded = decodeResponses(
      "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx"
      "garbage after close");
  ASSERT_TRUE(decoded.error.isNone());
  ASSERT_EQ(1u, decoded.responses.size());
  EXPECT_EQ("x", decoded.responses[0].body);
}

TEST(DecoderTest, MalformedResponses) {
  const std::vector<std::pair<std::string, bool>> corpus = {
      {"HTTP/1.1 2000 OK\r\n\r\n", false},
      {"HTTP/1.1 099 Low\r\n\r\n", false},
      {"HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n"
       "Connection: Upgrade\r\n\r\n",
       false},
      {"NOTHTTP 200 OK\r\n\r\n", false},
      {"HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n", false},
      {"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", true},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", true},
      {"HTTP/1.1 200", true},
  };
  for (const auto& [input, eof] : corpus) {
    const DecodedResponses decoded = decodeResponses(input, eof);
    ASSERT_TRUE(decoded.error.isSome()) << input;
    EXPECT_EQ(0, decoded.error->status) << input;
    EXPECT_TRUE(decoded.responses.empty()) << input;
  }

  DecoderLimits limits;
  limits.maxBodyBytes = 3;
  ResponseDecoder decoder(limits);
  std::vector<http::Response> responses;
  const std::string big = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabcd";
  EXPECT_TRUE(decoder.decode(big.data(), big.size(), &responses).isError());
}
