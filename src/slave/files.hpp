#ifndef MESOS_SLAVE_FILES_HPP
#define MESOS_SLAVE_FILES_HPP

// The agent's file browser: the libprocess process `files` serving
// `GET /files/browse?path=P` and `GET /files/read?path=P&offset=N[&length=M]`
// over the directories attached to it (each executor's sandbox, under its
// own absolute path as the virtual path, as Mesos attaches it).
//
// Answers (Mesos 1.11's JSON):
//   browse -> [{"path","nlink","size","mtime","mode","uid","gid"}, ...]
//             (a file answers with its own entry);
//   read   -> {"data": <bytes as text>, "offset": N};
//             offset=-1 -> {"data": "", "offset": <file size>}.
//
// Confinement: a path is served only below an attached directory. A path
// with a ".." component is refused (400); a path that resolves (through
// symlinks) outside the attached directory is refused (403); anything not
// found, or not attached, is 404. Missing or bad parameters are 400.
//
// Thread-safe: calls are dispatched to the process.

#include <memory>
#include <string>

#include <process/future.hpp>

#include <stout/nothing.hpp>

namespace mesos {
namespace internal {

class FilesProcess;

class Files {
 public:
  // Spawns the `files` process (its id must be free).
  Files();
  ~Files();

  Files(const Files&) = delete;
  Files& operator=(const Files&) = delete;

  // Serves the real directory or file `path` under the virtual path
  // `name`. READY once attached; FAILED if `path` does not exist.
  process::Future<Nothing> attach(const std::string& path,
                                  const std::string& name);

  // Stops serving `name` (no-op when unknown).
  void detach(const std::string& name);

 private:
  std::unique_ptr<FilesProcess> process_;
};

}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SLAVE_FILES_HPP
