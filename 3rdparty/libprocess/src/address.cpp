#include <process/address.hpp>

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

#include <cstring>
#include <string>

namespace net {

IP::IP(const in_addr& address) : address_(ntohl(address.s_addr)) {}

in_addr IP::in() const {
  in_addr address;
  address.s_addr = htonl(address_);
  return address;
}

Try<IP> IP::parse(const std::string& text, int family) {
  if (family != AF_INET) {
    return Error("Unsupported address family " + std::to_string(family) +
                 " for '" + text + "': only IPv4 is supported");
  }
  in_addr address;
  if (inet_pton(AF_INET, text.c_str(), &address) != 1) {
    return Error("'" + text + "' is not an IPv4 address");
  }
  return IP(address);
}

Try<IP> IP::resolve(const std::string& text) {
  Try<IP> ip = parse(text);
  if (ip.isSome())
    return ip;
  if (text.empty())
    return Error("Empty host name");

  addrinfo hints;
  std::memset(&hints, 0, sizeof(hints));
  hints.ai_family = AF_INET;
  addrinfo* result = nullptr;
  const int error = getaddrinfo(text.c_str(), nullptr, &hints, &result);
  if (error != 0) {
    return Error("Failed to resolve '" + text + "': " + gai_strerror(error));
  }
  for (addrinfo* entry = result; entry != nullptr; entry = entry->ai_next) {
    if (entry->ai_family == AF_INET && entry->ai_addr != nullptr) {
      const IP found(reinterpret_cast<sockaddr_in*>(entry->ai_addr)->sin_addr);
      freeaddrinfo(result);
      return found;
    }
  }
  freeaddrinfo(result);
  return Error("'" + text + "' has no IPv4 address");
}

std::ostream& operator<<(std::ostream& stream, const IP& ip) {
  const uint32_t a = ip.hostOrder();
  return stream << (a >> 24) << '.' << ((a >> 16) & 0xff) << '.'
                << ((a >> 8) & 0xff) << '.' << (a & 0xff);
}

}  // namespace net

namespace network {
namespace inet {

Try<Address> Address::parse(const std::string& text) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos) {
    return Error("'" + text + "' is not an address: expected ip:port");
  }
  Try<net::IP> ip = net::IP::parse(text.substr(0, colon));
  if (ip.isError())
    return Error(ip.error());

  const std::string port = text.substr(colon + 1);
  if (port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos ||
      std::stoul(port) > 65535) {
    return Error("'" + port + "' in '" + text + "' is not a port (0-65535)");
  }
  return Address(ip.get(), static_cast<uint16_t>(std::stoul(port)));
}

Address Address::fromSockaddr(const sockaddr_in& address) {
  return Address(net::IP(address.sin_addr), ntohs(address.sin_port));
}

sockaddr_in Address::toSockaddr() const {
  sockaddr_in address;
  std::memset(&address, 0, sizeof(address));
  address.sin_family = AF_INET;
  address.sin_addr = ip.in();
  address.sin_port = htons(port);
  return address;
}

std::ostream& operator<<(std::ostream& stream, const Address& address) {
  return stream << address.ip << ':' << address.port;
}

}  // namespace inet
}  // namespace network
