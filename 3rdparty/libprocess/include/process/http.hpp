#ifndef PROCESS_HTTP_HPP
#define PROCESS_HTTP_HPP

// The HTTP vocabulary of libprocess: requests, responses, headers, URLs,
// status codes, percent-encoding, streamed bodies (`Pipe`) and the client
// (`get`/`post`/`request`).
//
// Requests arrive at processes as `Request`s (decoded by the transport from
// the bytes of a connection; see `ProcessBase::route`) and processes answer
// with `Response`s (the helpers below: `OK`, `Accepted`, `NotFound`, ...).
// The client sends `Request`s and receives `Response`s through the same
// types.
//
// Thread-safety: the value types (Headers, URL, Request, Response) do not
// synchronise; share them the way you would share a `std::string`. `Pipe`
// ends and the client functions are thread-safe.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <process/address.hpp>
#include <process/future.hpp>
#include <process/pid.hpp>

#include <stout/none.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

namespace process {
namespace http {

// -- status codes -----------------------------------------------------------

// The standard reason phrase of `code` ("OK" for 200, "Not Found" for 404,
// ...), or an empty string when `code` is not one we know. The phrases are
// RFC 2616's, as libprocess sends them ("408 Request Time-out", "414
// Request-URI Too Large"), plus 308, 422, 426, 428, 429 and 431.
std::string_view reasonPhrase(uint16_t code);

// Whether `code` has a standard reason phrase (see `reasonPhrase`).
bool isValidStatus(uint16_t code);

// -- headers ----------------------------------------------------------------

// HTTP header fields: names compare case-insensitively (ASCII), iteration
// follows insertion order, and a name appears at most once.
//
// Backed by a small flat vector: a request carries a handful of headers, so a
// linear scan beats hashing and keeps one allocation for the whole set. The
// decoders cap the number of fields they accept (see `RequestDecoder`), which
// keeps the scans short for hostile input too.
class Headers {
 public:
  using value_type = std::pair<std::string, std::string>;
  using const_iterator = std::vector<value_type>::const_iterator;

  Headers() = default;
  Headers(std::initializer_list<value_type> entries);

  // -- queries --

  bool contains(std::string_view name) const { return find(name) != nullptr; }

  // The value of `name`, or nullptr. The pointer stays valid until the next
  // modification of this object.
  const std::string* find(std::string_view name) const;

  // A copy of the value of `name`, or None.
  Option<std::string> get(std::string_view name) const;

  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  const_iterator begin() const { return entries_.begin(); }
  const_iterator end() const { return entries_.end(); }

  bool operator==(const Headers& that) const;
  bool operator!=(const Headers& that) const { return !(*this == that); }

  // -- modifiers --

  // The value of `name`, inserted empty (at the end) if absent.
  std::string& operator[](std::string_view name);

  // Sets `name` to `value`, replacing any previous value.
  void put(std::string name, std::string value);

  // Adds a received field: if `name` is already present, `value` is appended
  // to it after ", " (how RFC 9110 section 5.3 combines repeated fields);
  // otherwise a new field is inserted.
  void add(std::string name, std::string value);

  // Removes `name`; returns whether it was present.
  bool erase(std::string_view name);

  void clear() { entries_.clear(); }
  void reserve(size_t n) { entries_.reserve(n); }

 private:
  std::vector<value_type> entries_;
};

// ASCII case-insensitive equality, as used for header names.
bool iequals(std::string_view left, std::string_view right);

// -- URLs and percent-encoding ----------------------------------------------

// Query parameters. Ordered, so that encoding a query is deterministic.
using Query = std::map<std::string, std::string>;

// scheme://domain:port/path?query#fragment. A request received by a server
// usually carries only `path`, `query` and `fragment` (origin-form); the
// other parts are filled in when the request line held an absolute URL.
//
// `path` is kept exactly as it appeared on the wire: percent-escapes are NOT
// decoded, because a decoded '/' would change how the path splits into
// segments. Decode segment by segment with `http::decode`.
struct URL {
  // Parses an absolute URL, "http://host[:port][/path][?query][#fragment]"
  // (the path kept in wire form, the query decoded). The scheme is
  // lower-cased; a missing path is "/". Errors name what is wrong.
  static Try<URL> parse(const std::string& text);

