#ifndef PROCESS_HTTP_HPP
#define PROCESS_HTTP_HPP

// The HTTP vocabulary of libprocess: requests, responses, headers, URLs,
// status codes and percent-encoding. Everything here is a plain value type;
// nothing in this header touches a socket.
//
// Requests arrive at processes as `Request`s (decoded by the transport from
// the bytes of a connection) and processes answer with `Response`s (the
// helpers below: `OK`, `Accepted`, `NotFound`, ...). The client side
// (`http::get`/`http::post`, added with the transport) sends `Request`s and
// receives `Response`s through the same types.
//
// Thread-safety: none of these types synchronise; share them the way you
// would share a `std::string`.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <process/address.hpp>

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
  Option<std::string> scheme;
  Option<std::string> domain;
  Option<uint16_t> port;
  std::string path = "/";
  Query query;
  Option<std::string> fragment;
};

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

// -- responses --------------------------------------------------------------

struct Response {
  // How the body is carried:
  //   NONE  no body; sent with "Content-Length: 0".
  //   BODY  `body` is the whole body; sent with "Content-Length".
  //   PIPE  a streamed body, sent with "Transfer-Encoding: chunked" as the
  //         producer writes it. The pipe reader that feeds it arrives with
  //         the transport (socket phase); until then only the headers of a
  //         PIPE response can be encoded (see encoder.hpp).
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

}  // namespace http
}  // namespace process

#endif  // PROCESS_HTTP_HPP
