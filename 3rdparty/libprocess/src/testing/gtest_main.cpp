#include <glog/logging.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <process/gtest.hpp>

int main(int argc, char** argv) {
  // To stderr only: glog's default writes log files into /tmp, which a
  // test run must not leave behind. Set before initialising, so that no
  // log file is ever opened.
  FLAGS_logtostderr = true;
  google::InitGoogleLogging(argv[0]);
  ::testing::InitGoogleMock(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new process::testing::Environment());
  process::testing::installListeners();
  return RUN_ALL_TESTS();
}
