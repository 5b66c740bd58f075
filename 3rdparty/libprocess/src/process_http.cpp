#include <glog/logging.h>

#include <ostream>
#include <string>

#include <process/http.hpp>
#include <process/process.hpp>

namespace process {

void ProcessBase::route(const std::string& name, const Option<std::string>&,
                        const HttpRequestHandler& handler) {
  CHECK(!name.empty() && name[0] == '/')
      << "Route '" << name << "' of " << pid_ << " must start with '/'";
  std::string key = name.substr(1);
  while (!key.empty() && key.back() == '/')
    key.pop_back();
  routes_[key] = handler;
}

void ProcessBase::route(const std::string& name, const std::string&,
                        const Option<std::string>& help,
                        const AuthenticatedHttpRequestHandler& handler) {
  route(name, help, [handler](const http::Request& request) {
    return handler(request, None());
  });
}

Future<http::Response> ProcessBase::serve(const std::string& path,
                                          const http::Request& request) {
  // Routes are keyed without their leading '/': "" is the root.
  size_t begin = path.find_first_not_of('/');
  size_t end = path.find_last_not_of('/');
  std::string name = begin == std::string::npos
                         ? std::string()
                         : path.substr(begin, end - begin + 1);

  // Longest prefix by whole segments; the root route matches only the root.
  while (true) {
    auto route = routes_.find(name);
    if (route != routes_.end()) {
      return route->second(request);
    }
    const size_t slash = name.rfind('/');
    if (slash == std::string::npos)
      break;
    name.resize(slash);
  }

  VLOG(1) << "Returning '404 Not Found' for '" << request.url.path
          << "': no route of " << pid_ << " matches";
  return http::NotFound();
}

namespace http {
namespace authentication {

std::ostream& operator<<(std::ostream& stream, const Principal& principal) {
  if (principal.value.isSome())
    return stream << principal.value.get();
  stream << "{";
  bool first = true;
  for (const auto& [key, value] : principal.claims) {
    stream << (first ? "" : ", ") << key << ": " << value;
    first = false;
  }
  return stream << "}";
}

}  // namespace authentication
}  // namespace http
}  // namespace process