  Option<std::string> scheme;
  Option<std::string> domain;
  Option<uint16_t> port;
  std::string path = "/";
  Query query;
  Option<std::string> fragment;
};

// "scheme://domain:port/path?query#fragment", leaving out what is unset.
std::ostream& operator<<(std::ostream& stream, const URL& url);

// Percent-encodes `s` the way libprocess does: the RFC 3986 reserved
// characters `$&+,/:;=?@`, the unsafe characters ` "<>#%{}|\^~[]` and a
// backtick, every control character and every byte >= 0x80 become `%XX`
// (upper-case hex); so does any byte listed in `additional`. Letters, digits
// and `-._!*'()` are left alone, so an id such as `slave(1)` is unchanged.
std::string encode(std::string_view s, std::string_view additional = "");

// Decodes `%XX` escapes and turns '+' into ' ' (as libprocess does, for both
// paths and queries). Returns an Error for a '%' not followed by two hex
// digits.
Try<std::string> decode(std::string_view s);

namespace query {

// Parses "a=1&b=%20&c" into {a: "1", b: " ", c: ""}. Pairs are separated by
// '&' or ';'; empty pairs are skipped; for a repeated key the last value
// wins. Keys and values are percent-decoded; an Error names a malformed
// escape.
Try<Query> decode(std::string_view query);

// The inverse of `decode`: "k=v" pairs joined by '&', in key order, each key
// and value percent-encoded with `http::encode`.
std::string encode(const Query& query);

}  // namespace query

// -- requests ---------------------------------------------------------------

struct Request {
  // Upper-case method name: "GET", "POST", ...
  std::string method;

  URL url;

  Headers headers;

  // The whole body, de-chunked. Server-side requests are only handed to
  // processes once the body is complete.
  std::string body;

  // Whether the connection stays open after this request: set by the
  // decoder from the HTTP version and the Connection header (HTTP/1.1
  // defaults to true, HTTP/1.0 to false). For a client request, false adds
  // "Connection: close".
  bool keepAlive = false;

  // Server side: the peer the request came from (which may be a proxy), set
  // by the transport from the socket. None for client requests.
  Option<network::inet::Address> client;
};

// -- streamed bodies --------------------------------------------------------

// A one-way channel of byte strings: a response producer writes chunks to
// the `Writer`, the server reads them from the `Reader` and sends each one
// as an HTTP chunk as soon as it is written.
//
//   Pipe pipe;
//   Response response = OK();
//   response.type = Response::PIPE;
//   response.reader = pipe.reader();
//   Pipe::Writer writer = pipe.writer();
//   writer.write("event 1\n");    // later, from any thread
//   writer.close();               // ends the body
//
// Both ends are cheap handles to one shared state (copies refer to the same
// pipe) and every call is thread-safe. Chunks are read in write order, each
// exactly as written (never merged or split). A future returned by `read`
// completes on the thread of the `write`/`close`/`fail` that satisfies it,
// or at once if a chunk is already buffered. The pipe buffers without
// limit: a producer that must not outrun its reader paces itself (for
// instance on `readerClosed()` or on its own acknowledgements).
class Pipe {
 private:
  struct Data;

 public:
  class Reader {
   public:
    // The next chunk; "" once the writer closed and every chunk was read.
    // Fails with the writer's message after `Writer::fail`, and with
    // "closed" once this end was closed. Several outstanding reads are
    // completed in order.
    Future<std::string> read();

    // Every remaining chunk, concatenated, once the writer closes; fails
    // like `read`.
    Future<std::string> readAll();

    // Closes the read end: buffered chunks are dropped, later writes
    // return false, outstanding reads fail with "closed" and the writer's
    // `readerClosed()` completes. False if it was already closed.
    bool close();

