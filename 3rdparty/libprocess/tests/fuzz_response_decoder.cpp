// libFuzzer target: the client side of a connection. Any byte string is fed
// to ResponseDecoder (whole, and again split at a fuzzer-chosen point, then
// EOF). Beyond "never crash", it checks that decoding is independent of the
// split and that every decoded response, re-encoded with encodeResponse,
// decodes back to the same code, reason and body.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <process/http.hpp>

#include "decoder.hpp"
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
  std::vector<http::Response> responses;
  bool failed = false;
};

Outcome decode(const std::string& input, size_t split,
               const process::DecoderLimits& limits) {
  process::ResponseDecoder decoder(limits);
  Outcome outcome;
  outcome.failed =
      decoder.decode(input.data(), split, &outcome.responses).isError() ||
      decoder
          .decode(input.data() + split, input.size() - split,
                  &outcome.responses)
          .isError() ||
      decoder.finish(&outcome.responses).isError();
  return outcome;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) {
    return 0;
  }

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

  FUZZ_ASSERT(whole.failed == pieces.failed);
  FUZZ_ASSERT(whole.responses.size() == pieces.responses.size());
  for (size_t i = 0; i < whole.responses.size(); ++i) {
    const http::Response& a = whole.responses[i];
    const http::Response& b = pieces.responses[i];
    FUZZ_ASSERT(a.code == b.code && a.reason == b.reason &&
                a.headers == b.headers && a.body == b.body);
    FUZZ_ASSERT(a.code >= 200 && a.code <= 599);

    std::string bytes;
    process::encodeResponse(a, "Thu, 01 Jan 1970 00:00:00 GMT", &bytes);
    process::ResponseDecoder decoder(roomy());
    std::vector<http::Response> again;
    FUZZ_ASSERT(decoder.decode(bytes.data(), bytes.size(), &again).isSome());
    FUZZ_ASSERT(again.size() == 1);
    FUZZ_ASSERT(again[0].code == a.code);
    FUZZ_ASSERT(again[0].body == a.body);
  }
  return 0;
}
