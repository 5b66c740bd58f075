#ifndef PROCESS_GMOCK_HPP
#define PROCESS_GMOCK_HPP

// Intercepting messages, dispatches and exited notifications in tests.
//
//   Future<Message> registered =
//       FUTURE_MESSAGE(Eq("RegisteredMessage"), master, _);
//   DROP_MESSAGES(Eq("PingMessage"), _, agent);
//   Future<Nothing> recovered = FUTURE_DISPATCH(agent, &Agent::_recover);
//   ... start things ...
//   AWAIT_READY(registered);
//
// Arguments are gmock matchers (`_`, `Eq(x)`, or a plain value meaning
// Eq): message name, sender and receiver; for dispatches the receiving
// pid and the exact member function (`&T::method`; lambdas never match).
//
//   FUTURE_MESSAGE / FUTURE_DISPATCH / FUTURE_EXITED   satisfied by the
//       first matching event after the call; the event is still handled.
//   DROP_MESSAGE / DROP_DISPATCH / DROP_EXITED         same, and that one
//       event is dropped (never handled).
//   DROP_MESSAGES / DROP_DISPATCHES                    drop every match
//       until the end of the test.
//   EXPECT_NO_FUTURE_MESSAGES / EXPECT_NO_FUTURE_DISPATCHES  fail the test
//       on any match (the event is still handled).
//
// The newest expectation that matches an event takes it; a one-shot
// expectation then retires. Events are seen just before the receiving
// process would handle them, in that order, so when a FUTURE_ is satisfied
// the handler has not run yet (use Clock::settle() to wait for it).
// Expectations last until the end of the test (the listeners from
// process/gtest.hpp clear them). Only events to processes of this OS
// process are seen. Built on process/filter.hpp; thread-safe.

#include <gmock/gmock.h>

#include <functional>
#include <string>

#include <process/event.hpp>
#include <process/future.hpp>
#include <process/message.hpp>
#include <process/pid.hpp>

#include <stout/nothing.hpp>

namespace process {

using MessageMatcher = ::testing::Matcher<const std::string&>;
using PidMatcher = ::testing::Matcher<const UPID&>;

namespace testing {

// Drops every expectation (pending futures stay pending) and uninstalls
// the filter. Called after each test by the listeners.
void clearExpectations();

}  // namespace testing

namespace internal {

struct Expectation {
  enum class Mode { ONCE, ALWAYS };

  // (receiving process, event) -> matches?
  std::function<bool(const UPID&, const Event&)> matches;
  Mode mode = Mode::ONCE;
  bool drop = false;
  // Run (outside locks) for each matching event; may be empty.
  std::function<void(const UPID&, const Event&)> satisfy;
};

void expect(Expectation expectation);

bool matchDispatch(const PidMatcher& pid, const UPID& process,
                   const Event& event);

}  // namespace internal

Future<Message> FutureMessage(const MessageMatcher& name,
                              const PidMatcher& from, const PidMatcher& to,
                              bool drop = false);
void DropMessages(const MessageMatcher& name, const PidMatcher& from,
                  const PidMatcher& to);
void ExpectNoFutureMessages(const MessageMatcher& name, const PidMatcher& from,
                            const PidMatcher& to);

// `pid` exited, as seen by the linked process `to`.
Future<Nothing> FutureExited(const PidMatcher& pid, const PidMatcher& to,
                             bool drop = false);

template <typename M>
Future<Nothing> FutureDispatch(const PidMatcher& pid, M method,
                               bool drop = false) {
  auto promise = std::make_shared<Promise<Nothing>>();
  internal::Expectation expectation;
  expectation.matches = [pid, method](const UPID& process, const Event& event) {
    return internal::matchDispatch(pid, process, event) &&
           static_cast<const DispatchEvent&>(event).isMethod(method);
  };
  expectation.drop = drop;
  expectation.satisfy = [promise](const UPID&, const Event&) {
    promise->set(Nothing());
  };
  internal::expect(std::move(expectation));
  return promise->future();
}

template <typename M>
void DropDispatches(const PidMatcher& pid, M method) {
  internal::Expectation expectation;
  expectation.matches = [pid, method](const UPID& process, const Event& event) {
    return internal::matchDispatch(pid, process, event) &&
           static_cast<const DispatchEvent&>(event).isMethod(method);
  };
  expectation.mode = internal::Expectation::Mode::ALWAYS;
  expectation.drop = true;
  internal::expect(std::move(expectation));
}

template <typename M>
void ExpectNoFutureDispatches(const PidMatcher& pid, M method) {
  internal::Expectation expectation;
  expectation.matches = [pid, method](const UPID& process, const Event& event) {
    return internal::matchDispatch(pid, process, event) &&
           static_cast<const DispatchEvent&>(event).isMethod(method);
  };
  expectation.mode = internal::Expectation::Mode::ALWAYS;
  expectation.satisfy = [](const UPID& process, const Event&) {
    ADD_FAILURE() << "Unexpected dispatch to " << process;
  };
  internal::expect(std::move(expectation));
}

}  // namespace process

#define FUTURE_MESSAGE(name, from, to) process::FutureMessage(name, from, to)
#define DROP_MESSAGE(name, from, to) \
  process::FutureMessage(name, from, to, true)
#define DROP_MESSAGES(name, from, to) process::DropMessages(name, from, to)
#define EXPECT_NO_FUTURE_MESSAGES(name, from, to) \
  process::ExpectNoFutureMessages(name, from, to)

#define FUTURE_DISPATCH(pid, method) process::FutureDispatch(pid, method)
#define DROP_DISPATCH(pid, method) process::FutureDispatch(pid, method, true)
#define DROP_DISPATCHES(pid, method) process::DropDispatches(pid, method)
#define EXPECT_NO_FUTURE_DISPATCHES(pid, method) \
  process::ExpectNoFutureDispatches(pid, method)

#define FUTURE_EXITED(pid, to) process::FutureExited(pid, to)
#define DROP_EXITED(pid, to) process::FutureExited(pid, to, true)

#endif  // PROCESS_GMOCK_HPP
