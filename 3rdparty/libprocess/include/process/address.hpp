#ifndef PROCESS_ADDRESS_HPP
#define PROCESS_ADDRESS_HPP

// Network addresses: `net::IP` (IPv4) and `network::inet::Address`
// (IP + port), the address half of every `UPID`.
//
// Both are small value types: copyable, comparable, hashable, printable,
// safe to use from any thread. Parsing never throws and never aborts: bad
// text gives an `Error` whose message names the text.

#include <netinet/in.h>

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

#include <stout/try.hpp>

namespace net {

// An IPv4 address, stored in host byte order. The default value is
// 0.0.0.0 (INADDR_ANY).
class IP {
 public:
  constexpr IP() : address_(0) {}
  constexpr explicit IP(uint32_t host_order) : address_(host_order) {}
  explicit IP(const in_addr& address);

  // Parses dotted-quad text ("10.0.0.1"). Only AF_INET is supported; any
  // other family is an error. Host names are not resolved here (see
  // `resolve`).
  static Try<IP> parse(const std::string& text, int family = AF_INET);

  // Parses `text` as an address, or failing that resolves it as a host
  // name to its first IPv4 address. Resolution may block on DNS: do not
  // call it from a process handler for names that are not local.
  static Try<IP> resolve(const std::string& text);

  static constexpr IP any() { return IP(); }
  static constexpr IP loopback() { return IP(0x7f000001u); }

  constexpr int family() const { return AF_INET; }
  constexpr bool isAny() const { return address_ == 0; }
  constexpr bool isLoopback() const { return (address_ >> 24) == 127; }

  // The address in network byte order, ready for a `sockaddr_in`.
  in_addr in() const;
  constexpr uint32_t hostOrder() const { return address_; }

  constexpr bool operator==(const IP& that) const {
    return address_ == that.address_;
  }
  constexpr bool operator!=(const IP& that) const { return !(*this == that); }
  constexpr bool operator<(const IP& that) const {
    return address_ < that.address_;
  }

 private:
  uint32_t address_;
};

// Dotted-quad form: "10.0.0.1".
std::ostream& operator<<(std::ostream& stream, const IP& ip);

}  // namespace net

namespace network {
namespace inet {

// An IPv4 socket address. The default value is 0.0.0.0:0.
class Address {
 public:
  constexpr Address() : ip(), port(0) {}
  constexpr Address(const net::IP& ip, uint16_t port) : ip(ip), port(port) {}

  // Parses "ip:port" (dotted quad, decimal port 0..65535). A host name in
  // place of the IP is an error; use `net::IP::resolve` first if needed.
  static Try<Address> parse(const std::string& text);

  static Address fromSockaddr(const sockaddr_in& address);
  sockaddr_in toSockaddr() const;

  constexpr bool operator==(const Address& that) const {
    return ip == that.ip && port == that.port;
  }
  constexpr bool operator!=(const Address& that) const {
    return !(*this == that);
  }
  constexpr bool operator<(const Address& that) const {
    return ip < that.ip || (ip == that.ip && port < that.port);
  }

  net::IP ip;
  uint16_t port;
};

// "ip:port", e.g. "10.0.0.1:5050".
std::ostream& operator<<(std::ostream& stream, const Address& address);

}  // namespace inet

namespace inet4 {

// Spelling used by Mesos-style code for the common IPv4 addresses.
class Address : public inet::Address {
 public:
  using inet::Address::Address;

  static constexpr inet::Address ANY_ANY() { return inet::Address(); }
  static constexpr inet::Address LOOPBACK_ANY() {
    return inet::Address(net::IP::loopback(), 0);
  }
};

}  // namespace inet4
}  // namespace network

namespace std {

template <>
struct hash<net::IP> {
  size_t operator()(const net::IP& ip) const {
    return std::hash<uint32_t>()(ip.hostOrder());
  }
};

template <>
struct hash<network::inet::Address> {
  size_t operator()(const network::inet::Address& address) const {
    return std::hash<uint64_t>()((uint64_t(address.ip.hostOrder()) << 16) |
                                 address.port);
  }
};

}  // namespace std

#endif  // PROCESS_ADDRESS_HPP
