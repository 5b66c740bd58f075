#include <process/http.hpp>

namespace process {
namespace http {

std::string_view reasonPhrase(uint16_t code) {
  switch (code) {
    case 100:
      return "Continue";
    case 101:
      return "Switching Protocols";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 203:
      return "Non-Authoritative Information";
    case 204:
      return "No Content";
    case 205:
      return "Reset Content";
    case 206:
      return "Partial Content";
    case 300:
      return "Multiple Choices";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 305:
      return "Use Proxy";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 402:
      return "Payment Required";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 407:
      return "Proxy Authentication Required";
    case 408:
      return "Request Time-out";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Request Entity Too Large";
    case 414:
      return "Request-URI Too Large";
    case 415:
      return "Unsupported Media Type";
    case 416:
      return "Requested range not satisfiable";
    case 417:
      return "Expectation Failed";
    case 422:
      return "Unprocessable Entity";
    case 426:
      return "Upgrade Required";
    case 428:
      return "Precondition Required";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Time-out";
    case 505:
      return "HTTP Version not supported";
    default:
      return "";
  }
}

bool isValidStatus(uint16_t code) {
  return !reasonPhrase(code).empty();
}

Response::Response(uint16_t code, std::string body)
    : code(code), type(body.empty() ? NONE : BODY), body(std::move(body)) {}

std::string Response::status() const {
  std::string result = std::to_string(code);
  result.push_back(' ');
  result.append(reason.empty() ? reasonPhrase(code) : reason);
  return result;
}

OK::OK() : Response(200) {}
OK::OK(std::string body) : Response(200, std::move(body)) {}
OK::OK(const char* body) : Response(200, std::string(body)) {}

OK OK::json(std::string json, const Option<std::string>& jsonp) {
  if (jsonp.isNone()) {
    OK response(std::move(json));
    response.type = BODY;
    response.headers.put("Content-Type", "application/json");
    return response;
  }
  OK response(jsonp.get() + "(" + json + ");");
  response.headers.put("Content-Type", "text/javascript");
  return response;
}

Accepted::Accepted() : Response(202) {}
Accepted::Accepted(std::string body) : Response(202, std::move(body)) {}

TemporaryRedirect::TemporaryRedirect(std::string location) : Response(307) {
  headers.put("Location", std::move(location));
}

BadRequest::BadRequest() : Response(400) {}
BadRequest::BadRequest(std::string body) : Response(400, std::move(body)) {}

Unauthorized::Unauthorized(const std::vector<std::string>& challenges,
                           std::string body)
    : Response(401, std::move(body)) {
  std::string value;
  for (const std::string& challenge : challenges) {
    if (!value.empty()) {
      value.append(", ");
    }
    value.append(challenge);
  }
  headers.put("WWW-Authenticate", std::move(value));
}

Forbidden::Forbidden() : Response(403) {}
Forbidden::Forbidden(std::string body) : Response(403, std::move(body)) {}

NotFound::NotFound() : Response(404) {}
NotFound::NotFound(std::string body) : Response(404, std::move(body)) {}

MethodNotAllowed::MethodNotAllowed(const std::vector<std::string>& allowed,
                                   const Option<std::string>& requestMethod)
    : Response(405) {
  std::string allow;
  std::string expected;
  for (const std::string& method : allowed) {
    if (!allow.empty()) {
      allow.append(", ");
      expected.append(", ");
    }
    allow.append(method);
    expected.append("'" + method + "'");
  }
  headers.put("Allow", allow);

  body = "Expecting one of { " + expected + " }";
  if (requestMethod.isSome()) {
    body += ", but received '" + requestMethod.get() + "'";
  }
  type = BODY;
}

Conflict::Conflict() : Response(409) {}
Conflict::Conflict(std::string body) : Response(409, std::move(body)) {}

RequestEntityTooLarge::RequestEntityTooLarge() : Response(413) {}
RequestEntityTooLarge::RequestEntityTooLarge(std::string body)
    : Response(413, std::move(body)) {}

InternalServerError::InternalServerError() : Response(500) {}
InternalServerError::InternalServerError(std::string body)
    : Response(500, std::move(body)) {}

ServiceUnavailable::ServiceUnavailable() : Response(503) {}
ServiceUnavailable::ServiceUnavailable(std::string body)
    : Response(503, std::move(body)) {}

}  // namespace http
}  // namespace process
