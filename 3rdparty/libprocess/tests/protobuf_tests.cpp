#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <process/dispatch.hpp>
#include <process/future.hpp>
#include <process/gtest.hpp>
#include <process/id.hpp>
#include <process/protobuf.hpp>

#include "protobuf_tests.pb.h"

using process::Future;
using process::Promise;
using process::UPID;
using process::tests::Empty;
using process::tests::Greeting;

namespace {

// Installs every handler form and records what each one saw.
class Receiver : public ProtobufProcess<Receiver> {
 public:
  Receiver() : ProcessBase(process::ID::generate("receiver")) {
    install<Greeting>(&Receiver::whole);
    install<Empty>(&Receiver::empty);
  }

  // Each test picks the form of the Greeting handler it exercises.
  void useFields() {
    install<Greeting>(&Receiver::fields, &Greeting::text, &Greeting::numbers,
                      &Greeting::count);
  }
  void useFieldsWithoutSender() {
    install<Greeting>(&Receiver::bare, &Greeting::text, &Greeting::names);
  }
  void useMoved() { install<Greeting>(&Receiver::moved); }
  void useSenderOnly() { install<Greeting>(&Receiver::senderOnly); }
  void useNothing() { install<Greeting>(&Receiver::nothing); }
  void useReply() { install<Greeting>(&Receiver::replying); }

  Promise<std::string> seen;

 private:
  void whole(const UPID& from, const Greeting& greeting) {
    seen.set("whole " + from.id + " " + greeting.text());
  }

  void fields(const UPID& from, const std::string& text,
              const std::vector<int>& numbers, int count) {
    std::string result = "fields " + from.id + " " + text;
    for (int n : numbers)
      result += " " + std::to_string(n);
    seen.set(result + " count=" + std::to_string(count));
  }

  void empty(const UPID& from) { seen.set("empty " + from.id); }

  void bare(const std::string& text, const std::vector<std::string>& names) {
    std::string result = "bare " + text;
    for (const std::string& name : names)
      result += " " + name;
    seen.set(result);
  }

  void moved(const UPID&, Greeting&& greeting) {
    seen.set("moved " + std::move(*greeting.mutable_text()));
  }

  void senderOnly(const UPID& from) { seen.set("sender " + from.id); }

  void nothing() { seen.set("nothing"); }

  void replying(const UPID&, const Greeting& greeting) {
    Greeting answer;
    answer.set_text("re: " + greeting.text());
    reply(answer);
  }
};

// Sends protobufs from a process, so that replies have somewhere to go.
class Sender : public ProtobufProcess<Sender> {
 public:
  Sender() : ProcessBase(process::ID::generate("sender")) {
    install<Greeting>(&Sender::answered);
  }

  void greet(const UPID& to, const Greeting& greeting) { send(to, greeting); }

  Promise<std::string> answer;

 private:
  void answered(const Greeting& greeting) { answer.set(greeting.text()); }
};

Greeting greeting() {
  Greeting message;
  message.set_text("hello");
  message.add_numbers(1);
  message.add_numbers(2);
  message.set_count(3);
  message.add_names("a");
  message.add_names("b");
  return message;
}

class ProtobufProcessTest : public ::testing::Test {
 protected:
  void SetUp() override { process::spawn(receiver); }
  void TearDown() override {
    process::terminate(receiver);
    process::wait(receiver);
  }

  // Runs `f` in the receiver's context (installs happen there).
  template <typename F>
  void inReceiver(F f) {
    AWAIT_READY(process::dispatch(receiver.self(), [this, f]() {
      f(receiver);
      return true;
    }));
  }

  Receiver receiver;
};

}  // namespace

TEST_F(ProtobufProcessTest, WholeMessage) {
  process::post(UPID("someone@1.2.3.4:5"), receiver.self(), greeting());
  AWAIT_EXPECT_EQ("whole someone hello", receiver.seen.future());
}

TEST_F(ProtobufProcessTest, Fields) {
  inReceiver([](Receiver& r) { r.useFields(); });
  process::post(UPID("someone@1.2.3.4:5"), receiver.self(), greeting());
  AWAIT_EXPECT_EQ("fields someone hello 1 2 count=3", receiver.seen.future());
}

TEST_F(ProtobufProcessTest, FieldsWithoutSender) {
  inReceiver([](Receiver& r) { r.useFieldsWithoutSender(); });
  process::post(receiver.self(), greeting());
  AWAIT_EXPECT_EQ("bare hello a b", receiver.seen.future());
}

TEST_F(ProtobufProcessTest, MovedMessage) {
  inReceiver([](Receiver& r) { r.useMoved(); });
  process::post(receiver.self(), greeting());
  AWAIT_EXPECT_EQ("moved hello", receiver.seen.future());
}

TEST_F(ProtobufProcessTest, SenderOnlyAndNothing) {
  inReceiver([](Receiver& r) { r.useSenderOnly(); });
  process::post(UPID("x@1.2.3.4:5"), receiver.self(), greeting());
  AWAIT_EXPECT_EQ("sender x", receiver.seen.future());

  Receiver other;
  process::spawn(other);
  AWAIT_READY(process::dispatch(other.self(), [&other]() {
    other.useNothing();
    return true;
  }));
  process::post(other.self(), greeting());
  AWAIT_EXPECT_EQ("nothing", other.seen.future());
  process::terminate(other);
  process::wait(other);
}

TEST_F(ProtobufProcessTest, EmptyMessageWithSender) {
  process::post(UPID("e@1.2.3.4:5"), receiver.self(), Empty());
  AWAIT_EXPECT_EQ("empty e", receiver.seen.future());
}

TEST_F(ProtobufProcessTest, NameIsTheFullTypeName) {
  // A raw message named like the type, carrying its bytes, is the same.
  const std::string bytes = greeting().SerializeAsString();
  process::post(UPID("raw@1.2.3.4:5"), receiver.self(),
                "process.tests.Greeting", bytes.data(), bytes.size());
  AWAIT_EXPECT_EQ("whole raw hello", receiver.seen.future());
}

TEST_F(ProtobufProcessTest, BadBodiesAreDropped) {
  // Garbage, then a message without its required field: neither reaches
  // the handler; the good one after them does.
  const std::string garbage = "\xff\xff\xff\xff";
  process::post(receiver.self(), "process.tests.Greeting", garbage.data(),
                garbage.size());
  Greeting incomplete;
  incomplete.set_count(1);
  const std::string partial = incomplete.SerializePartialAsString();
  process::post(receiver.self(), "process.tests.Greeting", partial.data(),
                partial.size());
  process::post(UPID("good@1.2.3.4:5"), receiver.self(), greeting());
  AWAIT_EXPECT_EQ("whole good hello", receiver.seen.future());
}

TEST_F(ProtobufProcessTest, Reply) {
  inReceiver([](Receiver& r) { r.useReply(); });
  Sender sender;
  process::spawn(sender);
  Greeting message = greeting();
  process::dispatch(sender.self(), [&sender, &message, this]() {
    sender.greet(receiver.self(), message);
  });
  AWAIT_EXPECT_EQ("re: hello", sender.answer.future());
  process::terminate(sender);
  process::wait(sender);
}
