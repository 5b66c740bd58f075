#include "decoder.hpp"

// http_parser.h declares a global `enum flags`, which would clash with
// stout's `flags` namespace in any translation unit that sees both; the
// rename also applies to the struct member, hence the accessor below.
#define flags http_parser_flags
#include <http_parser.h>
namespace {
bool isChunked(const http_parser& parser) {
  return parser.flags & F_CHUNKED;
}
}  // namespace
#undef flags

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include <stout/option.hpp>

namespace process {

namespace {

// A declared Content-Length (or chunk size) is trusted for a pre-allocation
// only up to this much; beyond it the body grows as bytes really arrive, so
// a peer cannot make us allocate by announcing a large body and stalling.
constexpr size_t kMaxReserve = 1024 * 1024;

// http_parser_url stores offsets and lengths in 16 bits.
constexpr size_t kMaxTarget = 65535;

// Byte classes for the checks http-parser, built non-strict, leaves out: it
// lets a space through in a field name, a control character through at the
// start of a value, and a tab or form feed through in a request target.
enum ByteClass : uint8_t {
  kToken = 1,   // RFC 9110 tchar: allowed in a field name.
  kValue = 2,   // Visible, space, tab or obs-text: allowed in a field value.
  kTarget = 4,  // Visible or obs-text: allowed in a request target.
};

constexpr std::array<uint8_t, 256> makeByteClasses() {
  std::array<uint8_t, 256> classes{};
  for (int c = 0; c < 256; ++c) {
    uint8_t bits = 0;
    if ((c >= 0x21 && c != 0x7F)) {
      bits |= kValue | kTarget;
    }
    if (c == ' ' || c == '\t') {
      bits |= kValue;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= '0' && c <= '9')) {
      bits |= kToken;
    }
    for (char symbol : std::string_view("!#$%&'*+-.^_`|~")) {
      if (c == static_cast<unsigned char>(symbol)) {
        bits |= kToken;
      }
    }
    classes[c] = bits;
  }
  return classes;
}

constexpr std::array<uint8_t, 256> kByteClasses = makeByteClasses();

bool allOf(ByteClass byteClass, const char* data, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if ((kByteClasses[static_cast<unsigned char>(data[i])] & byteClass) == 0) {
      return false;
    }
  }
  return true;
}

// The parts common to both decoders: driving http-parser, collecting header
// fields, enforcing limits and emitting messages. `Derived` supplies the
// request- or response-specific steps (begin, headersComplete,
// messageComplete).
template <typename Derived, typename Message>
class Core {
 public:
  Core(http_parser_type type, const DecoderLimits& limits, bool server)
      : limits_(limits), server_(server) {
    http_parser_init(&parser_, type);
    parser_.data = this;
  }

  bool failed() const { return error_.isSome(); }
  bool closed() const { return closed_; }
  bool inProgress() const { return started_; }

  Try<Nothing, DecodeError> run(const char* data, size_t length,
                                std::vector<Message>* out) {
    if (error_.isSome()) {
      return error_.get();
    }
    if (closed_) {
      return Nothing();
    }

    out_ = out;
    bufferEnd_ = data + length;

    size_t offset = 0;
    while (offset < length) {
      const size_t parsed = http_parser_execute(&parser_, &settings(),
                                                data + offset, length - offset);
      offset += parsed;

      const http_errno error = HTTP_PARSER_ERRNO(&parser_);
      if (error == HPE_PAUSED) {
        break;  // A message ended the connection; see onMessageComplete.
      }
      if (error != HPE_OK) {
        parserError(error);
        break;
      }
      // http-parser stops after a request carrying "Upgrade". We never
      // switch protocols, so whatever follows is parsed as HTTP/1.1.
      if (offset < length && !parser_.upgrade) {
        fail(400, "HTTP parser stopped without an error");
        break;
      }
    }

    out_ = nullptr;
    if (error_.isSome()) {
      return error_.get();
    }
    return Nothing();
  }

 protected:
  static Derived& from(http_parser* parser) {
    return static_cast<Derived&>(*static_cast<Core*>(parser->data));
  }

  // Records the first error; returns the value that makes http-parser stop
  // from a data or notification callback (headersComplete returns -1
  // instead, since 1 and 2 mean "no body" there).
  int fail(uint16_t status, std::string message) {
    if (error_.isNone()) {
      error_ = DecodeError(server_ ? status : 0, std::move(message));
    }
    return 1;
  }

  void parserError(http_errno error) {
    if (error_.isSome()) {
      return;  // A callback of ours stopped the parser and said why.
    }
    const std::string what =
        std::string(Derived::kWhat) + ": " + http_errno_description(error);
    switch (error) {
      case HPE_HEADER_OVERFLOW:
        fail(431, what);
        break;
      default:
        fail(400, what);
        break;
    }
  }

