#ifndef PROCESS_ID_HPP
#define PROCESS_ID_HPP

#include <string>

namespace process {
namespace ID {

// Returns "prefix(N)" where N counts the calls made with that prefix in
// this OS process, starting at 1: "slave(1)", "slave(2)", "executor(1)".
// Thread-safe; ids from one prefix never repeat.
std::string generate(const std::string& prefix = "");

}  // namespace ID
}  // namespace process

#endif  // PROCESS_ID_HPP
