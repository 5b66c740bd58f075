#ifndef MESOS_SLAVE_CONTAINERIZER_MESOS_FETCHER_HPP
#define MESOS_SLAVE_CONTAINERIZER_MESOS_FETCHER_HPP

// The fetcher: downloads a CommandInfo's `uris` into a sandbox before the
// executor starts, as Mesos's fetcher does (without its cache).
//
// For each URI, in order:
//   - `http://host[:port]/path`: GET with libprocess's HTTP client; any
//     status but 200 is a failure. Other schemes (https, hdfs, s3, ...) are
//     not supported and fail.
//   - a local path, optionally written `file:///path`: copied with cp(1). A
//     relative path is taken relative to `frameworksHome`, and is an error
//     when that is empty (as in Mesos).
//   - The file is named `output_file` if the URI sets it, else the last
//     component of the path, and lands in the sandbox.
//   - `executable`: the file gets mode 0755 and is not extracted.
//   - otherwise, if `extract` (default true) and the name ends in .tar,
//     .tar.gz, .tgz, .tar.bz2, .tbz2, .tar.xz, .txz or .zip, it is unpacked
//     into the sandbox with tar(1) / unzip(1) (the archive is kept).
// What happens is logged to `<sandbox>/stderr` (appended), including the
// output of cp/tar/unzip.
//
// The returned future is READY when every URI is in place and FAILED at
// the first one that is not, with a message naming the URI. Discarding it
// stops the fetch: a running cp/tar/unzip is killed and a pending download
// abandoned, and the future becomes DISCARDED. Never blocks the caller for
// more than small local file operations; thread-safe.

#include <string>

#include <google/protobuf/repeated_field.h>

#include <mesos/mesos.hpp>

#include <process/future.hpp>

#include <stout/nothing.hpp>

namespace mesos {
namespace internal {
namespace slave {

process::Future<Nothing> fetch(
    const google::protobuf::RepeatedPtrField<CommandInfo::URI>& uris,
    const std::string& sandbox, const std::string& frameworksHome);

}  // namespace slave
}  // namespace internal
}  // namespace mesos

#endif  // MESOS_SLAVE_CONTAINERIZER_MESOS_FETCHER_HPP
