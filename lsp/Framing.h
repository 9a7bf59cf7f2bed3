// Framing: the LSP base protocol's `Content-Length` headers, cut out of a byte stream.
//
//     Content-Length: 52\r\n
//     \r\n
//     {"jsonrpc":"2.0","id":1,"method":"shutdown"}
//
// The reader never trusts the stream: a header block without a usable length, garbage
// before a header, or a body too large to hold each becomes an error event, and reading
// resumes at the next header it can find, so one bad message does not end the session.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>

namespace shrike::lsp {

struct FrameEvent {
  enum class Kind { Message, Error };
  Kind kind;
  std::string text; // the body of a message, or what was wrong
};

class MessageReader {
public:
  // Bodies longer than this are skipped (and reported) without being buffered.
  static constexpr size_t defaultMaxBody = size_t(256) << 20;
  // A header block longer than this without its blank line is garbage.
  static constexpr size_t maxHeaderBlock = 64 * 1024;

  explicit MessageReader(size_t maxBody = defaultMaxBody) : maxBody_(maxBody) {}

  // Appends bytes read from the stream.
  void feed(std::string_view bytes);
  // Takes the next event, if a complete one is available.
  bool next(FrameEvent& event);
  // Bytes received but not yet part of an event.
  size_t pendingBytes() const { return buffer_.size() - consumed_; }

private:
  void advance();
  bool readHeaders();
  void error(std::string message);

  size_t maxBody_;
  std::string buffer_;
  size_t consumed_ = 0;
  enum class State { Headers, Body, Discard } state_ = State::Headers;
  size_t bodyLength_ = 0;
  std::deque<FrameEvent> events_;
};

// Wraps a body in its header.
std::string frameMessage(std::string_view body);

} // namespace shrike::lsp
