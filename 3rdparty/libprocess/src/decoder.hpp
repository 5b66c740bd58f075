#ifndef PROCESS_DECODER_HPP
#define PROCESS_DECODER_HPP

// Incremental HTTP/1.x decoders for one connection each, built on
// http-parser: `RequestDecoder` for the server side of a socket (inbound
// libprocess messages and HTTP requests to processes) and `ResponseDecoder`
// for the client side (http::get/post, and the answers to our own messages).
//
// Feed the bytes as they arrive, in any split; complete messages come out in
// order, several per call when the peer pipelines. A decoder never blocks,
// never throws and never aborts on input: bad bytes give a `DecodeError` and
// the decoder stops.
//
// Cost: each message is built directly in its final `Request`/`Response`;
// every body byte is copied exactly once (socket buffer -> body string), and
// the scratch buffers for URL and header text keep their capacity across
// messages. Not thread-safe: a connection's bytes are decoded by one thread
// at a time.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <process/http.hpp>

#include <stout/error.hpp>
#include <stout/nothing.hpp>
#include <stout/try.hpp>

namespace process {

// Why a connection's bytes could not be decoded, and the HTTP status a
// server should answer with before it closes the connection:
//
//   400  malformed: bad request line, bad header syntax, a control
//        character in the target or a header value, a field name that is
//        not a token, a bad or duplicate Content-Length, Content-Length
//        with Transfer-Encoding, a bad chunk size, a non-chunked
//        Transfer-Encoding, a malformed URL or query, garbage bytes, or EOF
//        mid-request;
//   413  the body is over `DecoderLimits::maxBodyBytes`;
//   414  the request target is over 65,535 bytes;
//   431  the header section is over `maxHeaderBytes` or `maxHeaderCount`;
//   501  CONNECT (we never tunnel);
//   505  an HTTP major version other than 1.
//
// When one request breaks two rules, the first one seen is reported, which
// for a size limit and a syntax error in the same target or header section
// can depend on where a read ended (both are refusals either way).
//
// For `ResponseDecoder` the status is 0: there is nobody to answer.
class DecodeError : public Error {
 public:
  DecodeError(uint16_t status, std::string message)
      : Error(std::move(message)), status(status) {}

  uint16_t status;
};

// The limits a decoder enforces on each message.
struct DecoderLimits {
  // Request line (or status line) plus header names and values, plus any
  // chunked trailers, not counting the CRLFs and colons. http-parser also
  // caps the raw header block at 80 KiB (HTTP_MAX_HEADER_SIZE, a process-
  // wide compile-time setting of the library), so values above that act as
  // 80 KiB.
  size_t maxHeaderBytes = 80 * 1024;

  // Header fields in one message (repeated names count once each time).
  size_t maxHeaderCount = 100;

  // De-chunked body bytes. Checked against Content-Length before any body
  // byte is read, and per chunk for chunked bodies, so an oversized body is
  // refused without being buffered.
  size_t maxBodyBytes = kDefaultMaxRequestBodyBytes;

  // Requests: 100 MiB, well above any protobuf message libprocess carries
  // (protobuf itself refuses messages over 64 MiB by default) while keeping
  // a hostile peer from making us buffer gigabytes.
  static constexpr size_t kDefaultMaxRequestBodyBytes = 100 * 1024 * 1024;

  // Responses: 1 GiB; clients fetch large documents (a big master's /state)
  // from servers they chose to talk to.
  static constexpr size_t kDefaultMaxResponseBodyBytes = 1024 * 1024 * 1024;
};

// Decodes the requests a client sends on one connection.
//
// Semantics:
// - Bodies may be sent with Content-Length, chunked (any number of chunks,
//   chunk extensions ignored), or absent. Chunked trailers are read, counted
//   against the header limits, and discarded.
// - Repeated header fields are combined with ", " (`Headers::add`); two
//   Content-Length fields are an error (400), as is Content-Length together
//   with chunked Transfer-Encoding.
// - `Request::keepAlive` follows HTTP/1.1 (keep-alive unless "Connection:
//   close") and HTTP/1.0 (close unless "Connection: keep-alive"). Once a
//   request with keepAlive == false is decoded the connection is done: the
//   decoder reports `closed()` and ignores every later byte. The server
//   answers that request and closes.
// - "Upgrade" is ignored (we never switch protocols; later bytes are parsed
//   as HTTP/1.1).
// - `Request::client` is left None; the transport sets it.
class RequestDecoder {
 public:
  explicit RequestDecoder(const DecoderLimits& limits = DecoderLimits());
  ~RequestDecoder();

  RequestDecoder(const RequestDecoder&) = delete;
  RequestDecoder& operator=(const RequestDecoder&) = delete;

  // -- queries --

  // Whether an error was reported; the decoder then refuses further input.
  bool failed() const;

  // Whether a request with keepAlive == false was decoded (see above).
  bool closed() const;

  // Whether part of a request has been received but not all of it. A
  // transport uses it to tell a clean EOF from a truncated request, and an
  // idle keep-alive connection from a slow sender.
  bool inProgress() const;

  // -- modifiers --

  // Decodes `length` bytes at `data` and appends each request completed by
  // them to `*requests` (without clearing it). On error, the requests that
  // were complete before the bad bytes are still appended: answer those,
  // then answer the error's status, then close. After an error, every call
  // returns the same error and appends nothing. After `closed()`, bytes are
  // ignored and Nothing is returned.
  Try<Nothing, DecodeError> decode(const char* data, size_t length,
                                   std::vector<http::Request>* requests);

  // Tells the decoder that the peer finished sending (EOF). Returns an error
  // (400) if a request was cut short, the previous error if any, else
  // Nothing.
  Try<Nothing, DecodeError> finish();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Decodes the responses a server sends on one connection (the client side),
// in the order the requests were sent.
//
// Semantics:
// - Bodies may use Content-Length, chunked encoding, or run until the
//   server closes the connection (then `finish()` completes the response).
// - Interim 1xx responses (e.g. "100 Continue") are skipped; 101 Switching
//   Protocols is an error, since we never ask to switch.
// - Every decoded response has type BODY (the body may be empty), the
//   peer's status code in `code` and its reason phrase in `reason`.
// - A response that ends the connection ("Connection: close", or HTTP/1.0
//   without keep-alive) makes `closed()` true; later bytes are ignored.
// - Responses to HEAD requests are not supported: their Content-Length would
//   be taken as a body to wait for. libprocess clients never send HEAD.
class ResponseDecoder {
 public:
  // Defaults to `DecoderLimits` with a body limit of
  // `kDefaultMaxResponseBodyBytes`.
  ResponseDecoder();
  explicit ResponseDecoder(const DecoderLimits& limits);
  ~ResponseDecoder();

  ResponseDecoder(const ResponseDecoder&) = delete;
  ResponseDecoder& operator=(const ResponseDecoder&) = delete;

  // -- queries --

  bool failed() const;
  bool closed() const;
  bool inProgress() const;

  // -- modifiers --

  // As `RequestDecoder::decode`, for responses.
  Try<Nothing, DecodeError> decode(const char* data, size_t length,
                                   std::vector<http::Response>* responses);

  // The server closed the connection: completes a response whose body runs
  // until EOF (appending it to `*responses`), or returns an error if a
  // response was cut short.
  Try<Nothing, DecodeError> finish(std::vector<http::Response>* responses);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace process

#endif  // PROCESS_DECODER_HPP
