#ifndef MESOS_COMMON_RESOURCES_UTILS_HPP
#define MESOS_COMMON_RESOURCES_UTILS_HPP

#include <functional>
#include <vector>

#include <google/protobuf/message.h>
#include <google/protobuf/repeated_field.h>

#include <mesos/mesos.hpp>

#include <stout/nothing.hpp>
#include <stout/try.hpp>

// Conversion between the reservation formats of `Resource` (see
// include/mesos/resources.hpp and docs/resources.md), as the master and
// agent need it on their boundaries: upgrade everything that comes in,
// downgrade what goes to a peer that lacks RESERVATION_REFINEMENT, and
// render endpoints in the format that carries both.
//
// All functions are thread-safe (they only touch their arguments).
namespace mesos {

enum ResourceFormat {
  // `role` ("*" when unreserved) and, for a dynamic reservation,
  // `reservation{principal, labels}`; `reservations` empty. Cannot express
  // a refined reservation.
  PRE_RESERVATION_REFINEMENT,

  // `reservations` only (empty when unreserved); `role` and `reservation`
  // unset. What `Resources` holds.
  POST_RESERVATION_REFINEMENT,

  // `reservations` as in POST plus, when there is at most one reservation,
  // the PRE fields: what Mesos's /state and similar endpoints show.
  ENDPOINT,
};

// Rewrites `resource` in `format`. Converting to PRE fails, leaving the
// resource unchanged, if it has refined reservations (more than one);
// every other conversion succeeds. Input may be in any format; a resource
// already in the target format is left as it is.
//
// Upgrading keeps contradictory input contradictory (e.g. role "*" with a
// `reservation`) so that `Resources::validate` still reports it.
Try<Nothing> convertResourceFormat(Resource* resource, ResourceFormat format);
Try<Nothing> convertResourceFormat(
    google::protobuf::RepeatedPtrField<Resource>* resources,
    ResourceFormat format);
Try<Nothing> convertResourceFormat(std::vector<Resource>* resources,
                                   ResourceFormat format);

// To POST_RESERVATION_REFINEMENT; never fails.
void upgradeResource(Resource* resource);
void upgradeResources(google::protobuf::RepeatedPtrField<Resource>* resources);
void upgradeResources(std::vector<Resource>* resources);

// Every `mesos.Resource` anywhere inside `message` (nested messages,
// repeated fields, map values), e.g. a whole Offer, TaskInfo or
// RunTaskMessage.
void upgradeResources(google::protobuf::Message* message);

// To PRE_RESERVATION_REFINEMENT, for a peer without RESERVATION_REFINEMENT.
// Fails if any resource has refined reservations; the containers and
// messages are then left completely unchanged.
Try<Nothing> downgradeResource(Resource* resource);
Try<Nothing> downgradeResources(
    google::protobuf::RepeatedPtrField<Resource>* resources);
Try<Nothing> downgradeResources(std::vector<Resource>* resources);
Try<Nothing> downgradeResources(google::protobuf::Message* message);

// Calls `f` once for every `mesos.Resource` reachable from `message`
// (including `message` itself if it is one), in field order. Fields whose
// type cannot contain a Resource are not descended into.
void forEachResource(google::protobuf::Message* message,
                     const std::function<void(Resource*)>& f);

}  // namespace mesos

#endif  // MESOS_COMMON_RESOURCES_UTILS_HPP