    bool operator==(const Reader& that) const { return data_ == that.data_; }
    bool operator!=(const Reader& that) const { return !(*this == that); }

   private:
    friend class Pipe;
    explicit Reader(std::shared_ptr<Data> data) : data_(std::move(data)) {}
    std::shared_ptr<Data> data_;
  };

  class Writer {
   public:
    // Appends a chunk. False (nothing written) once either end is closed
    // or the writer failed. An empty string is ignored and returns true:
    // only `close()` ends the body.
    bool write(std::string s);

    // Ends the body: reads get the buffered chunks, then "". False if the
    // writer was already closed or failed.
    bool close();

    // Ends the body with an error: buffered chunks are dropped and every
    // outstanding and later read fails with `message`. False if the writer
    // was already closed or failed.
    bool fail(const std::string& message);

    // Completes once the read end is closed (a server closes it when the
    // body is done or the client goes away); never fails.
    Future<Nothing> readerClosed() const;

    bool operator==(const Writer& that) const { return data_ == that.data_; }
    bool operator!=(const Writer& that) const { return !(*this == that); }

   private:
    friend class Pipe;
    explicit Writer(std::shared_ptr<Data> data) : data_(std::move(data)) {}
    std::shared_ptr<Data> data_;
  };

  Pipe();

  Reader reader() const;
  Writer writer() const;

 private:
  std::shared_ptr<Data> data_;
};

// -- responses --------------------------------------------------------------

struct Response {
  // How the body is carried:
  //   NONE  no body; sent with "Content-Length: 0".
  //   BODY  `body` is the whole body; sent with "Content-Length".
  //   PIPE  a streamed body read from `reader`, sent with
  //         "Transfer-Encoding: chunked", one HTTP chunk per pipe chunk, as
  //         the producer writes it. The server closes the reader when the
  //         body ends or the client goes away. If the writer fails after
  //         the headers went out, the connection is closed without the
  //         final chunk so the client sees a truncated body.
  enum Type { NONE, BODY, PIPE };

  Response() = default;

  // A response with `code` and the standard reason phrase; BODY when `body`
  // is non-empty, NONE otherwise.
  explicit Response(uint16_t code, std::string body = "");

  // "200 OK": the code and the reason phrase (`reason`, or the standard one
  // when `reason` is empty).
  std::string status() const;

  uint16_t code = 200;

  // The reason phrase to send; empty means the standard one for `code`.
  // Responses decoded from the wire carry the peer's phrase.
  std::string reason;

  // Headers to send. The encoder owns framing: it always writes `Date`, and
  // writes `Content-Length` (NONE, BODY) or `Transfer-Encoding: chunked`
  // (PIPE) itself, ignoring any such fields set here.
  Headers headers;

  Type type = NONE;

  std::string body;

  // The body's source when `type` is PIPE.
  Option<Pipe::Reader> reader;
};

// The helpers answer with the usual status line; a `body` makes the response
// BODY (sent as is, with no Content-Type unless one is set in `headers`).

struct OK : Response {
  OK();
  explicit OK(std::string body);
  explicit OK(const char* body);