  bool countHeaderBytes(size_t length) {
    headerBytes_ += length;
    if (headerBytes_ > limits_.maxHeaderBytes) {
      fail(431, "Header section is over " +
                    std::to_string(limits_.maxHeaderBytes) + " bytes");
      return false;
    }
    return true;
  }

  bool commitHeader() {
    if (++headerCount_ > limits_.maxHeaderCount) {
      fail(431, "More than " + std::to_string(limits_.maxHeaderCount) +
                    " header fields");
      return false;
    }
    current_.headers.add(std::move(field_), std::move(value_));
    field_.clear();
    value_.clear();
    headerState_ = HeaderState::NONE;
    return true;
  }

  // Checks a declared Content-Length against the limit and pre-allocates.
  bool expectBody() {
    const uint64_t length = parser_.content_length;
    if (isChunked(parser_) || length == ULLONG_MAX) {
      return true;
    }
    if (length > limits_.maxBodyBytes) {
      fail(413, "Body of " + std::to_string(length) + " bytes is over " +
                    std::to_string(limits_.maxBodyBytes) + " bytes");
      return false;
    }
    current_.body.reserve(std::min<size_t>(length, kMaxReserve));
    return true;
  }

  static const http_parser_settings& settings() {
    static const http_parser_settings settings = [] {
      http_parser_settings s;
      http_parser_settings_init(&s);
      s.on_message_begin = &Core::onMessageBegin;
      s.on_header_field = &Core::onHeaderField;
      s.on_header_value = &Core::onHeaderValue;
      s.on_headers_complete = &Core::onHeadersComplete;
      s.on_body = &Core::onBody;
      s.on_chunk_header = &Core::onChunkHeader;
      s.on_message_complete = &Core::onMessageComplete;
      Derived::addCallbacks(&s);
      return s;
    }();
    return settings;
  }

  static int onMessageBegin(http_parser* parser) {
    Derived& d = from(parser);
    d.started_ = true;
    d.inTrailers_ = false;
    d.headerBytes_ = 0;
    d.headerCount_ = 0;
    d.headerState_ = HeaderState::NONE;
    d.field_.clear();
    d.value_.clear();
    d.current_ = Message();
    d.current_.headers.reserve(8);
    d.begin();
    return 0;
  }

  // http-parser hands over a field name in pieces only when a buffer ends
  // inside it, so a piece that ends exactly at the buffer end is "open" and
  // the next name callback continues it. Any other name callback right after
  // a name starts a new field: the previous one had an empty value, which
  // gets no value callback at all. Value pieces always append: split values
  // and folded lines (whose leading whitespace http-parser passes on) alike.
  static int onHeaderField(http_parser* parser, const char* data, size_t n) {
    Derived& d = from(parser);
    if (!d.countHeaderBytes(n)) {
      return 1;
    }
    if (!allOf(kToken, data, n)) {
      return d.fail(400, "Invalid character in a header field name");
    }
    if (d.inTrailers_) {
      return 0;
    }
    const bool continuation = d.headerState_ == HeaderState::FIELD && d.open_;
    if (!continuation && d.headerState_ != HeaderState::NONE &&
        !d.commitHeader()) {
      return 1;
    }
    d.field_.append(data, n);
    d.headerState_ = HeaderState::FIELD;
    d.open_ = data + n == d.bufferEnd_;
    return 0;
  }

  static int onHeaderValue(http_parser* parser, const char* data, size_t n) {
    Derived& d = from(parser);
    if (!d.countHeaderBytes(n)) {
      return 1;
    }
    if (!allOf(kValue, data, n)) {
      return d.fail(400, "Invalid character in a header field value");
    }
    if (d.inTrailers_) {
      return 0;
    }
    d.value_.append(data, n);
    d.headerState_ = HeaderState::VALUE;
    return 0;
  }

  static int onHeadersComplete(http_parser* parser) {
    Derived& d = from(parser);
    if (d.headerState_ != HeaderState::NONE && !d.commitHeader()) {
      return -1;
    }
    d.inTrailers_ = true;
    if (!d.headersComplete() || !d.expectBody()) {
      return -1;
    }
    return 0;
  }

  static int onBody(http_parser* parser, const char* data, size_t n) {
    Derived& d = from(parser);
    if (n > d.limits_.maxBodyBytes - d.current_.body.size()) {
      return d.fail(413, "Body is over " +
                             std::to_string(d.limits_.maxBodyBytes) + " bytes");
    }
    d.current_.body.append(data, n);
    return 0;
  }

