// Cost of the libprocess wire codec per message, without sockets: encoding a
// message, decoding it from a byte stream (as recv() would hand it over, in
// 64 KiB reads) and recognising it as a message, and the full codec round
// trip a message costs both peers (encode, decode, classify, and encode the
// 202 answer). Bodies of 16 B, 1 KiB and 64 KiB.

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include <process/http.hpp>

#include "decoder.hpp"
#include "decoder_message.hpp"
#include "encoder.hpp"

namespace http = process::http;

namespace {

constexpr size_t kReadSize = 64 * 1024;

process::OutboundMessage message(const std::string& body) {
  process::OutboundMessage message;
  message.from = "slave(1)@10.0.0.5:5051";
  message.toId = "master";
  message.toAddress = "10.0.0.1:5050";
  message.name = "mesos.internal.StatusUpdateMessage";
  message.body = body;
  return message;
}

// Decodes `stream` in reads of kReadSize bytes and classifies each request;
// returns the number of messages.
size_t decodeStream(const std::string& stream, process::RequestDecoder* decoder,
                    std::vector<http::Request>* requests) {
  size_t messages = 0;
  for (size_t offset = 0; offset < stream.size(); offset += kReadSize) {
    requests->clear();
    const size_t length = std::min(kReadSize, stream.size() - offset);
    if (decoder->decode(stream.data() + offset, length, requests).isError()) {
      return 0;
    }
    for (http::Request& request : *requests) {
      Result<process::InboundMessage> inbound = process::parseMessage(&request);
      benchmark::DoNotOptimize(inbound);
      messages += inbound.isSome() ? 1 : 0;
    }
  }
  return messages;
}

void BM_EncodeMessage(benchmark::State& state) {
  const std::string body(state.range(0), 'b');
  const process::OutboundMessage m = message(body);
  std::string out;
  for (auto _ : state) {
    out.clear();
    process::encodeMessage(m, &out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * out.size());
}

void BM_DecodeMessage(benchmark::State& state) {
  const std::string body(state.range(0), 'b');
  const size_t count = std::max<size_t>(1, (1 << 20) / (body.size() + 200));
  std::string stream;
  for (size_t i = 0; i < count; ++i) {
    process::encodeMessage(message(body), &stream);
  }

  process::RequestDecoder decoder;
  std::vector<http::Request> requests;
  for (auto _ : state) {
    if (decodeStream(stream, &decoder, &requests) != count) {
      state.SkipWithError("decoding failed");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations() * count);
  state.SetBytesProcessed(state.iterations() * stream.size());
}

void BM_MessageRoundTrip(benchmark::State& state) {
  const std::string body(state.range(0), 'b');
  const process::OutboundMessage m = message(body);
  process::RequestDecoder decoder;
  process::ResponseDecoder answers;
  std::vector<http::Request> requests;
  std::vector<http::Response> responses;
  std::string wire;
  std::string answer;
  for (auto _ : state) {
    wire.clear();
    process::encodeMessage(m, &wire);

    requests.clear();
    if (decoder.decode(wire.data(), wire.size(), &requests).isError() ||
        requests.size() != 1) {
      state.SkipWithError("decoding failed");
      break;
    }
    Result<process::InboundMessage> inbound =
        process::parseMessage(&requests[0]);
    benchmark::DoNotOptimize(inbound);

    answer.clear();
    process::encodeResponse(http::Accepted(), &answer);
    responses.clear();
    if (answers.decode(answer.data(), answer.size(), &responses).isError()) {
      state.SkipWithError("answer decoding failed");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * wire.size());
}

BENCHMARK(BM_EncodeMessage)->Arg(16)->Arg(1024)->Arg(64 * 1024);
BENCHMARK(BM_DecodeMessage)->Arg(16)->Arg(1024)->Arg(64 * 1024);
BENCHMARK(BM_MessageRoundTrip)->Arg(16)->Arg(1024)->Arg(64 * 1024);

}  // namespace

BENCHMARK_MAIN();
