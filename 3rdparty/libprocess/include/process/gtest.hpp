#ifndef PROCESS_GTEST_HPP
#define PROCESS_GTEST_HPP

// gtest helpers for futures.
//
//   AWAIT_READY(future);                 // fatal unless READY in time
//   AWAIT_EXPECT_EQ(42, future);         // non-fatal: READY and == 42
//   AWAIT_FAILED(future); AWAIT_DISCARDED(future);
//
// Each waits at most TEST_AWAIT_TIMEOUT (15 s) of *real* time, or the
// duration given to the _FOR form, so it works with the Clock paused: a
// paused clock never advances on its own, so if the future depends on a
// timer the test must `Clock::advance()` first. ASSERT_ forms (and the
// bare AWAIT_READY etc.) return from the test on failure; EXPECT_ forms
// continue. Waiting blocks the test thread (never call these from a
// process handler).
//
// The libprocess gtest main (target process_gtest_main) initializes
// libprocess before the first test, resumes a paused Clock and clears
// message/dispatch expectations (process/gmock.hpp) after each test, and
// finalizes libprocess after the last. A test binary with its own main()
// gets the same with:
//
//   ::testing::AddGlobalTestEnvironment(new process::testing::Environment());
//   process::testing::installListeners();

#include <gtest/gtest.h>

#include <process/future.hpp>

#include <stout/duration.hpp>

namespace process {

inline const Duration TEST_AWAIT_TIMEOUT = Seconds(15);

namespace testing {

// Calls process::initialize() in SetUp and process::finalize() in TearDown.
class Environment : public ::testing::Environment {
 public:
  void SetUp() override;
  void TearDown() override;
};

// Registers the per-test listeners (clock reset, expectation reset).
void installListeners();

}  // namespace testing

template <typename T>
::testing::AssertionResult AwaitAssertReady(const char* expression, const char*,
                                            const Future<T>& actual,
                                            const Duration& duration) {
  if (!actual.await(duration)) {
    return ::testing::AssertionFailure()
           << "Failed to wait " << duration << " for " << expression;
  }
  if (actual.isDiscarded()) {
    return ::testing::AssertionFailure() << expression << " was discarded";
  }
  if (actual.isFailed()) {
    return ::testing::AssertionFailure()
           << expression << " failed: " << actual.failure();
  }
  return ::testing::AssertionSuccess();
}

template <typename T>
::testing::AssertionResult AwaitAssertFailed(const char* expression,
                                             const char*,
                                             const Future<T>& actual,
                                             const Duration& duration) {
  if (!actual.await(duration)) {
    return ::testing::AssertionFailure()
           << "Failed to wait " << duration << " for " << expression;
  }
  if (actual.isDiscarded()) {
    return ::testing::AssertionFailure() << expression << " was discarded";
  }
  if (actual.isReady()) {
    return ::testing::AssertionFailure()
           << expression << " is READY, expected FAILED";
  }
  return ::testing::AssertionSuccess();
}

template <typename T>
::testing::AssertionResult AwaitAssertDiscarded(const char* expression,
                                                const char*,
                                                const Future<T>& actual,
                                                const Duration& duration) {
  if (!actual.await(duration)) {
    return ::testing::AssertionFailure()
           << "Failed to wait " << duration << " for " << expression;
  }
  if (actual.isFailed()) {
    return ::testing::AssertionFailure()
           << expression << " failed: " << actual.failure();
  }
  if (actual.isReady()) {
    return ::testing::AssertionFailure()
           << expression << " is READY, expected DISCARDED";
  }
  return ::testing::AssertionSuccess();
}

template <typename T1, typename T2>
::testing::AssertionResult AwaitAssertEq(const char* expected_expression,
                                         const char* actual_expression,
                                         const char* duration_expression,
                                         const T1& expected,
                                         const Future<T2>& actual,
                                         const Duration& duration) {
  ::testing::AssertionResult ready = AwaitAssertReady(
      actual_expression, duration_expression, actual, duration);
  if (!ready)
    return ready;
  return ::testing::internal::CmpHelperEQ(
      expected_expression, actual_expression, expected, actual.get());
}

}  // namespace process

#define AWAIT_FOR(actual, duration) ASSERT_TRUE((actual).await(duration))
#define AWAIT(actual) AWAIT_FOR(actual, process::TEST_AWAIT_TIMEOUT)

