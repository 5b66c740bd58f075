#ifndef STOUT_OS_HPP
#define STOUT_OS_HPP

// All of stout's operating-system helpers. Include the os/*.hpp header you
// need instead where compile time matters.
#include <stout/os/environment.hpp>
#include <stout/os/fd.hpp>
#include <stout/os/fs.hpp>
#include <stout/os/read.hpp>
#include <stout/os/stat.hpp>
#include <stout/os/system.hpp>
#include <stout/os/write.hpp>

#endif  // STOUT_OS_HPP
