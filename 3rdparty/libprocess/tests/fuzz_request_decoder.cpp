// libFuzzer target: the server side of a connection. Any byte string is fed
// to RequestDecoder (whole, and again split at a fuzzer-chosen point), the
// requests are classified as libprocess messages, and the results are
// re-encoded and decoded again. Beyond "never crash", it checks:
//   - decoding is independent of how the bytes are split (up to which of
//     two violations of one request is reported first);
//   - every error carries a status a server can send;
//   - isMessage and parseMessage agree;
//   - a parsed message re-encoded with encodeMessage parses back to itself
//     (unless its receiver id is empty, see checkMessage);
//   - a decoded request re-encoded with encodeRequest decodes back to the
//     same method, path, query and body.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <process/http.hpp>

#include "decoder.hpp"
#include "decoder_message.hpp"
#include "encoder.hpp"

namespace http = process::http;

#define FUZZ_ASSERT(condition)                                             \
  do {                                                                     \
    if (!(condition)) {                                                    \
      std::fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                        \
    }                                                                      \
  } while (false)

namespace {

// Re-encoding adds framing fields (Host, Connection, Content-Length, Date),
// so the second decode must not trip over the count the first one allowed.
process::DecoderLimits roomy() {
  process::DecoderLimits limits;
  limits.maxHeaderCount = 1000;
  limits.maxHeaderBytes = 1 << 20;
  return limits;
}

struct Outcome {
  std::vector<http::Request> requests;
  Option<process::DecodeError> error;
};

Outcome decode(const std::string& input, size_t split,
               const process::DecoderLimits& limits) {
  process::RequestDecoder decoder(limits);
  Outcome outcome;
  Try<Nothing, process::DecodeError> first =
      decoder.decode(input.data(), split, &outcome.requests);
  if (first.isError()) {
    outcome.error = first.errorValue();
    return outcome;
  }
  Try<Nothing, process::DecodeError> second = decoder.decode(
      input.data() + split, input.size() - split, &outcome.requests);
  if (second.isError()) {
    outcome.error = second.errorValue();
    return outcome;
  }
  Try<Nothing, process::DecodeError> finished = decoder.finish();
  if (finished.isError()) {
    outcome.error = finished.errorValue();
  }
  return outcome;
}

bool sameRequest(const http::Request& a, const http::Request& b) {
  return a.method == b.method && a.url.path == b.url.path &&
         a.url.query == b.url.query && a.url.fragment == b.url.fragment &&
         a.headers == b.headers && a.body == b.body &&
         a.keepAlive == b.keepAlive;
}

void checkMessage(http::Request request) {
  const bool message = process::isMessage(request);
  Result<process::InboundMessage> parsed = process::parseMessage(&request);
  FUZZ_ASSERT(message == !parsed.isNone());
  // An empty receiver id cannot round-trip: like libprocess, encodeMessage
  // then leaves the id segment out ("POST /<name>").
  if (!parsed.isSome() || parsed->to.empty()) {
    return;
  }

  process::OutboundMessage outbound;
  outbound.from = parsed->from;
  outbound.toId = parsed->to;
  outbound.toAddress = "127.0.0.1:5050";
  outbound.name = parsed->name;
  outbound.body = parsed->body;
  const std::string bytes = process::encodeMessage(outbound);

  process::RequestDecoder decoder(roomy());
  std::vector<http::Request> again;
  FUZZ_ASSERT(decoder.decode(bytes.data(), bytes.size(), &again).isSome());
  FUZZ_ASSERT(again.size() == 1);
  Result<process::InboundMessage> reparsed = process::parseMessage(&again[0]);
  FUZZ_ASSERT(reparsed.isSome());
  FUZZ_ASSERT(reparsed->from == parsed->from);
  FUZZ_ASSERT(reparsed->to == parsed->to);
  FUZZ_ASSERT(reparsed->name == parsed->name);
  FUZZ_ASSERT(reparsed->body == parsed->body);
}

void checkRequestRoundTrip(const http::Request& request) {
  std::string bytes;
  process::encodeRequest(request, &bytes);

  process::RequestDecoder decoder(roomy());
  std::vector<http::Request> again;
  FUZZ_ASSERT(decoder.decode(bytes.data(), bytes.size(), &again).isSome());
  FUZZ_ASSERT(again.size() == 1);
  FUZZ_ASSERT(again[0].method == request.method);
  FUZZ_ASSERT(again[0].url.path == request.url.path);
  FUZZ_ASSERT(again[0].url.query == request.url.query);
  FUZZ_ASSERT(again[0].body == request.body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) {
    return 0;
  }

  // The first byte picks the limits, the second where to split the rest.
  process::DecoderLimits limits;
  if (data[0] & 1) {
    limits.maxHeaderBytes = 64 + data[0];
    limits.maxHeaderCount = data[0] % 8;
    limits.maxBodyBytes = data[0] % 32;
  }
  const std::string input(reinterpret_cast<const char*>(data) + 2, size - 2);
  const size_t split = input.empty() ? 0 : data[1] % (input.size() + 1);

  const Outcome whole = decode(input, input.size(), limits);
  const Outcome pieces = decode(input, split, limits);

  FUZZ_ASSERT(whole.requests.size() == pieces.requests.size());
  for (size_t i = 0; i < whole.requests.size(); ++i) {
    FUZZ_ASSERT(sameRequest(whole.requests[i], pieces.requests[i]));
  }
  FUZZ_ASSERT(whole.error.isSome() == pieces.error.isSome());
  if (whole.error.isSome()) {
    // http-parser hands over target and header text when an element or a
    // read ends, so when a request breaks both a size limit (414, 431) and
    // the syntax (400), which one is seen first depends on the split.
    if (whole.error->status != pieces.error->status) {
      for (uint16_t status : {whole.error->status, pieces.error->status}) {
        FUZZ_ASSERT(status == 400 || status == 414 || status == 431);
      }
    }
    FUZZ_ASSERT(http::isValidStatus(whole.error->status));
    FUZZ_ASSERT(whole.error->status >= 400);
    FUZZ_ASSERT(!whole.error->message.empty());
  }

  for (const http::Request& request : whole.requests) {
    checkMessage(request);
    checkRequestRoundTrip(request);

    std::string response;
    process::encodeResponse(http::Accepted(), &response);
    process::encodeResponse(http::BadRequest(request.url.path), &response);
  }
  return 0;
}
