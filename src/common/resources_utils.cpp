#include "common/resources_utils.hpp"

#include <string>
#include <unordered_map>
#include <vector>

#include <google/protobuf/descriptor.h>

namespace mesos {

namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

using Containment = std::unordered_map<const Descriptor*, bool>;

// Records, for every message type reachable from `root`, whether its
// messages can (transitively) hold a Resource. A fixpoint rather than a
// memoized recursion, so recursive schemas get the right answer too.
void buildContainment(const Descriptor* root, Containment* memo) {
  std::vector<const Descriptor*> reachable = {root};
  (*memo)[root] = root == Resource::descriptor();
  for (size_t i = 0; i < reachable.size(); i++) {
    const Descriptor* descriptor = reachable[i];
    for (int j = 0; j < descriptor->field_count(); j++) {
      const Descriptor* type = descriptor->field(j)->message_type();
      if (type != nullptr && memo->count(type) == 0) {
        (*memo)[type] = type == Resource::descriptor();
        reachable.push_back(type);
      }
    }
  }

  for (bool changed = true; changed;) {
    changed = false;
    for (const Descriptor* descriptor : reachable) {
      bool& holds = (*memo)[descriptor];
      for (int j = 0; j < descriptor->field_count() && !holds; j++) {
        const Descriptor* type = descriptor->field(j)->message_type();
        if (type != nullptr && memo->at(type)) {
          holds = true;
          changed = true;
        }
      }
    }
  }
}

void visit(Message* message, const std::function<void(Resource*)>& f,
           Containment* memo) {
  const Descriptor* descriptor = message->GetDescriptor();
  if (descriptor == Resource::descriptor()) {
    f(static_cast<Resource*>(message));
    return;
  }

  const Reflection* reflection = message->GetReflection();
  for (int i = 0; i < descriptor->field_count(); i++) {
    const FieldDescriptor* field = descriptor->field(i);
    const Descriptor* type = field->message_type();
    if (type == nullptr || !memo->at(type))
      continue;

    if (field->is_repeated()) {
      const int size = reflection->FieldSize(*message, field);
      for (int j = 0; j < size; j++) {
        visit(reflection->MutableRepeatedMessage(message, field, j), f, memo);
      }
    } else if (reflection->HasField(*message, field)) {
      visit(reflection->MutableMessage(message, field), f, memo);
    }
  }
}

// The single-reservation PRE fields, derived from `reservations(0)`.
void setPreRefinementFields(Resource* resource) {
  const Resource::ReservationInfo& source = resource->reservations(0);
  if (source.type() == Resource::ReservationInfo::DYNAMIC) {
    Resource::ReservationInfo* target = resource->mutable_reservation();
    target->Clear();
    if (source.has_principal())
      target->set_principal(source.principal());
    if (source.has_labels())
      *target->mutable_labels() = source.labels();
  } else {
    resource->clear_reservation();
  }
  resource->set_role(source.role());
}

}  // namespace

Try<Nothing> convertResourceFormat(Resource* resource, ResourceFormat format) {
  switch (format) {
    case POST_RESERVATION_REFINEMENT: {
      if (resource->reservations_size() > 0) {
        resource->clear_role();
        resource->clear_reservation();
        return Nothing();
      }

      if (resource->role() == "*") {
        resource->clear_role();
        return Nothing();
      }

      Resource::ReservationInfo* reservation = resource->add_reservations();
      if (resource->has_reservation()) {
        *reservation = resource->reservation();
        reservation->set_type(Resource::ReservationInfo::DYNAMIC);
        resource->clear_reservation();
      } else {
        reservation->set_type(Resource::ReservationInfo::STATIC);
      }
      reservation->set_role(resource->role());
      resource->clear_role();
      return Nothing();
    }

    case PRE_RESERVATION_REFINEMENT:
    case ENDPOINT: {
      if (resource->reservations_size() > 1) {
        if (format == PRE_RESERVATION_REFINEMENT) {
          return Error(
              "Cannot downgrade resources containing refined reservations");
        }
        resource->clear_role();
        resource->clear_reservation();
        return Nothing();
      }

      if (resource->reservations_size() == 1) {
        setPreRefinementFields(resource);
        if (format == PRE_RESERVATION_REFINEMENT)
          resource->clear_reservations();
        return Nothing();
      }

      // Unreserved, or already in the PRE format.
      if (!resource->has_role())
        resource->set_role("*");
      return Nothing();
    }
  }
  return Nothing();
}

Try<Nothing> convertResourceFormat(
    google::protobuf::RepeatedPtrField<Resource>* resources,
    ResourceFormat format) {
  if (format == PRE_RESERVATION_REFINEMENT)
    return downgradeResources(resources);
  for (Resource& resource : *resources)
    convertResourceFormat(&resource, format).get();
  return Nothing();
}

Try<Nothing> convertResourceFormat(std::vector<Resource>* resources,
                                   ResourceFormat format) {
  if (format == PRE_RESERVATION_REFINEMENT)
    return downgradeResources(resources);
  for (Resource& resource : *resources)
    convertResourceFormat(&resource, format).get();
  return Nothing();
}

void upgradeResource(Resource* resource) {
  convertResourceFormat(resource, POST_RESERVATION_REFINEMENT).get();
}

void upgradeResources(google::protobuf::RepeatedPtrField<Resource>* resources) {
  for (Resource& resource : *resources)
    upgradeResource(&resource);
}

void upgradeResources(std::vector<Resource>* resources) {
  for (Resource& resource : *resources)
    upgradeResource(&resource);
}

void upgradeResources(google::protobuf::Message* message) {
  forEachResource(message,
                  [](Resource* resource) { upgradeResource(resource); });
}

Try<Nothing> downgradeResource(Resource* resource) {
  return convertResourceFormat(resource, PRE_RESERVATION_REFINEMENT);
}

namespace {

template <typename Container>
Try<Nothing> downgradeAll(Container* resources) {
  for (const Resource& resource : *resources) {
    if (resource.reservations_size() > 1) {
      return Error(
          "Cannot downgrade resources containing refined reservations");
    }
  }
  for (Resource& resource : *resources)
    convertResourceFormat(&resource, PRE_RESERVATION_REFINEMENT).get();
  return Nothing();
}

}  // namespace

Try<Nothing> downgradeResources(
    google::protobuf::RepeatedPtrField<Resource>* resources) {
  return downgradeAll(resources);
}

Try<Nothing> downgradeResources(std::vector<Resource>* resources) {
  return downgradeAll(resources);
}

Try<Nothing> downgradeResources(google::protobuf::Message* message) {
  bool refined = false;
  forEachResource(message, [&refined](Resource* resource) {
    refined = refined || resource->reservations_size() > 1;
  });
  if (refined) {
    return Error("Cannot downgrade resources containing refined reservations");
  }
  forEachResource(message, [](Resource* resource) {
    convertResourceFormat(resource, PRE_RESERVATION_REFINEMENT).get();
  });
  return Nothing();
}

void forEachResource(google::protobuf::Message* message,
                     const std::function<void(Resource*)>& f) {
  Containment memo;
  buildContainment(message->GetDescriptor(), &memo);
  if (memo.at(message->GetDescriptor()))
    visit(message, f, &memo);
}

}  // namespace mesos
