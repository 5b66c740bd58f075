#ifndef PROCESS_ENCODER_HPP
#define PROCESS_ENCODER_HPP

// The bytes libprocess puts on the wire: outgoing messages, HTTP responses
// to inbound requests, and client requests. Pure functions over value types;
// the transport queues the resulting bytes on sockets.
//
// Every function appends to a caller-owned `std::string`, so a transport can
// batch several messages into one buffer (one send for many messages) and
// reuse that buffer's capacity. Each appends with at most one growth of
// `*out`, computing the size first.

#include <cstddef>
#include <ctime>
#include <string>
#include <string_view>

#include <process/http.hpp>

namespace process {

// A libprocess message to encode. The views are only read during the call.
struct OutboundMessage {
  // The sender's UPID text, "id@ip:port", exactly as it should appear in
  // `Libprocess-From` and `User-Agent`. Must not contain CR or LF.
  std::string_view from;

  // The receiver's process id ("master", "slave(1)").
  std::string_view toId;

  // The receiver's "ip:port", for the Host header. Must not contain CR/LF.
  std::string_view toAddress;

  // The message name: for protobufs the full type name
  // ("mesos.internal.RunTaskMessage").
  std::string_view name;

  // The payload (for protobufs, the serialized message). May be empty.
  std::string_view body;
};

// Appends the request Apache Mesos's libprocess sends for `message`,
// byte for byte:
//
//   POST /<toId>/<name> HTTP/1.1\r\n
//   User-Agent: libprocess/<from>\r\n
//   Libprocess-From: <from>\r\n
//   Connection: Keep-Alive\r\n
//   Host: <toAddress>\r\n
//   Transfer-Encoding: chunked\r\n        (only when the body is non-empty)
//   \r\n
//   <size in lower-case hex>\r\n<body>\r\n0\r\n\r\n   (only when non-empty)
//
// No Content-Type and no Content-Length. An empty `toId` gives
// "POST /<name>", as libprocess does. Bytes that would break the request
// line (controls, space, DEL, '?', '#', and in the id also '%', '+', '/')
// are %-escaped; everything else, bytes >= 0x80 included, goes out as is.
// The ids and names libprocess generates contain none of the escaped bytes,
// so for them the output is identical to libprocess's.
void encodeMessage(const OutboundMessage& message, std::string* out);

std::string encodeMessage(const OutboundMessage& message);

// Appends `response` as an HTTP/1.1 response:
//
//   HTTP/1.1 <code> <reason>\r\n
//   <each field of response.headers, in order>\r\n
//   Date: <now, RFC 1123 in GMT>\r\n
//   Content-Length: <n>\r\n               (NONE: 0; BODY: body size)
//   Transfer-Encoding: chunked\r\n        (PIPE, instead of Content-Length)
//   \r\n
//   <body>                                 (BODY only)
//
// Date, Content-Length and Transfer-Encoding fields in `response.headers`
// are not written (the encoder owns framing; any name that merely begins
// with "Content-Length" or "Transfer-Encoding" is dropped too, since
// http-parser based peers take it for the real one), and CR/LF inside a header
// value is replaced by a space so that a value taken from a request cannot
// inject fields. For PIPE, the server follows with one `encodeChunk` per
// chunk read from the response's pipe and one `encodeLastChunk`.
//
// The Date text is cached per thread and second, so encoding many responses
// does not format a date each time.
void encodeResponse(const http::Response& response, std::string* out);

// As above with a fixed `date` (tests, or a transport that formats its own).
void encodeResponse(const http::Response& response, std::string_view date,
                    std::string* out);

// `seconds` since the epoch as an HTTP date: "Sun, 06 Nov 1994 08:49:37 GMT".
std::string httpDate(std::time_t seconds);

// Appends a client request (for http::get/post):
//
//   <method> <url.path>[?<query::encode(url.query)>] HTTP/1.1\r\n
//   <each field of request.headers, in order>\r\n
//   Host: <url.domain>[:<url.port>]\r\n     (unless set; if domain known)
//   Connection: Keep-Alive | close\r\n      (unless set; from keepAlive)
//   Content-Length: <n>\r\n                 (body non-empty, or POST/PUT/PATCH)
//   \r\n
//   <body>
//
// The fragment is never sent. Content-Length and Transfer-Encoding fields in
// `request.headers` are not written (nor look-alikes, as for responses).
// The path goes out as given (it is
// already in wire form, see `http::URL`), with a leading '/' added if it
// lacks one (except for the asterisk-form "*"), and with controls, space
// and DEL %-escaped so the request line stays well-formed.
void encodeRequest(const http::Request& request, std::string* out);

// One chunk of a chunked body: "<size hex>\r\n<data>\r\n". Appends nothing
// for empty `data` (an empty chunk would end the body; use
// `encodeLastChunk`).
void encodeChunk(std::string_view data, std::string* out);

// The end of a chunked body: "0\r\n\r\n".
void encodeLastChunk(std::string* out);

}  // namespace process

#endif  // PROCESS_ENCODER_HPP
