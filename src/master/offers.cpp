// Offers: the allocator's allocations become offers (fresh OfferIDs, the
// resource format each framework understands), offers are rescinded on
// --offer_timeout, and DECLINE / REVIVE / SUPPRESS reach the allocator.

#include <utility>

#include <glog/logging.h>

#include <mesos/type_utils.hpp>

#include <process/delay.hpp>

#include <stout/stringify.hpp>

#include "common/resources_utils.hpp"
#include "master/master.hpp"

namespace mesos {
namespace internal {
namespace master {

using process::UPID;

void Master::offer(
    const FrameworkID& frameworkId,
    const hashmap<std::string, hashmap<SlaveID, Resources>>& allocations) {
  Framework* framework = getFramework(frameworkId);
  ResourceOffersMessage message;

  for (const auto& [role, slaves] : allocations) {
    for (const auto& [slaveId, resources] : slaves) {
      Slave* slave = getSlave(slaveId);
      if (framework == nullptr || !framework->active || !framework->connected ||
          slave == nullptr || !slave->active || removing_.contains(slaveId)) {
        allocator_->recoverResources(frameworkId, slaveId, resources, None());
        continue;
      }

      Offer offer;
      offer.mutable_id()->set_value(info_.id() + "-O" +
                                    stringify(nextOfferId_++));
      *offer.mutable_framework_id() = frameworkId;
      *offer.mutable_slave_id() = slaveId;
      offer.set_hostname(slave->info.hostname());
      offer.mutable_url()->set_scheme("http");
      offer.mutable_url()->mutable_address()->set_hostname(
          slave->info.hostname());
      offer.mutable_url()->mutable_address()->set_ip(
          stringify(slave->pid.address.ip));
      offer.mutable_url()->mutable_address()->set_port(slave->pid.address.port);
      offer.mutable_url()->set_path("/" + slave->pid.id);
      if (slave->info.has_domain())
        *offer.mutable_domain() = slave->info.domain();
      *offer.mutable_attributes() = slave->info.attributes();
      auto executors = slave->executors.find(frameworkId);
      if (executors != slave->executors.end())
        for (const auto& [executorId, executor] : executors->second)
          *offer.add_executor_ids() = executorId;

      for (const Resource& resource : resources)
        *offer.add_resources() = resource;

      // What the framework can read: allocation info only for MULTI_ROLE
      // frameworks, the pre-refinement format for those without
      // RESERVATION_REFINEMENT.
      if (framework->capabilities.multiRole) {
        offer.mutable_allocation_info()->set_role(role);
      } else {
        for (Resource& resource : *offer.mutable_resources())
          resource.clear_allocation_info();
      }
      if (!framework->capabilities.reservationRefinement) {
        Try<Nothing> downgraded = downgradeResources(&offer);
        if (downgraded.isError()) {
          LOG(WARNING) << "Not offering agent " << slaveId << " to framework "
                       << frameworkId << ": " << downgraded.error();
          allocator_->recoverResources(frameworkId, slaveId, resources, None());
          continue;
        }
      }

      offers_[offer.id()] = offer;
      offerResources_[offer.id()] = resources;
      framework->offers.insert(offer.id());
      slave->offers.insert(offer.id());
      *message.add_offers() = offer;
      message.add_pids(stringify(slave->pid));

      if (flags_.offer_timeout.isSome())
        process::delay(flags_.offer_timeout.get(), self(),
                       &Master::offerTimeout, offer.id());
    }
  }

  if (message.offers_size() > 0) {
    LOG(INFO) << "Sending " << message.offers_size() << " offers to framework "
              << frameworkId;
    send(framework->pid, message);
  }
}

bool Master::takeOffer(const OfferID& offerId, Offer* offer,
                       Resources* resources) {
  auto it = offers_.find(offerId);
  if (it == offers_.end())
    return false;
  *offer = std::move(it->second);
  *resources = std::move(offerResources_[offerId]);
  offers_.erase(it);
  offerResources_.erase(offerId);
  if (Framework* framework = getFramework(offer->framework_id()))
    framework->offers.erase(offerId);
  if (Slave* slave = getSlave(offer->slave_id()))
    slave->offers.erase(offerId);
  return true;
}

void Master::removeOffer(const OfferID& offerId, bool rescind) {
  Offer offer;
  Resources resources;
  if (!takeOffer(offerId, &offer, &resources))
    return;
  if (rescind) {
    RescindResourceOfferMessage message;
    *message.mutable_offer_id() = offerId;
    sendToFramework(getFramework(offer.framework_id()), message);
  }
  allocator_->recoverResources(offer.framework_id(), offer.slave_id(),
                               resources, None());
}

void Master::offerTimeout(const OfferID& offerId) {
  if (!offers_.contains(offerId))
    return;
  LOG(INFO) << "Rescinding offer " << offerId << ": --offer_timeout ("
            << flags_.offer_timeout.get() << ") expired";
  removeOffer(offerId, true);
}

void Master::decline(Framework* framework,
                     const scheduler::Call::Decline& decline) {
  for (const OfferID& offerId : decline.offer_ids()) {
    auto it = offers_.find(offerId);
    if (it == offers_.end() || it->second.framework_id() != framework->id()) {
      LOG(WARNING) << "Ignoring decline of offer " << offerId
                   << " by framework " << framework->id()
                   << ": no such outstanding offer";
      continue;
    }
    Offer offer;
    Resources resources;
    takeOffer(offerId, &offer, &resources);
    allocator_->recoverResources(framework->id(), offer.slave_id(), resources,
                                 decline.filters());
  }
}

void Master::revive(Framework* framework, const std::set<std::string>& roles_) {
  std::set<std::string> roles = roles_.empty() ? framework->roles() : roles_;
  for (const std::string& role : roles)
    framework->suppressedRoles.erase(role);
  allocator_->reviveOffers(framework->id(), roles);
}

void Master::suppress(Framework* framework,
                      const std::set<std::string>& roles_) {
  std::set<std::string> roles = roles_.empty() ? framework->roles() : roles_;
  framework->suppressedRoles.insert(roles.begin(), roles.end());
  allocator_->suppressOffers(framework->id(), roles);
}

void Master::reviveOffers(const UPID& from,
                          const ReviveOffersMessage& message) {
  Framework* framework =
      getFrameworkFrom(from, message.framework_id(), "revive");
  if (framework != nullptr)
    revive(framework, std::set<std::string>(message.roles().begin(),
                                            message.roles().end()));
}

}  // namespace master
}  // namespace internal
}  // namespace mesos
