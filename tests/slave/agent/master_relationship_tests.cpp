// The agent and the master: registration with backoff, pings, the ping
// timeout, and messages that must not disturb the agent.

#include <stout/os.hpp>
#include <stout/path.hpp>

#include "agent_test_kit.hpp"

using process::Clock;
using process::Future;

namespace mesos {
namespace internal {
namespace slave {
namespace tests {

using MasterRelationshipTest = AgentTest;

TEST_F(MasterRelationshipTest, RegistersWithBackoffUntilAnswered) {
  startAgent();

  Future<RegisterSlaveMessage> first = master->receive<RegisterSlaveMessage>();
  Clock::advance(flags.registration_backoff_factor);
  Clock::settle();
  AWAIT_READY(first);
  EXPECT_EQ("1.11.0", first->version());
  EXPECT_EQ("agent.test", first->slave().hostname());
  EXPECT_FALSE(first->slave().has_id());
  EXPECT_GT(first->agent_capabilities_size(), 0);

  // No answer: the next attempt comes within twice the factor.
  Future<RegisterSlaveMessage> second = master->receive<RegisterSlaveMessage>();
  Clock::advance(flags.registration_backoff_factor * 2);
  Clock::settle();
  AWAIT_READY(second);

  SlaveRegisteredMessage registered;
  registered.mutable_slave_id()->CopyFrom(slaveId);
  master->send(slavePid, registered);
  Clock::settle();

  // Registered: no more attempts, however long we wait.
  Clock::advance(Minutes(2));
  Clock::settle();
  EXPECT_EQ(0u, master->count<RegisterSlaveMessage>());

  // The agent info is checkpointed with a latest link.
  EXPECT_TRUE(os::exists(
      paths::getSlaveInfoPath(paths::getMetaRootDir(workDir), slaveId)));
  EXPECT_TRUE(
      os::exists(paths::getLatestSlavePath(paths::getMetaRootDir(workDir))));
}

TEST_F(MasterRelationshipTest, IgnoresRegistrationFromOthers) {
  startAgent();

  Future<RegisterSlaveMessage> first = master->receive<RegisterSlaveMessage>();
  Clock::advance(flags.registration_backoff_factor);
  Clock::settle();
  AWAIT_READY(first);

  FakePeer impostor(process::ID::generate("master"));
  SlaveRegisteredMessage registered;
  registered.mutable_slave_id()->CopyFrom(slaveId);
  impostor.send(slavePid, registered);
  Clock::settle();

  // Still unregistered: the agent tries again.
  Future<RegisterSlaveMessage> again = master->receive<RegisterSlaveMessage>();
  Clock::advance(flags.registration_backoff_factor * 2);
  Clock::settle();
  AWAIT_READY(again);
}

TEST_F(MasterRelationshipTest, AnswersPingsAndReregistersAfterPingTimeout) {
  startAgent();
  registerAgent();

  Future<PongSlaveMessage> pong = master->receive<PongSlaveMessage>();
  PingSlaveMessage ping;
  ping.set_connected(true);
  master->send(slavePid, ping);
  Clock::settle();
  AWAIT_READY(pong);

  // Pings from anyone else are not answered.
  FakePeer stranger(process::ID::generate("stranger"));
  stranger.send(slavePid, ping);
  Clock::settle();
  EXPECT_EQ(0u, stranger.count<PongSlaveMessage>());

  // No ping within total_ping_timeout_seconds (75): the agent looks for
  // the master again and reregisters with its id.
  Future<ReregisterSlaveMessage> reregister =
      master->receive<ReregisterSlaveMessage>();
  Clock::advance(Seconds(75));
  Clock::settle();
  Clock::advance(flags.registration_backoff_factor);
  Clock::settle();
  AWAIT_READY(reregister);
  EXPECT_EQ(slaveId, reregister->slave().id());
  EXPECT_EQ("1.11.0", reregister->version());

  SlaveReregisteredMessage reregistered;
  reregistered.mutable_slave_id()->CopyFrom(slaveId);
  master->send(slavePid, reregistered);
  Clock::settle();

  Clock::advance(Seconds(30));
  Clock::settle();
  EXPECT_EQ(0u, master->count<ReregisterSlaveMessage>());
}

TEST_F(MasterRelationshipTest, ReregistersSoonAfterTheMasterLinkBreaks) {
  startAgent();
  registerAgent();
  const std::string id = master->pid().id;

  for (int restart = 0; restart < 2; ++restart) {
    // The master goes away (the agent's link breaks) and comes back at the
    // same address: the agent reregisters within the registration backoff,
    // long before the 75 s ping timeout.
    master.reset();
    Clock::settle();
    master.reset(new FakePeer(id));

    Future<ReregisterSlaveMessage> reregister =
        master->receive<ReregisterSlaveMessage>();
    Clock::advance(flags.registration_backoff_factor);
    Clock::settle();
    AWAIT_READY(reregister);
    EXPECT_EQ(slaveId, reregister->slave().id());

    // Still only the master is listened to.
    FakePeer impostor(process::ID::generate("master"));
    SlaveReregisteredMessage reregistered;
    reregistered.mutable_slave_id()->CopyFrom(slaveId);
    impostor.send(slavePid, reregistered);
    Clock::settle();
    Future<ReregisterSlaveMessage> again =
        master->receive<ReregisterSlaveMessage>();
    Clock::advance(flags.registration_backoff_factor * 2);
    Clock::settle();
    AWAIT_READY(again);

    // The master answers: no more attempts. The agent watches the new
    // link, which the next round breaks again.
    master->send(slavePid, reregistered);
    Clock::settle();
    Clock::advance(Seconds(30));
    Clock::settle();
    EXPECT_EQ(0u, master->count<ReregisterSlaveMessage>());
  }
}

TEST_F(MasterRelationshipTest, ReregistersWhenMasterSaysDisconnected) {
  startAgent();
  registerAgent();

  Future<ReregisterSlaveMessage> reregister =
      master->receive<ReregisterSlaveMessage>();
  PingSlaveMessage ping;
  ping.set_connected(false);
  master->send(slavePid, ping);
  Clock::settle();
  Clock::advance(flags.registration_backoff_factor);
  Clock::settle();
  AWAIT_READY(reregister);
  EXPECT_EQ(slaveId, reregister->slave().id());
}

TEST_F(MasterRelationshipTest, BadMessagesLeaveTheAgentServing) {
  startAgent();
  registerAgent();

  // A body that is not the named protobuf.
  master->sendRaw(slavePid, "mesos.internal.RunTaskMessage", "garbage");
  master->sendRaw(slavePid, "mesos.internal.PingSlaveMessage", "\xff\xff");
  // A message nobody handles.
  master->sendRaw(slavePid, "no.such.Message", "x");
  // An acknowledgement for a task the agent never heard of.
  StatusUpdateAcknowledgementMessage ack;
  ack.mutable_slave_id()->CopyFrom(slaveId);
  ack.mutable_framework_id()->set_value("framework-x");
  ack.mutable_task_id()->set_value("task-x");
  ack.set_uuid(id::UUID::random().toBytes());
  master->send(slavePid, ack);
  // An acknowledgement with a malformed uuid.
  ack.set_uuid("short");
  master->send(slavePid, ack);
  // A kill for an unknown framework, a shutdown of an unknown framework.
  KillTaskMessage kill;
  kill.mutable_framework_id()->set_value("framework-x");
  kill.mutable_task_id()->set_value("task-x");
  master->send(slavePid, kill);
  ShutdownFrameworkMessage shutdown;
  shutdown.mutable_framework_id()->set_value("framework-x");
  master->send(slavePid, shutdown);
  Clock::settle();

  Future<PongSlaveMessage> pong = master->receive<PongSlaveMessage>();
  PingSlaveMessage ping;
  ping.set_connected(true);
  master->send(slavePid, ping);
  Clock::settle();
  AWAIT_READY(pong);
  EXPECT_EQ(0u, containerizer->launchCount());
}

TEST_F(MasterRelationshipTest, MasterFlagErrors) {
  EXPECT_TRUE(parseMaster("zk://host:2181/mesos").isError());
  EXPECT_TRUE(parseMaster("localhost").isError());
  EXPECT_TRUE(parseMaster("localhost:0").isError());
  EXPECT_TRUE(parseMaster("localhost:x").isError());

  Try<process::UPID> plain = parseMaster("127.0.0.1:5050");
  ASSERT_TRUE(plain.isSome()) << plain.error();
  EXPECT_EQ("master@127.0.0.1:5050", std::string(plain.get()));

  Try<process::UPID> full = parseMaster("master(2)@127.0.0.1:5051");
  ASSERT_TRUE(full.isSome()) << full.error();
  EXPECT_EQ("master(2)", full->id);
}

TEST_F(MasterRelationshipTest, MasterFromFile) {
  Try<std::string> dir = os::mkdtemp("/tmp/agent-master-file-XXXXXX");
  ASSERT_TRUE(dir.isSome()) << dir.error();
  const std::string file = path::join(dir.get(), "master");

  EXPECT_TRUE(parseMaster("file://" + file).isError());  // Missing.

  ASSERT_TRUE(os::write(file, "127.0.0.1:5050\n").isSome());
  Try<process::UPID> master = parseMaster("file://" + file);
  ASSERT_TRUE(master.isSome()) << master.error();
  EXPECT_EQ("master@127.0.0.1:5050", std::string(master.get()));

  ASSERT_TRUE(os::write(file, "file://" + file).isSome());
  EXPECT_TRUE(parseMaster("file://" + file).isError());  // A loop.

  ASSERT_TRUE(os::rmdir(dir.get()).isSome());
}

}  // namespace tests
}  // namespace slave
}  // namespace internal
}  // namespace mesos