  static int onChunkHeader(http_parser* parser) {
    Derived& d = from(parser);
    const uint64_t size = parser->content_length;
    std::string& body = d.current_.body;
    if (size > d.limits_.maxBodyBytes - body.size()) {
      return d.fail(413, "Chunked body is over " +
                             std::to_string(d.limits_.maxBodyBytes) + " bytes");
    }
    const size_t wanted = body.size() + std::min<size_t>(size, kMaxReserve);
    if (wanted > body.capacity()) {
      body.reserve(wanted);
    }
    return 0;
  }

  static int onMessageComplete(http_parser* parser) {
    Derived& d = from(parser);
    d.started_ = false;
    if (d.messageComplete() && !http_should_keep_alive(parser)) {
      d.closed_ = true;
      http_parser_pause(parser, 1);
    }
    return 0;
  }

  enum class HeaderState { NONE, FIELD, VALUE };

  const DecoderLimits limits_;
  const bool server_;

  http_parser parser_;
  Option<DecodeError> error_;
  bool closed_ = false;

  // The message being decoded and where finished ones go.
  Message current_;
  std::vector<Message>* out_ = nullptr;
  bool started_ = false;
  bool inTrailers_ = false;

  // Header text collected so far; keeps its capacity between messages.
  std::string field_;
  std::string value_;
  HeaderState headerState_ = HeaderState::NONE;
  bool open_ = false;
  const char* bufferEnd_ = nullptr;

  size_t headerBytes_ = 0;
  size_t headerCount_ = 0;
};

}  // namespace

class RequestDecoder::Impl : public Core<RequestDecoder::Impl, http::Request> {
 public:
  static constexpr const char* kWhat = "Failed to decode HTTP request";

  explicit Impl(const DecoderLimits& limits)
      : Core(HTTP_REQUEST, limits, true) {}

  Try<Nothing, DecodeError> finish() {
    if (error_.isSome()) {
      return error_.get();
    }
    if (!closed_ && started_) {
      fail(400, "Connection closed in the middle of a request");
      return error_.get();
    }
    closed_ = true;
    return Nothing();
  }

 private:
  friend class Core<RequestDecoder::Impl, http::Request>;

  static void addCallbacks(http_parser_settings* settings) {
    settings->on_url = &Impl::onUrl;
  }

  void begin() { target_.clear(); }

  static int onUrl(http_parser* parser, const char* data, size_t n) {
    Impl& d = from(parser);
    if (!d.countHeaderBytes(n)) {
      return 1;
    }
    if (!allOf(kTarget, data, n)) {
      return d.fail(400, "Invalid character in the request target");
    }
    if (n > kMaxTarget - d.target_.size()) {
      return d.fail(414, "Request target is over " +
                             std::to_string(kMaxTarget) + " bytes");
    }
    d.target_.append(data, n);
    return 0;
  }

  bool headersComplete() {
    if (parser_.http_major != 1) {
      fail(505, "HTTP/" + std::to_string(parser_.http_major) + "." +
                    std::to_string(parser_.http_minor) + " is not supported");
      return false;
    }
    if (parser_.method == HTTP_CONNECT) {
      fail(501, "CONNECT is not supported");
      return false;
    }
    current_.method = http_method_str(static_cast<http_method>(parser_.method));
    current_.keepAlive = http_should_keep_alive(&parser_) != 0;
    return parseTarget();
  }

  bool messageComplete() {
    out_->push_back(std::move(current_));
    return true;
  }

  // Origin-form targets ("/path?query#fragment", what every libprocess peer
  // sends) are split here directly; http-parser has already rejected any
  // character that is not allowed in them. "*" (asterisk-form) is kept as
  // the path. Anything else must be an absolute URL with a host.
  bool parseTarget() {
    http::URL& url = current_.url;
    std::string_view query;
    if (target_ == "*") {
      url.path = target_;
    } else if (!target_.empty() && target_[0] == '/') {
      const std::string_view target = target_;
      const size_t end = target.find_first_of("?#");
      url.path = std::string(target.substr(0, end));
      if (end != target.npos) {
        const size_t hash = target.find('#', end);
        if (target[end] == '?') {
          query = target.substr(
              end + 1, hash == target.npos ? target.npos : hash - end - 1);
        }
        if (hash != target.npos) {
          url.fragment = std::string(target.substr(hash + 1));
        }
      }
    } else {
      http_parser_url parts;
      http_parser_url_init(&parts);
      if (http_parser_parse_url(target_.data(), target_.size(), 0, &parts) !=
              0 ||
          (parts.field_set & (1 << UF_HOST)) == 0) {
        fail(400, "Malformed request target '" + target_ + "'");
        return false;
      }
      auto field = [&](http_parser_url_fields which) -> Option<std::string> {
        if ((parts.field_set & (1 << which)) == 0) {
          return None();
        }
        return target_.substr(parts.field_data[which].off,
                              parts.field_data[which].len);
      };
      url.scheme = field(UF_SCHEMA);
      url.domain = field(UF_HOST);
      if (parts.field_set & (1 << UF_PORT)) {
        url.port = parts.port;
      }
      url.path = field(UF_PATH).getOrElse("/");
      url.fragment = field(UF_FRAGMENT);
      if (parts.field_set & (1 << UF_QUERY)) {
        query = std::string_view(target_).substr(
            parts.field_data[UF_QUERY].off, parts.field_data[UF_QUERY].len);
      }
    }

    if (!query.empty()) {
      Try<http::Query> decoded = http::query::decode(query);
      if (decoded.isError()) {
        fail(400, "Malformed query: " + decoded.error());
        return false;
      }
      url.query = std::move(decoded.get());
    }
    return true;
  }

