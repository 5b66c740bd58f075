#ifndef PROCESS_DECODER_MESSAGE_HPP
#define PROCESS_DECODER_MESSAGE_HPP

// Recognising libprocess messages among the requests a server decodes.
//
// A libprocess message from A to B arrives as `POST /<B-id>/<name>` with the
// sender's UPID in `Libprocess-From` (or, from old peers, in
// `User-Agent: libprocess/<A-upid>`) and the serialized payload as the body.
// Every other request is plain HTTP, routed to a process's HTTP handlers.
//
// The transport answers a message on the inbound connection itself (see
// http_server.hpp): a message whose User-Agent contains "libprocess/"
// gets no answer at all; any other gets 202 when `parseMessage` returned
// Some and the target process exists (a process without a handler for the
// name still counts), 404 when no process has that id. An Error is
// answered 400 with the error as body. Replies travel as new messages
// over the receiver's own connection.

#include <string>

#include <process/http.hpp>

#include <stout/result.hpp>

namespace process {

// A message as it came off the wire. `from` is the sender's UPID text,
// unparsed ("id@ip:port"); the transport parses it into a UPID.
struct InboundMessage {
  std::string from;
  std::string to;  // The receiver's process id, percent-decoded.
  std::string name;
  std::string body;
};

// Whether `request` is a libprocess message: a POST that carries a
// `Libprocess-From` header or a User-Agent starting with "libprocess/".
// Cheap: a method comparison and at most two header look-ups.
bool isMessage(const http::Request& request);

// Extracts the message from `*request`:
//   - None: not a message (see `isMessage`); `*request` is untouched.
//   - Error: a message that cannot be delivered (answer 400): no sender
//     (the chosen header is empty), a path that does not start with '/', or
//     a malformed %-escape in the id. `*request` is untouched.
//   - Some: the message; the body has been moved out of `*request`.
//
// Rules, as libprocess applies them: the sender is the trimmed
// `Libprocess-From` value if that header is present (it wins), else the
// trimmed rest of the User-Agent after "libprocess/". The path's first
// segment, percent-decoded ('+' becomes ' '), is the receiver id; the rest
// after the next '/' is the name, taken verbatim (not decoded). "/id" alone
// gives an empty name. The query string plays no part.
Result<InboundMessage> parseMessage(http::Request* request);

}  // namespace process

#endif  // PROCESS_DECODER_MESSAGE_HPP
