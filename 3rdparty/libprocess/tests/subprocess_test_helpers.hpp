#ifndef PROCESS_TESTS_SUBPROCESS_TEST_HELPERS_HPP
#define PROCESS_TESTS_SUBPROCESS_TEST_HELPERS_HPP

// gtest assertions on Try and Option for the io/reap/subprocess tests,
// with the error text in the failure message. Defined only if nothing else
// (a future stout/gtest.hpp) already did.

#include <gtest/gtest.h>

#include <stout/option.hpp>
#include <stout/try.hpp>

namespace process {
namespace testing {

template <typename T>
::testing::AssertionResult isSome(const Try<T>& t) {
  if (t.isSome())
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "Error: " << t.error();
}

template <typename T>
::testing::AssertionResult isSome(const Option<T>& o) {
  if (o.isSome())
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "None";
}

template <typename T>
::testing::AssertionResult isError(const Try<T>& t) {
  if (t.isError())
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "Not an error";
}

}  // namespace testing
}  // namespace process

#ifndef ASSERT_SOME
#define ASSERT_SOME(x) ASSERT_TRUE(::process::testing::isSome(x))
#define EXPECT_SOME(x) EXPECT_TRUE(::process::testing::isSome(x))
#define ASSERT_NONE(x) ASSERT_TRUE((x).isNone())
#define EXPECT_NONE(x) EXPECT_TRUE((x).isNone())
#define ASSERT_ERROR(x) ASSERT_TRUE(::process::testing::isError(x))
#define EXPECT_ERROR(x) EXPECT_TRUE(::process::testing::isError(x))
#define EXPECT_SOME_EQ(expected, actual)                     \
  do {                                                       \
    const auto& some_eq_actual = (actual);                   \
    EXPECT_TRUE(::process::testing::isSome(some_eq_actual)); \
    if (some_eq_actual.isSome()) {                           \
      EXPECT_EQ(expected, some_eq_actual.get());             \
    }                                                        \
  } while (false)
#endif

#endif  // PROCESS_TESTS_SUBPROCESS_TEST_HELPERS_HPP