#define AWAIT_ASSERT_READY_FOR(actual, duration) \
  ASSERT_PRED_FORMAT2(process::AwaitAssertReady, actual, duration)
#define AWAIT_ASSERT_READY(actual) \
  AWAIT_ASSERT_READY_FOR(actual, process::TEST_AWAIT_TIMEOUT)
#define AWAIT_READY_FOR(actual, duration) \
  AWAIT_ASSERT_READY_FOR(actual, duration)
#define AWAIT_READY(actual) AWAIT_ASSERT_READY(actual)
#define AWAIT_EXPECT_READY_FOR(actual, duration) \
  EXPECT_PRED_FORMAT2(process::AwaitAssertReady, actual, duration)
#define AWAIT_EXPECT_READY(actual) \
  AWAIT_EXPECT_READY_FOR(actual, process::TEST_AWAIT_TIMEOUT)

#define AWAIT_ASSERT_FAILED_FOR(actual, duration) \
  ASSERT_PRED_FORMAT2(process::AwaitAssertFailed, actual, duration)
#define AWAIT_ASSERT_FAILED(actual) \
  AWAIT_ASSERT_FAILED_FOR(actual, process::TEST_AWAIT_TIMEOUT)
#define AWAIT_FAILED_FOR(actual, duration) \
  AWAIT_ASSERT_FAILED_FOR(actual, duration)
#define AWAIT_FAILED(actual) AWAIT_ASSERT_FAILED(actual)
#define AWAIT_EXPECT_FAILED_FOR(actual, duration) \
  EXPECT_PRED_FORMAT2(process::AwaitAssertFailed, actual, duration)
#define AWAIT_EXPECT_FAILED(actual) \
  AWAIT_EXPECT_FAILED_FOR(actual, process::TEST_AWAIT_TIMEOUT)

#define AWAIT_ASSERT_DISCARDED_FOR(actual, duration) \
  ASSERT_PRED_FORMAT2(process::AwaitAssertDiscarded, actual, duration)
#define AWAIT_ASSERT_DISCARDED(actual) \
  AWAIT_ASSERT_DISCARDED_FOR(actual, process::TEST_AWAIT_TIMEOUT)
#define AWAIT_DISCARDED_FOR(actual, duration) \
  AWAIT_ASSERT_DISCARDED_FOR(actual, duration)
#define AWAIT_DISCARDED(actual) AWAIT_ASSERT_DISCARDED(actual)
#define AWAIT_EXPECT_DISCARDED_FOR(actual, duration) \
  EXPECT_PRED_FORMAT2(process::AwaitAssertDiscarded, actual, duration)
#define AWAIT_EXPECT_DISCARDED(actual) \
  AWAIT_EXPECT_DISCARDED_FOR(actual, process::TEST_AWAIT_TIMEOUT)

#define AWAIT_ASSERT_EQ_FOR(expected, actual, duration) \
  ASSERT_PRED_FORMAT3(process::AwaitAssertEq, expected, actual, duration)
#define AWAIT_ASSERT_EQ(expected, actual) \
  AWAIT_ASSERT_EQ_FOR(expected, actual, process::TEST_AWAIT_TIMEOUT)
#define AWAIT_EQ_FOR(expected, actual, duration) \
  AWAIT_ASSERT_EQ_FOR(expected, actual, duration)
#define AWAIT_EQ(expected, actual) AWAIT_ASSERT_EQ(expected, actual)
#define AWAIT_EXPECT_EQ_FOR(expected, actual, duration) \
  EXPECT_PRED_FORMAT3(process::AwaitAssertEq, expected, actual, duration)
#define AWAIT_EXPECT_EQ(expected, actual) \
  AWAIT_EXPECT_EQ_FOR(expected, actual, process::TEST_AWAIT_TIMEOUT)

#define AWAIT_ASSERT_TRUE(actual) AWAIT_ASSERT_EQ(true, actual)
#define AWAIT_TRUE(actual) AWAIT_ASSERT_TRUE(actual)
#define AWAIT_EXPECT_TRUE(actual) AWAIT_EXPECT_EQ(true, actual)
#define AWAIT_ASSERT_FALSE(actual) AWAIT_ASSERT_EQ(false, actual)
#define AWAIT_FALSE(actual) AWAIT_ASSERT_FALSE(actual)
#define AWAIT_EXPECT_FALSE(actual) AWAIT_EXPECT_EQ(false, actual)

#endif  // PROCESS_GTEST_HPP
