#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <unordered_set>

#include <process/address.hpp>
#include <process/pid.hpp>
#include <process/process.hpp>

using network::inet::Address;
using process::PID;
using process::UPID;

TEST(AddressTest, ParseAndPrint) {
  Try<Address> address = Address::parse("10.0.0.1:5050");
  ASSERT_TRUE(address.isSome());
  EXPECT_EQ(net::IP(0x0a000001), address->ip);
  EXPECT_EQ(5050, address->port);
  std::ostringstream out;
  out << address.get();
  EXPECT_EQ("10.0.0.1:5050", out.str());

  EXPECT_TRUE(Address::parse("10.0.0.1").isError());
  EXPECT_TRUE(Address::parse("10.0.0.1:65536").isError());
  EXPECT_TRUE(Address::parse("10.0.0:1").isError());
  EXPECT_TRUE(Address::parse("host:1").isError());
  EXPECT_TRUE(Address::parse("1.2.3.4:-1").isError());

  EXPECT_TRUE(net::IP().isAny());
  EXPECT_TRUE(net::IP::loopback().isLoopback());
  EXPECT_EQ(address.get(), Address::fromSockaddr(address->toSockaddr()));
  EXPECT_TRUE(net::IP::resolve("localhost").isSome());
  EXPECT_TRUE(net::IP::parse("::1", AF_INET6).isError());
}

TEST(UPIDTest, ParseAndPrint) {
  UPID pid("slave(1)@10.0.0.5:5051");
  EXPECT_EQ("slave(1)", pid.id);
  std::ostringstream address;
  address << pid.address;
  EXPECT_EQ("10.0.0.5:5051", address.str());
  EXPECT_EQ("slave(1)@10.0.0.5:5051", std::string(pid));
  EXPECT_TRUE(bool(pid));

  // Split at the first '@', then the first ':'.
  UPID dashed("scheduler-x@127.0.0.1:80");
  EXPECT_EQ("scheduler-x", dashed.id);
  UPID named("master@localhost:5050");
  EXPECT_EQ(net::IP::loopback(), named.address.ip);

  for (const char* bad :
       {"", "master", "master@", "@1.2.3.4:5", "m@1.2.3.4",
        "m@1.2.3.4:", "m@1.2.3.4:x", "m@1.2.3.4:70000", "m@1.2.3.4:5:6"}) {
    UPID parsed(bad);
    EXPECT_TRUE(parsed.id.empty()) << bad;
    EXPECT_FALSE(bool(parsed)) << bad;
    EXPECT_TRUE(!parsed) << bad;
  }
}

TEST(UPIDTest, CompareAndHash) {
  UPID a("a@1.2.3.4:5");
  UPID b("b@1.2.3.4:5");
  UPID a2("a@1.2.3.4:6");
  EXPECT_EQ(a, UPID("a@1.2.3.4:5"));
  EXPECT_NE(a, b);
  EXPECT_NE(a, a2);
  EXPECT_TRUE(a < b);
  EXPECT_TRUE(b < a2);  // Address first, then id.
  std::unordered_set<UPID> set{a, b, a2, UPID("a@1.2.3.4:5")};
  EXPECT_EQ(3u, set.size());
}

namespace {
class Base : public process::Process<Base> {};
class Derived : public Base {};
}  // namespace

TEST(UPIDTest, TypedPids) {
  Derived derived;
  PID<Derived> pid(derived);
  PID<Base> base = pid;
  UPID untyped = base;
  EXPECT_EQ(untyped, derived.self());
  EXPECT_EQ(UPID(derived), pid);
}
