// SourceText: the UTF-8 bytes of one file or buffer, with a line index and position conversions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shrike::parser {

// A half-open byte range [start, end) into a SourceText.
struct TextRange {
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t length() const { return end - start; }
  bool contains(uint32_t offset) const { return start <= offset && offset < end; }
  bool containsInclusive(uint32_t offset) const { return start <= offset && offset <= end; }
  bool operator==(const TextRange&) const = default;
};

// A position as (line, column), both 0-based; what a column counts depends on the call.
struct LineColumn {
  uint32_t line = 0;
  uint32_t column = 0;
  bool operator==(const LineColumn&) const = default;
};

// How a column is counted: bytes of UTF-8, UTF-16 code units (LSP's default) or code points.
enum class ColumnUnit : uint8_t { Utf8, Utf16, Utf32 };

// Owns the text. Invalid UTF-8 is replaced by U+FFFD when the text is built, so every
// later layer can assume valid UTF-8; a leading byte-order mark is dropped. Lines end at
// LF, CRLF or a lone CR, as Python's tokenizer treats them.
class SourceText {
public:
  SourceText() : SourceText(std::string()) {}
  // UTF-8 text (an editor's buffer): invalid bytes become U+FFFD.
  explicit SourceText(std::string bytes);
  // The bytes of a file as Python reads them: UTF-8, or the encoding its coding declaration
  // names (PEP 263; see SourceEncoding.h), decoded to UTF-8.
  static SourceText fromFileBytes(std::string bytes);

  std::string_view text() const { return text_; }
  uint32_t size() const { return static_cast<uint32_t>(text_.size()); }
  bool hadInvalidUtf8() const { return hadInvalidUtf8_; }
  bool hadByteOrderMark() const { return hadByteOrderMark_; }
  // The offset of the first byte that was not valid UTF-8 in the original bytes, if any.
  uint32_t firstInvalidUtf8Offset() const { return firstInvalidUtf8_; }

  uint32_t lineCount() const { return static_cast<uint32_t>(lineStarts_.size()); }
  uint32_t lineStart(uint32_t line) const;
  // End of the line's content, before its terminator.
  uint32_t lineEnd(uint32_t line) const;
  std::string_view lineText(uint32_t line) const;
  uint32_t lineOf(uint32_t offset) const;

  // Offsets past the end clamp to the end; an offset inside a multi-byte character counts
  // as that character's start.
  LineColumn toLineColumn(uint32_t offset, ColumnUnit unit) const;
  // Columns past the line's end clamp to the line's end (as LSP asks); lines past the last
  // clamp to the end of the text.
  uint32_t toOffset(LineColumn position, ColumnUnit unit) const;
  // True when the position names a place inside the text without clamping.
  bool isValidPosition(LineColumn position, ColumnUnit unit) const;

  // Replaces [range) with replacement and rebuilds the line index. The range is clamped to
  // the text and widened to whole characters (see characterRange), so the text stays UTF-8.
  void edit(TextRange range, std::string_view replacement);
  // The range clamped to the text, its ends moved out of any multi-byte character they split.
  TextRange characterRange(TextRange range) const;

private:
  void buildLineIndex();

  std::string text_;
  std::vector<uint32_t> lineStarts_;
  bool hadInvalidUtf8_ = false;
  bool hadByteOrderMark_ = false;
  uint32_t firstInvalidUtf8_ = 0;
};

// Decodes one UTF-8 sequence at text[offset]; returns its length (1 for an invalid byte)
// and stores the code point (U+FFFD when invalid).
uint32_t decodeUtf8(std::string_view text, uint32_t offset, char32_t& codePoint);
// Appends the UTF-8 form of a code point.
void appendUtf8(std::string& out, char32_t codePoint);
// Replaces invalid UTF-8 by U+FFFD; returns true when anything was replaced.
bool sanitizeUtf8(std::string& text, uint32_t* firstInvalid = nullptr);

} // namespace shrike::parser
