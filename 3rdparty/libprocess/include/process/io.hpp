#ifndef PROCESS_IO_HPP
#define PROCESS_IO_HPP

// Asynchronous I/O on file descriptors (pipes, sockets, ttys), driven by
// the runtime's event loop instead of a blocked thread.
//
//   io::prepare_async(fd);                       // O_NONBLOCK
//   Future<size_t> n = io::read(fd, buffer, 4096);
//   Future<std::string> all = io::read(child.out().get());   // to EOF
//   Future<Nothing> sent = io::write(child.in().get(), "input");
//
// Common contract:
//   - Every call is thread-safe, never blocks and requires (and, like
//     Mesos, performs) process::initialize().
//   - The returned future completes exactly once: READY with the result,
//     FAILED with a message naming the errno (EBADF, EPIPE, ...), or
//     DISCARDED after a discard request. EINTR and EAGAIN are never
//     failures: the operation retries or waits for readiness.
//   - A discard request stops the operation: no byte is read or written
//     after the future is DISCARDED. It may still complete otherwise if it
//     finished before the request reached the event loop.
//   - Callbacks on the returned future may run on the event-loop thread:
//     keep them short or `defer` them to a process.
//   - Writes never raise SIGPIPE: a write to a pipe or socket whose reader
//     is gone fails with "Broken pipe".
//
// Two families differ in who owns the descriptor:
//   - `poll`, `read(fd, data, size)` and `write(fd, data, size)` use `fd`
//     itself. It must stay open, and `data` valid, until the future is no
//     longer pending (so after discarding, wait for DISCARDED before
//     closing). The sized read/write require a non-blocking descriptor
//     (`prepare_async`), as Mesos does.
//   - `read(fd)`, `write(fd, string)` and `redirect` work on their own
//     close-on-exec duplicate of `fd`, made non-blocking. The caller may
//     close `fd` at any time. A duplicate shares the open file description,
//     so this also makes `fd` non-blocking (as in Mesos).

#include <sys/types.h>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <process/future.hpp>

#include <stout/nothing.hpp>
#include <stout/option.hpp>
#include <stout/try.hpp>

namespace process {
namespace io {

// Events for `poll` (the same bits as Mesos's io::READ / io::WRITE).
inline constexpr short READ = 0x01;
inline constexpr short WRITE = 0x02;

// Chunk size of the read-to-EOF and redirect loops: 16 pages.
inline constexpr size_t BUFFERED_READ_SIZE = 16 * 4096;

// Makes `fd` ready for the sized read/write: sets O_NONBLOCK.
Try<Nothing> prepare_async(int fd);

// True if `fd` is non-blocking; an error if `fd` is not open.
Try<bool> is_async(int fd);

// Waits until `fd` is ready for any of `events` (READ | WRITE) and
// returns the subset that is ready. An error or hang-up on the descriptor
// counts as ready (the next read/write reports it). Fails at once if
// `events` has no known bit.
Future<short> poll(int fd, short events);

// One read of at most `size` bytes into `data`, waiting until some data or
// EOF is available: the number of bytes read (fewer than `size` is normal),
// 0 at end of file, and also 0 at once when `size` is 0. Fails with
// "Expected an asynchronous file descriptor." if `fd` is blocking.
Future<size_t> read(int fd, void* data, size_t size);

// Everything until end of file. Make sure the writer eventually closes its
// end (a pipe whose write end is still open in some process never ends).
Future<std::string> read(int fd);

// One write of at most `size` bytes from `data`, waiting until `fd` can
// take some: the number of bytes written (may be fewer than `size`); 0 at
// once when `size` is 0. Fails like the sized read if `fd` is blocking.
Future<size_t> write(int fd, const void* data, size_t size);

// All of `data` (copied now), in as many writes as needed.
Future<Nothing> write(int fd, const std::string& data);

// Copies everything from `from` to `to` (to /dev/null if None) until EOF
// on `from`, in reads of at most `chunk` bytes. Each chunk is passed to
// every hook, in order, on the event-loop thread, before it is written.
// READY after EOF; FAILED on a read or write error (some data may have
// been copied).
Future<Nothing> redirect(
    int from, Option<int> to, size_t chunk = 4096,
    const std::vector<std::function<void(const std::string&)>>& hooks = {});

}  // namespace io
}  // namespace process

#endif  // PROCESS_IO_HPP
