// Containerizer::create: the `--containerizers` flag value against a
// registry of named creators.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <process/gtest.hpp>

#include <stout/error.hpp>

#include "slave/containerizer/composing.hpp"
#include "slave/containerizer/containerizer.hpp"
#include "tests/slave/containerizer/fake_containerizer.hpp"

namespace mesos {
namespace internal {
namespace slave {
namespace tests {
namespace {

using LaunchResult = Containerizer::LaunchResult;
using Mode = FakeContainerizer::Mode;

// Creators for "mesos" (launches everything) and "external" (supports
// nothing) that record the order they ran in and the fakes they made.
class ContainerizerFactoryTest : public ::testing::Test {
 protected:
  ContainerizerFactoryTest() {
    creators["mesos"] = creator("mesos", Mode::SUCCESS);
    creators["external"] = creator("external", Mode::NOT_SUPPORTED);
  }

  Containerizer::Creator creator(const std::string& name, Mode mode) {
    return [this, name, mode]() -> Try<std::unique_ptr<Containerizer>> {
      created.push_back(name);
      auto fake = std::make_unique<FakeContainerizer>(mode);
      made[name] = fake.get();
      return std::unique_ptr<Containerizer>(std::move(fake));
    };
  }

  std::map<std::string, Containerizer::Creator> creators;
  std::vector<std::string> created;
  std::map<std::string, FakeContainerizer*> made;
};

TEST_F(ContainerizerFactoryTest, SingleNameYieldsThatContainerizer) {
  Try<std::unique_ptr<Containerizer>> containerizer =
      Containerizer::create("mesos", creators);
  ASSERT_TRUE(containerizer.isSome()) << containerizer.error();
  EXPECT_EQ(std::vector<std::string>({"mesos"}), created);
  EXPECT_EQ(made["mesos"], containerizer->get());
}

TEST_F(ContainerizerFactoryTest, SeveralNamesComposeInFlagOrder) {
  Try<std::unique_ptr<Containerizer>> containerizer =
      Containerizer::create("external,mesos", creators);
  ASSERT_TRUE(containerizer.isSome()) << containerizer.error();
  EXPECT_EQ(std::vector<std::string>({"external", "mesos"}), created);
  ASSERT_NE(nullptr,
            dynamic_cast<ComposingContainerizer*>(containerizer->get()));

  // "external" is asked first, declines, and "mesos" runs the container.
  ContainerID id;
  id.set_value("c1");
  ExecutorInfo executorInfo;
  executorInfo.mutable_executor_id()->set_value("executor");
  AWAIT_EXPECT_EQ(LaunchResult::SUCCESS,
                  (*containerizer)
                      ->launch(id, None(), executorInfo, "/sandbox", None(),
                               SlaveID(), {}, false));
  EXPECT_EQ(1, made["external"]->launches());
  EXPECT_EQ(1, made["mesos"]->launches());
  EXPECT_TRUE(made["mesos"]->knows(id));
}

TEST_F(ContainerizerFactoryTest, RejectsUnknownName) {
  Try<std::unique_ptr<Containerizer>> containerizer =
      Containerizer::create("mesos,docker", creators);
  ASSERT_TRUE(containerizer.isError());
  EXPECT_EQ("Unknown or unsupported containerizer: docker",
            containerizer.error());
  EXPECT_TRUE(created.empty());
}

TEST_F(ContainerizerFactoryTest, RejectsDuplicates) {
  Try<std::unique_ptr<Containerizer>> containerizer =
      Containerizer::create("mesos,external,mesos", creators);
  ASSERT_TRUE(containerizer.isError());
  EXPECT_NE(std::string::npos, containerizer.error().find("Duplicate"))
      << containerizer.error();
  EXPECT_TRUE(created.empty());
}

TEST_F(ContainerizerFactoryTest, RejectsEmptyNames) {
  EXPECT_TRUE(Containerizer::create("", creators).isError());
  EXPECT_TRUE(Containerizer::create(",", creators).isError());
  EXPECT_TRUE(Containerizer::create("mesos,,external", creators).isError());
  EXPECT_TRUE(Containerizer::create("mesos,", creators).isError());
  EXPECT_TRUE(created.empty());
}

TEST_F(ContainerizerFactoryTest, CreatesInFlagOrderNotSorted) {
  Try<std::unique_ptr<Containerizer>> containerizer =
      Containerizer::create("mesos,external", creators);
  ASSERT_TRUE(containerizer.isSome()) << containerizer.error();
  EXPECT_EQ(std::vector<std::string>({"mesos", "external"}), created);
}

TEST_F(ContainerizerFactoryTest, CreatorErrorNamesTheContainerizer) {
  creators["external"] = []() -> Try<std::unique_ptr<Containerizer>> {
    return Error("no such program");
  };
  Try<std::unique_ptr<Containerizer>> containerizer =
      Containerizer::create("mesos,external", creators);
  ASSERT_TRUE(containerizer.isError());
  EXPECT_EQ("Failed to create containerizer 'external': no such program",
            containerizer.error());
}

}  // namespace
}  // namespace tests
}  // namespace slave
}  // namespace internal
}  // namespace mesos
