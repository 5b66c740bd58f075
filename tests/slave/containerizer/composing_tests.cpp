// ComposingContainerizer driven through FakeContainerizers: launch order
// and fallback, destroy during launch, routing to the owner, unknown
// containers, recovery.

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <process/gtest.hpp>

#include "slave/containerizer/composing.hpp"
#include "tests/slave/containerizer/fake_containerizer.hpp"

namespace mesos {
namespace internal {
namespace slave {
namespace tests {
namespace {

using process::Future;

using LaunchResult = Containerizer::LaunchResult;
using Mode = FakeContainerizer::Mode;

ContainerID containerId(const std::string& value) {
  ContainerID id;
  id.set_value(value);
  return id;
}

bool called(FakeContainerizer* fake, const std::string& call) {
  const std::vector<std::string> calls = fake->calls();
  return std::find(calls.begin(), calls.end(), call) != calls.end();
}

// A composing containerizer over fakes with the given modes; `fakes` points
// at them (owned by the composing containerizer).
class ComposingContainerizerTest : public ::testing::Test {
 protected:
  void compose(const std::vector<Mode>& modes) {
    std::vector<std::unique_ptr<Containerizer>> containerizers;
    for (Mode mode : modes) {
      auto fake = std::make_unique<FakeContainerizer>(mode);
      fakes.push_back(fake.get());
      containerizers.push_back(std::move(fake));
    }
    Try<std::unique_ptr<ComposingContainerizer>> created =
        ComposingContainerizer::create(std::move(containerizers));
    ASSERT_TRUE(created.isSome()) << created.error();
    composing = std::move(created).get();
  }

  Future<LaunchResult> launch(const ContainerID& id) {
    ExecutorInfo executorInfo;
    executorInfo.mutable_executor_id()->set_value("executor");
    SlaveID slaveId;
    slaveId.set_value("agent");
    return composing->launch(id, None(), executorInfo, "/sandbox",
                             Option<std::string>("user"), slaveId, {{"K", "V"}},
                             false);
  }

  hashset<ContainerID> ids() {
    Future<hashset<ContainerID>> containers = composing->containers();
    containers.await(process::TEST_AWAIT_TIMEOUT);
    EXPECT_TRUE(containers.isReady());
    return containers.isReady() ? containers.get() : hashset<ContainerID>();
  }

