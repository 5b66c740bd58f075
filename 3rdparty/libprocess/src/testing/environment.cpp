#include <gtest/gtest.h>

#include <process/clock.hpp>
#include <process/gmock.hpp>
#include <process/gtest.hpp>
#include <process/process.hpp>

namespace process {
namespace testing {

namespace {

// Leaves no paused clock or expectation behind for the next test.
class TestListener : public ::testing::EmptyTestEventListener {
 public:
  void OnTestEnd(const ::testing::TestInfo&) override {
    clearExpectations();
    if (Clock::paused())
      Clock::resume();
  }
};

}  // namespace

void Environment::SetUp() {
  process::initialize();
}

void Environment::TearDown() {
  process::finalize();
}

void installListeners() {
  ::testing::UnitTest::GetInstance()->listeners().Append(new TestListener());
}

}  // namespace testing
}  // namespace process
