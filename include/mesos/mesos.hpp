#ifndef MESOS_MESOS_HPP
#define MESOS_MESOS_HPP

// The public Mesos messages (generated from mesos/mesos.proto) together
// with the operators framework code expects on them: ==, !=, <, << and
// std::hash for the ID types, == and << for common messages. See
// type_utils.hpp for the exact semantics.
#include <mesos/mesos.pb.h>
#include <mesos/type_utils.hpp>

#endif  // MESOS_MESOS_HPP