  std::vector<FakeContainerizer*> fakes;
  std::unique_ptr<ComposingContainerizer> composing;
};

TEST_F(ComposingContainerizerTest, CreateRejectsEmptyList) {
  Try<std::unique_ptr<ComposingContainerizer>> created =
      ComposingContainerizer::create({});
  EXPECT_TRUE(created.isError());
}

TEST_F(ComposingContainerizerTest, FallsThroughNotSupported) {
  compose({Mode::NOT_SUPPORTED, Mode::SUCCESS});
  const ContainerID id = containerId("c1");

  AWAIT_EXPECT_EQ(LaunchResult::SUCCESS, launch(id));

  EXPECT_EQ(1, fakes[0]->launches());
  EXPECT_EQ(1, fakes[1]->launches());
  EXPECT_FALSE(fakes[0]->knows(id));
  EXPECT_TRUE(fakes[1]->knows(id));
  EXPECT_EQ(hashset<ContainerID>({id}), ids());
}

TEST_F(ComposingContainerizerTest, FirstSupportingContainerizerWins) {
  compose({Mode::SUCCESS, Mode::SUCCESS});
  const ContainerID id = containerId("c1");

  AWAIT_EXPECT_EQ(LaunchResult::SUCCESS, launch(id));

  EXPECT_EQ(1, fakes[0]->launches());
  EXPECT_EQ(0, fakes[1]->launches());
}

TEST_F(ComposingContainerizerTest, NotSupportedByAnyone) {
  compose({Mode::NOT_SUPPORTED, Mode::NOT_SUPPORTED});
  const ContainerID id = containerId("c1");

  AWAIT_EXPECT_EQ(LaunchResult::NOT_SUPPORTED, launch(id));

  EXPECT_EQ(1, fakes[0]->launches());
  EXPECT_EQ(1, fakes[1]->launches());
  EXPECT_TRUE(ids().empty());

  // Nothing is remembered, so the id can be launched again.
  AWAIT_EXPECT_EQ(LaunchResult::NOT_SUPPORTED, launch(id));
}

TEST_F(ComposingContainerizerTest, LaunchFailureDoesNotFallThrough) {
  compose({Mode::FAIL, Mode::SUCCESS});
  const ContainerID id = containerId("c1");

  Future<LaunchResult> launched = launch(id);
  AWAIT_EXPECT_FAILED(launched);
  EXPECT_EQ("launch failed", launched.failure());
  EXPECT_EQ(0, fakes[1]->launches());

  // The container stays known (routed to the containerizer that failed)
  // until the caller destroys it.
  EXPECT_EQ(hashset<ContainerID>({id}), ids());

  Future<Option<ContainerTermination>> destroyed = composing->destroy(id);
  AWAIT_READY(destroyed);
  EXPECT_TRUE(destroyed->isNone());
  EXPECT_TRUE(called(fakes[0], "destroy c1"));
  EXPECT_FALSE(called(fakes[1], "destroy c1"));
  EXPECT_TRUE(ids().empty());
}

TEST_F(ComposingContainerizerTest, DuplicateLaunchIsAlreadyLaunched) {
  compose({Mode::SUCCESS});
  const ContainerID id = containerId("c1");

  AWAIT_EXPECT_EQ(LaunchResult::SUCCESS, launch(id));
  AWAIT_EXPECT_EQ(LaunchResult::ALREADY_LAUNCHED, launch(id));
  EXPECT_EQ(1, fakes[0]->launches());
}

TEST_F(ComposingContainerizerTest, DuplicateLaunchWhileLaunching) {
  compose({Mode::HOLD});
  const ContainerID id = containerId("c1");

  Future<LaunchResult> first = launch(id);
  AWAIT_READY(fakes[0]->launchStarted(id));

  AWAIT_EXPECT_EQ(LaunchResult::ALREADY_LAUNCHED, launch(id));
  EXPECT_TRUE(first.isPending());

  fakes[0]->completeLaunch(id, LaunchResult::SUCCESS);
  AWAIT_EXPECT_EQ(LaunchResult::SUCCESS, first);
  EXPECT_EQ(1, fakes[0]->launches());
}

TEST_F(ComposingContainerizerTest, DestroyWhileFirstLaunchPending) {
  compose({Mode::HOLD, Mode::SUCCESS});
  const ContainerID id = containerId("c1");

  Future<LaunchResult> launched = launch(id);
  AWAIT_READY(fakes[0]->launchStarted(id));

  // The fake fails its pending launch when the container is destroyed.
  Future<Option<ContainerTermination>> destroyed = composing->destroy(id);

  AWAIT_EXPECT_FAILED(launched);
  AWAIT_READY(destroyed);
  ASSERT_TRUE(destroyed->isSome());
  EXPECT_EQ("destroyed", destroyed->get().message);

  EXPECT_EQ(0, fakes[1]->launches());
  EXPECT_TRUE(ids().empty());
  EXPECT_FALSE(fakes[0]->knows(id));
}

TEST_F(ComposingContainerizerTest, DestroyStopsFallThrough) {
  compose({Mode::HOLD, Mode::SUCCESS});
  fakes[0]->holdDestroys(true);
  const ContainerID id = containerId("c1");

  Future<LaunchResult> launched = launch(id);
  AWAIT_READY(fakes[0]->launchStarted(id));

  Future<Option<ContainerTermination>> destroyed = composing->destroy(id);
  EXPECT_EQ(hashset<ContainerID>({id}), ids());  // The destroy was handled.
  EXPECT_EQ(1, fakes[0]->destroys());

  // The first containerizer declines after the destroy arrived: the second
  // one is not tried.
  fakes[0]->completeLaunch(id, LaunchResult::NOT_SUPPORTED);
  AWAIT_EXPECT_FAILED(launched);
  EXPECT_EQ("Container was destroyed while launching", launched.failure());
  EXPECT_EQ(0, fakes[1]->launches());

  // The destroy completes with the first containerizer's answer.
  EXPECT_TRUE(destroyed.isPending());
  fakes[0]->completeDestroys();
  AWAIT_READY(destroyed);
  EXPECT_TRUE(destroyed->isNone());
  EXPECT_TRUE(ids().empty());
}

TEST_F(ComposingContainerizerTest, DestroyWhileFallingThrough) {
  compose({Mode::NOT_SUPPORTED, Mode::HOLD});
  const ContainerID id = containerId("c1");

  Future<LaunchResult> launched = launch(id);
  AWAIT_READY(fakes[1]->launchStarted(id));

  Future<Option<ContainerTermination>> destroyed = composing->destroy(id);

  AWAIT_EXPECT_FAILED(launched);
  AWAIT_READY(destroyed);
  ASSERT_TRUE(destroyed->isSome());

  // The destroy went to the containerizer being tried, not the first.
  EXPECT_EQ(0, fakes[0]->destroys());
  EXPECT_EQ(1, fakes[1]->destroys());
  EXPECT_TRUE(ids().empty());
}

TEST_F(ComposingContainerizerTest, LaunchSucceedsWhileDestroying) {
  compose({Mode::HOLD});
  fakes[0]->holdDestroys(true);
  const ContainerID id = containerId("c1");

  Future<LaunchResult> launched = launch(id);
  AWAIT_READY(fakes[0]->launchStarted(id));
  Future<Option<ContainerTermination>> destroyed = composing->destroy(id);
  EXPECT_EQ(hashset<ContainerID>({id}), ids());  // The destroy was handled.
  EXPECT_EQ(1, fakes[0]->destroys());

  // The launch answer passes through; the destroy still owns the end.
  fakes[0]->completeLaunch(id, LaunchResult::SUCCESS);
  AWAIT_EXPECT_EQ(LaunchResult::SUCCESS, launched);
  EXPECT_EQ(hashset<ContainerID>({id}), ids());

  fakes[0]->completeDestroys();
  AWAIT_READY(destroyed);
  ASSERT_TRUE(destroyed->isSome());
  EXPECT_EQ("destroyed", destroyed->get().message);
  EXPECT_TRUE(ids().empty());
}

TEST_F(ComposingContainerizerTest, RoutesToOwner) {
  compose({Mode::NOT_SUPPORTED, Mode::SUCCESS});
  const ContainerID id = containerId("c1");
  AWAIT_EXPECT_EQ(LaunchResult::SUCCESS, launch(id));

  AWAIT_READY(composing->update(id, Resources()));
  AWAIT_READY(composing->usage(id));
  Future<ContainerStatus> status = composing->status(id);
  AWAIT_READY(status);
  EXPECT_EQ(id, status->container_id());

  Future<Option<ContainerTermination>> waited = composing->wait(id);
  Future<Option<ContainerTermination>> destroyed = composing->destroy(id);
  AWAIT_READY(destroyed);
  AWAIT_READY(waited);
  ASSERT_TRUE(waited->isSome());
  EXPECT_EQ("destroyed", waited->get().message);

  for (const char* call :
       {"update c1", "usage c1", "status c1", "wait c1", "destroy c1"}) {
    EXPECT_TRUE(called(fakes[1], call)) << call;
    EXPECT_FALSE(called(fakes[0], call)) << call;
  }
  EXPECT_TRUE(ids().empty());
}

TEST_F(ComposingContainerizerTest, ForgetsContainerThatTerminates) {
  compose({Mode::SUCCESS});
  const ContainerID id = containerId("c1");
  AWAIT_EXPECT_EQ(LaunchResult::SUCCESS, launch(id));

  // The composing containerizer's own wait on the owner was registered at
  // launch, so it forgets the container before this wait completes. The
  // containers() call, handled after the wait, makes sure the wait reached
  // the owner before the container terminates.
  Future<Option<ContainerTermination>> waited = composing->wait(id);
  EXPECT_EQ(hashset<ContainerID>({id}), ids());
  EXPECT_TRUE(waited.isPending());

  fakes[0]->terminate(id, 0);
  AWAIT_READY(waited);
  ASSERT_TRUE(waited->isSome());
  EXPECT_EQ(Option<int>(0), waited->get().status);

  EXPECT_TRUE(ids().empty());
  AWAIT_EXPECT_EQ(LaunchResult::SUCCESS, launch(id));
}

TEST_F(ComposingContainerizerTest, UnknownContainer) {
  compose({Mode::SUCCESS, Mode::SUCCESS});
  const ContainerID id = containerId("unknown");

  AWAIT_EXPECT_FAILED(composing->update(id, Resources()));
  AWAIT_EXPECT_FAILED(composing->usage(id));
  AWAIT_EXPECT_FAILED(composing->status(id));

  Future<Option<ContainerTermination>> waited = composing->wait(id);
  AWAIT_READY(waited);
  EXPECT_TRUE(waited->isNone());

  Future<Option<ContainerTermination>> destroyed = composing->destroy(id);
  AWAIT_READY(destroyed);
  EXPECT_TRUE(destroyed->isNone());

  // Only wait asks around, in case one of them remembers the container.
  EXPECT_EQ(std::vector<std::string>({"wait unknown"}), fakes[0]->calls());
  EXPECT_EQ(std::vector<std::string>({"wait unknown"}), fakes[1]->calls());
}

TEST_F(ComposingContainerizerTest, RecoverBuildsOwnership) {
  compose({Mode::SUCCESS, Mode::SUCCESS});
  const ContainerID a = containerId("a");
  const ContainerID b = containerId("b");
  fakes[0]->setRecoverable({a});
  fakes[1]->setRecoverable({b});

  AWAIT_READY(composing->recover(None()));
  EXPECT_TRUE(called(fakes[0], "recover"));
  EXPECT_TRUE(called(fakes[1], "recover"));
  EXPECT_EQ(hashset<ContainerID>({a, b}), ids());

  AWAIT_READY(composing->update(a, Resources()));
  AWAIT_READY(composing->update(b, Resources()));
  EXPECT_TRUE(called(fakes[0], "update a"));
  EXPECT_FALSE(called(fakes[1], "update a"));
  EXPECT_TRUE(called(fakes[1], "update b"));
  EXPECT_FALSE(called(fakes[0], "update b"));

  // A recovered id is taken; a new one launches on the first.
  AWAIT_EXPECT_EQ(LaunchResult::ALREADY_LAUNCHED, launch(b));
  const ContainerID c = containerId("c");
  AWAIT_EXPECT_EQ(LaunchResult::SUCCESS, launch(c));
  EXPECT_EQ(hashset<ContainerID>({a, b, c}), ids());
}

TEST_F(ComposingContainerizerTest, RecoverFailsOnSharedId) {
  compose({Mode::SUCCESS, Mode::SUCCESS});
  fakes[0]->setRecoverable({containerId("a")});
  fakes[1]->setRecoverable({containerId("a")});

  AWAIT_EXPECT_FAILED(composing->recover(None()));
}

TEST_F(ComposingContainerizerTest, RecoverFailurePropagates) {
  compose({Mode::SUCCESS, Mode::SUCCESS});
  fakes[1]->failRecover("corrupt checkpoint");

  Future<Nothing> recovered = composing->recover(None());
  AWAIT_EXPECT_FAILED(recovered);
  EXPECT_NE(std::string::npos, recovered.failure().find("corrupt checkpoint"))
      << recovered.failure();
}

}  // namespace
}  // namespace tests
}  // namespace slave
}  // namespace internal
}  // namespace mesos