  // A JSON document: Content-Type "application/json". With `jsonp`, the body
  // becomes `<jsonp>(<json>);` with Content-Type "text/javascript".
  static OK json(std::string json, const Option<std::string>& jsonp = None());
};

struct Accepted : Response {
  Accepted();
  explicit Accepted(std::string body);
};

// 307 with "Location: <location>".
struct TemporaryRedirect : Response {
  explicit TemporaryRedirect(std::string location);
};

struct BadRequest : Response {
  BadRequest();
  explicit BadRequest(std::string body);
};

// 401 with one "WWW-Authenticate" field listing `challenges` (joined by
// ", "), e.g. {"Basic realm=\"mesos\""}.
struct Unauthorized : Response {
  explicit Unauthorized(const std::vector<std::string>& challenges,
                        std::string body = "");
};

struct Forbidden : Response {
  Forbidden();
  explicit Forbidden(std::string body);
};

struct NotFound : Response {
  NotFound();
  explicit NotFound(std::string body);
};

// 405 with "Allow: <allowed joined by ', '>" and a body naming what was
// expected and, if given, the method that was received.
struct MethodNotAllowed : Response {
  explicit MethodNotAllowed(const std::vector<std::string>& allowed,
                            const Option<std::string>& requestMethod = None());
};

struct Conflict : Response {
  Conflict();
  explicit Conflict(std::string body);
};

// 413: the request body is over the server's limit.
struct RequestEntityTooLarge : Response {
  RequestEntityTooLarge();
  explicit RequestEntityTooLarge(std::string body);
};

struct InternalServerError : Response {
  InternalServerError();
  explicit InternalServerError(std::string body);
};

struct ServiceUnavailable : Response {
  ServiceUnavailable();
  explicit ServiceUnavailable(std::string body);
};

// -- authentication ---------------------------------------------------------

namespace authentication {

// Who made a request, as established by an authenticator: a name and/or
// claims. (Routes in a realm receive it; see ProcessBase::route.)
struct Principal {
  explicit Principal(Option<std::string> value,
                     std::map<std::string, std::string> claims = {})
      : value(std::move(value)), claims(std::move(claims)) {}

  bool operator==(const Principal& that) const {
    return value == that.value && claims == that.claims;
  }
  bool operator!=(const Principal& that) const { return !(*this == that); }

  Option<std::string> value;
  std::map<std::string, std::string> claims;
};

// The value, else the claims as "{key: value, ...}".
std::ostream& operator<<(std::ostream& stream, const Principal& principal);

}  // namespace authentication

// -- client -----------------------------------------------------------------

// Sends `request` to the server named by `request.url` (scheme "http" or
// unset; `domain` an IPv4 address or a host name, resolved off the worker
// threads; `port` defaulting to 80) and completes with its response, whose
// body is complete (type BODY, up to 1 GiB). Fails with a message naming
// the server when it cannot be reached, the connection breaks before the
// whole response arrived, or the response is malformed; discarding the
// returned future abandons the request (its connection is closed).
//
// Connections are reused: a request with `keepAlive` (what get/post set)
// goes out on an idle connection to the same address if there is one and
// the connection is kept for the next request once the server answered
// with keep-alive; idle connections are closed after 30 s. A request sent
// on a reused connection that the server closed meanwhile is retried once
// on a new connection. Requests are not pipelined: one in flight per
// connection. Thread-safe; requires process::initialize(). Every call may
// be made from a process handler: nothing blocks. The future completes on
// the event-loop thread: keep callbacks short, or `defer` them to a
// process.
Future<Response> request(const Request& request);

// GET `url` with keep-alive.
Future<Response> get(const URL& url, const Option<Headers>& headers = None());

// GET http://<upid address>/<upid.id>[/<path>][?<query>], as libprocess
// addresses a process's route: `path` is appended after a '/' (a leading
// '/' of its own is dropped) and `query` ("a=1&b=2", an optional leading
// '?') is decoded into the URL's query.
Future<Response> get(const UPID& upid, const Option<std::string>& path = None(),
                     const Option<std::string>& query = None(),
                     const Option<Headers>& headers = None(),
                     const Option<std::string>& scheme = None());

// POST `body` (with "Content-Type: <contentType>" if given) to `url`, with
// keep-alive. A content type without a body fails at once.
Future<Response> post(const URL& url, const Option<Headers>& headers = None(),
                      const Option<std::string>& body = None(),
                      const Option<std::string>& contentType = None());

Future<Response> post(const UPID& upid,
                      const Option<std::string>& path = None(),
                      const Option<Headers>& headers = None(),
                      const Option<std::string>& body = None(),
                      const Option<std::string>& contentType = None(),
                      const Option<std::string>& scheme = None());

}  // namespace http
}  // namespace process

#endif  // PROCESS_HTTP_HPP