  // The request target as received, across on_url pieces.
  std::string target_;
};

class ResponseDecoder::Impl
    : public Core<ResponseDecoder::Impl, http::Response> {
 public:
  static constexpr const char* kWhat = "Failed to decode HTTP response";

  explicit Impl(const DecoderLimits& limits)
      : Core(HTTP_RESPONSE, limits, false) {}

  Try<Nothing, DecodeError> finish(std::vector<http::Response>* responses) {
    if (error_.isSome()) {
      return error_.get();
    }
    if (closed_) {
      return Nothing();
    }

    // An empty buffer tells http-parser about EOF: it completes a body that
    // runs until the connection closes, and flags any other cut-short
    // message.
    out_ = responses;
    http_parser_execute(&parser_, &settings(), nullptr, 0);
    out_ = nullptr;
    closed_ = true;

    const http_errno error = HTTP_PARSER_ERRNO(&parser_);
    if (error_.isNone() && error != HPE_OK && error != HPE_PAUSED) {
      fail(0, "Connection closed in the middle of a response");
    }
    if (error_.isSome()) {
      return error_.get();
    }
    return Nothing();
  }

 private:
  friend class Core<ResponseDecoder::Impl, http::Response>;

  static void addCallbacks(http_parser_settings* settings) {
    settings->on_status = &Impl::onStatus;
  }

  void begin() {}

  static int onStatus(http_parser* parser, const char* data, size_t n) {
    Impl& d = from(parser);
    if (!d.countHeaderBytes(n)) {
      return 1;
    }
    d.current_.reason.append(data, n);
    return 0;
  }

  bool headersComplete() {
    const unsigned code = parser_.status_code;
    if (code < 100 || code > 599) {
      fail(0, "Invalid HTTP status code " + std::to_string(code));
      return false;
    }
    if (code == 101) {
      fail(0, "Unexpected '101 Switching Protocols'");
      return false;
    }
    current_.code = static_cast<uint16_t>(code);
    return true;
  }

  // Interim (1xx) responses are dropped; returns whether the response was
  // a final one.
  bool messageComplete() {
    if (current_.code < 200) {
      return false;
    }
    current_.type = http::Response::BODY;
    out_->push_back(std::move(current_));
    return true;
  }
};

RequestDecoder::RequestDecoder(const DecoderLimits& limits)
    : impl_(new Impl(limits)) {}

RequestDecoder::~RequestDecoder() = default;

bool RequestDecoder::failed() const {
  return impl_->failed();
}
bool RequestDecoder::closed() const {
  return impl_->closed();
}
bool RequestDecoder::inProgress() const {
  return impl_->inProgress();
}

Try<Nothing, DecodeError> RequestDecoder::decode(
    const char* data, size_t length, std::vector<http::Request>* requests) {
  return impl_->run(data, length, requests);
}

Try<Nothing, DecodeError> RequestDecoder::finish() {
  return impl_->finish();
}

namespace {

DecoderLimits responseLimits() {
  DecoderLimits limits;
  limits.maxBodyBytes = DecoderLimits::kDefaultMaxResponseBodyBytes;
  return limits;
}

}  // namespace

ResponseDecoder::ResponseDecoder() : ResponseDecoder(responseLimits()) {}

ResponseDecoder::ResponseDecoder(const DecoderLimits& limits)
    : impl_(new Impl(limits)) {}

ResponseDecoder::~ResponseDecoder() = default;

bool ResponseDecoder::failed() const {
  return impl_->failed();
}
bool ResponseDecoder::closed() const {
  return impl_->closed();
}
bool ResponseDecoder::inProgress() const {
  return impl_->inProgress();
}

Try<Nothing, DecodeError> ResponseDecoder::decode(
    const char* data, size_t length, std::vector<http::Response>* responses) {
  return impl_->run(data, length, responses);
}

Try<Nothing, DecodeError> ResponseDecoder::finish(
    std::vector<http::Response>* responses) {
  return impl_->finish(responses);
}

}  // namespace process
