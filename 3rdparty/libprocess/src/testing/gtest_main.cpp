#include <glog/logging.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <process/gtest.hpp>

int main(int argc, char** argv) {
  google::InitGoogleLogging(argv[0]);
  ::testing::InitGoogleMock(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new process::testing::Environment());
  process::testing::installListeners();
  return RUN_ALL_TESTS();
}
