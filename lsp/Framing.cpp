// Framing: Content-Length header parsing with resynchronisation after garbage.
#include "lsp/Framing.h"

#include <algorithm>
#include <cctype>

namespace shrike::lsp {

namespace {

constexpr std::string_view lengthHeader = "content-length";

// The first place `needle` (lower case) occurs in `text`, ignoring case.
size_t findIgnoreCase(std::string_view text, std::string_view needle) {
  auto it = std::search(text.begin(), text.end(), needle.begin(), needle.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == y;
  });
  return it == text.end() ? std::string_view::npos : static_cast<size_t>(it - text.begin());
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Where the header block ends: the blank line, as CRLF CRLF (the protocol) or LF LF (lenient).
// Returns the offset of the terminator and stores its length.
size_t findHeaderEnd(std::string_view text, size_t& terminatorLength) {
  size_t crlf = text.find("\r\n\r\n");
  size_t lf = text.find("\n\n");
  if (crlf != std::string_view::npos && (lf == std::string_view::npos || crlf <= lf)) {
    terminatorLength = 4;
    return crlf;
  }
  terminatorLength = 2;
  return lf;
}

std::string printable(std::string_view bytes) {
  std::string out;
  for (char c : bytes.substr(0, 40)) {
    auto u = static_cast<unsigned char>(c);
    out += (u >= 0x20 && u < 0x7F) ? c : '?';
  }
  if (bytes.size() > 40) out += "...";
  return out;
}

} // namespace

void MessageReader::feed(std::string_view bytes) {
  if (state_ == State::Discard && consumed_ == buffer_.size()) {
    // Skip discarded bytes without ever buffering them.
    size_t skip = std::min(bodyLength_, bytes.size());
    bodyLength_ -= skip;
    bytes.remove_prefix(skip);
    if (bodyLength_ == 0) state_ = State::Headers;
  }
  if (consumed_ > 0 && consumed_ * 2 >= buffer_.size()) {
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
  buffer_.append(bytes);
  advance();
}

bool MessageReader::next(FrameEvent& event) {
  if (events_.empty()) return false;
  event = std::move(events_.front());
  events_.pop_front();
  return true;
}

void MessageReader::error(std::string message) {
  events_.push_back(FrameEvent{FrameEvent::Kind::Error, std::move(message)});
}

void MessageReader::advance() {
  for (;;) {
    std::string_view pending = std::string_view(buffer_).substr(consumed_);
    if (state_ == State::Discard) {
      size_t skip = std::min(bodyLength_, pending.size());
      consumed_ += skip;
      bodyLength_ -= skip;
      if (bodyLength_ > 0) return;
      state_ = State::Headers;
      continue;
    }
    if (state_ == State::Body) {
      if (pending.size() < bodyLength_) return;
      events_.push_back(
          FrameEvent{FrameEvent::Kind::Message, std::string(pending.substr(0, bodyLength_))});
      consumed_ += bodyLength_;
      state_ = State::Headers;
      continue;
    }
    if (!readHeaders()) return;
  }
}

// Reads one header block; returns false when more bytes are needed.
bool MessageReader::readHeaders() {
  std::string_view pending = std::string_view(buffer_).substr(consumed_);
  // Blank lines between messages are harmless; skip them quietly.
  size_t blank = 0;
  while (blank < pending.size() && (pending[blank] == '\r' || pending[blank] == '\n')) ++blank;
  consumed_ += blank;
  pending.remove_prefix(blank);
  if (pending.empty()) return false;

  size_t terminatorLength = 0;
  size_t end = findHeaderEnd(pending, terminatorLength);
  if (end == std::string_view::npos) {
    if (pending.size() > maxHeaderBlock) {
      error("a header block of more than " + std::to_string(maxHeaderBlock) +
            " bytes without a blank line; dropped");
      consumed_ = buffer_.size();
    }
    return false;
  }
  std::string_view block = pending.substr(0, end);
  consumed_ += end + terminatorLength;

  // Garbage before the length header (for example the rest of a body whose length was
  // understated) is reported, and the header after it is still used.
  size_t lengthAt = findIgnoreCase(block, lengthHeader);
  if (lengthAt == std::string_view::npos) {
    error("a message without a Content-Length header (\"" + printable(block) + "\"); dropped");
    return true;
  }
  size_t lineStart = block.rfind('\n', lengthAt);
  lineStart = lineStart == std::string_view::npos ? 0 : lineStart + 1;
  if (lineStart != lengthAt) {
    error("unexpected bytes before a header (\"" + printable(block.substr(0, lengthAt)) +
          "\"); skipped");
  } else if (lengthAt > 0) {
    // Other header lines before Content-Length must look like headers.
    std::string_view before = block.substr(0, lengthAt);
    size_t start = 0;
    while (start < before.size()) {
      size_t stop = before.find('\n', start);
      if (stop == std::string_view::npos) stop = before.size();
      std::string_view line = trim(before.substr(start, stop - start));
      if (!line.empty() && line.find(':') == std::string_view::npos) {
        error("unexpected bytes before a header (\"" + printable(line) + "\"); skipped");
        break;
      }
      start = stop + 1;
    }
  }

  std::string_view rest = block.substr(lengthAt + lengthHeader.size());
  size_t lineEnd = rest.find('\n');
  std::string_view line = rest.substr(0, lineEnd);
  line = trim(line);
  if (line.empty() || line.front() != ':') {
    error("a malformed Content-Length header; dropped");
    return true;
  }
  line = trim(line.substr(1));
  if (line.empty() || line.size() > 18 ||
      !std::all_of(line.begin(), line.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    error("Content-Length is not a number (\"" + printable(line) + "\"); dropped");
    return true;
  }
  size_t length = std::stoull(std::string(line));
  if (length > maxBody_) {
    error("a message of " + std::to_string(length) + " bytes exceeds the limit of " +
          std::to_string(maxBody_) + " bytes; skipped");
    state_ = State::Discard;
    bodyLength_ = length;
    return true;
  }
  state_ = State::Body;
  bodyLength_ = length;
  return true;
}

std::string frameMessage(std::string_view body) {
  std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  out.append(body);
  return out;
}

} // namespace shrike::lsp
